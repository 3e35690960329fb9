import {
  createEffect,
  createMemo,
  createSignal,
  ErrorBoundary,
  For,
  lazy,
  on,
  onCleanup,
  Show,
  Suspense,
} from "solid-js";
import { type Bilingual, pick } from "../models/text.ts";
import { ImportedPlans } from "./components/plans/imported-plans.tsx";
import { PlanList } from "./components/plans/plan-list.tsx";
import { ErrorPanel } from "./components/shared/error-panel.tsx";
import { InputIssues } from "./components/shared/input-issues.tsx";
import { SiteHeader } from "./components/shared/site-header.tsx";
import { PlanSummary, type WorkbenchRoute } from "./components/workbench/plan-summary.tsx";
import { useI18n } from "./kernel/i18n.ts";
import type { PlanCatalogue } from "./kernel/plans.ts";
import { checkRoute, formatRoute, isRouteHash, PLANS, parseRoute, type Route } from "./kernel/route.ts";
import { useSession } from "./kernel/session.ts";
import { importOrReload } from "./kernel/update-reload.ts";
import { wt } from "./kernel/workshop-text.ts";
import "./workshop.css";

// Workshop mode (its models, Plot and workshop files) loads only when a trainer enters it.
const WorkshopScreen = lazy(() => importOrReload(() => import("./components/workshop/workshop.tsx")));
// "Paste a plan's table" (the parser, the scaffold) loads only when a planner opens it.
const PasteScreen = lazy(() => importOrReload(() => import("./components/plans/paste-plan.tsx")));

/**
 * The app shell: skip link, banner, and the main region with either the plans on offer or one opened
 * plan's workbench, or workshop mode for one plan. Which plan, scenario and indicator are on screen is
 * the address (`kernel/route.ts`): Open pushes it, Back and Forward and a reload follow it, and the
 * workbench keeps it in step with what the person selects. State lives here, above every piece of text,
 * so a language switch re-renders words and nothing else.
 */
export function App(props: { catalogue: PlanCatalogue }) {
  const { lang, t } = useI18n();
  const session = useSession();
  const [pasting, setPasting] = createSignal(false);
  // Shipped plans, then the ones the person imported (saved in the workspace).
  const plans = createMemo(() => [...props.catalogue.plans, ...session.imported().map((p) => p.plan)]);
  /** What a route may name: every plan on offer (shipped or imported) and its indicators. */
  const targets = () => ({
    plans: new Map(plans().map((p) => [p.id, new Set(p.indicators.map((i) => i.id))] as const)),
  });

  /** The route in the address, checked; a route that cannot be followed is the plan list and a message. */
  const readRoute = (): { route: Route; problem: Bilingual | null } => {
    const parsed = parseRoute(location.hash);
    const checked = parsed.ok ? checkRoute(parsed.value, targets()) : parsed;
    return checked.ok ? { route: checked.value, problem: null } : { route: PLANS, problem: checked.error };
  };
  const startHash = location.hash;
  const first = isRouteHash(startHash) ? readRoute() : { route: PLANS, problem: null };
  const [route, setRoute] = createSignal<Route>(first.route, {
    equals: (a, b) => formatRoute(a) === formatRoute(b),
  });
  const [routeProblem, setRouteProblem] = createSignal<Bilingual | null>(first.problem);
  if (first.problem) history.replaceState(history.state, "", formatRoute(PLANS));

  /** Goes to a route: a new history entry, or (`replace`) the current one rewritten. */
  const navigate = (next: Route, replace: boolean): void => {
    const hash = formatRoute(next);
    if (location.hash !== hash) {
      if (replace) history.replaceState(history.state, "", hash);
      else history.pushState(null, "", hash);
    }
    setRoute(next);
  };
  // Back, Forward, an edited address, a link followed inside the app. A share link (`#s=…`) is not a
  // route: main.tsx reads it and the session asks for its plan below.
  const follow = (): void => {
    if (!isRouteHash(location.hash)) {
      // An in-page link (the skip link's #main) did its job; the address goes back to the route.
      if (!/[#&]s=/.test(location.hash)) history.replaceState(history.state, "", formatRoute(route()));
      return;
    }
    const r = readRoute();
    setPasting(false);
    setRouteProblem(r.problem);
    if (r.problem) history.replaceState(history.state, "", formatRoute(PLANS));
    setRoute(r.route);
  };
  window.addEventListener("popstate", follow);
  window.addEventListener("hashchange", follow);
  onCleanup(() => {
    window.removeEventListener("popstate", follow);
    window.removeEventListener("hashchange", follow);
  });

  // The session asks for a plan at startup (saved work, a share link) and when a link arrives. An
  // address the person came with wins at startup.
  let startup = true;
  createEffect(
    on(session.requestedPlan, (r) => {
      const atStart = startup;
      startup = false;
      if (!r || !targets().plans.has(r.id)) return;
      if (atStart && startHash !== "" && startHash !== "#" && isRouteHash(startHash)) return;
      const cur = route();
      if (cur.kind === "plan" && cur.planId === r.id) return;
      navigate({ kind: "plan", planId: r.id, scenarioId: null, indicatorId: null }, atStart);
    }),
  );

  const openId = createMemo(() => {
    const r = route();
    return r.kind === "plan" ? r.planId : null;
  });
  const [workshopId, setWorkshopId] = createSignal<string | null>(null);
  const openPlan = createMemo(() => plans().find((p) => p.id === openId()));
  const workshopPlan = createMemo(() => props.catalogue.plans.find((p) => p.id === workshopId()));
  const wbRoute = createMemo((): WorkbenchRoute => {
    const r = route();
    return r.kind === "plan"
      ? { scenarioId: r.scenarioId, indicatorId: r.indicatorId }
      : { scenarioId: null, indicatorId: null };
  });
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

  // A plan opened (by Open, Back, Forward or a reload): land the person on its heading. Back at the plan
  // list: on the Open button of the plan just left.
  createEffect(
    on(openId, (id, prev) => {
      if (id) {
        summaryHeading?.focus({ preventScroll: true });
        window.scrollTo(0, 0);
      } else if (prev) {
        queueMicrotask(() => document.getElementById(`open-${prev}`)?.focus());
      }
    }),
  );
  document.body.classList.toggle("on-workbench", false);
  createEffect(() =>
    document.body.classList.toggle("on-workbench", openPlan() !== undefined && !workshopPlan()),
  );

  const open = (id: string): void => {
    setPasting(false);
    setRouteProblem(null);
    navigate({ kind: "plan", planId: id, scenarioId: null, indicatorId: null }, false);
  };
  /** The workbench says where it is: filling in a part the address left out rewrites it, a change adds to history. */
  const onWorkbenchRoute = (planId: string, at: WorkbenchRoute): void => {
    const cur = route();
    if (cur.kind !== "plan" || cur.planId !== planId) return;
    const next: Route = { kind: "plan", planId, scenarioId: at.scenarioId, indicatorId: at.indicatorId };
    const fillsIn = cur.scenarioId === null || (cur.scenarioId === at.scenarioId && cur.indicatorId === null);
    navigate(next, fillsIn);
  };
  const onBadRoute = (problem: Bilingual): void => {
    setRouteProblem(problem);
    navigate(PLANS, true);
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
          {/* The open workbench stays mounted while a workshop runs, so leaving it finds the person's
              work exactly as it was. */}
          <div class="plans-view" hidden={workshopPlan() !== undefined || pasting()}>
            <Show when={routeProblem()}>
              {(p) => (
                <div class="route-problem" role="alert">
                  <p>{pick(p(), lang())}</p>
                  <button type="button" class="button small" onClick={() => setRouteProblem(null)}>
                    {t("route.dismiss")}
                  </button>
                </div>
              )}
            </Show>
            <Show when={openPlan() === undefined}>
              <section class="plans" aria-labelledby="plans-heading">
                <h1 id="plans-heading">{t("plans.heading")}</h1>
                <p class="lede">{t("plans.intro")}</p>
                <InputIssues issues={props.catalogue.issues} headingId="plan-issues-heading" />
                <PlanList plans={plans()} openId={null} onOpen={open} />
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
            </Show>
            <Show when={openPlan()} keyed>
              {(plan) => (
                <PlanSummary
                  plan={plan}
                  route={wbRoute()}
                  onRoute={(at) => onWorkbenchRoute(plan.id, at)}
                  onBadRoute={onBadRoute}
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
