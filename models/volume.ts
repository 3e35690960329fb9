import { type ModelSpec, type Series, spanLength, type YearSpan } from "./model.ts";

/**
 * Volumes: an activity counted per year (training attendances, care attendances, employers rewarded,
 * screenings, press items, communities created…), with its running total for plan-period targets.
 */

const PARAMS = ["level0", "growth", "stock0"] as const;
const OUTPUTS = ["annual", "cumulative"] as const;

export type VolumeParam = (typeof PARAMS)[number];
export type VolumeOutput = (typeof OUTPUTS)[number];

/**
 * The volume model, `"volume"`. No inputs.
 *
 * - outputs (index 0 = start year): `annual` (count in that year), `cumulative` (count since before the
 *   plan period).
 *
 * `annual[t] = level0 × (1 + growth/100)^t`. `cumulative[0] = stock0` and each projected year adds its
 * annual count: the start year is the baseline, so it is not part of a plan-period total ("五年累计").
 */
export const volumeModel: ModelSpec<VolumeParam, never, VolumeOutput> = {
  name: "volume",
  params: [
    {
      name: "level0",
      unit: "count-per-year",
      min: 0,
      max: 1_000_000_000,
      doc: "Count of the activity in the start year (count a year, e.g. training attendances).",
      docZh: "个/年：基期当年的活动数量（如培训人次）。",
    },
    {
      name: "growth",
      unit: "percent-per-year",
      min: -50,
      max: 100,
      doc: "Yearly growth of the annual count (percent a year).",
      docZh: "百分比/年：每年数量的年增长率。",
    },
    {
      name: "stock0",
      unit: "count",
      min: 0,
      max: 1_000_000_000,
      doc: "Count already achieved before the start year that a cumulative target counts (count), usually 0.",
      docZh: "个：基期之前已完成、计入累计目标的数量，通常为 0。",
    },
  ],
  inputs: [],
  outputs: OUTPUTS,

  createWorkspace(n: number): Record<VolumeOutput, Series> {
    return { annual: new Float64Array(n), cumulative: new Float64Array(n) };
  },

  run(params, _inputs, span: YearSpan, out): void {
    const { level0, growth, stock0 } = params;
    const n = spanLength(span);
    const factor = 1 + growth / 100;

    let annual = level0;
    let cumulative = stock0;
    out.annual[0] = annual;
    out.cumulative[0] = cumulative;
    for (let t = 1; t < n; t++) {
      annual *= factor;
      cumulative += annual;
      out.annual[t] = annual;
      out.cumulative[t] = cumulative;
    }
  },
};
