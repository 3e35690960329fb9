import type { ColumnTable } from "arquero";
import { For, type JSX, Show } from "solid-js";

/** A column of a {@link DataTable}: which table column, its header, and how a value reads. */
export interface DataColumn {
  /** The Arquero column; a column the table does not have reads "—" in every row. */
  name: string;
  header: string;
  /** How a value reads; default `String`. Missing values (null, undefined, NaN) read "—" without it. */
  format?: (value: number | string | boolean) => string;
  /** The column that names its row (a `<th scope="row">`): the year, the indicator. Default false. */
  rowHeader?: boolean;
  /** Right-aligned digits. Default true except for a row header. */
  numeric?: boolean;
  /** The cell's content drawn from its row instead of the value's text (a bar, a time, a marker). */
  cell?: (row: number) => JSX.Element;
  /** A class on the cell beside `num`. */
  class?: string;
}

/**
 * The one accessible data table of the app: a disclosure (or, with `open`, a plain section) holding a
 * captioned table read straight from an Arquero table (kernel/result-tables.ts) — column headers with
 * `scope="col"`, the naming column as row headers, numbers aligned, a missing value as "—", and a
 * scroll region that takes keyboard focus and is named by the caption.
 */
export function DataTable(props: {
  id: string;
  caption: string;
  table: ColumnTable;
  columns: readonly DataColumn[];
  /** The disclosure's label; without it the table is shown as it is. */
  summary?: string;
  class?: string;
  /** Marks the table busy (aria-busy) while what it shows is being computed again. */
  busy?: boolean;
  /** A data attribute on each row (`data-<name>`) holding that row's value of `column`, for finding it. */
  rowData?: { name: string; column: string };
}) {
  const rows = () => Array.from({ length: props.table.numRows() }, (_, i) => i);
  const has = (name: string) => props.table.columnNames().includes(name);
  const text = (c: DataColumn, row: number): string => {
    if (!has(c.name)) return "—";
    const v = props.table.get(c.name, row) as number | string | boolean | null | undefined;
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return "—";
    return c.format ? c.format(v) : String(v);
  };
  const cellClass = (c: DataColumn): string | undefined =>
    [c.class, c.numeric !== false ? "num" : undefined].filter(Boolean).join(" ") || undefined;
  const content = (c: DataColumn, row: number): JSX.Element => (c.cell ? c.cell(row) : text(c, row));
  const rowAttribute = (row: number): Record<string, string> => {
    const d = props.rowData;
    return d ? { [`data-${d.name}`]: String(props.table.get(d.column, row)) } : {};
  };
  const body = () => (
    <section class="table-scroll" tabindex="0" aria-labelledby={props.id}>
      <table class={props.class ?? "indicator-table compact"} aria-busy={props.busy ? "true" : undefined}>
        <caption id={props.id}>{props.caption}</caption>
        <thead>
          <tr>
            <For each={props.columns}>{(c) => <th scope="col">{c.header}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(row) => (
              <tr {...rowAttribute(row)}>
                <For each={props.columns}>
                  {(c) =>
                    c.rowHeader ? (
                      <th scope="row" class={c.class}>
                        {content(c, row)}
                      </th>
                    ) : (
                      <td class={cellClass(c)}>{content(c, row)}</td>
                    )
                  }
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
  return (
    <Show when={props.summary} fallback={body()}>
      {(summary) => (
        <details class="data-table">
          <summary>{summary()}</summary>
          {body()}
        </details>
      )}
    </Show>
  );
}
