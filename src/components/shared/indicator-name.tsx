import { Show } from "solid-js";
import type { Indicator } from "../../../models/plan.ts";
import { useI18n } from "../../kernel/i18n.ts";

/** An indicator's name: the Chinese always; the English beneath it in English mode. */
export function IndicatorName(props: { ind: Indicator }) {
  const { lang } = useI18n();
  return (
    <>
      <span lang="zh-CN">{props.ind.name.zh}</span>
      <Show when={lang() === "en"}>
        <span class="reading-aid" lang="en">
          {props.ind.name.en}
        </span>
      </Show>
    </>
  );
}
