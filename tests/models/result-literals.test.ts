import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * One Result module: a success or failure is made with `ok`, `err`, `refuse` or `fail` from
 * `models/result.ts` and typed as its `Result`, never written out as an `{ ok: true, … }` or
 * `{ ok: false, … }` object (or type) anywhere else in the app, the models or the scripts.
 */
const ROOT = join(import.meta.dirname, "../..");
const SCANNED = ["src", "models", "scripts"];
const HOME = "models/result.ts";

/**
 * Files that may still write the flag, each with why. check-plan's per-file report is the CLI's
 * `--json` output (`{ file, ok, plan, findings }` or `{ file, ok, issues }`), a documented format
 * rather than a Result; making it one would change what the command prints.
 */
const EXCEPTIONS: Record<string, string> = {
  "scripts/check-plan.ts": "the --json report format of npm run check-plan",
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.(ts|tsx|mjs)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** The 1-based lines of `source` that write `ok: true` or `ok: false` (a value or a type). */
function literalLines(source: string): number[] {
  return source.split("\n").flatMap((line, i) => (/\bok\s*:\s*(?:true|false)\b/.test(line) ? [i + 1] : []));
}

describe("results are made only by models/result.ts", () => {
  it("finds a literal result written as a value or as a type, and nothing else", () => {
    expect(literalLines('return { ok: false, error: "x" };\nconst r = ok(1);\nif (r.ok) {}')).toEqual([1]);
    expect(literalLines("type R = { ok: true; value: number }\nconst b = { looks_ok: 1 };")).toEqual([1]);
    expect(literalLines("const x = {\n  ok:true,\n  value,\n};")).toEqual([2]);
    expect(literalLines("const broken = r.ok === true;")).toEqual([]);
  });

  it("holds in src/, models/ and scripts/", () => {
    const offending: string[] = [];
    for (const top of SCANNED) {
      for (const file of sources(join(ROOT, top))) {
        const at = relative(ROOT, file);
        if (at === HOME || at in EXCEPTIONS) continue;
        for (const line of literalLines(readFileSync(file, "utf8"))) offending.push(`${at}:${line}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("lists no exception that no longer needs to be one", () => {
    for (const at of Object.keys(EXCEPTIONS))
      expect(literalLines(readFileSync(join(ROOT, at), "utf8")).length, at).toBeGreaterThan(0);
  });

  it("keeps one copy of each helper: no other module defines a function ok, err or fail", () => {
    const copies: string[] = [];
    for (const top of SCANNED) {
      for (const file of sources(join(ROOT, top))) {
        const at = relative(ROOT, file);
        if (at === HOME) continue;
        const src = readFileSync(file, "utf8");
        for (const m of src.matchAll(/^(?:export\s+)?function\s+(ok|err|fail)\s*[<(]/gm))
          copies.push(`${at}: ${m[1]}`);
      }
    }
    expect(copies).toEqual([]);
  });
});
