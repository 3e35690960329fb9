import { createMemo, createSignal, For, Show } from "solid-js";
import type { Basis } from "../../../models/basis.ts";
import type { Evaluation, IndicatorResult } from "../../../models/engine.ts";
import type { Indicator, Plan } from "../../../models/plan.ts";
import type { Bands } from "../../../models/scenario.ts";
import { formatYear } from "../../kernel/format.ts";
import { type MessageKey, useI18n } from "../../kernel/i18n.ts";
import { type ColumnTable, verdictTable } from "../../kernel/result-tables.ts";
import { planRows, selectRows } from "../../kernel/table-rows.ts";
import { type DataColumn, DataTable } from "../shared/data-table.tsx";
import {
  BasisBadge,
  indicatorLabel,
  paceUnitText,
  paceValueText,
  probabilityText,
  projectedTextOf,
  StatusBadge,
  shownResult,
  VerdictBadge,
} from "../shared/verdict.tsx";

type Filter = "all" | "binding" | "bindingAtRisk" | "atRisk" | "missed";

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
  const [filter, setFilter] = createSignal<Filter>("all");
  const [query, setQuery] = createSignal("");

  // Every row reads the verdict table (met or missed, its basis, the printed number) — the table the
  // verdicts CSV writes —; the indicator, its results and its Monte Carlo answer are found by the row's id.
  const plan = createMemo(() => new Map(props.plan.indicators.map((ind, order) => [ind.id, { ind, order }])));
  const det = createMemo(() => new Map(props.det.indicators.map((r) => [r.id, r] as const)));
  const mc = createMemo(() => new Map((props.mc?.indicators ?? []).map((r) => [r.id, r] as const)));
  const idOf = (table: ColumnTable, row: number) => table.get("id", row) as string;
  const indOf = (table: ColumnTable, row: number): Indicator => plan().get(idOf(table, row))!.ind;
  const mcOf = (table: ColumnTable, row: number) => mc().get(idOf(table, row));
  /** The result the projected value and paces are read from (see `shownResult`). */
  const shownOf = (table: ColumnTable, row: number): IndicatorResult =>
    shownResult(det().get(idOf(table, row))!, mcOf(table, row), props.mcPending);
  const metOf = (table: ColumnTable, row: number) => table.get("met", row) as boolean;
  /** The projected value's numbers, from the verdict table (its `value`, `against`, `judgedYear`). */
  const judgedOf = (table: ColumnTable, row: number) => ({
    value: table.get("value", row) as number,
    against: table.get("against", row) as number | null,
    judgedYear: table.get("judgedYear", row) as number,
  });
  const basisOf = (table: ColumnTable, row: number) => table.get("basis", row) as Basis;

  /** The plan's indicators that have a result, in the plan's order. */
  const all = createMemo(() => {
    const table = planRows(props.verdicts ?? verdictTable(props.det, props.plan), props.plan);
    return selectRows(table, (row) => det().has(idOf(table, row)));
  });
  const atRisk = (table: ColumnTable, row: number) => {
    const s = mcOf(table, row)?.status;
    return s === "at-risk" || s === "off-track";
  };
  /** The rows the filter and the search let through (the table is sorted by its headers). */
  const shown = createMemo(() => {
    const q = query().trim().toLowerCase();
    const f = filter();
    const table = all();
    return selectRows(table, (row) => {
      const ind = indOf(table, row);
      if (f === "binding" && ind.attribute !== "binding") return false;
      if (f === "bindingAtRisk" && !(ind.attribute === "binding" && atRisk(table, row))) return false;
      if (f === "atRisk" && !atRisk(table, row)) return false;
      if (f === "missed" && metOf(table, row)) return false;
      if (!q) return true;
      return (
        ind.name.zh.toLowerCase().includes(q) ||
        ind.name.en.toLowerCase().includes(q) ||
        String(ind.printedNumber ?? "") === q
      );
    });
  });

  const summary = createMemo(() => {
    const table = all();
    let met = 0;
    let binding = 0;
    let bindingMissed = 0;
    for (let row = 0; row < table.numRows(); row++) {
      const m = metOf(table, row);
      if (m) met++;
      if (indOf(table, row).attribute === "binding") {
        binding++;
        if (!m) bindingMissed++;
      }
    }
    return t("db.summary", { met, total: table.numRows(), binding, bindingMissed });
  });

  const columns: DataColumn[] = [
    {
      name: "printedNumber",
      col: "col-number",
      get header() {
        return t("db.col.number");
      },
      sort: (row, table) => indOf(table, row).printedNumber ?? 1000 + plan().get(idOf(table, row))!.order,
    },
    {
      name: "name",
      col: "col-name",
      class: "name",
      rowHeader: true,
      get header() {
        return t("db.col.name");
      },
      sort: (row, table) => indicatorLabel(indOf(table, row), lang()),
      render: (r) => {
        const ind = () => indOf(r.table(), r.index());
        return (
          <>
            <button
              type="button"
              id={`details-${ind().id}`}
              class="row-select"
              aria-pressed={props.selected === ind().id ? "true" : "false"}
              aria-controls="indicator-detail"
              title={`${ind().name.zh} · ${ind().name.en}`}
              onClick={() => props.onSelect(ind().id)}
            >
              <span class="row-select-name" lang={lang()}>
                {indicatorLabel(ind(), lang())}
              </span>
            </button>
            <Show when={basisOf(r.table(), r.index()) === "plan"}>
              <span class="visually-hidden">{t("basis.planNote")}</span>
            </Show>
            <Show when={ind().target.kind === "in-step-with"}>
              <span class="visually-hidden">{t("basis.inStepNote")}</span>
            </Show>
          </>
        );
      },
    },
    {
      name: "printed",
      col: "col-printed",
      class: "printed",
      numeric: false,
      get header() {
        return t("db.col.printedShort");
      },
      cellAttributes: () => ({ lang: "zh-CN" }),
      render: (r) => (
        <span class="clamp">
          {indOf(r.table(), r.index()).baseline.printed} → {indOf(r.table(), r.index()).target.printed}
        </span>
      ),
    },
    {
      name: "value",
      col: "col-projected",
      class: "projected",
      get header() {
        return `${t("db.col.projected")} ${formatYear(props.plan.targetYear)}`;
      },
      // "(GDP 6.0%)" stays on one line, so the cell is two lines at most.
      render: (r) => (
        <>
          {projectedTextOf(indOf(r.table(), r.index()), judgedOf(r.table(), r.index()), lang()).replace(
            /(GDP|生产总值) /,
            "$1\u00a0",
          )}
        </>
      ),
    },
    {
      name: "met",
      col: "col-verdict",
      class: "verdict-cell",
      numeric: false,
      get header() {
        return t("db.col.verdict");
      },
      sort: (row, table) => (metOf(table, row) ? 1 : 0),
      render: (r) => (
        <>
          <VerdictBadge met={metOf(r.table(), r.index())} />
          <BasisBadge basis={basisOf(r.table(), r.index())} />
        </>
      ),
    },
    {
      name: "probability",
      col: "col-probability",
      class: "probability",
      get header() {
        return t("db.col.probabilityShort");
      },
      // The Monte Carlo answer, shown faded while a newer one is computed (the verdict table's is null then).
      sort: (row, table) => mcOf(table, row)?.probability ?? -1,
      cellAttributes: () => ({ classList: { stale: props.mcPending } }),
      render: (r) => <>{probabilityText(mcOf(r.table(), r.index())?.probability, lang())}</>,
    },
    {
      name: "status",
      col: "col-status",
      class: "status-cell",
      numeric: false,
      get header() {
        return t("db.col.status");
      },
      get title() {
        const b = props.bands;
        return b ? t("status.bands", { onTrack: b.onTrack, offTrack: b.offTrack }) : undefined;
      },
      sort: (row, table) => {
        const s = mcOf(table, row)?.status;
        return s ? STATUS_RANK[s] : -1;
      },
      cellAttributes: () => ({ classList: { stale: props.mcPending } }),
      render: (r) => <StatusBadge status={mcOf(r.table(), r.index())?.status ?? null} />,
    },
    {
      name: "pace",
      col: "col-pace",
      class: "pace",
      numeric: false,
      get header() {
        return t("db.col.paceShort");
      },
      cellAttributes: (row, table) => ({ title: paceUnitText(shownOf(table, row).pace, t) }),
      render: (r) => {
        const ind = () => indOf(r.table(), r.index());
        const pace = () => shownOf(r.table(), r.index()).pace;
        return (
          <>
            <span class="pace-line">
              <span class="visually-hidden">{t("pace.needed")} </span>
              {paceValueText(ind(), pace(), pace().required, lang(), t)}
              <span aria-hidden="true"> / </span>
              <span class="visually-hidden">{t("pace.projected")} </span>
              {paceValueText(ind(), pace(), pace().projected, lang(), t)}
            </span>
            <span class="visually-hidden"> {paceUnitText(pace(), t)}</span>
          </>
        );
      },
    },
    {
      name: "attribute",
      col: "col-attribute",
      numeric: false,
      get header() {
        return t("db.col.attribute");
      },
      sort: (row, table) => ATTRIBUTE_RANK[indOf(table, row).attribute],
      render: (r) => {
        const a = () => indOf(r.table(), r.index()).attribute;
        return <span class={`attribute attribute-${a()}`}>{t(`attribute.${a()}`)}</span>;
      },
    },
    {
      name: "pin",
      col: "col-pin",
      class: "pin-cell",
      numeric: false,
      header: (
        <>
          <span aria-hidden="true">⊕</span>
          <span class="visually-hidden">{t("db.col.pin")}</span>
        </>
      ),
      render: (r) => {
        const ind = () => indOf(r.table(), r.index());
        return (
          <button
            type="button"
            id={`pin-${ind().id}`}
            class="button small pin-button icon-button"
            aria-pressed={props.pinned(ind().id) ? "true" : "false"}
            title={`${t("pin.verdictDetail")}: ${indicatorLabel(ind(), lang())}`}
            onClick={() => props.onPin(ind().id)}
          >
            <span aria-hidden="true">{props.pinned(ind().id) ? "📌" : "⊕"}</span>
            <span class="visually-hidden">
              {t("pin.verdict")} {indicatorLabel(ind(), lang())}
            </span>
          </button>
        );
      },
    },
  ];

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
          {t("db.shown", { shown: shown().numRows(), total: all().numRows() })}
        </p>
      </div>
      <DataTable
        id="dashboard-caption"
        class="indicator-table dashboard-table"
        label={t("db.tableLabel")}
        captionClass="visually-hidden"
        caption={
          <>
            {t("db.caption", {
              shown: shown().numRows(),
              total: all().numRows(),
              scenario: props.scenarioName,
            })}
            <span> {t("db.sortHint")}</span>
          </>
        }
        table={shown()}
        columns={columns}
        rowData={{ name: "indicator", column: "id" }}
        rowAttributes={(row, table) => ({ classList: { "from-text": indOf(table, row).origin === "text" } })}
        selected={(row, table) => idOf(table, row) === props.selected}
        onRowClick={(row, table) => props.onSelect(idOf(table, row))}
        busy={props.mcPending}
        locale={lang()}
      />
      <Show when={shown().numRows() === 0}>
        <p class="empty">{t("db.noMatch")}</p>
      </Show>
    </section>
  );
}
