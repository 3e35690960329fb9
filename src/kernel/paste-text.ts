import type { Bilingual, Lang } from "../../models/text.ts";
import { interpolate, type MessageParams } from "./i18n.ts";
import { IMPORT_TEXT } from "./import-text.ts";

/**
 * The words of "paste a plan's table", in both languages. Like the workshop's words they live beside the
 * main catalogue, so the import can grow without touching `i18n.ts`.
 */
export const PT = {
  ...IMPORT_TEXT,
  heading: { zh: "粘贴规划表格", en: "Paste a plan's table" },
  back: { zh: "返回规划列表", en: "Back to the plans" },
  textLabel: { zh: "指标表（从文件中复制后粘贴）", en: "Indicator table (copied from the document)" },
  textHint: {
    zh: "包括表头（序号、指标、属性、2020年、2025年……）。单元格之间可用制表符或两个以上空格分隔，也可每格一行、每行之间空一行。",
    en: "Include the header (序号, 指标, 属性, 2020年, 2025年…). Cells may be apart by tabs or two or more spaces, or one cell a line with a blank line between rows.",
  },
  read: { zh: "读取表格", en: "Read the table" },
  readResult: {
    zh: "读到 {rows} 行指标，其中 {flagged} 行有待确认的读法。",
    en: "{rows} indicator rows read; {flagged} have readings to confirm.",
  },
  readNothing: { zh: "没有读到任何指标行。", en: "No indicator rows were read." },
  tableProblems: { zh: "关于整张表", en: "About the whole table" },
  metaHeading: { zh: "规划信息", en: "About the plan" },
  planId: { zh: "规划 id（小写字母、数字和连字符）", en: "Plan id (lower-case letters, digits and hyphens)" },
  titleZh: { zh: "规划名称（中文）", en: "Title (Chinese)" },
  titleEn: { zh: "规划名称（英文，可不填）", en: "Title (English, optional)" },
  regionZh: { zh: "地区（中文）", en: "Region (Chinese)" },
  regionEn: { zh: "地区（英文，可不填）", en: "Region (English, optional)" },
  provinceZh: { zh: "所属省份（中文）", en: "Province (Chinese)" },
  issuerZh: { zh: "发布机关（中文）", en: "Issuer (Chinese)" },
  level: { zh: "行政级别", en: "Level" },
  baselineYear: { zh: "基期年份", en: "Baseline year" },
  targetYear: { zh: "目标年份", en: "Target year" },
  source: {
    zh: "来源（网址或文件名）",
    en: "Source (address or document name)",
  },
  reviewCaption: {
    zh: "逐行核对：左侧为粘贴的原文，右侧为读出的内容；标黄的读法需要确认",
    en: "Row by row: the pasted cells beside what was read; readings marked in yellow need confirming",
  },
  colNumber: { zh: "序号", en: "No." },
  colSource: { zh: "原文单元格", en: "Source cells" },
  colName: { zh: "指标", en: "Indicator" },
  colAttribute: { zh: "属性", en: "Attribute" },
  colUnit: { zh: "单位", en: "Unit" },
  colMeasure: { zh: "计量方式", en: "Measure" },
  colBaseline: { zh: "基期", en: "Baseline" },
  colTarget: { zh: "目标", en: "Target" },
  colConfirm: { zh: "待确认", en: "To confirm" },
  nameEn: { zh: "英文名称", en: "English name" },
  baselineCell: { zh: "第 {n} 行基期（原文）", en: "Row {n} baseline (as printed)" },
  targetCell: { zh: "第 {n} 行目标（原文）", en: "Row {n} target (as printed)" },
  attributeOf: { zh: "第 {n} 行属性", en: "Row {n} attribute" },
  unitOf: { zh: "第 {n} 行单位", en: "Row {n} unit" },
  measureOf: { zh: "第 {n} 行计量方式", en: "Row {n} measure" },
  nameEnOf: { zh: "第 {n} 行英文名称", en: "Row {n} English name" },
  confirm: { zh: "已核对第 {n} 行", en: "Row {n} checked" },
  nothingToConfirm: { zh: "无", en: "nothing" },
  group: { zh: "分组：{group}", en: "Group: {group}" },
  create: { zh: "创建规划", en: "Create plan" },
  createWaiting: {
    zh: "还有 {count} 行待确认：逐行核对后勾选“已核对”。",
    en: "{count} rows still to confirm: check each and tick it.",
  },
  createReady: { zh: "所有读法都已确认。", en: "Every reading is confirmed." },
  invalidHeading: { zh: "规划还不能创建", en: "The plan cannot be created yet" },
  invalidRow: { zh: "第 {n} 行 · {field}：{message}", en: "Row {n} · {field}: {message}" },
  invalidRows: { zh: "第 {n} 行 · {field}：{message}", en: "Rows {n} · {field}: {message}" },
  invalidPlan: { zh: "规划信息 · {field}：{message}", en: "About the plan · {field}: {message}" },
  idTaken: {
    zh: "规划 id “{plan}” 已被使用（另一个规划的基准情景 “{id}” 已存在）：请换一个规划 id",
    en: 'the plan id "{plan}" is already in use (another plan\'s baseline scenario "{id}" exists): choose another plan id',
  },
  created: { zh: "已创建并保存：{plan}", en: "Created and saved: {plan}" },
  loading: { zh: "正在载入…", en: "Loading…" },
} as const satisfies Record<string, Bilingual>;

export type PtKey = keyof typeof PT;

/** A message of the paste import in `lang`, with `{name}` placeholders filled. */
export function pt(lang: Lang, key: PtKey, params?: MessageParams): string {
  const m = PT[key];
  return interpolate(lang === "zh-CN" ? m.zh : m.en, params);
}

/** Words for the values a reading can take, in both languages. */
export const WORDS = {
  attribute: {
    binding: { zh: "约束性", en: "binding" },
    expected: { zh: "预期性", en: "expected" },
    unspecified: { zh: "未注明", en: "not stated" },
  },
  unit: {
    percent: { zh: "百分比", en: "percent" },
    "growth-rate": { zh: "增长率", en: "growth rate" },
    people: { zh: "人", en: "people" },
    attendances: { zh: "人次", en: "attendances" },
    households: { zh: "户", en: "households" },
    yuan: { zh: "元", en: "yuan" },
    count: { zh: "个数", en: "count" },
  },
  measure: {
    level: { zh: "目标年份当年", en: "in the target year" },
    annual: { zh: "每年", en: "every year" },
    cumulative: { zh: "规划期累计", en: "over the period" },
    unstated: { zh: "未说明（可切换）", en: "unstated (a switch)" },
  },
  level: {
    national: { zh: "全国", en: "national" },
    province: { zh: "省级", en: "province" },
    city: { zh: "市级", en: "city" },
    county: { zh: "县级", en: "county" },
    district: { zh: "区级", en: "district" },
  },
  field: {
    number: { zh: "序号", en: "number" },
    printedNumber: { zh: "序号", en: "number" },
    id: { zh: "id", en: "id" },
    name: { zh: "名称", en: "name" },
    unit: { zh: "单位", en: "unit" },
    unitLabel: { zh: "计数对象", en: "what is counted" },
    attribute: { zh: "属性", en: "attribute" },
    measure: { zh: "计量方式", en: "measure" },
    scale: { zh: "量级", en: "scale" },
    precision: { zh: "精度", en: "precision" },
    baseline: { zh: "基期", en: "baseline" },
    target: { zh: "目标", en: "target" },
    title: { zh: "规划名称", en: "title" },
    region: { zh: "地区", en: "region" },
    province: { zh: "省份", en: "province" },
    issuer: { zh: "发布机关", en: "issuer" },
    period: { zh: "规划期", en: "period" },
    baselineYear: { zh: "基期年份", en: "baseline year" },
    targetYear: { zh: "目标年份", en: "target year" },
    source: { zh: "来源", en: "source" },
  },
} as const;

/** A word of a group in `lang`, or the key itself when the group has no word for it. */
export function word(lang: Lang, group: keyof typeof WORDS, key: string): string {
  const g = WORDS[group] as Record<string, Bilingual>;
  const w = g[key];
  return w ? (lang === "zh-CN" ? w.zh : w.en) : key;
}
