import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoAxeViolations,
  launchBrowser,
  PLAYWRIGHT_DISABLED_FEATURES,
  TEST_DISABLED_FEATURES,
} from "./harness.ts";

/**
 * The harness itself, where it does more than call its libraries. The test browser's launch repeats
 * Playwright's own `--disable-features` list (Chromium reads only the last one) and adds the browser
 * chrome no test sees: if a Playwright upgrade disables a feature the copy lacks, the copy would
 * silently switch it back on, and this fails instead. The axe check injects axe-core once a document:
 * a later check in the same document must still find what is there.
 */

/** Playwright's `disabledFeatures` array, read from the installed playwright-core's source. */
function playwrightDisabledFeatures(): string[] {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve("playwright-core/package.json"));
  const bundle = readFileSync(join(root, "lib", "coreBundle.js"), "utf8");
  const list = /disabledFeatures = \[([\s\S]*?)\]\.filter\(Boolean\)/.exec(bundle);
  if (!list) throw new Error("playwright-core's disabledFeatures list was not found in lib/coreBundle.js");
  return [...list[1]!.replace(/\/\/[^\n]*/g, "").matchAll(/"([A-Za-z0-9]+)"/g)].map((m) => m[1]!);
}

describe("the test browser's launch", () => {
  it("keeps every feature Playwright disables, and disables the browser chrome no test sees", () => {
    const theirs = playwrightDisabledFeatures();
    expect(theirs.length).toBeGreaterThan(5);
    expect(theirs.filter((f) => !(PLAYWRIGHT_DISABLED_FEATURES as readonly string[]).includes(f))).toEqual(
      [],
    );
    expect(TEST_DISABLED_FEATURES).toContain("WebUIOmniboxPopup");
  });
});

describe("the harness's axe check", () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("finds a violation in a document it has checked before, and again in a new document", async () => {
    const context = await browser!.newContext();
    const page = await context.newPage();
    await page.setContent('<html lang="en"><title>t</title><main><h1>t</h1><p>fine</p></main></html>');
    await expectNoAxeViolations(page);
    // The same document, axe already injected: a field with no label is a violation.
    await page.evaluate(() => document.querySelector("main")!.append(document.createElement("input")));
    await expect(expectNoAxeViolations(page)).rejects.toThrow(/label/);
    // A new document: axe is injected again and still judges it.
    await page.setContent('<html lang="en"><title>t</title><main><h1>t</h1><input></main></html>');
    await expect(expectNoAxeViolations(page)).rejects.toThrow(/label/);
    await context.close();
  });
});
