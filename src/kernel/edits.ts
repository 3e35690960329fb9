import { type Accessor, batch, createSignal } from "solid-js";
import { createStore, produce, unwrap } from "solid-js/store";
import { baselineOf } from "../../models/library.ts";
import { ok, type Result, refuse } from "../../models/result.ts";
import type { Bilingual } from "../../models/text.ts";
import type { AssumptionEdits } from "./library.ts";
import type { ScenarioBook } from "./scenario-book.ts";

/**
 * What is open (plan and scenario) and the person's unsaved edits of every scenario. Each change is
 * checked against the open scenario's resolved assumptions and refused, in both languages, when it
 * would store something invalid. What changed is told through {@link EditHooks} (the log and undo
 * listen there), so this module knows nothing of notebooks or history.
 */

/** A person's change to one assumption: a new value, and/or uncertainty switched on or off. */
export interface AssumptionEditState {
  value?: number;
  uncertaintyOn?: boolean;
}

/** Unsaved edits: scenario id → assumption id → edit. Only differences from the scenario are kept. */
export type EditsByScenario = Record<string, Record<string, AssumptionEditState>>;

export interface EditHooks {
  /** A value changed from → to; `mergeMs`: log entries of one assumption closer than this merge. */
  logged?(scenarioId: string, assumptionId: string, from: number, to: number, mergeMs: number): void;
  /** A change to record as one undo step, named `label`. */
  record?(label: string): void;
  /** The open plan changed to another one. */
  planChanged?(): void;
}

export interface Edits {
  planId: Accessor<string | null>;
  scenarioId: Accessor<string | null>;
  /** Every scenario's edits (read-only store: reading a part tracks that part). */
  all: Readonly<EditsByScenario>;
  isEdited(assumptionId: string): boolean;
  /** Plain edits of a scenario, with the distribution that "uncertainty on" switches on. */
  editsOf(scenarioId: string): AssumptionEdits;
  /** A plain copy of every scenario's edits. */
  plain(): EditsByScenario;
  selectPlan(planId: string): Result<string, Bilingual>;
  selectScenario(scenarioId: string): Result<string, Bilingual>;
  setAssumption(assumptionId: string, value: number): Result<number, Bilingual>;
  resetAssumption(assumptionId: string): void;
  resetAll(): void;
  toggleUncertainty(assumptionId: string): Result<boolean, Bilingual>;
  /** Replaces every edit (a loaded workspace, an undo step). */
  replace(edits: EditsByScenario): void;
  /** Drops the edits of one scenario (a scenario replaced by another of the same id). */
  drop(scenarioId: string): void;
  /** Opens a plan and scenario without checks (a scenario just added to the book). */
  open(planId: string, scenarioId: string): void;
}

const OPEN_FIRST = () => refuse("请先打开一个情景", "open a scenario first");

/** Creates the edits over a scenario book; call inside a reactive owner. */
export function createEdits(book: ScenarioBook, hooks: EditHooks = {}): Edits {
  const [planId, setPlanId] = createSignal<string | null>(null);
  const [scenarioId, setScenarioId] = createSignal<string | null>(null);
  const [all, setAll] = createStore<EditsByScenario>({});

  const open = (plan: string, scenario: string | null): void => {
    const changed = planId() !== plan;
    batch(() => {
      setPlanId(plan);
      setScenarioId(scenario);
      if (changed) hooks.planChanged?.();
    });
  };

  /** The open scenario's assumption before edits, or why it cannot be edited. */
  function current(id: string) {
    const sid = scenarioId();
    if (!sid) return OPEN_FIRST();
    const r = book.resolved(sid);
    if (!r?.ok)
      return refuse(
        "当前情景无法解析，不能修改假设",
        "the open scenario cannot be resolved, so it cannot be edited",
      );
    const a = r.value.assumptions[id];
    if (!a) return refuse(`没有名为 “${id}” 的假设`, `there is no assumption "${id}"`);
    return ok({ sid, a, uncertain: a.uncertainty !== undefined });
  }

  /** Writes one edit; an edit with nothing left in it is removed, and so is an empty scenario entry. */
  function write(sid: string, id: string, change: (e: AssumptionEditState) => void): void {
    setAll(
      produce((s) => {
        s[sid] ??= {};
        const byId = s[sid];
        byId[id] ??= {};
        change(byId[id]);
        if (byId[id].value === undefined && byId[id].uncertaintyOn === undefined) delete byId[id];
        if (Object.keys(byId).length === 0) delete s[sid];
      }),
    );
  }

  /** Takes out edits of the open scenario (`id`, or all), logging each value that returns to the scenario's. */
  function reset(sid: string, ids: string[], label: string): void {
    const r = book.resolved(sid);
    const edits = unwrap(all)[sid] ?? {};
    const values = ids.map((id) => [
      id,
      edits[id]?.value,
      r?.ok ? r.value.assumptions[id]?.value : undefined,
    ]);
    setAll(
      produce((s) => {
        for (const id of ids) delete s[sid]?.[id];
        if (Object.keys(s[sid] ?? {}).length === 0) delete s[sid];
      }),
    );
    for (const [id, from, to] of values)
      if (typeof from === "number" && typeof to === "number" && from !== to)
        hooks.logged?.(sid, id as string, from, to, 0);
    hooks.record?.(label);
  }

  return {
    planId,
    scenarioId,
    all,
    isEdited: (id) => {
      const sid = scenarioId();
      return sid !== null && all[sid]?.[id] !== undefined;
    },
    editsOf(sid) {
      const out: AssumptionEdits = {};
      // Reading the store here is what makes memos over run models track the edits.
      for (const [id, e] of Object.entries(all[sid] ?? {})) {
        const edit: AssumptionEdits[string] = {};
        if (e.value !== undefined) edit.value = e.value;
        if (e.uncertaintyOn === false) edit.uncertainty = null;
        else if (e.uncertaintyOn === true) edit.uncertainty = book.distributionFor(sid, id) ?? null;
        out[id] = edit;
      }
      return out;
    },
    plain: () => structuredClone(unwrap(all)),
    selectPlan(plan) {
      if (!book.library().plans.has(plan)) return refuse(`找不到规划 “${plan}”`, `no plan "${plan}"`);
      open(plan, baselineOf(book.library(), plan)?.id ?? null);
      return ok(plan);
    },
    selectScenario(id) {
      const s = book.file(id);
      if (!s) return refuse(`找不到情景 “${id}”`, `no scenario "${id}"`);
      open(s.planId, id);
      return ok(id);
    },
    setAssumption(id, value) {
      const c = current(id);
      if (!c.ok) return c;
      const { sid, a } = c.value;
      if (typeof value !== "number" || !Number.isFinite(value))
        return refuse(`“${a.label.zh}”需要一个数字`, `"${a.label.en}" needs a number`);
      if (value < a.min || value > a.max)
        return refuse(
          `“${a.label.zh}”的取值 ${value} 超出允许范围 ${a.min}–${a.max}，未作修改`,
          `"${a.label.en}": ${value} is outside the allowed range ${a.min}–${a.max}; nothing was changed`,
        );
      const from = all[sid]?.[id]?.value ?? a.value;
      write(sid, id, (e) => {
        // Setting a value back to the scenario's own is no edit at all.
        if (value === a.value) delete e.value;
        else e.value = value;
      });
      hooks.logged?.(sid, id, from, value, 500);
      hooks.record?.(`assumption:${id}`);
      return ok(value);
    },
    resetAssumption(id) {
      const sid = scenarioId();
      if (sid && all[sid]?.[id]) reset(sid, [id], `reset:${id}`);
    },
    resetAll() {
      const sid = scenarioId();
      if (sid && all[sid]) reset(sid, Object.keys(all[sid]), "reset-all");
    },
    toggleUncertainty(id) {
      const c = current(id);
      if (!c.ok) return c;
      const { sid, a, uncertain } = c.value;
      const want = !(all[sid]?.[id]?.uncertaintyOn ?? uncertain);
      if (want && !book.distributionFor(sid, id))
        return refuse(
          `“${a.label.zh}”没有不确定性分布，无法开启`,
          `"${a.label.en}" has no uncertainty distribution to switch on`,
        );
      write(sid, id, (e) => {
        if (want === uncertain) delete e.uncertaintyOn;
        else e.uncertaintyOn = want;
      });
      hooks.record?.(`uncertainty:${id}`);
      return ok(want);
    },
    replace(edits) {
      const copy = structuredClone(edits);
      setAll(
        produce((s) => {
          for (const k of Object.keys(s)) if (!(k in copy)) delete s[k];
          for (const [k, v] of Object.entries(copy)) s[k] = v;
        }),
      );
    },
    drop(sid) {
      setAll(produce((s) => void delete s[sid]));
    },
    open,
  };
}
