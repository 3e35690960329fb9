import { type Accessor, batch, createMemo, createSignal } from "solid-js";
import { createStore, produce, unwrap } from "solid-js/store";
import type { Distribution } from "../../models/distributions.ts";
import { baselineOf, type Library } from "../../models/library.ts";
import {
  type Actual,
  type Override,
  parseScenario,
  type ResolvedScenario,
  resolveScenario,
  type ScenarioFile,
} from "../../models/scenario.ts";
import type { Bilingual, Result } from "../../models/text.ts";
import type { InputIssue } from "../../models/validation.ts";
import { createHistory } from "./history.ts";
import { type AssumptionEdits, runModelFor, withImported } from "./library.ts";
import {
  addCell,
  type Cell,
  emptyNotebook,
  logChange,
  moveCell,
  type NewCell,
  type Notebook,
  removeCell,
  updateNote,
} from "./notebook.ts";
import type { EvaluateRequest, RunModel } from "./runner.ts";
import { checkSettings, DEFAULT_SETTINGS, type RunSettings } from "./settings.ts";
// Types only: workspace.ts imports values from this module, so a value import back would be a cycle.
import type { ImportedPlan, Workspace } from "./workspace.ts";

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

export { DEFAULT_SETTINGS, MAX_SAMPLES, type RunSettings } from "./settings.ts";
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

  // ── The planning notebook, actuals, undo and the saved workspace ──

  /** The notebook of the open scenario (an empty one when it has none yet). */
  notebook: Accessor<Notebook>;
  /** Adds a cell to the open scenario's notebook (at the end unless `at`); answers its id. */
  addCell(cell: NewCell, at?: number): Result<string, Bilingual>;
  updateNote(cellId: string, markdown: string): Result<void, Bilingual>;
  /** Moves a cell of the open notebook from one position to another (see `moveCell`). */
  moveCell(from: number, to: number): Result<void, Bilingual>;
  removeCell(cellId: string): Result<void, Bilingual>;
  /** The reason written into the assumption log with every following change (may be empty). */
  reason: Accessor<string>;
  setReason(reason: string): void;
  /** Evaluator actuals of a plan as stored in the workspace (they override a scenario's own). */
  actualsOf(planId: string): readonly Actual[];
  /** Adds observed values to a plan's actuals; one of the same indicator and year is replaced. */
  mergeActuals(planId: string, actuals: readonly Actual[]): void;
  clearActuals(planId: string): void;
  /**
   * Undo and redo over assumption edits, notebook cells and actuals. The assumption log is never
   * rewound: an undone or redone assumption change is logged again, with `reason` as its reason.
   */
  undo(reason: string): boolean;
  redo(reason: string): boolean;
  canUndo: Accessor<boolean>;
  canRedo: Accessor<boolean>;
  /** Label of the change undo would take back, e.g. "assumption:retrofit.capacity1", "note:c2". */
  undoLabel: Accessor<string | null>;
  redoLabel: Accessor<string | null>;
  /**
   * The whole state as a workspace (plain data). Reading it inside an effect tracks every part of the
   * state, which is how autosave notices every change.
   */
  snapshot(language: Workspace["language"], savedAt?: string): Workspace;
  /**
   * Replaces the state with a validated workspace. The person's scenarios are checked against the
   * library first (plan known, the scenario it extends known, no clash with a shipped scenario); on
   * any problem nothing changes. Undo history starts over.
   */
  hydrate(ws: Workspace, file?: string): Result<void, InputIssue[]>;
  /**
   * Takes in the work of a workspace merged with another tab's (scenarios, edits, notebooks, actuals,
   * settings), keeping what is open and the comparison. Checked like {@link hydrate}; nothing changes
   * on error. Undo history starts over: stepping back past the merge would take the other tab's work
   * out again.
   */
  absorb(ws: Workspace, file?: string): Result<void, InputIssue[]>;
  /**
   * The open scenario as a self-contained file to share: its own overrides, and those of every
   * scenario the person made that it extends, with the unsaved edits folded in, and the plan's actuals;
   * it extends the shipped scenario at the root of its chain. A shipped scenario becomes one that
   * extends it.
   */
  shareable(): Result<ScenarioFile, Bilingual>;
  /** Whether a scenario id is taken, and by what: a shipped scenario or one the person made. */
  clashOf(scenarioId: string): "none" | "shipped" | "created";
  /**
   * Adds a scenario from outside (a link or a file) and opens it. `mode` says what to do when its id
   * is taken: "new" refuses, "rename" keeps both (the newcomer gets a free id), "replace" replaces a
   * scenario the person made (never a shipped one). Checked like a stored one; nothing changes on error.
   */
  addScenario(
    file: ScenarioFile,
    mode: "new" | "rename" | "replace",
    source?: string,
  ): Result<string, InputIssue[]>;
}

/** What undo and redo restore (the log is kept out: it records undo too). */
interface Undoable {
  edits: Record<string, Record<string, AssumptionEditState>>;
  cells: Record<string, readonly Cell[]>;
  actuals: Record<string, readonly Actual[]>;
}

/** Store options. */
export interface StoreOptions {
  /** Clock in ms for the log and undo coalescing. Default `Date.now`. */
  now?: () => number;
}

const err = <T>(zh: string, en: string): Result<T, Bilingual> => ({ ok: false, error: { zh, en } });

/** Creates the workbench store over a library; optionally opens a plan or scenario at once. */
export function createWorkbenchStore(
  lib: Library,
  initial: { planId?: string; scenarioId?: string } = {},
  options: StoreOptions = {},
): WorkbenchStore {
  const now = options.now ?? Date.now;
  // Notebooks and actuals are immutable values held in signals, not in the store: a store merges an
  // object written over another into it, which would change the old values undo keeps.
  const [notebooks, setNotebooks] = createSignal<Record<string, Notebook>>({});
  const [actuals, setActuals] = createSignal<Record<string, readonly Actual[]>>({});
  const [reason, setReason] = createSignal("");
  const [state, setState] = createStore<WorkbenchState>({
    planId: null,
    scenarioId: null,
    edits: {},
    created: {},
    compare: [],
    settings: { ...DEFAULT_SETTINGS },
  });

  // Plans the person imported are part of the library like shipped ones (immutable values in a signal).
  const [imported, setImported] = createSignal<readonly ImportedPlan[]>([]);
  const baseLib = createMemo((): Library => withImported(lib, imported()));

  const library = createMemo((): Library => {
    const ids = Object.keys(state.created);
    const from = baseLib();
    if (ids.length === 0) return from;
    const scenarios = new Map(from.scenarios);
    // Created scenarios are never changed after creation, so tracking their ids is tracking them.
    for (const id of ids) scenarios.set(id, unwrap(state.created[id]!));
    return { ...from, scenarios };
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
    const base = s ? baselineOf(baseLib(), s.planId) : undefined;
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

  const runModel = createMemo((): Result<RunModel, InputIssue[]> | undefined => {
    const id = state.scenarioId;
    if (!id) return undefined;
    const m = runModelFor(library(), id, editsOf(id));
    if (!m.ok) return m;
    const mine = actuals()[m.value.plan.id] ?? [];
    if (mine.length === 0) return m;
    return { ok: true, value: { ...m.value, actuals: mergeActualLists(m.value.actuals, mine) } };
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

  const history = createHistory<Undoable>(undoable(), { now });

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
      if (!baseLib().plans.has(planId)) return err(`找不到规划 “${planId}”`, `no plan "${planId}"`);
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
      const sid = c.value.scenarioId;
      const from = state.edits[sid]?.[id]?.value ?? c.value.value;
      writeEdit(sid, id, (e) => {
        // Setting a value back to the scenario's own is no edit at all.
        if (value === c.value.value) delete e.value;
        else e.value = value;
      });
      logValue(sid, id, from, value, reason(), 500);
      record(`assumption:${id}`);
      return { ok: true, value };
    },

    resetAssumption(id) {
      const sid = state.scenarioId;
      if (sid && state.edits[sid]?.[id]) {
        const before = plainEdits();
        setState(
          produce((s) => {
            const byId = s.edits[sid]!;
            delete byId[id];
            if (Object.keys(byId).length === 0) delete s.edits[sid];
          }),
        );
        logDiff(before, reason());
        record(`reset:${id}`);
      }
    },

    resetAll() {
      const sid = state.scenarioId;
      if (sid && state.edits[sid]) {
        const before = plainEdits();
        setState(produce((s) => void delete s.edits[sid]));
        logDiff(before, reason());
        record("reset-all");
      }
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
      record(`uncertainty:${id}`);
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
        source = baselineOf(baseLib(), state.planId);
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
      // The same schema as a stored workspace's settings: what can be set can be saved and read back.
      const next = checkSettings({ ...unwrap(state.settings), ...patch });
      if (!next.ok) return next;
      setState("settings", next.value);
      return next;
    },

    notebook,

    addCell(cell, at) {
      const sid = state.scenarioId;
      if (!sid) return err("请先打开一个情景", "open a scenario first");
      const r = addCell(notebookOf(sid), cell, at === undefined ? {} : { at });
      if (!r.ok) return r;
      writeNotebook(sid, r.value.notebook);
      record(`add:${r.value.id}`);
      return { ok: true, value: r.value.id };
    },

    updateNote(cellId, markdown) {
      const sid = state.scenarioId;
      if (!sid) return err("请先打开一个情景", "open a scenario first");
      const r = updateNote(notebookOf(sid), cellId, markdown);
      if (!r.ok) return r;
      if (r.value !== notebookOf(sid)) {
        writeNotebook(sid, r.value);
        record(`note:${cellId}`);
      }
      return { ok: true, value: undefined };
    },

    moveCell(from, to) {
      const sid = state.scenarioId;
      if (!sid) return err("请先打开一个情景", "open a scenario first");
      const r = moveCell(notebookOf(sid), from, to);
      if (!r.ok) return r;
      if (r.value !== notebookOf(sid)) {
        writeNotebook(sid, r.value);
        record(`move:${from}:${to}`);
      }
      return { ok: true, value: undefined };
    },

    removeCell(cellId) {
      const sid = state.scenarioId;
      if (!sid) return err("请先打开一个情景", "open a scenario first");
      const r = removeCell(notebookOf(sid), cellId);
      if (!r.ok) return r;
      writeNotebook(sid, r.value);
      record(`remove:${cellId}`);
      return { ok: true, value: undefined };
    },

    reason,
    setReason: (text) => setReason(text.slice(0, 2_000)),

    actualsOf: (planId) => actuals()[planId] ?? [],

    mergeActuals(planId, list) {
      const merged = mergeActualLists(actuals()[planId] ?? [], list);
      setActuals((all) => ({ ...all, [planId]: merged }));
      record("actuals");
    },

    clearActuals(planId) {
      if ((actuals()[planId] ?? []).length === 0) return;
      setActuals((all) => {
        const { [planId]: _gone, ...rest } = all;
        return rest;
      });
      record("actuals");
    },

    undo(why) {
      const before = plainEdits();
      const u = history.undo();
      if (!u) return false;
      restore(u, before, why);
      return true;
    },

    redo(why) {
      const before = plainEdits();
      const u = history.redo();
      if (!u) return false;
      restore(u, before, why);
      return true;
    },

    canUndo: history.canUndo,
    canRedo: history.canRedo,
    undoLabel: history.undoLabel,
    redoLabel: history.redoLabel,

    snapshot(language, savedAt) {
      // JSON of the store proxy reads (and so tracks) every property; the copy is plain data.
      const plain = JSON.parse(JSON.stringify(state)) as WorkbenchState;
      return {
        format: "reachable-workspace",
        version: 3,
        savedAt: savedAt ?? new Date(now()).toISOString(),
        language,
        selected: { planId: plain.planId, scenarioId: plain.scenarioId },
        scenarios: Object.values(plain.created),
        edits: plain.edits,
        settings: plain.settings,
        notebooks: { ...notebooks() },
        actuals: Object.fromEntries(Object.entries(actuals()).map(([k, v]) => [k, [...v]])),
        imported: [...imported()],
      };
    },

    hydrate(ws, file = "workspace") {
      const checked = checkScenarios(ws.scenarios, file, undefined, withImported(lib, ws.imported));
      if (!checked.ok) return checked;
      const created: Record<string, ScenarioFile> = {};
      for (const sc of ws.scenarios) created[sc.id] = structuredClone(sc);
      batch(() => {
        setImported(ws.imported);
        setState(
          produce((s) => {
            s.created = created;
            s.edits = structuredClone(ws.edits);
            s.settings = { ...ws.settings };
            s.compare = [];
          }),
        );
        setNotebooks({ ...ws.notebooks });
        setActuals({ ...ws.actuals });
        const sel = ws.selected;
        if (sel.scenarioId && library().scenarios.has(sel.scenarioId)) store.selectScenario(sel.scenarioId);
        else if (sel.planId && baseLib().plans.has(sel.planId)) store.selectPlan(sel.planId);
        else if (state.planId) store.selectPlan(state.planId);
      });
      history.reset(undoable());
      return { ok: true, value: undefined };
    },

    absorb(ws, file = "workspace") {
      const checked = checkScenarios(ws.scenarios, file, undefined, withImported(lib, ws.imported));
      if (!checked.ok) return checked;
      const created: Record<string, ScenarioFile> = {};
      for (const sc of ws.scenarios) created[sc.id] = structuredClone(sc);
      batch(() => {
        setImported(ws.imported);
        setState(
          produce((s) => {
            s.created = created;
            s.edits = structuredClone(ws.edits);
            s.settings = { ...ws.settings };
          }),
        );
        // The same notebook objects where nothing changed, so their cells are not drawn again.
        setNotebooks({ ...ws.notebooks });
        setActuals({ ...ws.actuals });
        const sid = state.scenarioId;
        if (sid && !library().scenarios.has(sid) && state.planId) store.selectPlan(state.planId);
      });
      history.reset(undoable());
      return { ok: true, value: undefined };
    },

    shareable() {
      const sid = state.scenarioId;
      const s = sid ? scenarioFile(sid) : undefined;
      if (!sid || !s) return err("请先打开一个情景", "open a scenario first");
      const edits = editsOf(sid);
      const own = sid in state.created;
      // A scenario the person made may extend another they made, which the recipient does not have:
      // the whole chain of made scenarios is folded into this one, which then extends the shipped
      // scenario at the chain's root (as resolveScenario applies them: root first, nearest last).
      const chain: ScenarioFile[] = [];
      let root: string | undefined = s.id;
      const seen = new Set<string>();
      while (root !== undefined && root in state.created && !seen.has(root)) {
        seen.add(root);
        const made: ScenarioFile = unwrap(state.created[root]!);
        chain.unshift(made);
        root = made.extends;
      }
      const overrides: Record<string, Override> = {};
      let bands = undefined as ScenarioFile["bands"];
      let chainActuals: Actual[] = [];
      for (const made of chain) {
        for (const [id, o] of Object.entries(made.overrides ?? {}))
          overrides[id] = { ...overrides[id], ...structuredClone(o) };
        if (made.bands) bands = { ...made.bands };
        if (made.actuals) chainActuals = made.actuals;
      }
      for (const [id, e] of Object.entries(edits)) overrides[id] = { ...overrides[id], ...e };
      const planActuals = actuals()[s.planId] ?? [];
      const allActuals = mergeActualLists(chainActuals, planActuals);
      const file = {
        schemaVersion: 1 as const,
        id: own ? s.id : `${s.id}-shared`,
        planId: s.planId,
        name: structuredClone(unwrap(s.name)),
        ...(s.description ? { description: structuredClone(unwrap(s.description)) } : {}),
        extends: own ? root : s.id,
        ...(Object.keys(overrides).length > 0 ? { overrides } : {}),
        ...(own && bands ? { bands } : {}),
        ...(allActuals.length > 0 ? { actuals: allActuals.map((a) => ({ ...a })) } : {}),
      };
      const parsed = parseScenario(file, file.id);
      if (!parsed.ok) return { ok: false, error: parsed.error[0]!.message };
      return parsed;
    },

    clashOf(id) {
      if (id in state.created) return "created";
      return library().scenarios.has(id) ? "shipped" : "none";
    },

    addScenario(file, mode, source = file.id) {
      const clash = store.clashOf(file.id);
      let sc = file;
      if (clash !== "none") {
        if (mode === "new")
          return fail(source, "id", {
            zh: `已有 id 为 “${file.id}” 的情景`,
            en: `a scenario with the id "${file.id}" already exists`,
          });
        if (mode === "replace" && clash === "shipped")
          return fail(source, "id", {
            zh: `“${file.id}” 是随应用提供的情景，不能替换；请选择“都保留”`,
            en: `"${file.id}" is a scenario shipped with the app and cannot be replaced; choose "keep both"`,
          });
        if (mode === "rename") {
          let n = 2;
          while (store.clashOf(`${file.id}-${n}`) !== "none") n++;
          sc = {
            ...file,
            id: `${file.id}-${n}`,
            name: { zh: `${file.name.zh}（${n}）`, en: `${file.name.en} (${n})` },
          };
        }
      }
      const checked = checkScenarios([sc], source, mode === "replace" ? sc.id : undefined);
      if (!checked.ok) return checked;
      const id = sc.id;
      const copy = structuredClone(sc);
      setState(
        produce((s) => {
          s.created[id] = copy;
          // A replaced scenario's unsaved edits belonged to the old one.
          if (mode === "replace") delete s.edits[id];
          if (s.planId !== copy.planId) s.compare = [];
          s.planId = copy.planId;
          s.scenarioId = id;
        }),
      );
      return { ok: true, value: id };
    },
  };

  /** Plain copy of every scenario's edits. */
  function plainEdits(): Undoable["edits"] {
    return JSON.parse(JSON.stringify(unwrap(state.edits))) as Undoable["edits"];
  }

  function undoable(): Undoable {
    return {
      edits: plainEdits(),
      cells: Object.fromEntries(Object.entries(notebooks()).map(([k, nb]) => [k, nb.cells])),
      actuals: { ...actuals() },
    };
  }

  /** Records the state after a change named `label` as one undo step (a burst of the same label is one). */
  function record(label: string): void {
    history.push(undoable(), label);
  }

  function notebook(): Notebook {
    const sid = state.scenarioId;
    return (sid ? notebooks()[sid] : undefined) ?? EMPTY_NOTEBOOK;
  }

  function notebookOf(sid: string): Notebook {
    return notebooks()[sid] ?? EMPTY_NOTEBOOK;
  }

  function writeNotebook(sid: string, nb: Notebook): void {
    setNotebooks((all) => ({ ...all, [sid]: nb }));
  }

  /** Appends one value change to a scenario's log (merged into the last entry within `mergeMs`). */
  function logValue(sid: string, id: string, from: number, to: number, why: string, mergeMs: number): void {
    if (from === to && mergeMs === 0) return;
    const r = logChange(
      notebookOf(sid),
      { at: new Date(now()).toISOString(), assumptionId: id, from, to, reason: why },
      { mergeWithinMs: mergeMs },
    );
    if (r.ok && r.value !== notebookOf(sid)) writeNotebook(sid, r.value);
  }

  /** Logs every value that differs between `before` and the current edits. */
  function logDiff(before: Undoable["edits"], why: string): void {
    const after = plainEdits();
    for (const sid of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const r = resolvedOf(sid);
      const ids = new Set([...Object.keys(before[sid] ?? {}), ...Object.keys(after[sid] ?? {})]);
      for (const id of ids) {
        const a = before[sid]?.[id]?.value;
        const b = after[sid]?.[id]?.value;
        if (a === b) continue;
        const base = r?.ok ? r.value.assumptions[id]?.value : undefined;
        const from = a ?? base;
        const to = b ?? base;
        if (from !== undefined && to !== undefined && from !== to) logValue(sid, id, from, to, why, 0);
      }
    }
  }

  function restore(u: Undoable, before: Undoable["edits"], why: string): void {
    batch(() => {
      setState(
        produce((s) => {
          s.edits = JSON.parse(JSON.stringify(u.edits)) as Undoable["edits"];
        }),
      );
      setNotebooks((all) => {
        const out = { ...all };
        for (const sid of new Set([...Object.keys(all), ...Object.keys(u.cells)])) {
          const nb = out[sid] ?? emptyNotebook();
          const cells = u.cells[sid] ?? [];
          if (nb.cells !== cells) out[sid] = { ...nb, cells: [...cells] };
        }
        return out;
      });
      setActuals({ ...u.actuals });
      logDiff(before, why);
    });
  }

  /**
   * Checks scenarios from outside against the library as it would be with them added: plan known,
   * extends known and in the same plan, no clash with a shipped scenario (or, unless `replacing`, with
   * another one), every override naming a real assumption with a value in range.
   */
  function checkScenarios(
    list: readonly ScenarioFile[],
    file: string,
    replacing?: string,
    from: Library = baseLib(),
  ): Result<void, InputIssue[]> {
    const issues: InputIssue[] = [];
    const lib = from;
    const scenarios = new Map(lib.scenarios);
    for (const [id, sc] of Object.entries(unwrap(state.created)))
      if (!list.some((x) => x.id === id)) scenarios.set(id, sc);
    list.forEach((sc, i) => {
      const at = (p: string) => (list.length > 1 || file === "workspace" ? `scenarios[${i}].${p}` : p);
      if (lib.scenarios.has(sc.id))
        issues.push({
          file,
          path: at("id"),
          message: {
            zh: `情景 id “${sc.id}” 与随应用提供的情景相同`,
            en: `scenario id "${sc.id}" is the id of a scenario shipped with the app`,
          },
        });
      else if (replacing !== sc.id && sc.id in state.created && list.length === 1)
        issues.push({
          file,
          path: at("id"),
          message: {
            zh: `已有 id 为 “${sc.id}” 的情景`,
            en: `a scenario with the id "${sc.id}" already exists`,
          },
        });
      if (!lib.plans.has(sc.planId))
        issues.push({
          file,
          path: at("planId"),
          message: { zh: `找不到规划 “${sc.planId}”`, en: `no plan "${sc.planId}" in this app` },
        });
      if (sc.extends === undefined)
        issues.push({
          file,
          path: at("extends"),
          message: {
            zh: "情景必须扩展本应用中已有的一个情景（extends），只保存改动",
            en: "the scenario must extend one already in this app (extends) and store only its changes",
          },
        });
      scenarios.set(sc.id, sc);
    });
    if (issues.length > 0) return { ok: false, error: issues };
    for (const sc of list) {
      const withLib = { ...lib, scenarios };
      const m = runModelFor(withLib, sc.id);
      if (!m.ok) {
        issues.push(...m.error.map((e) => ({ ...e, file })));
      }
    }
    return issues.length > 0 ? { ok: false, error: issues } : { ok: true, value: undefined };
  }

  if (initial.scenarioId) store.selectScenario(initial.scenarioId);
  else if (initial.planId) store.selectPlan(initial.planId);
  return store;
}

const EMPTY_NOTEBOOK: Notebook = Object.freeze({ cells: [], log: [] }) as Notebook;

function fail<T>(file: string, path: string, message: Bilingual): Result<T, InputIssue[]> {
  return { ok: false, error: [{ file, path, message }] };
}

/** `base` with `extra` laid over it: an observation of the same indicator and year is replaced. */
export function mergeActualLists(base: readonly Actual[], extra: readonly Actual[]): Actual[] {
  const key = (a: Actual) => `${a.indicatorId}|${a.year}`;
  const out = new Map(base.map((a) => [key(a), { ...a }] as const));
  for (const a of extra) out.set(key(a), { ...a });
  return [...out.values()].sort((a, b) => a.indicatorId.localeCompare(b.indicatorId) || a.year - b.year);
}
