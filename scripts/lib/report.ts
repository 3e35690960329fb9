import type { Basis } from "../../models/basis.ts";
import type { Evaluation } from "../../models/engine.ts";
import { displayDecimals, type Pace } from "../../models/feasibility.ts";
import { QUANTILES } from "../../models/monte-carlo.ts";
import type { Indicator, Plan } from "../../models/plan.ts";
import type { Lang } from "../../models/text.ts";

/** One indicator's verdict as the CLI's JSON carries it. */
export interface IndicatorRecord {
  id: string;
  printedNumber: number | null;
  name: { zh: string; en: string };
  attribute: string;
  /** The baseline as printed; null where the source has none (`not-in-source`). */
  baseline: string | null;
  target: string;
  targetYear: number;
  /**
   * The judged value at the judging precision: the target-year value, an annual target's worst year
   * (`judgedYear`), or an "in step" target's growth gap. The same number the browser shows.
   */
  projected: number;
  judgedYear: number;
  /** `median`: the Monte Carlo median sample (with --samples); `deterministic`: one run at the medians. */
  verdictFrom: "median" | "deterministic";
  met: boolean;
  margin: number;
  /** What the projection rests on: `published`, `trend`, `estimate` or `plan` (the plan's own pace). */
  basis: Basis;
  /** The assumptions that move it, largest first. */
  drivers: { assumption: string; kind: string }[];
  probability: number | null;
  status: string | null;
  p05: number | null;
  p50: number | null;
  p95: number | null;
  pace: {
    kind: Pace["kind"];
    fromYear: number;
    fromValue: number;
    required: number | null;
    projected: number | null;
    ratio: number | null;
  };
  years: number[];
  projection: number[];
}

export interface PlanRecord {
  file: string;
  planId: string;
  scenarioId: string;
  samples: number;
  seed: number;
  sampling: string;
  indicators: IndicatorRecord[];
}

/** 10 significant digits, and no negative zero. */
const r6 = (x: number) => Number(x.toPrecision(10)) + 0;

/** The JSON record of an evaluation: stable field order, numbers to 10 significant digits. */
export function toRecord(file: string, scenarioId: string, plan: Plan, ev: Evaluation): PlanRecord {
  const byId = new Map(plan.indicators.map((i) => [i.id, i]));
  return {
    file,
    planId: plan.id,
    scenarioId,
    samples: ev.samples,
    seed: ev.seed,
    sampling: ev.sampling,
    indicators: ev.indicators.map((r) => {
      const ind = byId.get(r.id)!;
      const T = ind.target.year - ev.years[0]!;
      const q = (level: number) =>
        r.quantiles ? r6(r.quantiles[QUANTILES.indexOf(level as never)]![T]!) : null;
      return {
        id: r.id,
        printedNumber: r.printedNumber,
        name: ind.name,
        attribute: ind.attribute,
        baseline: ind.baseline.printed ?? null,
        target: ind.target.printed,
        targetYear: ind.target.year,
        projected: r6(r.judgement.value),
        judgedYear: r.judgedYear,
        verdictFrom: r.verdictFrom,
        met: r.judgement.met,
        margin: r6(r.judgement.margin),
        basis: r.basis,
        drivers: r.drivers.map((d) => ({ assumption: d.assumptionId, kind: d.kind })),
        probability: r.probability === null ? null : r6(r.probability),
        status: r.status,
        p05: q(0.05),
        p50: q(0.5),
        p95: q(0.95),
        pace: {
          kind: r.pace.kind,
          fromYear: r.pace.fromYear,
          fromValue: r6(r.pace.fromValue),
          required: r.pace.required === null ? null : r6(r.pace.required),
          projected: r.pace.projected === null ? null : r6(r.pace.projected),
          ratio: r.pace.ratio === null ? null : r6(r.pace.ratio),
        },
        years: Array.from(ev.years),
        projection: Array.from(r.projection, r6),
      };
    }),
  };
}

/** Display width: CJK and full-width characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}
function pad(s: string, w: number, right = false): string {
  const fill = " ".repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}
function clip(s: string, w: number): string {
  if (width(s) <= w) return s;
  let out = "";
  for (const ch of s) {
    if (width(`${out + ch}…`) > w) break;
    out += ch;
  }
  return `${out}…`;
}

const T = {
  "zh-CN": {
    head: ["序号", "指标", "属性", "基期", "目标", "预测值", "差距", "概率", "状态", "所需/预测步伐", "依据"],
    basis: { published: "公布数据", trend: "观测趋势", estimate: "估计", plan: "规划自身进度" } as Record<
      string,
      string
    >,
    binding: "约束性",
    expected: "预期性",
    unspecified: "正文",
    met: "达标",
    missed: "未达标",
    status: { "on-track": "正常", "at-risk": "有风险", "off-track": "偏离" } as Record<string, string>,
    pace: { points: "个百分点/年", compound: "%/年", "per-year": "/年", growth: "%增速" } as Record<
      string,
      string
    >,
    samples: (n: number, seed: number, s: string) =>
      `蒙特卡洛 ${n} 次，种子 ${seed}，抽样 ${s === "lhs" ? "拉丁超立方" : "随机"}`,
    planNote: "依据为“规划自身进度”的行：推演假定按规划自身要求的进度推进（并非证据），达标概率以此为前提。",
    inStepNote: "“同步”目标：残疾人家庭收入增速不低于生产总值增速即为达标，结论取决于两者增速差距的假设。",
    verdictNote: (median: boolean) =>
      median ? "判定依据：抽样中位数（达标 ⇔ 概率 ≥ 50%）。" : "判定依据：所有假设取中位数的单次推演。",
  },
  en: {
    head: [
      "No.",
      "Indicator",
      "Attr.",
      "Base",
      "Target",
      "Projected",
      "Margin",
      "P(met)",
      "Status",
      "Pace req./proj.",
      "Basis",
    ],
    basis: { published: "published", trend: "trend", estimate: "estimate", plan: "plan's pace" } as Record<
      string,
      string
    >,
    binding: "binding",
    expected: "expected",
    unspecified: "text",
    met: "met",
    missed: "missed",
    status: { "on-track": "on track", "at-risk": "at risk", "off-track": "off track" } as Record<
      string,
      string
    >,
    pace: { points: " pts/yr", compound: "%/yr", "per-year": "/yr", growth: "% growth" } as Record<
      string,
      string
    >,
    samples: (n: number, seed: number, s: string) =>
      `Monte Carlo ${n} samples, seed ${seed}, ${s === "lhs" ? "Latin hypercube" : "random"} sampling`,
    planNote:
      "Basis \"plan's pace\": the projection assumes the plan's own pace (not evidence); its probability is conditional on it.",
    inStepNote:
      '"In step" targets are met when disabled households\' income grows at least as fast as GDP; the verdict depends on the assumed gap.',
    verdictNote: (median: boolean) =>
      median
        ? "Verdicts are the median sample's (met ⇔ probability ≥ 50%)."
        : "Verdicts come from one run with every assumption at its median.",
  },
} as const;

/** A number at `digits` decimals; a value that rounds to zero prints as 0, never "-0.00". */
function fmt(x: number | null, digits: number): string {
  if (x === null || !Number.isFinite(x)) return "—";
  const r = Number(x.toFixed(digits)) + 0;
  return r.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The judged value at the precision it was judged at (so it never reads as met against a higher target). */
function valueText(ind: Indicator, x: number): string {
  const digits =
    ind.target.kind === "in-step-with" ? Math.max(displayDecimals(ind), 1) : displayDecimals(ind);
  return fmt(x, digits) + (ind.unit === "percent" ? "%" : "");
}

/** A readable table of one plan's verdicts in the chosen language. */
export function renderTable(rec: PlanRecord, plan: Plan, lang: Lang): string {
  const t = T[lang];
  const byId = new Map(plan.indicators.map((i) => [i.id, i]));
  const rows = rec.indicators.map((r) => {
    const ind = byId.get(r.id)!;
    const attr =
      ind.attribute === "binding" ? t.binding : ind.attribute === "expected" ? t.expected : t.unspecified;
    const paceDigits = r.pace.kind === "per-year" ? 0 : 2;
    return [
      r.printedNumber === null ? "—" : String(r.printedNumber),
      clip(lang === "zh-CN" ? ind.name.zh : ind.name.en, 30),
      attr,
      clip(r.baseline ?? (lang === "zh-CN" ? "（无）" : "(none)"), 8),
      clip(r.target, 12),
      `${valueText(ind, r.projected)} ${r.met ? t.met : t.missed}`,
      fmt(
        r.margin,
        ind.target.kind === "in-step-with" ? Math.max(displayDecimals(ind), 1) : displayDecimals(ind),
      ),
      r.probability === null ? "—" : `${fmt(r.probability, 1)}%`,
      r.status ? t.status[r.status]! : "—",
      `${fmt(r.pace.required, paceDigits)} / ${fmt(r.pace.projected, paceDigits)}${t.pace[r.pace.kind]}`,
      t.basis[r.basis]!,
    ];
  });
  const widths = t.head.map((h, c) => Math.max(width(h), ...rows.map((row) => width(row[c]!))));
  const right = new Set([0, 5, 6, 7, 9]);
  const line = (cells: readonly string[]) => cells.map((c, i) => pad(c, widths[i]!, right.has(i))).join("  ");
  const title = lang === "zh-CN" ? plan.title.zh : `${plan.title.en} (${plan.title.zh})`;
  return [
    title,
    `${rec.scenarioId} · ${rec.file} · ${t.samples(rec.samples, rec.seed, rec.sampling)}`,
    "",
    line(t.head),
    line(widths.map((w) => "─".repeat(w))),
    ...rows.map(line),
    "",
    t.verdictNote(rec.samples > 0),
    ...(rec.indicators.some((r) => r.basis === "plan") ? [t.planNote] : []),
    ...(plan.indicators.some((i) => i.target.kind === "in-step-with") ? [t.inStepNote] : []),
    "",
  ].join("\n");
}
