import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/** No module of the app or the models imports itself back through others (type-only imports aside). */
const ROOT = join(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Cycles of value imports (`import type` and `export type` are erased, so they cannot make one). */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (n: string): void => {
    state.set(n, 1);
    stack.push(n);
    for (const d of graph.get(n) ?? []) {
      if (state.get(d) === 1) found.push([...stack.slice(stack.indexOf(d)), d]);
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return found;
}

describe("module imports", () => {
  it("finds a cycle when there is one", () => {
    const g = new Map([
      ["a", ["b"]],
      ["b", ["a"]],
      ["c", []],
    ]);
    expect(cyclesOf(g)).toEqual([["a", "b", "a"]]);
  });

  it("form no circle in src/ and models/", () => {
    const graph = new Map<string, string[]>();
    for (const f of [...sources(join(ROOT, "src")), ...sources(join(ROOT, "models"))]) {
      const deps: string[] = [];
      for (const m of readFileSync(f, "utf8").matchAll(
        /^(?:import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["'](\.[^"']+)["']/gm,
      )) {
        const target = resolve(dirname(f), m[2]!);
        if (!m[1] && existsSync(target)) deps.push(target);
      }
      graph.set(f, deps);
    }
    expect(cyclesOf(graph).map((c) => c.map((f) => relative(ROOT, f)).join(" → "))).toEqual([]);
  });
});
