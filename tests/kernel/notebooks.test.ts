import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import { createNotebooks, type Notebooks } from "../../src/kernel/notebooks.ts";

function withNotebooks(body: (n: Notebooks, records: string[], clock: { t: number }) => void): void {
  createRoot((dispose) => {
    const records: string[] = [];
    const clock = { t: Date.parse("2024-05-01T09:00:00.000Z") };
    try {
      body(createNotebooks({ now: () => clock.t, record: (l) => records.push(l) }), records, clock);
    } finally {
      dispose();
    }
  });
}

describe("notebooks", () => {
  it("adds, edits, moves and removes cells of one scenario, recording each real change", () =>
    withNotebooks((n, records) => {
      const a = n.add("s", { kind: "note", markdown: "one" });
      const b = n.add("s", { kind: "verdict", indicatorId: "x" });
      expect(a.ok && b.ok).toBe(true);
      if (!a.ok || !b.ok) return;
      n.updateNote("s", a.value, "one");
      n.updateNote("s", a.value, "uno");
      n.move("s", 0, 1);
      expect(n.of("s").cells.map((c) => c.id)).toEqual([b.value, a.value]);
      n.remove("s", b.value);
      expect(n.of("s").cells).toHaveLength(1);
      expect(n.of("other").cells).toEqual([]);
      // The unchanged note is no step.
      expect(records).toEqual([
        `add:${a.value}`,
        `add:${b.value}`,
        `note:${a.value}`,
        "move:0:1",
        `remove:${b.value}`,
      ]);
      expect(n.updateNote("s", "no-such-cell", "x").ok).toBe(false);
    }));

  it("logs value changes with the time and reason, a burst within the window as one entry", () =>
    withNotebooks((n, _records, clock) => {
      n.setReason("budget cut");
      n.logValue("s", "x", 1, 2, n.reason(), 500);
      clock.t += 100;
      n.logValue("s", "x", 2, 3, n.reason(), 500);
      n.logValue("s", "x", 3, 3, "none", 0);
      expect(n.of("s").log).toEqual([
        { at: "2024-05-01T09:00:00.100Z", assumptionId: "x", from: 1, to: 3, reason: "budget cut" },
      ]);
      n.setReason("y".repeat(3000));
      expect(n.reason()).toHaveLength(2000);
    }));

  it("restores cells undo kept and leaves the log as it is", () =>
    withNotebooks((n) => {
      const kept = n.cells();
      n.add("s", { kind: "note", markdown: "later" });
      n.logValue("s", "x", 1, 2, "r", 0);
      n.restoreCells(kept);
      expect(n.of("s").cells).toEqual([]);
      expect(n.of("s").log).toHaveLength(1);
    }));
});
