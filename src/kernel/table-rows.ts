import { BitSet, type ColumnTable } from "arquero";
import type { Plan } from "../../models/plan.ts";

/**
 * Choosing and ordering the rows of an Arquero table without Arquero's verbs: `filter` and `orderby`
 * compile their expressions with `Function`, which the app's Content Security Policy forbids (see
 * result-tables.ts). The table made here is Arquero's own filtered, ordered table over the same columns
 * (a row mask and a comparator), so nothing is copied and `get(name, row)` reads the new order.
 */

/** What a row sorts by: a number, a string, or null (missing, sorted last whichever the direction). */
export type SortValue = number | string | null;

/**
 * `table` with the rows `keep` accepts (default all), in the order `compare` gives (default the table's
 * own); ties keep the table's own order, so a sort is stable. Both read a row by its position in
 * `table` (`table.get(name, row)`), as the result is read by its position.
 */
export function selectRows(
  table: ColumnTable,
  keep?: (row: number) => boolean,
  compare?: (a: number, b: number) => number,
): ColumnTable {
  const n = table.numRows();
  let rows = Array.from({ length: n }, (_, i) => i);
  if (keep) rows = rows.filter(keep);
  if (compare) rows.sort((a, b) => compare(a, b) || a - b);
  // Positions in `table` to rows of the columns it reads (the same when it is neither filtered nor ordered).
  const data = table.indices();
  const mask = new BitSet(table.totalRows());
  const rank = new Int32Array(table.totalRows());
  rows.forEach((pos, k) => {
    const row = data[pos]!;
    mask.set(row);
    rank[row] = k;
  });
  return table.create({ filter: mask, order: (a, b) => rank[a]! - rank[b]! });
}

/**
 * Compares two sort values in direction `dir` (1 ascending, −1 descending): numbers by value, strings by
 * `collator` (the reader's language), a number before a string; null (and NaN) last in either direction.
 */
export function compareSortValues(a: SortValue, b: SortValue, dir: 1 | -1, collator: Intl.Collator): number {
  const missing = (v: SortValue) => v === null || (typeof v === "number" && Number.isNaN(v));
  if (missing(a) || missing(b)) return Number(missing(a)) - Number(missing(b));
  if (typeof a === "number" && typeof b === "number") return (a - b) * dir;
  if (typeof a === "string" && typeof b === "string") return collator.compare(a, b) * dir;
  return (typeof a === "number" ? -1 : 1) * dir;
}

/** A sort of a table: the column (by name) and the direction, 1 ascending, −1 descending. */
export interface TableSort {
  column: string;
  dir: 1 | -1;
}

/** The sort after pressing a column's header: that column ascending, or reversed when it is the sort. */
export function nextSort(current: TableSort | null, column: string): TableSort {
  return current && current.column === column
    ? { column, dir: current.dir === 1 ? -1 : 1 }
    : { column, dir: 1 };
}

/** What `aria-sort` says of a column's header under `sort`: undefined when the table is not sorted by it. */
export function ariaSort(sort: TableSort | null, column: string): "ascending" | "descending" | undefined {
  if (!sort || sort.column !== column) return undefined;
  return sort.dir === 1 ? "ascending" : "descending";
}

/**
 * The rows of a table with an `id` column of indicator ids (the verdict table) that name an indicator
 * of `plan`, in the plan's order: what the dashboard and the report list.
 */
export function planRows(table: ColumnTable, plan: Plan): ColumnTable {
  const order = new Map(plan.indicators.map((ind, i) => [ind.id, i] as const));
  const at = (row: number) => order.get(table.get("id", row) as string);
  return selectRows(
    table,
    (row) => at(row) !== undefined,
    (a, b) => at(a)! - at(b)!,
  );
}
