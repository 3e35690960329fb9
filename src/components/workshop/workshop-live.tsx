import { createEffect, createMemo, createSignal, For, on, Show } from "solid-js";
import type { Assumption } from "../../../models/scenario.ts";
import { type Bilingual, pick, type Result } from "../../../models/text.ts";
import { decimalsOfStep, formatNumber, formatParam } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { parseNumberInput } from "../../kernel/number-input.ts";
import { wt } from "../../kernel/workshop-text.ts";

/**
 * One change made live, on top of the step or preset: pick an assumption that moves the key targets,
 * type a value, apply. A bad entry is explained next to the field and nothing changes; "Reset" drops
 * every change made here. Kept in a disclosure so the projector shows it only when the trainer asks.
 */
export function WorkshopLive(props: {
  /** Assumption ids that can move the key targets, in the order to list them. */
  ids: string[];
  assumptions: Record<string, Assumption>;
  live: Readonly<Record<string, number>>;
  /** The assumptions the current step itself changes: the first one listed is preselected. */
  preferred?: readonly string[];
  onApply: (id: string, value: number) => Result<unknown, Bilingual>;
}) {
  const { lang } = useI18n();
  const [chosen, setChosen] = createSignal<string>("");
  const [text, setText] = createSignal("");
  const [problem, setProblem] = createSignal<Bilingual | null>(null);
  const listed = createMemo(() => props.ids.filter((id) => props.assumptions[id] !== undefined));
  /** The step's own lever when it has one that moves the key targets; otherwise the first listed. */
  const stepLever = createMemo(() =>
    (props.preferred ?? []).find((id) => props.assumptions[id] !== undefined),
  );
  const current = createMemo(() => {
    const id = chosen() || stepLever() || listed()[0] || "";
    return { id, a: props.assumptions[id] };
  });
  // A new step preselects its own lever again.
  createEffect(
    on(
      () => (props.preferred ?? []).join(" "),
      () => {
        setChosen("");
        setProblem(null);
      },
      { defer: true },
    ),
  );
  const options = createMemo(() => {
    const lever = stepLever();
    const rest = listed().filter((id) => id !== lever);
    return lever ? [lever, ...rest] : rest;
  });
  /** Applies a slider position at once (on release, or each key step). */
  const slide = (value: number): void => {
    const { id, a } = current();
    if (!a) return;
    const r = props.onApply(id, value);
    setProblem(r.ok ? null : r.error);
  };
  const count = () => Object.keys(props.live).length;
  const valueNow = () => {
    const { id, a } = current();
    return a ? (props.live[id] ?? a.value) : undefined;
  };

  const apply = (e: Event): void => {
    e.preventDefault();
    const { id, a } = current();
    if (!a) return;
    const read = parseNumberInput(text(), { unit: a.unit });
    if (!read.ok) {
      const ex = formatNumber(a.value, "en", 0).replace(/,/g, "");
      setProblem({
        zh: `${read.error.zh} ${wt("zh-CN", "liveNotANumber", { example: ex })}`,
        en: `${read.error.en} ${wt("en", "liveNotANumber", { example: ex })}`,
      });
      return;
    }
    const r = props.onApply(id, read.value);
    if (!r.ok) {
      setProblem(r.error);
      return;
    }
    setProblem(null);
    setText("");
  };

  return (
    <details class="ws-live" open>
      <summary>
        {wt(lang(), "liveHeading")}
        <Show when={count() > 0}>
          <span class="ws-live-count"> · {wt(lang(), "liveCount", { count: count() })}</span>
        </Show>
      </summary>
      <p class="ws-note">{wt(lang(), "liveHint")}</p>
      <form class="ws-live-form" onSubmit={apply} novalidate>
        <div class="field ws-field">
          <label for="ws-live-assumption">{wt(lang(), "liveAssumption")}</label>
          <select
            id="ws-live-assumption"
            onChange={(e) => {
              setChosen(e.currentTarget.value);
              setProblem(null);
              setText("");
            }}
          >
            <For each={options()}>
              {(id) => (
                <option value={id} selected={id === current().id}>
                  {pick(props.assumptions[id]!.label, lang())}
                  {id === stepLever() ? ` (${wt(lang(), "liveStepLever")})` : ""}
                  {props.live[id] !== undefined ? " *" : ""}
                </option>
              )}
            </For>
          </select>
        </div>
        <Show when={current().a}>
          {(a) => {
            const decimals = () => decimalsOfStep(a().step ?? (a().max - a().min) / 100);
            const shown = (v: number) =>
              formatParam(v, a().unit, lang(), decimals(), Math.max(Math.abs(a().min), Math.abs(a().max)));
            return (
              <div class="field ws-field ws-slider-field">
                <label for="ws-live-slider">
                  {wt(lang(), "liveSlider", { label: pick(a().label, lang()) })}
                </label>
                <div class="ws-slider-row">
                  <input
                    id="ws-live-slider"
                    type="range"
                    min={a().min}
                    max={a().max}
                    step={a().step ?? "any"}
                    value={valueNow() ?? a().value}
                    aria-valuetext={shown(valueNow() ?? a().value)}
                    onChange={(e) => slide(Number(e.currentTarget.value))}
                  />
                  <output for="ws-live-slider" class="ws-slider-value">
                    {shown(valueNow() ?? a().value)}
                  </output>
                </div>
              </div>
            );
          }}
        </Show>
        <Show when={current().a}>
          {(a) => (
            <div class="field ws-field">
              <label for="ws-live-value">
                {wt(lang(), "liveValue", {
                  min: formatNumber(a().min, lang(), 2).replace(/\.?0+$/, ""),
                  max: formatNumber(a().max, lang(), 2).replace(/\.?0+$/, ""),
                })}
              </label>
              <input
                id="ws-live-value"
                type="text"
                inputmode="decimal"
                autocomplete="off"
                placeholder={String(valueNow() ?? "")}
                value={text()}
                aria-invalid={problem() ? "true" : undefined}
                aria-describedby={problem() ? "ws-live-problem" : undefined}
                onInput={(e) => setText(e.currentTarget.value)}
              />
            </div>
          )}
        </Show>
        <button type="submit" class="button primary ws-button">
          {wt(lang(), "liveApply")}
        </button>
      </form>
      <Show when={problem()}>
        {(p) => (
          <p id="ws-live-problem" class="field-error" role="alert">
            {pick(p(), lang())}
          </p>
        )}
      </Show>
    </details>
  );
}
