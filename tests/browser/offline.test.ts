import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DistServer, launchBrowser, serveDist } from "./harness.ts";

let browser: Browser;
let server: DistServer;

beforeAll(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("offline", () => {
  it("loads and opens a plan with no network after a first visit", async () => {
    // A context of its own: request routing would bypass the service worker this test is about.
    const context = await browser.newContext({ locale: "zh-CN", serviceWorkers: "allow" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.getByRole("heading", { level: 1 }).waitFor();
    // The worker has installed (precached the build) and controls the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise<void>((resolve) =>
          navigator.serviceWorker.addEventListener("controllerchange", () => resolve()),
        );
      }
    });
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const cache = await caches.open(keys.find((k) => k.startsWith("reachable-"))!);
      return (await cache.keys()).length;
    });
    expect(cached).toBeGreaterThan(3);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole("heading", { level: 1 }).waitFor();
    await expect(page.getByText(/嘉兴/).first().isVisible()).resolves.toBe(true);
    await expect(page.getByText(/鄠邑/).first().isVisible()).resolves.toBe(true);
    // A lazily loaded part of the app (a plan's screen) also comes from the cache.
    await page.getByRole("button", { name: /嘉兴/ }).first().click();
    await page.getByRole("heading", { level: 2 }).first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
