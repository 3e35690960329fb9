import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../models/scenario.ts";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";
import { mergeWorkspaces } from "../../src/kernel/merge.ts";
import { createWorkbenchStore, mergeActualLists, type WorkbenchStore } from "../../src/kernel/store.ts";
import { migrate } from "../../src/kernel/workspace.ts";
import { expectOk } from "../expect-result.ts";

const lib = loadRepositoryLibrary();
const JIAXING = "jiaxing-baseline";
const CAPACITY = "retrofit.capacity1";
const RETROFIT = "jx-x-retrofit-households";
/** The baseline's default retrofit capacity (467 a year, from Tongxiang's 2016–20 pace). */
const DEFAULT = lib.scenarios.get(JIAXING)!.assumptions![CAPACITY]!.value;

/** A store on a fake clock (ms), so log times and undo coalescing are pinned. */
function withStore(body: (s: WorkbenchStore, clock: { t: number }) => void): void {
  const clock = { t: Date.parse("2024-05-01T09:00:00.000Z") };
  createRoot((dispose) => {
    try {
      body(createWorkbenchStore(lib, { scenarioId: JIAXING }, { now: () => clock.t }), clock);
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
      s.setAssumption(CAPACITY, 450);
      clock.t += 100;
      s.setAssumption(CAPACITY, 300);
      expect(s.notebook().log).toEqual([
        {
          at: "2024-05-01T09:00:00.100Z",
          assumptionId: CAPACITY,
          from: DEFAULT,
          to: 300,
          reason: "budget cut",
        },
      ]);
      clock.t += 5000;
      s.resetAssumption(CAPACITY);
      expect(s.notebook().log.at(-1)).toMatchObject({ from: 300, to: DEFAULT });
    }));

  it("undoes and redoes edits and cells; the log records the undo instead of forgetting the change", () =>
    withStore((s, clock) => {
      s.setAssumption(CAPACITY, 300);
      clock.t += 1000;
      const cell = s.addCell({ kind: "note", markdown: "hello" });
      expect(cell.ok).toBe(true);
      clock.t += 1000;
      expect(s.undo("undo")).toBe(true);
      expect(s.notebook().cells).toEqual([]);
      expect(s.undo("undo")).toBe(true);
      expect(valueIn(s, CAPACITY)).toBe(DEFAULT);
      expect(s.notebook().log.map((e) => [e.from, e.to, e.reason])).toEqual([
        [DEFAULT, 300, ""],
        [300, DEFAULT, "undo"],
      ]);
      expect(s.canUndo()).toBe(false);
      expect(s.redo("redo")).toBe(true);
      expect(valueIn(s, CAPACITY)).toBe(300);
      expect(s.redo("redo")).toBe(true);
      expect(s.notebook().cells.map((c) => c.kind)).toEqual(["note"]);
      expect(s.redo("redo")).toBe(false);
    }));

  it("passes workspace actuals to the models, over a scenario's own", () =>
    withStore((s) => {
      s.mergeActuals("jiaxing-2021-2025", [{ indicatorId: RETROFIT, year: 2022, value: 400 }]);
      const m = s.runModel();
      expect(expectOk(m).actuals).toContainEqual({ indicatorId: RETROFIT, year: 2022, value: 400 });
      s.clearActuals("jiaxing-2021-2025");
      expect(s.actualsOf("jiaxing-2021-2025")).toEqual([]);
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
      s.createScenario({ from: JIAXING, name: "Mine" });
      s.setAssumption(CAPACITY, 320);
      const added = s.addCell({ kind: "verdict", indicatorId: RETROFIT });
      if (added.ok) cellId = added.value;
      snap = s.snapshot("en", "2024-05-01T10:00:00.000Z");
    });
    const ws = migrate(JSON.parse(JSON.stringify(snap)));
    expect(ws.ok).toBe(true);
    if (!ws.ok) return;
    withStore((s) => {
      expect(s.hydrate(ws.value).ok).toBe(true);
      expect(s.state.scenarioId).toBe("mine-1");
      expect(valueIn(s, CAPACITY)).toBe(320);
      // The id the cell was given in the tab that made it: `c1` and that tab's tag.
      expect(cellId).toMatch(/^c1-[a-z0-9]{4}$/);
      expect(s.notebook().cells).toEqual([{ id: cellId, kind: "verdict", indicatorId: RETROFIT }]);
      expect(s.canUndo()).toBe(false);
    });
  });

  it("gives cells made in two tabs different ids, so a merge of both tabs' saves renames neither", () => {
    createRoot((dispose) => {
      const at = "2024-05-01T10:00:00.000Z";
      const a = createWorkbenchStore(lib, { scenarioId: JIAXING }, { cellTag: "aaaa" });
      const b = createWorkbenchStore(lib, { scenarioId: JIAXING }, { cellTag: "bbbb" });
      const base = a.snapshot("en", at);
      const inA = a.addCell({ kind: "note", markdown: "A's note" });
      const inB = b.addCell({ kind: "note", markdown: "B's note" });
      expect(inA).toEqual({ ok: true, value: "c1-aaaa" });
      expect(inB).toEqual({ ok: true, value: "c1-bbbb" });
      const merged = mergeWorkspaces(base, a.snapshot("en", at), b.snapshot("en", at));
      const cells = merged.notebooks[JIAXING]?.cells ?? [];
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
      theirs.notebooks[JIAXING].cells.push({ id: "c9-zzzz", kind: "note", markdown: "from the other tab" });
      expect(s.absorb(theirs).ok).toBe(true);
      const cells = s.notebook().cells;
      expect(cells.map((c) => c.id)).toEqual([keptId, "c9-zzzz"]);
      expect(cells[0]).toBe(before);
    }));

  it("refuses a workspace whose scenario extends one that does not exist, changing nothing", () =>
    withStore((s) => {
      s.setAssumption(CAPACITY, 300);
      const ws = s.snapshot("en");
      ws.scenarios = [
        {
          schemaVersion: 1,
          id: "orphan",
          planId: "jiaxing-2021-2025",
          name: { zh: "孤", en: "Orphan" },
          extends: "gone",
        },
      ];
      const r = s.hydrate(ws, "file.json");
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error[0]).toMatchObject({ file: "file.json", path: "extends" });
      expect(valueIn(s, CAPACITY)).toBe(300);
      expect(s.clashOf("orphan")).toBe("none");
    }));

  it("shares the open scenario with its edits, and adds a shared one beside a clashing id", () =>
    withStore((s) => {
      s.setAssumption(CAPACITY, 300);
      const shared = s.shareable();
      expect(shared.ok).toBe(true);
      if (!shared.ok) return;
      expect(shared.value).toMatchObject({ id: `${JIAXING}-shared`, extends: JIAXING });
      expect(shared.value.overrides?.[CAPACITY]?.value).toBe(300);
      expect(s.addScenario(shared.value, "new").ok).toBe(true);
      expect(s.clashOf(`${JIAXING}-shared`)).toBe("created");
      expect(s.addScenario(shared.value, "new").ok).toBe(false);
      const again = s.addScenario(shared.value, "rename");
      expect(expectOk(again)).toBe(`${JIAXING}-shared-2`);
      expect(valueIn(s, CAPACITY)).toBe(300);
      const base = parseScenario(
        {
          schemaVersion: 1,
          id: JIAXING,
          planId: "jiaxing-2021-2025",
          name: { zh: "x", en: "x" },
          extends: JIAXING,
        },
        "x",
      );
      // A shipped scenario is never replaced by one of the same id.
      expect(s.addScenario(expectOk(base), "replace").ok).toBe(false);
    }));
});
