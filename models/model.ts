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
] as const;
export type ParamUnit = (typeof PARAM_UNITS)[number];

/** Describes one numeric parameter of a model: what it means, its unit and the range it makes sense in. */
export interface ParamSpec {
  readonly name: string;
  readonly unit: ParamUnit;
  /** Hard bounds outside which the model is not meaningful (a scenario's range must sit inside). */
  readonly min: number;
  readonly max: number;
  /** One line, English, stating the unit and what it drives. */
  readonly doc: string;
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
