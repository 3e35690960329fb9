import type { Bindings } from "../../models/bindings.ts";
import { anchorsOf, assemble, type EvaluateOptions, type Evaluation, evaluate } from "../../models/engine.ts";
import {
  type Memory,
  mergeSlices,
  type SampleSlice,
  type Sampling,
  Scratch,
  SHARED_SCRATCH,
  sampleSlice,
} from "../../models/monte-carlo.ts";
import type { Plan } from "../../models/plan.ts";
import { err, ok } from "../../models/result.ts";
import type { Actual, Assumption, Bands, ResolvedScenario } from "../../models/scenario.ts";
import {
  type GoalSeekAnswer,
  type GoalSeekRefusal,
  type GoalSeekRequest,
  goalSeek,
  type Tornado,
  tornadoes,
} from "../../models/sensitivity.ts";
import type { Bilingual, Result } from "../../models/text.ts";
import { compileWorld, type World } from "../../models/world.ts";

/**
 * The one runner interface of the app (CONVENTIONS: SDEverywhere's ModelRunner). An inline
 * implementation runs on the calling thread (tests, CLI); the worker implementation runs the same
 * functions in Web Workers. Requests carry plain data only (structured-cloneable); results carry typed
 * arrays, transferred rather than copied across the worker boundary.
 */

/** What the models need to run one scenario: its plan, bindings and resolved assumptions. */
export interface RunModel {
  plan: Plan;
  bindings: Bindings;
  /** Resolved assumptions (every one, with the person's edits applied). */
  assumptions: Record<string, Assumption>;
  actuals: Actual[];
  bands: Bands;
  /**
   * Names this model's world for the world cache of the thread that runs it (see {@link worldFor}):
   * two models with the same key compile to the same world. Stamped by the projection service before a
   * request crosses to a worker, where object identity is lost; absent, identity is the key.
   */
  worldKey?: string;
}

export interface EvaluateRequest extends RunModel {
  samples: number;
  seed: number;
  sampling: Sampling;
}

export interface SliceRequest extends RunModel {
  samples: number;
  seed: number;
  sampling: Sampling;
  from: number;
  to: number;
  /** Latin hypercube strata from this thread's remembered tables (monte-carlo.ts `SampleRequest`). */
  strataTables?: boolean;
}

export interface SensitivityRequest extends RunModel {}

/** The last step of a pooled Monte Carlo: the request and every slice of [0, samples). */
export interface FinishRequest {
  request: EvaluateRequest;
  slices: SampleSlice[];
}

export interface GoalSeekRunRequest extends RunModel {
  goal: GoalSeekRequest;
}

/** An error that crossed a boundary as data, in both languages. */
export interface RunError {
  message: Bilingual;
}

export interface Runner {
  /** Deterministic projection, verdicts and (with samples) probabilities, bands and quantiles. */
  evaluate(req: EvaluateRequest): Promise<Result<Evaluation, RunError>>;
  /**
   * {@link evaluate}, telling `first` as soon as the probabilities are ready (an evaluation with
   * `bandsPending`, no quantiles) and resolving with the whole evaluation once the bands are computed.
   * `first` is not called when there is no earlier answer to give (no samples, a failed run).
   */
  evaluateInSteps?(
    req: EvaluateRequest,
    first: (e: Evaluation) => void,
  ): Promise<Result<Evaluation, RunError>>;
  tornado(req: SensitivityRequest): Promise<Result<Tornado[], RunError>>;
  goalSeek(req: GoalSeekRunRequest): Promise<Result<Result<GoalSeekAnswer, GoalSeekRefusal>, RunError>>;
  dispose(): void;
}

/** Compiled worlds of this thread by key, newest last; a few, since a screen shows at most a few scenarios. */
const worldsByKey = new Map<string, Result<World, RunError>>();
/** Compiled worlds of this thread by request object (a memo's unchanged model compiles once). */
const worldsByModel = new WeakMap<RunModel, Result<World, RunError>>();
const WORLD_CACHE_SIZE = 8;

/**
 * Links a run request into a world; errors become bilingual data. A world is compiled once per model
 * and thread: again for the same request object or the same `worldKey`, the cached one is answered, so
 * a pooled run's slices and its merge, a tornado and a goal seek on one scenario share one compilation.
 * A world may be reused because nothing keeps its buffers: results copy what they read from it.
 */
export function worldFor(model: RunModel): Result<World, RunError> {
  const byModel = worldsByModel.get(model);
  if (byModel) return byModel;
  const key = model.worldKey;
  const byKey = key === undefined ? undefined : worldsByKey.get(key);
  if (byKey && key !== undefined) {
    // Newest last: the least recently used is the first to go.
    worldsByKey.delete(key);
    worldsByKey.set(key, byKey);
    worldsByModel.set(model, byKey);
    return byKey;
  }
  const compiled = compileRunWorld(model);
  worldsByModel.set(model, compiled);
  if (key !== undefined) {
    worldsByKey.set(key, compiled);
    if (worldsByKey.size > WORLD_CACHE_SIZE) worldsByKey.delete(worldsByKey.keys().next().value!);
  }
  return compiled;
}

function compileRunWorld(model: RunModel): Result<World, RunError> {
  const scenario: ResolvedScenario = {
    id: "run",
    planId: model.plan.id,
    name: { zh: "运行", en: "run" },
    teaching: false,
    lineage: [],
    assumptions: model.assumptions,
    changed: [],
    bands: model.bands,
    actuals: model.actuals,
  };
  const r = compileWorld(model.plan, model.bindings, scenario, "bindings");
  if (!r.ok) {
    const first = r.error[0]!;
    return err({
      message: {
        zh: `模型无法运行：${first.path} ${first.message.zh}`,
        en: `the models cannot run: ${first.path} ${first.message.en}`,
      },
    });
  }
  return ok(r.value);
}

function optionsOf(req: EvaluateRequest): EvaluateOptions {
  return {
    samples: req.samples,
    seed: req.seed,
    sampling: req.sampling,
    bands: req.bands,
    actuals: req.actuals,
  };
}

/**
 * Computes samples [from, to) of an evaluation: the unit of work a pool worker does. The slice's arrays
 * are fresh (a worker transfers them away) unless `memory` is given (the page's sliced runner, which
 * merges them before its next run).
 */
export function runSlice(req: SliceRequest, memory?: Memory): Result<SampleSlice, RunError> {
  const w = worldFor(req);
  if (!w.ok) return w;
  const slice = sampleSlice(
    w.value,
    {
      samples: req.samples,
      seed: req.seed,
      sampling: req.sampling,
      from: req.from,
      to: req.to,
      strataTables: req.strataTables,
    },
    anchorsOf(w.value, req.actuals),
    w.value.pointValues,
    memory,
  );
  return ok(slice);
}

/** Finishes an evaluation from slices that together cover [0, samples). */
export function finishEvaluation(
  req: EvaluateRequest,
  slices: readonly SampleSlice[],
): Result<Evaluation, RunError> {
  const w = worldFor(req);
  if (!w.ok) return w;
  // The merge is consumed by `assemble`, so it lives in the thread's reused scratch.
  const full = slices.length > 0 ? mergeSlices(slices, w.value.years.length, SHARED_SCRATCH) : null;
  try {
    return ok(assemble(w.value, optionsOf(req), full));
  } finally {
    SHARED_SCRATCH.end();
  }
}

/**
 * A Monte Carlo run answered in two steps (issue 12: probabilities before bands). `probabilitiesOf`
 * samples and judges, keeps the samples in this thread's memory under a token, and answers with the
 * probabilities, verdicts and statuses (no quantiles: a small message); `bandsOf(token)` then computes
 * the quantile bands from the kept samples and answers with the whole evaluation, equal to
 * {@link createInlineRunner}'s. Only the newest run is kept: a token that is no longer current (a newer
 * run began, or the worker was replaced) gets `null`, and the caller evaluates afresh.
 */
let kept: { token: number; world: World; opts: EvaluateOptions; full: SampleSlice } | null = null;
let lastToken = 0;
/** The kept samples' own memory: other runs on this thread (tornado, goal seek) cannot overwrite it. */
const KEPT_SCRATCH = new Scratch();

export interface FirstAnswer {
  token: number;
  evaluation: Evaluation;
}

function keep(world: World, opts: EvaluateOptions, full: SampleSlice): FirstAnswer {
  kept = { token: ++lastToken, world, opts, full };
  return { token: kept.token, evaluation: assemble(world, opts, full, false) };
}

/** The first step of a two-step run: probabilities, verdicts and statuses (see {@link bandsOf}). */
export function probabilitiesOf(req: EvaluateRequest): Result<FirstAnswer, RunError> {
  const w = worldFor(req);
  if (!w.ok) return w;
  kept = null;
  const full = sampleSlice(
    w.value,
    { samples: req.samples, seed: req.seed, sampling: req.sampling, from: 0, to: req.samples },
    anchorsOf(w.value, req.actuals),
    w.value.pointValues,
    KEPT_SCRATCH,
  );
  return ok(keep(w.value, optionsOf(req), full));
}

/** {@link probabilitiesOf} from slices computed elsewhere (the pool's split run). */
export function finishProbabilities(
  req: EvaluateRequest,
  slices: readonly SampleSlice[],
): Result<FirstAnswer, RunError> {
  const w = worldFor(req);
  if (!w.ok) return w;
  kept = null;
  const full = mergeSlices(slices, w.value.years.length, KEPT_SCRATCH);
  return ok(keep(w.value, optionsOf(req), full));
}

/** The second step: the whole evaluation, bands included; null when `token` is not the kept run. */
export function bandsOf(token: number): Evaluation | null {
  if (!kept || kept.token !== token) return null;
  const { world, opts, full } = kept;
  kept = null;
  try {
    return assemble(world, opts, full);
  } finally {
    KEPT_SCRATCH.end();
  }
}

/** Runs everything on the calling thread. */
export function createInlineRunner(): Runner {
  return {
    async evaluate(req) {
      const w = worldFor(req);
      if (!w.ok) return w;
      return ok(evaluate(w.value, optionsOf(req)));
    },
    async tornado(req) {
      const w = worldFor(req);
      if (!w.ok) return w;
      return ok(tornadoes(w.value, anchorsOf(w.value, req.actuals)));
    },
    async goalSeek(req) {
      const w = worldFor(req);
      if (!w.ok) return w;
      return ok(goalSeek(w.value, anchorsOf(w.value, req.actuals), req.goal));
    },
    dispose() {},
  };
}
