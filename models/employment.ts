/**
 * Employment of working-age certified disabled people: a stock of employed people that loses a share
 * each year (exits) and gains new jobs (placements from quota employment, training, and self-employment
 * or flexible work), capped at the share of the working-age population able to work.
 *
 * Year 0 is the start year: `employed[0] = rate0 / 100 × workingAge[0]`, with no placements or exits.
 * For t ≥ 1:
 *   exits[t]      = exitRate / 100 × employed[t − 1]
 *   placements[t] = quotaPlacements + trainingPlacements + selfEmployment
 *   employed[t]   = clamp(employed[t − 1] − exits[t] + placements[t], 0, maxRate / 100 × workingAge[t])
 * `placements` and `exits` report the gross flows; when the cap binds, employed grows by less than
 * their difference (the surplus placements find no one able and willing to take them).
 */
import { type ModelSpec, type ParamSpec, type Series, spanLength } from "./model.ts";

/** Parameter names of {@link employmentModel}. */
export type EmploymentParam =
  | "rate0"
  | "exitRate"
  | "quotaPlacements"
  | "trainingPlacements"
  | "selfEmployment"
  | "maxRate";

/** Input series of {@link employmentModel}. */
export type EmploymentInput = "workingAge";

/** Output series of {@link employmentModel}. */
export type EmploymentOutput = "employed" | "placements" | "exits" | "rate";

const OUTPUTS: readonly EmploymentOutput[] = ["employed", "placements", "exits", "rate"];

/**
 * Parameters, with the hard range each is meaningful in.
 *
 * - `rate0` (percent): employment rate of working-age certified disabled people in the start year; set
 *   from the plan's printed baseline.
 * - `exitRate` (percent-per-year): share of the employed who leave work each year (retirement out of
 *   working age, job loss, health); an estimate.
 * - `quotaPlacements`, `trainingPlacements`, `selfEmployment` (people per year): new jobs a year from
 *   quota (按比例) employment, from training, and from self-employment or flexible work; usually scaled
 *   from the national 14th-plan result of ≥400k new jobs a year by the region's share of certified
 *   disabled people, or from the plan's own text targets.
 * - `maxRate` (percent): the highest employment rate reachable given work ability (e.g. 85); the
 *   employed stock never exceeds `maxRate / 100 × workingAge`.
 */
export const EMPLOYMENT_PARAMS: readonly (ParamSpec & { name: EmploymentParam })[] = [
  {
    name: "rate0",
    unit: "percent",
    min: 0,
    max: 100,
    doc: "Percent: employment rate of working-age certified disabled people in the start year.",
    docZh: "百分比：基期就业年龄段持证残疾人的就业率。",
  },
  {
    name: "exitRate",
    unit: "percent-per-year",
    min: 0,
    max: 50,
    doc: "Percent a year: share of employed disabled people who leave work each year.",
    docZh: "百分比/年：就业残疾人每年退出就业的比例。",
  },
  {
    name: "quotaPlacements",
    unit: "people-per-year",
    min: 0,
    max: 500_000,
    doc: "People a year: new jobs from quota (按比例) employment.",
    docZh: "人/年：按比例就业每年新增的岗位。",
  },
  {
    name: "trainingPlacements",
    unit: "people-per-year",
    min: 0,
    max: 500_000,
    doc: "People a year: new jobs following vocational training.",
    docZh: "人/年：职业培训后每年新增的就业。",
  },
  {
    name: "selfEmployment",
    unit: "people-per-year",
    min: 0,
    max: 500_000,
    doc: "People a year: new self-employment and flexible work.",
    docZh: "人/年：每年新增的自主创业和灵活就业。",
  },
  {
    name: "maxRate",
    unit: "percent",
    min: 0,
    max: 100,
    doc: "Percent: highest employment rate reachable given work ability; caps the employed stock.",
    docZh: "百分比：按劳动能力可达到的最高就业率；就业人数不超过它。",
  },
];

/**
 * The employment model. Input `workingAge` (people: working-age certified disabled people, e.g. the
 * population model's `workingAgeCertified`). Outputs: `employed`, `placements`, `exits` (people; flows
 * are 0 in year 0) and `rate` (percent: employed / workingAge × 100, 0 when workingAge is 0; always
 * within 0–100).
 */
export const employmentModel: ModelSpec<EmploymentParam, EmploymentInput, EmploymentOutput> = {
  name: "employment",
  params: EMPLOYMENT_PARAMS,
  inputs: ["workingAge"],
  outputs: OUTPUTS,
  createWorkspace(n: number): Record<EmploymentOutput, Series> {
    return {
      employed: new Float64Array(n),
      placements: new Float64Array(n),
      exits: new Float64Array(n),
      rate: new Float64Array(n),
    };
  },
  run(params, inputs, span, out) {
    const n = spanLength(span);
    const workingAge = inputs.workingAge;
    const exitRate = params.exitRate / 100;
    const placed = params.quotaPlacements + params.trainingPlacements + params.selfEmployment;
    const maxRate = params.maxRate / 100;
    const { employed, placements, exits, rate } = out;

    const w0 = Math.max(workingAge[0]!, 0);
    let e = (params.rate0 / 100) * w0;
    employed[0] = e;
    placements[0] = 0;
    exits[0] = 0;
    rate[0] = w0 > 0 ? Math.min((100 * e) / w0, 100) : 0;
    for (let t = 1; t < n; t++) {
      const w = Math.max(workingAge[t]!, 0);
      const leaving = exitRate * e;
      const cap = maxRate * w;
      e = Math.min(Math.max(e - leaving + placed, 0), cap);
      employed[t] = e;
      placements[t] = placed;
      exits[t] = leaving;
      rate[t] = w > 0 ? Math.min((100 * e) / w, 100) : 0;
    }
  },
};
