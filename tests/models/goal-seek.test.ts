import { describe, expect, it } from "vitest";
import { anchorsOf } from "../../models/engine.ts";
import { baselineOf, type Library, prepare } from "../../models/library.ts";
import { paramText } from "../../models/model.ts";
import { type Override, parseScenario, type ScenarioFile } from "../../models/scenario.ts";
import { goalSeek } from "../../models/sensitivity.ts";
import type { World } from "../../models/world.ts";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";
import { expectOk } from "../expect-result.ts";

/** Goal seek says what binds, in units a person reads, and searches years as years. */

const PLAN = "jiaxing-2021-2025";
const HOUSEHOLDS = "jx-x-retrofit-households";
const lib: Library = loadRepositoryLibrary();
const baseline = baselineOf(lib, PLAN)!;

function worldWith(overrides: Record<string, Override>): World {
  const r = parseScenario(
    {
      schemaVersion: 1,
      id: "test-gs",
      planId: PLAN,
      name: { zh: "测试", en: "Test" },
      extends: baseline.id,
      overrides,
    },
    "test",
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const p = prepare(lib, r.value as ScenarioFile, "test");
  if (!p.ok) throw new Error(p.error.map((i) => `${i.path}: ${i.message.en}`).join("\n"));
  return p.value.world;
}

describe("paramText", () => {
  it("groups digits and writes the unit in both languages; a year at or below 0 is never", () => {
    expect(paramText(20_000_000, "yuan-per-year")).toEqual({
      zh: "2,000万元/年",
      en: "20,000,000 yuan a year",
    });
    expect(paramText(2.5, "percent-per-year")).toEqual({ zh: "2.5%/年", en: "2.5% a year" });
    expect(paramText(-3, "percent-per-year").en).toBe("\u22123% a year");
    expect(paramText(2023, "year")).toEqual({ zh: "2023", en: "2023" });
    expect(paramText(0, "year")).toEqual({ zh: "从不", en: "never" });
  });
});

describe("goal seek names what caps the target", () => {
  // Capacity pinned low with no uncertainty: no budget can retrofit more than 5 × 300 = 1,500 homes.
  const world = worldWith({ "retrofit.capacity1": { value: 300, uncertainty: null } });

  it("a budget lever that cannot lift the probability names the capacity, with grouped amounts and units", () => {
    const r = goalSeek(world, anchorsOf(world, []), {
      indicatorId: HOUSEHOLDS,
      lever: "retrofit.budget1",
      probability: 80,
      samples: 300,
      seed: 3,
      sampling: "random",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(["unreachable", "not-a-driver"]).toContain(r.error.reason);
    const a = baseline.assumptions!["retrofit.budget1"]!;
    expect(r.error.message.en).toContain(paramText(a.max, "yuan-per-year").en);
    expect(r.error.message.en).not.toMatch(/\d{7}/); // never "20000000"
    expect(r.error.message.en).toMatch(/what caps it is "[^"]*capacity[^"]*".* change it as well/);
    expect(r.error.message.zh).toMatch(/限制它的是“.*能力”/);
  });
});

describe("a year lever is searched over the plan's years", () => {
  const world = worldWith({});
  it("the grid holds whole years (and the range's 'never' end), and the answer is one of them", () => {
    const id = world.indicators.find((b) => b.assumptions.includes("living.wideningYear"))!.indicator.id;
    const r = goalSeek(world, anchorsOf(world, []), {
      indicatorId: id,
      lever: "living.wideningYear",
      probability: 50,
      samples: 200,
      seed: 5,
      sampling: "random",
    });
    const grid = r.ok ? r.value.grid : r.error.grid;
    expect(grid.length).toBeGreaterThan(2);
    for (const g of grid) expect(Number.isInteger(g.value)).toBe(true);
    for (const g of grid.slice(1)) {
      expect(g.value).toBeGreaterThanOrEqual(world.span.start);
      expect(g.value).toBeLessThanOrEqual(world.plan.targetYear);
    }
    expect(grid.map((g) => g.value)).toContain(expectOk(r).value);
  });
});
