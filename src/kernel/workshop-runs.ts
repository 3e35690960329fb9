import { type Accessor, createEffect, createMemo, createSignal } from "solid-js";
import type { Evaluation } from "../../models/engine.ts";
import type { Library } from "../../models/library.ts";
import { err, ok, type Result } from "../../models/result.ts";
import type { Assumption } from "../../models/scenario.ts";
import type { Bilingual } from "../../models/text.ts";
import { editsFor } from "../../models/workshop.ts";
import { runModelFor } from "./library.ts";
import type { Projection } from "./projection.ts";
import type { EvaluateRequest } from "./runner.ts";
import { createScheduler } from "./scheduler.ts";

/**
 * The runs of workshop mode: what is shown is one {@link Spec} and, to compare with, a "before" spec.
 * The deterministic evaluation of a spec comes from the projection service at once and is cached
 * (stepping back and forth is instant); the Monte Carlo evaluation runs in the app's one worker pool
 * through a scheduler, and each answer is cached under its spec so a spec already seen shows its
 * probabilities at once. Which specs are shown is workshop-session.ts's concern.
 */

/** Monte Carlo samples per evaluation: enough for a probability to the nearest few points, fast on a laptop. */
export const WORKSHOP_SAMPLES = 1000;
/** Seed of every workshop run, so the same step always shows the same probabilities. */
export const WORKSHOP_SEED = 1;

/** A state to evaluate: a scenario and the assumption values set on top of it. */
export interface Spec {
  scenarioId: string;
  changes: Readonly<Record<string, number>>;
}

/** The cache key of a spec: equal for equal specs, whatever order their changes were set in. */
export function specKey(s: Spec): string {
  return JSON.stringify([
    s.scenarioId,
    Object.entries(s.changes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ]);
}

/** A failed run's error in both languages: a bilingual message as it is, anything else as its text. */
export function errorWords(e: unknown): Bilingual {
  if (e && typeof e === "object" && "message" in e) {
    const m = (e as { message: unknown }).message;
    if (m && typeof m === "object" && "zh" in m && "en" in m) return m as Bilingual;
    return { zh: String(m), en: String(m) };
  }
  return { zh: String(e), en: String(e) };
}

/** The evaluations of what is shown and of what it is compared with. */
export interface WorkshopRuns {
  nowDet: Accessor<Result<Evaluation, Bilingual>>;
  beforeDet: Accessor<Result<Evaluation, Bilingual> | null>;
  nowMc: Accessor<Evaluation | undefined>;
  beforeMc: Accessor<Evaluation | undefined>;
  /** True while a Monte Carlo answer for what is shown is awaited (false once a run has failed). */
  mcPending: Accessor<boolean>;
  mcError: Accessor<Bilingual | undefined>;
}

/** Creates the runs of two specs; call inside a reactive owner (its scheduler is disposed with it). */
export function createWorkshopRuns(opts: {
  lib: Library;
  projection: Projection;
  /** The resolved assumptions of a scenario, which a spec's changes are laid over. */
  assumptionsOf: (scenarioId: string) => Record<string, Assumption>;
  now: Accessor<Spec>;
  before: Accessor<Spec | null>;
}): WorkshopRuns {
  const { lib, projection, assumptionsOf, now, before } = opts;

  /** The run request of a spec, or why it cannot run. */
  const requestOf = (spec: Spec): Result<EvaluateRequest, Bilingual> => {
    const m = runModelFor(lib, spec.scenarioId, editsFor(assumptionsOf(spec.scenarioId), spec.changes));
    if (!m.ok) return err(m.error[0]!.message);
    return ok({ ...m.value, samples: WORKSHOP_SAMPLES, seed: WORKSHOP_SEED, sampling: "lhs" as const });
  };

  const detCache = new Map<string, Result<Evaluation, Bilingual>>();
  const detOf = (spec: Spec): Result<Evaluation, Bilingual> => {
    const key = specKey(spec);
    let r = detCache.get(key);
    if (!r) {
      const req = requestOf(spec);
      r = req.ok ? projection.projectSync(req.value, { seed: WORKSHOP_SEED, sampling: "lhs" }) : req;
      detCache.set(key, r);
    }
    return r;
  };
  const nowDet = createMemo(() => detOf(now()));
  const beforeDet = createMemo(() => {
    const b = before();
    return b ? detOf(b) : null;
  });

  // Monte Carlo: one run asks for every spec on screen that has no cached answer yet.
  const [mcCache, setMcCache] = createSignal<ReadonlyMap<string, Evaluation>>(new Map());
  const mc = createScheduler(async (jobs: { key: string; req: EvaluateRequest }[]) => {
    const results = await Promise.all(jobs.map((j) => projection.evaluate(j.req)));
    return jobs.map((j, i) => {
      const r = results[i]!;
      if (!r.ok) throw r.error;
      return { key: j.key, evaluation: r.value };
    });
  });
  createEffect(() => {
    const cache = mcCache();
    const jobs: { key: string; req: EvaluateRequest }[] = [];
    const b = before();
    for (const spec of b ? [now(), b] : [now()]) {
      const key = specKey(spec);
      if (cache.has(key) || jobs.some((j) => j.key === key)) continue;
      const req = requestOf(spec);
      if (req.ok) jobs.push({ key, req: req.value });
    }
    if (jobs.length > 0) mc.request(jobs);
  });
  createEffect(() => {
    const done = mc.latest();
    if (!done) return;
    setMcCache((prev) => {
      const next = new Map(prev);
      for (const d of done) next.set(d.key, d.evaluation);
      return next;
    });
  });
  const nowMc = createMemo(() => mcCache().get(specKey(now())));
  const beforeMc = createMemo(() => {
    const b = before();
    return b ? mcCache().get(specKey(b)) : undefined;
  });
  const mcError = createMemo((): Bilingual | undefined => {
    const e = mc.error();
    return e === undefined ? undefined : errorWords(e);
  });
  const mcPending = createMemo(() => {
    if (mcError()) return false;
    const b = before();
    return nowMc() === undefined || (b !== null && beforeMc() === undefined);
  });

  return { nowDet, beforeDet, nowMc, beforeMc, mcPending, mcError };
}
