import Papa from "papaparse";
import { describeNumeralProblem, normaliseNumerals, readNumeral } from "./numerals.ts";
import type { Indicator, Plan } from "./plan.ts";
import { err, ok } from "./result.ts";
import type { Actual } from "./scenario.ts";
import type { Bilingual, Result } from "./text.ts";
import type { InputIssue } from "./validation.ts";

/**
 * Evaluator actuals from CSV — the one reader for the browser and the command line.
 *
 * The file is bytes: UTF-8 (with or without a byte order mark), or GB18030/GBK as Excel in Chinese
 * saves it; anything else is refused. The text is split into records by an RFC 4180 parser
 * (papaparse: quoted fields and headers, `"1,200"`, doubled quotes, line breaks inside quotes; CRLF,
 * LF and lone CR line ends). A header row names the columns in English or Chinese, in any order:
 * `indicator` (指标), `year` (年份), `value` (数值), and optionally `name` (指标名称, the template's
 * own column, which also identifies the indicator) and `plan` (规划, limiting a row to one plan).
 *
 * An indicator is named by its id, by the row number printed in its plan's table (resolved against
 * the plan being evaluated only: with several plans a number needs a `plan` column), or by its name.
 * Values are read as people write them (models/numerals.ts): "62.5%", "１２００", "1,200". A row
 * without a value is a template row, no observation, and is skipped.
 *
 * Problems of the whole file (undecodable bytes, broken quotes, missing columns, nothing to read)
 * refuse it. Problems of single rows refuse those rows only: the result carries the good rows and
 * every problem, naming row and column in both languages, so a person can apply the good ones. The
 * same indicator and year given twice refuses every such row, since either value could be the wrong one.
 */

/** Largest actuals file read, in bytes: a plan has at most a few hundred indicator-years. */
export const MAX_ACTUALS_BYTES = 2_000_000;

/** The columns read, by their canonical names. */
type Column = "indicator" | "year" | "value" | "name" | "plan";

/** Header words accepted for each column (after NFKC, trimming and lower-casing). */
const HEADER_WORDS: Record<Column, readonly string[]> = {
  indicator: ["indicator", "indicator id", "id", "指标", "指标id", "指标编号", "序号"],
  year: ["year", "年份", "年度", "年"],
  value: ["value", "数值", "值", "实际值", "观测值"],
  name: ["name", "indicator name", "指标名称", "名称"],
  plan: ["plan", "plan id", "规划", "规划id"],
};

const COLUMN_WORDS: Record<Column, Bilingual> = {
  indicator: { zh: "指标", en: "indicator" },
  year: { zh: "年份", en: "year" },
  value: { zh: "数值", en: "value" },
  name: { zh: "指标名称", en: "name" },
  plan: { zh: "规划", en: "plan" },
};

/** Units whose values cannot be negative. Growth rates can. */
const NON_NEGATIVE = new Set(["percent", "people", "attendances", "households", "yuan", "count"]);

/** What a read of an actuals file came to. */
export interface ActualsCsv {
  /** The good observations by plan id (every plan given has an entry, possibly empty). */
  actuals: Map<string, Actual[]>;
  /** Every problem of a refused row, in row order; empty when every row was good. */
  rejected: InputIssue[];
  /** The row numbers refused, ascending. */
  rejectedRows: number[];
  /** How many rows were read as observations. */
  accepted: number;
  /** The encoding the bytes were read in. */
  encoding: "utf-8" | "gb18030";
}

/**
 * Decodes a text file: UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK and
 * GB2312, what Excel in Chinese writes as "CSV"). A byte order mark is dropped.
 */
export function decodeText(
  bytes: Uint8Array,
  file: string,
): Result<{ text: string; encoding: "utf-8" | "gb18030" }, InputIssue[]> {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return ok({ text: text.replace(/^\uFEFF/, ""), encoding: "utf-8" });
  } catch {
    // Not UTF-8: try the Chinese national encoding.
  }
  try {
    const text = new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    return ok({ text: text.replace(/^\uFEFF/, ""), encoding: "gb18030" });
  } catch {
    return err([
      {
        file,
        path: "",
        message: {
          zh: "无法识别文件编码：既不是 UTF-8 也不是 GB18030/GBK。请在 Excel 中另存为 “CSV UTF-8”",
          en: 'the file is neither UTF-8 nor GB18030/GBK; save it from Excel as "CSV UTF-8"',
        },
      },
    ]);
  }
}

/**
 * Splits CSV text into records (RFC 4180). Line ends of any kind (CRLF, LF, lone CR, even mixed) are
 * made LF first; a record's index + 1 is the row a spreadsheet shows. A quoting error refuses the file,
 * since every row after it could be misread.
 */
export function splitCsv(text: string, file: string): Result<string[][], InputIssue[]> {
  const parsed = Papa.parse<string[]>(text.replace(/\r\n?/g, "\n"), {
    delimiter: ",",
    newline: "\n",
    quoteChar: '"',
    escapeChar: '"',
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
  });
  if (parsed.errors.length > 0) {
    return err(
      parsed.errors.map((e) => {
        const row = (e.row ?? 0) + 1;
        return {
          file,
          path: `row ${row}`,
          where: { zh: `第 ${row} 行`, en: `row ${row}` },
          message:
            e.code === "MissingQuotes"
              ? {
                  zh: "引号没有闭合：此行之后的内容无法可靠读取",
                  en: "a quoted field is not closed, so nothing after it can be read reliably",
                }
              : e.code === "InvalidQuotes"
                ? {
                    zh: "引号用法不正确：带引号的字段在结束引号后还有字符",
                    en: "a quoted field has characters after its closing quote",
                  }
                : { zh: `CSV 格式错误：${e.message}`, en: `malformed CSV: ${e.message}` },
        };
      }),
    );
  }
  return ok(parsed.data);
}

/** A header cell or an indicator name compared loosely: NFKC, whitespace collapsed, lower case. */
function loose(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, " ").trim().toLowerCase();
}

function planLabel(p: Plan): Bilingual {
  return { zh: `《${p.title.zh}》（${p.id}）`, en: `"${p.title.en}" (${p.id})` };
}

/**
 * Reads evaluator actuals for `plans` — the plans being evaluated, and only those: a row number or a
 * name is looked up in them, never in other plans. Answers the file's problems, or the good rows and
 * the problems of the bad ones.
 */
export function readActualsCsv(
  input: Uint8Array | string,
  file: string,
  plans: readonly Plan[],
): Result<ActualsCsv, InputIssue[]> {
  const whole = (zh: string, en: string): Result<ActualsCsv, InputIssue[]> =>
    err([{ file, path: "", message: { zh, en } }]);
  const size = typeof input === "string" ? input.length : input.byteLength;
  if (size > MAX_ACTUALS_BYTES) {
    return whole(
      `文件过大（${size} 字节，上限 ${MAX_ACTUALS_BYTES}）`,
      `the file is too large (${size} bytes; the limit is ${MAX_ACTUALS_BYTES})`,
    );
  }
  let text: string;
  let encoding: ActualsCsv["encoding"] = "utf-8";
  if (typeof input === "string") text = input.replace(/^\uFEFF/, "");
  else {
    const d = decodeText(input, file);
    if (!d.ok) return d;
    ({ text, encoding } = d.value);
  }
  const split = splitCsv(text, file);
  if (!split.ok) return split;
  const records = split.value;
  const blank = (r: readonly string[]) => r.every((c) => c.trim() === "");
  const headerIndex = records.findIndex((r) => !blank(r));
  if (headerIndex < 0) return whole("文件是空的", "the file is empty");

  // The header: every column found, once.
  const header = records[headerIndex]!;
  const headerRow = headerIndex + 1;
  const col = new Map<Column, number>();
  const shown = new Map<Column, string>();
  const fileIssues: InputIssue[] = [];
  header.forEach((cell, i) => {
    const word = loose(cell);
    const c = (Object.keys(HEADER_WORDS) as Column[]).find((k) => HEADER_WORDS[k].includes(word));
    if (!c) return;
    if (col.has(c)) {
      fileIssues.push({
        file,
        path: `row ${headerRow}`,
        where: { zh: `第 ${headerRow} 行（表头）`, en: `row ${headerRow} (header)` },
        message: {
          zh: `“${COLUMN_WORDS[c].zh}” 列出现了两次（“${shown.get(c)}” 和 “${cell.trim()}”）`,
          en: `the ${COLUMN_WORDS[c].en} column appears twice ("${shown.get(c)}" and "${cell.trim()}")`,
        },
      });
      return;
    }
    col.set(c, i);
    shown.set(c, cell.trim());
  });
  const missing: Column[] = (["year", "value"] as Column[]).filter((c) => !col.has(c));
  if (!col.has("indicator") && !col.has("name")) missing.unshift("indicator");
  for (const c of missing) {
    fileIssues.push({
      file,
      path: `row ${headerRow}`,
      where: { zh: `第 ${headerRow} 行（表头）`, en: `row ${headerRow} (header)` },
      message: {
        zh: `缺少 “${COLUMN_WORDS[c].zh}” 列（表头应为 indicator,year,value 或 指标,年份,数值）`,
        en: `missing column "${COLUMN_WORDS[c].en}" (the header should be indicator,year,value or 指标,年份,数值)`,
      },
    });
  }
  if (fileIssues.length > 0) return err(fileIssues);

  const rejected: InputIssue[] = [];
  const rejectedRows = new Set<number>();
  const good: { row: number; planId: string; actual: Actual }[] = [];
  const cellOf = (r: readonly string[], c: Column) => {
    const i = col.get(c);
    return i === undefined ? "" : (r[i] ?? "").trim();
  };

  for (let i = headerIndex + 1; i < records.length; i++) {
    const r = records[i]!;
    const row = i + 1;
    if (blank(r)) continue;
    const problems: InputIssue[] = [];
    const at = (c: Column | null, message: Bilingual) => {
      const name = c ? (shown.get(c) ?? COLUMN_WORDS[c].en) : "";
      problems.push({
        file,
        path: c ? `row ${row}, column ${c}` : `row ${row}`,
        where: c
          ? { zh: `第 ${row} 行“${name}”列`, en: `row ${row}, column ${name}` }
          : { zh: `第 ${row} 行`, en: `row ${row}` },
        message,
      });
    };
    if (r.length > header.length && r.slice(header.length).some((c) => c.trim() !== "")) {
      at(null, {
        zh: `此行有 ${r.length} 个单元格，表头只有 ${header.length} 列（可能缺少引号，如 "1,200"）`,
        en: `this row has ${r.length} cells but the header has ${header.length} (a value like "1,200" needs quotes)`,
      });
    }
    const valueText = cellOf(r, "value");
    // A template row: no observation.
    if (valueText === "" && problems.length === 0) continue;

    // The plan.
    const planText = cellOf(r, "plan");
    let candidates: readonly Plan[] = plans;
    if (planText !== "") {
      candidates = plans.filter((p) => p.id === planText);
      if (candidates.length === 0) {
        at("plan", {
          zh: `规划 “${planText}” 不在本次评估的规划中（${plans.map((p) => p.id).join("、")}）`,
          en: `plan "${planText}" is not among the plans evaluated (${plans.map((p) => p.id).join(", ")})`,
        });
      }
    }

    // The indicator: by id, printed number or name; the name column also identifies it.
    const indicatorText = cellOf(r, "indicator");
    const nameText = cellOf(r, "name");
    let found: { plan: Plan; ind: Indicator } | undefined;
    if (candidates.length > 0) {
      if (indicatorText !== "") {
        const byIndicator = resolveIndicator(indicatorText, candidates);
        if (byIndicator.ok) found = byIndicator.value;
        else at("indicator", byIndicator.error);
        if (found && nameText !== "" && col.has("indicator")) {
          const byName = resolveByName(nameText, candidates);
          if (byName.length === 1 && byName[0]!.ind.id !== found.ind.id) {
            at("name", {
              zh: `指标 “${indicatorText}” 与名称 “${nameText}” 指的不是同一项指标`,
              en: `indicator "${indicatorText}" and name "${nameText}" name different indicators`,
            });
          }
        }
      } else if (nameText !== "") {
        const byName = resolveByName(nameText, candidates);
        if (byName.length === 1) found = byName[0];
        else
          at(
            "name",
            byName.length === 0
              ? {
                  zh: `${candidates.map((p) => planLabel(p).zh).join("、")}中没有名为 “${nameText}” 的指标`,
                  en: `no indicator named "${nameText}" in ${candidates.map((p) => planLabel(p).en).join(", ")}`,
                }
              : ambiguousName(nameText, byName),
          );
      } else
        at(col.has("indicator") ? "indicator" : "name", { zh: "指标为空", en: "the indicator is empty" });
    }

    // The year.
    const yearText = cellOf(r, "year");
    const yearNorm = normaliseNumerals(yearText).replace(/年$/, "");
    let year: number | undefined;
    if (!/^\d{4}$/.test(yearNorm)) {
      at("year", {
        zh: `年份 “${yearText}” 不是四位数年份`,
        en: `year "${yearText}" is not a four-digit year`,
      });
    } else {
      year = Number(yearNorm);
      if (found && (year <= found.ind.baseline.year || year > found.ind.target.year)) {
        at("year", {
          zh: `${year} 年不在基期 ${found.ind.baseline.year} 年之后、目标年 ${found.ind.target.year} 年及之前`,
          en: `${year} is not after the baseline year ${found.ind.baseline.year} and by the target year ${found.ind.target.year}`,
        });
      }
    }

    // The value, in the indicator's unit.
    let value: number | undefined;
    const unit = found?.ind.unit;
    const percent = unit === "percent" || unit === "growth-rate";
    const read = readNumeral(valueText, {
      suffixes: percent || unit === undefined ? ["%"] : [],
      allowPlus: false,
      allowNegative: unit === undefined || !NON_NEGATIVE.has(unit),
    });
    if (!read.ok) at("value", describeNumeralProblem(read.error));
    else {
      value = read.value.number;
      if (unit === "percent" && (value < 0 || value > 100)) {
        at("value", { zh: `百分比 ${value} 超出 0–100`, en: `percentage ${value} is outside 0–100` });
      }
    }

    if (problems.length > 0) {
      rejected.push(...problems);
      rejectedRows.add(row);
    } else if (found && year !== undefined && value !== undefined) {
      good.push({ row, planId: found.plan.id, actual: { indicatorId: found.ind.id, year, value } });
    }
  }

  // The same indicator and year twice: every such row is refused, naming the others.
  const byKey = new Map<string, number[]>();
  for (const g of good) {
    const key = `${g.planId}|${g.actual.indicatorId}|${g.actual.year}`;
    byKey.set(key, [...(byKey.get(key) ?? []), g.row]);
  }
  const dupRows = new Set<number>();
  for (const rows of byKey.values()) {
    if (rows.length < 2) continue;
    for (const row of rows) {
      const others = rows.filter((x) => x !== row);
      dupRows.add(row);
      rejectedRows.add(row);
      const g = good.find((x) => x.row === row)!;
      const name = shown.get("indicator") ?? shown.get("name") ?? "indicator";
      rejected.push({
        file,
        path: `row ${row}, column ${col.has("indicator") ? "indicator" : "name"}`,
        where: { zh: `第 ${row} 行“${name}”列`, en: `row ${row}, column ${name}` },
        message: {
          zh: `指标 “${g.actual.indicatorId}” ${g.actual.year} 年的数值重复（另见第 ${others.join("、")} 行）；请只保留一行`,
          en: `indicator "${g.actual.indicatorId}" in ${g.actual.year} is given more than once (also row ${others.join(", ")}); keep one row`,
        },
      });
    }
  }

  const actuals = new Map<string, Actual[]>(plans.map((p) => [p.id, []]));
  let accepted = 0;
  for (const g of good) {
    if (dupRows.has(g.row)) continue;
    actuals.get(g.planId)!.push(g.actual);
    accepted++;
  }
  if (accepted === 0 && rejected.length === 0) {
    return whole(
      "文件中没有任何观测值（数值列都是空的）",
      "the file holds no observed values (the value column is empty in every row)",
    );
  }
  return ok({
    actuals,
    rejected: byRow(rejected),
    rejectedRows: [...rejectedRows].sort((a, b) => a - b),
    accepted,
    encoding,
  });
}

/** An indicator named by id, printed row number or name, among the plans given. */
function resolveIndicator(
  text: string,
  plans: readonly Plan[],
): Result<{ plan: Plan; ind: Indicator }, Bilingual> {
  for (const plan of plans) {
    const ind = plan.indicators.find((x) => x.id === text);
    if (ind) return ok({ plan, ind });
  }
  const digits = normaliseNumerals(text);
  if (/^\d+$/.test(digits)) {
    if (plans.length > 1) {
      return err({
        zh: `序号 “${text}” 在 ${plans.map((p) => planLabel(p).zh).join("、")} 中各有所指；请加 “规划” 列或改用指标 id`,
        en: `row number "${text}" could be in any of ${plans.map((p) => planLabel(p).en).join(", ")}; add a plan column or use the indicator id`,
      });
    }
    const plan = plans[0]!;
    const ind = plan.indicators.find((x) => x.printedNumber === Number(digits));
    if (ind) return ok({ plan, ind });
    return err({
      zh: `${planLabel(plan).zh}的表格中没有序号 ${digits}`,
      en: `${planLabel(plan).en} has no row numbered ${digits} in its table`,
    });
  }
  const byName = resolveByName(text, plans);
  if (byName.length === 1) return ok(byName[0]!);
  if (byName.length > 1) return err(ambiguousName(text, byName));
  return err({
    zh: `${plans.map((p) => planLabel(p).zh).join("、")}中没有指标 “${text}”（用指标 id、表格序号或指标名称）`,
    en: `no indicator "${text}" in ${plans.map((p) => planLabel(p).en).join(", ")} (use an indicator id, the printed row number or the name)`,
  });
}

/** A name that several indicators share (a table row and a text target often do). */
function ambiguousName(text: string, found: readonly { ind: Indicator }[]): Bilingual {
  const ids = found.map((f) => f.ind.id);
  return {
    zh: `名称 “${text}” 对应多项指标（${ids.join("、")}）；请用指标 id`,
    en: `the name "${text}" fits several indicators (${ids.join(", ")}); use the indicator id`,
  };
}

function resolveByName(text: string, plans: readonly Plan[]): { plan: Plan; ind: Indicator }[] {
  const want = loose(text);
  const out: { plan: Plan; ind: Indicator }[] = [];
  for (const plan of plans) {
    for (const ind of plan.indicators) {
      if (loose(ind.name.zh) === want || loose(ind.name.en) === want) out.push({ plan, ind });
    }
  }
  return out;
}

/** Issues in the order of their rows (stable within a row), as a person reads the file. */
function byRow(issues: InputIssue[]): InputIssue[] {
  const row = (i: InputIssue) => Number(/^row (\d+)/.exec(i.path)?.[1] ?? 0);
  return issues
    .map((i, k) => ({ i, k }))
    .sort((a, b) => row(a.i) - row(b.i) || a.k - b.k)
    .map((x) => x.i);
}

/** Every observation of a read, all plans together, for a caller that wants one list. */
export function allActuals(read: ActualsCsv): Actual[] {
  return [...read.actuals.values()].flat();
}
