import { centreOn, createQuantile } from "./distributions.ts";
import { type Anchor, applyAnchor, type Judgement, judgeInto } from "./feasibility.ts";
import type { ProvenanceKind } from "./scenario.ts";
import type { World } from "./world.ts";

/**
 * What a projection rests on. An indicator's **basis** is the weakest provenance among the assumptions
 * that move it (the weakest link decides): `plan` < `estimate` < `trend` < `published`. A projection that
 * rests on any assumption restating the plan's own pace has basis `plan`: it only says that the plan
 * reaches its targets if the plan goes as planned, and its probability is conditional on that.
 */
export type Basis = ProvenanceKind;

/** Weakest first. */
export const BASIS_ORDER: readonly Basis[] = ["plan", "estimate", "trend", "published"];

/** An assumption that moves an indicator, with how far. */
export interface Driver {
  assumptionId: string;
  kind: ProvenanceKind;
  /**
   * |metric(high) − metric(low)| in the indicator's unit, the assumption moved across its p10–p90
   * (without uncertainty, across ±5% of its allowed range; the plan's own pace, across its whole range),
   * the others at their medians.
   */
  swing: number;
}

export interface IndicatorBasis {
  basis: Basis;
  /** The assumptions that move it, largest swing first. */
  drivers: Driver[];
}

/**
 * An assumption "moves" an indicator when its swing is at least this share of the largest swing for
 * that indicator, and at least half a unit of the judging precision: smaller movers change no printed
 * digit and no verdict, so they do not decide what the projection rests on.
 */
export const DRIVER_SHARE = 0.1;

/** The value each assumption takes in the deterministic run: the median of its uncertainty, if any. */
export function medianValues(world: World, base: Float64Array = world.pointValues): Float64Array {
  const out = Float64Array.from(base);
  world.assumptions.forEach((a, j) => {
    if (!a.uncertainty) return;
    out[j] = createQuantile(centreOn(a.uncertainty, base[j]!), a.min, a.max)(0.5);
  });
  return out;
}

/** The low and high values an assumption is swept between (see {@link Driver.swing}). */
function sweepRange(world: World, j: number, base: Float64Array): [number, number] {
  const a = world.assumptions[j]!;
  // The plan's own pace is swept over its whole range: a projection that reaches a cap (100%) at the
  // plan's pace still rests on that pace if any value in range would change it.
  if (a.provenance.kind === "plan") return [a.min, a.max];
  if (a.uncertainty) {
    const q = createQuantile(centreOn(a.uncertainty, base[j]!), a.min, a.max);
    return [q(0.1), q(0.9)];
  }
  const h = (a.max - a.min) * 0.05;
  return [Math.max(a.min, base[j]! - h), Math.min(a.max, base[j]! + h)];
}

/**
 * The basis and drivers of every bound indicator, by a one-at-a-time sweep around `values` (2 runs per
 * assumption). Deterministic. An indicator that nothing moves within the uncertainties is swept again
 * over the allowed ranges; one that nothing moves even then rests on the printed figures it starts
 * from: basis `published`.
 */
export function basisOf(
  world: World,
  values: Float64Array,
  anchors: readonly (Anchor | null)[],
): IndicatorBasis[] {
  const n = world.indicators.length;
  const vec = Float64Array.from(values);
  const low = new Float64Array(n);
  const scratch = new Float64Array(world.years.length);
  const j0: Judgement = { metric: 0, value: 0, met: false, margin: 0, score: 0 };
  // Only the indicators an assumption can move are judged in its sweep (the others get no swing).
  const judgedBy = new Map<string, number[]>();
  world.indicators.forEach((b, i) => {
    for (const id of b.assumptions) {
      const list = judgedBy.get(id);
      if (list) list.push(i);
      else judgedBy.set(id, [i]);
    }
  });
  const series = world.indicators.map((b) => world.series(b.output));
  const againsts = world.indicators.map((b) => (b.against ? world.series(b.against) : undefined));
  const scoresInto = (out: Float64Array, which: readonly number[]) => {
    world.run(vec);
    which.forEach((i) => {
      const b = world.indicators[i]!;
      let ser = series[i]!;
      const anchor = anchors[i];
      if (anchor) {
        applyAnchor(anchor, ser, scratch);
        ser = scratch;
      }
      judgeInto(b.indicator, ser, againsts[i], world.span.start, world.plan.period.from, j0);
      out[i] = j0.metric;
    });
  };
  const high = new Float64Array(n);
  /** One-at-a-time sweep of every assumption over `rangeOf`, judging only the indicators in `only`. */
  const sweep = (rangeOf: (j: number) => [number, number], only: ReadonlySet<number> | null) => {
    const out: { id: string; j: number; swing: number }[][] = world.indicators.map(() => []);
    world.assumptionIds.forEach((id, j) => {
      const which = judgedBy.get(id)?.filter((i) => !only || only.has(i));
      if (!which || which.length === 0) return;
      const [lo, hi] = rangeOf(j);
      if (!(hi > lo)) return;
      vec[j] = lo;
      scoresInto(low, which);
      vec[j] = hi;
      scoresInto(high, which);
      vec[j] = values[j]!;
      for (const i of which) {
        const s = Math.abs(high[i]! - low[i]!);
        if (Number.isFinite(s) && s > 0) out[i]!.push({ id, j, swing: s });
      }
    });
    return out;
  };
  const swings = sweep((j) => sweepRange(world, j, values), null);
  // An indicator nothing moves within the uncertainties (a rate already capped at 100%) still rests on
  // whatever would move it inside the allowed ranges: those decide its basis.
  const unmoved = new Set(swings.flatMap((l, i) => (l.length === 0 ? [i] : [])));
  if (unmoved.size > 0) {
    const wide = sweep((j) => [world.assumptions[j]!.min, world.assumptions[j]!.max], unmoved);
    for (const i of unmoved) swings[i] = wide[i]!;
  }
  world.run(values);
  return world.indicators.map((b, i) => {
    const list = swings[i]!.sort((x, y) => y.swing - x.swing || x.id.localeCompare(y.id));
    const isPlan = (d: { j: number }) => world.assumptions[d.j]!.provenance.kind === "plan";
    // The floor is set by the uncertainty sweeps; the plan's whole-range sweeps would inflate it.
    const largest = (list.find((d) => !isPlan(d)) ?? list[0])?.swing ?? 0;
    const half = 0.5 * 10 ** -Math.max(b.indicator.precision, 1);
    const floor = Math.max(largest * DRIVER_SHARE, half);
    const drivers: Driver[] = list
      .filter((d) => d.swing >= (isPlan(d) ? half : floor))
      .map((d) => ({
        assumptionId: d.id,
        kind: world.assumptions[d.j]!.provenance.kind,
        swing: d.swing,
      }));
    let basis: Basis = "published";
    for (const d of drivers) if (BASIS_ORDER.indexOf(d.kind) < BASIS_ORDER.indexOf(basis)) basis = d.kind;
    return { basis, drivers };
  });
}
