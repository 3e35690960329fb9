/**
 * Population and ageing: a cohort model by sex and 5-year age group (0–4 … 80–84, 85+) with Gompertz
 * mortality, crude births, net migration and age-specific disability prevalence.
 *
 * Every fixed shape in this file (initial pyramid, mortality slope, sex mortality ratio, migration
 * profile, prevalence shape) is an *estimate* and is labelled as one where it is defined. Levels come
 * from the parameters, which scenario files set with provenance (usually from DOMAIN-NOTES.md).
 *
 * Year accounting (t ≥ 1), applied to the stock at the end of year t − 1, in this order:
 * 1. deaths: each cell loses `1 − e^{−μ}` of its people, μ the cell's Gompertz rate for year t;
 * 2. ageing: a fifth of each group's survivors move up one group (85+ is open);
 * 3. births: `birthRate / 1000 × total[t − 1]` enter 0–4, split boys : girls = 1.05 : 1;
 * 4. migration: `netMigration` spread over cells by a fixed profile; out-migration from a cell is
 *    clamped at the cell's size and the output `netMigration` reports what was actually applied.
 * So `total[t] = total[t − 1] + births[t] − deaths[t] + netMigration[t]` holds up to rounding.
 * Year 0 is the start year: its stock is the initial structure and its flows are 0 by convention.
 */
import { type ModelSpec, type ParamSpec, type Series, spanLength } from "./model.ts";

/** Parameter names of {@link populationModel}. */
export type PopulationParam =
  | "total0"
  | "share60plus0"
  | "share65plus0"
  | "birthRate"
  | "deathRate0"
  | "mortalityImprovement"
  | "netMigration"
  | "prevalenceUnder60"
  | "prevalence60plus"
  | "prevalenceTrend"
  | "certifiedShare"
  | "severeShare"
  | "migrantCertification";

/** Output series of {@link populationModel}; one value per year, people unless stated. */
export type PopulationOutput =
  | "total"
  | "age60plus"
  | "share60plus"
  | "births"
  | "deaths"
  | "netMigration"
  | "disabled"
  | "certified"
  | "severe"
  | "workingAgeCertified"
  | "children0to6Disabled"
  | "children0to16Disabled"
  | "age60plusDisabled";

const OUTPUTS: readonly PopulationOutput[] = [
  "total",
  "age60plus",
  "share60plus",
  "births",
  "deaths",
  "netMigration",
  "disabled",
  "certified",
  "severe",
  "workingAgeCertified",
  "children0to6Disabled",
  "children0to16Disabled",
  "age60plusDisabled",
];

/**
 * Parameters, with the hard range each is meaningful in.
 *
 * - `total0` (people): residents in the start year; usually the census or statistical-bulletin
 *   resident population (Jiaxing 5,400,868, Huyi 609,181 in 2020).
 * - `share60plus0`, `share65plus0` (percent): shares aged 60+ and 65+ in the start year (census bulletin:
 *   Jiaxing 19.30% / 14.05%, national 18.70% / 13.50%). A 65+ share above the 60+ share is read as
 *   equal to it (no one aged 60–64).
 * - `birthRate` (per-thousand): crude births per 1,000 residents a year (Jiaxing 7.0‰ in 2021).
 * - `deathRate0` (per-thousand): crude death rate in the start year (Jiaxing 5.9‰ in 2021); sets the level
 *   `a` of the Gompertz schedule so that deaths in year 1 equal `deathRate0 / 1000 × total[0]`.
 * - `mortalityImprovement` (percent-per-year): yearly % fall of every age-specific death rate after year
 *   1 (an estimate; life expectancy 77.9 → 78.2 in 2020–21 suggests roughly 1–2% a year).
 * - `netMigration` (people per year): in-migrants minus out-migrants (Jiaxing ≈ +100k in 2021, mostly
 *   migration); negative for places losing residents (Huyi).
 * - `prevalenceUnder60`, `prevalence60plus` (percent): average survey-defined disability prevalence under
 *   60 and at 60+ in the start year (estimate ≈ 3.3% and ≈ 28% from the 2006 survey; set the level from
 *   the plan's own baseline where it can be derived).
 * - `prevalenceTrend` (percent-per-year): yearly relative change of every age-specific prevalence; 0 means
 *   ageing alone drives the change (Peng et al., PLoS One 2010).
 * - `certifiedShare` (percent): certified (持证) disabled as a share of survey-defined disabled (estimate
 *   35–45%, or the plan's certified count divided by the modelled disabled count).
 * - `severeShare` (percent): grades 1–2 as a share of certified (about 30% nationally, Tianjin 34%).
 * - `migrantCertification` (percent): how likely a disabled in-migrant is to hold a local certificate,
 *   relative to a resident (100 = the same). Certificates are issued where a person's household
 *   registration (户籍) is, so people who moved in since the start year are mostly certified elsewhere or
 *   not at all: a place growing by migration gains residents much faster than certified disabled people.
 */
export const POPULATION_PARAMS: readonly (ParamSpec & { name: PopulationParam })[] = [
  {
    name: "total0",
    unit: "people",
    min: 1_000,
    max: 1_500_000_000,
    doc: "People: residents in the start year; scales the whole population.",
    docZh: "人：基期常住人口；按比例放大整个人口。",
  },
  {
    name: "share60plus0",
    unit: "percent",
    min: 5,
    max: 45,
    doc: "Percent: share of residents aged 60+ in the start year; tilts the initial age structure.",
    docZh: "百分比：基期60岁及以上人口占比；决定初始年龄结构。",
  },
  {
    name: "share65plus0",
    unit: "percent",
    min: 3,
    max: 35,
    doc: "Percent: share aged 65+ in the start year (taken as at most the 60+ share).",
    docZh: "百分比：基期65岁及以上人口占比（不超过60岁及以上占比）。",
  },
  {
    name: "birthRate",
    unit: "per-thousand",
    min: 0,
    max: 30,
    doc: "Per thousand: crude births per 1,000 residents a year; drives births into age 0–4.",
    docZh: "千分比：每千常住人口的年出生数；出生进入0–4岁组。",
  },
  {
    name: "deathRate0",
    unit: "per-thousand",
    min: 1,
    max: 30,
    doc: "Per thousand: crude death rate in the start year; calibrates the level of the mortality schedule.",
    docZh: "千分比：基期粗死亡率；校准死亡率表的水平。",
  },
  {
    name: "mortalityImprovement",
    unit: "percent-per-year",
    min: -3,
    max: 5,
    doc: "Percent a year: yearly fall in every age-specific death rate (negative means rising mortality).",
    docZh: "百分比/年：各年龄死亡率每年下降的比例（负值表示死亡率上升）。",
  },
  {
    name: "netMigration",
    unit: "people-per-year",
    min: -5_000_000,
    max: 5_000_000,
    doc: "People a year: net migration, spread over ages by a working-age-heavy profile (estimate).",
    docZh: "人/年：净迁移人数，按以就业年龄为主的分布分摊到各年龄（估计）。",
  },
  {
    name: "prevalenceUnder60",
    unit: "percent",
    min: 0,
    max: 15,
    doc: "Percent: average disability prevalence among residents under 60 in the start year.",
    docZh: "百分比：基期60岁以下常住人口的平均残疾患病率。",
  },
  {
    name: "prevalence60plus",
    unit: "percent",
    min: 0,
    max: 40,
    doc: "Percent: average disability prevalence among residents aged 60+ in the start year.",
    docZh: "百分比：基期60岁及以上常住人口的平均残疾患病率。",
  },
  {
    name: "prevalenceTrend",
    unit: "percent-per-year",
    min: -5,
    max: 5,
    doc: "Percent a year: relative change of age-specific prevalence; 0 means ageing alone drives change.",
    docZh: "百分比/年：分年龄患病率每年的相对变化；0 表示只有老龄化带来变化。",
  },
  {
    name: "certifiedShare",
    unit: "percent",
    min: 0,
    max: 100,
    doc: "Percent: certified (持证) disabled as a share of survey-defined disabled people.",
    docZh: "百分比：持证残疾人占调查口径残疾人的比例。",
  },
  {
    name: "severeShare",
    unit: "percent",
    min: 0,
    max: 100,
    doc: "Percent: grades 1–2 (severe) as a share of certified disabled people.",
    docZh: "百分比：重度（一、二级）占持证残疾人的比例。",
  },
  {
    name: "migrantCertification",
    unit: "percent",
    min: 0,
    max: 100,
    doc: "Percent: certification of in-migrants since the start year relative to residents (100 = same).",
    docZh: "百分比：基期以来迁入者的持证比例相对本地居民（100 = 相同）。",
  },
];

// ---------------------------------------------------------------------------------------------------
// Fixed shapes (all estimates). Cell index: sex * GROUPS + group; sex 0 = men, 1 = women.

/** Number of 5-year age groups: 0–4 … 80–84 and the open 85+. */
export const GROUPS = 18;
/** Number of cells: men's groups, then women's. */
export const CELLS = 2 * GROUPS;
/** First group aged 60+ (60–64) and first aged 65+ (65–69). */
const G60 = 12;
const G65 = 13;

/**
 * Estimate: China's 2020 census pyramid, millions by 5-year group, men then women (rounded from the
 * census tables; 60+ 18.7%, 65+ 13.5%). Only its shape is used: it is rescaled to `total0` and tilted
 * to the start-year 60+ and 65+ shares.
 */
const PYRAMID_MEN = [
  41.0, 48.0, 45.6, 39.0, 40.0, 48.5, 63.8, 50.8, 47.7, 58.0, 61.3, 50.9, 36.7, 36.4, 24.2, 14.7, 9.2, 6.3,
];
const PYRAMID_WOMEN = [
  36.9, 42.2, 39.7, 33.7, 35.0, 43.4, 60.3, 48.2, 45.3, 56.2, 59.9, 50.5, 36.7, 37.6, 25.4, 16.3, 11.2, 9.5,
];

/** Estimate: Gompertz slope b (per year of age) within the commonly fitted 0.085–0.09. */
export const GOMPERTZ_SLOPE = 0.087;
/**
 * Estimate: women's death rate as a share of men's at the same age. 0.6 shifts the schedule by about
 * 6 years of age, close to China's female–male life-expectancy gap.
 */
const FEMALE_MORTALITY_RATIO = 0.6;
/** Age at which each group's death rate is evaluated: mid-group, and 89 for the open 85+ group. */
const MORTALITY_AGE = (g: number): number => (g === GROUPS - 1 ? 89 : 5 * g + 2.5);

/** Sex ratio at birth, boys per girl (census-era estimate 1.05). */
const SEX_RATIO_AT_BIRTH = 1.05;
const BOY_SHARE = SEX_RATIO_AT_BIRTH / (1 + SEX_RATIO_AT_BIRTH);

/**
 * Estimate: age profile of net migration (relative weights by group, normalised at load) — heavy at
 * 20–34 as in internal labour migration, with children following their parents; men 52%, women 48%.
 */
const MIGRATION_BY_GROUP = [
  0.04, 0.03, 0.025, 0.07, 0.16, 0.17, 0.13, 0.09, 0.07, 0.06, 0.05, 0.04, 0.03, 0.02, 0.015, 0.01, 0.007,
  0.003,
];
const MIGRATION_MALE_SHARE = 0.52;

/**
 * Estimate: relative disability prevalence by group (both sexes), rising with age; under 60 scaled so
 * that 0–4 comes out near 1% at an average of 3.3%, 60+ shaped like the 2006 survey's steep rise
 * (85+ five times 60–64). Only ratios within each block (<60, 60+) matter.
 */
const PREVALENCE_SHAPE = [
  0.25, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.85, 1.0, 1.3, 1.7, 1.0, 1.45, 2.15, 2.9, 3.85, 5.0,
];

/**
 * Share of each group inside an age band, assuming people spread evenly over the group's five single
 * years (an approximation): `lo`..`hi` inclusive single years of age.
 */
function bandFraction(g: number, lo: number, hi: number): number {
  if (g === GROUPS - 1) return 0; // no band used here reaches 85
  const a = Math.max(lo, 5 * g);
  const b = Math.min(hi, 5 * g + 4);
  return b >= a ? (b - a + 1) / 5 : 0;
}

function buildConstants() {
  const pyramid = new Float64Array(CELLS);
  const mortalityShape = new Float64Array(CELLS);
  const migration = new Float64Array(CELLS);
  const prevalenceShape = new Float64Array(CELLS);
  const workingAge = new Float64Array(CELLS);
  const child6 = new Float64Array(CELLS);
  const child16 = new Float64Array(CELLS);
  let migrationSum = 0;
  for (const w of MIGRATION_BY_GROUP) migrationSum += w;
  for (let g = 0; g < GROUPS; g++) {
    const m = g;
    const f = GROUPS + g;
    pyramid[m] = PYRAMID_MEN[g]!;
    pyramid[f] = PYRAMID_WOMEN[g]!;
    const k = Math.exp(GOMPERTZ_SLOPE * MORTALITY_AGE(g));
    mortalityShape[m] = k;
    mortalityShape[f] = FEMALE_MORTALITY_RATIO * k;
    const w = MIGRATION_BY_GROUP[g]! / migrationSum;
    migration[m] = MIGRATION_MALE_SHARE * w;
    migration[f] = (1 - MIGRATION_MALE_SHARE) * w;
    prevalenceShape[m] = PREVALENCE_SHAPE[g]!;
    prevalenceShape[f] = PREVALENCE_SHAPE[g]!;
    // Legal working age: men 16–59, women 16–54.
    workingAge[m] = bandFraction(g, 16, 59);
    workingAge[f] = bandFraction(g, 16, 54);
    // Children 0–6 and 0–16, ages inclusive (as in 0-6岁 and 0-16岁 in the plans).
    child6[m] = child6[f] = bandFraction(g, 0, 6);
    child16[m] = child16[f] = bandFraction(g, 0, 16);
  }
  // The pyramid split into three unit-sum blocks (under 60, 60–64, 65+), so the start-year stock is
  // a weighted sum of them, and each block's mean prevalence shape, so prevalence scales need no loop.
  const under60 = new Float64Array(CELLS);
  const age6064 = new Float64Array(CELLS);
  const age65 = new Float64Array(CELLS);
  const old = new Float64Array(CELLS);
  const shapeUnder60 = new Float64Array(CELLS);
  const shape60plus = new Float64Array(CELLS);
  const blockSum = [0, 0, 0];
  const blockOf = (c: number): number => {
    const g = c % GROUPS;
    return g < G60 ? 0 : g < G65 ? 1 : 2;
  };
  for (let c = 0; c < CELLS; c++) blockSum[blockOf(c)]! += pyramid[c]!;
  const blocks = [under60, age6064, age65];
  const meanShape = [0, 0, 0];
  for (let c = 0; c < CELLS; c++) {
    const b = blockOf(c);
    const share = pyramid[c]! / blockSum[b]!;
    blocks[b]![c] = share;
    meanShape[b]! += share * prevalenceShape[c]!;
    old[c] = b === 0 ? 0 : 1;
    shapeUnder60[c] = b === 0 ? prevalenceShape[c]! : 0;
    shape60plus[c] = b === 0 ? 0 : prevalenceShape[c]!;
  }
  return {
    mortalityShape,
    migration,
    workingAge,
    child6,
    child16,
    under60,
    age6064,
    age65,
    old,
    shapeUnder60,
    shape60plus,
    meanShapeUnder60: meanShape[0]!,
    meanShape6064: meanShape[1]!,
    meanShape65: meanShape[2]!,
  };
}

const K = buildConstants();

// Module-level scratch: `run` is synchronous, so one set of buffers serves every call.
const stock = new Float64Array(CELLS);
/** The part of `stock` that moved in since the start year (ageing and dying with it). */
const migrants = new Float64Array(CELLS);
const prevalenceBase = new Float64Array(CELLS);

/**
 * `1 − e^{−x}` for x ≥ 0, accurate to about 1e-13 relative, without `Math.expm1` (three times slower
 * than `Math.exp` in V8): a Taylor series below 0.01, where most cells sit, and `1 − e^{−x}` above it.
 */
function deathProbability(x: number): number {
  if (x >= 0.01) return 1 - Math.exp(-x);
  return x * (1 - 0.5 * x * (1 - (x / 3) * (1 - 0.25 * x * (1 - 0.2 * x))));
}

/** Most Newton steps for the mortality level; from the quadratic start it usually needs 1–2. */
const MAX_NEWTON = 40;

/**
 * Solves Σ N_c (1 − e^{−a k_c}) = D for the Gompertz level `a` ≥ 0, N the start-year stock. Start: the
 * root of the second-order expansion a·S1 − a²·S2 / 2 = D (S1 = Σ N k, S2 = Σ N k²), which sits at or
 * above the root because 1 − e^{−x} ≥ x − x²/2. The left side is increasing and concave, so Newton
 * steps converge quadratically; they are kept above the linear guess D / S1, a floor under the root
 * (1 − e^{−x} ≤ x). It stops once a step is below 1e-8 of `a`, leaving an error of order 1e-16.
 */
function calibrateLevel(target: number): number {
  const shape = K.mortalityShape;
  let s1 = 0;
  let s2 = 0;
  for (let c = 0; c < CELLS; c++) {
    const nk = stock[c]! * shape[c]!;
    s1 += nk;
    s2 += nk * shape[c]!;
  }
  if (!(target > 0) || !(s1 > 0)) return 0;
  // The linear guess D / S1 is at or below the root (1 − e^{−x} ≤ x), so it is a floor for every step.
  const floor = target / s1;
  const disc = s1 * s1 - 2 * s2 * target;
  let a = disc > 0 ? (2 * target) / (s1 + Math.sqrt(disc)) : floor;
  for (let i = 0; i < MAX_NEWTON; i++) {
    let f = -target;
    let df = 0;
    for (let c = 0; c < CELLS; c++) {
      const n = stock[c]!;
      const k = shape[c]!;
      const q = deathProbability(a * k);
      f += n * q;
      df += n * k * (1 - q);
    }
    if (!(df > 0)) break;
    const next = Math.max(a - f / df, floor);
    const step = Math.abs(next - a);
    a = next;
    if (step <= 1e-8 * a) break;
  }
  return a;
}

/**
 * The calibrated mortality level for a start-year structure and death rate, remembered for the last
 * distinct parameter set: the level depends only on these four numbers (the start-year stock is a
 * function of the first three), and in a Monte Carlo or a sweep they rarely change between runs, so the
 * root-find runs once per distinct set instead of once per run. Call after {@link startStructure} has
 * filled `stock` for the same three structure parameters.
 */
const calibrated = { total0: Number.NaN, s60: Number.NaN, s65: Number.NaN, deathRate0: Number.NaN, level: 0 };
function calibratedLevel(total0: number, s60: number, s65: number, deathRate0: number): number {
  const c = calibrated;
  if (c.total0 === total0 && c.s60 === s60 && c.s65 === s65 && c.deathRate0 === deathRate0) return c.level;
  const level = calibrateLevel((deathRate0 / 1000) * total0);
  c.total0 = total0;
  c.s60 = s60;
  c.s65 = s65;
  c.deathRate0 = deathRate0;
  c.level = level;
  return level;
}

/**
 * Last step of a year: spreads `migrationTotal` over the cells (clamping out-migration at each cell's
 * size) and, in the same pass, writes year `t`'s stock statistics. Returns the migration applied.
 * Year 0 calls it with no migration.
 */
function migrateAndTally(
  out: Record<PopulationOutput, Series>,
  t: number,
  migrationTotal: number,
  prevalenceFactor: number,
  certified: number,
  severe: number,
  migrantCertification: number,
): number {
  const profile = K.migration;
  let migration = 0;
  let total = 0;
  let old = 0;
  let disabled = 0;
  let disabledOld = 0;
  let working = 0;
  // Disabled in-migrants not certified here (weighted by 1 − migrantCertification), in all and of working age.
  let uncertified = 0;
  let uncertifiedWorking = 0;
  const notHere = 1 - migrantCertification;
  let c6 = 0;
  let c16 = 0;
  for (let c = 0; c < CELLS; c++) {
    let n = stock[c]!;
    const want = migrationTotal * profile[c]!;
    if (n + want < 0) {
      migration -= n;
      n = 0;
      migrants[c] = 0;
    } else {
      migration += want;
      n += want;
      // In-migrants join the migrant stock; out-migrants leave both stocks in proportion.
      if (want > 0) migrants[c] = migrants[c]! + want;
      else if (n + -want > 0) migrants[c] = (migrants[c]! * n) / (n - want);
    }
    stock[c] = n;
    total += n;
    const p = prevalenceBase[c]! * prevalenceFactor;
    const share = Math.min(p, 1);
    const d = n * share;
    disabled += d;
    working += d * K.workingAge[c]!;
    const dm = migrants[c]! * share * notHere;
    uncertified += dm;
    uncertifiedWorking += dm * K.workingAge[c]!;
    c6 += d * K.child6[c]!;
    c16 += d * K.child16[c]!;
    const isOld = K.old[c]!;
    old += n * isOld;
    disabledOld += d * isOld;
  }
  out.total[t] = total;
  out.age60plus[t] = old;
  out.share60plus[t] = total > 0 ? (100 * old) / total : 0;
  out.disabled[t] = disabled;
  out.certified[t] = certified * (disabled - uncertified);
  out.severe[t] = severe * certified * (disabled - uncertified);
  out.workingAgeCertified[t] = certified * (working - uncertifiedWorking);
  out.children0to6Disabled[t] = c6;
  out.children0to16Disabled[t] = c16;
  out.age60plusDisabled[t] = disabledOld;
  return migration;
}

/**
 * Writes the start-year stock, in people, into `into` (length {@link CELLS}; cell `sex * 18 + group`,
 * men first): the census-shaped pyramid rescaled block by block (under 60, 60–64, 65+) so the total
 * and the 60+ and 65+ shares (percent) match. A 65+ share above the 60+ share is read as equal to it.
 */
export function startStructure(
  total0: number,
  share60plus0: number,
  share65plus0: number,
  into: Float64Array,
): void {
  const s60 = share60plus0 / 100;
  const s65 = Math.min(share65plus0 / 100, s60);
  const nUnder = total0 * (1 - s60);
  const n6064 = total0 * (s60 - s65);
  const n65 = total0 * s65;
  for (let c = 0; c < CELLS; c++) {
    into[c] = nUnder * K.under60[c]! + n6064 * K.age6064[c]! + n65 * K.age65[c]!;
  }
}

/**
 * Writes the start-year age-specific prevalence (a fraction, per cell as in {@link startStructure}) into
 * `into`: the fixed shape scaled so the averages under 60 and at 60+ equal the given percentages. The
 * block means of the shape are constants, so the 60+ mean depends only on the 60–64 : 65+ split.
 */
export function startPrevalence(
  share60plus0: number,
  share65plus0: number,
  prevalenceUnder60: number,
  prevalence60plus: number,
  into: Float64Array,
): void {
  const s60 = share60plus0 / 100;
  const s65 = Math.min(share65plus0 / 100, s60);
  const scaleUnder = prevalenceUnder60 / 100 / K.meanShapeUnder60;
  const oldShape = (s60 - s65) * K.meanShape6064 + s65 * K.meanShape65;
  const scaleOld = oldShape > 0 ? ((prevalence60plus / 100) * s60) / oldShape : 0;
  for (let c = 0; c < CELLS; c++) {
    into[c] = K.shapeUnder60[c]! * scaleUnder + K.shape60plus[c]! * scaleOld;
  }
}

function runPopulation(
  params: Readonly<Record<PopulationParam, number>>,
  n: number,
  out: Record<PopulationOutput, Series>,
): void {
  const total0 = params.total0;
  startStructure(total0, params.share60plus0, params.share65plus0, stock);
  startPrevalence(
    params.share60plus0,
    params.share65plus0,
    params.prevalenceUnder60,
    params.prevalence60plus,
    prevalenceBase,
  );

  const certified = params.certifiedShare / 100;
  const severe = params.severeShare / 100;
  const prevalenceGrowth = 1 + params.prevalenceTrend / 100;
  const mortalityGrowth = 1 - params.mortalityImprovement / 100;
  const birthRate = params.birthRate / 1000;
  const migrationTotal = params.netMigration;
  const migrantCertification = params.migrantCertification / 100;
  migrants.fill(0);

  out.births[0] = 0;
  out.deaths[0] = 0;
  out.netMigration[0] = 0;
  migrateAndTally(out, 0, 0, 1, certified, severe, migrantCertification);

  let level = calibratedLevel(total0, params.share60plus0, params.share65plus0, params.deathRate0);
  let prevalenceFactor = 1;
  const shape = K.mortalityShape;
  for (let t = 1; t < n; t++) {
    const previousTotal = out.total[t - 1]!;

    // 1–2. Deaths, then a fifth of each group's survivors moves up; `carry` is what enters from below.
    let deaths = 0;
    for (let s = 0; s < CELLS; s += GROUPS) {
      let carry = 0;
      let mCarry = 0;
      for (let g = 0; g < GROUPS; g++) {
        const c = s + g;
        const v = stock[c]!;
        const q = deathProbability(level * shape[c]!);
        const d = v * q;
        deaths += d;
        const survivors = v - d;
        const mSurvivors = migrants[c]! * (1 - q);
        if (g === GROUPS - 1) {
          stock[c] = survivors + carry;
          migrants[c] = mSurvivors + mCarry;
        } else {
          const up = 0.2 * survivors;
          stock[c] = survivors - up + carry;
          carry = up;
          const mUp = 0.2 * mSurvivors;
          migrants[c] = mSurvivors - mUp + mCarry;
          mCarry = mUp;
        }
      }
    }

    // 3. Births into 0–4.
    const births = birthRate * previousTotal;
    stock[0] = stock[0]! + BOY_SHARE * births;
    stock[GROUPS] = stock[GROUPS]! + (1 - BOY_SHARE) * births;

    // 4. Migration, clamped so no cell goes below zero, and the year's statistics.
    prevalenceFactor *= prevalenceGrowth;
    const migration = migrateAndTally(
      out,
      t,
      migrationTotal,
      prevalenceFactor,
      certified,
      severe,
      migrantCertification,
    );

    out.births[t] = births;
    out.deaths[t] = deaths;
    out.netMigration[t] = migration;
    level *= mortalityGrowth;
  }
}

/**
 * The population and ageing model. No inputs; parameters in {@link POPULATION_PARAMS}; outputs in people
 * except `share60plus` (percent of residents). `workingAgeCertified` counts certified men 16–59 and
 * women 16–54; `children0to6Disabled` and `children0to16Disabled` count survey-defined disabled children
 * of ages 0–6 and 0–16 inclusive. Groups are split across band edges by even within-group fractions
 * (15–19 counts 4/5 towards working age, 5–9 counts 2/5 towards 0–6, 15–19 counts 2/5 towards 0–16).
 */
export const populationModel: ModelSpec<PopulationParam, never, PopulationOutput> = {
  name: "population",
  params: POPULATION_PARAMS,
  inputs: [],
  outputs: OUTPUTS,
  createWorkspace(n: number): Record<PopulationOutput, Series> {
    const ws = {} as Record<PopulationOutput, Series>;
    for (const name of OUTPUTS) ws[name] = new Float64Array(n);
    return ws;
  },
  run(params, _inputs, span, out) {
    runPopulation(params, spanLength(span), out);
  },
};
