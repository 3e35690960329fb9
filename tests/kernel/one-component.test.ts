import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * One component a file: each .tsx under src/components/ defines and exports at most one component (a
 * capitalised function, or a PascalCase const; an UPPER_CASE const is a value). Helpers beside it are fine; re-exports of components defined in
 * other files (verdict.tsx keeps its old imports working) are not definitions and do not count.
 */
const ROOT = join(import.meta.dirname, "../..");

function views(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? views(join(dir, e.name)) : e.name.endsWith(".tsx") ? [join(dir, e.name)] : [],
  );
}

/** The components a source text defines and exports, by name. */
function exportedComponents(source: string): string[] {
  return [
    ...source.matchAll(
      /^export\s+(?:default\s+)?(?:function\s*\*?\s*([A-Z][A-Za-z0-9]*)\b|(?:const|let)\s+([A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)\s*(?::[^=]+)?=)/gm,
    ),
  ].map((m) => (m[1] ?? m[2])!);
}

describe("one component a file", () => {
  it("reads component exports the way the rule means them", () => {
    expect(
      exportedComponents(
        [
          "export function Card(props: P) {}",
          "export default function Page() {}",
          "export const Row = (p: P) => null;",
          "export const Cell: Component<P> = (p) => null;",
          "export function helperText() {}",
          "export const MAX_SAMPLES = 500;",
          "export type Props = {};",
          'export { Badge } from "./badge.tsx";',
          "function Local() {}",
        ].join("\n"),
      ),
    ).toEqual(["Card", "Page", "Row", "Cell"]);
  });

  it("holds for every .tsx under src/components/", () => {
    const crowded = views(join(ROOT, "src/components"))
      .map((file) => ({ at: relative(ROOT, file), names: exportedComponents(readFileSync(file, "utf8")) }))
      .filter((f) => f.names.length > 1)
      .map((f) => `${f.at}: ${f.names.join(", ")}`);
    expect(crowded).toEqual([]);
  });
});
