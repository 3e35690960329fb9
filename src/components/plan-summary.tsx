import type { Plan } from "../../models/plan.ts";
import { useI18n } from "../kernel/i18n.ts";
import { IndicatorTable } from "./indicator-table.tsx";
import { SourceText } from "./source-text.tsx";

/**
 * The opened plan: its title and its indicators as printed. A placeholder for the workbench, which will
 * take this section's place; the heading takes focus when a plan is opened, so keyboard and screen-reader
 * users land on what they asked for.
 */
export function PlanSummary(props: { plan: Plan; headingRef?: (el: HTMLHeadingElement) => void }) {
  const { t } = useI18n();
  return (
    <section class="plan-summary" aria-labelledby="plan-summary-heading">
      <p class="eyebrow">{t("summary.label")}</p>
      <h2 id="plan-summary-heading" tabindex="-1" ref={(el) => props.headingRef?.(el)}>
        <SourceText text={props.plan.title} />
      </h2>
      <p class="muted">{t("summary.later")}</p>
      <IndicatorTable plan={props.plan} />
    </section>
  );
}
