import { createMemo, For, Show } from "solid-js";
import type { Evaluation, IndicatorResult } from "../../../models/engine.ts";
import type { Status } from "../../../models/feasibility.ts";
import type { Indicator, Plan } from "../../../models/plan.ts";
import { pick } from "../../../models/text.ts";
import { formatDateTime, formatYear } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import type { ColumnTable } from "../../kernel/result-tables.ts";
import type { WorkbenchStore } from "../../kernel/store.ts";
import { planRows } from "../../kernel/table-rows.ts";
import {
  IndicatorName,
  probabilityText,
  projectedTextOf,
  StatusBadge,
  shownResult,
  targetText,
  VerdictBadge,
} from "../shared/verdict.tsx";

/** How many drivers the summary names for each target at risk. */
const DRIVERS_SHOWN = 3;

/** One indicator's verdict as the verdict table holds it, with the result its drivers are read from. */
interface Row {
  ind: Indicator;
  shown: IndicatorResult;
  met: boolean;
  projected: { value: number; against: number | null; judgedYear: number };
  probability: number | null;
  status: Status | null;
}

/**
 * The printed report's first page: the headline (how many targets are projected to be met, how many
 * binding ones are at risk), the binding targets at risk with their projected value against the target
 * and the probability, and the assumptions that drive each most. Every verdict and figure is read from
 * the verdict table the dashboard shows and the verdicts CSV writes; the drivers from the result that
 * table was made from ({@link shownResult}). Hidden on screen; printed first, with a page break after it.
 */
export function PrintSummary(props: {
  store: WorkbenchStore;
  plan: Plan;
  det: Evaluation | undefined;
  mc: Evaluation | undefined;
  /** The verdicts of the evaluation shown (WorkbenchRuns.verdicts). */
  verdicts: ColumnTable | undefined;
  scenarioName: string;
}) {
  const { lang, t, tn } = useI18n();
  const rows = createMemo((): Row[] => {
    const det = new Map((props.det?.indicators ?? []).map((r) => [r.id, r] as const));
    const mc = new Map((props.mc?.indicators ?? []).map((r) => [r.id, r] as const));
    const byId = new Map(props.plan.indicators.map((i) => [i.id, i] as const));
    const table = props.verdicts ? planRows(props.verdicts, props.plan) : undefined;
    const out: Row[] = [];
    for (let row = 0; row < (table?.numRows() ?? 0); row++) {
      const at = <T,>(name: string) => table!.get(name, row) as T;
      const id = at<string>("id");
      const d = det.get(id);
      if (!d) continue;
      out.push({
        ind: byId.get(id)!,
        shown: shownResult(d, mc.get(id), false),
        met: at("met"),
        projected: { value: at("value"), against: at("against"), judgedYear: at("judgedYear") },
        probability: at("probability"),
        status: at("status"),
      });
    }
    return out;
  });
  /** With probabilities: at risk or off track. Without (sampling off, or not yet answered): missed. */
  const sampled = () => props.mc !== undefined;
  const atRisk = createMemo((): Row[] =>
    rows()
      .filter((r) => r.ind.attribute === "binding")
      .filter((r) => (sampled() ? r.status === "at-risk" || r.status === "off-track" : !r.met))
      .sort((a, b) => (a.probability ?? 0) - (b.probability ?? 0)),
  );
  const headline = createMemo(() => {
    const all = rows();
    const binding = all.filter((r) => r.ind.attribute === "binding");
    return t("db.summary", {
      met: all.filter((r) => r.met).length,
      total: all.length,
      binding: binding.length,
      bindingMissed: binding.filter((r) => !r.met).length,
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
                    {projectedTextOf(r.ind, r.projected, lang())} <VerdictBadge met={r.met} />
                  </td>
                  <td class="num">{probabilityText(r.probability, lang())}</td>
                  <td>
                    <StatusBadge status={r.status} />
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
