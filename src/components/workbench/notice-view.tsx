import { Show } from "solid-js";
import type { InputIssue } from "../../../models/validation.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { InputIssues } from "../shared/input-issues.tsx";

/** What the last action in the panel came to: a confirmation, or the problems of a refused file. */
export type PanelNotice =
  | { kind: "ok"; text: string }
  | { kind: "issues"; heading: string; issues: InputIssue[] };

/** Shows a {@link PanelNotice}: a polite status for success, an alert listing every problem otherwise. */
export function NoticeView(props: { notice: PanelNotice | null; id: string }) {
  const { t } = useI18n();
  return (
    <>
      <p class="note-ok" role="status" aria-live="polite">
        {props.notice?.kind === "ok" ? props.notice.text : ""}
      </p>
      <div role="alert" class="import-problems">
        <Show when={props.notice?.kind === "issues" ? props.notice : undefined}>
          {(n) => (
            <InputIssues
              issues={n().issues}
              headingId={`${props.id}-heading`}
              heading={n().heading}
              intro={t("files.nothingChanged")}
              level={4}
            />
          )}
        </Show>
      </div>
    </>
  );
}
