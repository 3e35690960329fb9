import * as z from "zod/mini";
import { baselineOf, type Library } from "./library.ts";
import { err, ok } from "./result.ts";
import { type Assumption, resolveScenario } from "./scenario.ts";
import { bilingual, type Result } from "./text.ts";
import { type InputIssue, parseWith } from "./validation.ts";

/**
 * A workshop: a prepared sequence of changes a trainer reveals one step at a time on a projector.
 *
 * Each step is a whole state, not a delta: the scenario it names (or, when it names none, the previous
 * step's scenario; the plan's baseline for the first step) with exactly the `changes` it lists. Changes
 * of an earlier step are not carried forward, so a step reads the same whichever way the trainer
 * arrives at it, and "Reset" can always restore it exactly. A step that should keep an earlier change
 * repeats it.
 */

const id = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/));

/** One step of a workshop. */
export const workshopStepSchema = z.strictObject({
  /** Short title shown as the step's heading, e.g. "Retrofit cost +50%". */
  title: bilingual,
  /** What the trainer says: the change and what to watch for. A few sentences. */
  explain: bilingual,
  /** The scenario this step starts from; default: the previous step's (the baseline for the first). */
  scenarioId: z.optional(id),
  /** Assumption values set on top of the scenario, by assumption id (in the assumption's own unit). */
  changes: z.optional(z.record(z.string().check(z.minLength(1)), z.number())),
  /** The indicators to show as big cards, most important first (1–6). */
  focus: z
    .array(z.string().check(z.minLength(1)))
    .check(z.minLength(1))
    .check(z.maxLength(6)),
});
export type WorkshopStep = z.infer<typeof workshopStepSchema>;

/** A workshop file (`scenarios/workshops/<planId>.json`). */
export const workshopSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    id,
    planId: id,
    title: bilingual,
    steps: z.array(workshopStepSchema).check(z.minLength(1)).check(z.maxLength(20)),
  })
  .check(
    z.superRefine((w, ctx) => {
      w.steps.forEach((s, i) => {
        const seen = new Set<string>();
        s.focus.forEach((f, j) => {
          if (seen.has(f)) {
            ctx.addIssue({
              code: "custom",
              path: ["steps", i, "focus", j],
              message: "duplicate focus",
              params: {
                message: { zh: `指标 “${f}” 重复列出`, en: `indicator "${f}" is listed twice` },
              },
            });
          }
          seen.add(f);
        });
      });
    }),
  );
export type Workshop = z.infer<typeof workshopSchema>;

/** Validates a workshop file's shape; problems name the file and the path inside it, in both languages. */
export function parseWorkshop(input: unknown, file: string): Result<Workshop, InputIssue[]> {
  return parseWith(workshopSchema, input, file);
}

/**
 * Checks a parsed workshop against the library: its plan exists, every step's scenario exists and
 * belongs to that plan, every changed assumption exists in the step's scenario and its value lies in the
 * allowed range, and every focus indicator is one of the plan's. Answers the workshop unchanged, or every
 * problem found.
 */
export function checkWorkshop(w: Workshop, lib: Library, file: string): Result<Workshop, InputIssue[]> {
  const issues: InputIssue[] = [];
  const add = (path: string, zh: string, en: string) => issues.push({ file, path, message: { zh, en } });
  const plan = lib.plans.get(w.planId);
  if (!plan) {
    add("planId", `找不到规划 “${w.planId}”`, `no plan "${w.planId}"`);
    return err(issues);
  }
  const indicators = new Set(plan.indicators.map((i) => i.id));
  const ids = stepScenarioIds(w, lib);
  w.steps.forEach((s, i) => {
    const at = `steps[${i}]`;
    const sid = ids[i];
    if (s.scenarioId !== undefined) {
      const sc = lib.scenarios.get(s.scenarioId);
      if (!sc) add(`${at}.scenarioId`, `找不到情景 “${s.scenarioId}”`, `no scenario "${s.scenarioId}"`);
      else if (sc.planId !== w.planId)
        add(
          `${at}.scenarioId`,
          `情景 “${s.scenarioId}” 属于另一份规划（${sc.planId}）`,
          `scenario "${s.scenarioId}" belongs to another plan (${sc.planId})`,
        );
    } else if (i === 0 && !sid) {
      add(`${at}.scenarioId`, "该规划没有基准情景", "the plan has no baseline scenario");
    }
    const assumptions = sid ? assumptionsOf(lib, sid) : undefined;
    for (const [aid, v] of Object.entries(s.changes ?? {})) {
      if (!assumptions) continue;
      const a = assumptions[aid];
      if (!a) {
        add(`${at}.changes.${aid}`, `没有名为 “${aid}” 的假设`, `there is no assumption "${aid}"`);
      } else if (!Number.isFinite(v) || v < a.min || v > a.max) {
        add(
          `${at}.changes.${aid}`,
          `取值 ${v} 不在允许范围 ${a.min}–${a.max} 内`,
          `value ${v} is outside the allowed range ${a.min}–${a.max}`,
        );
      }
    }
    s.focus.forEach((f, j) => {
      if (!indicators.has(f))
        add(`${at}.focus[${j}]`, `规划中没有指标 “${f}”`, `the plan has no indicator "${f}"`);
    });
  });
  return issues.length > 0 ? err(issues) : ok(w);
}

/** Parses and checks in one go: the edge every workshop file passes. */
export function loadWorkshop(input: unknown, file: string, lib: Library): Result<Workshop, InputIssue[]> {
  const parsed = parseWorkshop(input, file);
  return parsed.ok ? checkWorkshop(parsed.value, lib, file) : parsed;
}

/**
 * The scenario each step runs: its own, else the previous step's, else the plan's baseline. An entry is
 * undefined only when the plan has no baseline and no earlier step named a scenario.
 */
export function stepScenarioIds(w: Workshop, lib: Library): (string | undefined)[] {
  let cur = baselineOf(lib, w.planId)?.id;
  return w.steps.map((s) => {
    if (s.scenarioId !== undefined) cur = s.scenarioId;
    return cur;
  });
}

/** The resolved assumptions of a scenario, or undefined when it cannot be resolved. */
function assumptionsOf(lib: Library, scenarioId: string): Record<string, Assumption> | undefined {
  const s = lib.scenarios.get(scenarioId);
  if (!s) return undefined;
  const r = resolveScenario(s, lib.scenarios, scenarioId);
  return r.ok ? r.value.assumptions : undefined;
}

/** An edit as the browser library applies it (structurally `AssumptionEdit` of `src/kernel/library.ts`). */
export interface WorkshopEdit {
  value: number;
}

/**
 * The edits that set `changes` on a scenario's resolved assumptions: each value, with its uncertainty
 * (if any) moved to sit around the new value. Unknown assumptions are left out (the checker reports
 * them); values are passed through unchecked (the runner checks ranges).
 */
export function editsFor(
  assumptions: Readonly<Record<string, Assumption>>,
  changes: Readonly<Record<string, number>>,
): Record<string, WorkshopEdit> {
  const out: Record<string, WorkshopEdit> = {};
  for (const [aid, value] of Object.entries(changes)) {
    const a = assumptions[aid];
    if (!a) continue;
    // The engine centres an assumption's distribution on its value (centreOn), so a value is enough.
    out[aid] = { value };
  }
  return out;
}

/** The edits of step `index` of a workshop, worked out against its scenario. */
export function stepEdits(w: Workshop, lib: Library, index: number): Record<string, WorkshopEdit> {
  const sid = stepScenarioIds(w, lib)[index];
  const step = w.steps[index];
  if (!sid || !step?.changes) return {};
  const assumptions = assumptionsOf(lib, sid);
  return assumptions ? editsFor(assumptions, step.changes) : {};
}

/** Every indicator a workshop focuses on, in order of first mention. */
export function workshopFocus(w: Workshop): string[] {
  return [...new Set(w.steps.flatMap((s) => s.focus))];
}
