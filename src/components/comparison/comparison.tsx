import { createEffect, createMemo, createSignal, For, type JSX, onCleanup, onMount, Show } from "solid-js";
import type { Evaluation } from "../../../models/engine.ts";
import { displayDecimals } from "../../../models/feasibility.ts";
import type { Indicator, Plan } from "../../../models/plan.ts";
import { type Bilingual, pick } from "../../../models/text.ts";
import {
  comparisonChart,
  comparisonSeriesTable,
  SERIES_COLORS,
  SERIES_DASHES,
  SERIES_SYMBOLS,
  seriesColumn,
} from "../../charts/comparison.ts";
import { type FigureMeta, type LegendEntry, standaloneSvg } from "../../charts/standalone.ts";
import { comparisonCsv } from "../../kernel/files.ts";
import { formatNumber, formatSigned, formatValue, formatYear } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { useProjection } from "../../kernel/projection.ts";
import { columnsTable, comparisonTable } from "../../kernel/result-tables.ts";
import type { EvaluateRequest } from "../../kernel/runner.ts";
import { createScheduler } from "../../kernel/scheduler.ts";
import { MAX_COMPARE, type WorkbenchStore } from "../../kernel/store.ts";
import { type DataColumn, DataTable } from "../shared/data-table.tsx";
import { download, serializeSvg, svgToPng } from "../shared/downloads.ts";
import { figureWords } from "../shared/figure-words.ts";
import { planSourceText } from "../shared/sources.ts";
import {
  IndicatorName,
  indicatorLabel,
  probabilityText,
  projectedText,
  targetText,
  unitOf,
  VerdictBadge,
} from "../shared/verdict.tsx";
import { unitWords } from "../shared/verdict-text.ts";

const SYMBOL_TEXT = ["●", "■", "▲", "◆"] as const;
const BASIS_SHAPE = { published: "◆", trend: "◇", estimate: "○", plan: "⚠" } as const;
type BasisKind = keyof typeof BASIS_SHAPE;

/** How a chart of the comparison leaves the app: framed by its title, legend, target and source. */
async function exportChart(
  chart: SVGSVGElement,
  meta: FigureMeta,
  kind: "svg" | "png",
  fileBase: string,
): Promise<string> {
  const name = `${fileBase}.${kind}`;
  const svg = standaloneSvg(chart, meta);
  if (kind === "svg") download(name, serializeSvg(svg), "image/svg+xml");
  else download(name, await svgToPng(svg));
  return name;
}

/**
 * A difference in the indicator's unit, signed, at the precision its values are shown at ("0" for none,
 * never "−0"); percentage points for rates, through `points(text, one)` (one: the number reads "1").
 */
function differenceText(
  ind: Indicator,
  diff: number,
  lang: "zh-CN" | "en",
  points: (value: string, one: boolean) => string,
): string {
  const decimals = displayDecimals(ind);
  const n = formatSigned(diff, lang, decimals);
  if (ind.unit === "percent" || ind.unit === "growth-rate")
    return points(n, formatNumber(Math.abs(diff), lang, decimals) === "1");
  // The unit's words as formatValue writes them ("households", "户"), the signed number in place.
  return formatValue(Math.abs(diff), unitOf(ind), lang).replace(
    formatNumber(Math.abs(diff), lang, decimals),
    n,
  );
}

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

  // The table the screen and the CSV both read: a row per indicator, differing verdicts first.
  const table = createMemo(() => {
    const res = results();
    return res ? comparisonTable(props.plan, res) : null;
  });
  const byId = createMemo(() => new Map(props.plan.indicators.map((i) => [i.id, i] as const)));
  /** Each scenario's results by indicator id, for the cells' badges and texts. */
  const resultsOf = createMemo(() =>
    (results() ?? []).map((r) => new Map(r.evaluation.indicators.map((x) => [x.id, x] as const))),
  );
  const diffCount = createMemo(() => {
    const tb = table();
    let n = 0;
    if (tb) for (let i = 0; i < tb.numRows(); i++) if (tb.get("differs", i)) n++;
    return n;
  });
  const firstName = () => {
    const res = results();
    return res ? nameOf(res[0]!.id) : "";
  };
  const indOf = (row: number): Indicator | undefined => byId().get(table()?.get("id", row) as string);

  const scenarioCell = (k: number, scenarioId: string) => (row: number) => {
    const ind = indOf(row);
    const r = ind ? resultsOf()[k]?.get(ind.id) : undefined;
    if (!ind || !r) return "—";
    const differs = k > 0 && table()?.get(`differs:${scenarioId}`, row) === true;
    const basis = r.basis as BasisKind;
    return (
      <>
        <span class="cmp-line">
          <VerdictBadge met={r.judgement.met} />
          <Show when={differs}>
            <span class="differs-mark">
              {" "}
              <span aria-hidden="true">≠</span>
              <span class="visually-hidden">{t("cmp.differs")}</span>
            </span>
          </Show>
          <span class="cmp-probability"> {probabilityText(r.probability, lang())}</span>
        </span>
        <span class="cell-sub">
          <span class="cmp-projected">{projectedText(ind, r, lang())}</span>{" "}
          <span class={`basis basis-${basis}`} title={t(`basis.${basis}Note`)}>
            <span aria-hidden="true">{BASIS_SHAPE[basis]}</span>
            <span class="visually-hidden">
              {t("basis.label")}: {t(`basis.${basis}`)}
            </span>
          </span>
        </span>
      </>
    );
  };
  const diffCell = (scenarioId: string) => (row: number) => {
    const ind = indOf(row);
    const tb = table();
    if (!ind || !tb) return "—";
    const v = tb.get(`valueDiff:${scenarioId}`, row) as number | null;
    const p = tb.get(`probabilityDiff:${scenarioId}`, row) as number | null;
    return (
      <>
        <span class="cmp-line cmp-value-diff">
          {v === null
            ? "—"
            : differenceText(ind, v, lang(), (n, one) => tn("cmp.points", one ? 1 : 2, { value: n }))}
        </span>
        <Show when={p !== null}>
          <span class="cell-sub cmp-probability-diff">
            {t("cmp.probDiff", { value: formatSigned(p!, lang(), 0) })}
          </span>
        </Show>
      </>
    );
  };
  const columns = createMemo((): DataColumn[] => {
    const res = results() ?? [];
    const first = firstName();
    const out: DataColumn[] = [
      {
        name: "printedNumber",
        header: t("db.col.number"),
        label: t("db.col.number"),
        class: "cmp-number",
        cell: (row) => indOf(row)?.printedNumber ?? "—",
      },
      {
        name: "id",
        header: t("db.col.name"),
        rowHeader: true,
        class: "cmp-name",
        cell: (row) => {
          const ind = indOf(row);
          if (!ind) return "—";
          return (
            <>
              <IndicatorName ind={ind} />
              <Show when={table()?.get("differs", row)}>
                <span class="differs-mark differs-row">
                  <span aria-hidden="true">≠ </span>
                  {t("cmp.differsRow", { first })}
                </span>
              </Show>
            </>
          );
        },
      },
    ];
    res.forEach((r, k) => {
      const symbol = SYMBOL_TEXT[k % SYMBOL_TEXT.length];
      out.push({
        name: `met:${r.id}`,
        header: (
          <>
            <span aria-hidden="true">{symbol} </span>
            {nameOf(r.id)}
          </>
        ),
        class: "cmp-scenario",
        label: `${symbol} ${nameOf(r.id)}`,
        numeric: false,
        cell: scenarioCell(k, r.id),
      });
      if (k > 0) {
        out.push({
          name: `valueDiff:${r.id}`,
          header: (
            <>
              {t("cmp.col.diff")}{" "}
              <span aria-hidden="true" title={t("cmp.col.diffOf", { name: nameOf(r.id), first })}>
                {symbol} − {SYMBOL_TEXT[0]}
              </span>
              <span class="visually-hidden">{t("cmp.col.diffOf", { name: nameOf(r.id), first })}</span>
            </>
          ),
          class: "cmp-diff",
          label: `${t("cmp.col.diff")} ${symbol} − ${SYMBOL_TEXT[0]}`,
          cell: diffCell(r.id),
        });
      }
    });
    return out;
  });

  const [notice, setNotice] = createSignal<{ kind: "ok" | "error"; text: string } | null>(null);
  const fileBase = () => `${props.plan.id}-comparison`;
  const saveCsv = (): void => {
    const res = results();
    const tb = table();
    if (!res || !tb) return;
    const name = `${fileBase()}.csv`;
    const scenarios = res.map((r) => ({ id: r.id, name: nameOf(r.id) }));
    download(name, comparisonCsv(props.plan, tb, scenarios, lang()), "text/csv;charset=utf-8");
    setNotice({ kind: "ok", text: t("files.downloaded", { name }) });
  };

  let mount: HTMLDivElement | undefined;
  // The chart is drawn for the width it has; it is redrawn when the window is resized.
  const [width, setWidth] = createSignal(0);
  const observe = (el: HTMLDivElement) => {
    mount = el;
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(() => setWidth(Math.round(el.clientWidth)));
    ro.observe(el);
    onCleanup(() => ro.disconnect());
  };
  onMount(() => setWidth(Math.round(mount?.clientWidth ?? 0)));
  const chosen = createMemo(() => props.plan.indicators.find((i) => i.id === indicatorId()));
  /**
   * What the chart draws, and the data table beside it reads: one table, a row per year, of each
   * scenario's line and bands (the evaluations' own arrays, wrapped, not copied), with the scenarios'
   * names in the same order.
   */
  const chartSeries = createMemo(() => {
    const res = results();
    const ind = chosen();
    if (!res || res.length === 0 || !ind) return null;
    const found = res.map((r) => r.evaluation.indicators.find((i) => i.id === ind.id));
    return {
      names: res.map((r) => nameOf(r.id)),
      banded: found.map((x) => x?.quantiles != null),
      table: comparisonSeriesTable(
        res[0]!.evaluation.years,
        found.map((x) => ({ values: x?.projection, quantiles: x?.quantiles })),
      ),
    };
  });
  const names = (): readonly string[] => chartSeries()?.names ?? [];
  const hasBands = () => chartSeries()?.banded.some(Boolean) ?? false;
  const targetLine = createMemo(() => {
    const ind = chosen();
    const tg = ind?.target;
    if (!ind || !tg || tg.kind !== "compare" || ind.measure === "annual") return null;
    return { value: tg.value, label: `${t("detail.legend.target")} ${targetText(ind, lang(), t)}` };
  });
  createEffect(() => {
    const series = chartSeries();
    const ind = chosen();
    if (!mount) return;
    if (!series || !ind) {
      mount.replaceChildren();
      return;
    }
    const l = lang();
    mount.replaceChildren(
      comparisonChart(series.table, {
        names: series.names,
        ariaLabel: chartLabel(),
        yLabel: unitWords(ind, l, t),
        formatValue: (v, decimals) => formatNumber(v, l, decimals),
        target: targetLine(),
        width: Math.max(320, Math.min(1100, width() || mount.clientWidth || 640)),
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
  /** The words that frame an exported chart, in the reader's language: what the screen shows around it. */
  const figureMeta = (ind: Indicator): FigureMeta => {
    const l = lang();
    const series = names();
    const legend: LegendEntry[] = series.map((name, k) => ({
      label: name,
      color: SERIES_COLORS[k % SERIES_COLORS.length]!,
      dash:
        SERIES_DASHES[k % SERIES_DASHES.length] === "none"
          ? undefined
          : SERIES_DASHES[k % SERIES_DASHES.length],
      symbol: SERIES_SYMBOLS[k % SERIES_SYMBOLS.length],
    }));
    if (hasBands()) {
      legend.push(
        { label: t("detail.legend.band90"), color: "#6b7280", swatch: "area", opacity: 0.18 },
        { label: t("detail.legend.band50"), color: "#6b7280", swatch: "area", opacity: 0.36 },
      );
    }
    if (targetLine()) legend.push({ label: t("detail.legend.target"), color: "#111417", dash: "4 3" });
    return {
      ...figureWords(ind, props.plan, series.join(" / "), l, t),
      legend,
      source: t("export.sourcePlan", { source: planSourceText(props.plan, l, t) }),
    };
  };
  const saveChart = async (kind: "svg" | "png"): Promise<void> => {
    const svg = mount?.querySelector("svg");
    const ind = chosen();
    if (!svg || !ind) return;
    try {
      const name = await exportChart(svg, figureMeta(ind), kind, `${fileBase()}-${indicatorId()}`);
      setNotice({ kind: "ok", text: t("files.downloaded", { name }) });
    } catch (e) {
      setNotice({
        kind: "error",
        text: t("chart.pngFailed", { message: e instanceof Error ? e.message : String(e) }),
      });
    }
  };

  /**
   * The chart's data: per year, each scenario's line and its 5–95% band, as drawn. The chart's own
   * table, with a column of band text per scenario that has bands.
   */
  const seriesTable = createMemo(() => {
    const series = chartSeries();
    const ind = chosen();
    if (!series) return columnsTable({ year: [] });
    const tb = series.table;
    const text: Record<string, string[]> = {};
    series.banded.forEach((banded, k) => {
      if (!banded || !ind) return;
      const u = unitOf(ind);
      const [p05, p95] = [tb.getter(seriesColumn(k, "p05")), tb.getter(seriesColumn(k, "p95"))];
      text[`b${k}`] = Array.from(
        { length: tb.numRows() },
        (_, j) => `${formatValue(p05(j) as number, u, lang())} – ${formatValue(p95(j) as number, u, lang())}`,
      );
    });
    return Object.keys(text).length > 0 ? tb.assign(columnsTable(text)) : tb;
  });
  const seriesColumns = (): DataColumn[] => {
    const ind = chosen();
    const fmt = (v: number | string | boolean) => (ind ? formatValue(v as number, unitOf(ind), lang()) : "—");
    const out: DataColumn[] = [
      { name: "year", header: t("detail.col.year"), rowHeader: true, format: (y) => formatYear(y as number) },
    ];
    const banded = chartSeries()?.banded ?? [];
    names().forEach((name, k) => {
      out.push({ name: seriesColumn(k), header: name, format: fmt });
      if (banded[k]) out.push({ name: `b${k}`, header: t("cmp.col.band", { name }) });
    });
    return out;
  };

  const legendDash = (i: number): JSX.CSSProperties["border-top-style"] =>
    SERIES_DASHES[i % SERIES_DASHES.length] === "none" ? "solid" : i % 4 === 2 ? "dotted" : "dashed";

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
        <Show when={results() && table()} fallback={<p role="status">{t("cmp.pending")}</p>}>
          {(tb) => (
            <>
              <p role="status" class="cmp-count">
                {tn("cmp.diffCount", diffCount())}
              </p>
              <p class="cmp-basis-key muted">
                {t("cmp.basisKey")}{" "}
                <For each={Object.keys(BASIS_SHAPE) as BasisKind[]}>
                  {(b) => (
                    <span class={`basis basis-${b}`}>
                      <span aria-hidden="true">{BASIS_SHAPE[b]} </span>
                      {t(`basis.${b}`)}
                    </span>
                  )}
                </For>
              </p>
              <DataTable
                id="comparison-caption"
                caption={t("cmp.caption", { first: firstName() })}
                table={tb()}
                columns={columns()}
                class="indicator-table comparison-table"
                busy={sched.pending()}
                rowAttributes={(row) => ({
                  class: tb().get("differs", row) ? "differs" : undefined,
                  "data-indicator": tb().get("id", row) as string,
                })}
              />
              <div class="chart-export no-print">
                <button type="button" class="button small" onClick={saveCsv}>
                  {t("cmp.download")}
                </button>
              </div>
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
                  <div class="chart-mount" ref={observe} />
                  <ul class="legend" aria-label={t("cmp.chart")}>
                    <For each={results() ?? []}>
                      {(r, i) => (
                        <li>
                          <span
                            class="swatch swatch-series"
                            aria-hidden="true"
                            style={{
                              "border-top-color": SERIES_COLORS[i() % SERIES_COLORS.length],
                              "border-top-style": legendDash(i()),
                            }}
                          />
                          <span aria-hidden="true">{SYMBOL_TEXT[i() % SERIES_SYMBOLS.length]} </span>
                          {nameOf(r.id)}
                        </li>
                      )}
                    </For>
                    <Show when={targetLine()}>
                      <li>
                        <span class="swatch swatch-series swatch-target-rule" aria-hidden="true" />
                        {targetLine()!.label}
                      </li>
                    </Show>
                  </ul>
                  <p class="cmp-bands-note muted">{hasBands() ? t("cmp.bands") : t("cmp.noBands")}</p>
                  <figcaption>{chartLabel()}</figcaption>
                  <div class="chart-export no-print">
                    <button type="button" class="button small" onClick={() => void saveChart("svg")}>
                      {t("chart.svg")}
                      <span class="visually-hidden"> {chartLabel()}</span>
                    </button>
                    <button type="button" class="button small" onClick={() => void saveChart("png")}>
                      {t("chart.png")}
                      <span class="visually-hidden"> {chartLabel()}</span>
                    </button>
                  </div>
                  <DataTable
                    id="compare-data-caption"
                    summary={t("detail.dataTable")}
                    caption={chartLabel()}
                    table={seriesTable()}
                    columns={seriesColumns()}
                  />
                </figure>
              </div>
              <Show when={notice()}>
                {(n) => (
                  <p
                    class={n().kind === "error" ? "field-error" : "muted"}
                    role={n().kind === "error" ? "alert" : "status"}
                  >
                    {n().text}
                  </p>
                )}
              </Show>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}
