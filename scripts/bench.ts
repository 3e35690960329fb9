/**
 * npm run bench — a benchmark, not a timed test: it reports figures and never fails on them.
 * 1. The full Jiaxing baseline: a 10,000-sample Monte Carlo on one core in Node (target < 100 ms),
 *    for random and Latin hypercube sampling, split into sampling and summarising.
 * 2. One deterministic run of the linked world (what an assumption change costs before drawing).
 * 3. In Chromium, on the built app: the workbench budgets (scripts/bench-browser.ts).
 */
import { anchorsOf, evaluate, twinsOf } from "../models/engine.ts";
import { prepare } from "../models/library.ts";
import { sampleSlice, summarize } from "../models/monte-carlo.ts";
import { benchBrowser } from "./bench-browser.ts";
import { loadRepositoryLibrary } from "./lib/load.ts";

const SAMPLES = 10_000;
const ROUNDS = 7;

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.round(p * (s.length - 1)))]!;
  return `median ${q(0.5).toFixed(1)} ms, min ${s[0]!.toFixed(1)}, max ${s[s.length - 1]!.toFixed(1)} (${s.length} rounds)`;
}

const lib = loadRepositoryLibrary();
const scenario = lib.scenarios.get("jiaxing-baseline");
if (!scenario) throw new Error("scenarios/jiaxing-baseline.json is missing");
const prepared = prepare(lib, scenario, "scenarios/jiaxing-baseline.json");
if (!prepared.ok) throw new Error(JSON.stringify(prepared.error));
const world = prepared.value.world;
const anchors = anchorsOf(world, []);
const uncertain = world.assumptions.filter((a) => a.uncertainty).length;
console.log(
  `Jiaxing baseline: ${world.indicators.length} indicators, ${world.assumptionIds.length} assumptions (${uncertain} uncertain), ${world.years.length} years`,
);

for (const sampling of ["random", "lhs"] as const) {
  const opts = { samples: SAMPLES, seed: 1, sampling, bands: prepared.value.scenario.bands, actuals: [] };
  evaluate(world, opts); // warm-up
  const total: number[] = [];
  const sampleMs: number[] = [];
  const summaryMs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    evaluate(world, opts);
    total.push(performance.now() - t);
    t = performance.now();
    const slice = sampleSlice(world, { samples: SAMPLES, seed: 1, sampling, from: 0, to: SAMPLES }, anchors);
    sampleMs.push(performance.now() - t);
    t = performance.now();
    summarize(slice, world.years.length, twinsOf(world, anchors));
    summaryMs.push(performance.now() - t);
  }
  console.log(`MC ${SAMPLES} samples, ${sampling}, one core: ${stats(total)} — target < 100 ms`);
  console.log(
    `  of which sampling + models: ${stats(sampleMs)}; quantiles + probabilities: ${stats(summaryMs)}`,
  );
}

const det: number[] = [];
for (let r = 0; r < 2000; r++) {
  const t = performance.now();
  world.run(world.pointValues);
  det.push(performance.now() - t);
}
det.sort((a, b) => a - b);
console.log(
  `one deterministic run of the linked world: median ${(det[1000]! * 1000).toFixed(1)} µs, p95 ${(det[1900]! * 1000).toFixed(1)} µs`,
);

await benchBrowser();
