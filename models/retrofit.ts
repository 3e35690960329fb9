import { type ModelSpec, type Series, spanLength, type YearSpan } from "./model.ts";

/**
 * Retrofit pace: home accessibility retrofits (家庭无障碍改造) for disabled people's households.
 *
 * Eligible households are a stock plus new households each year; each projected year completes the
 * least of what the delivery system can do (capacity), what the budget pays for (budget ÷ cost per
 * household) and what is left to do (backlog). Outputs feed two kinds of target: cumulative completions
 * over the plan period ("完成…2500户以上") and the retrofit rate ("≥95%").
 */

const PARAMS = [
  "eligible0",
  "rate0",
  "inflowRate",
  "capacity1",
  "capacityRamp",
  "cost0",
  "costInflation",
  "budget1",
  "budgetGrowth",
] as const;
const INPUTS = ["driver"] as const;
const OUTPUTS = [
  "eligible",
  "backlog",
  "capacity",
  "cost",
  "affordable",
  "completions",
  "cumulativeCompletions",
  "retrofitted",
  "rate",
  "spending",
] as const;

export type RetrofitParam = (typeof PARAMS)[number];
export type RetrofitInput = (typeof INPUTS)[number];
export type RetrofitOutput = (typeof OUTPUTS)[number];

/**
 * The retrofit-pace model, `"retrofit"`.
 *
 * - input `driver`: the series new eligible households scale with (e.g. severe certified disabled
 *   people); only its ratio to the start year matters. A start-year value of 0 or less cannot be
 *   scaled from, so the inflow is then held at `inflowRate` percent of `eligible0`.
 * - outputs (index 0 = start year): `eligible`, `backlog` (eligible not yet retrofitted at the start of
 *   the year), `capacity`, `affordable` (budget ÷ cost), `completions`, `cumulativeCompletions` (since
 *   the start year), `retrofitted` — all households (a year for the flows); `cost` (yuan per
 *   household); `rate` (percent of eligible retrofitted); `spending` (yuan a year).
 *
 * The start year is observed, not projected: `rate[0] = rate0` exactly, and its capacity, affordable,
 * completions and spending are 0 (the plan period's work begins in the first projected year).
 * `cumulativeCompletions[t]` is `retrofitted[t] − retrofitted[0]`, equal to the sum of completions up to
 * rounding; taking the difference keeps it exactly monotone in the budget.
 */
export const retrofitModel: ModelSpec<RetrofitParam, RetrofitInput, RetrofitOutput> = {
  name: "retrofit",
  params: [
    {
      name: "eligible0",
      unit: "households",
      min: 1,
      max: 10_000_000,
      doc: "Households eligible for a retrofit in the start year (households).",
      docZh: "户：基期符合改造条件的家庭数。",
    },
    {
      name: "rate0",
      unit: "percent",
      min: 0,
      max: 100,
      doc: "Share of eligible households already retrofitted in the start year (percent): the printed baseline.",
      docZh: "百分比：基期已完成改造的家庭占符合条件家庭的比例：规划印出的基期值。",
    },
    {
      name: "inflowRate",
      unit: "percent-per-year",
      min: 0,
      max: 50,
      doc: "New eligible households a year (percent of eligible0 a year), scaled by the driver's ratio.",
      docZh: "百分比/年：每年新增符合条件家庭（占 eligible0 的百分比），按驱动序列比例变化。",
    },
    {
      name: "capacity1",
      unit: "households-per-year",
      min: 0,
      max: 1_000_000,
      doc: "Retrofits the delivery system can complete in the first projected year (households a year).",
      docZh: "户/年：第一个推算年的实施能力。",
    },
    {
      name: "capacityRamp",
      unit: "percent-per-year",
      min: -50,
      max: 100,
      doc: "Yearly growth of delivery capacity after the first projected year (percent a year).",
      docZh: "百分比/年：第一个推算年之后实施能力的年增长率。",
    },
    {
      name: "cost0",
      unit: "yuan-per-household",
      min: 100,
      max: 100_000,
      doc: "Average cost of one retrofit in the start year (yuan per household).",
      docZh: "元/户：基期每户平均改造费用。",
    },
    {
      name: "costInflation",
      unit: "percent-per-year",
      min: -10,
      max: 30,
      doc: "Yearly change of the cost per household (percent a year).",
      docZh: "百分比/年：每户费用的年变化率。",
    },
    {
      name: "budget1",
      unit: "yuan-per-year",
      min: 0,
      max: 10_000_000_000,
      doc: "Retrofit budget in the first projected year (yuan a year).",
      docZh: "元/年：第一个推算年的改造预算。",
    },
    {
      name: "budgetGrowth",
      unit: "percent-per-year",
      min: -50,
      max: 50,
      doc: "Yearly growth of the retrofit budget after the first projected year (percent a year).",
      docZh: "百分比/年：第一个推算年之后改造预算的年增长率。",
    },
  ],
  inputs: INPUTS,
  outputs: OUTPUTS,

  createWorkspace(n: number): Record<RetrofitOutput, Series> {
    return {
      eligible: new Float64Array(n),
      backlog: new Float64Array(n),
      capacity: new Float64Array(n),
      cost: new Float64Array(n),
      affordable: new Float64Array(n),
      completions: new Float64Array(n),
      cumulativeCompletions: new Float64Array(n),
      retrofitted: new Float64Array(n),
      rate: new Float64Array(n),
      spending: new Float64Array(n),
    };
  },

  run(params, inputs, span: YearSpan, out): void {
    const { eligible0, rate0, inflowRate, capacity1, capacityRamp } = params;
    const { cost0, costInflation, budget1, budgetGrowth } = params;
    const driver = inputs.driver;
    const n = spanLength(span);
    const d0 = driver[0]!;
    const inflow0 = (inflowRate / 100) * eligible0;
    const capacityFactor = 1 + capacityRamp / 100;
    const costFactor = 1 + costInflation / 100;
    const budgetFactor = 1 + budgetGrowth / 100;

    const retrofitted0 = (rate0 / 100) * eligible0;
    out.eligible[0] = eligible0;
    out.backlog[0] = eligible0 - retrofitted0;
    out.capacity[0] = 0;
    out.cost[0] = cost0;
    out.affordable[0] = 0;
    out.completions[0] = 0;
    out.cumulativeCompletions[0] = 0;
    out.retrofitted[0] = retrofitted0;
    out.rate[0] = rate0;
    out.spending[0] = 0;

    let eligible = eligible0;
    let retrofitted = retrofitted0;
    let capacity = capacity1;
    let cost = cost0;
    let budget = budget1;
    for (let t = 1; t < n; t++) {
      // Running products rather than Math.pow: cheaper, and monotone in the rates, which the
      // "more budget never lowers cumulative completions" guarantee relies on.
      if (t > 1) {
        capacity *= capacityFactor;
        budget *= budgetFactor;
      }
      cost *= costFactor;
      eligible += inflow0 * (d0 > 0 ? driver[t]! / d0 : 1);
      const backlog = eligible - retrofitted;
      const affordable = budget / cost;
      let completions = Math.min(capacity, affordable);
      if (completions >= backlog) {
        // The backlog binds: everyone eligible is now retrofitted. Set it exactly rather than by
        // addition, so rounding can neither leave a sliver undone nor push the rate above 100.
        completions = backlog;
        retrofitted = eligible;
      } else {
        if (completions < 0) completions = 0;
        // Below the backlog in exact arithmetic, but the sum can round one step past `eligible`.
        retrofitted = Math.min(retrofitted + completions, eligible);
      }
      out.eligible[t] = eligible;
      out.backlog[t] = backlog;
      out.capacity[t] = capacity;
      out.cost[t] = cost;
      out.affordable[t] = affordable;
      out.completions[t] = completions;
      out.cumulativeCompletions[t] = retrofitted - retrofitted0;
      out.retrofitted[t] = retrofitted;
      out.rate[t] = (retrofitted / eligible) * 100;
      out.spending[t] = completions * cost;
    }
  },
};
