import { createMemo, createSignal, For, Match, Show, Switch } from "solid-js";
import type { Evaluation } from "../../../models/engine.ts";
import type { Plan } from "../../../models/plan.ts";
import { type Bilingual, pick } from "../../../models/text.ts";
import { decimalsOfStep, formatDateTime, formatParam, formatYear } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { renderMarkdown } from "../../kernel/markdown.ts";
import type { Cell } from "../../kernel/notebook.ts";
import { recordsTable } from "../../kernel/result-tables.ts";
import type { WorkbenchStore } from "../../kernel/store.ts";
import { DataTable } from "../shared/data-table.tsx";
import {
  BasisBadge,
  IndicatorName,
  indicatorLabel,
  projectedText,
  StatusBadge,
  shownResult,
  targetText,
  VerdictBadge,
} from "../shared/verdict.tsx";
import { TrajectoryFigure } from "../workbench/trajectory-figure.tsx";

/**
 * The planning notebook of the open scenario: notes in Markdown (edited in a labelled text area with a
 * rendered preview; the rendering is sanitised, so nothing in a note can run), verdicts and charts
 * pinned from the dashboard that follow the scenario live, and the log of every assumption change with
 * its reason. Cells are reordered with "move up" / "move down" buttons, so the keyboard does everything
 * a mouse can; focus follows the moved cell.
 */
export function NotebookPanel(props: {
  store: WorkbenchStore;
  plan: Plan;
  det: Evaluation | undefined;
  mc: Evaluation | undefined;
  scenarioName: string;
  /** The scenario as an exported chart names it (with its unsaved changes). */
  scenarioLabel: string;
}) {
  const { lang, t } = useI18n();
  const store = props.store;
  const [editing, setEditing] = createSignal<ReadonlySet<string>>(new Set());
  const [announce, setAnnounce] = createSignal("");
  const cells = createMemo(() => store.notebook().cells);
  const log = createMemo(() => [...store.notebook().log].reverse());
  const logRows = createMemo(() => recordsTable(log(), ["at", "assumptionId", "from", "to", "reason"]));
  const indicators = createMemo(() => new Map(props.plan.indicators.map((i) => [i.id, i] as const)));

  const isEditing = (id: string) => editing().has(id);
  const setEdit = (id: string, on: boolean): void => {
    const next = new Set(editing());
    if (on) next.add(id);
    else next.delete(id);
    setEditing(next);
  };
  const focusLater = (id: string): void => {
    queueMicrotask(() => document.getElementById(id)?.focus());
  };

  const addNote = (): void => {
    const r = store.addCell({ kind: "note", markdown: "" });
    if (!r.ok) {
      setAnnounce(pick(r.error, lang()));
      return;
    }
    setEdit(r.value, true);
    focusLater(`note-${r.value}-text`);
    setAnnounce(t("nb.added"));
  };

  const titleOf = (c: Cell, i: number): string => {
    if (c.kind === "note") return t("nb.noteTitle", { n: i + 1 });
    const ind = indicators().get(c.indicatorId);
    const name = ind ? indicatorLabel(ind, lang()) : c.indicatorId;
    return t(c.kind === "verdict" ? "nb.verdictTitle" : "nb.chartTitle", { n: i + 1, name });
  };

  const move = (c: Cell, i: number, dir: -1 | 1): void => {
    const r = store.moveCell(i, i + dir);
    if (!r.ok) return;
    const to = i + dir;
    const n = cells().length;
    // Keep focus on the button pressed; at an end of the list that button is disabled, so use the other.
    const which =
      (dir === -1 && to === 0) || (dir === 1 && to === n - 1)
        ? dir === -1
          ? "down"
          : "up"
        : dir === -1
          ? "up"
          : "down";
    focusLater(`cell-${c.id}-${which}`);
    setAnnounce(t("nb.moved", { title: titleOf(c, to), position: to + 1, count: n }));
  };

  const remove = (c: Cell, i: number): void => {
    const title = titleOf(c, i);
    const r = store.removeCell(c.id);
    if (!r.ok) return;
    const next = cells()[i] ?? cells()[i - 1];
    focusLater(next ? `cell-${next.id}-heading` : "notebook-add-note");
    setAnnounce(t("nb.removed", { title }));
  };

  const assumptionLabel = (id: string): string => {
    const m = store.runModel();
    const a = m?.ok ? m.value.assumptions[id] : undefined;
    return a ? pick(a.label, lang()) : id;
  };
  const assumptionValue = (id: string, v: number | null): string => {
    if (v === null) return t("nb.log.default");
    const m = store.runModel();
    const a = m?.ok ? m.value.assumptions[id] : undefined;
    if (!a) return String(v);
    const decimals = decimalsOfStep(a.step ?? (a.max - a.min) / 100);
    return formatParam(v, a.unit, lang(), decimals);
  };

  return (
    // Printed only when it holds something: an empty notebook is no section of a report.
    <section
      id="notebook"
      class="notebook"
      classList={{ "no-print": cells().length === 0 && log().length === 0 }}
      aria-labelledby="notebook-heading"
    >
      <h3 id="notebook-heading">{t("nb.heading", { scenario: props.scenarioName })}</h3>
      <p class="muted small no-print">{t("nb.intro")}</p>
      <div class="notebook-tools no-print">
        <button id="notebook-add-note" type="button" class="button" onClick={addNote}>
          {t("nb.addNote")}
        </button>
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announce()}
      </p>
      <Show when={cells().length > 0} fallback={<p class="empty no-print">{t("nb.empty")}</p>}>
        <ol class="notebook-cells">
          <For each={cells()}>
            {(c, i) => (
              <li class={`cell cell-${c.kind}`} data-cell={c.id} aria-labelledby={`cell-${c.id}-heading`}>
                <div class="cell-head">
                  <h4 id={`cell-${c.id}-heading`} tabindex="-1">
                    {titleOf(c, i())}
                  </h4>
                  <fieldset class="cell-actions no-print">
                    <legend class="visually-hidden">{t("nb.cellActions", { title: titleOf(c, i()) })}</legend>
                    <Show when={c.kind === "note"}>
                      <button
                        type="button"
                        id={`cell-${c.id}-edit`}
                        class="button small"
                        aria-expanded={isEditing(c.id) ? "true" : "false"}
                        onClick={() => {
                          const on = !isEditing(c.id);
                          setEdit(c.id, on);
                          if (on) focusLater(`note-${c.id}-text`);
                        }}
                      >
                        {isEditing(c.id) ? t("nb.done") : t("nb.edit")}
                        <span class="visually-hidden"> {titleOf(c, i())}</span>
                      </button>
                    </Show>
                    <button
                      type="button"
                      id={`cell-${c.id}-up`}
                      class="button small"
                      disabled={i() === 0}
                      onClick={() => move(c, i(), -1)}
                    >
                      <span aria-hidden="true">↑ </span>
                      {t("nb.moveUp")}
                      <span class="visually-hidden"> {titleOf(c, i())}</span>
                    </button>
                    <button
                      type="button"
                      id={`cell-${c.id}-down`}
                      class="button small"
                      disabled={i() === cells().length - 1}
                      onClick={() => move(c, i(), 1)}
                    >
                      <span aria-hidden="true">↓ </span>
                      {t("nb.moveDown")}
                      <span class="visually-hidden"> {titleOf(c, i())}</span>
                    </button>
                    <button
                      type="button"
                      id={`cell-${c.id}-remove`}
                      class="button small"
                      onClick={() => remove(c, i())}
                    >
                      {t("nb.remove")}
                      <span class="visually-hidden"> {titleOf(c, i())}</span>
                    </button>
                  </fieldset>
                </div>
                <Switch>
                  <Match when={c.kind === "note" ? c : undefined}>
                    {(note) => (
                      <>
                        <Show when={isEditing(note().id)}>
                          <div class="field note-editor no-print">
                            <label for={`note-${note().id}-text`}>{t("nb.noteLabel")}</label>
                            <textarea
                              id={`note-${note().id}-text`}
                              rows={6}
                              aria-describedby={`note-${note().id}-hint`}
                              value={note().markdown}
                              onInput={(e) => {
                                const r = store.updateNote(note().id, e.currentTarget.value);
                                if (!r.ok) setAnnounce(pick(r.error, lang()));
                              }}
                            />
                            <p id={`note-${note().id}-hint`} class="muted small">
                              {t("nb.noteHint")}
                            </p>
                          </div>
                          <p class="preview-label no-print" aria-hidden="true">
                            {t("nb.preview")}
                          </p>
                        </Show>
                        <Show
                          when={note().markdown.trim() !== ""}
                          fallback={<p class="muted">{t("nb.emptyNote")}</p>}
                        >
                          <div class="note-body" innerHTML={renderMarkdown(note().markdown, lang())} />
                        </Show>
                      </>
                    )}
                  </Match>
                  <Match when={c.kind !== "note" ? c : undefined}>
                    {(pin) => (
                      <PinnedCell
                        cell={pin() as Exclude<Cell, { kind: "note" }>}
                        plan={props.plan}
                        scenarioLabel={props.scenarioLabel}
                        det={props.det}
                        mc={props.mc}
                      />
                    )}
                  </Match>
                </Switch>
              </li>
            )}
          </For>
        </ol>
      </Show>

      <section
        class="assumption-log"
        classList={{ "no-print": log().length === 0 }}
        aria-labelledby="assumption-log-heading"
      >
        <h4 id="assumption-log-heading">{t("nb.log.heading")}</h4>
        <div class="field no-print">
          <label for="log-reason">{t("nb.log.reason")}</label>
          <input
            id="log-reason"
            type="text"
            maxLength={2000}
            aria-describedby="log-reason-hint"
            value={store.reason()}
            onInput={(e) => store.setReason(e.currentTarget.value)}
          />
          <p id="log-reason-hint" class="muted small">
            {t("nb.log.reasonHint")}
          </p>
        </div>
        <Show when={log().length > 0} fallback={<p class="empty no-print">{t("nb.log.empty")}</p>}>
          <DataTable
            id="assumption-log-caption"
            caption={t("nb.log.caption", { count: log().length })}
            table={logRows()}
            class="indicator-table compact log-table"
            rowData={{ name: "assumption", column: "assumptionId" }}
            columns={[
              {
                name: "at",
                header: t("nb.log.when"),
                numeric: false,
                cell: (row) => {
                  const at = logRows().get("at", row) as string;
                  return <time datetime={at}>{formatDateTime(at, lang())}</time>;
                },
              },
              {
                name: "assumptionId",
                header: t("nb.log.assumption"),
                rowHeader: true,
                format: (id) => assumptionLabel(id as string),
              },
              {
                name: "from",
                header: t("nb.log.change"),
                numeric: false,
                class: "log-change",
                cell: (row) => {
                  const id = logRows().get("assumptionId", row) as string;
                  const v = (col: string) => logRows().get(col, row) as number | null;
                  return `${assumptionValue(id, v("from"))} → ${assumptionValue(id, v("to"))}`;
                },
              },
              {
                name: "reason",
                header: t("nb.log.why"),
                numeric: false,
                cell: (row) => {
                  const reason = logRows().get("reason", row) as string;
                  return reason === "" ? <span class="muted">{t("nb.log.noReason")}</span> : reason;
                },
              },
            ]}
          />
        </Show>
      </section>
    </section>
  );
}

/** A pinned verdict or chart: always the current projection of the open scenario. */
function PinnedCell(props: {
  cell: Exclude<Cell, { kind: "note" }>;
  plan: Plan;
  scenarioLabel: string;
  det: Evaluation | undefined;
  mc: Evaluation | undefined;
}) {
  const { lang, t } = useI18n();
  const ind = createMemo(() => props.plan.indicators.find((i) => i.id === props.cell.indicatorId));
  const det = createMemo(() => props.det?.indicators.find((r) => r.id === props.cell.indicatorId));
  const mc = createMemo(() => props.mc?.indicators.find((r) => r.id === props.cell.indicatorId));
  const gone: Bilingual = {
    zh: `指标 “${props.cell.indicatorId}” 已不在该规划中；该单元保留以免丢失。`,
    en: `Indicator "${props.cell.indicatorId}" is no longer in the plan; the cell is kept so nothing is lost.`,
  };
  return (
    <Show when={ind()} fallback={<p class="field-error">{pick(gone, lang())}</p>}>
      {(i) => (
        <Show when={det()} fallback={<p class="muted">{t("nb.noProjection")}</p>}>
          {(d) => (
            <Switch>
              <Match when={props.cell.kind === "verdict"}>
                <div class="pinned-verdict">
                  <p class="pinned-name">
                    <IndicatorName ind={i()} />
                  </p>
                  <p>
                    <VerdictBadge met={shownResult(d(), mc(), false).judgement.met} />{" "}
                    <StatusBadge status={mc()?.status ?? null} />{" "}
                    <BasisBadge basis={shownResult(d(), mc(), false).basis} />
                  </p>
                  <p class="pinned-sentence">
                    {t("nb.pinnedVerdict", {
                      value: projectedText(i(), shownResult(d(), mc(), false), lang()),
                      year: formatYear(i().target.year),
                      target: targetText(i(), lang(), t),
                    })}
                  </p>
                </div>
              </Match>
              <Match when={props.cell.kind === "chart"}>
                <TrajectoryFigure
                  plan={props.plan}
                  scenarioLabel={props.scenarioLabel}
                  ind={i()}
                  years={props.det!.years}
                  det={d()}
                  mc={mc()}
                />
              </Match>
            </Switch>
          )}
        </Show>
      )}
    </Show>
  );
}
