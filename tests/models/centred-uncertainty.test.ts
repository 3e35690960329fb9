import { describe, expect, it } from "vitest";
import { evaluate } from "../../models/engine.ts";
import { prepare } from "../../models/library.ts";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";

const lib = loadRepositoryLibrary();

function probabilityWith(edits: Record<string, number>, indicatorId: string): number {
  const base = lib.scenarios.get("jiaxing-baseline")!;
  const r = prepare(lib, base, "jiaxing-baseline");
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const { world, scenario } = r.value;
  const values = Float64Array.from(world.pointValues);
  for (const [id, v] of Object.entries(edits)) values[world.assumptionIds.indexOf(id)] = v;
  // Evaluate with the edited point values, as the workbench does after a slider moves.
  const edited = { ...world, pointValues: values };
  const ev = evaluate(edited, {
    samples: 2000,
    seed: 3,
    sampling: "lhs",
    bands: scenario.bands,
    actuals: [],
  });
  return ev.indicators.find((i) => i.id === indicatorId)!.probability!;
}

describe("an uncertain assumption's distribution follows its value", () => {
  it("a higher retrofit cost lowers the probability of 2,500 households, a lower one raises it", () => {
    const base = probabilityWith({}, "jx-x-retrofit-households");
    const dearer = probabilityWith({ "retrofit.cost0": 8000 }, "jx-x-retrofit-households");
    const cheaper = probabilityWith({ "retrofit.cost0": 5000 }, "jx-x-retrofit-households");
    expect(dearer).toBeLessThan(base - 10);
    expect(cheaper).toBeGreaterThan(base + 10);
  });
});
