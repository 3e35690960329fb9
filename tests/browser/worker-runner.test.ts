import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DistServer, launchBrowser, newPage, serveDist } from "./harness.ts";

/**
 * The worker pool in the built app, in Chromium: `?selftest` exposes `window.__reachableSelfTest`, which
 * evaluates the Jiaxing baseline with a pool of two real module workers and on the main thread. The two
 * must agree number for number (the replacement of crashed or hung workers is tested in node, in
 * tests/kernel/worker-runner.test.ts, with fake members).
 */

interface SelfTestResult {
  equal: boolean;
  ms: number;
  inlineMs: number;
  coldMs: number;
  probabilities: number[];
  samples: number;
  workers: number;
  error?: string;
}

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

describe("worker runner in the browser", () => {
  it("a pool of two workers gives exactly the inline evaluation of the Jiaxing baseline", async () => {
    const tp = await newPage(browser, { lang: "en" });
    try {
      await tp.page.goto(`${server.url}?selftest`);
      await tp.page
        .waitForFunction(() => "__reachableSelfTest" in window, undefined, { timeout: 15_000 })
        .catch(() => {
          throw new Error(
            "window.__reachableSelfTest never appeared at ?selftest: src/main.tsx must install it from src/kernel/self-test.ts",
          );
        });
      const r = await tp.page.evaluate(() => {
        const run = (window as unknown as { __reachableSelfTest: () => Promise<SelfTestResult> })
          .__reachableSelfTest;
        return run();
      });
      expect(r.error).toBeUndefined();
      expect(r.samples).toBe(2000);
      expect(r.workers).toBe(2);
      expect(r.probabilities.length).toBeGreaterThan(0);
      for (const p of r.probabilities) {
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(100);
      }
      expect(r.equal).toBe(true);
      expect(tp.consoleErrors, "console errors").toEqual([]);
      expect(tp.failedRequests, "failed requests").toEqual([]);
      expect(tp.foreignRequests, "requests to other origins").toEqual([]);
    } finally {
      await tp.close();
    }
  });
});
