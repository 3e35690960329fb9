import { ok, refuse } from "./result.ts";
import type { Bilingual, Result } from "./text.ts";

/**
 * Trends fitted to observed points, the way UN ESCAP's SDG progress assessment fits them: a straight
 * line for rates (percentage points a year) and a log-linear line for counts (a compound % a year), both
 * by ordinary least squares over every point. Pure and deterministic.
 */

/**
 * `points`: linear least squares of value on year; the pace is in the value's own unit a year
 * (percentage points a year for a percentage). `compound`: least squares of ln(value) on year; the pace
 * is the compound growth in percent a year, (e^slope − 1) × 100.
 */
export type TrendKind = "points" | "compound";

/** An observation: `year` may be fractional (2021.5 for mid-2021); `value` in any unit. */
export interface TrendPoint {
  year: number;
  value: number;
}

/** A fitted trend. */
export interface Trend {
  kind: TrendKind;
  /** Units a year for `points`; percent a year for `compound`. 0 for a flat trend. */
  pace: number;
  /** The fitted line at the first and the last observed year (the observations themselves when n = 2). */
  from: TrendPoint;
  to: TrendPoint;
  /** Number of points fitted. */
  n: number;
  /**
   * Standard error of the pace from the residuals (√(SSR/(n−2)/Sxx)), in the pace's unit; for `compound`
   * carried to percent a year by the delta method (× e^slope × 100). null when n < 3, where a line
   * through the points leaves no residual to judge it by.
   */
  sd: number | null;
  /** Why the trend is flat or otherwise special (one point; every value equal). */
  note?: Bilingual;
}

/**
 * Fits a trend of `kind` to `points` (any order). With one point, or every value equal, the trend is
 * flat (pace 0, sd 0 when n ≥ 3 else null) with a note saying why.
 *
 * Errors (bilingual): no points; a year or value that is not finite; several points all in one year
 * with different values (no slope can be fitted); for `compound`, a value ≤ 0 (no logarithm).
 */
export function fitTrend(points: readonly TrendPoint[], kind: TrendKind): Result<Trend, Bilingual> {
  const n = points.length;
  if (n === 0) return refuse("没有数据点，无法拟合趋势", "no points to fit a trend to");
  for (const p of points) {
    if (!Number.isFinite(p.year) || !Number.isFinite(p.value)) {
      return refuse(`数据点 ${p.year}: ${p.value} 不是有限数字`, `point ${p.year}: ${p.value} is not finite`);
    }
    if (kind === "compound" && p.value <= 0) {
      return refuse(
        `复合增长趋势要求取值为正，${p.year} 年为 ${p.value}`,
        `a compound trend needs positive values; ${p.year} has ${p.value}`,
      );
    }
  }
  const sorted = [...points].sort((a, b) => a.year - b.year);
  const first = sorted[0]!;
  const last = sorted[n - 1]!;
  const allEqual = sorted.every((p) => p.value === first.value);
  if (n === 1 || allEqual) {
    const note: Bilingual =
      n === 1
        ? { zh: "只有一个数据点：按持平（0）处理", en: "one point only: taken as flat (0)" }
        : { zh: "各数据点取值相同：趋势持平（0）", en: "every point has the same value: flat (0)" };
    return ok({
      kind,
      pace: 0,
      from: { year: first.year, value: first.value },
      to: { year: last.year, value: first.value },
      n,
      sd: n >= 3 ? 0 : null,
      note,
    });
  }
  const ys = sorted.map((p) => (kind === "compound" ? Math.log(p.value) : p.value));
  const meanX = sorted.reduce((s, p) => s + p.year, 0) / n;
  const meanY = ys.reduce((s, y) => s + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = sorted[i]!.year - meanX;
    sxx += dx * dx;
    sxy += dx * (ys[i]! - meanY);
  }
  if (sxx === 0) {
    return refuse(
      "所有数据点在同一年且取值不同，无法拟合斜率",
      "every point is in the same year with different values: no slope can be fitted",
    );
  }
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  let sd: number | null = null;
  if (n >= 3) {
    let ssr = 0;
    for (let i = 0; i < n; i++) {
      const r = ys[i]! - (intercept + slope * sorted[i]!.year);
      ssr += r * r;
    }
    const seSlope = Math.sqrt(ssr / (n - 2) / sxx);
    sd = kind === "compound" ? Math.exp(slope) * seSlope * 100 : seSlope;
  }
  const at = (x: number) => (kind === "compound" ? Math.exp(intercept + slope * x) : intercept + slope * x);
  return ok({
    kind,
    pace: kind === "compound" ? (Math.exp(slope) - 1) * 100 : slope,
    from: { year: first.year, value: at(first.year) },
    to: { year: last.year, value: at(last.year) },
    n,
    sd,
  });
}

/**
 * The average a year of a cumulative total over `span`, both years inclusive: 488 retrofits over
 * 2016–2020 is 97.6 a year. Errors when the span runs backwards or the total is not finite.
 */
export function perYearAverage(
  total: number,
  span: { from: number; to: number },
): Result<{ perYear: number; years: number }, Bilingual> {
  if (!Number.isFinite(total)) return refuse(`累计值 ${total} 不是有限数字`, `total ${total} is not finite`);
  if (!Number.isInteger(span.from) || !Number.isInteger(span.to) || span.from > span.to) {
    return refuse(
      `起止年份 ${span.from}–${span.to} 无效`,
      `span ${span.from}–${span.to} is not a valid range of years`,
    );
  }
  const years = span.to - span.from + 1;
  return ok({ perYear: total / years, years });
}

/**
 * Compound growth in percent a year between two positive values `years` apart: (b/a)^(1/years) − 1.
 * The two-point special case of a `compound` trend, for figures with a finer date than a year
 * (e.g. mid-2021 to mid-2025 is 4 years).
 */
export function compoundRate(a: number, b: number, years: number): Result<number, Bilingual> {
  if (!(a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b))) {
    return refuse("复合增长率要求两个正数", "compound growth needs two positive values");
  }
  if (!(years > 0 && Number.isFinite(years))) {
    return refuse(`间隔年数 ${years} 应为正数`, `the interval ${years} must be a positive number of years`);
  }
  return ok(((b / a) ** (1 / years) - 1) * 100);
}
