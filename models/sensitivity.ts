import { medianValues } from "./basis.ts";
import { centreOn, createQuantile } from "./distributions.ts";
import { project } from "./engine.ts";
import type { Anchor } from "./feasibility.ts";
import { type Sampling, sampleSlice } from "./monte-carlo.ts";
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
    );
    const flags = sl.met[i]!;
    let m = 0;
    for (let s = 0; s < flags.length; s++) m += flags[s]!;
    return (100 * m) / flags.length;
  };
  const grid: { value: number; probability: number }[] = [];
  for (let g = 0; g < GRID; g++) {
    const v = a.min + ((a.max - a.min) * g) / (GRID - 1);
    grid.push({ value: v, probability: probAt(v) });
  }
  const current = probAt(a.value);
  let up = true;
  let down = true;
  for (let g = 1; g < GRID; g++) {
    if (grid[g]!.probability < grid[g - 1]!.probability) up = false;
    if (grid[g]!.probability > grid[g - 1]!.probability) down = false;
  }
  const target = req.probability;
  const fmt = (v: number) => String(Number(v.toPrecision(4)));
  if (up && down) {
    if (grid[0]!.probability >= target) {
      return {
        ok: true,
        value: { value: a.min, direction: "at-least", probability: grid[0]!.probability, current, grid },
      };
    }
    return refuse(
      "not-a-driver",
      {
        zh: `在 ${fmt(a.min)}–${fmt(a.max)} 范围内改变“${a.label.zh}”，达标概率始终为 ${fmt(grid[0]!.probability)}%`,
        en: `moving "${a.label.en}" across ${fmt(a.min)}–${fmt(a.max)} leaves the probability at ${fmt(grid[0]!.probability)}%`,
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
  const best = up ? grid[GRID - 1]! : grid[0]!;
  if (best.probability < target) {
    return refuse(
      "unreachable",
      {
        zh: `即使“${a.label.zh}”取 ${fmt(best.value)}，达标概率也只有 ${fmt(best.probability)}%，低于要求的 ${fmt(target)}%`,
        en: `even at ${fmt(best.value)}, "${a.label.en}" gives only ${fmt(best.probability)}%, below the ${fmt(target)}% asked for`,
      },
      grid,
    );
  }
  // Bracket [lo, hi] with P(lo) < target ≤ P(hi) for a rising lever (mirrored for a falling one).
  let lo: number;
  let hi: number;
  let pHi: number;
  if (up) {
    const g = grid.findIndex((p) => p.probability >= target);
    if (g === 0)
      return {
        ok: true,
        value: { value: a.min, direction: "at-least", probability: grid[0]!.probability, current, grid },
      };
    lo = grid[g - 1]!.value;
    hi = grid[g]!.value;
    pHi = grid[g]!.probability;
  } else {
    let g = GRID - 1;
    while (grid[g]!.probability < target) g--;
    if (g === GRID - 1) {
      return {
        ok: true,
        value: { value: a.max, direction: "at-most", probability: grid[g]!.probability, current, grid },
      };
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
  return {
    ok: true,
    value: { value: hi, direction: up ? "at-least" : "at-most", probability: pHi, current, grid },
  };
}

function refuse(
  reason: GoalSeekRefusal["reason"],
  message: Bilingual,
  grid: { value: number; probability: number }[],
): Result<GoalSeekAnswer, GoalSeekRefusal> {
  return { ok: false, error: { reason, message, grid } };
}
