import type { Bindings, Component, IndicatorBinding, ParamSource } from "./bindings.ts";
import { judgingPrecision } from "./feasibility.ts";
import type { ParamUnit } from "./model.ts";
import { type Indicator, type Plan, prefixOf } from "./plan.ts";
import { MODELS } from "./registry.ts";
import type { Assumption, ScenarioFile } from "./scenario.ts";
import type { Bilingual } from "./text.ts";
import { measureAssumptionId } from "./world.ts";

/**
 * The scaffold: bindings and a baseline scenario for a plan that has none, so a new plan evaluates at
 * once. Every indicator is bound to a model output that suits its unit and measure (a rate → a coverage
 * component of its own; a count per year or a level → a volume; a total of households over the period →
 * a retrofit pace; other totals → a volume's running total; "in step with" → income growth against the
 * named series), and every assumption is present, ranged and labelled: `plan` where it restates the
 * pace the plan itself requires, `estimate` for every placeholder. Nothing here is evidence: the person
 * replaces the defaults with published figures and observed trends.
 *
 * Exact printed baselines are read through `baselineOf`, so the start year reproduces them.
 */

export interface Scaffold {
  bindings: Bindings;
  scenario: ScenarioFile;
  /** The scenario's id and file stem: the plan id without its trailing period ("huyi-2021-2025" → "huyi"). */
  prefix: string;
}

/** "hy-t04-trained-people" → "hyT04TrainedPeople": a component id. */
export function componentIdOf(indicatorId: string): string {
  const parts = indicatorId.split("-");
  const id = parts.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join("");
  return /^[a-z]/.test(id) ? id : `i${id}`;
}

// Kept in plan.ts, which the first screen loads anyway: importing it from here would pull every model in.
export { prefixOf };

const round = (x: number, digits = 6) => Number(x.toFixed(digits));

/** The value a target asks for at the judging precision ("> 95" at integers → 96; a range → its middle). */
function aimOf(ind: Indicator, start: number | null): number | null {
  const t = ind.target;
  const step = 10 ** -judgingPrecision(ind);
  if (t.kind === "compare") {
    if (t.comparator === ">") return t.value + step;
    if (t.comparator === "<") return t.value - step;
    return t.value;
  }
  if (t.kind === "range") return (t.lo + t.hi) / 2;
  if (t.kind === "hold") return start;
  return null;
}

/** The printed starting value: exact or a bound's next step; null where the source prints none. */
function printedStart(ind: Indicator): number | null {
  const b = ind.baseline;
  if (b.qualifier === "exact") return b.value;
  if (b.qualifier === "greater-than") return b.value + 0.5 * 10 ** -judgingPrecision(ind);
  return null;
}

const atMost = (ind: Indicator) =>
  ind.target.kind === "compare" && (ind.target.comparator === "<=" || ind.target.comparator === "<");

interface Builder {
  assumptions: Record<string, Assumption>;
  components: Component[];
  indicators: Record<string, IndicatorBinding>;
}

/** The scaffold's markers in place of a source: they name no source, and say so in both languages. */
export const SCAFFOLD_SOURCE = {
  plan: { zh: "脚手架：规划自身的目标", en: "scaffold: the plan's own target" },
  estimate: { zh: "脚手架占位值", en: "scaffold placeholder" },
} as const;

const PLAN_NOTE = {
  zh: "按规划自身要求的进度设定，这不是证据：以此推算只是复述规划。请用公开数据或观测趋势替换。",
  en: "Set at the pace the plan itself requires, which is not evidence: a projection on it only restates the plan. Replace it with published figures or an observed trend.",
};

function estimateNote(why: Bilingual): Bilingual {
  return {
    zh: `脚手架生成的占位值，是估计：${why.zh} 请用公开数据或观测趋势替换。`,
    en: `A placeholder written by the scaffold, an estimate: ${why.en} Replace it with published figures or an observed trend.`,
  };
}

/** Adds an assumption for `<component>.<param>` with the model's unit, clamped into its hard range. */
function assume(
  b: Builder,
  comp: string,
  model: string,
  param: string,
  label: Bilingual,
  value: number,
  range: [number, number],
  kind: "plan" | "estimate",
  why: Bilingual,
): void {
  const spec = MODELS[model]!.params.find((p) => p.name === param)!;
  const v = round(Math.min(Math.max(value, spec.min), spec.max));
  let lo = round(Math.max(spec.min, Math.min(range[0], v)));
  let hi = round(Math.min(spec.max, Math.max(range[1], v)));
  if (!(lo < hi)) {
    lo = spec.min;
    hi = spec.max;
  }
  b.assumptions[`${comp}.${param}`] = {
    label,
    unit: spec.unit as ParamUnit,
    value: v,
    min: lo,
    max: hi,
    provenance:
      kind === "plan"
        ? {
            kind: "plan",
            source: { ...SCAFFOLD_SOURCE.plan },
            note: { zh: `${why.zh}${PLAN_NOTE.zh}`, en: `${why.en} ${PLAN_NOTE.en}` },
          }
        : { kind: "estimate", source: { ...SCAFFOLD_SOURCE.estimate }, note: estimateNote(why) },
  };
}

function label(ind: Indicator, zh: string, en: string): Bilingual {
  return { zh: `${ind.name.zh}：${zh}`, en: `${ind.name.en}: ${en}` };
}

/** Years from the start to the first year an annual target is judged in (at least 1). */
function firstJudged(plan: Plan): number {
  return Math.max(1, plan.period.from - plan.baselineYear);
}

function scaffoldRate(b: Builder, plan: Plan, ind: Indicator): void {
  const c = componentIdOf(ind.id);
  const T = plan.targetYear - plan.baselineYear;
  const params: Record<string, ParamSource> = { need0: { value: 100 } };
  const start = printedStart(ind);
  const aim0 = aimOf(ind, start);
  let rate0: number;
  if (ind.baseline.qualifier === "exact") {
    params.rate0 = { baselineOf: ind.id };
    rate0 = ind.baseline.value;
  } else {
    rate0 = start ?? Math.max(0, Math.min(100, (aim0 ?? 50) - 5));
    assume(
      b,
      c,
      "coverage",
      "rate0",
      label(ind, "起点覆盖率", "starting rate"),
      rate0,
      [0, 100],
      "estimate",
      start !== null
        ? {
            zh: `原文基期值只印作界限“${ind.baseline.printed}”，取其上方半个印刷单位。`,
            en: `the source prints the baseline only as the bound "${ind.baseline.printed}"; set half a printed step above it.`,
          }
        : {
            zh: "原文没有基期值，暂取目标值减 5 个百分点。",
            en: "the source prints no baseline; set 5 points below the target for now.",
          },
    );
  }
  const aim = Math.max(0, Math.min(100, aim0 ?? rate0));
  const years = ind.measure === "annual" ? firstJudged(plan) : T;
  if (atMost(ind) && aim < rate0) {
    const attrition = rate0 > 0 ? (1 - (aim / rate0) ** (1 / years)) * 100 : 0;
    assume(
      b,
      c,
      "coverage",
      "addPP",
      label(ind, "每年新增能力", "capacity added a year"),
      0,
      [0, 10],
      "estimate",
      {
        zh: "“不高于”目标，暂不新增能力。",
        en: 'an "at most" target: no capacity added for now.',
      },
    );
    assume(
      b,
      c,
      "coverage",
      "attrition",
      label(ind, "每年流失比例", "share lost a year"),
      attrition,
      [0, Math.max(20, 2 * attrition)],
      "plan",
      {
        zh: `每年下降 ${round(attrition, 3)}%，恰好在目标年份达到 ${aim}。`,
        en: `falls ${round(attrition, 3)}% a year, reaching exactly ${aim} in the target year.`,
      },
    );
  } else {
    const addPP = Math.max(0, (aim - rate0) / years);
    assume(
      b,
      c,
      "coverage",
      "addPP",
      label(ind, "每年新增能力（百分点）", "capacity added a year (points)"),
      addPP,
      [0, Math.max(5, 3 * addPP)],
      "plan",
      {
        zh: `每年提高 ${round(addPP, 4)} 个百分点，恰好在${ind.measure === "annual" ? "第一个考核年" : "目标年份"}达到 ${round(aim, 4)}。`,
        en: `rises ${round(addPP, 4)} points a year, reaching exactly ${round(aim, 4)} in the ${ind.measure === "annual" ? "first judged year" : "target year"}.`,
      },
    );
    assume(
      b,
      c,
      "coverage",
      "attrition",
      label(ind, "每年流失比例", "share lost a year"),
      0,
      [0, 20],
      "estimate",
      {
        zh: "暂设为没有流失。",
        en: "no loss for now.",
      },
    );
  }
  assume(
    b,
    c,
    "coverage",
    "ceiling",
    label(ind, "可达到的最高覆盖率", "highest reachable rate"),
    100,
    [Math.min(aim, rate0, 90), 100],
    "estimate",
    {
      zh: "暂设为 100%（无人拒绝服务）。",
      en: "100% for now (nobody declines the service).",
    },
  );
  b.components.push({
    id: c,
    model: "coverage",
    label: { zh: ind.name.zh, en: ind.name.en },
    inputs: { driver: "constant" },
    params,
  });
  b.indicators[ind.id] = { output: `${c}.rate` };
}

function scaffoldGrowth(b: Builder, ind: Indicator): void {
  const t = ind.target;
  if (t.kind === "in-step-with") {
    const c = componentIdOf(`income-${t.series}`);
    if (!b.components.some((x) => x.id === c)) {
      assume(
        b,
        c,
        "income",
        "gdpGrowth",
        { zh: `${t.seriesName.zh}年均增速`, en: `${t.seriesName.en}: average growth` },
        5,
        [0, 10],
        "estimate",
        {
          zh: `${t.seriesName.zh}的增速，暂取 5%/年。`,
          en: `growth of ${t.seriesName.en}, 5% a year for now.`,
        },
      );
      assume(
        b,
        c,
        "income",
        "gapPP",
        { zh: "残疾人家庭收入增速与之相差", en: "income growth above (+) or below (−) it" },
        0,
        [-3, 3],
        "plan",
        {
          zh: "差为 0，即恰好“同步”。",
          en: 'a gap of 0: exactly "in step".',
        },
      );
      assume(
        b,
        c,
        "income",
        "catchUp",
        { zh: "差距每年的变化", en: "yearly change of that gap" },
        0,
        [-0.5, 0.5],
        "estimate",
        {
          zh: "暂设差距不变。",
          en: "the gap held for now.",
        },
      );
      b.components.push({
        id: c,
        model: "income",
        label: { zh: `收入增长与${t.seriesName.zh}`, en: `Income growth against ${t.seriesName.en}` },
      });
    }
    b.indicators[ind.id] = { output: `${c}.avgIncomeGrowth`, against: `${c}.avgGdpGrowth` };
    return;
  }
  const c = componentIdOf(ind.id);
  const aim = aimOf(ind, printedStart(ind)) ?? 5;
  const base = 5;
  assume(
    b,
    c,
    "income",
    "gdpGrowth",
    label(ind, "地区生产总值年均增速", "regional GDP growth"),
    base,
    [0, 10],
    "estimate",
    {
      zh: "暂取 5%/年。",
      en: "5% a year for now.",
    },
  );
  assume(
    b,
    c,
    "income",
    "gapPP",
    label(ind, "增速与生产总值增速之差", "growth above GDP growth"),
    aim - base,
    [Math.min(-3, aim - base), Math.max(3, aim - base)],
    "plan",
    {
      zh: `使年均增速恰为目标 ${round(aim, 4)}%。`,
      en: `so average growth is exactly the target ${round(aim, 4)}%.`,
    },
  );
  assume(
    b,
    c,
    "income",
    "catchUp",
    label(ind, "差距每年的变化", "yearly change of the gap"),
    0,
    [-0.5, 0.5],
    "estimate",
    {
      zh: "暂设差距不变。",
      en: "the gap held for now.",
    },
  );
  b.components.push({ id: c, model: "income", label: { zh: ind.name.zh, en: ind.name.en } });
  b.indicators[ind.id] = { output: `${c}.avgIncomeGrowth` };
}

function scaffoldRetrofit(b: Builder, plan: Plan, ind: Indicator): void {
  const c = componentIdOf(ind.id);
  const T = plan.targetYear - plan.baselineYear;
  const aim = aimOf(ind, printedStart(ind)) ?? 0;
  const perYear = aim / T;
  const cost = 10_000;
  const est = (zh: string, en: string) => ({ zh, en });
  assume(
    b,
    c,
    "retrofit",
    "eligible0",
    label(ind, "符合条件家庭", "eligible households"),
    2 * aim,
    [aim, 10 * aim + 1],
    "estimate",
    est(
      "暂取目标户数的两倍，使待改造户数不成为约束。",
      "twice the target for now, so the backlog does not bind.",
    ),
  );
  assume(
    b,
    c,
    "retrofit",
    "rate0",
    label(ind, "基期已改造比例", "share already retrofitted"),
    0,
    [0, 50],
    "estimate",
    est("暂设为 0。", "0 for now."),
  );
  assume(
    b,
    c,
    "retrofit",
    "inflowRate",
    label(ind, "每年新增符合条件家庭", "new eligible households a year"),
    0,
    [0, 10],
    "estimate",
    est("暂设为 0。", "0 for now."),
  );
  assume(
    b,
    c,
    "retrofit",
    "capacity1",
    label(ind, "第一年实施能力", "first-year capacity"),
    perYear,
    [0, 3 * perYear + 1],
    "plan",
    est(
      `每年 ${round(perYear, 2)} 户，${T} 年恰好完成目标。`,
      `${round(perYear, 2)} households a year, exactly the target over ${T} years.`,
    ),
  );
  assume(
    b,
    c,
    "retrofit",
    "capacityRamp",
    label(ind, "能力年增长", "capacity growth"),
    0,
    [-20, 20],
    "estimate",
    est("暂设为 0。", "0 for now."),
  );
  assume(
    b,
    c,
    "retrofit",
    "cost0",
    label(ind, "每户改造费用", "cost per household"),
    cost,
    [1_000, 50_000],
    "estimate",
    est("暂取每户 1 万元。", "10,000 yuan a household for now."),
  );
  assume(
    b,
    c,
    "retrofit",
    "costInflation",
    label(ind, "费用年变化", "cost change a year"),
    0,
    [-5, 10],
    "estimate",
    est("暂设为 0。", "0 for now."),
  );
  assume(
    b,
    c,
    "retrofit",
    "budget1",
    label(ind, "第一年改造预算", "first-year budget"),
    perYear * cost,
    [0, 3 * perYear * cost + 1],
    "plan",
    est("恰好支付按规划进度所需的户数。", "pays for exactly the households the plan's pace needs."),
  );
  assume(
    b,
    c,
    "retrofit",
    "budgetGrowth",
    label(ind, "预算年增长", "budget growth"),
    0,
    [-20, 20],
    "estimate",
    est("暂设为 0。", "0 for now."),
  );
  b.components.push({
    id: c,
    model: "retrofit",
    label: { zh: ind.name.zh, en: ind.name.en },
    inputs: { driver: "constant" },
  });
  b.indicators[ind.id] = { output: `${c}.cumulativeCompletions` };
}

function scaffoldVolume(b: Builder, plan: Plan, ind: Indicator): void {
  const c = componentIdOf(ind.id);
  const T = plan.targetYear - plan.baselineYear;
  const params: Record<string, ParamSource> = {};
  const start = printedStart(ind);
  const aim = Math.max(0, aimOf(ind, start) ?? start ?? 0);
  const measure = ind.measure;
  const exact = ind.baseline.qualifier === "exact";
  const L = label;
  if (measure === "cumulative") {
    const stock = exact ? start! : 0;
    if (exact) params.stock0 = { baselineOf: ind.id };
    else params.stock0 = { value: 0 };
    const perYear = Math.max(0, (aim - stock) / T);
    assume(
      b,
      c,
      "volume",
      "level0",
      L(ind, "每年数量", "count a year"),
      perYear,
      [0, 3 * perYear + 1],
      "plan",
      {
        zh: `每年 ${round(perYear, 2)}，${T} 年累计恰好达到目标。`,
        en: `${round(perYear, 2)} a year, exactly the target in total over ${T} years.`,
      },
    );
    assume(b, c, "volume", "growth", L(ind, "年增长", "growth a year"), 0, [-20, 20], "estimate", {
      zh: "暂设为 0。",
      en: "0 for now.",
    });
    b.components.push({ id: c, model: "volume", label: { zh: ind.name.zh, en: ind.name.en }, params });
    b.indicators[ind.id] = { output: `${c}.cumulative` };
    return;
  }
  params.stock0 = { value: 0 };
  const years = measure === "annual" || measure === "unstated" ? firstJudged(plan) : T;
  if (exact) {
    params.level0 = { baselineOf: ind.id };
  } else if (start !== null) {
    assume(
      b,
      c,
      "volume",
      "level0",
      L(ind, "基期数量", "start-year count"),
      start,
      [0, 3 * Math.max(start, aim) + 1],
      "estimate",
      {
        zh: `原文基期值只印作界限“${ind.baseline.printed}”，取其上方半个印刷单位。`,
        en: `the source prints the baseline only as the bound "${ind.baseline.printed}"; set half a printed step above it.`,
      },
    );
  } else {
    // No printed start: the yearly amount the plan asks for, held.
    assume(b, c, "volume", "level0", L(ind, "每年数量", "count a year"), aim, [0, 3 * aim + 1], "plan", {
      zh: "原文没有基期值；取规划要求的数量并保持。",
      en: "the source prints no baseline; set at the amount the plan asks for, held.",
    });
  }
  const from = start ?? aim;
  const growth =
    start === null || from <= 0
      ? 0
      : atMost(ind) || aim >= from
        ? ((aim / from) ** (1 / years) - 1) * 100
        : 0;
  assume(
    b,
    c,
    "volume",
    "growth",
    L(ind, "年增长", "growth a year"),
    growth,
    [Math.min(-20, growth), Math.max(20, 2 * growth)],
    start === null ? "estimate" : "plan",
    start === null
      ? { zh: "暂设为 0（保持规划要求的数量）。", en: "0 for now (the amount the plan asks for, held)." }
      : {
          zh: `每年 ${round(growth, 3)}%，恰好在${years === T ? "目标年份" : "第一个考核年"}达到 ${round(aim, 2)}。`,
          en: `${round(growth, 3)}% a year, reaching exactly ${round(aim, 2)} in the ${years === T ? "target year" : "first judged year"}.`,
        },
  );
  b.components.push({ id: c, model: "volume", label: { zh: ind.name.zh, en: ind.name.en }, params });
  if (measure === "unstated") {
    b.indicators[ind.id] = { output: `${c}.annual`, cumulativeOutput: `${c}.cumulative` };
    b.assumptions[measureAssumptionId(ind.id)] = {
      label: {
        zh: `${ind.name.zh}：口径（0 = 每年，1 = 规划期累计）`,
        en: `${ind.name.en}: measure (0 = every year, 1 = over the period)`,
      },
      unit: "switch",
      value: 0,
      min: 0,
      max: 1,
      step: 1,
      provenance: {
        kind: "estimate",
        source: { ...SCAFFOLD_SOURCE.estimate },
        note: estimateNote({
          zh: "原文未说明目标是每年的数量还是规划期累计；暂按要求更高的“每年”判定，可切换为 1（累计）。",
          en: "the source does not say whether the target is a yearly amount or a total over the period; judged for now by the more demanding reading, every year; switch to 1 for the total.",
        }),
      },
    };
  } else {
    b.indicators[ind.id] = { output: `${c}.annual` };
  }
}

/** Bindings and a baseline scenario for `plan`: every indicator bound, every assumption labelled. */
export function scaffoldPlan(plan: Plan): Scaffold {
  const b: Builder = { assumptions: {}, components: [], indicators: {} };
  for (const ind of plan.indicators) {
    if (ind.target.kind === "in-step-with" || ind.unit === "growth-rate") scaffoldGrowth(b, ind);
    else if (ind.unit === "percent") scaffoldRate(b, plan, ind);
    else if (ind.unit === "households" && ind.measure === "cumulative") scaffoldRetrofit(b, plan, ind);
    else scaffoldVolume(b, plan, ind);
  }
  const prefix = prefixOf(plan.id);
  const sortedAssumptions = Object.fromEntries(
    Object.entries(b.assumptions).sort(([x], [y]) => x.localeCompare(y)),
  );
  return {
    prefix,
    bindings: { schemaVersion: 1, planId: plan.id, components: b.components, indicators: b.indicators },
    scenario: {
      schemaVersion: 1,
      id: `${prefix}-baseline`,
      planId: plan.id,
      name: { zh: `${plan.region.zh}：基准情景（脚手架）`, en: `${plan.region.en}: baseline (scaffold)` },
      description: {
        zh: "由 npm run scaffold 生成：每个假设都是占位值，标为“规划”（复述规划自身的进度）或“估计”。请用公开数据和观测趋势逐一替换。",
        en: "Written by npm run scaffold: every assumption is a placeholder, labelled `plan` (restating the plan's own pace) or `estimate`. Replace them one by one with published figures and observed trends.",
      },
      assumptions: sortedAssumptions,
    },
  };
}
