import type { Bilingual, Lang } from "../../models/text.ts";
import { interpolate, type MessageParams } from "./i18n.ts";

/**
 * The words of workshop mode, in both languages. They live beside the main catalogue rather than in it
 * so the workshop can grow without touching `i18n.ts`; each entry is a {@link Bilingual} read with the
 * current language from `useI18n()`, and `{name}` placeholders are filled as the catalogue fills them.
 */
export const WS = {
  entryHeading: { zh: "培训模式", en: "Workshop mode" },
  entryIntro: {
    zh: "供培训讲师在投影上使用：大字号、预设的教学情景、逐步展示的一组调整，可随时重置。",
    en: "For trainers on a projector: big type, preset teaching scenarios, and a prepared sequence of changes revealed one step at a time, with a reset.",
  },
  entryButton: { zh: "培训模式：{plan}", en: "Workshop mode: {plan}" },
  eyebrow: { zh: "培训模式", en: "Workshop mode" },
  documentTitle: { zh: "培训模式：{plan} — Reachable · 可达", en: "Workshop: {plan} — Reachable · 可达" },
  leave: { zh: "退出培训模式", en: "Leave workshop mode" },
  loading: { zh: "正在载入培训模式…", en: "Loading workshop mode…" },
  noSequence: {
    zh: "这份规划还没有准备好的步骤，可以使用下面的预设情景。",
    en: "This plan has no prepared sequence yet; use the preset scenarios below.",
  },
  sequenceIssues: {
    zh: "准备好的步骤文件有问题，已跳过；预设情景仍可使用。",
    en: "The prepared sequence has problems and was skipped; the preset scenarios still work.",
  },
  presetsLabel: { zh: "预设情景（点击即载入）", en: "Preset scenarios (one click loads one)" },
  baselineTag: { zh: "基准", en: "baseline" },
  reset: { zh: "重置", en: "Reset" },
  resetDescription: {
    zh: "丢弃现场调整，准确恢复“{name}”",
    en: "Drop the changes made here and restore “{name}” exactly",
  },
  resetDone: { zh: "已准确恢复：{name}。", en: "Restored exactly: {name}." },
  presetShown: { zh: "正在展示预设情景：{name}。", en: "Showing the preset scenario: {name}." },
  presetAnnounce: {
    zh: "预设情景：{name}。{changes}",
    en: "Preset scenario: {name}. {changes}",
  },
  backToSequence: { zh: "回到第 {n} 步", en: "Back to step {n}" },
  stepCounter: { zh: "第 {n} 步，共 {total} 步", en: "Step {n} of {total}" },
  previous: { zh: "上一步", en: "Previous" },
  next: { zh: "下一步", en: "Next" },
  stepNav: { zh: "步骤", en: "Steps" },
  keysHint: {
    zh: "快捷键：→ 下一步，← 上一步（光标在输入框中时不起作用）。",
    en: "Keys: → next step, ← previous step (not while typing in a field).",
  },
  stepAnnounce: {
    zh: "第 {n} 步，共 {total} 步：{title}。{changes}",
    en: "Step {n} of {total}: {title}. {changes}",
  },
  changedList: { zh: "判定变化：{list}。", en: "Verdicts changed: {list}." },
  noneChanged: { zh: "重点目标的判定没有变化。", en: "No verdict of the key targets changed." },
  cardsHeading: { zh: "重点目标", en: "Key targets" },
  target: { zh: "目标：", en: "Target:" },
  baselineTarget: { zh: "基期 → 目标：", en: "Baseline → target:" },
  before: { zh: "之前", en: "Before" },
  now: { zh: "现在", en: "Now" },
  beforeStep: { zh: "第 {n} 步", en: "step {n}" },
  beforeBaseline: { zh: "基准情景", en: "the baseline" },
  beforeLive: { zh: "现场调整前", en: "before your changes" },
  firstStep: {
    zh: "第一步：之前没有可比较的状态。",
    en: "First step: there is nothing before it to compare.",
  },
  projected: { zh: "{year}年推算", en: "Projected {year}" },
  probability: { zh: "达标概率", en: "Probability" },
  status: { zh: "状态", en: "Status" },
  better: { zh: "好转", en: "better" },
  worse: { zh: "变差", en: "worse" },
  same: { zh: "判定不变", en: "verdict unchanged" },
  verdictChange: { zh: "{from} → {to}", en: "{from} → {to}" },
  probabilityChange: {
    zh: "概率 {from} → {to}（{delta} 个百分点）",
    en: "probability {from} → {to} ({delta} points)",
  },
  valueChange: { zh: "推算值变化 {delta}", en: "projection {delta}" },
  mcPending: {
    zh: "正在根据 {samples} 个样本计算概率…",
    en: "Computing probabilities from {samples} samples…",
  },
  mcDone: {
    zh: "概率来自 {samples} 个蒙特卡洛样本（随机种子 {seed}）。判定来自确定性推算。",
    en: "Probabilities from {samples} Monte Carlo samples (seed {seed}). Verdicts from the deterministic projection.",
  },
  mcError: { zh: "无法计算概率：{message}", en: "The probabilities could not be computed: {message}" },
  runError: { zh: "无法推算：{message}", en: "The projection could not be computed: {message}" },
  chartHeading: { zh: "推算轨迹", en: "Trajectory" },
  chartIndicator: { zh: "图中显示的指标", en: "Indicator in the chart" },
  chartLabel: {
    zh: "{name}：{series}，{from}–{to}年的推算值。",
    en: "{name}: projection {from} to {to}, {series}.",
  },
  chartAnd: { zh: "与", en: " and " },
  chartTable: { zh: "以表格查看数据", en: "Show the data as a table" },
  chartYear: { zh: "年份", en: "Year" },
  chartTarget: { zh: "虚线为目标值 {target}。", en: "The dashed line is the target, {target}." },
  liveHeading: { zh: "现场调整一个假设", en: "Try a change to one assumption" },
  liveAssumption: { zh: "假设", en: "Assumption" },
  liveValue: { zh: "新取值（{min}–{max}）", en: "New value ({min}–{max})" },
  liveApply: { zh: "应用", en: "Apply" },
  liveSlider: { zh: "拖动调整：{label}", en: "Slide to change: {label}" },
  liveStepLever: { zh: "本步骤调整的假设", en: "the lever this step moves" },
  liveApplied: { zh: "已把“{label}”设为 {value}。", en: "“{label}” set to {value}." },
  liveCount: {
    zh: "现场调整：{count} 项（“重置”可撤销）",
    en: "Changes made here: {count} (Reset drops them)",
  },
  liveNotANumber: {
    zh: "请输入一个数字，例如 {example}。",
    en: "Enter a number, for example {example}.",
  },
  liveHint: {
    zh: "只列出能影响重点目标的假设。调整后“之前”一栏显示调整前的结果。",
    en: "Only assumptions that move the key targets are listed. After a change, “Before” shows the result without it.",
  },
} as const satisfies Record<string, Bilingual>;

export type WsKey = keyof typeof WS;

/** A workshop message in `lang`, with `{name}` placeholders filled. */
export function wt(lang: Lang, key: WsKey, params?: MessageParams): string {
  const m = WS[key];
  return interpolate(lang === "zh-CN" ? m.zh : m.en, params);
}
