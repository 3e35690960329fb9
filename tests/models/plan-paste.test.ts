import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Indicator, type Plan, parsePlan } from "../../models/plan.ts";
import {
  buildPlan,
  type PasteOptions,
  type PasteResult,
  parsePastedTable,
  placeIssues,
  reviseRow,
  tokenise,
} from "../../models/plan-paste.ts";
import { scaffoldPlan } from "../../models/scaffold.ts";

/**
 * Import from the document's table (issue 13, item 3): the seed plans' tables pasted as a person copies
 * them from the seed texts parse into the shipped plans on every field the table carries; a public plan's
 * table (Inner Mongolia, found with the search tool) parses into the shipped Inner Mongolia plan; a second
 * public table (Nanning's 12th-plan evaluation indicators, run together in one paragraph) is read row by
 * row; and the shapes real tables print are read, or flagged where the reading is a guess.
 */

const ROOT = join(import.meta.dirname, "../..");

/** A fixture's pasted text: its header lines ("# …", where it comes from) taken off. */
function fixture(name: string): string {
  const lines = readFileSync(join(ROOT, "tests/fixtures/paste", name), "utf8").split("\n");
  let i = 0;
  while (i < lines.length && lines[i]!.startsWith("# ")) i++;
  return lines.slice(i).join("\n");
}

function shipped(id: string): Plan {
  const r = parsePlan(JSON.parse(readFileSync(join(ROOT, "scenarios/plans", `${id}.json`), "utf8")), id);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** The fields a table carries: everything but ids, English names, notes and where in the document. */
function tableFields(ind: Indicator) {
  return {
    printedNumber: ind.printedNumber,
    origin: ind.origin,
    name: ind.name.zh,
    unit: ind.unit,
    unitPrinted: ind.unitPrinted,
    unitLabel: ind.unitLabel,
    attribute: ind.attribute,
    measure: ind.measure,
    scale: ind.scale,
    precision: ind.precision,
    baseline: ind.baseline,
    target: ind.target,
  };
}

function expectSameTable(parsed: PasteResult, plan: Plan): void {
  const table = plan.indicators.filter((i) => i.origin === "table");
  expect(parsed.plan.indicators.map((i) => i.printedNumber)).toEqual(table.map((i) => i.printedNumber));
  parsed.plan.indicators.forEach((ind, k) => {
    expect(tableFields(ind), `row ${ind.printedNumber}`).toEqual(tableFields(table[k]!));
  });
  expect(parsed.plan.baselineYear).toBe(plan.baselineYear);
  expect(parsed.plan.targetYear).toBe(plan.targetYear);
  expect(parsed.plan.period).toEqual(plan.period);
}

const flagsOf = (r: PasteResult) =>
  r.rows.filter((x) => x.flags.length > 0).map((x) => [x.indicator.printedNumber, x.flags.map((f) => f.key)]);

describe("the seed plans' tables, pasted from the seed texts", () => {
  it("Jiaxing: every row equals the shipped plan on every field the table carries", () => {
    const r = parsePastedTable(fixture("jiaxing-seed.txt"), { id: "jiaxing-2021-2025", level: "city" });
    expect(r.layout).toBe("blocks");
    expect(r.columns).toEqual(["number", "name", "attribute", "baseline", "target"]);
    expect(r.caption).toBe("“十四五”时期残疾人事业发展主要指标");
    expect(r.problems).toEqual([]);
    expectSameTable(r, shipped("jiaxing-2021-2025"));
    // The one guess: row 1 prints no unit, read as a growth rate.
    expect(flagsOf(r)).toEqual([[1, ["unit-guessed"]]]);
    // Each row keeps its source cells beside what they were read as.
    expect(r.rows[8]!.cells).toEqual(["9", "残疾人就业率", "预期性", "60%", "≥68%"]);
    expect(r.rows[8]!.source.target).toBe("≥68%");
  });

  it("Huyi: every row equals the shipped plan, including the missing row 11, bounds and the unit left out", () => {
    const r = parsePastedTable(fixture("huyi-seed.txt"), { id: "huyi-2021-2025", level: "district" });
    expect(r.columns).toEqual(["number", "name", "baseline", "target", "attribute"]);
    expect(r.caption).toBe("专栏1：鄠邑区“十四五”时期残疾人事业发展主要指标");
    expect(r.problems).toEqual([]);
    expectSameTable(r, shipped("huyi-2021-2025"));
    expect(r.plan.indicators.map((i) => i.id)).toContain("huyi-t04-trained-people");
    // Guesses: two counts read as the number in 2025 (a 2021 figure is printed), row 15's unit.
    expect(flagsOf(r)).toEqual([
      [4, ["measure-level"]],
      [10, ["measure-level"]],
      [15, ["unit-guessed"]],
    ]);
    expect(r.rows.find((x) => x.indicator.printedNumber === 15)!.flags[0]!.message.en).toBe(
      "the table prints no unit; read as a percentage",
    );
  });

  it("the same tables copied from Word (one row a line, cells apart by tabs) parse the same", () => {
    for (const [file, opts, id] of [
      ["jiaxing-seed.txt", { id: "jiaxing-2021-2025", level: "city" }, "jiaxing-2021-2025"],
      ["huyi-seed.txt", { id: "huyi-2021-2025", level: "district" }, "huyi-2021-2025"],
    ] as const) {
      const blocks = tokenise(fixture(file)).rows;
      const tabbed = blocks.map((b) => b.cells.join("\t")).join("\n");
      const r = parsePastedTable(tabbed, opts as PasteOptions);
      expect(r.layout).toBe("tabs");
      expectSameTable(r, shipped(id));
    }
  });

  it("the draft validates, scaffolds and keeps the options' metadata", () => {
    const r = parsePastedTable(fixture("huyi-seed.txt"), {
      id: "huyi-paste-2021-2025",
      level: "district",
      title: { zh: "西安市鄠邑区“十四五”残疾人保障和发展规划" },
      region: { zh: "西安市鄠邑区", en: "Huyi District, Xi'an" },
      province: { zh: "陕西省", en: "Shaanxi" },
      source: { url: "https://example.org/huyi.html", retrieved: "2026-12-01" },
    });
    const v = parsePlan(r.plan, "pasted");
    expect(v.ok, JSON.stringify(v.ok ? null : v.error)).toBe(true);
    expect(r.plan.title).toEqual({
      zh: "西安市鄠邑区“十四五”残疾人保障和发展规划",
      en: "西安市鄠邑区“十四五”残疾人保障和发展规划",
    });
    expect(r.plan.source).toEqual({
      title: "西安市鄠邑区“十四五”残疾人保障和发展规划",
      url: "https://example.org/huyi.html",
      retrieved: "2026-12-01",
      section: "专栏1：鄠邑区“十四五”时期残疾人事业发展主要指标",
    });
    const s = scaffoldPlan(r.plan);
    expect(Object.keys(s.bindings.indicators)).toHaveLength(14);
    expect(s.scenario.planId).toBe("huyi-paste-2021-2025");
    expect(s.prefix).toBe("huyi-paste");
  });
});

describe("a public plan's table (found with the search tool)", () => {
  it("Inner Mongolia, page 6 as the site serves it: runs of spaces, numbers in the names, no baseline column, cut off in row 8", () => {
    const r = parsePastedTable(fixture("neimenggu-page6.txt"), {
      id: "neimenggu-2021-2025",
      level: "province",
      baselineYear: 2020,
    });
    expect(r.layout).toBe("spaces");
    expect(r.columns).toEqual(["name", "target", "attribute"]);
    expect(r.caption).toBe("专栏 1 “十四五”时期残疾人事业发展主要指标");
    expect(r.problems.map((p) => p.key)).toEqual(["row-incomplete"]);
    expect(r.problems[0]!.params.printed).toBe("8.残疾儿童少年义");
    expectSameTable(r, shipped("neimenggu-2021-2025"));
    // 万人: stored in people, printed form kept; whether 4万 is a year or five years is left to the person.
    expect(flagsOf(r)).toEqual([[2, ["measure-unstated"]]]);
  });

  it("Nanning's 12th-plan evaluation table, one paragraph as a document site prints it: every row read, groups rebuilt, numbering in table order, footers reported", () => {
    const r = parsePastedTable(fixture("nanning-12th-evaluation.txt"), {
      id: "nanning-2011-2015",
      level: "city",
    });
    expect(r.layout).toBe("flat");
    expect(r.header).toEqual(["监测指标", "单位", "权重", "目标值"]);
    expect(r.columns).toEqual(["name", "unit", "other", "target"]);
    expect(r.caption).toBe("附件 1: 南宁市残疾人事业十二五规划 执行评估指标体系");
    // 十二五 in the caption: the period is 2011–2015; no baseline year is printed, so 2010 is assumed and said.
    expect(r.plan.period).toEqual({ from: 2011, to: 2015 });
    expect(r.plan.targetYear).toBe(2015);
    expect(r.plan.baselineYear).toBe(2010);
    expect(r.problems.map((p) => [p.key, p.params])).toEqual([
      ["cells-dropped", { line: 1, printed: "- 5 - - 6 -" }],
      ["years-guessed", { baselineYear: 2010 }],
    ]);
    // Row by row: group, printed cells, and what they were read as.
    const P = "percent";
    const expected: [string, string, string, string, string, string | undefined, string, string, number][] = [
      // group, name cell, unit cell, target cell, unit, scale, measure, comparator, value (base units)
      ["社会保障", "1.贫困残疾人生活补助比例", "%", "≥50", P, undefined, "level", ">=", 50],
      ["社会保障", "2.重度残疾人护理补贴比例", "%", "≥30", P, undefined, "level", ">=", 30],
      ["社会保障", "3.城镇残疾人参加基本养老保险比例", "%", "≥80", P, undefined, "level", ">=", 80],
      ["社会保障", "4.城镇残疾人参加基本医疗保险比例", "%", "≥90", P, undefined, "level", ">=", 90],
      ["社会保障", "5.农村残疾人参加新型农村合作医疗比例", "%", "≥98", P, undefined, "level", ">=", 98],
      ["社会保障", "6.农村残疾人参加新型农村养老保险比例", "%", "≥85", P, undefined, "level", ">=", 85],
      [
        "社会保障",
        "7.农村残疾人生活补助和扶贫开发人数",
        "万人",
        "≥2.5",
        "people",
        "万人",
        "unstated",
        ">=",
        25000,
      ],
      ["公共服务", "1.重点康复工程服务人数", "万人", "≥2.5", "people", "万人", "unstated", ">=", 25000],
      ["公共服务", "2.康复服务比例", "%", "≥80", P, undefined, "level", ">=", 80],
      ["公共服务", "3.学龄残疾儿童少年接受义务教育比例", "%", "≥90", P, undefined, "level", ">=", 90],
      ["公共服务", "4.城镇新增残疾人就业人数", "万人", "≥0.1", "people", "万人", "unstated", ">=", 1000],
      ["公共服务", "5.农村残疾人实用技术培训人数", "万人", "≥0.5", "people", "万人", "unstated", ">=", 5000],
      [
        "公共服务",
        "6.残疾人接受托养服务人数",
        "万人次",
        "≥1",
        "attendances",
        "万人次",
        "unstated",
        ">=",
        10000,
      ],
      ["公共服务", "7.社区服务比例", "%", "≥70", P, undefined, "level", ">=", 70],
      ["公共服务", "8.社区活动参与率", "%", "≥65", P, undefined, "level", ">=", 65],
      ["生活水平", "1.城镇残疾人家庭人均可支配收入", "元", "≥13700", "yuan", undefined, "level", ">=", 13700],
      ["生活水平", "2.农村残疾人家庭人均纯收入", "元", "≥6900", "yuan", undefined, "level", ">=", 6900],
      ["生活水平", "3.城镇残疾人家庭恩格尔系数", "%", "≤42", P, undefined, "level", "<=", 42],
      ["生活水平", "4.农村残疾人家庭恩格尔系数", "%", "≤44", P, undefined, "level", "<=", 44],
      ["生活水平", "5.百户残疾人家庭彩色电视机拥有量", "台", "≥90", "count", undefined, "level", ">=", 90],
    ];
    expect(r.rows).toHaveLength(20);
    r.rows.forEach((row, k) => {
      const [group, name, unitCell, target, unit, scale, measure, comparator, value] = expected[k]!;
      const weight = row.cells[2]!;
      expect(row.group, name).toBe(group);
      expect(row.cells, name).toEqual([name, unitCell, weight, target]);
      expect(row.source, name).toMatchObject({ name, unit: unitCell, target, baseline: "", attribute: "" });
      const ind = row.indicator;
      expect(ind.printedNumber, name).toBe(k + 1);
      expect(ind.name.zh, name).toBe(name.replace(/^\d+\./, ""));
      expect(ind, name).toMatchObject({ unit, unitPrinted: true, measure, attribute: "unspecified" });
      expect(ind.scale, name).toBe(scale);
      expect(ind.baseline, name).toEqual({ qualifier: "not-in-source", year: 2010 });
      expect(ind.target, name).toEqual({
        kind: "compare",
        year: 2015,
        comparator,
        comparatorPrinted: true,
        value,
        printed: target,
      });
    });
    expect(r.rows.map((x) => x.cells[2])).toEqual([
      "4",
      "4",
      "6",
      "6",
      "6",
      "6",
      "4",
      "5",
      "4",
      "5",
      "5",
      "5",
      "4",
      "4",
      "4",
      "7",
      "7",
      "5",
      "5",
      "4",
    ]);
    expect(r.rows[19]!.indicator.unitLabel).toEqual({ zh: "台", en: "devices" });
    expect(r.rows.map((x) => x.indicator.precision)).toEqual([
      0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
    // Flagged readings: rows numbered again in each group (kept in table order), counts that do not say
    // per year or over the period, and names with no English.
    expect(flagsOf(r)).toEqual([
      [1, ["name-en"]],
      [5, ["name-en"]],
      [7, ["measure-unstated", "name-en"]],
      [8, ["number-restarted", "measure-unstated", "name-en"]],
      [9, ["number-restarted"]],
      [10, ["number-restarted"]],
      [11, ["number-restarted", "measure-unstated"]],
      [12, ["number-restarted", "measure-unstated"]],
      [13, ["number-restarted", "measure-unstated"]],
      [14, ["number-restarted", "name-en"]],
      [15, ["number-restarted", "name-en"]],
      [16, ["number-restarted", "name-en"]],
      [17, ["number-restarted", "name-en"]],
      [18, ["number-restarted", "name-en"]],
      [19, ["number-restarted", "name-en"]],
      [20, ["number-restarted", "name-en"]],
    ]);
    expect(r.rows[7]!.flags[0]!.params).toEqual({ printed: "1", number: 8 });
    // The draft is a plan the schema accepts.
    const v = parsePlan(r.plan, "pasted");
    expect(v.ok, JSON.stringify(v.ok ? null : v.error)).toBe(true);
  });

  it("without a baseline year in the header or the options, the year before the period is assumed and said", () => {
    const r = parsePastedTable(fixture("neimenggu-page6.txt"));
    expect(r.plan.baselineYear).toBe(2020);
    expect(r.problems.map((p) => p.key)).toContain("years-guessed");
  });
});

/** One tab-separated table with the given header and rows. */
const table = (header: string[], ...rows: string[][]) =>
  [header, ...rows].map((r) => r.join("\t")).join("\n");
const H = ["序号", "指标", "属性", "2020年", "2025年"];
const one = (cells: string[], header = H, opts: PasteOptions = {}) => {
  const r = parsePastedTable(table(header, cells), opts);
  expect(r.rows).toHaveLength(1);
  return r.rows[0]!;
};

describe("the shapes real tables print", () => {
  it("comparators as signs and words, full-width or not", () => {
    const cases: [string, string, boolean, number][] = [
      [">99%", ">", true, 99],
      ["＞99%", ">", true, 99],
      ["≥68%", ">=", true, 68],
      ["≧68％", ">=", true, 68],
      ["95%以上", ">=", true, 95],
      ["不低于95%", ">=", true, 95],
      ["15%以上（含15%）", ">=", true, 15],
      ["5%以下", "<=", true, 5],
      ["不高于5%", "<=", true, 5],
      ["＜5%", "<", true, 5],
      ["100%", ">=", false, 100],
      ["９８．５％", ">=", false, 98.5],
    ];
    for (const [cell, comparator, printed, value] of cases) {
      const t = one(["1", "某某覆盖率", "约束性", "90%", cell]).indicator.target;
      expect(t, cell).toMatchObject({
        kind: "compare",
        comparator,
        comparatorPrinted: printed,
        value,
        printed: cell,
      });
    }
  });

  it("units from the name, a unit column or the cell; scales kept in base units with the printed form", () => {
    const a = one(["2", "城乡残疾人职业技能培训人数（万人）", "预期性", "3.5", "4"]).indicator;
    expect(a).toMatchObject({ unit: "people", scale: "万人", precision: 0, unitPrinted: true });
    expect(a.baseline).toEqual({ qualifier: "exact", year: 2020, value: 35000, printed: "3.5" });
    expect(a.target).toMatchObject({ value: 40000, printed: "4" });
    const b = one(["3", "残疾人家庭无障碍改造", "约束性", "—", "2500户以上"]).indicator;
    expect(b).toMatchObject({ unit: "households", unitPrinted: true, measure: "unstated" });
    expect(b.target).toMatchObject({ comparator: ">=", comparatorPrinted: true, value: 2500 });
    const c = one(["4", "培训人数", "预期性", "", "4（万人）"]).indicator;
    expect(c).toMatchObject({ unit: "people", scale: "万人" });
    expect(c.target).toMatchObject({ value: 40000, printed: "4（万人）" });
    const d = one(
      ["5", "康复服务人次", "万人次", "1.2", "1.5"],
      ["序号", "指标", "单位", "2020年", "2025年"],
    );
    expect(d.indicator).toMatchObject({ unit: "attendances", scale: "万人次", precision: 1 });
    expect(d.indicator.target).toMatchObject({ value: 15000 });
    const e = one(["6", "建成示范社区（个）", "预期性", "40", "65个以上"]).indicator;
    expect(e).toMatchObject({ unit: "count", unitLabel: { zh: "个", en: "units" } });
  });

  it("a 万 or 亿 printed after a cell's number scales that cell, whatever unit the row names", () => {
    // "4万以上" in a row of 人: 40,000 people, never 4; the row keeps the 万人 scale.
    const cases: [string, string, string, string, number, number | undefined][] = [
      ["城乡残疾人职业技能培训人数（人）", "38000", "4万以上", "万人", 40_000, 38_000],
      ["城乡残疾人职业技能培训人数（人）", "3.8万", "4万人以上", "万人", 40_000, 38_000],
      ["城乡残疾人职业技能培训人数", "—", "4万人以上", "万人", 40_000, undefined],
      ["困难重度残疾人家庭无障碍改造（户）", "—", "１．５万", "万户", 15_000, undefined],
      ["康复服务（人次）", "—", "2万", "万人次", 20_000, undefined],
      ["残疾人事业经费（元）", "—", "2亿元", "亿元", 200_000_000, undefined],
    ];
    for (const [name, baseline, target, scale, value, baselineValue] of cases) {
      const r = one(["1", name, "预期性", baseline, target]);
      expect(r.indicator, `${name} ${target}`).toMatchObject({
        scale,
        precision: target.includes(".") || target.includes("．") ? 1 : 0,
      });
      expect(r.indicator.target, `${name} ${target}`).toMatchObject({ value, printed: target });
      if (baselineValue !== undefined) expect(r.indicator.baseline).toMatchObject({ value: baselineValue });
      expect(r.flags.map((f) => f.key)).not.toContain("scale-unsupported");
    }
    // A magnitude the schema keeps no scale for (万 of a count, 万元): converted to base units and said.
    const f = one(["2", "建成示范社区（个）", "预期性", "—", "1万个"]);
    expect(f.indicator.target).toMatchObject({ value: 10_000 });
    expect(f.indicator.scale).toBeUndefined();
    expect(f.flags.map((x) => x.key)).toContain("scale-unsupported");
  });

  it("thousands separators, full-width digits and per mille", () => {
    const a = one(["1", "每年培训残疾人（人次）", "预期性", "1,200", "１，６００"]).indicator;
    expect(a).toMatchObject({ unit: "attendances", measure: "annual" });
    expect(a.baseline).toMatchObject({ value: 1200 });
    expect(a.target).toMatchObject({ value: 1600 });
    const b = one(["2", "残疾发生率", "预期性", "6.5‰", "6‰以下"]);
    expect(b.indicator).toMatchObject({ unit: "percent", precision: 1 });
    expect(b.indicator.target).toMatchObject({ comparator: "<=", value: 0.6 });
    expect(b.indicator.baseline).toMatchObject({ value: 0.65 });
    expect(b.flags.map((f) => f.key)).toEqual(["per-mille", "per-mille", "name-en"]);
  });

  it("ranges, printed none, and text targets", () => {
    const a = one(["1", "某某参保率", "预期性", "88%", "90%–95%"]).indicator;
    expect(a.target).toEqual({ kind: "range", year: 2025, lo: 90, hi: 95, printed: "90%–95%" });
    const b = one(["2", "某某覆盖率", "约束性", "-", "90-95%"]).indicator;
    expect(b.baseline).toEqual({ qualifier: "missing", year: 2020, printed: "-" });
    expect(b.target).toMatchObject({ kind: "range", lo: 90, hi: 95 });
    const c = one(["3", "残疾人家庭人均收入增长", "预期性", "—", "与城乡居民收入增长基本同步"]);
    expect(c.indicator.target).toMatchObject({
      kind: "in-step-with",
      series: "resident-income-growth",
      basically: true,
      tolerance: 0.5,
      printed: "与城乡居民收入增长基本同步",
    });
    expect(c.flags.map((f) => f.key)).toContain("target-basically");
    const d = one(["4", "残疾人文化服务覆盖率", "预期性", "85%", "逐步提高"]);
    expect(d.indicator.target).toEqual({ kind: "hold", year: 2025, printed: "逐步提高" });
    expect(d.indicator.precision).toBe(0);
    expect(d.flags.map((f) => f.key)).toEqual(["target-hold"]);
    const e = one(["5", "残疾人收入增长", "预期性", "—", "与经济发展同步"]);
    expect(e.flags.map((f) => f.key)).toContain("target-series");
  });

  it("section rows are groups; rows without a number are numbered and flagged; PDF spaces in names closed", () => {
    const text = [
      "序号\t指标\t属性\t2020年\t2025年",
      "一、社会保障",
      "1\t困难残疾人生活补贴覆盖率\t约束性\t99%\t>99%",
      "二、公共服务",
      "\t残疾人基本康复 服务覆盖率\t约束性\t95%\t≥99%",
    ].join("\n");
    const r = parsePastedTable(text);
    expect(r.rows.map((x) => x.group)).toEqual(["一、社会保障", "二、公共服务"]);
    expect(r.rows[1]!.indicator).toMatchObject({
      printedNumber: 2,
      name: { zh: "残疾人基本康复服务覆盖率" },
    });
    expect(r.rows[1]!.flags.map((f) => f.key)).toEqual(["number-missing", "name-spaces"]);
  });

  it("English headers, a unit column, attribute words and years named in the header", () => {
    const text = table(
      ["No.", "Indicator", "Unit", "Baseline (2020)", "Target (2025)", "Attribute"],
      ["1", "残疾人就业率", "%", "60", "≥68", "expected"],
      ["2", "某某比例", "%", "50", "60", ""],
    );
    const r = parsePastedTable(text);
    expect(r.columns).toEqual(["number", "name", "unit", "baseline", "target", "attribute"]);
    expect(r.plan.baselineYear).toBe(2020);
    expect(r.rows[0]!.indicator).toMatchObject({ attribute: "expected", unit: "percent", unitPrinted: true });
    expect(r.rows[1]!.indicator.attribute).toBe("unspecified");
    expect(r.rows[1]!.flags.map((f) => f.key)).toEqual(["attribute-missing", "name-en"]);
  });

  it("a header measure (2021–2025年累计) and the words of a name say per year or in total", () => {
    const r = parsePastedTable(
      table(
        ["序号", "指标", "2021-2025年累计", "属性"],
        ["1", "城乡新增残疾人就业人数（人）", "2000", "预期性"],
      ),
    );
    expect(r.rows[0]!.indicator).toMatchObject({ measure: "cumulative", unit: "people" });
    expect(r.rows[0]!.flags).toEqual([]);
  });

  it("numbering again in each group is read in the table's order; a caption's 十三五 gives the years; per-capita figures are levels", () => {
    const text = [
      "“十三五”残疾人事业发展主要指标",
      "序号\t指标\t单位\t目标值",
      "一、社会保障",
      "1\t困难残疾人生活补贴覆盖率\t%\t100",
      "二、生活水平",
      "1\t残疾人家庭人均可支配收入\t元\t≥20000",
    ].join("\n");
    const r = parsePastedTable(text);
    expect(r.plan.period).toEqual({ from: 2016, to: 2020 });
    expect(r.rows.map((x) => x.indicator.printedNumber)).toEqual([1, 2]);
    expect(r.rows[1]!.flags.map((f) => f.key)).toEqual(["number-restarted", "name-en"]);
    expect(r.rows[1]!.indicator).toMatchObject({ unit: "yuan", measure: "level" });
    expect(parsePlan(r.plan, "pasted").ok).toBe(true);
  });

  it("one paragraph with no header words is not taken for a table", () => {
    const r = parsePastedTable("到2025年 残疾人 1.就业 2.康复 服务");
    expect(r.layout).toBe("spaces");
    expect(r.rows).toEqual([]);
  });

  it("with no header, the columns are guessed from the cells and the table says so", () => {
    const r = parsePastedTable(
      "1\t困难残疾人生活补贴覆盖率\t约束性\t99%\t>99%\n2\t残疾人就业率\t预期性\t60%\t≥68%",
    );
    expect(r.problems.map((p) => p.key)).toContain("no-header");
    expect(r.rows).toHaveLength(2);
    expect(r.rows[1]!.indicator.target).toMatchObject({ comparator: ">=", value: 68 });
  });

  it("validation issues land on their row and field", () => {
    const r = parsePastedTable(table(H, ["1", "某某覆盖率", "约束性", "99%", "120%"]));
    const v = parsePlan(r.plan, "pasted");
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(placeIssues(v.error)).toEqual([
      {
        row: 0,
        field: "target",
        message: { zh: "百分比 120 超出 0–100 的范围", en: "percentage 120 is outside 0–100" },
      },
    ]);
  });

  it("never throws on arbitrary text", () => {
    for (const s of ["", "\n\n", "abc", "序号\t指标", "1\t\t\t", "一、\n二、", "——\t——", "\t\t\t\n\t"]) {
      expect(() => parsePastedTable(s)).not.toThrow();
    }
  });
});

describe("the person's review", () => {
  const huyi = () => parsePastedTable(fixture("huyi-seed.txt"), { id: "huyi-2021-2025", level: "district" });

  it("a reading chosen outright drops its flags; an edited cell is read again", () => {
    const r = huyi();
    const row4 = r.rows.find((x) => x.indicator.printedNumber === 4)!;
    const annual = reviseRow(row4, { measure: "annual" });
    expect(annual.indicator.measure).toBe("annual");
    expect(annual.flags).toEqual([]);
    const row15 = r.rows.find((x) => x.indicator.printedNumber === 15)!;
    const unit = reviseRow(row15, { unit: "percent" });
    expect(unit.flags).toEqual([]);
    expect(unit.indicator.unitPrinted).toBe(false);
    const edited = reviseRow(row15, { cells: { target: "≥96%" } });
    expect(edited.indicator.target).toMatchObject({ comparator: ">=", value: 96, printed: "≥96%" });
    expect(edited.indicator.unitPrinted).toBe(true);
    expect(edited.source.target).toBe("≥96%");
    const named = reviseRow(row15, { nameEn: "Retrofit rate" });
    expect(named.indicator.name.en).toBe("Retrofit rate");
    expect(named.flags.map((f) => f.key)).toEqual(["unit-guessed"]);
  });

  it("the plan's id and years, changed after reading, reach every indicator", () => {
    const r = huyi();
    const plan = buildPlan(r.rows, { id: "hx-2020-2024", baselineYear: 2019, targetYear: 2024 }, r.facts);
    expect(plan.indicators[0]!.id).toBe("hx-t01-income-growth");
    expect(plan.indicators.every((i) => i.baseline.year === 2019 && i.target.year === 2024)).toBe(true);
    expect(plan.period).toEqual({ from: 2020, to: 2024 });
    expect(parsePlan(plan, "x").ok).toBe(true);
    // The rows themselves are not changed.
    expect(r.rows[0]!.indicator.id).toBe("huyi-t01-income-growth");
  });
});
