import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Indicator, type Plan, parsePlan } from "../../models/plan.ts";
import { checkPlan, type FindingCode, type PlanFinding } from "../../models/plan-check.ts";

const plansDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "scenarios", "plans");

function loadPlan(file: string): Plan {
  const r = parsePlan(JSON.parse(readFileSync(join(plansDir, file), "utf8")), file);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function row(n: number, overrides: Partial<Indicator> = {}): Indicator {
  return {
    id: `t-t${String(n).padStart(2, "0")}`,
    printedNumber: n,
    origin: "table",
    name: { zh: `指标${n}`, en: `indicator ${n}` },
    unit: "percent",
    unitPrinted: true,
    attribute: "binding",
    measure: "level",
    precision: 0,
    baseline: { qualifier: "exact", year: 2020, value: 85, printed: "85%" },
    target: {
      kind: "compare",
      year: 2025,
      comparator: ">=",
      comparatorPrinted: true,
      value: 90,
      printed: "≥90%",
    },
    source: { section: "主要指标" },
    ...overrides,
  };
}

function textTarget(id: string, overrides: Partial<Indicator> = {}): Indicator {
  return {
    ...row(1),
    id,
    printedNumber: null,
    origin: "text",
    attribute: "unspecified",
    baseline: { qualifier: "missing", year: 2020, printed: "—" },
    source: { section: "二、（一）1．", quote: "达到90%以上" },
    ...overrides,
  };
}

function target(
  comparator: ">=" | ">" | "=" | "<=" | "<",
  value: number,
  printed?: string,
): Indicator["target"] {
  return {
    kind: "compare",
    year: 2025,
    comparator,
    comparatorPrinted: true,
    value,
    printed: printed ?? `${{ ">=": "≥", ">": ">", "=": "=", "<=": "≤", "<": "<" }[comparator]}${value}`,
  };
}

function exact(value: number): Indicator["baseline"] {
  return { qualifier: "exact", year: 2020, value, printed: String(value) };
}

/** A literal plan; run through the schema so the fixtures stay honest. */
function plan(indicators: Indicator[]): Plan {
  const input: Plan = {
    schemaVersion: 1,
    id: "test-2021-2025",
    title: { zh: "测试规划", en: "Test plan" },
    region: { zh: "测试市", en: "Test City" },
    level: "city",
    province: { zh: "浙江省", en: "Zhejiang" },
    issuer: { zh: "测试市人民政府", en: "Test City People's Government" },
    issued: null,
    period: { from: 2021, to: 2025 },
    baselineYear: 2020,
    targetYear: 2025,
    source: { file: "seeds/test.txt", title: "测试规划" },
    evaluations: [],
    indicators,
  };
  const r = parsePlan(input, "test");
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function codes(findings: PlanFinding[], code: FindingCode): PlanFinding[] {
  return findings.filter((f) => f.code === code);
}

describe("checkPlan on the Huyi plan", () => {
  const huyi = loadPlan("huyi-2021-2025.json");
  const findings = checkPlan(huyi);

  it("reports the table's yearly-training tension: row 4 >500 in 2025 against ≥200 a year in the text", () => {
    const [f, ...rest] = codes(findings, "annual-vs-level-tension");
    expect(rest).toEqual([]);
    expect(f?.severity).toBe("warning");
    expect(f?.indicatorIds).toEqual(["hy-t04-trained-people", "hy-x-trained-per-year"]);
    expect(f?.message.en).toContain("row 4 asks for >500 in 2025 (300 in 2021)");
    expect(f?.message.en).toContain("≥200");
    expect(f?.message.en).toContain("every year");
    expect(f?.message.zh).toContain("第4行要求2025年 >500（2021年为 300）");
    expect(f?.message.zh).toContain("每年至少帮助200名残疾人参加职业技能和实用技术培训");
  });

  it("reports the missing row 11, pointing at rows 10 and 12", () => {
    const [f, ...rest] = codes(findings, "missing-row-number");
    expect(rest).toEqual([]);
    expect(f?.severity).toBe("warning");
    expect(f?.indicatorIds).toEqual(["hy-t10-care-attendances", "hy-t12-compulsory-enrolment"]);
    expect(f?.message.en).toContain("rows 1–10, 12–15: there is no row 11");
    expect(f?.message.zh).toContain("1–10、12–15，缺少第 11 行");
  });

  it("reports the other shapes of the Huyi table", () => {
    const ids = (code: FindingCode) => codes(findings, code).flatMap((f) => f.indicatorIds);
    expect(ids("unit-not-printed")).toEqual(["hy-t15-retrofit-rate"]);
    expect(ids("baseline-bound")).toEqual(["hy-t09-medical-insurance", "hy-t13-rehab-coverage"]);
    expect(ids("baseline-missing")).toEqual(["hy-t01-income-growth"]);
    expect(ids("target-equals-baseline")).toEqual([
      "hy-t05-minimum-living-guarantee",
      "hy-t06-living-subsidy-coverage",
      "hy-t07-nursing-subsidy-coverage",
      "hy-t10-care-attendances",
    ]);
    // Row 13 ">90" against the text's "90%以上"; rows 12 and 14 are restated with the same target.
    expect(ids("text-table-mismatch")).toEqual(["hy-t13-rehab-coverage", "hy-x-rehab-coverage"]);
    expect(ids("binding-below-baseline")).toEqual([]);
  });

  it("reports rows whose baseline is printed more precisely than the target (judged at the finer one)", () => {
    const list = codes(findings, "precision-mismatch");
    expect(list.map((f) => f.indicatorIds[0])).toEqual([
      "hy-t02-metabolic-screening",
      "hy-t03-hearing-screening",
    ]);
    const [metabolic, hearing] = list;
    // 96.86 rounds to the target 97 at the target's precision: say so. 98.37 → 98.4 does not reach 98.5.
    expect(hearing?.message.en).toContain("with no improvement at all would round to met");
    expect(hearing?.message.zh).toContain("不作任何改进的 96.86 也会四舍五入为达标");
    expect(metabolic?.message.en).not.toContain("would round to met");
    expect(hearing?.message.en).toContain("judges it at 2 decimals");
  });

  it("lists warnings before information and never changes the plan", () => {
    const before = structuredClone(huyi);
    const again = checkPlan(huyi);
    expect(huyi).toEqual(before);
    expect(again).toEqual(findings);
    const order = findings.map((f) => f.severity);
    expect(order).toEqual([...order].sort((a, b) => (a === b ? 0 : a === "warning" ? -1 : 1)));
  });
});

describe("checkPlan on the Jiaxing plan", () => {
  const findings = checkPlan(loadPlan("jiaxing-2021-2025.json"));

  it("reports the insurance rows restated as ≥99 against the table's >99, and nothing on rows 12 and 13", () => {
    const mismatch = codes(findings, "text-table-mismatch");
    expect(mismatch.map((f) => f.indicatorIds)).toEqual([
      ["jx-t07-pension-insurance", "jx-x-pension-insurance"],
      ["jx-t08-medical-insurance", "jx-x-medical-insurance"],
    ]);
    expect(mismatch[0]?.message.en).toContain("row 7 sets >99%, while the text target");
    expect(mismatch[0]?.message.en).toContain("“99%以上” (≥99)");
    expect(mismatch[0]?.message.zh).toContain("比较符不同（> 与 ≥）");
  });

  it("reports no gap and row 10 (≥89 from 89) as holding the level", () => {
    expect(codes(findings, "missing-row-number")).toEqual([]);
    expect(codes(findings, "target-equals-baseline").map((f) => f.indicatorIds[0])).toEqual([
      "jx-t10-upper-secondary-education",
    ]);
  });
});

describe("checkPlan: each code fires when it should and not otherwise", () => {
  const only = (p: Plan, code: FindingCode) => codes(checkPlan(p), code);

  it("missing-row-number", () => {
    const f = only(plan([row(1), row(2), row(5)]), "missing-row-number");
    expect(f).toHaveLength(1);
    expect(f[0]?.message.en).toContain("rows 1–2, 5: there is no row 3, 4");
    expect(f[0]?.indicatorIds).toEqual(["t-t02", "t-t05"]);
    expect(only(plan([row(1), row(2), row(3)]), "missing-row-number")).toEqual([]);
    // Text targets carry no number and do not count.
    expect(only(plan([row(1), textTarget("t-x-a")]), "missing-row-number")).toEqual([]);
  });

  it("target-equals-baseline", () => {
    const f = only(
      plan([row(1, { baseline: exact(90), target: target(">=", 90, "≥90%") })]),
      "target-equals-baseline",
    );
    expect(f).toHaveLength(1);
    expect(f[0]?.severity).toBe("info");
    expect(f[0]?.message.en).toBe(
      "row 1 (indicator 1): the 2025 target ≥90% equals the 2020 baseline 90: the row asks to hold the level, not to raise it.",
    );
    expect(f[0]?.message.zh).toBe(
      "第1行“指标1”：2025年目标 ≥90% 等于2020年基期值 90，即要求保持现有水平，不要求增长。",
    );
    // ">90" from 90 asks for a rise; a bound baseline is not exact; a higher target is a rise.
    expect(
      only(plan([row(1, { baseline: exact(90), target: target(">", 90) })]), "target-equals-baseline"),
    ).toEqual([]);
    expect(
      only(
        plan([row(1, { baseline: { qualifier: "greater-than", year: 2020, value: 90, printed: ">90" } })]),
        "target-equals-baseline",
      ),
    ).toEqual([]);
    expect(only(plan([row(1)]), "target-equals-baseline")).toEqual([]);
  });

  it("unit-not-printed", () => {
    const f = only(
      plan([row(15, { unitPrinted: false, baseline: exact(80), target: target(">=", 95, "95") })]),
      "unit-not-printed",
    );
    expect(f).toHaveLength(1);
    expect(f[0]?.message.en).toBe(
      "row 15 (indicator 15): the source prints no unit; the data reads it as a percentage (baseline 80, target 95).",
    );
    expect(f[0]?.message.zh).toContain("原文未印单位");
    expect(only(plan([row(15)]), "unit-not-printed")).toEqual([]);
    // A table with no baseline column: nothing to quote, and never "baseline undefined".
    const none = only(
      plan([
        row(15, {
          unitPrinted: false,
          baseline: { qualifier: "not-in-source", year: 2020 },
          target: target(">=", 95, "95"),
        }),
      ]),
      "unit-not-printed",
    );
    expect(none[0]?.message.en).toBe(
      "row 15 (indicator 15): the source prints no unit; the data reads it as a percentage (target 95; the table has no baseline).",
    );
    expect(none[0]?.message.zh).toBe(
      "第15行“指标15”：原文未印单位，数据中按百分比理解（目标 95；原表无基期）。",
    );
  });

  it("binding-below-baseline", () => {
    const binding = only(
      plan([row(3, { baseline: exact(85), target: target(">=", 80) })]),
      "binding-below-baseline",
    );
    expect(binding).toHaveLength(1);
    expect(binding[0]?.severity).toBe("warning");
    expect(binding[0]?.message.en).toContain(
      "row 3 (indicator 3): the binding 2025 target ≥80 is below the 2020 baseline 85; the baseline already meets it",
    );
    expect(binding[0]?.message.zh).toContain("约束性目标");
    // An expected row weaker than its baseline under ≥ is flagged too, as information.
    const expected = only(
      plan([row(3, { attribute: "expected", baseline: exact(85), target: target(">", 80) })]),
      "binding-below-baseline",
    );
    expect(expected.map((f) => f.severity)).toEqual(["info"]);
    // Below a bound baseline.
    expect(
      only(
        plan([
          row(3, {
            baseline: { qualifier: "greater-than", year: 2020, value: 96, printed: ">96" },
            target: target(">=", 95),
          }),
        ]),
        "binding-below-baseline",
      ),
    ).toHaveLength(1);
    // A reduction target, a target above the baseline, and an annual count are not flagged.
    expect(
      only(plan([row(3, { baseline: exact(85), target: target("<=", 80) })]), "binding-below-baseline"),
    ).toEqual([]);
    expect(only(plan([row(3)]), "binding-below-baseline")).toEqual([]);
    expect(
      only(
        plan([
          row(3, { unit: "people", measure: "annual", baseline: exact(300), target: target(">=", 200) }),
        ]),
        "binding-below-baseline",
      ),
    ).toEqual([]);
  });

  it("annual-vs-level-tension", () => {
    const table = row(4, { unit: "people", baseline: exact(300), target: target(">", 500) });
    const yearly = textTarget("t-x-yearly", {
      unit: "people",
      measure: "annual",
      target: target(">=", 200, "每年至少200名"),
      source: { section: "专栏4", quote: "每年至少帮助200名" },
      restates: "t-t04",
    });
    const f = only(plan([table, yearly]), "annual-vs-level-tension");
    expect(f).toHaveLength(1);
    expect(f[0]?.indicatorIds).toEqual(["t-t04", "t-x-yearly"]);
    expect(f[0]?.message.en).toContain(
      "row 4 asks for >500 in 2025 (300 in 2020), a level in the target year",
    );
    expect(f[0]?.message.en).toContain("“每年至少200名” (≥200) as an amount every year");
    // Same value, or no restates relation, or another unit: nothing.
    expect(only(plan([table, { ...yearly, target: target(">", 500) }]), "annual-vs-level-tension")).toEqual(
      [],
    );
    const { restates: _r, ...unlinked } = yearly;
    expect(only(plan([table, unlinked]), "annual-vs-level-tension")).toEqual([]);
    expect(only(plan([table, { ...yearly, unit: "attendances" }]), "annual-vs-level-tension")).toEqual([]);
  });

  it("text-table-mismatch", () => {
    const table = row(7, { baseline: exact(99), target: target(">", 99, ">99%") });
    const text = textTarget("t-x-insurance", { target: target(">=", 99, "99%以上"), restates: "t-t07" });
    const f = only(plan([table, text]), "text-table-mismatch");
    expect(f).toHaveLength(1);
    expect(f[0]?.message.en).toContain(
      "the comparators differ (> against ≥): exactly 99 meets one and not the other",
    );
    const values = only(
      plan([row(13), textTarget("t-x-b", { target: target(">=", 95), restates: "t-t13" })]),
      "text-table-mismatch",
    );
    expect(values[0]?.message.en).toContain("the values differ (90 against 95)");
    expect(values[0]?.message.zh).toContain("数值不同（90 与 95）");
    // Same comparator and value (a bare "90%" in both counts as ≥90): nothing.
    expect(only(plan([row(13), textTarget("t-x-c", { restates: "t-t13" })]), "text-table-mismatch")).toEqual(
      [],
    );
    // A different unit is a different quantity, not a mismatch.
    expect(
      only(
        plan([
          row(13),
          textTarget("t-x-d", { unit: "households", target: target(">=", 2500), restates: "t-t13" }),
        ]),
        "text-table-mismatch",
      ),
    ).toEqual([]);
  });

  it("baseline-bound", () => {
    const bound = { qualifier: "greater-than", year: 2020, value: 96, printed: ">96" } as const;
    const same = only(plan([row(9, { baseline: bound, target: target(">", 96, ">96") })]), "baseline-bound");
    expect(same).toHaveLength(1);
    expect(same[0]?.severity).toBe("info");
    expect(same[0]?.message.en).toContain('printed as the bound ">96"');
    expect(same[0]?.message.en).toContain("in effect asks to stay above 96");
    const higher = only(plan([row(9, { baseline: bound, target: target(">=", 98) })]), "baseline-bound");
    expect(higher[0]?.message.en).toContain("pace computed from 96 is conservative");
    expect(only(plan([row(9)]), "baseline-bound")).toEqual([]);
  });

  it("baseline-missing", () => {
    const missing = { qualifier: "missing", year: 2020, printed: "—" } as const;
    const f = only(plan([row(1, { baseline: missing })]), "baseline-missing");
    expect(f).toHaveLength(1);
    expect(f[0]?.message.en).toBe(
      'row 1 (indicator 1): the 2020 baseline is printed as "—", so there is no starting value; the required pace can only be computed from the first actual figure.',
    );
    // Text targets rarely print a baseline; that is not worth a finding each.
    expect(only(plan([row(1), textTarget("t-x-a")]), "baseline-missing")).toEqual([]);
    expect(only(plan([row(1)]), "baseline-missing")).toEqual([]);
  });

  it("restates-unknown, for a plan built without the schema, comes first as an error", () => {
    const unchecked: Plan = { ...plan([row(1, { unitPrinted: false })]) };
    unchecked.indicators = [...unchecked.indicators, textTarget("t-x-a", { restates: "t-t99" })];
    const findings = checkPlan(unchecked);
    expect(findings[0]).toMatchObject({
      severity: "error",
      code: "restates-unknown",
      indicatorIds: ["t-x-a"],
    });
    expect(findings[0]?.message.en).toContain('restates names "t-t99"');
  });

  it("a plan with nothing to say gives no findings", () => {
    expect(checkPlan(plan([row(1), row(2), textTarget("t-x-a")]))).toEqual([]);
  });
});
