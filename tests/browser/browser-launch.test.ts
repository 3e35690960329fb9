import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { PLAYWRIGHT_DISABLED_FEATURES, TEST_DISABLED_FEATURES } from "./harness.ts";

/**
 * The test browser's launch: the harness repeats Playwright's own `--disable-features` list (Chromium
 * reads only the last one) and adds the browser chrome no test sees. If a Playwright upgrade disables a
 * feature the copy lacks, the copy would silently switch it back on; this fails instead.
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
