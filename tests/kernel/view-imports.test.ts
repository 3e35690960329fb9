import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Views run no model and resolve no scenario: from `models/` they import only types and the pure
 * text helpers named here. Everything else reaches them through the kernel (the store, the
 * projection service, workbench-runs.ts, paste-plan.ts). No file is an exception.
 */
const ALLOWED: Record<string, readonly string[]> = {
  "models/text.ts": ["pick", "LANGS", "sourceText"],
  "models/validation.ts": ["placeOf"],
  "models/feasibility.ts": ["displayDecimals"],
  // The choices a plan field offers (lists of words), for the paste review's selects.
  "models/plan.ts": ["ATTRIBUTES", "LEVELS", "MEASURES", "UNITS", "prefixOf"],
};

const ROOT = join(import.meta.dirname, "../..");
const COMPONENTS = join(ROOT, "src/components");

function viewFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? viewFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Value imports from `models/` in a source text: module and names (`type` names left out). */
function modelValueImports(source: string): { module: string; names: string[] }[] {
  const out: { module: string; names: string[] }[] = [];
  for (const m of source.matchAll(/import\s+(type\s+)?([^;]*?)\s+from\s+"((?:\.\.\/)+models\/[^"]+)"/g)) {
    if (m[1]) continue;
    const clause = m[2]!;
    const names = [...(clause.match(/\{([^}]*)\}/)?.[1] ?? "").split(",")]
      .map((n) => n.trim())
      .filter((n) => n && !n.startsWith("type "))
      .map((n) => n.split(/\s+as\s+/)[0]!);
    // A default or namespace import is a value import of the whole module.
    const whole = clause
      .replace(/\{[^}]*\}/, "")
      .replace(/,/g, "")
      .trim();
    if (whole) names.push(whole);
    if (names.length > 0) out.push({ module: `models/${m[3]!.split("models/")[1]}`, names });
  }
  return out;
}

describe("views import from models/ only types and pure text helpers", () => {
  it("reads value imports the way the rule means them", () => {
    expect(
      modelValueImports(
        'import type { A } from "../../models/a.ts";\nimport { type B, pick } from "../../models/text.ts";\nimport * as E from "../../models/engine.ts";',
      ),
    ).toEqual([
      { module: "models/text.ts", names: ["pick"] },
      { module: "models/engine.ts", names: ["* as E"] },
    ]);
  });

  it("holds for every file under src/components/", () => {
    const offending: string[] = [];
    for (const file of viewFiles(COMPONENTS)) {
      for (const { module, names } of modelValueImports(readFileSync(file, "utf8"))) {
        const at = relative(ROOT, file);
        for (const n of names)
          if (!ALLOWED[module]?.includes(n)) offending.push(`${at}: ${n} from ${module}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
