import * as Plot from "@observablehq/plot";
import type { LegendEntry } from "./standalone.ts";

/**
 * The trajectory of one indicator: the deterministic projection as a line, the p5–p95 and p25–p75
 * Monte Carlo bands behind it, the printed baseline and the actual figures as points, and the target
 * as a marked rule at the target year. The chart is a pure function of its data (CONVENTIONS 8): it
 * knows no language and no store; the caller passes every word it shows.
 */

/** One year of a trajectory. Values are in the indicator's unit; quantiles are null without samples. */
export interface TrajectoryRow {
  year: number;
  projection: number;
  p5: number | null;
  p25: number | null;
  p50: number | null;
  p75: number | null;
  p95: number | null;
  actual: number | null;
}

/** What the chart draws. */
export interface TrajectoryData {
  rows: readonly TrajectoryRow[];
  /** The printed baseline (null when the source printed none). */
  baseline: { year: number; value: number } | null;
  /** The target value at the target year (null for "in step with" and "hold" targets). */
  target: { year: number; value: number } | null;
}

/** Words and sizes. Every word is required so no English leaks into a Chinese page. */
export interface TrajectoryOptions {
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
export function trajectoryDomain(data: TrajectoryData): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const see = (v: number | null | undefined): void => {
    if (v === null || v === undefined || !Number.isFinite(v)) return;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  };
  for (const r of data.rows) {
    see(r.projection);
    see(r.p5);
    see(r.p95);
    see(r.actual);
  }
  see(data.baseline?.value);
  see(data.target?.value);
  if (!Number.isFinite(lo)) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.08;
  // Counts and rates that never go below zero keep zero as the floor rather than padding past it.
  return [lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi + pad];
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
 * mark `data` makes the chart draw, with the same colour, dash and symbol, in the order the screen's
 * legend lists them. Kept beside {@link trajectoryChart} so a changed mark changes its entry too.
 */
export function trajectoryLegend(
  data: TrajectoryData,
  words: TrajectoryLegendWords,
  colors: Partial<TrajectoryColors> = {},
): LegendEntry[] {
  const c = { ...TRAJECTORY_COLORS, ...colors };
  const out: LegendEntry[] = [{ label: words.projection, color: c.projection, symbol: "circle" }];
  if (data.rows.some((r) => r.p5 !== null && r.p95 !== null)) {
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
  if (data.target) out.push({ label: words.target, color: c.target, dash: TARGET_DASH, symbol: "diamond" });
  if (data.baseline)
    out.push({ label: words.baseline, color: c.baseline, swatch: "symbol", symbol: "square" });
  if (data.rows.some((r) => r.actual !== null)) {
    out.push({ label: words.actual, color: c.actual, swatch: "symbol", symbol: "triangle" });
  }
  return out;
}

const TARGET_DASH = "6 4";

/** Renders the trajectory chart as an SVG element with role="img" and the given aria-label. */
export function trajectoryChart(data: TrajectoryData, options: TrajectoryOptions): SVGElement {
  const colors = { ...TRAJECTORY_COLORS, ...options.colors };
  const rows = [...data.rows];
  const banded = rows.filter((r) => r.p5 !== null && r.p95 !== null);
  const actuals = rows.filter((r) => r.actual !== null);
  const years = rows.map((r) => r.year);
  const marks: Plot.Markish[] = [
    Plot.gridY({ stroke: "#d6d3cb", strokeOpacity: 1 }),
    // Why two areas rather than one with opacity stacking: each band keeps its own legend swatch.
    banded.length > 0
      ? Plot.areaY(banded, { x: "year", y1: "p5", y2: "p95", fill: colors.band, fillOpacity: BAND90_OPACITY })
      : null,
    banded.length > 0
      ? Plot.areaY(banded, {
          x: "year",
          y1: "p25",
          y2: "p75",
          fill: colors.band,
          fillOpacity: BAND50_OPACITY,
        })
      : null,
    Plot.lineY(rows, { x: "year", y: "projection", stroke: colors.projection, strokeWidth: 2.5 }),
    Plot.dot(rows, { x: "year", y: "projection", fill: colors.projection, r: 2.5 }),
  ];
  if (data.target) {
    const t = data.target;
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
  if (data.baseline) {
    marks.push(
      Plot.dot([data.baseline], {
        x: "year",
        y: "value",
        symbol: "square",
        r: 5,
        fill: colors.baseline,
      }),
    );
  }
  if (actuals.length > 0) {
    marks.push(
      Plot.dot(actuals, {
        x: "year",
        y: "actual",
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
    y: { label: options.yLabel, domain: trajectoryDomain(data), tickFormat: options.formatValue, nice: true },
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
