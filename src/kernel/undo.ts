import { type Accessor, batch } from "solid-js";
import type { Actual } from "../../models/scenario.ts";
import type { Actuals } from "./actuals.ts";
import type { Edits, EditsByScenario } from "./edits.ts";
import { createHistory } from "./history.ts";
import type { Cell } from "./notebook.ts";
import type { Notebooks } from "./notebooks.ts";
import type { ScenarioBook } from "./scenario-book.ts";

/**
 * Undo and redo over assumption edits, notebook cells and actuals (history.ts keeps the steps). The
 * assumption log is never rewound: an undone or redone value change is logged again, with the reason
 * given, because the log records what happened, undo included.
 */
export interface Undo {
  /** Records the state after a change named `label` as one step (a burst of one label is one step). */
  record(label: string): void;
  undo(reason: string): boolean;
  redo(reason: string): boolean;
  canUndo: Accessor<boolean>;
  canRedo: Accessor<boolean>;
  /** Label of the change undo would take back, e.g. "assumption:retrofit.capacity1", "note:c2". */
  undoLabel: Accessor<string | null>;
  redoLabel: Accessor<string | null>;
  /** Starts over from the state now (a loaded workspace: stepping back past it would undo the load). */
  reset(): void;
}

/** What a step restores. */
interface Step {
  edits: EditsByScenario;
  cells: Record<string, readonly Cell[]>;
  actuals: Record<string, readonly Actual[]>;
}

/** Creates undo over the parts it restores; call inside a reactive owner. */
export function createUndo(parts: {
  book: ScenarioBook;
  edits: Edits;
  notebooks: Notebooks;
  actuals: Actuals;
  now: () => number;
}): Undo {
  const { book, edits, notebooks, actuals } = parts;
  const step = (): Step => ({
    edits: edits.plain(),
    cells: notebooks.cells(),
    actuals: { ...actuals.all() },
  });
  const history = createHistory<Step>(step(), { now: parts.now });

  /** Logs every value that differs between `before` and the edits now. */
  function logDiff(before: EditsByScenario, why: string): void {
    const after = edits.plain();
    for (const sid of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const r = book.resolved(sid);
      for (const id of new Set([...Object.keys(before[sid] ?? {}), ...Object.keys(after[sid] ?? {})])) {
        const base = r?.ok ? r.value.assumptions[id]?.value : undefined;
        const from = before[sid]?.[id]?.value ?? base;
        const to = after[sid]?.[id]?.value ?? base;
        if (from !== undefined && to !== undefined && from !== to)
          notebooks.logValue(sid, id, from, to, why, 0);
      }
    }
  }

  function go(s: Step | undefined, why: string): boolean {
    if (!s) return false;
    const before = edits.plain();
    batch(() => {
      edits.replace(s.edits);
      notebooks.restoreCells(s.cells);
      actuals.replace(s.actuals);
      logDiff(before, why);
    });
    return true;
  }

  return {
    record: (label) => void history.push(step(), label),
    undo: (why) => go(history.undo(), why),
    redo: (why) => go(history.redo(), why),
    canUndo: history.canUndo,
    canRedo: history.canRedo,
    undoLabel: history.undoLabel,
    redoLabel: history.redoLabel,
    reset: () => history.reset(step()),
  };
}
