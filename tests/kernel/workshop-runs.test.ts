import { createSignal } from "solid-js";
import { describe, expect, it } from "vitest";
import { err } from "../../models/result.ts";
import type { Assumption } from "../../models/scenario.ts";
import type { Projection } from "../../src/kernel/projection.ts";
import { createProjection } from "../../src/kernel/projection.ts";
import { createInlineRunner, type RunError } from "../../src/kernel/runner.ts";
import {
  createWorkshopRuns,
  errorWords,
  type Spec,
  specKey,
  type WorkshopRuns,
} from "../../src/kernel/workshop-runs.ts";
import { inRoot } from "./fixtures/root.ts";
import { BASELINE, TEACHING, tinyAssumptions, tinyLibrary } from "./fixtures/tiny.ts";

const lib = tinyLibrary();
const { certain } = tinyAssumptions(lib);
const a = lib.scenarios.get(BASELINE)!.assumptions![certain]!;
const assumptionsOf = (id: string): Record<string, Assumption> => lib.scenarios.get(id)?.assumptions ?? {};

const base: Spec = { scenarioId: BASELINE, changes: {} };
const slow: Spec = { scenarioId: TEACHING, changes: {} };

/** Runs over two specs the test sets, with a count of the Monte Carlo runs asked of the projection. */
function withRuns(
  body: (
    r: WorkshopRuns,
    set: { now: (s: Spec) => void; before: (s: Spec | null) => void },
    runs: () => number,
  ) => void | Promise<void>,
  failWith?: unknown,
): Promise<void> {
  return inRoot(
    () => {
      const inner = createProjection({ createRunner: () => createInlineRunner() });
      let count = 0;
      const projection: Projection = {
        ...inner,
        evaluate: (req) => {
          count++;
          return failWith === undefined ? inner.evaluate(req) : Promise.resolve(err(failWith as RunError));
        },
      };
      const [now, setNow] = createSignal<Spec>(base);
      const [before, setBefore] = createSignal<Spec | null>(null);
      const runs = createWorkshopRuns({ lib, projection, assumptionsOf, now, before });
      return { runs, set: { now: setNow, before: setBefore }, count: () => count };
    },
    (m) => body(m.runs, m.set, m.count),
  );
}

/** Waits until the runs have answered for what is shown (an event, not a clock). */
const settled = (r: WorkshopRuns) =>
  new Promise<void>((resolve) => {
    const check = () => (r.mcPending() ? setTimeout(check, 5) : resolve());
    check();
  });

describe("specKey and errorWords", () => {
  it("keys equal specs alike whatever the order of their changes, and different specs apart", () => {
    expect(specKey({ scenarioId: "s", changes: { b: 2, a: 1 } })).toBe(
      specKey({ scenarioId: "s", changes: { a: 1, b: 2 } }),
    );
    expect(specKey({ scenarioId: "s", changes: { a: 1 } })).not.toBe(
      specKey({ scenarioId: "s", changes: { a: 2 } }),
    );
    expect(specKey({ scenarioId: "s", changes: {} })).not.toBe(specKey({ scenarioId: "t", changes: {} }));
  });

  it("says a failed run's error in both languages", () => {
    expect(errorWords({ message: { zh: "坏了", en: "broken" } })).toEqual({ zh: "坏了", en: "broken" });
    expect(errorWords(new Error("lost"))).toEqual({ zh: "lost", en: "lost" });
    expect(errorWords("gone")).toEqual({ zh: "gone", en: "gone" });
  });
});

describe("the workshop's runs", () => {
  it("projects what is shown at once, from the cache for a spec seen before, and nothing before without one", () =>
    withRuns((r, set) => {
      const first = r.nowDet();
      expect(first.ok).toBe(true);
      expect(r.beforeDet()).toBeNull();
      set.now({ scenarioId: BASELINE, changes: { [certain]: a.min } });
      expect(r.nowDet()).not.toBe(first);
      set.now({ scenarioId: BASELINE, changes: {} });
      expect(r.nowDet()).toBe(first);
      set.before(slow);
      expect(r.beforeDet()?.ok).toBe(true);
      set.now({ scenarioId: "no-such-scenario", changes: {} });
      expect(r.nowDet().ok).toBe(false);
    }));

  it("brings the Monte Carlo answers of both specs, and keeps them: a spec seen again runs nothing", () =>
    withRuns(async (r, set, runs) => {
      set.before(slow);
      expect(r.mcPending()).toBe(true);
      await settled(r);
      expect(r.nowMc()?.samples).toBeGreaterThan(0);
      expect(r.beforeMc()?.samples).toBeGreaterThan(0);
      const asked = runs();
      expect(asked).toBe(2);
      set.now(slow);
      set.before(base);
      expect(r.mcPending()).toBe(false);
      expect(r.nowMc()).toBeDefined();
      expect(runs()).toBe(asked);
      expect(r.mcError()).toBeUndefined();
    }));

  it("says why the Monte Carlo run failed, and is no longer pending", () =>
    withRuns(
      async (r) => {
        await settled(r);
        expect(r.mcError()).toEqual({ zh: "算不了", en: "cannot run" });
        expect(r.nowMc()).toBeUndefined();
      },
      { message: { zh: "算不了", en: "cannot run" } },
    ));
});
