import { createEffect, createMemo, createSignal, ErrorBoundary, For, lazy, Show, Suspense } from "solid-js";
import { pick } from "../models/text.ts";
import { ErrorPanel } from "./components/error-panel.tsx";
import { ImportedPlans } from "./components/imported-plans.tsx";
import { InputIssues } from "./components/input-issues.tsx";
import { PlanList } from "./components/plan-list.tsx";
import { PlanSummary } from "./components/plan-summary.tsx";
import { SiteHeader } from "./components/site-header.tsx";
import { useI18n } from "./kernel/i18n.ts";
import type { PlanCatalogue } from "./kernel/plans.ts";
import { useSession } from "./kernel/session.ts";
import { importOrReload } from "./kernel/update-reload.ts";
import { wt } from "./kernel/workshop-text.ts";
import "./workshop.css";

// Workshop mode (its models, Plot and workshop files) loads only when a trainer enters it.
const WorkshopScreen = lazy(() => importOrReload(() => import("./components/workshop.tsx")));
// "Paste a plan's table" (the parser, the scaffold) loads only when a planner opens it.
const PasteScreen = lazy(() => importOrReload(() => import("./components/paste-plan.tsx")));

/**
 * The app shell: skip link, banner, and the main region with the plans on offer and the opened plan, or
 * workshop mode for one plan. State lives here, above every piece of text, so a language switch
 * re-renders words and nothing else.
 */
export function App(props: { catalogue: PlanCatalogue }) {
  const { lang, t } = useI18n();
  const session = useSession();
  const [openId, setOpenId] = createSignal<string | null>(null);
  const [workshopId, setWorkshopId] = createSignal<string | null>(null);
  const [pasting, setPasting] = createSignal(false);
  // Shipped plans, then the ones the person imported (saved in the workspace).
  const plans = createMemo(() => [...props.catalogue.plans, ...session.imported().map((p) => p.plan)]);
  const openPlan = createMemo(() => plans().find((p) => p.id === openId()));
  const workshopPlan = createMemo(() => props.catalogue.plans.find((p) => p.id === workshopId()));
  let summaryHeading: HTMLHeadingElement | undefined;
  let workshopHeading: HTMLHeadingElement | undefined;

  createEffect(() => {
    // Workshop mode sets its own title.
    if (workshopPlan()) return;
    const plan = openPlan();
    document.title = plan
      ? t("app.documentTitleWithPlan", { plan: pick(plan.title, lang()) })
      : t("app.documentTitle");
  });

  const open = (id: string): void => {
    setPasting(false);
    setOpenId(id);
    // The summary renders synchronously on the signal change; move focus there so the person lands on it.
    summaryHeading?.focus();
    summaryHeading?.scrollIntoView({ block: "start" });
  };

  const enterWorkshop = (id: string): void => {
    workshopHeading = undefined;
    setWorkshopId(id);
    window.scrollTo(0, 0);
  };
  const exitWorkshop = (): void => {
    const id = workshopId();
    setWorkshopId(null);
    // Back where the trainer came from: the button that entered workshop mode.
    queueMicrotask(() => document.getElementById(`workshop-enter-${id}`)?.focus());
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
        classList={{ "container-wide": openPlan() !== undefined || workshopPlan() !== undefined }}
      >
        <ErrorBoundary fallback={(err) => <ErrorPanel error={err} />}>
          {/* The plans and the open workbench stay mounted while a workshop runs, so leaving it finds
              the person's work exactly as it was. */}
          <div class="plans-view" hidden={workshopPlan() !== undefined || pasting()}>
            <section class="plans" aria-labelledby="plans-heading">
              <h1 id="plans-heading">{t("plans.heading")}</h1>
              <p class="lede">{t("plans.intro")}</p>
              <InputIssues issues={props.catalogue.issues} headingId="plan-issues-heading" />
              <PlanList plans={plans()} openId={openId()} onOpen={open} />
              <ImportedPlans onPaste={() => setPasting(true)} />
              <Show when={props.catalogue.plans.length > 0}>
                <section class="workshop-entry" aria-labelledby="workshop-entry-heading">
                  <h2 id="workshop-entry-heading">{wt(lang(), "entryHeading")}</h2>
                  <p>{wt(lang(), "entryIntro")}</p>
                  <ul class="workshop-entry-list">
                    <For each={props.catalogue.plans}>
                      {(plan) => (
                        <li>
                          <button
                            type="button"
                            class="button"
                            id={`workshop-enter-${plan.id}`}
                            onClick={() => enterWorkshop(plan.id)}
                          >
                            {wt(lang(), "entryButton", { plan: pick(plan.title, lang()) })}
                          </button>
                        </li>
                      )}
                    </For>
                  </ul>
                </section>
              </Show>
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
          </div>
          <Show when={pasting()}>
            <Suspense fallback={<p role="status">{t("wb.loading")}</p>}>
              <PasteScreen
                onCreated={open}
                onBack={() => {
                  setPasting(false);
                  queueMicrotask(() => document.getElementById("paste-plan-entry")?.focus());
                }}
                headingRef={(el) => queueMicrotask(() => el.focus())}
              />
            </Suspense>
          </Show>
          <Show when={workshopPlan()}>
            {(plan) => (
              <Suspense fallback={<p role="status">{wt(lang(), "loading")}</p>}>
                <WorkshopScreen
                  plan={plan()}
                  onExit={exitWorkshop}
                  headingRef={(el) => {
                    // The screen has loaded: land the trainer on its heading.
                    if (workshopHeading !== el) {
                      workshopHeading = el;
                      queueMicrotask(() => el.focus());
                    }
                  }}
                />
              </Suspense>
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
