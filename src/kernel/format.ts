import { NEVER, PARAM_UNIT_WORDS, WAN, WAN_YUAN_UNITS } from "../../models/model.ts";
import { type Lang, pick } from "../../models/text.ts";

/**
 * Locale-aware number formatting. Both languages group thousands with a comma ("2,500"); the languages
 * differ in how a unit follows a number: Chinese writes it straight after ("2,500户"), English after a
 * space and in the plural where needed ("2,500 households", "1 household").
 */

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let nf = cache.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(lang === "en" ? "en-US" : "zh-CN", options);
    cache.set(key, nf);
  }
  return nf;
}

/** Writes what is not a finite number as a dash rather than "NaN" or "∞". */
const NOT_A_NUMBER = "—";

/**
 * A number with thousands grouping and a fixed number of decimals; a negative one with a true minus sign
 * (U+2212), "−0.07", as every surface prints it (CSV files write plain numbers, not this).
 * @param decimals digits after the point; default 0.
 */
export function formatNumber(value: number, lang: Lang, decimals = 0): string {
  if (!Number.isFinite(value)) return NOT_A_NUMBER;
  return numberFormat(lang, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: true,
    // A value that rounds to zero is written "0.0", never "-0.0".
    signDisplay: "negative",
  })
    .format(value)
    .replace("-", "−"); // a true minus sign, as formatSigned writes it (Intl writes a hyphen-minus)
}

/**
 * A number as a field shows it for editing: thousands grouped, at most `maxDecimals` decimals and no
 * trailing zeros ("47,528", "0.35"), a negative one with a hyphen-minus, as typed. The formatter is
 * cached, as for {@link formatNumber}: `toLocaleString` makes a new one on every call.
 */
export function formatEditable(value: number, lang: Lang, maxDecimals: number): string {
  return numberFormat(lang, { maximumFractionDigits: maxDecimals }).format(value);
}

/** A calendar year, never grouped: 2025 → "2025". */
export function formatYear(year: number): string {
  if (!Number.isFinite(year)) return NOT_A_NUMBER;
  return String(Math.trunc(year));
}

/**
 * A percentage. `value` is already in percent (98.37 means 98.37%, as plans print it), not a fraction.
 * @param decimals digits after the point; default 0 (plans print the precision they compare at).
 * @param lang default zh-CN; both languages write "98.37%".
 */
export function formatPercent(value: number, decimals = 0, lang: Lang = "zh-CN"): string {
  if (!Number.isFinite(value)) return NOT_A_NUMBER;
  return `${formatNumber(value, lang, decimals)}%`;
}

/** Units a count can carry. */
export type CountUnit = "people" | "attendances" | "households" | "yuan";

const UNIT_WORDS: Record<CountUnit, { zh: string; one: string; other: string }> = {
  people: { zh: "人", one: "person", other: "people" },
  attendances: { zh: "人次", one: "attendance", other: "attendances" },
  households: { zh: "户", one: "household", other: "households" },
  yuan: { zh: "元", one: "yuan", other: "yuan" },
};

/**
 * A count with its unit, grouped: (2500, "households", "zh-CN") → "2,500户";
 * (2500, "households", "en") → "2,500 households"; (1, "people", "en") → "1 person".
 * @param decimals digits after the point; default 0.
 */
export function formatCount(value: number, unit: CountUnit, lang: Lang, decimals = 0): string {
  const n = formatNumber(value, lang, decimals);
  if (n === NOT_A_NUMBER) return n;
  const words = UNIT_WORDS[unit];
  if (lang === "zh-CN") return `${n}${words.zh}`;
  return `${n} ${n === "1" ? words.one : words.other}`;
}

/**
 * An amount in yuan, grouped: (1234567, "zh-CN") → "1,234,567元"; (1234567, "en") → "1,234,567 yuan".
 * @param decimals digits after the point; default 0 (use 2 for fen).
 */
export function formatYuan(value: number, lang: Lang, decimals = 0): string {
  return formatCount(value, "yuan", lang, decimals);
}

/** Units a model parameter can carry (models/model.ts `PARAM_UNITS`), as words in each language. */

/** The words for a parameter unit, e.g. ("households-per-year", "en") → "households a year". */
export function paramUnitText(unit: string, lang: Lang): string {
  const w = PARAM_UNIT_WORDS[unit];
  if (!w) return unit;
  return lang === "zh-CN" ? w.zh : w.en;
}

/** Decimal places implied by a slider step: 10 → 0, 0.1 → 1, 0.01 → 2 (at most 4). */
export function decimalsOfStep(step: number | undefined): number {
  if (step === undefined || !Number.isFinite(step) || step <= 0 || step >= 1) return 0;
  return Math.min(4, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));
}

/**
 * How a yuan amount is shown: in Chinese, budgets and totals (`WAN_YUAN_UNITS`) of 10,000 yuan or more
 * are written in 万元 as the plans' own tables print them ("309万元/年"); otherwise in yuan. `magnitude`
 * is the size that decides (a field passes the largest value it allows, so its unit never flips while
 * the value moves). Returns the factor to divide by and the unit words, or null for no scaling.
 */
export function amountScale(
  unit: string,
  lang: Lang,
  magnitude: number,
): { factor: number; unit: string } | null {
  const wan = WAN_YUAN_UNITS[unit];
  if (lang !== "zh-CN" || wan === undefined || !(Math.abs(magnitude) >= WAN)) return null;
  return { factor: WAN, unit: wan };
}

/** A number shown in 万: up to 4 decimals (to the yuan), trailing zeros dropped, grouped, never "-0". */
function formatWan(value: number, lang: Lang): string {
  const n = formatNumber(value / WAN, lang, 4);
  return n.includes(".") ? n.replace(/\.?0+$/, "") : n;
}

/**
 * A parameter value with its unit: (500, "households-per-year", "zh-CN") → "500户/年";
 * (2025, "year") → "2025" (years never grouped); (19.3, "percent", "en", 1) → "19.3%";
 * (3090000, "yuan-per-year", "zh-CN") → "309万元/年" (see `amountScale`; `scaleBy` overrides the value
 * as what decides the scale).
 */
export function formatParam(value: number, unit: string, lang: Lang, decimals = 0, scaleBy?: number): string {
  // A year parameter at or below 0 is the models' "never" (e.g. a widening that does not happen).
  if (unit === "year") return value <= 0 ? pick(NEVER, lang) : formatYear(value);
  const scale = amountScale(unit, lang, scaleBy ?? value);
  if (scale && Number.isFinite(value)) return `${formatWan(value, lang)}${scale.unit}`;
  const n = formatNumber(value, lang, decimals);
  if (n === NOT_A_NUMBER) return n;
  const w = PARAM_UNIT_WORDS[unit];
  if (!w) return `${n} ${unit}`;
  const word = lang === "zh-CN" ? w.zh : w.en;
  if (word === "") return n;
  if (lang === "zh-CN" || !w.space) return `${n}${word}`;
  return `${n} ${word}`;
}

/** What an indicator's value needs to be written: its unit, precision and (for counts) label. */
export interface ValueUnit {
  unit: "percent" | "people" | "attendances" | "households" | "yuan" | "growth-rate" | "count";
  /** Decimal places the plan prints. */
  precision: number;
  unitLabel?: { zh: string; en: string } | undefined;
}

/**
 * An indicator value at the plan's precision with its unit: percentages and growth rates as "98.4%",
 * counts grouped with their word ("2,500户", "2,500 households"), other counts with their label.
 */
export function formatValue(value: number, u: ValueUnit, lang: Lang): string {
  switch (u.unit) {
    case "percent":
    case "growth-rate":
      return formatPercent(value, u.precision, lang);
    case "count": {
      const n = formatNumber(value, lang, u.precision);
      if (n === NOT_A_NUMBER || !u.unitLabel) return n;
      return lang === "zh-CN" ? `${n}${u.unitLabel.zh}` : `${n} ${u.unitLabel.en}`;
    }
    default:
      return formatCount(value, u.unit, lang, u.precision);
  }
}

/** A signed number: "+1.2", "−0.5" (a true minus sign), "0". */
export function formatSigned(value: number, lang: Lang, decimals = 0): string {
  const n = formatNumber(Math.abs(value), lang, decimals);
  if (n === NOT_A_NUMBER) return n;
  if (Number(n.replace(/,/g, "")) === 0) return n;
  return `${value < 0 ? "−" : "+"}${n}`;
}

/** A probability in percent, at whole percents: 97.35 → "97%", with "<1%" and ">99%" at the ends. */
export function formatProbability(pct: number, lang: Lang): string {
  if (!Number.isFinite(pct)) return NOT_A_NUMBER;
  if (pct > 0 && pct < 0.5) return "<1%";
  if (pct < 100 && pct >= 99.5) return ">99%";
  return formatPercent(pct, 0, lang);
}

/** A date and time to the minute in the person's language, e.g. "2024-05-01 09:30" / "May 1, 2024, 9:30 AM". */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === "zh-CN" ? "zh-CN" : "en-US", {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(d);
}

/**
 * A calendar date in the person's language, e.g. "2026-11-30" → "2026年11月30日" / "November 30, 2026".
 * A bare ISO date ("2026-11-30") is read as that day wherever the reader is, not as UTC midnight.
 */
export function formatDate(iso: string | Date, lang: Lang): string {
  const d =
    typeof iso === "string" && /^\d{4}-\d{2}-\d{2}$/.test(iso)
      ? new Date(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)))
      : new Date(iso);
  if (Number.isNaN(d.getTime())) return typeof iso === "string" ? iso : NOT_A_NUMBER;
  return new Intl.DateTimeFormat(lang === "zh-CN" ? "zh-CN" : "en-US", { dateStyle: "long" }).format(d);
}
