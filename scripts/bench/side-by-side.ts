/**
 * One retrofit model written three ways, so their speeds can be compared on the same question (issue 12):
 *
 * five projected years; a backlog of 3,000 eligible households at the start and 120 newly eligible a
 * year; year-one capacity ~ Normal(450, 50) households growing ~ Uniform(3%, 12%) a year; cost per
 * household ~ Triangular(5,000, 6,000, 8,000) yuan in the start year, inflating ~ Uniform(1%, 5%) a
 * year; year-one budget ~ Normal(2.8 M, 0.3 M) yuan growing ~ Uniform(0%, 8%) a year. Each year
 * completes the least of capacity, budget ÷ cost and the backlog. The answer is P(cumulative
 * completions over the five years ≥ 2,500).
 *
 * Year accounting follows Reachable's retrofit model (models/retrofit.ts): in projected year t = 1…5
 * the eligible stock has grown by 120·t, the cost by (1 + inflation)^t, capacity and budget by
 * (1 + growth)^(t − 1).
 *
 * (a) Reachable: a small plan, bindings and scenario built in memory and evaluated by the inline runner,
 *     the code path the app's runners take (worldFor → evaluate: sampling, models, judging, quantiles).
 * (b) Squiggle (`@quri/squiggle-lang`), written as a Squiggle user would: sample sets and `SampleSet.mapN`.
 * (c) A hand-written loop over `Float64Array`s: the floor any engine can approach.
 */
import { normalQuantile } from "../../models/distributions.ts";
import { deriveSeed, fillUniform } from "../../models/rng.ts";
import { DEFAULT_BANDS } from "../../models/scenario.ts";
import { createInlineRunner, type EvaluateRequest } from "../../src/kernel/runner.ts";

export const TARGET = 2500;
const ID = "bench-retrofit";
const INDICATOR = "bench-retrofit-households";

const bi = (en: string) => ({ zh: en, en });

/** The model as the app receives it: plan, bindings and resolved assumptions (plain data). */
export function reachableRequest(samples: number, seed: number): EvaluateRequest {
  const plan = {
    schemaVersion: 1 as const,
    id: ID,
    title: bi("Retrofit benchmark plan"),
    region: bi("Benchmark county"),
    level: "county" as const,
    province: bi("Benchmark"),
    issuer: bi("Benchmark"),
    issued: null,
    period: { from: 2021, to: 2025 },
    baselineYear: 2020,
    targetYear: 2025,
    source: { file: "bench", title: "bench" },
    evaluations: [],
    indicators: [
      {
        id: INDICATOR,
        printedNumber: null,
        origin: "text" as const,
        name: bi("Households given a home accessibility retrofit"),
        unit: "households" as const,
        unitPrinted: true,
        attribute: "unspecified" as const,
        measure: "cumulative" as const,
        precision: 0,
        baseline: { qualifier: "missing" as const, year: 2020, printed: "—" },
        target: {
          kind: "compare" as const,
          year: 2025,
          comparator: ">=" as const,
          comparatorPrinted: true,
          value: TARGET,
          printed: "2500户以上",
        },
        source: { section: "bench" },
      },
    ],
  };
  const bindings = {
    schemaVersion: 1 as const,
    planId: ID,
    components: [
      {
        id: "retrofit",
        model: "retrofit",
        label: bi("Retrofits"),
        inputs: { driver: "constant" },
        params: { eligible0: { value: 3000 }, rate0: { value: 0 }, inflowRate: { value: 4 } },
      },
    ],
    indicators: { [INDICATOR]: { output: "retrofit.cumulativeCompletions" } },
  };
  const est = { kind: "estimate" as const, source: "issue 12 benchmark" };
  const a = (
    unit: string,
    value: number,
    min: number,
    max: number,
    uncertainty: Record<string, unknown>,
  ) => ({ label: bi(unit), unit, value, min, max, uncertainty, provenance: est });
  // Point values sit at each distribution's centre (the engine centres uncertainty on the value), and the
  // allowed ranges are wide enough that truncation removes nothing measurable (> 8 sd for the normals).
  const assumptions = {
    "retrofit.capacity1": a("households-per-year", 450, 0, 1_000_000, { kind: "normal", mean: 450, sd: 50 }),
    "retrofit.capacityRamp": a("percent-per-year", 7.5, -50, 100, { kind: "uniform", min: 3, max: 12 }),
    "retrofit.cost0": a("yuan-per-household", 6000, 100, 100_000, {
      kind: "triangular",
      min: 5000,
      mode: 6000,
      max: 8000,
    }),
    "retrofit.costInflation": a("percent-per-year", 3, -10, 30, { kind: "uniform", min: 1, max: 5 }),
    "retrofit.budget1": a("yuan-per-year", 2.8e6, 0, 10_000_000_000, {
      kind: "normal",
      mean: 2.8e6,
      sd: 0.3e6,
    }),
    "retrofit.budgetGrowth": a("percent-per-year", 4, -50, 50, { kind: "uniform", min: 0, max: 8 }),
  };
  return {
    plan,
    bindings,
    assumptions,
    actuals: [],
    bands: DEFAULT_BANDS,
    samples,
    seed,
    sampling: "random",
  } as unknown as EvaluateRequest;
}

/** (a) P(≥ 2,500) in percent, through the inline runner (as the app and the CLI run it). */
export async function runReachable(samples: number, seed: number): Promise<number> {
  const r = await createInlineRunner().evaluate(reachableRequest(samples, seed));
  if (!r.ok) throw new Error(r.error.message.en);
  return r.value.indicators[0]!.probability!;
}

/** (b) The same model in Squiggle. */
export const SQUIGGLE_CODE = `
backlog0 = 3000
newEligible = 120
capacity1 = normal(450, 50)
capacityGrowth = uniform(0.03, 0.12)
cost0 = triangular(5000, 6000, 8000)
costInflation = uniform(0.01, 0.05)
budget1 = normal(2.8M, 0.3M)
budgetGrowth = uniform(0, 0.08)

completed(c1, cg, k0, ki, b1, bg) = List.reduce(
  List.upTo(1, 5),
  0,
  {|done, t|
    capacity = c1 * (1 + cg) ^ (t - 1)
    affordable = b1 * (1 + bg) ^ (t - 1) / (k0 * (1 + ki) ^ t)
    backlog = backlog0 + newEligible * t - done
    done + max([0, min([capacity, affordable, backlog])])
  }
)

cumulative = SampleSet.mapN(
  [capacity1, capacityGrowth, cost0, costInflation, budget1, budgetGrowth],
  {|xs| completed(xs[0], xs[1], xs[2], xs[3], xs[4], xs[5])}
)
reached = SampleSet.map(cumulative, {|x| x >= ${TARGET} ? 1 : 0})
probability = mean(reached)
`;

/** (b) P(≥ 2,500) in percent, from Squiggle with `samples` samples. */
export async function runSquiggle(samples: number, seed: string): Promise<number> {
  const { run, defaultEnvironment } = await import("@quri/squiggle-lang");
  const out = await run(SQUIGGLE_CODE, {
    environment: { ...defaultEnvironment, sampleCount: samples, seed },
  });
  const r = out.result;
  if (!r.ok) throw new Error(`Squiggle: ${r.value.toString()}`);
  const p = r.value.bindings.get("probability");
  const v = p?.asJS();
  if (typeof v !== "number") throw new Error("Squiggle: no probability");
  return 100 * v;
}

/**
 * (c) P(≥ 2,500) in percent from a hand-written loop: inverse-CDF draws from the same seeded streams as
 * the engine (not the same numbers: no truncation), then the five years in registers.
 */
export function runHandLoop(samples: number, seed: number): number {
  const u = new Float64Array(6);
  const c1 = new Float64Array(samples);
  const cg = new Float64Array(samples);
  const k0 = new Float64Array(samples);
  const ki = new Float64Array(samples);
  const b1 = new Float64Array(samples);
  const bg = new Float64Array(samples);
  const fc = (6000 - 5000) / (8000 - 5000);
  for (let s = 0; s < samples; s++) {
    fillUniform(deriveSeed(seed, s), u, 6);
    c1[s] = 450 + 50 * normalQuantile(u[0]!);
    cg[s] = 1.03 + 0.09 * u[1]!;
    const p = u[2]!;
    k0[s] = p < fc ? 5000 + Math.sqrt(p * 3000 * 1000) : 8000 - Math.sqrt((1 - p) * 3000 * 2000);
    ki[s] = 1.01 + 0.04 * u[3]!;
    b1[s] = 2.8e6 + 0.3e6 * normalQuantile(u[4]!);
    bg[s] = 1 + 0.08 * u[5]!;
  }
  let met = 0;
  for (let s = 0; s < samples; s++) {
    let capacity = c1[s]!;
    let budget = b1[s]!;
    let cost = k0[s]!;
    let done = 0;
    let eligible = 3000;
    for (let t = 1; t <= 5; t++) {
      if (t > 1) {
        capacity *= cg[s]!;
        budget *= bg[s]!;
      }
      cost *= ki[s]!;
      eligible += 120;
      const c = Math.min(capacity, budget / cost, eligible - done);
      if (c > 0) done += c;
    }
    if (done >= TARGET) met++;
  }
  return (100 * met) / samples;
}
