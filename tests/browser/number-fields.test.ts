import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowserSuite } from "./suite.ts";

/**
 * Numbers as people enter them, driven in Chromium: an input method's composition is not read until it
 * ends (Chromium's own IME events, through the DevTools protocol), and a slider's End and Home reach
 * the maximum and minimum it shows.
 */

const suite = useBrowserSuite();

const RETROFIT = "jx-x-retrofit-households";
const CAPACITY = "#as-retrofit-capacity1";
/** The shipped default of the retrofit capacity (its evidence baseline), read from the scenario file. */
const DEFAULT_CAPACITY = String(
  (
    JSON.parse(readFileSync(new URL("../../scenarios/jiaxing-baseline.json", import.meta.url), "utf8")) as {
      assumptions: Record<string, { value: number }>;
    }
  ).assumptions["retrofit.capacity1"]!.value,
);

const row = (page: Page, id: string): Locator => page.locator(`.dashboard-table tr[data-indicator="${id}"]`);

/**
 * Opens a plan (Jiaxing unless told) and waits for its settled verdicts: until the Monte Carlo run ends
 * the Projected column shows the deterministic run, then the median sample's value.
 */
async function startPlan(lang: "zh-CN" | "en", plan = /嘉兴/): Promise<Page> {
  const tp = await suite.newPage({ lang });
  const page = tp.page;
  await page.goto(suite.url);
  await page.getByRole("heading", { level: 1 }).waitFor();
  await page
    .getByRole("article")
    .filter({ has: page.getByRole("heading", { name: plan }) })
    .getByRole("button")
    .click();
  await page.locator(".dashboard-table tbody tr").first().waitFor();
  const settled = () =>
    page.evaluate(() => {
      const table = document.querySelector(".dashboard-table");
      const p = table?.querySelector("tbody td.probability")?.textContent ?? "…";
      return table !== null && !table.hasAttribute("aria-busy") && !p.includes("…");
    });
  await expect.poll(settled, { timeout: 60_000 }).toBe(true);
  return page;
}

const sliderOf = (page: Page, fieldId: string): Locator =>
  page.locator(`li.assumption:has(#${fieldId}) input[type="range"]`);

async function openGroup(page: Page, group: string): Promise<void> {
  const details = page.locator(`details.assumption-group[data-group="${group}"]`);
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await details.locator(":scope > summary").click();
  }
}

describe("number fields", () => {
  it("reads nothing while an input method composes full-width digits, then applies the composed number once", async () => {
    const page = await startPlan("zh-CN");
    await openGroup(page, "retrofit");
    const item = page.locator(`li.assumption:has(${CAPACITY})`);
    const field = page.locator(CAPACITY);
    const slider = item.locator('input[type="range"]');
    const projected = () => row(page, RETROFIT).locator(".projected").textContent();
    const before = await projected();
    await field.selectText();
    const cdp = await page.context().newCDPSession(page);
    // Composition events are counted in the page, so the test knows the IME really composed.
    await field.evaluate((el) => {
      (window as unknown as { composed: string[] }).composed = [];
      for (const type of ["compositionstart", "compositionupdate", "compositionend"])
        el.addEventListener(type, () => (window as unknown as { composed: string[] }).composed.push(type));
    });
    for (const text of ["３", "３０", "３００"]) {
      await cdp.send("Input.imeSetComposition", {
        text,
        selectionStart: text.length,
        selectionEnd: text.length,
      });
      await expect.poll(() => field.inputValue()).toBe(text);
      // Mid-composition: nothing read, applied or explained.
      expect(await slider.inputValue()).toBe(DEFAULT_CAPACITY);
      expect(await field.getAttribute("aria-invalid")).toBeNull();
      expect(await item.locator(".badge-changed").count()).toBe(0);
    }
    await cdp.send("Input.insertText", { text: "３００" });
    const composed = await page.evaluate(() => (window as unknown as { composed: string[] }).composed);
    expect(composed[0]).toBe("compositionstart");
    expect(composed.at(-1)).toBe("compositionend");
    await expect.poll(() => slider.inputValue()).toBe("300");
    await expect.poll(projected).not.toBe(before);
    // One change, one undo step: undo brings back the default, not a half-typed 30.
    await page.getByRole("button", { name: "撤销" }).first().click();
    await expect.poll(() => slider.inputValue()).toBe(DEFAULT_CAPACITY);
    await expect.poll(projected).toBe(before);
  });

  it("asks about 1,2 in a field with decimals instead of reading 12, and reads 8％ in a percent field", async () => {
    const page = await startPlan("en");
    await openGroup(page, "retrofit");
    const field = page.locator("#as-retrofit-inflowRate");
    await field.fill("1,2");
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
    const errorId = describedBy.split(" ").find((id) => id.endsWith("-error"))!;
    expect(await page.locator(`#${errorId}`).textContent()).toContain('"1,2" is ambiguous: 1.2 or 12?');
    await field.fill("1.5％");
    expect(await field.getAttribute("aria-invalid")).toBeNull();
    const slider = page.locator('li.assumption:has(#as-retrofit-inflowRate) input[type="range"]');
    await expect.poll(() => slider.inputValue()).toBe("1.5");
  });

  it("reaches a maximum off the step grid with End, the minimum with Home, and steps without noise", async () => {
    // Huyi's medical insurance rate: 96.01 … 98 in steps of 0.1; a native slider's End stops at 97.91.
    const page = await startPlan("en", /鄠邑/);
    await openGroup(page, "medical");
    const slider = sliderOf(page, "as-medical-rate0");
    await slider.focus();
    await page.keyboard.press("End");
    await expect.poll(() => slider.inputValue()).toBe("98");
    expect(await page.locator("#as-medical-rate0").inputValue()).toBe("98");
    await page.keyboard.press("Home");
    await expect.poll(() => slider.inputValue()).toBe("96.01");
    // From the minimum the steps run on the grid through the published 96.5, without float noise.
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    await expect.poll(() => slider.inputValue()).toBe("96.3");
    expect(await page.locator("#as-medical-rate0").inputValue()).toBe("96.3");
  });

  it("keeps the published population on the slider's grid: one step up and back is 5,400,868 again", async () => {
    const page = await startPlan("en");
    await openGroup(page, "population");
    const slider = sliderOf(page, "as-population-total0");
    expect(await slider.inputValue()).toBe("5400868");
    await slider.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => slider.inputValue()).toBe("5401868");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => slider.inputValue()).toBe("5400868");
    // The field groups thousands for reading (issue 10); the slider's value is the bare number.
    expect(await page.locator("#as-population-total0").inputValue()).toBe("5,400,868");
  });

  it("shows a budget in 万元 in Chinese as the plan's tables do, reads what is typed there as 万元, and in yuan in English", async () => {
    const page = await startPlan("zh-CN");
    await openGroup(page, "retrofit");
    const field = page.locator("#as-retrofit-budget1");
    // 3,090,000 yuan: the plan-pace budget for 500 households at 6,180 yuan.
    expect(await field.inputValue()).toBe("309");
    expect(await page.locator("#as-retrofit-budget1-unit").textContent()).toBe("万元/年");
    expect(await page.locator("#as-retrofit-budget1-range").textContent()).toContain(
      "0万元/年 至 2,000万元/年",
    );
    await field.fill("510");
    await field.press("Enter");
    const slider = page.locator('li.assumption:has(#as-retrofit-budget1) input[type="range"]');
    await expect.poll(() => slider.inputValue()).toBe("5100000");
    await page.getByRole("group", { name: "语言" }).getByRole("button", { name: "English" }).click();
    await expect.poll(() => field.inputValue()).toBe("5,100,000");
    expect(await page.locator("#as-retrofit-budget1-unit").textContent()).toBe("yuan a year");
  });

  it("refuses a seed past 2^32 − 1 in the run settings, keeping the last valid one, and reads full-width digits", async () => {
    const page = await startPlan("en");
    // Run settings live in the workbench's folded section.
    await page.locator("details.workbench-more > summary").click();
    const seed = page.locator(".run-settings").getByLabel("Seed");
    await seed.fill("4294967303");
    await seed.press("Enter");
    await expect
      .poll(() => page.locator("#run-settings-error").textContent())
      .toBe("seed: must be at most 4294967295");
    expect(await seed.getAttribute("aria-invalid")).toBe("true");
    await seed.fill("１２");
    await seed.press("Enter");
    await expect.poll(() => page.locator("#run-settings-error").count()).toBe(0);
    expect(await seed.inputValue()).toBe("12");
  });
});
