import { describe, expect, it } from "vitest";
import { parseBindings } from "../../models/bindings.ts";
import { anchorsOf } from "../../models/engine.ts";
import { baselineOf, type Library, prepare } from "../../models/library.ts";
import { sampleSlice } from "../../models/monte-carlo.ts";
import { parsePlan } from "../../models/plan.ts";
import {
  type Assumption,
  type Override,
  parseScenario,
  resolveScenario,
  type ScenarioFile,
} from "../../models/scenario.ts";
import { type GoalSeekRequest, goalSeek, tornadoes } from "../../models/sensitivity.ts";
import { compileWorld, type World } from "../../models/world.ts";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";

const PLAN = "jiaxing-2021-2025";
const HOUSEHOLDS = "jx-x-retrofit-households"; // cumulative retrofits 2021–2025 ≥ 2500

const lib: Library = loadRepositoryLibrary();
const baseline = baselineOf(lib, PLAN)!;
/**
 * The exact-arithmetic checks run on the plan's own pace: 500 retrofits a year with no uncertainty in the
 * capacity or its ramp, and a budget for 500 a year at the median cost. The evidence-based baseline's
 * capacity is uncertain, so "5 × 500 = 2,500 exactly" holds only there.
 */
const planPace = lib.scenarios.get("jiaxing-plan-pace")!;
const A = resolved(planPace);

function resolved(s: ScenarioFile): Record<string, Assumption> {
  const r = resolveScenario(s, lib.scenarios, s.id);
  if (!r.ok) throw new Error(r.error.map((i) => `${i.path}: ${i.message.en}`).join("\n"));
  return r.value.assumptions;
}

function worldOf(scenario: ScenarioFile): World {
  const r = prepare(lib, scenario, "test");
  if (!r.ok) throw new Error(r.error.map((i) => `${i.path}: ${i.message.en}`).join("\n"));
  return r.value.world;
}

function derived(id: string, overrides: Record<string, Override>): ScenarioFile {
  const r = parseScenario(
    { schemaVersion: 1, id, planId: PLAN, name: { zh: "测试", en: "Test" }, extends: planPace.id, overrides },
    "test",
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** Probability (percent) of meeting indicator `i` with the lever fixed at `v`, as goal seek computes it. */
function probabilityAt(world: World, req: GoalSeekRequest, v: number): number {
  const i = world.indicators.findIndex((b) => b.indicator.id === req.indicatorId);
  const vec = Float64Array.from(world.pointValues);
  vec[world.assumptionIds.indexOf(req.lever)] = v;
  const sl = sampleSlice(
    world,
    {
      samples: req.samples,
      seed: req.seed,
      sampling: req.sampling,
      from: 0,
      to: req.samples,
      fixed: new Set([req.lever]),
    },
    [],
    vec,
  );
  let m = 0;
  for (const f of sl.met[i]!) m += f;
  return (100 * m) / req.samples;
}

describe("tornado (Jiaxing baseline; the exact arithmetic at the plan's own pace)", () => {
  const world = worldOf(baseline);
  const all = tornadoes(world, anchorsOf(world, []));
  const B = baseline.assumptions!;

  it("ranks each indicator's bars by swing, largest first", () => {
    expect(all.map((t) => t.indicatorId)).toEqual(world.indicators.map((b) => b.indicator.id));
    for (const t of all) {
      for (let k = 1; k < t.bars.length; k++)
        expect(t.bars[k]!.swing).toBeLessThanOrEqual(t.bars[k - 1]!.swing);
      for (const bar of t.bars) expect(bar.swing).toBe(Math.abs(bar.high.margin - bar.low.margin));
    }
  });

  it("lists only uncertain assumptions that can reach the indicator", () => {
    all.forEach((t, i) => {
      const reach = world.indicators[i]!.assumptions;
      for (const bar of t.bars) {
        expect(reach).toContain(bar.assumptionId);
        expect(B[bar.assumptionId]!.uncertainty).toBeDefined();
      }
    });
    const households = all.find((t) => t.indicatorId === HOUSEHOLDS)!;
    const ids = households.bars.map((b) => b.assumptionId);
    expect(ids).not.toContain("training.level0");
    expect(ids).not.toContain("income.gdpGrowth");
    expect(ids).not.toContain("employment.exitRate");
    // The training target lists training, not retrofits.
    const training = all.find((t) => t.indicatorId === "jx-x-training-per-year")!;
    expect(training.bars.map((b) => b.assumptionId)).toContain("training.level0");
    expect(training.bars.map((b) => b.assumptionId)).not.toContain("retrofit.cost0");
  });

  it("at the plan's own pace, the retrofit cost is the top driver of the 2,500-household target's margin", () => {
    const paced = worldOf(planPace);
    const t = tornadoes(paced, anchorsOf(paced, [])).find((x) => x.indicatorId === HOUSEHOLDS)!;
    expect(t.bars[0]!.assumptionId).toBe("retrofit.cost0");
    expect(t.baseMargin).toBeCloseTo(0, 6); // 5 × 500 = 2,500 exactly at the point values

    // Analytic: cost0 is triangular(min, mode, max); its p10 and p90 in closed form.
    const d = A["retrofit.cost0"]!.uncertainty!;
    if (d.kind !== "triangular") throw new Error("expected a triangular retrofit cost");
    const p10 = d.min + Math.sqrt(0.1 * (d.max - d.min) * (d.mode - d.min));
    const p90 = d.max - Math.sqrt(0.1 * (d.max - d.min) * (d.max - d.mode));
    // Completions a year = min(capacity, budget ÷ cost); budget and cost grow from their start values.
    const total = (cost0: number) => {
      let sum = 0;
      for (let t = 1; t <= 5; t++) {
        const capacity =
          A["retrofit.capacity1"]!.value * (1 + A["retrofit.capacityRamp"]!.value / 100) ** (t - 1);
        const budget =
          A["retrofit.budget1"]!.value * (1 + A["retrofit.budgetGrowth"]!.value / 100) ** (t - 1);
        const cost = cost0 * (1 + A["retrofit.costInflation"]!.value / 100) ** t;
        sum += Math.min(capacity, budget / cost);
      }
      return sum;
    };
    const bar = t.bars[0]!;
    expect(bar.low.value).toBeCloseTo(p10, 6);
    expect(bar.high.value).toBeCloseTo(p90, 6);
    // Margins are judged at the target's precision (whole households).
    expect(bar.low.margin).toBe(Math.round(total(p10)) - 2500); // capacity binds: 0
    expect(bar.high.margin).toBe(Math.round(total(p90)) - 2500); // the budget binds: ≈ −547
    // 3.4 M yuan pays for ≈ 391 retrofits a year at the p90 cost (≈ 8,450 yuan × 1.03).
    expect(bar.high.margin).toBeLessThan(-500);
  });
});

describe("goal seek (Jiaxing, the plan's own pace)", () => {
  const world = worldOf(planPace);
  const anchors = anchorsOf(world, []);
  const base: GoalSeekRequest = {
    indicatorId: HOUSEHOLDS,
    lever: "retrofit.capacity1",
    probability: 80,
    samples: 1000,
    seed: 42,
    sampling: "random",
  };

  it("capacity alone cannot reach 80% at the plan's budget: refused as unreachable", () => {
    // With the plan's-pace budget (3.4 M yuan a year, enough for 500 retrofits at about 6,600 yuan, the
    // median cost), a higher cost makes the budget bind whatever the capacity: P(cost0 ≤ median) = 1/2
    // for the triangular cost (cost inflation, also uncertain, blurs it), so the probability levels
    // off near a half.
    const r = goalSeek(world, anchors, base);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.reason).toBe("unreachable");
    const ps = r.error.grid.map((g) => g.probability);
    for (let k = 1; k < ps.length; k++) expect(ps[k]).toBeGreaterThanOrEqual(ps[k - 1]!);
    expect(ps[ps.length - 1]).toBeLessThan(60);
    expect(ps[ps.length - 1]).toBeGreaterThan(40);
    expect(r.error.message.en).toMatch(/below the 80% asked for/);
    const all = goalSeek(world, anchors, { ...base, probability: 100 });
    expect(all.ok ? null : all.error.reason).toBe("unreachable");
  });

  it("fully funded (budget at its maximum): the least capacity for 80% is just above 499.9 a year", () => {
    const funded = worldOf(
      derived("test-funded", { "retrofit.budget1": { value: A["retrofit.budget1"]!.max } }),
    );
    const r = goalSeek(funded, anchorsOf(funded, []), base);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const step = A["retrofit.capacity1"]!.step!;
    expect(r.value.direction).toBe("at-least");
    expect(r.value.probability).toBeGreaterThanOrEqual(80);
    // 5c ≥ 2499.5 ⇔ c ≥ 499.9; bisection stops within one step above it.
    expect(r.value.value).toBeGreaterThanOrEqual(499.9);
    expect(r.value.value).toBeLessThanOrEqual(499.9 + step);
    expect(probabilityAt(funded, base, r.value.value)).toBeGreaterThanOrEqual(80);
    expect(probabilityAt(funded, base, r.value.value - step)).toBeLessThan(80);
    const ps = r.value.grid.map((g) => g.probability);
    for (let k = 1; k < ps.length; k++) expect(ps[k]).toBeGreaterThanOrEqual(ps[k - 1]!);
  });

  it("refuses a lever that does not reach the indicator: not-a-driver", () => {
    const r = goalSeek(world, anchors, { ...base, lever: "training.level0" });
    expect(r.ok ? null : r.error.reason).toBe("not-a-driver");
    expect(r.ok ? null : r.error.grid).toEqual([]);
  });

  it("refuses an upstream lever that leaves the probability flat: not-a-driver, with the flat grid", () => {
    // The birth rate reaches retrofits only through new eligible households, but neither the backlog
    // nor anything else it moves binds, so every grid point gives the same probability.
    const r = goalSeek(world, anchors, { ...base, lever: "population.birthRate", samples: 300 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.reason).toBe("not-a-driver");
    expect(new Set(r.error.grid.map((g) => g.probability)).size).toBe(1);
  });

  it("refuses an unknown lever or indicator", () => {
    expect(goalSeek(world, anchors, { ...base, lever: "no.such" }).ok).toBe(false);
    const r = goalSeek(world, anchors, { ...base, indicatorId: "no-such" });
    expect(r.ok ? null : r.error.reason).toBe("unknown");
  });
});

describe("goal seek refuses a non-monotone response", () => {
  /**
   * A one-component world: retrofits of 1,000 eligible households (none done yet, 10 new a year),
   * budget unlimited, judged on the households retrofitted in 2025 alone (a yearly flow, ≥ 100).
   * Completions in 2025 rise with capacity while a backlog remains, then fall once a larger capacity
   * has cleared the backlog early: capacity 125 → 125 in 2025 (met); 250 → all 1,000 done by 2024,
   * 50 left for 2025 (not met); 0 → 0 (not met). So the lever's response rises and falls.
   */
  const plan = parsePlan(
    {
      schemaVersion: 1,
      id: "test-retrofit-flow",
      title: { zh: "测试", en: "Test" },
      region: { zh: "测试", en: "Test" },
      level: "county",
      province: { zh: "测试", en: "Test" },
      issuer: { zh: "测试", en: "Test" },
      issued: null,
      period: { from: 2021, to: 2025 },
      baselineYear: 2020,
      targetYear: 2025,
      source: { file: "test", title: "test" },
      evaluations: [],
      indicators: [
        {
          id: "t-retrofits-2025",
          printedNumber: null,
          origin: "text",
          name: { zh: "2025年完成改造户数", en: "Households retrofitted in 2025" },
          unit: "households",
          unitPrinted: true,
          attribute: "unspecified",
          measure: "level",
          precision: 0,
          baseline: { qualifier: "missing", year: 2020, printed: "—" },
          target: {
            kind: "compare",
            year: 2025,
            comparator: ">=",
            comparatorPrinted: true,
            value: 100,
            printed: "100户以上",
          },
          source: { section: "test" },
        },
      ],
    },
    "test-plan",
  );
  const bindings = parseBindings(
    {
      schemaVersion: 1,
      planId: "test-retrofit-flow",
      components: [
        {
          id: "retrofit",
          model: "retrofit",
          label: { zh: "改造", en: "Retrofits" },
          inputs: { driver: "constant" },
        },
      ],
      indicators: { "t-retrofits-2025": { output: "retrofit.completions" } },
    },
    "test-bindings",
  );
  const assumption = (value: number, min: number, max: number, unit: Assumption["unit"]): Assumption => ({
    label: { zh: "测试", en: "test" },
    unit,
    value,
    min,
    max,
    step: 1,
    provenance: { kind: "estimate", source: "test" },
  });
  const scenario = parseScenario(
    {
      schemaVersion: 1,
      id: "test-retrofit-flow-baseline",
      planId: "test-retrofit-flow",
      name: { zh: "测试", en: "Test" },
      assumptions: {
        "retrofit.eligible0": assumption(1000, 1, 10_000, "households"),
        "retrofit.rate0": assumption(0, 0, 100, "percent"),
        "retrofit.inflowRate": assumption(1, 0, 10, "percent-per-year"),
        "retrofit.capacity1": assumption(125, 0, 1000, "households-per-year"),
        "retrofit.capacityRamp": assumption(0, -50, 100, "percent-per-year"),
        "retrofit.cost0": assumption(1000, 100, 100_000, "yuan-per-household"),
        "retrofit.costInflation": assumption(0, -10, 30, "percent-per-year"),
        "retrofit.budget1": assumption(1e9, 0, 1e10, "yuan-per-year"),
        "retrofit.budgetGrowth": assumption(0, -50, 50, "percent-per-year"),
      },
    },
    "test-scenario",
  );

  it("builds a valid world", () => {
    expect(plan.ok && bindings.ok && scenario.ok).toBe(true);
  });

  it("reports not-monotonic with the rising-then-falling grid", () => {
    if (!plan.ok || !bindings.ok || !scenario.ok) throw new Error("invalid test world");
    const resolved = resolveScenario(scenario.value, new Map(), "test-scenario");
    if (!resolved.ok) throw new Error(JSON.stringify(resolved.error));
    const w = compileWorld(plan.value, bindings.value, resolved.value, "test-bindings");
    if (!w.ok) throw new Error(JSON.stringify(w.error));
    for (const samples of [0, 50]) {
      const r = goalSeek(w.value, [null], {
        indicatorId: "t-retrofits-2025",
        lever: "retrofit.capacity1",
        probability: 80,
        samples,
        seed: 42,
        sampling: "random",
      });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.reason).toBe("not-monotonic");
      // grid over [0, 1000] in eighths: 0, 125, 250, …
      expect(r.error.grid.map((g) => g.value)).toEqual([0, 125, 250, 375, 500, 625, 750, 875, 1000]);
      expect(r.error.grid.map((g) => g.probability)).toEqual([0, 100, 0, 0, 0, 0, 0, 0, 0]);
    }
  });
});
