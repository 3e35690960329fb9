import { For } from "solid-js";
import { formatValue, formatYear, type ValueUnit } from "../kernel/format.ts";
import { useI18n } from "../kernel/i18n.ts";

/** One line of an overlaid chart: its name and one value per year (undefined where it has none). */
export interface TableSeries {
  name: string;
  values: ArrayLike<number> | undefined;
}

/**
 * The data-table alternative of a chart that overlays several series: a disclosure holding a table of
 * years by series, scrollable and keyboard-focusable. A missing value reads "—".
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
  const cell = (s: TableSeries, yi: number): string => {
    const v = s.values?.[yi];
    return v === undefined || !props.unit ? "—" : formatValue(v, props.unit, lang());
  };
  return (
    <details class="data-table">
      <summary>{props.summary}</summary>
      <section class="table-scroll" tabindex="0" aria-labelledby={props.id}>
        <table class="indicator-table compact">
          <caption id={props.id}>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{props.yearHeader}</th>
              <For each={props.series}>{(s) => <th scope="col">{s.name}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={Array.from(props.years)}>
              {(year, yi) => (
                <tr>
                  <th scope="row">{formatYear(year)}</th>
                  <For each={props.series}>{(s) => <td class="num">{cell(s, yi())}</td>}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
    </details>
  );
}
