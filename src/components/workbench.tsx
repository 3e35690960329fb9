import { createEffect, createMemo, createSignal, on, onCleanup, Show, untrack } from "solid-js";
import { type Evaluation, evaluate } from "../../models/engine.ts";
import type { Plan } from "../../models/plan.ts";
import { checkPlan } from "../../models/plan-check.ts";
import type { Tornado } from "../../models/sensitivity.ts";
import type { Bilingual, Result } from "../../models/text.ts";
import { useI18n } from "../kernel/i18n.ts";
import { loadLibrary } from "../kernel/library.ts";
import {
  createInlineRunner,
  type EvaluateRequest,
  type RunModel,
  type Runner,
  worldFor,
} from "../kernel/runner.ts";
import { createScheduler } from "../kernel/scheduler.ts";
import { createWorkbenchStore } from "../kernel/store.ts";
import { createWorkerRunner } from "../kernel/worker-runner.ts";
import { AssumptionsPanel } from "./assumptions-panel.tsx";
import { Comparison } from "./comparison.tsx";
import { Dashboard } from "./dashboard.tsx";
import { IndicatorDetail } from "./indicator-detail.tsx";
import { PlanFindings } from "./plan-findings.tsx";
import { ScenarioBar } from "./scenario-bar.tsx";

/**
 * The workbench of an opened plan: scenario, assumptions, the verdict of every target, an indicator's
 * detail and the scenario comparison. It owns the effects: the store, the runners (a worker pool, made
 * here at the app's edge, and the inline runner for the deterministic projection) and the schedulers,
 * all disposed with it.
 *
 * The deterministic projection (a few milliseconds) is computed synchronously on every input, so the
 * verdicts never lag behind a slider; the Monte Carlo run follows through the scheduler, which folds a
 * burst of changes into one run and drops stale answers.
 */
export default function Workbench(props: { plan: Plan }) {
  const { lang, t } = useI18n();
  const lib = loadLibrary();
  const store = createWorkbenchStore(lib, { planId: props.plan.id });
  createEffect(
    on(
      () => props.plan.id,
      (id) => {
        if (store.state.planId !== id) store.selectPlan(id);
      },
      { defer: true },
    ),
  );

  const pool: Runner = typeof Worker === "undefined" ? createInlineRunner() : createWorkerRunner();
  onCleanup(() => pool.dispose());

  /** The deterministic evaluation of the current inputs, or the error that stops it. */
  const det = createMemo((): Result<Evaluation, Bilingual> | undefined => {
    const m = store.runModel();
    if (!m) return undefined;
    if (!m.ok) return { ok: false, error: m.error[0]!.message };
    const w = worldFor(m.value);
    if (!w.ok) return { ok: false, error: w.error.message };
    const { seed, sampling } = store.state.settings;
    return {
      ok: true,
      value: evaluate(w.value, {
        samples: 0,
        seed,
        sampling,
        bands: m.value.bands,
        actuals: m.value.actuals,
      }),
    };
  });

  const unwrapRun = async <T,>(p: Promise<Result<T, { message: Bilingual }>>): Promise<T> => {
    const r = await p;
    if (!r.ok) throw r.error;
    return r.value;
  };

  const mc = createScheduler((req: EvaluateRequest) => unwrapRun(pool.evaluate(req)));
  createEffect(() => {
    const r = store.evaluateRequest();
    if (r?.ok && r.value.samples > 0) mc.request(r.value);
  });
  /** The latest Monte Carlo evaluation, when it belongs to the open plan. */
  const mcEval = createMemo(() => {
    const e = mc.latest();
    return e && e.planId === store.state.planId && e.samples > 0 ? e : undefined;
  });

  const [selected, setSelected] = createSignal<string | null>(null);
  createEffect(
    on(
      () => props.plan.id,
      () => setSelected(null),
      { defer: true },
    ),
  );

  const tornado = createScheduler((m: RunModel) => unwrapRun(pool.tornado(m)));
  createEffect(() => {
    const m = store.runModel();
    if (selected() && m?.ok) tornado.request(m.value);
  });
  const tornadoFor = (id: string): Tornado | undefined => tornado.latest()?.find((x) => x.indicatorId === id);

  const findings = createMemo(() => checkPlan(props.plan));
  const scenarioName = createMemo(() => {
    const id = store.state.scenarioId;
    const entry = store.scenarios().find((s) => s.id === id);
    return entry ? (lang() === "zh-CN" ? entry.name.zh : entry.name.en) : "";
  });

  let detailHeading: HTMLHeadingElement | undefined;
  const openDetail = (id: string): void => {
    setSelected(id);
    // The detail renders synchronously; move focus to its heading so the person lands on it.
    queueMicrotask(() => {
      detailHeading?.focus();
      detailHeading?.scrollIntoView({ block: "start" });
    });
  };

  const errorText = (e: unknown): string => {
    if (e && typeof e === "object" && "message" in e) {
      const m = (e as { message: unknown }).message;
      if (m && typeof m === "object" && "zh" in m)
        return lang() === "zh-CN" ? (m as Bilingual).zh : (m as Bilingual).en;
      return String(m);
    }
    return String(e);
  };

  return (
    <div class="workbench">
      <ScenarioBar store={store} plan={props.plan} />
      <p class="run-status" role="status" aria-live="polite">
        <Show when={det()?.ok === false}>
          {t("run.detError", {
            message: det()?.ok === false ? errorText({ message: (det() as { error: Bilingual }).error }) : "",
          })}{" "}
        </Show>
        <Show when={mc.error() === undefined} fallback={t("run.mcError", { message: errorText(mc.error()) })}>
          <Show when={!mc.pending()} fallback={t("run.mcPending", { samples: store.state.settings.samples })}>
            <Show when={mcEval()}>
              {(e) =>
                t("run.mcDone", {
                  samples: e().samples,
                  seed: e().seed,
                  sampling: t(e().sampling === "lhs" ? "run.sampling.lhs" : "run.sampling.random"),
                })
              }
            </Show>
          </Show>
        </Show>
      </p>
      <PlanFindings plan={props.plan} findings={findings()} />
      <div class="workbench-grid">
        <AssumptionsPanel
          store={store}
          plan={props.plan}
          bindings={lib.bindings.get(props.plan.id)}
          selected={selected()}
          evaluation={det()?.ok ? (det() as { value: Evaluation }).value : undefined}
        />
        <Show when={det()?.ok ? (det() as { value: Evaluation }).value : undefined}>
          {(ev) => (
            <Dashboard
              plan={props.plan}
              det={ev()}
              mc={mcEval()}
              mcPending={mc.pending()}
              scenarioName={scenarioName()}
              bands={store.runModel()?.ok ? (store.runModel() as { value: RunModel }).value.bands : undefined}
              selected={selected()}
              onSelect={openDetail}
            />
          )}
        </Show>
      </div>
      <Show when={selected() && det()?.ok ? selected() : null}>
        {(id) => (
          <IndicatorDetail
            plan={props.plan}
            indicatorId={id()}
            det={(det() as { value: Evaluation }).value}
            mc={mcEval()}
            store={store}
            runner={pool}
            tornado={tornadoFor(id())}
            tornadoPending={tornado.pending()}
            headingRef={(el) => {
              detailHeading = el;
            }}
            onClose={() => {
              const id0 = untrack(selected);
              setSelected(null);
              queueMicrotask(() => document.getElementById(`details-${id0}`)?.focus());
            }}
          />
        )}
      </Show>
      <Comparison store={store} plan={props.plan} runner={pool} />
    </div>
  );
}
