import { Show } from "solid-js";
import type { Status } from "../../../models/feasibility.ts";
import { useI18n } from "../../kernel/i18n.ts";

const STATUS_SHAPE: Record<Status, string> = { "on-track": "●", "at-risk": "▲", "off-track": "■" };

/** The status band as shape and word; "computing" while the Monte Carlo run has not answered. */
export function StatusBadge(props: { status: Status | null }) {
  const { t } = useI18n();
  return (
    <Show
      when={props.status}
      fallback={
        <span class="status status-pending">
          <span aria-hidden="true">…</span> {t("status.pending")}
        </span>
      }
    >
      {(s) => (
        <span class={`status status-${s()}`}>
          <span class="status-shape" aria-hidden="true">
            {STATUS_SHAPE[s()]}
          </span>
          {t(`status.${s()}`)}
        </span>
      )}
    </Show>
  );
}
