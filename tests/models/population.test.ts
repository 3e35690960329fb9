import { describe, expect, it } from "vitest";
import {
  CELLS,
  GROUPS,
  type PopulationParam,
  populationModel,
  startPrevalence,
  startStructure,
} from "../../models/population.ts";

type Params = Record<PopulationParam, number>;

/** Jiaxing-like figures (DOMAIN-NOTES: 2020 census, 2021 bulletin; prevalence and shares are estimates). */
const BASE: Params = {
  total0: 5_400_868,
  share60plus0: 19.3,
  share65plus0: 14.05,
  birthRate: 7,
  deathRate0: 5.9,
  mortalityImprovement: 1.5,
  netMigration: 100_000,
  prevalenceUnder60: 3.3,
  prevalence60plus: 28,
  prevalenceTrend: 0,
  certifiedShare: 40,
  severeShare: 30,
  migrantCertification: 100,
};

const SPAN = { start: 2020, end: 2025 };

function run(overrides: Partial<Params> = {}, span = SPAN) {
  const ws = populationModel.createWorkspace(span.end - span.start + 1);
  populationModel.run({ ...BASE, ...overrides }, {}, span, ws);
  return ws;
}

function expectClose(actual: number, expected: number, relative = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.max(Math.abs(expected), 1));
}

/** Sum over cells of a · b · weight, weight given per group and sex. */
function weighted(a: Float64Array, b: Float64Array, men: number[], women: number[]): number {
  let sum = 0;
  for (let g = 0; g < GROUPS; g++) {
    sum += a[g]! * b[g]! * men[g]!;
    sum += a[GROUPS + g]! * b[GROUPS + g]! * women[g]!;
  }
  return sum;
}

describe("population model: start year", () => {
  it("reproduces total, 60+ and 65+ shares exactly", () => {
    const stock = new Float64Array(CELLS);
    startStructure(BASE.total0, BASE.share60plus0, BASE.share65plus0, stock);
    let total = 0;
    let old60 = 0;
    let old65 = 0;
    for (let c = 0; c < CELLS; c++) {
      const g = c % GROUPS;
      total += stock[c]!;
      if (g >= 12) old60 += stock[c]!;
      if (g >= 13) old65 += stock[c]!;
      expect(stock[c]).toBeGreaterThan(0);
    }
    expectClose(total, BASE.total0);
    expectClose((100 * old60) / total, 19.3);
    expectClose((100 * old65) / total, 14.05);

    const ws = run();
    expectClose(ws.total[0]!, 5_400_868);
    expectClose(ws.age60plus[0]!, 0.193 * 5_400_868);
    expectClose(ws.share60plus[0]!, 19.3);
    expect([ws.births[0], ws.deaths[0], ws.netMigration[0]]).toEqual([0, 0, 0]);
  });

  it("reads a 65+ share above the 60+ share as equal to it", () => {
    const stock = new Float64Array(CELLS);
    startStructure(1000, 20, 30, stock);
    expect(stock[12]).toBe(0);
    expect(stock[GROUPS + 12]).toBe(0);
  });

  it("reproduces the average prevalence under 60 and at 60+", () => {
    const ws = run();
    expectClose(ws.age60plusDisabled[0]! / ws.age60plus[0]!, 0.28);
    const under60 = (ws.disabled[0]! - ws.age60plusDisabled[0]!) / (ws.total[0]! - ws.age60plus[0]!);
    expectClose(under60, 0.033);
    expectClose(ws.certified[0]!, 0.4 * ws.disabled[0]!);
    expectClose(ws.severe[0]!, 0.3 * 0.4 * ws.disabled[0]!);
  });

  it("children 0–4 have low prevalence and the oldest the highest", () => {
    const prevalence = new Float64Array(CELLS);
    startPrevalence(19.3, 14.05, 3.3, 28, prevalence);
    expect(prevalence[0]).toBeGreaterThan(0.005);
    expect(prevalence[0]).toBeLessThan(0.015);
    for (let g = 1; g < GROUPS; g++) expect(prevalence[g]).toBeGreaterThan(prevalence[g - 1]!);
    expect(prevalence[GROUPS - 1]).toBeLessThan(1);
  });

  it("splits working age and children by even within-group fractions", () => {
    const stock = new Float64Array(CELLS);
    const prevalence = new Float64Array(CELLS);
    startStructure(BASE.total0, BASE.share60plus0, BASE.share65plus0, stock);
    startPrevalence(BASE.share60plus0, BASE.share65plus0, 3.3, 28, prevalence);
    // Men 16–59: 15–19 counts 4/5 (ages 16–19), 20–24 … 55–59 in full. Women 16–54: up to 50–54.
    const men = [0, 0, 0, 0.8, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
    const women = [0, 0, 0, 0.8, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
    // 0–6: 0–4 in full plus 2/5 of 5–9 (ages 5, 6). 0–16: three groups plus 2/5 of 15–19 (ages 15, 16).
    const to6 = [1, 0.4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const to16 = [1, 1, 1, 0.4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    const ws = run();
    expectClose(ws.workingAgeCertified[0]!, 0.4 * weighted(stock, prevalence, men, women));
    expectClose(ws.children0to6Disabled[0]!, weighted(stock, prevalence, to6, to6));
    expectClose(ws.children0to16Disabled[0]!, weighted(stock, prevalence, to16, to16));
  });
});

describe("population model: flows", () => {
  it("with no births and no migration only deaths happen", () => {
    const ws = run({ birthRate: 0, netMigration: 0, mortalityImprovement: 0 });
    for (let t = 1; t < 6; t++) {
      expect(ws.births[t]).toBe(0);
      expect(ws.netMigration[t]).toBe(0);
      expect(ws.deaths[t]).toBeGreaterThan(0);
      expectClose(ws.total[t]!, ws.total[t - 1]! - ws.deaths[t]!);
    }
  });

  it("reproduces the start-year crude death rate in year 1", () => {
    for (const deathRate0 of [1, 5.9, 12, 30]) {
      const ws = run({ deathRate0 });
      const crude = (1000 * ws.deaths[1]!) / ws.total[0]!;
      expect(Math.abs(crude - deathRate0)).toBeLessThan(0.05);
      expectClose(crude, deathRate0, 1e-9);
    }
  });

  it("mortality improvement lowers later deaths but not year 1's", () => {
    const flat = run({ mortalityImprovement: 0, birthRate: 0, netMigration: 0 });
    const better = run({ mortalityImprovement: 3, birthRate: 0, netMigration: 0 });
    expectClose(better.deaths[1]!, flat.deaths[1]!);
    expect(better.deaths[2]).toBeLessThan(flat.deaths[2]!);
  });

  it("births are the crude birth rate times last year's residents", () => {
    const ws = run();
    for (let t = 1; t < 6; t++) expectClose(ws.births[t]!, 0.007 * ws.total[t - 1]!);
  });

  it("holds the accounting identity each year", () => {
    const ws = run();
    for (let t = 1; t < 6; t++) {
      expectClose(ws.total[t]!, ws.total[t - 1]! + ws.births[t]! - ws.deaths[t]! + ws.netMigration[t]!);
    }
  });

  it("clamps out-migration at what is there and reports what was applied", () => {
    const ws = run({ total0: 1000, netMigration: -5_000_000 });
    expect(ws.total[1]).toBe(0);
    expectClose(ws.netMigration[1]!, -(1000 + ws.births[1]! - ws.deaths[1]!));
    for (let t = 2; t < 6; t++) {
      expect(ws.total[t]).toBe(0);
      expect(ws.netMigration[t]).toBe(0);
      expect(ws.disabled[t]).toBe(0);
    }
  });

  it("moderate out-migration is applied in full", () => {
    const ws = run({ netMigration: -20_000 });
    for (let t = 1; t < 6; t++) expectClose(ws.netMigration[t]!, -20_000);
  });

  it("a prevalence trend scales disabled counts by (1 + trend)^t", () => {
    const flat = run();
    const rising = run({ prevalenceTrend: 2 });
    for (let t = 0; t < 6; t++) expectClose(rising.disabled[t]!, flat.disabled[t]! * 1.02 ** t, 1e-12);
  });

  it("with a flat trend, ageing raises the number of disabled people", () => {
    const ws = run({ birthRate: 7, netMigration: 0 });
    expect(ws.share60plus[5]).toBeGreaterThan(ws.share60plus[0]!);
    expect(ws.disabled[5]! / ws.total[5]!).toBeGreaterThan(ws.disabled[0]! / ws.total[0]!);
  });

  it("a one-year span writes the start year only", () => {
    const ws = run({}, { start: 2020, end: 2020 });
    expect(ws.total.length).toBe(1);
    expectClose(ws.total[0]!, BASE.total0);
  });
});
