import type { IndicatorResult } from "../../../models/engine.ts";
import { displayDecimals, type Pace } from "../../../models/feasibility.ts";
import type { Indicator } from "../../../models/plan.ts";
import { type Lang, pick } from "../../../models/text.ts";
import {
  formatNumber,
  formatProbability,
  formatSigned,
  formatValue,
  formatYear,
  type ValueUnit,
} from "../../kernel/format.ts";
import type { I18n } from "../../kernel/i18n.ts";
import { againstAtTarget, type JudgedNumbers, projectedValueOf } from "../../kernel/shown-values.ts";

/**
 * The words of a verdict every view shares: an indicator's value, target, margin, pace and probability
 * written in the person's language, and which result a verdict is read from. Plain functions; the
 * badges that show a verdict are components beside this file (verdict.tsx, status-badge.tsx,
 * basis-badge.tsx, indicator-name.tsx).
 */

const COMPARATOR_TEXT = { ">=": "≥", ">": ">", "=": "=", "<=": "≤", "<": "<" } as const;

/** How an indicator's values are written: at the precision it is judged at, so what is shown is judged. */
export function unitOf(ind: Indicator): ValueUnit {
  return { unit: ind.unit, precision: displayDecimals(ind), unitLabel: ind.unitLabel };
}

/**
 * The result a verdict is read from: the Monte Carlo's (its median sample) once it has answered for the
 * current inputs, the deterministic run at the medians before that or without sampling. One rule for
 * every view, so the table, the detail, the comparison and the report agree.
 */
export function shownResult(
  det: IndicatorResult,
  mc: IndicatorResult | undefined,
  mcPending: boolean,
): IndicatorResult {
  return mc && !mcPending ? mc : det;
}

/** ESCAP's ratio of the projected (trend) pace to the pace needed, when both are paces of change. */
export function paceRatioText(pace: Pace, lang: Lang, t: I18n["t"]): string | null {
  if (pace.ratio === null || !Number.isFinite(pace.ratio)) return null;
  return t("pace.ratio", { ratio: formatNumber(pace.ratio, lang, 2) });
}

/** The target in words: "≥ 2,500 households", "in step with GDP growth", "hold the baseline level". */
export function targetText(ind: Indicator, lang: Lang, t: I18n["t"]): string {
  const tg = ind.target;
  if (tg.kind === "in-step-with") {
    return t("target.inStep", { series: lang === "zh-CN" ? tg.seriesName.zh : tg.seriesName.en });
  }
  if (tg.kind === "hold") return t("target.hold");
  if (tg.kind === "range")
    return `${formatValue(tg.lo, unitOf(ind), lang)} – ${formatValue(tg.hi, unitOf(ind), lang)}`;
  return `${COMPARATOR_TEXT[tg.comparator]} ${formatValue(tg.value, unitOf(ind), lang)}`;
}

/** The margin in the indicator's unit, signed; percentage points for rates. */
export function marginText(ind: Indicator, margin: number, lang: Lang): string {
  const decimals = Math.max(
    displayDecimals(ind),
    ind.unit === "percent" || ind.unit === "growth-rate" ? 1 : 0,
  );
  const n = formatSigned(margin, lang, decimals);
  if (ind.unit === "percent" || ind.unit === "growth-rate") {
    return lang === "zh-CN" ? `${n} 个百分点` : `${n} points`;
  }
  return formatValue(Math.abs(margin), { ...unitOf(ind), precision: decimals }, lang).replace(
    formatNumber(Math.abs(margin), lang, decimals),
    n,
  );
}

/** One pace figure in words, with its unit (points a year, % a year, so many a year). */
export function paceValueText(
  ind: Indicator,
  pace: Pace,
  v: number | null,
  lang: Lang,
  t: I18n["t"],
): string {
  if (v === null || !Number.isFinite(v)) return "—";
  switch (pace.kind) {
    case "points":
      return t("pace.points", { value: formatSigned(v, lang, Math.max(1, ind.precision)) });
    case "compound":
      return t("pace.compound", { value: formatSigned(v, lang, 1) });
    case "growth":
      return t("pace.growth", { value: formatValue(v, { unit: "growth-rate", precision: 1 }, lang) });
    case "per-year":
      return t("pace.per-year", {
        value: formatValue(v, { ...unitOf(ind), precision: ind.precision }, lang),
      });
  }
}

/** The unit a pace is measured in, for the header of its cell. */
export function paceUnitText(pace: Pace, t: I18n["t"]): string {
  switch (pace.kind) {
    case "points":
      return t("pace.unitPoints");
    case "compound":
      return t("pace.unitCompound");
    case "growth":
      return t("pace.unitGrowth");
    case "per-year":
      return t("pace.unitPerYear");
  }
}

/** A probability, or an ellipsis while it is computed. */
export function probabilityText(p: number | null | undefined, lang: Lang): string {
  return p === null || p === undefined ? "…" : formatProbability(p, lang);
}

/** The unit in words for an axis or a caption: a count's own label ("户"), else the unit's name. */
export function unitWords(ind: Indicator, lang: Lang, t: I18n["t"]): string {
  return ind.unit === "count" && ind.unitLabel ? pick(ind.unitLabel, lang) : t(`unit.${ind.unit}`);
}

/** The name as one plain string, for labels: zh in Chinese mode, en in English mode. */
export function indicatorLabel(ind: Indicator, lang: Lang): string {
  return lang === "zh-CN" ? ind.name.zh : ind.name.en;
}

/**
 * The projected value a person compares with the target: the target-year value, or the worst year of an
 * annual target; for "in step with GDP", the projected average growth next to GDP's (not the gap).
 */
export function projectedText(ind: Indicator, r: IndicatorResult, lang: Lang): string {
  return projectedTextOf(
    ind,
    { value: r.judgement.value, against: againstAtTarget(ind, r), judgedYear: r.judgedYear },
    lang,
  );
}

/**
 * {@link projectedText} from a verdict's numbers as the verdict table holds them (its `value`, `against`
 * and `judgedYear` columns, result-tables.ts `verdictTable`), so the dashboard, the report and the CSV
 * read one number from one table.
 */
export function projectedTextOf(
  ind: Indicator,
  n: JudgedNumbers & { judgedYear: number },
  lang: Lang,
): string {
  const u = unitOf(ind);
  // The number itself is projectedValue's, so a comparison's difference or a CSV cell agrees with it.
  const value = formatValue(projectedValueOf(ind, n), u, lang);
  if (ind.target.kind === "in-step-with" && n.against !== null) {
    return `${value} (${lang === "zh-CN" ? "生产总值" : "GDP"} ${formatValue(n.against, u, lang)})`;
  }
  // An annual target is judged on its worst year: say which, so the value is not read as the last year's.
  return n.judgedYear !== ind.target.year ? `${value} (${formatYear(n.judgedYear)})` : value;
}
