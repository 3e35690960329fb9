import { createMemo, Show } from "solid-js";
import type { Indicator } from "../../../models/plan.ts";
import type { Assumption } from "../../../models/scenario.ts";
import type { Tornado } from "../../../models/sensitivity.ts";
import { pick } from "../../../models/text.ts";
import { decimalsOfStep, formatParam } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { tornadoTable } from "../../kernel/result-tables.ts";
import { type DataColumn, DataTable } from "../shared/data-table.tsx";
import { indicatorLabel, marginText } from "../shared/verdict.tsx";

/**
 * An indicator's tornado as a table: each uncertain assumption at its 10th and 90th percentile, the
 * resulting margin, and the swing. Bars drawn in CSS sit beside the numbers (decoration: the numbers
 * are the content); the low side is marked ◀ and the high side ▶, so colour is never needed.
 */
export function TornadoTable(props: {
  ind: Indicator;
  tornado: Tornado | undefined;
  pending: boolean;
  assumptions: Record<string, Assumption>;
}) {
  const { lang, t } = useI18n();
  const rows = createMemo(() => (props.tornado ? tornadoTable(props.tornado) : undefined));
  const num = (col: string, row: number) => rows()!.get(col, row) as number;
  const idOf = (row: number) => rows()!.get("assumptionId", row) as string;
  const maxSwing = createMemo(() => {
    const r = rows();
    let m = 1e-9;
    for (let i = 0; i < (r?.numRows() ?? 0); i++) m = Math.max(m, r!.get("swing", i) as number);
    return m;
  });
  const margin = (m: number) => marginText(props.ind, m, lang());
  const value = (id: string, v: number) => {
    const a = props.assumptions[id];
    if (!a) return String(v);
    return formatParam(v, a.unit, lang(), Math.max(decimalsOfStep(a.step), a.unit === "percent" ? 1 : 0));
  };
  const base = () => props.tornado?.baseMargin ?? 0;
  const pct = (m: number) => `${Math.min(50, (Math.abs(m - base()) / maxSwing()) * 50)}%`;
  /** A side of the swing bar: as wide as its change of margin, drawn towards worse or better. */
  const half = (side: "low" | "high", row: number) => {
    const m = num(`${side}Margin`, row);
    return (
      <span
        class={`swing-${side}`}
        classList={{ worse: m < base() }}
        style={{ width: pct(m), [m < base() ? "right" : "left"]: "50%" }}
      />
    );
  };
  /** The assumption at one end (◀ low, ▶ high) and the margin it gives. */
  const end = (side: "low" | "high", row: number) => (
    <>
      <span aria-hidden="true">{side === "low" ? "◀ " : "▶ "}</span>
      {t("tornado.value", {
        value: value(idOf(row), num(`${side}Value`, row)),
        margin: margin(num(`${side}Margin`, row)),
      })}
    </>
  );
  const columns = (): DataColumn[] => [
    {
      name: "assumptionId",
      header: t("tornado.col.assumption"),
      rowHeader: true,
      format: (id) => {
        const a = props.assumptions[id as string];
        return a ? pick(a.label, lang()) : String(id);
      },
    },
    { name: "lowValue", header: t("tornado.col.low"), cell: (row) => end("low", row) },
    { name: "highValue", header: t("tornado.col.high"), cell: (row) => end("high", row) },
    {
      name: "swing",
      header: t("tornado.col.swing"),
      numeric: false,
      class: "swing-cell",
      cell: (row) => (
        <>
          <span class="swing-bar" aria-hidden="true">
            {half("low", row)}
            {half("high", row)}
          </span>
          <span class="num">{marginText(props.ind, num("swing", row), lang()).replace(/^\+/, "")}</span>
        </>
      ),
    },
  ];

  return (
    <section class="tornado" aria-labelledby="tornado-heading">
      <h3 id="tornado-heading" class="minor-heading">
        {t("tornado.heading")}
      </h3>
      <p class="muted small">{t("tornado.intro")}</p>
      <Show when={props.tornado} fallback={<p role="status">{t("tornado.pending")}</p>}>
        {(tor) => (
          <>
            <p>{t("tornado.base", { margin: margin(tor().baseMargin) })}</p>
            <Show when={(rows()?.numRows() ?? 0) > 0} fallback={<p>{t("tornado.none")}</p>}>
              <DataTable
                id="tornado-caption"
                caption={t("tornado.caption", { name: indicatorLabel(props.ind, lang()) })}
                table={rows()!}
                columns={columns()}
                class="indicator-table compact tornado-table"
                busy={props.pending}
              />
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
