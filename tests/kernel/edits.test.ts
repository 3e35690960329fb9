import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import { createEdits, type Edits } from "../../src/kernel/edits.ts";
import { createScenarioBook } from "../../src/kernel/scenario-book.ts";
import { BASELINE, PLAN_ID, TEACHING, tinyAssumptions, tinyLibrary } from "./fixtures/tiny.ts";

const lib = tinyLibrary();
const { uncertain, certain } = tinyAssumptions(lib);
const a = lib.scenarios.get(BASELINE)!.assumptions![certain]!;
const mid = (a.min + a.max) / 2 === a.value ? (a.min + a.value) / 2 : (a.min + a.max) / 2;

type Heard = { logged: [string, string, number, number, number][]; records: string[]; planChanges: number };
function withEdits(body: (e: Edits, heard: Heard) => void): void {
  createRoot((dispose) => {
    const heard: Heard = { logged: [], records: [], planChanges: 0 };
    try {
      const e = createEdits(createScenarioBook(lib), {
        logged: (...x) => heard.logged.push(x),
        record: (l) => heard.records.push(l),
        planChanged: () => heard.planChanges++,
      });
      body(e, heard);
    } finally {
      dispose();
    }
  });
}

describe("edits and selection", () => {
  it("opens a plan at its baseline and a scenario with its plan, and says when the plan changed", () =>
    withEdits((e, heard) => {
      expect(e.selectPlan(PLAN_ID)).toEqual({ ok: true, value: PLAN_ID });
      expect(e.scenarioId()).toBe(BASELINE);
      e.selectScenario(TEACHING);
      expect([e.planId(), e.scenarioId(), heard.planChanges]).toEqual([PLAN_ID, TEACHING, 1]);
      expect(e.selectPlan("nope").ok).toBe(false);
      expect(e.selectScenario("nope").ok).toBe(false);
      expect(e.scenarioId()).toBe(TEACHING);
    }));

  it("refuses a change before a scenario is open, or out of range, and stores nothing", () =>
    withEdits((e, heard) => {
      expect(e.setAssumption(certain, mid).ok).toBe(false);
      e.selectScenario(BASELINE);
      for (const bad of [a.max + 1, a.min - 1, Number.NaN])
        expect(e.setAssumption(certain, bad).ok).toBe(false);
      expect(e.setAssumption("no.such", 1).ok).toBe(false);
      expect(e.plain()).toEqual({});
      expect(heard.records).toEqual([]);
    }));

  it("keeps only differences, logs from → to, and records each change", () =>
    withEdits((e, heard) => {
      e.selectScenario(BASELINE);
      expect(e.setAssumption(certain, mid)).toEqual({ ok: true, value: mid });
      expect(e.isEdited(certain)).toBe(true);
      expect(e.editsOf(BASELINE)).toEqual({ [certain]: { value: mid } });
      e.setAssumption(certain, a.value);
      expect(e.plain()).toEqual({});
      expect(heard.logged).toEqual([
        [BASELINE, certain, a.value, mid, 500],
        [BASELINE, certain, mid, a.value, 500],
      ]);
      expect(heard.records).toEqual([`assumption:${certain}`, `assumption:${certain}`]);
    }));

  it("resets one edit or all, logging the way back", () =>
    withEdits((e, heard) => {
      e.selectScenario(BASELINE);
      e.setAssumption(certain, mid);
      e.toggleUncertainty(uncertain);
      e.resetAssumption(certain);
      expect(heard.logged.at(-1)).toEqual([BASELINE, certain, mid, a.value, 0]);
      expect(Object.keys(e.plain()[BASELINE]!)).toEqual([uncertain]);
      e.resetAll();
      expect(e.plain()).toEqual({});
      expect(heard.records.slice(-2)).toEqual([`reset:${certain}`, "reset-all"]);
    }));

  it("switches uncertainty off and on again, and refuses it where there is no distribution", () =>
    withEdits((e) => {
      e.selectScenario(BASELINE);
      expect(e.toggleUncertainty(uncertain)).toEqual({ ok: true, value: false });
      expect(e.editsOf(BASELINE)[uncertain]).toEqual({ uncertainty: null });
      expect(e.toggleUncertainty(uncertain)).toEqual({ ok: true, value: true });
      expect(e.plain()).toEqual({});
      expect(e.toggleUncertainty(certain).ok).toBe(false);
    }));

  it("replaces and drops edits as plain copies", () =>
    withEdits((e) => {
      const next = { [TEACHING]: { [certain]: { value: mid } } };
      e.replace(next);
      next[TEACHING]![certain]!.value = 0;
      expect(e.plain()).toEqual({ [TEACHING]: { [certain]: { value: mid } } });
      e.drop(TEACHING);
      expect(e.plain()).toEqual({});
    }));
});
