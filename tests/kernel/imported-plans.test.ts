import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import { parsePastedTable } from "../../models/plan-paste.ts";
import { scaffoldPlan } from "../../models/scaffold.ts";
import { withImported } from "../../src/kernel/library.ts";
import { mergeWorkspaces } from "../../src/kernel/merge.ts";
import { createSession } from "../../src/kernel/session.ts";
import { createWorkbenchStore } from "../../src/kernel/store.ts";
import { emptyWorkspace, type ImportedPlan, type Workspace } from "../../src/kernel/workspace.ts";
import { expectOk } from "../expect-result.ts";
import { BASELINE, PLAN_ID, tinyLibrary } from "./fixtures/tiny.ts";

/**
 * Plans imported by pasting their table live in the workspace beside the person's scenarios: the store
 * opens and runs them like shipped plans, saves them with the rest of the work, two tabs merge them, and
 * the session adds one (refusing a taken id) and tells an open workbench.
 */

/** The shipped library beside the imports: the tiny literal one (tests/kernel/fixtures/tiny.ts). */
const lib = tinyLibrary();
const SAVED = "2024-05-01T09:30:00.000Z";
const HUYI = readFileSync(join(import.meta.dirname, "../fixtures/paste/huyi-seed.txt"), "utf8")
  .split("\n")
  .filter((l) => !l.startsWith("# "))
  .join("\n");

function entry(id: string): ImportedPlan {
  const plan = parsePastedTable(HUYI, { id, level: "district" }).plan;
  const s = scaffoldPlan(plan);
  return { plan, bindings: s.bindings, scenario: s.scenario, importedAt: SAVED };
}

const ws = (imported: ImportedPlan[]): Workspace => ({
  ...emptyWorkspace({ language: "en", savedAt: SAVED }),
  imported,
});

describe("imported plans in the workbench store", () => {
  it("hydrates, opens and runs an imported plan, and saves it with the work", () =>
    createRoot((dispose) => {
      const e = entry("huyi-paste-2021-2025");
      const store = createWorkbenchStore(lib, { planId: "huyi-paste-2021-2025" });
      expect(store.state.planId).toBeNull();
      const r = store.hydrate({ ...ws([e]), selected: { planId: e.plan.id, scenarioId: null } });
      expect(r).toEqual({ ok: true, value: undefined });
      expect(store.state.planId).toBe("huyi-paste-2021-2025");
      expect(store.state.scenarioId).toBe("huyi-paste-baseline");
      expect(expectOk(store.runModel()).plan.indicators).toHaveLength(14);
      expect(store.library().bindings.has("huyi-paste-2021-2025")).toBe(true);
      expect(store.snapshot("en").imported).toEqual([e]);
      // A scenario of the imported plan is checked against it like one of a shipped plan.
      expectOk(store.createScenario({ from: "defaults", name: "mine" }));
      const snap = store.snapshot("en");
      const again = createWorkbenchStore(lib);
      expect(again.hydrate(snap)).toEqual({ ok: true, value: undefined });
      expect(again.state.scenarioId).toBe(snap.selected.scenarioId);
      // Without the imported plan, its scenario is refused and nothing changes.
      const bare = createWorkbenchStore(lib);
      expect(bare.hydrate({ ...snap, imported: [] }).ok).toBe(false);
      dispose();
    }));

  it("a shipped plan or scenario of the same id wins over an import", () => {
    const e = entry(PLAN_ID);
    const merged = withImported(lib, [e]);
    expect(merged.plans.get(PLAN_ID)).toBe(lib.plans.get(PLAN_ID));
    expect(merged.fileOf.get(`plan:${PLAN_ID}`)).not.toMatch(/^imported/);
    expect(e.scenario.id).toBe(BASELINE);
    expect(merged.scenarios.get(BASELINE)).toBe(lib.scenarios.get(BASELINE));
  });
});

describe("imported plans across tabs and in the session", () => {
  it("two tabs' imports are both kept; one removed on one side and unchanged on the other goes", () => {
    const a = entry("a-2021-2025");
    const b = entry("b-2021-2025");
    const c = entry("c-2021-2025");
    expect(mergeWorkspaces(ws([a]), ws([a, b]), ws([a, c])).imported.map((p) => p.plan.id)).toEqual([
      "a-2021-2025",
      "b-2021-2025",
      "c-2021-2025",
    ]);
    expect(mergeWorkspaces(ws([a, b]), ws([a]), ws([a, b])).imported.map((p) => p.plan.id)).toEqual([
      "a-2021-2025",
    ]);
  });

  it("the session adds an import, selects it, refuses a taken id and tells an open workbench", () =>
    createRoot((dispose) => {
      const session = createSession({
        persistence: null,
        initial: null,
        loadProblem: null,
        link: { kind: "none" },
        planIds: new Set(["huyi-2021-2025"]),
        channel: undefined,
      });
      expect(session.imported()).toEqual([]);
      const e = entry("huyi-paste-2021-2025");
      expect(session.addImported(e, "en")).toEqual({ ok: true, value: undefined });
      expect(session.imported().map((p) => p.plan.id)).toEqual(["huyi-paste-2021-2025"]);
      expect(session.latest()?.selected).toEqual({ planId: e.plan.id, scenarioId: e.scenario.id });
      expect(session.incoming()?.ws.imported).toEqual([e]);
      const again = session.addImported(e, "en");
      expect(again.ok).toBe(false);
      expect(session.addImported(entry("huyi-2021-2025"), "en").ok).toBe(false);
      session.dispose();
      dispose();
    }));
});
