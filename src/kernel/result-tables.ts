import { type ColumnTable, table } from "arquero";
import type { Evaluation, IndicatorResult } from "../../models/engine.ts";
import type { Tornado } from "../../models/sensitivity.ts";

/**
 * Results as Arquero tables (CONVENTIONS 4: model outputs are columns that go straight into
 * arquero). An evaluation leaves the runner as columns — a `Float64Array` per series and year — and
 * these functions wrap those arrays as table columns without copying them, so the dashboard,
 * comparison, CSV, report and charts read one shape. Tables are frozen: a transformation returns a new
 * table. Arquero loads with the workbench (this module is never imported by the first screen).
 *
 * Read tables with `get`, `getter`, `column`, `columnNames` and `numRows` only. Arquero compiles its
 * verb expressions (`filter`, `derive`, `objects`…) with `Function`, which the app's Content Security
 * Policy forbids (src/csp.ts: no evaluated script): a verb would throw in the browser.
 */

/** Quantile columns of a trajectory, in the order the engine computes them. */
export const QUANTILE_COLUMNS = ["p05", "p25", "p50", "p75", "p95"] as const;

/**
 * One indicator's trajectory, a row per year: `year`, `projection`, `against` (the series an "in step"
 * target follows, when it has one) and, with samples, `p05` … `p95`. Every column is the evaluation's
 * own typed array; undefined for an indicator the evaluation does not have.
 */
export function trajectoryTable(ev: Evaluation, indicatorId: string): ColumnTable | undefined {
  const r = ev.indicators.find((i) => i.id === indicatorId);
  return r ? trajectoryOf(ev, r) : undefined;
}

function trajectoryOf(ev: Evaluation, r: IndicatorResult): ColumnTable {
  const columns: Record<string, ArrayLike<number>> = { year: ev.years, projection: r.projection };
  if (r.against) columns.against = r.against;
  const q = r.quantiles;
  if (q) for (const [i, name] of QUANTILE_COLUMNS.entries()) columns[name] = q[i]!;
  return table(columns);
}

/**
 * The verdict of every indicator, a row per indicator in the plan's order: `id`, `printedNumber`,
 * `met`, `value` (the judged value at the judging precision), `margin`, `judgedYear`, `verdictFrom`,
 * `probability` (percent, null without samples), `status`, `basis`, and the paces `paceRequired`,
 * `paceProjected`, `paceRatio` (null where a pace does not apply).
 */
export function verdictTable(ev: Evaluation): ColumnTable {
  const rows = ev.indicators;
  const col = <T>(f: (r: IndicatorResult) => T): T[] => rows.map(f);
  return table({
    id: col((r) => r.id),
    printedNumber: col((r) => r.printedNumber),
    met: col((r) => r.judgement.met),
    value: Float64Array.from(rows, (r) => r.judgement.value),
    margin: Float64Array.from(rows, (r) => r.judgement.margin),
    judgedYear: Int32Array.from(rows, (r) => r.judgedYear),
    verdictFrom: col((r) => r.verdictFrom),
    probability: col((r) => r.probability),
    status: col((r) => r.status),
    basis: col((r) => r.basis),
    paceRequired: col((r) => r.pace?.required ?? null),
    paceProjected: col((r) => r.pace?.projected ?? null),
    paceRatio: col((r) => r.pace?.ratio ?? null),
  });
}

/**
 * Several scenarios' verdicts side by side, a row per indicator of the first: `id`, then per scenario
 * `met:<scenario>` and `probability:<scenario>`, and `differs` (a verdict unlike the first scenario's).
 */
export function comparisonTable(list: readonly { id: string; evaluation: Evaluation }[]): ColumnTable {
  const first = list[0]?.evaluation.indicators ?? [];
  const columns: Record<string, unknown[]> = { id: first.map((r) => r.id) };
  const byScenario = list.map((s) => new Map(s.evaluation.indicators.map((r) => [r.id, r] as const)));
  list.forEach((s, k) => {
    columns[`met:${s.id}`] = first.map((r) => byScenario[k]!.get(r.id)?.judgement.met ?? null);
    columns[`probability:${s.id}`] = first.map((r) => byScenario[k]!.get(r.id)?.probability ?? null);
  });
  columns.differs = first.map((r) => {
    const verdicts = byScenario.map((m) => m.get(r.id)?.judgement.met);
    return verdicts.some((v) => v !== undefined && v !== verdicts[0]);
  });
  return table(columns);
}

/** A table over columns the caller already holds (each wrapped as it is, not copied). */
export function columnsTable(columns: Record<string, ArrayLike<unknown>>): ColumnTable {
  return table(columns);
}

/** A table of records, a row each, the named fields as its columns (values as they are). */
export function recordsTable<T extends object, K extends keyof T & string>(
  rows: readonly T[],
  fields: readonly K[],
): ColumnTable {
  const columns: Record<string, unknown[]> = {};
  for (const f of fields) columns[f] = rows.map((r) => r[f]);
  return table(columns);
}

/** How many assumptions an indicator's tornado lists at most. */
export const TORNADO_ROWS = 12;

/**
 * An indicator's tornado, a row per assumption that moves its margin at all, largest swing first (at
 * most {@link TORNADO_ROWS}): `assumptionId`, `lowValue` and `lowMargin` (the assumption at its 10th
 * percentile, and the margin then), `highValue` and `highMargin` (its 90th), and `swing`.
 */
export function tornadoTable(tornado: Tornado): ColumnTable {
  const bars = tornado.bars.filter((b) => b.swing > 1e-9).slice(0, TORNADO_ROWS);
  return table({
    assumptionId: bars.map((b) => b.assumptionId),
    lowValue: Float64Array.from(bars, (b) => b.low.value),
    lowMargin: Float64Array.from(bars, (b) => b.low.margin),
    highValue: Float64Array.from(bars, (b) => b.high.value),
    highMargin: Float64Array.from(bars, (b) => b.high.margin),
    swing: Float64Array.from(bars, (b) => b.swing),
  });
}

export type { ColumnTable };

/**
 * What an indicator's chart and its data table show, a row per year: `year`, `projection` (the
 * deterministic run), `p05` … `p95` from the Monte Carlo run when there is one, and `actual` (the
 * observed value, NaN in years without one). The projection and quantiles are the runs' own arrays.
 */
export function figureTable(
  years: Int32Array,
  det: IndicatorResult,
  mc: IndicatorResult | undefined,
): ColumnTable {
  const actual = new Float64Array(years.length).fill(Number.NaN);
  const at = new Map(Array.from(years, (y, i) => [y, i] as const));
  for (const a of det.actuals) {
    const i = at.get(a.year);
    if (i !== undefined) actual[i] = a.value;
  }
  const columns: Record<string, ArrayLike<number>> = { year: years, projection: det.projection };
  const q = mc?.quantiles;
  if (q) for (const [i, name] of QUANTILE_COLUMNS.entries()) columns[name] = q[i]!;
  columns.actual = actual;
  return table(columns);
}
