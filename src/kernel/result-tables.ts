import { type ColumnTable, table } from "arquero";
import type { Evaluation, IndicatorResult } from "../../models/engine.ts";
import { displayDecimals } from "../../models/feasibility.ts";
import type { Plan } from "../../models/plan.ts";
import type { Tornado } from "../../models/sensitivity.ts";
import { againstAtTarget, projectedValue, shownAt, shownProbability } from "./shown-values.ts";

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
 * `met`, `value` (the judged value at the judging precision), `against` (for an "in step with" target,
 * the value in its target year of the series it follows; null otherwise, see `againstAtTarget`),
 * `margin`, `judgedYear`, `verdictFrom`, `probability` (percent, null without samples), `status`,
 * `basis`, and the paces `paceRequired`, `paceProjected`, `paceRatio` (null where a pace does not
 * apply). `plan` is the evaluation's plan (its targets say what `against` reads).
 */
export function verdictTable(ev: Evaluation, plan: Plan): ColumnTable {
  const rows = ev.indicators;
  const byId = new Map(plan.indicators.map((i) => [i.id, i] as const));
  const col = <T>(f: (r: IndicatorResult) => T): T[] => rows.map(f);
  return table({
    id: col((r) => r.id),
    printedNumber: col((r) => r.printedNumber),
    met: col((r) => r.judgement.met),
    value: Float64Array.from(rows, (r) => r.judgement.value),
    against: col((r) => {
      const ind = byId.get(r.id);
      return ind ? againstAtTarget(ind, r) : null;
    }),
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

/** One scenario of a comparison: its id and its evaluation (with samples, the Monte Carlo's). */
export interface ComparedScenario {
  id: string;
  evaluation: Evaluation;
}

/**
 * Several scenarios side by side, a row per indicator of the plan, the rows whose verdict differs from
 * the first scenario's first and then in the plan's order. Columns: `id`, `planIndex` (the row's place in
 * the plan), `differs` (some scenario's verdict unlike the first's); per scenario `value:<id>` (the
 * projected value as shown, see {@link projectedValue}), `met:<id>`, `probability:<id>` (whole percent
 * as shown, see {@link shownProbability}; null without samples); and per scenario after the first
 * `valueDiff:<id>` (its value minus the first's, in the indicator's unit — percentage points for rates —
 * at the shown precision), `probabilityDiff:<id>` (percentage points, from the shown percents) and
 * `differs:<id>` (its verdict unlike the first's). The screen's table and the CSV both read this table,
 * so what is downloaded is what is shown. A value a scenario does not have is null.
 */
export function comparisonTable(plan: Plan, list: readonly ComparedScenario[]): ColumnTable {
  const byScenario = list.map((s) => new Map(s.evaluation.indicators.map((r) => [r.id, r] as const)));
  const rows = plan.indicators.map((ind, planIndex) => {
    const results = byScenario.map((m) => m.get(ind.id));
    const met = results.map((r) => r?.judgement.met ?? null);
    const differsAt = met.map((m, k) => k > 0 && m !== null && met[0] !== null && m !== met[0]);
    return { ind, planIndex, results, met, differsAt, differs: differsAt.some(Boolean) };
  });
  // Differing verdicts first; within each group the plan's order (a stable sort keeps it).
  rows.sort((a, b) => Number(b.differs) - Number(a.differs) || a.planIndex - b.planIndex);
  const columns: Record<string, ArrayLike<unknown>> = {
    id: rows.map((r) => r.ind.id),
    planIndex: Int32Array.from(rows, (r) => r.planIndex),
    differs: rows.map((r) => r.differs),
  };
  const value = (r: (typeof rows)[number], k: number): number | null => {
    const res = r.results[k];
    if (!res) return null;
    const v = projectedValue(r.ind, res);
    return Number.isFinite(v) ? v : null;
  };
  const probability = (r: (typeof rows)[number], k: number) =>
    shownProbability(r.results[k]?.probability ?? null);
  list.forEach((s, k) => {
    columns[`value:${s.id}`] = rows.map((r) => value(r, k));
    columns[`met:${s.id}`] = rows.map((r) => r.met[k] ?? null);
    columns[`probability:${s.id}`] = rows.map((r) => probability(r, k));
    if (k === 0) return;
    columns[`valueDiff:${s.id}`] = rows.map((r) => {
      const a = value(r, 0);
      const b = value(r, k);
      return a === null || b === null ? null : shownAt(b - a, displayDecimals(r.ind));
    });
    columns[`probabilityDiff:${s.id}`] = rows.map((r) => {
      const a = probability(r, 0);
      const b = probability(r, k);
      return a === null || b === null ? null : b - a + 0;
    });
    columns[`differs:${s.id}`] = rows.map((r) => r.differsAt[k]!);
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
