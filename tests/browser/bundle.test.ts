import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIST_DIR } from "./harness.ts";

/** The scripts index.html loads before anything is clicked (as scripts/bench-browser.ts counts them). */
function firstScreenChunks(): string[] {
  const html = readFileSync(join(DIST_DIR, "index.html"), "utf8");
  return [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
}

/** The source files bundled into a chunk, from its source map. */
function sourcesOf(chunk: string): string[] {
  const map = JSON.parse(readFileSync(join(DIST_DIR, `${chunk}.map`), "utf8")) as { sources: string[] };
  return map.sources;
}

describe("the first screen's bundle", () => {
  it("loads no Arquero, no model, no scenario file, no store and no projection service", () => {
    const chunks = firstScreenChunks();
    expect(chunks.length).toBeGreaterThan(0);
    const sources = chunks.flatMap(sourcesOf);
    const offending = sources.filter((s) =>
      /node_modules\/arquero\/|models\/(engine|world|monte-carlo|coverage|population|retrofit|volume|income|employment|subsidy)\.ts|scenarios\/(?!plans\/).*\.json|kernel\/(store|projection|runner)\.ts/.test(
        s,
      ),
    );
    expect(offending).toEqual([]);
  });
});
