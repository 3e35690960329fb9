import { describe, expect, it } from "vitest";
import { bandRows, comparisonPoints } from "../../src/charts/comparison.ts";
import { type TrajectoryData, trajectoryDomain } from "../../src/charts/trajectory.ts";
import * as f from "../../src/kernel/format.ts";

const row = (year: number, projection: number, band?: [number, number]) => ({
  year,
  projection,
  p5: band ? band[0] : null,
  p25: null,
  p50: null,
  p75: null,
  p95: band ? band[1] : null,
  actual: null,
});

describe("trajectoryDomain", () => {
  it("covers the projection, the bands and the target, padded, with zero as the floor for counts", () => {
    const data: TrajectoryData = {
      rows: [row(2020, 0), row(2021, 500, [400, 600]), row(2025, 2500, [1700, 2600])],
      baseline: null,
      target: { year: 2025, value: 2500 },
    };
    const [lo, hi] = trajectoryDomain(data);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(2600 + 2600 * 0.08);
  });

  it("pads below a negative series (growth rates may fall below zero)", () => {
    const [lo, hi] = trajectoryDomain({ rows: [row(2020, -2), row(2021, 3)], baseline: null, target: null });
    expect(lo).toBeCloseTo(-2.4);
    expect(hi).toBeCloseTo(3.4);
  });

  it("opens a flat series and an empty one to a visible range", () => {
    expect(
      trajectoryDomain({ rows: [row(2020, 100), row(2021, 100)], baseline: null, target: null }),
    ).toEqual([99, 101]);
    expect(trajectoryDomain({ rows: [], baseline: null, target: null })).toEqual([0, 1]);
  });

  it("includes the printed baseline and ignores non-finite values", () => {
    const [lo] = trajectoryDomain({
      rows: [row(2021, 90), row(2022, Number.NaN)],
      baseline: { year: 2020, value: 80 },
      target: null,
    });
    expect(lo).toBeLessThan(80);
  });
});

describe("comparisonPoints", () => {
  it("is one point per scenario and year, skipping missing values", () => {
    const pts = comparisonPoints([
      { name: "A", years: [2020, 2021], values: [1, 2] },
      { name: "B", years: [2020, 2021], values: [3, Number.NaN] },
    ]);
    expect(pts).toEqual([
      { series: 0, name: "A", year: 2020, value: 1 },
      { series: 0, name: "A", year: 2021, value: 2 },
      { series: 1, name: "B", year: 2020, value: 3 },
    ]);
  });
});

describe("comparison series over an evaluation's own arrays", () => {
  it("reads typed arrays as it reads plain ones: points and bands, missing values skipped", () => {
    const years = Int32Array.of(2020, 2021, 2022);
    const values = Float64Array.of(1, Number.NaN, 3);
    const q = Float64Array.of(0, 1, 2);
    const typed = { name: "A", years, values, bands: { p5: q, p25: q, p75: q, p95: q } };
    const plain = {
      name: "A",
      years: [...years],
      values: [...values],
      bands: { p5: [...q], p25: [...q], p75: [...q], p95: [...q] },
    };
    expect(comparisonPoints([typed])).toEqual(comparisonPoints([plain]));
    expect(comparisonPoints([typed]).map((p) => p.year)).toEqual([2020, 2022]);
    expect(bandRows(typed)).toEqual(bandRows(plain));
    expect(bandRows(typed)).toHaveLength(3);
  });
});

describe("formats the charts and tables use", () => {
  it("writes parameter values with their unit, years never grouped", () => {
    expect(f.formatParam(500, "households-per-year", "zh-CN")).toBe("500户/年");
    expect(f.formatParam(500, "households-per-year", "en")).toBe("500 households a year");
    expect(f.formatParam(2025, "year", "en")).toBe("2025");
    expect(f.formatParam(19.3, "percent", "en", 1)).toBe("19.3%");
    expect(f.formatParam(5400868, "people", "en")).toBe("5,400,868 people");
  });
  it("reads decimals from a slider step", () => {
    expect(f.decimalsOfStep(10)).toBe(0);
    expect(f.decimalsOfStep(0.1)).toBe(1);
    expect(f.decimalsOfStep(0.01)).toBe(2);
    expect(f.decimalsOfStep(undefined)).toBe(0);
  });
  it("writes indicator values at the plan's precision", () => {
    expect(f.formatValue(98.374, { unit: "percent", precision: 2 }, "en")).toBe("98.37%");
    expect(f.formatValue(2500, { unit: "households", precision: 0 }, "zh-CN")).toBe("2,500户");
    expect(
      f.formatValue(12, { unit: "count", precision: 0, unitLabel: { zh: "支", en: "teams" } }, "en"),
    ).toBe("12 teams");
  });
  it("signs numbers with a true minus and writes probabilities at the ends", () => {
    expect(f.formatSigned(-1.25, "en", 1)).toBe("−1.3");
    expect(f.formatSigned(2, "en")).toBe("+2");
    expect(f.formatSigned(0.01, "en")).toBe("0");
    expect(f.formatProbability(99.8, "en")).toBe(">99%");
    expect(f.formatProbability(0.2, "en")).toBe("<1%");
    expect(f.formatProbability(17.25, "en")).toBe("17%");
  });
});
