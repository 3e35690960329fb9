import * as z from "zod/mini";
import { distributionProblem, distributionSchema } from "./distribution-schema.ts";
import { PARAM_UNITS } from "./model.ts";
import { err, fail, ok } from "./result.ts";
import { bilingual, type Result } from "./text.ts";
import { type InputIssue, parseWith } from "./validation.ts";

/**
 * What a default rests on, weakest last:
 * - `published`: a figure printed in a public source (cited in `source`, with its year);
 * - `trend`: fitted to two or more observed points (each cited in `scenarios/evidence/`), the fit named;
 * - `estimate`: judgement, with its reasoning in `source`/`note`, labelled as an estimate wherever shown;
 * - `plan`: the pace the plan itself requires — not evidence. A projection resting on it only restates
 *   the plan, and its probability is conditional on that.
 * Files written before these four kinds may say `calibrated` (chosen so the model reproduced a printed
 * baseline); it is read as `estimate`, which is what such a choice is.
 */
export const PROVENANCE_KINDS = ["published", "trend", "estimate", "plan"] as const;
export type ProvenanceKind = (typeof PROVENANCE_KINDS)[number];

/** How a trend was fitted: `points` a linear pace in percentage points a year (rates); `compound` a
 * log-linear growth in % a year (counts); `flat` equal observations, held; `average` the mean of two or
 * more observations, or the per-year mean of a total observed over a span. */
export const TREND_FITS = ["points", "compound", "flat", "average"] as const;

const evidenceRef = z.string().check(
  z.refine((r) => /^[a-z0-9]+(-[a-z0-9]+)*#[a-z0-9]+(-[a-z0-9]+)*$/.test(r), {
    message: "evidence reference",
    params: {
      message: {
        zh: "证据引用应写作 “<证据文件 id>#<序列 id>”",
        en: 'an evidence reference reads "<evidence file id>#<series id>"',
      },
    },
  }),
);

/**
 * Where a default comes from, as a reader is told it: one text (files written before sources were
 * bilingual, and the scaffold's markers), or the same citation in both product languages, `en` and `zh`
 * saying the same thing with the same numbers. Shown only through `sourceText` (text.ts).
 */
export const sourceSchema = z.union([z.string().check(z.minLength(1)), bilingual]);
export type Source = z.infer<typeof sourceSchema>;

export const provenanceSchema = z
  .strictObject({
    kind: z.pipe(
      z.transform((k: unknown) => (k === "calibrated" ? "estimate" : k)),
      z.enum(PROVENANCE_KINDS),
    ),
    source: sourceSchema,
    year: z.optional(z.int().check(z.gte(1949)).check(z.lte(2100))),
    note: z.optional(bilingual),
    /** For `trend`: the observed series it is fitted to, `<evidence file id>#<series id>`. */
    evidence: z.optional(z.array(evidenceRef).check(z.minLength(1))),
    /** For `trend`: how the pace was fitted. */
    fit: z.optional(z.enum(TREND_FITS)),
  })
  .check(
    z.superRefine((p, ctx) => {
      if (p.kind === "trend" && (!p.evidence || !p.fit)) {
        ctx.addIssue({
          code: "custom",
          path: p.evidence ? ["fit"] : ["evidence"],
          message: "trend without evidence or fit",
          params: {
            message: {
              zh: "“趋势”来源必须列出所依据的观测序列（evidence）和拟合方法（fit）",
              en: "a `trend` provenance names the observed series it rests on (evidence) and its fit",
            },
          },
        });
      }
    }),
  );
export type Provenance = z.infer<typeof provenanceSchema>;

/** A model parameter as a person sees it: value, unit, allowed range, uncertainty and provenance. */
export const assumptionSchema = z
  .strictObject({
    label: bilingual,
    unit: z.enum(PARAM_UNITS),
    value: z.number(),
    min: z.number(),
    max: z.number(),
    /** Slider step; defaults to a hundredth of the range. */
    step: z.optional(z.number().check(z.positive())),
    uncertainty: z.optional(distributionSchema),
    provenance: provenanceSchema,
  })
  .check(
    z.superRefine((a, ctx) => {
      const msg = (zh: string, en: string, path: (string | number)[]) =>
        ctx.addIssue({ code: "custom", path, message: en, params: { message: { zh, en } } });
      if (!(a.min <= a.max))
        msg(`范围下限 ${a.min} 大于上限 ${a.max}`, `range min ${a.min} exceeds max ${a.max}`, ["min"]);
      if (a.value < a.min || a.value > a.max) {
        msg(
          `取值 ${a.value} 不在允许范围 ${a.min}–${a.max} 内`,
          `value ${a.value} is outside the allowed range ${a.min}–${a.max}`,
          ["value"],
        );
      }
      if (a.uncertainty) {
        const p = distributionProblem(a.uncertainty, a.min, a.max);
        if (p) msg(p.zh, p.en, ["uncertainty"]);
      }
    }),
  );
export type Assumption = z.infer<typeof assumptionSchema>;

/** A change a scenario makes to one assumption of the scenario it extends. */
export const overrideSchema = z.strictObject({
  value: z.optional(z.number()),
  /** A new distribution, or null to switch uncertainty off. */
  uncertainty: z.optional(z.nullable(distributionSchema)),
  reason: z.optional(bilingual),
  /**
   * What the new value rests on. Without it a changed value is the scenario author's judgement: its
   * provenance becomes an `estimate` carrying the reason.
   */
  provenance: z.optional(provenanceSchema),
});
export type Override = z.infer<typeof overrideSchema>;

/** An observed value of an indicator in a year after the baseline (evaluator input). */
export const actualSchema = z.strictObject({
  indicatorId: z.string().check(z.minLength(1)),
  year: z.int(),
  value: z.number(),
});
export type Actual = z.infer<typeof actualSchema>;

/** Status thresholds on the probability of meeting a target, in percent. */
export const bandsSchema = z
  .strictObject({
    onTrack: z.number().check(z.gte(0)).check(z.lte(100)),
    offTrack: z.number().check(z.gte(0)).check(z.lte(100)),
  })
  .check(
    z.refine((b) => b.offTrack <= b.onTrack, {
      message: "offTrack above onTrack",
      params: { message: { zh: "“偏离”阈值不能高于“正常”阈值", en: "offTrack must not exceed onTrack" } },
    }),
  );
export type Bands = z.infer<typeof bandsSchema>;
export const DEFAULT_BANDS: Bands = { onTrack: 80, offTrack: 20 };

const id = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/));

/**
 * A scenario file. A baseline scenario (no `extends`) defines every assumption in full; any other
 * scenario names the one it extends and stores only what differs.
 */
export const scenarioSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    id,
    planId: id,
    name: bilingual,
    description: z.optional(bilingual),
    /** Marks a scenario prepared for teaching (workshop presets). */
    teaching: z.optional(z.boolean()),
    extends: z.optional(id),
    assumptions: z.optional(z.record(z.string().check(z.minLength(1)), assumptionSchema)),
    overrides: z.optional(z.record(z.string().check(z.minLength(1)), overrideSchema)),
    bands: z.optional(bandsSchema),
    actuals: z.optional(z.array(actualSchema)),
  })
  .check(
    z.superRefine((s, ctx) => {
      if (s.extends === undefined && !s.assumptions) {
        ctx.addIssue({
          code: "custom",
          path: ["assumptions"],
          message: "baseline without assumptions",
          params: {
            message: {
              zh: "基准情景（没有 extends）必须列出全部假设",
              en: "a baseline scenario (no extends) must list every assumption",
            },
          },
        });
      }
      if (s.extends !== undefined && s.assumptions) {
        ctx.addIssue({
          code: "custom",
          path: ["assumptions"],
          message: "derived scenario with assumptions",
          params: {
            message: {
              zh: "派生情景只能通过 overrides 修改假设",
              en: "a scenario that extends another changes assumptions only through overrides",
            },
          },
        });
      }
    }),
  );
export type ScenarioFile = z.infer<typeof scenarioSchema>;

export function parseScenario(input: unknown, file: string): Result<ScenarioFile, InputIssue[]> {
  return parseWith(scenarioSchema, input, file);
}

/** A scenario with every assumption resolved: what the engine runs. */
export interface ResolvedScenario {
  id: string;
  planId: string;
  name: { zh: string; en: string };
  description?: { zh: string; en: string } | undefined;
  teaching: boolean;
  /** The chain of scenario ids from this one to its baseline. */
  lineage: string[];
  assumptions: Record<string, Assumption>;
  /** Ids of the assumptions this scenario (or one it extends, short of the baseline) changed. */
  changed: string[];
  bands: Bands;
  actuals: Actual[];
}

/**
 * Resolves a scenario against the others it may extend. Errors name the file and what is missing.
 * Overrides are checked against the baseline's allowed range.
 */
export function resolveScenario(
  scenario: ScenarioFile,
  library: ReadonlyMap<string, ScenarioFile>,
  file: string,
): Result<ResolvedScenario, InputIssue[]> {
  const chain: ScenarioFile[] = [scenario];
  const seen = new Set([scenario.id]);
  let cur = scenario;
  while (cur.extends !== undefined) {
    const parent = library.get(cur.extends);
    if (!parent) {
      return fail(file, "extends", {
        zh: `找不到所扩展的情景 “${cur.extends}”`,
        en: `the scenario it extends, "${cur.extends}", was not found`,
      });
    }
    if (seen.has(parent.id)) {
      return fail(file, "extends", { zh: "情景的 extends 形成了循环", en: "the extends chain loops" });
    }
    if (parent.planId !== scenario.planId) {
      return fail(file, "extends", {
        zh: `所扩展的情景属于另一份规划（${parent.planId}）`,
        en: `the scenario it extends belongs to another plan (${parent.planId})`,
      });
    }
    seen.add(parent.id);
    chain.push(parent);
    cur = parent;
  }
  const base = chain[chain.length - 1]!;
  const assumptions: Record<string, Assumption> = {};
  for (const [k, a] of Object.entries(base.assumptions ?? {})) assumptions[k] = { ...a };
  const changed = new Set<string>();
  const issues: InputIssue[] = [];
  for (let i = chain.length - 2; i >= 0; i--) {
    for (const k of applyOverrides(assumptions, chain[i]!.overrides ?? {}, file, "overrides.", issues))
      changed.add(k);
  }
  if (issues.length > 0) return err(issues);
  let bands = base.bands;
  let actuals: Actual[] = [];
  for (const s of [...chain].reverse()) {
    if (s.bands) bands = s.bands;
    if (s.actuals) actuals = s.actuals;
  }
  return ok({
    id: scenario.id,
    planId: scenario.planId,
    name: scenario.name,
    description: scenario.description,
    teaching: scenario.teaching ?? false,
    lineage: chain.map((s) => s.id),
    assumptions,
    changed: [...changed].sort(),
    bands: bands ?? DEFAULT_BANDS,
    actuals,
  });
}

/**
 * Applies overrides (or a person's edits) to resolved assumptions, which it changes in place. Each value
 * is checked against its assumption's allowed range; problems go to `issues` with `file` and
 * `<pathPrefix><id>` as their place, and a rejected value leaves the assumption as it was. Returns the
 * ids it changed.
 */
export function applyOverrides(
  assumptions: Record<string, Assumption>,
  overrides: Readonly<
    Record<
      string,
      {
        value?: number | undefined;
        uncertainty?: Override["uncertainty"];
        reason?: Override["reason"];
        provenance?: Override["provenance"];
      }
    >
  >,
  file: string,
  pathPrefix: string,
  issues: InputIssue[],
): string[] {
  const changed: string[] = [];
  for (const [k, o] of Object.entries(overrides)) {
    const a = assumptions[k];
    const path = `${pathPrefix}${k}`;
    if (!a) {
      issues.push({
        file,
        path,
        message: { zh: `没有名为 “${k}” 的假设`, en: `there is no assumption "${k}"` },
      });
      continue;
    }
    if (o.value !== undefined) {
      if (!Number.isFinite(o.value) || o.value < a.min || o.value > a.max) {
        issues.push({
          file,
          path: `${path}.value`,
          message: {
            zh: `取值 ${o.value} 不在允许范围 ${a.min}–${a.max} 内`,
            en: `value ${o.value} is outside the allowed range ${a.min}–${a.max}`,
          },
        });
        continue;
      }
      if (o.provenance) a.provenance = o.provenance;
      else if (o.value !== a.value) {
        // A changed value no longer rests on the default's source: it is this scenario's judgement.
        a.provenance = {
          kind: "estimate",
          source: { zh: "情景设定", en: "scenario" },
          ...(o.reason ? { note: o.reason } : {}),
        };
      }
      a.value = o.value;
    } else if (o.provenance) a.provenance = o.provenance;
    if (o.uncertainty === null) delete a.uncertainty;
    else if (o.uncertainty !== undefined) a.uncertainty = o.uncertainty;
    changed.push(k);
  }
  return changed;
}
