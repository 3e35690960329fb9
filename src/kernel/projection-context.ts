import { createComponent, createContext, type JSX, useContext } from "solid-js";
import type { Evaluation } from "../../models/engine.ts";
import type { Result } from "../../models/result.ts";
import type { GoalSeekAnswer, GoalSeekRefusal, Tornado } from "../../models/sensitivity.ts";
import type { Bilingual } from "../../models/text.ts";
import type { EvaluateRequest, GoalSeekRunRequest, RunError, RunModel, Runner } from "./runner.ts";
import type { Incident } from "./worker-runner.ts";

/**
 * Where the app's one projection service lives. The edge (main.tsx) makes the slot and provides it;
 * the service itself (projection.ts, with the models and the worker pool) is made by the first screen
 * that needs it — the workbench or workshop, both loaded on demand — and then shared by every screen,
 * so the first screen loads no model and the app holds one worker pool however many screens are open.
 * This file imports only types, so the first screen's bundle stays without models.
 */

/** Run settings the deterministic projection uses (the seed and sampling only name the run). */
export interface ProjectSettings {
  seed: number;
  sampling: EvaluateRequest["sampling"];
}

/** The projection service (SDEverywhere's ModelRunner): one synchronous member beside the pool's. */
export interface Projection {
  /**
   * The deterministic projection and verdicts of a model, on this thread, at once (a few
   * milliseconds): SDEverywhere's `runModelSync`. The same model and settings answer the same result
   * object, so a memo over it repaints only what changed.
   */
  projectSync(model: RunModel, settings?: ProjectSettings): Result<Evaluation, Bilingual>;
  /** The Monte Carlo evaluation (probabilities, bands, quantiles) in the worker pool. */
  evaluate(req: EvaluateRequest): Promise<Result<Evaluation, RunError>>;
  /**
   * {@link Projection.evaluate}, telling `first` as soon as the probabilities are ready (bands pending)
   * and resolving with the whole evaluation once the bands are computed (issue 12).
   */
  evaluateInSteps(
    req: EvaluateRequest,
    first: (e: Evaluation) => void,
  ): Promise<Result<Evaluation, RunError>>;
  tornado(model: RunModel): Promise<Result<Tornado[], RunError>>;
  goalSeek(req: GoalSeekRunRequest): Promise<Result<Result<GoalSeekAnswer, GoalSeekRefusal>, RunError>>;
  /** The pool as a {@link Runner}, for code written against the runner interface. */
  runner: Runner;
  /**
   * How many model workers the pool uses, once measured (worker-runner.ts: the pool sizes itself from
   * measured speed-up after its first Monte Carlo run); null before, and with a fixed or inline runner.
   */
  poolSize(): number | null;
  /** The last thing that happened to a worker (replaced, run retried), until dismissed. */
  incident(): Incident | null;
  dismissIncident(): void;
  dispose(): void;
}

/** Holds the app's one projection service, made on first use. */
export interface ProjectionSlot {
  /** The service, made with `make` the first time. */
  get(make: () => Projection): Projection;
  /** Whether the service exists yet (the first screen never makes it). */
  made(): boolean;
  dispose(): void;
}

/** Makes the slot at the app's edge. */
export function createProjectionSlot(): ProjectionSlot {
  let current: Projection | null = null;
  return {
    get: (make) => {
      current ??= make();
      return current;
    },
    made: () => current !== null,
    dispose() {
      current?.dispose();
      current = null;
    },
  };
}

const ProjectionContext = createContext<ProjectionSlot>();

export function ProjectionProvider(props: { slot: ProjectionSlot; children: JSX.Element }): JSX.Element {
  return createComponent(ProjectionContext.Provider, {
    get value() {
      return props.slot;
    },
    get children() {
      return props.children;
    },
  });
}

/** The slot; throws outside {@link ProjectionProvider}. */
export function useProjectionSlot(): ProjectionSlot {
  const slot = useContext(ProjectionContext);
  if (!slot) throw new Error("useProjection() was called outside <ProjectionProvider>");
  return slot;
}
