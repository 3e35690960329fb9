import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { catalogue, MODEL_DOCS } from "../../models/catalogue.ts";
import { evaluate } from "../../models/engine.ts";
import { judge, judgingPrecision, roundTo } from "../../models/feasibility.ts";
import { type Indicator, type Plan, parsePlan } from "../../models/plan.ts";
import { checkPlan } from "../../models/plan-check.ts";
import { MODELS } from "../../models/registry.ts";
import { componentIdOf, prefixOf, scaffoldPlan } from "../../models/scaffold.ts";
import { DEFAULT_BANDS, resolveScenario } from "../../models/scenario.ts";
import { compileWorld, measureAssumptionId } from "../../models/world.ts";

/**
 * The shapes real plans print (issue 13): provincial and national levels, tables with no baseline
 * column, printed scales (万人), counts that do not say per year or in total, partial tables, sources
 * with an address, "in step with" any series and "basically in step", range targets; and the scaffold
 * that binds such a plan without hand-written bindings.
 */

const ROOT = join(import.meta.dirname, "../..");
const f = (...xs: number[]) => Float64Array.from(xs);

const BASE: Indicator = {
  id: "t-x",
  printedNumber: 1,
  origin: "table",
  name: { zh: "测试", en: "test" },
  unit: "percent",
  unitPrinted: true,
  attribute: "expected",
  measure: "level",
  precision: 0,
  baseline: { qualifier: "not-in-source", year: 2020 },
  target: { kind: "range", year: 2025, lo: 90, hi: 95, printed: "90%–95%" },
  source: { section: "专栏1" },
};

function plan(indicators: unknown[], extra: Record<string, unknown> = {}): unknown {
  return {
    schemaVersion: 1,
    id: "test-prov-2021-2025",
    title: { zh: "某省规划", en: "A provincial plan" },
    region: { zh: "某省", en: "A province" },
    level: "province",
    province: { zh: "某省", en: "A province" },
    issuer: { zh: "某省人民政府", en: "A provincial government" },
    issued: null,
    period: { from: 2021, to: 2025 },
    baselineYear: 2020,
    targetYear: 2025,
    source: { url: "https://example.gov.cn/plan.html", retrieved: "2026-11-30", title: "某省规划" },
    evaluations: [],
    indicators,
    ...extra,
  };
}

const row = (n: number, over: Record<string, unknown>) => ({
  id: `t-r${n}`,
  printedNumber: n,
  origin: "table",
  name: { zh: `指标${n}`, en: `row ${n}` },
  unit: "percent",
  unitPrinted: true,
  attribute: "expected",
  measure: "level",
  precision: 0,
  baseline: { qualifier: "not-in-source", year: 2020 },
  target: {
    kind: "compare",
    year: 2025,
    comparator: ">=",
    comparatorPrinted: false,
    value: 100,
    printed: "100",
  },
  source: { section: "专栏1" },
  ...over,
});

/** One row of every shape the scaffold must bind. */
const EVERY_SHAPE = [
  row(1, {
    unit: "growth-rate",
    precision: 1,
    target: {
      kind: "in-step-with",
      year: 2025,
      series: "resident-income-growth",
      seriesName: { zh: "全省居民人均可支配收入增长", en: "provincial resident income growth" },
      printed: "与居民收入增长基本同步",
      basically: true,
      tolerance: 0.5,
      toleranceNote: { zh: "读者设定", en: "set by the reader" },
    },
  }),
  row(2, {
    unit: "people",
    scale: "万人",
    measure: "unstated",
    target: {
      kind: "compare",
      year: 2025,
      comparator: ">",
      comparatorPrinted: true,
      value: 40000,
      printed: ">4",
    },
  }),
  row(3, { baseline: { qualifier: "exact", year: 2020, value: 85, printed: "85" } }),
  row(4, {
    baseline: { qualifier: "greater-than", year: 2020, value: 90, printed: ">90" },
    target: {
      kind: "compare",
      year: 2025,
      comparator: ">",
      comparatorPrinted: true,
      value: 90,
      printed: ">90",
    },
  }),
  row(5, { target: { kind: "range", year: 2025, lo: 90, hi: 95, printed: "90%–95%" } }),
  row(6, {
    baseline: { qualifier: "exact", year: 2020, value: 12, printed: "12" },
    target: {
      kind: "compare",
      year: 2025,
      comparator: "<=",
      comparatorPrinted: true,
      value: 8,
      printed: "≤8",
    },
  }),
  row(7, {
    unit: "growth-rate",
    precision: 1,
    target: {
      kind: "compare",
      year: 2025,
      comparator: ">",
      comparatorPrinted: true,
      value: 7.5,
      printed: ">7.5",
    },
  }),
  row(8, {
    unit: "households",
    measure: "cumulative",
    target: {
      kind: "compare",
      year: 2025,
      comparator: ">=",
      comparatorPrinted: true,
      value: 2500,
      printed: "2500户以上",
    },
  }),
  row(9, {
    unit: "attendances",
    measure: "annual",
    target: {
      kind: "compare",
      year: 2025,
      comparator: ">=",
      comparatorPrinted: true,
      value: 1600,
      printed: "1600人次以上",
    },
  }),
  row(10, {
    unit: "people",
    baseline: { qualifier: "exact", year: 2020, value: 300, printed: "300" },
    target: {
      kind: "compare",
      year: 2025,
      comparator: ">",
      comparatorPrinted: true,
      value: 500,
      printed: ">500",
    },
  }),
  row(11, {
    unit: "attendances",
    baseline: { qualifier: "exact", year: 2020, value: 70, printed: "70" },
    target: { kind: "hold", year: 2025, printed: "70" },
  }),
  row(12, {
    unit: "count",
    unitLabel: { zh: "个", en: "communities" },
    measure: "cumulative",
    target: {
      kind: "compare",
      year: 2025,
      comparator: ">=",
      comparatorPrinted: true,
      value: 65,
      printed: "65个以上",
    },
  }),
  row(13, {
    unit: "yuan",
    scale: "亿元",
    precision: 1,
    target: {
      kind: "compare",
      year: 2025,
      comparator: ">=",
      comparatorPrinted: true,
      value: 250_000_000,
      printed: "2.5",
    },
  }),
];

function parsed(input: unknown): Plan {
  const r = parsePlan(input, "test.json");
  if (!r.ok) throw new Error(r.error.map((i) => `${i.path}: ${i.message.en}`).join("\n"));
  return r.value;
}

function problems(input: unknown): string[] {
  const r = parsePlan(input, "test.json");
  return r.ok ? [] : r.error.map((i) => `${i.path}: ${i.message.en}`);
}

describe("the plan schema reads the shapes real plans print", () => {
  it("a provincial plan with no baseline column, a 万人 target, an unstated measure, a range and 基本同步 parses", () => {
    const p = parsed(
      plan(EVERY_SHAPE, { table: { partial: true, note: { zh: "缺页", en: "a page is missing" } } }),
    );
    expect(p.level).toBe("province");
    expect(p.indicators[1]!.baseline).toEqual({ qualifier: "not-in-source", year: 2020 });
    expect(p.indicators[1]!.target).toMatchObject({ value: 40000, printed: ">4" });
    expect(parsed(plan([row(1, {})], { level: "national" })).level).toBe("national");
  });

  it("rejects what a careless reading would store, naming the place and the fix", () => {
    const scaled = problems(
      plan([row(1, { unit: "people", scale: "万人", target: { ...EVERY_SHAPE[1]!.target, value: 4 } })]),
    );
    expect(scaled.join("\n")).toMatch(/indicators\[0\]\.target\.value: .*40000, not 4/);
    // A 万 printed after the number, with no scale on the row: still 40000, never 4 (baseline too).
    const wan = problems(
      plan([
        row(1, {
          unit: "people",
          measure: "annual",
          baseline: { qualifier: "exact", year: 2020, value: 3.8, printed: "3.8万" },
          target: {
            kind: "compare",
            year: 2025,
            comparator: ">=",
            comparatorPrinted: true,
            value: 4,
            printed: "4万以上",
          },
        }),
      ]),
    );
    expect(wan.join("\n")).toMatch(
      /indicators\[0\]\.target\.value: printed "4万以上", so stored in base units it is 40000, not 4/,
    );
    expect(wan.join("\n")).toMatch(/indicators\[0\]\.baseline\.value: .*38000, not 3.8/);
    expect(
      problems(
        plan([
          row(1, {
            unit: "people",
            measure: "annual",
            target: {
              kind: "compare",
              year: 2025,
              comparator: ">=",
              comparatorPrinted: true,
              value: 40000,
              printed: "4万以上",
            },
          }),
        ]),
      ),
    ).toEqual([]);
    expect(problems(plan([row(1, { unit: "households", scale: "万人" })])).join()).toMatch(
      /belongs to people/,
    );
    expect(
      problems(plan([row(1, { baseline: { qualifier: "not-in-source", year: 2020, printed: "—" } })])).length,
    ).toBeGreaterThan(0);
    expect(
      problems(
        plan([row(1, { target: { kind: "range", year: 2025, lo: 95, hi: 90, printed: "95–90" } })]),
      ).join(),
    ).toMatch(/lower end/);
    const noTolerance = structuredClone(EVERY_SHAPE[0]!) as { target: { tolerance?: number } };
    delete noTolerance.target.tolerance;
    expect(problems(plan([noTolerance])).join()).toMatch(/tolerance/);
    expect(problems(plan([row(1, { measure: "unstated" })])).join()).toMatch(/always a level/);
    expect(problems(plan([row(1, {})], { source: { url: "https://x.cn/a", title: "t" } })).join()).toMatch(
      /retrieved/,
    );
    expect(problems(plan([row(1, {})], { source: { title: "t" } })).join()).toMatch(/file or an address/);
  });

  it("every existing plan file stays valid (no migration of the data needed)", () => {
    for (const id of ["huyi-2021-2025", "jiaxing-2021-2025", "neimenggu-2021-2025"]) {
      const text = readFileSync(join(ROOT, "scenarios/plans", `${id}.json`), "utf8");
      expect(problems(JSON.parse(text)), id).toEqual([]);
    }
  });
});

describe("check-plan reports the new shapes", () => {
  const p = parsed(
    plan(EVERY_SHAPE, { table: { partial: true, note: { zh: "缺页。", en: "a page is missing." } } }),
  );
  const findings = checkPlan(p);
  const codes = (code: string) => findings.filter((x) => x.code === code);

  it("an unstated measure, a partial table and a basically-in-step target each get a finding", () => {
    expect(codes("measure-unstated").map((x) => x.indicatorIds)).toEqual([["t-r2"]]);
    expect(codes("measure-unstated")[0]!.message.en).toContain("t-r2.measure");
    expect(codes("partial-table")).toHaveLength(1);
    expect(codes("basically-in-step")[0]!.message.en).toContain("0.5");
  });

  it("a table with no baseline column is one finding, not one per row", () => {
    const none = checkPlan(parsed(plan([row(1, {}), row(2, {})])));
    expect(none.filter((x) => x.code === "baseline-not-in-source")).toHaveLength(1);
    expect(none.filter((x) => x.code === "baseline-missing")).toHaveLength(0);
  });
});

describe("judging the new target kinds keeps the verdict contract", () => {
  const range = (lo: number, hi: number, precision: number): Indicator => ({
    ...BASE,
    precision,
    target: { kind: "range", year: 2025, lo, hi, printed: `${lo}–${hi}` },
  });

  it("range: value is the judged value rounded, met ⇔ margin ≥ 0 ⇔ lo ≤ value ≤ hi, score = −distance outside", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.integer({ min: 50, max: 120 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 2 }),
        (x, lo, width, p) => {
          const ind = range(lo, lo + width, p);
          const j = judge(ind, f(80, 81, 82, 83, 84, x), undefined, 2020, 2021);
          expect(j.value).toBe(roundTo(x, p) + 0);
          expect(j.met).toBe(j.margin >= 0);
          expect(j.met).toBe(j.value >= lo && j.value <= lo + width);
          expect(j.score <= 0).toBe(true);
          expect(j.met).toBe(j.score === 0);
          expect(roundTo(j.margin, p) + 0).toBe(j.margin);
          expect(Object.is(j.margin, -0)).toBe(false);
        },
      ),
      { numRuns: 2000, seed: 13 },
    );
  });

  it("range: met is monotone in the score (the median sample's verdict is the majority's)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.integer({ min: 0, max: 2 }),
        (x1, x2, p) => {
          const ind = range(90, 95, p);
          const a = judge(ind, f(80, 81, 82, 83, 84, x1), undefined, 2020, 2021);
          const b = judge(ind, f(80, 81, 82, 83, 84, x2), undefined, 2020, 2021);
          const [lo, hi] = a.score <= b.score ? [a, b] : [b, a];
          if (lo.met) expect(hi.met).toBe(true);
        },
      ),
      { numRuns: 2000, seed: 14 },
    );
  });

  it("basically in step: met ⇔ the growth gap at one decimal is at least −tolerance; strictly in step needs ≥ 0", () => {
    const inStep = (tolerance?: number): Indicator => ({
      ...BASE,
      unit: "growth-rate",
      precision: 1,
      target: {
        kind: "in-step-with",
        year: 2025,
        series: "gdp-growth",
        seriesName: { zh: "生产总值增长", en: "GDP growth" },
        printed: "基本同步",
        ...(tolerance === undefined
          ? {}
          : { basically: true, tolerance, toleranceNote: { zh: "设定", en: "set" } }),
      },
    });
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.constantFrom(0.3, 0.5, 1),
        (g1, g2, tol) => {
          const soft = inStep(tol);
          const a = judge(soft, f(0, 0, 0, 0, 0, g1), f(0, 0, 0, 0, 0, 0), 2020, 2021);
          const b = judge(soft, f(0, 0, 0, 0, 0, g2), f(0, 0, 0, 0, 0, 0), 2020, 2021);
          expect(a.value).toBe(roundTo(g1, 1) + 0);
          expect(a.met).toBe(a.margin >= 0);
          expect(a.met).toBe(a.value >= -tol - 1e-9);
          const [lo, hi] = a.score <= b.score ? [a, b] : [b, a];
          if (lo.met) expect(hi.met).toBe(true);
          const strict = judge(inStep(), f(0, 0, 0, 0, 0, g1), f(0, 0, 0, 0, 0, 0), 2020, 2021);
          expect(strict.met).toBe(strict.value >= 0);
        },
      ),
      { numRuns: 1000, seed: 15 },
    );
  });

  it("a 万人 target is judged in base units at the printed precision: to the nearest 10,000", () => {
    const ind: Indicator = {
      ...BASE,
      unit: "people",
      scale: "万人",
      target: {
        kind: "compare",
        year: 2025,
        comparator: ">=",
        comparatorPrinted: true,
        value: 40000,
        printed: "≥4",
      },
    };
    expect(judgingPrecision(ind)).toBe(-4);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 200_000, noNaN: true }),
        fc.double({ min: 0, max: 200_000, noNaN: true }),
        (x, y) => {
          const a = judge(ind, f(0, 0, 0, 0, 0, x), undefined, 2020, 2021);
          const b = judge(ind, f(0, 0, 0, 0, 0, y), undefined, 2020, 2021);
          expect(a.value).toBe(roundTo(x, -4) + 0);
          expect(a.value % 10_000).toBe(0);
          expect(a.met).toBe(a.margin >= 0);
          const [lo, hi] = a.score <= b.score ? [a, b] : [b, a];
          if (lo.met) expect(hi.met).toBe(true);
        },
      ),
      { numRuns: 1000, seed: 16 },
    );
    expect(judge(ind, f(0, 0, 0, 0, 0, 35_000), undefined, 2020, 2021)).toMatchObject({
      value: 40_000,
      met: true,
    });
    expect(judge(ind, f(0, 0, 0, 0, 0, 34_999), undefined, 2020, 2021)).toMatchObject({
      value: 30_000,
      met: false,
      margin: -10_000,
    });
  });
});

describe("the scaffold binds every shape, so a new plan evaluates at once", () => {
  const p = parsed(plan(EVERY_SHAPE));
  const s = scaffoldPlan(p);
  const resolved = resolveScenario(s.scenario, new Map([[s.scenario.id, s.scenario]]), "scaffold");
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.error));
  const world = compileWorld(p, s.bindings, resolved.value, "bindings.json");

  it("compiles with no issue: every indicator bound, every assumption used and inside its model's range", () => {
    expect(world.ok ? [] : world.error.map((i) => `${i.path}: ${i.message.en}`)).toEqual([]);
    expect(Object.keys(s.bindings.indicators)).toEqual(p.indicators.map((i) => i.id));
    expect(s.prefix).toBe("test-prov");
    expect(s.scenario.id).toBe("test-prov-baseline");
    expect(prefixOf("huyi-2021-2025")).toBe("huyi");
    expect(componentIdOf("hy-t04-trained-people")).toBe("hyT04TrainedPeople");
  });

  it("labels every assumption plan or estimate, with a range around its value and notes in both languages", () => {
    const all = Object.entries(s.scenario.assumptions!);
    expect(all.length).toBeGreaterThan(20);
    for (const [id, a] of all) {
      expect(["plan", "estimate"], id).toContain(a.provenance.kind);
      expect(a.min, id).toBeLessThanOrEqual(a.value);
      expect(a.value, id).toBeLessThanOrEqual(a.max);
      expect(a.min, id).toBeLessThan(a.max);
      expect(a.provenance.note?.zh.length, id).toBeGreaterThan(5);
      expect(a.provenance.note?.en.length, id).toBeGreaterThan(5);
      if (a.provenance.kind === "plan") expect(a.provenance.note!.en, id).toContain("not evidence");
      else expect(a.provenance.note!.en, id).toContain("estimate");
    }
    expect(s.scenario.assumptions![measureAssumptionId("t-r2")]).toMatchObject({ value: 0, min: 0, max: 1 });
  });

  it("at the scaffold's defaults every target is met (they restate the plan) and exact baselines are reproduced", () => {
    if (!world.ok) throw new Error("does not compile");
    const ev = evaluate(world.value, {
      samples: 0,
      seed: 1,
      sampling: "random",
      bands: DEFAULT_BANDS,
      actuals: [],
    });
    expect(ev.indicators.filter((r) => !r.judgement.met).map((r) => r.id)).toEqual([]);
    ev.indicators.forEach((r, i) => {
      const b = world.value.indicators[i]!.indicator.baseline;
      if (b.qualifier === "exact") expect(r.projection[0], r.id).toBe(b.value);
    });
  });

  it("the unstated measure is a switch: 0 judges the yearly series, 1 the total over the period", () => {
    if (!world.ok) throw new Error("does not compile");
    const w = world.value;
    const j = w.assumptionIds.indexOf(measureAssumptionId("t-r2"));
    const i = w.indicators.findIndex((b) => b.indicator.id === "t-r2");
    const at = (v: number) => {
      const values = Float64Array.from(w.pointValues);
      values[j] = v;
      const ev = evaluate(
        { ...w, pointValues: values },
        {
          samples: 0,
          seed: 1,
          sampling: "random",
          bands: DEFAULT_BANDS,
          actuals: [],
        },
      );
      return { value: ev.indicators[i]!.judgement.value, measure: w.indicators[i]!.indicator.measure };
    };
    expect(at(0)).toEqual({ value: 50_000, measure: "annual" });
    expect(at(1)).toEqual({ value: 250_000, measure: "cumulative" });
    expect(p.indicators[1]!.measure).toBe("unstated");
  });
});

describe("the model catalogue", () => {
  it("documents every model, parameter (in both languages), input and output of the registry", () => {
    const cat = catalogue();
    expect(cat.map((m) => m.name)).toEqual(Object.keys(MODELS));
    for (const m of cat) {
      expect(MODEL_DOCS[m.name], m.name).toBeDefined();
      for (const p of m.params) expect(p.doc.zh.length, `${m.name}.${p.name}`).toBeGreaterThan(3);
      for (const i of m.inputs)
        expect(MODEL_DOCS[m.name]!.inputs[i.name], `${m.name}.${i.name}`).toBeDefined();
      for (const o of m.outputs)
        expect(MODEL_DOCS[m.name]!.outputs[o.name], `${m.name}.${o.name}`).toBeDefined();
      for (const [o, d] of Object.entries(MODEL_DOCS[m.name]!.outputs)) {
        expect(MODELS[m.name]!.outputs, `${m.name}.${o}`).toContain(o);
        if (d.startsFrom)
          expect(
            m.params.map((p) => p.name),
            `${m.name}.${o}`,
          ).toContain(d.startsFrom);
      }
    }
  });

  it("binding errors list the valid names", () => {
    const p = parsed(plan([row(1, {})]));
    const s = scaffoldPlan(p);
    const resolved = resolveScenario(s.scenario, new Map([[s.scenario.id, s.scenario]]), "x");
    if (!resolved.ok) throw new Error("does not resolve");
    const c = s.bindings.components[0]!;
    const bad = (components: typeof s.bindings.components, output = `${c.id}.rate`) => {
      const r = compileWorld(
        p,
        { ...s.bindings, components, indicators: { "t-r1": { output } } },
        resolved.value,
        "b.json",
      );
      return r.ok ? "" : r.error.map((i) => i.message.en).join("\n");
    };
    expect(bad([{ ...c, model: "coverge" }])).toContain("the models are: population, subsidy, retrofit");
    expect(bad([{ ...c, params: { ...c.params, rat0: { value: 1 } } }])).toContain(
      "its parameters are: need0, rate0, addPP, attrition, ceiling",
    );
    expect(bad([c], `${c.id}.rates`)).toContain("its outputs are: need, served, rate");
    expect(bad([c], "nothing.rate")).toContain(`the components are: ${c.id}`);
  });
});
