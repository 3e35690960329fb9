import { createEffect, createMemo, createSignal, For, on, onCleanup, Show } from "solid-js";
import type { Evaluation } from "../../../models/engine.ts";
import type { Indicator, Plan } from "../../../models/plan.ts";
import { pick } from "../../../models/text.ts";
import { comparisonChart, comparisonSeriesTable, SERIES_COLORS } from "../../charts/comparison.ts";
import { formatNumber, formatYear } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { wt } from "../../kernel/workshop-text.ts";
import { SeriesTable } from "../shared/series-table.tsx";
import { indicatorLabel, targetText, unitOf } from "../shared/verdict.tsx";

const SYMBOL_TEXT = ["●", "■"] as const;

/**
 * The one chart of the workshop screen: the trajectory of a key target now, overlaid on its trajectory
 * before, with the target as a dashed rule. Lines differ by colour, dash, point shape and an end label,
 * so they can be told apart without colour. The SVG is drawn at a modest size and scaled up by CSS, so
 * its type grows with the projector layout. A caption says what it shows; the data is a table on demand.
 */
export function WorkshopChart(props: {
  plan: Plan;
  focus: string[];
  now: Evaluation;
  before: Evaluation | null;
  nowLabel: string;
  beforeLabel: string;
}) {
  const { lang, t } = useI18n();
  const [chosen, setChosen] = createSignal(props.focus[0] ?? "");
  // A new step brings its own key targets; the chart follows its first one.
  createEffect(
    on(
      () => props.focus.join(","),
      () => {
        if (!props.focus.includes(chosen())) setChosen(props.focus[0] ?? "");
      },
    ),
  );
  const ind = createMemo((): Indicator | undefined => props.plan.indicators.find((i) => i.id === chosen()));
  const series = createMemo(() => {
    const out: { name: string; values: Float64Array; years: Int32Array }[] = [];
    const i = ind();
    if (!i) return out;
    const add = (e: Evaluation | null, name: string) => {
      const r = e?.indicators.find((x) => x.id === i.id);
      if (e && r) out.push({ name, values: r.projection, years: e.years });
    };
    add(props.before, props.beforeLabel);
    add(props.now, props.nowLabel);
    return out;
  });
  const label = createMemo(() => {
    const i = ind();
    const years = props.now.years;
    if (!i) return "";
    return wt(lang(), "chartLabel", {
      name: indicatorLabel(i, lang()),
      series: series()
        .map((s) => s.name)
        .join(wt(lang(), "chartAnd")),
      from: formatYear(years[0] ?? 0),
      to: formatYear(years[years.length - 1] ?? 0),
    });
  });

  let mount: HTMLDivElement | undefined;
  createEffect(() => {
    const i = ind();
    if (!mount) return;
    if (!i) {
      mount.replaceChildren();
      return;
    }
    const l = lang();
    const tg = i.target;
    // The evaluations' own arrays, wrapped as the chart's table (both runs are of one plan: one years).
    const lines = series();
    const table = comparisonSeriesTable(
      props.now.years,
      lines.map((s) => ({ values: s.values })),
    );
    mount.replaceChildren(
      comparisonChart(table, {
        names: lines.map((s) => s.name),
        ariaLabel: label(),
        yLabel: i.unit === "count" && i.unitLabel ? pick(i.unitLabel, l) : t(`unit.${i.unit}`),
        formatValue: (v) => formatNumber(v, l, i.unit === "percent" ? Math.max(0, i.precision - 1) : 0),
        target:
          tg.kind === "compare" && i.measure !== "annual" ? { value: tg.value, label: tg.printed } : null,
        width: 720,
        height: 320,
      }),
    );
  });
  onCleanup(() => mount?.replaceChildren());

  return (
    <section class="ws-chart" aria-labelledby="ws-chart-heading">
      <h2 id="ws-chart-heading">{wt(lang(), "chartHeading")}</h2>
      <Show when={props.focus.length > 1}>
        <div class="field ws-field">
          <label for="ws-chart-indicator">{wt(lang(), "chartIndicator")}</label>
          <select id="ws-chart-indicator" onChange={(e) => setChosen(e.currentTarget.value)}>
            <For each={props.focus}>
              {(id) => {
                const i = () => props.plan.indicators.find((x) => x.id === id);
                return (
                  <option value={id} selected={id === chosen()}>
                    {i() ? indicatorLabel(i()!, lang()) : id}
                  </option>
                );
              }}
            </For>
          </select>
        </div>
      </Show>
      <figure class="chart-figure ws-figure">
        <div class="chart-mount ws-chart-mount" ref={mount} />
        <ul class="legend ws-legend" aria-label={wt(lang(), "chartHeading")}>
          <For each={series()}>
            {(s, k) => (
              <li>
                <span
                  class="swatch swatch-series"
                  aria-hidden="true"
                  style={{
                    "border-top-color": SERIES_COLORS[k() % SERIES_COLORS.length],
                    "border-top-style": k() === 0 ? "solid" : "dashed",
                  }}
                />
                <span aria-hidden="true">{SYMBOL_TEXT[k() % SYMBOL_TEXT.length]} </span>
                {s.name}
              </li>
            )}
          </For>
        </ul>
        <figcaption>
          {label()}
          <Show when={ind()}>
            {(i) => (
              <Show when={i().target.kind === "compare" && i().measure !== "annual"}>
                {" "}
                {wt(lang(), "chartTarget", { target: targetText(i(), lang(), t) })}
              </Show>
            )}
          </Show>
        </figcaption>
        <SeriesTable
          id="ws-chart-caption"
          summary={wt(lang(), "chartTable")}
          caption={label()}
          yearHeader={wt(lang(), "chartYear")}
          years={props.now.years}
          series={series()}
          unit={ind() ? unitOf(ind()!) : undefined}
        />
      </figure>
    </section>
  );
}
