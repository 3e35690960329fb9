import type { Bindings } from "./bindings.ts";
import type { ModelSpec, Series, YearSpan } from "./model.ts";
import type { Indicator, Plan } from "./plan.ts";
import { MODELS } from "./registry.ts";
import { err as failure, ok } from "./result.ts";
import type { Assumption, ResolvedScenario } from "./scenario.ts";
import type { Result } from "./text.ts";
import type { InputIssue } from "./validation.ts";

/**
 * An indicator as the engine judges it: the plan's indicator plus the series bound to it. Where the plan
 * leaves the measure `unstated`, `indicator` is the world's own copy whose `measure` every run sets from
 * the assumption `<indicator id>.measure` (0 → annual, 1 → cumulative), and `output` names a series the
 * world fills from the yearly or the cumulative output accordingly.
 */
export interface BoundIndicator {
  readonly indicator: Indicator;
  readonly output: string;
  readonly against: string | undefined;
  /** Every assumption that can move this indicator (its component and everything upstream). */
  readonly assumptions: readonly string[];
}

interface CompiledComponent {
  readonly id: string;
  readonly spec: ModelSpec;
  readonly params: Record<string, number>;
  /** Names and assumption-vector indices of the params read from assumptions (parallel arrays). */
  readonly readNames: readonly string[];
  readonly readIndex: Int32Array;
  /** The value each read param had on the last run (NaN before the first), to skip unchanged writes. */
  readonly last: Float64Array;
  /** Run-order positions of the components whose outputs feed this one's inputs. */
  readonly upstream: Int32Array;
  readonly inputs: Record<string, Series>;
  readonly out: Record<string, Series>;
}

/**
 * A plan linked to its models, ready to run many times. `run(values)` runs every component in
 * dependency order for one vector of assumption values (in `assumptionIds` order); afterwards
 * `series(name)` reads any "<component>.<output>" column of that run. Not re-entrant: one world per
 * thread, and read what you need before the next run.
 */
export interface World {
  readonly plan: Plan;
  readonly span: YearSpan;
  readonly years: Int32Array;
  readonly assumptionIds: readonly string[];
  readonly assumptions: readonly Assumption[];
  /** Point values of the scenario, in `assumptionIds` order. */
  readonly pointValues: Float64Array;
  readonly indicators: readonly BoundIndicator[];
  run(values: Float64Array): void;
  series(name: string): Series;
}

const CONSTANT = "constant";

/** The assumption that resolves an `unstated` measure: 0 = every year, 1 = over the period. */
export function measureAssumptionId(indicatorId: string): string {
  return `${indicatorId}.measure`;
}

/** "a, b, c" — valid names listed in an error message. */
function names(xs: Iterable<string>): string {
  return [...xs].join(", ");
}

/**
 * Links a plan, its bindings and a resolved scenario. Every problem is reported with the bindings file,
 * the path inside it and a bilingual message: unknown models, unbound indicators, missing or unused
 * assumptions, cycles, a `baselineOf` that is not an exact printed baseline.
 */
export function compileWorld(
  plan: Plan,
  bindings: Bindings,
  scenario: ResolvedScenario,
  file: string,
  endYear: number = plan.targetYear,
): Result<World, InputIssue[]> {
  const issues: InputIssue[] = [];
  const err = (path: string, zh: string, en: string) => issues.push({ file, path, message: { zh, en } });
  const span: YearSpan = { start: plan.baselineYear, end: Math.max(endYear, plan.targetYear) };
  const n = span.end - span.start + 1;
  const byId = new Map(plan.indicators.map((i) => [i.id, i]));
  const assumptionIds = Object.keys(scenario.assumptions).sort();
  const assumptionIndex = new Map(assumptionIds.map((id, i) => [id, i]));
  const used = new Set<string>();
  if (bindings.planId !== plan.id) {
    err(
      "planId",
      `绑定文件属于规划 ${bindings.planId}，而不是 ${plan.id}`,
      `bindings are for ${bindings.planId}, not ${plan.id}`,
    );
  }

  // Order components so every input is computed before it is read.
  const comps = bindings.components;
  const ids = new Set<string>();
  comps.forEach((c, i) => {
    if (ids.has(c.id)) err(`components[${i}].id`, `组件 id “${c.id}” 重复`, `component id "${c.id}" repeats`);
    ids.add(c.id);
  });
  const order: number[] = [];
  const state = new Map<string, "visiting" | "done">();
  const indexOf = new Map(comps.map((c, i) => [c.id, i]));
  const visit = (i: number, trail: string[]): void => {
    const c = comps[i]!;
    const st = state.get(c.id);
    if (st === "done") return;
    if (st === "visiting") {
      err(
        `components[${i}].inputs`,
        `组件之间存在循环：${[...trail, c.id].join(" → ")}`,
        `components form a cycle: ${[...trail, c.id].join(" → ")}`,
      );
      return;
    }
    state.set(c.id, "visiting");
    for (const [input, ref] of Object.entries(c.inputs ?? {})) {
      if (ref === CONSTANT) continue;
      const up = indexOf.get(ref.split(".")[0]!);
      if (up === undefined) {
        err(
          `components[${i}].inputs.${input}`,
          `输入 “${ref}” 指向不存在的组件`,
          `input "${ref}" names no component`,
        );
      } else visit(up, [...trail, c.id]);
    }
    state.set(c.id, "done");
    order.push(i);
  };
  for (let i = 0; i < comps.length; i++) visit(i, []);

  const compiled = new Map<string, CompiledComponent>();
  const upstream = new Map<string, Set<string>>();
  const ones = new Float64Array(n).fill(1);
  for (const i of order) {
    const c = comps[i]!;
    const spec = MODELS[c.model];
    const at = `components[${i}]`;
    if (!spec) {
      err(
        `${at}.model`,
        `未知模型 “${c.model}”；可用的模型：${names(Object.keys(MODELS))}（npm run models 列出其参数与输出）`,
        `unknown model "${c.model}"; the models are: ${names(Object.keys(MODELS))} (npm run models lists their parameters and outputs)`,
      );
      continue;
    }
    const params: Record<string, number> = {};
    const reads: [string, number][] = [];
    const deps = new Set<string>();
    for (const p of spec.params) {
      const src = c.params?.[p.name];
      params[p.name] = 0;
      if (src && "value" in src) {
        params[p.name] = src.value;
      } else if (src && "baselineOf" in src) {
        const ind = byId.get(src.baselineOf);
        if (!ind) {
          err(
            `${at}.params.${p.name}`,
            `baselineOf 指向不存在的指标 “${src.baselineOf}”`,
            `baselineOf names no indicator "${src.baselineOf}"`,
          );
        } else if (ind.baseline.qualifier === "not-in-source") {
          err(
            `${at}.params.${p.name}`,
            `指标 ${ind.id} 在原文中没有基期值；请改用假设`,
            `indicator ${ind.id} has no baseline in the source; use an assumption`,
          );
        } else if (ind.baseline.qualifier !== "exact") {
          err(
            `${at}.params.${p.name}`,
            `指标 ${ind.id} 的基期值印为 “${ind.baseline.printed}”，不是确切数值；请改用假设`,
            `indicator ${ind.id} prints its baseline as "${ind.baseline.printed}", not an exact value; use an assumption`,
          );
        } else params[p.name] = ind.baseline.value;
      } else {
        const aid = src && "assumption" in src ? src.assumption : `${c.id}.${p.name}`;
        const idx = assumptionIndex.get(aid);
        if (idx === undefined) {
          err(`${at}.params.${p.name}`, `情景中缺少假设 “${aid}”`, `the scenario has no assumption "${aid}"`);
        } else {
          reads.push([p.name, idx]);
          used.add(aid);
          deps.add(aid);
          const a = scenario.assumptions[aid]!;
          if (a.min < p.min || a.max > p.max) {
            err(
              `${at}.params.${p.name}`,
              `假设 “${aid}” 的范围 ${a.min}–${a.max} 超出模型允许的 ${p.min}–${p.max}`,
              `assumption "${aid}" range ${a.min}–${a.max} exceeds the model's ${p.min}–${p.max}`,
            );
          }
        }
      }
    }
    for (const extra of Object.keys(c.params ?? {})) {
      if (!spec.params.some((p) => p.name === extra)) {
        err(
          `${at}.params.${extra}`,
          `模型 ${spec.name} 没有参数 “${extra}”；它的参数：${names(spec.params.map((q) => q.name))}`,
          `model ${spec.name} has no parameter "${extra}"; its parameters are: ${names(spec.params.map((q) => q.name))}`,
        );
      }
    }
    const inputs: Record<string, Series> = {};
    const feeds = new Set<string>();
    for (const extra of Object.keys(c.inputs ?? {})) {
      if (!spec.inputs.includes(extra)) {
        err(
          `${at}.inputs.${extra}`,
          `模型 ${spec.name} 没有输入 “${extra}”；它的输入：${names(spec.inputs) || "（无）"}`,
          `model ${spec.name} has no input "${extra}"; its inputs are: ${names(spec.inputs) || "(none)"}`,
        );
      }
    }
    for (const name of spec.inputs) {
      const ref = c.inputs?.[name];
      if (ref === undefined) {
        err(`${at}.inputs`, `缺少输入 “${name}”`, `input "${name}" is not connected`);
        inputs[name] = ones;
      } else if (ref === CONSTANT) {
        inputs[name] = ones;
      } else {
        const [upId, output] = ref.split(".") as [string, string | undefined];
        const up = compiled.get(upId);
        const col = up && output ? up.out[output] : undefined;
        if (!col) {
          if (up)
            err(
              `${at}.inputs.${name}`,
              `组件 ${upId}（模型 ${up.spec.name}）没有输出 “${output}”；它的输出：${names(up.spec.outputs)}`,
              `component ${upId} (model ${up.spec.name}) has no output "${output}"; its outputs are: ${names(up.spec.outputs)}`,
            );
          inputs[name] = ones;
        } else {
          inputs[name] = col;
          feeds.add(upId);
          for (const d of upstream.get(upId) ?? []) deps.add(d);
        }
      }
    }
    upstream.set(c.id, deps);
    compiled.set(c.id, {
      id: c.id,
      spec,
      params,
      readNames: reads.map((r) => r[0]),
      readIndex: Int32Array.from(reads.map((r) => r[1])),
      last: new Float64Array(reads.length).fill(Number.NaN),
      // Filled in once the run order is known (components are compiled in that order).
      upstream: Int32Array.from([...feeds].map((id) => [...compiled.keys()].indexOf(id))),
      inputs,
      out: spec.createWorkspace(n),
    });
  }

  const lookup = (ref: string, path: string): boolean => {
    const [cid, output] = ref.split(".") as [string, string];
    const comp = compiled.get(cid);
    if (!comp) {
      err(
        path,
        `“${ref}” 指向不存在的组件；本文件的组件：${names(compiled.keys())}`,
        `"${ref}" names no component; the components are: ${names(compiled.keys())}`,
      );
      return false;
    }
    if (!comp.out[output]) {
      err(
        path,
        `组件 ${cid}（模型 ${comp.spec.name}）没有输出 “${output}”；它的输出：${names(comp.spec.outputs)}`,
        `component ${cid} (model ${comp.spec.name}) has no output "${output}"; its outputs are: ${names(comp.spec.outputs)}`,
      );
      return false;
    }
    return true;
  };

  const indicators: BoundIndicator[] = [];
  /** Unstated measures: the world's indicator copy, its switch, and the series it copies from. */
  const switches: {
    bound: { indicator: Indicator };
    index: number;
    column: Series;
    annual: Series;
    cumulative: Series;
  }[] = [];
  const chosen = new Map<string, Series>();
  for (const ind of plan.indicators) {
    const b = bindings.indicators[ind.id];
    // An unstated measure's switch belongs to the indicator: reported with it, never as unused.
    if (ind.measure === "unstated" && assumptionIndex.has(measureAssumptionId(ind.id)))
      used.add(measureAssumptionId(ind.id));
    if (!b) {
      err(
        `indicators.${ind.id}`,
        `指标 ${ind.id} 没有绑定到任何模型输出`,
        `indicator ${ind.id} is not bound to a model output`,
      );
      continue;
    }
    if (!lookup(b.output, `indicators.${ind.id}.output`)) continue;
    if (ind.target.kind === "in-step-with" && !b.against) {
      err(
        `indicators.${ind.id}.against`,
        "“同步”目标需要 against 序列",
        `an "in step with" target needs an "against" series`,
      );
      continue;
    }
    if (b.against && !lookup(b.against, `indicators.${ind.id}.against`)) continue;
    if (ind.baseline.year !== plan.baselineYear) {
      err(
        `indicators.${ind.id}`,
        `指标 ${ind.id} 的基期年份 ${ind.baseline.year} 与规划基期 ${plan.baselineYear} 不同`,
        `indicator ${ind.id} has baseline year ${ind.baseline.year}, not the plan's ${plan.baselineYear}`,
      );
      continue;
    }
    const deps = new Set(upstream.get(b.output.split(".")[0]!) ?? []);
    if (b.against) for (const d of upstream.get(b.against.split(".")[0]!) ?? []) deps.add(d);
    if (ind.measure === "unstated") {
      const aid = measureAssumptionId(ind.id);
      const idx = assumptionIndex.get(aid);
      if (!b.cumulativeOutput) {
        err(
          `indicators.${ind.id}.cumulativeOutput`,
          `指标 ${ind.id} 未说明是每年还是累计：output 为每年的序列，还需 cumulativeOutput（规划期累计的序列）`,
          `indicator ${ind.id} does not say per year or in total: output is the yearly series, and it needs a cumulativeOutput (the total over the period)`,
        );
        continue;
      }
      if (!lookup(b.cumulativeOutput, `indicators.${ind.id}.cumulativeOutput`)) continue;
      if (idx === undefined) {
        err(
          `indicators.${ind.id}`,
          `指标 ${ind.id} 未说明是每年还是累计：情景中需要假设 “${aid}”（0 = 每年，1 = 规划期累计）`,
          `indicator ${ind.id} does not say per year or in total: the scenario needs the assumption "${aid}" (0 = every year, 1 = over the period)`,
        );
        continue;
      }
      used.add(aid);
      deps.add(aid);
      for (const d of upstream.get(b.cumulativeOutput.split(".")[0]!) ?? []) deps.add(d);
      const a = scenario.assumptions[aid]!;
      if (a.min < 0 || a.max > 1) {
        err(
          `indicators.${ind.id}`,
          `假设 “${aid}” 的范围 ${a.min}–${a.max} 超出 0–1（0 = 每年，1 = 规划期累计）`,
          `assumption "${aid}" range ${a.min}–${a.max} exceeds 0–1 (0 = every year, 1 = over the period)`,
        );
        continue;
      }
      const copy: Indicator = { ...ind, measure: a.value >= 0.5 ? "cumulative" : "annual" };
      const name = `${ind.id}.judged`;
      const column = new Float64Array(n);
      chosen.set(name, column);
      const bound = { indicator: copy, output: name, against: b.against, assumptions: [...deps].sort() };
      indicators.push(bound);
      switches.push({
        bound,
        index: idx,
        column,
        annual: compiled.get(b.output.split(".")[0]!)!.out[b.output.split(".")[1]!]!,
        cumulative: compiled.get(b.cumulativeOutput.split(".")[0]!)!.out[b.cumulativeOutput.split(".")[1]!]!,
      });
      continue;
    }
    if (b.cumulativeOutput) {
      err(
        `indicators.${ind.id}.cumulativeOutput`,
        `cumulativeOutput 只用于未说明口径（measure: "unstated"）的指标；${ind.id} 的口径为 ${ind.measure}`,
        `cumulativeOutput is only for an indicator whose measure is "unstated"; ${ind.id} is ${ind.measure}`,
      );
      continue;
    }
    indicators.push({ indicator: ind, output: b.output, against: b.against, assumptions: [...deps].sort() });
  }
  for (const key of Object.keys(bindings.indicators)) {
    if (!byId.has(key))
      err(`indicators.${key}`, `规划中没有指标 “${key}”`, `the plan has no indicator "${key}"`);
  }
  for (const aid of assumptionIds) {
    if (!used.has(aid))
      err(`components`, `假设 “${aid}” 没有被任何组件使用`, `assumption "${aid}" is used by no component`);
  }
  if (issues.length > 0) return failure(issues);

  const runOrder = order.map((i) => compiled.get(comps[i]!.id)!);
  /**
   * Whether each component (in run order) ran on the last `run`. A component whose read params are all
   * unchanged and none of whose upstream components ran would recompute exactly the series it already
   * holds (models are pure functions of params, inputs and span), so it is skipped: a one-at-a-time sweep
   * or a slider change reruns only the component it touches and what lies downstream.
   */
  const ran = new Uint8Array(runOrder.length);
  let first = true;
  const years = new Int32Array(n);
  for (let i = 0; i < n; i++) years[i] = span.start + i;
  const pointValues = new Float64Array(assumptionIds.map((id) => scenario.assumptions[id]!.value));
  return ok({
    plan,
    span,
    years,
    assumptionIds,
    assumptions: assumptionIds.map((id) => scenario.assumptions[id]!),
    pointValues,
    indicators,
    run(values: Float64Array): void {
      for (let ci = 0; ci < runOrder.length; ci++) {
        const c = runOrder[ci]!;
        const idx = c.readIndex;
        let dirty = first;
        for (let r = 0; r < idx.length; r++) {
          const v = values[idx[r]!]!;
          // Object.is: NaN equals NaN (an unchanged NaN needs no rerun), −0 differs from 0.
          if (!Object.is(v, c.last[r])) {
            c.last[r] = v;
            c.params[c.readNames[r]!] = v;
            dirty = true;
          }
        }
        const up = c.upstream;
        for (let u = 0; !dirty && u < up.length; u++) if (ran[up[u]!] === 1) dirty = true;
        ran[ci] = dirty ? 1 : 0;
        if (dirty) c.spec.run(c.params, c.inputs, span, c.out);
      }
      first = false;
      for (let k = 0; k < switches.length; k++) {
        const sw = switches[k]!;
        const cumulative = values[sw.index]! >= 0.5;
        sw.bound.indicator.measure = cumulative ? "cumulative" : "annual";
        sw.column.set(cumulative ? sw.cumulative : sw.annual);
      }
    },
    series(name: string): Series {
      const own = chosen.get(name);
      if (own) return own;
      const [cid, output] = name.split(".") as [string, string];
      const s = compiled.get(cid)?.out[output];
      if (!s) throw new Error(`no series ${name}`);
      return s;
    },
  });
}
