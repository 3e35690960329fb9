/**
 * The contract every projection model in `models/` follows.
 *
 * A model is pure: given numeric parameters, named input series (columns from upstream models) and a
 * span of years, it writes its output series into a workspace it created itself. Workspaces are
 * reused across Monte Carlo samples, so `run` must overwrite every element of every output and must
 * not allocate per call on the hot path. Index 0 of every series is the start year (the plan's baseline
 * year); index `n - 1` is the end year.
 */

/** A yearly series: element i is the value in `span.start + i`. */
export type Series = Float64Array;

/** Inclusive span of calendar years. */
export interface YearSpan {
  readonly start: number;
  readonly end: number;
}

export function spanLength(span: YearSpan): number {
  return span.end - span.start + 1;
}

/** Units a parameter can carry; shown to people next to every value. */
export const PARAM_UNITS = [
  "people",
  "people-per-year",
  "households",
  "households-per-year",
  "attendances",
  "yuan",
  "yuan-per-month",
  "yuan-per-household",
  "yuan-per-year",
  "percent",
  "percent-per-year",
  "percentage-points",
  "percentage-points-per-year",
  "per-thousand",
  "ratio",
  "count",
  "count-per-year",
  "year",
  "switch",
] as const;
export type ParamUnit = (typeof PARAM_UNITS)[number];

/** How each parameter unit is written after a number; `space` says whether English puts a space first. */
export const PARAM_UNIT_WORDS: Record<string, { zh: string; en: string; space: boolean }> = {
  people: { zh: "人", en: "people", space: true },
  "people-per-year": { zh: "人/年", en: "people a year", space: true },
  households: { zh: "户", en: "households", space: true },
  "households-per-year": { zh: "户/年", en: "households a year", space: true },
  attendances: { zh: "人次", en: "attendances", space: true },
  yuan: { zh: "元", en: "yuan", space: true },
  "yuan-per-month": { zh: "元/月", en: "yuan a month", space: true },
  "yuan-per-household": { zh: "元/户", en: "yuan per household", space: true },
  "yuan-per-year": { zh: "元/年", en: "yuan a year", space: true },
  percent: { zh: "%", en: "%", space: false },
  "percent-per-year": { zh: "%/年", en: "% a year", space: false },
  "percentage-points": { zh: "个百分点", en: "percentage points", space: true },
  "percentage-points-per-year": { zh: "个百分点/年", en: "points a year", space: true },
  "per-thousand": { zh: "‰", en: "‰", space: false },
  ratio: { zh: "倍", en: "×", space: true },
  count: { zh: "个", en: "", space: false },
  "count-per-year": { zh: "个/年", en: "a year", space: true },
  year: { zh: "年", en: "", space: false },
  /** A choice between two readings (0 or 1), e.g. an unstated measure: the label says what each means. */
  switch: { zh: "", en: "", space: false },
};

/**
 * Yuan amounts Chinese plans print in 万元 (ten thousand yuan): budgets and totals. A Chinese text writes
 * such an amount of 10,000 or more as "309万元/年" rather than "3,090,000元/年"; English keeps yuan.
 */
export const WAN_YUAN_UNITS: Readonly<Record<string, string>> = { yuan: "万元", "yuan-per-year": "万元/年" };

/** 10,000: one 万. */
export const WAN = 10_000;

/** A year parameter at or below 0 means "never" (see the subsidy model's `wideningYear`). */
export const NEVER = { zh: "从不", en: "never" } as const;

/**
 * A parameter value with its unit in both languages, for messages built inside the models (goal seek):
 * grouped digits ("20,000,000 yuan a year" / "2,000万元/年": budgets in 万元 in Chinese), at most `decimals` decimals, a true
 * minus sign, years ungrouped and "never" for a year at or below 0.
 */
export function paramText(value: number, unit: ParamUnit, decimals = 2): { zh: string; en: string } {
  if (unit === "year") {
    return value <= 0 ? { ...NEVER } : { zh: String(Math.round(value)), en: String(Math.round(value)) };
  }
  const fmt = (lang: string) =>
    new Intl.NumberFormat(lang, { maximumFractionDigits: decimals, useGrouping: true })
      .format(value)
      .replace("-", "\u2212");
  const w = PARAM_UNIT_WORDS[unit]!;
  const wan = WAN_YUAN_UNITS[unit];
  const zh =
    wan !== undefined && Math.abs(value) >= WAN
      ? `${new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 4, useGrouping: true }).format(value / WAN).replace("-", "\u2212")}${wan}`
      : `${fmt("zh-CN")}${w.zh}`;
  const en = w.en === "" ? fmt("en-US") : `${fmt("en-US")}${w.space ? " " : ""}${w.en}`;
  return { zh, en };
}

/** Describes one numeric parameter of a model: what it means, its unit and the range it makes sense in. */
export interface ParamSpec {
  readonly name: string;
  readonly unit: ParamUnit;
  /** Hard bounds outside which the model is not meaningful (a scenario's range must sit inside). */
  readonly min: number;
  readonly max: number;
  /** One line, English, stating the unit and what it drives. */
  readonly doc: string;
  /** The same line in Chinese (`npm run models -- --lang zh-CN`). */
  readonly docZh: string;
}

/** A model as the linked world sees it. */
export interface ModelSpec<P extends string = string, I extends string = string, O extends string = string> {
  readonly name: string;
  readonly params: readonly (ParamSpec & { name: P })[];
  /** Names of the input series it reads (each bound to an upstream output by the plan's bindings). */
  readonly inputs: readonly I[];
  readonly outputs: readonly O[];
  /** Allocates the output columns for `n` years. */
  createWorkspace(n: number): Record<O, Series>;
  /** Writes every output for every year. Pure: same inputs, same outputs. */
  run(
    params: Readonly<Record<P, number>>,
    inputs: Readonly<Record<I, Series>>,
    span: YearSpan,
    out: Record<O, Series>,
  ): void;
}
