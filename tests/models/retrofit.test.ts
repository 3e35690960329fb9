import { describe, expect, it } from "vitest";
import type { YearSpan } from "../../models/model.ts";
import { type RetrofitParam, retrofitModel } from "../../models/retrofit.ts";

const span: YearSpan = { start: 2020, end: 2024 };
const flat = new Float64Array(5).fill(1);

/**
 * Hand-worked case: 1000 eligible households, 55% done (550). Cost and budget both rise 10% a year,
 * so the budget always buys 200 retrofits; capacity starts at 100 and triples each year.
 *   year 1: capacity 100, affordable 200, backlog 450 → 100 (capacity binds), retrofitted 650
 *   year 2: capacity 300, affordable 200, backlog 350 → 200 (budget binds),   retrofitted 850
 *   year 3: capacity 900, affordable 200, backlog 150 → 150 (backlog binds),  retrofitted 1000
 *   year 4: backlog 0 → 0
 */
const base: Record<RetrofitParam, number> = {
  eligible0: 1000,
  rate0: 55,
  inflowRate: 0,
  capacity1: 100,
  capacityRamp: 200,
  cost0: 1000,
  costInflation: 10,
  budget1: 220_000,
  budgetGrowth: 10,
};

function run(overrides: Partial<Record<RetrofitParam, number>>, driver = flat, s = span) {
  const out = retrofitModel.createWorkspace(s.end - s.start + 1);
  retrofitModel.run({ ...base, ...overrides }, { driver }, s, out);
  return out;
}

function close(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => {
    expect(actual[i]).toBeCloseTo(v, 6);
  });
}

describe("retrofitModel", () => {
  it("takes the least of capacity, budget ÷ cost and backlog, year by year", () => {
    const out = run({});
    close(out.capacity, [0, 100, 300, 900, 2700]);
    close(out.cost, [1000, 1100, 1210, 1331, 1464.1]);
    close(out.affordable, [0, 200, 200, 200, 200]);
    close(out.backlog, [450, 450, 350, 150, 0]);
    close(out.completions, [0, 100, 200, 150, 0]);
    close(out.cumulativeCompletions, [0, 100, 300, 450, 450]);
    close(out.retrofitted, [550, 650, 850, 1000, 1000]);
    close(out.rate, [55, 65, 85, 100, 100]);
    close(out.spending, [0, 110_000, 242_000, 199_650, 0]);
    close(out.eligible, [1000, 1000, 1000, 1000, 1000]);
  });

  it("reproduces the printed baseline rate exactly in the start year", () => {
    const out = run({ eligible0: 2937, rate0: 95.3 });
    expect(out.rate[0]).toBe(95.3);
    expect(out.retrofitted[0]).toBeCloseTo(2798.961, 6);
  });

  it("adds new eligible households scaled by the driver's ratio to the start year", () => {
    const driver = Float64Array.of(10, 10, 15);
    const out = run({ inflowRate: 2, rate0: 0, capacity1: 0 }, driver, { start: 2020, end: 2022 });
    close(out.eligible, [1000, 1020, 1050]);
    close(out.backlog, [1000, 1020, 1050]);
    close(out.rate, [0, 0, 0]);
  });

  it("holds the rate only while completions keep pace with the inflow", () => {
    // 100 new households a year, 50 completions a year (capacity binds)
    const out = run({ inflowRate: 10, rate0: 50, capacity1: 50, capacityRamp: 0 }, flat);
    close(out.eligible, [1000, 1100, 1200, 1300, 1400]);
    close(out.retrofitted, [500, 550, 600, 650, 700]);
    close(out.rate, [50, 50, 50, 50, 50]);
    const fewer = run({ inflowRate: 10, rate0: 50, capacity1: 20, capacityRamp: 0 }, flat);
    expect(fewer.rate[1]).toBeCloseTo((520 / 1100) * 100, 9);
  });

  it("can complete fewer in a later year with more budget, because the backlog was cleared sooner", () => {
    // Why the budget guarantee is stated for cumulative completions, not for each year's.
    const flatCost = { rate0: 0, eligible0: 100, capacity1: 60, capacityRamp: 0, cost0: 1, costInflation: 0 };
    const lean = run({ ...flatCost, budget1: 30, budgetGrowth: 0 });
    const rich = run({ ...flatCost, budget1: 60, budgetGrowth: 0 });
    close(lean.completions, [0, 30, 30, 30, 10]);
    close(rich.completions, [0, 60, 40, 0, 0]);
    for (let t = 0; t < 5; t++) {
      expect(rich.cumulativeCompletions[t]).toBeGreaterThanOrEqual(lean.cumulativeCompletions[t]!);
    }
  });

  it("completes nothing without budget or capacity", () => {
    close(run({ budget1: 0 }).completions, [0, 0, 0, 0, 0]);
    close(run({ capacity1: 0 }).completions, [0, 0, 0, 0, 0]);
  });
});
