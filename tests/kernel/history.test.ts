import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import { createHistory, historyOf, pushState, redoState, undoState } from "../../src/kernel/history.ts";

describe("history core", () => {
  it("undoes and redoes in order, and a push clears redo", () => {
    let h = historyOf(0);
    h = pushState(h, 1, "a", 0);
    h = pushState(h, 2, "b", 1000);
    h = undoState(h);
    expect(h.present).toBe(1);
    expect(h.future.map((f) => f.label)).toEqual(["b"]);
    h = redoState(h);
    expect(h.present).toBe(2);
    h = undoState(undoState(h));
    expect(h.present).toBe(0);
    expect(undoState(h)).toBe(h);
    h = pushState(h, 9, "c", 2000);
    expect(h.future).toEqual([]);
    expect(redoState(h)).toBe(h);
  });

  it("coalesces consecutive pushes with the same label within 500 ms into one step", () => {
    let h = historyOf(0);
    for (let i = 1; i <= 20; i++) h = pushState(h, i, "assumption:budget", i * 100);
    expect(h.present).toBe(20);
    expect(h.past).toHaveLength(1);
    expect(undoState(h).present).toBe(0);
  });

  it("starts a new step after a pause, a different label, or an undo", () => {
    let h = pushState(historyOf(0), 1, "x", 0);
    h = pushState(h, 2, "x", 501);
    expect(h.past).toHaveLength(2);
    h = pushState(h, 3, "y", 600);
    expect(h.past).toHaveLength(3);
    h = undoState(h);
    h = pushState(h, 4, "x", 650);
    h = pushState(h, 5, "x", 700);
    expect(h.past.map((p) => p.value)).toEqual([0, 1, 2]);
    expect(h.present).toBe(5);
  });

  it("keeps at most `limit` steps, dropping the oldest", () => {
    let h = historyOf(0);
    for (let i = 1; i <= 10; i++) h = pushState(h, i, `s${i}`, i * 1000, { limit: 3 });
    expect(h.past.map((p) => p.value)).toEqual([7, 8, 9]);
  });

  it("ignores a push of the very same value", () => {
    const v = { a: 1 };
    const h = historyOf(v);
    expect(pushState(h, v, "x", 0)).toBe(h);
  });
});

describe("createHistory", () => {
  it("exposes the core through signals, with labels for the undo and redo buttons", () =>
    createRoot((dispose) => {
      let t = 0;
      const h = createHistory("a", { now: () => t });
      expect(h.canUndo()).toBe(false);
      h.push("b", "rename");
      t = 100;
      h.push("c", "rename");
      t = 2000;
      h.push("d", "pin");
      expect(h.undoLabel()).toBe("pin");
      expect(h.undo()).toBe("c");
      expect(h.undo()).toBe("a");
      expect(h.undo()).toBeUndefined();
      expect(h.canRedo()).toBe(true);
      expect(h.redoLabel()).toBe("rename");
      expect(h.redo()).toBe("c");
      expect(h.present()).toBe("c");
      h.reset("z");
      expect([h.present(), h.canUndo(), h.canRedo()]).toEqual(["z", false, false]);
      dispose();
    }));
});
