import { type ColumnTable, table } from "arquero";
import { createMemo, For, type JSX, Show } from "solid-js";
import { ATTRIBUTES, type Baseline, type Indicator, MEASURES, UNITS } from "../../../models/plan.ts";
import type { PasteRow, RowEdit } from "../../../models/plan-paste.ts";
import { type Bilingual, pick } from "../../../models/text.ts";
import { formatNumber } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { pt, word } from "../../kernel/paste-text.ts";
import { type DataColumn, DataTable, type TableRow } from "../shared/data-table.tsx";

/**
 * The review of a pasted plan's table, through the one DataTable: a row per indicator with its pasted
 * cells, what they were read as (each guess flagged with its reason and editable by the controls in its
 * cell), and the box that confirms the row's guesses. The rows are one Arquero column of the draft's
 * rows; each cell's controls are drawn once per row and read their row live, so an edit keeps focus.
 */
export function PasteReview(props: {
  rows: readonly PasteRow[];
  confirmed: (row: number) => boolean;
  onEdit: (row: number, patch: RowEdit) => void;
  onConfirm: (row: number, confirmed: boolean) => void;
  /** Whether validation placed a problem on the row's field. */
  hasIssue: (row: number, field: string) => boolean;
}): JSX.Element {
  const { lang } = useI18n();
  const w = (key: Parameters<typeof pt>[1], params?: Parameters<typeof pt>[2]) => pt(lang(), key, params);
  const rows = createMemo(() => table({ row: [...props.rows] }));

  /** A row as its cells read it: the draft's row, its number, and its flags. */
  const at = (r: TableRow) => {
    const row = () => r.table().get("row", r.index()) as PasteRow;
    const ind = () => row().indicator;
    const n = () => ind().printedNumber ?? r.index() + 1;
    const flagsOf = (field: string) => row().flags.filter((f) => f.field === field);
    const describedBy = (field: string) =>
      flagsOf(field).length > 0 ? `paste-row-${r.index()}-flags` : undefined;
    const edit = (patch: RowEdit) => props.onEdit(r.index(), patch);
    return { row, ind, n, describedBy, edit };
  };
  const rowOf = (t: ColumnTable, i: number) => t.get("row", i) as PasteRow;
  /** A cell whose field carries a guess or a validation problem is marked. */
  const flagged = (field: string) => (i: number, t: ColumnTable) => ({
    classList: {
      "is-flagged": rowOf(t, i).flags.some((f) => f.field === field) || props.hasIssue(i, field),
    },
  });

  const select = <T extends string>(
    r: TableRow,
    field: "attribute" | "unit" | "measure",
    label: "attributeOf" | "unitOf" | "measureOf",
    values: readonly T[],
    kind: "attribute" | "unit" | "measure",
    disabled?: () => boolean,
  ) => {
    const x = at(r);
    return (
      <select
        aria-label={w(label, { n: x.n() })}
        aria-describedby={x.describedBy(field)}
        value={x.ind()[field]}
        disabled={disabled?.()}
        onChange={(e) => x.edit({ [field]: e.currentTarget.value } as RowEdit)}
      >
        <For each={values}>{(v) => <option value={v}>{word(lang(), kind, v)}</option>}</For>
      </select>
    );
  };

  /** A column of a printed cell (baseline or target): the source text to edit, and how it was read. */
  const printed = (
    field: "baseline" | "target",
    header: "colBaseline" | "colTarget",
    label: "baselineCell" | "targetCell",
    reading: (ind: PasteRow["indicator"]) => string,
  ): DataColumn => ({
    name: field,
    numeric: false,
    get header() {
      return w(header);
    },
    cellAttributes: flagged(field),
    render: (r) => {
      const x = at(r);
      return (
        <>
          <input
            type="text"
            lang="zh-CN"
            class="paste-cell"
            aria-label={w(label, { n: x.n() })}
            aria-describedby={x.describedBy(field)}
            value={x.row().source[field]}
            onChange={(e) => x.edit({ cells: { [field]: e.currentTarget.value } })}
          />
          <span class="paste-reading">{reading(x.ind())}</span>
        </>
      );
    },
  });

  const columns: DataColumn[] = [
    {
      name: "number",
      rowHeader: true,
      get header() {
        return w("colNumber");
      },
      cellAttributes: flagged("number"),
      render: (r) => <>{at(r).n()}</>,
    },
    {
      name: "source",
      class: "paste-source",
      numeric: false,
      get header() {
        return w("colSource");
      },
      render: (r) => {
        const x = at(r);
        return (
          <>
            <Show when={x.row().group}>
              {(g) => (
                <span class="paste-group" lang="zh-CN">
                  {w("group", { group: g() })}
                </span>
              )}
            </Show>
            <ol class="paste-cells" lang="zh-CN">
              <For each={x.row().cells}>{(c) => <li>{c === "" ? "∅" : c}</li>}</For>
            </ol>
          </>
        );
      },
    },
    {
      name: "name",
      numeric: false,
      get header() {
        return w("colName");
      },
      cellAttributes: flagged("name"),
      render: (r) => {
        const x = at(r);
        return (
          <>
            <span lang="zh-CN">{x.ind().name.zh}</span>
            <Show when={x.row().flags.some((f) => f.key === "name-en")}>
              <input
                type="text"
                lang="en"
                class="paste-name-en"
                aria-label={w("nameEnOf", { n: x.n() })}
                placeholder={w("nameEn")}
                onChange={(e) => x.edit({ nameEn: e.currentTarget.value })}
              />
            </Show>
          </>
        );
      },
    },
    {
      name: "attribute",
      numeric: false,
      get header() {
        return w("colAttribute");
      },
      cellAttributes: flagged("attribute"),
      render: (r) => select(r, "attribute", "attributeOf", ATTRIBUTES, "attribute"),
    },
    {
      name: "unit",
      numeric: false,
      get header() {
        return w("colUnit");
      },
      cellAttributes: flagged("unit"),
      render: (r) => (
        <>
          {select(r, "unit", "unitOf", UNITS, "unit")}
          <Show when={at(r).ind().scale}>{(s) => <span lang="zh-CN"> {s()}</span>}</Show>
        </>
      ),
    },
    {
      name: "measure",
      numeric: false,
      get header() {
        return w("colMeasure");
      },
      cellAttributes: flagged("measure"),
      render: (r) => {
        const ind = at(r).ind;
        const fixed = () => ind().unit === "percent" || ind().unit === "growth-rate";
        return select(r, "measure", "measureOf", MEASURES, "measure", fixed);
      },
    },
    printed("baseline", "colBaseline", "baselineCell", (ind) => baselineWords(ind.baseline, ind, lang())),
    printed("target", "colTarget", "targetCell", (ind) => targetWords(ind, lang())),
    {
      name: "confirm",
      class: "paste-confirm",
      numeric: false,
      get header() {
        return w("colConfirm");
      },
      render: (r) => {
        const x = at(r);
        return (
          <Show when={x.row().flags.length > 0} fallback={<span class="muted">{w("nothingToConfirm")}</span>}>
            <ul id={`paste-row-${r.index()}-flags`} class="paste-flags">
              <For each={x.row().flags}>
                {(f) => (
                  <li data-field={f.field} data-key={f.key}>
                    <strong>{word(lang(), "field", f.field)}</strong>: {pick(f.message as Bilingual, lang())}
                  </li>
                )}
              </For>
            </ul>
            <label class="checkbox">
              <input
                type="checkbox"
                checked={props.confirmed(r.index())}
                onChange={(e) => props.onConfirm(r.index(), e.currentTarget.checked)}
              />
              {w("confirm", { n: x.n() })}
            </label>
          </Show>
        );
      },
    },
  ];

  return (
    <DataTable
      id="paste-review-caption"
      caption={w("reviewCaption")}
      class="indicator-table compact paste-review"
      table={rows()}
      columns={columns}
      rowAttributes={(i, t) => ({
        "data-row": String(i),
        classList: { "has-flags": rowOf(t, i).flags.length > 0 },
      })}
    />
  );
}

/** A value with the decimals it has (98.37 stays 98.37; 40000 is grouped). */
function fmt(v: number, lang: "zh-CN" | "en"): string {
  const decimals = Math.min(4, (String(v).split(".")[1] ?? "").length);
  return formatNumber(v, lang, decimals);
}

const SIGN: Record<string, string> = { ">=": "≥", ">": ">", "=": "=", "<=": "≤", "<": "<" };

function unitText(ind: Indicator, lang: "zh-CN" | "en"): string {
  if (ind.unit === "percent" || ind.unit === "growth-rate") return "%";
  if (ind.unit === "count") return ind.unitLabel ? ` ${pick(ind.unitLabel, lang)}` : "";
  return ` ${word(lang, "unit", ind.unit)}`;
}

function baselineWords(b: Baseline, ind: Indicator, lang: "zh-CN" | "en"): string {
  const zh = lang === "zh-CN";
  if (b.qualifier === "not-in-source") return zh ? "表中没有基期" : "no baseline in the table";
  if (b.qualifier === "missing") return zh ? "未给出数值" : "no value printed";
  const v = `${fmt(b.value, lang)}${unitText(ind, lang)}`;
  return b.qualifier === "greater-than" ? `> ${v}` : `= ${v}`;
}

function targetWords(ind: Indicator, lang: "zh-CN" | "en"): string {
  const t = ind.target;
  const zh = lang === "zh-CN";
  switch (t.kind) {
    case "compare":
      return `${SIGN[t.comparator]} ${fmt(t.value, lang)}${unitText(ind, lang)}`;
    case "range":
      return `${fmt(t.lo, lang)}–${fmt(t.hi, lang)}${unitText(ind, lang)}`;
    case "in-step-with":
      return zh
        ? `与${t.seriesName.zh}${t.basically ? "基本" : ""}同步`
        : `${t.basically ? "basically " : ""}in step with ${t.seriesName.en}`;
    case "hold":
      return zh ? "不低于基期水平" : "not below the baseline";
  }
}
