import type { Series } from "./model.ts";
import { type Comparator, type Indicator, scaleDigits } from "./plan.ts";
import type { Bands } from "./scenario.ts";

/**
 * Feasibility rules (DESIGN.md): comparison at the precision the plan prints; "in step with GDP" met
 * when the projected average annual growth is at least GDP's; "hold" met when the projection never
 * falls below the baseline; annual targets must hold in every year of the plan period; cumulative
 * targets count the total over the period.
 */

/** Rounds to `digits` decimals the way a printed table would (half away from zero). */
export function roundTo(x: number, digits: number): number {
  if (digits < 0) {
    // A scaled row (万 = digits −4): round to whole multiples of 10^−digits, exactly.
    const g = 10 ** -digits;
    const r = Math.floor(Math.abs(x) / g + 0.5 + 1e-9) * g;
    return x < 0 ? -r : r;
  }
  const f = 10 ** digits;
  const y = Math.abs(x) * f;
  // A tiny nudge so 94.49999999999 from floating error prints as the 94.5 a person computed.
  const r = Math.floor(y + 0.5 + 1e-9) / f;
  return x < 0 ? -r : r;
}

export function compare(x: number, c: Comparator, v: number): boolean {
  switch (c) {
    case ">=":
      return x >= v;
    case ">":
      return x > v;
    case "=":
      return x === v;
    case "<=":
      return x <= v;
    case "<":
      return x < v;
  }
}

export interface Judgement {
  /** The value judged: the target-year value, the worst year of an annual target, or the growth gap. */
  metric: number;
  /** `metric` rounded to the judging precision: the value a person is shown, and the one judged. */
  value: number;
  met: boolean;
  /**
   * How far past (+) or short of (−) the target, from the rounded value, in the indicator's unit
   * (percentage points for rates), itself at the judging precision: met exactly when margin ≥ 0.
   */
  margin: number;
  /**
   * A number that orders outcomes from worse to better for this target (met is monotone in it): the
   * Monte Carlo verdict is the sample at the upper median of the score, so that it is met exactly when
   * at least half the samples are.
   */
  score: number;
}

/**
 * Decimal places a target is judged at: the plan's printed precision, or more where the baseline was
 * printed with more (Huyi row 3: baseline "96.86", target "≥97" — judged at two decimals, so holding
 * 96.86 does not round up to a met 97). The plan check reports such mismatches.
 */
export function judgingPrecision(ind: Indicator): number {
  // Judging runs once per sample and indicator; the regex over the printed baseline need not.
  let p = precisionOf.get(ind);
  if (p === undefined) {
    const printed = ind.baseline.qualifier === "not-in-source" ? 0 : printedDecimals(ind.baseline.printed);
    // A scaled row ("4（万人）", precision 0) is judged on base units to the nearest 10,000: digits −4.
    p = Math.max(ind.precision, printed) - scaleDigits(ind.scale);
    precisionOf.set(ind, p);
  }
  return p;
}

/** Decimals to show a judged value with: the judging precision, never below 0 (scaled rows). */
export function displayDecimals(ind: Indicator): number {
  return Math.max(0, judgingPrecision(ind));
}

/**
 * How far `x` lies outside [lo, hi] (0 inside): the distance a range target is missed by. Its negative
 * is a range target's score, so met (distance 0 at the judging precision) is monotone in it.
 */
export function outsideRange(x: number, lo: number, hi: number): number {
  return x < lo ? lo - x : x > hi ? x - hi : 0;
}
const precisionOf = new WeakMap<Indicator, number>();

/** Decimal places in a printed number such as "96.86", ">99%" or "—" (0 when there is none). */
export function printedDecimals(printed: string): number {
  const m = /\d[.．](\d+)/.exec(printed);
  return m ? Math.min(m[1]!.length, 4) : 0;
}

/**
 * The index range of years an annual target must hold in: from the first year of the plan period (or
 * the series start, if later) to the target year. Where the baseline year is itself the first plan year
 * (Huyi: 2021–2025), that year counts too.
 */
function annualRange(ind: Indicator, start: number, periodFrom: number): [number, number] {
  const from = Math.max(periodFrom, start) - start;
  return [from, ind.target.year - start];
}

/** The year whose value an annual target is judged on (its worst year); the target year otherwise. */
export function judgedYear(ind: Indicator, series: Series, start: number, periodFrom: number): number {
  const t = ind.target;
  if (ind.measure !== "annual" || (t.kind !== "compare" && t.kind !== "range")) return t.year;
  const [from, to] = annualRange(ind, start, periodFrom);
  let at = from;
  if (t.kind === "range") {
    for (let i = from + 1; i <= to; i++)
      if (outsideRange(series[i]!, t.lo, t.hi) > outsideRange(series[at]!, t.lo, t.hi)) at = i;
    return start + at;
  }
  for (let i = from + 1; i <= to; i++) {
    const y = series[i]!;
    const x = series[at]!;
    const c = t.comparator;
    if (
      c === ">=" || c === ">"
        ? y < x
        : c === "<=" || c === "<"
          ? y > x
          : Math.abs(y - t.value) > Math.abs(x - t.value)
    )
      at = i;
  }
  return start + at;
}

/**
 * Judges one indicator on one projected series. `start` is the series' first year; `against` is the
 * series an "in step with" target keeps pace with.
 */
export function judge(
  ind: Indicator,
  series: Series,
  against: Series | undefined,
  start: number,
  periodFrom: number,
): Judgement {
  return judgeInto(ind, series, against, start, periodFrom, {
    metric: 0,
    value: 0,
    met: false,
    margin: 0,
    score: 0,
  });
}

/** `x` at `digits` decimals with no negative zero. */
function clean(x: number, digits: number): number {
  return roundTo(x, digits) + 0;
}

/** {@link judge} writing into `out` (the Monte Carlo loop reuses one object instead of allocating). */
export function judgeInto(
  ind: Indicator,
  series: Series,
  against: Series | undefined,
  start: number,
  periodFrom: number,
  out: Judgement,
): Judgement {
  const t = ind.target;
  const T = t.year - start;
  if (t.kind === "in-step-with") {
    const gap = series[T]! - against![T]!;
    return judgementOf(ind, gap, gap, out);
  }
  if (t.kind === "range") {
    let x = series[T]!;
    if (ind.measure === "annual") {
      const [from, to] = annualRange(ind, start, periodFrom);
      x = series[from]!;
      for (let i = from + 1; i <= to; i++)
        if (outsideRange(series[i]!, t.lo, t.hi) > outsideRange(x, t.lo, t.hi)) x = series[i]!;
    }
    return judgementOf(ind, x, -outsideRange(x, t.lo, t.hi), out);
  }
  if (t.kind === "hold") {
    const b =
      ind.baseline.qualifier === "missing" || ind.baseline.qualifier === "not-in-source"
        ? series[0]!
        : ind.baseline.value;
    let worst = Number.POSITIVE_INFINITY;
    for (let i = 1; i <= T; i++) if (series[i]! < worst) worst = series[i]!;
    return judgementOf(ind, worst, worst - b, out);
  }
  const v = t.value;
  const c = t.comparator;
  let x: number;
  if (ind.measure === "annual") {
    const [from, to] = annualRange(ind, start, periodFrom);
    x = series[from]!;
    for (let i = from + 1; i <= to; i++) {
      const y = series[i]!;
      if (c === ">=" || c === ">") {
        if (y < x) x = y;
      } else if (c === "<=" || c === "<") {
        if (y > x) x = y;
      } else if (Math.abs(y - v) > Math.abs(x - v)) x = y;
    }
  } else {
    x = series[T]!;
  }
  return judgementOf(ind, x, c === "<=" || c === "<" ? -x : x, out);
}

/**
 * {@link judgeInto} for `count` samples stored as year columns: `column(y)` holds year index `y` of every
 * sample, `againstAtTarget` the "in step" series at the target year. Writes each sample's `met` (0/1),
 * `metric` and `score`. The judged value is found by exactly the comparisons {@link judgeInto} makes, in
 * the same order, and finished by the same {@link judgementOf}, so the results are identical to judging
 * each sample's series on its own (tests/models/monte-carlo.test.ts checks it).
 */
export function judgeColumns(
  ind: Indicator,
  column: (y: number) => Float64Array,
  againstAtTarget: Float64Array | undefined,
  start: number,
  periodFrom: number,
  count: number,
  met: Uint8Array,
  metric: Float64Array,
  score: Float64Array,
): void {
  const t = ind.target;
  const T = t.year - start;
  const x = metric;
  const sc = score;
  if (t.kind === "in-step-with") {
    const s = column(T);
    const a = againstAtTarget!;
    for (let k = 0; k < count; k++) {
      const gap = s[k]! - a[k]!;
      x[k] = gap;
      sc[k] = gap;
    }
  } else if (t.kind === "range") {
    // As judgeInto: the target year, or an annual target's year furthest outside the range.
    if (ind.measure === "annual") {
      const [from, to] = annualRange(ind, start, periodFrom);
      x.set(column(from).subarray(0, count));
      for (let i = from + 1; i <= to; i++) {
        const s = column(i);
        for (let k = 0; k < count; k++)
          if (outsideRange(s[k]!, t.lo, t.hi) > outsideRange(x[k]!, t.lo, t.hi)) x[k] = s[k]!;
      }
    } else x.set(column(T).subarray(0, count));
    for (let k = 0; k < count; k++) sc[k] = -outsideRange(x[k]!, t.lo, t.hi);
  } else if (t.kind === "hold") {
    const noBaseline = ind.baseline.qualifier === "missing" || ind.baseline.qualifier === "not-in-source";
    const base = noBaseline ? column(0) : null;
    const b =
      ind.baseline.qualifier === "exact" || ind.baseline.qualifier === "greater-than"
        ? ind.baseline.value
        : 0;
    x.fill(Number.POSITIVE_INFINITY, 0, count);
    for (let i = 1; i <= T; i++) {
      const s = column(i);
      for (let k = 0; k < count; k++) if (s[k]! < x[k]!) x[k] = s[k]!;
    }
    for (let k = 0; k < count; k++) sc[k] = x[k]! - (base ? base[k]! : b);
  } else {
    const v = t.value;
    const c = t.comparator;
    if (ind.measure === "annual") {
      const [from, to] = annualRange(ind, start, periodFrom);
      x.set(column(from).subarray(0, count));
      for (let i = from + 1; i <= to; i++) {
        const s = column(i);
        if (c === ">=" || c === ">") {
          for (let k = 0; k < count; k++) if (s[k]! < x[k]!) x[k] = s[k]!;
        } else if (c === "<=" || c === "<") {
          for (let k = 0; k < count; k++) if (s[k]! > x[k]!) x[k] = s[k]!;
        } else {
          for (let k = 0; k < count; k++) if (Math.abs(s[k]! - v) > Math.abs(x[k]! - v)) x[k] = s[k]!;
        }
      }
    } else {
      x.set(column(T).subarray(0, count));
    }
    const negate = c === "<=" || c === "<";
    for (let k = 0; k < count; k++) sc[k] = negate ? -x[k]! : x[k]!;
  }
  if (t.kind === "compare" && t.comparator !== "=") {
    // What judgementOf decides for these targets, without the rest of the judgement: met compares the
    // judged value at the judging precision; metric and score are already final.
    const p = judgingPrecision(ind);
    const v = t.value;
    const c = t.comparator;
    for (let k = 0; k < count; k++) met[k] = compare(roundTo(x[k]!, p), c, v) ? 1 : 0;
    return;
  }
  const out: Judgement = { metric: 0, value: 0, met: false, margin: 0, score: 0 };
  for (let k = 0; k < count; k++) {
    judgementOf(ind, x[k]!, sc[k]!, out);
    met[k] = out.met ? 1 : 0;
    x[k] = out.metric;
    sc[k] = out.score;
  }
}

/**
 * The judgement of a judged value `metric` (see {@link Judgement}). `score` orders outcomes: for "at
 * least" targets the metric, for "at most" targets its negative, for "hold" the metric less the
 * baseline held, for "in step" the growth gap; for "=" targets it is recomputed as the margin, and for a
 * range as minus the judged value's distance outside the range (0 inside).
 */
export function judgementOf(ind: Indicator, metric: number, score: number, out: Judgement): Judgement {
  const t = ind.target;
  const p = judgingPrecision(ind);
  out.metric = metric;
  if (t.kind === "in-step-with") {
    const q = Math.max(p, 1);
    out.value = clean(metric, q);
    // "Basically in step" allows the gap to fall short by the stated tolerance.
    out.margin = clean(out.value + (t.basically ? (t.tolerance ?? 0) : 0), q);
    out.met = out.margin >= 0;
    out.score = score;
    return out;
  }
  out.value = clean(metric, p);
  if (t.kind === "range") {
    const r = out.value;
    // Inside: the room left to the nearer end; outside: minus the distance to the range.
    out.margin = clean(r < t.lo ? r - t.lo : r > t.hi ? t.hi - r : Math.min(r - t.lo, t.hi - r), p);
    out.met = r >= t.lo && r <= t.hi;
    out.score = -clean(outsideRange(r, t.lo, t.hi), p);
    return out;
  }
  if (t.kind === "hold") {
    out.margin = clean(out.value - roundTo(metric - score, p), p);
    out.met = out.margin >= 0;
    out.score = score;
    return out;
  }
  const v = t.value;
  const c = t.comparator;
  const r = out.value;
  // A strict target is measured from the next printed value: ">95" printed as integers needs 96.
  const unit = 10 ** -p;
  const margin =
    c === ">="
      ? r - v
      : c === ">"
        ? r - (v + unit)
        : c === "<="
          ? v - r
          : c === "<"
            ? v - unit - r
            : -Math.abs(r - v);
  out.margin = clean(margin, p);
  out.met = compare(r, c, v);
  out.score = c === "=" ? out.margin : score;
  return out;
}

export type Status = "on-track" | "at-risk" | "off-track";

/** Status band from the probability of meeting the target (percent). */
export function statusOf(probabilityPct: number, bands: Bands): Status {
  if (probabilityPct >= bands.onTrack) return "on-track";
  if (probabilityPct < bands.offTrack) return "off-track";
  return "at-risk";
}

/** How a pace is expressed: percentage points a year, % compound growth a year, or units a year. */
export type PaceKind = "points" | "compound" | "per-year" | "growth";

export interface Pace {
  kind: PaceKind;
  /** The last known value the pace starts from: the last actual, else the baseline. */
  fromYear: number;
  fromValue: number;
  /** Constant annual change that reaches the target by the target year; null when it cannot be said. */
  required: number | null;
  /** The same measure of the projection from `fromYear` to the target year. */
  projected: number | null;
  /**
   * Projected ÷ required pace where both are positive paces of change (UN ESCAP's ratio of the trend to
   * the required rate of progress): ≥ 1 keeps pace; null for annual, "in step" and reached targets.
   */
  ratio: number | null;
}

function isRateUnit(ind: Indicator): boolean {
  return ind.unit === "percent" || ind.unit === "growth-rate";
}

/**
 * Required against projected pace from the last known value. Rates move in percentage points a year;
 * counts compound; cumulative targets need so many a year; annual targets need the value every year.
 */
export function paceOf(
  ind: Indicator,
  projection: Series,
  against: Series | undefined,
  start: number,
  last: { year: number; value: number } | null,
  periodFrom: number = start,
): Pace {
  const t = ind.target;
  const T = t.year - start;
  const fromYear = last?.year ?? start;
  const i0 = fromYear - start;
  // Required and projected pace start from one value: the projection's own, which is the last actual
  // where there is one (the path is anchored through it), the printed baseline where it is exact, and
  // the scenario's starting value where the plan printed only a bound (">96") or nothing.
  const fromValue = last?.value ?? projection[i0]!;
  const years = T - i0;
  if (t.kind === "in-step-with") {
    return {
      kind: "growth",
      fromYear,
      fromValue,
      required: against ? against[T]! : null,
      projected: projection[T]!,
      ratio: null,
    };
  }
  // A strict target (">99" printed as integers) is reached at the next printed value (100).
  const unit = 10 ** -judgingPrecision(ind);
  const target =
    t.kind === "hold"
      ? fromValue
      : t.kind === "range"
        ? Math.min(Math.max(fromValue, t.lo), t.hi)
        : t.comparator === ">"
          ? t.value + unit
          : t.comparator === "<"
            ? t.value - unit
            : t.value;
  if (years <= 0)
    return { kind: "points", fromYear, fromValue, required: null, projected: null, ratio: null };
  if (ind.measure === "annual") {
    // The value of the year the target is judged on (its worst year), as everywhere else.
    const judged = projection[judgedYear(ind, projection, start, periodFrom) - start]!;
    return { kind: "per-year", fromYear, fromValue, required: target, projected: judged, ratio: null };
  }
  const ratio = (req: number | null, proj: number | null) =>
    req !== null && proj !== null && req > 0 ? proj / req : null;
  if (ind.measure === "cumulative" || isRateUnit(ind)) {
    const required = (target - fromValue) / years;
    const projected = (projection[T]! - projection[i0]!) / years;
    return {
      kind: ind.measure === "cumulative" ? "per-year" : "points",
      fromYear,
      fromValue,
      required,
      projected,
      ratio: ratio(required, projected),
    };
  }
  const cagr = (a: number, b: number) => (a > 0 && b >= 0 ? ((b / a) ** (1 / years) - 1) * 100 : null);
  const required = cagr(fromValue, target);
  const projected = cagr(projection[i0]!, projection[T]!);
  return { kind: "compound", fromYear, fromValue, required, projected, ratio: ratio(required, projected) };
}

/**
 * Re-projection from actuals. Observed values after the baseline become the starting point: the model's
 * path is shifted to pass through each actual (additively for rates and cumulative totals,
 * proportionally for counts per year), the shift interpolated linearly between the baseline (no shift)
 * and the actuals and held after the last one. Rates stay within [0, 100].
 */
export interface Anchor {
  /** Year indices of the actuals, ascending, each > 0. */
  readonly at: Int32Array;
  readonly values: Float64Array;
  readonly multiplicative: boolean;
  readonly percent: boolean;
  /** Counts never go below zero; growth rates may. */
  readonly count: boolean;
}

export function anchorFor(
  ind: Indicator,
  actuals: readonly { year: number; value: number }[],
  start: number,
): Anchor | null {
  const rows = actuals
    .filter((a) => a.year > start && a.year <= ind.target.year)
    .sort((a, b) => a.year - b.year);
  if (rows.length === 0) return null;
  const multiplicative = !isRateUnit(ind) && ind.measure !== "cumulative";
  return {
    at: Int32Array.from(rows.map((r) => r.year - start)),
    values: Float64Array.from(rows.map((r) => r.value)),
    multiplicative,
    percent: ind.unit === "percent",
    count: !isRateUnit(ind),
  };
}

/** Writes the anchored path of `series` into `out` (which may be `series` itself). */
export function applyAnchor(anchor: Anchor, series: Series, out: Series): void {
  const n = series.length;
  const k = anchor.at.length;
  const shift = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const m = series[anchor.at[j]!]!;
    shift[j] = anchor.multiplicative ? (m > 0 ? anchor.values[j]! / m : 1) : anchor.values[j]! - m;
  }
  const neutral = anchor.multiplicative ? 1 : 0;
  let j = 0;
  for (let i = 0; i < n; i++) {
    while (j < k && anchor.at[j]! < i) j++;
    let s: number;
    if (j < k && anchor.at[j] === i) s = shift[j]!;
    else if (j >= k) s = shift[k - 1]!;
    else {
      const prevAt = j === 0 ? 0 : anchor.at[j - 1]!;
      const prevS = j === 0 ? neutral : shift[j - 1]!;
      const w = (i - prevAt) / (anchor.at[j]! - prevAt);
      s = prevS + w * (shift[j]! - prevS);
    }
    let v = anchor.multiplicative ? series[i]! * s : series[i]! + s;
    // At an actual's year the path is the actual itself, exactly (not m + (a − m) in floating point).
    if (j < k && anchor.at[j] === i) v = anchor.values[j]!;
    if (anchor.percent) v = Math.min(Math.max(v, 0), 100);
    else if (anchor.count && v < 0) v = 0;
    out[i] = v;
  }
}
