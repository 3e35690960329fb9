import { type Accessor, batch, createMemo, createSignal } from "solid-js";
import { baselineOf, type Library } from "../../models/library.ts";
import type { Plan } from "../../models/plan.ts";
import { ok, type Result, refuse } from "../../models/result.ts";
import type { Assumption } from "../../models/scenario.ts";
import type { Bilingual } from "../../models/text.ts";
import { stepScenarioIds, type Workshop, workshopFocus } from "../../models/workshop.ts";
import type { Projection } from "./projection.ts";
import { createScenarioBook } from "./scenario-book.ts";
import { createWorkshopRuns, type Spec, type WorkshopRuns } from "./workshop-runs.ts";

/**
 * The non-visual state of workshop mode: which step of the prepared sequence (or which preset) is
 * shown, the trainer's live changes on top of it, and so what is shown now — one "spec", a scenario plus
 * assumption values — and the "before" spec it is compared with. Their evaluations (deterministic at
 * once, Monte Carlo in the worker pool, both cached by spec) are workshop-runs.ts's; the workshop
 * files are read by workshop-files.ts.
 */

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

/** What is shown and its runs (see {@link WorkshopRuns}), and how the trainer moves through them. */
export interface WorkshopSession extends WorkshopRuns {
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

/** Creates the session; call inside a reactive owner (its scheduler is disposed with it). */
export function createWorkshopSession(opts: {
  lib: Library;
  plan: Plan;
  workshop: Workshop | null;
  projection: Projection;
}): WorkshopSession {
  const { lib, plan, workshop, projection } = opts;
  const book = createScenarioBook(lib);
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
      const r = book.resolved(scenarioId);
      a = r?.ok ? r.value.assumptions : {};
      assumptionsCache.set(scenarioId, a);
    }
    return a;
  };
  const assumptions = createMemo(() => assumptionsOf(now().scenarioId));
  const runs = createWorkshopRuns({
    lib,
    projection,
    assumptionsOf,
    now,
    before: () => before()?.spec ?? null,
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
    ...runs,
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
        return refuse(`没有名为 “${assumptionId}” 的假设`, `there is no assumption "${assumptionId}"`);
      }
      if (!Number.isFinite(value) || value < a.min || value > a.max) {
        return refuse(
          `${value} 超出允许范围 ${a.min}–${a.max}，未作修改`,
          `${value} is outside the allowed range ${a.min}–${a.max}; nothing was changed`,
        );
      }
      setLiveState((prev) => ({ ...prev, [assumptionId]: value }));
      return ok(value);
    },
  };
}
