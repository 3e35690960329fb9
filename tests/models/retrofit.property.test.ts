import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Series, YearSpan } from "../../models/model.ts";
import { type RetrofitParam, retrofitModel } from "../../models/retrofit.ts";
import { paramsArb, SETTINGS, START } from "./arbitraries.ts";

function rangeOf(name: RetrofitParam): fc.Arbitrary<number> {
  const p = retrofitModel.params.find((q) => q.name === name)!;
  return fc.double({ min: p.min, max: p.max, noNaN: true });
}

const caseArb = fc.integer({ min: 1, max: 16 }).chain((n) =>
  fc.record({
    span: fc.constant<YearSpan>({ start: START, end: START + n - 1 }),
    params: paramsArb(retrofitModel),
    driver: fc
      .tuple(
        fc.double({ min: 1, max: 1e4, noNaN: true }),
        fc.float64Array({ minLength: n - 1, maxLength: n - 1, min: 0, max: 1e4, noNaN: true }),
      )
      .map(([d0, rest]) => Float64Array.of(d0, ...rest)),
  }),
);

function run(params: Record<RetrofitParam, number>, driver: Series, span: YearSpan) {
  const out = retrofitModel.createWorkspace(span.end - span.start + 1);
  retrofitModel.run(params, { driver }, span, out);
  return out;
}

const COUNTS = [
  "eligible",
  "backlog",
  "capacity",
  "cost",
  "affordable",
  "completions",
  "cumulativeCompletions",
  "retrofitted",
  "spending",
] as const;

describe("retrofitModel properties", () => {
  it("never yields a negative or non-finite count, and the rate stays within [0, 100]", () => {
    fc.assert(
      fc.property(caseArb, ({ params, driver, span }) => {
        const out = run(params, driver, span);
        for (const name of COUNTS) {
          for (const v of out[name]) {
            expect(Number.isFinite(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(0);
          }
        }
        expect(out.rate[0]).toBe(params.rate0);
        for (let t = 0; t < out.rate.length; t++) {
          expect(out.rate[t]).toBeGreaterThanOrEqual(0);
          expect(out.rate[t]).toBeLessThanOrEqual(100);
          expect(out.retrofitted[t]).toBeLessThanOrEqual(out.eligible[t]!);
        }
      }),
      SETTINGS,
    );
  });

  it("never completes more than the backlog, the budget ÷ cost, or the capacity", () => {
    fc.assert(
      fc.property(caseArb, ({ params, driver, span }) => {
        const out = run(params, driver, span);
        let sum = 0;
        for (let t = 0; t < out.completions.length; t++) {
          const c = out.completions[t]!;
          expect(c).toBeLessThanOrEqual(out.backlog[t]!);
          expect(c).toBeLessThanOrEqual(out.affordable[t]!);
          expect(c).toBeLessThanOrEqual(out.capacity[t]!);
          sum += c;
          // the running total is retrofitted − retrofitted[0]: the sum of completions up to rounding
          const tol = 1e-9 * Math.max(1, out.retrofitted[t]!);
          expect(Math.abs(out.cumulativeCompletions[t]! - sum)).toBeLessThanOrEqual(tol);
        }
      }),
      SETTINGS,
    );
  });

  for (const lever of ["budget1", "budgetGrowth"] as const) {
    it(`never lowers cumulative completions or the rate when ${lever} is raised`, () => {
      fc.assert(
        fc.property(caseArb, rangeOf(lever), rangeOf(lever), ({ params, driver, span }, a, b) => {
          const low = run({ ...params, [lever]: Math.min(a, b) }, driver, span);
          const high = run({ ...params, [lever]: Math.max(a, b) }, driver, span);
          for (let t = 0; t < low.rate.length; t++) {
            expect(high.cumulativeCompletions[t]).toBeGreaterThanOrEqual(low.cumulativeCompletions[t]!);
            expect(high.retrofitted[t]).toBeGreaterThanOrEqual(low.retrofitted[t]!);
            expect(high.rate[t]).toBeGreaterThanOrEqual(low.rate[t]!);
          }
          // A single year's completions can fall later on (the backlog went sooner), but not the first.
          if (low.completions.length > 1) {
            expect(high.completions[1]).toBeGreaterThanOrEqual(low.completions[1]!);
          }
        }),
        SETTINGS,
      );
    });
  }

  it("gives identical outputs for identical inputs, and a reused workspace equals a fresh one", () => {
    fc.assert(
      fc.property(caseArb, paramsArb(retrofitModel), ({ params, driver, span }, other) => {
        const fresh = run(params, driver, span);
        expect(run(params, driver, span)).toEqual(fresh);
        const reused = run(other, driver, span);
        retrofitModel.run(params, { driver }, span, reused);
        expect(reused).toEqual(fresh);
      }),
      SETTINGS,
    );
  });
});
