import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./harness.ts";
import { useBrowserSuite } from "./suite.ts";

const suite = useBrowserSuite();

async function open(lang: "zh-CN" | "en"): Promise<Page> {
  const tp = await suite.newPage({ lang });
  await tp.page.goto(suite.url);
  await tp.page.getByRole("heading", { level: 1 }).waitFor();
  return tp.page;
}

const planCard = (page: Page, name: RegExp) =>
  page.getByRole("article").filter({ has: page.getByRole("heading", { name }) });

// A busy machine runs the workbench slowly; waits are on events, with room for that.
describe("first screen", { timeout: 180_000 }, () => {
  it("offers both plans by their Chinese names, in zh-CN, with no axe violations", async () => {
    const page = await open("zh-CN");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    await expect.poll(() => page.title()).toContain("可达");
    await expect.poll(() => page.getByText("Reachable · 可达").first().isVisible()).toBe(true);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("规划");

    const jiaxing = planCard(page, /嘉兴/);
    const huyi = planCard(page, /鄠邑/);
    expect(await jiaxing.count()).toBe(1);
    expect(await huyi.count()).toBe(1);
    expect(await jiaxing.getByRole("heading").textContent()).toContain("嘉兴市残疾人事业发展");
    // Facts: period, baseline and target year, never grouped.
    const facts = (await jiaxing.locator("dl").textContent()) ?? "";
    expect(facts).toContain("2020");
    expect(facts).toContain("2025");
    expect(facts).not.toContain("2,025");
    await expectNoAxeViolations(page);
  });

  it("speaks English when the browser does, keeping plan titles in Chinese, with no axe violations", async () => {
    const page = await open("en");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Plans");
    const heading = planCard(page, /嘉兴/).getByRole("heading");
    const text = (await heading.textContent()) ?? "";
    expect(text).toContain("嘉兴市残疾人事业发展");
    expect(text).toMatch(/Jiaxing/i);
    expect(await planCard(page, /鄠邑/).count()).toBe(1);
    await expectNoAxeViolations(page);
  });

  it("opens a plan, shows its indicators, and keeps it open across a language switch and a reload", async () => {
    const page = await open("zh-CN");
    const card = planCard(page, /嘉兴/);
    const tableCount = Number(await card.locator("dd").nth(3).textContent());
    const textCount = Number(await card.locator("dd").nth(4).textContent());
    expect(tableCount).toBeGreaterThan(0);

    await card.getByRole("button", { name: /^打开/ }).click();
    await page.locator("section.plan-summary").waitFor();
    const summaryHeading = page.locator("#plan-summary-heading");
    expect(await summaryHeading.textContent()).toContain("嘉兴");
    // Focus lands on the opened plan's heading.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("plan-summary-heading");
    // The workbench loads on demand; its dashboard lists every indicator of the plan.
    const rows = page.locator(".dashboard-table tbody tr");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(tableCount + textCount);
    await expectNoAxeViolations(page);

    const group = page.getByRole("group", { name: "语言" });
    expect(await group.getByRole("button", { name: "简体中文" }).getAttribute("aria-pressed")).toBe("true");
    await group.getByRole("button", { name: "English" }).click();

    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    // The opened plan is the screen: its title is the page's heading; the plan list is one link away.
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("嘉兴");
    expect(await page.getByRole("link", { name: "All plans" }).count()).toBe(1);
    expect(await summaryHeading.textContent()).toContain("嘉兴");
    expect(await summaryHeading.textContent()).toMatch(/Jiaxing/i);
    expect(await rows.count()).toBe(tableCount + textCount);
    const enGroup = page.getByRole("group", { name: "Language" });
    expect(await enGroup.getByRole("button", { name: "English" }).getAttribute("aria-pressed")).toBe("true");
    expect(await enGroup.getByRole("button", { name: "简体中文" }).getAttribute("aria-pressed")).toBe(
      "false",
    );
    await expectNoAxeViolations(page);

    // The choice survives a reload, and so does the opened plan: it is the address.
    await page.reload();
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await summaryHeading.textContent()).toContain("嘉兴");
    await rows.first().waitFor();
  });

  it("works by keyboard: Tab reaches the skip link first, plan buttons open with Enter", async () => {
    const page = await open("zh-CN");
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => ({
      tag: document.activeElement?.tagName,
      href: document.activeElement?.getAttribute("href"),
      text: document.activeElement?.textContent,
    }));
    expect(first).toEqual({ tag: "A", href: "#main", text: "跳到主要内容" });
    expect(await page.locator(".skip-link").isVisible()).toBe(true);

    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");

    // Tab on from main until the Huyi plan's button has focus; the language buttons are passed over.
    const target = planCard(page, /鄠邑/).getByRole("button");
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await target.evaluate((el) => el === document.activeElement);
    }
    expect(reached, "the 鄠邑 plan's button is reachable by Tab").toBe(true);
    await page.keyboard.press("Enter");
    await page.locator("#plan-summary-heading").waitFor();
    expect(await page.locator("#plan-summary-heading").textContent()).toContain("鄠邑");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("plan-summary-heading");
  });

  it("reflows at 200% zoom (640 CSS px wide) without sideways scrolling of the page", async () => {
    const tp = await suite.newPage({ lang: "zh-CN", viewport: { width: 640, height: 450 } });
    await tp.page.goto(suite.url);
    await tp.page.getByRole("heading", { level: 1 }).waitFor();
    await planCard(tp.page, /嘉兴/).getByRole("button").click();
    await tp.page.locator(".dashboard-table tbody tr").first().waitFor();
    const overflow = await tp.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(tp.page);
  });
});
