import { type Accessor, createMemo } from "solid-js";
import type { Library } from "../../models/library.ts";
import { ok, type Result, refuse } from "../../models/result.ts";
import type { Actual, Assumption, ResolvedScenario, ScenarioFile } from "../../models/scenario.ts";
import type { Bilingual } from "../../models/text.ts";
import type { InputIssue } from "../../models/validation.ts";
import { createActuals } from "./actuals.ts";
import { type AssumptionEditState, createEdits } from "./edits.ts";
import type { NewCell, Notebook } from "./notebook.ts";
import { createNotebooks } from "./notebooks.ts";
import type { EvaluateRequest, RunModel } from "./runner.ts";
import { keepUnchanged } from "./same-data.ts";
import { createScenarioBook } from "./scenario-book.ts";
import { createScenarios, type ScenarioEntry } from "./scenarios.ts";
import { createRunSettings, type RunSettings } from "./settings.ts";
import { createUndo, type Undo } from "./undo.ts";
import type { Workspace } from "./workspace.ts";
import { createWorkspaceIO } from "./workspace-io.ts";

/**
 * The workbench state, composed of small kernel modules with one concern each:
 * - scenario-book.ts: the library with the person's scenarios; lookup, resolution and checks;
 * - edits.ts: what is open, and the unsaved edits of every scenario;
 * - scenarios.ts: making, adding, sharing and comparing scenarios; `runModelOf`, the one place a
 *   scenario becomes what the models run;
 * - settings.ts: the run settings; notebooks.ts: notes, pins, the log and its reason;
 * - actuals.ts: observed values by plan; undo.ts: undo and redo; workspace-io.ts: save and load.
 * This file only wires them together behind the one interface the views use. Every change goes
 * through a method that validates it and answers with a bilingual error instead of storing something
 * invalid; what the models need is read out as plain data (store proxies never cross to a worker).
 */

export { mergeActualLists } from "./actuals.ts";
export type { AssumptionEditState } from "./edits.ts";
export { MAX_COMPARE, type ScenarioEntry } from "./scenarios.ts";
export { DEFAULT_SETTINGS, MAX_SAMPLES, type RunSettings } from "./settings.ts";

/** The state as the views read it (reactive getters over the modules). */
export interface WorkbenchState {
  readonly planId: string | null;
  readonly scenarioId: string | null;
  /** Unsaved edits: scenario id → assumption id → edit. Only differences from the scenario are kept. */
  readonly edits: Readonly<Record<string, Record<string, AssumptionEditState>>>;
  /** Scenarios the person made, by id; each `extends` another. Never changed after creation. */
  readonly created: Readonly<Record<string, ScenarioFile>>;
  /** Scenario ids to compare (2–4 for a comparison; the set is built one at a time). */
  readonly compare: string[];
  readonly settings: Readonly<RunSettings>;
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
  /** What the models need to run any scenario of the library as the person sees it (comparison). */
  runModelOf(scenarioId: string): Result<RunModel, InputIssue[]>;
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

/** Store options. */
export interface StoreOptions {
  /** Clock in ms for the log and undo coalescing. Default `Date.now`. */
  now?: () => number;
  /** Ends every new cell id (`c3-k7q2`); default a fresh random tag, one per store (tab). */
  cellTag?: string;
}

/** Creates the workbench store over a library; optionally opens a plan or scenario at once. */
export function createWorkbenchStore(
  lib: Library,
  initial: { planId?: string; scenarioId?: string } = {},
  options: StoreOptions = {},
): WorkbenchStore {
  const now = options.now ?? Date.now;
  // Undo records every part, and every part tells undo of its changes: bound once undo exists.
  let undo!: Undo;
  const record = (label: string) => undo.record(label);
  const book = createScenarioBook(lib);
  const notebooks = createNotebooks({ now, record, cellTag: options.cellTag });
  const edits = createEdits(book, {
    logged: (sid, id, from, to, mergeMs) =>
      notebooks.logValue(sid, id, from, to, notebooks.reason(), mergeMs),
    record,
    planChanged: () => scenarios.clearCompare(),
  });
  const actuals = createActuals();
  const settings = createRunSettings();
  const scenarios = createScenarios({ book, edits, actuals });
  undo = createUndo({ book, edits, notebooks, actuals, now });
  const io = createWorkspaceIO({ book, edits, scenarios, settings, notebooks, actuals, undo, now });

  const state: WorkbenchState = {
    get planId() {
      return edits.planId();
    },
    get scenarioId() {
      return edits.scenarioId();
    },
    get edits() {
      return edits.all;
    },
    get created() {
      return book.created();
    },
    get compare() {
      return scenarios.compare();
    },
    get settings() {
      return settings.settings();
    },
  };

  const resolved = createMemo(() => {
    const sid = edits.scenarioId();
    return sid ? book.resolved(sid) : undefined;
  });
  /**
   * The open scenario's model. Its assumptions equal to the previous model's keep their objects, so a
   * view keyed on one assumption (its field, its row in the report) changes only when it does: one
   * edit no longer re-renders every field (issue 12's input-to-paint profile).
   */
  let lastAssumptions: Record<string, Assumption> = {};
  const runModel = createMemo(() => {
    const sid = edits.scenarioId();
    const m = sid ? scenarios.runModelOf(sid) : undefined;
    if (!m?.ok) return m;
    const assumptions = keepUnchanged(lastAssumptions, m.value.assumptions);
    lastAssumptions = assumptions;
    return assumptions === m.value.assumptions ? m : ok({ ...m.value, assumptions });
  });
  const evaluateRequest = createMemo((): Result<EvaluateRequest, InputIssue[]> | undefined => {
    const m = runModel();
    if (!m?.ok) return m;
    const { samples, seed, sampling } = settings.settings();
    return ok({ ...m.value, samples, seed, sampling });
  });
  /** Runs `f` on the open scenario, or refuses. */
  const inOpen = <T>(f: (sid: string) => Result<T, Bilingual>): Result<T, Bilingual> => {
    const sid = edits.scenarioId();
    return sid ? f(sid) : refuse("请先打开一个情景", "open a scenario first");
  };

  const store: WorkbenchStore = {
    state,
    library: book.library,
    scenarios: scenarios.list,
    resolved,
    runModel,
    runModelOf: scenarios.runModelOf,
    evaluateRequest,
    isEdited: edits.isEdited,
    selectPlan: edits.selectPlan,
    selectScenario: edits.selectScenario,
    setAssumption: edits.setAssumption,
    resetAssumption: edits.resetAssumption,
    resetAll: edits.resetAll,
    toggleUncertainty: edits.toggleUncertainty,
    createScenario: scenarios.create,
    toggleCompare: scenarios.toggleCompare,
    setSettings: settings.set,
    notebook: () => {
      const sid = edits.scenarioId();
      return notebooks.of(sid ?? "");
    },
    addCell: (cell, at) => inOpen((sid) => notebooks.add(sid, cell, at)),
    updateNote: (cellId, markdown) => inOpen((sid) => notebooks.updateNote(sid, cellId, markdown)),
    moveCell: (from, to) => inOpen((sid) => notebooks.move(sid, from, to)),
    removeCell: (cellId) => inOpen((sid) => notebooks.remove(sid, cellId)),
    reason: notebooks.reason,
    setReason: notebooks.setReason,
    actualsOf: actuals.of,
    mergeActuals(planId, list) {
      actuals.merge(planId, list);
      record("actuals");
    },
    clearActuals(planId) {
      if (actuals.clear(planId)) record("actuals");
    },
    undo: undo.undo,
    redo: undo.redo,
    canUndo: undo.canUndo,
    canRedo: undo.canRedo,
    undoLabel: undo.undoLabel,
    redoLabel: undo.redoLabel,
    snapshot: io.snapshot,
    hydrate: (ws, file) => io.load(ws, "replace", file),
    absorb: (ws, file) => io.load(ws, "merge", file),
    shareable: scenarios.shareable,
    clashOf: book.clashOf,
    addScenario: scenarios.add,
  };

  if (initial.scenarioId) edits.selectScenario(initial.scenarioId);
  else if (initial.planId) edits.selectPlan(initial.planId);
  // The state opened above is where undo starts.
  undo.reset();
  return store;
}
