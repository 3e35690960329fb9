import { describe, expect, it } from "vitest";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";
import { runModelFor } from "../../src/kernel/library.ts";
import type { SizeDecision } from "../../src/kernel/pool-size.ts";
import {
  createInlineRunner,
  type EvaluateRequest,
  type FinishRequest,
  finishEvaluation,
  runSlice,
} from "../../src/kernel/runner.ts";
import { sameData } from "../../src/kernel/same-data.ts";
import { createSlicedRunner, type SlicedApi } from "../../src/kernel/sliced-runner.ts";
import {
  createPoolRunner,
  type Incident,
  type ModelApi,
  type ModelEndpoint,
} from "../../src/kernel/worker-runner.ts";
import { expectErr, expectOk } from "../expect-result.ts";

// On the repository's Jiaxing world, not the tiny plan: split runs must equal the inline run exactly over
// every model and series shape a real plan has, not only the tiny plan's two indicators.
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
        return new Promise<R>((resolve) =>
          setTimeout(() => {
            const out = f(copy);
            // Simulated time: what the call costs on the pretend machine of the test.
            clock.t += clock.cost(name, copy as { samples?: number; from?: number; to?: number });
            resolve(out);
          }, 1),
        );
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

/**
 * The pretend clock of the measured-size tests: each answered call advances it by `cost` (the default
 * costs nothing), so the pool's timings are the test's, never the machine's.
 */
type Cost = (call: string, req: { samples?: number; from?: number; to?: number }) => number;
const clock: { t: number; cost: Cost } = { t: 0, cost: () => 0 };

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
    expect(sameData(expectOk(first), expected)).toBe(true);
    expect(calls().filter((c) => c === "slice")).toHaveLength(2);
    const second = await runner.evaluate(req(300));
    expect(sameData(expectOk(second), expected)).toBe(true);
    // The second run is the whole run on one member: one evaluate call, no slices.
    expect(calls().filter((c) => c === "evaluate")).toHaveLength(1);
    expect(calls().filter((c) => c === "slice")).toHaveLength(2);
    // From then on one of the two ways, each giving the same result.
    const third = await runner.evaluate(req(300));
    expect(sameData(expectOk(third), expected)).toBe(true);
    runner.dispose();
  });

  it("runs a deterministic evaluation, a tornado and a goal seek on one member each", async () => {
    const { runner, spawned } = pool(2);
    const e = await runner.evaluate(req(0));
    expect(sameData(expectOk(e), await inlineResult(0))).toBe(true);
    expect((await runner.tornado(model.value)).ok).toBe(true);
    const seek = await runner.goalSeek({
      ...model.value,
      goal: { indicatorId: "none", lever: "none", probability: 80, samples: 0, seed: 1, sampling: "lhs" },
    });
    // The run worked; the models' own answer is a refusal that says why.
    expect(expectErr(expectOk(seek)).reason).toBe("unknown");
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

/**
 * A machine where a split run costs `sliceMsPerSample` per sample of each slice (all slices added, as if
 * the cores were shared) and a whole run `wholeMsPerSample`; merging costs 10 ms.
 */
function machine(wholeMsPerSample: number, sliceMsPerSample: number): Cost {
  return (call, r) => {
    if (call === "evaluate") return (r.samples ?? 0) * wholeMsPerSample;
    if (call === "slice") return ((r.to ?? 0) - (r.from ?? 0)) * sliceMsPerSample;
    if (call === "finish") return 10;
    return 0;
  };
}

/** A self-sizing pool of up to `max` fake members on the pretend clock; decisions arrive in order. */
function measuredPool(
  max: number,
  extra: { initial?: SizeDecision; whenIdle?: (f: () => void) => void; inline?: SlicedApi } = {},
) {
  const spawned: FakeMember[] = [];
  const decisions: SizeDecision[] = [];
  let told: ((d: SizeDecision) => void) | null = null;
  const { inline, ...measure } = extra;
  const runner = createPoolRunner({
    size: max,
    spawn: () => {
      const m = new FakeMember("ok");
      spawned.push(m);
      return m;
    },
    inline,
    measure: {
      ...measure,
      rounds: 3,
      now: () => clock.t,
      onDecision: (d) => {
        decisions.push(d);
        told?.(d);
      },
    },
  });
  const nextDecision = () => new Promise<SizeDecision>((r) => (told = r));
  const live = () => spawned.filter((m) => !m.terminated).length;
  return { runner, spawned, decisions, nextDecision, live };
}

describe("createPoolRunner sized from measured speed-up", () => {
  it("starts with one worker, measures 1 and 2 after the first run, and keeps one where workers do not pay", async () => {
    clock.cost = machine(1, 1);
    const p = measuredPool(2);
    expect(p.spawned).toHaveLength(1);
    const decided = p.nextDecision();
    const first = await p.runner.evaluate(req(300));
    expect(sameData(expectOk(first), await inlineResult(300))).toBe(true);
    // The first run answered on the one worker, before any measuring.
    expect(p.spawned[0]!.calls).toEqual(["evaluate"]);
    const d = await decided;
    expect(p.spawned).toHaveLength(2);
    // Three timed rounds and one warm-up per size, on the run's model, at most 2,000 samples.
    expect(d.samples).toBe(300);
    expect([...d.medianMs.keys()]).toEqual([1, 2]);
    expect(d.medianMs.get(1)).toBe(300);
    expect(d.medianMs.get(2)).toBe(310);
    expect(d.size).toBe(1);
    expect(p.live()).toBe(1);
    // Later runs: whole, on the member kept, equal to inline.
    const before = p.spawned[0]!.calls.length;
    const again = await p.runner.evaluate(req(300));
    expect(sameData(expectOk(again), await inlineResult(300))).toBe(true);
    expect(p.spawned[0]!.calls.slice(before)).toEqual(["evaluate"]);
    expect(p.spawned).toHaveLength(2);
    p.runner.dispose();
  });

  it("grows to the size measured fastest, and splits later runs over it with the inline result", async () => {
    clock.cost = machine(1, 0.3);
    const p = measuredPool(3);
    const decided = p.nextDecision();
    await p.runner.evaluate(req(3000));
    const d = await decided;
    expect(d.samples).toBe(2000);
    // 1: 2000 ms; 2: 600 + 10; 3: 600 + 10 (not 10 % faster than 2, so not taken).
    expect(d.size).toBe(2);
    expect(p.live()).toBe(2);
    expect(p.spawned.filter((m) => m.terminated)).toEqual([p.spawned[2]]);
    const r = await p.runner.evaluate(req(400));
    expect(sameData(expectOk(r), await inlineResult(400))).toBe(true);
    expect(p.spawned[0]!.calls.at(-1) === "finish" || p.spawned[1]!.calls.at(-1) === "finish").toBe(true);
    p.runner.dispose();
  });

  it("measures again when later runs show the choice wrong, and shrinks to what then measures fastest", async () => {
    clock.cost = machine(1, 0.3);
    const p = measuredPool(2);
    let decided = p.nextDecision();
    await p.runner.evaluate(req(2000));
    expect((await decided).size).toBe(2);
    // The machine changes: split runs now cost twice a whole run per sample.
    clock.cost = machine(1, 2);
    decided = p.nextDecision();
    // Three runs must pass before a wrong-looking run starts a new measurement.
    for (let i = 0; i < 3; i++) expect((await p.runner.evaluate(req(200))).ok).toBe(true);
    const d = await decided;
    expect(d.size).toBe(1);
    expect(p.decisions.map((x) => x.size)).toEqual([2, 1]);
    expect(p.live()).toBe(1);
    const r = await p.runner.evaluate(req(200));
    expect(sameData(expectOk(r), await inlineResult(200))).toBe(true);
    p.runner.dispose();
  });

  it("does not measure again while the choice holds", async () => {
    clock.cost = machine(1, 1);
    const p = measuredPool(2);
    const decided = p.nextDecision();
    await p.runner.evaluate(req(500));
    expect((await decided).size).toBe(1);
    for (let i = 0; i < 5; i++) expect((await p.runner.evaluate(req(500))).ok).toBe(true);
    // A measurement would have spawned a member again; let any scheduled one start.
    await new Promise((r) => setTimeout(r, 20));
    expect(p.spawned).toHaveLength(2);
    expect(p.decisions).toHaveLength(1);
    p.runner.dispose();
  });

  it("starts at a remembered size without measuring, and measures once runs show it wrong", async () => {
    clock.cost = machine(1, 0.3);
    // Remembered: two workers, measured at 600 ms for 2,000 samples against 2,000 ms on one.
    const initial: SizeDecision = {
      size: 2,
      samples: 2000,
      medianMs: new Map([
        [1, 2000],
        [2, 600],
      ]),
    };
    const p = measuredPool(2, { initial });
    expect(p.spawned).toHaveLength(2);
    const r = await p.runner.evaluate(req(400));
    expect(sameData(expectOk(r), await inlineResult(400))).toBe(true);
    // Split over both at once: no whole run on one member first, no measuring.
    expect(p.spawned.every((m) => m.calls.includes("slice"))).toBe(true);
    for (let i = 0; i < 3; i++) expect((await p.runner.evaluate(req(400))).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(p.decisions).toEqual([]);
    // The machine changes: split runs now cost far more than the remembered times; measured again.
    clock.cost = machine(1, 2);
    const decided = p.nextDecision();
    for (let i = 0; i < 4; i++) expect((await p.runner.evaluate(req(200))).ok).toBe(true);
    expect((await decided).size).toBe(1);
    p.runner.dispose();
  });

  it("waits again when a run starts before the quiet moment it was waiting for", async () => {
    clock.cost = machine(1, 0.3);
    const waiting: (() => void)[] = [];
    const p = measuredPool(2, { whenIdle: (f) => waiting.push(f) });
    await p.runner.evaluate(req(500));
    expect(waiting).toHaveLength(1);
    // A run of the page starts and ends before the wait is over: that moment is not quiet.
    await p.runner.evaluate(req(300));
    waiting.shift()!();
    // It did not measure; a new wait began from the later run's end.
    expect(p.spawned).toHaveLength(1);
    expect(waiting.length).toBeGreaterThanOrEqual(1);
    const decided = p.nextDecision();
    while (waiting.length > 0) waiting.shift()!();
    const d = await decided;
    expect(d.samples).toBe(300);
    expect(d.size).toBe(2);
    p.runner.dispose();
  });

  it("gives way to the page's runs: a run started while measuring is answered, and the measurement is made after", async () => {
    clock.cost = machine(1, 0.3);
    const p = measuredPool(2);
    const decided = p.nextDecision();
    await p.runner.evaluate(req(1000));
    // The measurement starts on the next timeout; a run of the page starts at the same moment.
    await new Promise((r) => setTimeout(r, 0));
    const r = await p.runner.evaluate(req(700));
    expect(sameData(expectOk(r), await inlineResult(700))).toBe(true);
    const d = await decided;
    // Measured after the page's run, on its request (700 samples), with no overlapped round counted.
    expect(d.samples).toBe(700);
    expect(d.medianMs.get(1)).toBe(700);
    expect(d.medianMs.get(2)).toBe(220);
    expect(d.size).toBe(2);
    expect(p.decisions).toHaveLength(1);
    p.runner.dispose();
  });
});

/**
 * The page's own thread, sliced (sliced-runner.ts), on the pretend clock: a run costs
 * `msPerSample` per sample; `calls` records what the pool asked of it.
 */
function pageThread(msPerSample: number) {
  const calls: string[] = [];
  const real = createSlicedRunner({ yieldToPage: async () => {} });
  const api: SlicedApi = {
    async evaluate(r) {
      calls.push("evaluate");
      clock.t += r.samples * msPerSample;
      return real.evaluate(r);
    },
    async probabilities(r) {
      calls.push("probabilities");
      clock.t += r.samples * msPerSample;
      return real.probabilities(r);
    },
    bands: (token) => {
      calls.push("bands");
      return real.bands(token);
    },
  };
  return { api, calls };
}

describe("createPoolRunner with the page's thread as size 0 (inline where workers do not pay)", () => {
  it("measures the page's thread beside 1 and 2 workers and keeps it where no worker is 10 % faster", async () => {
    clock.cost = machine(1, 1);
    // The page's thread: 0.95 ms per sample against a worker's 1 (its messages cost).
    const page = pageThread(0.95);
    const p = measuredPool(2, { inline: page.api });
    const decided = p.nextDecision();
    // The first run, before any measuring, goes to one worker.
    expect(sameData(expectOk(await p.runner.evaluate(req(300))), await inlineResult(300))).toBe(true);
    expect(page.calls).toEqual([]);
    const d = await decided;
    expect([...d.medianMs.keys()]).toEqual([0, 1, 2]);
    expect(d.medianMs.get(0)).toBeCloseTo(285);
    expect(d.size).toBe(0);
    // One worker stays, for tornadoes and goal seeks; the other is ended.
    expect(p.live()).toBe(1);
    // Later runs are made on the page's thread, equal to the inline run; in two steps when asked.
    const before = p.spawned[0]!.calls.length;
    page.calls.length = 0;
    expect(sameData(expectOk(await p.runner.evaluate(req(300))), await inlineResult(300))).toBe(true);
    let first: unknown = null;
    const stepped = await p.runner.evaluateInSteps!(req(300), (e) => {
      first = e;
    });
    expect(sameData(expectOk(stepped), await inlineResult(300))).toBe(true);
    expect(first).not.toBeNull();
    expect(page.calls).toEqual(["evaluate", "probabilities", "bands"]);
    expect(p.spawned[0]!.calls.slice(before)).toEqual([]);
    // A tornado still goes to the worker kept.
    expect((await p.runner.tornado(model.value)).ok).toBe(true);
    expect(p.spawned[0]!.calls.at(-1)).toBe("tornado");
    p.runner.dispose();
  });

  it("uses workers where they are measurably faster than the page's thread", async () => {
    clock.cost = machine(1, 0.3);
    const page = pageThread(1);
    const p = measuredPool(2, { inline: page.api });
    const decided = p.nextDecision();
    await p.runner.evaluate(req(1000));
    const d = await decided;
    // 0: 1000 ms; 1: 1000 ms (not 10 % faster); 2: 300 + 10 ms.
    expect(d.size).toBe(2);
    page.calls.length = 0;
    expect(sameData(expectOk(await p.runner.evaluate(req(400))), await inlineResult(400))).toBe(true);
    expect(page.calls).toEqual([]);
    p.runner.dispose();
  });

  it("starts on the page's thread when that was remembered, with one worker made for tornadoes", async () => {
    clock.cost = machine(1, 1);
    const page = pageThread(0.9);
    const initial: SizeDecision = {
      size: 0,
      samples: 2000,
      medianMs: new Map([
        [0, 1800],
        [1, 2000],
      ]),
    };
    const p = measuredPool(2, { inline: page.api, initial });
    expect(p.spawned).toHaveLength(1);
    expect(sameData(expectOk(await p.runner.evaluate(req(300))), await inlineResult(300))).toBe(true);
    expect(page.calls).toEqual(["evaluate"]);
    expect(p.spawned[0]!.calls).toEqual([]);
    await new Promise((r) => setTimeout(r, 20));
    expect(p.decisions).toEqual([]);
    p.runner.dispose();
  });

  it("without the page's thread (a fixed size, or none given) never uses size 0, even if remembered", async () => {
    clock.cost = machine(1, 1);
    const initial: SizeDecision = { size: 0, samples: 2000, medianMs: new Map([[0, 1]]) };
    const p = measuredPool(2, { initial });
    expect(sameData(expectOk(await p.runner.evaluate(req(200))), await inlineResult(200))).toBe(true);
    expect(p.spawned[0]!.calls).toEqual(["evaluate"]);
    p.runner.dispose();
  });
});
