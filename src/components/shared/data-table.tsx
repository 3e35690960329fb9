import type { ColumnTable } from "arquero";
import {
  type Accessor,
  createEffect,
  createMemo,
  createRenderEffect,
  createSignal,
  For,
  type JSX,
  on,
  onCleanup,
  Show,
  untrack,
} from "solid-js";
import {
  ariaSort,
  compareSortValues,
  nextSort,
  type SortValue,
  selectRows,
  type TableSort,
} from "../../kernel/table-rows.ts";

/** Attributes of a body row: classes, `data-` ids. */
export type RowAttributes = { class?: string; classList?: Record<string, boolean> } & Record<
  `data-${string}`,
  string
>;

/** One body row as a {@link DataColumn.render} reads it: live, following the table as it changes. */
export interface TableRow {
  /** The row's position in the table as shown (it moves when the table is sorted or filtered). */
  index: Accessor<number>;
  /** The table as shown (filtered and sorted). */
  table: Accessor<ColumnTable>;
}

/** Attributes of one cell besides its column's class: more classes, a tooltip, the language of its text. */
export interface CellAttributes {
  classList?: Record<string, boolean>;
  title?: string;
  lang?: string;
}

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
   * Draws a cell's content (badges, buttons, two lines) instead of its text; default none (the text).
   * `row` is the row's position in `table`, the table as shown (filtered and sorted), so the content
   * reads the same Arquero table: `table.get(name, row)`.
   */
  cell?: (row: number, table: ColumnTable) => JSX.Element;
  /**
   * Draws a cell's content once per row element and keeps it, instead of {@link cell}'s drawing again on
   * every change of the table: for controls (a button that may hold focus) in a table whose values
   * change while it is read. The content reads its row live (`row.table().get(name, row.index())` inside
   * its expressions). Rows keep their elements across sorts when the table has `rowData`. Default none.
   */
  render?: (row: TableRow) => JSX.Element;
  /** Classes, a tooltip or a language for one cell, by row as for {@link cell}. Default none. */
  cellAttributes?: (row: number, table: ColumnTable) => CellAttributes;
  /** A class for the column's header and cells (widths, wrapping). Default none. */
  class?: string;
  /** A class for the column's `<col>` (its width); with one on any column the table has a colgroup. */
  col?: string;
  /** A tooltip on the column's header. Default none. */
  title?: string;
  /**
   * What a row sorts by in this column, by row as for {@link cell}; with it the header is a button that
   * sorts by the column, ascending then descending, and says so with `aria-sort`. Default not sortable.
   */
  sort?: (row: number, table: ColumnTable) => SortValue;
  /**
   * The header as short text on each cell (`data-label`), for a stylesheet that stacks the table's
   * cells on a narrow screen and writes each cell's header beside it. Default none.
   */
  label?: string;
}

/**
 * The one accessible data table of the app: a disclosure (or, with `open`, a plain section) holding a
 * captioned table read straight from an Arquero table (kernel/result-tables.ts) — column headers with
 * `scope="col"`, sortable ones as buttons with `aria-sort`, the naming column as row headers, numbers
 * aligned, a missing value as "—", and a scroll region that takes keyboard focus and is named by the
 * caption (or `label`). A selected row keeps in view inside the scroll region.
 */
export function DataTable(props: {
  id: string;
  caption: JSX.Element;
  /** A class for the caption (`visually-hidden` when the heading above says it). Default none. */
  captionClass?: string;
  /** The scroll region's name, when the caption is too long for one. Default: named by the caption. */
  label?: string;
  table: ColumnTable;
  columns: readonly DataColumn[];
  /** The disclosure's label; without it the table is shown as it is. */
  summary?: string;
  class?: string;
  /** Attributes of a body row (a class list, a `data-` id), by row as for `DataColumn.cell`. */
  rowAttributes?: (row: number, table: ColumnTable) => RowAttributes;
  /** Marks the table `aria-busy` while what it shows is being recomputed. Default false. */
  busy?: boolean;
  /**
   * A data attribute on each row (`data-<name>`) holding that row's value of `column`, for finding it.
   * The value also keys the row, so a sorted row keeps its elements (and focus) as it moves.
   */
  rowData?: { name: string; column: string };
  /** Whether a row is the selected one (class `is-selected`); it is kept in view. Default none. */
  selected?: (row: number, table: ColumnTable) => boolean;
  /** A click on a row outside its own controls (buttons, links, fields). Default none. */
  onRowClick?: (row: number, table: ColumnTable) => void;
  /** The language strings sort in (the reader's). Default the browser's. */
  locale?: string;
}) {
  const [sort, setSort] = createSignal<TableSort | null>(null);
  /** The table as shown: sorted by the chosen column, ties in the given table's order. */
  const view = createMemo((): ColumnTable => {
    const s = sort();
    const c = s && props.columns.find((x) => x.name === s.column);
    if (!s || !c?.sort) return props.table;
    const by = c.sort;
    const t = props.table;
    const collator = new Intl.Collator(props.locale);
    const keys = Array.from({ length: t.numRows() }, (_, i) => by(i, t));
    return selectRows(t, undefined, (a, b) => compareSortValues(keys[a]!, keys[b]!, s.dir, collator));
  });
  const keys = createMemo((): (string | number)[] => {
    const t = view();
    const d = props.rowData;
    return Array.from({ length: t.numRows() }, (_, i) => (d ? String(t.get(d.column, i)) : i));
  });
  const rowAttribute = (row: number): Record<string, unknown> => {
    const t = view();
    const d = props.rowData;
    const { class: cls, classList, ...rest } = props.rowAttributes?.(row, t) ?? {};
    return {
      ...rest,
      ...(d ? { [`data-${d.name}`]: String(t.get(d.column, row)) } : {}),
      // One class list, so a row's own classes and the selection's never overwrite each other.
      classList: {
        ...(cls ? { [cls]: true } : {}),
        ...classList,
        "is-selected": props.selected?.(row, t) ?? false,
      },
    };
  };
  const has = (name: string) => view().columnNames().includes(name);
  const text = (c: DataColumn, row: number): string => {
    if (!has(c.name)) return "—";
    const v = view().get(c.name, row) as number | string | boolean | null | undefined;
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return "—";
    return c.format ? c.format(v) : String(v);
  };

  // The selected row stays in view inside the table's own scroll box (the page does not move). Checked
  // after every change of the rows too (a row above may grow to two lines), but in the next animation
  // frame, once all of a change's DOM updates are in: measuring at once forces a second layout of the
  // whole page on each change (16 ms a change in a Chromium profile of the dashboard).
  let scroller: HTMLElement | undefined;
  let frame = 0;
  const keepSelectedInView = (): void => {
    frame = 0;
    const tr = scroller?.querySelector<HTMLElement>("tbody tr.is-selected");
    if (!scroller || !tr) return;
    const box = scroller.getBoundingClientRect();
    const head = scroller.querySelector("thead")?.getBoundingClientRect().height ?? 0;
    const r = tr.getBoundingClientRect();
    if (r.top < box.top + head) scroller.scrollTop -= box.top + head - r.top;
    else if (r.bottom > box.bottom) scroller.scrollTop += r.bottom - box.bottom;
  };
  const selectedKey = createMemo(() => {
    const s = props.selected;
    if (!s) return undefined;
    const t = view();
    return keys().find((_, i) => s(i, t));
  });
  createEffect(
    on([selectedKey, view], ([key]) => {
      if (key !== undefined && !frame) frame = requestAnimationFrame(keepSelectedInView);
    }),
  );
  onCleanup(() => cancelAnimationFrame(frame));

  // A row that moves (a sort by a value that changed) is taken out and put back, which takes focus from a
  // control in it: what had focus before the rows change (a render effect, run before the rows move)
  // gets it back after (an effect, run once they have).
  let focused: Element | null = null;
  createRenderEffect(
    on(keys, () => {
      const active = document.activeElement;
      focused = active && scroller?.contains(active) ? active : null;
    }),
  );
  createEffect(
    on(keys, () => {
      const f = focused;
      focused = null;
      if (f instanceof HTMLElement && f.isConnected && document.activeElement !== f)
        f.focus({ preventScroll: true });
    }),
  );

  const header = (c: DataColumn) => {
    const by = c.sort;
    if (!by) return c.header;
    const state = () => ariaSort(sort(), c.name);
    return (
      <button type="button" class="sort-button" onClick={() => setSort(nextSort(sort(), c.name))}>
        {c.header}
        <span class="sort-icon" aria-hidden="true">
          {state() === "ascending" ? "▲" : state() === "descending" ? "▼" : "↕"}
        </span>
      </button>
    );
  };
  const body = () => (
    <section
      class="table-scroll"
      tabindex="0"
      aria-labelledby={props.label ? undefined : props.id}
      aria-label={props.label}
      ref={scroller}
    >
      <table class={props.class ?? "indicator-table compact"} aria-busy={props.busy ? "true" : undefined}>
        <caption id={props.id} class={props.captionClass}>
          {props.caption}
        </caption>
        <Show when={props.columns.some((c) => c.col)}>
          <colgroup>
            <For each={props.columns}>{(c) => <col class={c.col} />}</For>
          </colgroup>
        </Show>
        <thead>
          <tr>
            <For each={props.columns}>
              {(c) => (
                <th
                  scope="col"
                  class={c.class}
                  title={c.title}
                  aria-sort={c.sort ? ariaSort(sort(), c.name) : undefined}
                >
                  {header(c)}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={keys()}>
            {(_, index) => (
              <tr
                {...rowAttribute(index())}
                onClick={(e) => {
                  // A click anywhere on the row acts on it; its controls do their own thing.
                  if (
                    props.onRowClick &&
                    !(e.target as Element).closest("button, a, input, select, textarea")
                  )
                    props.onRowClick(index(), view());
                }}
              >
                <For each={props.columns}>
                  {(c) => {
                    const render = c.render;
                    const drawn = render && untrack(() => render({ index, table: view }));
                    const content = () => drawn ?? (c.cell ? c.cell(index(), view()) : text(c, index()));
                    const attrs = () => c.cellAttributes?.(index(), view()) ?? {};
                    return c.rowHeader ? (
                      <th
                        scope="row"
                        classList={{ ...(c.class ? { [c.class]: true } : {}), ...attrs().classList }}
                        title={attrs().title}
                        lang={attrs().lang}
                      >
                        {content()}
                      </th>
                    ) : (
                      <td
                        classList={{
                          num: c.numeric !== false,
                          ...(c.class ? { [c.class]: true } : {}),
                          ...attrs().classList,
                        }}
                        title={attrs().title}
                        lang={attrs().lang}
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
