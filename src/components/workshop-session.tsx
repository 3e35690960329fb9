import { type Accessor, batch, createEffect, createMemo, createSignal } from "solid-js";
import type { Evaluation } from "../../models/engine.ts";
import { evaluate } from "../../models/engine.ts";
import { baselineOf, type Library } from "../../models/library.ts";
import type { Plan } from "../../models/plan.ts";
import { type Assumption, resolveScenario } from "../../models/scenario.ts";
import type { Bilingual, Result } from "../../models/text.ts";
import { editsFor, stepScenarioIds, type Workshop, workshopFocus } from "../../models/workshop.ts";
import { runModelFor } from "../kernel/library.ts";
import { type EvaluateRequest, type Runner, worldFor } from "../kernel/runner.ts";
import { createScheduler } from "../kernel/scheduler.ts";

/**
 * The non-visual state of workshop mode (a kernel factory; it sits beside the views only because this
 * helper owns no file in `src/kernel/` for it). What is shown is one "spec" — a scenario plus assumption
 * values — and a "before" spec to compare it with. The deterministic evaluation of a spec is computed on
 * demand and cached (a few milliseconds; stepping back and forth is instant); the Monte Carlo evaluation
 * runs in the worker pool through a scheduler, and each answer is cached under its spec so a step
 * already seen shows its probabilities at once.
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

/** What the screen shows: a step of the prepared sequence, or a preset scenario. */
export type Mode = { kind: "step"; index: number } | { kind: "preset"; scenarioId: string };

/** What "Before" is: the previous step, the plan's baseline, or the same state without live changes. */
export type BeforeKind = { kind: "step"; n: number } | { kind: "baseline" } | { kind: "live" };

/** A preset as the picker lists it. */
export interface Preset {
  id: string;
  name: Bilingual;
  baseline: boolean;
}

export interface WorkshopSession {
  mode: Accessor<Mode>;
  /** The step the sequence is at (kept while a preset is shown, so "back to the sequence" returns there). */
  stepIndex: Accessor<number>;
  stepCount: number;
  presets: Preset[];
  /** Assumption values the trainer set here, on top of the step or preset. */
  live: Accessor<Readonly<Record<string, number>>>;
  now: Accessor<Spec>;
  before: Accessor<{ spec: Spec; kind: BeforeKind } | null>;
  /** Indicator ids shown as cards, most important first. */
  focus: Accessor<string[]>;
  nowDet: Accessor<Result<Evaluation, Bilingual>>;
  beforeDet: Accessor<Result<Evaluation, Bilingual> | null>;
  nowMc: Accessor<Evaluation | undefined>;
  beforeMc: Accessor<Evaluation | undefined>;
  mcPending: Accessor<boolean>;
  mcError: Accessor<Bilingual | undefined>;
  /** The resolved assumptions of the scenario shown (before any change). */
  assumptions: Accessor<Record<string, Assumption>>;
  /** The name of what is shown: the preset's, or the scenario of the current step. */
  scenarioName: Accessor<Bilingual>;
  goToStep(index: number): void;
  next(): boolean;
  previous(): boolean;
  selectPreset(scenarioId: string): void;
  /** Drops every live change: the step or preset is restored exactly. */
  reset(): void;
  /** Sets one assumption here; refuses an unknown assumption or a value outside its allowed range. */
  setLive(assumptionId: string, value: number): Result<number, Bilingual>;
}

const keyOf = (s: Spec): string =>
  JSON.stringify([s.scenarioId, Object.entries(s.changes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);

/** Creates the session; call inside a reactive owner (its scheduler is disposed with it). */
export function createWorkshopSession(opts: {
  lib: Library;
  plan: Plan;
  workshop: Workshop | null;
  runner: Runner;
}): WorkshopSession {
  const { lib, plan, workshop, runner } = opts;
  const baselineId = baselineOf(lib, plan.id)?.id ?? "";
  const stepIds = workshop ? stepScenarioIds(workshop, lib) : [];
  const stepCount = workshop?.steps.length ?? 0;

  const presets: Preset[] = [];
  for (const s of lib.scenarios.values()) {
    if (s.planId !== plan.id) continue;
    if (s.id === baselineId) presets.unshift({ id: s.id, name: s.name, baseline: true });
    else if (s.teaching) presets.push({ id: s.id, name: s.name, baseline: false });
  }

  const [mode, setMode] = createSignal<Mode>(
    stepCount > 0 ? { kind: "step", index: 0 } : { kind: "preset", scenarioId: baselineId },
  );
  const [stepIndex, setStepIndex] = createSignal(0);
  const [live, setLiveState] = createSignal<Readonly<Record<string, number>>>({});

  const stepSpec = (i: number): Spec => ({
    scenarioId: stepIds[i] ?? baselineId,
    changes: workshop?.steps[i]?.changes ?? {},
  });
  const baseSpec = createMemo((): Spec => {
    const m = mode();
    return m.kind === "step" ? stepSpec(m.index) : { scenarioId: m.scenarioId, changes: {} };
  });
  const now = createMemo((): Spec => {
    const b = baseSpec();
    const l = live();
    return Object.keys(l).length === 0 ? b : { scenarioId: b.scenarioId, changes: { ...b.changes, ...l } };
  });
  const before = createMemo((): { spec: Spec; kind: BeforeKind } | null => {
    if (Object.keys(live()).length > 0) return { spec: baseSpec(), kind: { kind: "live" } };
    const m = mode();
    if (m.kind === "step")
      return m.index > 0 ? { spec: stepSpec(m.index - 1), kind: { kind: "step", n: m.index } } : null;
    return m.scenarioId === baselineId
      ? null
      : { spec: { scenarioId: baselineId, changes: {} }, kind: { kind: "baseline" } };
  });

  const focus = createMemo((): string[] => {
    const m = mode();
    if (m.kind === "step" && workshop) return [...workshop.steps[m.index]!.focus];
    if (workshop) return workshopFocus(workshop).slice(0, 6);
    return plan.indicators
      .filter((i) => i.attribute === "binding")
      .map((i) => i.id)
      .slice(0, 4);
  });

  const assumptionsCache = new Map<string, Record<string, Assumption>>();
  const assumptionsOf = (scenarioId: string): Record<string, Assumption> => {
    let a = assumptionsCache.get(scenarioId);
    if (!a) {
      const s = lib.scenarios.get(scenarioId);
      const r = s ? resolveScenario(s, lib.scenarios, scenarioId) : undefined;
      a = r?.ok ? r.value.assumptions : {};
      assumptionsCache.set(scenarioId, a);
    }
    return a;
  };
  const assumptions = createMemo(() => assumptionsOf(now().scenarioId));

  /** The run request of a spec, or why it cannot run. */
  const requestOf = (spec: Spec): Result<EvaluateRequest, Bilingual> => {
    const m = runModelFor(lib, spec.scenarioId, editsFor(assumptionsOf(spec.scenarioId), spec.changes));
    if (!m.ok) return { ok: false, error: m.error[0]!.message };
    return {
      ok: true,
      value: { ...m.value, samples: WORKSHOP_SAMPLES, seed: WORKSHOP_SEED, sampling: "lhs" },
    };
  };

  const detCache = new Map<string, Result<Evaluation, Bilingual>>();
  const detOf = (spec: Spec): Result<Evaluation, Bilingual> => {
    const key = keyOf(spec);
    let r = detCache.get(key);
    if (!r) {
      const req = requestOf(spec);
      if (!req.ok) r = req;
      else {
        const w = worldFor(req.value);
        r = w.ok
          ? {
              ok: true,
              value: evaluate(w.value, {
                samples: 0,
                seed: WORKSHOP_SEED,
                sampling: "lhs",
                bands: req.value.bands,
                actuals: req.value.actuals,
              }),
            }
          : { ok: false, error: w.error.message };
      }
      detCache.set(key, r);
    }
    return r;
  };
  const nowDet = createMemo(() => detOf(now()));
  const beforeDet = createMemo(() => {
    const b = before();
    return b ? detOf(b.spec) : null;
  });

  // Monte Carlo: one run asks for every spec on screen that has no cached answer yet.
  const [mcCache, setMcCache] = createSignal<ReadonlyMap<string, Evaluation>>(new Map());
  const mc = createScheduler(async (jobs: { key: string; req: EvaluateRequest }[]) => {
    const results = await Promise.all(jobs.map((j) => runner.evaluate(j.req)));
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
    for (const spec of b ? [now(), b.spec] : [now()]) {
      const key = keyOf(spec);
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
  const nowMc = createMemo(() => mcCache().get(keyOf(now())));
  const beforeMc = createMemo(() => {
    const b = before();
    return b ? mcCache().get(keyOf(b.spec)) : undefined;
  });
  const mcError = createMemo((): Bilingual | undefined => {
    const e = mc.error();
    if (e === undefined) return undefined;
    if (e && typeof e === "object" && "message" in e) {
      const m = (e as { message: unknown }).message;
      if (m && typeof m === "object" && "zh" in m && "en" in m) return m as Bilingual;
      return { zh: String(m), en: String(m) };
    }
    return { zh: String(e), en: String(e) };
  });
  const mcPending = createMemo(() => {
    if (mcError()) return false;
    const b = before();
    return nowMc() === undefined || (b !== null && beforeMc() === undefined);
  });

  const scenarioName = createMemo((): Bilingual => {
    const s = lib.scenarios.get(now().scenarioId);
    return s?.name ?? { zh: now().scenarioId, en: now().scenarioId };
  });

  const goToStep = (index: number): void => {
    if (stepCount === 0) return;
    const i = Math.max(0, Math.min(stepCount - 1, index));
    batch(() => {
      setStepIndex(i);
      setMode({ kind: "step", index: i });
      setLiveState({});
    });
  };

  return {
    mode,
    stepIndex,
    stepCount,
    presets,
    live,
    now,
    before,
    focus,
    nowDet,
    beforeDet,
    nowMc,
    beforeMc,
    mcPending,
    mcError,
    assumptions,
    scenarioName,
    goToStep,
    next() {
      const m = mode();
      if (m.kind === "preset") {
        goToStep(stepIndex());
        return stepCount > 0;
      }
      if (m.index >= stepCount - 1) return false;
      goToStep(m.index + 1);
      return true;
    },
    previous() {
      const m = mode();
      if (m.kind === "preset") {
        goToStep(stepIndex());
        return stepCount > 0;
      }
      if (m.index <= 0) return false;
      goToStep(m.index - 1);
      return true;
    },
    selectPreset(scenarioId) {
      if (!presets.some((p) => p.id === scenarioId)) return;
      batch(() => {
        setMode({ kind: "preset", scenarioId });
        setLiveState({});
      });
    },
    reset() {
      setLiveState({});
    },
    setLive(assumptionId, value) {
      const a = assumptions()[assumptionId];
      if (!a) {
        return {
          ok: false,
          error: { zh: `没有名为 “${assumptionId}” 的假设`, en: `there is no assumption "${assumptionId}"` },
        };
      }
      if (!Number.isFinite(value) || value < a.min || value > a.max) {
        return {
          ok: false,
          error: {
            zh: `${value} 超出允许范围 ${a.min}–${a.max}，未作修改`,
            en: `${value} is outside the allowed range ${a.min}–${a.max}; nothing was changed`,
          },
        };
      }
      setLiveState((prev) => ({ ...prev, [assumptionId]: value }));
      return { ok: true, value };
    },
  };
}
