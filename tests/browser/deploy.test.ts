import { execFile } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIST_DIR, type DistServer, isForeign, launchBrowser, serveDist } from "./harness.ts";

/**
 * A deploy while a tab is open, in Chromium: build A (the app in dist/) is served and opened, then the
 * server is switched to build B (built here with another build name, so every chunk has another hash)
 * and the browser notices the new service worker. The open tab, still running A, then opens a plan:
 * its lazily loaded workbench chunk is A's, which the server no longer has, so it must come from A's
 * cache, kept for as long as that tab is open and deleted once it is gone.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const RETROFIT = "jx-x-retrofit-households";

let browser: Browser;
let server: DistServer;
let work: string;
let served: string;
let buildA: string;
let buildB: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "reachable-deploy-"));
  buildA = join(work, "a");
  buildB = join(work, "b");
  await cp(DIST_DIR, buildA, { recursive: true });
  await promisify(execFile)(
    "npx",
    ["vite", "build", "--outDir", buildB, "--emptyOutDir", "--logLevel", "warn"],
    {
      cwd: ROOT,
      env: { ...process.env, REACHABLE_BUILD: "deploy-test-b" },
    },
  );
  served = buildA;
  server = await serveDist(() => served);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const build = (page: Page) => page.evaluate(() => document.documentElement.dataset.build ?? "");
const versionCaches = (page: Page) =>
  page.evaluate(async () => (await caches.keys()).filter((k) => /^reachable-[0-9a-f]+$/.test(k)).sort());

/** Resolves once the page is controlled by a service worker (it has installed and claimed the page). */
async function controlled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise<void>((resolve) =>
      navigator.serviceWorker.addEventListener("controllerchange", () => resolve(), { once: true }),
    );
  });
}

/**
 * The harness's checks on a page of a context of this test's own (routing, as `newPage` does, would
 * bypass the service worker): console errors, uncaught errors, failed requests and, recorded as they are
 * made, requests to other origins.
 */
function watch(page: Page, errors: string[]): void {
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  page.on("requestfailed", (r) => errors.push(`${r.url()}: ${r.failure()?.errorText ?? "failed"}`));
  watchOrigins(page, errors);
}

const watchedContexts = new WeakSet<BrowserContext>();
/** Records every request of `page`'s context (its pages', workers' and service worker's) that leaves the local server. */
function watchOrigins(page: Page, errors: string[]): void {
  const context = page.context();
  if (watchedContexts.has(context)) return;
  watchedContexts.add(context);
  context.on("request", (r) => {
    if (isForeign(r.url())) errors.push(`request to another origin: ${r.url()}`);
  });
}

describe("a deploy while a tab is open", () => {
  it("lets the old tab open a plan from its own build, and frees that build once no tab uses it", async () => {
    // A context of its own: request routing would bypass the service worker this test is about.
    const context: BrowserContext = await browser.newContext({ locale: "en-US", serviceWorkers: "allow" });
    const errors: string[] = [];
    try {
      const old = await context.newPage();
      watch(old, errors);
      await old.goto(server.url);
      await old.getByRole("heading", { level: 1 }).waitFor();
      await controlled(old);
      const a = await build(old);
      const [cacheA] = await versionCaches(old);
      expect(cacheA).toBeDefined();

      // Deploy B, and let the browser find the new service worker (as it does on its own checks).
      served = buildB;
      await old.evaluate(async () => {
        const took = new Promise<void>((resolve) =>
          navigator.serviceWorker.addEventListener("controllerchange", () => resolve(), { once: true }),
        );
        const reg = await navigator.serviceWorker.getRegistration();
        await reg?.update();
        await took;
      });
      expect((await versionCaches(old)).length).toBe(2);

      // The old tab, still build A, opens a plan: A's workbench chunk and the workers work.
      await old
        .getByRole("article")
        .filter({ has: old.getByRole("heading", { name: /嘉兴/ }) })
        .getByRole("button")
        .click();
      await old.locator(`.dashboard-table tr[data-indicator="${RETROFIT}"]`).waitFor();
      await expect
        .poll(() => old.locator(".run-status").textContent(), { timeout: 30_000 })
        .toContain("Probabilities from 2,000 samples");
      expect(await build(old)).toBe(a);
      expect(await old.locator(".error-panel").count()).toBe(0);

      // A tab opened now runs B; A's files stay while the old tab is open.
      const fresh = await context.newPage();
      watch(fresh, errors);
      await fresh.goto(server.url);
      await fresh.getByRole("heading", { level: 1 }).waitFor();
      expect(await build(fresh)).toBe("deploy-test-b");
      expect(await versionCaches(fresh)).toContain(cacheA);

      // Once the old tab is gone, the next page load frees A's cache.
      await old.close();
      await fresh.reload();
      await fresh.getByRole("heading", { level: 1 }).waitFor();
      await expect.poll(() => versionCaches(fresh)).not.toContain(cacheA);
      expect((await versionCaches(fresh)).length).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it("without a service worker, saves, reloads into the new build and says so", async () => {
    served = buildA;
    // No service worker (a first visit, a private window): nothing keeps A's files.
    const context = await browser.newContext({ locale: "en-US", serviceWorkers: "block" });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
      // Not its console errors and failed requests: the old build's chunk failing to load is what this
      // test makes happen (the app then saves and reloads).
      watchOrigins(page, errors);
      await page.goto(server.url);
      await page.getByRole("heading", { level: 1 }).waitFor();
      const a = await build(page);
      expect(a).not.toBe("deploy-test-b");
      served = buildB;
      // Workshop mode is a chunk of its own, which build B does not have under A's name.
      const reloaded = page.waitForEvent("load");
      await page.locator("#workshop-enter-jiaxing-2021-2025").click();
      await reloaded;
      await page.locator(".update-notice").waitFor();
      expect(await build(page)).toBe("deploy-test-b");
      expect(await page.locator(".update-notice").textContent()).toContain("saved your work and reloaded");
      // The new build works: workshop mode opens.
      await page.locator("#workshop-enter-jiaxing-2021-2025").click();
      await page.locator("#ws-heading").waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
