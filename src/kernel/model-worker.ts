/**
 * The model worker: exposes the runner's functions through Comlink and nothing else (CONVENTIONS 5).
 * No Solid, no DOM: requests arrive as plain data; results leave with their typed arrays transferred,
 * never copied.
 */
import * as Comlink from "comlink";
import type { Evaluation } from "../../models/engine.ts";
import type { SampleSlice } from "../../models/monte-carlo.ts";
import type { Result } from "../../models/text.ts";
import {
  bandsOf,
  createInlineRunner,
  type EvaluateRequest,
  type FinishRequest,
  type FirstAnswer,
  finishEvaluation,
  finishProbabilities,
  type GoalSeekRunRequest,
  probabilitiesOf,
  type RunError,
  runSlice,
  type SensitivityRequest,
  type SliceRequest,
} from "./runner.ts";

const inline = createInlineRunner();

/** Each buffer once: transferring the same buffer twice is a DataCloneError. */
function buffersOf(arrays: Iterable<ArrayBufferView | null>): Transferable[] {
  const out = new Set<ArrayBuffer>();
  for (const a of arrays) if (a && a.buffer instanceof ArrayBuffer) out.add(a.buffer);
  return [...out];
}

/** The arrays an evaluation owns. Not `years`: that is the cached world's own (runner.ts), so it is copied. */
function* evaluationArrays(e: Evaluation): Generator<ArrayBufferView | null> {
  for (const ind of e.indicators) {
    yield ind.projection;
    yield ind.against;
    for (const q of ind.quantiles ?? []) yield q;
  }
}

const api = {
  /** Samples [from, to) of a Monte Carlo: the pool's unit of work. */
  slice(req: SliceRequest): Result<SampleSlice, RunError> {
    const r = runSlice(req);
    if (!r.ok) return r;
    return Comlink.transfer(
      r,
      buffersOf([...r.value.values, ...r.value.met, ...r.value.metric, ...r.value.score]),
    );
  },
  /** Merges the slices and computes quantiles and verdicts, off the main thread. */
  finish(req: FinishRequest): Result<Evaluation, RunError> {
    const r = finishEvaluation(req.request, req.slices);
    if (!r.ok) return r;
    return Comlink.transfer(r, buffersOf(evaluationArrays(r.value)));
  },
  /** A run's first, small answer: probabilities, verdicts, statuses; the samples stay here for `bands`. */
  probabilities(req: EvaluateRequest): Result<FirstAnswer, RunError> {
    const r = probabilitiesOf(req);
    if (!r.ok) return r;
    return Comlink.transfer(r, buffersOf(evaluationArrays(r.value.evaluation)));
  },
  /** {@link api.probabilities} from the pool's slices. */
  finishProbabilities(req: FinishRequest): Result<FirstAnswer, RunError> {
    const r = finishProbabilities(req.request, req.slices);
    if (!r.ok) return r;
    return Comlink.transfer(r, buffersOf(evaluationArrays(r.value.evaluation)));
  },
  /** The whole evaluation of the kept run, bands included; null if `token` is no longer kept. */
  bands(token: number): Evaluation | null {
    const e = bandsOf(token);
    return e ? Comlink.transfer(e, buffersOf(evaluationArrays(e))) : null;
  },
  async evaluate(req: EvaluateRequest): Promise<Result<Evaluation, RunError>> {
    const r = await inline.evaluate(req);
    if (!r.ok) return r;
    return Comlink.transfer(r, buffersOf(evaluationArrays(r.value)));
  },
  tornado: (req: SensitivityRequest) => inline.tornado(req),
  goalSeek: (req: GoalSeekRunRequest) => inline.goalSeek(req),
  /**
   * Takes the Web Lock `name` and holds it for as long as this worker lives; answers true once it is
   * held (false where there are no Web Locks). The browser lets go of a lock when its holder ends,
   * however it ends (terminated, crashed, killed for memory), so the page, waiting for the same lock,
   * learns at once that this worker is gone — a dead worker sends no error event.
   */
  hold(name: string): Promise<boolean> {
    const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
    if (!locks) return Promise.resolve(false);
    return new Promise<boolean>((held) => {
      void locks.request(name, () => {
        held(true);
        return new Promise<never>(() => {});
      });
    });
  },
};

/** What the worker answers; the pool's endpoints speak exactly this. */
export type ModelWorkerApi = typeof api;

Comlink.expose(api);
