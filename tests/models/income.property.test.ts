import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type IncomeParam, incomeModel } from "../../models/income.ts";
import type { YearSpan } from "../../models/model.ts";
import { paramsArb, SETTINGS, START } from "./arbitraries.ts";

const caseArb = fc.record({
  span: fc.integer({ min: 1, max: 16 }).map((n): YearSpan => ({ start: START, end: START + n - 1 })),
  params: paramsArb(incomeModel),
});

function run(params: Record<IncomeParam, number>, span: YearSpan) {
  const out = incomeModel.createWorkspace(span.end - span.start + 1);
  incomeModel.run(params, {}, span, out);
  return out;
}

describe("incomeModel properties", () => {
  it("keeps the income index positive and the averages between the yearly extremes", () => {
    fc.assert(
      fc.property(caseArb, ({ params, span }) => {
        const out = run(params, span);
        expect(out.incomeIndex[0]).toBe(100);
        let lo = Number.POSITIVE_INFINITY;
        let hi = Number.NEGATIVE_INFINITY;
        for (let t = 0; t < out.incomeIndex.length; t++) {
          expect(out.incomeIndex[t]).toBeGreaterThan(0);
          expect(out.avgGdpGrowth[t]).toBe(params.gdpGrowth);
          if (t === 0) continue;
          lo = Math.min(lo, out.incomeGrowth[t]!);
          hi = Math.max(hi, out.incomeGrowth[t]!);
          expect(out.avgIncomeGrowth[t]).toBeGreaterThanOrEqual(lo - 1e-9);
          expect(out.avgIncomeGrowth[t]).toBeLessThanOrEqual(hi + 1e-9);
        }
      }),
      SETTINGS,
    );
  });

  it("keeps in step with GDP on average exactly when the average gap is not negative", () => {
    fc.assert(
      fc.property(caseArb, ({ params, span }) => {
        const out = run(params, span);
        for (let t = 1; t < out.avgIncomeGrowth.length; t++) {
          // mean over 1..t of gapPP + catchUp × s = gapPP + catchUp × (t + 1) / 2
          const meanGap = params.gapPP + (params.catchUp * (t + 1)) / 2;
          expect(out.avgIncomeGrowth[t]! - out.avgGdpGrowth[t]!).toBeCloseTo(meanGap, 9);
        }
      }),
      SETTINGS,
    );
  });

  it("gives identical outputs for identical inputs, and a reused workspace equals a fresh one", () => {
    fc.assert(
      fc.property(caseArb, paramsArb(incomeModel), ({ params, span }, other) => {
        const fresh = run(params, span);
        expect(run(params, span)).toEqual(fresh);
        const reused = run(other, span);
        incomeModel.run(params, {}, span, reused);
        expect(reused).toEqual(fresh);
      }),
      SETTINGS,
    );
  });
});
