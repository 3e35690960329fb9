import { describe, expect, it } from "vitest";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";
import { runModelFor } from "../../src/kernel/library.ts";
import {
  createInlineRunner,
  type EvaluateRequest,
  type FinishRequest,
  finishEvaluation,
  runSlice,
} from "../../src/kernel/runner.ts";
import { sameData } from "../../src/kernel/self-test.ts";
import {
  createPoolRunner,
  type Incident,
  type ModelApi,
  type ModelEndpoint,
} from "../../src/kernel/worker-runner.ts";

const lib = loadRepositoryLibrary();
const model = runModelFor(lib, "jiaxing-baseline");
if (!model.ok) throw new Error(JSON.stringify(model.error));
const req = (samples: number): EvaluateRequest => ({ ...model.value, samples, seed: 7, sampling: "lhs" });

type Behaviour = "ok" | "crash" | "hang" | "throw" | "crash-on-finish";

/**
 * A fake pool member running the models in-process. `crash` reports a crash on its first call and never
 * answers it; `hang` never answers; `throw` rejects the way a model error inside a worker does.
 * Requests go through structuredClone, as they would through postMessage.
 */
class FakeMember implements ModelEndpoint {
  calls: string[] = [];
  terminated = false;
  private crash: ((detail: string) => void) | undefined;
  readonly api: ModelApi;
  constructor(readonly behaviour: Behaviour) {
    const inline = createInlineRunner();
    const wrap =
      <A, R>(name: string, f: (a: A) => R | Promise<R>) =>
      (a: A): Promise<R> => {
        this.calls.push(name);
        if (this.behaviour === "crash-on-finish" && name === "finish") {
          // The slices went over by transfer: the page's copies are detached, and the worker dies.
          const f = a as unknown as FinishRequest;
          structuredClone(f, {
            // Each buffer once, as the pool lists them (judged series may share one array).
            transfer: [
              ...new Set(
                f.slices.flatMap((x) =>
                  [...x.values, ...x.met, ...x.metric, ...x.score].map((v) => v.buffer),
                ),
              ),
            ],
          });
          queueMicrotask(() => this.crash?.("stopped"));
          return new Promise<R>(() => {});
        }
        const copy = structuredClone(a);
        if (this.behaviour === "crash") {
          queueMicrotask(() => this.crash?.("Error: boom on first use"));
          return new Promise<R>(() => {});
        }
        if (this.behaviour === "hang") return new Promise<R>(() => {});
        if (this.behaviour === "throw") return Promise.reject(new Error("model exploded"));
        return new Promise<R>((resolve) => setTimeout(() => resolve(f(copy)), 1));
      };
    this.api = {
      slice: wrap("slice", runSlice),
      finish: wrap("finish", (f: FinishRequest) => finishEvaluation(f.request, f.slices)),
      evaluate: wrap("evaluate", inline.evaluate),
      tornado: wrap("tornado", inline.tornado),
      goalSeek: wrap("goalSeek", inline.goalSeek),
    };
  }
  onCrash(listener: (detail: string) => void): void {
    this.crash = listener;
  }
  terminate(): void {
    this.terminated = true;
  }
}

/** A pool whose members behave as `plan` says, in spawn order; later spawns are healthy. */
function pool(size: number, plan: Behaviour[] = [], timeoutMs = 5_000) {
  const spawned: FakeMember[] = [];
  const incidents: Incident[] = [];
  const runner = createPoolRunner({
    size,
    timeoutMs,
    spawn: () => {
      const m = new FakeMember(plan[spawned.length] ?? "ok");
      spawned.push(m);
      return m;
    },
    onIncident: (i) => incidents.push(i),
  });
  return { runner, spawned, incidents };
}

const inlineResult = async (samples: number) => {
  const r = await createInlineRunner().evaluate(req(samples));
  if (!r.ok) throw new Error(r.error.message.en);
  return r.value;
};

describe("createPoolRunner", () => {
  it("splits a Monte Carlo across the pool and equals the inline run exactly", async () => {
    const { runner, spawned } = pool(3);
    const r = await runner.evaluate(req(600));
    if (!r.ok) throw new Error(r.error.message.en);
    // One slice on each member, then the merge and quantiles on exactly one of them.
    expect(spawned.map((m) => m.calls.filter((c) => c === "slice"))).toEqual([
      ["slice"],
      ["slice"],
      ["slice"],
    ]);
    expect(spawned.flatMap((m) => m.calls).filter((c) => c === "finish")).toHaveLength(1);
    expect(sameData(r.value, await inlineResult(600))).toBe(true);
    expect(r.value.samples).toBe(600);
    runner.dispose();
  });

  it("tries the split run, then the whole run on one member, and keeps the faster; every way equals inline", async () => {
    const { runner, spawned } = pool(2);
    const calls = () => spawned.flatMap((m) => m.calls);
    const expected = await inlineResult(300);
    const first = await runner.evaluate(req(300));
    expect(first.ok && sameData(first.value, expected)).toBe(true);
    expect(calls().filter((c) => c === "slice")).toHaveLength(2);
    const second = await runner.evaluate(req(300));
    expect(second.ok && sameData(second.value, expected)).toBe(true);
    // The second run is the whole run on one member: one evaluate call, no slices.
    expect(calls().filter((c) => c === "evaluate")).toHaveLength(1);
    expect(calls().filter((c) => c === "slice")).toHaveLength(2);
    // From then on one of the two ways, each giving the same result.
    const third = await runner.evaluate(req(300));
    expect(third.ok && sameData(third.value, expected)).toBe(true);
    runner.dispose();
  });

  it("runs a deterministic evaluation, a tornado and a goal seek on one member each", async () => {
    const { runner, spawned } = pool(2);
    const e = await runner.evaluate(req(0));
    expect(e.ok && sameData(e.value, await inlineResult(0))).toBe(true);
    expect((await runner.tornado(model.value)).ok).toBe(true);
    const seek = await runner.goalSeek({
      ...model.value,
      goal: { indicatorId: "none", lever: "none", probability: 80, samples: 0, seed: 1, sampling: "lhs" },
    });
    // The run worked; the models' own answer is a refusal that says why.
    expect(seek.ok && !seek.value.ok && seek.value.error.reason).toBe("unknown");
    expect(spawned.map((m) => m.calls)).toEqual([["evaluate", "goalSeek"], ["tornado"]]);
    runner.dispose();
  });

  it("replaces a member that crashes on first use, retries on the new one, and says so", async () => {
    const { runner, spawned, incidents } = pool(2, ["crash"]);
    const r = await runner.evaluate(req(200));
    if (!r.ok) throw new Error(r.error.message.en);
    expect(sameData(r.value, await inlineResult(200))).toBe(true);
    expect(spawned).toHaveLength(3);
    expect(spawned[0]!.terminated).toBe(true);
    expect(spawned[2]!.calls[0]).toBe("slice");
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.kind).toBe("crashed");
    expect(incidents[0]!.message.en).toContain("boom on first use");
    expect(incidents[0]!.message.zh).toContain("崩溃");
    runner.dispose();
  });

  it("makes the run again when the member finishing it dies (its slices were transferred away)", async () => {
    // Two members (one member runs a whole run itself, with no finishing step); the first finish lands
    // on member 0, which dies with the slices it was handed.
    const { runner, spawned, incidents } = pool(2, ["crash-on-finish"]);
    const r = await runner.evaluate(req(200));
    if (!r.ok) throw new Error(r.error.message.en);
    expect(sameData(r.value, await inlineResult(200))).toBe(true);
    expect(spawned).toHaveLength(3);
    // The run was made again: both slices once more (one on the replacement), then the finish.
    expect(spawned[1]!.calls).toEqual(["slice", "slice", "finish"]);
    expect(spawned[2]!.calls).toEqual(["slice"]);
    expect(incidents.map((i) => i.kind)).toEqual(["stopped"]);
    expect(incidents[0]!.message.zh).toContain("意外停止");
    runner.dispose();
  });

  it("replaces a member that does not answer in time", async () => {
    const { runner, spawned, incidents } = pool(1, ["hang"], 30);
    const r = await runner.tornado(model.value);
    expect(r.ok).toBe(true);
    expect(spawned).toHaveLength(2);
    expect(spawned[0]!.terminated).toBe(true);
    expect(incidents.map((i) => i.kind)).toEqual(["hung"]);
    expect(incidents[0]!.message.en).toContain("30 ms");
    runner.dispose();
  });

  it("retries every call that was in flight on the member that died", async () => {
    const { runner, spawned, incidents } = pool(1, ["hang"], 30);
    const [a, b] = await Promise.all([runner.evaluate(req(0)), runner.tornado(model.value)]);
    expect(a.ok && b.ok).toBe(true);
    expect(spawned).toHaveLength(2);
    expect(spawned[1]!.calls.sort()).toEqual(["evaluate", "tornado"]);
    expect(incidents).toHaveLength(1);
    runner.dispose();
  });

  it("retries once only: a second failure comes back as a bilingual error", async () => {
    const { runner, spawned, incidents } = pool(1, ["crash", "crash"]);
    const r = await runner.evaluate(req(0));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message.en).toContain("again after a retry");
      expect(r.error.message.zh).toContain("重试");
    }
    expect(incidents).toHaveLength(2);
    // The pool still works: the third member is healthy.
    expect(spawned).toHaveLength(3);
    expect((await runner.evaluate(req(0))).ok).toBe(true);
    runner.dispose();
  });

  it("reports a model error as data without replacing the member", async () => {
    const { runner, spawned, incidents } = pool(1, ["throw"]);
    const r = await runner.tornado(model.value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message.en).toContain("model exploded");
    expect(spawned).toHaveLength(1);
    expect(incidents).toEqual([]);
    runner.dispose();
  });

  it("dispose terminates every member and ends calls in flight with an error", async () => {
    const { runner, spawned, incidents } = pool(2, ["hang", "hang"]);
    const pending = runner.evaluate(req(100));
    runner.dispose();
    const r = await pending;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message.en).toContain("closed");
    expect(spawned.every((m) => m.terminated)).toBe(true);
    expect(spawned).toHaveLength(2);
    expect(incidents).toEqual([]);
    expect((await runner.tornado(model.value)).ok).toBe(false);
  });
});
