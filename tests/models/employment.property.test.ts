import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type EmploymentParam, employmentModel } from "../../models/employment.ts";

type Params = Record<EmploymentParam, number>;

/** Every parameter drawn from its declared range. */
const params: fc.Arbitrary<Params> = fc.record(
  Object.fromEntries(
    employmentModel.params.map((p) => [p.name, fc.double({ min: p.min, max: p.max, noNaN: true })]),
  ) as Record<EmploymentParam, fc.Arbitrary<number>>,
);

/** A working-age series of 1–16 years, 0 to 2 million people a year (0 included on purpose). */
const workingAge: fc.Arbitrary<number[]> = fc.array(
  fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2_000_000, noNaN: true })),
  { minLength: 1, maxLength: 16 },
);

const PLACEMENTS = ["quotaPlacements", "trainingPlacements", "selfEmployment"] as const;

const RUNS = { seed: 42, numRuns: 200 };

function run(p: Params, series: number[]) {
  const ws = employmentModel.createWorkspace(series.length);
  employmentModel.run(
    p,
    { workingAge: Float64Array.from(series) },
    { start: 2020, end: 2019 + series.length },
    ws,
  );
  return ws;
}

describe("employment model properties", () => {
  it("keeps the rate within 0–100 and counts non-negative", () => {
    fc.assert(
      fc.property(params, workingAge, (p, series) => {
        const ws = run(p, series);
        for (let t = 0; t < series.length; t++) {
          expect(ws.rate[t]).toBeGreaterThanOrEqual(0);
          expect(ws.rate[t]).toBeLessThanOrEqual(100);
          expect(ws.employed[t]).toBeGreaterThanOrEqual(0);
          expect(ws.exits[t]).toBeGreaterThanOrEqual(0);
          expect(ws.placements[t]).toBeGreaterThanOrEqual(0);
          if (t > 0) expect(ws.employed[t]).toBeLessThanOrEqual((p.maxRate / 100) * series[t]!);
        }
        expect(ws.employed[0]).toBe((p.rate0 / 100) * series[0]!);
      }),
      RUNS,
    );
  });

  it("never lowers employment when placements rise", () => {
    fc.assert(
      fc.property(
        params,
        workingAge,
        fc.constantFrom(...PLACEMENTS),
        fc.double({ min: 0, max: 100_000, noNaN: true }),
        (p, series, lever, extra) => {
          const base = run(p, series);
          const more = run({ ...p, [lever]: p[lever] + extra }, series);
          for (let t = 0; t < series.length; t++) {
            expect(more.employed[t]).toBeGreaterThanOrEqual(base.employed[t]!);
            expect(more.rate[t]).toBeGreaterThanOrEqual(base.rate[t]!);
          }
        },
      ),
      RUNS,
    );
  });

  it("gives the same result in a reused workspace as in a fresh one", () => {
    fc.assert(
      fc.property(params, params, workingAge, (first, second, series) => {
        const reused = employmentModel.createWorkspace(series.length);
        const inputs = { workingAge: Float64Array.from(series) };
        const span = { start: 2020, end: 2019 + series.length };
        employmentModel.run(first, inputs, span, reused);
        employmentModel.run(second, inputs, span, reused);
        const fresh = run(second, series);
        for (const name of employmentModel.outputs) {
          expect(new Uint8Array(reused[name].buffer)).toEqual(new Uint8Array(fresh[name].buffer));
        }
      }),
      RUNS,
    );
  });
});
