import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../models/engine.ts";
import { resolveScenario } from "../../models/scenario.ts";
import { formatIssue } from "../../models/validation.ts";
import {
  checkWorkshop,
  editsFor,
  parseWorkshop,
  stepEdits,
  stepScenarioIds,
  type Workshop,
} from "../../models/workshop.ts";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";
import { runModelFor } from "../../src/kernel/library.ts";
import { worldFor } from "../../src/kernel/runner.ts";

const lib = loadRepositoryLibrary();
const DIR = join(import.meta.dirname, "../../scenarios/workshops");
const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();

function parsed(file: string): Workshop {
  const r = parseWorkshop(JSON.parse(readFileSync(join(DIR, file), "utf8")), `scenarios/workshops/${file}`);
  if (!r.ok) throw new Error(r.error.map((i) => formatIssue(i, "en")).join("\n"));
  return r.value;
}

/** The deterministic verdicts of one step's focused targets. */
function verdicts(w: Workshop, i: number): Record<string, boolean> {
  const sid = stepScenarioIds(w, lib)[i]!;
  const m = runModelFor(lib, sid, stepEdits(w, lib, i));
  if (!m.ok) throw new Error(m.error.map((x) => x.message.en).join("; "));
  const world = worldFor(m.value);
  if (!world.ok) throw new Error(world.error.message.en);
  const e = evaluate(world.value, {
    samples: 0,
    seed: 1,
    sampling: "lhs",
    bands: m.value.bands,
    actuals: [],
  });
  return Object.fromEntries(e.indicators.map((r) => [r.id, r.judgement.met] as const));
}

/** The Monte Carlo probability (percent, 200 seeded samples) that one step meets one target. */
function probability(w: Workshop, i: number, id: string): number {
  const sid = stepScenarioIds(w, lib)[i]!;
  const m = runModelFor(lib, sid, stepEdits(w, lib, i));
  if (!m.ok) throw new Error(m.error.map((x) => x.message.en).join("; "));
  const world = worldFor(m.value);
  if (!world.ok) throw new Error(world.error.message.en);
  const e = evaluate(world.value, {
    samples: 200,
    seed: 1,
    sampling: "lhs",
    bands: m.value.bands,
    actuals: [],
  });
  return e.indicators.find((r) => r.id === id)!.probability!;
}

const good = (): Record<string, unknown> => ({
  schemaVersion: 1,
  id: "t",
  planId: "jiaxing-2021-2025",
  title: { zh: "测试", en: "test" },
  steps: [
    {
      title: { zh: "一", en: "one" },
      explain: { zh: "说明", en: "why" },
      focus: ["jx-x-retrofit-households"],
    },
  ],
});

describe("the repository's scenarios/workshops/ folder", () => {
  it("has one workshop per seed plan, named after the plan", () => {
    expect(files).toEqual(["huyi-2021-2025.json", "jiaxing-2021-2025.json"]);
    for (const f of files) expect(`${parsed(f).planId}.json`).toBe(f);
  });

  it.each(files)("%s parses, and every scenario, assumption and indicator it names exists", (f) => {
    const w = parsed(f);
    const r = checkWorkshop(w, lib, `scenarios/workshops/${f}`);
    expect(r.ok ? [] : r.error.map((i) => formatIssue(i, "en"))).toEqual([]);
    // The same, spelled out: each referenced id is in the library.
    const plan = lib.plans.get(w.planId)!;
    const ids = stepScenarioIds(w, lib);
    w.steps.forEach((s, i) => {
      if (s.scenarioId) expect(lib.scenarios.get(s.scenarioId)?.planId, s.scenarioId).toBe(w.planId);
      const sc = lib.scenarios.get(ids[i]!)!;
      const resolved = resolveScenario(sc, lib.scenarios, sc.id);
      expect(resolved.ok).toBe(true);
      if (!resolved.ok) return;
      for (const a of Object.keys(s.changes ?? {})) expect(resolved.value.assumptions[a], a).toBeDefined();
      for (const id of s.focus)
        expect(
          plan.indicators.some((x) => x.id === id),
          id,
        ).toBe(true);
    });
  });

  it.each(files)("%s: every step runs through the real models", (f) => {
    const w = parsed(f);
    w.steps.forEach((s, i) => {
      const v = verdicts(w, i);
      for (const id of s.focus) expect(typeof v[id], `${f} step ${i + 1} ${id}`).toBe("boolean");
    });
  });

  it("Jiaxing: the 2,500-household target, met at the plan's own pace, is missed at the cost step and met again at the budget step", () => {
    const w = parsed("jiaxing-2021-2025.json");
    const cost = w.steps.findIndex((s) => s.scenarioId === "jiaxing-retrofit-cost-up");
    expect(cost).toBeGreaterThan(0);
    expect(verdicts(w, 0)["jx-x-retrofit-households"]).toBe(true);
    expect(verdicts(w, cost)["jx-x-retrofit-households"]).toBe(false);
    expect(w.steps[cost + 1]!.changes).toHaveProperty("retrofit.budget1");
    expect(verdicts(w, cost + 1)["jx-x-retrofit-households"]).toBe(true);
    // The story starts from the plan's own pace, and then shows that the observed pace falls short.
    expect(w.steps[0]!.scenarioId).toBe("jiaxing-plan-pace");
    const evidence = w.steps.findIndex((s) => s.scenarioId === "jiaxing-baseline");
    expect(evidence).toBeGreaterThan(cost + 1);
    expect(verdicts(w, evidence)["jx-x-retrofit-households"]).toBe(false);
  });

  it("Huyi: the first step shows the training tension (text target met, table target missed)", () => {
    const w = parsed("huyi-2021-2025.json");
    const v = verdicts(w, 0);
    expect(v["hy-x-trained-per-year"]).toBe(true);
    expect(v["hy-t04-trained-people"]).toBe(false);
    // The second step raises training growth to 14% a year, past the 13.6% the table's target needs.
    expect(w.steps[1]!.changes).toEqual({ "training.growth": 14 });
    expect(verdicts(w, 1)["hy-t04-trained-people"]).toBe(true);
  });

  it("Huyi: widening without the money drops both subsidies below 100%; faster budgets restore them", () => {
    const w = parsed("huyi-2021-2025.json");
    const widen = w.steps.findIndex((s) => s.changes && "living.wideningShare" in s.changes);
    expect(widen).toBeGreaterThan(0);
    const subsidies = ["hy-t06-living-subsidy-coverage", "hy-t07-nursing-subsidy-coverage"];
    for (const id of subsidies) {
      expect(verdicts(w, 0)[id], id).toBe(true);
      expect(verdicts(w, widen)[id], id).toBe(false);
      expect(verdicts(w, widen + 1)[id], id).toBe(true);
    }
    expect(w.steps[widen + 1]!.changes).toHaveProperty("living.budgetGrowth");
  });

  it("Huyi: the retrofit cost step halves the chance of 95%; the budget step restores it", () => {
    const w = parsed("huyi-2021-2025.json");
    const cost = w.steps.findIndex((s) => s.scenarioId === "huyi-retrofit-cost-up");
    expect(cost).toBeGreaterThan(0);
    expect(w.steps[cost + 1]!.changes).toHaveProperty("retrofit.budget1");
    const id = "hy-t15-retrofit-rate";
    const before = probability(w, 0, id);
    const atCost = probability(w, cost, id);
    const withBudget = probability(w, cost + 1, id);
    expect(before).toBeGreaterThanOrEqual(80);
    expect(atCost).toBeLessThan(65);
    expect(withBudget).toBeGreaterThanOrEqual(70);
    expect(withBudget - atCost).toBeGreaterThanOrEqual(20);
    expect(verdicts(w, cost + 1)[id]).toBe(true);
  });
});

describe("the workshop schema", () => {
  it("accepts a minimal workshop", () => {
    const r = parseWorkshop(good(), "w.json");
    expect(r.ok).toBe(true);
  });

  it("rejects a bad file with the path and a readable message in both languages", () => {
    const bad = good();
    (bad.steps as Record<string, unknown>[])[0]!.focus = [];
    (bad.steps as Record<string, unknown>[]).push({
      title: { zh: "二", en: "two" },
      explain: { zh: "说明" },
      changes: { "retrofit.budget1": "4640000" },
      focus: ["jx-x-retrofit-households"],
      extra: true,
    });
    const r = parseWorkshop(bad, "workshops/bad.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.error.map((i) => [i.path, i.message] as const));
    expect(byPath["steps[0].focus"]?.en).toMatch(/at least 1/);
    expect(byPath["steps[1].explain.en"]).toEqual({ zh: "缺少必填字段", en: "a required field is missing" });
    expect(byPath["steps[1].changes.retrofit.budget1"]).toEqual({
      zh: "应为数字，实际是文本（数字不要加引号）",
      en: "expected a number, got text (write numbers without quotes)",
    });
    expect(byPath["steps[1]"]).toEqual({ zh: "未知字段 “extra”", en: 'unknown field "extra"' });
    expect(formatIssue(r.error[0]!, "en")).toMatch(/^workshops\/bad\.json › steps\[/);
  });

  it("rejects a wrong schema version and a duplicated focus", () => {
    const v2 = parseWorkshop({ ...good(), schemaVersion: 2 }, "w.json");
    expect(v2.ok ? [] : v2.error.map((i) => `${i.path}: ${i.message.en}`)).toEqual([
      "schemaVersion: 2 is not allowed; allowed values: 1",
    ]);
    const dup = good();
    (dup.steps as { focus: string[] }[])[0]!.focus = ["jx-x-retrofit-households", "jx-x-retrofit-households"];
    const r = parseWorkshop(dup, "w.json");
    expect(r.ok ? [] : r.error.map((i) => [i.path, i.message.zh])).toEqual([
      ["steps[0].focus[1]", "指标 “jx-x-retrofit-households” 重复列出"],
    ]);
  });

  it("reports references the library does not have, naming where they are", () => {
    const w = parseWorkshop(
      {
        ...good(),
        steps: [
          {
            title: { zh: "一", en: "one" },
            explain: { zh: "说明", en: "why" },
            scenarioId: "huyi-baseline",
            changes: { "no.such": 1 },
            focus: ["jx-nope"],
          },
          {
            title: { zh: "二", en: "two" },
            explain: { zh: "说明", en: "why" },
            scenarioId: "jiaxing-retrofit-cost-up",
            changes: { "retrofit.budget1": -5, "nope.nope": 3 },
            focus: ["jx-x-retrofit-households"],
          },
          {
            title: { zh: "三", en: "three" },
            explain: { zh: "说明", en: "why" },
            scenarioId: "no-such-scenario",
            focus: ["jx-x-retrofit-households"],
          },
        ],
      },
      "w.json",
    );
    expect(w.ok).toBe(true);
    if (!w.ok) return;
    const r = checkWorkshop(w.value, lib, "w.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.error.map((i) => formatIssue(i, "en"));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/steps\[0\]\.scenarioId: scenario "huyi-baseline" belongs to another plan/),
        expect.stringMatching(/steps\[0\]\.focus\[0\]: the plan has no indicator "jx-nope"/),
        expect.stringMatching(
          /steps\[1\]\.changes\.retrofit\.budget1: value -5 is outside the allowed range/,
        ),
        expect.stringMatching(/steps\[1\]\.changes\.nope\.nope: there is no assumption "nope\.nope"/),
        expect.stringMatching(/steps\[2\]\.scenarioId: no scenario "no-such-scenario"/),
      ]),
    );
    expect(r.error.every((i) => i.message.zh.length > 0)).toBe(true);
    const noPlan = checkWorkshop({ ...w.value, planId: "nowhere" }, lib, "w.json");
    expect(noPlan.ok ? [] : noPlan.error.map((i) => i.path)).toEqual(["planId"]);
  });
});

describe("a step's changes", () => {
  it("inherit the previous step's scenario, the baseline first", () => {
    const w = parsed("jiaxing-2021-2025.json");
    const ids = stepScenarioIds(
      { ...w, steps: [{ ...w.steps[2]!, scenarioId: undefined }] } as Workshop,
      lib,
    );
    expect(ids).toEqual(["jiaxing-baseline"]);
    expect(stepScenarioIds(w, lib)[2]).toBe("jiaxing-retrofit-cost-up");
  });

  it("edits carry each changed value and leave out unknown assumptions", () => {
    const edits = editsFor(
      {
        a: {
          label: { zh: "甲", en: "a" },
          unit: "percent",
          value: 12,
          min: -20,
          max: 40,
          uncertainty: { kind: "pert", min: 6, mode: 12, max: 18 },
          provenance: { kind: "estimate", source: "x" },
        },
        b: {
          label: { zh: "乙", en: "b" },
          unit: "percent",
          value: 1,
          min: 0,
          max: 5,
          provenance: { kind: "estimate", source: "x" },
        },
      },
      { a: 14, b: 2, missing: 3 },
    );
    expect(edits).toEqual({
      a: { value: 14 },
      b: { value: 2 },
    });
  });
});
