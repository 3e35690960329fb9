import { createMemo, For, Show } from "solid-js";
import { Dynamic } from "solid-js/web";
import { pick } from "../../../models/text.ts";
import { type InputIssue, placeOf } from "../../../models/validation.ts";
import { useI18n } from "../../kernel/i18n.ts";

/** Groups issues by file, keeping the order in which files first appear. */
function byFile(issues: readonly InputIssue[]): { file: string; issues: InputIssue[] }[] {
  const groups = new Map<string, InputIssue[]>();
  for (const issue of issues) {
    const list = groups.get(issue.file);
    if (list) list.push(issue);
    else groups.set(issue.file, [issue]);
  }
  return [...groups].map(([file, list]) => ({ file, issues: list }));
}

/**
 * Problems found in files from outside: per file, a table of where inside it and what is wrong, in the
 * person's language. Renders nothing when there are none.
 */
export function InputIssues(props: {
  issues: readonly InputIssue[];
  headingId: string;
  /** Heading and introduction; default: the plan-file words. */
  heading?: string;
  intro?: string;
  /** Heading level; default 2. */
  level?: 2 | 3 | 4 | 5 | 6;
}) {
  const { lang, t } = useI18n();
  const groups = createMemo(() => byFile(props.issues));
  return (
    <Show when={props.issues.length > 0}>
      <section class="issues" aria-labelledby={props.headingId}>
        <Dynamic component={`h${props.level ?? 2}`} id={props.headingId}>
          {props.heading ?? t("issues.heading")}
        </Dynamic>
        <p>{props.intro ?? t("issues.intro")}</p>
        <For each={groups()}>
          {(group) => (
            <table class="issue-table">
              <caption>
                {t("issues.file")}
                <code>{group.file}</code>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("issues.path")}</th>
                  <th scope="col">{t("issues.message")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={group.issues}>
                  {(issue) => (
                    <tr>
                      <td>
                        {placeOf(issue, lang()) === "" ? (
                          t("issues.wholeFile")
                        ) : (
                          <code>{placeOf(issue, lang())}</code>
                        )}
                      </td>
                      <td>{pick(issue.message, lang())}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          )}
        </For>
      </section>
    </Show>
  );
}
