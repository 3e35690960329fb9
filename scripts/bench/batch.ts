/**
 * The command-line evaluator measured as a batch tool: `count` generated county-sized scenarios (the
 * Huyi district baseline, 0.6 M residents, with a few levers moved per file) evaluated with `samples`
 * samples each on all cores, through the same command `npm run evaluate` runs. Also its start-up: one
 * small file with no samples, launch to exit.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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

/** Milliseconds from launch to exit for one file with no samples (median of `rounds`). */
export function cliStartupMs(rounds = 5): number {
  runCli(["scenarios/huyi-baseline.json", "--samples", "0", "--json"]); // warm any build cache
  const xs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const o = runCli(["scenarios/huyi-baseline.json", "--samples", "0", "--json"]);
    if (o.status !== 0) throw new Error(`evaluate failed: ${o.stderr}`);
    xs.push(o.ms);
  }
  return xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
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
