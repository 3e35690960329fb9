import * as z from "zod/mini";
import { bilingual, type Result } from "./text.ts";
import { type InputIssue, parseWith } from "./validation.ts";

/**
 * The plan schema: an official five-year plan as data. A plan is taken from a document and never edited
 * by a scenario; every field keeps what the source printed, and qualifiers stay qualifiers.
 */

const year = z.int().check(z.gte(1949)).check(z.lte(2100));

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
 * the period ("每年培训1600人次以上"); `cumulative` the total over the plan period ("完成…2500户以上");
 * `unstated` where the source prints a count without saying whether it is a yearly amount or a total over
 * the period ("城乡残疾人职业技能培训人数（万人） >4"). The engine then reads the choice from the scenario's
 * assumption `<indicator id>.measure` (0 = every year, 1 = over the period), a stated assumption the person
 * can switch; check-plan reports every such row.
 */
export const MEASURES = ["level", "annual", "cumulative", "unstated"] as const;
export type Measure = (typeof MEASURES)[number];
/** The measure an indicator is judged by once an `unstated` one is resolved by its assumption. */
export type JudgedMeasure = Exclude<Measure, "unstated">;

/** Administrative levels a plan may be issued at. */
export const LEVELS = ["national", "province", "city", "county", "district"] as const;
export type Level = (typeof LEVELS)[number];

/**
 * Scales a table prints in its unit column: the value is stored in base units (people, households,
 * attendances, yuan) and the printed form is kept. `factor` turns a printed number into base units;
 * `unit` is the base unit the scale belongs to.
 */
export const SCALES = {
  万人: { factor: 10_000, unit: "people", en: "10,000 people" },
  万户: { factor: 10_000, unit: "households", en: "10,000 households" },
  万人次: { factor: 10_000, unit: "attendances", en: "10,000 attendances" },
  亿元: { factor: 100_000_000, unit: "yuan", en: "100 million yuan" },
} as const;
export type Scale = keyof typeof SCALES;

/** Decimal digits a scale shifts by: 万 = 4, 亿 = 8 (0 without a scale). */
export function scaleDigits(scale: Scale | undefined): number {
  return scale === undefined ? 0 : Math.round(Math.log10(SCALES[scale].factor));
}

/** Named series an "in step with" target may keep pace with; any other kebab-case name is allowed too. */
export const KNOWN_SERIES = [
  "gdp-growth",
  "resident-income-growth",
  "urban-resident-income-growth",
  "rural-resident-income-growth",
  "fiscal-revenue-growth",
] as const;

const sourceLocation = z.strictObject({
  /** The section of the document, in the source's own words, e.g. "二、（八）2．提高无障碍环境建设水平". */
  section: z.string().check(z.minLength(1)),
  /** The words the value comes from, verbatim, so a reader can find it. */
  quote: z.optional(z.string().check(z.minLength(1))),
});

const baseline = z.discriminatedUnion("qualifier", [
  z.strictObject({
    qualifier: z.literal("exact"),
    year,
    value: z.number(),
    /** The baseline as printed, e.g. "98.37" or "99%". */
    printed: z.string().check(z.minLength(1)),
  }),
  z.strictObject({
    /** The source printed a bound, e.g. ">96": the true value is above `value`. */
    qualifier: z.literal("greater-than"),
    year,
    value: z.number(),
    printed: z.string().check(z.minLength(1)),
  }),
  z.strictObject({
    /** The source printed "—" (or another mark for "no value") in its baseline column. */
    qualifier: z.literal("missing"),
    year,
    printed: z.string().check(z.minLength(1)),
  }),
  z.strictObject({
    /**
     * The source has no baseline for this row at all: its table has no baseline column, or the target
     * comes from the text. Nothing was printed, so nothing is kept "as printed".
     */
    qualifier: z.literal("not-in-source"),
    year,
    printed: z.optional(z.never()),
    note: z.optional(bilingual),
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
    printed: z.string().check(z.minLength(1)),
  }),
  z.strictObject({
    /**
     * "与全市生产总值增长同步": average annual growth at least that of the named series. `series` names it
     * (see {@link KNOWN_SERIES}: GDP, resident income, fiscal revenue… or any kebab-case name), and
     * `seriesName` says it in both languages as the source does.
     */
    kind: z.literal("in-step-with"),
    year,
    series: z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)),
    seriesName: bilingual,
    printed: z.string().check(z.minLength(1)),
    /**
     * "基本同步" (basically in step): the source softens the target. It is kept as printed and judged with
     * the stated `tolerance`: met while the growth gap is at least −tolerance.
     */
    basically: z.optional(z.boolean()),
    /** Percentage points a year the growth may fall short and still count as (basically) in step. */
    tolerance: z.optional(z.number().check(z.gte(0)).check(z.lte(10))),
    /** Why that tolerance: the plan never states one, so the reader says where it comes from. */
    toleranceNote: z.optional(bilingual),
  }),
  z.strictObject({
    /**
     * A range ("90%–95%"): met when the value, at the judging precision, lies within [lo, hi]. Either
     * end is reached exactly as printed.
     */
    kind: z.literal("range"),
    year,
    lo: z.number(),
    hi: z.number(),
    printed: z.string().check(z.minLength(1)),
  }),
  z.strictObject({
    /** Hold the baseline level: met while the value does not fall below the baseline. */
    kind: z.literal("hold"),
    year,
    printed: z.string().check(z.minLength(1)),
  }),
]);
export type Target = z.infer<typeof target>;

const indicator = z
  .strictObject({
    /** Stable id, kebab-case, unique within the plan, e.g. "jx-t13-retrofit-rate". */
    id: z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)),
    /** The row number printed in the source's table; null for targets taken from the text. */
    printedNumber: z.nullable(z.int().check(z.positive())),
    origin: z.enum(["table", "text"]),
    name: bilingual,
    unit: z.enum(UNITS),
    /** False where the source left the unit out (Huyi row 15). */
    unitPrinted: z.boolean(),
    /** For `count`: what is counted, e.g. {zh:"个", en:"communities"}. */
    unitLabel: z.optional(bilingual),
    attribute: z.enum(ATTRIBUTES),
    measure: z.enum(MEASURES),
    /**
     * The scale the source prints the value in (万人, 万户, 万人次, 亿元). Values are stored in base units
     * (4万人 → 40000) and `printed` keeps the source's form; `precision` counts the decimals printed in
     * the scaled unit, so "4（万人）" is judged to the nearest 10,000.
     */
    scale: z.optional(z.enum(Object.keys(SCALES) as [Scale, ...Scale[]])),
    /** Decimal places the plan prints; comparison happens at this precision. */
    precision: z.int().check(z.gte(0)).check(z.lte(4)),
    baseline,
    target,
    source: sourceLocation,
    /** Notes from the reader of the source (not the source's words). */
    note: z.optional(bilingual),
    /**
     * For a text target: the id of the table indicator in the same plan that it restates (the same
     * quantity, possibly with another comparator, value or measure). The plan check compares the two.
     */
    restates: z.optional(z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/))),
  })
  .check(
    z.superRefine((ind, ctx) => {
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
          [["target", "lo"], ind.target.kind === "range" ? ind.target.lo : undefined],
          [["target", "hi"], ind.target.kind === "range" ? ind.target.hi : undefined],
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
      const t = ind.target;
      if (t.kind === "range" && !(t.lo <= t.hi)) {
        ctx.addIssue({
          code: "custom",
          path: ["target", "hi"],
          message: "range upside down",
          params: {
            message: {
              zh: `范围下限 ${t.lo} 大于上限 ${t.hi}`,
              en: `the range's lower end ${t.lo} is above its upper end ${t.hi}`,
            },
          },
        });
      }
      if (t.kind === "in-step-with" && t.basically && (t.tolerance === undefined || !t.toleranceNote)) {
        ctx.addIssue({
          code: "custom",
          path: ["target", "tolerance"],
          message: "basically in step without tolerance",
          params: {
            message: {
              zh: "“基本同步”须写明容差（tolerance，百分点/年）及其理由（toleranceNote）",
              en: 'a "basically in step" target states its tolerance (percentage points a year) and why (toleranceNote)',
            },
          },
        });
      }
      if (t.kind === "in-step-with" && !t.basically && t.tolerance !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["target", "tolerance"],
          message: "tolerance without basically",
          params: {
            message: {
              zh: "只有“基本同步”（basically: true）的目标才有容差",
              en: 'only a "basically in step" target (basically: true) has a tolerance',
            },
          },
        });
      }
      if (ind.measure === "unstated" && ind.unit === "percent") {
        ctx.addIssue({
          code: "custom",
          path: ["measure"],
          message: "unstated measure of a rate",
          params: {
            message: {
              zh: "百分比指标总是当年水平；“unstated” 只用于未说明是每年还是累计的数量",
              en: 'a percentage is always a level; "unstated" is for counts whose source does not say per year or in total',
            },
          },
        });
      }
      const sc = ind.scale === undefined ? undefined : SCALES[ind.scale];
      if (sc && sc.unit !== ind.unit) {
        ctx.addIssue({
          code: "custom",
          path: ["scale"],
          message: "scale does not fit the unit",
          params: {
            message: {
              zh: `单位“${ind.scale}”对应 ${sc.unit}，而指标单位是 ${ind.unit}`,
              en: `the scale "${ind.scale}" belongs to ${sc.unit}, but the indicator's unit is ${ind.unit}`,
            },
          },
        });
      }
      // A printed number times its scale is the stored value: "4（万人）" in 万人, or "4万以上" (a 万 printed
      // after the number) with no scale, is stored as 40000, never 4.
      const checks: [string[], string | undefined, number | undefined][] = [
        [["target", "value"], t.printed, t.kind === "compare" ? t.value : undefined],
        [
          ["baseline", "value"],
          ind.baseline.printed,
          ind.baseline.qualifier === "exact" || ind.baseline.qualifier === "greater-than"
            ? ind.baseline.value
            : undefined,
        ],
      ];
      for (const [path, printed, value] of checks) {
        const n = printed === undefined ? undefined : firstNumber(printed);
        const factor = sc?.factor ?? (printed === undefined ? undefined : printedMagnitude(printed));
        if (n === undefined || value === undefined || factor === undefined) continue;
        const expected = n * factor;
        if (Math.abs(expected - value) > 1e-9 * Math.max(1, Math.abs(expected))) {
          ctx.addIssue({
            code: "custom",
            path,
            message: "scaled value",
            params: {
              message: {
                zh: `印作“${printed}”，按基本单位应存为 ${expected}，而不是 ${value}`,
                en: `printed "${printed}", so stored in base units it is ${expected}, not ${value}`,
              },
            },
          });
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
    }),
  );
export type Indicator = z.infer<typeof indicator>;

/** The first number in a printed cell ("≥4", "4（万人）", "90%–95%" → 90), or undefined. */
export function firstNumber(printed: string): number | undefined {
  const m = /\d+(?:[.．]\d+)?/.exec(printed);
  return m ? Number(m[0].replace("．", ".")) : undefined;
}

/** The magnitude printed right after a cell's first number: 万 in "4万以上" (10,000), 亿 in "2亿元"; else undefined. */
export function printedMagnitude(printed: string): number | undefined {
  const m = /\d+(?:[.．]\d+)?\s*([万亿])/.exec(printed);
  return m && m.index === printed.search(/\d/) ? (m[1] === "万" ? 1e4 : 1e8) : undefined;
}

/** A baseline's printed form, or null where the source has none (`not-in-source`). */
export function baselinePrinted(b: Baseline): string | null {
  return b.qualifier === "not-in-source" ? null : b.printed;
}

export const planSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    /** Stable id, e.g. "jiaxing-2021-2025". */
    id: z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)),
    title: bilingual,
    region: bilingual,
    /** Administrative level, which sets how facility coverage is counted. */
    level: z.enum(LEVELS),
    province: bilingual,
    issuer: bilingual,
    /** ISO date the plan was issued, or null where the source gives none. */
    issued: z.nullable(z.iso.date()),
    issuedNote: z.optional(bilingual),
    period: z.strictObject({ from: year, to: year }),
    baselineYear: year,
    targetYear: year,
    outlookYear: z.optional(year),
    /**
     * Where the plan was read: a file beside the repository (`file`), or a public address (`url`) with
     * the date it was retrieved (`retrieved`, ISO date). At least one of `file` and `url`.
     */
    source: z
      .strictObject({
        file: z.optional(z.string().check(z.minLength(1))),
        url: z.optional(z.url({ protocol: /^https?$/ })),
        retrieved: z.optional(z.iso.date()),
        title: z.string().check(z.minLength(1)),
        /** Where in the document the main table is, e.g. "专栏1" or "page 6". */
        section: z.optional(z.string().check(z.minLength(1))),
      })
      .check(
        z.superRefine((src, ctx) => {
          if (src.file === undefined && src.url === undefined) {
            ctx.addIssue({
              code: "custom",
              path: ["file"],
              message: "source without file or url",
              params: {
                message: {
                  zh: "来源须给出文件（file）或网址（url）",
                  en: "a source gives a file or an address (url)",
                },
              },
            });
          }
          if (src.url !== undefined && src.retrieved === undefined) {
            ctx.addIssue({
              code: "custom",
              path: ["retrieved"],
              message: "url without retrieved date",
              params: {
                message: {
                  zh: "给出网址时须写明获取日期（retrieved，如 2026-11-30）",
                  en: "an address needs the date it was retrieved (retrieved, e.g. 2026-11-30)",
                },
              },
            });
          }
        }),
      ),
    /**
     * A table the reader could not read in full (a page missing, a cut-off copy): `partial: true` with a
     * note saying what is missing. check-plan reports it, so nobody takes the indicators for the whole plan.
     */
    table: z.optional(z.strictObject({ partial: z.boolean(), note: bilingual })),
    /** Evaluations the plan requires (mid-term 2023, final 2025…). */
    evaluations: z.array(z.strictObject({ year, kind: z.enum(["annual", "mid-term", "final"]) })),
    indicators: z.array(indicator).check(z.minLength(1)),
  })
  .check(
    z.superRefine((plan, ctx) => {
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
    }),
  );
export type Plan = z.infer<typeof planSchema>;

/** Validates an unknown value as a plan; `file` names the input in every message. */
export function parsePlan(input: unknown, file: string): Result<Plan, InputIssue[]> {
  return parseWith(planSchema, input, file);
}

/** The plan id without a trailing "-YYYY-YYYY" period: the stem of its scenario files. */
export function prefixOf(planId: string): string {
  return planId.replace(/-\d{4}-\d{4}$/, "") || planId;
}
