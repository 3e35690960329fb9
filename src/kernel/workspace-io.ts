import { batch } from "solid-js";
import { ok, type Result } from "../../models/result.ts";
import type { InputIssue } from "../../models/validation.ts";
import type { Actuals } from "./actuals.ts";
import type { Edits } from "./edits.ts";
import type { Notebooks } from "./notebooks.ts";
import type { ScenarioBook } from "./scenario-book.ts";
import type { Scenarios } from "./scenarios.ts";
import type { RunSettingsState } from "./settings.ts";
import type { Undo } from "./undo.ts";
import type { Workspace } from "./workspace.ts";

/**
 * The workbench state to and from a saved workspace (workspace.ts is its format). Loading is one
 * function with two modes: "replace" (a workspace opened, or the saved one at startup: what was open
 * comes from it) and "merge" (another tab's work merged with this tab's: what is open and the
 * comparison stay). Either way the person's scenarios are checked first and nothing changes on error,
 * and undo starts over: stepping back past a load would take the loaded work out again.
 */
export interface WorkspaceIO {
  /** The whole state as plain data; read in an effect, it tracks every part (that is how autosave sees changes). */
  snapshot(language: Workspace["language"], savedAt?: string): Workspace;
  load(ws: Workspace, mode: "replace" | "merge", file?: string): Result<void, InputIssue[]>;
}

export function createWorkspaceIO(parts: {
  book: ScenarioBook;
  edits: Edits;
  scenarios: Scenarios;
  settings: RunSettingsState;
  notebooks: Notebooks;
  actuals: Actuals;
  undo: Undo;
  now: () => number;
}): WorkspaceIO {
  const { book, edits, scenarios, settings, notebooks, actuals, undo } = parts;
  return {
    snapshot(language, savedAt) {
      // JSON of the edits store reads (and so tracks) every property; the copy is plain data.
      const plainEdits = JSON.parse(JSON.stringify(edits.all)) as Workspace["edits"];
      return {
        format: "reachable-workspace",
        version: 3,
        savedAt: savedAt ?? new Date(parts.now()).toISOString(),
        language,
        selected: { planId: edits.planId(), scenarioId: edits.scenarioId() },
        scenarios: Object.values(book.created()).map((s) => structuredClone(s)),
        edits: plainEdits,
        settings: { ...settings.settings() },
        notebooks: { ...notebooks.all() },
        actuals: Object.fromEntries(Object.entries(actuals.all()).map(([k, v]) => [k, [...v]])),
        imported: [...book.imported()],
      };
    },
    load(ws, mode, file = "workspace") {
      const checked = book.check(ws.scenarios, file, undefined, ws.imported);
      if (!checked.ok) return checked;
      batch(() => {
        book.replaceImported(ws.imported);
        book.replaceAll(ws.scenarios);
        edits.replace(ws.edits);
        settings.replace(ws.settings);
        // The same notebook objects where nothing changed, so their cells are not drawn again.
        notebooks.replace(ws.notebooks);
        actuals.replace(ws.actuals);
        const planId = edits.planId();
        if (mode === "replace") {
          scenarios.clearCompare();
          const sel = ws.selected;
          if (sel.scenarioId && book.file(sel.scenarioId)) edits.selectScenario(sel.scenarioId);
          else if (sel.planId && book.library().plans.has(sel.planId)) edits.selectPlan(sel.planId);
          else if (planId) edits.selectPlan(planId);
        } else {
          const sid = edits.scenarioId();
          if (sid && !book.file(sid) && planId) edits.selectPlan(planId);
        }
      });
      undo.reset();
      return ok(undefined);
    },
  };
}
