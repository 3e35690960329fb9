import { render } from "solid-js/web";
import { App } from "./app.tsx";
import { createI18n, I18nProvider } from "./kernel/i18n.ts";
import { createPersistence, type Persistence, type StorageProblem } from "./kernel/persistence.ts";
import { bundledPlans } from "./kernel/plans.ts";
import { createProjectionSlot, ProjectionProvider } from "./kernel/projection-context.ts";
import { createSession, type LinkState, SessionProvider } from "./kernel/session.ts";
import { setBeforeUpdateReload, takeUpdateNotice } from "./kernel/update-reload.ts";
import type { Workspace } from "./kernel/workspace.ts";
import "./styles.css";

// The app's edge: browser state (storage, languages, the address) and bundled files enter here, validated.
declare const __APP_BUILD__: string;
document.documentElement.dataset.build = __APP_BUILD__;
const root = document.getElementById("root");
if (!root) throw new Error("index.html has no element with id 'root'");

// ?selftest exposes the worker-pool self-test to the browser tests; loaded on demand, never in the first bundle.
if (new URLSearchParams(location.search).has("selftest")) {
  void import("./kernel/self-test.ts").then((m) => {
    m.trackWorkers();
    Object.assign(window, { __reachableSelfTest: m.workerSelfTest, __reachableKillWorkers: m.killWorkers });
  });
}

// Offline: the service worker precaches the build (production only; the dev server has no sw.js).
if (import.meta.env.PROD && "serviceWorker" in navigator) {
  void navigator.serviceWorker.register("./sw.js").catch(() => {
    // Without a service worker the app still works online; nothing to tell the person here.
  });
}

/** How long startup waits for IndexedDB before going on without saved work (a blocked open never answers). */
const LOAD_TIMEOUT_MS = 3000;

async function loadSaved(): Promise<{
  persistence: Persistence | null;
  workspace: Workspace | null;
  problem: StorageProblem | null;
}> {
  const persistence = createPersistence();
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), LOAD_TIMEOUT_MS));
  const r = await Promise.race([persistence.load(), timeout]);
  if (r === "timeout") {
    // Saving over a record that could not be read might destroy it: work on, but save nothing.
    return {
      persistence: null,
      workspace: null,
      problem: {
        kind: "unavailable",
        message: {
          zh: "本机保存的工作区没有及时打开（可能被另一个标签页占用）。当前的修改不会保存；请关闭其他标签页后刷新，或用“导出工作区”把工作存成文件。",
          en: "The workspace saved in this browser did not open in time (another tab may be holding it). Changes now will not be saved; close other tabs and reload, or use “Export workspace” to keep your work in a file.",
        },
        cause: "timeout",
      },
    };
  }
  if (r.ok) return { persistence, workspace: r.value, problem: null };
  // Unavailable: keep trying to save (it may recover); corrupt: persistence itself refuses to overwrite
  // a record it could not copy aside.
  return { persistence, workspace: null, problem: r.error };
}

/** A scenario in the address (`#s=…`), decoded and validated; the fragment is then taken off the address. */
async function readLink(): Promise<LinkState> {
  if (!/[#&]s=/.test(location.hash)) return { kind: "none" };
  const share = await import("./kernel/share.ts");
  if (!share.hasScenarioLink(location.href)) return { kind: "none" };
  const decoded = share.decodeLink(location.href);
  // A reload must not bring the link back once it was dealt with; saved work carries what was taken in.
  history.replaceState(null, "", location.pathname + location.search);
  if (!decoded.ok) return { kind: "invalid", issues: decoded.error };
  const { scenario, settings } = decoded.value;
  return settings ? { kind: "scenario", scenario, settings } : { kind: "scenario", scenario };
}

async function start(el: HTMLElement): Promise<void> {
  const i18n = createI18n();
  const catalogue = bundledPlans();
  const [saved, link] = await Promise.all([loadSaved(), readLink()]);
  if (saved.workspace) i18n.setLang(saved.workspace.language);
  const session = createSession({
    persistence: saved.persistence,
    initial: saved.workspace,
    loadProblem: saved.problem,
    link,
    updated: takeUpdateNotice(),
    planIds: new Set(catalogue.plans.map((p) => p.id)),
  });
  // A chunk removed by a deploy: save, then reload into the new build (update-reload.ts).
  setBeforeUpdateReload(() => session.flush());
  // A link pasted into this open tab changes only the fragment: read it the same way.
  window.addEventListener("hashchange", () => {
    void readLink().then((l) => {
      if (l.kind !== "none") session.offerLink(l);
    });
  });
  // The one projection service: made by the first screen that runs a model, shared by every screen.
  const projection = createProjectionSlot();
  render(
    () => (
      <I18nProvider i18n={i18n}>
        <SessionProvider session={session}>
          <ProjectionProvider slot={projection}>
            <App catalogue={catalogue} />
          </ProjectionProvider>
        </SessionProvider>
      </I18nProvider>
    ),
    el,
  );
}

void start(root);
