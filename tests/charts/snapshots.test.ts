// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import type { IndicatorResult } from "../../models/engine.ts";
import { comparisonChart, comparisonSeriesTable } from "../../src/charts/comparison.ts";
import { type TrajectoryOptions, trajectoryChart } from "../../src/charts/trajectory.ts";
import { figureTable } from "../../src/kernel/result-tables.ts";
import { expectSvgSnapshot, normalizeSvg } from "./snapshot.ts";

/**
 * The charts as drawn, on small literal fixtures: each chart is rendered in jsdom and compared with its
 * committed SVG in tests/charts/output/ (see ./snapshot.ts: a change writes <name>-changed.svg beside the
 * snapshot and fails; a missing snapshot fails unless UPDATE_SNAPSHOTS=1). The end labels' widths are
 * estimated per character (src/charts/end-labels.ts `textWidth`, no canvas), so the layout is the same
 * in jsdom as anywhere.
 */

const YEARS = Int32Array.of(2020, 2021, 2022, 2023, 2024, 2025);

/** What `figureTable` reads of an indicator's result: its projection, actuals and quantiles. */
const result = (
  projection: number[],
  more: { actuals?: IndicatorResult["actuals"]; quantiles?: number[][] } = {},
): IndicatorResult =>
  ({
    projection: Float64Array.from(projection),
    actuals: more.actuals ?? [],
    quantiles: more.quantiles ? more.quantiles.map((q) => Float64Array.from(q)) : null,
  }) as Partial<IndicatorResult> as IndicatorResult;

/** Quantiles p05, p25, p50, p75, p95 spread around `mid` by `spread` times the year's index. */
const quantiles = (mid: number[], spread: number): number[][] =>
  [-2, -1, 0, 1, 2].map((k) => mid.map((v, i) => v + k * spread * i));

const trajectoryWords = (over: Partial<TrajectoryOptions> = {}): TrajectoryOptions => ({
  baseline: null,
  target: null,
  ariaLabel: "Trajectory of the test indicator",
  yLabel: "households",
  formatValue: (v) => v.toLocaleString("en-GB", { maximumFractionDigits: 1 }),
  targetLabel: "Target ≥ 2,500",
  ...over,
});

describe("trajectoryChart", () => {
  it("draws a projection, the printed baseline and a target", () => {
    const table = figureTable(YEARS, result([1200, 1400, 1650, 1900, 2200, 2450]), undefined);
    const svg = trajectoryChart(
      table,
      trajectoryWords({ baseline: { year: 2020, value: 1180 }, target: { year: 2025, value: 2500 } }),
    );
    expectSvgSnapshot(svg, "trajectory-target");
  });

  it("draws both Monte Carlo bands and the actuals, a year without an actual drawing no point", () => {
    const mid = [1200, 1400, 1650, 1900, 2200, 2450];
    const table = figureTable(
      YEARS,
      result(mid, {
        actuals: [
          { year: 2021, value: 1380 },
          { year: 2023, value: 1960 },
        ],
      }),
      result(mid, { quantiles: quantiles(mid, 40) }),
    );
    const svg = trajectoryChart(
      table,
      trajectoryWords({ target: { year: 2025, value: 2500 }, width: 480, height: 240 }),
    );
    expectSvgSnapshot(svg, "trajectory-bands-actuals");
  });

  it("pads below a series that falls under zero (a growth rate), with no target", () => {
    const table = figureTable(YEARS, result([1.5, 0.4, -0.8, -1.6, -0.2, 0.9]), undefined);
    const svg = trajectoryChart(table, trajectoryWords({ yLabel: "%", targetLabel: "" }));
    expectSvgSnapshot(svg, "trajectory-negative");
  });
});

describe("comparisonChart", () => {
  const format = (v: number, decimals: number) => v.toFixed(decimals);

  it("draws three scenarios with bands, a target, and long names (Latin and Chinese) shortened by whole characters at the lines' ends", () => {
    const a = [60, 64, 68, 72, 76, 80];
    const b = [60, 62, 65, 69, 74, 79];
    const c = [60, 61, 62, 63, 64, 65];
    const table = comparisonSeriesTable(YEARS, [
      { values: Float64Array.from(a), quantiles: quantiles(a, 1).map((q) => Float64Array.from(q)) },
      { values: Float64Array.from(b) },
      { values: Float64Array.from(c), quantiles: quantiles(c, 0.5).map((q) => Float64Array.from(q)) },
    ]);
    const svg = comparisonChart(table, {
      names: [
        "Baseline",
        "A very long scenario name that cannot fit in the margin",
        "嘉兴：加快无障碍改造的情景方案（高目标）",
      ],
      ariaLabel: "Three scenarios compared",
      yLabel: "%",
      formatValue: format,
      target: { value: 75, label: "Target ≥ 75%" },
    });
    expectSvgSnapshot(svg, "comparison-bands-target");
  });

  it("joins a line across a missing year, draws negative values, and skips a scenario without values", () => {
    const table = comparisonSeriesTable(YEARS, [
      { values: Float64Array.of(0.5, -0.3, Number.NaN, -1.2, -0.4, 0.2) },
      { values: undefined },
      { values: Float64Array.of(0.5, 0.1, -0.1, -0.2, 0.3, 0.6) },
    ]);
    const svg = comparisonChart(table, {
      names: ["Low", "Missing", "High"],
      ariaLabel: "Growth under two scenarios",
      yLabel: "% a year",
      formatValue: format,
      target: null,
      width: 420,
      height: 220,
    });
    expectSvgSnapshot(svg, "comparison-gap-negative");
  });
});

describe("normalizeSvg", () => {
  it("renames Plot's class, renumbers generated ids and their references, and rounds long numbers", () => {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("class", "plot-1a2b3c");
    svg.innerHTML =
      "<style>.plot-1a2b3c { color: red }</style>" +
      '<clipPath id="plot-clip-17"><rect width="10.123456"></rect></clipPath>' +
      '<g clip-path="url(#plot-clip-17)"><text x="1.5">−0.333333</text></g>';
    expect(normalizeSvg(svg)).toBe(
      [
        '<svg class="plot" xmlns="http://www.w3.org/2000/svg">',
        "  <style>.plot { color: red }</style>",
        '  <clipPath id="plot-clip-1">',
        '    <rect width="10.123"></rect>',
        "  </clipPath>",
        '  <g clip-path="url(#plot-clip-1)">',
        '    <text x="1.5">−0.333</text>',
        "  </g>",
        "</svg>\n",
      ].join("\n"),
    );
  });
});
