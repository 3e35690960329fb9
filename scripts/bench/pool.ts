/**
 * `poolVsInline` of `npm run bench` (issue 12: "the pool sized from measured parallel speed-up, never
 * slower than inline"). The Jiaxing baseline at 10,000 samples, wall time from request to the whole
 * evaluation (bands included), on this thread (inline) and through the app's own pool code
 * (createPoolRunner, two-step runs as the app makes them) over Node worker threads running the app's
 * own model worker: a pool of 1, of 2 (every run split), and the self-sized pool after its measured
 * decision, which may be 0 workers (this thread, in time slices: sliced-runner.ts). Rounds alternate the four ways, so they share the machine's load; medians are reported.
 */
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import * as Comlink from "comlink";
import { runModelFor } from "../../src/kernel/library.ts";
import type { ModelWorkerApi } from "../../src/kernel/model-worker.ts";
import type { SizeDecision } from "../../src/kernel/pool-size.ts";
import { createInlineRunner, type EvaluateRequest, type Runner } from "../../src/kernel/runner.ts";
import { sameData } from "../../src/kernel/same-data.ts";
import { createSlicedRunner } from "../../src/kernel/sliced-runner.ts";
import { createPoolRunner, type ModelApi, type ModelEndpoint } from "../../src/kernel/worker-runner.ts";
import { loadRepositoryLibrary } from "../lib/load.ts";
import { median } from "./node-figures.ts";
import { type NodePort, portOf } from "./node-port.ts";

const ROOT = resolve(import.meta.dirname, "../..");

/** The worker bundled once to plain JavaScript (worker threads get no TypeScript loader in Node 20). */
async function workerBundle(): Promise<string> {
  const { build } = await import("esbuild");
  const out = join(ROOT, ".cache", "bench", "pool-worker.mjs");
  await build({
    entryPoints: [join(ROOT, "scripts/bench/pool-worker.ts")],
    outfile: out,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "error",
  });
  return out;
}

function spawnOf(file: string): () => ModelEndpoint {
  return () => {
    const w = new Worker(pathToFileURL(file));
    // As endpointOf (worker-runner.ts) does for a Web Worker.
    const api: ModelApi = Comlink.wrap<ModelWorkerApi>(portOf(w as unknown as NodePort));
    return {
      api,
      onCrash: (listener) => {
        w.on("error", (e) => listener(String(e)));
      },
      terminate: () => {
        void w.terminate();
      },
    };
  };
}

export interface PoolVsInline {
  samples: number;
  rounds: number;
  cores: number;
  /** Median ms by way: inline, pool of 1, pool of 2 (split), self-sized pool. */
  ms: { inline: number; pool1: number; pool2: number; chosen: number };
  /** The self-sized pool's decision: its size and the calibration medians (ms by size). */
  chosenSize: number;
  calibrationMs: Record<string, number>;
  /** pool1 ÷ inline and chosen ÷ inline. */
  pool1VsInline: number;
  chosenVsInline: number;
  /** "Never slower than inline", allowing message overhead: chosen ÷ inline ≤ 1.1. */
  neverSlowerThanInline: boolean;
  /** Every way's evaluation equals the inline one exactly. */
  identical: boolean;
  raw: Record<string, number[]>;
}

export async function poolVsInline(rounds: number, cores: number): Promise<PoolVsInline> {
  const file = await workerBundle();
  const model = runModelFor(loadRepositoryLibrary(), "jiaxing-baseline");
  if (!model.ok) throw new Error(JSON.stringify(model.error));
  const samples = 10_000;
  const req: EvaluateRequest = { ...model.value, samples, seed: 1, sampling: "lhs", worldKey: "jiaxing" };
  let decided: (d: SizeDecision) => void = () => {};
  const decision = new Promise<SizeDecision>((r) => (decided = r));
  const ways: Record<"inline" | "pool1" | "pool2" | "chosen", Runner> = {
    inline: createInlineRunner(),
    pool1: createPoolRunner({ size: 1, spawn: spawnOf(file) }),
    pool2: createPoolRunner({ size: 2, split: "always", spawn: spawnOf(file) }),
    chosen: createPoolRunner({
      size: Math.min(cores, 8),
      spawn: spawnOf(file),
      // As the app's pool (createWorkerRunner): the page's thread, sliced, is measured as size 0.
      inline: createSlicedRunner(),
      measure: { onDecision: (d) => decided(d) },
    }),
  };
  const run = async (r: Runner) => {
    const e = r.evaluateInSteps ? await r.evaluateInSteps(req, () => {}) : await r.evaluate(req);
    if (!e.ok) throw new Error(e.error.message.en);
    return e.value;
  };
  try {
    // Warm-up: workers started, worlds compiled; the self-sized pool measures after its first run.
    const expected = await run(ways.inline);
    let identical = true;
    for (const r of Object.values(ways)) identical &&= sameData(await run(r), expected);
    const d = await decision;
    const raw: Record<string, number[]> = { inline: [], pool1: [], pool2: [], chosen: [] };
    const order = Object.keys(ways) as (keyof typeof ways)[];
    for (let round = 0; round < rounds; round++) {
      for (const k of round % 2 === 0 ? order : [...order].reverse()) {
        const t = performance.now();
        const e = await run(ways[k]);
        raw[k]!.push(performance.now() - t);
        identical &&= sameData(e, expected);
      }
    }
    const ms = {
      inline: median(raw.inline!),
      pool1: median(raw.pool1!),
      pool2: median(raw.pool2!),
      chosen: median(raw.chosen!),
    };
    return {
      samples,
      rounds,
      cores,
      ms,
      chosenSize: d.size,
      calibrationMs: Object.fromEntries([...d.medianMs].map(([k, v]) => [String(k), v])),
      pool1VsInline: ms.pool1 / ms.inline,
      chosenVsInline: ms.chosen / ms.inline,
      neverSlowerThanInline: ms.chosen / ms.inline <= 1.1,
      identical,
      raw,
    };
  } finally {
    for (const r of Object.values(ways)) r.dispose();
  }
}
