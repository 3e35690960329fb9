import { type ActualsCsv, allActuals, readActualsCsv } from "../../models/actuals-csv.ts";

/** Every observation of a CSV read, all plans together. */
export { allActuals };

import type { Evaluation } from "../../models/engine.ts";
import type { Plan } from "../../models/plan.ts";
import { parseScenario, type ScenarioFile } from "../../models/scenario.ts";
import { type Lang, pick, type Result } from "../../models/text.ts";
import { type InputIssue, parseJsonText } from "../../models/validation.ts";
import { catalogues, interpolate } from "./i18n.ts";
import { type ColumnTable, QUANTILE_COLUMNS, trajectoryTable, verdictTable } from "./result-tables.ts";
import { migrate, type Workspace } from "./workspace.ts";

/**
 * Files the person exports and imports: scenarios and whole workspaces as JSON, verdicts as CSV for a
 * spreadsheet, and actuals as CSV (a template to fill in, and its import). Every import validates the
 * whole file first, each problem naming the file and the place in it (JSON path, or row and column) in
 * both languages. JSON files are applied whole or not at all; an actuals file answers its good rows
 * and its refused ones, and the person chooses whether to apply the good rows.
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
 * Parses JSON text from a file (models/validation.ts `parseJsonText`, shared with the command line):
 * BOM and CRLF accepted; a syntax error named by line and column; a `__proto__`, `constructor` or
 * `prototype` key reported with its path.
 */
export function parseJson(text: string, file: string): Result<unknown, InputIssue[]> {
  return parseJsonText(text, file);
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
 * screen shows: the Monte Carlo median's when the evaluation has samples. `verdicts` is the evaluation's
 * verdict table (result-tables.ts `verdictTable`); the workbench passes the one its dashboard reads, so
 * the file and the screen read one table. Names and words are in `lang`.
 */
export function verdictsCsv(
  plan: Plan,
  evaluation: Evaluation,
  lang: Lang,
  verdicts: ColumnTable = verdictTable(evaluation, plan),
): string {
  const words = catalogues[lang];
  const rows = [csvRow(VERDICT_HEADER[lang])];
  const byId = new Map(plan.indicators.map((i) => [i.id, i]));
  // Read from the result tables: a verdict row per indicator (the table the dashboard shows), its
  // trajectory's columns per year.
  for (let v = 0; v < verdicts.numRows(); v++) {
    const id = verdicts.get("id", v) as string;
    const ind = byId.get(id);
    const name = ind ? pick(ind.name, lang) : id;
    const path = trajectoryTable(evaluation, id)!;
    const cell = (col: string, y: number) =>
      path.columnNames().includes(col) ? num(path.get(col, y) as number) : null;
    const at = <T>(col: string) => verdicts.get(col, v) as T;
    for (let y = 0; y < path.numRows(); y++) {
      const year = path.get("year", y) as number;
      const verdictRow = ind !== undefined && year === ind.target.year;
      const status = at<string | null>("status");
      rows.push(
        csvRow([
          id,
          at<number | null>("printedNumber"),
          name,
          year,
          cell("projection", y),
          ...QUANTILE_COLUMNS.map((q) => cell(q, y)),
          verdictRow ? (at<boolean>("met") ? words["verdict.met"] : words["verdict.missed"]) : null,
          verdictRow ? num(at<number>("value")) : null,
          verdictRow ? at<number>("judgedYear") : null,
          verdictRow ? num(at<number>("margin")) : null,
          verdictRow ? num(at<number | null>("probability")) : null,
          verdictRow && status ? words[`status.${status}` as keyof typeof words] : null,
          verdictRow ? words[`basis.${at<string>("basis")}` as keyof typeof words] : null,
        ]),
      );
    }
  }
  return BOM + rows.join(EOL) + EOL;
}

/** A scenario of a comparison as the CSV names it. */
export interface CsvScenario {
  id: string;
  /** Its name in the reader's language. */
  name: string;
}

/**
 * A comparison as CSV (UTF-8 with BOM so Excel in Chinese reads it, CRLF), read from the comparison
 * table (result-tables.ts `comparisonTable`) the screen shows, row for row in its order: the verdicts
 * that differ from the first scenario's first. Columns, named in `lang`: indicator id, printed number,
 * name, unit, whether a verdict differs; per scenario its projected value, verdict and probability
 * (whole percent); per scenario after the first its projected difference from the first (in the unit,
 * percentage points for rates) and its probability difference (percentage points). Numbers are written
 * as numbers, at the precision the screen shows them; a missing one is an empty field.
 */
export function comparisonCsv(
  plan: Plan,
  comparison: ColumnTable,
  scenarios: readonly CsvScenario[],
  lang: Lang,
): string {
  const words = catalogues[lang];
  const first = scenarios[0]?.name ?? "";
  const header: string[] = [
    words["cmp.csv.indicator"],
    words["cmp.csv.number"],
    words["cmp.csv.name"],
    words["cmp.csv.unit"],
    words["cmp.csv.differs"],
  ];
  scenarios.forEach((s, k) => {
    header.push(
      interpolate(words["cmp.csv.projected"], { name: s.name }),
      interpolate(words["cmp.csv.verdict"], { name: s.name }),
      interpolate(words["cmp.csv.probability"], { name: s.name }),
    );
    if (k > 0) {
      header.push(
        interpolate(words["cmp.csv.valueDiff"], { name: s.name, first }),
        interpolate(words["cmp.csv.probabilityDiff"], { name: s.name, first }),
      );
    }
  });
  const rows = [csvRow(header)];
  const byId = new Map(plan.indicators.map((i) => [i.id, i]));
  const has = new Set(comparison.columnNames());
  const get = <T>(col: string, i: number): T | null => (has.has(col) ? (comparison.get(col, i) as T) : null);
  for (let i = 0; i < comparison.numRows(); i++) {
    const id = get<string>("id", i)!;
    const ind = byId.get(id);
    const unit = !ind
      ? null
      : ind.unit === "count"
        ? ind.unitLabel
          ? pick(ind.unitLabel, lang)
          : words["unit.count"]
        : words[`unit.${ind.unit}`];
    const fields: (string | number | null)[] = [
      id,
      ind?.printedNumber ?? null,
      ind ? pick(ind.name, lang) : id,
      unit,
      get<boolean>("differs", i) ? words["cmp.csv.yes"] : words["cmp.csv.no"],
    ];
    scenarios.forEach((s, k) => {
      const met = get<boolean>(`met:${s.id}`, i);
      fields.push(
        get<number>(`value:${s.id}`, i),
        met === null ? null : met ? words["verdict.met"] : words["verdict.missed"],
        get<number>(`probability:${s.id}`, i),
      );
      if (k > 0) fields.push(get<number>(`valueDiff:${s.id}`, i), get<number>(`probabilityDiff:${s.id}`, i));
    });
    rows.push(csvRow(fields));
  }
  return BOM + rows.join(EOL) + EOL;
}

/**
 * A template for evaluator actuals: the header `indicator,year,value,name` and one row per indicator
 * and year from the year after its baseline to its target year, with the value left empty to fill in.
 * `name` (the plan's Chinese name) helps the person and is checked against the indicator when read
 * back; it is the last column so that a comma inside a name cannot shift the columns before it. Rows
 * left empty are "no observation" to {@link importActualsCsv}.
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
 * Reads evaluator actuals for one plan from a CSV file's bytes (or text), with the same reader as the
 * command line (`readActualsCsv` in models/actuals-csv.ts): either the file's problems, or its good
 * rows together with the problems of the rows refused, so that the good ones can be applied.
 */
export function importActualsCsv(
  input: Uint8Array | string,
  fileName: string,
  plan: Plan,
): Result<ActualsCsv, InputIssue[]> {
  return readActualsCsv(input, fileName, [plan]);
}

/** One indicator whose verdict (met or missed, deterministic projection) would change. */
export interface VerdictChange {
  id: string;
  before: boolean;
  after: boolean;
}

/** The indicators whose deterministic verdict differs between two evaluations of the same plan. */
export function verdictChanges(before: Evaluation, after: Evaluation): VerdictChange[] {
  const was = new Map(before.indicators.map((r) => [r.id, r.judgement.met] as const));
  const out: VerdictChange[] = [];
  for (const r of after.indicators) {
    const b = was.get(r.id);
    if (b !== undefined && b !== r.judgement.met) out.push({ id: r.id, before: b, after: r.judgement.met });
  }
  return out;
}
