import {
  batch,
  createEffect,
  createMemo,
  createSignal,
  on,
  onCleanup,
  onMount,
  Show,
  untrack,
} from "solid-js";
import type { Evaluation } from "../../../models/engine.ts";
import type { Plan } from "../../../models/plan.ts";
import type { ScenarioFile } from "../../../models/scenario.ts";
import { type Bilingual, pick } from "../../../models/text.ts";
import { formatNumber } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { loadLibrary } from "../../kernel/library.ts";
import { createPrinting } from "../../kernel/printing.ts";
import { useProjection } from "../../kernel/projection.ts";
import { routeProblem } from "../../kernel/route.ts";
import type { RunModel } from "../../kernel/runner.ts";
import { useSession } from "../../kernel/session.ts";
import { createWorkbenchStore, type RunSettings } from "../../kernel/store.ts";
import { createWorkbenchRuns } from "../../kernel/workbench-runs.ts";
import type { Workspace } from "../../kernel/workspace.ts";
import { Comparison } from "../comparison/comparison.tsx";
import { NotebookPanel } from "../notebook/notebook-panel.tsx";
import { PrintReport } from "../notebook/print-report.tsx";
import { PrintSummary } from "../notebook/print-summary.tsx";
import { ChoiceDialog } from "../shared/choice-dialog.tsx";
import { indicatorLabel, shownResult } from "../shared/verdict.tsx";
import { AssumptionsPanel } from "./assumptions-panel.tsx";
import { Dashboard } from "./dashboard.tsx";
import { FilesPanel } from "./files-panel.tsx";
import { IndicatorDetail } from "./indicator-detail.tsx";
import { NoticeView, type PanelNotice } from "./notice-view.tsx";
import { PlanFindings } from "./plan-findings.tsx";
import type { WorkbenchRoute } from "./plan-summary.tsx";
import { RunSettingsForm } from "./run-settings.tsx";
import { ScenarioBar } from "./scenario-bar.tsx";
import { ScenarioDescription } from "./scenario-description.tsx";

/**
 * The workbench of an opened plan, one screen for the core loop: the assumptions in one pane; in the
 * other, the selected indicator's verdict and chart above the verdict table (each pane scrolls on its
 * own, so a changed assumption and the chart it moves stay in view together); the scenario, undo and
 * a folded section of run settings and plan findings above; the notebook, files and comparison below.
 * The selected scenario and indicator follow the address and keep it up to date. It owns the store
 * and the schedulers of its runs, disposed with it; the worker pool is the app's, shared with the
 * workshop.
 *
 * What it shows from the models comes from the app's one projection service through
 * kernel/workbench-runs.ts: the deterministic projection synchronously on every input, so the verdicts
 * never lag behind a slider; the Monte Carlo run after it through a scheduler, which folds a burst of
 * changes into one run and drops stale answers.
 */
/** A question the workbench is asking in a dialog. */
type Question =
  | {
      kind: "clash";
      file: ScenarioFile;
      source: string;
      shipped: boolean;
      report: (n: PanelNotice) => void;
      settings?: RunSettings;
    }
  | { kind: "workspace"; ws: Workspace; source: string; report: (n: PanelNotice) => void };

export default function Workbench(props: {
  plan: Plan;
  route: WorkbenchRoute;
  onRoute: (at: WorkbenchRoute) => void;
  onBadRoute: (problem: Bilingual) => void;
}) {
  const { lang, setLang, t, tn } = useI18n();
  const session = useSession();
  const lib = loadLibrary();
  const store = createWorkbenchStore(lib, { planId: props.plan.id });

  // Saved work comes back first; a workspace this library cannot take is left untouched in storage
  // (nothing is saved over it) and its problems are shown with the way to export it.
  const [notice, setNotice] = createSignal<PanelNotice | null>(null);
  let saving = true;
  const saved = session.latest();
  if (saved) {
    const r = store.hydrate(saved, "browser storage");
    if (!r.ok) {
      saving = false;
      setNotice({ kind: "issues", heading: t("save.hydrateFailed"), issues: r.error });
    }
  }
  if (store.state.planId !== props.plan.id) store.selectPlan(props.plan.id);

  // Every change (edits, scenarios, notebooks, actuals, settings, selection, language) is saved.
  createEffect(
    on(
      () => store.snapshot(lang()),
      (ws) => {
        if (saving) session.change(ws);
      },
      { defer: true },
    ),
  );

  // Work another tab saved comes in merged with this tab's (session.ts); the view shows both.
  createEffect(
    on(
      session.incoming,
      (inc) => {
        if (!inc || !saving) return;
        const r = store.absorb(inc.ws, "browser storage");
        if (!r.ok) {
          // Saving on without it would store this tab's work without the other's: stop, and say so.
          saving = false;
          setNotice({ kind: "issues", heading: t("save.hydrateFailed"), issues: r.error });
        }
      },
      { defer: true },
    ),
  );

  const [question, setQuestion] = createSignal<Question | null>(null);

  /**
   * Adds a scenario from a link or a file, asking first when its id is taken. A link's run settings
   * are taken with it, so the probabilities are the sender's.
   */
  const takeScenario = (
    file: ScenarioFile,
    source: string,
    report: (n: PanelNotice) => void,
    settings?: RunSettings,
  ): void => {
    const clash = store.clashOf(file.id);
    if (clash !== "none") {
      setQuestion({ kind: "clash", file, source, shipped: clash === "shipped", report, settings });
      return;
    }
    addScenario(file, "new", source, report, settings);
  };
  const addScenario = (
    file: ScenarioFile,
    mode: "new" | "rename" | "replace",
    source: string,
    report: (n: PanelNotice) => void,
    settings?: RunSettings,
  ): void => {
    const r = store.addScenario(file, mode, source);
    if (r.ok) {
      const entry = store.scenarios().find((s) => s.id === r.value);
      const name = entry ? pick(entry.name, lang()) : r.value;
      const applied = settings ? store.setSettings(settings) : undefined;
      report({
        kind: "ok",
        text: applied?.ok
          ? `${t("files.scenarioAdded", { name })} ${t("link.settingsTaken", {
              samples: formatNumber(applied.value.samples, lang(), 0),
              seed: applied.value.seed,
              sampling: t(applied.value.sampling === "lhs" ? "run.sampling.lhs" : "run.sampling.random"),
            })}`
          : t("files.scenarioAdded", { name }),
      });
    } else report({ kind: "issues", heading: t("files.refused"), issues: r.error });
  };
  const answer = (choice: "rename" | "replace" | "workspace" | "cancel"): void => {
    const q = question();
    setQuestion(null);
    if (!q) return;
    if (choice === "cancel") {
      q.report({ kind: "ok", text: t("files.cancelled") });
      return;
    }
    if (q.kind === "clash" && (choice === "rename" || choice === "replace")) {
      addScenario(q.file, choice, q.source, q.report, q.settings);
    } else if (q.kind === "workspace") {
      const r = store.hydrate(q.ws, q.source);
      if (!r.ok) {
        q.report({ kind: "issues", heading: t("files.refused"), issues: r.error });
        return;
      }
      saving = true;
      setLang(q.ws.language);
      q.report({ kind: "ok", text: t("files.workspaceLoaded") });
    }
  };

  // A scenario that came in a share link joins the saved work without overwriting any of it.
  createEffect(() => {
    const l = session.link();
    if (l.kind === "scenario" && l.scenario.planId === props.plan.id) {
      untrack(() => {
        session.settleLink();
        takeScenario(l.scenario, "link", setNotice, l.settings);
      });
    }
  });

  /** Undo or redo, announced; the log records the step with the word for it as the reason. */
  const [undoNote, setUndoNote] = createSignal("");
  const undo = (): void => {
    setUndoNote(store.undo(t("undo.reasonUndo")) ? t("undo.done") : t("undo.nothing"));
  };
  const redo = (): void => {
    setUndoNote(store.redo(t("undo.reasonRedo")) ? t("undo.redone") : t("undo.nothingRedo"));
  };
  const onKey = (e: KeyboardEvent): void => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const k = e.key.toLowerCase();
    const isRedo = (k === "z" && e.shiftKey) || (k === "y" && !e.shiftKey && !e.metaKey);
    const isUndo = k === "z" && !e.shiftKey;
    if (!isUndo && !isRedo) return;
    // Text being typed keeps the browser's own undo of the typing.
    const target = e.target as Element | null;
    if (target?.closest("textarea, input[type='text'], input[type='search'], [contenteditable='true']"))
      return;
    if (question()) return;
    e.preventDefault();
    if (isRedo) redo();
    else undo();
  };
  document.addEventListener("keydown", onKey);
  onCleanup(() => document.removeEventListener("keydown", onKey));
  createEffect(
    on(
      () => props.plan.id,
      (id) => {
        if (store.state.planId !== id) store.selectPlan(id);
      },
      { defer: true },
    ),
  );

  /** The indicator shown first: the plan's first binding target, so the chart is never empty. */
  const firstIndicator = (): string | null =>
    (props.plan.indicators.find((i) => i.attribute === "binding") ?? props.plan.indicators[0])?.id ?? null;
  const [selected, setSelected] = createSignal<string | null>(firstIndicator());

  // The address names the scenario and indicator: follow it (Back, Forward, reload, a typed address),
  // then say where we are, so the parts it left out are filled in.
  const publish = (): void => props.onRoute({ scenarioId: store.state.scenarioId, indicatorId: selected() });
  createEffect(
    on(
      () => [props.route.scenarioId, props.route.indicatorId] as const,
      ([sid, iid]) => {
        if (sid !== null && sid !== untrack(() => store.state.scenarioId)) {
          if (!untrack(store.scenarios).some((s) => s.id === sid)) {
            props.onBadRoute(
              routeProblem(`/${props.plan.id}/${sid}`, {
                zh: `这份规划没有情景 “${sid}”（自己建的情景只保存在建它的浏览器里）`,
                en: `this plan has no scenario "${sid}" (a scenario you made is kept only in the browser it was made in)`,
              }),
            );
            return;
          }
          batch(() => {
            store.selectScenario(sid);
            if (iid !== null) setSelected(iid);
          });
        } else if (iid !== null && iid !== untrack(selected)) setSelected(iid);
        untrack(publish);
      },
    ),
  );
  createEffect(on([() => store.state.scenarioId, selected], publish, { defer: true }));

  // Everything shown from the models comes from the app's one projection service (kernel/workbench-runs.ts).
  const projection = useProjection();
  const runs = createWorkbenchRuns({ store, projection, plan: () => props.plan, selected });
  /** The print-only summary and report exist only while printing (kernel/printing.ts). */
  const printing = createPrinting();
  const { det, detEval, freshMc, tornadoFor, findings, previewActuals } = runs;
  const mcEval = runs.mc;
  const mc = { pending: runs.mcPending, error: runs.mcError };
  const tornado = { pending: runs.tornadoPending };
  // A worker that crashed, hung or stopped is replaced and its run retried; the person is told.
  const incident = projection.incident;

  const scenarioName = createMemo(() => {
    const id = store.state.scenarioId;
    const entry = store.scenarios().find((s) => s.id === id);
    return entry ? (lang() === "zh-CN" ? entry.name.zh : entry.name.en) : "";
  });
  /** The scenario as an exported chart names it: with the number of unsaved changes, if any. */
  const scenarioLabel = createMemo(() => {
    const id = store.state.scenarioId;
    const changed = id ? Object.keys(store.state.edits[id] ?? {}).length : 0;
    return changed > 0 ? tn("export.edited", changed, { scenario: scenarioName() }) : scenarioName();
  });

  /** Pins a verdict or chart to the notebook, or takes the pin out again. */
  const pinOf = (kind: "verdict" | "chart", id: string) =>
    store.notebook().cells.find((c) => c.kind === kind && c.indicatorId === id);
  const [pinNote, setPinNote] = createSignal("");
  const togglePin = (kind: "verdict" | "chart", id: string): void => {
    const existing = pinOf(kind, id);
    const ind = props.plan.indicators.find((i) => i.id === id);
    const name = ind ? (lang() === "zh-CN" ? ind.name.zh : ind.name.en) : id;
    if (existing) {
      store.removeCell(existing.id);
      setPinNote(t("pin.removed", { name }));
    } else {
      const r = store.addCell({ kind, indicatorId: id });
      setPinNote(
        r.ok
          ? t(kind === "verdict" ? "pin.addedVerdict" : "pin.addedChart", { name })
          : pick(r.error, lang()),
      );
    }
  };
  /** Shows an indicator's chart in place; focus stays where the person is (the row they chose). */
  const select = (id: string): void => {
    setSelected(id);
  };

  // The two panes fill the window below the bars above them, so each scrolls on its own and the page
  // does not: their height is the window's less where they start, measured as the bars reflow.
  let mainEl: HTMLDivElement | undefined;
  let topEl: HTMLDivElement | undefined;
  const [paneTop, setPaneTop] = createSignal(0);
  onMount(() => {
    const measure = (): void => {
      if (mainEl) setPaneTop(Math.max(0, Math.round(mainEl.getBoundingClientRect().top + window.scrollY)));
    };
    measure();
    const ro = new ResizeObserver(measure);
    const header = document.querySelector(".site-header");
    if (header) ro.observe(header);
    if (topEl) ro.observe(topEl);
    const bar = document.querySelector(".plan-bar");
    if (bar) ro.observe(bar);
    window.addEventListener("resize", measure);
    onCleanup(() => {
      ro.disconnect();
      window.removeEventListener("resize", measure);
    });
  });

  const errorText = (e: unknown): string => {
    if (e && typeof e === "object" && "message" in e) {
      const m = (e as { message: unknown }).message;
      if (m && typeof m === "object" && "zh" in m)
        return lang() === "zh-CN" ? (m as Bilingual).zh : (m as Bilingual).en;
      return String(m);
    }
    return String(e);
  };

  const serious = createMemo(() => findings().some((f) => f.severity !== "info"));

  // After a change, once the probabilities have settled, say which verdicts changed (met or missed, and
  // the status band), politely, in the person's language. A new scenario or plan is not "a change".
  const [announcement, setAnnouncement] = createSignal("");
  let settled: { key: string; verdicts: Map<string, string> } | undefined;
  createEffect(
    on(freshMc, (e) => {
      const d = untrack(detEval);
      if (!e || !d) return;
      const key = `${e.planId}/${untrack(() => store.state.scenarioId)}`;
      const mcById = new Map(e.indicators.map((r) => [r.id, r] as const));
      const verdicts = new Map<string, string>();
      for (const r of d.indicators) {
        const m = mcById.get(r.id);
        verdicts.set(r.id, `${shownResult(r, m, false).judgement.met}|${m?.status ?? ""}`);
      }
      const prev = settled;
      settled = { key, verdicts };
      if (!prev || prev.key !== key) return;
      const changed = props.plan.indicators.filter(
        (ind) => prev.verdicts.get(ind.id) !== verdicts.get(ind.id),
      );
      if (changed.length === 0) return;
      const l = untrack(lang);
      const parts = changed.slice(0, 3).map((ind) => {
        const d0 = d.indicators.find((r) => r.id === ind.id)!;
        const m = mcById.get(ind.id);
        const [wasMet, wasStatus] = (prev.verdicts.get(ind.id) ?? "|").split("|");
        const met = shownResult(d0, m, false).judgement.met;
        const state =
          m?.status && m.status !== wasStatus
            ? t(`status.${m.status}`)
            : String(met) !== wasMet
              ? t(met ? "verdict.met" : "verdict.missed")
              : "";
        return t("announce.now", { name: indicatorLabel(ind, l), state });
      });
      if (changed.length > 3) parts.push(t("announce.more", { count: changed.length - 3 }));
      setAnnouncement(tn("announce", changed.length, { list: parts.join(l === "zh-CN" ? "；" : "; ") }));
    }),
  );

  return (
    <div class="workbench" style={{ "--pane-top": `${paneTop()}px` }}>
      <div class="workbench-bars no-print" ref={topEl}>
        <div class="workbench-top">
          <ScenarioBar store={store} plan={props.plan} />
          <fieldset class="button-group undo-group">
            <legend class="visually-hidden">{t("undo.group")}</legend>
            <button
              type="button"
              class="button small"
              aria-keyshortcuts="Control+Z Meta+Z"
              title={t("undo.hint")}
              disabled={!store.canUndo()}
              onClick={undo}
            >
              <span aria-hidden="true">↶ </span>
              {t("undo.undo")}
            </button>
            <button
              type="button"
              class="button small"
              aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z"
              title={t("undo.hint")}
              disabled={!store.canRedo()}
              onClick={redo}
            >
              <span aria-hidden="true">↷ </span>
              {t("undo.redo")}
            </button>
          </fieldset>
          <p class="visually-hidden" role="status" aria-live="polite">
            {undoNote()} {pinNote()}
          </p>
          <p class="visually-hidden" role="status" aria-live="polite" id="verdict-announcement">
            {announcement()}
          </p>
          <details class="workbench-more">
            <summary>
              {t("wb.more")}
              <Show when={findings().length > 0}>
                {" "}
                <span class="badge" classList={{ "badge-warn": serious() }}>
                  <Show when={serious()}>
                    <span aria-hidden="true">⚠ </span>
                  </Show>
                  {tn("find.count", findings().length)}
                </span>
              </Show>
            </summary>
            <div class="workbench-more-body">
              <ScenarioDescription store={store} />
              <RunSettingsForm
                settings={store.state.settings}
                onChange={(patch) => store.setSettings(patch)}
              />
              <PlanFindings plan={props.plan} findings={findings()} />
              <p class="muted small">{t("undo.hint")}</p>
            </div>
          </details>
          <p
            class="run-status"
            role="status"
            aria-live="polite"
            data-pool-size={projection.poolSize() ?? undefined}
          >
            <Show when={det()?.ok === false}>
              {t("run.detError", {
                message:
                  det()?.ok === false ? errorText({ message: (det() as { error: Bilingual }).error }) : "",
              })}{" "}
            </Show>
            <Show
              when={mc.error() === undefined}
              fallback={t("run.mcError", { message: errorText(mc.error()) })}
            >
              <Show
                when={!mc.pending()}
                fallback={t("run.mcPending", {
                  samples: formatNumber(store.state.settings.samples, lang(), 0),
                })}
              >
                <Show when={mcEval()}>
                  {(e) =>
                    t("run.mcDone", {
                      samples: formatNumber(e().samples, lang(), 0),
                      seed: e().seed,
                      sampling: t(e().sampling === "lhs" ? "run.sampling.lhs" : "run.sampling.random"),
                    })
                  }
                </Show>
              </Show>
            </Show>
          </p>
        </div>
        <Show when={incident()}>
          {(i) => (
            <div class="worker-notice no-print" role="status" data-kind={i().kind}>
              <p>
                <span aria-hidden="true">⚠ </span>
                {pick(i().message, lang())}
              </p>
              <button type="button" class="button small" onClick={() => projection.dismissIncident()}>
                {t("link.dismiss")}
              </button>
            </div>
          )}
        </Show>
        <div class="workbench-notice">
          <NoticeView notice={notice()} id="workbench-notice" />
        </div>
      </div>
      <div class="workbench-main" ref={mainEl}>
        <div class="pane pane-assumptions">
          <AssumptionsPanel
            store={store}
            plan={props.plan}
            bindings={store.library().bindings.get(props.plan.id)}
            selected={selected()}
            evaluation={det()?.ok ? (det() as { value: Evaluation }).value : undefined}
          />
        </div>
        <div class="pane pane-results">
          <Show when={selected() && det()?.ok ? selected() : null}>
            {(id) => (
              <IndicatorDetail
                plan={props.plan}
                scenarioLabel={scenarioLabel()}
                indicatorId={id()}
                det={(det() as { value: Evaluation }).value}
                mc={mcEval()}
                mcPending={mc.pending()}
                store={store}
                tornado={tornadoFor(id())}
                tornadoPending={tornado.pending()}
                pinned={(kind) => pinOf(kind, id()) !== undefined}
                onPin={(kind) => togglePin(kind, id())}
              />
            )}
          </Show>
          <Show when={det()?.ok ? (det() as { value: Evaluation }).value : undefined}>
            {(ev) => (
              <Dashboard
                plan={props.plan}
                det={ev()}
                mc={mcEval()}
                mcPending={mc.pending()}
                verdicts={runs.verdicts()}
                scenarioName={scenarioName()}
                bands={
                  store.runModel()?.ok ? (store.runModel() as { value: RunModel }).value.bands : undefined
                }
                selected={selected()}
                onSelect={select}
                pinned={(id) => pinOf("verdict", id) !== undefined}
                onPin={(id) => togglePin("verdict", id)}
              />
            )}
          </Show>
        </div>
      </div>
      <Show when={printing()}>
        <PrintSummary
          store={store}
          plan={props.plan}
          det={detEval()}
          mc={freshMc()}
          verdicts={runs.verdicts()}
          scenarioName={scenarioName()}
        />
      </Show>
      <NotebookPanel
        store={store}
        plan={props.plan}
        det={detEval()}
        mc={freshMc()}
        scenarioName={scenarioName()}
        scenarioLabel={scenarioLabel()}
      />
      <Show when={printing()}>
        <PrintReport
          store={store}
          plan={props.plan}
          verdicts={runs.verdicts()}
          scenarioName={scenarioName()}
        />
      </Show>
      <FilesPanel
        store={store}
        plan={props.plan}
        evaluation={runs.shown()}
        verdicts={runs.verdicts()}
        onImportScenario={takeScenario}
        onImportWorkspace={(ws, source, report) => setQuestion({ kind: "workspace", ws, source, report })}
        language={lang()}
        previewActuals={previewActuals}
      />
      <Comparison store={store} plan={props.plan} />
      <Show when={question()}>
        {(q) => (
          <Show
            when={q().kind === "clash" ? (q() as Extract<Question, { kind: "clash" }>) : undefined}
            fallback={
              <ChoiceDialog
                title={t("dlg.workspaceTitle")}
                cancel="cancel"
                onChoose={answer}
                choices={[
                  { value: "workspace", label: t("dlg.replaceWork") },
                  { value: "cancel", label: t("dlg.cancel"), primary: true },
                ]}
              >
                <p>{t("dlg.workspaceBody", { file: q().source })}</p>
              </ChoiceDialog>
            }
          >
            {(c) => (
              <ChoiceDialog
                title={t("dlg.clashTitle")}
                cancel="cancel"
                onChoose={answer}
                choices={[
                  { value: "rename", label: t("dlg.keepBoth"), primary: true },
                  ...(c().shipped ? [] : [{ value: "replace" as const, label: t("dlg.replace") }]),
                  { value: "cancel", label: t("dlg.cancel") },
                ]}
              >
                <p>
                  {t(c().shipped ? "dlg.clashShipped" : "dlg.clashBody", {
                    id: c().file.id,
                    name: pick(c().file.name, lang()),
                  })}
                </p>
              </ChoiceDialog>
            )}
          </Show>
        )}
      </Show>
    </div>
  );
}
