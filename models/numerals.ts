import { err, ok, type Result } from "./result.ts";
import type { Bilingual } from "./text.ts";

/**
 * Numbers as people write them, for every place a number is typed or read from a file (the number
 * fields of the app and the actuals CSV): full-width digits and punctuation (１２００, 1，200, 8％),
 * thousands separators in groups of three, the typographic minus sign (−) the app itself prints, and a
 * percent or per-mille sign where the field's unit allows it. What cannot be read without guessing is
 * refused with a reason rather than read some other way: "1,2" (a decimal comma? twelve?), hexadecimal,
 * exponents, a trailing unit the field does not take.
 */

/** Unicode minus, figure dash and similar signs people (and the app's own output) write for "−". */
const MINUS = /[\u2212\u2012\u2013\uFE63\uFF0D]/g;
/** Separators of thousand groups besides the comma: spaces (any width, after NFKC) and the apostrophe. */
const GROUP_SPACE = /[\s']/;

/**
 * Full-width and compatibility forms to ASCII (NFKC: "１２００" → "1200", "，" → ",", "％" → "%",
 * "．" → "."), minus signs to "-", and outer whitespace trimmed. Letters are kept (so "0x1A" is still
 * seen as hexadecimal and refused).
 */
export function normaliseNumerals(text: string): string {
  return text.normalize("NFKC").replace(MINUS, "-").trim();
}

/** A suffix a field may accept after the number. */
export type NumberSuffix = "%" | "‰";

/** Why a text is not read as a number. */
export type NumeralProblem =
  | { kind: "empty" }
  | { kind: "not-a-number"; text: string }
  | { kind: "ambiguous-comma"; text: string; asDecimal: string; asGrouped: string }
  | { kind: "hexadecimal"; text: string }
  | { kind: "exponent"; text: string }
  | { kind: "plus"; text: string }
  | { kind: "negative"; text: string }
  | { kind: "suffix"; text: string; suffix: string; allowed: readonly NumberSuffix[] }
  | { kind: "too-large"; text: string };

/** What {@link readNumeral} accepts besides plain digits. */
export interface NumeralOptions {
  /** Suffixes allowed after the number ("8%" in a percent field); the value is the number before it. */
  suffixes?: readonly NumberSuffix[];
  /** A leading "+"; default true. The actuals CSV refuses it (spreadsheets read "+3" as a formula). */
  allowPlus?: boolean;
  /** A negative number; default true. */
  allowNegative?: boolean;
}

/** A number as read: its value and the suffix written after it, if any. */
export interface Numeral {
  number: number;
  suffix: NumberSuffix | null;
}

/** A number read, or the problem that stopped it. */
export type NumeralReading = Result<Numeral, NumeralProblem>;

const PLAIN = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/**
 * Reads a number as a person wrote it. Grouping commas must sit between groups of three digits
 * ("1,200", "12,000.5"); a comma anywhere else ("1,2", "1,20") is refused as ambiguous rather than read
 * as 12 or 1.2. Spaces between digit groups ("1 200") are read as grouping too.
 */
export function readNumeral(text: string, options: NumeralOptions = {}): NumeralReading {
  const original = text.trim();
  let s = normaliseNumerals(text);
  if (s === "") return err({ kind: "empty" });
  if (s.length > 64) return err({ kind: "too-large", text: original.slice(0, 40) });
  let suffix: NumberSuffix | null = null;
  const last = s.at(-1)!;
  if (last === "%" || last === "‰") {
    const allowed = options.suffixes ?? [];
    if (!allowed.includes(last)) return err({ kind: "suffix", text: original, suffix: last, allowed });
    suffix = last;
    s = s.slice(0, -1).trim();
  }
  let sign = 1;
  if (s.startsWith("+")) {
    if (options.allowPlus === false) return err({ kind: "plus", text: original });
    s = s.slice(1).trim();
  } else if (s.startsWith("-")) {
    sign = -1;
    s = s.slice(1).trim();
  }
  if (/^0x/i.test(s)) return err({ kind: "hexadecimal", text: original });
  if (/^[\d.,]+e[-+]?\d+$/i.test(s)) return err({ kind: "exponent", text: original });
  // Spaces between groups of digits are grouping ("1 200"), as long as the groups are thousands.
  if (GROUP_SPACE.test(s)) {
    const spaced = s.replace(/[\s']+/g, ",");
    if (!GROUPED.test(spaced)) return err({ kind: "not-a-number", text: original });
    s = spaced;
  }
  let digits: string;
  if (PLAIN.test(s)) digits = s;
  else if (GROUPED.test(s)) digits = s.replace(/,/g, "");
  else if (/^\d+,\d+$/.test(s)) {
    const [a, b] = s.split(",") as [string, string];
    return err({ kind: "ambiguous-comma", text: original, asDecimal: `${a}.${b}`, asGrouped: `${a}${b}` });
  } else return err({ kind: "not-a-number", text: original });
  const value = sign * Number(digits);
  if (!Number.isFinite(value)) return err({ kind: "too-large", text: original });
  if (value < 0 && options.allowNegative === false) return err({ kind: "negative", text: original });
  return ok({ number: value + 0, suffix });
}

/** The reason a text was not read, in both languages, quoting what was written. */
export function describeNumeralProblem(p: NumeralProblem): Bilingual {
  switch (p.kind) {
    case "empty":
      return { zh: "没有填写数字", en: "no number is given" };
    case "not-a-number":
      return { zh: `“${p.text}” 不是数字`, en: `"${p.text}" is not a number` };
    case "ambiguous-comma":
      return {
        zh: `“${p.text}” 有歧义：是 ${p.asDecimal} 还是 ${p.asGrouped}？小数请用小数点，千位分隔请每三位一组`,
        en: `"${p.text}" is ambiguous: ${p.asDecimal} or ${p.asGrouped}? Write decimals with a point, and group thousands in threes`,
      };
    case "hexadecimal":
      return {
        zh: `“${p.text}” 是十六进制写法，请写十进制数`,
        en: `"${p.text}" is hexadecimal; write a decimal number`,
      };
    case "exponent":
      return {
        zh: `“${p.text}” 是科学计数法，请写出完整的数`,
        en: `"${p.text}" is in scientific notation; write the number in full`,
      };
    case "plus":
      return {
        zh: `“${p.text}” 带有加号，请去掉 “+”`,
        en: `"${p.text}" has a plus sign; remove the "+"`,
      };
    case "negative":
      return {
        zh: `“${p.text}” 是负数，这里不能为负`,
        en: `"${p.text}" is negative; it cannot be negative here`,
      };
    case "suffix":
      return p.allowed.length === 0
        ? {
            zh: `“${p.text}” 带有 “${p.suffix}”，这里只填数字`,
            en: `"${p.text}" has "${p.suffix}"; write the number alone here`,
          }
        : {
            zh: `“${p.text}” 带有 “${p.suffix}”，这里只能用 ${p.allowed.join(" 或 ")}`,
            en: `"${p.text}" has "${p.suffix}"; only ${p.allowed.join(" or ")} fits here`,
          };
    case "too-large":
      return {
        zh: `“${p.text}” 太长或太大，不是可用的数`,
        en: `"${p.text}" is too long or too large to be a number`,
      };
  }
}
