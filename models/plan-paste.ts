import type {
  Attribute,
  Baseline,
  Comparator,
  Indicator,
  Level,
  Measure,
  Plan,
  Scale,
  Target,
  Unit,
} from "./plan.ts";
import { SCALES } from "./plan.ts";
import type { Bilingual } from "./text.ts";
import type { InputIssue } from "./validation.ts";

/**
 * A plan's indicator table, pasted as a person copies it from the plan's document, read into a draft
 * plan. Pure: text in, data out, no DOM.
 *
 * What it reads:
 * - layouts: one row a line with tab-separated cells (Word, spreadsheets, web tables), one row a line
 *   with cells apart by runs of two or more spaces (PDF text), and one cell a line with a blank line
 *   between rows (text extracted from a .docx, some PDF viewers), and the whole table run together in one
 *   paragraph with single spaces between cells and the row numbers written into the names ("1.贫困…"), as
 *   document-sharing sites print a .doc's table (the groups' vertical labels come one character at a time
 *   between rows, and are put back together);
 * - a header row (序号, 指标, 属性, 单位, 基期, 目标, "2020年", "2025年" and English equivalents),
 *   with a caption line above it; section rows ("一、…") as groups; numbering that starts again in each
 *   group (read in the table's order, flagged); the plan's period from the caption ("十二五" → 2011–2015)
 *   when the header prints no year;
 * - cells as printed: comparators (>, ≥, ＞, ≧, 以上, 不低于, 以下, 不高于…), percent and per mille,
 *   full-width digits, thousands separators, ranges (90%–95%), "—" (printed none), text targets (与…同步,
 *   基本同步, 逐步提高), units in the name (（%）, （万人）, （户）) or the cell (2500户以上, 4（万人）), with a
 *   scale (万人…) stored in base units and the printed form kept.
 *
 * Every reading that is a guess rather than what the source says is flagged on its row, for the person
 * to confirm: a unit the table leaves out, whether a count is per year or over the period, an attribute
 * left blank, a bound printed where a value was expected, a text target read as "hold the level".
 */

/** What a pasted column holds. */
export type ColumnRole = "number" | "name" | "attribute" | "unit" | "baseline" | "target" | "note" | "other";

/** A field of a row a flag is about. */
export type FlagField = "number" | "name" | "unit" | "attribute" | "measure" | "baseline" | "target";

/** An uncertain reading: which field, why (a key with its parameters), and the reason in both languages. */
export interface PasteFlag {
  field: FlagField;
  key: FlagKey;
  params: Record<string, string | number>;
  message: Bilingual;
}

export type FlagKey =
  | "unit-guessed"
  | "unit-unknown"
  | "per-mille"
  | "scale-unsupported"
  | "measure-level"
  | "measure-unstated"
  | "attribute-missing"
  | "attribute-unknown"
  | "baseline-bound"
  | "baseline-unread"
  | "target-unread"
  | "target-hold"
  | "target-basically"
  | "target-series"
  | "number-missing"
  | "number-restarted"
  | "name-spaces"
  | "name-en";

/** A problem with the table as a whole. */
export type TableProblemKey =
  | "no-header"
  | "no-target"
  | "no-rows"
  | "years-guessed"
  | "row-incomplete"
  | "cells-dropped";

export interface TableProblem {
  key: TableProblemKey;
  params: Record<string, string | number>;
  message: Bilingual;
}

/** One pasted indicator row: its source cells, what they were read as, and what to confirm. */
export interface PasteRow {
  /** 1-based line in the pasted text where the row starts. */
  line: number;
  /** The row's cells as pasted (trimmed). */
  cells: string[];
  /** The cell of each role, as pasted ("" where the table has no such column). */
  source: Record<"number" | "name" | "attribute" | "unit" | "baseline" | "target", string>;
  /** The section row above it ("一、…"), if any. */
  group: string | null;
  indicator: Indicator;
  flags: PasteFlag[];
  /** What the row was read with (years, id prefix, section), so an edit can read it again. */
  context: RowContext;
}

/** What the table itself says about the plan: its caption and the years its header prints. */
export interface TableFacts {
  caption: string | null;
  baselineYear?: number;
  targetYear?: number;
}

export interface PasteResult {
  /** The draft plan: the options' metadata and one indicator per row. Not yet validated. */
  plan: Plan;
  rows: PasteRow[];
  layout: "tabs" | "spaces" | "blocks" | "flat";
  /** Column roles as read from the header (or guessed from the cells). */
  columns: ColumnRole[];
  /** The header cells as pasted; empty when no header was found. */
  header: string[];
  /** The caption above the header ("专栏1 …主要指标"), if any. */
  caption: string | null;
  /** The caption and header years, for {@link buildPlan}. */
  facts: TableFacts;
  problems: TableProblem[];
}

export interface PasteOptions {
  /** Plan id, kebab-case; default `pasted-<from>-<to>`. */
  id?: string;
  /** Prefix of indicator ids; default the plan id without its period. */
  indicatorPrefix?: string;
  title?: Partial<Bilingual>;
  region?: Partial<Bilingual>;
  province?: Partial<Bilingual>;
  issuer?: Partial<Bilingual>;
  level?: Level;
  /** ISO date of issue, or null. */
  issued?: string | null;
  /** Years when the header does not print them (a table with only a 2025 column has no baseline year). */
  baselineYear?: number;
  targetYear?: number;
  period?: { from: number; to: number };
  /** Where the table was read: an address (with the date retrieved) or a document name. */
  source?: { url?: string; retrieved?: string; file?: string; title?: string; section?: string };
}

// ── Text helpers ──

const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff";
/** Cells that print "no value". */
const NONE_MARKS = /^[—–\-－―‒─━_＿/／\\无]+$|^无$|^\/$|^—+$/;

/** NFKC (full-width digits and signs to ASCII) without touching the Chinese parentheses' meaning. */
function norm(s: string): string {
  return s
    .normalize("NFKC")
    .replace(/[\u2212\u2013\u2014\uFE63\uFF0D]/g, (c) => (c === "\u2013" || c === "\u2014" ? c : "-"))
    .trim();
}

/** Removes whitespace between two CJK characters ("指  标" → "指标"). */
function closeCjkGaps(s: string): string {
  return s.replace(new RegExp(`([${CJK}])[\\s\\u3000]+(?=[${CJK}])`, "g"), "$1");
}

/** Decimal places of a printed number ("98.37" → 2, "4" → 0). */
function decimalsOf(num: string): number {
  const dot = num.indexOf(".");
  return dot < 0 ? 0 : num.length - dot - 1;
}

const NUMBER = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/;

function readNumber(s: string): { value: number; decimals: number; text: string } | null {
  const m = NUMBER.exec(s);
  if (!m) return null;
  const digits = m[0].replace(/,/g, "");
  return { value: Number(digits), decimals: decimalsOf(digits), text: m[0] };
}

// ── Units ──

interface UnitReading {
  unit: Unit;
  scale?: Scale;
  /** Per mille: the value is divided by 10 into percent. */
  perMille?: boolean;
  /** For `count`: what is counted. */
  label?: Bilingual;
  /** "年人次": a year's attendances. */
  perYear?: boolean;
  /** A scale the schema does not keep (万元): the factor to base units. */
  factor?: number;
  printed: string;
}

const COUNT_LABELS: Record<string, string> = {
  个: "units",
  所: "institutions",
  家: "organisations",
  条: "items",
  次: "times",
  场: "events",
  场次: "screenings",
  支: "teams",
  项: "items",
  名: "people",
  处: "sites",
  间: "rooms",
  套: "sets",
  台: "devices",
};

/** Reads a unit as printed in a unit column, a name's parentheses or a value cell. */
function readUnit(raw: string): UnitReading | null {
  const u = norm(raw).replace(/\s+/g, "");
  if (u === "") return null;
  if (u === "%" || u === "百分比") return { unit: "percent", printed: raw };
  if (u === "‰") return { unit: "percent", perMille: true, printed: raw };
  if (u === "万人") return { unit: "people", scale: "万人", printed: raw };
  if (u === "万户") return { unit: "households", scale: "万户", printed: raw };
  if (u === "万人次") return { unit: "attendances", scale: "万人次", printed: raw };
  if (u === "亿元") return { unit: "yuan", scale: "亿元", printed: raw };
  if (u === "万元") return { unit: "yuan", factor: 10_000, printed: raw };
  if (u === "年人次" || u === "人次/年") return { unit: "attendances", perYear: true, printed: raw };
  if (u === "人次") return { unit: "attendances", printed: raw };
  if (u === "人" || u === "名" || u === "人数") return { unit: "people", printed: raw };
  if (u === "户") return { unit: "households", printed: raw };
  if (u === "元") return { unit: "yuan", printed: raw };
  const label = COUNT_LABELS[u];
  if (label) return { unit: "count", label: { zh: u, en: label }, printed: raw };
  return null;
}

/** A unit in the name's trailing parentheses: "…率（%）" → "%". */
function unitInName(name: string): { unit: UnitReading; bare: string } | null {
  const m = /[（(]([^（）()]{1,6})[）)]\s*$/.exec(name);
  if (!m) return null;
  const unit = readUnit(m[1]!);
  return unit ? { unit, bare: name.slice(0, m.index).trim() } : null;
}

/** A unit written in a value cell: "2500户以上", "4（万人）", "99%". */
function unitInCell(cell: string): UnitReading | null {
  const n = norm(cell);
  const paren = /\(([^()]{1,6})\)/.exec(n);
  if (paren) {
    const u = readUnit(paren[1]!);
    if (u) return u;
  }
  if (/‰/.test(n)) return { unit: "percent", perMille: true, printed: "‰" };
  if (/%/.test(n)) return { unit: "percent", printed: "%" };
  const after =
    /\d(?:[\d.,])*\s*(万人次|万人|万户|亿元|万元|年人次|人次|人|名|户|元|场次|个|所|家|条|次|场|支|项|处)/.exec(
      n,
    );
  if (after) return readUnit(after[1]!);
  return null;
}

/**
 * The unit a value cell's own number is read in. A cell may print its number with a magnitude of its own
 * ("4万以上", "3.8万", "2亿元") whatever the row's unit says ("培训人数（人）"): that 万 or 亿 is part of the
 * number, so it scales this cell (4万 people are 40,000 people, never 4), and the scale the schema keeps
 * for the row's unit (万人, 万户, 万人次, 亿元) is taken where there is one; otherwise the number is
 * converted to base units with a factor and the row flagged. A cell without one is read in the row's unit.
 */
function cellUnit(cell: string, unit: UnitReading | null): UnitReading | null {
  const m = /\d(?:[\d.,])*\s*(万|亿)/.exec(norm(cell));
  if (!m) return unit;
  const word = m[1] as "万" | "亿";
  const factor = word === "万" ? 10_000 : 100_000_000;
  const kind = unit?.unit ?? "count";
  // The row's unit already carries this magnitude ("4万人" read as 万人): nothing more to apply.
  if (unit?.scale && SCALES[unit.scale].factor === factor) return unit;
  if (unit?.factor === factor) return unit;
  const { scale: _scale, factor: _factor, ...base } = { ...unit, unit: kind };
  // The scale the schema keeps for this unit and magnitude (万 of people is 万人), if any.
  const scale = (Object.keys(SCALES) as Scale[]).find(
    (s) => SCALES[s].unit === kind && SCALES[s].factor === factor,
  );
  return scale ? { ...base, scale, printed: scale } : { ...base, factor, printed: word };
}

const isGrowth = (name: string) => /增长|增速|增幅|增长率/.test(name);
const isRate = (name: string) => /率|比例|比重|占比|覆盖面/.test(name);

// ── Comparators ──

interface Bound {
  comparator: Comparator;
  printed: boolean;
}

/** The comparator a cell prints: a sign before the number, or words before or after it. */
function boundOf(cell: string): Bound {
  const s = norm(cell).replace(/\s+/g, "");
  if (/^(>=|≥|≧|⩾)/.test(s) || /^(不低于|不少于|至少|不小于)/.test(s))
    return { comparator: ">=", printed: true };
  if (/^(<=|≤|≦|⩽)/.test(s) || /^(不高于|不超过|不多于|不大于|最多|控制在)/.test(s))
    return { comparator: "<=", printed: true };
  if (/^>/.test(s) || /^(高于|大于|超过|多于)/.test(s)) return { comparator: ">", printed: true };
  if (/^</.test(s) || /^(低于|小于|少于)/.test(s)) return { comparator: "<", printed: true };
  if (/(以上|及以上|或以上)(\(含[^)]*\))?$/.test(s)) return { comparator: ">=", printed: true };
  if (/(以下|及以下|以内)(\(含[^)]*\))?$/.test(s)) return { comparator: "<=", printed: true };
  return { comparator: ">=", printed: false };
}

// ── Series ("in step with") ──

interface SeriesReading {
  series: string;
  seriesName: Bilingual;
  known: boolean;
}

function areaOf(zh: string, level: Level | undefined): string {
  if (/^全国|^国内/.test(zh)) return "the country's";
  if (/^全省/.test(zh)) return "the province's";
  if (/^全市/.test(zh)) return "the city's";
  if (/^全县/.test(zh)) return "the county's";
  if (/^全区/.test(zh)) return level === "province" ? "the region's" : "the district's";
  if (/^全旗/.test(zh)) return "the banner's";
  if (/^全州/.test(zh)) return "the prefecture's";
  return "the";
}

function seriesOf(phrase: string, level: Level | undefined): SeriesReading {
  const zh = phrase.trim();
  const area = areaOf(zh, level);
  const en = (what: string) => (area === "the" ? `growth of ${what}` : `growth of ${area} ${what}`);
  if (/生产总值|GDP|经济增长/i.test(zh))
    return { series: "gdp-growth", seriesName: { zh, en: en("gross domestic product") }, known: true };
  if (/城镇居民/.test(zh))
    return {
      series: "urban-resident-income-growth",
      seriesName: { zh, en: en("urban residents' per-capita disposable income") },
      known: true,
    };
  if (/农村居民/.test(zh))
    return {
      series: "rural-resident-income-growth",
      seriesName: { zh, en: en("rural residents' per-capita disposable income") },
      known: true,
    };
  if (/居民/.test(zh) && /收入/.test(zh))
    return {
      series: "resident-income-growth",
      seriesName: { zh, en: en("residents' per-capita disposable income") },
      known: true,
    };
  if (/财政收入/.test(zh))
    return { series: "fiscal-revenue-growth", seriesName: { zh, en: en("fiscal revenue") }, known: true };
  return { series: "economic-growth", seriesName: { zh, en: `growth of ${zh}` }, known: false };
}

// ── Glossary: English names and id slugs of the indicators local plans share ──

const GLOSSARY: { re: RegExp; slug: string; en: string }[] = [
  {
    re: /收入.*(增长|增速)/,
    slug: "income-growth",
    en: "Per-capita income of disabled people's households, average annual growth",
  },
  {
    re: /最低生活保障/,
    slug: "minimum-living-guarantee",
    en: "Eligible disabled people covered by the minimum living guarantee",
  },
  {
    re: /生活补贴/,
    slug: "living-subsidy-coverage",
    en: "Living-subsidy coverage of disabled people in difficulty",
  },
  {
    re: /护理补贴/,
    slug: "nursing-subsidy-coverage",
    en: "Nursing-subsidy coverage of severely disabled people",
  },
  {
    re: /养老保险/,
    slug: "pension-insurance",
    en: "Participation of disabled people in basic pension insurance",
  },
  {
    re: /医疗保险/,
    slug: "medical-insurance",
    en: "Participation of disabled people in basic medical insurance",
  },
  {
    re: /遗传代谢/,
    slug: "metabolic-screening",
    en: "Newborn screening rate for genetic metabolic diseases",
  },
  { re: /听力/, slug: "hearing-screening", en: "Newborn screening rate for congenital hearing impairment" },
  {
    re: /(职业技能|实用技术).*培训|培训人数/,
    slug: "trained-people",
    en: "Disabled people in vocational-skills training",
  },
  { re: /新增.*就业/, slug: "new-employment", en: "Newly employed disabled people, urban and rural" },
  { re: /就业率/, slug: "employment-rate", en: "Employment rate of disabled people" },
  { re: /托养/, slug: "care-services", en: "Residential and home care for severely disabled people" },
  {
    re: /义务教育/,
    slug: "compulsory-enrolment",
    en: "Compulsory-education enrolment rate of disabled children and adolescents",
  },
  {
    re: /高中阶段/,
    slug: "upper-secondary-education",
    en: "Share of disabled students receiving upper-secondary education",
  },
  {
    re: /儿童康复机构/,
    slug: "child-rehab-institution-coverage",
    en: "Coverage of standardised rehabilitation institutions for disabled children",
  },
  { re: /康复服务/, slug: "rehab-coverage", en: "Basic rehabilitation service coverage of disabled people" },
  {
    re: /辅助器具/,
    slug: "assistive-device-fitting",
    en: "Assistive-device fitting rate of disabled people",
  },
  {
    re: /无障碍改造率/,
    slug: "retrofit-rate",
    en: "Home accessibility-retrofit rate of disabled people's households",
  },
  {
    re: /无障碍改造/,
    slug: "retrofit-households",
    en: "Disabled people's households given a home accessibility retrofit",
  },
  { re: /残疾人之家/, slug: "homes-coverage", en: "Coverage of homes for the disabled (残疾人之家)" },
  {
    re: /托养机构/,
    slug: "care-institution-coverage",
    en: "Coverage of professional residential-care institutions",
  },
  {
    re: /文(化|体)/,
    slug: "culture-sports-coverage",
    en: "Culture and sports service coverage of disabled people",
  },
];

function glossaryOf(name: string): { slug: string; en: string } | null {
  // More specific entries first: 托养机构 before 托养, 儿童康复机构 before 康复服务.
  const order = [...GLOSSARY].sort((a, b) => b.re.source.length - a.re.source.length);
  for (const g of order) if (g.re.test(name)) return g;
  return null;
}

// ── Flags ──

const FLAG_TEXT: Record<FlagKey, (p: Record<string, string | number>) => Bilingual> = {
  "unit-guessed": (p) => ({
    zh: `表中未印单位，按“${p.zh}”理解`,
    en: `the table prints no unit; read as ${p.en}`,
  }),
  "unit-unknown": () => ({
    zh: "看不出单位，暂按“个数”理解，请选择正确的单位",
    en: "no unit could be read; taken as a count for now — choose the right unit",
  }),
  "per-mille": (p) => ({
    zh: `原文为千分比（${p.printed}），换算为百分比 ${p.value}`,
    en: `printed per mille (${p.printed}); converted to ${p.value} percent`,
  }),
  "scale-unsupported": (p) => ({
    zh: `单位“${p.scale}”不是可保存的量级，数值已换算为基本单位`,
    en: `the scale "${p.scale}" cannot be kept; the value was converted to base units`,
  }),
  "measure-level": () => ({
    zh: "未说明是每年还是累计；因为印有基期年份的数值，按目标年份当年的数量理解",
    en: "does not say per year or in total; read as the number in the target year, since a baseline-year figure is printed",
  }),
  "measure-unstated": () => ({
    zh: "未说明是每年还是五年累计：保留为“未说明”，推演时可切换",
    en: "does not say per year or over the period: kept as unstated, a switch in the projection",
  }),
  "attribute-missing": () => ({
    zh: "属性一栏为空：未注明约束性或预期性",
    en: "the attribute cell is empty: neither binding nor expected",
  }),
  "attribute-unknown": (p) => ({
    zh: `属性“${p.printed}”无法识别（应为约束性或预期性）`,
    en: `the attribute "${p.printed}" is not 约束性 (binding) or 预期性 (expected)`,
  }),
  "baseline-bound": (p) => ({
    zh: `基期印为“${p.printed}”，按“高于 ${p.value}”的下限理解`,
    en: `the baseline is printed "${p.printed}"; read as a lower bound (above ${p.value})`,
  }),
  "baseline-unread": (p) => ({
    zh: `基期“${p.printed}”无法读成数值，按“未给出数值”处理`,
    en: `the baseline "${p.printed}" could not be read as a number; kept as printed with no value`,
  }),
  "target-unread": (p) => ({
    zh: `目标“${p.printed}”无法读成数值或比较`,
    en: `the target "${p.printed}" could not be read as a value or comparison`,
  }),
  "target-hold": (p) => ({
    zh: `目标“${p.printed}”没有数值，按“不低于基期水平”理解`,
    en: `the target "${p.printed}" prints no number; read as "do not fall below the baseline"`,
  }),
  "target-basically": (p) => ({
    zh: `“基本同步”未说明容差：暂取每年 ${p.tolerance} 个百分点，请确认`,
    en: `"basically in step" states no tolerance: ${p.tolerance} percentage points a year assumed — confirm it`,
  }),
  "target-series": (p) => ({
    zh: `“${p.printed}”所指的序列无法识别，暂记作 ${p.series}`,
    en: `the series in "${p.printed}" is not one the app knows; recorded as ${p.series}`,
  }),
  "number-missing": (p) => ({
    zh: `此行没有序号，按第 ${p.number} 行编号`,
    en: `this row prints no number; numbered ${p.number}`,
  }),
  "number-restarted": (p) => ({
    zh: `表中序号为“${p.printed}”，不大于上一行（各组分别编号）；按全表顺序编为第 ${p.number} 行`,
    en: `printed "${p.printed}", not above the row before (each group numbered on its own); numbered ${p.number} in the table's order`,
  }),
  "name-spaces": () => ({
    zh: "名称中汉字之间的空格已去掉（复制 PDF 时常见）",
    en: "spaces between Chinese characters in the name were removed (common when copying from a PDF)",
  }),
  "name-en": () => ({
    zh: "没有英文名称：英文界面将显示中文名称，可在此填写",
    en: "no English name: the English view will show the Chinese name; you can write one here",
  }),
};

function flag(field: FlagField, key: FlagKey, params: Record<string, string | number> = {}): PasteFlag {
  return { field, key, params, message: FLAG_TEXT[key](params) };
}

/** The reason of a flag, in both languages (for a key and parameters kept elsewhere). */
export function describeFlag(key: FlagKey, params: Record<string, string | number>): Bilingual {
  return FLAG_TEXT[key](params);
}

const TABLE_TEXT: Record<TableProblemKey, (p: Record<string, string | number>) => Bilingual> = {
  "no-header": () => ({
    zh: "没有找到表头（序号、指标、属性、年份…）：各列按内容推断",
    en: "no header row (序号, 指标, 属性, years…) was found: columns were inferred from their contents",
  }),
  "no-target": () => ({
    zh: "找不到目标一栏（如“2025年”或“目标值”）",
    en: "no target column (such as 2025年 or 目标值) was found",
  }),
  "no-rows": () => ({
    zh: "没有读到任何指标行",
    en: "no indicator rows were read",
  }),
  "row-incomplete": (p) => ({
    zh: `第 ${p.line} 行“${p.printed}”只有名称、没有数值（表格可能在此中断），未读入`,
    en: `line ${p.line}, "${p.printed}", has a name but no values (the table may break off here); not read`,
  }),
  "cells-dropped": (p) => ({
    zh: `第 ${p.line} 行的“${p.printed}”不属于表格的任何一列（如页码），未读入`,
    en: `"${p.printed}" on line ${p.line} belongs to no column of the table (a page footer, say); not read`,
  }),
  "years-guessed": (p) => ({
    zh: `表头未印基期年份，取 ${p.baselineYear} 年（可在下方修改）`,
    en: `the header prints no baseline year; ${p.baselineYear} is assumed (change it below)`,
  }),
};

function problem(key: TableProblemKey, params: Record<string, string | number> = {}): TableProblem {
  return { key, params, message: TABLE_TEXT[key](params) };
}

// ── Layout: text → rows of cells ──

interface RawRow {
  line: number;
  cells: string[];
}

const BOOKMARK = /\[bookmark:[^\]]*\]/g;

/**
 * The cells of one line. Tab-separated cells keep their places (an empty number cell is still a
 * column); a line with no tabs splits on runs of two or more spaces when `spaces`, else is one cell.
 */
function splitLine(line: string, spaces: boolean): string[] {
  const t = line.replace(BOOKMARK, "");
  if (t.includes("\t")) {
    const cells = t.split("\t").map((c) => c.trim());
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    return cells.every((c) => c === "") ? [] : cells;
  }
  const parts = spaces ? t.split(/[ \u00a0\u3000]{2,}/) : [t];
  return parts.map((c) => c.trim()).filter((c) => c !== "");
}

const filled = (cells: string[]) => cells.filter((c) => c !== "").length;

/** Text the layout found outside every column (page footers run into a flattened table). */
interface Dropped {
  line: number;
  printed: string;
}

/** A name with its row number written in front: "1.贫困…" (not a decimal such as "2.5"). */
const NUMBERED_NAME = /^[0-9０-９]{1,3}[.、．](?![0-9０-９])\S/;
const ONE_CJK = new RegExp(`^[${CJK}]$`);

/**
 * A table run together in one paragraph, cells apart by single spaces (a document-sharing site's text of
 * a .doc): a caption, a header of known column words, then rows each starting with a numbered name. A
 * lone Chinese character between rows is a piece of a group's vertical label (社 … 会 … 保 … 障): it
 * belongs to the row after it, and a group runs until the numbering starts again. Anything else past a
 * row's last column is dropped and reported. Null when the text is not such a table.
 */
function flatTokenise(lines: string[]): { rows: RawRow[]; dropped: Dropped[] } | null {
  const tokens: { text: string; line: number }[] = [];
  lines.forEach((l, i) => {
    for (const t of l.replace(BOOKMARK, "").split(/[\s\u00a0\u3000]+/)) {
      if (t !== "") tokens.push({ text: t, line: i + 1 });
    }
  });
  // The header: a known column word followed, within the next three words, by another.
  let start = -1;
  for (let i = 0; i < tokens.length && start < 0; i++) {
    if (headerRole(tokens[i]!.text) === null) continue;
    const next = tokens.slice(i + 1, i + 4).filter((t) => headerRole(t.text) !== null);
    if (next.length > 0) start = i;
  }
  if (start < 0) return null;
  let end = start + 1;
  while (end < tokens.length && !NUMBERED_NAME.test(tokens[end]!.text)) end++;
  if (end >= tokens.length || end - start > 8) return null;
  const head = tokens.slice(start, end);
  // The row number is written into the name, so a row has one cell fewer than a header with 序号.
  const width = head.length - (headerRole(head[0]!.text)?.role === "number" ? 1 : 0);

  const rows: RawRow[] = [];
  const caption = tokens.slice(0, start);
  if (caption.length > 0)
    rows.push({ line: caption[0]!.line, cells: [caption.map((t) => t.text).join(" ")] });
  rows.push({ line: head[0]!.line, cells: head.map((t) => t.text) });

  interface FlatRow {
    line: number;
    cells: string[];
    number: number;
    chars: string[];
  }
  const groups: FlatRow[][] = [];
  const dropped: Dropped[] = [];
  let pending: string[] = [];
  let current: FlatRow | null = null;
  let extra: { text: string; line: number }[] = [];
  const close = () => {
    if (extra.length > 0) dropped.push({ line: extra[0]!.line, printed: extra.map((t) => t.text).join(" ") });
    extra = [];
  };
  for (let k = end; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (NUMBERED_NAME.test(t.text)) {
      close();
      const number = Number(norm(/^[0-9０-９]{1,3}/.exec(t.text)![0]));
      current = { line: t.line, cells: [t.text], number, chars: pending };
      pending = [];
      const last = groups[groups.length - 1];
      const prev = last?.[last.length - 1];
      if (!last || !prev || number <= prev.number) groups.push([current]);
      else last.push(current);
    } else if (current && current.cells.length < width) current.cells.push(t.text);
    else if (ONE_CJK.test(t.text)) {
      close();
      pending.push(t.text);
    } else extra.push(t);
  }
  close();
  // Characters after the last row finish the last group's label.
  const lastRow = groups[groups.length - 1]?.at(-1);
  if (lastRow) lastRow.chars.push(...pending);
  else if (pending.length > 0)
    dropped.push({ line: tokens[tokens.length - 1]!.line, printed: pending.join(" ") });
  // Labels only when every group has one: a group without would otherwise take the one before.
  const labels = groups.map((g) => g.flatMap((r) => r.chars).join(""));
  const labelled = groups.length > 0 && labels.every((l) => l !== "");
  groups.forEach((g, k) => {
    if (labelled) rows.push({ line: g[0]!.line, cells: [labels[k]!] });
    for (const r of g) rows.push({ line: r.line, cells: r.cells });
  });
  return { rows, dropped };
}

/** Splits the pasted text into rows of cells, choosing the layout it is written in. */
export function tokenise(text: string): {
  layout: PasteResult["layout"];
  rows: RawRow[];
  dropped: Dropped[];
} {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const single = lines.filter((l) => l.trim() !== "").map((l) => filled(splitLine(l, false)));
  // One cell a line, rows apart by blank lines: most blocks have several lines of one cell each.
  const blocks: RawRow[] = [];
  let cur: RawRow | null = null;
  lines.forEach((l, i) => {
    if (l.trim() === "") {
      cur = null;
      return;
    }
    const cell = l.replace(BOOKMARK, "").trim();
    if (!cur) {
      cur = { line: i + 1, cells: [] };
      blocks.push(cur);
    }
    if (cell !== "") cur.cells.push(cell);
  });
  const oneCellLines = single.filter((n) => n <= 1).length;
  const multiLineBlocks = blocks.filter((b) => b.cells.length >= 3).length;
  if (
    single.length > 0 &&
    oneCellLines / single.length > 0.9 &&
    multiLineBlocks >= Math.max(2, blocks.length / 2)
  ) {
    return { layout: "blocks", rows: blocks, dropped: [] };
  }
  const hasTabs = lines.some((l) => filled(splitLine(l, false)) >= 2);
  const rows: RawRow[] = [];
  lines.forEach((l, i) => {
    const cells = splitLine(l, !hasTabs);
    if (cells.length > 0) rows.push({ line: i + 1, cells });
  });
  // No line splits into cells at all: perhaps the table runs together in one paragraph.
  if (!hasTabs && rows.every((r) => r.cells.length <= 1)) {
    const flat = flatTokenise(lines);
    if (flat) return { layout: "flat", rows: flat.rows, dropped: flat.dropped };
  }
  return { layout: hasTabs ? "tabs" : "spaces", rows, dropped: [] };
}

// ── Header ──

interface HeaderCell {
  role: ColumnRole;
  year?: number;
  /** "基期", "现状": a year column that holds the baseline. */
  baselineWord?: boolean;
  /** "目标": a year column that holds the target. */
  targetWord?: boolean;
  measure?: Measure;
}

function headerRole(cell: string): HeaderCell | null {
  const c = closeCjkGaps(norm(cell)).replace(/\s+/g, "").toLowerCase();
  if (/^(序号|编号|序|no\.?|#|number)$/.test(c)) return { role: "number" };
  if (
    /^(指标|指标名称|主要指标|指标内容|监测指标|评估指标|考核指标|项目|名称|indicator|indicators|item|name)$/.test(
      c,
    )
  )
    return { role: "name" };
  if (/^(属性|指标属性|性质|指标性质|指标类型|类型|attribute|type)$/.test(c)) return { role: "attribute" };
  if (/^(单位|计量单位|unit|units)$/.test(c)) return { role: "unit" };
  if (/^(备注|说明|note|notes|remarks)$/.test(c)) return { role: "note" };
  if (/^(基期|基期值|基数|现状|现状值|基准值|基线|baseline|base)$/.test(c)) return { role: "baseline" };
  if (/^(目标|目标值|规划目标|预期目标|target|goal)$/.test(c)) return { role: "target" };
  const range = /^(\d{4})[-~至到](\d{4})年?(累计|合计|总计|年均)?(目标|目标值)?$/.exec(c);
  if (range) {
    const words = range[3];
    const measure: Measure | undefined =
      words === "年均" ? "annual" : words === undefined ? undefined : "cumulative";
    return measure
      ? { role: "target", year: Number(range[2]), targetWord: true, measure }
      : { role: "target", year: Number(range[2]), targetWord: true };
  }
  const y = /^(\d{4})年?(底|末)?(基期|基数|现状|现状值|实际|完成|基期值)?(目标|目标值|预期|规划)?(值)?$/.exec(
    c,
  );
  if (y) {
    const h: HeaderCell = { role: "other", year: Number(y[1]) };
    if (y[3]) h.baselineWord = true;
    if (y[4]) h.targetWord = true;
    return h;
  }
  const en = /^(baseline|target)\(?(\d{4})\)?$/.exec(c) ?? /^(\d{4})(baseline|target)$/.exec(c);
  if (en) {
    const word = en[1]!.startsWith("b") || en[2] === "baseline" ? "baseline" : "target";
    const year = Number(/\d{4}/.exec(c)![0]);
    return { role: word, year };
  }
  return null;
}

interface Header {
  index: number;
  /** Cells of the header row before its first header cell (a caption on the same block). */
  lead: string[];
  cells: string[];
  columns: ColumnRole[];
  years: { baseline?: number; target?: number };
  measure?: Measure;
}

function findHeader(rows: RawRow[]): Header | null {
  for (let i = 0; i < Math.min(rows.length, 12); i++) {
    const cells = rows[i]!.cells;
    const roles = cells.map(headerRole);
    const hits = roles.filter((r) => r !== null).length;
    if (hits < 2) continue;
    const first = roles.findIndex((r) => r !== null);
    const lead = cells.slice(0, first);
    const rs = roles.slice(first);
    const yearCols = rs
      .map((r, k) => ({ r, k }))
      .filter(
        (x): x is { r: HeaderCell; k: number } =>
          x.r !== null && x.r.role === "other" && x.r.year !== undefined,
      );
    const columns: ColumnRole[] = rs.map((r) => (r ? r.role : "other"));
    const years: Header["years"] = {};
    for (const r of rs) {
      if (r?.role === "baseline" && r.year !== undefined) years.baseline = r.year;
      if (r?.role === "target" && r.year !== undefined) years.target = r.year;
    }
    // Year columns: a word says which is which; else the earlier year is the baseline, the later the target.
    const sorted = [...yearCols].sort((a, b) => a.r.year! - b.r.year!);
    for (const { r, k } of sorted) {
      if (r.baselineWord) columns[k] = "baseline";
      else if (r.targetWord) columns[k] = "target";
    }
    const open = sorted.filter(({ k }) => columns[k] === "other");
    const hasTarget = columns.includes("target");
    const hasBaseline = columns.includes("baseline");
    if (open.length >= 2) {
      columns[open[0]!.k] = "baseline";
      columns[open[open.length - 1]!.k] = "target";
    } else if (open.length === 1) {
      columns[open[0]!.k] = hasTarget && !hasBaseline ? "baseline" : "target";
    }
    sorted.forEach(({ r, k }) => {
      if (columns[k] === "baseline") years.baseline = r.year;
      if (columns[k] === "target") years.target = r.year;
    });
    const measure = rs.find((r) => r?.measure)?.measure;
    const h: Header = { index: i, lead, cells: cells.slice(first), columns, years };
    if (measure) h.measure = measure;
    return h;
  }
  return null;
}

/** Columns guessed from a data row when there is no header. */
function guessColumns(cells: string[]): ColumnRole[] {
  const roles: ColumnRole[] = cells.map(() => "other");
  cells.forEach((c, k) => {
    if (/^(约束性|预期性|约束|预期)$/.test(c)) roles[k] = "attribute";
  });
  if (/^\d{1,3}[.、．]?$/.test(norm(cells[0] ?? ""))) roles[0] = "number";
  let nameAt = -1;
  let best = 0;
  cells.forEach((c, k) => {
    if (roles[k] !== "other") return;
    const cjk = (c.match(new RegExp(`[${CJK}]`, "g")) ?? []).length;
    if (cjk > best && !/同步|提高|以上|以下/.test(c)) {
      best = cjk;
      nameAt = k;
    }
  });
  if (nameAt >= 0) roles[nameAt] = "name";
  const values = roles.map((r, k) => ({ r, k })).filter((x) => x.r === "other" && x.k > nameAt);
  if (values.length >= 2) {
    roles[values[0]!.k] = "baseline";
    roles[values[values.length - 1]!.k] = "target";
  } else if (values.length === 1) roles[values[0]!.k] = "target";
  return roles;
}

// ── Cells → fields ──

interface Ctx {
  baselineYear: number;
  targetYear: number;
  level: Level | undefined;
}

interface ValueReading {
  value: number;
  decimals: number;
  /** The number as printed (before scaling). */
  number: number;
}

function scaled(n: { value: number; decimals: number }, unit: UnitReading | null): ValueReading {
  let value = n.value;
  let decimals = n.decimals;
  if (unit?.scale) value = n.value * SCALES[unit.scale].factor;
  else if (unit?.factor) value = n.value * unit.factor;
  else if (unit?.perMille) {
    value = n.value / 10;
    decimals += 1;
  }
  return { value: Number(value.toFixed(10)), decimals, number: n.value };
}

function readBaseline(cell: string, year: number, unit: UnitReading | null, flags: PasteFlag[]): Baseline {
  const printed = cell.trim();
  if (printed === "") return { qualifier: "not-in-source", year };
  const s = norm(printed).replace(/\s+/g, "");
  if (NONE_MARKS.test(s)) return { qualifier: "missing", year, printed };
  const n = readNumber(s);
  if (!n) {
    flags.push(flag("baseline", "baseline-unread", { printed }));
    return { qualifier: "missing", year, printed };
  }
  const v = scaled(n, unit);
  if (unit?.perMille) flags.push(flag("baseline", "per-mille", { printed, value: v.value }));
  const bound = boundOf(printed);
  if (bound.printed && bound.comparator === ">")
    return { qualifier: "greater-than", year, value: v.value, printed };
  if (bound.printed && bound.comparator === ">=") {
    flags.push(flag("baseline", "baseline-bound", { printed, value: v.value }));
    return { qualifier: "greater-than", year, value: v.value, printed };
  }
  if (bound.printed) flags.push(flag("baseline", "baseline-unread", { printed }));
  return { qualifier: "exact", year, value: v.value, printed };
}

interface TargetReading {
  target: Target;
  decimals: number | null;
}

const TOLERANCE = 0.5;

function readTarget(cell: string, ctx: Ctx, unit: UnitReading | null, flags: PasteFlag[]): TargetReading {
  const printed = cell.trim();
  const year = ctx.targetYear;
  const s = norm(printed).replace(/\s+/g, "");
  const step =
    /^与(.+?)(基本)?(同步|相适应|相协调|保持同步)$/.exec(s) ?? /^(?:与)?(.+?)(基本)?同步(?:增长)?$/.exec(s);
  if (step && !/\d/.test(s)) {
    const phrase = step[1]!.replace(/基本$/, "").replace(/增长$/, "增长");
    const series = seriesOf(phrase, ctx.level);
    if (!series.known) flags.push(flag("target", "target-series", { printed, series: series.series }));
    const basically = step[2] !== undefined || /基本同步/.test(s);
    if (basically) {
      flags.push(flag("target", "target-basically", { tolerance: TOLERANCE }));
      return {
        target: {
          kind: "in-step-with",
          year,
          series: series.series,
          seriesName: series.seriesName,
          printed,
          basically: true,
          tolerance: TOLERANCE,
          toleranceNote: {
            zh: "规划未说明容差；导入时暂取每年 0.5 个百分点，经导入者确认。",
            en: "The plan states no tolerance; 0.5 percentage points a year was taken at import and confirmed by the importer.",
          },
        },
        decimals: null,
      };
    }
    return {
      target: { kind: "in-step-with", year, series: series.series, seriesName: series.seriesName, printed },
      decimals: null,
    };
  }
  // A range: 90%–95%, 90-95%, 90~95, 90%至95%.
  const range = /^(\d+(?:\.\d+)?)%?(?:[-–—~〜]|至|到)(\d+(?:\.\d+)?)/.exec(s.replace(/,/g, ""));
  if (range && !/^-/.test(s)) {
    const lo = scaled({ value: Number(range[1]), decimals: decimalsOf(range[1]!) }, unit);
    const hi = scaled({ value: Number(range[2]), decimals: decimalsOf(range[2]!) }, unit);
    return {
      target: { kind: "range", year, lo: lo.value, hi: hi.value, printed },
      decimals: Math.max(lo.decimals, hi.decimals),
    };
  }
  const n = readNumber(s);
  if (!n || NONE_MARKS.test(s)) {
    if (/提高|提升|增加|改善|保持|稳定|巩固|持平|不降低|完善|加强/.test(s) || NONE_MARKS.test(s)) {
      flags.push(flag("target", "target-hold", { printed }));
      return { target: { kind: "hold", year, printed: printed || "—" }, decimals: null };
    }
    flags.push(flag("target", "target-unread", { printed }));
    return { target: { kind: "hold", year, printed: printed || "—" }, decimals: null };
  }
  const v = scaled(n, unit);
  if (unit?.perMille) flags.push(flag("target", "per-mille", { printed, value: v.value }));
  const bound = boundOf(printed);
  return {
    target: {
      kind: "compare",
      year,
      comparator: bound.comparator,
      comparatorPrinted: bound.printed,
      value: v.value,
      printed,
    },
    decimals: v.decimals,
  };
}

function readAttribute(cell: string, hasColumn: boolean, flags: PasteFlag[]): Attribute {
  const s = closeCjkGaps(norm(cell)).replace(/\s+/g, "");
  if (/^约束/.test(s) || /^binding$/i.test(s)) return "binding";
  if (/^预期/.test(s) || /^expected$/i.test(s)) return "expected";
  if (s === "") {
    if (hasColumn) flags.push(flag("attribute", "attribute-missing"));
    return "unspecified";
  }
  flags.push(flag("attribute", "attribute-unknown", { printed: cell.trim() }));
  return "unspecified";
}

const UNIT_WORDS: Record<Unit, Bilingual> = {
  percent: { zh: "百分比", en: "a percentage" },
  people: { zh: "人数", en: "a number of people" },
  attendances: { zh: "人次", en: "attendances" },
  households: { zh: "户数", en: "households" },
  yuan: { zh: "元", en: "yuan" },
  "growth-rate": { zh: "增长率", en: "a growth rate" },
  count: { zh: "个数", en: "a count" },
};

/** Words that say a count is per year or over the period. */
function measureWords(text: string): Measure | null {
  if (/每年|年均(?!增长)|逐年/.test(text)) return "annual";
  if (/累计|五年|期间|期内|十四五.*(共|合计)|共计|合计/.test(text)) return "cumulative";
  return null;
}

export interface RowInput {
  number: string;
  name: string;
  attribute: string;
  unit: string;
  baseline: string;
  target: string;
}

export interface RowContext extends Ctx {
  /** Indicator id prefix ("hy"). */
  prefix: string;
  /** The number to give a row that prints none. */
  fallbackNumber: number;
  /** The number of the row above, if any: a row printing the same or a lower one is renumbered after it. */
  previousNumber?: number;
  section: string;
  hasAttributeColumn: boolean;
  /** A measure the header states for the target column ("2021-2025年累计"). */
  headerMeasure?: Measure;
}

/** Reads one row's cells into an indicator and the flags of what it guessed. */
export function parseRow(input: RowInput, ctx: RowContext): { indicator: Indicator; flags: PasteFlag[] } {
  const flags: PasteFlag[] = [];
  // Number: its own column, or a prefix of the name ("1.残疾人…").
  let name = input.name.trim();
  let numberText = norm(input.number).replace(/[.、．]$/, "");
  if (numberText === "") {
    const m = /^([0-9０-９]{1,3})\s*[.、．]\s*/.exec(name);
    if (m) {
      numberText = norm(m[1]!);
      name = name.slice(m[0].length).trim();
    }
  }
  let printedNumber = /^\d+$/.test(numberText) ? Number(numberText) : Number.NaN;
  if (!Number.isInteger(printedNumber) || printedNumber <= 0) {
    printedNumber = ctx.fallbackNumber;
    flags.push(flag("number", "number-missing", { number: printedNumber }));
  } else if (ctx.previousNumber !== undefined && printedNumber <= ctx.previousNumber) {
    // Numbered again in each group ("1." under every section): one plan cannot print a number twice.
    const printed = numberText;
    printedNumber = ctx.previousNumber + 1;
    flags.push(flag("number", "number-restarted", { printed, number: printedNumber }));
  }
  const closed = closeCjkGaps(name);
  if (closed !== name) {
    flags.push(flag("name", "name-spaces"));
    name = closed;
  }

  // Unit: the unit column, the name's parentheses, then the value cells; else guessed from the name.
  let unit: UnitReading | null = input.unit.trim() === "" ? null : readUnit(input.unit);
  const inName = unitInName(name);
  if (!unit && inName) unit = inName.unit;
  if (!unit) unit = unitInCell(input.target) ?? unitInCell(input.baseline);
  let unitPrinted = unit !== null;
  let kind: Unit;
  if (unit) {
    kind = unit.unit;
    if (kind === "percent" && isGrowth(name) && !isRate(name.replace(/增长率/, ""))) kind = "growth-rate";
  } else if (isGrowth(name)) {
    kind = "growth-rate";
    flags.push(flag("unit", "unit-guessed", UNIT_WORDS["growth-rate"]));
  } else if (isRate(name)) {
    kind = "percent";
    flags.push(flag("unit", "unit-guessed", UNIT_WORDS.percent));
  } else {
    kind = "count";
    unitPrinted = false;
    flags.push(flag("unit", "unit-unknown"));
  }
  // Each value cell in its own magnitude ("4万以上" in a row of 人): the target's sets the row's scale.
  const targetUnit = cellUnit(input.target, unit);
  const baselineUnit = cellUnit(input.baseline, unit);
  const unsupported = [targetUnit, baselineUnit].find((u) => u?.factor);
  if (unsupported) flags.push(flag("unit", "scale-unsupported", { scale: unsupported.printed }));

  const baseline = readBaseline(input.baseline, ctx.baselineYear, baselineUnit, flags);
  const t = readTarget(input.target, ctx, targetUnit, flags);
  const attribute = readAttribute(input.attribute, ctx.hasAttributeColumn, flags);

  // Measure: a rate or growth is a level; a count says per year or in total, or is left for the person.
  let measure: Measure = "level";
  // A per-capita or per-hundred-households figure (人均收入, 百户…拥有量) is a level, never a flow.
  const perHead = /人均|每百|百户|拥有量/.test(name);
  if (kind !== "percent" && kind !== "growth-rate" && t.target.kind !== "in-step-with" && !perHead) {
    const said = measureWords(`${name} ${input.target}`) ?? ctx.headerMeasure ?? null;
    if (said) measure = said;
    else if (unit?.perYear) {
      measure = "level";
      flags.push(flag("measure", "measure-level"));
    } else if (baseline.qualifier === "exact" || baseline.qualifier === "greater-than") {
      measure = "level";
      flags.push(flag("measure", "measure-level"));
    } else {
      measure = "unstated";
      flags.push(flag("measure", "measure-unstated"));
    }
  }

  // Precision: the decimals the target prints (in its scaled unit); a text target takes one decimal for
  // a growth rate and the baseline's otherwise.
  let precision: number;
  if (t.decimals !== null) precision = t.decimals;
  else if (kind === "growth-rate") precision = 1;
  else {
    const b = baseline.qualifier === "exact" || baseline.qualifier === "greater-than" ? baseline.printed : "";
    const n = readNumber(norm(b));
    precision = n ? n.decimals : 0;
  }
  precision = Math.min(4, Math.max(0, precision));

  const g = glossaryOf(name);
  const nn = String(printedNumber).padStart(2, "0");
  const id = `${ctx.prefix}-t${nn}${g ? `-${g.slug}` : ""}`;
  let en: string;
  if (g) en = inName ? `${g.en} (${enUnit(inName.unit)})` : g.en;
  else {
    en = name;
    flags.push(flag("name", "name-en"));
  }

  const indicator: Indicator = {
    id,
    printedNumber,
    origin: "table",
    name: { zh: name, en },
    unit: kind,
    unitPrinted,
    attribute,
    measure,
    precision,
    baseline,
    target: t.target,
    source: { section: ctx.section },
  };
  if (kind === "count") indicator.unitLabel = unit?.label ?? { zh: "个", en: "items" };
  if (targetUnit?.scale) indicator.scale = targetUnit.scale;
  return { indicator, flags };
}

const EN_UNIT: Record<Unit, string> = {
  percent: "%",
  people: "people",
  attendances: "attendances",
  households: "households",
  yuan: "yuan",
  "growth-rate": "%",
  count: "count",
};

function enUnit(u: UnitReading): string {
  if (u.scale) return SCALES[u.scale].en;
  if (u.perYear) return "attendances a year";
  return EN_UNIT[u.unit];
}

// ── The table ──

/** "十二五" and the like, with the year each five-year plan ends. */
const FIVE_YEAR_PLANS = /十([一二三四五])五/;
const FIVE_YEAR_END: Record<string, number> = { 一: 2010, 二: 2015, 三: 2020, 四: 2025, 五: 2030 };

const SECTION =
  /^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[部分类篇])/;

/** Reads a pasted indicator table into a draft plan with the uncertain readings flagged. */
export function parsePastedTable(text: string, options: PasteOptions = {}): PasteResult {
  const { layout, rows, dropped } = tokenise(text);
  const problems: TableProblem[] = [];
  for (const d of dropped) problems.push(problem("cells-dropped", { line: d.line, printed: d.printed }));
  const header = findHeader(rows);
  let caption: string | null = null;
  let columns: ColumnRole[];
  let body: RawRow[];
  if (header) {
    columns = header.columns;
    const pre = rows.slice(0, header.index).map((r) => r.cells.join(" "));
    const capCells = [...pre, ...header.lead].filter((c) => c.trim() !== "");
    caption = capCells.length > 0 ? closeCaption(capCells[capCells.length - 1]!) : null;
    body = rows.slice(header.index + 1);
  } else {
    problems.push(problem("no-header"));
    const firstData = rows.find((r) => filled(r.cells) >= 2);
    columns = firstData ? guessColumns(firstData.cells) : [];
    body = rows.filter((r) => filled(r.cells) >= 2 || SECTION.test(r.cells.find((c) => c !== "") ?? ""));
  }
  if (!columns.includes("target")) problems.push(problem("no-target"));

  const facts: TableFacts = { caption };
  if (header?.years.baseline !== undefined) facts.baselineYear = header.years.baseline;
  if (header?.years.target !== undefined) facts.targetYear = header.years.target;
  else {
    // No year in the header: the caption (or a line above the header) may name the five-year plan.
    const above = header ? rows.slice(0, header.index).map((r) => r.cells.join(" ")) : [];
    const plan = FIVE_YEAR_PLANS.exec([...above, ...(header?.lead ?? []), caption ?? ""].join(" "));
    if (plan) facts.targetYear = FIVE_YEAR_END[plan[1]!]!;
  }
  const { baselineYear, targetYear, prefix, level } = planFrame(options, facts);
  if (facts.baselineYear === undefined && options.baselineYear === undefined) {
    problems.push(problem("years-guessed", { baselineYear }));
  }
  const section = options.source?.section ?? caption ?? "主要指标";

  const at = (cells: string[], role: ColumnRole): string => {
    const k = columns.indexOf(role);
    return k >= 0 && k < cells.length ? cells[k]! : "";
  };

  const out: PasteRow[] = [];
  let group: string | null = null;
  let fallback = 0;
  let previous: number | undefined;
  for (const r of body) {
    const cells = r.cells;
    const lone = cells.filter((c) => c !== "");
    // A section row: one cell ("一、社会保障") or a first cell that reads as a section and no values.
    if (lone.length <= 1 || (SECTION.test(lone[0]!) && lone.length < Math.min(3, columns.length))) {
      if (lone.length === 0 || (lone.length === 1 && /^\d{1,3}$/.test(norm(lone[0]!)))) continue;
      if (lone.length === 1 && /^\d{1,3}\s*[.、．]/.test(norm(lone[0]!))) {
        problems.push(problem("row-incomplete", { line: r.line, printed: lone[0]! }));
        continue;
      }
      group = lone.join(" ");
      continue;
    }
    // Rows may be shorter than the header when the number column is left blank: align from the right.
    const aligned =
      cells.length < columns.length && columns[0] === "number" && !/^\d{1,3}[.、．]?$/.test(norm(cells[0]!))
        ? ["", ...cells]
        : cells;
    const input: RowInput = {
      number: at(aligned, "number"),
      name: at(aligned, "name"),
      attribute: at(aligned, "attribute"),
      unit: at(aligned, "unit"),
      baseline: at(aligned, "baseline"),
      target: at(aligned, "target"),
    };
    if (input.name === "" && input.target === "") continue;
    fallback++;
    const n = Number(norm(input.number).replace(/[.、．]$/, ""));
    if (Number.isInteger(n) && n > 0) fallback = n;
    const ctx: RowContext = {
      baselineYear,
      targetYear,
      level,
      prefix,
      fallbackNumber: fallback,
      section,
      hasAttributeColumn: columns.includes("attribute"),
    };
    if (previous !== undefined) ctx.previousNumber = previous;
    if (header?.measure) ctx.headerMeasure = header.measure;
    const parsed = parseRow(input, ctx);
    fallback = parsed.indicator.printedNumber ?? fallback;
    previous = parsed.indicator.printedNumber ?? previous;
    out.push({
      line: r.line,
      cells,
      source: input,
      group,
      indicator: parsed.indicator,
      flags: parsed.flags,
      context: ctx,
    });
  }
  if (out.length === 0) problems.push(problem("no-rows"));
  dedupeIds(out);

  return {
    plan: buildPlan(out, options, facts),
    rows: out,
    layout,
    columns,
    header: header?.cells ?? [],
    caption,
    facts,
    problems,
  };
}

/** The years, ids and level a plan gets from the options and what its table prints. */
function planFrame(options: PasteOptions, facts: TableFacts) {
  const targetYear = options.targetYear ?? facts.targetYear ?? options.period?.to ?? 2025;
  const baselineYear = options.baselineYear ?? facts.baselineYear ?? targetYear - 5;
  const period = options.period ?? { from: targetYear - 4, to: targetYear };
  const id = options.id?.trim() || `pasted-${period.from}-${period.to}`;
  const prefix = options.indicatorPrefix ?? (id.replace(/-\d{4}-\d{4}$/, "") || "p");
  const level: Level = options.level ?? "county";
  return { baselineYear, targetYear, period, id, prefix, level };
}

/**
 * The draft plan of some rows under the given metadata: indicator ids take the plan's prefix, and every
 * baseline and target the plan's years (so changing the years or the id after reading changes them all).
 */
export function buildPlan(rows: readonly PasteRow[], options: PasteOptions, facts: TableFacts): Plan {
  const { baselineYear, targetYear, period, id, prefix, level } = planFrame(options, facts);
  const caption = facts.caption;
  const fill = (b: Partial<Bilingual> | undefined, zh: string, en: string): Bilingual => {
    const z = b?.zh?.trim() || b?.en?.trim() || zh;
    return { zh: z, en: b?.en?.trim() || (b?.zh?.trim() ? z : en) };
  };
  const title = fill(options.title, caption ?? "导入的规划", caption ?? "Imported plan");
  const src = options.source ?? {};
  const source: Plan["source"] = { title: src.title?.trim() || title.zh };
  const url = src.url?.trim();
  if (url) {
    source.url = url;
    source.retrieved = src.retrieved ?? new Date().toISOString().slice(0, 10);
  }
  if (src.file?.trim() || !url) source.file = src.file?.trim() || "pasted table";
  const section = src.section?.trim() || caption;
  if (section) source.section = section;

  const indicators = rows.map((r): Indicator => {
    const ind = structuredClone(r.indicator);
    const old = r.context.prefix;
    if (ind.id.startsWith(`${old}-`)) ind.id = `${prefix}${ind.id.slice(old.length)}`;
    ind.baseline.year = baselineYear;
    ind.target.year = targetYear;
    return ind;
  });
  return {
    schemaVersion: 1,
    id,
    title,
    region: fill(options.region, "未填写", "not given"),
    level,
    province: fill(options.province, "未填写", "not given"),
    issuer: fill(options.issuer, "未填写", "not given"),
    issued: options.issued ?? null,
    period,
    baselineYear,
    targetYear,
    source,
    evaluations: [],
    indicators,
  };
}

/** A person's change to a row: a cell as it should read, or a reading chosen outright. */
export interface RowEdit {
  cells?: Partial<RowInput>;
  unit?: Unit;
  measure?: Measure;
  attribute?: Attribute;
  nameEn?: string;
}

const FIELD_OF_EDIT: Record<Exclude<keyof RowEdit, "cells">, FlagField> = {
  unit: "unit",
  measure: "measure",
  attribute: "attribute",
  nameEn: "name",
};

/**
 * The row read again with its cells changed, then the readings the person chose laid over it. A
 * reading the person chose is no longer a guess: its flags go.
 */
export function reviseRow(row: PasteRow, edit: RowEdit): PasteRow {
  const source = { ...row.source, ...edit.cells };
  const { indicator, flags } = parseRow(source, row.context);
  let kept = flags;
  if (edit.unit !== undefined && edit.unit !== indicator.unit) {
    indicator.unit = edit.unit;
    if (edit.unit === "count" && !indicator.unitLabel) indicator.unitLabel = { zh: "个", en: "items" };
    if (edit.unit !== "count") delete indicator.unitLabel;
    if (edit.unit === "percent" || edit.unit === "growth-rate") indicator.measure = "level";
    if (indicator.scale !== undefined && SCALES[indicator.scale].unit !== edit.unit) delete indicator.scale;
  }
  if (edit.measure !== undefined) indicator.measure = edit.measure;
  if (edit.attribute !== undefined) indicator.attribute = edit.attribute;
  if (edit.nameEn?.trim()) indicator.name.en = edit.nameEn.trim();
  for (const key of Object.keys(FIELD_OF_EDIT) as (keyof typeof FIELD_OF_EDIT)[]) {
    if (edit[key] === undefined || (key === "nameEn" && !edit.nameEn?.trim())) continue;
    const field = FIELD_OF_EDIT[key];
    kept = kept.filter((f) => f.field !== field || (field === "name" && f.key !== "name-en"));
  }
  return { ...row, source, indicator, flags: kept };
}

function closeCaption(s: string): string {
  return s
    .replace(BOOKMARK, "")
    .replace(/\s{2,}/g, " ")
    .trim();
}

/** Two rows with the same glossary slug and number cannot share an id: the later ones get a suffix. */
function dedupeIds(rows: PasteRow[]): void {
  const seen = new Set<string>();
  for (const r of rows) {
    let id = r.indicator.id;
    let k = 2;
    while (seen.has(id)) id = `${r.indicator.id}-${k++}`;
    r.indicator.id = id;
    seen.add(id);
  }
}

// ── Validation issues back to rows ──

/** Where a plan validation issue belongs: an indicator row and its field, or the plan's metadata. */
export interface PlacedIssue {
  /** Index into the rows; null for the plan's own fields. */
  row: number | null;
  field: string;
  message: Bilingual;
}

/** Places every validation issue of a draft plan on its row and field (`indicators[3].target.value`). */
export function placeIssues(issues: readonly InputIssue[]): PlacedIssue[] {
  return issues.map((i) => {
    const m = /^indicators\[(\d+)\]\.?([A-Za-z]+)?/.exec(i.path);
    if (m) return { row: Number(m[1]), field: m[2] ?? "", message: i.message };
    return { row: null, field: i.path.split(/[.[]/)[0] ?? "", message: i.message };
  });
}
