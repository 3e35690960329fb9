import { For, Show } from "solid-js";
import type { Evaluation, IndicatorResult } from "../../../models/engine.ts";
import type { Indicator, Plan } from "../../../models/plan.ts";
import type { Lang } from "../../../models/text.ts";
import { formatProbability, formatSigned, formatValue, formatYear } from "../../kernel/format.ts";
import { type I18n, useI18n } from "../../kernel/i18n.ts";
import { wt } from "../../kernel/workshop-text.ts";
import { IndicatorName, probabilityText, StatusBadge, unitOf, VerdictBadge } from "../shared/verdict.tsx";

/**
 * The key targets of the current step as big cards: for each, the verdict, projected target-year value,
 * probability and status before (the previous step, the baseline, or the state without live changes)
 * and now, side by side, and the change marked with a symbol and in words ("↓ worse: Met → Missed").
 */

/** How a target's verdict moved between before and now. */
export type Change = "better" | "worse" | "same";

export function changeOf(before: IndicatorResult | undefined, now: IndicatorResult | undefined): Change {
  if (!before || !now || before.judgement.met === now.judgement.met) return "same";
  return now.judgement.met ? "better" : "worse";
}

const CHANGE_SYMBOL: Record<Change, string> = { better: "↑", worse: "↓", same: "=" };

/** The verdict change in words, e.g. "↓ worse: Met → Missed", or "= verdict unchanged". */
export function changeText(
  before: IndicatorResult,
  now: IndicatorResult,
  lang: Lang,
  t: I18n["t"],
): { change: Change; symbol: string; text: string } {
  const change = changeOf(before, now);
  const word = (met: boolean) => t(met ? "verdict.met" : "verdict.missed");
  const text =
    change === "same"
      ? lang === "zh-CN"
        ? `${wt(lang, "same")}（${word(now.judgement.met)}）`
        : `${wt(lang, "same")} (${word(now.judgement.met)})`
      : `${wt(lang, change)}${lang === "zh-CN" ? "：" : ": "}${wt(lang, "verdictChange", { from: word(before.judgement.met), to: word(now.judgement.met) })}`;
  return { change, symbol: CHANGE_SYMBOL[change], text };
}

/** The projected value's change in the indicator's unit, signed: "−833 households", "+3.2 points". */
function valueDelta(ind: Indicator, before: number, now: number, lang: Lang): string {
  const d = now - before;
  const decimals = Math.max(ind.precision, ind.unit === "percent" || ind.unit === "growth-rate" ? 1 : 0);
  const n = formatSigned(d, lang, decimals);
  if (ind.unit === "percent" || ind.unit === "growth-rate")
    return lang === "zh-CN" ? `${n} 个百分点` : `${n} points`;
  const unitText = formatValue(Math.abs(d), { ...unitOf(ind), precision: decimals }, lang);
  return unitText.replace(/^[\d,.]+/, n);
}

function Column(props: {
  label: string;
  ind: Indicator;
  det: IndicatorResult;
  mc: IndicatorResult | undefined;
  year: number;
  pending: boolean;
  now: boolean;
}) {
  const { lang } = useI18n();
  return (
    <div class="ws-col" classList={{ "ws-col-now": props.now, "ws-col-before": !props.now }}>
      <p class="ws-col-label">{props.label}</p>
      <p class="ws-verdict">
        <VerdictBadge met={props.det.judgement.met} />
      </p>
      <dl class="ws-facts">
        <div>
          <dt>{wt(lang(), "projected", { year: formatYear(props.year) })}</dt>
          <dd class="num">{formatValue(props.det.judgement.metric, unitOf(props.ind), lang())}</dd>
        </div>
        <div classList={{ stale: props.pending && !props.mc }}>
          <dt>{wt(lang(), "probability")}</dt>
          <dd class="num ws-probability">{probabilityText(props.mc?.probability, lang())}</dd>
        </div>
        <div>
          <dt>{wt(lang(), "status")}</dt>
          <dd>
            <StatusBadge status={props.mc?.status ?? null} />
          </dd>
        </div>
      </dl>
    </div>
  );
}

export function WorkshopCards(props: {
  plan: Plan;
  focus: string[];
  now: Evaluation;
  nowMc: Evaluation | undefined;
  before: Evaluation | null;
  beforeMc: Evaluation | undefined;
  /** "Before" with what it is, e.g. "Before · step 1". */
  beforeLabel: string;
  nowLabel: string;
  pending: boolean;
}) {
  const { lang, t } = useI18n();
  const find = (e: Evaluation | null | undefined, id: string) => e?.indicators.find((r) => r.id === id);
  const cards = () =>
    props.focus
      .map((id) => props.plan.indicators.find((i) => i.id === id))
      .filter((i): i is Indicator => i !== undefined);

  return (
    <section
      class="ws-cards"
      aria-labelledby="ws-cards-heading"
      aria-busy={props.pending ? "true" : undefined}
    >
      <h2 id="ws-cards-heading">{wt(lang(), "cardsHeading")}</h2>
      <Show when={!props.before}>
        <p class="ws-note">{wt(lang(), "firstStep")}</p>
      </Show>
      <ul class="ws-card-list" classList={{ "ws-card-list-wide": cards().length <= 2 }}>
        <For each={cards()}>
          {(ind) => {
            const now = () => find(props.now, ind.id);
            const before = () => find(props.before, ind.id);
            const change = () => {
              const b = before();
              const n = now();
              return b && n ? changeText(b, n, lang(), t) : null;
            };
            const probDelta = () => {
              const b = find(props.beforeMc, ind.id)?.probability;
              const n = find(props.nowMc, ind.id)?.probability;
              if (b === null || b === undefined || n === null || n === undefined) return null;
              const d = Math.round(n) - Math.round(b);
              return {
                symbol: d > 0 ? "↑" : d < 0 ? "↓" : "=",
                text: wt(lang(), "probabilityChange", {
                  from: formatProbability(b, lang()),
                  to: formatProbability(n, lang()),
                  delta: formatSigned(d, lang(), 0),
                }),
              };
            };
            return (
              <li
                class="ws-card"
                data-indicator={ind.id}
                data-change={change()?.change ?? "none"}
                classList={{ [`ws-card-${change()?.change ?? "none"}`]: true }}
              >
                <h3 class="ws-card-title" id={`ws-card-${ind.id}`}>
                  <IndicatorName ind={ind} />
                </h3>
                <p class="ws-target">
                  <Show
                    when={ind.baseline.qualifier !== "missing"}
                    fallback={
                      <>
                        {wt(lang(), "target")} <span lang="zh-CN">{ind.target.printed}</span>
                      </>
                    }
                  >
                    {wt(lang(), "baselineTarget")}{" "}
                    <span lang="zh-CN">
                      {ind.baseline.printed} → {ind.target.printed}
                    </span>
                  </Show>
                </p>
                <Show when={now()}>
                  {(n) => (
                    <div class="ws-compare">
                      <Show when={before()}>
                        {(b) => (
                          <>
                            <Column
                              label={props.beforeLabel}
                              ind={ind}
                              det={b()}
                              mc={find(props.beforeMc, ind.id)}
                              year={props.plan.targetYear}
                              pending={props.pending}
                              now={false}
                            />
                            <span class="ws-arrow" aria-hidden="true">
                              →
                            </span>
                          </>
                        )}
                      </Show>
                      <Column
                        label={props.nowLabel}
                        ind={ind}
                        det={n()}
                        mc={find(props.nowMc, ind.id)}
                        year={props.plan.targetYear}
                        pending={props.pending}
                        now={true}
                      />
                    </div>
                  )}
                </Show>
                <Show when={change()}>
                  {(c) => (
                    <p class={`ws-change ws-change-${c().change}`}>
                      <span class="ws-change-symbol" aria-hidden="true">
                        {c().symbol}
                      </span>{" "}
                      <span class="ws-change-text">{c().text}</span>
                      <Show when={before() && now()}>
                        <span class="ws-change-sub">
                          {" · "}
                          {wt(lang(), "valueChange", {
                            delta: valueDelta(
                              ind,
                              before()!.judgement.metric,
                              now()!.judgement.metric,
                              lang(),
                            ),
                          })}
                        </span>
                      </Show>
                      <Show when={probDelta()}>
                        {(p) => (
                          <span class="ws-change-sub">
                            {" · "}
                            <span aria-hidden="true">{p().symbol} </span>
                            {p().text}
                          </span>
                        )}
                      </Show>
                    </p>
                  )}
                </Show>
              </li>
            );
          }}
        </For>
      </ul>
    </section>
  );
}
