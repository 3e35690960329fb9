import * as Plot from "@observablehq/plot";
import type { ColumnTable } from "arquero";
import type { LegendEntry } from "./standalone.ts";
import { isValue, requiredValues, someValue, type Values, valuesOf } from "./table-columns.ts";

/**
 * The trajectory of one indicator: the deterministic projection as a line, the p5–p95 and p25–p75
 * Monte Carlo bands behind it, the printed baseline and the actual figures as points, and the target
 * as a marked rule at the target year. The chart is a pure function of its data (CONVENTIONS 8): it
 * knows no language and no store; the caller passes every word it shows.
 */

/**
 * What the chart reads, a row per year (the shape of `figureTable` in src/kernel/result-tables.ts):
 * `year` and `projection`; with Monte Carlo samples the quantile columns `p05`, `p25`, `p75` and `p95`
 * (`p50` may be there too; the chart does not draw it); and optionally `actual`, the observed value, NaN
 * in years without one. Values are in the indicator's unit. The chart reads the columns' own arrays by
 * index, never a row object.
 */
export type TrajectoryTable = ColumnTable;

/** The marks beside the table: the printed baseline and the target, each a single point. */
export interface TrajectoryMarks {
  /** The printed baseline (null when the source printed none). */
  baseline: { year: number; value: number } | null;
  /** The target value at the target year (null for "in step with" and "hold" targets). */
  target: { year: number; value: number } | null;
}

/** Marks, words and sizes. Every word is required so no English leaks into a Chinese page. */
export interface TrajectoryOptions extends TrajectoryMarks {
  /** Short text alternative, set as the SVG's aria-label (the chart has role="img"). */
  ariaLabel: string;
  /** y-axis label, e.g. "%" or "households". */
  yLabel: string;
  /** Tick formatter for values (the caller's locale and precision). */
  formatValue: (v: number) => string;
  /** Text drawn next to the target mark, e.g. "Target ≥ 2,500". */
  targetLabel: string;
  /** Default 640 CSS px. */
  width?: number;
  /** Default 300 CSS px. */
  height?: number;
  /** Colours; defaults meet 3:1 against white for the lines and marks. */
  colors?: Partial<TrajectoryColors>;
}

export interface TrajectoryColors {
  projection: string;
  band: string;
  target: string;
  actual: string;
  baseline: string;
}

/** The colours the chart draws with unless told otherwise. */
export const TRAJECTORY_COLORS: Readonly<TrajectoryColors> = {
  projection: "#1f4e79",
  band: "#7aa6d1",
  target: "#b3400b",
  actual: "#1b5530",
  baseline: "#4a535c",
};

/** The y-domain: every value drawn, padded by 8% so the marks never touch the frame. */
export function trajectoryDomain(table: TrajectoryTable, marks: TrajectoryMarks): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const see = (v: number | null | undefined): void => {
    if (!isValue(v)) return;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  };
  for (const name of ["projection", "p05", "p95", "actual"]) {
    const values = valuesOf(table, name);
    if (values) for (let i = 0; i < values.length; i++) see(values[i]);
  }
  see(marks.baseline?.value);
  see(marks.target?.value);
  if (!Number.isFinite(lo)) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.08;
  // Counts and rates that never go below zero keep zero as the floor rather than padding past it.
  return [lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi + pad];
}

/**
 * The rows the bands are drawn over: those with both a 5th and a 95th percentile (a row mask), or null
 * when no row has them (no samples: no band).
 */
function bandedRows(table: TrajectoryTable): Uint8Array | null {
  const p05 = valuesOf(table, "p05");
  const p95 = valuesOf(table, "p95");
  if (!p05 || !p95) return null;
  const mask = Uint8Array.from({ length: table.numRows() }, (_, i) =>
    Number(p05[i] != null && p95[i] != null),
  );
  return mask.includes(1) ? mask : null;
}

/** The `actual` column when some year has an observed value (NaN marks a year without one). */
function actualValues(table: TrajectoryTable): Values | null {
  const actual = valuesOf(table, "actual");
  return actual && someValue(actual) ? actual : null;
}

/** Opacities of the two bands; the 25th–75th band is drawn over the 5th–95th one. */
const BAND90_OPACITY = 0.3;
const BAND50_OPACITY = 0.55;

/** The words of the legend, in the reader's language. */
export interface TrajectoryLegendWords {
  projection: string;
  band90: string;
  band50: string;
  target: string;
  baseline: string;
  actual: string;
}

/**
 * The legend of a drawn chart, for a standalone export ({@link standaloneSvg}): one entry per kind of
 * mark `table` and `marks` make the chart draw, with the same colour, dash and symbol, in the order
 * the screen's legend lists them. Kept beside {@link trajectoryChart} so a changed mark changes its entry too.
 */
export function trajectoryLegend(
  table: TrajectoryTable,
  marks: TrajectoryMarks,
  words: TrajectoryLegendWords,
  colors: Partial<TrajectoryColors> = {},
): LegendEntry[] {
  const c = { ...TRAJECTORY_COLORS, ...colors };
  const out: LegendEntry[] = [{ label: words.projection, color: c.projection, symbol: "circle" }];
  if (bandedRows(table)) {
    out.push(
      { label: words.band90, color: c.band, swatch: "area", opacity: BAND90_OPACITY },
      // The inner band is seen over the outer one: its swatch shows the two stacked.
      {
        label: words.band50,
        color: c.band,
        swatch: "area",
        opacity: 1 - (1 - BAND90_OPACITY) * (1 - BAND50_OPACITY),
      },
    );
  }
  if (marks.target) out.push({ label: words.target, color: c.target, dash: TARGET_DASH, symbol: "diamond" });
  if (marks.baseline)
    out.push({ label: words.baseline, color: c.baseline, swatch: "symbol", symbol: "square" });
  if (actualValues(table)) {
    out.push({ label: words.actual, color: c.actual, swatch: "symbol", symbol: "triangle" });
  }
  return out;
}

const TARGET_DASH = "6 4";

/**
 * Renders the trajectory chart of `table` (see {@link TrajectoryTable}) as an SVG element with
 * role="img" and the given aria-label. The marks read the table's columns as channels over
 * `{length: rows}`; no row object is made.
 */
export function trajectoryChart(table: TrajectoryTable, options: TrajectoryOptions): SVGElement {
  const colors = { ...TRAJECTORY_COLORS, ...options.colors };
  const rows = { length: table.numRows() };
  const years = requiredValues(table, "year") as ArrayLike<number> & Iterable<number>;
  const projection = requiredValues(table, "projection");
  const banded = bandedRows(table);
  const [p25, p75] = [valuesOf(table, "p25"), valuesOf(table, "p75")];
  const actual = actualValues(table);
  const marks: Plot.Markish[] = [
    Plot.gridY({ stroke: "#d6d3cb", strokeOpacity: 1 }),
    // Why two areas rather than one with opacity stacking: each band keeps its own legend swatch.
    banded
      ? Plot.areaY(rows, {
          x: years,
          y1: valuesOf(table, "p05")!,
          y2: valuesOf(table, "p95")!,
          filter: banded,
          fill: colors.band,
          fillOpacity: BAND90_OPACITY,
        })
      : null,
    banded && p25 && p75
      ? Plot.areaY(rows, {
          x: years,
          y1: p25,
          y2: p75,
          filter: banded,
          fill: colors.band,
          fillOpacity: BAND50_OPACITY,
        })
      : null,
    Plot.lineY(rows, { x: years, y: projection, stroke: colors.projection, strokeWidth: 2.5 }),
    Plot.dot(rows, { x: years, y: projection, fill: colors.projection, r: 2.5 }),
  ];
  const { target: t, baseline } = options;
  if (t) {
    marks.push(
      Plot.ruleY([t.value], { stroke: colors.target, strokeDasharray: TARGET_DASH, strokeWidth: 1.5 }),
      Plot.dot([t], {
        x: "year",
        y: "value",
        symbol: "diamond",
        r: 7,
        fill: "#ffffff",
        stroke: colors.target,
        strokeWidth: 2.5,
      }),
      Plot.text([t], {
        x: "year",
        y: "value",
        text: () => options.targetLabel,
        dy: -14,
        textAnchor: "end",
        fill: colors.target,
        fontWeight: 600,
      }),
    );
  }
  if (baseline) {
    marks.push(
      Plot.dot([baseline], {
        x: "year",
        y: "value",
        symbol: "square",
        r: 5,
        fill: colors.baseline,
      }),
    );
  }
  if (actual) {
    marks.push(
      // A year without an observed value (NaN) draws no point.
      Plot.dot(rows, {
        x: years,
        y: actual,
        symbol: "triangle",
        r: 6,
        fill: colors.actual,
        stroke: "#ffffff",
      }),
    );
  }
  const svg = Plot.plot({
    width: options.width ?? 640,
    height: options.height ?? 300,
    marginLeft: 64,
    marginRight: 24,
    marginTop: 28,
    style: { fontSize: "13px", background: "transparent", overflow: "visible" },
    x: {
      label: null,
      domain: [Math.min(...years) - 0.3, Math.max(...years) + 0.3],
      ticks: years,
      // Years are never grouped: 2025, not 2,025.
      tickFormat: (y: number) => String(y),
    },
    y: {
      label: options.yLabel,
      domain: trajectoryDomain(table, options),
      tickFormat: options.formatValue,
      nice: true,
    },
    marks,
  }) as SVGElement;
  // The marks' own aria-labels ("line", "dot") are noise under role="img" and invalid on a bare <g>.
  for (const el of svg.querySelectorAll("[aria-label], [aria-description]")) {
    el.removeAttribute("aria-label");
    el.removeAttribute("aria-description");
  }
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", options.ariaLabel);
  return svg;
}
