import { z } from "zod";
import { bilingual, type Result } from "./text.ts";
import { type InputIssue, parseWith } from "./validation.ts";

/**
 * The plan schema: an official five-year plan as data. A plan is taken from a document and never edited
 * by a scenario; every field keeps what the source printed, and qualifiers stay qualifiers.
 */

const year = z.number().int().min(1949).max(2100);

/** What an indicator counts. `count` is for things the other units do not name (teams, communities…). */
export const UNITS = [
  "percent",
  "people",
  "attendances",
  "households",
  "yuan",
  "growth-rate",
  "count",
] as const;
export type Unit = (typeof UNITS)[number];

/** 约束性 binding (the government must reach it) or 预期性 expected; text targets carry no attribute. */
export const ATTRIBUTES = ["binding", "expected", "unspecified"] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

export const COMPARATORS = [">=", ">", "=", "<=", "<"] as const;
export type Comparator = (typeof COMPARATORS)[number];

/**
 * What the target value measures: `level` the value in the target year; `annual` a value every year of
 * the period ("每年培训1600人次以上"); `cumulative` the total over the plan period ("完成…2500户以上").
 */
export const MEASURES = ["level", "annual", "cumulative"] as const;
export type Measure = (typeof MEASURES)[number];

const sourceLocation = z.strictObject({
  /** The section of the document, in the source's own words, e.g. "二、（八）2．提高无障碍环境建设水平". */
  section: z.string().min(1),
  /** The words the value comes from, verbatim, so a reader can find it. */
  quote: z.string().min(1).optional(),
});

const baseline = z.discriminatedUnion("qualifier", [
  z.strictObject({
    qualifier: z.literal("exact"),
    year,
    value: z.number(),
    /** The baseline as printed, e.g. "98.37" or "99%". */
    printed: z.string().min(1),
  }),
  z.strictObject({
    /** The source printed a bound, e.g. ">96": the true value is above `value`. */
    qualifier: z.literal("greater-than"),
    year,
    value: z.number(),
    printed: z.string().min(1),
  }),
  z.strictObject({
    /** The source printed "—" or gave no baseline. */
    qualifier: z.literal("missing"),
    year,
    printed: z.string().min(1),
  }),
]);
export type Baseline = z.infer<typeof baseline>;

const target = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("compare"),
    year,
    comparator: z.enum(COMPARATORS),
    /**
     * False where the source printed a bare number ("100%", "90") and the comparator is the plain
     * reading of an attainment target (reach at least this).
     */
    comparatorPrinted: z.boolean(),
    value: z.number(),
    printed: z.string().min(1),
  }),
  z.strictObject({
    /** "与全市生产总值增长同步": average annual growth at least that of the named series. */
    kind: z.literal("in-step-with"),
    year,
    series: z.literal("gdp-growth"),
    seriesName: bilingual,
    printed: z.string().min(1),
  }),
  z.strictObject({
    /** Hold the baseline level: met while the value does not fall below the baseline. */
    kind: z.literal("hold"),
    year,
    printed: z.string().min(1),
  }),
]);
export type Target = z.infer<typeof target>;

const indicator = z
  .strictObject({
    /** Stable id, kebab-case, unique within the plan, e.g. "jx-t13-retrofit-rate". */
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    /** The row number printed in the source's table; null for targets taken from the text. */
    printedNumber: z.number().int().positive().nullable(),
    origin: z.enum(["table", "text"]),
    name: bilingual,
    unit: z.enum(UNITS),
    /** False where the source left the unit out (Huyi row 15). */
    unitPrinted: z.boolean(),
    /** For `count`: what is counted, e.g. {zh:"个", en:"communities"}. */
    unitLabel: bilingual.optional(),
    attribute: z.enum(ATTRIBUTES),
    measure: z.enum(MEASURES),
    /** Decimal places the plan prints; comparison happens at this precision. */
    precision: z.number().int().min(0).max(4),
    baseline,
    target,
    source: sourceLocation,
    /** Notes from the reader of the source (not the source's words). */
    note: bilingual.optional(),
    /**
     * For a text target: the id of the table indicator in the same plan that it restates (the same
     * quantity, possibly with another comparator, value or measure). The plan check compares the two.
     */
    restates: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      .optional(),
  })
  .superRefine((ind, ctx) => {
    if (ind.origin === "table" && ind.printedNumber === null) {
      ctx.addIssue({
        code: "custom",
        path: ["printedNumber"],
        message: "table row without number",
        params: {
          message: { zh: "表格中的指标必须有序号", en: "a table row needs its printed number" },
        },
      });
    }
    if (ind.origin === "text" && ind.printedNumber !== null) {
      ctx.addIssue({
        code: "custom",
        path: ["printedNumber"],
        message: "text target with number",
        params: {
          message: {
            zh: "来自正文的目标没有表格序号，应为 null",
            en: "a target from the text has no printed row number; use null",
          },
        },
      });
    }
    if (ind.target.year <= ind.baseline.year) {
      ctx.addIssue({
        code: "custom",
        path: ["target", "year"],
        message: "target year not after baseline year",
        params: {
          message: {
            zh: `目标年份 ${ind.target.year} 不晚于基期年份 ${ind.baseline.year}`,
            en: `target year ${ind.target.year} is not after the baseline year ${ind.baseline.year}`,
          },
        },
      });
    }
    if (ind.unit === "percent") {
      const checks: [string[], number | undefined][] = [
        [["baseline", "value"], "value" in ind.baseline ? ind.baseline.value : undefined],
        [["target", "value"], ind.target.kind === "compare" ? ind.target.value : undefined],
      ];
      for (const [path, v] of checks) {
        if (v !== undefined && (v < 0 || v > 100)) {
          ctx.addIssue({
            code: "custom",
            path,
            message: "percentage out of range",
            params: {
              message: {
                zh: `百分比 ${v} 超出 0–100 的范围`,
                en: `percentage ${v} is outside 0–100`,
              },
            },
          });
        }
      }
    }
    if (ind.unit === "count" && !ind.unitLabel) {
      ctx.addIssue({
        code: "custom",
        path: ["unitLabel"],
        message: "count without label",
        params: {
          message: { zh: "单位为 count 时须说明计数对象（unitLabel）", en: "a count needs a unitLabel" },
        },
      });
    }
  });
export type Indicator = z.infer<typeof indicator>;

export const planSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    /** Stable id, e.g. "jiaxing-2021-2025". */
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    title: bilingual,
    region: bilingual,
    /** Administrative level, which sets how facility coverage is counted. */
    level: z.enum(["city", "county", "district"]),
    province: bilingual,
    issuer: bilingual,
    /** ISO date the plan was issued, or null where the source gives none. */
    issued: z.iso.date().nullable(),
    issuedNote: bilingual.optional(),
    period: z.strictObject({ from: year, to: year }),
    baselineYear: year,
    targetYear: year,
    outlookYear: year.optional(),
    source: z.strictObject({ file: z.string().min(1), title: z.string().min(1) }),
    /** Evaluations the plan requires (mid-term 2023, final 2025…). */
    evaluations: z.array(z.strictObject({ year, kind: z.enum(["annual", "mid-term", "final"]) })),
    indicators: z.array(indicator).min(1),
  })
  .superRefine((plan, ctx) => {
    const seen = new Map<string, number>();
    plan.indicators.forEach((ind, i) => {
      const first = seen.get(ind.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["indicators", i, "id"],
          message: "duplicate id",
          params: {
            message: {
              zh: `指标 id “${ind.id}” 与 indicators[${first}] 重复`,
              en: `indicator id "${ind.id}" repeats indicators[${first}]`,
            },
          },
        });
      } else seen.set(ind.id, i);
    });
    plan.indicators.forEach((ind, i) => {
      if (ind.restates === undefined) return;
      if (ind.restates === ind.id) {
        ctx.addIssue({
          code: "custom",
          path: ["indicators", i, "restates"],
          message: "indicator restates itself",
          params: {
            message: {
              zh: `指标 “${ind.id}” 的 restates 指向它自己`,
              en: `indicator "${ind.id}" names itself in restates`,
            },
          },
        });
      } else if (!seen.has(ind.restates)) {
        ctx.addIssue({
          code: "custom",
          path: ["indicators", i, "restates"],
          message: "restates names no indicator",
          params: {
            message: {
              zh: `指标 “${ind.id}” 的 restates “${ind.restates}” 在本规划中找不到对应的指标 id`,
              en: `indicator "${ind.id}" restates "${ind.restates}", but this plan has no indicator with that id`,
            },
          },
        });
      }
    });
    const numbers = new Map<number, number>();
    plan.indicators.forEach((ind, i) => {
      if (ind.printedNumber === null) return;
      const first = numbers.get(ind.printedNumber);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["indicators", i, "printedNumber"],
          message: "duplicate printed number",
          params: {
            message: {
              zh: `表格序号 ${ind.printedNumber} 与 indicators[${first}] 重复`,
              en: `printed number ${ind.printedNumber} repeats indicators[${first}]`,
            },
          },
        });
      } else numbers.set(ind.printedNumber, i);
    });
    if (plan.targetYear <= plan.baselineYear) {
      ctx.addIssue({
        code: "custom",
        path: ["targetYear"],
        message: "target year not after baseline",
        params: {
          message: {
            zh: `目标年份 ${plan.targetYear} 不晚于基期年份 ${plan.baselineYear}`,
            en: `target year ${plan.targetYear} is not after the baseline year ${plan.baselineYear}`,
          },
        },
      });
    }
  });
export type Plan = z.infer<typeof planSchema>;

/** Validates an unknown value as a plan; `file` names the input in every message. */
export function parsePlan(input: unknown, file: string): Result<Plan, InputIssue[]> {
  return parseWith(planSchema, input, file);
}
