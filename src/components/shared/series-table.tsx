import { createMemo } from "solid-js";
import { formatValue, formatYear, type ValueUnit } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { columnsTable } from "../../kernel/result-tables.ts";
import { DataTable } from "./data-table.tsx";

/** One line of an overlaid chart: its name and one value per year (undefined where it has none). */
export interface TableSeries {
  name: string;
  values: ArrayLike<number> | undefined;
}

/**
 * The data-table alternative of a chart that overlays several series: years by series, as a
 * {@link DataTable} over the series' own arrays (wrapped in an Arquero table, not copied).
 */
export function SeriesTable(props: {
  id: string;
  summary: string;
  caption: string;
  yearHeader: string;
  years: ArrayLike<number>;
  series: readonly TableSeries[];
  unit: ValueUnit | undefined;
}) {
  const { lang } = useI18n();
  const table = createMemo(() => {
    const columns: Record<string, ArrayLike<unknown>> = { year: props.years };
    props.series.forEach((s, i) => {
      if (s.values) columns[`s${i}`] = s.values;
    });
    return columnsTable(columns);
  });
  const value = (v: number | string | boolean) =>
    props.unit ? formatValue(v as number, props.unit, lang()) : "—";
  return (
    <DataTable
      id={props.id}
      summary={props.summary}
      caption={props.caption}
      table={table()}
      columns={[
        { name: "year", header: props.yearHeader, rowHeader: true, format: (y) => formatYear(y as number) },
        ...props.series.map((s, i) => ({ name: `s${i}`, header: s.name, format: value })),
      ]}
    />
  );
}
