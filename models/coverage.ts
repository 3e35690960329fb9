import { type ModelSpec, type Series, spanLength, type YearSpan } from "./model.ts";

/**
 * Service coverage: one capacity-versus-need model shared by the rate indicators (rehabilitation and
 * assistive-device coverage, care institutions, homes for the disabled per town, culture and sports,
 * insurance, screening, enrolment, the minimum living guarantee…).
 *
 * Need moves with a driver; served capacity loses a share each year and gains a fixed number of units,
 * stated as percentage points of start-year need, up to a ceiling share of need.
 */

const PARAMS = ["need0", "rate0", "addPP", "attrition", "ceiling"] as const;
const INPUTS = ["driver"] as const;
const OUTPUTS = ["need", "served", "rate"] as const;

export type CoverageParam = (typeof PARAMS)[number];
export type CoverageInput = (typeof INPUTS)[number];
export type CoverageOutput = (typeof OUTPUTS)[number];

/**
 * The service-coverage model, `"coverage"`.
 *
 * - input `driver`: the series need scales with (a constant series of ones for facility coverage such
 *   as towns); only its ratio to the start year matters. A start-year value of 0 or less cannot be
 *   scaled from, so need is then held at `need0`.
 * - outputs (index 0 = start year): `need` and `served` (units of need: people, towns…), `rate`
 *   (served as a percent of need, in [0, 100]).
 *
 * `rate[0] = rate0` exactly (the printed baseline). From the first projected year on the rate never
 * exceeds `ceiling`, so a ceiling below the baseline pulls coverage down to it. Where need is 0 the
 * rate is reported as 0.
 */
export const coverageModel: ModelSpec<CoverageParam, CoverageInput, CoverageOutput> = {
  name: "coverage",
  params: [
    {
      name: "need0",
      unit: "count",
      min: 0,
      max: 100_000_000,
      doc: "Units of need in the start year (people, towns… as the indicator counts them).",
      docZh: "个：基期需求量（人、镇街等，按指标的计数对象）。",
    },
    {
      name: "rate0",
      unit: "percent",
      min: 0,
      max: 100,
      doc: "Start-year coverage (percent of need served): the plan's printed baseline.",
      docZh: "百分比：基期覆盖率（已覆盖需求的百分比）：规划印出的基期值。",
    },
    {
      name: "addPP",
      unit: "percentage-points-per-year",
      min: 0,
      max: 100,
      doc: "Capacity added each year (percentage points of start-year need a year).",
      docZh: "百分点/年：每年新增能力（按基期需求的百分点计）。",
    },
    {
      name: "attrition",
      unit: "percent-per-year",
      min: 0,
      max: 100,
      doc: "Share of served capacity lost each year (percent a year), e.g. devices worn out, people lapsing.",
      docZh: "百分比/年：已覆盖能力每年流失的比例，如辅具损耗、人员中断。",
    },
    {
      name: "ceiling",
      unit: "percent",
      min: 0,
      max: 100,
      doc: "Highest coverage reachable (percent of need), e.g. where some people decline the service.",
      docZh: "百分比：可达到的最高覆盖率，如部分人不愿接受服务。",
    },
  ],
  inputs: INPUTS,
  outputs: OUTPUTS,

  createWorkspace(n: number): Record<CoverageOutput, Series> {
    return { need: new Float64Array(n), served: new Float64Array(n), rate: new Float64Array(n) };
  },

  run(params, inputs, span: YearSpan, out): void {
    const { need0, rate0, addPP, attrition, ceiling } = params;
    const driver = inputs.driver;
    const n = spanLength(span);
    const d0 = driver[0]!;
    const kept = 1 - attrition / 100;
    const added = (addPP / 100) * need0;
    const cap = ceiling / 100;

    let served = (rate0 / 100) * need0;
    out.need[0] = need0;
    out.served[0] = served;
    out.rate[0] = rate0;
    for (let t = 1; t < n; t++) {
      const need = need0 * (d0 > 0 ? driver[t]! / d0 : 1);
      const reachable = cap * need;
      served = served * kept + added;
      if (served > reachable) served = reachable;
      const rate = need > 0 ? (served / need) * 100 : 0;
      out.need[t] = need;
      out.served[t] = served;
      // At the ceiling, served/need × 100 can land one rounding step above it; the clamp only absorbs that.
      out.rate[t] = Math.min(rate, ceiling);
    }
  },
};
