import type { Bindings } from "../../models/bindings.ts";
import type { Distribution } from "../../models/distributions.ts";
import { buildLibrary, type Library, type LoadedFile } from "../../models/library.ts";
import type { Plan } from "../../models/plan.ts";
import { err, fail, ok } from "../../models/result.ts";
import {
  type Assumption,
  applyOverrides,
  resolveScenario,
  type ScenarioFile,
} from "../../models/scenario.ts";
import type { Result } from "../../models/text.ts";
import type { InputIssue } from "../../models/validation.ts";
import { displayPath } from "./plans.ts";
import type { RunModel } from "./runner.ts";

/**
 * The browser's data library: every JSON file under `scenarios/`, bundled at build time and validated by
 * {@link buildLibrary} at the edge. A bad file is reported in `issues` and left out; the rest still work.
 */

/** A person's unsaved change to one assumption; `uncertainty: null` switches its uncertainty off. */
export interface AssumptionEdit {
  value?: number;
  uncertainty?: Distribution | null;
}

/** Unsaved changes by assumption id. */
export type AssumptionEdits = Record<string, AssumptionEdit>;

/**
 * Classifies a bundled file by its folder, as the CLI does: `…/plans/` holds plans, `…/bindings/`
 * bindings, anything else is a scenario.
 */
export function kindOfPath(path: string): LoadedFile["kind"] {
  if (path.includes("/plans/")) return "plan";
  if (path.includes("/bindings/")) return "bindings";
  return "scenario";
}

/** Builds a library from glob modules (file → parsed JSON). Pure, so tests can feed literal inputs. */
export function libraryFromModules(modules: Record<string, unknown>): Library {
  const files: LoadedFile[] = Object.keys(modules)
    .sort()
    .map((key) => {
      const file = displayPath(key);
      return { file, kind: kindOfPath(`/${file}`), data: modules[key] };
    });
  return buildLibrary(files);
}

let memo: Library | undefined;

/** The bundled library, built once per page (the files cannot change while it is open). */
export function loadLibrary(): Library {
  if (!memo) {
    // scenarios/workshops/ holds workshop sequences, read by the workshop screen, and scenarios/evidence/
    // observed series behind the defaults: neither is part of the library.
    const modules: Record<string, unknown> = import.meta.glob(
      ["../../scenarios/**/*.json", "!../../scenarios/workshops/**", "!../../scenarios/evidence/**"],
      {
        eager: true,
        import: "default",
      },
    );
    memo = libraryFromModules(modules);
  }
  return memo;
}

const EDITS = "edits";

/**
 * What the models need to run scenario `scenarioId` with the person's unsaved `edits` applied: its
 * plan, bindings, resolved assumptions (fresh copies; the library is never changed), actuals and bands.
 * An unknown scenario, plan or assumption, or an edited value outside the assumption's allowed range,
 * is an issue naming where it is, in both languages.
 */
export function runModelFor(
  lib: Library,
  scenarioId: string,
  edits?: AssumptionEdits,
): Result<RunModel, InputIssue[]> {
  const scenario = lib.scenarios.get(scenarioId);
  const file = lib.fileOf.get(`scenario:${scenarioId}`) ?? scenarioId;
  if (!scenario) {
    return fail(file, "", { zh: `找不到情景 “${scenarioId}”`, en: `no scenario "${scenarioId}"` });
  }
  const plan = lib.plans.get(scenario.planId);
  if (!plan) {
    return fail(file, "planId", {
      zh: `找不到规划 “${scenario.planId}”`,
      en: `no plan "${scenario.planId}"`,
    });
  }
  const bindings = lib.bindings.get(plan.id);
  if (!bindings) {
    return fail(file, "planId", {
      zh: `规划 “${plan.id}” 还没有模型绑定`,
      en: `plan "${plan.id}" has no model bindings yet`,
    });
  }
  const resolved = resolveScenario(scenario, lib.scenarios, file);
  if (!resolved.ok) return resolved;
  const applied = applyEdits(resolved.value.assumptions, edits ?? {});
  if (!applied.ok) return applied;
  return ok({
    plan,
    bindings,
    assumptions: applied.value,
    actuals: resolved.value.actuals.map((a) => ({ ...a })),
    bands: { ...resolved.value.bands },
  });
}

/** Applies edits to resolved assumptions (which it owns), checking each against its allowed range. */
function applyEdits(
  assumptions: Record<string, Assumption>,
  edits: AssumptionEdits,
): Result<Record<string, Assumption>, InputIssue[]> {
  const issues: InputIssue[] = [];
  applyOverrides(assumptions, edits, EDITS, "", issues);
  return issues.length > 0 ? err(issues) : ok(assumptions);
}

/** What an imported plan brings to a library: the three files the repository keeps for a plan. */
export interface ImportedFiles {
  plan: Plan;
  bindings: Bindings;
  scenario: ScenarioFile;
}

/**
 * The library with the person's imported plans added (their bindings and baseline scenarios with them),
 * named in messages as "imported: <plan id>". A shipped plan or scenario of the same id wins: an import
 * never replaces what ships. Returns `lib` itself when there is nothing to add.
 */
export function withImported(lib: Library, imported: readonly ImportedFiles[]): Library {
  if (imported.length === 0) return lib;
  const plans = new Map(lib.plans);
  const bindings = new Map(lib.bindings);
  const scenarios = new Map(lib.scenarios);
  const fileOf = new Map(lib.fileOf);
  for (const p of imported) {
    if (plans.has(p.plan.id) || scenarios.has(p.scenario.id)) continue;
    const file = `imported: ${p.plan.id}`;
    plans.set(p.plan.id, p.plan);
    bindings.set(p.plan.id, p.bindings);
    scenarios.set(p.scenario.id, p.scenario);
    fileOf.set(`plan:${p.plan.id}`, file);
    fileOf.set(`bindings:${p.plan.id}`, file);
    fileOf.set(`scenario:${p.scenario.id}`, file);
  }
  return { ...lib, plans, bindings, scenarios, fileOf };
}
