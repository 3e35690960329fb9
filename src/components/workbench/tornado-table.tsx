import { createMemo, For, Show } from "solid-js";
import type { Indicator } from "../../../models/plan.ts";
import type { Assumption } from "../../../models/scenario.ts";
import type { Tornado } from "../../../models/sensitivity.ts";
import { pick } from "../../../models/text.ts";
import { decimalsOfStep, formatParam } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { indicatorLabel, marginText } from "../shared/verdict.tsx";

/**
 * An indicator's tornado as a table: each uncertain assumption at its 10th and 90th percentile, the
 * resulting margin, and the swing. Bars drawn in CSS sit beside the numbers (decoration: the numbers
 * are the content); the low side is marked ◀ and the high side ▶, so colour is never needed.
 */
export function TornadoTable(props: {
  ind: Indicator;
  tornado: Tornado | undefined;
  pending: boolean;
  assumptions: Record<string, Assumption>;
}) {
  const { lang, t } = useI18n();
  const bars = createMemo(() => (props.tornado?.bars ?? []).filter((b) => b.swing > 1e-9).slice(0, 12));
  const maxSwing = createMemo(() => Math.max(1e-9, ...bars().map((b) => b.swing)));
  const margin = (m: number) => marginText(props.ind, m, lang());
  const value = (id: string, v: number) => {
    const a = props.assumptions[id];
    if (!a) return String(v);
    return formatParam(v, a.unit, lang(), Math.max(decimalsOfStep(a.step), a.unit === "percent" ? 1 : 0));
  };
  const pct = (m: number) =>
    `${Math.min(50, (Math.abs(m - (props.tornado?.baseMargin ?? 0)) / maxSwing()) * 50)}%`;

  return (
    <section class="tornado" aria-labelledby="tornado-heading">
      <h4 id="tornado-heading">{t("tornado.heading")}</h4>
      <p class="muted small">{t("tornado.intro")}</p>
      <Show when={props.tornado} fallback={<p role="status">{t("tornado.pending")}</p>}>
        {(tor) => (
          <>
            <p>{t("tornado.base", { margin: margin(tor().baseMargin) })}</p>
            <Show when={bars().length > 0} fallback={<p>{t("tornado.none")}</p>}>
              <section class="table-scroll" tabindex="0" aria-labelledby="tornado-caption">
                <table
                  class="indicator-table compact tornado-table"
                  aria-busy={props.pending ? "true" : undefined}
                >
                  <caption id="tornado-caption">
                    {t("tornado.caption", { name: indicatorLabel(props.ind, lang()) })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("tornado.col.assumption")}</th>
                      <th scope="col">{t("tornado.col.low")}</th>
                      <th scope="col">{t("tornado.col.high")}</th>
                      <th scope="col">{t("tornado.col.swing")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={bars()}>
                      {(b) => (
                        <tr>
                          <th scope="row">
                            {props.assumptions[b.assumptionId]
                              ? pick(props.assumptions[b.assumptionId]!.label, lang())
                              : b.assumptionId}
                          </th>
                          <td class="num">
                            <span aria-hidden="true">◀ </span>
                            {t("tornado.value", {
                              value: value(b.assumptionId, b.low.value),
                              margin: margin(b.low.margin),
                            })}
                          </td>
                          <td class="num">
                            <span aria-hidden="true">▶ </span>
                            {t("tornado.value", {
                              value: value(b.assumptionId, b.high.value),
                              margin: margin(b.high.margin),
                            })}
                          </td>
                          <td class="swing-cell">
                            <span class="swing-bar" aria-hidden="true">
                              <span
                                class="swing-low"
                                classList={{ worse: b.low.margin < tor().baseMargin }}
                                style={{
                                  width: pct(b.low.margin),
                                  [b.low.margin < tor().baseMargin ? "right" : "left"]: "50%",
                                }}
                              />
                              <span
                                class="swing-high"
                                classList={{ worse: b.high.margin < tor().baseMargin }}
                                style={{
                                  width: pct(b.high.margin),
                                  [b.high.margin < tor().baseMargin ? "right" : "left"]: "50%",
                                }}
                              />
                            </span>
                            <span class="num">
                              {marginText(props.ind, b.swing, lang()).replace(/^\+/, "")}
                            </span>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </section>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
