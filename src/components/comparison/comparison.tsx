import { createEffect, createMemo, createSignal, For, onCleanup, Show } from "solid-js";
import type { Evaluation } from "../../../models/engine.ts";
import type { Plan } from "../../../models/plan.ts";
import { type Bilingual, pick } from "../../../models/text.ts";
import { comparisonChart, SERIES_COLORS, SERIES_DASHES, SERIES_SYMBOLS } from "../../charts/comparison.ts";
import { formatNumber, formatYear } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { useProjection } from "../../kernel/projection.ts";
import { comparisonTable } from "../../kernel/result-tables.ts";
import type { EvaluateRequest } from "../../kernel/runner.ts";
import { createScheduler } from "../../kernel/scheduler.ts";
import { MAX_COMPARE, type WorkbenchStore } from "../../kernel/store.ts";
import { SeriesTable } from "../shared/series-table.tsx";
import {
  BasisBadge,
  IndicatorName,
  indicatorLabel,
  probabilityText,
  projectedText,
  unitOf,
  VerdictBadge,
} from "../shared/verdict.tsx";

const SYMBOL_TEXT = ["●", "■", "▲", "◆"] as const;

/**
 * Two to four scenarios side by side: every indicator's verdict and probability per scenario, with a
 * verdict that differs from the first scenario's marked "≠" and said in words; and the trajectories of
 * one chosen indicator overlaid, with the same data as a table. Each scenario runs with this session's
 * unsaved changes, as the person sees it in the workbench.
 */
export function Comparison(props: { store: WorkbenchStore; plan: Plan }) {
  const { lang, t, tn } = useI18n();
  const projection = useProjection();
  const store = props.store;
  const [problem, setProblem] = createSignal<string | null>(null);
  const [indicatorId, setIndicatorId] = createSignal(props.plan.indicators[0]?.id ?? "");
  createEffect(() => {
    if (!props.plan.indicators.some((i) => i.id === indicatorId()))
      setIndicatorId(props.plan.indicators[0]?.id ?? "");
  });

  const requests = createMemo((): { id: string; req: EvaluateRequest }[] | null => {
    const ids = store.state.compare;
    if (ids.length < 2) return null;
    const { samples, seed, sampling } = store.state.settings;
    const out: { id: string; req: EvaluateRequest }[] = [];
    for (const id of ids) {
      // The store resolves every compared scenario as its own workbench view would (edits, actuals).
      const m = store.runModelOf(id);
      if (m.ok) out.push({ id, req: { ...m.value, samples, seed, sampling } });
    }
    return out;
  });

  const sched = createScheduler(async (reqs: { id: string; req: EvaluateRequest }[]) => {
    const results = await Promise.all(reqs.map((r) => projection.evaluate(r.req)));
    return reqs.map((r, i) => {
      const res = results[i]!;
      if (!res.ok) throw res.error;
      return { id: r.id, evaluation: res.value };
    });
  });
  createEffect(() => {
    const r = requests();
    if (r) sched.request(r);
  });

  const results = createMemo(() => {
    const ids = store.state.compare;
    const latest = sched.latest();
    if (!latest || ids.length < 2) return null;
    const byId = new Map(latest.map((x) => [x.id, x.evaluation] as const));
    const list: { id: string; evaluation: Evaluation }[] = [];
    for (const id of ids) {
      const e = byId.get(id);
      if (!e) return null;
      list.push({ id, evaluation: e });
    }
    return list;
  });

  const nameOf = (id: string): string => {
    const s = store.library().scenarios.get(id);
    return s ? pick(s.name, lang()) : id;
  };
  const edited = (id: string) => Object.keys(store.state.edits[id] ?? {}).length > 0;

  const toggle = (id: string, input: HTMLInputElement): void => {
    const r = store.toggleCompare(id);
    if (!r.ok) {
      input.checked = store.state.compare.includes(id);
      setProblem(
        store.state.compare.length >= MAX_COMPARE ? t("cmp.tooMany") : pick(r.error as Bilingual, lang()),
      );
    } else setProblem(null);
  };

  const rows = createMemo(() => {
    const res = results();
    if (!res) return [];
    // Which verdicts differ from the first scenario's, read from the comparison table.
    const t = comparisonTable(res);
    const differs = new Set<string>();
    for (let i = 0; i < t.numRows(); i++) if (t.get("differs", i)) differs.add(t.get("id", i) as string);
    return props.plan.indicators.map((ind) => ({
      ind,
      cells: res.map((r) => r.evaluation.indicators.find((x) => x.id === ind.id)),
      differs: differs.has(ind.id),
    }));
  });
  const diffCount = createMemo(() => rows().filter((r) => r.differs).length);

  let mount: HTMLDivElement | undefined;
  const chosen = createMemo(() => props.plan.indicators.find((i) => i.id === indicatorId()));
  createEffect(() => {
    const res = results();
    const ind = chosen();
    if (!mount) return;
    if (!res || !ind) {
      mount.replaceChildren();
      return;
    }
    const l = lang();
    const series = res.map((r) => {
      const x = r.evaluation.indicators.find((i) => i.id === ind.id);
      return {
        name: nameOf(r.id),
        years: Array.from(r.evaluation.years),
        values: Array.from(x?.projection ?? []),
      };
    });
    const tg = ind.target;
    mount.replaceChildren(
      comparisonChart(series, {
        ariaLabel: chartLabel(),
        yLabel: ind.unit === "count" && ind.unitLabel ? pick(ind.unitLabel, l) : t(`unit.${ind.unit}`),
        formatValue: (v) => formatNumber(v, l, 0),
        target:
          tg.kind === "compare" && ind.measure !== "annual" ? { value: tg.value, label: tg.printed } : null,
        width: Math.max(320, Math.min(900, mount.clientWidth || 640)),
      }),
    );
  });
  onCleanup(() => mount?.replaceChildren());
  const chartLabel = () => {
    const ind = chosen();
    const res = results();
    if (!ind || !res) return "";
    const years = res[0]!.evaluation.years;
    return t("cmp.chartLabel", {
      name: indicatorLabel(ind, lang()),
      count: res.length,
      from: formatYear(years[0] ?? 0),
      to: formatYear(years[years.length - 1] ?? 0),
    });
  };

  return (
    <section class="comparison" aria-labelledby="comparison-heading">
      <h3 id="comparison-heading">{t("cmp.heading")}</h3>
      <fieldset class="compare-choices">
        <legend>{t("cmp.choose")}</legend>
        <ul class="checkbox-list">
          <For each={store.scenarios()}>
            {(s) => (
              <li>
                <label class="checkbox">
                  <input
                    type="checkbox"
                    checked={store.state.compare.includes(s.id)}
                    aria-describedby={problem() ? "compare-problem" : undefined}
                    onChange={(e) => toggle(s.id, e.currentTarget)}
                  />{" "}
                  {pick(s.name, lang())}
                  <Show when={edited(s.id)}>
                    <span class="muted"> ({t("cmp.withEdits")})</span>
                  </Show>
                </label>
              </li>
            )}
          </For>
        </ul>
      </fieldset>
      <Show when={problem()}>
        <p id="compare-problem" class="field-error" role="alert">
          {problem()}
        </p>
      </Show>
      <Show when={store.state.compare.length >= 2} fallback={<p class="muted">{t("cmp.tooFew")}</p>}>
        <Show when={results()} fallback={<p role="status">{t("cmp.pending")}</p>}>
          {(res) => (
            <>
              <p role="status">{tn("cmp.diffCount", diffCount())}</p>
              <section class="table-scroll" tabindex="0" aria-labelledby="comparison-caption">
                <table
                  class="indicator-table comparison-table"
                  aria-busy={sched.pending() ? "true" : undefined}
                >
                  <caption id="comparison-caption">
                    {t("cmp.caption", { first: nameOf(res()[0]!.id) })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("db.col.number")}</th>
                      <th scope="col">{t("db.col.name")}</th>
                      <For each={res()}>
                        {(r, i) => (
                          <th scope="col">
                            <span aria-hidden="true">{SYMBOL_TEXT[i() % SYMBOL_TEXT.length]} </span>
                            {nameOf(r.id)}
                          </th>
                        )}
                      </For>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={rows()}>
                      {(row) => (
                        <tr classList={{ differs: row.differs }} data-indicator={row.ind.id}>
                          <td class="num">{row.ind.printedNumber ?? "—"}</td>
                          <th scope="row" class="name">
                            <IndicatorName ind={row.ind} />
                          </th>
                          <For each={row.cells}>
                            {(c, i) => (
                              <td>
                                <Show when={c} fallback="—">
                                  {(cell) => (
                                    <>
                                      <VerdictBadge met={cell().judgement.met} />
                                      <Show
                                        when={i() > 0 && cell().judgement.met !== row.cells[0]?.judgement.met}
                                      >
                                        <span class="differs-mark">
                                          <span aria-hidden="true"> ≠ </span>
                                          <span class="differs-text">{t("cmp.differs")}</span>
                                        </span>
                                      </Show>
                                      <span class="cell-sub">
                                        {projectedText(row.ind, cell(), lang())} ·{" "}
                                        {probabilityText(cell().probability, lang())} ·{" "}
                                        <BasisBadge basis={cell().basis} />
                                      </span>
                                    </>
                                  )}
                                </Show>
                              </td>
                            )}
                          </For>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </section>
              <div class="compare-chart">
                <div class="field">
                  <label for="compare-indicator">{t("cmp.indicator")}</label>
                  <select id="compare-indicator" onChange={(e) => setIndicatorId(e.currentTarget.value)}>
                    <For each={props.plan.indicators}>
                      {(ind) => (
                        <option value={ind.id} selected={ind.id === indicatorId()}>
                          {ind.printedNumber !== null ? `${ind.printedNumber}. ` : ""}
                          {indicatorLabel(ind, lang())}
                        </option>
                      )}
                    </For>
                  </select>
                </div>
                <figure class="chart-figure">
                  <div class="chart-mount" ref={mount} />
                  <ul class="legend" aria-label={t("cmp.chart")}>
                    <For each={res()}>
                      {(r, i) => (
                        <li>
                          <span
                            class="swatch swatch-series"
                            aria-hidden="true"
                            style={{
                              "border-top-color": SERIES_COLORS[i() % SERIES_COLORS.length],
                              "border-top-style":
                                SERIES_DASHES[i() % SERIES_DASHES.length] === "none"
                                  ? "solid"
                                  : i() === 2
                                    ? "dotted"
                                    : "dashed",
                            }}
                          />
                          <span aria-hidden="true">{SYMBOL_TEXT[i() % SERIES_SYMBOLS.length]} </span>
                          {nameOf(r.id)}
                        </li>
                      )}
                    </For>
                  </ul>
                  <figcaption>{chartLabel()}</figcaption>
                  <SeriesTable
                    id="compare-data-caption"
                    summary={t("detail.dataTable")}
                    caption={chartLabel()}
                    yearHeader={t("detail.col.year")}
                    years={res()[0]!.evaluation.years}
                    series={res().map((r) => ({
                      name: nameOf(r.id),
                      values: r.evaluation.indicators.find((x) => x.id === indicatorId())?.projection,
                    }))}
                    unit={chosen() ? unitOf(chosen()!) : undefined}
                  />
                </figure>
              </div>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}
