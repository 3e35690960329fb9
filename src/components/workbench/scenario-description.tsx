import { createMemo, Show } from "solid-js";
import { pick } from "../../../models/text.ts";
import { useI18n } from "../../kernel/i18n.ts";
import type { WorkbenchStore } from "../../kernel/store.ts";

/** What the open scenario is about, in the person's language; nothing when it says nothing. */
export function ScenarioDescription(props: { store: WorkbenchStore }) {
  const { lang, t } = useI18n();
  const description = createMemo(() => {
    const id = props.store.state.scenarioId;
    const s = id ? props.store.library().scenarios.get(id) : undefined;
    return s?.description;
  });
  return (
    <Show when={description()}>
      {(d) => (
        <div class="scenario-description">
          <h3 class="inline-heading">{t("scn.about")}</h3> <span>{pick(d(), lang())}</span>
        </div>
      )}
    </Show>
  );
}
