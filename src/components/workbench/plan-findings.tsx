import { For, Show } from "solid-js";
import type { Plan } from "../../../models/plan.ts";
import type { FindingSeverity, PlanFinding } from "../../../models/plan-check.ts";
import { pick } from "../../../models/text.ts";
import { useI18n } from "../../kernel/i18n.ts";

const SEVERITY_ICON: Record<FindingSeverity, string> = { error: "✗", warning: "⚠", info: "ℹ" };

/**
 * The plan's internal tensions (checkPlan): shown with the plan, never resolved silently. A disclosure,
 * open when there is an error or a warning, each finding with its severity as icon and word.
 */
export function PlanFindings(props: { plan: Plan; findings: readonly PlanFinding[] }) {
  const { lang, t, tn } = useI18n();
  const serious = () => props.findings.some((f) => f.severity !== "info");
  return (
    <section class="plan-findings" aria-labelledby="findings-heading">
      <details open={serious()}>
        <summary>
          <h3 id="findings-heading" class="inline-heading">
            {t("find.heading")}
          </h3>{" "}
          <span class="badge">{tn("find.count", props.findings.length)}</span>
        </summary>
        <p class="muted small">{t("find.intro")}</p>
        <Show when={props.findings.length > 0} fallback={<p>{t("find.none")}</p>}>
          <ul class="findings">
            <For each={props.findings}>
              {(f) => (
                <li class={`finding finding-${f.severity}`}>
                  <span class={`severity severity-${f.severity}`}>
                    <span aria-hidden="true">{SEVERITY_ICON[f.severity]} </span>
                    {t(`severity.${f.severity}`)}
                  </span>
                  <span lang={lang()}>{pick(f.message, lang())}</span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </details>
    </section>
  );
}
