import { createEffect, createMemo, createSignal, on, Show } from "solid-js";
import type { Distribution } from "../../../models/distributions.ts";
import type { Assumption } from "../../../models/scenario.ts";
import { type Bilingual, pick, type Result, sourceText } from "../../../models/text.ts";
import {
  amountScale,
  decimalsOfStep,
  formatEditable,
  formatNumber,
  formatParam,
  formatYear,
  paramUnitText,
} from "../../kernel/format.ts";
import { type I18n, useI18n } from "../../kernel/i18n.ts";
import { composedInput, fromDisplayUnit, parseNumberInput } from "../../kernel/number-input.ts";
import { createSliderGrid, keyStep, snap } from "../../kernel/slider-grid.ts";

/** A DOM id for an assumption id ("retrofit.capacity1" → "as-retrofit-capacity1"). */
export function assumptionDomId(id: string): string {
  return `as-${id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** A distribution in words, its numbers in the assumption's unit. */
export function describeDistribution(d: Distribution, fmt: (v: number) => string, t: I18n["t"]): string {
  switch (d.kind) {
    case "uniform":
      return t("dist.uniform", { min: fmt(d.min), max: fmt(d.max) });
    case "triangular":
      return t("dist.triangular", { min: fmt(d.min), mode: fmt(d.mode), max: fmt(d.max) });
    case "pert":
      return t("dist.pert", { min: fmt(d.min), mode: fmt(d.mode), max: fmt(d.max) });
    case "normal":
      return t("dist.normal", { mean: fmt(d.mean), sd: fmt(d.sd) });
    case "lognormal":
      return t("dist.lognormal", { median: fmt(d.median), gsd: String(d.gsd) });
  }
}

export interface AssumptionFieldProps {
  id: string;
  /** The label without its component prefix, in both languages. */
  shortLabel: Bilingual;
  groupLabel: Bilingual;
  /** The value in use (edits applied). */
  current: Assumption;
  /** The scenario's own assumption, before this session's edits. */
  defaults: Assumption;
  /** A distribution that can be switched on, when the current one is off. */
  distribution: Distribution | undefined;
  edited: boolean;
  set: (value: number) => Result<unknown, Bilingual>;
  reset: () => void;
  toggleUncertainty: () => Result<unknown, Bilingual>;
}

/**
 * One assumption: label, a slider and a number field kept in step, the allowed range, provenance on
 * demand, uncertainty on or off with its distribution in words, and reset. A value that is not a
 * number or is out of range is explained next to the field (aria-invalid, aria-describedby) while the
 * model keeps the last valid value.
 */
export function AssumptionField(props: AssumptionFieldProps) {
  const { lang, t } = useI18n();
  const dom = () => assumptionDomId(props.id);
  const decimals = () => decimalsOfStep(props.current.step ?? (props.current.max - props.current.min) / 100);
  /** Budgets in 万元 in Chinese, as the plans print them (decided by the largest value allowed). */
  const scale = () =>
    amountScale(
      props.current.unit,
      lang(),
      Math.max(Math.abs(props.current.min), Math.abs(props.current.max)),
    );
  const scaleBy = () => Math.max(Math.abs(props.current.min), Math.abs(props.current.max));
  // Thousands grouped for reading ("47,528"); what is typed is read with or without the commas.
  const plain = (v: number): string => {
    if (props.current.unit === "year") return formatYear(v);
    const sc = scale();
    const digits = sc ? Math.max(decimals(), 0) + 4 : Math.max(decimals(), 0) + 2;
    const shown = sc ? v / sc.factor : v;
    return formatEditable(Number(shown.toFixed(digits)), lang(), digits);
  };
  /** A typed number in the field's display unit, back in the assumption's own unit (yuan). */
  const fromShown = (n: number): number => fromDisplayUnit(n, scale()?.factor, decimals());
  const withUnit = (v: number): string => formatParam(v, props.current.unit, lang(), decimals(), scaleBy());

  /** What the person typed, while it differs from the value in use; null shows the value in use. */
  const [draft, setDraft] = createSignal<string | null>(null);
  const [problem, setProblem] = createSignal<string | null>(null);
  let field: HTMLInputElement | undefined;
  /** The slider's positions: through the scenario's own value, reaching the minimum and maximum. */
  const grid = createMemo(() =>
    createSliderGrid(props.current.min, props.current.max, props.current.step, props.defaults.value),
  );
  /** Moves to a grid position: applied, and the thumb put exactly on it. */
  const slide = (input: HTMLInputElement, v: number): void => {
    const r = props.set(v);
    if (r.ok) {
      setProblem(null);
      setDraft(null);
    }
    input.value = String(props.current.value);
  };
  // Nothing is read, applied or logged while an input method is still composing.
  const typed = composedInput((text) => commit(text));

  // A change from elsewhere (slider, reset, goal seek, another scenario) replaces a valid draft.
  createEffect(
    on(
      () => props.current.value,
      () => {
        if (problem() === null && document.activeElement !== field) setDraft(null);
      },
      { defer: true },
    ),
  );

  const commit = (text: string): void => {
    setDraft(text);
    const v = parseNumberInput(text, { unit: props.current.unit });
    if (!v.ok) {
      setProblem(
        `${pick(v.error, lang())} ${t("as.notANumber", { example: plain(props.defaults.value), value: withUnit(props.current.value) })}`,
      );
      return;
    }
    const r = props.set(fromShown(v.value));
    if (r.ok) setProblem(null);
    else
      setProblem(`${pick(r.error, lang())} ${t("as.keptValue", { value: withUnit(props.current.value) })}`);
  };

  const uncertain = () => props.current.uncertainty !== undefined;
  const dist = () => props.current.uncertainty ?? props.distribution;
  const kind = () => props.defaults.provenance.kind;

  return (
    <li class="assumption" classList={{ "is-edited": props.edited, "is-invalid": problem() !== null }}>
      <div class="assumption-head">
        <label for={dom()} class="assumption-label">
          <span class="visually-hidden">{pick(props.groupLabel, lang())} · </span>
          {pick(props.shortLabel, lang())}
        </label>
        <Show when={kind() === "estimate"}>
          <span class="badge badge-estimate">{t("prov.estimate")}</span>
        </Show>
        <Show when={props.edited}>
          <span class="badge badge-changed">{t("as.changed")}</span>
        </Show>
      </div>
      <div class="assumption-inputs">
        {/* step="any" with the grid kept here: the native grid runs from min in whole steps, which
            misses a maximum or a published default off that grid (see kernel/slider-grid.ts). */}
        <input
          type="range"
          class="slider"
          min={grid().min}
          max={grid().max}
          step="any"
          value={props.current.value}
          aria-label={t("as.slider", { label: pick(props.shortLabel, lang()) })}
          aria-valuetext={withUnit(props.current.value)}
          onKeyDown={(e) => {
            const v = keyStep(grid(), props.current.value, e.key);
            if (v === null) return;
            e.preventDefault();
            slide(e.currentTarget, v);
          }}
          onInput={(e) => slide(e.currentTarget, snap(grid(), Number(e.currentTarget.value)))}
        />
        <span class="number-field">
          <input
            ref={field}
            id={dom()}
            type="text"
            inputmode="decimal"
            autocomplete="off"
            spellcheck={false}
            value={draft() ?? plain(props.current.value)}
            aria-invalid={problem() !== null ? "true" : undefined}
            aria-describedby={`${dom()}-unit ${dom()}-range${problem() !== null ? ` ${dom()}-error` : ""}`}
            onInput={typed.onInput}
            onCompositionStart={typed.onCompositionStart}
            onCompositionEnd={typed.onCompositionEnd}
            onBlur={() => {
              if (problem() === null) setDraft(null);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.isComposing) commit(e.currentTarget.value);
            }}
          />
          <span id={`${dom()}-unit`} class="unit">
            {scale()?.unit ?? paramUnitText(props.current.unit, lang())}
          </span>
        </span>
      </div>
      <p id={`${dom()}-range`} class="assumption-range">
        {t("as.range", { min: withUnit(props.current.min), max: withUnit(props.current.max) })}
        <Show when={props.edited}>
          {" · "}
          {t("as.default", { value: withUnit(props.defaults.value) })}
        </Show>
      </p>
      <Show when={problem()}>
        {(p) => (
          <p id={`${dom()}-error`} class="field-error">
            <span aria-hidden="true">⚠ </span>
            {p()}
          </p>
        )}
      </Show>
      <div class="assumption-extra">
        <Show when={dist()} fallback={<p class="assumption-dist muted">{t("as.fixed")}</p>}>
          {(d) => (
            <div class="uncertainty">
              <label class="checkbox">
                <input
                  type="checkbox"
                  checked={uncertain()}
                  aria-describedby={`${dom()}-dist`}
                  onChange={(e) => {
                    const r = props.toggleUncertainty();
                    if (!r.ok) e.currentTarget.checked = uncertain();
                  }}
                />{" "}
                {t("as.uncertain")}
                <span class="visually-hidden">: {pick(props.shortLabel, lang())}</span>
              </label>
              <p id={`${dom()}-dist`} class="assumption-dist">
                {uncertain()
                  ? describeDistribution(
                      d(),
                      (v) => (scale() ? withUnit(v) : formatNumber(v, lang(), decimals())),
                      t,
                    )
                  : t("as.fixed")}
              </p>
            </div>
          )}
        </Show>
        <details class="provenance">
          <summary>
            {t("as.provenance")}
            <span class="visually-hidden">: {pick(props.shortLabel, lang())}</span>
          </summary>
          <dl>
            <div>
              <dt>{t("as.provenance.kind")}</dt>
              <dd>
                <span class={`prov prov-${kind()}`}>{t(`prov.${kind()}`)}</span>
              </dd>
            </div>
            <div>
              <dt>{t("as.provenance.source")}</dt>
              <dd>{sourceText(props.defaults.provenance, lang())}</dd>
            </div>
            <Show when={props.defaults.provenance.year}>
              {(y) => (
                <div>
                  <dt>{t("as.provenance.year")}</dt>
                  <dd>{formatYear(y())}</dd>
                </div>
              )}
            </Show>
            <Show when={props.defaults.provenance.note}>
              {(n) => (
                <div>
                  <dt>{t("as.provenance.note")}</dt>
                  <dd>{pick(n(), lang())}</dd>
                </div>
              )}
            </Show>
          </dl>
        </details>
        <Show when={props.edited}>
          <button
            type="button"
            class="button small"
            onClick={() => {
              props.reset();
              setProblem(null);
              setDraft(null);
            }}
          >
            {t("as.reset")}
            <span class="visually-hidden">: {pick(props.shortLabel, lang())}</span>
          </button>
        </Show>
      </div>
    </li>
  );
}
