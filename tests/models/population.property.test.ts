import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { YearSpan } from "../../models/model.ts";
import { type PopulationParam, populationModel } from "../../models/population.ts";

type Params = Record<PopulationParam, number>;

/** Every parameter drawn from its declared range. */
const params: fc.Arbitrary<Params> = fc.record(
  Object.fromEntries(
    populationModel.params.map((p) => [p.name, fc.double({ min: p.min, max: p.max, noNaN: true })]),
  ) as Record<PopulationParam, fc.Arbitrary<number>>,
);

const span: fc.Arbitrary<YearSpan> = fc
  .record({ start: fc.integer({ min: 2000, max: 2030 }), years: fc.integer({ min: 1, max: 16 }) })
  .map(({ start, years }) => ({ start, end: start + years - 1 }));

/** Migration sized to the population (within ±5% a year), so most draws do not empty the place. */
const realistic: fc.Arbitrary<Params> = fc
  .tuple(params, fc.double({ min: -0.05, max: 0.05, noNaN: true }))
  .map(([p, share]) => ({ ...p, netMigration: share * p.total0 }));

const RUNS = { seed: 42, numRuns: 200 };

function run(p: Params, s: YearSpan) {
  const ws = populationModel.createWorkspace(s.end - s.start + 1);
  populationModel.run(p, {}, s, ws);
  return ws;
}

function bytes(ws: Record<string, Float64Array>): Uint8Array[] {
  return populationModel.outputs.map((name) => new Uint8Array(ws[name]!.buffer.slice(0)));
}

describe("population model properties", () => {
  it("holds the accounting identity every year", () => {
    for (const arb of [params, realistic]) {
      fc.assert(
        fc.property(arb, span, (p, s) => {
          const ws = run(p, s);
          for (let t = 1; t < ws.total.length; t++) {
            const expected = ws.total[t - 1]! + ws.births[t]! - ws.deaths[t]! + ws.netMigration[t]!;
            const scale = ws.total[t - 1]! + ws.births[t]! + ws.deaths[t]! + Math.abs(ws.netMigration[t]!);
            expect(Math.abs(ws.total[t]! - expected)).toBeLessThanOrEqual(1e-12 * scale);
          }
        }),
        RUNS,
      );
    }
  });

  it("has no negative counts and keeps shares within 0–100", () => {
    fc.assert(
      fc.property(params, span, (p, s) => {
        const ws = run(p, s);
        for (const name of populationModel.outputs) {
          if (name === "netMigration") continue;
          for (const v of ws[name]) {
            expect(Number.isFinite(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(0);
          }
        }
        for (const v of ws.share60plus) expect(v).toBeLessThanOrEqual(100);
        for (let t = 0; t < ws.total.length; t++) {
          expect(ws.age60plus[t]).toBeLessThanOrEqual(ws.total[t]! * (1 + 1e-12));
          expect(ws.disabled[t]).toBeLessThanOrEqual(ws.total[t]! * (1 + 1e-12));
        }
      }),
      RUNS,
    );
  });

  it("orders disabled ≥ certified ≥ severe and children 0–6 ≤ 0–16 ≤ disabled", () => {
    fc.assert(
      fc.property(realistic, span, (p, s) => {
        const ws = run(p, s);
        for (let t = 0; t < ws.total.length; t++) {
          expect(ws.certified[t]).toBeLessThanOrEqual(ws.disabled[t]!);
          expect(ws.severe[t]).toBeLessThanOrEqual(ws.certified[t]!);
          expect(ws.workingAgeCertified[t]).toBeLessThanOrEqual(ws.certified[t]!);
          expect(ws.children0to6Disabled[t]).toBeLessThanOrEqual(ws.children0to16Disabled[t]!);
          expect(ws.children0to16Disabled[t]).toBeLessThanOrEqual(ws.disabled[t]!);
          expect(ws.age60plusDisabled[t]).toBeLessThanOrEqual(ws.disabled[t]!);
          expect(ws.age60plusDisabled[t]).toBeLessThanOrEqual(ws.age60plus[t]!);
        }
      }),
      RUNS,
    );
  });

  it("reproduces the start-year shares and crude death rate", () => {
    fc.assert(
      fc.property(realistic, (p) => {
        const ws = run(p, { start: 2020, end: 2021 });
        const share60 = p.share60plus0;
        expect(Math.abs(ws.share60plus[0]! - share60)).toBeLessThanOrEqual(1e-12 * share60);
        const crude = (1000 * ws.deaths[1]!) / ws.total[0]!;
        expect(Math.abs(crude - p.deathRate0)).toBeLessThan(0.05);
      }),
      RUNS,
    );
  });

  it("gives byte-identical outputs for the same inputs", () => {
    fc.assert(
      fc.property(params, span, (p, s) => {
        expect(bytes(run(p, s))).toEqual(bytes(run({ ...p }, s)));
      }),
      RUNS,
    );
  });

  it("gives the same result in a reused workspace as in a fresh one", () => {
    fc.assert(
      fc.property(params, params, span, (first, second, s) => {
        const reused = populationModel.createWorkspace(s.end - s.start + 1);
        populationModel.run(first, {}, s, reused);
        populationModel.run(second, {}, s, reused);
        expect(bytes(reused)).toEqual(bytes(run(second, s)));
      }),
      RUNS,
    );
  });
});
