import * as Plot from "@observablehq/plot";
import { type ColumnTable, table as columnTable } from "arquero";
import { dodgeLabels, fitLabel, textWidth } from "./end-labels.ts";
import { isValue, requiredValues, type Values, valuesOf } from "./table-columns.ts";

/**
 * Overlaid trajectories of one indicator under several scenarios. Each scenario gets its own colour
 * AND its own dash pattern and point shape, and its name is written at the end of its line, so the
 * lines can be told apart without colour. With Monte Carlo samples, each scenario's middle 90% and 50%
 * are shaded behind its line in its colour. The end labels (and the target's) are moved apart so they
 * never overlap, and a name too wide for the margin is shortened by whole characters with "…" (its
 * full text is the label's title and stays in the caller's legend).
 */

/** The quantiles a scenario's bands are drawn between: its middle 90% and its middle 50%. */
export const BAND_QUANTILES = ["p05", "p25", "p75", "p95"] as const;
export type BandQuantile = (typeof BAND_QUANTILES)[number];

/**
 * The name of scenario `k`'s column in a comparison table: its values (`s0`, `s1`, …) or, given a
 * quantile, that quantile of its Monte Carlo samples (`s0:p05`, …).
 */
export function seriesColumn(k: number, quantile?: BandQuantile): string {
  return quantile ? `s${k}:${quantile}` : `s${k}`;
}

/**
 * What the comparison chart reads: one wide Arquero table, a row per year. `year`, and for each scenario
 * `k` (0, 1, … in the order of {@link ComparisonOptions.names}) its values `s{k}` and, with samples, its
 * quantiles `s{k}:p05`, `s{k}:p25`, `s{k}:p75`, `s{k}:p95` (see {@link seriesColumn}). A missing value is
 * NaN (or null): its year draws no point, and the line joins the years either side. Made by
 * {@link comparisonSeriesTable} over the evaluations' own arrays; read by column, never by row object.
 */
export type ComparisonTable = ColumnTable;

/** One scenario's results for {@link comparisonSeriesTable}: the evaluation's own arrays. */
export interface ScenarioColumns {
  /** Its values, one per year (an indicator's `projection`); undefined when it has none (all missing). */
  values: ArrayLike<number> | undefined;
  /** Its quantiles `[p05, p25, p50, p75, p95]` as the engine computes them; absent or null without samples. */
  quantiles?: readonly ArrayLike<number>[] | null;
}

/**
 * The comparison table ({@link ComparisonTable}) over `years` and each scenario's arrays, in order. The
 * arrays are wrapped as the table's columns, not copied: every scenario is of the same plan, so all have
 * `years`' length.
 */
export function comparisonSeriesTable(
  years: ArrayLike<number>,
  scenarios: readonly ScenarioColumns[],
): ComparisonTable {
  const columns: Record<string, ArrayLike<number>> = { year: years };
  scenarios.forEach((s, k) => {
    columns[seriesColumn(k)] = s.values ?? new Float64Array(years.length).fill(Number.NaN);
    const q = s.quantiles;
    if (q) {
      const [p05, p25, , p75, p95] = q;
      const at = { p05, p25, p75, p95 };
      for (const name of BAND_QUANTILES) columns[seriesColumn(k, name)] = at[name]!;
    }
  });
  return columnTable(columns);
}

export interface ComparisonOptions {
  /** Each scenario's name, written at its line's end and in the legend: scenario k's is `names[k]`. */
  names: readonly string[];
  ariaLabel: string;
  yLabel: string;
  /** Writes a tick value; `decimals` is the precision the ticks need to differ (the chart's choice). */
  formatValue: (v: number, decimals: number) => string;
  /** The target value, drawn as a dashed rule with `label` at its end; null when there is none. */
  target: { value: number; label: string } | null;
  /** Default 640. */
  width?: number;
  /** Default 300. */
  height?: number;
}

/** Four colours that each reach 3:1 on white and differ for the common colour-vision deficiencies. */
export const SERIES_COLORS = ["#1f4e79", "#b3400b", "#1b5530", "#6a3d9a"] as const;
/** Dash patterns by series index: solid, dashed, dotted, dash-dot. */
export const SERIES_DASHES = ["none", "8 4", "2 3", "10 3 2 3"] as const;
/** Point shapes by series index. */
export const SERIES_SYMBOLS = ["circle", "square", "triangle", "diamond"] as const;
/** The target rule's and label's colour. */
const TARGET_COLOR = "#4a535c";
/** Fill opacities of the 5–95% and 25–75% bands: light enough that four overlapping stay readable. */
const BAND_OPACITY = { outer: 0.1, inner: 0.2 } as const;

const FONT_SIZE = 13;
/**
 * Least distance between two end labels' centres: a line of 13 px type as a CJK font draws it (Noto
 * Sans CJK's box is about 1.45 em tall) and a little air.
 */
const LABEL_GAP = 20;
const MARGIN = { top: 20, bottom: 30, left: 64 } as const;
/** Years of air on each side of the first and last year, so their points are not on the frame. */
const X_PAD = 0.3;

/**
 * The rows (positions in `table`) where scenario `k` has a value: what its line and points draw, a
 * missing year skipped (the line joins its neighbours).
 */
export function comparisonPoints(table: ComparisonTable, k: number): number[] {
  const values = valuesOf(table, seriesColumn(k));
  const out: number[] = [];
  if (values) for (let j = 0; j < table.numRows(); j++) if (isValue(values[j])) out.push(j);
  return out;
}

/**
 * The rows (positions in `table`) where scenario `k`'s band is drawn: where all four of its quantiles
 * are numbers. None when the table has no quantiles of it.
 */
export function bandRows(table: ComparisonTable, k: number): number[] {
  const q = BAND_QUANTILES.map((name) => valuesOf(table, seriesColumn(k, name)));
  if (!q.every((c) => c !== null)) return [];
  const out: number[] = [];
  for (let j = 0; j < table.numRows(); j++) if (q.every((c) => isValue(c[j]))) out.push(j);
  return out;
}

/** A row mask of `rows` (positions among `n`), for a mark's `filter`. */
function maskOf(rows: readonly number[], n: number): Uint8Array {
  const mask = new Uint8Array(n);
  for (const j of rows) mask[j] = 1;
  return mask;
}

/**
 * The y-axis: a domain on round ticks that holds every line, band and the target, and the decimals the
 * ticks need. About one tick per 50 px.
 */
export function comparisonScale(
  values: Iterable<number>,
  plotHeight: number,
): { domain: [number, number]; ticks: number[]; decimals: number } {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  if (lo === hi) {
    const d = Math.abs(lo) > 0 ? Math.abs(lo) * 0.05 : 1;
    [lo, hi] = [lo - d, hi + d];
  }
  const count = Math.max(2, Math.round(plotHeight / 50));
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  // A value within a billionth of a step of a tick is on it (0.30000000000000004 is 0.3).
  const start = Math.floor(lo / step + 1e-9);
  const end = Math.ceil(hi / step - 1e-9);
  const decimals = Math.max(
    0,
    -Math.floor(Math.log10(step) + 1e-9) + (String(step / mag).includes(".") ? 1 : 0),
  );
  const round = (v: number) => Number(v.toFixed(Math.min(20, decimals + 2))) + 0;
  const ticks: number[] = [];
  for (let k = start; k <= end; k++) ticks.push(round(k * step));
  return { domain: [round(start * step), round(end * step)], ticks, decimals };
}

/**
 * Renders the comparison chart of `table` (see {@link ComparisonTable}) as an SVG element with
 * role="img": one line per name in `options.names`. The marks read the table's columns as channels over
 * `{length: rows}`, each filtered to the rows it draws; no row object is made.
 */
export function comparisonChart(table: ComparisonTable, options: ComparisonOptions): SVGElement {
  const width = options.width ?? 640;
  const height = options.height ?? 300;
  const n = table.numRows();
  const rows = { length: n };
  const year = requiredValues(table, "year") as ArrayLike<number> & Iterable<number>;
  const series = options.names.map((name, k) => {
    const band = bandRows(table, k);
    const column = (q: BandQuantile) => valuesOf(table, seriesColumn(k, q)) as Values;
    return {
      name,
      // A scenario the table has no column of is missing in every year: it draws nothing.
      values: valuesOf(table, seriesColumn(k)) ?? new Float64Array(n).fill(Number.NaN),
      points: comparisonPoints(table, k),
      band,
      quantiles:
        band.length > 0
          ? { p05: column("p05"), p25: column("p25"), p75: column("p75"), p95: column("p95") }
          : null,
    };
  });
  const years = [...new Set(series.flatMap((s) => s.points.map((j) => year[j]!)))].sort((a, b) => a - b);

  // End labels: each series' name at its last point, the target's label at the rule's end.
  const labels: { text: string; value: number; color: string; target: boolean }[] = [];
  series.forEach((s, i) => {
    const last = s.points.at(-1);
    if (last !== undefined)
      labels.push({ text: s.name, value: s.values[last]!, color: color(i), target: false });
  });
  if (options.target) {
    labels.push({
      text: options.target.label,
      value: options.target.value,
      color: TARGET_COLOR,
      target: true,
    });
  }
  // The right margin holds the labels: as wide as the widest needs, at most 30% of the chart.
  const room = Math.max(90, Math.round(width * 0.3));
  const widest = Math.max(0, ...labels.map((l) => textWidth(l.text, FONT_SIZE)));
  const marginRight = Math.min(room, Math.ceil(widest) + 14);
  const top = MARGIN.top;
  const bottom = height - MARGIN.bottom;

  // Every value drawn: the lines, the outer bands and the target.
  const drawn: number[] = [];
  for (const s of series) {
    for (const j of s.points) drawn.push(s.values[j]!);
    if (s.quantiles) for (const j of s.band) drawn.push(s.quantiles.p05[j]!, s.quantiles.p95[j]!);
  }
  if (options.target) drawn.push(options.target.value);
  const scale = comparisonScale(drawn, bottom - top);
  const [d0, d1] = scale.domain;
  const toPixel = (v: number) => bottom - ((v - d0) / (d1 - d0)) * (bottom - top);
  const toValue = (px: number) => d0 + ((bottom - px) / (bottom - top)) * (d1 - d0);
  const placed = dodgeLabels(
    labels.map((l) => toPixel(l.value)),
    { gap: LABEL_GAP, min: top + LABEL_GAP / 2, max: bottom - LABEL_GAP / 2 },
  );
  const lastYear = years.at(-1) ?? 0;
  // Labels start at the frame's right edge (past the last year's padding), clear of the rules and lines.
  const labelX = lastYear + X_PAD;
  const labelRows = labels.map((l, k) => ({
    year: labelX,
    y: toValue(placed[k]!),
    text: fitLabel(l.text, marginRight - 10, FONT_SIZE),
    title: l.text,
    color: l.color,
    target: l.target,
  }));

  const marks: Plot.Markish[] = [Plot.gridY(scale.ticks, { stroke: "#d6d3cb", strokeOpacity: 1 })];
  // Bands first, so every line is drawn over every band.
  series.forEach((s, i) => {
    const q = s.quantiles;
    if (!q) return;
    const fill = color(i);
    const filter = maskOf(s.band, n);
    marks.push(
      Plot.areaY(rows, {
        x: year,
        y1: q.p05,
        y2: q.p95,
        filter,
        fill,
        fillOpacity: BAND_OPACITY.outer,
        className: "band band-90",
      }),
      Plot.areaY(rows, {
        x: year,
        y1: q.p25,
        y2: q.p75,
        filter,
        fill,
        fillOpacity: BAND_OPACITY.inner,
        className: "band band-50",
      }),
      // The outer band's edges in the series' colour and dash: overlapping fills mix their colours, the
      // edges still say whose band is whose.
      ...[q.p05, q.p95].map((y) =>
        Plot.lineY(rows, {
          x: year,
          y,
          filter,
          stroke: fill,
          strokeWidth: 1,
          strokeOpacity: 0.75,
          strokeDasharray: SERIES_DASHES[i % SERIES_DASHES.length]!,
          className: "band-edge",
        }),
      ),
    );
  });
  if (options.target) {
    marks.push(
      Plot.ruleY([options.target.value], {
        stroke: TARGET_COLOR,
        strokeDasharray: "6 4",
        strokeWidth: 1.5,
        className: "target-rule",
      }),
    );
  }
  series.forEach((s, i) => {
    // A missing year is filtered out (not a gap): the line joins the years either side of it.
    const filter = maskOf(s.points, n);
    marks.push(
      Plot.lineY(rows, {
        x: year,
        y: s.values,
        filter,
        stroke: color(i),
        strokeWidth: 2.5,
        strokeDasharray: SERIES_DASHES[i % SERIES_DASHES.length]!,
        className: "series-line",
      }),
      Plot.dot(rows, {
        x: year,
        y: s.values,
        filter,
        symbol: SERIES_SYMBOLS[i % SERIES_SYMBOLS.length]!,
        fill: color(i),
        r: 4,
      }),
    );
  });
  // Scenario names in their colours; the target's label in bold, so it is not read as a scenario.
  for (const target of [false, true]) {
    marks.push(
      Plot.text(
        labelRows.filter((l) => l.target === target),
        {
          x: "year",
          y: "y",
          text: "text",
          title: "title",
          fill: "color",
          fontWeight: target ? 600 : 400,
          dx: 6,
          textAnchor: "start",
          lineAnchor: "middle",
          className: "end-label",
        },
      ),
    );
  }
  const svg = Plot.plot({
    width,
    height,
    marginLeft: MARGIN.left,
    marginRight,
    marginTop: top,
    marginBottom: MARGIN.bottom,
    style: { fontSize: `${FONT_SIZE}px`, background: "transparent" },
    color: { type: "identity" },
    x: {
      label: null,
      domain: years.length > 0 ? [years[0]! - X_PAD, lastYear + X_PAD] : [0, 1],
      ticks: years,
      tickFormat: (y: number) => String(y),
    },
    y: {
      label: options.yLabel,
      domain: scale.domain,
      range: [bottom, top],
      ticks: scale.ticks,
      tickFormat: (v: number) => options.formatValue(v, scale.decimals),
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

function color(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length]!;
}
