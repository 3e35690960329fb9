import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./harness.ts";
import { useBrowserSuite } from "./suite.ts";

const suite = useBrowserSuite();

const HOUSEHOLDS = "jx-x-retrofit-households";
const JIAXING = "jiaxing-2021-2025";

async function start(lang: "zh-CN" | "en"): Promise<Page> {
  const tp = await suite.newPage({ lang });
  await tp.page.goto(suite.url);
  await tp.page.getByRole("heading", { level: 1 }).waitFor();
  return tp.page;
}

const card = (page: Page, id: string): Locator => page.locator(`.ws-card[data-indicator="${id}"]`);
const nowVerdict = (page: Page, id: string) => card(page, id).locator(".ws-col-now .verdict").textContent();
const counter = (page: Page) => page.locator(".ws-counter").textContent();
const announcer = (page: Page) => page.locator("#ws-announcer").textContent();
const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

/** Waits until the Monte Carlo run for what is on screen has answered. */
async function mcSettled(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator(".ws-cards").getAttribute("aria-busy"), { timeout: 30_000 })
    .toBeNull();
  await expect.poll(() => page.locator(".ws-run-status").textContent()).toMatch(/随机种子 1|seed 1/);
}

/** Enters workshop mode for Jiaxing from the first screen, by the keyboard. */
async function enterJiaxing(page: Page): Promise<void> {
  const button = page.locator(`#workshop-enter-${JIAXING}`);
  await button.focus();
  await page.keyboard.press("Enter");
  await page.locator("#ws-heading").waitFor();
  await expect.poll(() => activeId(page)).toBe("ws-heading");
  await card(page, HOUSEHOLDS).waitFor();
}

describe("workshop mode", () => {
  it("steps through the Jiaxing sequence by keyboard, with before/after and an announcement of each change", async () => {
    const page = await start("zh-CN");
    await enterJiaxing(page);
    // The presenter layout: the root font is at least 24px, headings larger.
    const sizes = await page.evaluate(() => ({
      base: Number.parseFloat(getComputedStyle(document.querySelector(".workshop")!).fontSize),
      h1: Number.parseFloat(getComputedStyle(document.querySelector("#ws-heading")!).fontSize),
      h2: Number.parseFloat(getComputedStyle(document.querySelector("#ws-step-heading")!).fontSize),
    }));
    expect(sizes.base).toBeGreaterThanOrEqual(24);
    expect(sizes.h1).toBeGreaterThan(sizes.base);
    expect(sizes.h2).toBeGreaterThan(sizes.base);
    expect(await page.locator(".ws-keys").textContent()).toContain("→");

    expect(await counter(page)).toBe("第 1 步，共 6 步");
    expect(await nowVerdict(page, HOUSEHOLDS)).toContain("达标");
    expect(await nowVerdict(page, HOUSEHOLDS)).not.toContain("未达标");
    expect(await page.locator(".ws-prev").isDisabled()).toBe(true);
    await mcSettled(page);
    // The probability is a real Monte Carlo share (2,500 exactly: low), shown with its status.
    expect(await card(page, HOUSEHOLDS).locator(".ws-col-now .ws-probability").textContent()).toMatch(
      /^\d+%$/,
    );
    expect(await page.locator(".ws-chart svg[role='img']").getAttribute("aria-label")).toContain("2025");
    await expectNoAxeViolations(page);

    // → : the cost step. The 2,500-household target is now missed, marked ↓ and in words.
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => counter(page)).toBe("第 2 步，共 6 步");
    expect(await nowVerdict(page, HOUSEHOLDS)).toContain("未达标");
    expect(await card(page, HOUSEHOLDS).getAttribute("data-change")).toBe("worse");
    const worse = (await card(page, HOUSEHOLDS).locator(".ws-change").textContent()) ?? "";
    expect(worse).toContain("↓");
    expect(worse).toContain("变差：达标 → 未达标");
    expect(await card(page, HOUSEHOLDS).locator(".ws-col-before .verdict").textContent()).not.toContain(
      "未达标",
    );
    await expect.poll(() => announcer(page)).toContain("第 2 步，共 6 步");
    expect(await announcer(page)).toContain("达标 → 未达标");

    // → : the budget step. Met again, marked ↑.
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => counter(page)).toBe("第 3 步，共 6 步");
    expect(await nowVerdict(page, HOUSEHOLDS)).not.toContain("未达标");
    expect(await card(page, HOUSEHOLDS).getAttribute("data-change")).toBe("better");
    expect(await card(page, HOUSEHOLDS).locator(".ws-change").textContent()).toContain("↑");
    await expect.poll(() => announcer(page)).toContain("未达标 → 达标");
    await mcSettled(page);
    expect(await card(page, HOUSEHOLDS).locator(".ws-change").textContent()).toMatch(/概率 .+ → .+个百分点/);
    await expectNoAxeViolations(page);

    // ← goes back; the Next button works and keeps focus; on the last step focus moves to the heading.
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => counter(page)).toBe("第 2 步，共 6 步");
    await page.locator(".ws-next").focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press("Enter");
    await expect.poll(() => counter(page)).toBe("第 6 步，共 6 步");
    expect(await page.locator(".ws-next").isDisabled()).toBe(true);
    await expect.poll(() => activeId(page)).toBe("ws-step-heading");
    // Arrow keys typed into a field are the field's, not the sequence's (the live change is open).
    await page.locator("#ws-live-value").focus();
    await page.keyboard.press("ArrowLeft");
    expect(await counter(page)).toBe("第 6 步，共 6 步");

    // Leaving returns to the plans, focus on the button that entered.
    await page.getByRole("button", { name: "退出培训模式" }).click();
    await expect.poll(() => activeId(page)).toBe(`workshop-enter-${JIAXING}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("规划");
    expect(await page.evaluate(() => document.documentElement.classList.contains("workshop-mode"))).toBe(
      false,
    );
  });

  it("loads a preset with one click, and Reset restores it exactly after a live change", async () => {
    const page = await start("zh-CN");
    await enterJiaxing(page);
    const preset = page.locator(".ws-preset").filter({ hasText: "无障碍改造成本上涨50%" });
    await preset.click();
    expect(await preset.getAttribute("aria-pressed")).toBe("true");
    expect(await page.locator("#ws-step-heading").textContent()).toContain("无障碍改造成本上涨50%");
    expect(await nowVerdict(page, HOUSEHOLDS)).toContain("未达标");
    await mcSettled(page);
    const exact = await page.locator(".ws-cards").textContent();

    // A live change: retrofit budget raised far enough to meet the target again.
    await page.getByLabel("假设", { exact: true }).selectOption("retrofit.budget1");
    await page.getByLabel(/新取值/).fill("5200000");
    await page.getByRole("button", { name: "应用" }).click();
    await expect.poll(() => nowVerdict(page, HOUSEHOLDS)).not.toContain("未达标");
    expect(await card(page, HOUSEHOLDS).locator(".ws-col-label").first().textContent()).toContain(
      "现场调整前",
    );
    expect(await page.locator(".ws-live-count").textContent()).toContain("1");
    // A value out of range is explained in place and changes nothing.
    await page.getByLabel(/新取值/).fill("99999999");
    await page.getByRole("button", { name: "应用" }).click();
    expect(await page.getByLabel(/新取值/).getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#ws-live-problem").textContent()).toMatch(/超出允许范围/);
    await mcSettled(page);
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "重置" }).click();
    await expect.poll(() => nowVerdict(page, HOUSEHOLDS)).toContain("未达标");
    await mcSettled(page);
    expect(await page.locator(".ws-cards").textContent()).toBe(exact);
    expect(await page.locator(".ws-live-count").count()).toBe(0);
    expect(await announcer(page)).toContain("已准确恢复");

    // Back to the sequence where it was.
    await page.getByRole("button", { name: "回到第 1 步" }).click();
    await expect.poll(() => counter(page)).toBe("第 1 步，共 6 步");
  });

  it("keeps the step across a language switch mid-sequence, with no axe violations in either language", async () => {
    const page = await start("zh-CN");
    await enterJiaxing(page);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => counter(page)).toBe("第 3 步，共 6 步");
    await mcSettled(page);
    await expectNoAxeViolations(page);

    await page.getByRole("group", { name: "语言" }).getByRole("button", { name: "English" }).click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await counter(page)).toBe("Step 3 of 6");
    expect(await page.locator("#ws-step-heading").textContent()).toBe("Raise the retrofit budget by 50%");
    // The live lever is a slider with the step's own lever preselected.
    expect(await page.locator("#ws-live-assumption").inputValue()).toBe("retrofit.budget1");
    expect(await page.locator("#ws-live-slider").getAttribute("type")).toBe("range");
    // Reset offers the way back to step 1, and a heading focused after a step shows no ring.
    expect(await page.getByRole("button", { name: "Back to step 1" }).count()).toBe(1);
    expect(
      await page.evaluate(() => {
        const h = document.querySelector<HTMLElement>("#ws-step-heading")!;
        h.focus();
        return getComputedStyle(h).outlineStyle;
      }),
    ).toBe("none");
    expect(await nowVerdict(page, HOUSEHOLDS)).toContain("Met");
    expect(await card(page, HOUSEHOLDS).locator(".ws-change").textContent()).toContain(
      "better: Missed → Met",
    );
    // Plan texts keep the source's Chinese, with English beneath.
    expect(await card(page, HOUSEHOLDS).locator("h3").textContent()).toContain("残疾人家庭无障碍改造");
    expect(await page.locator(".ws-chart figcaption").textContent()).toContain("2,500");
    await mcSettled(page);
    await expectNoAxeViolations(page);

    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => counter(page)).toBe("Step 2 of 6");
    expect(await nowVerdict(page, HOUSEHOLDS)).toContain("Missed");
    await expect.poll(() => announcer(page)).toContain("Met → Missed");
    await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "简体中文" }).click();
    expect(await counter(page)).toBe("第 2 步，共 6 步");
  });

  for (const [plan, lang] of [
    [JIAXING, "en"],
    [JIAXING, "zh-CN"],
    ["huyi-2021-2025", "en"],
  ] as const) {
    it(`fits one 1920×1080 projector screen at every step (${plan}, ${lang}): step, chart, cards and live lever without scrolling`, async () => {
      const tp = await suite.newPage({ lang, viewport: { width: 1920, height: 1080 } });
      const page = tp.page;
      await page.goto(suite.url);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.locator(`#workshop-enter-${plan}`).click();
      await page.locator(".ws-card").first().waitFor();
      const steps = Number((await counter(page))?.match(/(\d+)\D*$/)?.[1]);
      expect(steps).toBeGreaterThan(1);
      for (let step = 1; step <= steps; step++) {
        await mcSettled(page);
        const fit = await page.evaluate(() => {
          const bottom = (s: string) => document.querySelector(s)?.getBoundingClientRect().bottom ?? Infinity;
          return {
            scrollH: document.documentElement.scrollHeight,
            scrollW: document.documentElement.scrollWidth,
            step: bottom(".ws-step"),
            chart: bottom(".ws-chart svg"),
            cards: bottom(".ws-cards"),
            live: bottom("#ws-live-slider"),
            base: Number.parseFloat(getComputedStyle(document.querySelector(".workshop")!).fontSize),
          };
        });
        const where = `step ${step} of ${steps}`;
        expect(fit.scrollH, where).toBeLessThanOrEqual(1080);
        expect(fit.scrollW, where).toBeLessThanOrEqual(1920);
        for (const part of ["step", "chart", "cards", "live"] as const)
          expect(fit[part], `${part}, ${where}`).toBeLessThanOrEqual(1080);
        // Still a projector's type: larger than the workbench's 16 px.
        expect(fit.base).toBeGreaterThanOrEqual(20);
        if (step < steps) {
          await page.locator(".ws-next").click();
          await expect.poll(() => counter(page)).toMatch(new RegExp(`(^| |第 )${step + 1}( |$|步|of)`));
        }
      }
    });
  }

  it("opens Huyi's sequence on the training tension", async () => {
    const page = await start("en");
    await page.locator("#workshop-enter-huyi-2021-2025").click();
    await page.locator("#ws-heading").waitFor();
    expect(await counter(page)).toBe("Step 1 of 7");
    expect(await nowVerdict(page, "hy-x-trained-per-year")).toContain("Met");
    expect(await nowVerdict(page, "hy-t04-trained-people")).toContain("Missed");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => nowVerdict(page, "hy-t04-trained-people")).toContain("Met");
    await mcSettled(page);
    await expectNoAxeViolations(page);
  });
});
