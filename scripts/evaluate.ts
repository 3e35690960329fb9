/**
 * npm run evaluate -- <scenario or plan files…> [--samples N] [--seed S] [--sampling lhs|random]
 *                     [--actuals file.csv] [--json] [--lang zh-CN|en]
 *
 * Evaluates every file in parallel on all cores (worker_threads) and prints, in the order given, a
 * table per plan or one JSON document. The same seed gives byte-identical output. A bad file gets a
 * message naming the file, the path inside it and what is wrong, and exit code 2; the other files are
 * still evaluated and printed.
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { parseActualsCsv } from "../models/actuals-csv.ts";
import type { Sampling } from "../models/monte-carlo.ts";
import type { Actual } from "../models/scenario.ts";
import type { Lang } from "../models/text.ts";
import { formatIssue, type InputIssue } from "../models/validation.ts";
import { evaluateGuarded, type FileOutcome, type FileTask } from "./lib/evaluate-file.ts";
import { loadRepositoryLibrary } from "./lib/load.ts";
import { renderTable } from "./lib/report.ts";

function defaultLang(): Lang {
  const env = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || "";
  return env.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

const USAGE = `usage: npm run evaluate -- <scenario or plan files…> [--samples N] [--seed S] [--sampling lhs|random] [--actuals file.csv] [--json] [--lang zh-CN|en]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const files: string[] = [];
let samples = 2000;
let seed = 1;
let sampling: Sampling = "lhs";
let json = false;
let lang = defaultLang();
let actualsPath: string | undefined;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  const next = () => args[++i] ?? fail(`${a} needs a value`);
  if (a === "--samples") {
    const v = next();
    if (!/^\d+$/.test(v) || Number(v) > 1_000_000)
      fail(`--samples takes a whole number from 0 to 1000000, not "${v}"`);
    samples = Number(v);
  } else if (a === "--seed") {
    const v = next();
    if (!/^-?\d+$/.test(v)) fail(`--seed takes a whole number, not "${v}"`);
    seed = Number(v) | 0;
  } else if (a === "--sampling") {
    const v = next();
    if (v !== "lhs" && v !== "random") fail(`--sampling is lhs or random, not "${v}"`);
    sampling = v;
  } else if (a === "--actuals") actualsPath = next();
  else if (a === "--json") json = true;
  else if (a === "--lang") {
    const v = next();
    if (v !== "zh-CN" && v !== "en") fail(`--lang is zh-CN or en, not "${v}"`);
    lang = v;
  } else if (a === "--help" || a === "-h") {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  } else if (a.startsWith("--")) fail(`unknown option ${a}`);
  else files.push(a);
}
if (files.length === 0) fail("no files given");

const actuals: Record<string, Actual[]> = {};
const fatal: InputIssue[] = [];
if (actualsPath) {
  let text: string | undefined;
  try {
    text = readFileSync(actualsPath, "utf8");
  } catch (e) {
    fatal.push({
      file: actualsPath,
      path: "",
      message: { zh: `无法读取文件：${String(e)}`, en: `cannot read the file: ${String(e)}` },
    });
  }
  if (text !== undefined) {
    const lib = loadRepositoryLibrary();
    const parsed = parseActualsCsv(text, actualsPath, [...lib.plans.values()]);
    if (!parsed.ok) fatal.push(...parsed.error);
    else for (const [k, v] of parsed.value) actuals[k] = v;
  }
}
if (fatal.length > 0) {
  for (const issue of fatal) process.stderr.write(`${formatIssue(issue, lang)}\n`);
  process.exit(2);
}

const tasks: FileTask[] = files.map((path) => ({ path, samples, seed, sampling, actuals }));
const size = Math.max(1, Math.min(tasks.length, availableParallelism()));
const outcomes: FileOutcome[] = new Array(tasks.length);
/**
 * Compiled by scripts/cli.mjs (how `npm run evaluate` runs), each worker loads the bundled worker, plain
 * JavaScript. Run from source (`node --import tsx scripts/evaluate.ts`), Node 20 does not apply tsx's
 * hooks to a worker's entry module, so each worker starts from a tiny bootstrap that registers tsx and
 * then imports the TypeScript worker.
 */
function startWorker(): Worker {
  if (import.meta.url.endsWith(".mjs")) return new Worker(new URL("./evaluate-worker.mjs", import.meta.url));
  const workerUrl = new URL("./evaluate-worker.ts", import.meta.url).href;
  const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); });`;
  return new Worker(bootstrap, { eval: true });
}
// One file is evaluated on this thread: starting a worker would only add its start-up.
const workers = tasks.length === 1 ? [] : Array.from({ length: size }, startWorker);
if (tasks.length === 1) outcomes[0] = evaluateGuarded(tasks[0]!);
let nextTask = 0;
let done = 0;
if (workers.length > 0)
  await new Promise<void>((resolveAll, rejectAll) => {
    const feed = (w: Worker) => {
      if (nextTask >= tasks.length) return;
      const index = nextTask++;
      w.postMessage({ index, task: tasks[index] });
    };
    for (const w of workers) {
      w.on("message", (m: { index: number; outcome: FileOutcome }) => {
        outcomes[m.index] = m.outcome;
        done++;
        if (done === tasks.length) resolveAll();
        else feed(w);
      });
      w.on("error", rejectAll);
      feed(w);
    }
  });
await Promise.all(workers.map((w) => w.terminate()));

let failed = false;
const records = [];
const errors: { file: string; path: string; message: { zh: string; en: string } }[] = [];
for (const o of outcomes) {
  if (o.ok) records.push(o.record);
  else {
    failed = true;
    errors.push(...o.issues);
  }
}
if (json) {
  process.stdout.write(`${JSON.stringify({ samples, seed, sampling, results: records, errors }, null, 2)}\n`);
} else {
  for (const o of outcomes) if (o.ok) process.stdout.write(`${renderTable(o.record, o.plan, lang)}\n`);
}
for (const issue of errors) process.stderr.write(`${formatIssue(issue, lang)}\n`);
// exitCode rather than exit(): exit() can cut off stdout still draining into a pipe (a 64 KB JSON piped on).
process.exitCode = failed ? 2 : 0;
