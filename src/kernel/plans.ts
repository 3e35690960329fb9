import { type Plan, parsePlan } from "../../models/plan.ts";
import type { InputIssue } from "../../models/validation.ts";

/**
 * The plans the app ships with: every `scenarios/plans/*.json`, bundled at build time and validated here,
 * at the edge. A file that fails validation is reported (file, path, message in both languages) and left
 * out; it never stops the other plans from loading.
 */

/** The valid plans and the problems found in the others. */
export interface PlanCatalogue {
  /**
   * Valid plans: those with the whole indicator table first, then those whose table could not be read in
   * full (`table.partial`), each group in file-name order.
   */
  readonly plans: readonly Plan[];
  /** Problems, one per issue, in file-name order; empty when every file is valid. */
  readonly issues: readonly InputIssue[];
}

/** Turns a glob key such as `../../scenarios/plans/x.json` into the path a person knows: `scenarios/plans/x.json`. */
export function displayPath(globKey: string): string {
  return globKey.replace(/^(\.\.\/)+/, "").replace(/^\.\//, "");
}

/**
 * Validates raw plan modules (file → parsed JSON). Pure, so tests can feed it literal inputs.
 * Two files with the same plan id are both an error on the second: ids are how scenarios find plans.
 */
export function loadPlans(modules: Record<string, unknown>): PlanCatalogue {
  const plans: Plan[] = [];
  const issues: InputIssue[] = [];
  const seen = new Map<string, string>();
  for (const key of Object.keys(modules).sort()) {
    const file = displayPath(key);
    const parsed = parsePlan(modules[key], file);
    if (!parsed.ok) {
      issues.push(...parsed.error);
      continue;
    }
    const other = seen.get(parsed.value.id);
    if (other !== undefined) {
      issues.push({
        file,
        path: "id",
        message: {
          zh: `规划 id “${parsed.value.id}” 与 ${other} 重复，本文件已跳过`,
          en: `plan id "${parsed.value.id}" repeats ${other}; this file was skipped`,
        },
      });
      continue;
    }
    seen.set(parsed.value.id, file);
    plans.push(parsed.value);
  }
  // Stable: file-name order within each group.
  plans.sort((a, b) => Number(a.table?.partial ?? false) - Number(b.table?.partial ?? false));
  return { plans, issues };
}

/** Counts a plan's indicators by where they come from: the main table or the text. */
export function countIndicators(plan: Plan): { table: number; text: number } {
  let table = 0;
  for (const ind of plan.indicators) if (ind.origin === "table") table++;
  return { table, text: plan.indicators.length - table };
}

/** Every bundled plan file, validated. */
export function bundledPlans(): PlanCatalogue {
  const modules: Record<string, unknown> = import.meta.glob("../../scenarios/plans/*.json", {
    eager: true,
    import: "default",
  });
  return loadPlans(modules);
}
