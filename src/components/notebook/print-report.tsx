import { createMemo, For, Show } from "solid-js";
import type { Basis } from "../../../models/basis.ts";
import type { Status } from "../../../models/feasibility.ts";
import type { Plan } from "../../../models/plan.ts";
import type { Assumption, Provenance } from "../../../models/scenario.ts";
import { type Lang, pick, sourceText } from "../../../models/text.ts";
import { decimalsOfStep, formatDateTime, formatParam } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import type { ColumnTable } from "../../kernel/result-tables.ts";
import { sameData } from "../../kernel/same-data.ts";
import type { WorkbenchStore } from "../../kernel/store.ts";
import { planRows } from "../../kernel/table-rows.ts";
import { planSourceText } from "../shared/sources.ts";
import {
  BasisBadge,
  IndicatorName,
  probabilityText,
  projectedTextOf,
  StatusBadge,
  targetText,
  VerdictBadge,
} from "../shared/verdict.tsx";

/**
 * What an assumption's table row cites, beside its kind and its note: the recorded source, except the
 * scaffold's own marker ("scaffold placeholder", 脚手架占位值), which names a tool in the code repository, not a
 * source; its note (in both languages) already says it is a placeholder.
 */
function citedSource(p: Provenance, lang: Lang): string | null {
  const text = sourceText(p, lang);
  return /^scaffold\b/i.test(sourceText(p, "en")) && p.note ? null : text;
}

/**
 * The parts of the printed report that the screen shows elsewhere in interactive form: every verdict
 * in one table, and every assumption with its value and provenance (changed ones marked). The verdicts
 * are read from the verdict table the dashboard shows and the verdicts CSV writes, so the three show one
 * number judged one way. Hidden on screen; the print stylesheet shows it beside the notebook (notes,
 * pinned verdicts and charts, log).
 */
export function PrintReport(props: {
  store: WorkbenchStore;
  plan: Plan;
  /** The verdicts shown (WorkbenchRuns.verdicts): the Monte Carlo median's once it answered. */
  verdicts: ColumnTable | undefined;
  scenarioName: string;
}) {
  const { lang, t } = useI18n();
  /** The plan's indicators that have a verdict, in the plan's order. */
  const rows = createMemo(() => (props.verdicts ? planRows(props.verdicts, props.plan) : undefined));
  const indOf = (row: number) => props.plan.indicators.find((i) => i.id === rows()!.get("id", row))!;
  const assumptions = createMemo((): Record<string, Assumption> => {
    const m = props.store.runModel();
    return m?.ok ? m.value.assumptions : {};
  });
  /**
   * The rows are keyed by id, a string equal across runs, and each row reads its assumption live. Keyed
   * by a fresh `[id, assumption]` pair, every row of this hidden table was rebuilt on every change of any
   * assumption: a large share of the page's work per keystroke (issue 12's input-to-paint profile).
   */
  const ids = createMemo(() => Object.keys(assumptions()));
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
          <For each={Array.from({ length: rows()?.numRows() ?? 0 }, (_, i) => i)}>
            {(row) => {
              const ind = () => indOf(row);
              const at = <T,>(name: string) => rows()!.get(name, row) as T;
              return (
                <tr>
                  <td>{at<number | null>("printedNumber") ?? "—"}</td>
                  <th scope="row">
                    <IndicatorName ind={ind()} />
                  </th>
                  <td>{targetText(ind(), lang(), t)}</td>
                  <td class="num">
                    {projectedTextOf(
                      ind(),
                      { value: at("value"), against: at("against"), judgedYear: at("judgedYear") },
                      lang(),
                    )}
                  </td>
                  <td>
                    <VerdictBadge met={at<boolean>("met")} />
                  </td>
                  <td class="num">{probabilityText(at<number | null>("probability"), lang())}</td>
                  <td>
                    <StatusBadge status={at<Status | null>("status")} />
                  </td>
                  <td>
                    <BasisBadge basis={at<Basis>("basis")} />
                    <Show when={at<Basis>("basis") === "plan"}>
                      <span class="basis-note">{t("basis.planNote")}</span>
                    </Show>
                  </td>
                </tr>
              );
            }}
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
          <For each={ids()}>
            {(id) => {
              // Equal while this assumption is: an edit elsewhere leaves the row alone.
              const a = createMemo(() => assumptions()[id]!, undefined, { equals: sameData });
              return (
                <tr>
                  <th scope="row">
                    {pick(a().label, lang())}
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
                  <td>{value(a(), a().value)}</td>
                  <td>
                    {t(`prov.${a().provenance.kind}`)}
                    <Show when={a().provenance.note}>{(n) => ` · ${pick(n(), lang())}`}</Show>
                    <Show when={citedSource(a().provenance, lang())}>
                      {(src) => (
                        <>
                          {" · "}
                          <cite>{src()}</cite>
                        </>
                      )}
                    </Show>
                    <Show when={a().provenance.year}>{(y) => ` (${y()})`}</Show>
                  </td>
                </tr>
              );
            }}
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
