import { type Basis, basisOf, type Driver, medianValues } from "./basis.ts";
import {
  type Anchor,
  anchorFor,
  applyAnchor,
  type Judgement,
  judge,
  judgedYear,
  judgementOf,
  type Pace,
  paceOf,
  type Status,
  statusOf,
} from "./feasibility.ts";
import {
  mergeSlices,
  type SampleSlice,
  type Sampling,
  SHARED_SCRATCH,
  sampleSlice,
  summarize,
} from "./monte-carlo.ts";
import type { Actual, Bands } from "./scenario.ts";
import type { World } from "./world.ts";

/** What an evaluation is asked for. */
export interface EvaluateOptions {
  /** Monte Carlo samples; 0 for the deterministic projection only. */
  samples: number;
  seed: number;
  sampling: Sampling;
  bands: Bands;
  actuals: readonly Actual[];
}

/** Everything a person is shown about one indicator. */
export interface IndicatorResult {
  id: string;
  printedNumber: number | null;
  /**
   * Deterministic projection with every assumption at the median of its uncertainty (re-projected
   * through actuals where there are any), one value per year.
   */
  projection: Float64Array;
  /** The series an "in step with" target is compared against (GDP growth). */
  against: Float64Array | null;
  /**
   * The verdict: the one judgement the table, chart, CSV, report and CLI show. With samples, the median
   * sample's (met exactly when the probability is at least 50%); without, the deterministic projection's.
   * Its `value` is the judged value at the judging precision: the target-year value, the worst year of
   * an annual target (see `judgedYear`), or the growth gap of an "in step" target.
   */
  judgement: Judgement;
  /** Where the verdict comes from: the Monte Carlo median, or the deterministic run at the medians. */
  verdictFrom: "median" | "deterministic";
  /** The year whose value is judged: the target year, or an annual target's worst year. */
  judgedYear: number;
  pace: Pace;
  /** What the projection rests on: the weakest provenance among the assumptions that move it. */
  basis: Basis;
  /** The assumptions that move it, largest swing first, with their provenance kind. */
  drivers: Driver[];
  /** Percent of samples meeting the target; null without samples. */
  probability: number | null;
  status: Status | null;
  /** p5, p25, p50, p75, p95 per year; null without samples. */
  quantiles: Float64Array[] | null;
  /** The assumptions that can move this indicator. */
  assumptions: readonly string[];
  actuals: { year: number; value: number }[];
}

export interface Evaluation {
  planId: string;
  years: Int32Array;
  samples: number;
  seed: number;
  sampling: Sampling;
  indicators: IndicatorResult[];
  /**
   * Set on the first, small answer of a Monte Carlo run shown in two steps: probabilities, verdicts and
   * statuses are final, the quantile bands are still being computed (`quantiles` null), and the pace
   * and judged year are read from the deterministic projection until they arrive.
   */
  bandsPending?: true;
}

/** The anchors that re-project each bound indicator from its actuals (null where it has none). */
export function anchorsOf(world: World, actuals: readonly Actual[]): (Anchor | null)[] {
  return world.indicators.map((b) =>
    anchorFor(
      b.indicator,
      actuals.filter((a) => a.indicatorId === b.indicator.id),
      world.span.start,
    ),
  );
}

/** For each bound indicator, the first indicator judged on the same series (itself if none). */
export function twinsOf(world: World, anchors: readonly (Anchor | null)[]): number[] {
  const first = new Map<string, number>();
  return world.indicators.map((b, i) => {
    if (anchors[i]) return i;
    const j = first.get(b.output);
    if (j !== undefined && !anchors[j]) return j;
    first.set(b.output, i);
    return i;
  });
}

/** Runs the deterministic projection for `values` and judges every indicator. */
export function project(
  world: World,
  values: Float64Array,
  anchors: readonly (Anchor | null)[],
): { projection: Float64Array; against: Float64Array | null; judgement: Judgement }[] {
  world.run(values);
  return world.indicators.map((b, i) => {
    const projection = Float64Array.from(world.series(b.output));
    const anchor = anchors[i];
    if (anchor) applyAnchor(anchor, projection, projection);
    const against = b.against ? Float64Array.from(world.series(b.against)) : null;
    const judgement = judge(
      b.indicator,
      projection,
      against ?? undefined,
      world.span.start,
      world.plan.period.from,
    );
    return { projection, against, judgement };
  });
}

/**
 * Assembles results from a deterministic projection and (optionally) a complete Monte Carlo run.
 * Split out so that a worker pool can compute slices, merge them and finish here.
 */
export function assemble(
  world: World,
  opts: EvaluateOptions,
  full: SampleSlice | null,
  bands = true,
): Evaluation {
  const anchors = anchorsOf(world, opts.actuals);
  const medians = medianValues(world);
  const bases = basisOf(world, medians, anchors);
  const det = project(world, medians, anchors);
  const summaries = full ? summarize(full, world.years.length, twinsOf(world, anchors), bands) : null;
  const indicators = world.indicators.map((b, i): IndicatorResult => {
    const ind = b.indicator;
    const own = opts.actuals
      .filter((a) => a.indicatorId === ind.id && a.year > world.span.start && a.year <= ind.target.year)
      .sort((a, c) => a.year - c.year)
      .map((a) => ({ year: a.year, value: a.value }));
    const last = own.length > 0 ? own[own.length - 1]! : null;
    const d = det[i]!;
    const s = summaries?.[i];
    const judgement = s
      ? judgementOf(ind, s.median.metric, s.median.score, {
          metric: 0,
          value: 0,
          met: false,
          margin: 0,
          score: 0,
        })
      : d.judgement;
    // The pace projected follows the verdict: the median path where there are samples.
    const path = s?.quantiles ? s.quantiles[2]! : d.projection;
    return {
      id: ind.id,
      printedNumber: ind.printedNumber,
      projection: d.projection,
      against: d.against,
      judgement,
      verdictFrom: s ? "median" : "deterministic",
      judgedYear: judgedYear(ind, path, world.span.start, world.plan.period.from),
      pace: paceOf(ind, path, d.against ?? undefined, world.span.start, last, world.plan.period.from),
      basis: bases[i]!.basis,
      drivers: bases[i]!.drivers,
      probability: s ? s.probability : null,
      status: s ? statusOf(s.probability, opts.bands) : null,
      quantiles: s?.quantiles ?? null,
      assumptions: b.assumptions,
      actuals: own,
    };
  });
  const evaluation: Evaluation = {
    planId: world.plan.id,
    years: world.years,
    samples: full ? full.to - full.from : 0,
    seed: opts.seed,
    sampling: opts.sampling,
    indicators,
  };
  if (full && !bands) evaluation.bandsPending = true;
  return evaluation;
}

/** Evaluates a world on one thread: projection, verdicts, and (with samples) probabilities and bands. */
export function evaluate(world: World, opts: EvaluateOptions): Evaluation {
  // The slice is consumed by `assemble` (nothing in the evaluation points into it), so its columns
  // come from the thread's reused scratch.
  const full =
    opts.samples > 0
      ? sampleSlice(
          world,
          { samples: opts.samples, seed: opts.seed, sampling: opts.sampling, from: 0, to: opts.samples },
          anchorsOf(world, opts.actuals),
          world.pointValues,
          SHARED_SCRATCH,
        )
      : null;
  try {
    return assemble(world, opts, full);
  } finally {
    SHARED_SCRATCH.end();
  }
}

/** Splits [0, N) into `parts` contiguous slices of near-equal size. */
export function splitSamples(samples: number, parts: number): [number, number][] {
  const k = Math.max(1, Math.min(parts, samples));
  const out: [number, number][] = [];
  for (let p = 0; p < k; p++) {
    const from = Math.floor((samples * p) / k);
    const to = Math.floor((samples * (p + 1)) / k);
    if (to > from) out.push([from, to]);
  }
  return out;
}

export { mergeSlices };
