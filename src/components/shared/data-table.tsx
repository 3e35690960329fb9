import type { ColumnTable } from "arquero";
import { For, type JSX, Show } from "solid-js";

/** A column of a {@link DataTable}: which table column, its header, and how a value reads. */
export interface DataColumn {
  /** The Arquero column; a column the table does not have reads "—" in every row. */
  name: string;
  /** The column's header: text, or marks and text (a symbol beside a name). */
  header: JSX.Element;
  /** How a value reads; default `String`. Missing values (null, undefined, NaN) read "—" without it. */
  format?: (value: number | string | boolean) => string;
  /** The column that names its row (a `<th scope="row">`): the year, the indicator. Default false. */
  rowHeader?: boolean;
  /** Right-aligned digits. Default true except for a row header. */
  numeric?: boolean;
  /**
   * Draws a cell's content (badges, two lines) instead of its text; default none (the text). The row is
   * the table's row index, so the content reads the same Arquero table.
   */
  cell?: (row: number) => JSX.Element;
  /** A class for the column's header and cells (widths, wrapping). Default none. */
  class?: string;
  /**
   * The header as short text on each cell (`data-label`), for a stylesheet that stacks the table's
   * cells on a narrow screen and writes each cell's header beside it. Default none.
   */
  label?: string;
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
  /** Attributes of a body row (a class, a `data-` id), by row index. Default none. */
  rowAttributes?: (row: number) => JSX.HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
  /** Marks the table `aria-busy` while what it shows is being recomputed. Default false. */
  busy?: boolean;
  /** A data attribute on each row (`data-<name>`) holding that row's value of `column`, for finding it. */
  rowData?: { name: string; column: string };
}) {
  const rows = () => Array.from({ length: props.table.numRows() }, (_, i) => i);
  const rowAttribute = (row: number): Record<string, unknown> => {
    const d = props.rowData;
    return {
      ...(props.rowAttributes?.(row) ?? {}),
      ...(d ? { [`data-${d.name}`]: String(props.table.get(d.column, row)) } : {}),
    };
  };
  const has = (name: string) => props.table.columnNames().includes(name);
  const text = (c: DataColumn, row: number): string => {
    if (!has(c.name)) return "—";
    const v = props.table.get(c.name, row) as number | string | boolean | null | undefined;
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return "—";
    return c.format ? c.format(v) : String(v);
  };
  const body = () => (
    <section class="table-scroll" tabindex="0" aria-labelledby={props.id}>
      <table class={props.class ?? "indicator-table compact"} aria-busy={props.busy ? "true" : undefined}>
        <caption id={props.id}>{props.caption}</caption>
        <thead>
          <tr>
            <For each={props.columns}>
              {(c) => (
                <th scope="col" class={c.class}>
                  {c.header}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(row) => (
              <tr {...rowAttribute(row)}>
                <For each={props.columns}>
                  {(c) => {
                    const content = () => (c.cell ? c.cell(row) : text(c, row));
                    return c.rowHeader ? (
                      <th scope="row" class={c.class}>
                        {content()}
                      </th>
                    ) : (
                      <td
                        classList={{ num: c.numeric !== false, ...(c.class ? { [c.class]: true } : {}) }}
                        data-label={c.label}
                      >
                        {content()}
                      </td>
                    );
                  }}
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
