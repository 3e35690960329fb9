import { describe, expect, it } from "vitest";
import { type CoverageParam, coverageModel } from "../../models/coverage.ts";
import type { YearSpan } from "../../models/model.ts";

const span: YearSpan = { start: 2020, end: 2025 };
const ones = new Float64Array(6).fill(1);

const base: Record<CoverageParam, number> = { need0: 200, rate0: 85, addPP: 5, attrition: 0, ceiling: 100 };

function run(overrides: Partial<Record<CoverageParam, number>>, driver = ones) {
  const out = coverageModel.createWorkspace(6);
  coverageModel.run({ ...base, ...overrides }, { driver }, span, out);
  return out;
}

function close(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => {
    expect(actual[i]).toBeCloseTo(v, 9);
  });
}

describe("coverageModel", () => {
  it("rises 5 points a year with constant need and stops at the ceiling", () => {
    const out = run({});
    close(out.rate, [85, 90, 95, 100, 100, 100]);
    close(out.served, [170, 180, 190, 200, 200, 200]);
    close(out.need, [200, 200, 200, 200, 200, 200]);
  });

  it("stops at a ceiling below 100", () => {
    close(run({ ceiling: 97 }).rate, [85, 90, 95, 97, 97, 97]);
  });

  it("pulls a baseline above the ceiling down to it from the first projected year", () => {
    close(run({ rate0: 99, addPP: 0, ceiling: 95 }).rate, [99, 95, 95, 95, 95, 95]);
  });

  it("loses served capacity to attrition and gains the added points of start-year need", () => {
    // served: 170 → 170 × 0.9 + 10 = 163 → 156.7 → 151.03
    const out = run({ attrition: 10 });
    close(out.served.subarray(0, 4), [170, 163, 156.7, 151.03]);
    close(out.rate.subarray(0, 4), [85, 81.5, 78.35, 75.515]);
  });

  it("dilutes coverage when need grows faster than capacity", () => {
    // need 200 → 220 → 242; served 170 → 180 → 190
    const out = run({}, Float64Array.of(50, 55, 60.5, 60.5, 60.5, 60.5));
    close(out.need.subarray(0, 3), [200, 220, 242]);
    close(out.rate.subarray(0, 3), [85, (180 / 220) * 100, (190 / 242) * 100]);
  });

  it("holds need at need0 when the driver's start value is not positive", () => {
    close(run({}, new Float64Array(6)).need, [200, 200, 200, 200, 200, 200]);
  });

  it("counts towns with a constant driver (homes for the disabled in 9 of 10 towns)", () => {
    const out = run({ need0: 10, rate0: 90, addPP: 10 });
    close(out.served, [9, 10, 10, 10, 10, 10]);
    close(out.rate, [90, 100, 100, 100, 100, 100]);
  });
});
