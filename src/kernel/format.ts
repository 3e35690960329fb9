import type { Lang } from "../../models/text.ts";

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
 * A number with thousands grouping and a fixed number of decimals.
 * @param decimals digits after the point; default 0.
 */
export function formatNumber(value: number, lang: Lang, decimals = 0): string {
  if (!Number.isFinite(value)) return NOT_A_NUMBER;
  return numberFormat(lang, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: true,
  }).format(value);
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
