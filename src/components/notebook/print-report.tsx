import { createMemo, For, Show } from "solid-js";
import type { Evaluation, IndicatorResult } from "../../../models/engine.ts";
import type { Indicator, Plan } from "../../../models/plan.ts";
import type { Assumption, Provenance } from "../../../models/scenario.ts";
import { type Lang, pick, sourceText } from "../../../models/text.ts";
import { decimalsOfStep, formatDateTime, formatParam, formatYear } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import type { WorkbenchStore } from "../../kernel/store.ts";
import { planSourceText } from "../shared/sources.ts";
import {
  BasisBadge,
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

/**
 * What an assumption's table row cites, beside its kind and its note: the recorded source, except the
 * scaffold's own marker ("scaffold placeholder"), which names a tool in the code repository, not a
 * source; its note (in both languages) already says it is a placeholder.
 */
function citedSource(p: Provenance, lang: Lang): string | null {
  const text = sourceText(p, lang);
  return /^scaffold\b/i.test(text) && p.note ? null : text;
}

/**
 * The parts of the printed report that the screen shows elsewhere in interactive form: every verdict
 * in one table, and every assumption with its value and provenance (changed ones marked). Hidden on
 * screen; the print stylesheet shows it beside the notebook (notes, pinned verdicts and charts, log).
 */
export function PrintReport(props: {
  store: WorkbenchStore;
  plan: Plan;
  det: Evaluation | undefined;
  mc: Evaluation | undefined;
  scenarioName: string;
}) {
  const { lang, t } = useI18n();
  const probabilities = createMemo(
    () => new Map((props.mc?.indicators ?? []).map((r) => [r.id, r] as const)),
  );
  /** Each indicator's verdict, by the one rule every view uses (the Monte Carlo median once it answered). */
  const results = createMemo(
    () =>
      new Map(
        (props.det?.indicators ?? []).map(
          (r) => [r.id, shownResult(r, probabilities().get(r.id), false)] as const,
        ),
      ),
  );
  const assumptions = createMemo((): [string, Assumption][] => {
    const m = props.store.runModel();
    return m?.ok ? Object.entries(m.value.assumptions) : [];
  });
  const value = (a: Assumption, v: number) =>
    formatParam(v, a.unit, lang(), decimalsOfStep(a.step ?? (a.max - a.min) / 100));

  return (
    <section class="print-report" aria-labelledby="print-report-heading">
      <h3 id="print-report-heading">{t("report.heading", { scenario: props.scenarioName })}</h3>
      <p>{t("report.printedAt", { when: formatDateTime(new Date().toISOString(), lang()) })}</p>
      <table class="indicator-table compact">
        <caption>{t("report.verdicts")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("db.col.number")}</th>
            <th scope="col">{t("db.col.name")}</th>
            <th scope="col">{t("report.target")}</th>
            <th scope="col">{t("db.col.projected")}</th>
            <th scope="col">{t("db.col.verdict")}</th>
            <th scope="col">{t("db.col.probability")}</th>
            <th scope="col">{t("db.col.status")}</th>
            <th scope="col">{t("db.col.basis")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.plan.indicators}>
            {(ind) => (
              <Show when={results().get(ind.id)}>
                {(r) => (
                  <tr>
                    <td>{ind.printedNumber ?? "—"}</td>
                    <th scope="row">
                      <IndicatorName ind={ind} />
                    </th>
                    <td>{targetText(ind, lang(), t)}</td>
                    <td class="num">{projectedText(ind, r(), lang())}</td>
                    <td>
                      <VerdictBadge met={r().judgement.met} />
                    </td>
                    <td class="num">{probabilityText(probabilities().get(ind.id)?.probability, lang())}</td>
                    <td>
                      <StatusBadge status={probabilities().get(ind.id)?.status ?? null} />
                    </td>
                    <td>
                      <BasisBadge basis={r().basis} />
                      <Show when={r().basis === "plan"}>
                        <span class="basis-note">{t("basis.planNote")}</span>
                      </Show>
                    </td>
                  </tr>
                )}
              </Show>
            )}
          </For>
        </tbody>
      </table>
      <table class="indicator-table compact">
        <caption>{t("report.assumptions")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("report.assumption")}</th>
            <th scope="col">{t("report.value")}</th>
            <th scope="col">{t("report.provenance")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={assumptions()}>
            {([id, a]) => (
              <tr>
                <th scope="row">
                  {pick(a.label, lang())}
                  <Show
                    when={
                      props.store.state.scenarioId &&
                      props.store.state.edits[props.store.state.scenarioId]?.[id]
                    }
                  >
                    {" "}
                    <span class="badge badge-changed">{t("as.changed")}</span>
                  </Show>
                </th>
                <td>{value(a, a.value)}</td>
                <td>
                  {t(`prov.${a.provenance.kind}`)}
                  <Show when={a.provenance.note}>{(n) => ` · ${pick(n(), lang())}`}</Show>
                  <Show when={citedSource(a.provenance, lang())}>
                    {(src) => (
                      <>
                        {" · "}
                        <cite>{src()}</cite>
                      </>
                    )}
                  </Show>
                  <Show when={a.provenance.year}>{(y) => ` (${y()})`}</Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <section class="report-sources" aria-labelledby="report-sources-heading">
        <h4 id="report-sources-heading">{t("report.sources")}</h4>
        <p>{t("report.sources.plan", { source: planSourceText(props.plan, lang(), t) })}</p>
        <p>{t("report.sources.assumptions")}</p>
      </section>
    </section>
  );
}
