import { describe, expect, it } from "vitest";
import { type Indicator, type Plan, parsePlan } from "../../models/plan.ts";
import type { InputIssue } from "../../models/validation.ts";

/** A table row in the shape most seed rows have: exact 2020 baseline, bare percentage target. */
function row(n: number, overrides: Partial<Indicator> = {}): Indicator {
  return {
    id: `t-t${String(n).padStart(2, "0")}-row`,
    printedNumber: n,
    origin: "table",
    name: { zh: `指标${n}（%）`, en: `indicator ${n} (%)` },
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
      comparatorPrinted: false,
      value: 90,
      printed: "90%",
    },
    source: { section: "一、（二）发展目标 · 主要指标" },
    ...overrides,
  };
}

function plan(indicators: Indicator[]): Plan {
  return {
    schemaVersion: 1,
    id: "test-2021-2025",
    title: { zh: "测试规划", en: "Test plan" },
    region: { zh: "测试市", en: "Test City" },
    level: "city",
    province: { zh: "浙江省", en: "Zhejiang" },
    issuer: { zh: "测试市人民政府", en: "Test City People's Government" },
    issued: "2021-11-15",
    period: { from: 2021, to: 2025 },
    baselineYear: 2020,
    targetYear: 2025,
    outlookYear: 2035,
    source: { file: "seeds/test.txt", title: "测试规划" },
    evaluations: [
      { year: 2023, kind: "mid-term" },
      { year: 2025, kind: "final" },
    ],
    indicators,
  };
}

/** Parses and returns the issues, failing the test when the input was accepted. */
function issuesOf(input: unknown): InputIssue[] {
  const r = parsePlan(input, "plan.json");
  if (r.ok) throw new Error("expected the plan to be rejected");
  return r.error;
}

function accepts(input: Plan): Plan {
  const r = parsePlan(input, "plan.json");
  if (!r.ok) throw new Error(`expected the plan to be accepted: ${JSON.stringify(r.error)}`);
  return r.value;
}

describe("planSchema rejects with a message a person can act on", () => {
  const base = row(1);

  it("an unknown comparator", () => {
    const issues = issuesOf(
      plan([{ ...base, target: { ...base.target, comparator: "≥" } } as unknown as Indicator]),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]?.file).toBe("plan.json");
    expect(issues[0]?.path).toBe("indicators[0].target.comparator");
    expect(issues[0]?.message.en).toBe('"≥" is not allowed; allowed values: ">=", ">", "=", "<=", "<"');
    expect(issues[0]?.message.zh).toBe('取值 "≥" 无效，允许的取值：">=", ">", "=", "<=", "<"');
  });

  it("a target year before the baseline year", () => {
    const issues = issuesOf(plan([{ ...base, target: { ...base.target, year: 2019 } } as Indicator]));
    expect(issues).toEqual([
      {
        file: "plan.json",
        path: "indicators[0].target.year",
        message: {
          zh: "目标年份 2019 不晚于基期年份 2020",
          en: "target year 2019 is not after the baseline year 2020",
        },
      },
    ]);
  });

  it("a percentage above 100, in the target and in the baseline", () => {
    const issues = issuesOf(
      plan([
        {
          ...base,
          baseline: { qualifier: "exact", year: 2020, value: 101, printed: "101%" },
          target: { ...base.target, value: 120 } as Indicator["target"],
        },
      ]),
    );
    expect(issues.map((i) => i.path)).toEqual(["indicators[0].baseline.value", "indicators[0].target.value"]);
    expect(issues[1]?.message).toEqual({
      zh: "百分比 120 超出 0–100 的范围",
      en: "percentage 120 is outside 0–100",
    });
  });

  it("duplicate indicator ids, pointing at the second and naming the first", () => {
    const issues = issuesOf(plan([row(1), row(2, { id: "t-t01-row" })]));
    expect(issues).toEqual([
      {
        file: "plan.json",
        path: "indicators[1].id",
        message: {
          zh: "指标 id “t-t01-row” 与 indicators[0] 重复",
          en: 'indicator id "t-t01-row" repeats indicators[0]',
        },
      },
    ]);
  });

  it("duplicate printed row numbers", () => {
    const issues = issuesOf(plan([row(1), row(2, { printedNumber: 1 })]));
    expect(issues[0]?.path).toBe("indicators[1].printedNumber");
    expect(issues[0]?.message.en).toBe("printed number 1 repeats indicators[0]");
  });

  it("an unknown field", () => {
    const issues = issuesOf(plan([{ ...base, comment: "checked by hand" } as Indicator]));
    expect(issues).toEqual([
      {
        file: "plan.json",
        path: "indicators[0]",
        message: { zh: "未知字段 “comment”", en: 'unknown field "comment"' },
      },
    ]);
  });

  it("an unknown field at the top of the plan", () => {
    const issues = issuesOf({ ...plan([base]), author: "me" });
    expect(issues[0]?.path).toBe("");
    expect(issues[0]?.message.en).toBe('unknown field "author"');
  });

  it("a number written as a string", () => {
    const issues = issuesOf(
      plan([{ ...base, target: { ...base.target, value: "90" } } as unknown as Indicator]),
    );
    expect(issues).toEqual([
      {
        file: "plan.json",
        path: "indicators[0].target.value",
        message: {
          zh: "应为数字，实际是文本（数字不要加引号）",
          en: "expected a number, got text (write numbers without quotes)",
        },
      },
    ]);
  });

  it("a missing required field", () => {
    const { precision: _precision, ...noPrecision } = base;
    const issues = issuesOf(plan([noPrecision as Indicator]));
    expect(issues[0]?.path).toBe("indicators[0].precision");
    expect(issues[0]?.message).toEqual({ zh: "缺少必填字段", en: "a required field is missing" });
  });

  it("a table row without a printed number and a text target with one", () => {
    const issues = issuesOf(
      plan([row(1, { printedNumber: null }), row(2, { id: "t-x-text", origin: "text" })]),
    );
    expect(issues.map((i) => [i.path, i.message.en])).toEqual([
      ["indicators[0].printedNumber", "a table row needs its printed number"],
      ["indicators[1].printedNumber", "a target from the text has no printed row number; use null"],
    ]);
  });

  it("a count without a unit label", () => {
    const issues = issuesOf(plan([row(1, { unit: "count" })]));
    expect(issues[0]?.path).toBe("indicators[0].unitLabel");
    expect(issues[0]?.message.zh).toBe("单位为 count 时须说明计数对象（unitLabel）");
  });

  it("restates naming an indicator that is not in the plan, or itself", () => {
    const issues = issuesOf(
      plan([
        row(1),
        row(2, { id: "t-x-a", printedNumber: null, origin: "text", restates: "t-t09-row" }),
        row(3, { id: "t-x-b", printedNumber: null, origin: "text", restates: "t-x-b" }),
      ]),
    );
    expect(issues).toEqual([
      {
        file: "plan.json",
        path: "indicators[1].restates",
        message: {
          zh: "指标 “t-x-a” 的 restates “t-t09-row” 在本规划中找不到对应的指标 id",
          en: 'indicator "t-x-a" restates "t-t09-row", but this plan has no indicator with that id',
        },
      },
      {
        file: "plan.json",
        path: "indicators[2].restates",
        message: {
          zh: "指标 “t-x-b” 的 restates 指向它自己",
          en: 'indicator "t-x-b" names itself in restates',
        },
      },
    ]);
  });

  it("a plan whose target year is not after its baseline year", () => {
    const issues = issuesOf({ ...plan([base]), targetYear: 2020 });
    expect(issues[0]?.path).toBe("targetYear");
    expect(issues[0]?.message.en).toBe("target year 2020 is not after the baseline year 2020");
  });
});

describe("planSchema accepts every shape the seed plans contain", () => {
  it("a baseline printed as a bound (Huyi row 9: >96 → >96)", () => {
    const p = accepts(
      plan([
        row(9, {
          attribute: "expected",
          baseline: { qualifier: "greater-than", year: 2020, value: 96, printed: ">96" },
          target: {
            kind: "compare",
            year: 2025,
            comparator: ">",
            comparatorPrinted: true,
            value: 96,
            printed: ">96",
          },
        }),
      ]),
    );
    expect(p.indicators[0]?.baseline).toEqual({
      qualifier: "greater-than",
      year: 2020,
      value: 96,
      printed: ">96",
    });
  });

  it("a missing baseline and a target in step with GDP (row 1 of both seeds)", () => {
    const p = accepts(
      plan([
        row(1, {
          unit: "growth-rate",
          unitPrinted: false,
          attribute: "expected",
          baseline: { qualifier: "missing", year: 2020, printed: "—" },
          target: {
            kind: "in-step-with",
            year: 2025,
            series: "gdp-growth",
            seriesName: { zh: "全市生产总值增长", en: "city GDP growth" },
            printed: "与全市生产总值增长同步",
          },
        }),
      ]),
    );
    expect(p.indicators[0]?.target.kind).toBe("in-step-with");
    expect(p.indicators[0]?.baseline.qualifier).toBe("missing");
  });

  it("a target equal to its baseline, and a hold target", () => {
    accepts(
      plan([
        row(5, {
          baseline: { qualifier: "exact", year: 2020, value: 100, printed: "100" },
          target: {
            kind: "compare",
            year: 2025,
            comparator: ">=",
            comparatorPrinted: false,
            value: 100,
            printed: "100",
          },
        }),
        row(6, { target: { kind: "hold", year: 2025, printed: "保持" } }),
      ]),
    );
  });

  it("count targets next to percentages (people, attendances a year, households, labelled counts)", () => {
    const p = accepts(
      plan([
        row(4, {
          unit: "people",
          attribute: "expected",
          baseline: { qualifier: "exact", year: 2020, value: 300, printed: "300" },
          target: {
            kind: "compare",
            year: 2025,
            comparator: ">",
            comparatorPrinted: true,
            value: 500,
            printed: ">500",
          },
        }),
        row(10, {
          unit: "attendances",
          baseline: { qualifier: "exact", year: 2020, value: 70, printed: "70" },
          target: {
            kind: "compare",
            year: 2025,
            comparator: ">=",
            comparatorPrinted: false,
            value: 70,
            printed: "70",
          },
        }),
        row(11),
        row(12, {
          id: "t-x-communities",
          printedNumber: null,
          origin: "text",
          unit: "count",
          unitLabel: { zh: "个", en: "communities" },
          attribute: "unspecified",
          measure: "cumulative",
          target: {
            kind: "compare",
            year: 2025,
            comparator: ">=",
            comparatorPrinted: true,
            value: 65,
            printed: "65个以上",
          },
        }),
      ]),
    );
    expect(p.indicators.map((i) => i.unit)).toEqual(["people", "attendances", "percent", "count"]);
  });

  it("a unit the source left out (Huyi row 15)", () => {
    const p = accepts(plan([row(15, { unitPrinted: false })]));
    expect(p.indicators[0]?.unitPrinted).toBe(false);
  });

  it("a gap in the printed row numbers (Huyi: no row 11)", () => {
    const p = accepts(plan([row(10), row(12), row(13)]));
    expect(p.indicators.map((i) => i.printedNumber)).toEqual([10, 12, 13]);
  });

  it("text targets: no row number, no attribute, a quote, annual and cumulative measures, restates", () => {
    const p = accepts(
      plan([
        row(4, { id: "t-t04-trained" }),
        row(1, {
          id: "t-x-trained-per-year",
          printedNumber: null,
          origin: "text",
          unit: "people",
          attribute: "unspecified",
          measure: "annual",
          baseline: { qualifier: "missing", year: 2020, printed: "—" },
          target: {
            kind: "compare",
            year: 2025,
            comparator: ">=",
            comparatorPrinted: true,
            value: 200,
            printed: "每年至少帮助200名",
          },
          source: { section: "专栏4 · 14.", quote: "每年至少帮助200名残疾人参加职业技能和实用技术培训" },
          restates: "t-t04-trained",
          note: { zh: "与第4行为同一指标", en: "the same quantity as row 4" },
        }),
      ]),
    );
    expect(p.indicators[1]?.restates).toBe("t-t04-trained");
    expect(p.indicators[1]?.source.quote).toContain("200");
  });

  it("binding and expected rows side by side", () => {
    const p = accepts(plan([row(1, { attribute: "binding" }), row(2, { attribute: "expected" })]));
    expect(p.indicators.map((i) => i.attribute)).toEqual(["binding", "expected"]);
  });

  it("an unknown issue date with a note (Huyi)", () => {
    accepts({
      ...plan([row(1)]),
      issued: null,
      issuedNote: { zh: "发布不早于2023年", en: "issued in 2023 or later" },
      level: "district",
    });
  });
});
