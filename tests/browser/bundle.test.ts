import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIST_DIR, INITIAL_JS_BUDGET_KB, initialJs } from "./harness.ts";

/** The source files bundled into a chunk, from its source map. */
function sourcesOf(chunk: string): string[] {
  const map = JSON.parse(readFileSync(join(DIST_DIR, `${chunk}.map`), "utf8")) as { sources: string[] };
  return map.sources;
}

describe("the first screen's bundle", () => {
  it("loads no Arquero, no model, no scenario file, no store and no projection service", () => {
    const chunks = initialJs().chunks.map((c) => c.file);
    expect(chunks.length).toBeGreaterThan(0);
    const sources = chunks.flatMap(sourcesOf);
    const offending = sources.filter((s) =>
      /node_modules\/arquero\/|models\/(engine|world|monte-carlo|coverage|population|retrofit|volume|income|employment|subsidy)\.ts|scenarios\/(?!plans\/).*\.json|kernel\/(store|projection|runner)\.ts/.test(
        s,
      ),
    );
    expect(offending).toEqual([]);
  });

  it(`stays within ${INITIAL_JS_BUDGET_KB} KB of JavaScript gzipped`, () => {
    const first = initialJs();
    const sizes = first.chunks.map((c) => `${c.file} ${(c.gzipBytes / 1024).toFixed(1)} KB`).join(", ");
    expect(
      first.gzipKB,
      `first screen: ${first.gzipKB.toFixed(1)} KB gzipped (${sizes})`,
    ).toBeLessThanOrEqual(INITIAL_JS_BUDGET_KB);
  });

  it("loads zod's tree-shakable API, not classic zod (whose schemas carry JSON Schema conversion)", () => {
    const sources = initialJs().chunks.flatMap((c) => sourcesOf(c.file));
    expect(sources.some((s) => s.includes("node_modules/zod/v4/mini/"))).toBe(true);
    expect(
      sources.filter((s) => /node_modules\/zod\/v4\/(classic\/|core\/(to-json-schema|json-schema))/.test(s)),
    ).toEqual([]);
  });
});
