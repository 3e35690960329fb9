import { type Accessor, createEffect, createMemo } from "solid-js";
import type { Evaluation } from "../../models/engine.ts";
import type { Plan } from "../../models/plan.ts";
import { checkPlan, type PlanFinding } from "../../models/plan-check.ts";
import { err, type Result } from "../../models/result.ts";
import type { Actual } from "../../models/scenario.ts";
import type { Tornado } from "../../models/sensitivity.ts";
import type { Bilingual } from "../../models/text.ts";
import { mergeActualLists } from "./actuals.ts";
import { type VerdictChange, verdictChanges } from "./files.ts";
import type { Projection } from "./projection.ts";
import { type ColumnTable, verdictTable } from "./result-tables.ts";
import type { RunError, RunModel } from "./runner.ts";
import { createScheduler } from "./scheduler.ts";
import type { WorkbenchStore } from "./store.ts";

/**
 * What the workbench shows from the models, computed from the store through the projection service.
 * The path of one assumption change: `store.setAssumption` → `store.runModel` (scenarios.ts
 * `runModelOf`) → {@link WorkbenchRuns.det} (`projection.projectSync`, painted in the same frame) →
 * the views; the Monte Carlo follows through a scheduler (a burst of changes is one run, stale answers
 * dropped), as does the tornado of the selected indicator.
 */
export interface WorkbenchRuns {
  /** The deterministic evaluation of the open scenario with its edits, or why it cannot run. */
  det: Accessor<Result<Evaluation, Bilingual> | undefined>;
  /** {@link det} when it ran. */
  detEval: Accessor<Evaluation | undefined>;
  /** The latest Monte Carlo evaluation of the open plan (kept while a newer run is pending). */
  mc: Accessor<Evaluation | undefined>;
  /** The Monte Carlo evaluation only when it answers the current inputs. */
  freshMc: Accessor<Evaluation | undefined>;
  /**
   * The evaluation a verdict is read from: {@link freshMc} once it answers, else {@link detEval} (the
   * rule of `shownResult`, for a whole evaluation).
   */
  shown: Accessor<Evaluation | undefined>;
  /** The verdicts of {@link shown} as one table: what the dashboard shows and the verdicts CSV writes. */
  verdicts: Accessor<ColumnTable | undefined>;
  mcPending: Accessor<boolean>;
  mcError: Accessor<unknown>;
  tornadoFor(indicatorId: string): Tornado | undefined;
  tornadoPending: Accessor<boolean>;
  /** The plan's internal tensions (check-plan's findings). */
  findings: Accessor<PlanFinding[]>;
  /** How the deterministic verdicts would change with `list` added to the plan's actuals. */
  previewActuals(list: readonly Actual[]): VerdictChange[] | undefined;
}

/** Creates the runs; call inside the workbench's owner (the schedulers are disposed with it). */
export function createWorkbenchRuns(opts: {
  store: WorkbenchStore;
  projection: Projection;
  plan: Accessor<Plan>;
  /** The indicator whose tornado is wanted (null: none). */
  selected: Accessor<string | null>;
}): WorkbenchRuns {
  const { store, projection } = opts;
  const settings = () => ({ seed: store.state.settings.seed, sampling: store.state.settings.sampling });

  const det = createMemo((): Result<Evaluation, Bilingual> | undefined => {
    const m = store.runModel();
    if (!m) return undefined;
    return m.ok ? projection.projectSync(m.value, settings()) : err(m.error[0]!.message);
  });
  const detEval = createMemo(() => {
    const d = det();
    return d?.ok ? d.value : undefined;
  });

  const unwrap = async <T>(p: Promise<Result<T, RunError>>): Promise<T> => {
    const r = await p;
    if (!r.ok) throw r.error;
    return r.value;
  };
  // Probabilities are shown as soon as the pool has them; the bands follow (issue 12). The run is
  // asked for in the input's own task: started a frame later (tried: a 16 ms window), its answers
  // landed on the next input more often and input-to-paint p95 rose from about 165 to 390 ms.
  const mcRuns = createScheduler((req: Parameters<Projection["evaluate"]>[0], signal) =>
    unwrap(projection.evaluateInSteps(req, signal.early)),
  );
  createEffect(() => {
    const r = store.evaluateRequest();
    if (r?.ok && r.value.samples > 0) mcRuns.request(r.value);
  });
  const mc = createMemo(() => {
    const e = mcRuns.latest();
    return e && e.planId === store.state.planId && e.samples > 0 ? e : undefined;
  });
  const freshMc = createMemo(() => (mcRuns.pending() ? undefined : mc()));
  const shown = createMemo(() => freshMc() ?? detEval());
  const verdicts = createMemo(() => {
    const e = shown();
    return e ? verdictTable(e, opts.plan()) : undefined;
  });

  const tornado = createScheduler((m: RunModel) => unwrap(projection.tornado(m)));
  createEffect(() => {
    const m = store.runModel();
    if (opts.selected() && m?.ok) tornado.request(m.value);
  });

  const findings = createMemo(() => checkPlan(opts.plan()));

  return {
    det,
    detEval,
    mc,
    freshMc,
    shown,
    verdicts,
    mcPending: mcRuns.pending,
    mcError: mcRuns.error,
    tornadoFor: (id) => tornado.latest()?.find((x) => x.indicatorId === id),
    tornadoPending: tornado.pending,
    findings,
    previewActuals(list) {
      const m = store.runModel();
      const before = detEval();
      if (!m?.ok || !before) return undefined;
      const after = projection.projectSync(
        { ...m.value, actuals: mergeActualLists(m.value.actuals, list) },
        settings(),
      );
      return after.ok ? verdictChanges(before, after.value) : undefined;
    },
  };
}
