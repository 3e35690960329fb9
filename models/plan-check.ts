import { judgingPrecision, printedDecimals } from "./feasibility.ts";
import { baselinePrinted, type Comparator, type Indicator, type Plan, scaleDigits } from "./plan.ts";
import type { Bilingual } from "./text.ts";

/**
 * Checks a plan for tensions inside it — a gap in the table numbering, a text target that says something
 * other than the table row it restates, a target that asks for no more than the baseline… — and reports
 * them as data. The plan is never changed: a finding is shown to people, never silently resolved.
 */

export type FindingSeverity = "error" | "warning" | "info";

export const FINDING_CODES = [
  "missing-row-number",
  "target-equals-baseline",
  "unit-not-printed",
  "binding-below-baseline",
  "annual-vs-level-tension",
  "text-table-mismatch",
  "baseline-bound",
  "baseline-missing",
  "restates-unknown",
  "precision-mismatch",
  "measure-unstated",
  "partial-table",
  "baseline-not-in-source",
  "basically-in-step",
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export interface PlanFinding {
  severity: FindingSeverity;
  code: FindingCode;
  /** The indicators concerned: for a text target against a table row, the row first, then the text target. */
  indicatorIds: string[];
  message: Bilingual;
}

const SEVERITY_ORDER: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

const COMPARATOR_TEXT: Record<Comparator, string> = { ">=": "≥", ">": ">", "=": "=", "<=": "≤", "<": "<" };

const UNIT_TEXT: Record<Indicator["unit"], Bilingual> = {
  percent: { zh: "百分比", en: "a percentage" },
  people: { zh: "人数", en: "people" },
  attendances: { zh: "人次", en: "attendances" },
  households: { zh: "户数", en: "households" },
  yuan: { zh: "元", en: "yuan" },
  "growth-rate": { zh: "增长率", en: "a growth rate" },
  count: { zh: "个数", en: "a count" },
};

const MEASURE_TEXT: Record<Indicator["measure"], Bilingual> = {
  level: { zh: "目标年份当年的水平", en: "a level in the target year" },
  annual: { zh: "每年的数量", en: "an amount every year" },
  cumulative: { zh: "规划期累计", en: "a total over the plan period" },
  unstated: { zh: "未说明是每年还是累计", en: "not stated as yearly or as a total" },
};

/** How a person finds the indicator: "第4行" / "row 4", or the text target's name and section. */
function label(ind: Indicator): Bilingual {
  if (ind.printedNumber !== null) {
    return {
      zh: `第${ind.printedNumber}行“${ind.name.zh}”`,
      en: `row ${ind.printedNumber} (${ind.name.en})`,
    };
  }
  return {
    zh: `正文目标“${ind.name.zh}”（${ind.source.section}）`,
    en: `the text target "${ind.name.en}" (${ind.source.section})`,
  };
}

/** Short form: "第4行" / "row 4", or the text target's name. */
function shortLabel(ind: Indicator): Bilingual {
  if (ind.printedNumber !== null) return { zh: `第${ind.printedNumber}行`, en: `row ${ind.printedNumber}` };
  return { zh: `正文目标“${ind.name.zh}”`, en: `the text target "${ind.name.en}"` };
}

/** The target as printed, with its reading where that differs: "“100”（≥100）" / "“100” (≥100)". */
function describeTarget(ind: Indicator): Bilingual {
  const t = ind.target;
  if (t.kind !== "compare") return { zh: t.printed, en: t.printed };
  if (ind.scale !== undefined)
    return { zh: `“${t.printed}”（${ind.scale}）`, en: `“${t.printed}” (${ind.scale})` };
  const written = `${COMPARATOR_TEXT[t.comparator]}${t.value}`;
  if (t.printed.replace(/[%\s]/g, "") === written) return { zh: t.printed, en: t.printed };
  return { zh: `“${t.printed}”（${written}）`, en: `“${t.printed}” (${written})` };
}

/** Ranges of the missing numbers in 1…max, e.g. [11] or [3, 4, 5]. */
function missingNumbers(numbers: readonly number[]): number[] {
  if (numbers.length === 0) return [];
  const present = new Set(numbers);
  const max = Math.max(...numbers);
  const missing: number[] = [];
  for (let n = 1; n <= max; n++) if (!present.has(n)) missing.push(n);
  return missing;
}

/** Printed numbers as runs: [1..10, 12..15] → "1–10, 12–15". */
function runs(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(", ");
}

function checkNumbering(plan: Plan): PlanFinding[] {
  const table = plan.indicators.filter((i) => i.origin === "table" && i.printedNumber !== null);
  const numbers = table.map((i) => i.printedNumber ?? 0);
  const missing = missingNumbers(numbers);
  if (missing.length === 0) return [];
  const list = missing.join(", ");
  const listZh = missing.join("、");
  const printed = runs(numbers);
  // The rows either side of each gap, so a reader can find the place.
  const around = table
    .filter(
      (i) => missing.includes((i.printedNumber ?? 0) - 1) || missing.includes((i.printedNumber ?? 0) + 1),
    )
    .map((i) => i.id);
  return [
    {
      severity: "warning",
      code: "missing-row-number",
      indicatorIds: around,
      message: {
        zh: `主要指标表的序号为 ${printed.replaceAll(", ", "、")}，缺少第 ${listZh} 行：可能有指标在原文中遗漏，请与发文机关核对。`,
        en: `The main indicator table numbers its rows ${printed}: there is no row ${list}. A row may have been lost from the source; check with the issuing body.`,
      },
    },
  ];
}

function checkIndicator(
  ind: Indicator,
  byId: ReadonlyMap<string, Indicator>,
  noBaselineColumn: boolean,
): PlanFinding[] {
  const out: PlanFinding[] = [];
  const me = label(ind);
  const b = ind.baseline;
  const t = ind.target;

  if (!ind.unitPrinted && ind.origin === "table") {
    // A plan with no baseline column has no printed baseline to quote: only the target is shown.
    const printedB = baselinePrinted(b);
    out.push({
      severity: "warning",
      code: "unit-not-printed",
      indicatorIds: [ind.id],
      message:
        printedB === null
          ? {
              zh: `${me.zh}：原文未印单位，数据中按${UNIT_TEXT[ind.unit].zh}理解（目标 ${t.printed}；原表无基期）。`,
              en: `${me.en}: the source prints no unit; the data reads it as ${UNIT_TEXT[ind.unit].en} (target ${t.printed}; the table has no baseline).`,
            }
          : {
              zh: `${me.zh}：原文未印单位，数据中按${UNIT_TEXT[ind.unit].zh}理解（基期 ${printedB}，目标 ${t.printed}）。`,
              en: `${me.en}: the source prints no unit; the data reads it as ${UNIT_TEXT[ind.unit].en} (baseline ${printedB}, target ${t.printed}).`,
            },
    });
  }

  if (
    judgingPrecision(ind) > ind.precision - scaleDigits(ind.scale) &&
    (b.qualifier === "exact" || b.qualifier === "greater-than")
  ) {
    const d = printedDecimals(b.printed);
    const f = 10 ** ind.precision;
    const rounded = Math.round(b.value * f) / f;
    const wouldPass =
      t.kind === "compare" &&
      ((t.comparator === ">=" && rounded >= t.value && b.value < t.value) ||
        (t.comparator === ">" && rounded > t.value && b.value <= t.value));
    out.push({
      severity: "warning",
      code: "precision-mismatch",
      indicatorIds: [ind.id],
      message: {
        zh: `${me.zh}：基期值“${b.printed}”印有 ${d} 位小数，目标“${t.printed}”只印到 ${ind.precision} 位${wouldPass ? `；若按目标的精度比较，不作任何改进的 ${b.printed} 也会四舍五入为达标` : ""}。本工具按 ${d} 位小数判定。`,
        en: `${me.en}: the baseline "${b.printed}" is printed with ${d} decimals but the target "${t.printed}" with ${ind.precision}${wouldPass ? `; compared at the target's precision, ${b.printed} with no improvement at all would round to met` : ""}. Reachable judges it at ${d} decimals.`,
      },
    });
  }

  if (b.qualifier === "missing" && ind.origin === "table") {
    out.push({
      severity: "info",
      code: "baseline-missing",
      indicatorIds: [ind.id],
      message: {
        zh: `${me.zh}：${b.year}年基期值印作“${b.printed}”，没有可比的起点；所需进度只能从第一个实际值算起。`,
        en: `${me.en}: the ${b.year} baseline is printed as "${b.printed}", so there is no starting value; the required pace can only be computed from the first actual figure.`,
      },
    });
  }

  if (ind.measure === "unstated") {
    out.push({
      severity: "warning",
      code: "measure-unstated",
      indicatorIds: [ind.id],
      message: {
        zh: `${me.zh}：原文目标 ${describeTarget(ind).zh} 未说明是每年的数量还是规划期累计，两种读法相差约 ${t.year - b.year} 倍。本工具把它作为情景中的假设“${ind.id}.measure”（0 = 每年，1 = 规划期累计），可以切换；请向发文机关核实。`,
        en: `${me.en}: the target ${describeTarget(ind).en} does not say whether it is an amount every year or a total over the period; the two readings differ about ${t.year - b.year}-fold. Reachable reads it from the scenario's assumption "${ind.id}.measure" (0 = every year, 1 = over the period), which can be switched; check with the issuing body.`,
      },
    });
  }

  if (b.qualifier === "not-in-source" && ind.origin === "table" && !noBaselineColumn) {
    out.push({
      severity: "info",
      code: "baseline-not-in-source",
      indicatorIds: [ind.id],
      message: {
        zh: `${me.zh}：原表没有${b.year}年基期值（表中无基期一栏），起点只能来自情景中的假设或第一个实际值。`,
        en: `${me.en}: the source table has no ${b.year} baseline (no baseline column), so the starting value can only come from the scenario's assumptions or the first actual figure.`,
      },
    });
  }

  if (t.kind === "in-step-with" && t.basically) {
    out.push({
      severity: "info",
      code: "basically-in-step",
      indicatorIds: [ind.id],
      message: {
        zh: `${me.zh}：目标“${t.printed}”为“基本同步”，原文未给容差；本工具按增速差不低于 −${t.tolerance} 个百分点/年判定（${t.toleranceNote?.zh ?? ""}）。`,
        en: `${me.en}: the target "${t.printed}" is "basically in step", with no tolerance in the source; Reachable judges it met while the growth gap is at least −${t.tolerance} points a year (${t.toleranceNote?.en ?? ""}).`,
      },
    });
  }

  if (b.qualifier === "greater-than") {
    const sameBound =
      t.kind === "compare" && t.value === b.value && (t.comparator === ">" || t.comparator === ">=");
    out.push({
      severity: "info",
      code: "baseline-bound",
      indicatorIds: [ind.id],
      message: sameBound
        ? {
            zh: `${me.zh}：${b.year}年基期值印作界限“${b.printed}”（实际值高于 ${b.value}，具体多少未知）；目标 ${t.printed} 是同一界限，实际上要求保持在 ${b.value} 以上。`,
            en: `${me.en}: the ${b.year} baseline is printed as the bound "${b.printed}" (the true value is above ${b.value}, by how much is not said); the target ${t.printed} is the same bound, so the row in effect asks to stay above ${b.value}.`,
          }
        : {
            zh: `${me.zh}：${b.year}年基期值印作界限“${b.printed}”（实际值高于 ${b.value}，具体多少未知）；进度按 ${b.value} 计算是保守的。`,
            en: `${me.en}: the ${b.year} baseline is printed as the bound "${b.printed}" (the true value is above ${b.value}, by how much is not said); pace computed from ${b.value} is conservative.`,
          },
    });
  }

  if (
    t.kind === "compare" &&
    b.qualifier === "exact" &&
    t.value === b.value &&
    ind.measure === "level" &&
    (t.comparator === ">=" || t.comparator === "=" || t.comparator === "<=")
  ) {
    out.push({
      severity: "info",
      code: "target-equals-baseline",
      indicatorIds: [ind.id],
      message: {
        zh: `${me.zh}：${t.year}年目标 ${describeTarget(ind).zh} 等于${b.year}年基期值 ${b.printed}，即要求保持现有水平，不要求增长。`,
        en: `${me.en}: the ${t.year} target ${describeTarget(ind).en} equals the ${b.year} baseline ${b.printed}: the row asks to hold the level, not to raise it.`,
      },
    });
  }

  if (
    t.kind === "compare" &&
    (b.qualifier === "exact" || b.qualifier === "greater-than") &&
    ind.measure === "level" &&
    (t.comparator === ">=" || t.comparator === ">" || t.comparator === "=") &&
    t.value < b.value
  ) {
    const binding = ind.attribute === "binding";
    out.push({
      severity: binding ? "warning" : "info",
      code: "binding-below-baseline",
      indicatorIds: [ind.id],
      message: {
        zh: `${me.zh}：${binding ? "约束性" : ""}目标 ${describeTarget(ind).zh}（${t.year}年）低于${b.year}年基期值 ${b.printed}，${t.comparator === "=" ? "目标要求下降。" : "基期水平已经满足该目标，目标允许倒退。"}`,
        en: `${me.en}: the ${binding ? "binding " : ""}${t.year} target ${describeTarget(ind).en} is below the ${b.year} baseline ${b.printed}; ${t.comparator === "=" ? "the target asks for a fall." : "the baseline already meets it, so the target allows a fall."}`,
      },
    });
  }

  if (ind.restates !== undefined) {
    const other = byId.get(ind.restates);
    if (other === undefined) {
      out.push({
        severity: "error",
        code: "restates-unknown",
        indicatorIds: [ind.id],
        message: {
          zh: `${me.zh}：restates 指向的指标“${ind.restates}”不在本规划中。`,
          en: `${me.en}: restates names "${ind.restates}", which is not an indicator of this plan.`,
        },
      });
    } else {
      out.push(...compareRestated(ind, other));
    }
  }
  return out;
}

/** A text target against the table row it restates. */
function compareRestated(ind: Indicator, row: Indicator): PlanFinding[] {
  const t = ind.target;
  const rt = row.target;
  if (ind.unit !== row.unit || t.kind !== "compare" || rt.kind !== "compare") return [];
  const me = label(ind);
  const them = shortLabel(row);
  const ids = [row.id, ind.id];
  if (ind.measure !== row.measure) {
    if (t.value === rt.value) return [];
    const mine = MEASURE_TEXT[ind.measure];
    const theirs = MEASURE_TEXT[row.measure];
    const rb = row.baseline;
    const rowBaseline =
      rb.qualifier === "missing" || rb.qualifier === "not-in-source"
        ? { zh: "", en: "" }
        : { zh: `（${rb.year}年为 ${rb.printed}）`, en: ` (${rb.printed} in ${rb.year})` };
    return [
      {
        severity: "warning",
        code: "annual-vs-level-tension",
        indicatorIds: ids,
        message: {
          zh: `${them.zh}要求${rt.year}年 ${describeTarget(row).zh}${rowBaseline.zh}，按${theirs.zh}计；${me.zh}要求 ${describeTarget(ind).zh}，按${mine.zh}计（原文：“${ind.source.quote ?? t.printed}”）。两者数值不同、口径不同，规划未说明以哪一个为准。`,
          en: `${them.en} asks for ${describeTarget(row).en} in ${rt.year}${rowBaseline.en}, ${theirs.en}; ${me.en} asks for ${describeTarget(ind).en} as ${mine.en} (source: “${ind.source.quote ?? t.printed}”). The values and what they count differ, and the plan does not say which governs.`,
        },
      },
    ];
  }
  if (t.comparator === rt.comparator && t.value === rt.value) return [];
  const what =
    t.comparator !== rt.comparator && t.value !== rt.value
      ? { zh: "比较符和数值都不同", en: "both the comparator and the value differ" }
      : t.comparator !== rt.comparator
        ? {
            zh: `比较符不同（${COMPARATOR_TEXT[rt.comparator]} 与 ${COMPARATOR_TEXT[t.comparator]}）：恰好等于 ${t.value} 时，一处算达标，另一处不算`,
            en: `the comparators differ (${COMPARATOR_TEXT[rt.comparator]} against ${COMPARATOR_TEXT[t.comparator]}): exactly ${t.value} meets one and not the other`,
          }
        : {
            zh: `数值不同（${rt.value} 与 ${t.value}）`,
            en: `the values differ (${rt.value} against ${t.value})`,
          };
  return [
    {
      severity: "warning",
      code: "text-table-mismatch",
      indicatorIds: ids,
      message: {
        zh: `${them.zh}的目标为 ${describeTarget(row).zh}，而${me.zh}写作 ${describeTarget(ind).zh}（原文：“${ind.source.quote ?? t.printed}”）；${what.zh}。`,
        en: `${them.en} sets ${describeTarget(row).en}, while ${me.en} writes ${describeTarget(ind).en} (source: “${ind.source.quote ?? t.printed}”); ${what.en}.`,
      },
    },
  ];
}

/** True when the table has rows and none of them has a baseline in the source: no baseline column. */
function hasNoBaselineColumn(plan: Plan): boolean {
  const rows = plan.indicators.filter((i) => i.origin === "table");
  return rows.length > 0 && rows.every((i) => i.baseline.qualifier === "not-in-source");
}

function checkTable(plan: Plan): PlanFinding[] {
  const out: PlanFinding[] = [];
  const rows = plan.indicators.filter((i) => i.origin === "table").map((i) => i.id);
  if (hasNoBaselineColumn(plan)) {
    out.push({
      severity: "info",
      code: "baseline-not-in-source",
      indicatorIds: rows,
      message: {
        zh: `主要指标表没有${plan.baselineYear}年基期一栏：每一行的起点只能来自情景中的假设或第一个实际值。`,
        en: `The main indicator table has no ${plan.baselineYear} baseline column: every row's starting value can only come from the scenario's assumptions or the first actual figure.`,
      },
    });
  }
  if (!plan.table?.partial) return out;
  return [
    ...out,
    {
      severity: "warning",
      code: "partial-table",
      indicatorIds: rows,
      message: {
        zh:
          rows.length > 0
            ? `本规划的主要指标表未完整录入：${plan.table.note.zh} 已录入的 ${rows.length} 行不代表整份规划。`
            : `本规划的主要指标表未能读到：${plan.table.note.zh} 没有录入表中的任何一行；已录入的 ${plan.indicators.length} 项目标都来自其他文字，不代表整份规划。`,
        en:
          rows.length > 0
            ? `This plan's main table was not read in full: ${plan.table.note.en} The ${rows.length} rows entered are not the whole plan.`
            : `This plan's main table could not be read: ${plan.table.note.en} No row of the table is entered; the ${plan.indicators.length} targets entered all come from other text and are not the whole plan.`,
      },
    },
  ];
}

/** Every tension found in the plan, errors first, then warnings, then information; plan order within. */
export function checkPlan(plan: Plan): PlanFinding[] {
  const byId = new Map(plan.indicators.map((i) => [i.id, i] as const));
  const findings: PlanFinding[] = [...checkTable(plan), ...checkNumbering(plan)];
  const noColumn = hasNoBaselineColumn(plan);
  for (const ind of plan.indicators) findings.push(...checkIndicator(ind, byId, noColumn));
  // Array.prototype.sort is stable, so plan order is kept within a severity.
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
