import * as Plot from "@observablehq/plot";
import { dodgeLabels, fitLabel, textWidth } from "./end-labels.ts";

/**
 * Overlaid trajectories of one indicator under several scenarios. Each scenario gets its own colour
 * AND its own dash pattern and point shape, and its name is written at the end of its line, so the
 * lines can be told apart without colour. With Monte Carlo samples, each scenario's middle 90% and 50%
 * are shaded behind its line in its colour. The end labels (and the target's) are moved apart so they
 * never overlap, and a name too wide for the margin is shortened by whole characters with "…" (its
 * full text is the label's title and stays in the caller's legend).
 */

/** A scenario's Monte Carlo quantiles, one value per year (the evaluation's own arrays). */
export interface ComparisonBands {
  p5: ArrayLike<number>;
  p25: ArrayLike<number>;
  p75: ArrayLike<number>;
  p95: ArrayLike<number>;
}

/** One scenario's series. */
export interface ComparisonSeries {
  /** The name written at the line's end and in the legend. */
  name: string;
  /** Its years and values, one per year: the evaluation's own arrays (an Int32Array, a Float64Array). */
  years: ArrayLike<number>;
  values: ArrayLike<number>;
  /** Its uncertainty bands; absent or null without samples (nothing is shaded). */
  bands?: ComparisonBands | null;
}

export interface ComparisonOptions {
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

interface Point {
  series: number;
  name: string;
  year: number;
  value: number;
}

/** Long-format points, one per scenario and year (what the marks draw and what tests check). */
export function comparisonPoints(series: readonly ComparisonSeries[]): Point[] {
  const out: Point[] = [];
  series.forEach((s, i) => {
    for (let j = 0; j < s.years.length; j++) {
      const year = s.years[j]!;
      const value = s.values[j];
      if (value !== undefined && Number.isFinite(value)) out.push({ series: i, name: s.name, year, value });
    }
  });
  return out;
}

interface BandRow {
  year: number;
  p5: number;
  p25: number;
  p75: number;
  p95: number;
}

/** A series' band rows: the years where all four quantiles are finite. */
export function bandRows(s: ComparisonSeries): BandRow[] {
  const b = s.bands;
  if (!b) return [];
  const out: BandRow[] = [];
  for (let j = 0; j < s.years.length; j++) {
    const row = { year: s.years[j]!, p5: b.p5[j]!, p25: b.p25[j]!, p75: b.p75[j]!, p95: b.p95[j]! };
    if ([row.p5, row.p25, row.p75, row.p95].every((v) => v !== undefined && Number.isFinite(v)))
      out.push(row);
  }
  return out;
}

/**
 * The y-axis: a domain on round ticks that holds every line, band and the target, and the decimals the
 * ticks need. About one tick per 50 px.
 */
export function comparisonScale(
  values: readonly number[],
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

/** Renders the comparison chart as an SVG element with role="img". */
export function comparisonChart(series: readonly ComparisonSeries[], options: ComparisonOptions): SVGElement {
  const width = options.width ?? 640;
  const height = options.height ?? 300;
  const points = comparisonPoints(series);
  const bands = series.map(bandRows);
  const years = [...new Set(points.map((p) => p.year))].sort((a, b) => a - b);

  // End labels: each series' name at its last point, the target's label at the rule's end.
  const labels: { text: string; value: number; color: string; target: boolean }[] = [];
  series.forEach((s, i) => {
    const last = points.filter((p) => p.series === i).at(-1);
    if (last) labels.push({ text: s.name, value: last.value, color: color(i), target: false });
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

  const scale = comparisonScale(
    [
      ...points.map((p) => p.value),
      ...bands.flatMap((rows) => rows.flatMap((r) => [r.p5, r.p95])),
      ...(options.target ? [options.target.value] : []),
    ],
    bottom - top,
  );
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
  series.forEach((_, i) => {
    const rows = bands[i]!;
    if (rows.length === 0) return;
    const fill = color(i);
    marks.push(
      Plot.areaY(rows, {
        x: "year",
        y1: "p5",
        y2: "p95",
        fill,
        fillOpacity: BAND_OPACITY.outer,
        className: "band band-90",
      }),
      Plot.areaY(rows, {
        x: "year",
        y1: "p25",
        y2: "p75",
        fill,
        fillOpacity: BAND_OPACITY.inner,
        className: "band band-50",
      }),
      // The outer band's edges in the series' colour and dash: overlapping fills mix their colours, the
      // edges still say whose band is whose.
      ...(["p5", "p95"] as const).map((y) =>
        Plot.lineY(rows, {
          x: "year",
          y,
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
  series.forEach((_, i) => {
    const mine = points.filter((p) => p.series === i);
    marks.push(
      Plot.lineY(mine, {
        x: "year",
        y: "value",
        stroke: color(i),
        strokeWidth: 2.5,
        strokeDasharray: SERIES_DASHES[i % SERIES_DASHES.length]!,
        className: "series-line",
      }),
      Plot.dot(mine, {
        x: "year",
        y: "value",
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
