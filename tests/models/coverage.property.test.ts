import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CoverageParam, coverageModel } from "../../models/coverage.ts";
import type { Series, YearSpan } from "../../models/model.ts";
import { paramsArb, SETTINGS, START } from "./arbitraries.ts";

const caseArb = fc.integer({ min: 1, max: 16 }).chain((n) =>
  fc.record({
    span: fc.constant<YearSpan>({ start: START, end: START + n - 1 }),
    params: paramsArb(coverageModel),
    driver: fc
      .tuple(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.float64Array({ minLength: n - 1, maxLength: n - 1, min: 0, max: 1e6, noNaN: true }),
      )
      .map(([d0, rest]) => Float64Array.of(d0, ...rest)),
  }),
);

function run(params: Record<CoverageParam, number>, driver: Series, span: YearSpan) {
  const out = coverageModel.createWorkspace(span.end - span.start + 1);
  coverageModel.run(params, { driver }, span, out);
  return out;
}

describe("coverageModel properties", () => {
  it("keeps counts non-negative and the rate within [0, 100], and never above the ceiling", () => {
    fc.assert(
      fc.property(caseArb, ({ params, driver, span }) => {
        const out = run(params, driver, span);
        expect(out.rate[0]).toBe(params.rate0);
        for (let t = 0; t < out.rate.length; t++) {
          expect(Number.isFinite(out.need[t]!) && Number.isFinite(out.served[t]!)).toBe(true);
          expect(out.need[t]).toBeGreaterThanOrEqual(0);
          expect(out.served[t]).toBeGreaterThanOrEqual(0);
          expect(out.served[t]).toBeLessThanOrEqual(out.need[t]!);
          expect(out.rate[t]).toBeGreaterThanOrEqual(0);
          expect(out.rate[t]).toBeLessThanOrEqual(100);
          if (t > 0) {
            expect(out.rate[t]).toBeLessThanOrEqual(params.ceiling);
            expect(out.served[t]).toBeLessThanOrEqual((params.ceiling / 100) * out.need[t]!);
          }
        }
      }),
      SETTINGS,
    );
  });

  it("never lowers coverage when more capacity is added each year", () => {
    const add = coverageModel.params.find((p) => p.name === "addPP")!;
    const addArb = fc.double({ min: add.min, max: add.max, noNaN: true });
    fc.assert(
      fc.property(caseArb, addArb, addArb, ({ params, driver, span }, a, b) => {
        const low = run({ ...params, addPP: Math.min(a, b) }, driver, span);
        const high = run({ ...params, addPP: Math.max(a, b) }, driver, span);
        for (let t = 0; t < low.rate.length; t++) {
          expect(high.served[t]).toBeGreaterThanOrEqual(low.served[t]!);
          expect(high.rate[t]).toBeGreaterThanOrEqual(low.rate[t]!);
        }
      }),
      SETTINGS,
    );
  });

  it("gives identical outputs for identical inputs, and a reused workspace equals a fresh one", () => {
    fc.assert(
      fc.property(caseArb, paramsArb(coverageModel), ({ params, driver, span }, other) => {
        const fresh = run(params, driver, span);
        expect(run(params, driver, span)).toEqual(fresh);
        const reused = run(other, driver, span);
        coverageModel.run(params, { driver }, span, reused);
        expect(reused).toEqual(fresh);
      }),
      SETTINGS,
    );
  });
});
