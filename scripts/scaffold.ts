/**
 * Writes bindings and a baseline scenario for a plan, so a new plan evaluates at once.
 *
 *   npm run scaffold -- scenarios/plans/<id>.json [--force] [--lang zh-CN|en]
 *
 * Writes scenarios/bindings/<id>.json and scenarios/<prefix>-baseline.json beside the plan's folder
 * (prefix: the plan id without its trailing period). Refuses to overwrite either without --force. Every
 * assumption it writes is a placeholder labelled `plan` (restating the plan's pace) or `estimate`.
 * Exit 0 when written; 2 when the plan is invalid, a file exists, or on a usage error.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import process from "node:process";
import { parsePlan } from "../models/plan.ts";
import { scaffoldPlan } from "../models/scaffold.ts";
import type { Lang } from "../models/text.ts";
import { formatIssue } from "../models/validation.ts";
import { readJsonFile } from "./lib/load.ts";

const USAGE = {
  en: "usage: npm run scaffold -- scenarios/plans/<id>.json [--force] [--lang zh-CN|en]\n  Writes scenarios/bindings/<id>.json and scenarios/<prefix>-baseline.json; --force overwrites them.",
  zh: "用法：npm run scaffold -- scenarios/plans/<id>.json [--force] [--lang zh-CN|en]\n  写出 scenarios/bindings/<id>.json 和 scenarios/<前缀>-baseline.json；--force 覆盖已有文件。",
};

function defaultLang(env: NodeJS.ProcessEnv): Lang {
  const l = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return l.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

function main(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  let lang = defaultLang(env);
  let force = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--force") force = true;
    else if (a === "--lang" || a.startsWith("--lang=")) {
      const v = a === "--lang" ? argv[++i] : a.slice("--lang=".length);
      if (v === "zh-CN" || v === "zh") lang = "zh-CN";
      else if (v === "en") lang = "en";
      else {
        process.stderr.write(`--lang must be zh-CN or en (got ${v ?? "nothing"})\n${USAGE.en}\n`);
        return 2;
      }
    } else if (a === "--help" || a === "-h") {
      process.stdout.write(`${lang === "zh-CN" ? USAGE.zh : USAGE.en}\n`);
      return 0;
    } else if (a.startsWith("-")) {
      process.stderr.write(
        `${lang === "zh-CN" ? `未知选项 ${a}` : `unknown option ${a}`}\n${lang === "zh-CN" ? USAGE.zh : USAGE.en}\n`,
      );
      return 2;
    } else files.push(a);
  }
  const usage = lang === "zh-CN" ? USAGE.zh : USAGE.en;
  if (files.length !== 1) {
    process.stderr.write(
      `${lang === "zh-CN" ? "请给出一个规划文件" : "give exactly one plan file"}\n${usage}\n`,
    );
    return 2;
  }
  const file = files[0]!;
  const read = readJsonFile(file);
  if (!read.ok) {
    for (const i of read.error) process.stderr.write(`${formatIssue(i, lang)}\n`);
    return 2;
  }
  const plan = parsePlan(read.value, file);
  if (!plan.ok) {
    for (const i of plan.error) process.stderr.write(`${formatIssue(i, lang)}\n`);
    return 2;
  }
  // The plan sits in <scenarios>/plans/; bindings go to <scenarios>/bindings/, the scenario to <scenarios>/.
  const plansDir = dirname(resolve(file));
  const scenariosDir = basename(plansDir) === "plans" ? dirname(plansDir) : plansDir;
  const s = scaffoldPlan(plan.value);
  const targets = [
    { path: join(scenariosDir, "bindings", `${plan.value.id}.json`), data: s.bindings },
    { path: join(scenariosDir, `${s.prefix}-baseline.json`), data: s.scenario },
  ];
  const existing = targets.filter((t) => existsSync(t.path));
  if (existing.length > 0 && !force) {
    for (const t of existing)
      process.stderr.write(
        lang === "zh-CN"
          ? `${t.path}：文件已存在，未写入（用 --force 覆盖）\n`
          : `${t.path}: already exists, not written (use --force to overwrite)\n`,
      );
    return 2;
  }
  for (const t of targets) {
    mkdirSync(dirname(t.path), { recursive: true });
    writeFileSync(t.path, `${JSON.stringify(t.data, null, 2)}\n`);
    process.stdout.write(lang === "zh-CN" ? `已写入 ${t.path}\n` : `wrote ${t.path}\n`);
  }
  const n = Object.keys(s.scenario.assumptions ?? {}).length;
  const plans = Object.values(s.scenario.assumptions ?? {}).filter(
    (a) => a.provenance.kind === "plan",
  ).length;
  process.stdout.write(
    lang === "zh-CN"
      ? `${plan.value.indicators.length} 项指标已绑定；${n} 个假设（${plans} 个复述规划进度，标为“规划”；其余为“估计”）。请用证据替换默认值。\n`
      : `${plan.value.indicators.length} indicators bound; ${n} assumptions (${plans} restate the plan's pace, labelled plan; the rest estimate). Replace the defaults with evidence.\n`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2), process.env);
