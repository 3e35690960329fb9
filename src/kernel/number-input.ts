import {
  describeNumeralProblem,
  type NumberSuffix,
  type NumeralOptions,
  readNumeral,
} from "../../models/numerals.ts";
import { err, ok } from "../../models/result.ts";
import type { Bilingual, Result } from "../../models/text.ts";

/**
 * The one reader of numbers typed into the app's fields (assumptions, run settings, goal seek, the
 * workshop's live change), beside format.ts which writes them. It reads what people type — "1,200",
 * "1，200", "１２００", "8%" or "8％" in a percent field, "7.5‰" in a per-mille field, the app's own
 * minus sign "−" — and refuses, with a reason in both languages, what it could only guess at: "1,2"
 * is asked about (1.2 or 12?) rather than read as 12. The digit rules are shared with the actuals CSV
 * reader (models/numerals.ts).
 */

/** What a field holds, which decides the suffixes it takes and whether fractions are allowed. */
export interface NumberField {
  /** The parameter unit (models/model.ts PARAM_UNITS); percent units take "%", per-thousand "‰". */
  unit?: string | undefined;
  /** Only whole numbers (a seed, a sample count). Default false. */
  integer?: boolean;
  /** Whether a negative number may be typed; default true (the range check is the caller's). */
  allowNegative?: boolean;
}

/** Units whose numbers are percentages, so that "8%" means 8 in them. */
const PERCENT_UNITS = new Set([
  "percent",
  "percent-per-year",
  "percentage-points",
  "percentage-points-per-year",
  "growth-rate",
]);

/** The suffix a unit takes after the number, if any. */
export function suffixesOf(unit: string | undefined): readonly NumberSuffix[] {
  if (unit === undefined) return [];
  if (PERCENT_UNITS.has(unit)) return ["%"];
  if (unit === "per-thousand") return ["‰"];
  return [];
}

/** Reads a typed number for a field: the number, or why not in both languages. */
export function parseNumberInput(text: string, field: NumberField = {}): Result<number, Bilingual> {
  const options: NumeralOptions = { suffixes: suffixesOf(field.unit) };
  if (field.allowNegative === false) options.allowNegative = false;
  const r = readNumeral(text, options);
  if (!r.ok) return err(describeNumeralProblem(r.error));
  if (field.integer && !Number.isInteger(r.value.number)) {
    return err({ zh: `“${text.trim()}” 不是整数`, en: `"${text.trim()}" is not a whole number` });
  }
  return ok(r.value.number);
}

/**
 * A number read in a field's display unit (a budget typed in 万元 in Chinese, `factor` 10,000; see
 * format.ts `amountScale`) back in the value's own unit, rounded to `decimals` places so no float residue
 * is left (0.1 万 is 1,000 yuan, not 1,000.0000000000001). Without a factor the number is as typed.
 */
export function fromDisplayUnit(n: number, factor: number | undefined, decimals: number): number {
  return factor ? Number((n * factor).toFixed(Math.max(decimals, 0))) : n;
}

/**
 * Input handlers that hold back while an input method is composing (pinyin, a handwriting pad):
 * `commit` gets the text only once composition has ended, so a half-typed "１" on the way to "１２"
 * is never validated, applied or logged as an undo step. The input event Firefox sends right after
 * compositionend (Chromium sends none) is not committed a second time.
 */
export function composedInput(commit: (text: string) => void): {
  onInput: (e: InputEvent & { currentTarget: HTMLInputElement }) => void;
  onCompositionStart: () => void;
  onCompositionEnd: (e: CompositionEvent & { currentTarget: HTMLInputElement }) => void;
} {
  let composing = false;
  let justComposed: string | null = null;
  return {
    onInput(e) {
      if (composing || e.isComposing) return;
      const text = e.currentTarget.value;
      const echo = text === justComposed;
      justComposed = null;
      if (!echo) commit(text);
    },
    onCompositionStart() {
      composing = true;
    },
    onCompositionEnd(e) {
      composing = false;
      justComposed = e.currentTarget.value;
      commit(justComposed);
    },
  };
}
