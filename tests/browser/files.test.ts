import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./harness.ts";
import { useBrowserSuite } from "./suite.ts";

/**
 * Files in and out, driven in Chromium: bad scenario JSON and bad actuals CSV are explained with the
 * place in the file and change nothing; good actuals re-project the retrofit trajectory through the
 * observed value; CSV, JSON and chart downloads carry the right content; the print stylesheet prints
 * the report without controls. Every test starts from a fresh context.
 */

const suite = useBrowserSuite();

const RETROFIT = "jx-x-retrofit-households";
const CAPACITY = "#as-retrofit-capacity1";

async function start(lang: "zh-CN" | "en"): Promise<Page> {
  const tp = await suite.newPage({ lang });
  await tp.page.goto(suite.url);
  await tp.page.getByRole("heading", { level: 1 }).waitFor();
  await tp.page
    .getByRole("article")
    .filter({ has: tp.page.getByRole("heading", { name: /嘉兴/ }) })
    .getByRole("button")
    .click();
  await row(tp.page, RETROFIT).waitFor();
  return tp.page;
}

const row = (page: Page, id: string) => page.locator(`.dashboard-table tr[data-indicator="${id}"]`);
const verdictOf = (page: Page, id: string) => row(page, id).locator(".verdict").textContent();
const file = (name: string, text: string, mimeType = "application/json") => ({
  name,
  mimeType,
  buffer: Buffer.from(text, "utf8"),
});

async function openGroup(page: Page, group: string): Promise<void> {
  const details = page.locator(`details.assumption-group[data-group="${group}"]`);
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await details.locator(":scope > summary").click();
  }
}

/** The projection of one year in the open indicator detail's data table. */
async function projectionIn(page: Page, year: number): Promise<string> {
  const detail = page.locator("#indicator-detail");
  const table = detail.locator(".data-table");
  if (!(await table.evaluate((d) => (d as HTMLDetailsElement).open))) await table.locator("summary").click();
  const r = table.locator("tbody tr").filter({ has: page.locator(`th:text-is("${year}")`) });
  return (await r.locator("td").first().textContent()) ?? "";
}

describe("files", () => {
  it("refuses a malformed scenario file, naming the place, and changes nothing", async () => {
    const page = await start("en");
    const before = await page.locator("#scenario-select option").allTextContents();
    await page
      .getByLabel("Import a scenario (JSON file)")
      .setInputFiles(file("broken.json", '{\n  "schemaVersion": 1,\n  "id": "x",\n}'));
    const problems = page.locator(".files-panel .import-problems").first();
    await expect.poll(() => problems.textContent()).toContain("broken.json");
    expect(await problems.textContent()).toMatch(/line 4, column 1/);
    expect(await problems.textContent()).toContain("Nothing was changed");

    // Valid JSON, wrong content: every problem with its path.
    await page.getByLabel("Import a scenario (JSON file)").setInputFiles(
      file(
        "wrong.json",
        JSON.stringify({
          schemaVersion: 1,
          id: "mine-x",
          planId: "jiaxing-2021-2025",
          name: { zh: "坏", en: "Bad" },
          extends: "jiaxing-baseline",
          overrides: { "retrofit.capacity1": { value: "lots" } },
        }),
      ),
    );
    await expect.poll(() => problems.textContent()).toContain("wrong.json");
    expect(await problems.textContent()).toContain("overrides.retrofit.capacity1.value");
    expect(await page.locator("#scenario-select option").allTextContents()).toEqual(before);
    await expectNoAxeViolations(page);

    // In Chinese, the same refusal in Chinese.
    await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "简体中文" }).click();
    expect(await problems.textContent()).toContain("没有作任何改动");
  });

  it("imports a scenario file and exports scenario, workspace and verdicts with the right content", async () => {
    const page = await start("en");
    await openGroup(page, "retrofit");
    await page.locator(CAPACITY).fill("300");
    await expect.poll(() => verdictOf(page, RETROFIT)).toContain("Missed");

    const [scenarioDl] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export scenario (JSON)" }).click(),
    ]);
    expect(scenarioDl.suggestedFilename()).toBe("jiaxing-baseline-shared.json");
    const scenario = JSON.parse(await readFile((await scenarioDl.path())!, "utf8"));
    expect(scenario).toMatchObject({
      schemaVersion: 1,
      planId: "jiaxing-2021-2025",
      extends: "jiaxing-baseline",
      overrides: { "retrofit.capacity1": { value: 300 } },
    });

    const [wsDl] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export workspace" }).click(),
    ]);
    expect(wsDl.suggestedFilename()).toMatch(/^reachable-workspace-\d{4}-\d{2}-\d{2}\.json$/);
    const ws = JSON.parse(await readFile((await wsDl.path())!, "utf8"));
    expect(ws).toMatchObject({ format: "reachable-workspace", version: 3, language: "en" });
    expect(ws.edits["jiaxing-baseline"]["retrofit.capacity1"]).toEqual({ value: 300 });
    expect(ws.notebooks["jiaxing-baseline"].log).toHaveLength(1);

    const [csvDl] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download projections and verdicts (CSV)" }).click(),
    ]);
    expect(csvDl.suggestedFilename()).toBe("jiaxing-2021-2025-jiaxing-baseline-verdicts.csv");
    const csv = await readFile((await csvDl.path())!, "utf8");
    expect(csv.startsWith("\uFEFFindicator,number,name,year,projected")).toBe(true);
    const target = csv.split("\r\n").find((l) => l.startsWith(`${RETROFIT},`) && l.includes(",2025,"));
    expect(target).toMatch(/,Missed,/);

    // The exported scenario comes back in as a scenario of its own (its id is free here).
    await page.getByRole("button", { name: "Undo" }).click();
    await page
      .getByLabel("Import a scenario (JSON file)")
      .setInputFiles(file("mine.json", JSON.stringify({ ...scenario, id: "imported-one" })));
    await expect
      .poll(async () => (await page.locator("#scenario-select option:checked").textContent()) ?? "")
      .toMatch(/Jiaxing/);
    expect(await page.locator("#scenario-select").inputValue()).toBe("imported-one");
    expect(await verdictOf(page, RETROFIT)).toContain("Missed");

    // Charts as SVG and PNG.
    await page.locator(`#details-${RETROFIT}`).click();
    const detail = page.locator("#indicator-detail");
    const [svgDl] = await Promise.all([
      page.waitForEvent("download"),
      detail.getByRole("button", { name: /Download chart \(SVG\)/ }).click(),
    ]);
    const svg = await readFile((await svgDl.path())!, "utf8");
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain("<path");
    const [pngDl] = await Promise.all([
      page.waitForEvent("download"),
      detail.getByRole("button", { name: /Download chart \(PNG\)/ }).click(),
    ]);
    const png = await readFile((await pngDl.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(2000);
  });

  // Reads, reviews, runs axe on the review and applies: the heaviest test here, so it has more time.
  it("lists the bad rows of an actuals file in the page's language, previews the verdicts, and applies only the good rows", async () => {
    const page = await start("zh-CN");
    const before = await verdictOf(page, RETROFIT);
    // A GB18030 file from Excel in Chinese: a Chinese header (指标,年份,数值), one good row, one bad.
    const gbHeader = Buffer.from([
      0xd6, 0xb8, 0xb1, 0xea, 0x2c, 0xc4, 0xea, 0xb7, 0xdd, 0x2c, 0xca, 0xfd, 0xd6, 0xb5,
    ]);
    const body = Buffer.from(`\r\n${RETROFIT},2022,"1,000"\r\n${RETROFIT},2023,abc\r\n`);
    await page
      .getByLabel("导入观测值（CSV 文件）")
      .setInputFiles({ name: "actuals.csv", mimeType: "text/csv", buffer: Buffer.concat([gbHeader, body]) });
    const review = page.locator(".actuals-review");
    await expect.poll(() => review.textContent()).toContain("1 行可以导入；1 行有问题，将不导入。");
    const problems = review.locator(".import-problems");
    expect(await problems.textContent()).toContain("actuals.csv");
    expect(await problems.textContent()).toContain("第 3 行“数值”列");
    expect(await problems.textContent()).toContain("“abc” 不是数字");
    expect(await problems.textContent()).not.toContain("row 3");
    // The preview says how many verdicts would change (1,000 households by 2022 changes none).
    expect(await review.locator(".actuals-preview").textContent()).toMatch(/判断会改变/);
    // Nothing changes before the person applies.
    expect(await page.locator(".actuals-table").count()).toBe(0);
    expect(await verdictOf(page, RETROFIT)).toBe(before);
    await expectNoAxeViolations(page);
    await review.getByRole("button", { name: "应用 1 个观测值" }).click();
    await expect.poll(() => page.locator(".actuals-table tbody tr").count()).toBe(1);
    expect(await page.locator(".actuals-review").count()).toBe(0);
    expect(await page.locator(".actuals .note-ok").textContent()).toContain("已导入 1 个观测值");
  }, 120_000);

  it("previews a verdict that an observed value would turn, and cancels without a change", async () => {
    // Homes for the disabled reach every town on the observed trend: a low observed 2025 value turns it.
    const HOMES = "jx-t04-homes-coverage";
    const page = await start("en");
    expect(await verdictOf(page, HOMES)).not.toContain("Missed");
    await page
      .getByLabel("Import observed values (CSV file)")
      .setInputFiles(file("low.csv", `indicator,year,value\n${HOMES},2025,50\n`, "text/csv"));
    const review = page.locator(".actuals-review");
    await expect.poll(() => review.textContent()).toContain("All 1 rows can be imported.");
    const change = review.locator(`.actuals-preview li[data-indicator="${HOMES}"]`);
    expect(await change.textContent()).toMatch(/Met → Missed/);
    await review.getByRole("button", { name: "Cancel" }).click();
    expect(await page.locator(".actuals-review").count()).toBe(0);
    expect(await page.locator(".actuals-table").count()).toBe(0);
    expect(await verdictOf(page, HOMES)).not.toContain("Missed");
  });

  it("re-projects the retrofit trajectory through imported actuals, draws them, and clears them", async () => {
    const page = await start("en");
    const [tpl] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download the CSV template for this plan" }).click(),
    ]);
    const template = await readFile((await tpl.path())!, "utf8");
    expect(template.startsWith("\uFEFFindicator,year,value,name\r\n")).toBe(true);
    expect(template).toContain(`${RETROFIT},2022,,`);

    await page.locator(`#details-${RETROFIT}`).click();
    const before2022 = await projectionIn(page, 2022);
    expect(before2022).not.toMatch(/^400\b/);
    const filled = template.replace(`${RETROFIT},2022,,`, `${RETROFIT},2022,400,`);
    await page
      .getByLabel("Import observed values (CSV file)")
      .setInputFiles(file("filled.csv", filled, "text/csv"));
    await page.locator(".actuals-review").getByRole("button", { name: "Apply 1 observed values" }).click();
    await expect
      .poll(() => page.locator(".actuals .note-ok").textContent())
      .toMatch(/1 observed values imported/);
    await expect.poll(() => projectionIn(page, 2022)).toMatch(/^400\b/);
    const detail = page.locator("#indicator-detail");
    const yearRow = detail
      .locator(".data-table tbody tr")
      .filter({ has: page.locator('th:text-is("2022")') });
    expect(await yearRow.locator("td").last().textContent()).toMatch(/^400\b/);
    // Drawn as points, said in the legend.
    expect(await detail.locator(".legend").textContent()).toContain("▲");
    expect(await page.locator(".actuals-table tbody tr").count()).toBe(1);
    await expectNoAxeViolations(page);

    // Kept across a reload, then cleared (and the projection goes back).
    await expect.poll(() => page.locator(".save-status").textContent(), { timeout: 5000 }).toMatch(/Saved/);
    await page.reload();
    await row(page, RETROFIT).waitFor();
    expect(await page.locator(".actuals-table tbody tr").count()).toBe(1);
    await page.getByRole("button", { name: "Clear observed values" }).click();
    expect(await page.locator(".actuals-table").count()).toBe(0);
    await page.locator(`#details-${RETROFIT}`).click();
    await expect.poll(() => projectionIn(page, 2022)).toBe(before2022);
  });

  it("prints a report: verdicts, pinned charts, assumptions with sources and notes, without controls", async () => {
    const page = await start("en");
    await row(page, RETROFIT).getByRole("button", { name: /Pin/ }).click();
    await page.getByRole("button", { name: "Add a note" }).click();
    await page.getByLabel("Note text (Markdown)").fill("Printed note");
    await page.getByRole("button", { name: /^Done/ }).click();
    await page.emulateMedia({ media: "print" });
    const report = page.locator(".print-report");
    // The report is built when the page hears of the print media (kernel/printing.ts): wait for it.
    await report.waitFor({ state: "visible" });
    expect(await report.textContent()).toContain("Verdicts of every target");
    expect(await report.textContent()).toContain("Assumptions with their sources");
    expect(await page.locator("#notebook .note-body").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Print report" }).isVisible()).toBe(false);
    expect(await page.locator(".assumptions-panel").isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });
    await report.waitFor({ state: "hidden" });
  });
});
