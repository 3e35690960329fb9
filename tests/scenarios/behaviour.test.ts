import { describe, expect, it } from "vitest";
import { medianValues } from "../../models/basis.ts";
import { createQuantile } from "../../models/distributions.ts";
import { evaluate } from "../../models/engine.ts";
import { type Library, prepare } from "../../models/library.ts";
import { sampleSlice } from "../../models/monte-carlo.ts";
import type { Indicator } from "../../models/plan.ts";
import { createRng, deriveSeed } from "../../models/rng.ts";
import { DEFAULT_BANDS } from "../../models/scenario.ts";
import type { World } from "../../models/world.ts";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";

/**
 * Model behaviour checks written as data, in the manner of SDEverywhere's model checks: each names what
 * it checks, what it applies to, and a predicate over one yearly series. One generic test runs every
 * check against every scenario under scenarios/, on the deterministic projection and on a seeded
 * 200-sample Monte Carlo.
 */

/** What a check reads: an indicator's series, or one model component's outputs. */
type Subject =
  | { kind: "indicator"; indicator: Indicator; id: string }
  | { kind: "component"; model: string; id: string; read: (output: string) => Float64Array };

/** A violation: the year and what went wrong, or null when the series behaves. */
type Finding = { year: number; message: string } | null;

interface Check {
  name: string;
  /** Human-readable statement of the subjects, shown with a failure. */
  for: string;
  applies: (s: Subject) => boolean;
  /** `years[i]` is the calendar year of `values[i]`; `targetYear` ends the plan period. */
  check: (years: Int32Array, values: Float64Array, subject: Subject, targetYear: number) => Finding;
}

const COUNT_UNITS = new Set(["people", "attendances", "households", "yuan", "count"]);

function firstYear(
  years: Int32Array,
  values: Float64Array,
  bad: (x: number, i: number) => string | null,
): Finding {
  for (let i = 0; i < values.length; i++) {
    const m = bad(values[i]!, i);
    if (m) return { year: years[i]!, message: m };
  }
  return null;
}

const CHECKS: Check[] = [
  {
    name: "rates stay within 0–100",
    for: "every percent indicator",
    applies: (s) => s.kind === "indicator" && s.indicator.unit === "percent",
    check: (years, v) => firstYear(years, v, (x) => (x >= 0 && x <= 100 ? null : `${x} is outside 0–100`)),
  },
  {
    name: "counts never negative",
    for: "every indicator counting people, attendances, households, yuan or things",
    applies: (s) => s.kind === "indicator" && COUNT_UNITS.has(s.indicator.unit),
    check: (years, v) => firstYear(years, v, (x) => (x >= 0 ? null : `${x} is negative`)),
  },
  {
    name: "cumulative series never fall",
    for: "every cumulative indicator",
    applies: (s) => s.kind === "indicator" && s.indicator.measure === "cumulative",
    check: (years, v) =>
      firstYear(years, v, (x, i) => (i > 0 && x < v[i - 1]! ? `falls from ${v[i - 1]} to ${x}` : null)),
  },
  {
    name: "every series is finite",
    for: "every indicator",
    applies: (s) => s.kind === "indicator",
    check: (years, v) => firstYear(years, v, (x) => (Number.isFinite(x) ? null : `${x}`)),
  },
  {
    name: "population total stays within ±20% of its baseline over the period",
    for: "every population component's total",
    applies: (s) => s.kind === "component" && s.model === "population",
    check: (years, _v, s, targetYear) => {
      if (s.kind !== "component") return null;
      const total = s.read("total");
      return firstYear(years, total, (x, i) =>
        years[i]! <= targetYear && Math.abs(x / total[0]! - 1) > 0.2
          ? `${Math.round(x)} is ${((x / total[0]! - 1) * 100).toFixed(1)}% from ${Math.round(total[0]!)}`
          : null,
      );
    },
  },
  {
    name: "population accounting identity holds: total = last year's + births − deaths + net migration",
    for: "every population component",
    applies: (s) => s.kind === "component" && s.model === "population",
    check: (years, _v, s) => {
      if (s.kind !== "component") return null;
      const [total, births, deaths, migration] = ["total", "births", "deaths", "netMigration"].map(
        s.read,
      ) as [Float64Array, Float64Array, Float64Array, Float64Array];
      return firstYear(years, total, (x, i) => {
        if (i === 0)
          return births[0] === 0 && deaths[0] === 0 && migration[0] === 0 ? null : "flows in year 0";
        const expected = total[i - 1]! + births[i]! - deaths[i]! + migration[i]!;
        return Math.abs(x - expected) <= 1e-9 * x ? null : `${x} ≠ ${expected}`;
      });
    },
  },
];

const SAMPLES = 200;
const SEED = 42;

const lib: Library = loadRepositoryLibrary();
const scenarios = [...lib.scenarios.values()];

/**
 * One run the checks look at. Indicator checks read the deterministic projection and the p05 / p95
 * quantile series; component checks read whole model runs: the point values and each sample.
 */
interface Trace {
  label: string;
  /** Indicator series of this trace, or null where the trace is a component run only. */
  indicator: ((i: number) => Float64Array) | null;
  /** Runs the world so component outputs can be read, or null for a quantile trace. */
  run: (() => void) | null;
}

/** The vectors of the seeded Monte Carlo, drawn exactly as the engine draws sample s (random sampling). */
function sampleVectors(world: World): Float64Array[] {
  const uncertain = world.assumptions
    .map((a, index) => ({ a, index }))
    .filter(({ a }) => a.uncertainty)
    .map(({ a, index }) => ({ index, q: createQuantile(a.uncertainty!, a.min, a.max) }));
  return Array.from({ length: SAMPLES }, (_, s) => {
    const rng = createRng(deriveSeed(SEED, s));
    const vec = Float64Array.from(world.pointValues);
    for (const u of uncertain) vec[u.index] = u.q(rng());
    return vec;
  });
}

function tracesOf(world: World): Trace[] {
  const ev = evaluate(world, {
    samples: SAMPLES,
    seed: SEED,
    sampling: "random",
    bands: DEFAULT_BANDS,
    actuals: [],
  });
  return [
    {
      label: "deterministic",
      indicator: (i) => ev.indicators[i]!.projection,
      run: () => world.run(world.pointValues),
    },
    { label: "Monte Carlo p05", indicator: (i) => ev.indicators[i]!.quantiles![0]!, run: null },
    { label: "Monte Carlo p95", indicator: (i) => ev.indicators[i]!.quantiles![4]!, run: null },
    ...sampleVectors(world).map((vec, s) => ({
      label: `Monte Carlo sample ${s}`,
      indicator: null,
      run: () => world.run(vec),
    })),
  ];
}

function subjectsOf(world: World, bindingsComponents: { id: string; model: string }[]): Subject[] {
  return [
    ...world.indicators.map(
      (b): Subject => ({ kind: "indicator", indicator: b.indicator, id: b.indicator.id }),
    ),
    ...bindingsComponents.map(
      (c): Subject => ({
        kind: "component",
        model: c.model,
        id: c.id,
        read: (o) => world.series(`${c.id}.${o}`),
      }),
    ),
  ];
}

/** Runs every check on every subject of one world; returns the failures as readable lines. */
function runChecks(world: World, checks: Check[]): string[] {
  const comps = lib.bindings.get(world.plan.id)!.components;
  const subjects = subjectsOf(world, comps);
  const failures: string[] = [];
  const targetYear = world.plan.targetYear;
  for (const trace of tracesOf(world)) {
    trace.run?.();
    for (const check of checks) {
      for (const subject of subjects) {
        if (!check.applies(subject)) continue;
        let values: Float64Array;
        if (subject.kind === "indicator") {
          if (!trace.indicator) continue;
          values = trace.indicator(world.indicators.findIndex((b) => b.indicator.id === subject.id));
        } else {
          if (!trace.run) continue;
          values = subject.read("total");
        }
        const f = check.check(world.years, values, subject, targetYear);
        if (f) failures.push(`${check.name} — ${subject.id}, ${trace.label}, ${f.year}: ${f.message}`);
      }
    }
  }
  return failures;
}

function worldOf(id: string, endYear?: number): World {
  const s = lib.scenarios.get(id)!;
  const r = prepare(lib, s, lib.fileOf.get(`scenario:${id}`)!, endYear);
  if (!r.ok) throw new Error(r.error.map((e) => `${e.path}: ${e.message.en}`).join("\n"));
  return r.value.world;
}

describe("model behaviour checks", () => {
  it("cover every scenario under scenarios/, each check applying to some subject", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(2);
    const subjects = scenarios.flatMap((s) => {
      const world = worldOf(s.id);
      return subjectsOf(world, lib.bindings.get(world.plan.id)!.components);
    });
    for (const c of CHECKS) expect(subjects.filter(c.applies).length, c.name).toBeGreaterThan(0);
  });

  it("draw the same samples as the engine", () => {
    const world = worldOf(scenarios[0]!.id);
    const vecs = sampleVectors(world);
    const sl = sampleSlice(world, { samples: SAMPLES, seed: SEED, sampling: "random", from: 0, to: 3 }, []);
    for (let s = 0; s < 3; s++) {
      world.run(vecs[s]!);
      world.indicators.forEach((b, i) => {
        const series = world.series(b.output);
        // Slices are year-major: year y of sample s sits at y × count + s.
        const n = world.years.length;
        const column = Array.from({ length: n }, (_, y) => sl.values[i]![y * 3 + s]!);
        expect(column).toEqual(Array.from(series));
      });
    }
  });

  describe.each(scenarios.map((s) => [s.id] as const))("scenario %s", (id) => {
    it("passes every check on the projection, p05/p95 and each of 200 samples", () => {
      expect(runChecks(worldOf(id), CHECKS)).toEqual([]);
    });
  });

  it("a broken series is caught (the checks can fail)", () => {
    const years = Int32Array.of(2020, 2021, 2022);
    const percent = {
      kind: "indicator",
      id: "x",
      indicator: { unit: "percent", measure: "cumulative" },
    } as Subject;
    expect(CHECKS[0]!.check(years, Float64Array.of(99, 100.5, 100), percent, 2022)).toEqual({
      year: 2021,
      message: "100.5 is outside 0–100",
    });
    expect(CHECKS[1]!.check(years, Float64Array.of(1, -1, 0), percent, 2022)?.year).toBe(2021);
    expect(CHECKS[2]!.check(years, Float64Array.of(0, 5, 4), percent, 2022)?.year).toBe(2022);
    const series: Record<string, Float64Array> = {
      total: Float64Array.of(100, 110, 125),
      births: Float64Array.of(0, 5, 5),
      deaths: Float64Array.of(0, 1, 1),
      netMigration: Float64Array.of(0, 6, 10),
    };
    const pop = {
      kind: "component",
      model: "population",
      id: "p",
      read: (o: string) => series[o]!,
    } as Subject;
    expect(CHECKS[4]!.check(years, series.total!, pop, 2022)?.year).toBe(2022); // +25%
    expect(CHECKS[5]!.check(years, series.total!, pop, 2022)?.year).toBe(2022); // 110 + 14 ≠ 125
  });
});

describe("model behaviour checks to the outlook year (deterministic)", () => {
  const outlook = CHECKS.filter(
    (c) => c.name !== "population total stays within ±20% of its baseline over the period",
  );
  it.each(scenarios.map((s) => [s.id] as const))("scenario %s to 2035", (id) => {
    const s = lib.scenarios.get(id)!;
    const plan = lib.plans.get(s.planId)!;
    const world = worldOf(id, plan.outlookYear ?? plan.targetYear);
    world.run(world.pointValues);
    const comps = lib.bindings.get(plan.id)!.components;
    const failures: string[] = [];
    for (const check of outlook) {
      for (const subject of subjectsOf(world, comps)) {
        if (!check.applies(subject)) continue;
        const values =
          subject.kind === "indicator"
            ? world.series(world.indicators.find((b) => b.indicator.id === subject.id)!.output)
            : subject.read("total");
        const f = check.check(world.years, values, subject, plan.targetYear);
        if (f) failures.push(`${check.name} — ${subject.id}, ${f.year}: ${f.message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

/**
 * Bands on how fast the certified and severely disabled populations grow, as data. Published series at
 * hand (scenarios/evidence/national-disability-statistics.json): two-subsidy nursing recipients, the
 * severely disabled, +2.6% a year nationally (mid-2021 → mid-2025); living-subsidy recipients flat;
 * disabled pension participants +3.4% a year (2014–2021); certificate holders +5.9% a year only during
 * the 2016–2019 registration drive, which is a one-off catch-up, not a trend. Ageing makes a fall
 * implausible. So the average growth from the baseline year to the target year must lie in 0–4% a
 * year, run at the medians of every scenario's assumptions. A teaching scenario that deliberately
 * stresses the population (it overrides a `population.*` assumption, with its reason) is held to the
 * fastest growth ever published, the registration drive's: 0–6% a year.
 */
const GROWTH_BANDS: { output: "certified" | "severe"; min: number; max: number; stressMax: number }[] = [
  { output: "certified", min: 0, max: 4, stressMax: 6 },
  { output: "severe", min: 0, max: 4, stressMax: 6 },
];

describe("certified and severe disabled population growth stays in the published band", () => {
  // Every scenario whose bindings model the population (a scaffolded plan has none until the person adds
  // one); both seed plans do.
  const withPopulation = scenarios.filter((s) =>
    lib.bindings.get(s.planId)?.components.some((c) => c.model === "population"),
  );
  it("applies to both seed plans", () => {
    const plans = new Set(withPopulation.map((s) => s.planId));
    expect(plans.has("jiaxing-2021-2025") && plans.has("huyi-2021-2025")).toBe(true);
  });
  it.each(withPopulation.map((s) => [s.id] as const))("scenario %s", (id) => {
    const world = worldOf(id);
    world.run(medianValues(world));
    const comps = lib.bindings.get(world.plan.id)!.components.filter((c) => c.model === "population");
    expect(comps.length).toBeGreaterThan(0);
    const T = world.plan.targetYear - world.span.start;
    const failures: string[] = [];
    const stressed = Object.keys(lib.scenarios.get(id)!.overrides ?? {}).some((k) =>
      k.startsWith("population."),
    );
    for (const c of comps) {
      for (const band of GROWTH_BANDS) {
        const s = world.series(`${c.id}.${band.output}`);
        const g = ((s[T]! / s[0]!) ** (1 / T) - 1) * 100;
        const max = stressed ? band.stressMax : band.max;
        if (!(g >= band.min && g <= max))
          failures.push(`${c.id}.${band.output} grows ${g.toFixed(2)}% a year, outside ${band.min}–${max}%`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("the band can fail: certifying every in-migrant at residents' rate with high migration breaks it", () => {
    const world = worldOf("jiaxing-baseline");
    const v = medianValues(world);
    v[world.assumptionIds.indexOf("population.netMigration")] =
      world.assumptions[world.assumptionIds.indexOf("population.netMigration")]!.max;
    v[world.assumptionIds.indexOf("population.migrantCertification")] = 100;
    v[world.assumptionIds.indexOf("population.prevalenceTrend")] =
      world.assumptions[world.assumptionIds.indexOf("population.prevalenceTrend")]!.max;
    world.run(v);
    const s = world.series("population.certified");
    const T = world.plan.targetYear - world.span.start;
    expect(((s[T]! / s[0]!) ** (1 / T) - 1) * 100).toBeGreaterThan(4);
  });
});

/**
 * Under a plan's evidence baseline, no coverage rate falls below its printed baseline only because need
 * grows faster than a fixed yearly addition: where observations show a rate held or rising, the
 * defaults keep pace with need.
 */
describe("coverage rates do not fall below their baseline under the evidence baselines", () => {
  const baselines = scenarios.filter((s) => s.extends === undefined);
  it.each(baselines.map((s) => [s.id] as const))("scenario %s", (id) => {
    const world = worldOf(id);
    const ev = evaluate(world, {
      samples: 0,
      seed: 1,
      sampling: "random",
      bands: DEFAULT_BANDS,
      actuals: [],
    });
    const failures: string[] = [];
    ev.indicators.forEach((r, i) => {
      const ind = world.indicators[i]!.indicator;
      if (ind.unit !== "percent" || ind.measure !== "level" || ind.baseline.qualifier !== "exact") return;
      if (ind.target.kind !== "compare" || (ind.target.comparator !== ">=" && ind.target.comparator !== ">"))
        return;
      const T = ind.target.year - world.span.start;
      const tolerance = 0.5 * 10 ** -ind.precision;
      if (r.projection[T]! < ind.baseline.value - tolerance)
        failures.push(
          `${ind.id}: ${r.projection[T]!.toFixed(2)} in ${ind.target.year} < baseline ${ind.baseline.value}`,
        );
    });
    expect(failures).toEqual([]);
  });
});
