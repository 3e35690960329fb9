/**
 * The model catalogue: every model a binding may name, with its parameters (unit, range, meaning), its
 * inputs and its outputs.
 *
 *   npm run models [-- --lang zh-CN|en] [--json] [model…]
 *
 * Exit 0; exit 2 on a usage error or an unknown model name (the valid names are listed).
 */
import process from "node:process";
import { type CatalogueEntry, catalogue } from "../models/catalogue.ts";
import { PARAM_UNIT_WORDS } from "../models/model.ts";
import { type Lang, pick } from "../models/text.ts";

function defaultLang(env: NodeJS.ProcessEnv): Lang {
  const l = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return l.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

const USAGE = {
  en: "usage: npm run models -- [--lang zh-CN|en] [--json] [model…]\n  Lists every model with its parameters (unit, range, meaning), inputs and outputs.",
  zh: "用法：npm run models -- [--lang zh-CN|en] [--json] [模型…]\n  列出每个模型及其参数（单位、范围、含义）、输入和输出。",
};

function unitText(unit: string, lang: Lang): string {
  const w = PARAM_UNIT_WORDS[unit];
  const word = w ? (lang === "zh-CN" ? w.zh : w.en) : "";
  return word === "" ? unit : `${unit}, ${word}`;
}

function num(x: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 4 }).format(x);
}

function render(entries: readonly CatalogueEntry[], lang: Lang): string {
  const zh = lang === "zh-CN";
  const out: string[] = [];
  for (const m of entries) {
    out.push(`${m.name}`);
    out.push(`  ${pick(m.summary, lang)}`);
    out.push(
      zh
        ? "  参数（绑定中未写明时读取假设 <组件>.<参数>）："
        : "  parameters (read from the assumption <component>.<param> unless bound):",
    );
    for (const p of m.params) {
      out.push(`    ${p.name} [${unitText(p.unit, lang)}] ${num(p.min, lang)} … ${num(p.max, lang)}`);
      out.push(`      ${pick(p.doc, lang)}`);
    }
    out.push(zh ? "  输入：" : "  inputs:");
    if (m.inputs.length === 0) out.push(zh ? "    （无）" : "    (none)");
    for (const i of m.inputs) out.push(`    ${i.name}: ${pick(i.doc, lang)}`);
    out.push(
      zh
        ? "  输出（指标绑定写作 <组件>.<输出>）："
        : "  outputs (bind an indicator as <component>.<output>):",
    );
    for (const o of m.outputs) {
      const starts = o.startsFrom
        ? zh
          ? `；基期值取自 ${o.startsFrom}`
          : `; starts at ${o.startsFrom}`
        : "";
      out.push(`    ${o.name} [${unitText(o.unit, lang)}]: ${pick(o.doc, lang)}${starts}`);
    }
    out.push("");
  }
  return out.join("\n");
}

function main(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  let lang = defaultLang(env);
  let json = false;
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json") json = true;
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
    } else names.push(a);
  }
  const all = catalogue();
  const unknown = names.filter((n) => !all.some((m) => m.name === n));
  if (unknown.length > 0) {
    const valid = all.map((m) => m.name).join(", ");
    process.stderr.write(
      lang === "zh-CN"
        ? `未知模型 ${unknown.join("、")}；可用的模型：${valid}\n`
        : `unknown model ${unknown.join(", ")}; the models are: ${valid}\n`,
    );
    return 2;
  }
  const chosen = names.length > 0 ? all.filter((m) => names.includes(m.name)) : all;
  process.stdout.write(json ? `${JSON.stringify(chosen, null, 2)}\n` : render(chosen, lang));
  return 0;
}

process.exitCode = main(process.argv.slice(2), process.env);
