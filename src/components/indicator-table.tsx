import { For, Show } from "solid-js";
import type { Indicator, Plan } from "../../models/plan.ts";
import { pick } from "../../models/text.ts";
import { type MessageKey, useI18n } from "../kernel/i18n.ts";

/**
 * A plan's indicators as the source prints them: number, name, unit, attribute, baseline and target.
 * The table scrolls sideways inside a focusable region, so the page itself reflows at 400% zoom.
 */
export function IndicatorTable(props: { plan: Plan }) {
  const { lang, t } = useI18n();
  const unitText = (ind: Indicator): string => {
    const base =
      ind.unit === "count" && ind.unitLabel
        ? pick(ind.unitLabel, lang())
        : t(`unit.${ind.unit}` as MessageKey);
    return ind.unitPrinted ? base : `${base} ${t("unit.notPrinted")}`;
  };
  return (
    <section class="table-scroll" aria-label={t("summary.tableLabel")} tabindex="0">
      <table class="indicator-table">
        <caption>{t("summary.caption", { count: props.plan.indicators.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("summary.col.number")}</th>
            <th scope="col">{t("summary.col.name")}</th>
            <th scope="col">{t("summary.col.unit")}</th>
            <th scope="col">{t("summary.col.attribute")}</th>
            <th scope="col">{t("summary.col.baseline")}</th>
            <th scope="col">{t("summary.col.target")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.plan.indicators}>
            {(ind) => (
              <tr classList={{ "from-text": ind.origin === "text" }}>
                <td class="num">
                  <Show
                    when={ind.printedNumber !== null}
                    fallback={<abbr title={t("summary.fromTextLabel")}>{t("summary.fromText")}</abbr>}
                  >
                    {ind.printedNumber}
                  </Show>
                </td>
                <th scope="row" class="name">
                  <Show when={lang() === "en"} fallback={<span lang="zh-CN">{ind.name.zh}</span>}>
                    <span lang="en">{ind.name.en}</span>
                    <span class="reading-aid" lang="zh-CN">
                      {ind.name.zh}
                    </span>
                  </Show>
                </th>
                <td>{unitText(ind)}</td>
                <td>
                  <span class={`attribute attribute-${ind.attribute}`}>
                    {t(`attribute.${ind.attribute}`)}
                  </span>
                </td>
                <td class="printed" lang="zh-CN">
                  {ind.baseline.printed}
                </td>
                <td class="printed" lang="zh-CN">
                  {ind.target.printed}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}
