import { describe, expect, it } from "vitest";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";
import { runModelFor } from "../../src/kernel/library.ts";
import { createInlineRunner, type EvaluateRequest } from "../../src/kernel/runner.ts";
import { sameData } from "../../src/kernel/same-data.ts";
import { createSlicedRunner, defaultYield } from "../../src/kernel/sliced-runner.ts";
import { expectErr, expectOk } from "../expect-result.ts";

// The repository's Jiaxing world: every model and series shape a real plan has.
const lib = loadRepositoryLibrary();
const model = runModelFor(lib, "jiaxing-baseline");
if (!model.ok) throw new Error(JSON.stringify(model.error));
const req = (samples: number, sampling: "lhs" | "random" = "lhs"): EvaluateRequest => ({
  ...model.value,
  samples,
  seed: 11,
  sampling,
});

const whole = async (r: EvaluateRequest) => expectOk(await createInlineRunner().evaluate(r));

/** A pretend clock: every reading advances it by `step` ms, so the slices' sizes are the test's. */
function steppingClock(step: number) {
  let t = 0;
  return () => {
    t += step;
    return t;
  };
}

/** A sliced runner on a pretend clock (each reading `step` ms later) that counts the page's turns. */
function counting(sliceMs: number, step: number) {
  const c = {
    turns: 0,
    runner: createSlicedRunner({
      sliceMs,
      now: steppingClock(step),
      yieldToPage: async () => {
        c.turns++;
      },
    }),
  };
  return c;
}

describe("createSlicedRunner (Monte Carlo on the page's thread, in time slices)", () => {
  it("cuts a run into slices with a turn for the page between them, and answers exactly the whole run", async () => {
    for (const sampling of ["lhs", "random"] as const) {
      // Each slice "takes" 2 ms whatever its size: at 2 ms per 64 samples, the next is 64 again.
      const sliced = counting(2, 2);
      const r = req(1000, sampling);
      const e = expectOk(await sliced.runner.evaluate(r));
      expect(sameData(e, await whole(r))).toBe(true);
      // One turn between every two slices.
      expect(sliced.turns).toBe(Math.ceil(1000 / 64) - 1);
    }
  });

  it("sizes slices from the measured pace: a slow model gets small slices, never below 16 samples", async () => {
    // Each clock reading 100 ms later: every slice seems to take 100 ms.
    const counted = counting(8, 100);
    const r = req(400);
    expect(sameData(expectOk(await counted.runner.evaluate(r)), await whole(r))).toBe(true);
    // 64 first, then 16 at a time (8 ms at 100 ms per 64 samples rounds to 5, held at the floor 16).
    expect(counted.turns).toBe(1 + Math.ceil((400 - 64) / 16) - 1);
  });

  it("answers probabilities first, then the bands after a turn for the page; together the whole run", async () => {
    const order: string[] = [];
    const sliced = createSlicedRunner({
      yieldToPage: async () => {
        order.push("turn");
      },
    });
    const r = req(600);
    const first = expectOk(await sliced.probabilities(r));
    order.push("first");
    const expected = await whole(r);
    // The first answer carries probabilities and verdicts, not yet the quantile bands.
    expect(first.evaluation.indicators.map((i) => i.probability)).toEqual(
      expected.indicators.map((i) => i.probability),
    );
    const all = await sliced.bands(first.token);
    expect(order.at(-1)).toBe("turn");
    expect(all).not.toBeNull();
    expect(sameData(all, expected)).toBe(true);
    // A token no longer kept answers null (the caller then evaluates afresh).
    expect(await sliced.bands(first.token)).toBeNull();
  });

  it("keeps runs that overlap apart, and reuses its memory run after run, every answer exact", async () => {
    // Each turn lets the other run go on: the two runs' slices interleave.
    const sliced = createSlicedRunner({
      sliceMs: 1,
      yieldToPage: () => new Promise((r) => setTimeout(r, 0)),
    });
    const a = req(700);
    const b = { ...req(900, "random"), seed: 12 };
    const [ra, rb] = await Promise.all([sliced.evaluate(a), sliced.probabilities(b)]);
    expect(sameData(expectOk(ra), await whole(a))).toBe(true);
    const first = expectOk(rb);
    // A third run before b's bands: b's kept samples were merged out of the shared memory, so stay b's.
    const c = req(800);
    expect(sameData(expectOk(await sliced.evaluate(c)), await whole(c))).toBe(true);
    expect(sameData(await sliced.bands(first.token), await whole(b))).toBe(true);
    // Again on the same memory, now carved from the start.
    expect(sameData(expectOk(await sliced.evaluate(a)), await whole(a))).toBe(true);
    // A run of one slice (its arrays are the answer's): its own memory, so later runs leave it alone.
    const tiny = req(40);
    const t = expectOk(await sliced.probabilities(tiny));
    expect(sameData(expectOk(await sliced.evaluate(a)), await whole(a))).toBe(true);
    expect(sameData(await sliced.bands(t.token), await whole(tiny))).toBe(true);
  });

  it("runs a deterministic request (0 samples) in one step, equal to the inline runner's", async () => {
    const r = req(0);
    expect(sameData(expectOk(await createSlicedRunner().evaluate(r)), await whole(r))).toBe(true);
  });

  it("reports a world that cannot be built as a bilingual error, and a model that throws as one", async () => {
    const broken: EvaluateRequest = { ...req(200), assumptions: {} };
    const e = expectErr(await createSlicedRunner().evaluate(broken));
    expect(e.message.en).toMatch(/^the models cannot run/);
    expect(e.message.zh.length).toBeGreaterThan(0);
    const throwing = createSlicedRunner({
      now: () => {
        throw new Error("clock broke");
      },
    });
    const t = expectErr(await throwing.probabilities(req(200)));
    expect(t.message.en).toBe("the models failed on the page's thread: clock broke");
    expect(t.message.zh).toBe("模型在本页运行时出错：clock broke");
  });

  it("gives the page its turn by default without a timer (a message in Node, a background task in browsers)", async () => {
    const order: string[] = [];
    const p = defaultYield().then(() => order.push("turn"));
    order.push("sync");
    await p;
    expect(order).toEqual(["sync", "turn"]);
  });
});
