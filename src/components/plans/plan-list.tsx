import { For, Show } from "solid-js";
import type { Plan } from "../../../models/plan.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { PlanCard } from "./plan-card.tsx";

/**
 * The plans on offer, as a list of cards; says so plainly when there are none. (The app shell opens
 * the plan of saved work or of a shared link, through the address.)
 */
export function PlanList(props: {
  plans: readonly Plan[];
  openId: string | null;
  onOpen: (id: string) => void;
}) {
  const { t } = useI18n();
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
