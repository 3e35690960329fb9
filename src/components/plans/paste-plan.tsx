import { createMemo, createSignal, For, Index, type JSX, Show } from "solid-js";
import {
  ATTRIBUTES,
  type Baseline,
  type Indicator,
  LEVELS,
  type Level,
  MEASURES,
  UNITS,
} from "../../../models/plan.ts";
import type { PasteResult, PasteRow, PlacedIssue, RowEdit } from "../../../models/plan-paste.ts";
import { type Bilingual, pick } from "../../../models/text.ts";
import { formatNumber } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import {
  draftPlan,
  EMPTY_META,
  mergeEdit,
  metaFromTable,
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

/**
 * "Paste a plan's table": a textarea, the table read into a draft plan, a review with one row per
 * indicator (the pasted cells beside what they were read as, each guess flagged with its reason and
 * editable), the plan's metadata, and "Create plan" once every row with a guess is checked. The plan is
 * then validated (each problem placed on its row and field), scaffolded as `npm run scaffold` does, saved
 * in the workspace and opened in the workbench.
 */
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

  const read = (ev: SubmitEvent): void => {
    ev.preventDefault();
    const r = readPastedTable(text(), options());
    setEdits({});
    setConfirmed({});
    setIssues(null);
    setFailure(null);
    setResult(r);
    setMeta((m) => metaFromTable(m, r));
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
    else if (why.kind === "taken") setFailure(w("idTaken", { id: why.id }));
    else setFailure(pick(why.message, lang()));
  };

  const fieldWord = (f: string) => word(lang(), "field", f);
  const issueText = (i: PlacedIssue): string => {
    const message = pick(i.message, lang());
    if (i.row === null) return w("invalidPlan", { field: fieldWord(i.field), message });
    const n = rows()[i.row]?.indicator.printedNumber ?? i.row + 1;
    return w("invalidRow", { n, field: fieldWord(i.field), message });
  };
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
      <p role="status" class="paste-status">
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
                {textField("paste-region-zh", w("regionZh"), "regionZh", { lang: "zh-CN" })}
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
                {textField("paste-source", w("source"), "source")}
              </fieldset>
              <section class="table-scroll" tabindex="0" aria-labelledby="paste-review-caption">
                <table class="indicator-table compact paste-review">
                  <caption id="paste-review-caption">{w("reviewCaption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{w("colNumber")}</th>
                      <th scope="col">{w("colSource")}</th>
                      <th scope="col">{w("colName")}</th>
                      <th scope="col">{w("colAttribute")}</th>
                      <th scope="col">{w("colUnit")}</th>
                      <th scope="col">{w("colMeasure")}</th>
                      <th scope="col">{w("colBaseline")}</th>
                      <th scope="col">{w("colTarget")}</th>
                      <th scope="col">{w("colConfirm")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <Index each={rows()}>
                      {(row, i) => (
                        <ReviewRow
                          row={row()}
                          index={i}
                          confirmed={confirmed()[i] === true}
                          onEdit={(patch) => edit(i, patch)}
                          onConfirm={(v) => setConfirmed((c) => ({ ...c, [i]: v }))}
                          hasIssue={(field) => rowHasIssue(i, field)}
                        />
                      )}
                    </Index>
                  </tbody>
                </table>
              </section>
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
                    <For each={issues() ?? []}>{(i) => <li>{issueText(i)}</li>}</For>
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

/** One indicator row of the review: its pasted cells, what they were read as, and what to confirm. */
function ReviewRow(props: {
  row: PasteRow;
  index: number;
  confirmed: boolean;
  onEdit: (patch: RowEdit) => void;
  onConfirm: (v: boolean) => void;
  hasIssue: (field: string) => boolean;
}): JSX.Element {
  const { lang } = useI18n();
  const w = (key: Parameters<typeof pt>[1], params?: Parameters<typeof pt>[2]) => pt(lang(), key, params);
  const ind = () => props.row.indicator;
  const n = () => ind().printedNumber ?? props.index + 1;
  const idBase = () => `paste-row-${props.index}`;
  const flagsOf = (field: string) => props.row.flags.filter((f) => f.field === field);
  const marked = (field: string) => flagsOf(field).length > 0 || props.hasIssue(field);
  const describedBy = (field: string) => (flagsOf(field).length > 0 ? `${idBase()}-flags` : undefined);
  const cls = (field: string) => ({ "is-flagged": marked(field) });
  const canSwitchMeasure = () => ind().unit !== "percent" && ind().unit !== "growth-rate";

  return (
    <tr data-row={props.index} classList={{ "has-flags": props.row.flags.length > 0 }}>
      <th scope="row" classList={cls("number")}>
        {n()}
      </th>
      <td class="paste-source">
        <Show when={props.row.group}>
          {(g) => (
            <span class="paste-group" lang="zh-CN">
              {w("group", { group: g() })}
            </span>
          )}
        </Show>
        <ol class="paste-cells" lang="zh-CN">
          <For each={props.row.cells}>{(c) => <li>{c === "" ? "∅" : c}</li>}</For>
        </ol>
      </td>
      <td classList={cls("name")}>
        <span lang="zh-CN">{ind().name.zh}</span>
        <Show when={props.row.flags.some((f) => f.key === "name-en")}>
          <input
            type="text"
            lang="en"
            class="paste-name-en"
            aria-label={w("nameEnOf", { n: n() })}
            placeholder={w("nameEn")}
            onChange={(e) => props.onEdit({ nameEn: e.currentTarget.value })}
          />
        </Show>
      </td>
      <td classList={cls("attribute")}>
        <select
          aria-label={w("attributeOf", { n: n() })}
          aria-describedby={describedBy("attribute")}
          value={ind().attribute}
          onChange={(e) => props.onEdit({ attribute: e.currentTarget.value as Indicator["attribute"] })}
        >
          <For each={ATTRIBUTES}>{(a) => <option value={a}>{word(lang(), "attribute", a)}</option>}</For>
        </select>
      </td>
      <td classList={cls("unit")}>
        <select
          aria-label={w("unitOf", { n: n() })}
          aria-describedby={describedBy("unit")}
          value={ind().unit}
          onChange={(e) => props.onEdit({ unit: e.currentTarget.value as Indicator["unit"] })}
        >
          <For each={UNITS}>{(u) => <option value={u}>{word(lang(), "unit", u)}</option>}</For>
        </select>
        <Show when={ind().scale}>{(s) => <span lang="zh-CN"> {s()}</span>}</Show>
      </td>
      <td classList={cls("measure")}>
        <select
          aria-label={w("measureOf", { n: n() })}
          aria-describedby={describedBy("measure")}
          value={ind().measure}
          disabled={!canSwitchMeasure()}
          onChange={(e) => props.onEdit({ measure: e.currentTarget.value as Indicator["measure"] })}
        >
          <For each={MEASURES}>{(m) => <option value={m}>{word(lang(), "measure", m)}</option>}</For>
        </select>
      </td>
      <td classList={cls("baseline")}>
        <input
          type="text"
          lang="zh-CN"
          class="paste-cell"
          aria-label={w("baselineCell", { n: n() })}
          aria-describedby={describedBy("baseline")}
          value={props.row.source.baseline}
          onChange={(e) => props.onEdit({ cells: { baseline: e.currentTarget.value } })}
        />
        <span class="paste-reading">{baselineWords(ind().baseline, ind(), lang())}</span>
      </td>
      <td classList={cls("target")}>
        <input
          type="text"
          lang="zh-CN"
          class="paste-cell"
          aria-label={w("targetCell", { n: n() })}
          aria-describedby={describedBy("target")}
          value={props.row.source.target}
          onChange={(e) => props.onEdit({ cells: { target: e.currentTarget.value } })}
        />
        <span class="paste-reading">{targetWords(ind(), lang())}</span>
      </td>
      <td class="paste-confirm">
        <Show when={props.row.flags.length > 0} fallback={<span class="muted">{w("nothingToConfirm")}</span>}>
          <ul id={`${idBase()}-flags`} class="paste-flags">
            <For each={props.row.flags}>
              {(f) => (
                <li data-field={f.field} data-key={f.key}>
                  <strong>{word(lang(), "field", f.field)}</strong>: {pick(f.message as Bilingual, lang())}
                </li>
              )}
            </For>
          </ul>
          <label class="checkbox">
            <input
              type="checkbox"
              checked={props.confirmed}
              onChange={(e) => props.onConfirm(e.currentTarget.checked)}
            />
            {w("confirm", { n: n() })}
          </label>
        </Show>
      </td>
    </tr>
  );
}

/** A value with the decimals it has (98.37 stays 98.37; 40000 is grouped). */
function fmt(v: number, lang: "zh-CN" | "en"): string {
  const decimals = Math.min(4, (String(v).split(".")[1] ?? "").length);
  return formatNumber(v, lang, decimals);
}

const SIGN: Record<string, string> = { ">=": "≥", ">": ">", "=": "=", "<=": "≤", "<": "<" };

function unitText(ind: Indicator, lang: "zh-CN" | "en"): string {
  if (ind.unit === "percent" || ind.unit === "growth-rate") return "%";
  if (ind.unit === "count") return ind.unitLabel ? ` ${pick(ind.unitLabel, lang)}` : "";
  return ` ${word(lang, "unit", ind.unit)}`;
}

function baselineWords(b: Baseline, ind: Indicator, lang: "zh-CN" | "en"): string {
  const zh = lang === "zh-CN";
  if (b.qualifier === "not-in-source") return zh ? "表中没有基期" : "no baseline in the table";
  if (b.qualifier === "missing") return zh ? "未给出数值" : "no value printed";
  const v = `${fmt(b.value, lang)}${unitText(ind, lang)}`;
  return b.qualifier === "greater-than" ? `> ${v}` : `= ${v}`;
}

function targetWords(ind: Indicator, lang: "zh-CN" | "en"): string {
  const t = ind.target;
  const zh = lang === "zh-CN";
  switch (t.kind) {
    case "compare":
      return `${SIGN[t.comparator]} ${fmt(t.value, lang)}${unitText(ind, lang)}`;
    case "range":
      return `${fmt(t.lo, lang)}–${fmt(t.hi, lang)}${unitText(ind, lang)}`;
    case "in-step-with":
      return zh
        ? `与${t.seriesName.zh}${t.basically ? "基本" : ""}同步`
        : `${t.basically ? "basically " : ""}in step with ${t.seriesName.en}`;
    case "hold":
      return zh ? "不低于基期水平" : "not below the baseline";
  }
}
