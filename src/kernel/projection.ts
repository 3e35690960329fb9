import { createSignal } from "solid-js";
import { evaluate } from "../../models/engine.ts";
import { err, ok } from "../../models/result.ts";
import { createPoolMemory, type KeyValueStorage, type PoolMemory } from "./pool-memory.ts";
import type { SizeDecision } from "./pool-size.ts";
import {
  type Projection,
  type ProjectionSlot,
  type ProjectSettings,
  useProjectionSlot,
} from "./projection-context.ts";
import { createInlineRunner, type RunModel, type Runner, worldFor } from "./runner.ts";
import { createWorkerRunner, type Incident } from "./worker-runner.ts";

/**
 * The projection service: the one way views get projections (a newcomer's path from a changed
 * assumption to the repaint runs store → `projectSync` here → the view). Deterministic projections run
 * synchronously on the page's thread; Monte Carlo, tornado and goal seek run in the one worker pool.
 * Requests sent to the pool carry a `worldKey`, so each worker compiles a scenario's world once and
 * reuses it for every slice, merge, tornado and goal seek of it (runner.ts `worldFor`).
 */

export type { Projection, ProjectSettings } from "./projection-context.ts";

export interface ProjectionOptions {
  /**
   * Makes the runner behind the asynchronous members; told of worker incidents. Default: the worker
   * pool where Web Workers exist, else the inline runner (tests, the CLI).
   */
  createRunner?: (onIncident: (i: Incident) => void, onPoolSize: (d: SizeDecision) => void) => Runner;
}

const DEFAULT_PROJECT: ProjectSettings = { seed: 1, sampling: "lhs" };

/** Plans numbered by identity, so a world key never confuses two plans of one id (an imported draft). */
const planNumbers = new WeakMap<object, number>();
let nextPlan = 1;
const keys = new WeakMap<RunModel, string>();

/** The key of a model's world: its plan and bindings by identity, its scenario by value. */
export function worldKeyOf(model: RunModel): string {
  let key = keys.get(model);
  if (key === undefined) {
    const number = (o: object) => {
      const n = planNumbers.get(o) ?? nextPlan++;
      planNumbers.set(o, n);
      return n;
    };
    key = `${number(model.plan)}:${number(model.bindings)}:${JSON.stringify([model.assumptions, model.actuals, model.bands])}`;
    keys.set(model, key);
  }
  return key;
}

/** Stamps the world key on a request about to cross to a worker. */
const keyed = <R extends RunModel>(req: R): R => (req.worldKey ? req : { ...req, worldKey: worldKeyOf(req) });

/** The pool's remembered size in this browser's `localStorage`, for this build (pool-memory.ts). */
function browserPoolMemory(): PoolMemory {
  let storage: KeyValueStorage | null = null;
  try {
    storage = globalThis.localStorage ?? null;
  } catch {
    // Storage refused (a sandboxed frame, or a browser setting): nothing is remembered.
  }
  return createPoolMemory(storage, document.documentElement.dataset.build ?? "dev");
}

/** Creates the service; {@link useProjection} is how views get the app's one. */
export function createProjection(opts: ProjectionOptions = {}): Projection {
  const [incident, setIncident] = createSignal<Incident | null>(null);
  const [poolSize, setPoolSize] = createSignal<number | null>(null);
  const make =
    opts.createRunner ??
    ((onIncident, onPoolSize) =>
      typeof Worker === "undefined"
        ? createInlineRunner()
        : createWorkerRunner({ onIncident, onPoolSize, memory: browserPoolMemory() }));
  // The pool starts with the first run that needs it, not with the service.
  let pool: Runner | null = null;
  const runner = (): Runner => {
    pool ??= make(setIncident, (d) => setPoolSize(d.size));
    return pool;
  };
  const detCache = new WeakMap<RunModel, Map<string, ReturnType<Projection["projectSync"]>>>();

  /** Probabilities first, bands after, where the pool can; otherwise the whole evaluation at once. */
  const inSteps: Projection["evaluateInSteps"] = (req, first) => {
    const r = runner();
    return r.evaluateInSteps ? r.evaluateInSteps(keyed(req), first) : r.evaluate(keyed(req));
  };
  const runnerView: Runner = {
    evaluate: (req) => runner().evaluate(keyed(req)),
    tornado: (req) => runner().tornado(keyed(req)),
    goalSeek: (req) => runner().goalSeek(keyed(req)),
    evaluateInSteps: inSteps,
    dispose: () => {},
  };

  return {
    projectSync(model, settings = DEFAULT_PROJECT) {
      const byModel = detCache.get(model) ?? new Map();
      detCache.set(model, byModel);
      const k = `${settings.seed}|${settings.sampling}`;
      const hit = byModel.get(k);
      if (hit) return hit;
      const w = worldFor(model);
      const r = w.ok
        ? ok(evaluate(w.value, { samples: 0, ...settings, bands: model.bands, actuals: model.actuals }))
        : err(w.error.message);
      byModel.set(k, r);
      return r;
    },
    evaluate: runnerView.evaluate,
    evaluateInSteps: inSteps,
    tornado: runnerView.tornado,
    goalSeek: runnerView.goalSeek,
    runner: runnerView,
    incident,
    poolSize,
    dismissIncident: () => setIncident(null),
    dispose() {
      pool?.dispose();
      pool = null;
    },
  };
}

/**
 * The app's one projection service, made on first use into the slot the edge provides. `opts` apply
 * only to that first making (tests pass a runner).
 */
export function useProjection(opts?: ProjectionOptions): Projection {
  return projectionIn(useProjectionSlot(), opts);
}

/** The service held by `slot` (made there on first use). */
export function projectionIn(slot: ProjectionSlot, opts?: ProjectionOptions): Projection {
  return slot.get(() => createProjection(opts));
}
