import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import { createRunSettings, DEFAULT_SETTINGS } from "../../src/kernel/settings.ts";
import { createWorkbenchStore, type WorkbenchStore } from "../../src/kernel/store.ts";
import { emptyWorkspace, type Workspace } from "../../src/kernel/workspace.ts";
import { expectErr } from "../expect-result.ts";
import { BASELINE, PLAN_ID, TEACHING, tinyAssumptions, tinyLibrary } from "./fixtures/tiny.ts";

const lib = tinyLibrary();
const { certain } = tinyAssumptions(lib);
const a = lib.scenarios.get(BASELINE)!.assumptions![certain]!;
const mid = (a.min + a.max) / 2 === a.value ? (a.min + a.value) / 2 : (a.min + a.max) / 2;
const SAVED = "2024-05-01T09:00:00.000Z";

function withStore(body: (s: WorkbenchStore) => void): void {
  createRoot((dispose) => {
    try {
      body(createWorkbenchStore(lib, { scenarioId: BASELINE }, { now: () => Date.parse(SAVED) }));
    } finally {
      dispose();
    }
  });
}

/** A workspace with a made scenario, an edit, a note, actuals and settings, opened on `selected`. */
function work(selected: Workspace["selected"]): Workspace {
  return {
    ...emptyWorkspace({ language: "en", savedAt: SAVED }),
    selected,
    scenarios: [
      {
        schemaVersion: 1,
        id: "mine-1",
        planId: PLAN_ID,
        name: { zh: "我的", en: "Mine" },
        teaching: false,
        extends: BASELINE,
      },
    ],
    edits: { "mine-1": { [certain]: { value: mid } } },
    notebooks: { "mine-1": { cells: [{ id: "c1", kind: "note", markdown: "hi" }], log: [] } },
    actuals: { [PLAN_ID]: [{ indicatorId: "ty-t01-rehab-coverage", year: 2021, value: 81 }] },
    settings: { samples: 1000, seed: 7, sampling: "random" },
  };
}

describe("workspace save and load", () => {
  it("snapshots to what it loads: replace opens what the workspace had open", () =>
    withStore((s) => {
      s.toggleCompare(BASELINE);
      expect(s.hydrate(work({ planId: PLAN_ID, scenarioId: "mine-1" }))).toEqual({
        ok: true,
        value: undefined,
      });
      expect([s.state.scenarioId, s.state.compare, s.state.settings.seed]).toEqual(["mine-1", [], 7]);
      expect(s.snapshot("en", SAVED)).toEqual(work({ planId: PLAN_ID, scenarioId: "mine-1" }));
      expect(s.canUndo()).toBe(false);
    }));

  it("merge keeps what is open and the comparison", () =>
    withStore((s) => {
      s.selectScenario(TEACHING);
      s.toggleCompare(BASELINE);
      expect(s.absorb(work({ planId: null, scenarioId: null })).ok).toBe(true);
      expect([s.state.scenarioId, s.state.compare]).toEqual([TEACHING, [BASELINE]]);
      expect(s.notebook().cells).toEqual([]);
      s.selectScenario("mine-1");
      expect(s.notebook().cells).toHaveLength(1);
    }));

  it("changes nothing when a scenario in the workspace is refused", () =>
    withStore((s) => {
      s.setAssumption(certain, mid);
      const bad = work({ planId: PLAN_ID, scenarioId: "mine-1" });
      bad.scenarios[0]!.planId = "no-plan";
      const r = s.hydrate(bad);
      expect(r.ok).toBe(false);
      expect(expectErr(r)[0]!.path).toBe("scenarios[0].planId");
      expect(s.state.edits).toEqual({ [BASELINE]: { [certain]: { value: mid } } });
      expect(s.state.settings).toEqual(DEFAULT_SETTINGS);
    }));
});

describe("run settings", () => {
  it("are checked by their schema; nothing changes on error", () =>
    createRoot((dispose) => {
      const r = createRunSettings();
      expect(r.set({ seed: 2 ** 32 }).ok).toBe(false);
      expect(r.set({ samples: -1 }).ok).toBe(false);
      expect(r.settings()).toEqual(DEFAULT_SETTINGS);
      expect(r.set({ seed: 9 })).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, seed: 9 } });
      dispose();
    }));
});
