import { Show } from "solid-js";
import type { Plan } from "../../../models/plan.ts";
import { pick } from "../../../models/text.ts";
import { formatYear } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { countIndicators } from "../../kernel/plans.ts";
import { SourceText } from "../shared/source-text.tsx";

/** One plan offered on the first screen: where, what, when, how many targets, and a button to open it. */
export function PlanCard(props: { plan: Plan; open: boolean; onOpen: (id: string) => void }) {
  const { lang, t } = useI18n();
  const counts = () => countIndicators(props.plan);
  const titleId = () => `plan-${props.plan.id}-title`;
  return (
    <article class="plan-card" classList={{ "is-open": props.open }} aria-labelledby={titleId()}>
      <p class="plan-region">
        <span lang="zh-CN">
          {props.plan.province.zh} · {props.plan.region.zh}
        </span>
        <Show when={lang() === "en"}>
          <span lang="en">
            {" "}
            ({props.plan.region.en}, {props.plan.province.en})
          </span>
        </Show>
      </p>
      <h2 id={titleId()} class="plan-title">
        <SourceText text={props.plan.title} />
      </h2>
      <dl class="facts">
        <div>
          <dt>{t("plan.period")}</dt>
          <dd>
            {t("plan.periodValue", {
              from: formatYear(props.plan.period.from),
              to: formatYear(props.plan.period.to),
            })}
          </dd>
        </div>
        <div>
          <dt>{t("plan.baselineYear")}</dt>
          <dd>{formatYear(props.plan.baselineYear)}</dd>
        </div>
        <div>
          <dt>{t("plan.targetYear")}</dt>
          <dd>{formatYear(props.plan.targetYear)}</dd>
        </div>
        <div>
          <dt>{t("plan.tableIndicators")}</dt>
          <dd>{counts().table}</dd>
        </div>
        <div>
          <dt>{t("plan.textTargets")}</dt>
          <dd>{counts().text}</dd>
        </div>
      </dl>
      <Show when={props.plan.table?.partial ? props.plan.table : undefined}>
        {(table) => (
          <p class="plan-partial">
            <strong>{t("plan.partial")}</strong> <span lang={lang()}>{pick(table().note, lang())}</span>
          </p>
        )}
      </Show>
      <p class="plan-issuer">
        {t("plan.issuer")}
        <span lang={lang()}>{pick(props.plan.issuer, lang())}</span>
      </p>
      <div class="plan-actions">
        <button
          type="button"
          id={`open-${props.plan.id}`}
          class="button primary"
          onClick={() => props.onOpen(props.plan.id)}
        >
          {t("plan.open")}
          <span class="visually-hidden" lang="zh-CN">
            {" "}
            {props.plan.title.zh}
          </span>
        </button>
        <Show when={props.open}>
          <span class="badge">{t("plan.isOpen")}</span>
        </Show>
      </div>
    </article>
  );
}
