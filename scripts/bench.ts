/**
 * npm run bench [-- --json] [--baseline <git ref>] [--no-browser] [--batch N] [--rounds N]
 *
 * A benchmark, not a test (issue 12). It measures, on this machine and in one run:
 * - the side-by-side retrofit model (scripts/bench/side-by-side.ts) in Reachable's engine, in Squiggle and
 *   as a hand-written typed-array loop: `squiggleRatio`, `limitRatio`, and whether the three
 *   probabilities agree within three standard errors (if not, it says so and exits 1);
 * - the full Jiaxing baseline at 10,000 samples on one core (`mcJiaxing10kMs`) and over 10,000 bare
 *   deterministic runs of the same world (`mcOverheadRatio`), and how time grows with samples and horizon;
 * - the command-line evaluator on generated county-sized plans (`batchPlansPerSecond`) and its start-up
 *   (`cliStartup`: alternating with a bare `node -e 0` and, with --baseline, the older checkout's own);
 * - the Jiaxing 10,000-sample run inline against the app's pool code over Node worker threads: a pool of
 *   1, of 2, and the pool sized from its own measurement (`poolVsInline`, `poolVsInlineRatio`);
 * - in Chromium on the built app: input → painted deterministic dashboard, input → 10,000-sample
 *   probabilities, initial JavaScript gzipped.
 * With `--baseline <ref>` the Node figures are also taken for the engine at that commit (extracted into
 * .bench-baseline/), interleaved with the current ones, so before and after share the machine's load.
 * A readable table goes to stderr with --json (stdout then holds one JSON document), else to stdout.
 * npm prints its own "> reachable bench" banner on stdout; `npm run -s bench -- --json` leaves it out.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { batchPlansPerSecond, cliStartup } from "./bench/batch.ts";
import { type JiaxingFigures, jiaxingFigures, loadEngine, timeIt } from "./bench/node-figures.ts";
import { type PoolVsInline, poolVsInline } from "./bench/pool.ts";
import { reachableRequest, runHandLoop, runSquiggle } from "./bench/side-by-side.ts";
import { type BrowserFigures, benchBrowser } from "./bench-browser.ts";

const ROOT = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const json = args.includes("--json");
const browser = !args.includes("--no-browser");
const option = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const baselineRef = option("--baseline");
const batchCount = Number(option("--batch") ?? 1000);
const rounds = Number(option("--rounds") ?? 5);
const log = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);

const BUDGETS = {
  squiggleRatio: { min: 100 },
  limitRatio: { max: 2 },
  mcOverheadRatio: { max: 1.5 },
  mcJiaxing10kMs: { max: 100 },
  inputToPaintP95Ms: { max: 50 },
  uncertaintyP95Ms: { max: 300 },
  initialJsGzipKB: { max: 85 },
  cliStartupMs: { max: 500 },
  /** The self-sized pool against the page's thread alone, Jiaxing 10,000 samples (message overhead allowed). */
  poolVsInlineRatio: { max: 1.1 },
} as const;

/** Extracts the engine, scripts and runner of `ref` into .bench-baseline/<sha> (node_modules resolve). */
function extractBaseline(ref: string): { sha: string; root: string } {
  const sha = execFileSync("git", ["rev-parse", "--short", ref], { cwd: ROOT, encoding: "utf8" }).trim();
  const root = join(ROOT, ".bench-baseline", sha);
  // The scripts and scenarios too: the baseline's command-line tool is timed from its own checkout.
  if (!existsSync(join(root, "scripts", "cli.mjs"))) {
    mkdirSync(root, { recursive: true });
    const tar = execFileSync("git", ["archive", sha, "models", "scripts", "scenarios", "src/kernel"], {
      cwd: ROOT,
      maxBuffer: 1 << 28,
    });
    execFileSync("tar", ["-x", "-C", root], { input: tar });
  }
  return { sha, root };
}

const SIDE_SAMPLES = 100_000;
const SEED = 1;

/** Percent probability with its standard error, in points. */
const se = (pct: number, n: number) => Math.sqrt((pct / 100) * (1 - pct / 100) * n) * (100 / n);

async function main(): Promise<number> {
  const current = await loadEngine(ROOT);
  const base = baselineRef ? extractBaseline(baselineRef) : null;
  const before = base ? await loadEngine(base.root) : null;
  const scenariosDir = join(ROOT, "scenarios");

  // --- The side-by-side model -------------------------------------------------------------------
  log(`Side-by-side retrofit model, ${SIDE_SAMPLES.toLocaleString("en-US")} samples`);
  const reachableOf = async (m: typeof current) => {
    const runner = m.runner.createInlineRunner();
    let p = Number.NaN;
    const ms = await timeIt(rounds, async () => {
      const r = await runner.evaluate(reachableRequest(SIDE_SAMPLES, SEED));
      if (!r.ok) throw new Error(r.error.message.en);
      p = r.value.indicators[0]!.probability!;
    });
    return { ms, p };
  };
  let handP = Number.NaN;
  const handMs = await timeIt(rounds, () => {
    handP = runHandLoop(SIDE_SAMPLES, SEED);
  });
  const reach = await reachableOf(current);
  const reachBefore = before ? await reachableOf(before) : null;
  await runSquiggle(1000, "warm-up");
  let squiggleP = Number.NaN;
  const squiggleMs = await timeIt(1, async () => {
    squiggleP = await runSquiggle(SIDE_SAMPLES, "reachable-bench");
  });
  const probs = { reachable: reach.p, squiggle: squiggleP, handLoop: handP };
  const entries = Object.entries(probs);
  const disagreements: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const [a, pa] = entries[i]!;
      const [b, pb] = entries[j]!;
      const tol = 3 * Math.hypot(se(pa, SIDE_SAMPLES), se(pb, SIDE_SAMPLES));
      if (!(Math.abs(pa - pb) <= tol))
        disagreements.push(`${a} ${pa.toFixed(3)}% vs ${b} ${pb.toFixed(3)}% (3 SE = ${tol.toFixed(3)})`);
    }
  }
  log(`  Reachable  ${reach.ms.toFixed(1)} ms  P = ${reach.p.toFixed(3)}%`);
  if (reachBefore)
    log(`  (before ${base!.sha}: ${reachBefore.ms.toFixed(1)} ms  P = ${reachBefore.p.toFixed(3)}%)`);
  log(`  Squiggle   ${squiggleMs.toFixed(1)} ms  P = ${squiggleP.toFixed(3)}%`);
  log(`  hand loop  ${handMs.toFixed(1)} ms  P = ${handP.toFixed(3)}%`);
  log(
    disagreements.length === 0
      ? "  the three probabilities agree within three standard errors"
      : `  DISAGREE: ${disagreements.join("; ")}`,
  );

  // --- Jiaxing ------------------------------------------------------------------------------------
  log("Jiaxing baseline (one core)");
  const jx = await jiaxingFigures(current, scenariosDir, { rounds, growth: true });
  let jxBefore: JiaxingFigures | null = null;
  if (before) jxBefore = await jiaxingFigures(before, scenariosDir, { rounds, growth: true });
  const row = (label: string, now: number, then: number | undefined, unit = "ms") =>
    log(
      `  ${label.padEnd(44)} ${now.toFixed(unit === "×" ? 2 : 1).padStart(9)} ${unit}` +
        (then === undefined ? "" : `   before ${then.toFixed(unit === "×" ? 2 : 1).padStart(9)} ${unit}`),
    );
  row("10,000-sample Monte Carlo", jx.mcJiaxing10kMs, jxBefore?.mcJiaxing10kMs);
  row("10,000 bare deterministic runs", jx.deterministic10kMs, jxBefore?.deterministic10kMs);
  row("Monte Carlo ÷ bare runs", jx.mcOverheadRatio, jxBefore?.mcOverheadRatio, "×");
  log("  time growth (ms)      samples:      1,000     10,000    100,000");
  for (const horizon of [2025, 2035]) {
    const cells = (g: JiaxingFigures["growth"]) =>
      g
        .filter((x) => x.horizon === horizon)
        .map((x) => x.ms.toFixed(1).padStart(10))
        .join(" ");
    log(`  to ${horizon}                            ${cells(jx.growth)}`);
    if (jxBefore) log(`  to ${horizon} (before)                   ${cells(jxBefore.growth)}`);
  }

  // --- CLI ----------------------------------------------------------------------------------------
  log("Command-line evaluator");
  const cli = cliStartup(Math.max(rounds, 7), base?.root);
  const startup = cli.ms;
  log(
    `  start-up (one file, no samples, launch to exit): ${startup.toFixed(0)} ms` +
      (cli.beforeMs === null ? "" : `   before ${cli.beforeMs.toFixed(0)} ms`) +
      `   (bare node ${cli.bareNodeMs.toFixed(0)} ms; load ${cli.loadAverage.map((x) => x.toFixed(1)).join(" → ")})`,
  );
  const batch = batchPlansPerSecond(batchCount, 1000);
  log(
    `  ${batchCount} county-sized plans × 1,000 samples on all cores: ${(batch.ms / 1000).toFixed(1)} s, ${batch.plansPerSecond.toFixed(1)} plans/s`,
  );

  // --- Pool against inline ----------------------------------------------------------------------
  log("Pool against inline: Jiaxing, 10,000 samples, whole evaluation (Node worker threads, the app's pool)");
  const cores = (await import("node:os")).availableParallelism();
  const pool: PoolVsInline = await poolVsInline(Math.max(rounds, 9), cores);
  log(
    `  inline ${pool.ms.inline.toFixed(0)} ms   pool of 1 ${pool.ms.pool1.toFixed(0)} ms   pool of 2 ${pool.ms.pool2.toFixed(0)} ms   self-sized (${pool.chosenSize}) ${pool.ms.chosen.toFixed(0)} ms`,
  );
  log(
    `  self-sized ÷ inline ${pool.chosenVsInline.toFixed(2)} (≤ 1.1: ${pool.neverSlowerThanInline ? "holds" : "DOES NOT HOLD"}); pool of 1 ÷ inline ${pool.pool1VsInline.toFixed(2)}; results identical: ${pool.identical}`,
  );

  // --- Browser ------------------------------------------------------------------------------------
  let bf: BrowserFigures | null = null;
  if (browser) {
    log("Chromium, built app (vite build first; its output goes to stderr)");
    // Built here rather than in the npm script, so that stdout carries only the JSON document.
    execFileSync(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build"], {
      cwd: ROOT,
      stdio: ["ignore", 2, 2],
    });
    bf = await benchBrowser((l) => log(`  ${l}`));
  }

  const figures = {
    squiggleRatio: squiggleMs / reach.ms,
    limitRatio: reach.ms / handMs,
    mcOverheadRatio: jx.mcOverheadRatio,
    mcJiaxing10kMs: jx.mcJiaxing10kMs,
    inputToPaintP95Ms: bf?.inputToPaintP95Ms ?? null,
    uncertaintyP95Ms: bf?.uncertaintyP95Ms ?? null,
    initialJsGzipKB: bf?.initialJsGzipKB ?? null,
    batchPlansPerSecond: batch.plansPerSecond,
    cliStartupMs: startup,
    poolVsInlineRatio: pool.chosenVsInline,
  };
  const budgets = Object.fromEntries(
    Object.entries(BUDGETS).map(([k, b]) => {
      const v = figures[k as keyof typeof figures];
      const met = v === null ? null : "min" in b ? v >= b.min : v <= b.max;
      return [k, { ...b, value: v, met }];
    }),
  );
  log("Budgets");
  for (const [k, b] of Object.entries(budgets)) {
    const limit = "min" in b ? `≥ ${b.min}` : `≤ ${b.max}`;
    const v = b.value === null ? "not measured" : Number(b.value).toFixed(2);
    log(
      `  ${k.padEnd(20)} ${v.padStart(10)}  ${limit.padEnd(7)} ${b.met === null ? "" : b.met ? "met" : "MISSED"}`,
    );
  }
  const doc = {
    machine: { cores: (await import("node:os")).availableParallelism(), node: process.version },
    ...figures,
    sideBySide: {
      samples: SIDE_SAMPLES,
      ms: { reachable: reach.ms, squiggle: squiggleMs, handLoop: handMs },
      probabilityPct: probs,
      agreeWithin3SE: disagreements.length === 0,
      disagreements,
    },
    jiaxing: jx,
    growth: jx.growth,
    batch: { plans: batchCount, samples: 1000, ms: batch.ms },
    cliStartup: cli,
    poolVsInline: pool,
    browser: bf,
    budgets,
    before: base
      ? {
          ref: base.sha,
          reachableSideBySideMs: reachBefore!.ms,
          squiggleRatio: squiggleMs / reachBefore!.ms,
          limitRatio: reachBefore!.ms / handMs,
          ...jxBefore,
        }
      : null,
  };
  if (json) process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  if (disagreements.length > 0) {
    process.stderr.write(`the side-by-side probabilities disagree: ${disagreements.join("; ")}\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
