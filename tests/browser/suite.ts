import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { type DistServer, launchBrowser, newPage, serveDist, type TestPage } from "./harness.ts";

/**
 * The lifecycle every browser test file shares: one server for the built app (or another built page,
 * `dist`) and one Chromium per file;
 * after each test, every page it opened is checked — no console errors, nothing fetched from another
 * origin, no failed request — and closed. Call once at the top of a test file.
 */
export function useBrowserSuite(
  options: {
    /** The directory served, or a function naming it once it is built; default the app's dist/. */
    dist?: string | (() => string);
  } = {},
): {
  /** Opens a page in a fresh context (see `newPage`), checked and closed after the test. */
  newPage(options?: Parameters<typeof newPage>[1]): Promise<TestPage>;
  /** The served app's address. */
  readonly url: string;
} {
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  let server: DistServer | undefined;
  const opened: TestPage[] = [];
  beforeAll(async () => {
    server = await serveDist(options.dist);
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const p of opened.splice(0)) {
      expect(p.consoleErrors, "console errors").toEqual([]);
      expect(p.foreignRequests, "requests to other origins").toEqual([]);
      expect(p.failedRequests, "failed requests").toEqual([]);
      await p.close();
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    async newPage(options) {
      if (!browser)
        throw new Error("the browser suite has not started (call useBrowserSuite at the top level)");
      const tp = await newPage(browser, options);
      opened.push(tp);
      return tp;
    },
    get url() {
      if (!server) throw new Error("the browser suite has not started");
      return server.url;
    },
  };
}
