import { createMemo, createSignal, For, type JSX, Show } from "solid-js";
import { LEVELS, type Level } from "../../../models/plan.ts";
import type { PasteResult, PasteRow, PlacedIssue, RowEdit } from "../../../models/plan-paste.ts";
import { pick } from "../../../models/text.ts";
import { useI18n } from "../../kernel/i18n.ts";
import {
  draftIssues,
  draftPlan,
  EMPTY_META,
  issueLines,
  mergeEdit,
  metaFromTable,
  missingDetails,
  type PasteMeta,
  pasteOptions,
  readPastedTable,
  revisedRows,
  savePastedPlan,
  unconfirmedCount,
} from "../../kernel/paste-plan.ts";
import { pt, word } from "../../kernel/paste-text.ts";
import { useSession } from "../../kernel/session.ts";
import "../../paste.css";
import { PasteReview } from "./paste-review.tsx";

/**
 * "Paste a plan's table": a textarea, the table read into a draft plan, a review with one row per
 * indicator (the pasted cells beside what they were read as, each guess flagged with its reason and
 * editable), the plan's metadata, and "Create plan" once every row with a guess is checked. The plan is
 * then validated (each problem placed on its row and field), scaffolded as `npm run scaffold` does, saved
 * in the workspace and opened in the workbench.
 */
/** The plan field each text box of the form fills, as problems name them. */
const FIELD_OF: Readonly<Record<string, string>> = {
  planId: "id",
  titleZh: "title",
  titleEn: "title",
  regionZh: "region",
  regionEn: "region",
  provinceZh: "province",
  issuerZh: "issuer",
  baselineYear: "baselineYear",
  targetYear: "targetYear",
  source: "source",
};

export default function PastePlan(props: {
  onCreated: (planId: string) => void;
  onBack: () => void;
  headingRef?: (el: HTMLHeadingElement) => void;
}): JSX.Element {
  const { lang } = useI18n();
  const session = useSession();
  const w = (key: Parameters<typeof pt>[1], params?: Parameters<typeof pt>[2]) => pt(lang(), key, params);

  const [text, setText] = createSignal("");
  const [result, setResult] = createSignal<PasteResult | null>(null);
  const [edits, setEdits] = createSignal<Record<number, RowEdit>>({});
  const [confirmed, setConfirmed] = createSignal<Record<number, boolean>>({});
  const [issues, setIssues] = createSignal<PlacedIssue[] | null>(null);
  const [failure, setFailure] = createSignal<string | null>(null);

  // Metadata of the plan, as the person writes it.
  const [meta, setMeta] = createSignal<PasteMeta>({ ...EMPTY_META });
  type TextKey = Exclude<keyof PasteMeta, "level">;
  const setField = (key: TextKey, value: string): void => {
    setMeta((m) => ({ ...m, [key]: value }));
  };
  const options = () => pasteOptions(meta());

  const rows = createMemo((): PasteRow[] => revisedRows(result(), edits()));
  const plan = createMemo(() => draftPlan(result(), rows(), options()));
  const waiting = createMemo(() => unconfirmedCount(rows(), confirmed()));
  const flagged = createMemo(() => rows().filter((r) => r.flags.length > 0).length);

  let statusEl: HTMLParagraphElement | undefined;
  const read = (ev: SubmitEvent): void => {
    ev.preventDefault();
    const r = readPastedTable(text(), options());
    setEdits({});
    setConfirmed({});
    setIssues(null);
    setFailure(null);
    setResult(r);
    setMeta((m) => metaFromTable(m, r));
    // What was read shows below the box, often below the fold at 1366×768: bring its first line into
    // view (screen readers hear it through role=status; focus stays on the button).
    requestAnimationFrame(() => statusEl?.scrollIntoView({ block: "start" }));
  };

  const edit = (i: number, patch: RowEdit): void => {
    setEdits((e) => ({ ...e, [i]: mergeEdit(e[i], patch) }));
    // A changed row is checked again.
    setConfirmed((c) => ({ ...c, [i]: false }));
    setIssues(null);
  };

  const create = (): void => {
    const p = plan();
    if (!p || waiting() > 0) return;
    setFailure(null);
    setIssues(null);
    const missing = missingDetails(meta());
    if (missing.length > 0) {
      // Every problem at once: the details left empty, and whatever else the schema finds.
      setIssues([...missing, ...draftIssues(p)]);
      return;
    }
    const saved = savePastedPlan(p, {
      imported: session.imported(),
      add: (entry) => session.addImported(entry, lang()),
    });
    if (saved.ok) {
      props.onCreated(saved.value.plan.id);
      return;
    }
    const why = saved.error;
    if (why.kind === "issues") setIssues(why.issues);
    else if (why.kind === "taken")
      // On the id field the person typed, naming that id (the scenario id is only how it was found).
      setIssues([
        {
          row: null,
          field: "id",
          message: {
            zh: pt("zh-CN", "idTaken", { plan: p.id, id: why.id }),
            en: pt("en", "idTaken", { plan: p.id, id: why.id }),
          },
        },
      ]);
    else setFailure(pick(why.message, lang()));
  };

  const lines = createMemo(() =>
    issueLines(issues() ?? [], (row) => rows()[row]?.indicator.printedNumber ?? row + 1, lang()),
  );
  const rowHasIssue = (i: number, field: string) =>
    (issues() ?? []).some((x) => x.row === i && x.field === field);

  const textField = (
    id: string,
    label: string,
    key: TextKey,
    extra: { lang?: string; required?: boolean } = {},
  ) => (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        lang={extra.lang}
        value={meta()[key]}
        required={extra.required}
        aria-invalid={(issues() ?? []).some((x) => x.row === null && x.field === FIELD_OF[key]) || undefined}
        onInput={(e) => setField(key, e.currentTarget.value)}
      />
    </div>
  );

  return (
    <section class="paste-plan" aria-labelledby="paste-heading">
      <p>
        <button type="button" class="button" onClick={() => props.onBack()}>
          {w("back")}
        </button>
      </p>
      <h1 id="paste-heading" tabindex="-1" ref={(el) => props.headingRef?.(el)}>
        {w("heading")}
      </h1>
      <p class="lede">{w("entryIntro")}</p>
      <form class="paste-form" onSubmit={read}>
        <div class="field">
          <label for="paste-text">{w("textLabel")}</label>
          <textarea
            id="paste-text"
            rows="12"
            lang="zh-CN"
            aria-describedby="paste-text-hint"
            value={text()}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <p id="paste-text-hint" class="muted">
            {w("textHint")}
          </p>
        </div>
        <button type="submit" class="button primary">
          {w("read")}
        </button>
      </form>
      <p role="status" class="paste-status" ref={statusEl}>
        <Show when={result()}>
          {(r) =>
            r().rows.length === 0
              ? w("readNothing")
              : w("readResult", { rows: r().rows.length, flagged: flagged() })
          }
        </Show>
      </p>
      <Show when={result()}>
        {(r) => (
          <>
            <Show when={r().problems.length > 0}>
              <section class="paste-problems" aria-labelledby="paste-problems-heading">
                <h2 id="paste-problems-heading">{w("tableProblems")}</h2>
                <ul>
                  <For each={r().problems}>{(p) => <li>{pick(p.message, lang())}</li>}</For>
                </ul>
              </section>
            </Show>
            <Show when={r().rows.length > 0}>
              <fieldset class="paste-meta">
                <legend>{w("metaHeading")}</legend>
                {textField("paste-id", w("planId"), "planId", { required: true })}
                {textField("paste-title-zh", w("titleZh"), "titleZh", {
                  lang: "zh-CN",
                  required: true,
                })}
                {textField("paste-title-en", w("titleEn"), "titleEn", { lang: "en" })}
                {textField("paste-region-zh", w("regionZh"), "regionZh", { lang: "zh-CN", required: true })}
                {textField("paste-region-en", w("regionEn"), "regionEn", { lang: "en" })}
                {textField("paste-province-zh", w("provinceZh"), "provinceZh", {
                  lang: "zh-CN",
                })}
                {textField("paste-issuer-zh", w("issuerZh"), "issuerZh", { lang: "zh-CN" })}
                <div class="field">
                  <label for="paste-level">{w("level")}</label>
                  <select
                    id="paste-level"
                    value={meta().level}
                    onChange={(e) => setMeta((m) => ({ ...m, level: e.currentTarget.value as Level }))}
                  >
                    <For each={LEVELS}>{(l) => <option value={l}>{word(lang(), "level", l)}</option>}</For>
                  </select>
                </div>
                {textField("paste-baseline-year", w("baselineYear"), "baselineYear")}
                {textField("paste-target-year", w("targetYear"), "targetYear")}
                {textField("paste-source", w("source"), "source", { required: true })}
              </fieldset>
              <PasteReview
                rows={rows()}
                confirmed={(i) => confirmed()[i] === true}
                onEdit={edit}
                onConfirm={(i, v) => setConfirmed((c) => ({ ...c, [i]: v }))}
                hasIssue={rowHasIssue}
              />
              <div class="paste-create">
                <p id="paste-create-state" class={waiting() > 0 ? "paste-waiting" : "note-ok"}>
                  {waiting() > 0 ? w("createWaiting", { count: waiting() }) : w("createReady")}
                </p>
                <button
                  type="button"
                  class="button primary"
                  disabled={waiting() > 0}
                  aria-describedby="paste-create-state"
                  onClick={create}
                >
                  {w("create")}
                </button>
              </div>
              <div role="alert" class="paste-invalid">
                <Show when={(issues()?.length ?? 0) > 0 || failure()}>
                  <h2>{w("invalidHeading")}</h2>
                  <ul>
                    <Show when={failure()}>{(f) => <li>{f()}</li>}</Show>
                    <For each={lines()}>{(line) => <li>{line}</li>}</For>
                  </ul>
                </Show>
              </div>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
