import { medianValues } from "./basis.ts";
import { centreOn, createQuantile } from "./distributions.ts";
import { project } from "./engine.ts";
import type { Anchor } from "./feasibility.ts";
import { paramText } from "./model.ts";
import { type Sampling, SHARED_SCRATCH, sampleSlice } from "./monte-carlo.ts";
import { err, ok } from "./result.ts";
import type { Bilingual, Result } from "./text.ts";
import type { World } from "./world.ts";

/** One bar of a tornado: the target-year margin with the assumption at its p10 and at its p90. */
export interface TornadoBar {
  assumptionId: string;
  low: { value: number; margin: number };
  high: { value: number; margin: number };
  /** |margin(p90) − margin(p10)|, what the bars are ranked by. */
  swing: number;
}

export interface Tornado {
  indicatorId: string;
  /** Margin with every assumption at its point value. */
  baseMargin: number;
  bars: TornadoBar[];
}

/**
 * Tornado for every bound indicator: each uncertain assumption set to its p10 and its p90 (the rest at
 * their point values), the target-year margin recorded, and the assumptions ranked by swing. Only
 * assumptions that can reach an indicator are listed for it. 2k deterministic runs for k uncertain
 * assumptions.
 */
export function tornadoes(world: World, anchors: readonly (Anchor | null)[]): Tornado[] {
  const medians = medianValues(world);
  const base = project(world, medians, anchors);
  const bars: TornadoBar[][] = world.indicators.map(() => []);
  const vec = Float64Array.from(medians);
  world.assumptions.forEach((a, j) => {
    if (!a.uncertainty) return;
    const id = world.assumptionIds[j]!;
    const q = createQuantile(centreOn(a.uncertainty, a.value), a.min, a.max);
    const lowV = q(0.1);
    const highV = q(0.9);
    vec[j] = lowV;
    const low = project(world, vec, anchors);
    vec[j] = highV;
    const high = project(world, vec, anchors);
    vec[j] = medians[j]!;
    world.indicators.forEach((b, i) => {
      if (!b.assumptions.includes(id)) return;
      const lm = low[i]!.judgement.margin;
      const hm = high[i]!.judgement.margin;
      bars[i]!.push({
        assumptionId: id,
        low: { value: lowV, margin: lm },
        high: { value: highV, margin: hm },
        swing: Math.abs(hm - lm),
      });
    });
  });
  return world.indicators.map((b, i) => ({
    indicatorId: b.indicator.id,
    baseMargin: base[i]!.judgement.margin,
    bars: bars[i]!.sort((x, y) => y.swing - x.swing || x.assumptionId.localeCompare(y.assumptionId)),
  }));
}

export interface GoalSeekRequest {
  indicatorId: string;
  /** The assumption to move (the lever). Its own uncertainty is switched off while seeking. */
  lever: string;
  /** Required probability of meeting the target, percent (e.g. 80). */
  probability: number;
  /** Monte Carlo samples per evaluation; 0 seeks on the deterministic projection (probability 0 or 100). */
  samples: number;
  seed: number;
  sampling: Sampling;
}

export interface GoalSeekAnswer {
  /** The least lever value meeting the target (or, for a lever that works downwards, the greatest). */
  value: number;
  direction: "at-least" | "at-most";
  /** Probability of meeting the target at that value, percent. */
  probability: number;
  /** The probability the scenario has now, at the lever's current value. */
  current: number;
  /** The grid the monotonicity was checked on. */
  grid: { value: number; probability: number }[];
}

export interface GoalSeekRefusal {
  reason: "unknown" | "not-a-driver" | "not-monotonic" | "unreachable";
  message: Bilingual;
  grid: { value: number; probability: number }[];
}

const GRID = 9;

/**
 * Goal seek: the least value of a lever at which a target is met with at least the asked probability.
 * Probabilities at different lever values use the same random numbers (common random numbers), so a
 * lever the model responds to monotonically gives a monotone curve, which is checked on a grid over the
 * lever's whole range before bisection. Refuses, saying why, when the lever cannot move the target, the
 * response is not monotone, or the target cannot be reached inside the range.
 */
export function goalSeek(
  world: World,
  anchors: readonly (Anchor | null)[],
  req: GoalSeekRequest,
): Result<GoalSeekAnswer, GoalSeekRefusal> {
  const i = world.indicators.findIndex((b) => b.indicator.id === req.indicatorId);
  const j = world.assumptionIds.indexOf(req.lever);
  if (i < 0 || j < 0) {
    return refuse("unknown", { zh: "找不到该指标或假设", en: "no such indicator or assumption" }, []);
  }
  const bound = world.indicators[i]!;
  const a = world.assumptions[j]!;
  if (!bound.assumptions.includes(req.lever)) {
    return refuse(
      "not-a-driver",
      {
        zh: `“${a.label.zh}”不影响该指标，无法用它求解`,
        en: `"${a.label.en}" does not affect this indicator, so it cannot reach the target`,
      },
      [],
    );
  }
  const fixed = new Set([req.lever]);
  const vec = Float64Array.from(world.pointValues);
  const probAt = (v: number): number => {
    vec[j] = v;
    if (req.samples <= 0)
      return project(world, medianValues(world, vec), anchors)[i]!.judgement.met ? 100 : 0;
    const sl = sampleSlice(
      world,
      { samples: req.samples, seed: req.seed, sampling: req.sampling, from: 0, to: req.samples, fixed },
      anchors,
      vec,
      SHARED_SCRATCH,
    );
    const flags = sl.met[i]!;
    let m = 0;
    for (let s = 0; s < flags.length; s++) m += flags[s]!;
    return (100 * m) / flags.length;
  };
  const grid: { value: number; probability: number }[] = [];
  const years = a.unit === "year" ? yearGrid(a.min, a.max, world.span.start, world.plan.targetYear) : null;
  if (years) {
    for (const v of years) grid.push({ value: v, probability: probAt(v) });
  } else {
    for (let g = 0; g < GRID; g++) {
      const v = a.min + ((a.max - a.min) * g) / (GRID - 1);
      grid.push({ value: v, probability: probAt(v) });
    }
  }
  const G = grid.length;
  const current = probAt(a.value);
  let up = true;
  let down = true;
  for (let g = 1; g < G; g++) {
    if (grid[g]!.probability < grid[g - 1]!.probability) up = false;
    if (grid[g]!.probability > grid[g - 1]!.probability) down = false;
  }
  const target = req.probability;
  const amount = (v: number) => paramText(v, a.unit, decimalsOf(a.step ?? (a.max - a.min) / 100));
  const pct = (v: number) => `${String(Number(v.toFixed(1)))}%`;
  /** What else caps the target when the lever is at `leverValue` (empty when nothing does). */
  const capOf = (leverValue: number): Bilingual => {
    if (Math.max(...grid.map((g) => g.probability)) >= target) return { zh: "", en: "" };
    const cap = whatCaps(world, anchors, i, j, leverValue);
    return cap
      ? {
          zh: `；限制它的是“${cap.label.zh}”：将其设为 ${paramText(cap.value, cap.unit).zh}，推演值可再提高 ${cap.gain.zh}——请同时调整它`,
          en: `; what caps it is "${cap.label.en}": at ${paramText(cap.value, cap.unit).en} the projection would gain ${cap.gain.en} — change it as well`,
        }
      : { zh: "", en: "" };
  };
  if (up && down) {
    if (grid[0]!.probability >= target) {
      return ok({ value: a.min, direction: "at-least", probability: grid[0]!.probability, current, grid });
    }
    return refuse(
      "not-a-driver",
      {
        zh: `在 ${amount(a.min).zh}–${amount(a.max).zh} 范围内改变“${a.label.zh}”，达标概率始终为 ${pct(grid[0]!.probability)}${capOf(grid[G - 1]!.value).zh}`,
        en: `moving "${a.label.en}" across ${amount(a.min).en}–${amount(a.max).en} leaves the probability at ${pct(grid[0]!.probability)}${capOf(grid[G - 1]!.value).en}`,
      },
      grid,
    );
  }
  if (!up && !down) {
    return refuse(
      "not-monotonic",
      {
        zh: `达标概率随“${a.label.zh}”先升后降（或反之），不存在唯一的最小值；请缩小范围或换一个杠杆`,
        en: `the probability rises and falls as "${a.label.en}" moves, so there is no single least value; narrow the range or choose another lever`,
      },
      grid,
    );
  }
  const best = up ? grid[G - 1]! : grid[0]!;
  if (best.probability < target) {
    const capText = capOf(best.value);
    return refuse(
      "unreachable",
      {
        zh: `即使“${a.label.zh}”取 ${amount(best.value).zh}，达标概率也只有 ${pct(best.probability)}，低于要求的 ${pct(target)}${capText.zh}`,
        en: `even at ${amount(best.value).en}, "${a.label.en}" gives only ${pct(best.probability)}, below the ${pct(target)} asked for${capText.en}`,
      },
      grid,
    );
  }
  if (years) {
    // A year is searched over whole years: the first (or last) grid year that meets the target.
    const g = up
      ? grid.findIndex((p) => p.probability >= target)
      : lastIndex(grid, (p) => p.probability >= target);
    const at = grid[g]!;
    return ok({
      value: at.value,
      direction: up ? "at-least" : "at-most",
      probability: at.probability,
      current,
      grid,
    });
  }
  // Bracket [lo, hi] with P(lo) < target ≤ P(hi) for a rising lever (mirrored for a falling one).
  let lo: number;
  let hi: number;
  let pHi: number;
  if (up) {
    const g = grid.findIndex((p) => p.probability >= target);
    if (g === 0)
      return ok({ value: a.min, direction: "at-least", probability: grid[0]!.probability, current, grid });
    lo = grid[g - 1]!.value;
    hi = grid[g]!.value;
    pHi = grid[g]!.probability;
  } else {
    let g = G - 1;
    while (grid[g]!.probability < target) g--;
    if (g === G - 1) {
      return ok({ value: a.max, direction: "at-most", probability: grid[g]!.probability, current, grid });
    }
    lo = grid[g + 1]!.value;
    hi = grid[g]!.value;
    pHi = grid[g]!.probability;
  }
  // Bisect until the bracket is one slider step (or a thousandth of the range) wide.
  const tol = a.step ?? (a.max - a.min) / 1000;
  for (let it = 0; it < 40 && Math.abs(hi - lo) > tol; it++) {
    const mid = (lo + hi) / 2;
    const p = probAt(mid);
    if (p >= target) {
      hi = mid;
      pHi = p;
    } else lo = mid;
  }
  return ok({ value: hi, direction: up ? "at-least" : "at-most", probability: pHi, current, grid });
}

function refuse(
  reason: GoalSeekRefusal["reason"],
  message: Bilingual,
  grid: { value: number; probability: number }[],
): Result<GoalSeekAnswer, GoalSeekRefusal> {
  return err({ reason, message, grid });
}

/** Decimal places implied by a slider step (10 → 0, 0.1 → 1), at most 4. */
function decimalsOf(step: number): number {
  if (!(step > 0) || step >= 1) return 0;
  return Math.min(4, Math.ceil(-Math.log10(step) - 1e-9));
}

function lastIndex<T>(xs: readonly T[], ok: (x: T) => boolean): number {
  for (let k = xs.length - 1; k >= 0; k--) if (ok(xs[k]!)) return k;
  return -1;
}

/**
 * The whole years a year lever is searched over: every year from the series start to the target year
 * inside [min, max], and the range's lower end where it lies before them (the models read a year at or
 * before the start as "never" or "already").
 */
function yearGrid(min: number, max: number, start: number, targetYear: number): number[] {
  const out: number[] = [];
  if (min < start) out.push(min);
  for (let y = Math.max(Math.ceil(min), start); y <= Math.min(Math.floor(max), targetYear); y++) out.push(y);
  return out.length >= 2 ? out : [min, max];
}

/**
 * What caps an indicator when its lever alone cannot reach the target: with the lever at its best value
 * and everything else at its median, the other assumption whose own best bound (its min or max) raises
 * the judged value most. Null when none does.
 */
function whatCaps(
  world: World,
  anchors: readonly (Anchor | null)[],
  i: number,
  lever: number,
  leverValue: number,
): {
  label: { zh: string; en: string };
  unit: World["assumptions"][number]["unit"];
  value: number;
  gain: { zh: string; en: string };
} | null {
  const vec = medianValues(world);
  vec[lever] = leverValue;
  const bound = world.indicators[i]!;
  const score = () => project(world, vec, anchors)[i]!.judgement.score;
  const base = score();
  let best: { j: number; value: number; gain: number } | null = null;
  world.assumptionIds.forEach((id, j) => {
    if (j === lever || !bound.assumptions.includes(id)) return;
    const a = world.assumptions[j]!;
    const keep = vec[j]!;
    for (const v of [a.min, a.max]) {
      vec[j] = v;
      const gain = score() - base;
      if (gain > 0 && (!best || gain > best.gain)) best = { j, value: v, gain };
    }
    vec[j] = keep;
  });
  if (!best) return null;
  const b = best as { j: number; value: number; gain: number };
  const a = world.assumptions[b.j]!;
  const ind = bound.indicator;
  const digits = ind.unit === "percent" || ind.unit === "growth-rate" ? 1 : 0;
  const g = Number(b.gain.toFixed(digits));
  const gain =
    ind.unit === "percent" || ind.unit === "growth-rate"
      ? { zh: `${g} 个百分点`, en: `${g} points` }
      : ind.unit === "count"
        ? { zh: g.toLocaleString("zh-CN"), en: g.toLocaleString("en-US") }
        : paramText(g, ind.unit, 0);
  return { label: a.label, unit: a.unit, value: b.value, gain };
}
