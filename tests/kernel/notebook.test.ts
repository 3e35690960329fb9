import { describe, expect, it } from "vitest";
import {
  addCell,
  danglingCells,
  emptyNotebook,
  logChange,
  MAX_NOTE_CHARS,
  moveCell,
  type Notebook,
  notebookSchema,
  removeCell,
  updateNote,
} from "../../src/kernel/notebook.ts";
import { expectErr } from "../expect-result.ts";

/** Unwraps an operation that must succeed. */
function ok<T>(r: { ok: true; value: T } | { ok: false; error: { en: string } }): T {
  if (!r.ok) throw new Error(r.error.en);
  return r.value;
}

/** A notebook with a note, a pinned verdict and a pinned chart, in that order. */
function three(): Notebook {
  let nb = emptyNotebook();
  nb = ok(addCell(nb, { kind: "note", markdown: "# Why" })).notebook;
  nb = ok(addCell(nb, { kind: "verdict", indicatorId: "jx-t1-rehab" })).notebook;
  nb = ok(addCell(nb, { kind: "chart", indicatorId: "jx-t1-rehab" })).notebook;
  return Object.freeze(nb);
}

const AT = "2024-05-01T09:30:00.000Z";
const later = (ms: number) => new Date(Date.parse(AT) + ms).toISOString();

describe("notebook cells", () => {
  it("adds cells with deterministic ids, at the end or at a position, without touching the original", () => {
    const nb = three();
    expect(nb.cells.map((c) => c.id)).toEqual(["c1", "c2", "c3"]);
    expect(nb.cells[1]).toEqual({ id: "c2", kind: "verdict", indicatorId: "jx-t1-rehab" });
    const { notebook, id } = ok(addCell(nb, { kind: "note" }, { at: 0 }));
    expect(id).toBe("c4");
    expect(notebook.cells.map((c) => c.id)).toEqual(["c4", "c1", "c2", "c3"]);
    expect(nb.cells).toHaveLength(3);
    expect(notebookSchema.safeParse(notebook).success).toBe(true);
  });

  it("refuses a taken id, a bad indicator id, a bad position and an over-long note, in both languages", () => {
    const nb = three();
    const taken = addCell(nb, { kind: "note" }, { id: "c1" });
    expect(taken.ok).toBe(false);
    expect(expectErr(taken).zh).toContain("c1");
    expect(addCell(nb, { kind: "chart", indicatorId: "Not An Id" }).ok).toBe(false);
    const pos = addCell(nb, { kind: "note" }, { at: 9 });
    expect(expectErr(pos).en).toMatch(/position 9/);
    const long = addCell(nb, { kind: "note", markdown: "x".repeat(MAX_NOTE_CHARS + 1) });
    expect(expectErr(long).en).toMatch(/split it/);
  });

  it("updates a note's text, only a note's, and keeps the object when nothing changed", () => {
    const nb = three();
    const next = ok(updateNote(nb, "c1", "Budget grows **5%**"));
    expect(next.cells[0]).toEqual({ id: "c1", kind: "note", markdown: "Budget grows **5%**" });
    expect(next.cells[1]).toBe(nb.cells[1]);
    expect(nb.cells[0]).toEqual({ id: "c1", kind: "note", markdown: "# Why" });
    expect(ok(updateNote(nb, "c1", "# Why"))).toBe(nb);
    const notNote = updateNote(nb, "c2", "x");
    expect(expectErr(notNote).en).toBe('cell "c2" is not a note');
    const missing = updateNote(nb, "c9", "x");
    expect(expectErr(missing).zh).toBe("找不到单元 “c9”");
  });

  it("moves a cell down, up, and refuses positions outside the list", () => {
    const nb = three();
    expect(ok(moveCell(nb, 0, 2)).cells.map((c) => c.id)).toEqual(["c2", "c3", "c1"]);
    expect(ok(moveCell(nb, 2, 1)).cells.map((c) => c.id)).toEqual(["c1", "c3", "c2"]);
    expect(ok(moveCell(nb, 1, 1))).toBe(nb);
    expect(moveCell(nb, 0, 3).ok).toBe(false);
    expect(moveCell(nb, -1, 0).ok).toBe(false);
    expect(moveCell(nb, 0.5, 1).ok).toBe(false);
    expect(nb.cells.map((c) => c.id)).toEqual(["c1", "c2", "c3"]);
  });

  it("removes a cell, and never reuses a live id", () => {
    const nb = ok(removeCell(three(), "c2"));
    expect(nb.cells.map((c) => c.id)).toEqual(["c1", "c3"]);
    expect(ok(addCell(nb, { kind: "note" })).id).toBe("c4");
    expect(removeCell(nb, "c2").ok).toBe(false);
  });

  it("finds pinned cells whose indicator is no longer in the plan, keeping notes out of it", () => {
    expect(danglingCells(three(), new Set(["jx-t1-rehab"]))).toEqual([]);
    expect(danglingCells(three(), new Set()).map((c) => c.id)).toEqual(["c2", "c3"]);
  });

  it("rejects a stored notebook with duplicate cell ids, naming the cell", () => {
    const bad = { cells: [...three().cells, { id: "c1", kind: "note", markdown: "" }], log: [] };
    const r = notebookSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["cells", 3, "id"]);
  });
});

describe("assumption log", () => {
  const entry = { at: AT, assumptionId: "budget-growth", from: 5, to: 6, reason: "2023 budget law" };

  it("appends entries in order", () => {
    let nb = ok(logChange(emptyNotebook(), entry));
    nb = ok(logChange(nb, { ...entry, at: later(10), from: 6, to: null, reason: "" }));
    expect(nb.log).toEqual([entry, { ...entry, at: later(10), from: 6, to: null, reason: "" }]);
  });

  it("merges a drag of the same assumption with the same reason, keeping the first from", () => {
    let nb = ok(logChange(emptyNotebook(), entry, { mergeWithinMs: 500 }));
    nb = ok(logChange(nb, { ...entry, at: later(200), from: 6, to: 7 }, { mergeWithinMs: 500 }));
    expect(nb.log).toEqual([{ ...entry, at: later(200), from: 5, to: 7 }]);
    // Another assumption, or later than the window, starts a new entry.
    nb = ok(
      logChange(nb, { ...entry, at: later(300), assumptionId: "x", from: 1, to: 2 }, { mergeWithinMs: 500 }),
    );
    expect(nb.log).toHaveLength(2);
    // A drag back to where it began leaves nothing.
    let back = ok(logChange(emptyNotebook(), entry, { mergeWithinMs: 500 }));
    back = ok(logChange(back, { ...entry, at: later(100), from: 6, to: 5 }, { mergeWithinMs: 500 }));
    expect(back.log).toEqual([]);
  });

  it("refuses an entry with a bad time or a non-finite number", () => {
    expect(logChange(emptyNotebook(), { ...entry, at: "yesterday" }).ok).toBe(false);
    expect(logChange(emptyNotebook(), { ...entry, to: Number.NaN }).ok).toBe(false);
  });
});
