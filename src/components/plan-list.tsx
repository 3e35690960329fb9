import { createEffect, For, on, Show } from "solid-js";
import type { Plan } from "../../models/plan.ts";
import { useI18n } from "../kernel/i18n.ts";
import { useSession } from "../kernel/session.ts";
import { PlanCard } from "./plan-card.tsx";

/**
 * The plans on offer, as a list of cards; says so plainly when there are none. At startup it reopens
 * the plan that was open when the work was saved, and it opens the plan of a shared link, through
 * the same `onOpen` a click uses.
 */
export function PlanList(props: {
  plans: readonly Plan[];
  openId: string | null;
  onOpen: (id: string) => void;
}) {
  const { t } = useI18n();
  const session = useSession();
  createEffect(
    on(session.requestedPlan, (r) => {
      if (r && r.id !== props.openId && props.plans.some((p) => p.id === r.id)) props.onOpen(r.id);
    }),
  );
  return (
    <Show when={props.plans.length > 0} fallback={<p class="empty">{t("plans.none")}</p>}>
      <ul class="plan-list" aria-label={t("plans.listLabel")}>
        <For each={props.plans}>
          {(plan) => (
            <li>
              <PlanCard plan={plan} open={plan.id === props.openId} onOpen={props.onOpen} />
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
