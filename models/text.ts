import * as z from "zod/mini";

/** A language the product speaks. zh-CN is the source language of every plan. */
export type Lang = "zh-CN" | "en";
export const LANGS: readonly Lang[] = ["zh-CN", "en"];

/** Text in both product languages. `zh` keeps the source's Chinese verbatim where it comes from a plan. */
export const bilingual = z.strictObject({
  zh: z.string().check(z.minLength(1)),
  en: z.string().check(z.minLength(1)),
});
export type Bilingual = z.infer<typeof bilingual>;

/** Picks the text for a language. */
export function pick(text: Bilingual, lang: Lang): string {
  return lang === "zh-CN" ? text.zh : text.en;
}

/**
 * A cited source in a reader's language: a bilingual one picked, a single text (files written before
 * sources were bilingual, the scaffold's markers) as written. Every surface that shows a provenance's
 * source goes through it, so a language reads the same text everywhere.
 */
export function sourceText(p: { source: string | Bilingual }, lang: Lang): string {
  return typeof p.source === "string" ? p.source : pick(p.source, lang);
}

/** A result that crosses a boundary as data (defined, with its helpers, in `result.ts`). */
export type { Result } from "./result.ts";
