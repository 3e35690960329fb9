import { For, type JSX, Show } from "solid-js";
import { prefixOf } from "../../../models/plan.ts";
import { pick } from "../../../models/text.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { importText } from "../../kernel/import-text.ts";
import { useSession } from "../../kernel/session.ts";
import type { ImportedPlan } from "../../kernel/workspace.ts";
import { download } from "../shared/downloads.ts";
import "../../paste.css";

/** A JSON file as the repository writes it (two-space indent, a final newline). */
const json = (data: unknown): string => `${JSON.stringify(data, null, 2)}\n`;

/** The three files of an imported plan, named as the repository names them. */
export function importedFiles(p: ImportedPlan): { plan: string; bindings: string; scenario: string } {
  return {
    plan: `${p.plan.id}.json`,
    bindings: `${p.plan.id}.json`,
    scenario: `${prefixOf(p.plan.id)}-baseline.json`,
  };
}

/**
 * The entry to "paste a plan's table", and the plans imported so far with their files to download: the
 * plan, its bindings and its baseline scenario, the same files `scenarios/` keeps for a shipped plan.
 */
export function ImportedPlans(props: { onPaste: () => void }): JSX.Element {
  const { lang } = useI18n();
  const session = useSession();
  const w = (key: Parameters<typeof importText>[1], params?: Parameters<typeof importText>[2]) =>
    importText(lang(), key, params);
  return (
    <section class="imported-plans" aria-labelledby="imported-plans-heading">
      <h2 id="imported-plans-heading">{w("entryHeading")}</h2>
      <p>{w("entryIntro")}</p>
      <p>
        <button type="button" class="button" id="paste-plan-entry" onClick={() => props.onPaste()}>
          {w("entryButton")}
        </button>
      </p>
      <Show when={session.imported().length > 0}>
        <h3>{w("importedHeading")}</h3>
        <p>{w("importedIntro")}</p>
        <ul>
          <For each={session.imported()}>
            {(p) => {
              const files = importedFiles(p);
              return (
                <li data-imported={p.plan.id}>
                  <span lang="zh-CN">{p.plan.title.zh}</span>
                  <Show when={lang() === "en" && p.plan.title.en !== p.plan.title.zh}>
                    <span lang="en"> ({pick(p.plan.title, lang())})</span>
                  </Show>
                  <div class="imported-downloads">
                    <button
                      type="button"
                      class="button small"
                      onClick={() => download(files.plan, json(p.plan), "application/json")}
                    >
                      {w("downloadPlan", { file: files.plan })}
                    </button>
                    <button
                      type="button"
                      class="button small"
                      onClick={() => download(files.bindings, json(p.bindings), "application/json")}
                    >
                      {w("downloadBindings", { file: files.bindings })}
                    </button>
                    <button
                      type="button"
                      class="button small"
                      onClick={() => download(files.scenario, json(p.scenario), "application/json")}
                    >
                      {w("downloadScenario", { file: files.scenario })}
                    </button>
                  </div>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </section>
  );
}
