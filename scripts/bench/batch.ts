/**
 * The command-line evaluator measured as a batch tool: `count` generated county-sized scenarios (the
 * Huyi district baseline, 0.6 M residents, with a few levers moved per file) evaluated with `samples`
 * samples each on all cores, through the same command `npm run evaluate` runs. Also its start-up: one
 * small file with no samples, launch to exit.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createRng } from "../../models/rng.ts";

const ROOT = resolve(import.meta.dirname, "../..");

/** The command `npm run evaluate` runs, as argv (read from package.json so the two never drift). */
function evaluateCommand(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  return pkg.scripts.evaluate!.split(/\s+/);
}

function runCli(args: string[]): { ms: number; status: number | null; stderr: string } {
  const [cmd, ...rest] = evaluateCommand();
  const t = performance.now();
  const r = spawnSync(cmd!, [...rest, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 30 });
  return { ms: performance.now() - t, status: r.status, stderr: r.stderr };
}

function run(argv: string[]): number {
  const t = performance.now();
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${argv.join(" ")} failed (${r.status}): ${r.stderr}`);
  return performance.now() - t;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface CliStartup {
  /** Launch to exit of `npm run evaluate`'s command on one file with no samples, median. */
  ms: number;
  /** `node -e 0` in the same rounds: the floor no tool of ours can go under. */
  bareNodeMs: number;
  /** The same command of the `--baseline` checkout, in the same rounds, when one is given. */
  beforeMs: number | null;
  rounds: number;
  /** The machine's one-minute load average before and after (2 cores: anything above 2 is queueing). */
  loadAverage: [number, number];
}

/**
 * The command-line evaluator's start-up: one small file, no samples, launch to exit, through the same
 * command `npm run evaluate` runs (its cached bundle built first, not timed). Rounds alternate with a
 * bare `node -e 0` and, given `baselineRoot`, the older checkout's own command, so all three share the
 * machine's load.
 */
export function cliStartup(rounds = 7, baselineRoot?: string): CliStartup {
  const [cmd, ...rest] = evaluateCommand();
  const file = (root: string) => join(root, "scenarios/huyi-baseline.json");
  const ways: Record<string, string[]> = {
    now: [
      cmd!,
      ...rest.map((a) => (a.startsWith("scripts/") ? join(ROOT, a) : a)),
      file(ROOT),
      "--samples",
      "0",
      "--json",
    ],
    bare: [process.execPath, "-e", "0"],
  };
  if (baselineRoot)
    ways.before = [
      process.execPath,
      join(baselineRoot, "scripts/cli.mjs"),
      "evaluate",
      file(baselineRoot),
      "--samples",
      "0",
      "--json",
    ];
  const load0 = loadavg()[0]!;
  for (const argv of Object.values(ways)) run(argv); // builds (or checks) each bundle, untimed
  const xs: Record<string, number[]> = Object.fromEntries(Object.keys(ways).map((k) => [k, []]));
  const order = Object.keys(ways);
  for (let r = 0; r < rounds; r++)
    for (const k of r % 2 === 0 ? order : [...order].reverse()) xs[k]!.push(run(ways[k]!));
  return {
    ms: median(xs.now!),
    bareNodeMs: median(xs.bare!),
    beforeMs: baselineRoot ? median(xs.before!) : null,
    rounds,
    loadAverage: [load0, loadavg()[0]!],
  };
}

/** Levers moved per generated plan, each within its allowed range. */
const LEVERS: [string, number, number][] = [
  ["retrofit.capacity1", 100, 400],
  ["retrofit.cost0", 4000, 9000],
  ["living.budgetGrowth", -5, 10],
  ["population.netMigration", -3000, 1000],
];

export function batchPlansPerSecond(count: number, samples: number): { plansPerSecond: number; ms: number } {
  const dir = join(tmpdir(), `reachable-batch-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const rng = createRng(12);
    const files: string[] = [];
    for (let i = 0; i < count; i++) {
      const overrides: Record<string, { value: number }> = {};
      for (const [id, lo, hi] of LEVERS) overrides[id] = { value: Math.round(lo + rng() * (hi - lo)) };
      const file = join(dir, `county-${i}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          schemaVersion: 1,
          id: `bench-county-${i}`,
          planId: "huyi-2021-2025",
          name: { zh: `基准县 ${i}`, en: `Benchmark county ${i}` },
          extends: "huyi-baseline",
          overrides,
        }),
      );
      files.push(file);
    }
    const o = runCli([...files, "--samples", String(samples), "--json"]);
    if (o.status !== 0) throw new Error(`evaluate failed (${o.status}): ${o.stderr.slice(0, 2000)}`);
    return { plansPerSecond: (1000 * count) / o.ms, ms: o.ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
