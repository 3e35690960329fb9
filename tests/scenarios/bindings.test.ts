import { describe, expect, it } from "vitest";
import type { Bindings } from "../../models/bindings.ts";
import { startsFrom } from "../../models/catalogue.ts";
import { evaluate } from "../../models/engine.ts";
import { roundTo } from "../../models/feasibility.ts";
import { baselineOf, type Library, prepare } from "../../models/library.ts";
import type { Plan } from "../../models/plan.ts";
import { MODELS } from "../../models/registry.ts";
import { type Assumption, DEFAULT_BANDS, resolveScenario, type ScenarioFile } from "../../models/scenario.ts";
import { LANGS, sourceText } from "../../models/text.ts";
import { compileWorld, measureAssumptionId } from "../../models/world.ts";
import { loadRepositoryFiles, loadRepositoryLibrary } from "../../scripts/lib/load.ts";

const lib: Library = loadRepositoryLibrary();
const plans = [...lib.plans.values()];
const scenarios = [...lib.scenarios.values()];
const baselines = plans.map((p) => baselineOf(lib, p.id)).filter((s): s is ScenarioFile => s !== undefined);

function prepared(s: ScenarioFile) {
  const r = prepare(lib, s, lib.fileOf.get(`scenario:${s.id}`)!);
  if (!r.ok) throw new Error(r.error.map((i) => `${i.file} › ${i.path}: ${i.message.en}`).join("\n"));
  return r.value;
}

/** The assumption ids a bindings file reads, worked out the way compileWorld resolves parameters. */
function assumptionsRead(b: Bindings, plan: Plan): Set<string> {
  const read = new Set<string>();
  // An unstated measure is read from `<indicator id>.measure`.
  for (const ind of plan.indicators) if (ind.measure === "unstated") read.add(measureAssumptionId(ind.id));
  for (const c of b.components) {
    for (const p of MODELS[c.model]!.params) {
      const src = c.params?.[p.name];
      if (!src) read.add(`${c.id}.${p.name}`);
      else if ("assumption" in src) read.add(src.assumption);
    }
  }
  return read;
}

describe("the repository's scenarios/ folder", () => {
  it("loads every file without an issue: plans, bindings and scenarios", () => {
    expect(lib.issues).toEqual([]);
    const { files } = loadRepositoryFiles();
    expect(lib.plans.size + lib.bindings.size + lib.scenarios.size).toBe(files.length);
    expect(plans.map((p) => p.id).sort()).toEqual(
      expect.arrayContaining(["huyi-2021-2025", "jiaxing-2021-2025"]),
    );
  });

  it("has a baseline scenario and bindings for every plan", () => {
    for (const p of plans) {
      expect(baselineOf(lib, p.id), p.id).toBeDefined();
      expect(lib.bindings.get(p.id), p.id).toBeDefined();
    }
  });

  it.each(scenarios.map((s) => [s.id, s] as const))("%s parses, resolves and compiles", (_, s) => {
    const r = resolveScenario(s, lib.scenarios, "x");
    expect(r.ok ? [] : r.error).toEqual([]);
    const world = prepared(s).world;
    expect(world.plan.id).toBe(s.planId);
  });
});

describe.each(plans.map((p) => [p.id, p] as const))("plan %s: every indicator is bound", (_, plan) => {
  const base = baselineOf(lib, plan.id)!;

  it("compiles the baseline with one bound indicator per plan indicator, in plan order", () => {
    const world = prepared(base).world;
    expect(world.indicators.map((b) => b.indicator.id)).toEqual(plan.indicators.map((i) => i.id));
  });

  it("reports a removed binding with the indicator's id", () => {
    const bindings = lib.bindings.get(plan.id)!;
    const resolved = resolveScenario(base, lib.scenarios, "x");
    if (!resolved.ok) throw new Error("baseline does not resolve");
    for (const ind of plan.indicators) {
      const { [ind.id]: _removed, ...rest } = bindings.indicators;
      const r = compileWorld(plan, { ...bindings, indicators: rest }, resolved.value, "bindings.json");
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error).toHaveLength(1);
      expect(r.error[0]!.file).toBe("bindings.json");
      expect(r.error[0]!.path).toBe(`indicators.${ind.id}`);
      expect(r.error[0]!.message.en).toContain(ind.id);
      expect(r.error[0]!.message.zh).toContain(ind.id);
    }
  });
});

describe.each(baselines.map((s) => [s.id, s] as const))("baseline scenario %s: assumptions", (_, s) => {
  const entries = Object.entries(s.assumptions!);

  it("every assumption has provenance and a range that contains its value", () => {
    for (const [id, a] of entries) {
      for (const lang of LANGS) expect(sourceText(a.provenance, lang).trim().length, id).toBeGreaterThan(0);
      expect(a.min, id).toBeLessThanOrEqual(a.value);
      expect(a.value, id).toBeLessThanOrEqual(a.max);
      expect(a.min, id).toBeLessThan(a.max);
    }
  });

  it("every assumption is read by a component", () => {
    const read = assumptionsRead(lib.bindings.get(s.planId)!, lib.plans.get(s.planId)!);
    expect(entries.map(([id]) => id).filter((id) => !read.has(id))).toEqual([]);
  });

  // Data issue (scenarios/*-baseline.json): five assumptions whose own provenance calls the value an
  // estimate carry kind "plan" or "published", so the product would show them as printed figures:
  // huyi living.standard0 (published), huyi living.wideningYear and nursing.wideningYear (plan),
  // jiaxing population.birthRate (published), jiaxing living.wideningYear (plan).
  it("an assumption its provenance calls an estimate is labelled kind “estimate”", () => {
    const saysEstimate = (a: Assumption) =>
      /\b(an estimate|is an estimate|assumed)\b/i.test(
        `${sourceText(a.provenance, "en")} ${a.provenance.note?.en ?? ""}`,
      ) || /估计|假定/.test(a.provenance.note?.zh ?? "");
    const mislabelled = entries.filter(([, a]) => saysEstimate(a) && a.provenance.kind !== "estimate");
    expect(mislabelled.map(([id, a]) => `${id} (${a.provenance.kind})`)).toEqual([]);
  });

  it("every estimate is labelled kind “estimate” and cites where it comes from", () => {
    const estimates = entries.filter(([, a]) => a.provenance.kind === "estimate");
    expect(estimates.length).toBeGreaterThan(0);
    for (const [id, a] of estimates)
      for (const lang of LANGS) expect(sourceText(a.provenance, lang).length, id).toBeGreaterThan(3);
  });
});

describe.each(scenarios.map((s) => [s.id, s] as const))("scenario %s: uncertainty fits the range", (_, s) => {
  it("every bounded distribution lies inside the allowed range and around the point value", () => {
    const resolved = resolveScenario(s, lib.scenarios, "x");
    if (!resolved.ok) throw new Error("does not resolve");
    for (const [id, a] of Object.entries(resolved.value.assumptions)) {
      const d = a.uncertainty;
      if (!d || d.kind === "normal" || d.kind === "lognormal") continue;
      expect(d.min, id).toBeGreaterThanOrEqual(a.min);
      expect(d.max, id).toBeLessThanOrEqual(a.max);
      expect(d.min, id).toBeLessThanOrEqual(a.value);
      expect(a.value, id).toBeLessThanOrEqual(d.max);
    }
  });
});

/**
 * The printed exact baselines a scenario must reproduce in the baseline year (README, "Adding a plan"):
 * every one a binding reads through `baselineOf`, and every one of an indicator bound to an output whose
 * model starts from a parameter (coverage `rate` from `rate0`, volume `annual` from `level0`…: see
 * `startsFrom` in models/catalogue.ts). A plan with no baseline column has none, and passes.
 */
function baselinesToReproduce(plan: Plan, b: Bindings): Set<string> {
  const out = new Set<string>();
  const exact = new Set(plan.indicators.filter((i) => i.baseline.qualifier === "exact").map((i) => i.id));
  for (const c of b.components)
    for (const src of Object.values(c.params ?? {}))
      if ("baselineOf" in src && exact.has(src.baselineOf)) out.add(src.baselineOf);
  for (const [id, ib] of Object.entries(b.indicators)) {
    if (!exact.has(id) || ib.cumulativeOutput) continue;
    const [cid, output] = ib.output.split(".") as [string, string];
    const model = b.components.find((c) => c.id === cid)?.model;
    if (model && startsFrom(model, output)) out.add(id);
  }
  return out;
}

describe.each(
  scenarios.map((s) => [s.id, s] as const),
)("scenario %s reproduces every printed baseline", (_, s) => {
  const { world, bindings } = prepared(s);
  const ev = evaluate(world, {
    samples: 200,
    seed: 42,
    sampling: "random",
    bands: DEFAULT_BANDS,
    actuals: [],
  });
  const due = baselinesToReproduce(world.plan, bindings);

  it("every exact baseline read through baselineOf or started from: the first year equals it (and p05, p95)", () => {
    let checked = 0;
    ev.indicators.forEach((r, i) => {
      const ind = world.indicators[i]!.indicator;
      if (ind.baseline.qualifier !== "exact" || !due.has(ind.id)) return;
      const v = ind.baseline.value;
      const where = `${ind.id} (printed ${ind.baseline.printed})`;
      for (const x of [r.projection[0]!, r.quantiles![0]![0]!, r.quantiles![4]![0]!]) {
        expect(roundTo(x, ind.precision), where).toBe(roundTo(v, ind.precision));
        expect(Math.abs(x - v), where).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
      }
      checked++;
    });
    expect(checked).toBe(due.size);
  });

  it("the rule is not vacuous: a plan printing exact baselines reproduces some, one without none", () => {
    const exact = world.plan.indicators.filter((i) => i.baseline.qualifier === "exact").length;
    if (exact === 0) expect(due.size).toBe(0);
    else expect(due.size).toBeGreaterThan(0);
  });

  it("a “greater than” baseline: the projection's first year is above the printed bound", () => {
    ev.indicators.forEach((r, i) => {
      const ind = world.indicators[i]!.indicator;
      if (ind.baseline.qualifier !== "greater-than") return;
      const where = `${ind.id} (printed ${ind.baseline.printed})`;
      expect(r.projection[0]!, where).toBeGreaterThan(ind.baseline.value);
      expect(r.quantiles![0]![0]!, where).toBeGreaterThan(ind.baseline.value);
    });
  });
});
