import { createEffect, createMemo, createSignal, For, type JSX, on, Show } from "solid-js";
import type { ActualsCsv } from "../../../models/actuals-csv.ts";
import type { Evaluation } from "../../../models/engine.ts";
import type { Plan } from "../../../models/plan.ts";
import type { Actual, ScenarioFile } from "../../../models/scenario.ts";
import type { InputIssue } from "../../../models/validation.ts";
import {
  actualsTemplateCsv,
  allActuals,
  exportScenarioJson,
  exportWorkspaceJson,
  importActualsCsv,
  importScenarioJson,
  importWorkspaceJson,
  scenarioFileName,
  type VerdictChange,
  verdictsCsv,
  workspaceFileName,
} from "../../kernel/files.ts";
import { formatNumber, formatYear } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { type ColumnTable, recordsTable } from "../../kernel/result-tables.ts";
import { encodeScenarioLink } from "../../kernel/share.ts";
import type { WorkbenchStore } from "../../kernel/store.ts";
import type { Workspace } from "../../kernel/workspace.ts";
import { DataTable } from "../shared/data-table.tsx";
import { download } from "../shared/downloads.ts";
import { InputIssues } from "../shared/input-issues.tsx";
import { indicatorLabel } from "../shared/verdict.tsx";
import { NoticeView, type PanelNotice } from "./notice-view.tsx";

/**
 * Sharing and files: a share link, scenarios and the whole workspace as JSON (export and import),
 * projections and verdicts as CSV, the printable report, and the evaluator's observed values (a CSV
 * template per plan, its import, and clearing). Every import is checked whole before anything changes;
 * problems are listed with the place in the file, in the person's language.
 */
export function FilesPanel(props: {
  store: WorkbenchStore;
  plan: Plan;
  evaluation: Evaluation | undefined;
  /** The verdicts of {@link evaluation} as the dashboard reads them (WorkbenchRuns.verdicts). */
  verdicts: ColumnTable | undefined;
  /** Takes in a scenario read from a file (asks about a clash of ids, then adds it). */
  onImportScenario: (file: ScenarioFile, source: string, report: (n: PanelNotice) => void) => void;
  /** Takes in a workspace read from a file (asks before replacing the current work). */
  onImportWorkspace: (ws: Workspace, source: string, report: (n: PanelNotice) => void) => void;
  language: Workspace["language"];
  /**
   * How verdicts would change if `actuals` were added to the plan's (deterministic projection), or
   * undefined when the scenario cannot be run.
   */
  previewActuals?: (actuals: readonly Actual[]) => VerdictChange[] | undefined;
}) {
  const { lang, t } = useI18n();
  const store = props.store;
  const [link, setLink] = createSignal("");
  const [notice, setNotice] = createSignal<PanelNotice | null>(null);
  const [actualsNotice, setActualsNotice] = createSignal<PanelNotice | null>(null);
  const actuals = createMemo(() => store.actualsOf(props.plan.id));
  /** An actuals file read and waiting for the person to apply its good rows or cancel. */
  const [review, setReview] = createSignal<{
    /** The plan the file was read against: a review never outlives a change of plan. */
    planId: string;
    name: string;
    read: ActualsCsv;
    good: Actual[];
    changes: VerdictChange[] | undefined;
  } | null>(null);
  const indicatorName = (id: string): string => {
    const ind = props.plan.indicators.find((i) => i.id === id);
    return ind ? indicatorLabel(ind, lang()) : id;
  };
  const refused = (issues: InputIssue[], set = setNotice) =>
    set({ kind: "issues", heading: t("files.refused"), issues });

  const copyLink = async (): Promise<void> => {
    const s = store.shareable();
    if (!s.ok) {
      setNotice({
        kind: "issues",
        heading: t("files.linkFailed"),
        issues: [{ file: "link", path: "", message: s.error }],
      });
      return;
    }
    const base = location.href.split("#")[0]!;
    // The run settings travel with the scenario, so the recipient sees the same probabilities.
    const url = encodeScenarioLink(s.value, base, { ...store.state.settings });
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setNotice({ kind: "ok", text: t("files.linkCopied") });
    } catch {
      setNotice({ kind: "ok", text: t("files.linkReady") });
      queueMicrotask(() => (document.getElementById("share-link") as HTMLInputElement | null)?.select());
    }
  };

  const exportScenario = (): void => {
    const s = store.shareable();
    if (!s.ok) {
      setNotice({
        kind: "issues",
        heading: t("files.refused"),
        issues: [{ file: "", path: "", message: s.error }],
      });
      return;
    }
    download(scenarioFileName(s.value), exportScenarioJson(s.value), "application/json");
    setNotice({ kind: "ok", text: t("files.downloaded", { name: scenarioFileName(s.value) }) });
  };

  const exportWorkspace = (): void => {
    const ws = store.snapshot(props.language);
    download(workspaceFileName(ws.savedAt), exportWorkspaceJson(ws), "application/json");
    setNotice({ kind: "ok", text: t("files.downloaded", { name: workspaceFileName(ws.savedAt) }) });
  };

  const exportCsv = (): void => {
    const ev = props.evaluation;
    if (!ev) return;
    const name = `${props.plan.id}-${store.state.scenarioId ?? "scenario"}-verdicts.csv`;
    download(name, verdictsCsv(props.plan, ev, lang(), props.verdicts), "text/csv;charset=utf-8");
    setNotice({ kind: "ok", text: t("files.downloaded", { name }) });
  };

  const template = (): void => {
    const name = `${props.plan.id}-actuals-template.csv`;
    download(name, actualsTemplateCsv(props.plan), "text/csv;charset=utf-8");
    setActualsNotice({ kind: "ok", text: t("files.downloaded", { name }) });
  };

  /** Reads the chosen file, then lets the input choose the same file again. */
  const onFile =
    (handle: (text: string, name: string) => void): JSX.EventHandler<HTMLInputElement, Event> =>
    (e) => {
      const input = e.currentTarget;
      const file = input.files?.[0];
      if (!file) return;
      void file.text().then(
        (text) => {
          input.value = "";
          handle(text, file.name);
        },
        () => {
          input.value = "";
          refused([
            {
              file: file.name,
              path: "",
              message: { zh: "无法读取该文件", en: "the file could not be read" },
            },
          ]);
        },
      );
    };

  const importScenario = onFile((text, name) => {
    const r = importScenarioJson(text, name);
    if (!r.ok) return refused(r.error);
    props.onImportScenario(r.value, name, setNotice);
  });
  const importWorkspace = onFile((text, name) => {
    const r = importWorkspaceJson(text, name);
    if (!r.ok) return refused(r.error);
    props.onImportWorkspace(r.value, name, setNotice);
  });
  // The actuals file is read as bytes: the reader tells UTF-8 from GB18030 (Excel in Chinese) itself.
  const importActuals: JSX.EventHandler<HTMLInputElement, Event> = (e) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    void file.arrayBuffer().then(
      (buffer) => {
        input.value = "";
        const r = importActualsCsv(new Uint8Array(buffer), file.name, props.plan);
        if (!r.ok) {
          setReview(null);
          return refused(r.error, setActualsNotice);
        }
        const good = allActuals(r.value);
        setActualsNotice(null);
        setReview({
          planId: props.plan.id,
          name: file.name,
          read: r.value,
          good,
          changes: props.previewActuals?.(good),
        });
      },
      () => {
        input.value = "";
        refused(
          [
            {
              file: file.name,
              path: "",
              message: { zh: "无法读取该文件", en: "the file could not be read" },
            },
          ],
          setActualsNotice,
        );
      },
    );
  };
  const applyReview = (): void => {
    const r = review();
    if (!r || r.good.length === 0 || r.planId !== props.plan.id) return;
    store.mergeActuals(props.plan.id, r.good);
    setReview(null);
    setActualsNotice({
      kind: "ok",
      text: t("act.imported", { count: r.good.length, total: store.actualsOf(props.plan.id).length }),
    });
  };
  // Another plan opened: the file was read against the old one, so its review is dropped.
  createEffect(
    on(
      () => props.plan.id,
      () => setReview(null),
      { defer: true },
    ),
  );
  const verdictWord = (met: boolean) => t(met ? "verdict.met" : "verdict.missed");

  return (
    // In print it holds only the observed values in use: without any, it is an empty section and left out.
    <section
      class="files-panel"
      classList={{ "no-print": actuals().length === 0 }}
      aria-labelledby="files-heading"
    >
      <h3 id="files-heading">{t("files.heading")}</h3>
      <div class="files-grid no-print">
        <div class="files-group">
          <h4>{t("files.share")}</h4>
          <button type="button" class="button primary" onClick={() => void copyLink()}>
            {t("files.copyLink")}
          </button>
          <Show when={link() !== ""}>
            <div class="field">
              <label for="share-link">{t("files.linkLabel")}</label>
              <input
                id="share-link"
                type="text"
                readOnly
                value={link()}
                onFocus={(e) => e.currentTarget.select()}
              />
            </div>
          </Show>
          <button type="button" class="button" onClick={() => window.print()}>
            {t("files.print")}
          </button>
        </div>
        <div class="files-group">
          <h4>{t("files.scenario")}</h4>
          <button type="button" class="button" onClick={exportScenario}>
            {t("files.exportScenario")}
          </button>
          <div class="field">
            <label for="import-scenario">{t("files.importScenario")}</label>
            <input
              id="import-scenario"
              type="file"
              accept=".json,application/json"
              onChange={importScenario}
            />
          </div>
        </div>
        <div class="files-group">
          <h4>{t("files.workspace")}</h4>
          <button type="button" class="button" onClick={exportWorkspace}>
            {t("files.exportWorkspace")}
          </button>
          <div class="field">
            <label for="import-workspace">{t("files.importWorkspace")}</label>
            <input
              id="import-workspace"
              type="file"
              accept=".json,application/json"
              onChange={importWorkspace}
            />
          </div>
        </div>
        <div class="files-group">
          <h4>{t("files.results")}</h4>
          <button type="button" class="button" disabled={!props.evaluation} onClick={exportCsv}>
            {t("files.exportCsv")}
          </button>
        </div>
      </div>
      <div class="no-print">
        <NoticeView notice={notice()} id="files-notice" />
      </div>

      <section class="actuals" aria-labelledby="actuals-heading">
        <h4 id="actuals-heading">{t("act.heading")}</h4>
        <p class="muted small no-print">{t("act.intro")}</p>
        <div class="files-grid no-print">
          <div class="files-group">
            <button type="button" class="button" onClick={template}>
              {t("act.template")}
            </button>
          </div>
          <div class="files-group">
            <div class="field">
              <label for="import-actuals">{t("act.import")}</label>
              <input id="import-actuals" type="file" accept=".csv,text/csv" onChange={importActuals} />
            </div>
          </div>
          <div class="files-group">
            <button
              type="button"
              class="button"
              disabled={actuals().length === 0}
              onClick={() => {
                store.clearActuals(props.plan.id);
                setActualsNotice({ kind: "ok", text: t("act.cleared") });
              }}
            >
              {t("act.clear")}
            </button>
          </div>
        </div>
        <div class="no-print">
          <NoticeView notice={actualsNotice()} id="actuals-notice" />
        </div>
        <Show when={review()}>
          {(r) => (
            <section class="actuals-review no-print" aria-labelledby="actuals-review-heading">
              <h5 id="actuals-review-heading">{t("act.review.heading", { name: r().name })}</h5>
              <p class="actuals-review-summary">
                {r().read.rejectedRows.length === 0
                  ? t("act.review.allGood", { good: r().good.length })
                  : t("act.review.summary", { good: r().good.length, bad: r().read.rejectedRows.length })}
              </p>
              <Show when={r().good.length > 0}>
                <Show
                  when={(r().changes?.length ?? 0) > 0}
                  fallback={
                    <Show when={r().changes !== undefined}>
                      <p class="actuals-preview">{t("act.review.noChange")}</p>
                    </Show>
                  }
                >
                  <div class="actuals-preview">
                    <p>{t("act.review.changes", { count: r().changes!.length })}</p>
                    <ul>
                      <For each={r().changes}>
                        {(c) => (
                          <li data-indicator={c.id}>
                            {t("act.review.change", {
                              name: indicatorName(c.id),
                              from: verdictWord(c.before),
                              to: verdictWord(c.after),
                            })}
                          </li>
                        )}
                      </For>
                    </ul>
                  </div>
                </Show>
              </Show>
              <div role="alert" class="import-problems">
                <InputIssues
                  issues={r().read.rejected}
                  headingId="actuals-review-refused"
                  heading={t("act.review.refusedHeading")}
                  intro={t("act.review.refusedIntro")}
                  level={6}
                />
              </div>
              <div class="actuals-review-actions">
                <Show when={r().good.length > 0} fallback={<p>{t("act.review.nothingToApply")}</p>}>
                  <button type="button" class="button primary" onClick={applyReview}>
                    {t("act.review.apply", { count: r().good.length })}
                  </button>
                </Show>
                <button
                  type="button"
                  class="button"
                  onClick={() => {
                    setReview(null);
                    setActualsNotice({ kind: "ok", text: t("act.review.cancelled") });
                  }}
                >
                  {t("act.review.cancel")}
                </button>
              </div>
            </section>
          )}
        </Show>
        <Show when={actuals().length > 0} fallback={<p class="empty">{t("act.none")}</p>}>
          <DataTable
            id="actuals-caption"
            caption={t("act.caption", { count: actuals().length })}
            table={recordsTable(actuals(), ["indicatorId", "year", "value"])}
            class="indicator-table compact actuals-table"
            rowData={{ name: "indicator", column: "indicatorId" }}
            columns={[
              {
                name: "indicatorId",
                header: t("act.col.indicator"),
                rowHeader: true,
                format: (id) => indicatorName(id as string),
              },
              {
                name: "year",
                header: t("act.col.year"),
                numeric: false,
                format: (y) => formatYear(y as number),
              },
              {
                name: "value",
                header: t("act.col.value"),
                format: (v) => formatNumber(v as number, lang(), 2).replace(/\.?0+$/, ""),
              },
            ]}
          />
        </Show>
      </section>
    </section>
  );
}
