import * as z from "zod/mini";
import { bindingsSchema } from "../../models/bindings.ts";
import { planSchema } from "../../models/plan.ts";
import { fail } from "../../models/result.ts";
import { actualSchema, scenarioSchema } from "../../models/scenario.ts";
import { LANGS, type Lang, type Result } from "../../models/text.ts";
import { type InputIssue, parseWith } from "../../models/validation.ts";
import { notebookSchema } from "./notebook.ts";
import { DEFAULT_SETTINGS, type RunSettings, settingsSchema } from "./settings.ts";

/**
 * The stored format of a person's work: what is kept in IndexedDB (persistence.ts) and in an exported
 * workspace file (files.ts). It holds only what the person made: the scenarios they created (each an
 * override-only scenario that `extends` another), unsaved edits, notebooks, actuals by plan, run
 * settings, the language, what was open, and the plans they imported by pasting a table (each with the
 * bindings and baseline scenario the scaffold wrote for it). Shipped plans and scenarios are never
 * copied into it.
 *
 * Every stored or imported workspace passes {@link migrate}: older versions are brought up to date one
 * step at a time, a newer one is refused with a message saying so, and anything else is reported with
 * the path of each problem. Nothing is half-applied: a workspace is either wholly valid or refused.
 */

export const WORKSPACE_FORMAT = "reachable-workspace";
/** The version this build writes. */
export const WORKSPACE_VERSION = 3;

const id = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/));

/** Run settings as stored (see {@link RunSettings}); one schema with the run settings form. */
export { settingsSchema };

const editSchema = z.strictObject({
  value: z.optional(z.number()),
  uncertaintyOn: z.optional(z.boolean()),
});

const selectedSchema = z.strictObject({ planId: z.nullable(id), scenarioId: z.nullable(id) });

/** Scenarios the person made: override-only (each extends another), ids unique. */
const userScenarios = z.array(scenarioSchema).check(
  z.superRefine((list, ctx) => {
    const seen = new Map<string, number>();
    list.forEach((s, i) => {
      if (s.extends === undefined) {
        ctx.addIssue({
          code: "custom",
          path: [i, "extends"],
          message: "stored scenario without extends",
          params: {
            message: {
              zh: "工作区中的情景必须扩展另一个情景（只保存改动）",
              en: "a scenario in a workspace must extend another one (it stores only its changes)",
            },
          },
        });
      }
      const first = seen.get(s.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [i, "id"],
          message: "duplicate scenario id",
          params: {
            message: {
              zh: `情景 id “${s.id}” 与 scenarios[${first}] 重复`,
              en: `scenario id "${s.id}" repeats scenarios[${first}]`,
            },
          },
        });
      } else seen.set(s.id, i);
    });
  }),
);

const common = {
  format: z.literal(WORKSPACE_FORMAT),
  /** ISO 8601 date-time of the save. */
  savedAt: z.iso.datetime({ offset: true }),
  selected: selectedSchema,
  scenarios: userScenarios,
  /** Unsaved edits: scenario id → assumption id → edit (as the workbench store keeps them). */
  edits: z.record(id, z.record(z.string().check(z.minLength(1)), editSchema)),
  settings: settingsSchema,
};

/**
 * A plan the person imported (pasted its table, confirmed it): the plan as printed, and the bindings and
 * baseline scenario the scaffold wrote for it — the same three files the repository keeps for a plan.
 */
export const importedPlanSchema = z
  .strictObject({
    plan: planSchema,
    bindings: bindingsSchema,
    /** The scaffold's baseline scenario: no `extends`. */
    scenario: scenarioSchema,
    /** ISO 8601 date-time of the import. */
    importedAt: z.iso.datetime({ offset: true }),
  })
  .check(
    z.superRefine((p, ctx) => {
      const problems: [string[], boolean, string, string][] = [
        [["bindings", "planId"], p.bindings.planId !== p.plan.id, "绑定", "bindings"],
        [["scenario", "planId"], p.scenario.planId !== p.plan.id, "情景", "scenario"],
      ];
      for (const [path, bad, zh, en] of problems) {
        if (!bad) continue;
        ctx.addIssue({
          code: "custom",
          path,
          message: "imported plan parts disagree",
          params: {
            message: {
              zh: `导入规划的${zh}属于另一份规划（应为 “${p.plan.id}”）`,
              en: `the imported plan's ${en} belong to another plan (should be "${p.plan.id}")`,
            },
          },
        });
      }
      if (p.scenario.extends !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["scenario", "extends"],
          message: "imported baseline extends",
          params: {
            message: {
              zh: "导入规划的基准情景不能扩展其他情景",
              en: "an imported plan's baseline scenario extends no other scenario",
            },
          },
        });
      }
    }),
  );
export type ImportedPlan = z.infer<typeof importedPlanSchema>;

/** Imported plans, plan ids unique. */
const importedPlans = z.array(importedPlanSchema).check(
  z.superRefine((list, ctx) => {
    const seen = new Map<string, number>();
    list.forEach((p, i) => {
      const first = seen.get(p.plan.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [i, "plan", "id"],
          message: "duplicate imported plan id",
          params: {
            message: {
              zh: `导入规划 id “${p.plan.id}” 与 imported[${first}] 重复`,
              en: `imported plan id "${p.plan.id}" repeats imported[${first}]`,
            },
          },
        });
      } else seen.set(p.plan.id, i);
    });
  }),
);

const v2 = {
  ...common,
  language: z.enum(LANGS),
  /** Notebook of each scenario, by scenario id. */
  notebooks: z.record(id, notebookSchema),
  /** Evaluator actuals by plan id. */
  actuals: z.record(id, z.array(actualSchema)),
};

/** Version 3 (current): version 2 and the plans the person imported. */
export const workspaceSchema = z.strictObject({
  ...v2,
  version: z.literal(3),
  imported: importedPlans,
});
export type Workspace = z.infer<typeof workspaceSchema>;

/** Version 2: no imported plans. Read only, never written. */
export const workspaceV2Schema = z.strictObject({ ...v2, version: z.literal(2) });
export type WorkspaceV2 = z.infer<typeof workspaceV2Schema>;

/** Version 1: no notebooks or actuals, and the language under `lang`. Read only, never written. */
export const workspaceV1Schema = z.strictObject({
  ...common,
  version: z.literal(1),
  lang: z.enum(LANGS),
});
export type WorkspaceV1 = z.infer<typeof workspaceV1Schema>;

/** One migration step: the schema of version `from`, and how a valid document of it becomes `from + 1`. */
interface Step {
  schema: z.ZodMiniType;
  up(doc: never): unknown;
}

/** Migration steps by the version they read. Adding version 4 means adding the step from 3 here. */
const STEPS: Record<number, Step> = {
  1: {
    schema: workspaceV1Schema,
    up: ({ lang, version: _v, ...rest }: WorkspaceV1): WorkspaceV2 => ({
      ...rest,
      version: 2,
      language: lang,
      notebooks: {},
      actuals: {},
    }),
  },
  2: {
    schema: workspaceV2Schema,
    up: (doc: WorkspaceV2): Workspace => ({ ...doc, version: 3, imported: [] }),
  },
};

/** A new workspace with nothing in it. */
export function emptyWorkspace(opts: {
  language: Lang;
  savedAt?: string;
  settings?: RunSettings;
}): Workspace {
  return {
    format: WORKSPACE_FORMAT,
    version: WORKSPACE_VERSION,
    savedAt: opts.savedAt ?? new Date().toISOString(),
    language: opts.language,
    selected: { planId: null, scenarioId: null },
    scenarios: [],
    edits: {},
    notebooks: {},
    actuals: {},
    imported: [],
    settings: { ...(opts.settings ?? DEFAULT_SETTINGS) },
  };
}

/**
 * Reads a stored or imported workspace of any version this build knows, bringing it up to the current
 * version. `file` names the input in every message (a file name, or "browser storage").
 */
export function migrate(input: unknown, file = "workspace"): Result<Workspace, InputIssue[]> {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return fail(file, "", {
      zh: "不是 Reachable 工作区文件（应为一个 JSON 对象）",
      en: "not a Reachable workspace (expected a JSON object)",
    });
  }
  const doc = input as Record<string, unknown>;
  if (doc.format !== WORKSPACE_FORMAT) {
    return fail(file, "format", {
      zh: `不是 Reachable 工作区文件（format 应为 “${WORKSPACE_FORMAT}”）`,
      en: `not a Reachable workspace (format should be "${WORKSPACE_FORMAT}")`,
    });
  }
  const version = doc.version;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    return fail(file, "version", {
      zh: `版本号 ${JSON.stringify(version)} 无效（应为正整数）`,
      en: `version ${JSON.stringify(version)} is invalid (expected a positive whole number)`,
    });
  }
  if (version > WORKSPACE_VERSION) {
    return fail(file, "version", {
      zh: `此工作区由更新版本的 Reachable 保存（格式版本 ${version}），本版本只能读取到版本 ${WORKSPACE_VERSION}。未作任何改动；请更新 Reachable 后再打开。`,
      en: `this workspace was made by a newer Reachable (format version ${version}); this version reads up to version ${WORKSPACE_VERSION}. Nothing was changed; update Reachable to open it.`,
    });
  }
  let current: unknown = input;
  for (let v = version; v < WORKSPACE_VERSION; v++) {
    const step = STEPS[v];
    if (!step) {
      return fail(file, "version", {
        zh: `无法读取版本 ${v} 的工作区`,
        en: `workspaces of version ${v} cannot be read`,
      });
    }
    const parsed = parseWith(step.schema, current, file);
    if (!parsed.ok) return parsed;
    current = step.up(parsed.value as never);
  }
  return parseWith(workspaceSchema, current, file);
}
