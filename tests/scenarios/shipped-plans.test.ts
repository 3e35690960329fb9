import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Bindings } from "../../models/bindings.ts";
import { startsFrom } from "../../models/catalogue.ts";
import { evaluate } from "../../models/engine.ts";
import { baselineOf, type Library, prepare } from "../../models/library.ts";
import type { Plan } from "../../models/plan.ts";
import { checkPlan } from "../../models/plan-check.ts";
import { parsePastedTable } from "../../models/plan-paste.ts";
import { DEFAULT_BANDS, type ScenarioFile } from "../../models/scenario.ts";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";

/**
 * The plans shipped from public sources after the seed plans (issue 13, item 4): the national plan,
 * Jiangsu and Guangdong. None of their tables could be read in the stored sources, so each is marked
 * partial and its targets come from reports of the plan; what each baseline rests on is pinned here so
 * that a later edit cannot quietly turn an estimate or the plan's pace into "evidence". Nanning's 12th
 * plan, whose evaluation table was read whole, is pinned to what the paste parser reads from that table.
 */

const lib: Library = loadRepositoryLibrary();
const NEW_PLANS = ["national-2021-2025", "jiangsu-2021-2025", "guangdong-2021-2025"] as const;

function planOf(id: string): Plan {
  const p = lib.plans.get(id);
  if (!p) throw new Error(`no plan ${id}`);
  return p;
}

function baseline(id: string): ScenarioFile {
  const s = baselineOf(lib, id);
  if (!s) throw new Error(`no baseline for ${id}`);
  return s;
}

/** The README's rule: exact printed baselines read through baselineOf or that the bound output starts from. */
function due(plan: Plan, b: Bindings): string[] {
  const exact = new Set(plan.indicators.filter((i) => i.baseline.qualifier === "exact").map((i) => i.id));
  const out = new Set<string>();
  for (const c of b.components)
    for (const src of Object.values(c.params ?? {}))
      if ("baselineOf" in src && exact.has(src.baselineOf)) out.add(src.baselineOf);
  for (const [id, ib] of Object.entries(b.indicators)) {
    if (!exact.has(id) || ib.cumulativeOutput) continue;
    const [cid, output] = ib.output.split(".") as [string, string];
    const model = b.components.find((c) => c.id === cid)?.model;
    if (model && startsFrom(model, output)) out.add(id);
  }
  return [...out];
}

describe.each(NEW_PLANS.map((id) => [id] as const))("shipped plan %s", (id) => {
  const plan = planOf(id);
  const scenario = baseline(id);

  it("cites a public address with the date it was read, and says its table is partial", () => {
    expect(plan.source.url).toMatch(/^https?:\/\//);
    expect(plan.source.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(plan.table?.partial).toBe(true);
    expect(plan.table?.note.zh.length).toBeGreaterThan(20);
    expect(plan.table?.note.en.length).toBeGreaterThan(20);
  });

  it("prints no baseline, so it has none to reproduce, and its baseline scenario still evaluates", () => {
    // Every target was read from a report of the plan, never from its table: nothing was printed in a
    // baseline column, so by the README's rule the scenario has nothing to reproduce.
    for (const ind of plan.indicators) expect(ind.baseline.qualifier, ind.id).toBe("not-in-source");
    const r = prepare(lib, scenario, lib.fileOf.get(`scenario:${scenario.id}`)!);
    if (!r.ok) throw new Error(r.error.map((i) => i.message.en).join("\n"));
    expect(due(plan, r.value.bindings)).toEqual([]);
    const ev = evaluate(r.value.world, {
      samples: 200,
      seed: 42,
      sampling: "random",
      bands: DEFAULT_BANDS,
      actuals: [],
    });
    expect(ev.indicators).toHaveLength(plan.indicators.length);
    for (const row of ev.indicators) expect(row.projection.every(Number.isFinite)).toBe(true);
  });

  it("check-plan reports the partial table once, with no errors, and says no table row is entered", () => {
    const findings = checkPlan(plan);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    const partial = findings.filter((f) => f.code === "partial-table");
    expect(partial).toHaveLength(1);
    expect(partial[0]!.message.en).toContain("No row of the table is entered");
    expect(partial[0]!.message.en).toContain(`the ${plan.indicators.length} targets entered`);
    expect(partial[0]!.message.zh).toContain("没有录入表中的任何一行");
  });

  it("every default that is not `plan` or a trend says why it is an estimate", () => {
    for (const [k, a] of Object.entries(scenario.assumptions!)) {
      if (a.provenance.kind !== "estimate") continue;
      expect(`${a.provenance.source} ${a.provenance.note?.en ?? ""}`.length, k).toBeGreaterThan(20);
    }
  });
});

describe("what the new baselines rest on", () => {
  const kinds = (id: string) =>
    Object.fromEntries(Object.entries(baseline(id).assumptions!).map(([k, a]) => [k, a.provenance.kind]));

  it("national: the retrofit pace is the observed 1.28 million by mid-2025 averaged, not the plan's 220,000 a year", () => {
    const a = baseline("national-2021-2025").assumptions!;
    expect(a["cnXRetrofitHouseholds.capacity1"]!.provenance).toMatchObject({
      kind: "trend",
      fit: "average",
      evidence: ["national-disability-statistics#national-retrofits-2021-2025"],
    });
    expect(a["cnXRetrofitHouseholds.capacity1"]!.value).toBeCloseTo(1_280_000 / 4.5, 0);
    expect(a["incomeGdpGrowth.gdpGrowth"]!.provenance.kind).toBe("trend");
    // Nominal income growth against real GDP growth: an estimate, said so.
    expect(a["incomeGdpGrowth.gapPP"]!.provenance.kind).toBe("estimate");
    expect(Object.values(kinds("national-2021-2025"))).not.toContain("plan");
  });

  it("Guangdong: the retrofit pace is the 13th plan's 42,000 households over five years", () => {
    const a = baseline("guangdong-2021-2025").assumptions!;
    expect(a["gdXRetrofitHouseholds.capacity1"]!.provenance).toMatchObject({ kind: "trend", fit: "average" });
    expect(a["gdXRetrofitHouseholds.capacity1"]!.value).toBe(42_000 / 5);
    expect(Object.values(kinds("guangdong-2021-2025"))).not.toContain("plan");
  });

  it("Jiangsu: no Jiangsu observations were found, so nothing is labelled trend or published", () => {
    const k = Object.values(kinds("jiangsu-2021-2025"));
    expect(k).not.toContain("trend");
    expect(k).not.toContain("published");
    expect(k).toContain("plan");
    expect(baseline("jiangsu-2021-2025").description?.en).toContain("restates the plan");
  });
});

describe("shipped plan nanning-2011-2015 (the 12th plan's evaluation table, read whole)", () => {
  const plan = planOf("nanning-2011-2015");
  const scenario = baseline("nanning-2011-2015");

  it("cites the public address with the date it was read; the table is whole, its note says what it lacks", () => {
    expect(plan.source.url).toBe("https://keke.chddh.cn/archives/9dz347o8nedprobw65ex.html");
    expect(plan.source.retrieved).toBe("2026-11-30");
    expect(plan.table?.partial).toBe(false);
    expect(plan.table?.note.en).toContain("no baseline and no binding/expected attribute");
    expect(plan.period).toEqual({ from: 2011, to: 2015 });
    expect(plan.indicators).toHaveLength(20);
  });

  it("every row is what the paste parser reads from the page's text (tests/fixtures/paste)", () => {
    const text = readFileSync(
      join(import.meta.dirname, "../fixtures/paste/nanning-12th-evaluation.txt"),
      "utf8",
    )
      .split("\n")
      .filter((l) => !l.startsWith("# "))
      .join("\n");
    const r = parsePastedTable(text, { id: "nanning-2011-2015", indicatorPrefix: "nn", level: "city" });
    const fields = (i: Plan["indicators"][number]) => ({
      id: i.id,
      printedNumber: i.printedNumber,
      name: i.name.zh,
      unit: i.unit,
      unitPrinted: i.unitPrinted,
      unitLabel: i.unitLabel,
      attribute: i.attribute,
      measure: i.measure,
      scale: i.scale,
      precision: i.precision,
      baseline: i.baseline,
      target: i.target,
    });
    expect(plan.indicators.map(fields)).toEqual(r.plan.indicators.map(fields));
    // Each row quotes its cells as printed, weight included.
    expect(plan.indicators[0]!.source.quote).toBe("1.贫困残疾人生活补助比例 % 4 ≥50");
  });

  it("prints no baseline, so it has none to reproduce; the scaffold baseline evaluates and says what it is", () => {
    for (const ind of plan.indicators) expect(ind.baseline.qualifier, ind.id).toBe("not-in-source");
    const r = prepare(lib, scenario, lib.fileOf.get(`scenario:${scenario.id}`)!);
    if (!r.ok) throw new Error(r.error.map((i) => i.message.en).join("\n"));
    expect(due(plan, r.value.bindings)).toEqual([]);
    const ev = evaluate(r.value.world, {
      samples: 200,
      seed: 42,
      sampling: "random",
      bands: DEFAULT_BANDS,
      actuals: [],
    });
    expect(ev.indicators).toHaveLength(20);
    for (const row of ev.indicators) expect(row.projection.every(Number.isFinite)).toBe(true);
    // No Nanning figures were found: every default is the scaffold's plan-pace or estimate, and it says so.
    const kinds = new Set(Object.values(scenario.assumptions!).map((a) => a.provenance.kind));
    expect([...kinds].sort()).toEqual(["estimate", "plan"]);
    expect(scenario.description?.en).toContain("No 2010 (baseline-year) figures for Nanning were found");
  });

  it("check-plan: no errors; five counts of unstated measure; no baseline column", () => {
    const findings = checkPlan(plan);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(findings.filter((f) => f.code === "measure-unstated").flatMap((f) => f.indicatorIds)).toEqual([
      "nn-t07",
      "nn-t08",
      "nn-t11-new-employment",
      "nn-t12-trained-people",
      "nn-t13-care-services",
    ]);
    expect(findings.map((f) => f.code).sort()).toEqual([
      "baseline-not-in-source",
      ...Array(5).fill("measure-unstated"),
    ]);
  });
});
