import * as z from "zod/mini";
import { fail } from "./result.ts";
import { bilingual, type Result } from "./text.ts";
import { type InputIssue, parseWith } from "./validation.ts";

/**
 * Observed history as data: series of published figures, each point citing a source, so that a default
 * assumption can be a trend fitted to what was observed (see `trend.ts`) rather than a restatement of the
 * pace the plan itself requires.
 *
 * An evidence file (`scenarios/evidence/<id>.json`) cites each source once, by key, and lists series of
 * points. Values are stored in base units (people, not 万人; yuan, not 亿元); `printed` keeps the figure
 * exactly as the source prints it, so a reader can check the conversion.
 */

const id = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/));
const year = z.int().check(z.gte(1949)).check(z.lte(2100));

/** What a series counts. Values are in these base units; a rate of change is `percent-per-year`. */
export const EVIDENCE_UNITS = [
  "percent",
  "percent-per-year",
  "percentage-points",
  "people",
  "households",
  "attendances",
  "count",
  "yuan",
  "yuan-per-month",
  "per-thousand",
  "years",
] as const;
export type EvidenceUnit = (typeof EVIDENCE_UNITS)[number];

/** Units whose values may be negative (a fall); every other unit counts something. */
const SIGNED_UNITS: ReadonlySet<EvidenceUnit> = new Set(["percent-per-year", "percentage-points"]);

/** The administrative level of the place a series describes. */
export const EVIDENCE_LEVELS = ["national", "province", "city", "county", "district"] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

/**
 * How a value relates to time. `level`: a stock or rate at a date (coverage 85% in 2020; 38 million
 * certificate holders at the end of 2023). `annual`: a flow within one calendar year (retrofits done in
 * 2023). `cumulative`: a total over the series' `span` (488 retrofits over 2016–2020), the point's year
 * being the year the total was reached. `average`: a rate a year averaged over the `span` (disabled-household
 * income grew 6.9% a year over 2020–2023), the point's year being the span's last year.
 */
export const EVIDENCE_MEASURES = ["level", "annual", "cumulative", "average"] as const;
export type EvidenceMeasure = (typeof EVIDENCE_MEASURES)[number];

/** A date as `YYYY-MM-DD`, the form of `retrieved` and `asOf`. */
const isoDate = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/));

/** A cited source: a document, page or table, cited once per file and referred to by its key. */
export const evidenceSourceSchema = z
  .strictObject({
    /** The document's title, in its own language; say "(reported by …)" for secondary reporting. */
    title: z.string().check(z.minLength(1)),
    /** Who published it (the issuing body, or the outlet for secondary reporting). */
    publisher: z.string().check(z.minLength(1)),
    /** Year of publication. */
    year,
    /** A real address where it was read; left out when none is known. */
    url: z.optional(z.url()),
    /** When it was read at `url`, `YYYY-MM-DD`; required with `url`. */
    retrieved: z.optional(isoDate),
    /** Where inside the document: section, table or paragraph. */
    location: z.optional(z.string().check(z.minLength(1))),
    /** Anything a reader should know: secondary reporting, a different definition, rounding. */
    note: z.optional(bilingual),
  })
  .check(
    z.superRefine((s, ctx) => {
      if (s.url !== undefined && s.retrieved === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["retrieved"],
          message: "url without retrieved",
          params: {
            message: {
              zh: "给出 url 时必须写明读取日期 retrieved（YYYY-MM-DD）",
              en: "a source with a url must say when it was read (retrieved, YYYY-MM-DD)",
            },
          },
        });
      }
    }),
  );
export type EvidenceSource = z.infer<typeof evidenceSourceSchema>;

/** One observed value. */
export const evidencePointSchema = z.strictObject({
  /** The calendar year the value refers to (for a cumulative total: the year it was reached). */
  year,
  /** A finer date when the source gives one (`2021-06`, `2025-06-30`); it must fall in `year`. */
  asOf: z.optional(isoDate),
  /** The value in the series' base unit. */
  value: z.number().check(
    z.refine(Number.isFinite, {
      message: "not finite",
      params: { message: { zh: "应为有限的数字", en: "must be a finite number" } },
    }),
  ),
  /**
   * Set when the source prints a bound rather than a value: `lower` for “>90” or “≥85%”, `upper` for
   * “<5”. The value is then the bound itself.
   */
  bound: z.optional(z.enum(["lower", "upper"])),
  /** The figure exactly as printed (`1021.5万人`, `>90`), when it differs from `value`. */
  printed: z.optional(z.string().check(z.minLength(1))),
  /** The key of the source in the file's `sources`. */
  source: id,
  note: z.optional(bilingual),
});
export type EvidencePoint = z.infer<typeof evidencePointSchema>;

/** A series of observations of one quantity in one place. */
export const evidenceSeriesSchema = z.strictObject({
  id,
  label: bilingual,
  unit: z.enum(EVIDENCE_UNITS),
  place: bilingual,
  level: z.enum(EVIDENCE_LEVELS),
  measure: z.enum(EVIDENCE_MEASURES),
  /** For a cumulative or average series: the years the totals or averages run over, both inclusive. */
  span: z.optional(z.strictObject({ from: year, to: year })),
  /**
   * Set when the figures describe a larger (or other) place than the one they are meant to inform: what
   * they stand in for and how to scale them (by population, by certified disabled people, …).
   */
  proxy: z.optional(z.strictObject({ for: bilingual, scaling: bilingual })),
  /** What the series measures, how it is defined, or a break in its definition. */
  note: z.optional(bilingual),
  points: z.array(evidencePointSchema).check(z.minLength(1)),
});
export type EvidenceSeries = z.infer<typeof evidenceSeriesSchema>;

/** An evidence file (`scenarios/evidence/<id>.json`). */
export const evidenceSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    id,
    title: bilingual,
    /** Sources by key; every point cites one of them and every source is cited by some point. */
    sources: z.record(id, evidenceSourceSchema),
    series: z.array(evidenceSeriesSchema).check(z.minLength(1)),
  })
  .check(
    z.superRefine((f, ctx) => {
      const problem = (path: (string | number)[], zh: string, en: string) =>
        ctx.addIssue({ code: "custom", path, message: en, params: { message: { zh, en } } });
      const seenIds = new Map<string, number>();
      const cited = new Set<string>();
      f.series.forEach((s, i) => {
        const first = seenIds.get(s.id);
        if (first !== undefined) {
          problem(
            ["series", i, "id"],
            `序列 id “${s.id}” 与 series[${first}] 重复`,
            `series id "${s.id}" is already used by series[${first}]`,
          );
        } else seenIds.set(s.id, i);
        if ((s.measure === "cumulative" || s.measure === "average") && s.span === undefined) {
          problem(
            ["series", i, "span"],
            `${s.measure === "cumulative" ? "累计" : "平均"}（${s.measure}）序列必须给出起止年份 span`,
            `a ${s.measure} series needs a span (the years it runs over)`,
          );
        }
        if (s.span !== undefined && s.span.from > s.span.to) {
          problem(
            ["series", i, "span"],
            `起始年份 ${s.span.from} 晚于结束年份 ${s.span.to}`,
            `span starts in ${s.span.from}, after it ends in ${s.span.to}`,
          );
        }
        s.points.forEach((p, j) => {
          const at = ["series", i, "points", j];
          cited.add(p.source);
          if (!Object.hasOwn(f.sources, p.source)) {
            problem(
              [...at, "source"],
              `来源 “${p.source}” 未在 sources 中列出`,
              `source "${p.source}" is not listed in sources`,
            );
          }
          if (j > 0) {
            const prev = s.points[j - 1]!.year;
            if (p.year === prev) {
              problem(
                [...at, "year"],
                `年份 ${p.year} 重复出现`,
                `year ${p.year} appears twice; one point a year`,
              );
            } else if (p.year < prev) {
              problem(
                [...at, "year"],
                `数据点应按年份升序排列：${p.year} 排在 ${prev} 之后`,
                `points must be in increasing year order: ${p.year} comes after ${prev}`,
              );
            }
          }
          if (p.asOf !== undefined && !p.asOf.startsWith(`${p.year}-`)) {
            problem(
              [...at, "asOf"],
              `日期 ${p.asOf} 不在 ${p.year} 年内`,
              `date ${p.asOf} is not in the point's year ${p.year}`,
            );
          }
          if (
            s.span !== undefined &&
            (s.measure === "cumulative" || s.measure === "average") &&
            (p.year < s.span.from || p.year > s.span.to)
          ) {
            problem(
              [...at, "year"],
              `数据点的年份 ${p.year} 不在 ${s.span.from}–${s.span.to} 之内`,
              `a ${s.measure} point's year ${p.year} is outside the span ${s.span.from}–${s.span.to}`,
            );
          }
          if (s.unit === "percent" && s.measure === "level" && (p.value < 0 || p.value > 100)) {
            problem(
              [...at, "value"],
              `百分比 ${p.value} 不在 0–100 之间`,
              `a percentage of ${p.value} is outside 0–100`,
            );
          }
          if (!SIGNED_UNITS.has(s.unit) && p.value < 0) {
            problem(
              [...at, "value"],
              `计数不能为负（${p.value}）`,
              `a count cannot be negative (${p.value})`,
            );
          }
        });
      });
      for (const key of Object.keys(f.sources)) {
        if (!cited.has(key)) {
          problem(
            ["sources", key],
            `来源 “${key}” 没有被任何数据点引用`,
            `source "${key}" is cited by no point`,
          );
        }
      }
    }),
  );
export type EvidenceFile = z.infer<typeof evidenceSchema>;

/**
 * Validates an evidence file. Besides the schema: every point cites a listed source and every source is
 * cited; series ids are unique; points are in increasing year order, one a year; a cumulative series has
 * a span containing its points' years; and, when `file` ends in `.json`, the id equals the file's name.
 * Every problem names `file` and the JSON path, in both languages.
 */
export function parseEvidence(input: unknown, file: string): Result<EvidenceFile, InputIssue[]> {
  const r = parseWith(evidenceSchema, input, file);
  if (!r.ok) return r;
  const name = /([^/\\]+)\.json$/.exec(file)?.[1];
  if (name !== undefined && name !== r.value.id) {
    return fail(file, "id", {
      zh: `id “${r.value.id}” 应与文件名 “${name}” 相同`,
      en: `id "${r.value.id}" must equal the file name "${name}"`,
    });
  }
  return r;
}

/**
 * Checks series ids are unique across several parsed evidence files (each file checks its own). Returns
 * one issue per repeated id, naming the later file.
 */
export function checkEvidenceIds(files: readonly { file: string; evidence: EvidenceFile }[]): InputIssue[] {
  const owner = new Map<string, string>();
  const issues: InputIssue[] = [];
  for (const { file, evidence } of files) {
    evidence.series.forEach((s, i) => {
      const other = owner.get(s.id);
      if (other !== undefined) {
        issues.push({
          file,
          path: `series[${i}].id`,
          message: {
            zh: `序列 id “${s.id}” 已在 ${other} 中使用`,
            en: `series id "${s.id}" is already used by ${other}`,
          },
        });
      } else owner.set(s.id, file);
    });
  }
  return issues;
}
