import { type ColumnTable, table } from "arquero";
import { describe, expect, it } from "vitest";
import {
  BAND_QUANTILES,
  bandRows,
  comparisonPoints,
  comparisonSeriesTable,
  seriesColumn,
} from "../../src/charts/comparison.ts";
import { type TrajectoryMarks, trajectoryDomain, trajectoryLegend } from "../../src/charts/trajectory.ts";
import * as f from "../../src/kernel/format.ts";

/** A trajectory table as `figureTable` makes it: a row per year, bands only where given. */
const trajectory = (...rows: [year: number, projection: number, band?: [number, number]][]) => {
  const banded = rows.some((r) => r[2]);
  return table({
    year: rows.map((r) => r[0]),
    projection: rows.map((r) => r[1]),
    ...(banded ? { p05: rows.map((r) => r[2]?.[0] ?? null), p95: rows.map((r) => r[2]?.[1] ?? null) } : {}),
  });
};
const none: TrajectoryMarks = { baseline: null, target: null };

describe("trajectoryDomain", () => {
  it("covers the projection, the bands and the target, padded, with zero as the floor for counts", () => {
    const t = trajectory([2020, 0], [2021, 500, [400, 600]], [2025, 2500, [1700, 2600]]);
    const [lo, hi] = trajectoryDomain(t, { baseline: null, target: { year: 2025, value: 2500 } });
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(2600 + 2600 * 0.08);
  });

  it("pads below a negative series (growth rates may fall below zero)", () => {
    const [lo, hi] = trajectoryDomain(trajectory([2020, -2], [2021, 3]), none);
    expect(lo).toBeCloseTo(-2.4);
    expect(hi).toBeCloseTo(3.4);
  });

  it("opens a flat series and an empty one to a visible range", () => {
    expect(trajectoryDomain(trajectory([2020, 100], [2021, 100]), none)).toEqual([99, 101]);
    expect(trajectoryDomain(trajectory(), none)).toEqual([0, 1]);
  });

  it("includes the printed baseline and ignores non-finite values", () => {
    const [lo] = trajectoryDomain(trajectory([2021, 90], [2022, Number.NaN]), {
      baseline: { year: 2020, value: 80 },
      target: null,
    });
    expect(lo).toBeLessThan(80);
  });

  it("includes the observed values, NaN where a year has none", () => {
    const t = table({
      year: Int32Array.of(2020, 2021),
      projection: Float64Array.of(10, 11),
      actual: Float64Array.of(Number.NaN, 30),
    });
    expect(trajectoryDomain(t, none)[1]).toBeCloseTo(30 + 20 * 0.08);
  });
});

describe("trajectoryLegend", () => {
  const words = { projection: "P", band90: "B90", band50: "B50", target: "T", baseline: "B", actual: "A" };
  const labels = (t: ColumnTable, marks: TrajectoryMarks) =>
    trajectoryLegend(t, marks, words).map((e) => e.label);

  it("lists only what the table and the marks make the chart draw", () => {
    expect(labels(trajectory([2020, 1], [2021, 2]), none)).toEqual(["P"]);
    const full = table({
      year: Int32Array.of(2020, 2021),
      projection: Float64Array.of(1, 2),
      p05: Float64Array.of(0, 1),
      p25: Float64Array.of(0.5, 1.5),
      p50: Float64Array.of(1, 2),
      p75: Float64Array.of(1.5, 2.5),
      p95: Float64Array.of(2, 3),
      actual: Float64Array.of(Number.NaN, 2.2),
    });
    expect(labels(full, { baseline: { year: 2020, value: 1 }, target: { year: 2021, value: 3 } })).toEqual([
      "P",
      "B90",
      "B50",
      "T",
      "B",
      "A",
    ]);
  });

  it("has no entry for observed values when every year's is NaN", () => {
    const t = table({ year: [2020], projection: [1], actual: Float64Array.of(Number.NaN) });
    expect(labels(t, none)).toEqual(["P"]);
  });
});

describe("comparisonPoints", () => {
  it("is the rows where each scenario has a value, skipping missing values", () => {
    const t = table({ year: [2020, 2021], s0: [1, 2], s1: [3, Number.NaN] });
    expect(comparisonPoints(t, 0)).toEqual([0, 1]);
    expect(comparisonPoints(t, 1)).toEqual([0]);
    // A scenario the table has no column of draws nothing.
    expect(comparisonPoints(t, 2)).toEqual([]);
  });
});

describe("comparisonSeriesTable", () => {
  it("wraps each scenario's own typed arrays as the chart's columns, not copies", () => {
    const years = Int32Array.of(2020, 2021, 2022);
    const values = Float64Array.of(1, Number.NaN, 3);
    const q = [0, 1, 2, 3, 4].map((k) => Float64Array.of(k, k + 1, k + 2));
    const t = comparisonSeriesTable(years, [{ values, quantiles: q }, { values: undefined }]);
    expect(t.column("year")).toBe(years);
    expect(t.column(seriesColumn(0))).toBe(values);
    // The quantiles are [p05, p25, p50, p75, p95]; the bands read all but the median.
    expect(BAND_QUANTILES.map((name) => t.column(seriesColumn(0, name)))).toEqual([q[0], q[1], q[3], q[4]]);
    expect(t.column(seriesColumn(0, "p05"))).toBe(q[0]);
    expect(t.columnNames()).not.toContain(seriesColumn(1, "p05"));
    // A scenario without the indicator is missing in every year: no point, no band.
    expect(comparisonPoints(t, 0)).toEqual([0, 2]);
    expect(comparisonPoints(t, 1)).toEqual([]);
    expect(bandRows(t, 0)).toEqual([0, 1, 2]);
    expect(bandRows(t, 1)).toEqual([]);
  });

  it("reads plain arrays as it reads typed ones", () => {
    const typed = comparisonSeriesTable(Int32Array.of(2020, 2021), [
      { values: Float64Array.of(Number.NaN, 2) },
    ]);
    const plain = comparisonSeriesTable([2020, 2021], [{ values: [Number.NaN, 2] }]);
    expect(comparisonPoints(typed, 0)).toEqual(comparisonPoints(plain, 0));
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
