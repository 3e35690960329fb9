import type { Evaluation } from "../../models/engine.ts";
import { type SampleSlice, Scratch } from "../../models/monte-carlo.ts";
import { err, ok } from "../../models/result.ts";
import type { Result } from "../../models/text.ts";
import {
  bandsOf,
  type EvaluateRequest,
  type FirstAnswer,
  finishEvaluation,
  finishProbabilities,
  type RunError,
  runSlice,
} from "./runner.ts";

/**
 * Monte Carlo on the page's own thread, in time slices (issue 12: "inline where workers do not pay").
 * On a machine where a worker is no faster than the page's thread (two busy cores), the pool
 * (worker-runner.ts) may measure this way as its size 0 and choose it. The run is cut into slices of
 * samples, each short enough (about {@link SlicedOptions.sliceMs}) that the page answers input and
 * paints between them; the slices merge into exactly the run made whole (each sample draws from its
 * own seeded stream), so the answer is the inline runner's and the workers', bit for bit.
 */

export interface SlicedOptions {
  /** The longest stretch of model work between two turns of the page, in ms. Default 8. */
  sliceMs?: number;
  /**
   * Gives the page its turn and resolves when the work may go on. Default {@link defaultYield}.
   */
  yieldToPage?: () => Promise<void>;
  /** The clock. Default `performance.now`. */
  now?: () => number;
}

/** The time-sliced runner's Monte Carlo calls, shaped as a pool member's (worker-runner.ts `ModelApi`). */
export interface SlicedApi {
  evaluate(req: EvaluateRequest): Promise<Result<Evaluation, RunError>>;
  /** The first step of a two-step run (runner.ts `probabilitiesOf`), from slices. */
  probabilities(req: EvaluateRequest): Promise<Result<FirstAnswer, RunError>>;
  /** The second step (runner.ts `bandsOf`), after the page has had its turn to paint the first. */
  bands(token: number): Promise<Evaluation | null>;
}

export const DEFAULT_SLICE_MS = 8;
/** Samples of the first slice, before the pace of this model on this machine is known. */
const FIRST_SLICE = 64;
const MIN_SLICE = 16;

/**
 * A turn for the page: a background task where the browser schedules by priority (input and painting
 * first), `setImmediate` in Node (the CLI, tests, the bench), else a message to itself.
 */
export function defaultYield(): Promise<void> {
  const g = globalThis as {
    scheduler?: { postTask?: (f: () => void, o: object) => Promise<void> };
    setImmediate?: (f: () => void) => unknown;
  };
  if (g.scheduler?.postTask) return g.scheduler.postTask(() => {}, { priority: "background" });
  const immediate = g.setImmediate;
  if (immediate) return new Promise((resolve) => immediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });
}

let unkeyed = 0;

/**
 * The memory the slices of one run are carved from, one after another, and reused by later runs: fresh
 * typed arrays cost more than the sampling (monte-carlo.ts `Scratch`, whose carving this is), and a
 * run's slices live only until they are merged. Unlike a `Scratch`, each slice's `begin` keeps what
 * earlier slices carved: when a slice needs more than is left, a larger buffer is started (the earlier
 * slices keep the old one), and later runs start on the largest. `end` (after the merge) lets go of
 * buffers too large to keep.
 */
class Arena extends Scratch {
  /** Starts a run: earlier carved arrays become invalid. */
  reset(): void {
    this.f64At = 0;
    this.u8At = 0;
  }

  /** Makes room for a slice needing `f64` doubles and `u8` bytes; earlier slices stay valid. */
  override begin(f64: number, u8: number): void {
    if (this.f64At + f64 > this.f64.length) {
      this.f64 = new Float64Array(Math.max(f64, 2 * this.f64.length));
      this.f64At = 0;
    }
    if (this.u8At + u8 > this.u8.length) {
      this.u8 = new Uint8Array(Math.max(u8, 2 * this.u8.length));
      this.u8At = 0;
    }
  }
}

export function createSlicedRunner(opts: SlicedOptions = {}): SlicedApi {
  const sliceMs = opts.sliceMs ?? DEFAULT_SLICE_MS;
  const yieldToPage = opts.yieldToPage ?? defaultYield;
  const now = opts.now ?? (() => performance.now());
  /** Arenas not in use; runs that overlap (a new one starts while another yields) each take their own. */
  const free: Arena[] = [];

  /**
   * Samples [0, N) as slices sized to `sliceMs` at the pace measured so far, carved from `arena`. A run
   * of more than one slice is always copied by its merge, so the arena can be reused once merged.
   */
  async function slicesOf(req: EvaluateRequest, arena: Arena): Promise<Result<SampleSlice[], RunError>> {
    // Every slice reuses one compiled world: a request without a key gets one of its own.
    const keyed = req.worldKey === undefined ? { ...req, worldKey: `sliced:${++unkeyed}` } : req;
    const slices: SampleSlice[] = [];
    let from = 0;
    let size = Math.min(FIRST_SLICE, req.samples);
    while (from < req.samples) {
      const to = Math.min(req.samples, from + size);
      const t0 = now();
      const r = runSlice({ ...keyed, from, to, strataTables: true }, arena);
      if (!r.ok) return r;
      slices.push(r.value);
      const msPerSample = Math.max(now() - t0, 0.01) / (to - from);
      from = to;
      size = Math.max(MIN_SLICE, Math.floor(sliceMs / msPerSample));
      if (from < req.samples) await yieldToPage();
    }
    return ok(slices);
  }

  /** Slices the run in an arena of its own, then `finish` merges them (copying) and the arena is free. */
  async function run<T>(
    req: EvaluateRequest,
    finish: (slices: SampleSlice[]) => Result<T, RunError>,
  ): Promise<Result<T, RunError>> {
    // A run of one slice is not copied by its merge (its arrays are the answer's): an arena of its own.
    const single = req.samples <= FIRST_SLICE;
    const arena = (single ? undefined : free.pop()) ?? new Arena();
    arena.reset();
    try {
      const slices = await caught(() => slicesOf(req, arena));
      if (!slices.ok) return slices;
      return caughtSync(() => finish(slices.value));
    } finally {
      if (!single) {
        arena.end();
        free.push(arena);
      }
    }
  }

  return {
    async evaluate(req) {
      if (req.samples <= 0) return finishEvaluation(req, []);
      return run(req, (slices) => finishEvaluation(req, slices));
    },
    async probabilities(req) {
      return run(req, (slices) => finishProbabilities(req, slices));
    },
    async bands(token) {
      await yieldToPage();
      return bandsOf(token);
    },
  };
}

/** An exception in the models becomes a run error, as a worker's would. */
async function caught<T>(f: () => Promise<Result<T, RunError>>): Promise<Result<T, RunError>> {
  try {
    return await f();
  } catch (e) {
    return err(errorOf(e));
  }
}

function caughtSync<T>(f: () => Result<T, RunError>): Result<T, RunError> {
  try {
    return f();
  } catch (e) {
    return err(errorOf(e));
  }
}

function errorOf(e: unknown): RunError {
  const detail = e instanceof Error ? e.message : String(e);
  return {
    message: {
      zh: `模型在本页运行时出错：${detail}`,
      en: `the models failed on the page's thread: ${detail}`,
    },
  };
}
