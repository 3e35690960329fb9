import { describe, expect, it } from "vitest";
import { createProjection } from "../../src/kernel/projection.ts";
import { createInlineRunner } from "../../src/kernel/runner.ts";
import { createWorkshopSession, type WorkshopSession } from "../../src/kernel/workshop-session.ts";
import { inRoot } from "./fixtures/root.ts";
import { BASELINE, PLAN_ID, TEACHING, tinyAssumptions, tinyLibrary } from "./fixtures/tiny.ts";

const lib = tinyLibrary();
const plan = lib.plans.get(PLAN_ID)!;
const { certain } = tinyAssumptions(lib);
const a = lib.scenarios.get(BASELINE)!.assumptions![certain]!;

function withSession(body: (s: WorkshopSession) => void | Promise<void>): Promise<void> {
  return inRoot(() => {
    const projection = createProjection({ createRunner: () => createInlineRunner() });
    return createWorkshopSession({ lib, plan, workshop: null, projection });
  }, body);
}

/** Waits for the Monte Carlo answers of what is shown (an event, not a clock). */
const settled = (s: WorkshopSession) =>
  new Promise<void>((resolve) => {
    const check = () => (s.mcPending() ? queueMicrotask(check) : resolve());
    check();
  });

describe("the workshop session (no prepared sequence)", () => {
  it("offers the baseline first and the teaching scenarios as presets, baseline shown", () =>
    withSession((s) => {
      expect(s.presets.map((p) => [p.id, p.baseline])).toEqual([
        [BASELINE, true],
        [TEACHING, false],
      ]);
      expect(s.mode()).toEqual({ kind: "preset", scenarioId: BASELINE });
      expect(s.before()).toBeNull();
      expect(s.nowDet().ok).toBe(true);
      expect(s.focus()).toEqual(["ty-t01-rehab-coverage"]);
    }));

  it("compares a preset with the baseline and a live change with the state before it", () =>
    withSession((s) => {
      s.selectPreset(TEACHING);
      expect(s.before()?.kind).toEqual({ kind: "baseline" });
      expect(s.setLive(certain, a.max + 1).ok).toBe(false);
      expect(s.setLive("no.such", 1).ok).toBe(false);
      expect(s.setLive(certain, a.min)).toEqual({ ok: true, value: a.min });
      expect(s.before()?.kind).toEqual({ kind: "live" });
      s.reset();
      expect(s.live()).toEqual({});
    }));

  it("brings the probabilities of what is shown and of what it is compared with", () =>
    withSession(async (s) => {
      s.selectPreset(TEACHING);
      await settled(s);
      expect(s.nowMc()?.samples).toBeGreaterThan(0);
      expect(s.beforeMc()?.samples).toBeGreaterThan(0);
      expect(s.mcError()).toBeUndefined();
    }));
});
