import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../models/scenario.ts";
import { mergeWorkspaces } from "../../src/kernel/merge.ts";
import { createWorkbenchStore, mergeActualLists, type WorkbenchStore } from "../../src/kernel/store.ts";
import { migrate } from "../../src/kernel/workspace.ts";
import { expectOk } from "../expect-result.ts";
import { BASELINE, PLAN_ID, tinyLibrary } from "./fixtures/tiny.ts";

/** The store over a tiny literal library (tests/kernel/fixtures/tiny.ts). */
const lib = tinyLibrary();
/** An assumption without uncertainty (0–20% a year), and the values the tests set it to. */
const ATTRITION = "tyT01RehabCoverage.attrition";
const [FIRST, SECOND, THIRD] = [4.5, 3, 3.2];
const TRAINED = "ty-t02-trained-people";
/** The baseline's default attrition (0: no loss). */
const DEFAULT = lib.scenarios.get(BASELINE)!.assumptions![ATTRITION]!.value;

/** A store on a fake clock (ms), so log times and undo coalescing are pinned. */
function withStore(body: (s: WorkbenchStore, clock: { t: number }) => void): void {
  const clock = { t: Date.parse("2024-05-01T09:00:00.000Z") };
  createRoot((dispose) => {
    try {
      body(createWorkbenchStore(lib, { scenarioId: BASELINE }, { now: () => clock.t }), clock);
    } finally {
      dispose();
    }
  });
}

const valueIn = (s: WorkbenchStore, id: string) => {
  const m = s.runModel();
  if (!m?.ok) throw new Error("no run model");
  return m.value.assumptions[id]!.value;
};

describe("the notebook side of the workbench store", () => {
  it("logs assumption changes with from → to and the reason, a quick burst as one entry", () =>
    withStore((s, clock) => {
      s.setReason("budget cut");
      s.setAssumption(ATTRITION, FIRST);
      clock.t += 100;
      s.setAssumption(ATTRITION, SECOND);
      expect(s.notebook().log).toEqual([
        {
          at: "2024-05-01T09:00:00.100Z",
          assumptionId: ATTRITION,
          from: DEFAULT,
          to: SECOND,
          reason: "budget cut",
        },
      ]);
      clock.t += 5000;
      s.resetAssumption(ATTRITION);
      expect(s.notebook().log.at(-1)).toMatchObject({ from: SECOND, to: DEFAULT });
    }));

  it("undoes and redoes edits and cells; the log records the undo instead of forgetting the change", () =>
    withStore((s, clock) => {
      s.setAssumption(ATTRITION, SECOND);
      clock.t += 1000;
      const cell = s.addCell({ kind: "note", markdown: "hello" });
      expect(cell.ok).toBe(true);
      clock.t += 1000;
      expect(s.undo("undo")).toBe(true);
      expect(s.notebook().cells).toEqual([]);
      expect(s.undo("undo")).toBe(true);
      expect(valueIn(s, ATTRITION)).toBe(DEFAULT);
      expect(s.notebook().log.map((e) => [e.from, e.to, e.reason])).toEqual([
        [DEFAULT, SECOND, ""],
        [SECOND, DEFAULT, "undo"],
      ]);
      expect(s.canUndo()).toBe(false);
      expect(s.redo("redo")).toBe(true);
      expect(valueIn(s, ATTRITION)).toBe(SECOND);
      expect(s.redo("redo")).toBe(true);
      expect(s.notebook().cells.map((c) => c.kind)).toEqual(["note"]);
      expect(s.redo("redo")).toBe(false);
    }));

  it("passes workspace actuals to the models, over a scenario's own", () =>
    withStore((s) => {
      // A scenario with an observed value of its own, opened.
      const own = parseScenario(
        {
          schemaVersion: 1,
          id: "observed",
          planId: PLAN_ID,
          name: { zh: "观测", en: "Observed" },
          extends: BASELINE,
          actuals: [{ indicatorId: TRAINED, year: 2022, value: 350 }],
        },
        "observed.json",
      );
      expect(s.addScenario(expectOk(own), "new").ok).toBe(true);
      s.selectScenario("observed");
      expect(expectOk(s.runModel()).actuals).toEqual([{ indicatorId: TRAINED, year: 2022, value: 350 }]);
      s.mergeActuals(PLAN_ID, [{ indicatorId: TRAINED, year: 2022, value: 400 }]);
      const m = s.runModel();
      expect(expectOk(m).actuals).toEqual([{ indicatorId: TRAINED, year: 2022, value: 400 }]);
      s.clearActuals(PLAN_ID);
      expect(s.actualsOf(PLAN_ID)).toEqual([]);
      expect(
        mergeActualLists(
          [{ indicatorId: "a", year: 2022, value: 1 }],
          [{ indicatorId: "a", year: 2022, value: 2 }],
        ),
      ).toEqual([{ indicatorId: "a", year: 2022, value: 2 }]);
    }));

  it("round-trips through a snapshot: a valid workspace that hydrates into the same state", () => {
    let snap: unknown;
    let cellId = "";
    withStore((s) => {
      s.createScenario({ from: BASELINE, name: "Mine" });
      s.setAssumption(ATTRITION, THIRD);
      cellId = expectOk(s.addCell({ kind: "verdict", indicatorId: TRAINED }));
      snap = s.snapshot("en", "2024-05-01T10:00:00.000Z");
    });
    const ws = migrate(JSON.parse(JSON.stringify(snap)));
    expect(ws.ok).toBe(true);
    if (!ws.ok) return;
    withStore((s) => {
      expect(s.hydrate(ws.value).ok).toBe(true);
      expect(s.state.scenarioId).toBe("mine-1");
      expect(valueIn(s, ATTRITION)).toBe(THIRD);
      // The id the cell was given in the tab that made it: `c1` and that tab's tag.
      expect(cellId).toMatch(/^c1-[a-z0-9]{4}$/);
      expect(s.notebook().cells).toEqual([{ id: cellId, kind: "verdict", indicatorId: TRAINED }]);
      expect(s.canUndo()).toBe(false);
    });
  });

  it("gives cells made in two tabs different ids, so a merge of both tabs' saves renames neither", () => {
    createRoot((dispose) => {
      const at = "2024-05-01T10:00:00.000Z";
      const a = createWorkbenchStore(lib, { scenarioId: BASELINE }, { cellTag: "aaaa" });
      const b = createWorkbenchStore(lib, { scenarioId: BASELINE }, { cellTag: "bbbb" });
      const base = a.snapshot("en", at);
      const inA = a.addCell({ kind: "note", markdown: "A's note" });
      const inB = b.addCell({ kind: "note", markdown: "B's note" });
      expect(inA).toEqual({ ok: true, value: "c1-aaaa" });
      expect(inB).toEqual({ ok: true, value: "c1-bbbb" });
      const merged = mergeWorkspaces(base, a.snapshot("en", at), b.snapshot("en", at));
      const cells = merged.notebooks[BASELINE]?.cells ?? [];
      // Each tab's open editor is keyed by the id it made; after the merge that id still names its note.
      expect(cells.find((c) => c.id === "c1-aaaa")).toMatchObject({ markdown: "A's note" });
      expect(cells.find((c) => c.id === "c1-bbbb")).toMatchObject({ markdown: "B's note" });
      // The next cell in A numbers on from both.
      a.hydrate(merged);
      expect(a.addCell({ kind: "note" })).toEqual({ ok: true, value: "c2-aaaa" });
      dispose();
    });
  });

  it("takes in another tab's work keeping each unchanged cell the same object, so its editor stays open", () =>
    withStore((s) => {
      const kept = s.addCell({ kind: "note", markdown: "being typed here" });
      const keptId = expectOk(kept);
      const before = s.notebook().cells[0];
      // Another tab's save: the same note, and one more; it arrives as fresh plain data.
      const theirs = JSON.parse(JSON.stringify(s.snapshot("en", "2024-05-01T10:00:00.000Z")));
      theirs.notebooks[BASELINE].cells.push({ id: "c9-zzzz", kind: "note", markdown: "from the other tab" });
      expect(s.absorb(theirs).ok).toBe(true);
      const cells = s.notebook().cells;
      expect(cells.map((c) => c.id)).toEqual([keptId, "c9-zzzz"]);
      expect(cells[0]).toBe(before);
    }));

  it("refuses a workspace whose scenario extends one that does not exist, changing nothing", () =>
    withStore((s) => {
      s.setAssumption(ATTRITION, SECOND);
      const ws = s.snapshot("en");
      ws.scenarios = [
        {
          schemaVersion: 1,
          id: "orphan",
          planId: PLAN_ID,
          name: { zh: "孤", en: "Orphan" },
          extends: "gone",
        },
      ];
      const r = s.hydrate(ws, "file.json");
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error[0]).toMatchObject({ file: "file.json", path: "extends" });
      expect(valueIn(s, ATTRITION)).toBe(SECOND);
      expect(s.clashOf("orphan")).toBe("none");
    }));

  it("shares the open scenario with its edits, and adds a shared one beside a clashing id", () =>
    withStore((s) => {
      s.setAssumption(ATTRITION, SECOND);
      const shared = s.shareable();
      expect(shared.ok).toBe(true);
      if (!shared.ok) return;
      expect(shared.value).toMatchObject({ id: `${BASELINE}-shared`, extends: BASELINE });
      expect(shared.value.overrides?.[ATTRITION]?.value).toBe(SECOND);
      expect(s.addScenario(shared.value, "new").ok).toBe(true);
      expect(s.clashOf(`${BASELINE}-shared`)).toBe("created");
      expect(s.addScenario(shared.value, "new").ok).toBe(false);
      const again = s.addScenario(shared.value, "rename");
      expect(expectOk(again)).toBe(`${BASELINE}-shared-2`);
      expect(valueIn(s, ATTRITION)).toBe(SECOND);
      const base = parseScenario(
        {
          schemaVersion: 1,
          id: BASELINE,
          planId: PLAN_ID,
          name: { zh: "x", en: "x" },
          extends: BASELINE,
        },
        "x",
      );
      // A shipped scenario is never replaced by one of the same id.
      expect(s.addScenario(expectOk(base), "replace").ok).toBe(false);
    }));
});
