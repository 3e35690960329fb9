import { createMemo, createSignal, For, Show } from "solid-js";
import type { Plan } from "../../../models/plan.ts";
import { pick } from "../../../models/text.ts";
import { useI18n } from "../../kernel/i18n.ts";
import type { WorkbenchStore } from "../../kernel/store.ts";

/**
 * The scenario picker: the plan's scenarios (baseline, teaching presets, the person's own), how many
 * assumptions this session changed in it, and a small form (a drop-down, so it pushes nothing down) that makes a new
 * scenario from the plan's defaults or as a copy of the current one. What the chosen scenario is about
 * is {@link ScenarioDescription}, in the workbench's folded section.
 */
export function ScenarioBar(props: { store: WorkbenchStore; plan: Plan }) {
  const { lang, t, tn } = useI18n();
  const store = props.store;
  const [name, setName] = createSignal("");
  const [from, setFrom] = createSignal<"defaults" | "current">("current");
  // What creating said: the scenario made, or (an alert) why not.
  const [message, setMessage] = createSignal<{ text: string; alert: boolean } | null>(null);

  const teaching = (id: string): boolean => store.library().scenarios.get(id)?.teaching === true;
  const changed = createMemo(() => {
    const id = store.state.scenarioId;
    return id ? Object.keys(store.state.edits[id] ?? {}).length : 0;
  });

  const create = (e: SubmitEvent): void => {
    e.preventDefault();
    const n = name().trim();
    if (!n) {
      setMessage({ text: t("scn.nameRequired"), alert: true });
      document.getElementById("new-scenario-name")?.focus();
      return;
    }
    const r = store.createScenario({
      from: from() === "defaults" ? "defaults" : (store.state.scenarioId ?? "defaults"),
      name: n,
    });
    if (r.ok) {
      setName("");
      setMessage({ text: t("scn.created", { name: n }), alert: false });
    } else setMessage({ text: pick(r.error, lang()), alert: true });
  };

  return (
    <section class="scenario-bar" aria-labelledby="scenario-heading">
      <h2 id="scenario-heading" class="visually-hidden">
        {t("scn.heading")}
      </h2>
      <div class="scenario-row">
        <div class="field">
          <label for="scenario-select">{t("scn.label")}</label>
          <select id="scenario-select" onChange={(e) => store.selectScenario(e.currentTarget.value)}>
            <For each={store.scenarios()}>
              {(s) => (
                <option value={s.id} selected={s.id === store.state.scenarioId}>
                  {pick(s.name, lang())}
                  {teaching(s.id) ? ` (${t("scn.teaching")})` : ""}
                  {s.created ? ` (${t("scn.yours")})` : ""}
                </option>
              )}
            </For>
          </select>
        </div>
        <p class="scenario-changes">
          <Show when={changed() > 0} fallback={<span class="visually-hidden">{t("scn.unchanged")}</span>}>
            <span class="badge badge-changed" title={tn("scn.changed", changed())}>
              <span aria-hidden="true">{t("scn.changedShort", { count: changed() })}</span>
              <span class="visually-hidden">{tn("scn.changed", changed())}</span>
            </span>
          </Show>
        </p>
      </div>
      <details class="new-scenario">
        <summary>{t("scn.new")}</summary>
        <form onSubmit={create} novalidate>
          <div class="field">
            <label for="new-scenario-name">{t("scn.newName")}</label>
            <input
              id="new-scenario-name"
              type="text"
              value={name()}
              aria-invalid={message()?.alert ? "true" : undefined}
              aria-describedby={message() ? "new-scenario-message" : undefined}
              onInput={(e) => {
                setName(e.currentTarget.value);
                if (message()?.alert) setMessage(null);
              }}
            />
          </div>
          <fieldset class="radio-group">
            <legend>{t("scn.newFrom")}</legend>
            <label>
              <input
                type="radio"
                name="new-scenario-from"
                value="current"
                checked={from() === "current"}
                onChange={() => setFrom("current")}
              />{" "}
              {t("scn.fromCurrent")}
            </label>
            <label>
              <input
                type="radio"
                name="new-scenario-from"
                value="defaults"
                checked={from() === "defaults"}
                onChange={() => setFrom("defaults")}
              />{" "}
              {t("scn.fromDefaults")}
            </label>
          </fieldset>
          <button type="submit" class="button">
            {t("scn.create")}
          </button>
          <Show when={message()}>
            {(m) => (
              <p
                id="new-scenario-message"
                class={m().alert ? "field-error" : "note-ok"}
                role={m().alert ? "alert" : "status"}
              >
                {m().text}
              </p>
            )}
          </Show>
        </form>
      </details>
    </section>
  );
}
