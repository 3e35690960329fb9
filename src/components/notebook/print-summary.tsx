import { createMemo, For, Show } from "solid-js";
import type { Evaluation, IndicatorResult } from "../../../models/engine.ts";
import type { Indicator, Plan } from "../../../models/plan.ts";
import { pick } from "../../../models/text.ts";
import { formatDateTime, formatYear } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import type { WorkbenchStore } from "../../kernel/store.ts";
import {
  IndicatorName,
  probabilityText,
  projectedText,
  StatusBadge,
  shownResult,
  targetText,
  VerdictBadge,
} from "../shared/verdict.tsx";

/** How many drivers the summary names for each target at risk. */
const DRIVERS_SHOWN = 3;

/** One binding target at risk, with the result its verdict is read from. */
interface AtRisk {
  ind: Indicator;
  shown: IndicatorResult;
  probability: number | null;
}

/**
 * The printed report's first page: the headline (how many targets are projected to be met, how many
 * binding ones are at risk), the binding targets at risk with their projected value against the target
 * and the probability, and the assumptions that drive each most. Every figure is read by
 * {@link shownResult}, the one rule the dashboard, CSV and CLI use. Hidden on screen; printed first,
 * with a page break after it.
 */
export function PrintSummary(props: {
  store: WorkbenchStore;
  plan: Plan;
  det: Evaluation | undefined;
  mc: Evaluation | undefined;
  scenarioName: string;
}) {
  const { lang, t, tn } = useI18n();
  const mcOf = createMemo(() => new Map((props.mc?.indicators ?? []).map((r) => [r.id, r] as const)));
  const rows = createMemo(() => {
    const det = new Map((props.det?.indicators ?? []).map((r) => [r.id, r] as const));
    return props.plan.indicators.flatMap((ind) => {
      const d = det.get(ind.id);
      if (!d) return [];
      const mc = mcOf().get(ind.id);
      return [
        {
          ind,
          shown: shownResult(d, mc, false),
          probability: mc?.probability ?? null,
          status: mc?.status ?? null,
        },
      ];
    });
  });
  /** With probabilities: at risk or off track. Without (sampling off, or not yet answered): missed. */
  const sampled = () => props.mc !== undefined;
  const atRisk = createMemo((): AtRisk[] =>
    rows()
      .filter((r) => r.ind.attribute === "binding")
      .filter((r) =>
        sampled() ? r.status === "at-risk" || r.status === "off-track" : !r.shown.judgement.met,
      )
      .sort((a, b) => (a.probability ?? 0) - (b.probability ?? 0)),
  );
  const headline = createMemo(() => {
    const all = rows();
    const binding = all.filter((r) => r.ind.attribute === "binding");
    return t("db.summary", {
      met: all.filter((r) => r.shown.judgement.met).length,
      total: all.length,
      binding: binding.length,
      bindingMissed: binding.filter((r) => !r.shown.judgement.met).length,
    });
  });
  const riskLine = createMemo(() => {
    const n = atRisk().length;
    if (n > 0) return tn(sampled() ? "report.summary.atRisk" : "report.summary.atRiskMissed", n);
    return sampled() ? t("report.summary.noneAtRisk") : "";
  });
  const changed = createMemo(() => {
    const id = props.store.state.scenarioId;
    return id ? Object.keys(props.store.state.edits[id] ?? {}).length : 0;
  });
  const assumptionLabel = (id: string): string => {
    const m = props.store.runModel();
    const a = m?.ok ? m.value.assumptions[id] : undefined;
    return a ? pick(a.label, lang()) : id;
  };

  return (
    <section class="print-summary" aria-labelledby="print-summary-heading">
      <h3 id="print-summary-heading">{t("report.summary.heading", { scenario: props.scenarioName })}</h3>
      <p>
        {t("report.summary.plan", {
          plan: pick(props.plan.title, lang()),
          year: formatYear(props.plan.targetYear),
        })}
      </p>
      <p class="print-headline">
        {headline()} {riskLine()}
      </p>
      <Show when={atRisk().length > 0}>
        <table class="indicator-table compact at-risk-table">
          <caption>{t("report.summary.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("db.col.name")}</th>
              <th scope="col">{t("report.target")}</th>
              <th scope="col">
                {t("report.summary.projected", { year: formatYear(props.plan.targetYear) })}
              </th>
              <th scope="col">{t("db.col.probability")}</th>
              <th scope="col">{t("db.col.status")}</th>
              <th scope="col">{t("report.summary.drivers")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={atRisk()}>
              {(r) => (
                <tr data-indicator={r.ind.id}>
                  <th scope="row">
                    <IndicatorName ind={r.ind} />
                  </th>
                  <td>{targetText(r.ind, lang(), t)}</td>
                  <td class="num">
                    {projectedText(r.ind, r.shown, lang())} <VerdictBadge met={r.shown.judgement.met} />
                  </td>
                  <td class="num">{probabilityText(r.probability, lang())}</td>
                  <td>
                    <StatusBadge status={mcOf().get(r.ind.id)?.status ?? null} />
                  </td>
                  <td>
                    <Show
                      when={r.shown.drivers.length > 0}
                      fallback={<span class="muted">{t("report.summary.noDrivers")}</span>}
                    >
                      <ul class="driver-list">
                        <For each={r.shown.drivers.slice(0, DRIVERS_SHOWN)}>
                          {(d) => (
                            <li data-assumption={d.assumptionId}>
                              {t("report.summary.driver", {
                                name: assumptionLabel(d.assumptionId),
                                kind: t(`basis.${d.kind}`),
                              })}
                            </li>
                          )}
                        </For>
                      </ul>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={changed() > 0}>
        <p>{tn("report.summary.changed", changed())}</p>
      </Show>
      <p class="muted">{t("report.printedAt", { when: formatDateTime(new Date().toISOString(), lang()) })}</p>
    </section>
  );
}
