import { parseActualsCsv } from "../../models/actuals-csv.ts";
import type { Evaluation } from "../../models/engine.ts";
import type { Plan } from "../../models/plan.ts";
import { type Actual, parseScenario, type ScenarioFile } from "../../models/scenario.ts";
import { type Lang, pick, type Result } from "../../models/text.ts";
import type { InputIssue } from "../../models/validation.ts";
import { catalogues } from "./i18n.ts";
import { migrate, type Workspace } from "./workspace.ts";

/**
 * Files the person exports and imports: scenarios and whole workspaces as JSON, verdicts as CSV for a
 * spreadsheet, and actuals as CSV (a template to fill in, and its import). Every import validates the
 * whole file first and answers either the complete value or every problem, each naming the file and the
 * place in it (JSON path, or row and column), in both languages; nothing is ever half-applied.
 */

/** Byte order mark: lets Excel detect UTF-8, without which it shows Chinese as mojibake. */
export const BOM = "\uFEFF";
/** CSV line ending (RFC 4180). */
const EOL = "\r\n";

/** A scenario as a JSON file, two-space indented, ending in a newline. */
export function exportScenarioJson(scenario: ScenarioFile): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

/** A workspace as a JSON file, two-space indented, ending in a newline. */
export function exportWorkspaceJson(ws: Workspace): string {
  return `${JSON.stringify(ws, null, 2)}\n`;
}

/** A file name for an exported scenario, e.g. `mine-1.json`. */
export function scenarioFileName(scenario: ScenarioFile): string {
  return `${scenario.id}.json`;
}

/** A file name for an exported workspace, e.g. `reachable-workspace-2024-05-01.json`. */
export function workspaceFileName(savedAt: string): string {
  return `reachable-workspace-${savedAt.slice(0, 10)}.json`;
}

/**
 * Parses JSON text. A syntax error is reported with its line and column (as `line 3, column 14`),
 * read from the engine's message, since V8 gives a character position and Firefox a line and column.
 */
export function parseJson(text: string, file: string): Result<unknown, InputIssue[]> {
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "") {
    return { ok: false, error: [{ file, path: "", message: { zh: "文件是空的", en: "the file is empty" } }] };
  }
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const where = locate(body, msg);
    const path = where ? `line ${where.line}, column ${where.column}` : "";
    return {
      ok: false,
      error: [
        {
          file,
          path,
          message: {
            zh: `不是有效的 JSON${where ? `（第 ${where.line} 行第 ${where.column} 列）` : ""}：${msg}`,
            en: `not valid JSON${where ? ` (line ${where.line}, column ${where.column})` : ""}: ${msg}`,
          },
        },
      ],
    };
  }
}

function locate(text: string, msg: string): { line: number; column: number } | null {
  const lc = /line (\d+) column (\d+)/i.exec(msg);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/i.exec(msg);
  let at: number;
  if (pos) at = Number(pos[1]);
  else if (/unexpected end/i.test(msg)) at = text.length;
  else return null;
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  const column = at - (before.lastIndexOf("\n") + 1) + 1;
  return { line, column };
}

/** Reads a scenario file: JSON syntax, then the scenario schema. */
export function importScenarioJson(text: string, fileName: string): Result<ScenarioFile, InputIssue[]> {
  const json = parseJson(text, fileName);
  return json.ok ? parseScenario(json.value, fileName) : json;
}

/** Reads a workspace file of any known version (see {@link migrate}). */
export function importWorkspaceJson(text: string, fileName: string): Result<Workspace, InputIssue[]> {
  const json = parseJson(text, fileName);
  return json.ok ? migrate(json.value, fileName) : json;
}

/**
 * One CSV field. Quotes a field holding a comma, quote or line break (doubling quotes). Text that a
 * spreadsheet would run as a formula (starting with = + - @ or a tab) is prefixed with an apostrophe,
 * so a name taken from a file can never become a formula; numbers are written as they are.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRow(fields: (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(",");
}

/** A number rounded to 6 decimals, so a spreadsheet shows 98.4 rather than 98.40000000000001. */
function num(v: number | undefined | null): number | null {
  if (v === undefined || v === null || !Number.isFinite(v)) return null;
  return Math.round(v * 1e6) / 1e6 + 0;
}

const VERDICT_HEADER: Record<Lang, string[]> = {
  en: [
    "indicator",
    "number",
    "name",
    "year",
    "projected",
    "p05",
    "p25",
    "p50",
    "p75",
    "p95",
    "met",
    "judged_value",
    "judged_year",
    "margin",
    "probability_pct",
    "status",
    "basis",
  ],
  "zh-CN": [
    "指标id",
    "序号",
    "指标名称",
    "年份",
    "推演值",
    "p05",
    "p25",
    "p50",
    "p75",
    "p95",
    "是否达标",
    "判定值",
    "判定年份",
    "差距",
    "达标概率(%)",
    "状态",
    "依据",
  ],
};

/**
 * The verdicts of an evaluation as CSV (UTF-8 with BOM, CRLF): one row per indicator per projected
 * year with the deterministic projection and its 5/25/50/75/95% quantiles (empty without samples).
 * The verdict itself (met, the judged value at the judging precision and the year it belongs to — an
 * annual target's worst year —, margin, probability in percent, status, basis) is written on the row of
 * the indicator's target year only: it judges the target, not each year. It is the same verdict the
 * screen shows: the Monte Carlo median's when the evaluation has samples. Names and words are in `lang`.
 */
export function verdictsCsv(plan: Plan, evaluation: Evaluation, lang: Lang): string {
  const words = catalogues[lang];
  const rows = [csvRow(VERDICT_HEADER[lang])];
  const byId = new Map(plan.indicators.map((i) => [i.id, i]));
  for (const r of evaluation.indicators) {
    const ind = byId.get(r.id);
    const name = ind ? pick(ind.name, lang) : r.id;
    evaluation.years.forEach((year, y) => {
      const verdictRow = ind !== undefined && year === ind.target.year;
      const q = (l: number) => num(r.quantiles?.[l]?.[y]);
      rows.push(
        csvRow([
          r.id,
          r.printedNumber,
          name,
          year,
          num(r.projection[y]),
          q(0),
          q(1),
          q(2),
          q(3),
          q(4),
          verdictRow ? (r.judgement.met ? words["verdict.met"] : words["verdict.missed"]) : null,
          verdictRow ? num(r.judgement.value) : null,
          verdictRow ? r.judgedYear : null,
          verdictRow ? num(r.judgement.margin) : null,
          verdictRow ? num(r.probability) : null,
          verdictRow && r.status ? words[`status.${r.status}`] : null,
          verdictRow ? words[`basis.${r.basis}`] : null,
        ]),
      );
    });
  }
  return BOM + rows.join(EOL) + EOL;
}

/**
 * A template for evaluator actuals: the header `indicator,year,value,name` and one row per indicator
 * and year from the year after its baseline to its target year, with the value left empty to fill in.
 * `name` (the plan's Chinese name) is there for the person and is not read back; it is the last column
 * so that a comma inside a name cannot shift the columns that are read. Rows left empty are "no
 * observation" to {@link importActualsCsv}.
 */
export function actualsTemplateCsv(plan: Plan): string {
  const rows = ["indicator,year,value,name"];
  for (const ind of plan.indicators) {
    const name = ind.name.zh.replace(/[\r\n]+/g, " ");
    for (let year = ind.baseline.year + 1; year <= ind.target.year; year++) {
      rows.push(csvRow([ind.id, year, null, name]));
    }
  }
  return BOM + rows.join(EOL) + EOL;
}

/**
 * Reads evaluator actuals for one plan from CSV (see `parseActualsCsv` in models/actuals-csv.ts for the
 * format). Rows whose value is empty, as in the template, are no observation and are skipped (kept as
 * blank lines so every row number in a message is still the row the person sees). The same indicator
 * and year given twice is refused, naming both rows. Answers all actuals or every problem.
 */
export function importActualsCsv(text: string, fileName: string, plan: Plan): Result<Actual[], InputIssue[]> {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = (lines[0] ?? "").split(",").map((h) => h.trim().toLowerCase());
  const valueCol = header.indexOf("value");
  const indicatorCol = header.indexOf("indicator");
  const yearCol = header.indexOf("year");
  const seen = new Map<string, number>();
  const issues: InputIssue[] = [];
  if (valueCol >= 0 && indicatorCol >= 0 && yearCol >= 0) {
    for (let i = 1; i < lines.length; i++) {
      const cells = lines[i]!.split(",").map((c) => c.trim());
      if (lines[i]!.trim() === "") continue;
      if ((cells[valueCol] ?? "") === "") {
        lines[i] = "";
        continue;
      }
      const key = `${cells[indicatorCol]}|${cells[yearCol]}`;
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push({
          file: fileName,
          path: `row ${i + 1}, column indicator`,
          message: {
            zh: `指标 “${cells[indicatorCol]}” ${cells[yearCol]} 年的数值与第 ${first} 行重复`,
            en: `indicator "${cells[indicatorCol]}" in ${cells[yearCol]} repeats row ${first}`,
          },
        });
      } else seen.set(key, i + 1);
    }
  }
  const parsed = parseActualsCsv(lines.join("\n"), fileName, [plan]);
  if (!parsed.ok) return { ok: false, error: byRow([...parsed.error, ...issues]) };
  if (issues.length > 0) return { ok: false, error: issues };
  return { ok: true, value: parsed.value.get(plan.id) ?? [] };
}

/** Issues in the order of their rows (stable within a row), as a person reads the file. */
function byRow(issues: InputIssue[]): InputIssue[] {
  const row = (i: InputIssue) => Number(/^row (\d+)/.exec(i.path)?.[1] ?? 0);
  return issues
    .map((i, k) => ({ i, k }))
    .sort((a, b) => row(a.i) - row(b.i) || a.k - b.k)
    .map((x) => x.i);
}
