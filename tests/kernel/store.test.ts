import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import type { Assumption } from "../../models/scenario.ts";
import { createWorkbenchStore, DEFAULT_SETTINGS, type WorkbenchStore } from "../../src/kernel/store.ts";
import { expectOk } from "../expect-result.ts";
import { BASELINE, OTHER_BASELINE, OTHER_PLAN_ID, PLAN_ID, tinyLibrary } from "./fixtures/tiny.ts";

/** The store over a tiny literal library (tests/kernel/fixtures/tiny.ts): two plans, so a plan can change. */
const lib = tinyLibrary({ secondPlan: true });
const defaults = lib.scenarios.get(BASELINE)!.assumptions!;
/** An assumption with an uncertainty distribution and room to move. */
const [UNCERTAIN, uncertain] = Object.entries(defaults).find(([, a]) => a.uncertainty && a.max > a.min) as [
  string,
  Assumption,
];
/** An assumption without uncertainty. */
const [CERTAIN] = Object.entries(defaults).find(([, a]) => !a.uncertainty)!;
/** A value inside the allowed range that differs from the default. */
const mid = (a: Assumption) => {
  const m = (a.min + a.max) / 2;
  return m === a.value ? (a.min + m) / 2 : m;
};

function withStore(body: (s: WorkbenchStore) => void): void {
  createRoot((dispose) => {
    try {
      body(createWorkbenchStore(lib, { scenarioId: BASELINE }));
    } finally {
      dispose();
    }
  });
}

function modelValue(s: WorkbenchStore, id: string): Assumption {
  const m = s.runModel();
  if (!m?.ok) throw new Error(`no run model: ${JSON.stringify(m)}`);
  return m.value.assumptions[id]!;
}

describe("createWorkbenchStore", () => {
  it("opens the chosen scenario with its plan and the default settings", () =>
    withStore((s) => {
      expect(s.state.planId).toBe(PLAN_ID);
      expect(s.state.scenarioId).toBe(BASELINE);
      expect(s.state.settings).toEqual({ samples: 2000, seed: 1, sampling: "lhs" });
      expect(DEFAULT_SETTINGS.samples).toBe(2000);
      const req = s.evaluateRequest();
      expect(expectOk(req).samples).toBe(2000);
      // Plain data only: a store proxy here would fail the structured clone to a worker.
      expect(() => structuredClone(req)).not.toThrow();
    }));

  it("stores a valid value and refuses one outside the allowed range, changing nothing", () =>
    withStore((s) => {
      const ok = s.setAssumption(UNCERTAIN, mid(uncertain));
      expect(ok).toEqual({ ok: true, value: mid(uncertain) });
      expect(modelValue(s, UNCERTAIN).value).toBe(mid(uncertain));
      expect(s.isEdited(UNCERTAIN)).toBe(true);

      for (const bad of [uncertain.max + 1, uncertain.min - 1, Number.NaN, Number.POSITIVE_INFINITY]) {
        const r = s.setAssumption(UNCERTAIN, bad);
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error.zh).toContain(uncertain.label.zh);
          expect(r.error.en).toContain(uncertain.label.en);
        }
      }
      expect(modelValue(s, UNCERTAIN).value).toBe(mid(uncertain));

      const unknown = s.setAssumption("no.such", 1);
      expect(unknown.ok).toBe(false);
      if (!unknown.ok) expect(unknown.error.en).toContain("no.such");
    }));

  it("accepts the range's own bounds, and setting the default back is no edit", () =>
    withStore((s) => {
      expect(s.setAssumption(UNCERTAIN, uncertain.max).ok).toBe(true);
      expect(s.setAssumption(UNCERTAIN, uncertain.min).ok).toBe(true);
      expect(s.setAssumption(UNCERTAIN, uncertain.value).ok).toBe(true);
      expect(s.isEdited(UNCERTAIN)).toBe(false);
      expect(s.state.edits).toEqual({});
    }));

  it("resets one assumption, then all of them", () =>
    withStore((s) => {
      const [other, o] = Object.entries(defaults).find(([k, a]) => k !== UNCERTAIN && a.max > a.min)!;
      s.setAssumption(UNCERTAIN, mid(uncertain));
      s.setAssumption(other, mid(o));
      s.resetAssumption(UNCERTAIN);
      expect(modelValue(s, UNCERTAIN).value).toBe(uncertain.value);
      expect(modelValue(s, other).value).toBe(mid(o));
      s.resetAll();
      expect(modelValue(s, other).value).toBe(o.value);
      expect(s.state.edits).toEqual({});
    }));

  it("switches uncertainty off and back on, and refuses where there is no distribution", () =>
    withStore((s) => {
      expect(modelValue(s, UNCERTAIN).uncertainty).toEqual(uncertain.uncertainty);
      expect(s.toggleUncertainty(UNCERTAIN)).toEqual({ ok: true, value: false });
      expect(modelValue(s, UNCERTAIN).uncertainty).toBeUndefined();
      expect(s.isEdited(UNCERTAIN)).toBe(true);
      expect(s.toggleUncertainty(UNCERTAIN)).toEqual({ ok: true, value: true });
      expect(modelValue(s, UNCERTAIN).uncertainty).toEqual(uncertain.uncertainty);
      expect(s.isEdited(UNCERTAIN)).toBe(false);

      const r = s.toggleUncertainty(CERTAIN);
      expect(r.ok).toBe(false);
      expect(modelValue(s, CERTAIN).uncertainty).toBeUndefined();
    }));

  it("creates a scenario from the plan's defaults and opens it", () =>
    withStore((s) => {
      s.setAssumption(UNCERTAIN, mid(uncertain));
      const r = s.createScenario({ from: "defaults", name: "My plan B" });
      if (!r.ok) throw new Error(r.error.en);
      expect(s.state.scenarioId).toBe(r.value);
      const file = s.state.created[r.value]!;
      expect(file.extends).toBe(BASELINE);
      expect(file.overrides).toBeUndefined();
      expect(file.name).toEqual({ zh: "My plan B", en: "My plan B" });
      // Defaults, not the edits left on the baseline.
      expect(modelValue(s, UNCERTAIN).value).toBe(uncertain.value);
      const listed = s.scenarios().map((e) => [e.id, e.created]);
      const shipped = [...lib.scenarios.values()].filter((f) => f.planId === PLAN_ID);
      expect(listed).toEqual([...shipped.map((f) => [f.id, false]), [r.value, true]]);
      // The baseline keeps its own edits.
      s.selectScenario(BASELINE);
      expect(modelValue(s, UNCERTAIN).value).toBe(mid(uncertain));
    }));

  it("copies a scenario with its unsaved edits, which then live on independently", () =>
    withStore((s) => {
      s.setAssumption(UNCERTAIN, mid(uncertain));
      s.toggleUncertainty(UNCERTAIN);
      const r = s.createScenario({ from: BASELINE, name: { zh: "副本", en: "Copy" } });
      if (!r.ok) throw new Error(r.error.en);
      const file = s.state.created[r.value]!;
      expect(file.extends).toBe(BASELINE);
      expect(file.overrides).toEqual({ [UNCERTAIN]: { value: mid(uncertain), uncertainty: null } });
      expect(modelValue(s, UNCERTAIN).value).toBe(mid(uncertain));
      expect(modelValue(s, UNCERTAIN).uncertainty).toBeUndefined();
      // The copy's file value is its own: resetting the copy keeps it; the original resets to defaults.
      expect(s.isEdited(UNCERTAIN)).toBe(false);
      s.selectScenario(BASELINE);
      s.resetAll();
      s.selectScenario(r.value);
      expect(modelValue(s, UNCERTAIN).value).toBe(mid(uncertain));
      // Its uncertainty can be switched back on from the plan's default distribution.
      expect(s.toggleUncertainty(UNCERTAIN)).toEqual({ ok: true, value: true });
      expect(modelValue(s, UNCERTAIN).uncertainty).toEqual(uncertain.uncertainty);
      // A second copy gets a fresh id.
      const again = s.createScenario({ from: r.value, name: "Copy of copy" });
      expect(expectOk(again)).not.toBe(r.value);
    }));

  it("refuses a nameless scenario or an unknown source", () =>
    withStore((s) => {
      expect(s.createScenario({ from: "defaults", name: "  " }).ok).toBe(false);
      expect(s.createScenario({ from: "nowhere", name: "x" }).ok).toBe(false);
      expect(s.state.created).toEqual({});
    }));

  it("keeps a comparison set of at most four scenarios of the open plan", () =>
    withStore((s) => {
      const ids = [BASELINE];
      for (let i = 0; i < 4; i++) {
        ids.push(expectOk(s.createScenario({ from: "defaults", name: `s${i}` })));
      }
      for (const id of ids.slice(0, 4)) expect(s.toggleCompare(id).ok).toBe(true);
      expect(s.toggleCompare(ids[4]!).ok).toBe(false);
      expect(s.toggleCompare(OTHER_BASELINE).ok).toBe(false);
      expect(s.toggleCompare(ids[0]!)).toEqual({ ok: true, value: ids.slice(1, 4) });
      s.selectPlan(OTHER_PLAN_ID);
      expect(s.state.scenarioId).toBe(OTHER_BASELINE);
      expect(s.state.compare).toEqual([]);
    }));

  it("validates settings", () =>
    withStore((s) => {
      expect(s.setSettings({ samples: 10_000, seed: 7 }).ok).toBe(true);
      expect(s.setSettings({ samples: -1 }).ok).toBe(false);
      expect(s.setSettings({ samples: 1.5 }).ok).toBe(false);
      expect(s.setSettings({ seed: -3 }).ok).toBe(false);
      // 2^32 + 7 would run exactly as 7: refused, naming the seed and the bound in both languages.
      expect(s.setSettings({ seed: 4294967303 })).toEqual({
        ok: false,
        error: { zh: "随机种子：不能大于 4294967295", en: "seed: must be at most 4294967295" },
      });
      expect(s.setSettings({ seed: Number.NaN }).ok).toBe(false);
      expect(s.state.settings).toEqual({ samples: 10_000, seed: 7, sampling: "lhs" });
      expect(s.setSettings({ seed: 4294967295 }).ok).toBe(true);
    }));
});
