import { type Accessor, createMemo } from "solid-js";
import { createStore, produce, unwrap } from "solid-js/store";
import type { Distribution } from "../../models/distributions.ts";
import { baselineOf, type Library } from "../../models/library.ts";
import type { Sampling } from "../../models/monte-carlo.ts";
import {
  type Override,
  parseScenario,
  type ResolvedScenario,
  resolveScenario,
  type ScenarioFile,
} from "../../models/scenario.ts";
import type { Bilingual, Result } from "../../models/text.ts";
import type { InputIssue } from "../../models/validation.ts";
import { type AssumptionEdits, runModelFor } from "./library.ts";
import type { EvaluateRequest, RunModel } from "./runner.ts";

/**
 * The workbench state: which plan and scenario are open, the person's unsaved edits per scenario, the
 * scenarios they made, the comparison set and the run settings. Every change goes through a method
 * that validates it and answers with a bilingual error instead of storing something invalid. What the
 * models need is read out as plain data (`runModel`, `evaluateRequest`): store proxies never cross to a
 * worker, because they cannot be structured-cloned.
 */

/** A person's change to one assumption: a new value, and/or uncertainty switched on or off. */
export interface AssumptionEditState {
  value?: number;
  uncertaintyOn?: boolean;
}

/** Run settings. */
export interface RunSettings {
  /** Monte Carlo samples; 0 for the deterministic projection only. Default 2,000. */
  samples: number;
  /** Seed of every random draw. Default 1. */
  seed: number;
  /** Latin hypercube ("lhs", the default) or plain random sampling. */
  sampling: Sampling;
}

export const DEFAULT_SETTINGS: Readonly<RunSettings> = { samples: 2000, seed: 1, sampling: "lhs" };
/** Most samples a run may ask for. */
export const MAX_SAMPLES = 100_000;
/** How many scenarios can be compared side by side. */
export const MAX_COMPARE = 4;

export interface WorkbenchState {
  planId: string | null;
  scenarioId: string | null;
  /** Unsaved edits: scenario id → assumption id → edit. Only differences from the scenario are kept. */
  edits: Record<string, Record<string, AssumptionEditState>>;
  /** Scenarios the person made, by id; each `extends` another. Never changed after creation. */
  created: Record<string, ScenarioFile>;
  /** Scenario ids to compare (2–4 for a comparison; the set is built one at a time). */
  compare: string[];
  settings: RunSettings;
}

/** A scenario as a picker lists it. */
export interface ScenarioEntry {
  id: string;
  name: Bilingual;
  /** Made by the person in this session rather than shipped as a file. */
  created: boolean;
}

export interface WorkbenchStore {
  /** The state, read-only; change it through the methods. */
  state: WorkbenchState;
  /** The library with the person's scenarios added. */
  library: Accessor<Library>;
  /** Scenarios of the open plan, shipped ones first. */
  scenarios: Accessor<ScenarioEntry[]>;
  /** The open scenario resolved through its `extends` chain, before unsaved edits. */
  resolved: Accessor<Result<ResolvedScenario, InputIssue[]> | undefined>;
  /** What the models need to run the open scenario with its edits; plain data, safe to post. */
  runModel: Accessor<Result<RunModel, InputIssue[]> | undefined>;
  /** {@link runModel} plus the run settings. */
  evaluateRequest: Accessor<Result<EvaluateRequest, InputIssue[]> | undefined>;
  isEdited(assumptionId: string): boolean;
  selectPlan(planId: string): Result<string, Bilingual>;
  selectScenario(scenarioId: string): Result<string, Bilingual>;
  /** Sets an assumption of the open scenario; refuses values outside its allowed range. */
  setAssumption(assumptionId: string, value: number): Result<number, Bilingual>;
  resetAssumption(assumptionId: string): void;
  /** Drops every unsaved edit of the open scenario. */
  resetAll(): void;
  /** Switches an assumption's uncertainty; answers the new state (true: on). */
  toggleUncertainty(assumptionId: string): Result<boolean, Bilingual>;
  /**
   * Makes a scenario of the open plan, from its defaults or as a copy of another (with that one's
   * unsaved edits as the copy's overrides), opens it and answers its id.
   */
  createScenario(opts: { from: "defaults" | string; name: string | Bilingual }): Result<string, Bilingual>;
  /** Adds a scenario of the open plan to the comparison, or takes it out; answers the new set. */
  toggleCompare(scenarioId: string): Result<string[], Bilingual>;
  setSettings(patch: Partial<RunSettings>): Result<RunSettings, Bilingual>;
}

const err = <T>(zh: string, en: string): Result<T, Bilingual> => ({ ok: false, error: { zh, en } });

/** Creates the workbench store over a library; optionally opens a plan or scenario at once. */
export function createWorkbenchStore(
  lib: Library,
  initial: { planId?: string; scenarioId?: string } = {},
): WorkbenchStore {
  const [state, setState] = createStore<WorkbenchState>({
    planId: null,
    scenarioId: null,
    edits: {},
    created: {},
    compare: [],
    settings: { ...DEFAULT_SETTINGS },
  });

  const library = createMemo((): Library => {
    const ids = Object.keys(state.created);
    if (ids.length === 0) return lib;
    const scenarios = new Map(lib.scenarios);
    // Created scenarios are never changed after creation, so tracking their ids is tracking them.
    for (const id of ids) scenarios.set(id, unwrap(state.created[id]!));
    return { ...lib, scenarios };
  });

  const scenarioFile = (id: string): ScenarioFile | undefined => library().scenarios.get(id);

  function resolvedOf(id: string): Result<ResolvedScenario, InputIssue[]> | undefined {
    const s = scenarioFile(id);
    return s ? resolveScenario(s, library().scenarios, id) : undefined;
  }

  /** The distribution to use when uncertainty is switched on: the scenario's own, else the plan default. */
  function distributionFor(scenarioId: string, assumptionId: string): Distribution | undefined {
    const r = resolvedOf(scenarioId);
    const own = r?.ok ? r.value.assumptions[assumptionId]?.uncertainty : undefined;
    if (own) return own;
    const s = scenarioFile(scenarioId);
    const base = s ? baselineOf(lib, s.planId) : undefined;
    return base?.assumptions?.[assumptionId]?.uncertainty;
  }

  /** Plain edits of a scenario for {@link runModelFor}; reading them here is what makes memos track them. */
  function editsOf(scenarioId: string): AssumptionEdits {
    const out: AssumptionEdits = {};
    for (const [id, e] of Object.entries(state.edits[scenarioId] ?? {})) {
      const edit: AssumptionEdits[string] = {};
      if (e.value !== undefined) edit.value = e.value;
      if (e.uncertaintyOn === false) edit.uncertainty = null;
      else if (e.uncertaintyOn === true) edit.uncertainty = distributionFor(scenarioId, id) ?? null;
      out[id] = edit;
    }
    return out;
  }

  const resolved = createMemo(() => (state.scenarioId ? resolvedOf(state.scenarioId) : undefined));

  const runModel = createMemo(() => {
    const id = state.scenarioId;
    return id ? runModelFor(library(), id, editsOf(id)) : undefined;
  });

  const evaluateRequest = createMemo((): Result<EvaluateRequest, InputIssue[]> | undefined => {
    const m = runModel();
    if (!m?.ok) return m;
    const { samples, seed, sampling } = state.settings;
    return { ok: true, value: { ...m.value, samples, seed, sampling } };
  });

  const scenarios = createMemo((): ScenarioEntry[] => {
    const planId = state.planId;
    const out: ScenarioEntry[] = [];
    for (const s of library().scenarios.values()) {
      if (s.planId === planId) out.push({ id: s.id, name: s.name, created: s.id in state.created });
    }
    return out.sort((a, b) => Number(a.created) - Number(b.created));
  });

  /** The open scenario's assumption `id` before edits, or why there is none. */
  function current(
    id: string,
  ): Result<
    { scenarioId: string; label: Bilingual; min: number; max: number; value: number; uncertain: boolean },
    Bilingual
  > {
    const sid = state.scenarioId;
    if (!sid) return err("请先打开一个情景", "open a scenario first");
    const r = resolved();
    if (!r?.ok)
      return err(
        "当前情景无法解析，不能修改假设",
        "the open scenario cannot be resolved, so it cannot be edited",
      );
    const a = r.value.assumptions[id];
    if (!a) return err(`没有名为 “${id}” 的假设`, `there is no assumption "${id}"`);
    return {
      ok: true,
      value: {
        scenarioId: sid,
        label: a.label,
        min: a.min,
        max: a.max,
        value: a.value,
        uncertain: a.uncertainty !== undefined,
      },
    };
  }

  /** Writes one edit; an edit with nothing left in it is removed, and so is an empty scenario entry. */
  function writeEdit(sid: string, id: string, change: (e: AssumptionEditState) => void): void {
    setState(
      produce((s) => {
        if (!s.edits[sid]) s.edits[sid] = {};
        const byId = s.edits[sid];
        if (!byId[id]) byId[id] = {};
        const e = byId[id];
        change(e);
        if (e.value === undefined && e.uncertaintyOn === undefined) delete byId[id];
        if (Object.keys(byId).length === 0) delete s.edits[sid];
      }),
    );
  }

  function newId(): string {
    const taken = library().scenarios;
    let n = 1;
    while (taken.has(`mine-${n}`)) n++;
    return `mine-${n}`;
  }

  const store: WorkbenchStore = {
    state,
    library,
    scenarios,
    resolved,
    runModel,
    evaluateRequest,
    isEdited: (id) => {
      const sid = state.scenarioId;
      return sid !== null && state.edits[sid]?.[id] !== undefined;
    },

    selectPlan(planId) {
      if (!lib.plans.has(planId)) return err(`找不到规划 “${planId}”`, `no plan "${planId}"`);
      const base = baselineOf(library(), planId);
      setState({
        planId,
        scenarioId: base?.id ?? null,
        compare: state.planId === planId ? state.compare : [],
      });
      return { ok: true, value: planId };
    },

    selectScenario(scenarioId) {
      const s = scenarioFile(scenarioId);
      if (!s) return err(`找不到情景 “${scenarioId}”`, `no scenario "${scenarioId}"`);
      setState({ planId: s.planId, scenarioId, compare: state.planId === s.planId ? state.compare : [] });
      return { ok: true, value: scenarioId };
    },

    setAssumption(id, value) {
      const c = current(id);
      if (!c.ok) return c;
      const { label, min, max } = c.value;
      if (typeof value !== "number" || !Number.isFinite(value)) {
        return err(`“${label.zh}”需要一个数字`, `"${label.en}" needs a number`);
      }
      if (value < min || value > max) {
        return err(
          `“${label.zh}”的取值 ${value} 超出允许范围 ${min}–${max}，未作修改`,
          `"${label.en}": ${value} is outside the allowed range ${min}–${max}; nothing was changed`,
        );
      }
      writeEdit(c.value.scenarioId, id, (e) => {
        // Setting a value back to the scenario's own is no edit at all.
        if (value === c.value.value) delete e.value;
        else e.value = value;
      });
      return { ok: true, value };
    },

    resetAssumption(id) {
      const sid = state.scenarioId;
      if (sid && state.edits[sid]?.[id]) {
        setState(
          produce((s) => {
            const byId = s.edits[sid]!;
            delete byId[id];
            if (Object.keys(byId).length === 0) delete s.edits[sid];
          }),
        );
      }
    },

    resetAll() {
      const sid = state.scenarioId;
      if (sid && state.edits[sid]) setState(produce((s) => void delete s.edits[sid]));
    },

    toggleUncertainty(id) {
      const c = current(id);
      if (!c.ok) return c;
      const sid = c.value.scenarioId;
      const on = state.edits[sid]?.[id]?.uncertaintyOn ?? c.value.uncertain;
      const want = !on;
      if (want && !distributionFor(sid, id)) {
        return err(
          `“${c.value.label.zh}”没有不确定性分布，无法开启`,
          `"${c.value.label.en}" has no uncertainty distribution to switch on`,
        );
      }
      writeEdit(sid, id, (e) => {
        if (want === c.value.uncertain) delete e.uncertaintyOn;
        else e.uncertaintyOn = want;
      });
      return { ok: true, value: want };
    },

    createScenario({ from, name }) {
      const label: Bilingual =
        typeof name === "string"
          ? { zh: name.trim(), en: name.trim() }
          : { zh: name.zh.trim(), en: name.en.trim() };
      if (!label.zh || !label.en) return err("请为新情景起一个名字", "give the new scenario a name");
      let source: ScenarioFile | undefined;
      let overrides: Record<string, Override> | undefined;
      if (from === "defaults") {
        if (!state.planId) return err("请先打开一个规划", "open a plan first");
        source = baselineOf(lib, state.planId);
        if (!source) return err("该规划没有基准情景", "this plan has no baseline scenario");
      } else {
        source = scenarioFile(from);
        if (!source) return err(`找不到情景 “${from}”`, `no scenario "${from}"`);
        const edits = editsOf(from);
        if (Object.keys(edits).length > 0) overrides = edits;
      }
      const id = newId();
      const parsed = parseScenario(
        {
          schemaVersion: 1,
          id,
          planId: source.planId,
          name: label,
          extends: source.id,
          ...(overrides ? { overrides } : {}),
        },
        id,
      );
      if (!parsed.ok) return { ok: false, error: parsed.error[0]!.message };
      const file = parsed.value;
      setState(
        produce((s) => {
          s.created[id] = file;
          if (s.planId !== file.planId) s.compare = [];
          s.planId = file.planId;
          s.scenarioId = id;
        }),
      );
      return { ok: true, value: id };
    },

    toggleCompare(scenarioId) {
      const s = scenarioFile(scenarioId);
      if (!s) return err(`找不到情景 “${scenarioId}”`, `no scenario "${scenarioId}"`);
      if (s.planId !== state.planId)
        return err("只能比较同一规划的情景", "only scenarios of the open plan can be compared");
      const has = state.compare.includes(scenarioId);
      if (!has && state.compare.length >= MAX_COMPARE) {
        return err(`最多同时比较 ${MAX_COMPARE} 个情景`, `at most ${MAX_COMPARE} scenarios can be compared`);
      }
      const next = has ? state.compare.filter((x) => x !== scenarioId) : [...state.compare, scenarioId];
      setState("compare", next);
      return { ok: true, value: next };
    },

    setSettings(patch) {
      const next = { ...state.settings, ...patch };
      if (!Number.isInteger(next.samples) || next.samples < 0 || next.samples > MAX_SAMPLES) {
        return err(
          `样本数须为 0–${MAX_SAMPLES} 之间的整数`,
          `samples must be a whole number from 0 to ${MAX_SAMPLES}`,
        );
      }
      if (!Number.isSafeInteger(next.seed) || next.seed < 0) {
        return err("随机种子须为非负整数", "the seed must be a whole number, 0 or more");
      }
      if (next.sampling !== "lhs" && next.sampling !== "random") {
        return err("抽样方式须为 lhs 或 random", 'sampling must be "lhs" or "random"');
      }
      setState("settings", next);
      return { ok: true, value: next };
    },
  };

  if (initial.scenarioId) store.selectScenario(initial.scenarioId);
  else if (initial.planId) store.selectPlan(initial.planId);
  return store;
}
