import type { Evaluation } from "../../models/engine.ts";
import { loadLibrary, runModelFor } from "./library.ts";
import { createInlineRunner, type EvaluateRequest, type Runner } from "./runner.ts";
import { sameData } from "./same-data.ts";
import { createSlicedRunner, type SlicedApi } from "./sliced-runner.ts";
import { createWorkerRunner, workerPoolsMade } from "./worker-runner.ts";

/**
 * A check the built app can run on itself (wired to `?selftest`): the Jiaxing baseline evaluated by a
 * pool of model workers must equal, number for number, the same evaluation on the main thread.
 */

export interface SelfTestOptions {
  /** Scenario to run. Default "jiaxing-baseline". */
  scenarioId?: string;
  /** Monte Carlo samples. Default 2,000. */
  samples?: number;
  /** Default 7. */
  seed?: number;
  /** Workers in the pool. Default 2. */
  workers?: number;
}

export interface SelfTestResult {
  /** The pool's evaluation equals the inline one exactly (every number, NaN equal to NaN). */
  equal: boolean;
  /** Milliseconds the pool took, workers already started. */
  ms: number;
  /** Milliseconds the inline runner took on the main thread. */
  inlineMs: number;
  /** The page's thread in time slices (sliced-runner.ts), the pool's size 0, equals the inline run exactly. */
  slicedEqual: boolean;
  /** Milliseconds the sliced run took, turns for the page included. */
  slicedMs: number;
  /** Milliseconds of a small warm-up call (on the page's first self-test, starting the workers too). */
  coldMs: number;
  /** Percent probability of meeting each indicator's target, from the pool. */
  probabilities: number[];
  samples: number;
  workers: number;
  /** Why the run could not be made, when it could not. */
  error?: string;
}

let sliced: SlicedApi | null = null;

/** Runs the self-test; never throws (a failure is `equal: false` with `error`). */
export async function workerSelfTest(opts: SelfTestOptions = {}): Promise<SelfTestResult> {
  const samples = opts.samples ?? 2000;
  const workers = opts.workers ?? 2;
  const base = {
    equal: false,
    ms: 0,
    inlineMs: 0,
    slicedEqual: false,
    slicedMs: 0,
    coldMs: 0,
    probabilities: [],
    samples,
    workers,
  };
  const model = runModelFor(loadLibrary(), opts.scenarioId ?? "jiaxing-baseline");
  if (!model.ok)
    return { ...base, error: model.error.map((i) => `${i.file} ${i.path}: ${i.message.en}`).join("; ") };
  const req: EvaluateRequest = { ...model.value, samples, seed: opts.seed ?? 7, sampling: "lhs" };
  // One pool per size for the page's life, as the app holds one: a later call times warm workers (a
  // fresh pool's first large run is still compiling its code, which measured 3–5× the warm time).
  const pool = pools.get(workers) ?? createWorkerRunner({ size: workers });
  pools.set(workers, pool);
  // A first small run starts every worker, so `ms` measures the work and not the module loading.
  let t = performance.now();
  const warm = await pool.evaluate({ ...req, samples: workers });
  const coldMs = performance.now() - t;
  if (!warm.ok) return { ...base, coldMs, error: warm.error.message.en };

  t = performance.now();
  const pooled = await pool.evaluate(req);
  const ms = performance.now() - t;

  t = performance.now();
  const inline = await createInlineRunner().evaluate(req);
  const inlineMs = performance.now() - t;

  t = performance.now();
  // One sliced runner for the page, as the app's pool holds one: its memory is reused between runs.
  sliced ??= createSlicedRunner();
  const slicedRun = await sliced.evaluate(req);
  const slicedMs = performance.now() - t;

  if (!pooled.ok || !inline.ok || !slicedRun.ok) {
    const failed = [pooled, inline, slicedRun].find((r) => !r.ok);
    const error = failed && !failed.ok ? failed.error.message.en : "";
    return { ...base, ms, inlineMs, slicedMs, coldMs, error };
  }
  return {
    ...base,
    equal: sameData(pooled.value, inline.value),
    slicedEqual: sameData(slicedRun.value, inline.value),
    ms,
    inlineMs,
    slicedMs,
    coldMs,
    probabilities: probabilitiesOf(pooled.value),
  };
}

const pools = new Map<number, Runner>();

function probabilitiesOf(e: Evaluation): number[] {
  return e.indicators.map((i) => i.probability ?? Number.NaN);
}

/** Workers made since {@link trackWorkers} was called and not yet terminated by their owner. */
const liveWorkers = new Set<Worker>();
let workersMade = 0;

/**
 * How many workers the page has made since {@link trackWorkers}, how many are alive now, and how many
 * worker pools it has made (a pool sizes itself, so its workers come and go: the pools are counted).
 */
export function workerCounts(): { made: number; live: number; pools: number } {
  return { made: workersMade, live: liveWorkers.size, pools: workerPoolsMade() };
}

/**
 * From now on, every Worker the page makes is remembered, so {@link killWorkers} can end them the way
 * the browser would (without a word to their owner). Only under `?selftest`: it replaces the page's
 * `Worker` with a subclass that records each instance.
 */
export function trackWorkers(): void {
  const g = globalThis as { Worker?: typeof Worker };
  const Base = g.Worker;
  if (!Base || (Base as { tracked?: boolean }).tracked) return;
  class TrackedWorker extends Base {
    static tracked = true;
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      workersMade++;
      liveWorkers.add(this);
    }
    override terminate(): void {
      liveWorkers.delete(this);
      super.terminate();
    }
  }
  g.Worker = TrackedWorker;
}

/**
 * Terminates every tracked worker behind its owner's back, as a crash or the browser reclaiming memory
 * would, and answers how many there were. The app must notice, replace them and say so.
 */
export function killWorkers(): number {
  const n = liveWorkers.size;
  for (const w of liveWorkers) Worker.prototype.terminate.call(w);
  liveWorkers.clear();
  return n;
}
