import { createEffect, createMemo, createSignal, createUniqueId, onCleanup, onMount, Show } from "solid-js";
import type { IndicatorResult } from "../../../models/engine.ts";
import type { Indicator, Plan } from "../../../models/plan.ts";
import { standaloneSvg } from "../../charts/standalone.ts";
import { type TrajectoryMarks, trajectoryChart, trajectoryLegend } from "../../charts/trajectory.ts";
import { formatNumber, formatValue, formatYear } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { figureTable } from "../../kernel/result-tables.ts";
import { DataTable } from "../shared/data-table.tsx";
import { download, serializeSvg, svgToPng } from "../shared/downloads.ts";
import { figureWords } from "../shared/figure-words.ts";
import { planSourceText } from "../shared/sources.ts";
import { indicatorLabel, shownResult, targetText, unitOf } from "../shared/verdict.tsx";
import { unitWords } from "../shared/verdict-text.ts";

/**
 * The trajectory of one indicator as a figure: the Plot chart (mounted, never drawn here), a legend in
 * words and shapes, a caption that says what the chart shows, and the same data as a table on demand.
 * Its SVG and PNG downloads stand alone: the chart framed with its title, plan and scenario, unit,
 * legend, target, date and source ({@link standaloneSvg}).
 */
export function TrajectoryFigure(props: {
  /** The plan, whose title and published source an exported chart states. */
  plan: Plan;
  /** The scenario as an exported chart names it. */
  scenarioLabel: string;
  ind: Indicator;
  years: Int32Array;
  det: IndicatorResult;
  mc: IndicatorResult | undefined;
  /** A shorter chart (170 px instead of 300), for the workbench's results pane. Default false. */
  compact?: boolean;
}) {
  const { lang, t } = useI18n();
  const uid = createUniqueId();
  const [exportError, setExportError] = createSignal("");
  let mount: HTMLDivElement | undefined;
  // The chart is drawn for the width it has; it is redrawn when its pane is resized.
  const [width, setWidth] = createSignal(0);
  onMount(() => {
    if (!mount || typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(() => setWidth(Math.round(mount?.clientWidth ?? 0)));
    ro.observe(mount);
    onCleanup(() => ro.disconnect());
  });
  // The chart, its legend and the data table below it read one Arquero table over the runs' own arrays.
  const table = createMemo(() => figureTable(props.years, props.det, props.mc));
  const fmt = (v: number | null) => (v === null ? "—" : formatValue(v, unitOf(props.ind), lang()));
  const marks = createMemo((): TrajectoryMarks => {
    const b = props.ind.baseline;
    const tg = props.ind.target;
    return {
      baseline:
        b.qualifier === "missing" || b.qualifier === "not-in-source"
          ? null
          : { year: b.year, value: b.value },
      target:
        tg.kind === "compare" && props.ind.measure !== "annual" ? { year: tg.year, value: tg.value } : null,
    };
  });
  const label = createMemo(() => {
    const tb = table();
    const last = tb.numRows() - 1;
    return t("detail.chartLabel", {
      name: indicatorLabel(props.ind, lang()),
      from: formatYear(props.years[0] ?? 0),
      to: formatYear(last >= 0 ? (tb.get("year", last) as number) : 0),
      value: fmt(last >= 0 ? (tb.get("projection", last) as number) : null),
      target: targetText(props.ind, lang(), t),
    });
  });

  /** The unit as the y axis and an export's subtitle name it. */
  const unitText = (): string => unitWords(props.ind, lang(), t);

  /**
   * The chart is drawn in the task after the next frame, not in the input's own task: the changed row of
   * the dashboard paints first, and the chart follows a frame later (issue 12: the deterministic update
   * painted within one frame of the input). Changes within one frame make one drawing.
   */
  let pendingDraw: (() => void) | null = null;
  let drawTimer: ReturnType<typeof setTimeout> | undefined;
  let drawFrame: number | undefined;
  const drawNow = (): void => {
    const draw = pendingDraw;
    pendingDraw = null;
    if (drawFrame !== undefined) cancelAnimationFrame(drawFrame);
    clearTimeout(drawTimer);
    drawFrame = drawTimer = undefined;
    draw?.();
  };
  createEffect(() => {
    if (!mount) return;
    const el = mount;
    const ind = props.ind;
    const l = lang();
    const tb = table();
    const options = {
      ...marks(),
      ariaLabel: label(),
      yLabel: unitText(),
      formatValue: (v: number) =>
        formatNumber(v, l, ind.unit === "percent" ? Math.max(0, ind.precision - 1) : 0),
      targetLabel: `${t("detail.legend.target")} ${targetText(ind, l, t)}`,
      width: Math.max(280, Math.min(760, width() || el.clientWidth || 640)),
      height: props.compact ? 170 : 300,
    };
    const first = pendingDraw === null && !el.firstChild;
    pendingDraw = () => el.replaceChildren(trajectoryChart(tb, options));
    // The first drawing is made at once: there is no earlier chart to show meanwhile.
    if (first) drawNow();
    else if (drawFrame === undefined && drawTimer === undefined)
      drawFrame = requestAnimationFrame(() => {
        drawFrame = undefined;
        drawTimer = setTimeout(drawNow, 0);
      });
  });
  onCleanup(() => {
    pendingDraw = null;
    if (drawFrame !== undefined) cancelAnimationFrame(drawFrame);
    clearTimeout(drawTimer);
  });
  onCleanup(() => mount?.replaceChildren());

  /** The chart as drawn, a drawing still waiting for its frame made first. */
  const chartSvg = (): SVGSVGElement | null => {
    drawNow();
    return mount?.querySelector("svg") ?? null;
  };
  /** The chart as a file shows it: framed by every word a reader needs without the app around it. */
  const standalone = (): SVGSVGElement | null => {
    const chart = chartSvg();
    if (!chart) return null;
    const ind = props.ind;
    const l = lang();
    return standaloneSvg(chart, {
      ...figureWords(ind, props.plan, props.scenarioLabel, l, t),
      legend: trajectoryLegend(table(), marks(), {
        projection: t("detail.legend.projection"),
        band90: t("detail.legend.band90"),
        band50: t("detail.legend.band50"),
        target: t("detail.legend.target"),
        baseline: t("detail.legend.baseline"),
        actual: t("detail.legend.actual"),
      }),
      source: t("export.source", {
        source: planSourceText(props.plan, l, t),
        basis: t(`basis.${shownResult(props.det, props.mc, false).basis}`),
      }),
    });
  };
  const fileBase = () => `${props.ind.id}-trajectory`;
  const saveSvg = (): void => {
    const svg = standalone();
    if (svg) download(`${fileBase()}.svg`, serializeSvg(svg), "image/svg+xml");
  };
  const savePng = async (): Promise<void> => {
    const svg = standalone();
    if (!svg) return;
    try {
      setExportError("");
      download(`${fileBase()}.png`, await svgToPng(svg));
    } catch (e) {
      setExportError(t("chart.pngFailed", { message: e instanceof Error ? e.message : String(e) }));
    }
  };

  const hasBands = () => props.mc?.quantiles != null;
  const hasActuals = () => props.det.actuals.length > 0;

  return (
    <figure class="chart-figure">
      <div class="chart-mount" ref={mount} />
      <ul class="legend" aria-label={t("detail.chart")}>
        <li>
          <span class="swatch swatch-line" aria-hidden="true" /> {t("detail.legend.projection")}
        </li>
        <Show when={hasBands()}>
          <li>
            <span class="swatch swatch-band90" aria-hidden="true" /> {t("detail.legend.band90")}
          </li>
          <li>
            <span class="swatch swatch-band50" aria-hidden="true" /> {t("detail.legend.band50")}
          </li>
        </Show>
        <Show when={marks().target}>
          <li>
            <span class="swatch-symbol swatch-target" aria-hidden="true">
              ◇
            </span>{" "}
            {t("detail.legend.target")}
          </li>
        </Show>
        <Show when={marks().baseline}>
          <li>
            <span class="swatch-symbol swatch-baseline" aria-hidden="true">
              ■
            </span>{" "}
            {t("detail.legend.baseline")}
          </li>
        </Show>
        <Show when={hasActuals()}>
          <li>
            <span class="swatch-symbol swatch-actual" aria-hidden="true">
              ▲
            </span>{" "}
            {t("detail.legend.actual")}
          </li>
        </Show>
      </ul>
      <figcaption>{label()}</figcaption>
      <div class="chart-export no-print">
        <button type="button" class="button small" onClick={saveSvg}>
          {t("chart.svg")}
          <span class="visually-hidden"> {indicatorLabel(props.ind, lang())}</span>
        </button>
        <button type="button" class="button small" onClick={() => void savePng()}>
          {t("chart.png")}
          <span class="visually-hidden"> {indicatorLabel(props.ind, lang())}</span>
        </button>
        <Show when={exportError()}>
          <p class="field-error" role="alert">
            {exportError()}
          </p>
        </Show>
      </div>
      <DataTable
        id={`${uid}-caption`}
        summary={t("detail.dataTable")}
        caption={t("detail.tableCaption", { name: indicatorLabel(props.ind, lang()) })}
        table={table()}
        columns={[
          {
            name: "year",
            header: t("detail.col.year"),
            rowHeader: true,
            format: (y) => formatYear(y as number),
          },
          { name: "projection", header: t("detail.col.projection"), format: (v) => fmt(v as number) },
          ...(hasBands()
            ? (
                [
                  ["p05", "detail.col.p5"],
                  ["p25", "detail.col.p25"],
                  ["p50", "detail.col.p50"],
                  ["p75", "detail.col.p75"],
                  ["p95", "detail.col.p95"],
                ] as const
              ).map(([name, key]) => ({
                name,
                header: t(key),
                format: (v: number | string | boolean) => fmt(v as number),
              }))
            : []),
          { name: "actual", header: t("detail.col.actual"), format: (v) => fmt(v as number) },
        ]}
      />
    </figure>
  );
}
