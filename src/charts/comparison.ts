import * as Plot from "@observablehq/plot";

/**
 * Overlaid trajectories of one indicator under several scenarios. Each scenario gets its own colour
 * AND its own dash pattern and point shape, and its name is written at the end of its line, so the
 * lines can be told apart without colour.
 */

/** One scenario's series. */
export interface ComparisonSeries {
  /** The name written at the line's end and in the legend. */
  name: string;
  years: readonly number[];
  values: readonly number[];
}

export interface ComparisonOptions {
  ariaLabel: string;
  yLabel: string;
  formatValue: (v: number) => string;
  /** The target value, drawn as a dashed rule; null when there is none. */
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
    s.years.forEach((year, j) => {
      const value = s.values[j];
      if (value !== undefined && Number.isFinite(value)) out.push({ series: i, name: s.name, year, value });
    });
  });
  return out;
}

/** Renders the comparison chart as an SVG element with role="img". */
export function comparisonChart(series: readonly ComparisonSeries[], options: ComparisonOptions): SVGElement {
  const points = comparisonPoints(series);
  const years = [...new Set(points.map((p) => p.year))].sort((a, b) => a - b);
  const marks: Plot.Markish[] = [Plot.gridY({ stroke: "#d6d3cb", strokeOpacity: 1 })];
  if (options.target) {
    marks.push(Plot.ruleY([options.target.value], { stroke: "#4a535c", strokeDasharray: "6 4" }));
  }
  series.forEach((_, i) => {
    const mine = points.filter((p) => p.series === i);
    const color = SERIES_COLORS[i % SERIES_COLORS.length]!;
    marks.push(
      Plot.lineY(mine, {
        x: "year",
        y: "value",
        stroke: color,
        strokeWidth: 2.5,
        strokeDasharray: SERIES_DASHES[i % SERIES_DASHES.length]!,
      }),
      Plot.dot(mine, {
        x: "year",
        y: "value",
        symbol: SERIES_SYMBOLS[i % SERIES_SYMBOLS.length]!,
        fill: color,
        r: 4,
      }),
      Plot.text(
        mine,
        Plot.selectLast({ x: "year", y: "value", text: "name", dx: 8, textAnchor: "start", fill: color }),
      ),
    );
  });
  const svg = Plot.plot({
    width: options.width ?? 640,
    height: options.height ?? 300,
    marginLeft: 64,
    marginRight: 140,
    marginTop: 20,
    style: { fontSize: "13px", background: "transparent" },
    x: {
      label: null,
      domain: years.length > 0 ? [years[0]! - 0.3, years[years.length - 1]! + 0.3] : [0, 1],
      ticks: years,
      tickFormat: (y: number) => String(y),
    },
    y: { label: options.yLabel, tickFormat: options.formatValue, nice: true, zero: false },
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
