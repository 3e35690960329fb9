import { type ModelSpec, type Series, spanLength, type YearSpan } from "./model.ts";

/**
 * Income growth: per-capita disposable income of disabled people's households against the growth of
 * the economy, for targets such as "与全市生产总值增长同步" (in step with the city's GDP growth).
 */

const PARAMS = ["gdpGrowth", "gapPP", "catchUp"] as const;
const OUTPUTS = ["incomeGrowth", "gdpGrowth", "avgIncomeGrowth", "avgGdpGrowth", "incomeIndex"] as const;

export type IncomeParam = (typeof PARAMS)[number];
export type IncomeOutput = (typeof OUTPUTS)[number];

/**
 * The income-growth model, `"income"`. No inputs.
 *
 * - outputs (index 0 = start year): `incomeGrowth` and `gdpGrowth` (percent a year in that year),
 *   `avgIncomeGrowth` and `avgGdpGrowth` (arithmetic mean of the yearly rates over years 1..t, percent a
 *   year; at t = 0 the start-year rate), `incomeIndex` (income relative to the start year, start = 100).
 *
 * `incomeGrowth[t] = gdpGrowth + gapPP + catchUp × t`. An "in step" target is met when
 * `avgIncomeGrowth` in the target year is at least `avgGdpGrowth`.
 */
export const incomeModel: ModelSpec<IncomeParam, never, IncomeOutput> = {
  name: "income",
  params: [
    {
      name: "gdpGrowth",
      unit: "percent-per-year",
      min: -10,
      max: 20,
      doc: "Assumed real GDP growth of the city or district (percent a year).",
      docZh: "百分比/年：所对照序列（城市或区县生产总值等）的实际年增速。",
    },
    {
      name: "gapPP",
      unit: "percentage-points",
      min: -10,
      max: 10,
      doc: "How far disabled households' income growth runs above (+) or below (−) GDP growth (percentage points).",
      docZh: "百分点：残疾人家庭收入增速高于（+）或低于（−）该增速的幅度。",
    },
    {
      name: "catchUp",
      unit: "percentage-points-per-year",
      min: -2,
      max: 2,
      doc: "Yearly change of that gap (percentage points a year); 0 keeps the gap constant.",
      docZh: "百分点/年：上述差距每年的变化；0 表示差距不变。",
    },
  ],
  inputs: [],
  outputs: OUTPUTS,

  createWorkspace(n: number): Record<IncomeOutput, Series> {
    return {
      incomeGrowth: new Float64Array(n),
      gdpGrowth: new Float64Array(n),
      avgIncomeGrowth: new Float64Array(n),
      avgGdpGrowth: new Float64Array(n),
      incomeIndex: new Float64Array(n),
    };
  },

  run(params, _inputs, span: YearSpan, out): void {
    const { gdpGrowth, gapPP, catchUp } = params;
    const n = spanLength(span);
    const base = gdpGrowth + gapPP;

    out.incomeGrowth[0] = base;
    out.gdpGrowth[0] = gdpGrowth;
    out.avgIncomeGrowth[0] = base;
    out.avgGdpGrowth[0] = gdpGrowth;
    out.incomeIndex[0] = 100;
    let incomeSum = 0;
    let index = 100;
    for (let t = 1; t < n; t++) {
      const growth = base + catchUp * t;
      incomeSum += growth;
      index *= 1 + growth / 100;
      out.incomeGrowth[t] = growth;
      out.gdpGrowth[t] = gdpGrowth;
      out.avgIncomeGrowth[t] = incomeSum / t;
      // GDP growth is constant, so its mean is itself (summing it would only add rounding).
      out.avgGdpGrowth[t] = gdpGrowth;
      out.incomeIndex[t] = index;
    }
  },
};
