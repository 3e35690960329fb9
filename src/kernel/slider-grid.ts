/**
 * The positions a slider can take, so that it reaches what it shows. A native range input lays its
 * grid from `min` in whole steps, so End stops short of a maximum that is not on that grid (97.91 for
 * a maximum of 98 from 96.01 in steps of 0.1), and the published default may fall between positions
 * (a population of 5,400,868 in steps of 1,000 from 5,000,000). Here the grid is laid through the
 * default (its anchor) in whole steps, and the minimum and maximum are positions too, so Home, End
 * and the default are always reachable. Positions are computed in integers of the finest decimal
 * involved, so that no step adds floating-point noise (0.1 three times is 0.3, never
 * 0.30000000000000004).
 */

/** A slider's positions: `min`, `max`, and `anchor + k·step` between them. */
export interface SliderGrid {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly anchor: number;
  /** Decimal places every position is exact at. */
  readonly decimals: number;
}

/** Decimal places of a number as written (1e-7 → 7), at most 10. */
function decimalsOf(v: number): number {
  if (!Number.isFinite(v) || Number.isInteger(v)) return 0;
  const s = String(v);
  const e = /e-(\d+)$/.exec(s);
  if (e) return Math.min(10, Number(e[1]) + (s.split("e")[0]!.split(".")[1]?.length ?? 0));
  return Math.min(10, s.split(".")[1]?.length ?? 0);
}

/**
 * The grid of a slider over [min, max] in steps of `step` (default a hundredth of the range, rounded
 * to 12 significant digits), laid through `anchor` (default `min`; an anchor outside the range is
 * clamped into it).
 */
export function createSliderGrid(min: number, max: number, step?: number, anchor?: number): SliderGrid {
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  let s = step !== undefined && step > 0 && Number.isFinite(step) ? step : (hi - lo) / 100;
  s = Number(s.toPrecision(12));
  if (!(s > 0)) s = 1;
  const a = Math.min(hi, Math.max(lo, anchor ?? lo));
  const decimals = Math.max(decimalsOf(lo), decimalsOf(hi), decimalsOf(s), decimalsOf(a));
  return { min: lo, max: hi, step: s, anchor: a, decimals };
}

/** The grid in integers of 10^-decimals. */
function ints(g: SliderGrid) {
  const scale = 10 ** g.decimals;
  return {
    scale,
    lo: Math.round(g.min * scale),
    hi: Math.round(g.max * scale),
    s: Math.max(1, Math.round(g.step * scale)),
    a: Math.round(g.anchor * scale),
  };
}

/** An integer position back to a number, exact at the grid's decimals. */
function value(g: SliderGrid, n: number): number {
  return Number((n / 10 ** g.decimals).toFixed(g.decimals)) + 0;
}

/** The position nearest to `v` (ties go up). */
export function snap(g: SliderGrid, v: number): number {
  if (!Number.isFinite(v)) return g.anchor;
  const { scale, lo, hi, s, a } = ints(g);
  const n = Math.min(hi, Math.max(lo, v * scale));
  const k = Math.floor((n - a) / s);
  const candidates = [lo, hi, a + k * s, a + (k + 1) * s].filter((c) => c >= lo && c <= hi);
  let best = candidates[0]!;
  for (const c of candidates) {
    const d = Math.abs(c - n);
    const bd = Math.abs(best - n);
    if (d < bd || (d === bd && c > best)) best = c;
  }
  return value(g, best);
}

/** The least position at or above `v` (the maximum when `v` is past it). */
export function snapUp(g: SliderGrid, v: number): number {
  const { scale, lo, hi, s, a } = ints(g);
  const n = Math.round(v * scale * 1e6) / 1e6;
  if (n <= lo) return g.min;
  if (n >= hi) return g.max;
  return value(g, Math.min(hi, a + Math.ceil((n - a) / s) * s));
}

/** The greatest position at or below `v` (the minimum when `v` is below it). */
export function snapDown(g: SliderGrid, v: number): number {
  const { scale, lo, hi, s, a } = ints(g);
  const n = Math.round(v * scale * 1e6) / 1e6;
  if (n >= hi) return g.max;
  if (n <= lo) return g.min;
  return value(g, Math.max(lo, a + Math.floor((n - a) / s) * s));
}

/**
 * The position `count` steps from `v` (negative goes down), stopping at the minimum and maximum.
 * From a value between positions, the first step goes to the next position in that direction.
 */
export function stepBy(g: SliderGrid, v: number, count: number): number {
  const { scale, lo, hi, s, a } = ints(g);
  let n = Math.min(hi, Math.max(lo, Math.round(v * scale)));
  const up = count > 0;
  for (let i = 0; i < Math.abs(count); i++) {
    const k = (n - a) / s;
    const next = up ? a + (Math.floor(k) + 1) * s : a + (Math.ceil(k) - 1) * s;
    n = up ? Math.min(hi, next) : Math.max(lo, next);
    if (n === lo || n === hi) break;
  }
  return value(g, n);
}

/** The new value for a key on a slider, or null for a key the slider leaves alone. */
export function keyStep(g: SliderGrid, v: number, key: string): number | null {
  switch (key) {
    case "ArrowUp":
    case "ArrowRight":
      return stepBy(g, v, 1);
    case "ArrowDown":
    case "ArrowLeft":
      return stepBy(g, v, -1);
    case "PageUp":
      return stepBy(g, v, 10);
    case "PageDown":
      return stepBy(g, v, -10);
    case "Home":
      return g.min;
    case "End":
      return g.max;
    default:
      return null;
  }
}
