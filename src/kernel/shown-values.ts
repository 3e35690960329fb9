import type { IndicatorResult } from "../../models/engine.ts";
import { displayDecimals } from "../../models/feasibility.ts";
import type { Indicator } from "../../models/plan.ts";

/**
 * The numbers a verdict is shown with, as numbers: what the screen writes, so that a difference, a sort
 * or a CSV cell built from them agrees with the text beside it ("one number, one meaning"). Kept apart
 * from result-tables.ts so that views which only write a value do not load Arquero.
 */

/**
 * The projected value a person compares with the target, as a number in the indicator's unit: the
 * judged value (the target-year value, or an annual target's worst year) — or, for an "in step with"
 * target, the projected average growth itself (the judged value is its gap to the series it follows).
 * Rounded to the precision it is shown at (`displayDecimals`), so it is the number the screen writes;
 * `projectedText` in components/shared/verdict.tsx writes this number. NaN when it cannot be read.
 */
export function projectedValue(ind: Indicator, r: IndicatorResult): number {
  return projectedValueOf(ind, { value: r.judgement.value, against: againstAtTarget(ind, r) });
}

/**
 * A verdict's numbers as the verdict table holds them (result-tables.ts `verdictTable`): the judged value
 * and, for an "in step with" target, the value of the series it follows in the target year (else null).
 */
export interface JudgedNumbers {
  value: number;
  against: number | null;
}

/** {@link projectedValue} from a verdict's numbers, as the verdict table holds them. */
export function projectedValueOf(ind: Indicator, n: JudgedNumbers): number {
  let v = n.value;
  if (ind.target.kind === "in-step-with" && n.against !== null) v = n.against + n.value;
  return shownAt(v, displayDecimals(ind));
}

/**
 * For an "in step with" target, the value in its target year of the series it follows (GDP growth):
 * NaN when the series does not reach that year; null for any other target or without the series.
 */
export function againstAtTarget(ind: Indicator, r: IndicatorResult): number | null {
  if (ind.target.kind !== "in-step-with" || !r.against) return null;
  // Series start at the baseline year (the world requires every baseline in the plan's baseline year).
  return r.against[ind.target.year - ind.baseline.year] ?? Number.NaN;
}

/**
 * A number rounded as `Intl.NumberFormat` writes it at `decimals` places (`toFixed` rounds the binary
 * value exactly, ties away from zero, as the formatter does), with −0 made 0.
 */
export function shownAt(v: number, decimals: number): number {
  return Number.isFinite(v) ? Number(v.toFixed(decimals)) + 0 : Number.NaN;
}

/**
 * A probability (percent) as the whole percent the screen writes it (`formatProbability`): rounded,
 * except that a value strictly between 0 and 100 stays strictly between (the screen writes "<1%" and
 * ">99%" there), so no number here claims a certainty the samples do not show. Null stays null.
 */
export function shownProbability(p: number | null): number | null {
  if (p === null || !Number.isFinite(p)) return null;
  const r = Math.round(p);
  if (p > 0 && r === 0) return 1;
  if (p < 100 && r === 100) return 99;
  return r + 0;
}
