import { createEffect, createMemo, createSignal, For, type JSX, on, onCleanup, Show } from "solid-js";
import type { Basis } from "../../../models/basis.ts";
import type { Evaluation, IndicatorResult } from "../../../models/engine.ts";
import type { Indicator, Plan } from "../../../models/plan.ts";
import type { Bands } from "../../../models/scenario.ts";
import { formatYear } from "../../kernel/format.ts";
import { type MessageKey, useI18n } from "../../kernel/i18n.ts";
import type { ColumnTable } from "../../kernel/result-tables.ts";
import {
  BasisBadge,
  indicatorLabel,
  paceUnitText,
  paceValueText,
  probabilityText,
  projectedText,
  StatusBadge,
  shownResult,
  VerdictBadge,
} from "../shared/verdict.tsx";

type SortKey = "number" | "name" | "verdict" | "probability" | "status" | "attribute";
type Filter = "all" | "binding" | "bindingAtRisk" | "atRisk" | "missed";

interface Row {
  ind: Indicator;
  det: IndicatorResult;
  mc: IndicatorResult | undefined;
  /** The result the verdict is read from (see `shownResult`): its projected value and paces. */
  v: IndicatorResult;
  /** Met or missed, and on what basis: read from the verdict table the verdicts CSV also writes. */
  met: boolean;
  basis: Basis;
  order: number;
}

const STATUS_RANK = { "off-track": 0, "at-risk": 1, "on-track": 2 } as const;
const ATTRIBUTE_RANK = { binding: 0, expected: 1, unspecified: 2 } as const;
const FILTERS: Filter[] = ["all", "binding", "bindingAtRisk", "atRisk", "missed"];

/**
 * Every indicator of the plan with its verdict, compact enough that every column shows without sideways
 * scrolling: printed number, name (a button that shows the indicator's chart above the table),
 * baseline → target as printed, projected target-year value, met or missed with its basis, probability,
 * status band, pace needed against pace projected, attribute, and a pin to the notebook. Sortable by the buttons in the column headers (aria-sort says how) and
 * filterable by a preset and a text search. The deterministic verdict answers every input at once;
 * probability and status follow from the Monte Carlo run and say so while they are computed.
 */
export function Dashboard(props: {
  plan: Plan;
  det: Evaluation;
  mc: Evaluation | undefined;
  mcPending: boolean;
  /** The verdicts of the evaluation shown (WorkbenchRuns.verdicts): the table the verdicts CSV writes. */
  verdicts: ColumnTable | undefined;
  scenarioName: string;
  bands: Bands | undefined;
  selected: string | null;
  onSelect: (id: string) => void;
  /** Whether an indicator's verdict is pinned to the notebook; pressing the pin button toggles it. */
  pinned: (id: string) => boolean;
  onPin: (id: string) => void;
}) {
  const { lang, t } = useI18n();
  const [sort, setSort] = createSignal<{ key: SortKey; dir: 1 | -1 } | null>(null);
  const [filter, setFilter] = createSignal<Filter>("all");
  const [query, setQuery] = createSignal("");

  const rows = createMemo((): Row[] => {
    const det = new Map(props.det.indicators.map((r) => [r.id, r] as const));
    const mc = new Map((props.mc?.indicators ?? []).map((r) => [r.id, r] as const));
    const table = props.verdicts;
    const at = new Map<string, number>();
    for (let i = 0; i < (table?.numRows() ?? 0); i++) at.set(table!.get("id", i) as string, i);
    const out: Row[] = [];
    props.plan.indicators.forEach((ind, order) => {
      const d = det.get(ind.id);
      const m = mc.get(ind.id);
      if (!d) return;
      const v = shownResult(d, m, props.mcPending);
      const i = at.get(ind.id);
      const met = i === undefined ? v.judgement.met : (table!.get("met", i) as boolean);
      const basis = i === undefined ? v.basis : (table!.get("basis", i) as Basis);
      out.push({ ind, det: d, mc: m, v, met, basis, order });
    });
    return out;
  });

  const atRisk = (r: Row) => r.mc?.status === "at-risk" || r.mc?.status === "off-track";
  const shown = createMemo(() => {
    const q = query().trim().toLowerCase();
    const f = filter();
    let list = rows().filter((r) => {
      if (f === "binding" && r.ind.attribute !== "binding") return false;
      if (f === "bindingAtRisk" && !(r.ind.attribute === "binding" && atRisk(r))) return false;
      if (f === "atRisk" && !atRisk(r)) return false;
      if (f === "missed" && r.met) return false;
      if (!q) return true;
      return (
        r.ind.name.zh.toLowerCase().includes(q) ||
        r.ind.name.en.toLowerCase().includes(q) ||
        String(r.ind.printedNumber ?? "") === q
      );
    });
    const s = sort();
    if (s) {
      const key = (r: Row): number | string => {
        switch (s.key) {
          case "number":
            return r.ind.printedNumber ?? 1000 + r.order;
          case "name":
            return indicatorLabel(r.ind, lang());
          case "verdict":
            return r.met ? 1 : 0;
          case "probability":
            return r.mc?.probability ?? -1;
          case "status":
            return r.mc?.status ? STATUS_RANK[r.mc.status] : -1;
          case "attribute":
            return ATTRIBUTE_RANK[r.ind.attribute];
        }
      };
      list = [...list].sort((a, b) => {
        const ka = key(a);
        const kb = key(b);
        const c =
          typeof ka === "string" && typeof kb === "string"
            ? ka.localeCompare(kb, lang())
            : (ka as number) - (kb as number);
        return c * s.dir || a.order - b.order;
      });
    }
    return list.map((r) => r.ind);
  });
  const rowOf = createMemo(() => new Map(rows().map((r) => [r.ind.id, r] as const)));

  const summary = createMemo(() => {
    const all = rows();
    const binding = all.filter((r) => r.ind.attribute === "binding");
    return t("db.summary", {
      met: all.filter((r) => r.met).length,
      total: all.length,
      binding: binding.length,
      bindingMissed: binding.filter((r) => !r.met).length,
    });
  });

  const toggleSort = (key: SortKey): void => {
    const s = sort();
    setSort(s && s.key === key ? { key, dir: s.dir === 1 ? -1 : 1 } : { key, dir: 1 });
  };
  const ariaSort = (key: SortKey): "ascending" | "descending" | undefined => {
    const s = sort();
    if (!s || s.key !== key) return undefined;
    return s.dir === 1 ? "ascending" : "descending";
  };
  const SortHeader = (p: { key: SortKey; label: string; class?: string; title?: string }): JSX.Element => (
    <th scope="col" aria-sort={ariaSort(p.key)} class={p.class} title={p.title}>
      <button type="button" class="sort-button" onClick={() => toggleSort(p.key)}>
        {p.label}
        <span class="sort-icon" aria-hidden="true">
          {ariaSort(p.key) === "ascending" ? "▲" : ariaSort(p.key) === "descending" ? "▼" : "↕"}
        </span>
      </button>
    </th>
  );

  // The selected row stays in view inside the table's own scroll box (the page does not move).
  // Checked after every change of the rows too (a row above may grow to two lines), but in the next
  // animation frame, once all of a change's DOM updates are in: measuring at once forced a second layout
  // of the whole page on each assumption change (16 ms a change in a Chromium profile).
  let scroller: HTMLElement | undefined;
  let frame = 0;
  const keepSelectedInView = (): void => {
    frame = 0;
    const id = props.selected;
    if (!scroller || !id) return;
    const tr = scroller.querySelector<HTMLElement>(`tr[data-indicator="${CSS.escape(id)}"]`);
    if (!tr) return;
    const box = scroller.getBoundingClientRect();
    const head = scroller.querySelector("thead")?.getBoundingClientRect().height ?? 0;
    const r = tr.getBoundingClientRect();
    if (r.top < box.top + head) scroller.scrollTop -= box.top + head - r.top;
    else if (r.bottom > box.bottom) scroller.scrollTop += r.bottom - box.bottom;
  };
  createEffect(
    on([() => props.selected, shown], () => {
      if (!frame) frame = requestAnimationFrame(keepSelectedInView);
    }),
  );
  onCleanup(() => cancelAnimationFrame(frame));

  return (
    <section class="dashboard" aria-labelledby="dashboard-heading">
      <div class="dashboard-head">
        <h2 id="dashboard-heading">{t("db.heading")}</h2>
        <p class="dashboard-summary">{summary()}</p>
      </div>
      <div class="dashboard-tools">
        <div class="field">
          <label for="dashboard-filter">{t("db.filter")}</label>
          <select id="dashboard-filter" onChange={(e) => setFilter(e.currentTarget.value as Filter)}>
            <For each={FILTERS}>
              {(f) => (
                <option value={f} selected={f === filter()}>
                  {t(`db.filter.${f}` as MessageKey)}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <label for="dashboard-search">{t("db.search")}</label>
          <input
            id="dashboard-search"
            type="search"
            value={query()}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </div>
        <p class="dashboard-count" role="status">
          {t("db.shown", { shown: shown().length, total: rows().length })}
        </p>
      </div>
      <section class="table-scroll" aria-label={t("db.tableLabel")} tabindex="0" ref={scroller}>
        <table class="indicator-table dashboard-table" aria-busy={props.mcPending ? "true" : undefined}>
          <caption class="visually-hidden">
            {t("db.caption", { shown: shown().length, total: rows().length, scenario: props.scenarioName })}
            <span> {t("db.sortHint")}</span>
          </caption>
          <colgroup>
            <col class="col-number" />
            <col class="col-name" />
            <col class="col-printed" />
            <col class="col-projected" />
            <col class="col-verdict" />
            <col class="col-probability" />
            <col class="col-status" />
            <col class="col-pace" />
            <col class="col-attribute" />
            <col class="col-pin" />
          </colgroup>
          <thead>
            <tr>
              <SortHeader key="number" label={t("db.col.number")} />
              <SortHeader key="name" label={t("db.col.name")} />
              <th scope="col">{t("db.col.printedShort")}</th>
              <th scope="col">
                {t("db.col.projected")} {formatYear(props.plan.targetYear)}
              </th>
              <SortHeader key="verdict" label={t("db.col.verdict")} />
              <SortHeader key="probability" label={t("db.col.probabilityShort")} />
              <SortHeader
                key="status"
                label={t("db.col.status")}
                title={
                  props.bands
                    ? t("status.bands", { onTrack: props.bands.onTrack, offTrack: props.bands.offTrack })
                    : undefined
                }
              />
              <th scope="col">{t("db.col.paceShort")}</th>
              <SortHeader key="attribute" label={t("db.col.attribute")} />
              <th scope="col">
                <span aria-hidden="true">⊕</span>
                <span class="visually-hidden">{t("db.col.pin")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={shown()}>
              {(ind) => {
                const r = {
                  ind,
                  get det() {
                    return rowOf().get(ind.id)!.det;
                  },
                  get mc() {
                    return rowOf().get(ind.id)?.mc;
                  },
                  get v() {
                    return rowOf().get(ind.id)!.v;
                  },
                  get met() {
                    return rowOf().get(ind.id)!.met;
                  },
                  get basis() {
                    return rowOf().get(ind.id)!.basis;
                  },
                };
                return (
                  <tr
                    data-indicator={r.ind.id}
                    classList={{
                      "from-text": r.ind.origin === "text",
                      "is-selected": props.selected === r.ind.id,
                    }}
                    onClick={(e) => {
                      // A click anywhere on the row shows its chart; its controls do their own thing.
                      if (!(e.target as Element).closest("button, a, input, select"))
                        props.onSelect(r.ind.id);
                    }}
                  >
                    <td class="num">{r.ind.printedNumber ?? "—"}</td>
                    <th scope="row" class="name">
                      <button
                        type="button"
                        id={`details-${r.ind.id}`}
                        class="row-select"
                        aria-pressed={props.selected === r.ind.id ? "true" : "false"}
                        aria-controls="indicator-detail"
                        title={`${r.ind.name.zh} · ${r.ind.name.en}`}
                        onClick={() => props.onSelect(r.ind.id)}
                      >
                        <span class="row-select-name" lang={lang()}>
                          {indicatorLabel(r.ind, lang())}
                        </span>
                      </button>
                      <Show when={r.basis === "plan"}>
                        <span class="visually-hidden">{t("basis.planNote")}</span>
                      </Show>
                      <Show when={r.ind.target.kind === "in-step-with"}>
                        <span class="visually-hidden">{t("basis.inStepNote")}</span>
                      </Show>
                    </th>
                    <td class="printed" lang="zh-CN">
                      <span class="clamp">
                        {r.ind.baseline.printed} → {r.ind.target.printed}
                      </span>
                    </td>
                    <td class="num projected">
                      {/* "(GDP 6.0%)" stays on one line, so the cell is two lines at most. */}
                      {projectedText(r.ind, r.v, lang()).replace(/(GDP|生产总值) /, "$1\u00a0")}
                    </td>
                    <td class="verdict-cell">
                      <VerdictBadge met={r.met} />
                      <BasisBadge basis={r.basis} />
                    </td>
                    <td class="num probability" classList={{ stale: props.mcPending }}>
                      {probabilityText(r.mc?.probability, lang())}
                    </td>
                    <td class="status-cell" classList={{ stale: props.mcPending }}>
                      <StatusBadge status={r.mc?.status ?? null} />
                    </td>
                    <td class="pace" title={paceUnitText(r.v.pace, t)}>
                      <span class="pace-line">
                        <span class="visually-hidden">{t("pace.needed")} </span>
                        {paceValueText(r.ind, r.v.pace, r.v.pace.required, lang(), t)}
                        <span aria-hidden="true"> / </span>
                        <span class="visually-hidden">{t("pace.projected")} </span>
                        {paceValueText(r.ind, r.v.pace, r.v.pace.projected, lang(), t)}
                      </span>
                      <span class="visually-hidden"> {paceUnitText(r.v.pace, t)}</span>
                    </td>
                    <td>
                      <span class={`attribute attribute-${r.ind.attribute}`}>
                        {t(`attribute.${r.ind.attribute}`)}
                      </span>
                    </td>
                    <td class="pin-cell">
                      <button
                        type="button"
                        id={`pin-${r.ind.id}`}
                        class="button small pin-button icon-button"
                        aria-pressed={props.pinned(r.ind.id) ? "true" : "false"}
                        title={`${t("pin.verdictDetail")}: ${indicatorLabel(r.ind, lang())}`}
                        onClick={() => props.onPin(r.ind.id)}
                      >
                        <span aria-hidden="true">{props.pinned(r.ind.id) ? "📌" : "⊕"}</span>
                        <span class="visually-hidden">
                          {t("pin.verdict")} {indicatorLabel(r.ind, lang())}
                        </span>
                      </button>
                    </td>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </section>
      <Show when={shown().length === 0}>
        <p class="empty">{t("db.noMatch")}</p>
      </Show>
    </section>
  );
}
