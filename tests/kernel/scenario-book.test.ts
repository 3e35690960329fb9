import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import type { ScenarioFile } from "../../models/scenario.ts";
import { createScenarioBook, type ScenarioBook } from "../../src/kernel/scenario-book.ts";
import { expectOk } from "../expect-result.ts";
import { BASELINE, PLAN_ID, TEACHING, tinyAssumptions, tinyLibrary } from "./fixtures/tiny.ts";

const lib = tinyLibrary();
const { uncertain, certain } = tinyAssumptions(lib);
const mine = (id: string, extra: Partial<ScenarioFile> = {}): ScenarioFile => ({
  schemaVersion: 1,
  id,
  planId: PLAN_ID,
  name: { zh: id, en: id },
  teaching: false,
  extends: BASELINE,
  ...extra,
});

function withBook(body: (b: ScenarioBook) => void): void {
  createRoot((dispose) => {
    try {
      body(createScenarioBook(lib));
    } finally {
      dispose();
    }
  });
}

describe("the scenario book", () => {
  it("resolves shipped scenarios through extends and knows what an id is taken by", () =>
    withBook((b) => {
      const r = b.resolved(TEACHING);
      expect(expectOk(r).assumptions[uncertain]!.value).toBe(
        lib.scenarios.get(BASELINE)!.assumptions![uncertain]!.min,
      );
      expect(b.resolved("nowhere")).toBeUndefined();
      expect(b.clashOf(BASELINE)).toBe("shipped");
      expect(b.clashOf("mine-1")).toBe("none");
      expect(b.freeId()).toBe("mine-1");
    }));

  it("adds a made scenario to the library it answers, as a copy", () =>
    withBook((b) => {
      const file = mine("mine-1");
      b.put(file);
      file.name.en = "changed afterwards";
      expect(b.library().scenarios.get("mine-1")?.name.en).toBe("mine-1");
      expect(b.clashOf("mine-1")).toBe("created");
      expect(b.freeId()).toBe("mine-2");
      b.replaceAll([]);
      expect(b.library().scenarios.has("mine-1")).toBe(false);
    }));

  it("takes an assumption's distribution from its scenario, else from the plan's baseline", () =>
    withBook((b) => {
      expect(b.distributionFor(TEACHING, uncertain)).toEqual(
        lib.scenarios.get(BASELINE)!.assumptions![uncertain]!.uncertainty,
      );
      expect(b.distributionFor(TEACHING, certain)).toBeUndefined();
    }));

  it("refuses scenarios from outside with every problem named by path", () =>
    withBook((b) => {
      const bad = b.check(
        [mine(BASELINE), mine("x", { planId: "no-plan" }), mine("y", { extends: undefined })],
        "workspace",
      );
      expect(bad.ok).toBe(false);
      if (bad.ok) return;
      expect(bad.error.map((i) => i.path)).toEqual([
        "scenarios[0].id",
        "scenarios[1].planId",
        "scenarios[2].extends",
      ]);
      const outOfRange = b.check([mine("z", { overrides: { [certain]: { value: 1e9 } } })], "z.json");
      expect(outOfRange.ok).toBe(false);
      expect(b.check([mine("fine")], "fine.json")).toEqual({ ok: true, value: undefined });
    }));
});
