import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Series, YearSpan } from "../../models/model.ts";
import { type SubsidyParam, subsidyModel } from "../../models/subsidy.ts";
import { paramsArb, SETTINGS, START } from "./arbitraries.ts";

const wideningYearSpec = subsidyModel.params.find((p) => p.name === "wideningYear")!;

/**
 * A case: span length, parameters, and a driver whose start value is positive. The widening year is
 * drawn from its whole range but also, often, from inside the span, where it actually does something.
 */
const caseArb = fc.integer({ min: 1, max: 16 }).chain((n) =>
  fc.record({
    span: fc.constant<YearSpan>({ start: START, end: START + n - 1 }),
    params: fc
      .tuple(
        paramsArb(subsidyModel),
        fc.oneof(
          fc.integer({ min: wideningYearSpec.min, max: wideningYearSpec.max }),
          fc.integer({ min: START - 1, max: START + n }),
        ),
      )
      .map(([p, wideningYear]) => ({ ...p, wideningYear })),
    driver: fc
      .tuple(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.float64Array({ minLength: n - 1, maxLength: n - 1, min: 0, max: 1e6, noNaN: true }),
      )
      .map(([d0, rest]) => Float64Array.of(d0, ...rest)),
  }),
);

function run(params: Record<SubsidyParam, number>, driver: Series, span: YearSpan) {
  const out = subsidyModel.createWorkspace(span.end - span.start + 1);
  subsidyModel.run(params, { driver }, span, out);
  return out;
}

describe("subsidyModel properties", () => {
  it("never yields a negative or non-finite count, and coverage stays within [0, 100]", () => {
    fc.assert(
      fc.property(caseArb, ({ params, driver, span }) => {
        const out = run(params, driver, span);
        for (const name of ["eligible", "recipients", "standard", "budget", "costNeeded", "gap"] as const) {
          for (const v of out[name]) {
            expect(Number.isFinite(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(0);
          }
        }
        for (const v of out.coverage) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(100);
        }
      }),
      SETTINGS,
    );
  });

  it("reproduces coverage0 in the start year and never funds more than claim or the budget pays for", () => {
    fc.assert(
      fc.property(caseArb, ({ params, driver, span }) => {
        const out = run(params, driver, span);
        expect(out.coverage[0]).toBe(params.coverage0);
        for (let t = 1; t < out.recipients.length; t++) {
          const claimants = (params.takeUp / 100) * out.eligible[t]!;
          expect(out.recipients[t]).toBeLessThanOrEqual(claimants);
          expect(out.recipients[t]).toBeLessThanOrEqual(out.budget[t]! / (12 * out.standard[t]!));
        }
      }),
      SETTINGS,
    );
  });

  it("never lowers coverage or recipients, nor raises the gap, when the budget grows faster", () => {
    const growth = subsidyModel.params.find((p) => p.name === "budgetGrowth")!;
    const rates = fc.tuple(
      fc.double({ min: growth.min, max: growth.max, noNaN: true }),
      fc.double({ min: growth.min, max: growth.max, noNaN: true }),
    );
    fc.assert(
      fc.property(caseArb, rates, ({ params, driver, span }, [a, b]) => {
        const low = run({ ...params, budgetGrowth: Math.min(a, b) }, driver, span);
        const high = run({ ...params, budgetGrowth: Math.max(a, b) }, driver, span);
        for (let t = 0; t < low.coverage.length; t++) {
          expect(high.coverage[t]).toBeGreaterThanOrEqual(low.coverage[t]!);
          expect(high.recipients[t]).toBeGreaterThanOrEqual(low.recipients[t]!);
          expect(high.gap[t]).toBeLessThanOrEqual(low.gap[t]!);
        }
      }),
      SETTINGS,
    );
  });

  it("gives identical outputs for identical inputs, and a reused workspace equals a fresh one", () => {
    fc.assert(
      fc.property(caseArb, paramsArb(subsidyModel), ({ params, driver, span }, other) => {
        const fresh = run(params, driver, span);
        expect(run(params, driver, span)).toEqual(fresh);
        const reused = run(other, driver, span);
        subsidyModel.run(params, { driver }, span, reused);
        expect(reused).toEqual(fresh);
      }),
      SETTINGS,
    );
  });
});
