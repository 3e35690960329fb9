import { createEffect, createMemo, createSignal, ErrorBoundary, Show } from "solid-js";
import { pick } from "../models/text.ts";
import { ErrorPanel } from "./components/error-panel.tsx";
import { InputIssues } from "./components/input-issues.tsx";
import { PlanList } from "./components/plan-list.tsx";
import { PlanSummary } from "./components/plan-summary.tsx";
import { SiteHeader } from "./components/site-header.tsx";
import { useI18n } from "./kernel/i18n.ts";
import type { PlanCatalogue } from "./kernel/plans.ts";

/**
 * The app shell: skip link, banner, and the main region with the plans on offer and the opened plan.
 * State lives here, above every piece of text, so a language switch re-renders words and nothing else.
 */
export function App(props: { catalogue: PlanCatalogue }) {
  const { lang, t } = useI18n();
  const [openId, setOpenId] = createSignal<string | null>(null);
  const openPlan = createMemo(() => props.catalogue.plans.find((p) => p.id === openId()));
  let summaryHeading: HTMLHeadingElement | undefined;

  createEffect(() => {
    const plan = openPlan();
    document.title = plan
      ? t("app.documentTitleWithPlan", { plan: pick(plan.title, lang()) })
      : t("app.documentTitle");
  });

  const open = (id: string): void => {
    setOpenId(id);
    // The summary renders synchronously on the signal change; move focus there so the person lands on it.
    summaryHeading?.focus();
    summaryHeading?.scrollIntoView({ block: "start" });
  };

  return (
    <>
      <a class="skip-link" href="#main">
        {t("skip.toMain")}
      </a>
      <SiteHeader />
      <main
        id="main"
        tabindex="-1"
        class="container"
        classList={{ "container-wide": openPlan() !== undefined }}
      >
        <ErrorBoundary fallback={(err) => <ErrorPanel error={err} />}>
          <section class="plans" aria-labelledby="plans-heading">
            <h1 id="plans-heading">{t("plans.heading")}</h1>
            <p class="lede">{t("plans.intro")}</p>
            <InputIssues issues={props.catalogue.issues} headingId="plan-issues-heading" />
            <PlanList plans={props.catalogue.plans} openId={openId()} onOpen={open} />
          </section>
          <Show when={openPlan()}>
            {(plan) => (
              <PlanSummary
                plan={plan()}
                headingRef={(el) => {
                  summaryHeading = el;
                }}
              />
            )}
          </Show>
        </ErrorBoundary>
      </main>
      <footer class="site-footer">
        <div class="container">
          <p>{t("footer.note")}</p>
        </div>
      </footer>
    </>
  );
}
