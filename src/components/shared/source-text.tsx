import { Show } from "solid-js";
import type { Bilingual } from "../../../models/text.ts";
import { useI18n } from "../../kernel/i18n.ts";

/**
 * Text taken from a plan: the source's Chinese always, and the English reading aid beneath it when the
 * product speaks English. Each part carries its own `lang` so fonts and screen readers follow it.
 */
export function SourceText(props: { text: Bilingual; class?: string }) {
  const { lang } = useI18n();
  return (
    <>
      <span lang="zh-CN">{props.text.zh}</span>
      <Show when={lang() === "en"}>
        <span class={`reading-aid ${props.class ?? ""}`} lang="en">
          {props.text.en}
        </span>
      </Show>
    </>
  );
}
