import { describe, expect, it } from "vitest";
import { useBrowserSuite } from "./suite.ts";

// Each page is checked after its test (no console error, no failed or off-origin request) and closed.
const suite = useBrowserSuite();

describe("offline", () => {
  it("loads and opens a plan with no network after a first visit", async () => {
    // The service worker is what this test is about: requests are recorded, not routed (see newPage).
    const { page, context } = await suite.newPage({ lang: "zh-CN", serviceWorker: true });
    await page.goto(suite.url);
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
  });
});
