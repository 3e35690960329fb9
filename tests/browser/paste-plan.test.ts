import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { parsePastedTable } from "../../models/plan-paste.ts";
import { expectNoAxeViolations } from "./harness.ts";
import { useBrowserSuite } from "./suite.ts";

/**
 * "Paste a plan's table", driven in Chromium: the Huyi table pasted as copied from the seed text is read
 * with its three guesses flagged; "Create plan" waits until each is checked; the created plan opens in
 * the workbench with its 14 indicators, survives a reload, and downloads as the plan JSON the parser
 * drafted. The review screen has no axe violations.
 */

const suite = useBrowserSuite();

const HUYI = readFileSync(join(import.meta.dirname, "../fixtures/paste/huyi-seed.txt"), "utf8")
  .split("\n")
  .filter((l) => !l.startsWith("# "))
  .join("\n");

const JIAXING = readFileSync(join(import.meta.dirname, "../fixtures/paste/jiaxing-seed.txt"), "utf8")
  .split("\n")
  .filter((l) => !l.startsWith("# "))
  .join("\n");

const indicatorRows = ".dashboard-table tr[data-indicator]";

/**
 * At 1366×768 every column of the review is inside its box, the "checked" boxes included: none is
 * reached by scrolling sideways.
 */
async function expectReviewFits(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  const sizes = await page.locator(".paste-review").evaluate((table) => ({
    table: Math.ceil(table.getBoundingClientRect().width),
    box: table.parentElement!.clientWidth,
  }));
  expect(sizes.table, `review table ${sizes.table} px in a box of ${sizes.box} px`).toBeLessThanOrEqual(
    sizes.box,
  );
}

describe("paste a plan's table", () => {
  it("reads the Huyi table, asks for the guesses to be checked, creates, opens, keeps and exports the plan", async () => {
    const tp = await suite.newPage({ lang: "en" });
    const page = tp.page;
    await page.goto(suite.url);
    await page.getByRole("button", { name: "Paste a plan's table" }).click();
    await page.getByRole("heading", { level: 1, name: "Paste a plan's table" }).waitFor();

    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByLabel("Indicator table (copied from the document)").fill(HUYI);
    await page.getByRole("button", { name: "Read the table" }).click();
    const status = page.getByRole("status").filter({ hasText: "indicator rows" });
    await expect.poll(() => status.textContent()).toBe("14 indicator rows read; 3 have readings to confirm.");
    // What was read is brought into view, not left below the fold.
    await expect
      .poll(() =>
        status.evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.top >= 0 && r.bottom <= window.innerHeight;
        }),
      )
      .toBe(true);

    // One review row per indicator, the source cells beside the reading; the guesses marked with reasons.
    const review = page.locator(".paste-review tbody tr");
    await expect.poll(() => review.count()).toBe(14);
    const row15 = review.filter({ has: page.locator('th:text-is("15")') });
    await expect
      .poll(() => row15.locator(".paste-cells li").allTextContents())
      .toEqual(["15", "困难重度残疾人家庭无障碍改造率", "80", "95", "约束性"]);
    expect(await row15.locator(".is-flagged").count()).toBeGreaterThan(0);
    expect(await row15.locator(".paste-flags").textContent()).toContain(
      "the table prints no unit; read as a percentage",
    );
    await expectNoAxeViolations(page, ".paste-plan");
    await expectReviewFits(page);

    const create = page.getByRole("button", { name: "Create plan" });
    expect(await create.isDisabled()).toBe(true);
    await page.getByLabel("Plan id (lower-case letters, digits and hyphens)").fill("huyi-paste-2021-2025");
    await page.getByLabel("Level").selectOption("district");
    await page.getByLabel("Region (Chinese)").fill("西安市鄠邑区");
    await page.getByLabel("Province (Chinese)").fill("陕西省");
    for (const n of [4, 10, 15]) await page.getByLabel(`Row ${n} checked`).check();
    await expect.poll(() => create.isDisabled()).toBe(false);
    // No source yet, and a year in Chinese numerals: refused on those fields, nothing made up.
    const baselineYear = await page.getByLabel("Baseline year").inputValue();
    await page.getByLabel("Baseline year").fill("二〇二〇");
    await create.click();
    const alert = page.getByRole("alert").filter({ hasText: "The plan cannot be created yet" });
    await expect
      .poll(() => alert.locator("li").allTextContents())
      .toEqual([
        "About the plan · source: must be filled in",
        'About the plan · baseline year: "二〇二〇" is not a four-digit year (such as 2020)',
      ]);
    expect(await page.getByLabel("Source (address or document name)").getAttribute("aria-invalid")).toBe(
      "true",
    );
    expect(await page.locator("[data-imported]").count()).toBe(0);
    await page.getByLabel("Baseline year").fill(baselineYear);
    await page.getByLabel("Source (address or document name)").fill("seeds/002_6bdfb2c23f2bbf59.txt");
    await create.click();

    // The workbench opens on the new plan, like a shipped one.
    await expect.poll(() => page.locator("#plan-summary-heading").textContent()).toContain("专栏1：鄠邑区");
    await expect.poll(() => page.locator(indicatorRows).count()).toBe(14);

    // A reload keeps it: listed with the plans, and reopened where the person was. First the work is
    // saved and the Monte Carlo run has answered, so the reload cuts no request short.
    await expect.poll(() => page.locator(".save-status").textContent()).toMatch(/Saved/);
    await expect.poll(() => page.locator(".run-status").textContent()).toMatch(/Probabilities from/);
    await expect.poll(() => page.locator(".dashboard-table").getAttribute("aria-busy")).toBeNull();
    await page.reload();
    await expect.poll(() => page.locator(indicatorRows).count()).toBe(14);
    // Back to the plan list: the imported plan is offered beside the shipped ones.
    await page.getByRole("link", { name: /All plans/ }).click();
    await expect.poll(() => page.getByRole("article").filter({ hasText: "专栏1：鄠邑区" }).count()).toBe(1);

    // The plan downloads as the repository's plan file, equal to the draft the parser makes.
    const [dl] = await Promise.all([
      page.waitForEvent("download"),
      page
        .getByRole("button", { name: "Download the plan (scenarios/plans/huyi-paste-2021-2025.json)" })
        .click(),
    ]);
    expect(dl.suggestedFilename()).toBe("huyi-paste-2021-2025.json");
    const downloaded = JSON.parse(await readFile((await dl.path())!, "utf8"));
    const draft = parsePastedTable(HUYI, {
      id: "huyi-paste-2021-2025",
      level: "district",
      region: { zh: "西安市鄠邑区" },
      province: { zh: "陕西省" },
      title: { zh: "专栏1：鄠邑区“十四五”时期残疾人事业发展主要指标" },
      baselineYear: 2021,
      targetYear: 2025,
      source: { file: "seeds/002_6bdfb2c23f2bbf59.txt" },
    }).plan;
    expect(downloaded).toEqual(draft);
    const [bl] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: /Download the bindings/ }).click(),
    ]);
    expect(JSON.parse(await readFile((await bl.path())!, "utf8"))).toMatchObject({
      planId: "huyi-paste-2021-2025",
    });
  }, 240_000);

  it("speaks Chinese, places a validation problem on its field, and has no axe violations (Jiaxing)", async () => {
    const tp = await suite.newPage({ lang: "zh-CN" });
    const page = tp.page;
    await page.goto(suite.url);
    await page.getByRole("button", { name: "粘贴规划表格" }).click();
    await page.getByLabel("指标表（从文件中复制后粘贴）").fill(JIAXING);
    await page.getByRole("button", { name: "读取表格" }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "行指标" }).textContent())
      .toBe("读到 14 行指标，其中 1 行有待确认的读法。");
    await expectNoAxeViolations(page, ".paste-plan");
    await expectReviewFits(page);
    await page.getByLabel("已核对第 1 行").check();
    await page.getByLabel("规划 id（小写字母、数字和连字符）").fill("Jiaxing Paste");
    await page.getByRole("button", { name: "创建规划" }).click();
    await expect
      .poll(() => page.getByRole("alert").filter({ hasText: "规划还不能创建" }).textContent())
      .toContain("规划信息 · id");
    // Each problem once, in words: the details left empty, and the plan id's form (the rows' ids, made
    // from it, add nothing more).
    expect(await page.getByRole("alert").locator("li").allTextContents()).toEqual([
      "规划信息 · 地区：必须填写",
      "规划信息 · 来源：必须填写",
      "规划信息 · id：“Jiaxing Paste”不合格式：只能用小写字母、数字和单个连字符，例如 huyi-2021-2025",
    ]);
    // Nothing was created: the first screen still lists only the shipped plans.
    expect(await page.locator("[data-imported]").count()).toBe(0);
  }, 180_000);
});
