/**
 * Checks plan files for internal tensions and prints what it finds.
 *
 *   node --import tsx scripts/check-plan.ts [--lang zh-CN|en] [--json] <file…>
 *   npm run check-plan -- scenarios/plans/huyi-2021-2025.json
 *
 * Exit 0 when every file was read, parsed and checked (with or without findings); exit 2 when any file
 * could not be read or is not a valid plan (the other files are still checked), or on a usage error.
 */
import { readFile } from "node:fs/promises";
import process from "node:process";
import { type Plan, parsePlan } from "../models/plan.ts";
import { checkPlan, type PlanFinding } from "../models/plan-check.ts";
import { type Lang, pick } from "../models/text.ts";
import { formatIssue, type InputIssue, parseJsonText } from "../models/validation.ts";

const USAGE = {
  en: "usage: check-plan [--lang zh-CN|en] [--json] <plan.json…>\n  Checks each plan file for internal tensions (findings) and reports files that cannot be read or parsed.\n  Exit 0: every file checked; exit 2: a file could not be read or parsed, or a usage error.",
  zh: "用法：check-plan [--lang zh-CN|en] [--json] <规划文件.json…>\n  检查每个规划文件内部的矛盾（发现），并报告无法读取或解析的文件。\n  退出码 0：全部文件已检查；退出码 2：有文件无法读取或解析，或用法错误。",
};

interface Options {
  lang: Lang;
  json: boolean;
  files: string[];
}

type FileReport =
  | { file: string; ok: true; plan: { id: string; title: Plan["title"] }; findings: PlanFinding[] }
  | { file: string; ok: false; issues: InputIssue[] };

function defaultLang(env: NodeJS.ProcessEnv): Lang {
  const l = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return l.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

function parseArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Options | { usage: string; help: boolean } {
  let lang = defaultLang(env);
  const usage = () => (lang === "zh-CN" ? USAGE.zh : USAGE.en);
  let json = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "--help" || arg === "-h") return { usage: usage(), help: true };
    if (arg === "--json") json = true;
    else if (arg === "--lang" || arg.startsWith("--lang=")) {
      const value = arg === "--lang" ? argv[++i] : arg.slice("--lang=".length);
      if (value === "zh-CN" || value === "zh") lang = "zh-CN";
      else if (value === "en") lang = "en";
      else {
        return {
          usage: `${lang === "zh-CN" ? `--lang 只能是 zh-CN 或 en（收到：${value ?? "无"}）` : `--lang must be zh-CN or en (got ${value ?? "nothing"})`}\n${usage()}`,
          help: false,
        };
      }
    } else if (arg.startsWith("-") && arg !== "-") {
      return {
        usage: `${lang === "zh-CN" ? `未知选项 ${arg}` : `unknown option ${arg}`}\n${usage()}`,
        help: false,
      };
    } else files.push(arg);
  }
  if (files.length === 0) {
    return {
      usage: `${lang === "zh-CN" ? "未指定规划文件" : "no plan file given"}\n${usage()}`,
      help: false,
    };
  }
  return { lang, json, files };
}

async function checkFile(file: string): Promise<FileReport> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? { zh: "文件不存在", en: "no such file" }
        : code === "EISDIR"
          ? { zh: "这是一个目录，不是文件", en: "this is a directory, not a file" }
          : {
              zh: `无法读取文件（${code ?? String(e)}）`,
              en: `cannot read the file (${code ?? String(e)})`,
            };
    return { file, ok: false, issues: [{ file, path: "", message: why }] };
  }
  const json = parseJsonText(text, file);
  if (!json.ok) return { file, ok: false, issues: json.error };
  const plan = parsePlan(json.value, file);
  if (!plan.ok) return { file, ok: false, issues: plan.error };
  return {
    file,
    ok: true,
    plan: { id: plan.value.id, title: plan.value.title },
    findings: checkPlan(plan.value),
  };
}

const SEVERITY_WORD: Record<PlanFinding["severity"], { zh: string; en: string }> = {
  error: { zh: "错误", en: "error" },
  warning: { zh: "警告", en: "warning" },
  info: { zh: "提示", en: "info" },
};

function formatReport(report: FileReport & { ok: true }, lang: Lang): string {
  const lines: string[] = [];
  const n = report.findings.length;
  const title = pick(report.plan.title, lang);
  lines.push(
    lang === "zh-CN"
      ? `${report.file}（${title}）：${n === 0 ? "未发现问题" : `${n} 项发现`}`
      : `${report.file} (${title}): ${n === 0 ? "no findings" : `${n} finding${n === 1 ? "" : "s"}`}`,
  );
  for (const f of report.findings) {
    const sev = pick(SEVERITY_WORD[f.severity], lang);
    const ids = f.indicatorIds.length > 0 ? ` [${f.indicatorIds.join(", ")}]` : "";
    lines.push(`  ${sev} ${f.code}${ids}`);
    lines.push(`    ${pick(f.message, lang)}`);
  }
  return lines.join("\n");
}

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const opts = parseArgs(argv, env);
  if ("usage" in opts) {
    if (opts.help) {
      process.stdout.write(`${opts.usage}\n`);
      return 0;
    }
    process.stderr.write(`${opts.usage}\n`);
    return 2;
  }
  const reports: FileReport[] = [];
  for (const file of opts.files) reports.push(await checkFile(file));

  for (const r of reports) {
    if (r.ok) continue;
    const head =
      opts.lang === "zh-CN"
        ? `${r.file}：无法检查（${r.issues.length} 个问题）`
        : `${r.file}: could not be checked (${r.issues.length} problem${r.issues.length === 1 ? "" : "s"})`;
    process.stderr.write(`${head}\n${r.issues.map((i) => `  ${formatIssue(i, opts.lang)}`).join("\n")}\n`);
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
  } else {
    const good = reports.filter((r): r is FileReport & { ok: true } => r.ok);
    if (good.length > 0)
      process.stdout.write(`${good.map((r) => formatReport(r, opts.lang)).join("\n\n")}\n`);
  }
  return reports.every((r) => r.ok) ? 0 : 2;
}

process.exitCode = await main(process.argv.slice(2), process.env);
