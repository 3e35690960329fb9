import { render } from "solid-js/web";
import { App } from "./app.tsx";
import { createI18n, I18nProvider } from "./kernel/i18n.ts";
import { bundledPlans } from "./kernel/plans.ts";
import "./styles.css";

// The app's edge: browser state (storage, languages) and bundled files enter here, validated.
const root = document.getElementById("root");
if (!root) throw new Error("index.html has no element with id 'root'");

// ?selftest exposes the worker-pool self-test to the browser tests; loaded on demand, never in the first bundle.
if (new URLSearchParams(location.search).has("selftest")) {
  void import("./kernel/self-test.ts").then((m) =>
    Object.assign(window, { __reachableSelfTest: m.workerSelfTest }),
  );
}

// Offline: the service worker precaches the build (production only; the dev server has no sw.js).
if (import.meta.env.PROD && "serviceWorker" in navigator) {
  void navigator.serviceWorker.register("./sw.js").catch(() => {
    // Without a service worker the app still works online; nothing to tell the person here.
  });
}

const i18n = createI18n();
const catalogue = bundledPlans();

render(
  () => (
    <I18nProvider i18n={i18n}>
      <App catalogue={catalogue} />
    </I18nProvider>
  ),
  root,
);
