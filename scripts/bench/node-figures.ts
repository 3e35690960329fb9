/**
 * The Node half of `npm run bench`: the Jiaxing Monte Carlo, its overhead over the bare models, how time
 * grows with samples and horizon, and Reachable's side of the side-by-side model. Every module is loaded
 * from `root`, so the same measurements run against an older checkout of the engine (`--baseline`) in
 * the same process, for before/after figures taken under the same machine load.
 */
import { pathToFileURL } from "node:url";

/** The engine API this bench reads (stable across the versions it compares). */
interface EngineModules {
  engine: typeof import("../../models/engine.ts");
  library: typeof import("../../models/library.ts");
  mc: typeof import("../../models/monte-carlo.ts");
  distributions: typeof import("../../models/distributions.ts");
  rng: typeof import("../../models/rng.ts");
  load: typeof import("../lib/load.ts");
  runner: typeof import("../../src/kernel/runner.ts");
}

export async function loadEngine(root: string): Promise<EngineModules> {
  const at = (p: string) => import(pathToFileURL(`${root}/${p}`).href);
  return {
    engine: await at("models/engine.ts"),
    library: await at("models/library.ts"),
    mc: await at("models/monte-carlo.ts"),
    distributions: await at("models/distributions.ts"),
    rng: await at("models/rng.ts"),
    load: await at("scripts/lib/load.ts"),
    runner: await at("src/kernel/runner.ts"),
  };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function p95(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
}

/** Median wall time of `rounds` calls after one warm-up call, in ms. */
export async function timeIt(rounds: number, f: () => unknown): Promise<number> {
  await f();
  const xs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

export interface JiaxingFigures {
  mcJiaxing10kMs: number;
  /** 10,000 bare `world.run` calls on the sampled vectors (no drawing, judging, storing or summarising). */
  deterministic10kMs: number;
  mcOverheadRatio: number;
  /** ms by horizon end year and samples. */
  growth: { horizon: number; samples: number; ms: number }[];
}

export async function jiaxingFigures(
  m: EngineModules,
  scenariosDir: string,
  opts: { rounds: number; growth: boolean },
): Promise<JiaxingFigures> {
  const lib = m.load.loadRepositoryLibrary(scenariosDir);
  const scenario = lib.scenarios.get("jiaxing-baseline");
  if (!scenario) throw new Error("scenarios/jiaxing-baseline.json is missing");
  const worldTo = (end?: number) => {
    const p = m.library.prepare(lib, scenario, "scenarios/jiaxing-baseline.json", end);
    if (!p.ok) throw new Error(JSON.stringify(p.error));
    return p.value;
  };
  const prepared = worldTo();
  const world = prepared.world;
  const opts10k = (samples: number) => ({
    samples,
    seed: 1,
    sampling: "lhs" as const,
    bands: prepared.scenario.bands,
    actuals: [],
  });
  const mcJiaxing10kMs = await timeIt(opts.rounds, () => m.engine.evaluate(world, opts10k(10_000)));

  // The same 10,000 vectors the Monte Carlo draws (random sampling), run bare.
  const uncertain = world.assumptions
    .map((a, j) => ({ a, j }))
    .filter(({ a }) => a.uncertainty)
    .map(({ a, j }) => ({
      j,
      q: m.distributions.createQuantile(
        m.distributions.centreOn(a.uncertainty!, world.pointValues[j]!),
        a.min,
        a.max,
      ),
    }));
  const k = world.pointValues.length;
  const vectors = new Float64Array(10_000 * k);
  const draws = new Float64Array(uncertain.length);
  for (let s = 0; s < 10_000; s++) {
    vectors.set(world.pointValues, s * k);
    m.rng.fillUniform(m.rng.deriveSeed(1, s), draws, uncertain.length);
    uncertain.forEach(({ j, q }, d) => {
      vectors[s * k + j] = q(draws[d]!);
    });
  }
  const deterministic10kMs = await timeIt(opts.rounds, () => {
    for (let s = 0; s < 10_000; s++) world.run(vectors.subarray(s * k, (s + 1) * k));
  });

  const growth: JiaxingFigures["growth"] = [];
  if (opts.growth) {
    for (const horizon of [2025, 2035]) {
      const w = worldTo(horizon).world;
      for (const samples of [1000, 10_000, 100_000]) {
        const rounds = samples >= 100_000 ? 1 : opts.rounds;
        growth.push({
          horizon,
          samples,
          ms: await timeIt(rounds, () => m.engine.evaluate(w, opts10k(samples))),
        });
      }
    }
  }
  return {
    mcJiaxing10kMs,
    deterministic10kMs,
    mcOverheadRatio: mcJiaxing10kMs / deterministic10kMs,
    growth,
  };
}
