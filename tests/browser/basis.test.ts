import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Lang } from "../../models/text.ts";
import { useBrowserSuite } from "./suite.ts";

/**
 * What a verdict rests on, as a person reads it (issue 8): the row's basis badge and, for a row that
 * assumes the plan's own pace, the words saying so, in the table and in the indicator's detail, in
 * both languages. The indicators are chosen by what the shipped Jiaxing baseline rests on (checked in
 * tests/scenarios/provenance.test.ts): row 5's care-institution coverage on the plan's pace, row 4's
 * homes coverage on an observed trend.
 */

const suite = useBrowserSuite();

const PLAN_ROW = "jx-t05-care-institution-coverage";
const TREND_ROW = "jx-t04-homes-coverage";

const TEXT = {
  en: {
    plan: "Plan's own pace",
    trend: "Observed trend",
    planNote: "Assumes the plan's own pace (not evidence)",
  },
  "zh-CN": { plan: "规划自身进度", trend: "观测趋势", planNote: "此推演假定按规划自身要求的进度推进" },
} as const;

async function open(lang: Lang, indicator: string): Promise<Page> {
  const tp = await suite.newPage({ lang, viewport: { width: 1366, height: 768 } });
  await tp.page.goto(`${suite.url}#/jiaxing-2021-2025/jiaxing-baseline/${indicator}`);
  await tp.page.locator("#indicator-detail .detail-basis").waitFor();
  return tp.page;
}

describe("basis on screen", () => {
  for (const lang of ["en", "zh-CN"] as const) {
    it(`says in the table and the detail which rows rest on the plan's own pace (${lang})`, async () => {
      const page = await open(lang, PLAN_ROW);
      const t = TEXT[lang];
      const detail = page.locator("#indicator-detail");
      await expect.poll(() => detail.locator(".basis").first().textContent()).toContain(t.plan);
      await expect.poll(() => detail.locator(".detail-basis").textContent()).toContain(t.planNote);
      const planRow = page.locator("tr", { has: page.locator(`[aria-controls="indicator-detail"]`) }).filter({
        has: page.locator(".basis-plan"),
      });
      expect(await planRow.count()).toBeGreaterThan(0);
      // The row says it in words too (for a screen reader), not only by the badge's shape.
      await expect.poll(() => planRow.first().locator("th").textContent()).toContain(t.planNote);

      // A row on an observed trend says so, and does not carry the plan note.
      await page.goto(`${suite.url}#/jiaxing-2021-2025/jiaxing-baseline/${TREND_ROW}`);
      await expect.poll(() => detail.locator(".basis").first().textContent()).toContain(t.trend);
      await expect.poll(() => detail.locator(".detail-basis").textContent()).not.toContain(t.planNote);
    });
  }
});
