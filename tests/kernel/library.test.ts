import { describe, expect, it } from "vitest";
import { kindOfPath, libraryFromModules, runModelFor } from "../../src/kernel/library.ts";
import { createInlineRunner } from "../../src/kernel/runner.ts";
import { expectErr, expectOk } from "../expect-result.ts";
import { BASELINE, PLAN_ID, TEACHING, tinyLibrary } from "./fixtures/tiny.ts";

/** Run models of the tiny literal library (tests/kernel/fixtures/tiny.ts). */
const lib = tinyLibrary();

describe("the browser library", () => {
  it("classifies bundled files by folder", () => {
    expect(kindOfPath("../../scenarios/plans/a.json")).toBe("plan");
    expect(kindOfPath("../../scenarios/bindings/a.json")).toBe("bindings");
    expect(kindOfPath("../../scenarios/jiaxing-baseline.json")).toBe("scenario");
  });

  it("reports a bad file by its repository path and keeps the others", () => {
    const built = libraryFromModules({
      "../../scenarios/broken.json": { schemaVersion: 1, id: "Not An Id" },
      "../../scenarios/plans/x.json": { nonsense: true },
    });
    expect(built.scenarios.size).toBe(0);
    expect(built.plans.size).toBe(0);
    expect(built.issues.map((i) => i.file).sort()).toEqual(
      expect.arrayContaining(["scenarios/broken.json", "scenarios/plans/x.json"]),
    );
  });
});

describe("runModelFor", () => {
  it("gives the plan, bindings, every resolved assumption, actuals and bands of a scenario", () => {
    const r = runModelFor(lib, BASELINE);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const file = lib.scenarios.get(BASELINE)!;
    expect(r.value.plan.id).toBe(PLAN_ID);
    expect(r.value.bindings.planId).toBe(PLAN_ID);
    expect(Object.keys(r.value.assumptions).sort()).toEqual(Object.keys(file.assumptions!).sort());
    expect(r.value.bands).toEqual({ onTrack: 80, offTrack: 20 });
    expect(Array.isArray(r.value.actuals)).toBe(true);
    // Plain data: it must survive the structured clone that carries it to a worker.
    expect(() => structuredClone(r.value)).not.toThrow();
  });

  it("applies edits to a copy, never to the library", () => {
    const file = lib.scenarios.get(BASELINE)!;
    const [id, a] = Object.entries(file.assumptions!).find(([, a]) => a.uncertainty && a.max > a.min)!;
    const value = (a.min + a.max) / 2;
    const r = runModelFor(lib, BASELINE, { [id]: { value, uncertainty: null } });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.assumptions[id]!.value).toBe(value);
    expect(r.value.assumptions[id]!.uncertainty).toBeUndefined();
    expect(file.assumptions![id]!.value).toBe(a.value);
    expect(file.assumptions![id]!.uncertainty).toBeDefined();
    const again = runModelFor(lib, BASELINE);
    expect(expectOk(again).assumptions[id]!.value).toBe(a.value);
  });

  it("refuses an edit outside the allowed range, or of an unknown assumption, naming it", () => {
    const [id, a] = Object.entries(lib.scenarios.get(BASELINE)!.assumptions!)[0]!;
    const r = runModelFor(lib, BASELINE, { [id]: { value: a.max + 1 }, "no.such": { value: 1 } });
    expect(
      expectErr(r)
        .map((i) => i.path)
        .sort(),
    ).toEqual([`${id}.value`, "no.such"].sort());
    expect(expectErr(r)[0]!.message.zh).toBeTruthy();
    expect(expectErr(r)[0]!.message.en).toBeTruthy();
  });

  it("refuses an unknown scenario with a bilingual message", () => {
    const r = runModelFor(lib, "nowhere");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]!.message.en).toContain("nowhere");
  });

  it("feeds the runner: the edited scenario evaluates", async () => {
    // The teaching scenario: it extends the baseline and overrides one of its values.
    const r = runModelFor(lib, TEACHING);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const e = await createInlineRunner().evaluate({ ...r.value, samples: 50, seed: 3, sampling: "lhs" });
    expect(expectOk(e).indicators.length).toBe(r.value.plan.indicators.length);
  });
});
