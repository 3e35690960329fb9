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
import { readActualsCsv } from "../models/actuals-csv.ts";
import type { Sampling } from "../models/monte-carlo.ts";
import { type Plan, parsePlan } from "../models/plan.ts";
import { MAX_SEED } from "../models/rng.ts";
import type { Actual } from "../models/scenario.ts";
import { type Bilingual, type Lang, pick } from "../models/text.ts";
import { formatIssue, type InputIssue } from "../models/validation.ts";
import { evaluateGuarded, type FileOutcome, type FileTask } from "./lib/evaluate-file.ts";
import { kindOf, loadRepositoryLibrary, readJsonFile } from "./lib/load.ts";
import { renderTable } from "./lib/report.ts";

function defaultLang(): Lang {
  const env = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || "";
  return env.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

const USAGE = `usage: npm run evaluate -- <scenario or plan files…> [--samples N] [--seed S] [--sampling lhs|random] [--actuals file.csv] [--json] [--lang zh-CN|en]`;

interface Options {
  files: string[];
  samples: number;
  seed: number;
  sampling: Sampling;
  json: boolean;
  lang: Lang;
  actualsPath: string | undefined;
}

/** Reads the arguments, or the first usage error in both languages (printed in the chosen language). */
function parseArgs(
  args: readonly string[],
): { options: Options } | { help: true } | { lang: Lang; error: Bilingual } {
  const o: Options = {
    files: [],
    samples: 2000,
    seed: 1,
    sampling: "lhs",
    json: false,
    lang: defaultLang(),
    actualsPath: undefined,
  };
  // The language first, so that every usage error can be said in it.
  const li = args.indexOf("--lang");
  if (li >= 0 && (args[li + 1] === "zh-CN" || args[li + 1] === "en")) o.lang = args[li + 1] as Lang;
  let error: Bilingual | null = null;
  const fail = (zh: string, en: string) => {
    error ??= { zh, en };
  };
  for (let i = 0; i < args.length && error === null; i++) {
    const a = args[i]!;
    const next = (): string => {
      const v = args[++i];
      if (v === undefined) fail(`${a} 需要一个值`, `${a} needs a value`);
      return v ?? "";
    };
    if (a === "--samples") {
      const v = next();
      if (!/^\d+$/.test(v) || Number(v) > 1_000_000)
        fail(
          `--samples 须为 0 到 1000000 之间的整数，而不是 “${v}”`,
          `--samples takes a whole number from 0 to 1000000, not "${v}"`,
        );
      o.samples = Number(v);
    } else if (a === "--seed") {
      const v = next();
      // The generator takes 32 bits: a larger seed would silently equal a smaller one (2^32 + 7 ≡ 7).
      if (!/^\d+$/.test(v) || Number(v) > MAX_SEED)
        fail(
          `--seed 须为 0 到 ${MAX_SEED} 之间的整数，而不是 “${v}”`,
          `--seed takes a whole number from 0 to ${MAX_SEED}, not "${v}"`,
        );
      o.seed = Number(v);
    } else if (a === "--sampling") {
      const v = next();
      if (v !== "lhs" && v !== "random")
        fail(`--sampling 只能是 lhs 或 random，而不是 “${v}”`, `--sampling is lhs or random, not "${v}"`);
      else o.sampling = v;
    } else if (a === "--actuals") o.actualsPath = next();
    else if (a === "--json") o.json = true;
    else if (a === "--lang") {
      const v = next();
      if (v !== "zh-CN" && v !== "en")
        fail(`--lang 只能是 zh-CN 或 en，而不是 “${v}”`, `--lang is zh-CN or en, not "${v}"`);
    } else if (a === "--help" || a === "-h") return { help: true };
    else if (a.startsWith("--")) fail(`未知选项 ${a}`, `unknown option ${a}`);
    else o.files.push(a);
  }
  if (error === null && o.files.length === 0) fail("没有给出文件", "no files given");
  return error === null ? { options: o } : { lang: o.lang, error };
}

/** The plans the given files evaluate: a plan file is its own plan, a scenario names its plan. */
function plansOf(files: readonly string[]): Plan[] {
  const lib = loadRepositoryLibrary();
  const out = new Map<string, Plan>();
  for (const f of files) {
    const r = readJsonFile(f);
    if (!r.ok || r.value === null || typeof r.value !== "object") continue;
    const data = r.value as { id?: unknown; planId?: unknown };
    if (kindOf(f, r.value) === "plan") {
      const p = parsePlan(r.value, f);
      if (p.ok) out.set(p.value.id, p.value);
    } else if (typeof data.planId === "string") {
      const p = lib.plans.get(data.planId);
      if (p) out.set(p.id, p);
    }
  }
  return [...out.values()];
}

/** Writes to a stream and resolves once the text has been handed on (a pipe may drain slowly). */
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((done) => {
    if (stream.write(text)) done();
    else stream.once("drain", () => done());
  });
}

async function main(args: readonly string[]): Promise<number> {
  const parsed = parseArgs(args);
  if ("help" in parsed) {
    await write(process.stdout, `${USAGE}\n`);
    return 0;
  }
  if ("error" in parsed) {
    await write(process.stderr, `${pick(parsed.error, parsed.lang)}\n${USAGE}\n`);
    return 2;
  }
  const { files, samples, seed, sampling, json, lang, actualsPath } = parsed.options;

  const actuals: Record<string, Actual[]> = {};
  const fatal: InputIssue[] = [];
  if (actualsPath) {
    let bytes: Uint8Array | undefined;
    try {
      bytes = readFileSync(actualsPath);
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code ?? String(e);
      fatal.push({
        file: actualsPath,
        path: "",
        message: { zh: `无法读取文件（${why}）`, en: `cannot read the file (${why})` },
      });
    }
    if (bytes !== undefined) {
      // Row numbers and names are looked up in the plans evaluated here, and only in them.
      const read = readActualsCsv(bytes, actualsPath, plansOf(files));
      if (!read.ok) fatal.push(...read.error);
      // A batch evaluation is all or nothing: a refused row would silently change the results.
      else if (read.value.rejected.length > 0) fatal.push(...read.value.rejected);
      else for (const [k, v] of read.value.actuals) actuals[k] = v;
    }
  }
  if (fatal.length > 0) {
    await write(process.stderr, fatal.map((issue) => `${formatIssue(issue, lang)}\n`).join(""));
    return 2;
  }

  const tasks: FileTask[] = files.map((path) => ({ path, samples, seed, sampling, actuals }));
  const size = Math.max(1, Math.min(tasks.length, availableParallelism()));
  const outcomes: FileOutcome[] = new Array(tasks.length);
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
  const errors: InputIssue[] = [];
  for (const o of outcomes) {
    if (o.ok) records.push(o.value.record);
    else {
      failed = true;
      errors.push(...o.error);
    }
  }
  // Written and drained before the process ends: exiting at once would cut a piped stdout at 64 KiB.
  if (json) {
    await write(
      process.stdout,
      `${JSON.stringify({ samples, seed, sampling, results: records, errors }, null, 2)}\n`,
    );
  } else {
    for (const o of outcomes)
      if (o.ok) await write(process.stdout, `${renderTable(o.value.record, o.value.plan, lang)}\n`);
  }
  await write(process.stderr, errors.map((issue) => `${formatIssue(issue, lang)}\n`).join(""));
  return failed ? 2 : 0;
}

// exitCode rather than exit(): the process ends when its output has been delivered.
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

process.exitCode = await main(process.argv.slice(2));
