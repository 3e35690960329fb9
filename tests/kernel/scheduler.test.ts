import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import { createScheduler, type RunSignal, type Scheduler } from "../../src/kernel/scheduler.ts";

/** A fake asynchronous run that the test finishes by hand, recording every request it was given. */
function fakeRuns<Req>() {
  const started: { req: Req; signal: RunSignal; finish: (v: string) => void; fail: (e: unknown) => void }[] =
    [];
  const run = (req: Req, signal: RunSignal) =>
    new Promise<string>((resolve, reject) => {
      started.push({ req, signal, finish: resolve, fail: reject });
    });
  return { run, started };
}

/** Lets every queued microtask (and promise reaction) run. */
const settle = () => new Promise<void>((r) => setTimeout(r, 0));

function withScheduler<Req>(
  body: (s: Scheduler<Req, string>, runs: ReturnType<typeof fakeRuns<Req>>) => Promise<void>,
  opts?: { delayMs?: number },
): Promise<void> {
  return createRoot(async (dispose) => {
    const runs = fakeRuns<Req>();
    const s = createScheduler(runs.run, opts);
    try {
      await body(s, runs);
    } finally {
      dispose();
    }
  });
}

describe("createScheduler", () => {
  it("folds a burst of 10 requests into one run of the last request", () =>
    withScheduler<number>(async (s, runs) => {
      for (let i = 1; i <= 10; i++) s.request(i);
      expect(s.pending()).toBe(true);
      await settle();
      expect(runs.started.map((r) => r.req)).toEqual([10]);
      runs.started[0]!.finish("r10");
      await settle();
      expect(s.latest()).toBe("r10");
      expect(s.pending()).toBe(false);
      expect(runs.started).toHaveLength(1);
    }));

  it("folds a burst within the delay window into one run", () =>
    withScheduler<number>(
      async (s, runs) => {
        s.request(1);
        await settle();
        s.request(2);
        expect(runs.started).toHaveLength(0);
        await new Promise((r) => setTimeout(r, 40));
        expect(runs.started.map((r) => r.req)).toEqual([2]);
      },
      { delayMs: 20 },
    ));

  it("runs exactly one follow-up, with the newest request, for requests made during a run", () =>
    withScheduler<number>(async (s, runs) => {
      s.request(1);
      await settle();
      expect(runs.started).toHaveLength(1);
      s.request(2);
      s.request(3);
      await settle();
      s.request(4);
      await settle();
      // At most one run in flight: nothing new starts until the first one ends.
      expect(runs.started).toHaveLength(1);
      expect(runs.started[0]!.signal.stale()).toBe(true);
      runs.started[0]!.finish("r1");
      await settle();
      expect(runs.started.map((r) => r.req)).toEqual([1, 4]);
      expect(s.pending()).toBe(true);
      runs.started[1]!.finish("r4");
      await settle();
      expect(runs.started).toHaveLength(2);
      expect(s.latest()).toBe("r4");
      expect(s.pending()).toBe(false);
    }));

  it("never publishes a stale result or a stale error", () =>
    withScheduler<string>(async (s, runs) => {
      const seen: (string | undefined)[] = [];
      s.request("a");
      await settle();
      s.request("b");
      s.request("c");
      runs.started[0]!.finish("result of a");
      await settle();
      seen.push(s.latest());
      expect(s.latest()).toBeUndefined();
      // "b" was replaced by "c" while waiting: the follow-up runs "c" only.
      expect(runs.started.map((r) => r.req)).toEqual(["a", "c"]);
      s.request("d");
      runs.started[1]!.fail(new Error("c failed"));
      await settle();
      expect(s.error()).toBeUndefined();
      expect(s.latest()).toBeUndefined();
      runs.started[2]!.finish("result of d");
      await settle();
      expect(s.latest()).toBe("result of d");
      expect(seen).toEqual([undefined]);
    }));

  it("publishes the newest run's error and clears it on the next success", () =>
    withScheduler<number>(async (s, runs) => {
      s.request(1);
      await settle();
      runs.started[0]!.fail(new Error("boom"));
      await settle();
      expect((s.error() as Error).message).toBe("boom");
      expect(s.pending()).toBe(false);
      s.request(2);
      await settle();
      runs.started[1]!.finish("ok");
      await settle();
      expect(s.error()).toBeUndefined();
      expect(s.latest()).toBe("ok");
    }));

  it("stops on dispose: nothing waiting runs and nothing in flight is published", () =>
    withScheduler<number>(async (s, runs) => {
      s.request(1);
      await settle();
      s.request(2);
      s.dispose();
      expect(runs.started[0]!.signal.stale()).toBe(true);
      runs.started[0]!.finish("late");
      await settle();
      expect(runs.started).toHaveLength(1);
      expect(s.latest()).toBeUndefined();
      expect(s.pending()).toBe(false);
      s.request(3);
      await settle();
      expect(runs.started).toHaveLength(1);
    }));
});
