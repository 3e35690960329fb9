import { type Bindings, parseBindings } from "./bindings.ts";
import { type Plan, parsePlan } from "./plan.ts";
import { err, ok } from "./result.ts";
import { parseScenario, type ResolvedScenario, resolveScenario, type ScenarioFile } from "./scenario.ts";
import type { Result } from "./text.ts";
import type { InputIssue } from "./validation.ts";
import { compileWorld, type World } from "./world.ts";

/**
 * The product's data as one library: plans, their bindings, and scenarios, each validated at the edge.
 * Pure: callers read the files (Node: fs; browser: import.meta.glob or IndexedDB) and pass their parsed
 * JSON in. A bad file is reported and left out; the rest of the library still works.
 */
export interface LoadedFile {
  file: string;
  kind: "plan" | "bindings" | "scenario";
  data: unknown;
}

export interface Library {
  plans: Map<string, Plan>;
  bindings: Map<string, Bindings>;
  scenarios: Map<string, ScenarioFile>;
  /** Which file each plan, bindings (by plan id) or scenario came from. */
  fileOf: Map<string, string>;
  issues: InputIssue[];
}

export function buildLibrary(files: readonly LoadedFile[]): Library {
  const lib: Library = {
    plans: new Map(),
    bindings: new Map(),
    scenarios: new Map(),
    fileOf: new Map(),
    issues: [],
  };
  const dup = (file: string, id: string, other: string) =>
    lib.issues.push({
      file,
      path: "id",
      message: { zh: `id “${id}” 已在 ${other} 中使用`, en: `id "${id}" is already used by ${other}` },
    });
  for (const f of files) {
    if (f.kind === "plan") {
      const r = parsePlan(f.data, f.file);
      if (!r.ok) lib.issues.push(...r.error);
      else if (lib.plans.has(r.value.id)) dup(f.file, r.value.id, lib.fileOf.get(`plan:${r.value.id}`)!);
      else {
        lib.plans.set(r.value.id, r.value);
        lib.fileOf.set(`plan:${r.value.id}`, f.file);
      }
    } else if (f.kind === "bindings") {
      const r = parseBindings(f.data, f.file);
      if (!r.ok) lib.issues.push(...r.error);
      else {
        lib.bindings.set(r.value.planId, r.value);
        lib.fileOf.set(`bindings:${r.value.planId}`, f.file);
      }
    } else {
      const r = parseScenario(f.data, f.file);
      if (!r.ok) lib.issues.push(...r.error);
      else if (lib.scenarios.has(r.value.id))
        dup(f.file, r.value.id, lib.fileOf.get(`scenario:${r.value.id}`)!);
      else {
        lib.scenarios.set(r.value.id, r.value);
        lib.fileOf.set(`scenario:${r.value.id}`, f.file);
      }
    }
  }
  return lib;
}

/** The baseline scenario of a plan: the one with no `extends`. */
export function baselineOf(lib: Library, planId: string): ScenarioFile | undefined {
  for (const s of lib.scenarios.values()) if (s.planId === planId && s.extends === undefined) return s;
  return undefined;
}

export interface Prepared {
  plan: Plan;
  bindings: Bindings;
  scenario: ResolvedScenario;
  world: World;
}

/** Resolves a scenario and links it to its plan and models, ready to evaluate. */
export function prepare(
  lib: Library,
  scenario: ScenarioFile,
  file: string,
  endYear?: number,
): Result<Prepared, InputIssue[]> {
  const plan = lib.plans.get(scenario.planId);
  if (!plan) {
    return err([
      {
        file,
        path: "planId",
        message: { zh: `找不到规划 “${scenario.planId}”`, en: `no plan "${scenario.planId}"` },
      },
    ]);
  }
  const bindings = lib.bindings.get(plan.id);
  if (!bindings) {
    return err([
      {
        file,
        path: "planId",
        message: {
          zh: `规划 “${plan.id}” 还没有模型绑定`,
          en: `plan "${plan.id}" has no model bindings yet`,
        },
      },
    ]);
  }
  const resolved = resolveScenario(scenario, lib.scenarios, file);
  if (!resolved.ok) return resolved;
  const world = compileWorld(
    plan,
    bindings,
    resolved.value,
    lib.fileOf.get(`bindings:${plan.id}`) ?? file,
    endYear,
  );
  if (!world.ok) return world;
  return ok({ plan, bindings, scenario: resolved.value, world: world.value });
}
