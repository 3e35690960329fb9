import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../models/engine.ts";
import { runModelFor } from "../../src/kernel/library.ts";
import { projectionIn, worldKeyOf } from "../../src/kernel/projection.ts";
import { createProjectionSlot } from "../../src/kernel/projection-context.ts";
import { createInlineRunner, type RunModel, type Runner, worldFor } from "../../src/kernel/runner.ts";
import { BASELINE, TEACHING, tinyLibrary } from "./fixtures/tiny.ts";

const lib = tinyLibrary();
const model = (id = BASELINE): RunModel => {
  const m = runModelFor(lib, id);
  if (!m.ok) throw new Error(JSON.stringify(m.error));
  return m.value;
};

/** An inline runner that records what reaches it and counts how often it was made. */
function recording() {
  const seen: RunModel[] = [];
  let made = 0;
  const createRunner = (): Runner => {
    made++;
    const inline = createInlineRunner();
    return {
      evaluate: (r) => {
        seen.push(r);
        return inline.evaluate(r);
      },
      tornado: (r) => {
        seen.push(r);
        return inline.tornado(r);
      },
      goalSeek: (r) => {
        seen.push(r);
        return inline.goalSeek(r);
      },
      dispose() {},
    };
  };
  return { seen, made: () => made, createRunner };
}

describe("the projection service", () => {
  it("projects synchronously, as the engine does, and answers the same object for the same model", () =>
    createRoot((dispose) => {
      const p = projectionIn(createProjectionSlot());
      const m = model();
      const r = p.projectSync(m, { seed: 1, sampling: "lhs" });
      expect(r.ok).toBe(true);
      const w = worldFor(m);
      if (!r.ok || !w.ok) return;
      const direct = evaluate(w.value, {
        samples: 0,
        seed: 1,
        sampling: "lhs",
        bands: m.bands,
        actuals: m.actuals,
      });
      expect(r.value.indicators.map((i) => [...i.projection])).toEqual(
        direct.indicators.map((i) => [...i.projection]),
      );
      expect(p.projectSync(m, { seed: 1, sampling: "lhs" })).toBe(r);
      expect(p.projectSync(model(TEACHING))).not.toBe(r);
      dispose();
    }));

  it("says why a model cannot run, in both languages", () =>
    createRoot((dispose) => {
      const p = projectionIn(createProjectionSlot());
      const broken = { ...model(), assumptions: {} };
      const r = p.projectSync(broken);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.en).toMatch(/cannot run/);
      dispose();
    }));

  it("makes one pool for the whole app, only when a run first needs it", async () => {
    const rec = recording();
    const slot = createProjectionSlot();
    const workbench = projectionIn(slot, { createRunner: rec.createRunner });
    const workshop = projectionIn(slot, { createRunner: rec.createRunner });
    expect(workshop).toBe(workbench);
    workbench.projectSync(model());
    expect(rec.made()).toBe(0);
    const a = await workbench.evaluate({ ...model(), samples: 20, seed: 3, sampling: "lhs" });
    await workshop.tornado(model(TEACHING));
    expect(a.ok).toBe(true);
    expect(rec.made()).toBe(1);
    expect(slot.made()).toBe(true);
  });

  it("sends every request with the key of its world, the same for the same scenario", async () => {
    const rec = recording();
    const p = projectionIn(createProjectionSlot(), { createRunner: rec.createRunner });
    await p.evaluate({ ...model(), samples: 10, seed: 1, sampling: "lhs" });
    await p.tornado(model());
    await p.tornado(model(TEACHING));
    const [k1, k2, k3] = rec.seen.map((r) => r.worldKey);
    expect(k1).toBeTruthy();
    expect(k2).toBe(k1);
    expect(k3).not.toBe(k1);
  });

  it("compiles a world once per key on a thread: a structured copy with the key gets the cached world", () => {
    const m = model();
    const key = worldKeyOf(m);
    const first = worldFor({ ...m, worldKey: key });
    const copy = structuredClone({ ...m, worldKey: key });
    expect(worldFor(copy)).toBe(first);
    // Without a key a copy is a different model: compiled again.
    expect(worldFor(structuredClone(m))).not.toBe(first);
  });
});
