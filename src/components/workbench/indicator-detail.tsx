import { createMemo, Show } from "solid-js";
import type { Evaluation } from "../../../models/engine.ts";
import type { Plan } from "../../../models/plan.ts";
import type { Assumption } from "../../../models/scenario.ts";
import type { Tornado } from "../../../models/sensitivity.ts";
import { pick } from "../../../models/text.ts";
import { formatNumber, formatProbability, formatYear } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import type { WorkbenchStore } from "../../kernel/store.ts";
import {
  BasisBadge,
  IndicatorName,
  marginText,
  paceRatioText,
  paceUnitText,
  paceValueText,
  projectedText,
  StatusBadge,
  shownResult,
  targetText,
  VerdictBadge,
} from "../shared/verdict.tsx";
import { GoalSeekForm } from "./goal-seek-form.tsx";
import { TornadoTable } from "./tornado-table.tsx";
import { TrajectoryFigure } from "./trajectory-figure.tsx";

/**
 * The selected indicator, at the top of the results pane: verdict, probability, status, basis and
 * pace in one line, the verdict in a sentence, and the trajectory chart; below them (scrolling within
 * the pane) what the verdict rests on, what the plan says, what drives the margin, and goal seek.
 */
export function IndicatorDetail(props: {
  plan: Plan;
  /** The open scenario's name as an exported chart states it (with its unsaved changes). */
  scenarioLabel: string;
  indicatorId: string;
  det: Evaluation;
  mc: Evaluation | undefined;
  /** True while the Monte Carlo run for the current inputs has not answered (`mc` is then stale). */
  mcPending: boolean;
  store: WorkbenchStore;
  tornado: Tornado | undefined;
  tornadoPending: boolean;
  /** Whether the verdict / chart is pinned to the notebook, and how to pin or unpin it. */
  pinned: (kind: "verdict" | "chart") => boolean;
  onPin: (kind: "verdict" | "chart") => void;
}) {
  const { lang, t } = useI18n();
  const ind = createMemo(() => props.plan.indicators.find((i) => i.id === props.indicatorId)!);
  const det = createMemo(() => props.det.indicators.find((r) => r.id === props.indicatorId)!);
  const mc = createMemo(() => props.mc?.indicators.find((r) => r.id === props.indicatorId));
  /** The result the verdict is read from: the same rule as the table's. */
  const v = createMemo(() => shownResult(det(), mc(), props.mcPending));
  const assumptions = createMemo((): Record<string, Assumption> => {
    const m = props.store.runModel();
    return m?.ok ? m.value.assumptions : {};
  });
  const bands = createMemo(() => {
    const m = props.store.runModel();
    return m?.ok ? m.value.bands : undefined;
  });
  const driversText = createMemo(() => {
    const a = assumptions();
    return v()
      .drivers.slice(0, 3)
      .map((d) => {
        const x = a[d.assumptionId];
        return `${x ? pick(x.label, lang()) : d.assumptionId} (${t(`basis.${d.kind}`)})`;
      })
      .join(lang() === "zh-CN" ? "；" : "; ");
  });
  /** The indicator's own component first: its levers are the ones a planner reaches for. */
  const levers = createMemo(() => {
    const output = props.store.library().bindings.get(props.plan.id)?.indicators[props.indicatorId]?.output;
    const own = output ? `${output.split(".")[0]}.` : "\u0000";
    const ids = det().assumptions.filter((id) => assumptions()[id] !== undefined);
    return [...ids.filter((id) => id.startsWith(own)), ...ids.filter((id) => !id.startsWith(own))];
  });

  const probability = () =>
    mc()?.probability != null && !props.mcPending ? formatProbability(mc()!.probability!, lang()) : "…";

  return (
    <section
      id="indicator-detail"
      class="indicator-detail"
      aria-labelledby="indicator-detail-heading"
      aria-busy={props.mcPending ? "true" : undefined}
    >
      <div class="detail-head">
        <h2 id="indicator-detail-heading" tabindex="-1">
          <span class="visually-hidden">{t("detail.heading")}: </span>
          <Show when={ind().printedNumber !== null}>
            <span class="row-number">{ind().printedNumber}. </span>
          </Show>
          <IndicatorName ind={ind()} />
        </h2>
        <div class="detail-actions">
          <button
            type="button"
            class="button small icon-button"
            aria-pressed={props.pinned("verdict") ? "true" : "false"}
            title={t("pin.verdictDetail")}
            onClick={() => props.onPin("verdict")}
          >
            <span aria-hidden="true">{props.pinned("verdict") ? "📌" : "⊕"}</span>
            <span class="visually-hidden">{t("pin.verdictDetail")}</span>
            <span aria-hidden="true" class="icon-word">
              {t("pin.verdict")}
            </span>
          </button>
          <button
            type="button"
            class="button small icon-button"
            aria-pressed={props.pinned("chart") ? "true" : "false"}
            title={t("pin.chartDetail")}
            onClick={() => props.onPin("chart")}
          >
            <span aria-hidden="true">{props.pinned("chart") ? "📌" : "⊕"}</span>
            <span class="visually-hidden">{t("pin.chartDetail")}</span>
            <span aria-hidden="true" class="icon-word">
              {t("detail.chart")}
            </span>
          </button>
        </div>
      </div>
      <div class="detail-facts">
        <dl class="detail-line">
          <div>
            <dt class="visually-hidden">{t("db.col.verdict")}</dt>
            <dd>
              <VerdictBadge met={v().judgement.met} />
            </dd>
          </div>
          <div>
            <dt>{t("db.col.probability")}</dt>
            <dd class="num" classList={{ stale: props.mcPending }}>
              {probability()}
            </dd>
          </div>
          <div>
            <dt class="visually-hidden">{t("db.col.status")}</dt>
            <dd classList={{ stale: props.mcPending }}>
              <StatusBadge status={mc()?.status ?? null} />
            </dd>
          </div>
          <div>
            <dt class="visually-hidden">{t("basis.label")}</dt>
            <dd>
              <BasisBadge basis={v().basis} />
            </dd>
          </div>
          <div class="pace-fact">
            <dt>{t("detail.paceShort")}</dt>
            <dd>
              {paceValueText(ind(), v().pace, v().pace.required, lang(), t)} /{" "}
              {paceValueText(ind(), v().pace, v().pace.projected, lang(), t)}{" "}
              <span class="pace-unit">{paceUnitText(v().pace, t)}</span>
              <Show when={paceRatioText(v().pace, lang(), t)}>
                {(x) => <span class="pace-unit"> · {x()}</span>}
              </Show>
            </dd>
          </div>
        </dl>
        <p class="detail-verdict">
          {t("detail.verdict", {
            value: projectedText(ind(), v(), lang()),
            year: formatYear(ind().target.year),
            target: targetText(ind(), lang(), t),
            verdict: v().judgement.met ? t("verdict.met") : t("verdict.missed"),
            margin: marginText(ind(), v().judgement.margin, lang()),
          })}
        </p>
      </div>
      <TrajectoryFigure
        plan={props.plan}
        scenarioLabel={props.scenarioLabel}
        ind={ind()}
        years={props.det.years}
        det={det()}
        mc={mc()}
        compact
      />
      <div class="detail-more">
        <p class="detail-basis">
          <Show when={mc()?.probability != null && mc()?.status} fallback={t("detail.noProbability")}>
            {t("detail.probability", {
              probability: formatProbability(mc()!.probability!, lang()),
              status: t(`status.${mc()!.status!}`),
            })}
          </Show>{" "}
          {v().verdictFrom === "median"
            ? t("verdict.fromMedian", { samples: formatNumber(props.mc?.samples ?? 0, lang(), 0) })
            : t("verdict.fromDeterministic")}{" "}
          {t(`basis.${v().basis}Note`)}{" "}
          <Show when={driversText()}>{(d) => t("basis.drivers", { drivers: d() })}</Show>
        </p>
        <Show when={bands()}>
          {(b) => (
            <p class="muted small">{t("status.bands", { onTrack: b().onTrack, offTrack: b().offTrack })}</p>
          )}
        </Show>
        <dl class="facts">
          <div>
            <dt>{t("db.col.printed")}</dt>
            <dd lang="zh-CN">
              {ind().baseline.printed} → {ind().target.printed}
            </dd>
          </div>
          <div>
            <dt>{t("db.col.attribute")}</dt>
            <dd>{t(`attribute.${ind().attribute}`)}</dd>
          </div>
        </dl>
        <p class="detail-source" lang="zh-CN">
          {t("detail.source", { section: ind().source.section })}
        </p>
        <Show when={ind().note}>{(n) => <p class="muted small">{pick(n(), lang())}</p>}</Show>
        <TornadoTable
          ind={ind()}
          tornado={props.tornado}
          pending={props.tornadoPending}
          assumptions={assumptions()}
        />
        <GoalSeekForm ind={ind()} levers={levers()} assumptions={assumptions()} store={props.store} />
      </div>
    </section>
  );
}
