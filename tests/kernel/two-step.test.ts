import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import type { Evaluation } from "../../models/engine.ts";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";
import { runModelFor } from "../../src/kernel/library.ts";
import {
  bandsOf,
  createInlineRunner,
  type EvaluateRequest,
  type FinishRequest,
  finishEvaluation,
  finishProbabilities,
  probabilitiesOf,
  runSlice,
} from "../../src/kernel/runner.ts";
import { sameData } from "../../src/kernel/same-data.ts";
import { createScheduler } from "../../src/kernel/scheduler.ts";
import { createPoolRunner, type ModelApi, type ModelEndpoint } from "../../src/kernel/worker-runner.ts";

// On the repository's Jiaxing world, not the tiny plan: the early probabilities must equal the one-step
// run's over every model and series shape a real plan has, not only the tiny plan's two indicators.
const lib = loadRepositoryLibrary();
const model = runModelFor(lib, "jiaxing-baseline");
if (!model.ok) throw new Error(JSON.stringify(model.error));
const req = (samples: number, seed = 7): EvaluateRequest => ({
  ...model.value,
  samples,
  seed,
  sampling: "lhs",
});

async function inline(samples: number, seed = 7): Promise<Evaluation> {
  const r = await createInlineRunner().evaluate(req(samples, seed));
  if (!r.ok) throw new Error(r.error.message.en);
  return r.value;
}

/** An in-process pool member with the two-step calls; requests and answers go through structuredClone. */
function member(): ModelEndpoint & { calls: string[] } {
  const calls: string[] = [];
  const wrap =
    <A, R>(name: string, f: (a: A) => R) =>
    (a: A): Promise<R> => {
      calls.push(name);
      const copy = structuredClone(a);
      return new Promise<R>((resolve) => setTimeout(() => resolve(structuredClone(f(copy))), 1));
    };
  const api: ModelApi = {
    slice: wrap("slice", runSlice),
    finish: wrap("finish", (f: FinishRequest) => finishEvaluation(f.request, f.slices)),
    // A two-step member is never asked for a one-step run here.
    evaluate: () => Promise.reject(new Error("not used")),
    probabilities: wrap("probabilities", probabilitiesOf),
    finishProbabilities: wrap("finishProbabilities", (f: FinishRequest) =>
      finishProbabilities(f.request, f.slices),
    ),
    bands: wrap("bands", bandsOf),
    tornado: () => Promise.reject(new Error("not used")),
    goalSeek: () => Promise.reject(new Error("not used")),
  };
  return { api, calls, onCrash() {}, terminate() {} };
}

describe("probabilities before bands", () => {
  it("the first answer has the final probabilities and verdicts, no quantiles; the second equals one-step", async () => {
    const whole = await inline(1200);
    const first = probabilitiesOf(req(1200));
    if (!first.ok) throw new Error(first.error.message.en);
    const e = first.value.evaluation;
    expect(e.bandsPending).toBe(true);
    expect(e.indicators.every((i) => i.quantiles === null)).toBe(true);
    expect(e.indicators.map((i) => [i.id, i.probability, i.status, i.judgement])).toEqual(
      whole.indicators.map((i) => [i.id, i.probability, i.status, i.judgement]),
    );
    const second = bandsOf(first.value.token);
    expect(second).not.toBeNull();
    expect(sameData(second, whole)).toBe(true);
    // A token is answered once; a newer run makes an older token stale.
    expect(bandsOf(first.value.token)).toBeNull();
    const a = probabilitiesOf(req(300, 1));
    const b = probabilitiesOf(req(300, 2));
    if (!a.ok || !b.ok) throw new Error("run");
    expect(bandsOf(a.value.token)).toBeNull();
    expect(sameData(bandsOf(b.value.token), await inline(300, 2))).toBe(true);
  });

  it("the pool tells the first answer, then resolves with the run equal to the inline one", async () => {
    for (const size of [1, 2]) {
      const members: ReturnType<typeof member>[] = [];
      const runner = createPoolRunner({
        size,
        spawn: () => {
          const m = member();
          members.push(m);
          return m;
        },
      });
      const firsts: Evaluation[] = [];
      const r = await runner.evaluateInSteps!(req(800), (e) => firsts.push(e));
      if (!r.ok) throw new Error(r.error.message.en);
      const whole = await inline(800);
      expect(sameData(r.value, whole)).toBe(true);
      expect(firsts).toHaveLength(1);
      expect(firsts[0]!.bandsPending).toBe(true);
      expect(firsts[0]!.indicators.map((i) => i.probability)).toEqual(
        whole.indicators.map((i) => i.probability),
      );
      expect(members.flatMap((m) => m.calls)).toContain("bands");
      runner.dispose();
    }
  });

  it("the scheduler shows an early answer at once and the run's own answer after", () =>
    createRoot(async (dispose) => {
      let finish: (v: string) => void = () => {};
      let early: (v: unknown) => void = () => {};
      const s = createScheduler<number, string>(
        (_req, signal) =>
          new Promise<string>((resolve) => {
            early = signal.early;
            finish = resolve;
          }),
      );
      s.request(1);
      await new Promise((r) => setTimeout(r, 0));
      expect(s.pending()).toBe(true);
      early("probabilities");
      expect(s.latest()).toBe("probabilities");
      expect(s.pending()).toBe(false);
      finish("bands");
      await new Promise((r) => setTimeout(r, 0));
      expect(s.latest()).toBe("bands");
      // An early answer of an overtaken run is dropped.
      s.request(2);
      await new Promise((r) => setTimeout(r, 0));
      const stale = early;
      s.request(3);
      stale("old");
      expect(s.latest()).toBe("bands");
      dispose();
    }));
});
