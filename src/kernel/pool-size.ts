/**
 * How many model workers the pool uses, decided from measured speed-up (issue 12): pure functions over
 * timings, so the rules are tested with timings made up for the purpose, and the pool
 * (worker-runner.ts) only measures and applies them.
 *
 * Size 0 is the page's own thread: the Monte Carlo run there in time slices (sliced-runner.ts), short
 * enough that the page answers input and paints between them, where the pool has that way. It is the
 * smallest size, so a worker is used only where one is measurably faster (`GAIN_REQUIRED`): on two
 * busy cores a worker may not pay for its messages, and then the page's thread is the faster way.
 * `npm run bench` measures the self-sized pool against a true inline run (`poolVsInline`).
 */

/** Wall times in ms of the same calibration run, by number of workers (several rounds each). */
export type SizeTimings = ReadonlyMap<number, readonly number[]>;

export interface SizeDecision {
  /** Workers to use. */
  size: number;
  /** Median wall time by number of workers, of the sizes measured. */
  medianMs: ReadonlyMap<number, number>;
  /** Samples of the calibration run the times are for. */
  samples: number;
}

/**
 * A larger pool must beat every smaller one by this factor (10 % faster) to be chosen: a gain within
 * the noise of a loaded machine does not pay for a worker's memory and its share of the cores.
 */
export const GAIN_REQUIRED = 0.9;
/**
 * A later run shows the choice wrong when it took, per sample, this much longer than another size did
 * at calibration (runs larger than the calibration run take less per sample: its fixed costs are
 * spread wider, so this errs on the side of keeping the choice).
 */
export const WRONG_FACTOR = 1.5;
/** Runs to wait after a calibration before a wrong-looking run may start another. */
export const RUNS_BETWEEN_CALIBRATIONS = 3;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return Number.NaN;
  return n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/**
 * The size to use: the fastest measured size, where a size larger than another is taken only if its
 * median time is at most {@link GAIN_REQUIRED} of the best smaller size's, so never more workers than
 * were measured to help. Sizes below `floor` are ignored; with nothing measured at or above the floor,
 * the floor.
 */
export function chooseSize(
  timings: SizeTimings,
  samples: number,
  floor = 1,
  gain = GAIN_REQUIRED,
): SizeDecision {
  const medianMs = new Map<number, number>();
  for (const [size, xs] of [...timings].sort((a, b) => a[0] - b[0])) {
    const m = median(xs);
    if (size >= floor && Number.isFinite(m)) medianMs.set(size, m);
  }
  let size = floor;
  let best = Number.POSITIVE_INFINITY;
  for (const [k, m] of medianMs) {
    if (best === Number.POSITIVE_INFINITY || m <= gain * best) {
      size = k;
      best = m;
    }
  }
  return { size, medianMs, samples };
}

/** A Monte Carlo run the pool made after deciding its size. */
export interface ObservedRun {
  /** Workers it ran on. */
  size: number;
  samples: number;
  ms: number;
}

/**
 * Whether a run shows the decision wrong: it took, per sample, more than {@link WRONG_FACTOR} times
 * what another measured size took at calibration. (The machine's load changed, or the calibration was
 * unlucky; either way a new measurement decides.)
 */
export function choiceLooksWrong(decision: SizeDecision, run: ObservedRun, factor = WRONG_FACTOR): boolean {
  if (run.samples <= 0 || decision.samples <= 0) return false;
  const perSample = run.ms / run.samples;
  for (const [k, m] of decision.medianMs) {
    if (k === run.size) continue;
    if (perSample > (factor * m) / decision.samples) return true;
  }
  return false;
}
