import type { Library } from "../../models/library.ts";
import { type Level, type Plan, parsePlan } from "../../models/plan.ts";
import {
  buildPlan,
  type PasteOptions,
  type PasteResult,
  type PasteRow,
  type PlacedIssue,
  parsePastedTable,
  placeIssues,
  type RowEdit,
  reviseRow,
} from "../../models/plan-paste.ts";
import { err, ok, type Result } from "../../models/result.ts";
import { scaffoldPlan } from "../../models/scaffold.ts";
import { type Bilingual, type Lang, pick } from "../../models/text.ts";
import { loadLibrary, runModelFor, withImported } from "./library.ts";
import { pt, word } from "./paste-text.ts";
import type { ImportedPlan } from "./workspace.ts";

/**
 * "Paste a plan's table", without the screen: the plan's metadata as typed turned into the parser's
 * options, the table read, the person's edits laid over its rows, the draft plan built from them, and
 * the draft checked, scaffolded (as `npm run scaffold` does) and handed to the workspace. The screen
 * (components/plans/paste-plan.tsx) holds only what the person typed and shows what these return.
 */

/** The plan's metadata as the person types it in the form: every field a text, the level a choice. */
export interface PasteMeta {
  planId: string;
  titleZh: string;
  titleEn: string;
  regionZh: string;
  regionEn: string;
  provinceZh: string;
  issuerZh: string;
  level: Level;
  baselineYear: string;
  targetYear: string;
  /** An address (http or https) or a document's name. */
  source: string;
}

/** The form before anything is typed: every text empty, a county plan. */
export const EMPTY_META: Readonly<PasteMeta> = {
  planId: "",
  titleZh: "",
  titleEn: "",
  regionZh: "",
  regionEn: "",
  provinceZh: "",
  issuerZh: "",
  level: "county",
  baselineYear: "",
  targetYear: "",
  source: "",
};

/**
 * What the form must have before a plan is created, each placed on its field (row null): a Chinese title,
 * a region and a source, so that no plan is saved as "导入的规划 · 未填写" from a pasted table with no
 * caption; and a year, where one is typed, as four digits ("二〇二〇" is not read as 2020 in silence).
 */
export function missingDetails(meta: PasteMeta): PlacedIssue[] {
  const out: PlacedIssue[] = [];
  const required: Bilingual = { zh: "必须填写", en: "must be filled in" };
  if (meta.titleZh.trim() === "") out.push({ row: null, field: "title", message: required });
  if (meta.regionZh.trim() === "") out.push({ row: null, field: "region", message: required });
  if (meta.source.trim() === "") out.push({ row: null, field: "source", message: required });
  for (const field of ["baselineYear", "targetYear"] as const) {
    const typed = meta[field].trim();
    if (typed !== "" && yearOf(typed) === undefined)
      out.push({
        row: null,
        field,
        message: {
          zh: `“${typed}”不是四位数的年份（例如 2020）`,
          en: `"${typed}" is not a four-digit year (such as 2020)`,
        },
      });
  }
  return out;
}

/**
 * The problems of a draft as the lines a person reads, in `lang`: one for each field of the plan, and one
 * for a field and message however many rows share it ("Rows 1, 2, 3 · …" once, not a line a row, as
 * swapped years give). While the plan id is wrong, the rows' ids (made from it) add nothing and are left
 * out. `rowNumber` gives a row's printed number.
 */
export function issueLines(
  issues: readonly PlacedIssue[],
  rowNumber: (row: number) => number,
  lang: Lang,
): string[] {
  const field = (f: string) => word(lang, "field", f);
  const lines: (string | { issue: PlacedIssue; rows: number[] })[] = [];
  const shared = new Map<string, { issue: PlacedIssue; rows: number[] }>();
  const badPlanId = issues.some((i) => i.row === null && i.field === "id");
  for (const i of issues) {
    if (badPlanId && i.row !== null && i.field === "id") continue;
    if (i.row === null) {
      lines.push(pt(lang, "invalidPlan", { field: field(i.field), message: pick(i.message, lang) }));
      continue;
    }
    const key = `${i.field}\u0000${i.message.en}`;
    const seen = shared.get(key);
    if (seen) seen.rows.push(i.row);
    else {
      const group = { issue: i, rows: [i.row] };
      shared.set(key, group);
      lines.push(group);
    }
  }
  return lines.map((line) => {
    if (typeof line === "string") return line;
    const message = pick(line.issue.message, lang);
    const numbers = line.rows.map(rowNumber);
    return numbers.length === 1
      ? pt(lang, "invalidRow", { n: numbers[0]!, field: field(line.issue.field), message })
      : pt(lang, "invalidRows", {
          n: numbers.join(lang === "zh-CN" ? "、" : ", "),
          field: field(line.issue.field),
          message,
        });
  });
}

/** The draft's problems against the plan schema, placed on rows and fields (none: an empty list). */
export function draftIssues(draft: Plan): PlacedIssue[] {
  const v = parsePlan(draft, "pasted table");
  return v.ok ? [] : placeIssues(v.error);
}

/** A year as typed: four digits, else none. */
function yearOf(s: string): number | undefined {
  return /^\d{4}$/.test(s.trim()) ? Number(s.trim()) : undefined;
}

/** The parser's options from the metadata as typed (an empty id or year is left to the table). */
export function pasteOptions(m: PasteMeta): PasteOptions {
  const o: PasteOptions = { level: m.level };
  if (m.planId.trim()) o.id = m.planId.trim();
  o.title = { zh: m.titleZh, en: m.titleEn };
  o.region = { zh: m.regionZh, en: m.regionEn };
  o.province = { zh: m.provinceZh };
  o.issuer = { zh: m.issuerZh };
  const b = yearOf(m.baselineYear);
  const t = yearOf(m.targetYear);
  if (b !== undefined) o.baselineYear = b;
  if (t !== undefined) o.targetYear = t;
  const src = m.source.trim();
  if (/^https?:\/\//i.test(src)) o.source = { url: src };
  else if (src) o.source = { file: src };
  return o;
}

/** Reads a pasted table into rows and a draft plan (models/plan-paste.ts). */
export function readPastedTable(text: string, options: PasteOptions): PasteResult {
  return parsePastedTable(text, options);
}

/**
 * The metadata fields a freshly read table fills in where the person left them empty: the caption as
 * the Chinese title, the table's years, the drafted plan id. Fields already typed are left as they are.
 */
export function metaFromTable(m: PasteMeta, r: PasteResult): PasteMeta {
  return {
    ...m,
    titleZh: !m.titleZh.trim() && r.caption ? r.caption : m.titleZh,
    baselineYear: m.baselineYear.trim() ? m.baselineYear : String(r.plan.baselineYear),
    targetYear: m.targetYear.trim() ? m.targetYear : String(r.plan.targetYear),
    planId: m.planId.trim() ? m.planId : r.plan.id,
  };
}

/** A row's edit with another change laid over it (cells merged cell by cell). */
export function mergeEdit(current: RowEdit | undefined, patch: RowEdit): RowEdit {
  const cur = current ?? {};
  return { ...cur, ...patch, cells: { ...cur.cells, ...patch.cells } };
}

/** The rows as read, each with the person's edit (by row index) laid over it. */
export function revisedRows(
  result: PasteResult | null,
  edits: Readonly<Record<number, RowEdit>>,
): PasteRow[] {
  if (!result) return [];
  return result.rows.map((row, i) => (edits[i] ? reviseRow(row, edits[i]!) : row));
}

/** The draft plan from the revised rows and the metadata (not yet validated); null before a table is read. */
export function draftPlan(
  result: PasteResult | null,
  rows: readonly PasteRow[],
  options: PasteOptions,
): Plan | null {
  return result ? buildPlan(rows, options, result.facts) : null;
}

/** How many rows with guesses the person has not yet checked (Create waits for none). */
export function unconfirmedCount(
  rows: readonly PasteRow[],
  confirmed: Readonly<Record<number, boolean>>,
): number {
  return rows.filter((r, i) => r.flags.length > 0 && !confirmed[i]).length;
}

/**
 * Why a draft was not saved: problems placed on rows and fields (the plan is invalid, or its models
 * cannot run), its scenario id already taken, or the workspace refusing it.
 */
export type PasteRefusal =
  | { kind: "issues"; issues: PlacedIssue[] }
  | { kind: "taken"; id: string }
  | { kind: "refused"; message: Bilingual };

/** What saving a draft needs from the app: the plans already imported and the workspace's add. */
export interface PasteTarget {
  imported: readonly ImportedPlan[];
  add: (entry: ImportedPlan) => Result<unknown, Bilingual>;
  /** The shipped library; default the app's. */
  library?: Library;
  /** When the plan is imported; default now. */
  now?: Date;
}

/**
 * Validates the draft, scaffolds its bindings and baseline scenario, checks the scenario id is free and
 * the models run on it, and adds it to the workspace: the entry added, or why not.
 */
export function savePastedPlan(draft: Plan, target: PasteTarget): Result<ImportedPlan, PasteRefusal> {
  const v = parsePlan(draft, "pasted table");
  if (!v.ok) return err({ kind: "issues", issues: placeIssues(v.error) });
  const s = scaffoldPlan(v.value);
  const lib = target.library ?? loadLibrary();
  if (lib.scenarios.has(s.scenario.id) || target.imported.some((x) => x.scenario.id === s.scenario.id))
    return err({ kind: "taken", id: s.scenario.id });
  const entry: ImportedPlan = {
    plan: v.value,
    bindings: s.bindings,
    scenario: s.scenario,
    importedAt: (target.now ?? new Date()).toISOString(),
  };
  const runnable = runModelFor(withImported(lib, [entry]), s.scenario.id);
  if (!runnable.ok)
    return err({
      kind: "issues",
      issues: runnable.error.map((e) => ({ row: null, field: e.path, message: e.message })),
    });
  const added = target.add(entry);
  if (!added.ok) return err({ kind: "refused", message: added.error });
  return ok(entry);
}
