import { createSignal, For, Show } from "solid-js";
import type { Sampling } from "../../../models/monte-carlo.ts";
import type { Bilingual, Result } from "../../../models/text.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { parseNumberInput } from "../../kernel/number-input.ts";
import type { RunSettings } from "../../kernel/store.ts";

/** Sample counts offered: enough for a quick look up to the 10,000 a published figure deserves. */
const SAMPLE_CHOICES = [1000, 2000, 5000, 10_000];

/**
 * The Monte Carlo settings of the workbench: samples, seed and sampling. A change re-runs the
 * probabilities; a bad seed is explained in place and the last valid settings stay in use.
 */
export function RunSettingsForm(props: {
  settings: RunSettings;
  onChange: (patch: Partial<RunSettings>) => Result<unknown, Bilingual>;
}) {
  const { t, lang } = useI18n();
  const [problem, setProblem] = createSignal<Bilingual | undefined>();
  const apply = (patch: Partial<RunSettings>) => {
    const r = props.onChange(patch);
    setProblem(r.ok ? undefined : r.error);
  };
  return (
    <fieldset class="run-settings no-print">
      <legend>{t("run.settings.legend")}</legend>
      <label>
        {t("run.settings.samples")}
        <select
          value={String(props.settings.samples)}
          onChange={(e) => apply({ samples: Number(e.currentTarget.value) })}
        >
          <For each={SAMPLE_CHOICES}>
            {(n) => (
              <option value={String(n)} selected={n === props.settings.samples}>
                {n.toLocaleString(lang() === "zh-CN" ? "zh-CN" : "en-US")}
              </option>
            )}
          </For>
        </select>
      </label>
      <label>
        {t("run.settings.seed")}
        {/* Text, not type="number": a number input hides what was typed ("" for "1,2") and would
            round a seed past 2^53; the shared reader explains every refusal instead. */}
        <input
          type="text"
          inputMode="numeric"
          autocomplete="off"
          spellcheck={false}
          value={props.settings.seed}
          aria-invalid={problem() ? "true" : undefined}
          aria-describedby={problem() ? "run-settings-error" : undefined}
          onChange={(e) => {
            const read = parseNumberInput(e.currentTarget.value, { integer: true, allowNegative: false });
            if (!read.ok) {
              setProblem({
                zh: `随机种子：${read.error.zh}`,
                en: `seed: ${read.error.en}`,
              });
              return;
            }
            apply({ seed: read.value });
          }}
        />
      </label>
      <label>
        {t("run.settings.sampling")}
        <select
          value={props.settings.sampling}
          onChange={(e) => apply({ sampling: e.currentTarget.value as Sampling })}
        >
          <option value="lhs" selected={props.settings.sampling === "lhs"}>
            {t("run.sampling.lhs")}
          </option>
          <option value="random" selected={props.settings.sampling === "random"}>
            {t("run.sampling.random")}
          </option>
        </select>
      </label>
      <Show when={problem()}>
        {(p) => (
          <p id="run-settings-error" class="field-error">
            {lang() === "zh-CN" ? p().zh : p().en}
          </p>
        )}
      </Show>
    </fieldset>
  );
}
