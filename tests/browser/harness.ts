/**
 * The browser-test harness every screen's tests use: a headless Chromium, the built app served from
 * `dist/` on a free local port, pages that record console errors and requests to other origins, and an
 * axe check that fails with a readable list. A missing browser or build fails loudly; nothing is skipped.
 */
import { existsSync, readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page, type Request } from "playwright-core";
import type { Lang } from "../../models/text.ts";
import { CONTENT_SECURITY_POLICY } from "../../src/csp.ts";
import { POOL_MEMORY_KEY } from "../../src/kernel/pool-memory.ts";

/** The built app, next to package.json. */
export const DIST_DIR = fileURLToPath(new URL("../../dist/", import.meta.url));

/** Chromium's path: `$CHROMIUM_PATH`, or Debian's `/usr/bin/chromium`. */
/** Issue 12's budget for the first screen's JavaScript, in KB (1,024 bytes) gzipped. */
export const INITIAL_JS_BUDGET_KB = 85;

/**
 * The first screen's JavaScript in a build: the scripts `index.html` loads before anything is clicked
 * (its module script and modulepreload links), each with its size gzipped at zlib's default level, and
 * the total in KB. `npm run bench` reports this figure and `bundle.test.ts` holds it to the budget.
 */
export function initialJs(dir: string = DIST_DIR): {
  chunks: { file: string; gzipBytes: number }[];
  gzipKB: number;
} {
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const files = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const chunks = files.map((file) => ({ file, gzipBytes: gzipSync(readFileSync(join(dir, file))).length }));
  return { chunks, gzipKB: chunks.reduce((acc, c) => acc + c.gzipBytes, 0) / 1024 };
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

/**
 * The Chromium features Playwright 1.65 disables itself (`chromiumSwitches.ts`: its list, in its order).
 * Chromium reads only the last `--disable-features` on the command line, so a launch that disables more
 * must repeat these; `browser-launch.test.ts` fails when Playwright's own list gains a name this lacks.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  "AvoidUnnecessaryBeforeUnloadCheckSync",
  "DestroyProfileOnBrowserClose",
  "HttpsUpgrades",
  "HttpsFirstBalancedModeAutoEnable",
  "LensOverlay",
  "MediaRouter",
  "PaintHolding",
  "ThirdPartyStoragePartitioning",
  "AvoidCorsURLLoaderRestartOnRedirect",
  "TcpPortRandomizationWin",
  "OptimizationHints",
  "NetworkTimeServiceQuerying",
  "AimEnabled",
  "PreconnectToSearch",
  "msForceBrowserSignIn",
  "msEdgeUpdateLaunchServicesPreferredVersion",
] as const;

/**
 * Browser chrome the tests never see. Headless Chromium is the whole browser without a screen, and in
 * Chromium 156 every window that navigates builds the omnibox's popup as a WebUI page in a renderer of
 * its own (`chrome://omnibox-popup.top-chrome`), about 0.8 CPU-s each time a test's page opened the
 * Jiaxing workbench (a trace: `WebUI Top Renderer`); top-chrome WebUI is also preloaded. Neither touches
 * the page under test. Measured on this 2-core machine, opening the workbench in a fresh context took
 * 5.2–6.2 CPU-s with them and 4.2–4.3 without.
 */
export const TEST_DISABLED_FEATURES = ["WebUIOmniboxPopup", "PreloadTopChromeWebUI"] as const;

/** Launches headless Chromium with no background traffic. Throws when the executable is missing. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium was not found at ${executablePath}. Browser tests need it: on Debian/Ubuntu run ` +
        "`apt-get install chromium fonts-noto-cjk` (or `.ci/run`, which installs both), " +
        "or set CHROMIUM_PATH to a Chromium executable.",
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...TEST_DISABLED_FEATURES].join(",")}`,
    ],
  });
}

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/** A running static server for `dist/`. */
export interface DistServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  close: () => Promise<void>;
}

/**
 * Serves `dist/` on 127.0.0.1 at a free port. `/` and any path without a file extension answer with
 * index.html; paths outside `dist/` and missing files answer 404. Throws when the app is not built.
 * Every answer carries the app's Content-Security-Policy header, as `vite preview` sends it, so the
 * model workers run under it too. `dir` may be a function, read on every request, so a test can swap
 * what is served (a new deploy) while pages stay open.
 */
export async function serveDist(dir: string | (() => string) = DIST_DIR): Promise<DistServer> {
  const dirOf = typeof dir === "function" ? dir : () => dir;
  const index = join(dirOf(), "index.html");
  if (!existsSync(index)) {
    throw new Error(
      `${index} is missing: build the app first with \`npm run build\` (\`npm test\` builds before testing).`,
    );
  }
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const d = dirOf();
        const root = normalize(d.endsWith(sep) ? d : d + sep);
        const index = join(root, "index.html");
        const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
        let file = normalize(join(root, pathname));
        if (!file.startsWith(root)) {
          res.writeHead(403).end("forbidden");
          return;
        }
        const isFile = await stat(file).then(
          (s) => s.isFile(),
          () => false,
        );
        if (!isFile) {
          if (extname(pathname) !== "") {
            res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
            return;
          }
          file = index;
        }
        const body = await readFile(file);
        res.writeHead(200, {
          "content-type": MIME[extname(file).toLowerCase()] ?? "application/octet-stream",
          "cache-control": "no-store",
          "content-security-policy": CONTENT_SECURITY_POLICY,
        });
        res.end(req.method === "HEAD" ? undefined : body);
      } catch (e) {
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end(String(e));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** A page with what it recorded while the test ran. */
export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Console messages of type "error" and uncaught page errors. */
  consoleErrors: string[];
  /** Requests to any origin other than the local server; they are aborted so tests stay offline. */
  foreignRequests: string[];
  /**
   * Requests that failed (other than the aborted foreign ones), with the reason; a request aborted by a
   * later navigation of the page (a reload mid-load) is not counted.
   */
  readonly failedRequests: string[];
  close: () => Promise<void>;
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** A request to anywhere but the local server (data:, blob: and about: stay on the page). */
export function isForeign(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === "data:" || u.protocol === "blob:" || u.protocol === "about:") return false;
  return !LOCAL_HOSTS.has(u.hostname);
}

/**
 * Opens a page in a fresh context (empty storage) whose browser locale is `lang`, so the app's language
 * detection sees what a person with that browser would. Any request leaving the machine is recorded and
 * aborted; console errors and failed requests are recorded.
 * Defaults: lang zh-CN, a 1280×900 viewport, and `prefers-reduced-motion: reduce` (no smooth scrolling,
 * so what a test reads right after an action is where it will stay); pass `reducedMotion: false` to
 * test with motion.
 */
export async function newPage(
  browser: Browser,
  options: {
    lang?: Lang;
    viewport?: { width: number; height: number };
    reducedMotion?: boolean;
    /**
     * For a test of the service worker itself: requests are not routed (routing would bypass the
     * service worker), so those to other origins are recorded as they are made instead of aborted.
     */
    serviceWorker?: boolean;
    /**
     * The model pool size the browser remembers measuring, as a returning visitor's does (default 1
     * worker): the pool then starts at that size without timing itself, which takes eight extra Monte
     * Carlo runs and a second worker beside the test's own steps. 0 is the page's own thread, sliced
     * (sliced-runner.ts); `false` remembers nothing, for tests of that measuring.
     */
    poolRemembered?: false | 0 | 1;
  } = {},
): Promise<TestPage> {
  const lang = options.lang ?? "zh-CN";
  const context = await browser.newContext({
    locale: lang === "en" ? "en-US" : "zh-CN",
    viewport: options.viewport ?? { width: 1280, height: 900 },
    reducedMotion: options.reducedMotion === false ? "no-preference" : "reduce",
    // Service workers only where the test is about them: elsewhere the app's worker would precache the
    // whole build in every fresh context (about 20 requests), and its requests would pass the routing
    // that records and aborts requests to other origins.
    serviceWorkers: options.serviceWorker ? "allow" : "block",
  });
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  const failedRequests: string[] = [];
  if (options.serviceWorker) {
    context.on("request", (req) => {
      if (isForeign(req.url())) foreignRequests.push(req.url());
    });
  } else {
    await context.route(
      (url) => isForeign(url.href),
      async (route) => {
        foreignRequests.push(route.request().url());
        await route.abort("blockedbyclient");
      },
    );
  }
  // Playwright's 30 s default is for an idle machine; on a loaded 2-core one (CI beside a second copy)
  // a Monte Carlo answer can take longer. Every wait is still on an event or a condition.
  context.setDefaultTimeout(90_000);
  if (options.poolRemembered !== false)
    await context.addInitScript(rememberPool, { key: POOL_MEMORY_KEY, size: options.poolRemembered ?? 1 });
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => consoleErrors.push(`uncaught: ${err.message}`));
  // A request the page's own navigation cut off (a worker script still loading when the test reloads)
  // is not a failure of the app: an ERR_ABORTED counts only if the page has not navigated since the
  // request began. Judged when read, since the abort is reported before the navigation commits.
  let navigations = 0;
  const startedIn = new WeakMap<Request, number>();
  const aborted: { text: string; generation: number }[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) navigations++;
  });
  page.on("request", (req) => startedIn.set(req, navigations));
  page.on("requestfailed", (req) => {
    if (isForeign(req.url())) return;
    const reason = req.failure()?.errorText ?? "failed";
    const text = `${req.url()}: ${reason}`;
    if (reason === "net::ERR_ABORTED") aborted.push({ text, generation: startedIn.get(req) ?? navigations });
    else failedRequests.push(text);
  });
  return {
    page,
    context,
    consoleErrors,
    foreignRequests,
    get failedRequests() {
      return [...failedRequests, ...aborted.filter((a) => a.generation >= navigations).map((a) => a.text)];
    },
    close: () => context.close(),
  };
}

/**
 * Runs in each page before its scripts: once the app has named its build (`<html data-build>`, set as
 * its module runs, before DOMContentLoaded), stores the pool size `size` as measured fastest on a
 * device (src/kernel/pool-memory.ts's entry under its key; the times are this machine's, 2,000 samples
 * of Jiaxing), unless the browser already holds one. A later run that shows the choice wrong has it measured again.
 */
function rememberPool({ key, size }: { key: string; size: number }): void {
  addEventListener("DOMContentLoaded", () => {
    // Documents of no origin (about:blank, data:) may not touch storage at all: nothing to remember.
    let storage: Storage;
    try {
      storage = localStorage;
      if (storage.getItem(key) !== null) return;
    } catch {
      return;
    }
    storage.setItem(
      key,
      JSON.stringify({
        version: 1,
        build: document.documentElement.dataset.build ?? "",
        maxSize: Math.min(navigator.hardwareConcurrency || 2, 8),
        size,
        samples: 2000,
        // Size 0 (the page's own thread, sliced) is measured fastest only when it is the size asked for.
        medianMs: [
          [0, size === 0 ? 88 : 97],
          [1, 92],
          [2, 107],
        ],
        at: Date.now(),
      }),
    );
  });
}

/**
 * The axe-core source for `AxeBuilder` to inject: its own (undefined) the first time in a document, and
 * a statement that does nothing once axe is there. `AxeBuilder` evaluates its source twice on every
 * `analyze()` in legacy mode (before it looks for `runPartial`, and again in each frame), and evaluating
 * axe-core's 0.6 MB again was about a third of each check on the Jiaxing workbench (2.0–2.6 s with it,
 * 1.1–1.6 s without). Each run still calls `axe.run` afresh, which builds its tree anew.
 */
async function axeSourceFor(page: Page): Promise<string | undefined> {
  const present = await page.evaluate('typeof window.axe?.run === "function"');
  return present ? ";" : undefined;
}

/** The WCAG rule sets every screen is held to. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Runs axe on the page (or within the selectors in `context`) and throws a readable list of every
 * violation: rule id, impact, help text, and the selectors of the offending nodes.
 */
export async function expectNoAxeViolations(page: Page, context?: string | string[]): Promise<void> {
  // Legacy mode runs axe in the page itself: the default mode opens a blank page to merge each frame's
  // partial results, which our pages (no frames) do not need, and which made each check about 3x as
  // long (about 6 s against 2 s on the Jiaxing workbench). Only violations are read, so only they
  // carry their nodes back. `options` first: it replaces the options `withTags` adds to.
  let builder = new AxeBuilder({ page, axeSource: await axeSourceFor(page) })
    .setLegacyMode(true)
    .options({ resultTypes: ["violations"] })
    .withTags(AXE_TAGS);
  for (const selector of typeof context === "string" ? [context] : (context ?? [])) {
    builder = builder.include(selector);
  }
  const { violations } = await builder.analyze();
  await throwViolations(page, violations);
}

/**
 * Throws if a heading skips a level (axe's `heading-order`): a best-practice rule, outside the WCAG tags
 * of {@link expectNoAxeViolations}, that screen-reader users navigating by heading depend on.
 */
export async function expectHeadingOrder(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page, axeSource: await axeSourceFor(page) })
    .setLegacyMode(true)
    .options({ resultTypes: ["violations"] })
    .withRules(["heading-order"])
    .analyze();
  await throwViolations(page, violations);
}

/** A readable list of every violation: rule id, impact, help text, the offending nodes' selectors. */
async function throwViolations(
  page: Page,
  violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"],
): Promise<void> {
  if (violations.length === 0) return;
  const lines = violations.map((v) => {
    const targets = v.nodes.map(
      (n) =>
        `    - ${n.target.join(" ")}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, "\n      ")}` : ""}`,
    );
    return `• ${v.id} [${v.impact ?? "unknown"}]: ${v.help}\n  ${v.helpUrl}\n${targets.join("\n")}`;
  });
  const lang = await page.evaluate(() => document.documentElement.lang);
  throw new Error(
    `${violations.length} axe violation(s) on ${page.url()} (lang=${lang}):\n${lines.join("\n")}`,
  );
}
