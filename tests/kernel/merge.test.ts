import { describe, expect, it } from "vitest";
import type { ScenarioFile } from "../../models/scenario.ts";
import { mergeCells, mergeWorkspaces } from "../../src/kernel/merge.ts";
import type { Cell } from "../../src/kernel/notebook.ts";
import { emptyWorkspace, type Workspace } from "../../src/kernel/workspace.ts";

const SAVED = "2024-05-01T09:30:00.000Z";
const base = (): Workspace => emptyWorkspace({ language: "en", savedAt: SAVED });
const note = (id: string, markdown: string): Cell => ({ id, kind: "note", markdown });
const mine = (id: string, name: string): ScenarioFile => ({
  schemaVersion: 1,
  id,
  planId: "jiaxing-2021-2025",
  name: { zh: name, en: name },
  extends: "jiaxing-baseline",
  overrides: { "retrofit.capacity1": { value: name.length * 100 } },
});

describe("merging two tabs' work", () => {
  it("keeps a cell each side added, even under the same id; a deletion wins only over an unchanged cell", () => {
    const b = [note("c1", "kept"), note("c2", "deleted there"), note("c3", "deleted here, changed there")];
    const m = [note("c1", "kept"), note("c2", "deleted there"), note("c4", "mine")];
    const t = [note("c1", "kept"), note("c3", "changed there"), note("c4", "theirs")];
    expect(mergeCells(b, m, t)).toEqual([
      note("c1", "kept"),
      note("c4", "mine"),
      note("c5", "theirs"),
      note("c3", "changed there"),
    ]);
  });

  it("keeps both versions of a note both sides changed differently", () => {
    const out = mergeCells([note("c1", "old")], [note("c1", "mine")], [note("c1", "theirs")]);
    expect(out).toEqual([note("c1", "mine"), note("c2", "theirs")]);
  });

  it("merges edits assumption by assumption, and the logs of both", () => {
    const b = base();
    const at = (s: number) => `2024-05-01T10:00:0${s}.000Z`;
    const m: Workspace = {
      ...b,
      edits: { s: { a: { value: 1 }, shared: { value: 5 } } },
      notebooks: { s: { cells: [], log: [{ at: at(1), assumptionId: "a", from: 0, to: 1, reason: "" }] } },
    };
    const t: Workspace = {
      ...b,
      edits: { s: { b: { value: 2 }, shared: { value: 6 } } },
      notebooks: { s: { cells: [], log: [{ at: at(2), assumptionId: "b", from: 0, to: 2, reason: "" }] } },
    };
    const out = mergeWorkspaces(b, m, t);
    // One value both set: mine. The log still has both changes.
    expect(out.edits).toEqual({ s: { a: { value: 1 }, b: { value: 2 }, shared: { value: 5 } } });
    expect(out.notebooks.s?.log.map((e) => e.assumptionId)).toEqual(["a", "b"]);
  });

  it("gives their scenario a free id when mine took the same id, moving its edits and notes along", () => {
    const b = base();
    const m: Workspace = {
      ...b,
      scenarios: [mine("mine-1", "Mine")],
      edits: { "mine-1": { x: { value: 1 } } },
    };
    const t: Workspace = {
      ...b,
      scenarios: [mine("mine-1", "Theirs")],
      edits: { "mine-1": { y: { value: 2 } } },
      notebooks: { "mine-1": { cells: [note("c1", "about theirs")], log: [] } },
    };
    const out = mergeWorkspaces(b, m, t);
    expect(out.scenarios.map((s) => [s.id, s.name.en])).toEqual([
      ["mine-1", "Mine"],
      ["mine-1-2", "Theirs (mine-1-2)"],
    ]);
    expect(out.edits).toEqual({ "mine-1": { x: { value: 1 } }, "mine-1-2": { y: { value: 2 } } });
    expect(out.notebooks).toEqual({ "mine-1-2": { cells: [note("c1", "about theirs")], log: [] } });
  });

  it("takes their change where mine did not change, returns mine untouched when they changed nothing", () => {
    const b: Workspace = { ...base(), settings: { samples: 2000, seed: 1, sampling: "lhs" } };
    const t: Workspace = {
      ...b,
      settings: { ...b.settings, seed: 7 },
      selected: { planId: "p", scenarioId: null },
    };
    const m: Workspace = { ...b, language: "zh-CN" };
    const out = mergeWorkspaces(b, m, t);
    expect(out.settings.seed).toBe(7);
    expect(out.language).toBe("zh-CN");
    expect(out.selected).toEqual(m.selected);
    expect(mergeWorkspaces(b, m, b)).toBe(m);
  });
});
