import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import { createActuals } from "../../src/kernel/actuals.ts";
import { createEdits } from "../../src/kernel/edits.ts";
import { createNotebooks } from "../../src/kernel/notebooks.ts";
import { createScenarioBook } from "../../src/kernel/scenario-book.ts";
import { createUndo, type Undo } from "../../src/kernel/undo.ts";
import { BASELINE, PLAN_ID, tinyAssumptions, tinyLibrary } from "./fixtures/tiny.ts";

const lib = tinyLibrary();
const { certain } = tinyAssumptions(lib);
const a = lib.scenarios.get(BASELINE)!.assumptions![certain]!;
const mid = (a.min + a.max) / 2 === a.value ? (a.min + a.value) / 2 : (a.min + a.max) / 2;

describe("undo", () => {
  it("steps edits, cells and actuals back and forth; the log records the undo with its reason", () =>
    createRoot((dispose) => {
      const clock = { t: 0 };
      let undo!: Undo;
      const record = (l: string) => undo.record(l);
      const book = createScenarioBook(lib);
      const notebooks = createNotebooks({ now: () => clock.t, record });
      const edits = createEdits(book, {
        record,
        logged: (s, i, f, t, m) => notebooks.logValue(s, i, f, t, "", m),
      });
      const actuals = createActuals();
      undo = createUndo({ book, edits, notebooks, actuals, now: () => clock.t });
      edits.selectScenario(BASELINE);
      undo.reset();
      expect(undo.canUndo()).toBe(false);

      edits.setAssumption(certain, mid);
      clock.t += 1000;
      notebooks.add(BASELINE, { kind: "note", markdown: "n" });
      clock.t += 1000;
      actuals.merge(PLAN_ID, [{ indicatorId: "ty-t01-rehab-coverage", year: 2021, value: 81 }]);
      undo.record("actuals");
      expect(undo.undoLabel()).toBe("actuals");

      expect(undo.undo("undo")).toBe(true);
      expect(actuals.of(PLAN_ID)).toEqual([]);
      expect(undo.undo("undo")).toBe(true);
      expect(notebooks.of(BASELINE).cells).toEqual([]);
      expect(undo.undo("undo")).toBe(true);
      expect(edits.plain()).toEqual({});
      expect(undo.undo("undo")).toBe(false);
      expect(notebooks.of(BASELINE).log.at(-1)).toMatchObject({ from: mid, to: a.value, reason: "undo" });

      expect(undo.redo("redo")).toBe(true);
      expect(edits.plain()).toEqual({ [BASELINE]: { [certain]: { value: mid } } });
      expect(notebooks.of(BASELINE).log.at(-1)).toMatchObject({ from: a.value, to: mid, reason: "redo" });
      expect(undo.canRedo()).toBe(true);
      undo.reset();
      expect([undo.canUndo(), undo.canRedo()]).toEqual([false, false]);
      dispose();
    }));
});
