import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadPlans } from "../../src/kernel/plans.ts";

// On the repository's plan files: the claim is the order the shipped catalogue offers them in.
const dir = new URL("../../scenarios/plans/", import.meta.url);
const modules = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => [`../../scenarios/plans/${f}`, JSON.parse(readFileSync(new URL(f, dir), "utf8")) as unknown]),
);

describe("plan catalogue", () => {
  it("offers the plans whose whole table is in first, then the partial ones, each in file order", () => {
    const { plans, issues } = loadPlans(modules);
    expect(issues).toEqual([]);
    const partial = plans.map((p) => p.table?.partial ?? false);
    const firstPartial = partial.indexOf(true);
    expect(firstPartial).toBeGreaterThan(0);
    expect(partial.slice(firstPartial).every(Boolean)).toBe(true);
    expect(plans.map((p) => p.id).slice(0, firstPartial)).toEqual(
      plans
        .filter((p) => !p.table?.partial)
        .map((p) => p.id)
        .sort(),
    );
    expect(plans.slice(0, 2).map((p) => p.id)).toEqual(["huyi-2021-2025", "jiaxing-2021-2025"]);
  });
});
