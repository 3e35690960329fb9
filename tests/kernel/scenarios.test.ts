import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import { createActuals } from "../../src/kernel/actuals.ts";
import { createEdits } from "../../src/kernel/edits.ts";
import { createScenarioBook } from "../../src/kernel/scenario-book.ts";
import { createScenarios, MAX_COMPARE, type Scenarios } from "../../src/kernel/scenarios.ts";
import { expectOk } from "../expect-result.ts";
import { BASELINE, PLAN_ID, TEACHING, tinyAssumptions, tinyLibrary } from "./fixtures/tiny.ts";

const lib = tinyLibrary();
const { certain } = tinyAssumptions(lib);
const a = lib.scenarios.get(BASELINE)!.assumptions![certain]!;
const mid = (a.min + a.max) / 2 === a.value ? (a.min + a.value) / 2 : (a.min + a.max) / 2;

function withScenarios(
  body: (
    s: Scenarios,
    parts: { edits: ReturnType<typeof createEdits>; actuals: ReturnType<typeof createActuals> },
  ) => void,
): void {
  createRoot((dispose) => {
    try {
      const book = createScenarioBook(lib);
      let s!: Scenarios;
      const edits = createEdits(book, { planChanged: () => s.clearCompare() });
      const actuals = createActuals();
      s = createScenarios({ book, edits, actuals });
      edits.selectScenario(BASELINE);
      body(s, { edits, actuals });
    } finally {
      dispose();
    }
  });
}

describe("scenarios and comparison", () => {
  it("runs a scenario with its edits and the plan's actuals laid over its own (the one resolution)", () =>
    withScenarios((s, { edits, actuals }) => {
      edits.setAssumption(certain, mid);
      actuals.merge(PLAN_ID, [{ indicatorId: "ty-t01-rehab-coverage", year: 2021, value: 81 }]);
      const m = s.runModelOf(BASELINE);
      expect(expectOk(m).assumptions[certain]!.value).toBe(mid);
      expect(expectOk(m).actuals).toEqual([{ indicatorId: "ty-t01-rehab-coverage", year: 2021, value: 81 }]);
      // Another scenario's run model has its own (no) edits.
      const t = s.runModelOf(TEACHING);
      expect(expectOk(t).assumptions[certain]!.value).toBe(a.value);
      expect(() => structuredClone(m)).not.toThrow();
    }));

  it("makes a scenario as a copy with the unsaved edits as overrides, and opens it", () =>
    withScenarios((s, { edits }) => {
      edits.setAssumption(certain, mid);
      expect(s.create({ from: BASELINE, name: " " }).ok).toBe(false);
      const r = s.create({ from: BASELINE, name: "Mine" });
      expect(r).toEqual({ ok: true, value: "mine-1" });
      expect(edits.scenarioId()).toBe("mine-1");
      const m = s.runModelOf("mine-1");
      expect(expectOk(m).assumptions[certain]!.value).toBe(mid);
      expect(s.list().map((e) => [e.id, e.created])).toEqual([
        [BASELINE, false],
        [TEACHING, false],
        ["mine-1", true],
      ]);
    }));

  it("compares up to four scenarios of the open plan; another plan clears the set", () =>
    withScenarios((s) => {
      expect(s.toggleCompare(BASELINE)).toEqual({ ok: true, value: [BASELINE] });
      expect(s.toggleCompare(TEACHING)).toEqual({ ok: true, value: [BASELINE, TEACHING] });
      for (let i = 0; i < 3; i++) s.create({ from: "defaults", name: `m${i}` });
      s.toggleCompare("mine-1");
      s.toggleCompare("mine-2");
      expect(s.compare()).toHaveLength(MAX_COMPARE);
      expect(s.toggleCompare("mine-3").ok).toBe(false);
      expect(s.toggleCompare(BASELINE)).toEqual({ ok: true, value: [TEACHING, "mine-1", "mine-2"] });
      expect(s.toggleCompare("nowhere").ok).toBe(false);
    }));

  it("adds a scenario from outside: refuses a taken id, keeps both on rename, never replaces a shipped one", () =>
    withScenarios((s) => {
      const file = { ...lib.scenarios.get(TEACHING)! };
      expect(s.add(file, "new").ok).toBe(false);
      expect(s.add(file, "replace").ok).toBe(false);
      expect(s.add(file, "rename")).toEqual({ ok: true, value: `${TEACHING}-2` });
    }));

  it("shares the open scenario as one file that extends a shipped one, edits folded in", () =>
    withScenarios((s, { edits }) => {
      s.create({ from: BASELINE, name: "first" });
      edits.setAssumption(certain, mid);
      const r = s.shareable();
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.id).toBe("mine-1");
      expect(r.value.extends).toBe(BASELINE);
      expect(r.value.overrides?.[certain]?.value).toBe(mid);
    }));
});
