import { ErrorBoundary, lazy, Suspense } from "solid-js";
import type { Plan } from "../../../models/plan.ts";
import { type Bilingual, pick } from "../../../models/text.ts";
import { formatYear } from "../../kernel/format.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { formatRoute, PLANS } from "../../kernel/route.ts";
import { importOrReload } from "../../kernel/update-reload.ts";
import { ErrorPanel } from "../shared/error-panel.tsx";
import { SourceText } from "../shared/source-text.tsx";

// The workbench, its models and Plot load only when a plan is opened, so the first screen stays small.
// A deploy may have removed this build's chunk from the server: see update-reload.ts.
const Workbench = lazy(() => importOrReload(() => import("./workbench.tsx")));

/** The part of the address the workbench follows and keeps up to date (null: not given). */
export interface WorkbenchRoute {
  scenarioId: string | null;
  indicatorId: string | null;
}

/**
 * The opened plan: a way back to the plan list, its title (which takes focus when the plan is opened,
 * so keyboard and screen-reader users land on what they asked for), where and when it applies, and the
 * workbench.
 */
export function PlanSummary(props: {
  plan: Plan;
  route: WorkbenchRoute;
  onRoute: (at: WorkbenchRoute) => void;
  onBadRoute: (problem: Bilingual) => void;
  headingRef?: (el: HTMLHeadingElement) => void;
}) {
  const { lang, t } = useI18n();
  return (
    <section class="plan-summary" aria-labelledby="plan-summary-heading">
      <div class="plan-bar">
        <a class="back-link" href={formatRoute(PLANS)}>
          <span aria-hidden="true">← </span>
          {t("route.allPlans")}
        </a>
        <h1 id="plan-summary-heading" tabindex="-1" ref={(el) => props.headingRef?.(el)}>
          <SourceText text={props.plan.title} />
        </h1>
        <p class="muted plan-bar-facts">
          {pick(props.plan.region, lang())} ·{" "}
          {t("plan.periodValue", {
            from: formatYear(props.plan.period.from),
            to: formatYear(props.plan.period.to),
          })}{" "}
          · {t("plan.baselineYear")} {formatYear(props.plan.baselineYear)}
        </p>
      </div>
      <ErrorBoundary fallback={(err) => <ErrorPanel error={err} />}>
        <Suspense fallback={<p role="status">{t("wb.loading")}</p>}>
          <Workbench
            plan={props.plan}
            route={props.route}
            onRoute={props.onRoute}
            onBadRoute={props.onBadRoute}
          />
        </Suspense>
      </ErrorBoundary>
    </section>
  );
}
