import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../models/engine.ts";
import { judge, judgingPrecision, paceOf, printedDecimals, roundTo } from "../../models/feasibility.ts";
import { prepare } from "../../models/library.ts";
import type { Indicator } from "../../models/plan.ts";
import { DEFAULT_BANDS } from "../../models/scenario.ts";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";

/**
 * One honest verdict: the verdict, the shown value, the margin, the headline count and the status come
 * from one definition, and never contradict each other at any slider value.
 */

const RATE: Indicator = {
  id: "t-rate",
  printedNumber: 1,
  origin: "table",
  name: { zh: "测试指标", en: "test indicator" },
  unit: "percent",
  unitPrinted: true,
  attribute: "binding",
  measure: "level",
  precision: 0,
  baseline: { qualifier: "exact", year: 2020, value: 85, printed: "85%" },
  target: {
    kind: "compare",
    year: 2025,
    comparator: ">=",
    comparatorPrinted: false,
    value: 100,
    printed: "100%",
  },
  source: { section: "test" },
};

const f = (...xs: number[]) => Float64Array.from(xs);
const COMPARATORS = [">=", ">", "=", "<=", "<"] as const;

describe("a judgement never contradicts itself", () => {
  it("met ⇔ margin ≥ 0, and the shown value is the judged value rounded (every comparator and precision)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.constantFrom(...COMPARATORS),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 50, max: 150 }),
        (x, c, precision, v) => {
          const ind: Indicator = {
            ...RATE,
            precision,
            target: {
              ...(RATE.target as Extract<Indicator["target"], { kind: "compare" }>),
              comparator: c,
              value: v,
            },
          };
          const j = judge(ind, f(85, 86, 87, 88, 89, x), undefined, 2020, 2021);
          expect(j.value).toBe(roundTo(x, precision) + 0);
          expect(j.met).toBe(j.margin >= 0);
          expect(Object.is(j.margin, -0)).toBe(false);
          // The margin is itself a printed number: no floating noise past the precision.
          expect(roundTo(j.margin, precision) + 0).toBe(j.margin);
        },
      ),
      { numRuns: 2000, seed: 8 },
    );
  });

  it("met is monotone in the score, so the upper-median sample's verdict is the majority's", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.constantFrom(...COMPARATORS),
        fc.integer({ min: 0, max: 2 }),
        (x1, x2, c, precision) => {
          const ind: Indicator = {
            ...RATE,
            precision,
            target: {
              ...(RATE.target as Extract<Indicator["target"], { kind: "compare" }>),
              comparator: c,
              value: 100,
            },
          };
          const a = judge(ind, f(85, 86, 87, 88, 89, x1), undefined, 2020, 2021);
          const b = judge(ind, f(85, 86, 87, 88, 89, x2), undefined, 2020, 2021);
          const [lo, hi] = a.score <= b.score ? [a, b] : [b, a];
          if (lo.met) expect(hi.met).toBe(true);
        },
      ),
      { numRuns: 2000, seed: 9 },
    );
  });

  it("the homes-coverage slider at 2.9 points a year: 85 + 5 × 2.9 shows 100, met, margin 0", () => {
    // The value the issue measured on the slider: 99.49999999999997 (rounds to 100 as a person computes).
    const x = 99.49999999999997;
    const j = judge(RATE, f(85, 87.9, 90.8, 93.7, 96.6, x), undefined, 2020, 2021);
    expect(j).toMatchObject({ value: 100, met: true, margin: 0 });
  });

  it("over a sweep of slider values, the value shown, the verdict and the margin agree", () => {
    for (let step = 0; step <= 400; step++) {
      const add = step / 100; // 0.00 … 4.00 points a year, as a slider with step 0.01 moves
      let x = 85;
      const series = [85];
      for (let i = 0; i < 5; i++) {
        x = Math.min(100, x + add);
        series.push(x);
      }
      const j = judge(RATE, Float64Array.from(series), undefined, 2020, 2021);
      const shown = Number(j.value.toFixed(0));
      expect(j.met).toBe(shown >= 100);
      expect(j.margin).toBe(shown - 100);
    }
  });
});

describe("judging precision", () => {
  const huyiRow3: Indicator = {
    ...RATE,
    precision: 0,
    baseline: { qualifier: "exact", year: 2021, value: 96.86, printed: "96.86" },
    target: {
      kind: "compare",
      year: 2025,
      comparator: ">=",
      comparatorPrinted: true,
      value: 97,
      printed: "≥97",
    },
  };

  it('a baseline printed "96.86" makes "≥97" a two-decimal target: holding 96.86 is not met', () => {
    expect(printedDecimals("96.86")).toBe(2);
    expect(printedDecimals(">99%")).toBe(0);
    expect(printedDecimals("—")).toBe(0);
    expect(judgingPrecision(huyiRow3)).toBe(2);
    const held = judge(huyiRow3, f(96.86, 96.86, 96.86, 96.86, 96.86), undefined, 2021, 2021);
    expect(held).toMatchObject({ value: 96.86, met: false, margin: -0.14 });
    const reached = judge(huyiRow3, f(96.86, 96.9, 96.95, 96.99, 97.0), undefined, 2021, 2021);
    expect(reached.met).toBe(true);
  });

  it("required and projected pace start from the same value (the projection's own start)", () => {
    const bound: Indicator = {
      ...RATE,
      baseline: { qualifier: "greater-than", year: 2020, value: 90, printed: ">90" },
      target: {
        kind: "compare",
        year: 2025,
        comparator: ">=",
        comparatorPrinted: true,
        value: 95,
        printed: "≥95",
      },
    };
    const p = paceOf(bound, f(92, 92.5, 93, 93.5, 94, 94.5), undefined, 2020, null);
    expect(p.fromValue).toBe(92);
    expect(p.required).toBeCloseTo(0.6, 12); // (95 − 92) / 5, not (95 − 90) / 5
    expect(p.projected).toBeCloseTo(0.5, 12);
    expect(p.ratio).toBeCloseTo(0.5 / 0.6, 12);
  });
});

describe("the Monte Carlo verdict is the median's: met exactly when at least half the samples meet", () => {
  const lib = loadRepositoryLibrary();
  const worlds = ["jiaxing-baseline", "huyi-baseline"].map((id) => {
    const s = lib.scenarios.get(id);
    if (!s) throw new Error(`scenario ${id} missing`);
    const p = prepare(lib, s, id);
    if (!p.ok) throw new Error(JSON.stringify(p.error));
    return p.value.world;
  });

  it("for random slider values of every uncertain assumption, verdict, probability and margin agree", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }),
        fc.constantFrom(101, 200, 257),
        (w, seed, positions, samples) => {
          const world = worlds[w]!;
          const original = Float64Array.from(world.pointValues);
          // Move up to eight assumptions to random places in their range, as a person dragging sliders.
          positions.forEach((u, k) => {
            const j = (k * 11 + seed) % world.assumptions.length;
            const a = world.assumptions[j]!;
            world.pointValues[j] = a.min + u * (a.max - a.min);
          });
          try {
            const ev = evaluate(world, {
              samples,
              seed,
              sampling: "random",
              bands: DEFAULT_BANDS,
              actuals: [],
            });
            for (const r of ev.indicators) {
              expect(r.verdictFrom).toBe("median");
              expect(r.judgement.met).toBe(r.probability! >= 50);
              expect(r.judgement.met).toBe(r.judgement.margin >= 0);
              if (r.judgement.met) expect(r.status).not.toBe("off-track");
            }
            const headline = ev.indicators.filter((r) => r.judgement.met).length;
            expect(headline).toBe(ev.indicators.filter((r) => r.probability! >= 50).length);
          } finally {
            world.pointValues.set(original);
          }
        },
      ),
      { numRuns: 12, seed: 42 },
    );
  });

  it("without samples the verdict is the deterministic run's, and says so", () => {
    const ev = evaluate(worlds[0]!, {
      samples: 0,
      seed: 1,
      sampling: "random",
      bands: DEFAULT_BANDS,
      actuals: [],
    });
    for (const r of ev.indicators) {
      expect(r.verdictFrom).toBe("deterministic");
      expect(r.judgement.met).toBe(r.judgement.margin >= 0);
    }
  });
});
