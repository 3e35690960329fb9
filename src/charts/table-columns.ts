import type { ColumnTable } from "arquero";

/**
 * Reading a chart's Arquero table without materialising rows (no `objects()`) and without Arquero's
 * verbs, which compile code with `Function` and so are forbidden by the app's Content Security Policy
 * (see src/kernel/result-tables.ts). A chart hands these arrays to Observable Plot as channels over
 * `{length: table.numRows()}`.
 */

/** A column's values in the table's row order; null (or NaN) where a value is missing. */
export type Values = ArrayLike<number | null> & Iterable<number | null>;

/**
 * Column `name` of `table`, row by row, or null when the table has no such column. For a table that is
 * neither filtered nor ordered (every table the app hands a chart) this is the column's own array — an
 * evaluation's `Float64Array` stays that array; otherwise the column read through the table's rows.
 */
export function valuesOf(table: ColumnTable, name: string): Values | null {
  const column = table.column(name) as Values | undefined;
  if (!column) return null;
  return table.isFiltered() || table.isOrdered() ? (table.array(name) as Values) : column;
}

/** A number that is there: not null, undefined or NaN (nor infinite). */
export function isValue(v: number | null | undefined): v is number {
  return v !== null && v !== undefined && Number.isFinite(v);
}

/** Column `name` of `table`, as {@link valuesOf} reads it; throws when the table has no such column. */
export function requiredValues(table: ColumnTable, name: string): Values {
  const values = valuesOf(table, name);
  if (!values) throw new Error(`The chart's table has no "${name}" column`);
  return values;
}

/** Whether some value of `values` is there ({@link isValue}). */
export function someValue(values: Values): boolean {
  for (let i = 0; i < values.length; i++) if (isValue(values[i])) return true;
  return false;
}
