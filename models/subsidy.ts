import { type ModelSpec, type Series, spanLength, type YearSpan } from "./model.ts";

/**
 * Subsidy budget: one of the two subsidies for disabled people (困难残疾人生活补贴, the living subsidy, or
 * 重度残疾人护理补贴, the nursing subsidy). The same model runs once for each.
 *
 * The eligible population moves with a driver series from the population model; the standard (yuan a
 * month per recipient) is indexed every year; the budget grows at a chosen rate from the amount that
 * exactly funds the printed baseline coverage. Each year the people who claim are funded as far as the
 * budget reaches, and the rest is the gap.
 */

const PARAMS = [
  "eligible0",
  "coverage0",
  "standard0",
  "standardIndex",
  "takeUp",
  "budgetGrowth",
  "wideningYear",
  "wideningShare",
] as const;
const INPUTS = ["driver"] as const;
const OUTPUTS = ["eligible", "recipients", "standard", "budget", "costNeeded", "gap", "coverage"] as const;

export type SubsidyParam = (typeof PARAMS)[number];
export type SubsidyInput = (typeof INPUTS)[number];
export type SubsidyOutput = (typeof OUTPUTS)[number];

/**
 * The subsidy-budget model, `"subsidy"`.
 *
 * - input `driver`: the series the eligible population scales with (e.g. certified or severe disabled
 *   people); only its ratio to the start year matters. A start-year value of 0 or less cannot be
 *   scaled from, so the eligible population is then held at `eligible0`.
 * - outputs (index 0 = start year): `eligible` (people), `recipients` (people funded), `standard`
 *   (yuan a month), `budget` (yuan a year), `costNeeded` (yuan a year to fund every claimant), `gap`
 *   (yuan a year, never negative), `coverage` (recipients as a percent of eligible).
 *
 * The start year reproduces the plan's baseline exactly: `coverage[0] = coverage0` and the budget is
 * set to what funds it. Widening of eligibility adds `wideningShare` percent from `wideningYear` on;
 * a widening year at or before the start year is taken to be already inside `eligible0`, so it adds
 * nothing (0 therefore means "never").
 */
export const subsidyModel: ModelSpec<SubsidyParam, SubsidyInput, SubsidyOutput> = {
  name: "subsidy",
  params: [
    {
      name: "eligible0",
      unit: "people",
      min: 0,
      max: 10_000_000,
      doc: "People eligible in the start year (people); the eligible population scales from it with the driver.",
      docZh: "人：基期符合条件人数；此后随驱动序列按比例变化。",
    },
    {
      name: "coverage0",
      unit: "percent",
      min: 0,
      max: 100,
      doc: "Start-year coverage (percent of eligible receiving it): the plan's printed baseline; sets the budget.",
      docZh: "百分比：基期覆盖率（获补贴者占符合条件者）：规划印出的基期值；据此确定预算。",
    },
    {
      name: "standard0",
      unit: "yuan-per-month",
      min: 1,
      max: 5_000,
      doc: "Subsidy standard in the start year (yuan per month per recipient).",
      docZh: "元/月：基期每人补贴标准。",
    },
    {
      name: "standardIndex",
      unit: "percent-per-year",
      min: 0,
      max: 30,
      doc: "Yearly indexation of the standard (percent a year), e.g. following the minimum-living standard.",
      docZh: "百分比/年：补贴标准每年调整幅度，如随最低生活保障标准调整。",
    },
    {
      name: "takeUp",
      unit: "percent",
      min: 0,
      max: 100,
      doc: "Share of eligible people who claim when funded (percent); below coverage0 it pulls coverage down.",
      docZh: "百分比：有资金时符合条件者申领的比例；低于 coverage0 会拉低覆盖率。",
    },
    {
      name: "budgetGrowth",
      unit: "percent-per-year",
      min: -50,
      max: 50,
      doc: "Yearly growth of the subsidy budget (percent a year) from the amount that funds the baseline.",
      docZh: "百分比/年：补贴预算每年增长率，起点为恰好覆盖基期的金额。",
    },
    {
      name: "wideningYear",
      unit: "year",
      min: 0,
      max: 2100,
      doc: "Calendar year from which eligibility is widened (year); 0, or a year not after the start, adds nothing.",
      docZh: "年：扩大补贴范围的起始年份；0 或不晚于基期的年份表示不扩面。",
    },
    {
      name: "wideningShare",
      unit: "percent",
      min: 0,
      max: 200,
      doc: "Extra eligible people once widened (percent of the unwidened eligible count).",
      docZh: "百分比：扩面后新增符合条件人数（占未扩面人数的百分比）。",
    },
  ],
  inputs: INPUTS,
  outputs: OUTPUTS,

  createWorkspace(n: number): Record<SubsidyOutput, Series> {
    return {
      eligible: new Float64Array(n),
      recipients: new Float64Array(n),
      standard: new Float64Array(n),
      budget: new Float64Array(n),
      costNeeded: new Float64Array(n),
      gap: new Float64Array(n),
      coverage: new Float64Array(n),
    };
  },

  run(params, inputs, span: YearSpan, out): void {
    const { eligible0, coverage0, standard0, standardIndex, takeUp, budgetGrowth } = params;
    const { wideningYear, wideningShare } = params;
    const driver = inputs.driver;
    const n = spanLength(span);
    const d0 = driver[0]!;
    const standardFactor = 1 + standardIndex / 100;
    const budgetFactor = 1 + budgetGrowth / 100;
    const widened = 1 + wideningShare / 100;
    const claimShare = takeUp / 100;

    // Start year: observed, so it is written from the baseline rather than computed.
    const recipients0 = (coverage0 / 100) * eligible0;
    const budget0 = recipients0 * 12 * standard0;
    const claimants0 = claimShare * eligible0;
    const cost0 = claimants0 * 12 * standard0;
    out.eligible[0] = eligible0;
    out.recipients[0] = recipients0;
    out.standard[0] = standard0;
    out.budget[0] = budget0;
    out.costNeeded[0] = cost0;
    out.gap[0] = cost0 > budget0 ? cost0 - budget0 : 0;
    out.coverage[0] = coverage0;

    // Running products rather than Math.pow: cheaper, and monotone in the growth rates, which the
    // "more budget never lowers coverage" guarantee relies on.
    let standard = standard0;
    let budget = budget0;
    for (let t = 1; t < n; t++) {
      standard *= standardFactor;
      budget *= budgetFactor;
      const scale = d0 > 0 ? driver[t]! / d0 : 1;
      const wideningApplies = wideningYear > span.start && span.start + t >= wideningYear;
      const eligible = eligible0 * scale * (wideningApplies ? widened : 1);
      const claimants = claimShare * eligible;
      const yearly = 12 * standard;
      const funded = budget / yearly;
      const recipients = Math.min(claimants, funded);
      const costNeeded = claimants * yearly;
      out.eligible[t] = eligible;
      out.recipients[t] = recipients;
      out.standard[t] = standard;
      out.budget[t] = budget;
      out.costNeeded[t] = costNeeded;
      out.gap[t] = costNeeded > budget ? costNeeded - budget : 0;
      // No eligible people: nobody is left uncovered, but there is no rate to speak of; report 0.
      out.coverage[t] = eligible > 0 ? (recipients / eligible) * 100 : 0;
    }
  },
};
