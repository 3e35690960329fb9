import { z } from "zod";

/** A language the product speaks. zh-CN is the source language of every plan. */
export type Lang = "zh-CN" | "en";
export const LANGS: readonly Lang[] = ["zh-CN", "en"];

/** Text in both product languages. `zh` keeps the source's Chinese verbatim where it comes from a plan. */
export const bilingual = z.strictObject({
  zh: z.string().min(1),
  en: z.string().min(1),
});
export type Bilingual = z.infer<typeof bilingual>;

/** Picks the text for a language. */
export function pick(text: Bilingual, lang: Lang): string {
  return lang === "zh-CN" ? text.zh : text.en;
}

/** A result that crosses a boundary as data (defined, with its helpers, in `result.ts`). */
export type { Result } from "./result.ts";
