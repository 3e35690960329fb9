import { createEffect, createSignal, For, on, Show } from "solid-js";
import type { Indicator } from "../../../models/plan.ts";
import type { Assumption } from "../../../models/scenario.ts";
import type { GoalSeekAnswer, GoalSeekRefusal } from "../../../models/sensitivity.ts";
import { type Bilingual, pick, type Result } from "../../../models/text.ts";
import { decimalsOfStep, formatParam, formatProbability } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { parseNumberInput } from "../../kernel/number-input.ts";
import { useProjection } from "../../kernel/projection.ts";
import { createSliderGrid, snapDown, snapUp } from "../../kernel/slider-grid.ts";
import type { WorkbenchStore } from "../../kernel/store.ts";

/** Goal seek estimates each probability from this many samples at most: ~30 evaluations per answer. */
export const GOAL_SEEK_MAX_SAMPLES = 500;

/**
 * Goal seek for one indicator: choose a lever among the assumptions that move it and a probability,
 * run, and read the least value that meets the target (or the models' refusal, in the person's
 * language). The answer can be applied to the scenario in one step.
 */
export function GoalSeekForm(props: {
  ind: Indicator;
  levers: readonly string[];
  assumptions: Record<string, Assumption>;
  store: WorkbenchStore;
}) {
  const { lang, t } = useI18n();
  const projection = useProjection();
  const [lever, setLever] = createSignal(props.levers[0] ?? "");
  const [probText, setProbText] = createSignal("80");
  const [problem, setProblem] = createSignal<string | null>(null);
  const [running, setRunning] = createSignal(false);
  const [answer, setAnswer] = createSignal<
    { lever: string; result: Result<GoalSeekAnswer, GoalSeekRefusal> } | { error: Bilingual } | null
  >(null);
  // A new indicator starts a new question.
  createEffect(
    on(
      () => props.ind.id,
      () => {
        setLever(props.levers[0] ?? "");
        setAnswer(null);
      },
      { defer: true },
    ),
  );

  const samples = () => Math.min(props.store.state.settings.samples, GOAL_SEEK_MAX_SAMPLES);
  const label = (id: string) => (props.assumptions[id] ? pick(props.assumptions[id]!.label, lang()) : id);
  const fmt = (id: string, v: number) => {
    const a = props.assumptions[id];
    return a ? formatParam(v, a.unit, lang(), decimalsOfStep(a.step)) : String(v);
  };
  let probField: HTMLInputElement | undefined;

  const run = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    // A probability in percent: "80", "80%" and "８０％" all mean 80.
    const read = parseNumberInput(probText(), { unit: "percent" });
    if (!read.ok || read.value < 1 || read.value > 100) {
      setProblem(
        read.ok ? t("gs.probabilityInvalid") : `${pick(read.error, lang())} ${t("gs.probabilityInvalid")}`,
      );
      probField?.focus();
      return;
    }
    const p = read.value;
    setProblem(null);
    const m = props.store.runModel();
    if (!m?.ok || !lever()) return;
    const { seed, sampling } = props.store.state.settings;
    const chosen = lever();
    setRunning(true);
    setAnswer(null);
    const r = await projection.goalSeek({
      ...m.value,
      goal: { indicatorId: props.ind.id, lever: chosen, probability: p, samples: samples(), seed, sampling },
    });
    setRunning(false);
    setAnswer(r.ok ? { lever: chosen, result: r.value } : { error: r.error.message });
  };

  return (
    <section class="goal-seek" aria-labelledby="goal-seek-heading">
      <h3 id="goal-seek-heading" class="minor-heading">
        {t("gs.heading")}
      </h3>
      <Show when={props.levers.length > 0} fallback={<p>{t("gs.noLever")}</p>}>
        <p class="muted small">{t("gs.intro", { samples: samples() })}</p>
        <form class="goal-seek-form" onSubmit={run} novalidate>
          <div class="field">
            <label for="goal-seek-lever">{t("gs.lever")}</label>
            <select id="goal-seek-lever" onChange={(e) => setLever(e.currentTarget.value)}>
              <For each={props.levers}>
                {(id) => (
                  <option value={id} selected={id === lever()}>
                    {label(id)}
                  </option>
                )}
              </For>
            </select>
          </div>
          <div class="field narrow">
            <label for="goal-seek-probability">{t("gs.probability")}</label>
            <input
              ref={probField}
              id="goal-seek-probability"
              type="text"
              inputmode="decimal"
              value={probText()}
              aria-invalid={problem() ? "true" : undefined}
              aria-describedby={problem() ? "goal-seek-problem" : undefined}
              onInput={(e) => setProbText(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="button primary" disabled={running()}>
            {running() ? t("gs.running") : t("gs.run")}
          </button>
        </form>
        <Show when={problem()}>
          <p id="goal-seek-problem" class="field-error">
            <span aria-hidden="true">⚠ </span>
            {problem()}
          </p>
        </Show>
        <div class="goal-seek-answer" role="status" aria-live="polite">
          <Show when={running()}>{t("gs.running")}</Show>
          <Show when={answer()}>
            {(a) => {
              const v = a();
              if ("error" in v) return <p class="field-error">{pick(v.error, lang())}</p>;
              const r = v.result;
              if (!r.ok)
                return <p class="refusal">{t("gs.refused", { message: pick(r.error.message, lang()) })}</p>;
              return (
                <div class="answer">
                  <p>
                    {t(r.value.direction === "at-least" ? "gs.answer.at-least" : "gs.answer.at-most", {
                      lever: label(v.lever),
                      value: fmt(v.lever, r.value.value),
                      probability: formatProbability(r.value.probability, lang()),
                      current: formatProbability(r.value.current, lang()),
                    })}
                  </p>
                  <button
                    type="button"
                    class="button small"
                    onClick={() => {
                      const a0 = props.assumptions[v.lever];
                      // To the lever's slider grid, on the side that still meets the target.
                      // The grid is laid through the scenario's own value, as the slider's is.
                      const own = props.store.resolved();
                      const anchor =
                        (own?.ok ? own.value.assumptions[v.lever]?.value : undefined) ?? a0?.value;
                      const grid = a0 ? createSliderGrid(a0.min, a0.max, a0.step, anchor) : undefined;
                      const snapped = grid
                        ? (r.value.direction === "at-least" ? snapUp : snapDown)(grid, r.value.value)
                        : r.value.value;
                      props.store.setAssumption(v.lever, snapped);
                    }}
                  >
                    {t("gs.apply", { value: fmt(v.lever, r.value.value) })}
                  </button>
                </div>
              );
            }}
          </Show>
        </div>
      </Show>
    </section>
  );
}
