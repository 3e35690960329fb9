import { type ColumnTable, table } from "arquero";
import type { Evaluation, IndicatorResult } from "../../models/engine.ts";

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
