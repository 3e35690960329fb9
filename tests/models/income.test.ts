import { describe, expect, it } from "vitest";
import { type IncomeParam, incomeModel } from "../../models/income.ts";
import type { YearSpan } from "../../models/model.ts";

const span: YearSpan = { start: 2020, end: 2023 };

function run(params: Record<IncomeParam, number>) {
  const out = incomeModel.createWorkspace(4);
  incomeModel.run(params, {}, span, out);
  return out;
}

function close(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => {
    expect(actual[i]).toBeCloseTo(v, 9);
  });
}

describe("incomeModel", () => {
  it("runs in step with GDP when the gap is 0", () => {
    const out = run({ gdpGrowth: 6, gapPP: 0, catchUp: 0 });
    close(out.incomeGrowth, [6, 6, 6, 6]);
    close(out.gdpGrowth, [6, 6, 6, 6]);
    close(out.avgIncomeGrowth, [6, 6, 6, 6]);
    close(out.avgGdpGrowth, [6, 6, 6, 6]);
    close(out.incomeIndex, [100, 106, 112.36, 119.1016]);
  });

  it("averages a narrowing gap over the projected years only", () => {
    // gap −1 pp closing by 0.5 pp a year: growth 5, 5.5, 6, 6.5 → averages 5 (start), 5.5, 5.75, 6
    const out = run({ gdpGrowth: 6, gapPP: -1, catchUp: 0.5 });
    close(out.incomeGrowth, [5, 5.5, 6, 6.5]);
    close(out.avgIncomeGrowth, [5, 5.5, 5.75, 6]);
    close(out.avgGdpGrowth, [6, 6, 6, 6]);
    close(out.incomeIndex, [100, 105.5, 111.83, 111.83 * 1.065]);
  });
});
