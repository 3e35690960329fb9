import type { ColumnTable } from "arquero";
import { For, Show } from "solid-js";

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
}) {
  const rows = () => Array.from({ length: props.table.numRows() }, (_, i) => i);
  const has = (name: string) => props.table.columnNames().includes(name);
  const text = (c: DataColumn, row: number): string => {
    if (!has(c.name)) return "—";
    const v = props.table.get(c.name, row) as number | string | boolean | null | undefined;
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return "—";
    return c.format ? c.format(v) : String(v);
  };
  const body = () => (
    <section class="table-scroll" tabindex="0" aria-labelledby={props.id}>
      <table class={props.class ?? "indicator-table compact"}>
        <caption id={props.id}>{props.caption}</caption>
        <thead>
          <tr>
            <For each={props.columns}>{(c) => <th scope="col">{c.header}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(row) => (
              <tr>
                <For each={props.columns}>
                  {(c) =>
                    c.rowHeader ? (
                      <th scope="row">{text(c, row)}</th>
                    ) : (
                      <td classList={{ num: c.numeric !== false }}>{text(c, row)}</td>
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
