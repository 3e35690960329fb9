import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Indicator, type Plan, parsePlan } from "../../models/plan.ts";
import { parseJsonText } from "../../models/validation.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const plansDir = join(root, "scenarios", "plans");
/** The seed texts live beside the repository (/work/shared/seeds); the quote checks skip without them. */
const seedsDir = join(root, "..", "shared", "seeds");

const planFiles = readdirSync(plansDir)
  .filter((f) => f.endsWith(".json"))
  .sort();

function load(file: string): Plan {
  const text = readFileSync(join(plansDir, file), "utf8");
  const json = parseJsonText(text, file);
  if (!json.ok) throw new Error(JSON.stringify(json.error));
  const plan = parsePlan(json.value, file);
  if (!plan.ok) throw new Error(plan.error.map((i) => `${i.path}: ${i.message.en}`).join("\n"));
  return plan.value;
}

function byId(plan: Plan, id: string): Indicator {
  const ind = plan.indicators.find((i) => i.id === id);
  if (!ind) throw new Error(`no indicator ${id}`);
  return ind;
}

function byRow(plan: Plan, n: number): Indicator {
  const ind = plan.indicators.find((i) => i.printedNumber === n);
  if (!ind) throw new Error(`no row ${n}`);
  return ind;
}

describe("every plan file under scenarios/plans/", () => {
  it("includes both seed plans", () => {
    expect(planFiles).toEqual(expect.arrayContaining(["huyi-2021-2025.json", "jiaxing-2021-2025.json"]));
  });

  it.each(planFiles)("%s parses as a plan", (file) => {
    const plan = load(file);
    expect(`${plan.id}.json`).toBe(file);
    for (const ind of plan.indicators) {
      expect(ind.target.year).toBe(plan.targetYear);
      expect(ind.baseline.year).toBe(plan.baselineYear);
    }
  });
});

describe("Jiaxing (seeds/000_ce8763cea49ce9f3.txt)", () => {
  const plan = load("jiaxing-2021-2025.json");
  const table = plan.indicators.filter((i) => i.origin === "table");

  it("carries the plan's own facts", () => {
    expect(plan.issued).toBe("2021-11-15");
    expect(plan.level).toBe("city");
    expect(plan.province).toEqual({ zh: "浙江省", en: "Zhejiang" });
    expect([plan.baselineYear, plan.targetYear, plan.outlookYear]).toEqual([2020, 2025, 2035]);
    expect(plan.period).toEqual({ from: 2021, to: 2025 });
    expect(plan.evaluations).toEqual([
      { year: 2023, kind: "mid-term" },
      { year: 2025, kind: "final" },
    ]);
    expect(plan.source.file).toBe("seeds/000_ce8763cea49ce9f3.txt");
  });

  it("has table rows numbered exactly 1–14", () => {
    expect(table.map((i) => i.printedNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(
      table.every((i) => i.source.section === "一、（二）发展目标 · “十四五”时期残疾人事业发展主要指标"),
    ).toBe(true);
  });

  it("row 1 grows in step with city GDP from a missing baseline", () => {
    const r1 = byRow(plan, 1);
    expect(r1.id).toBe("jx-t01-income-growth");
    expect(r1.name.zh).toBe("残疾人家庭人均可支配收入年均增长");
    expect(r1.unit).toBe("growth-rate");
    expect(r1.baseline).toEqual({ qualifier: "missing", year: 2020, printed: "—" });
    expect(r1.target).toMatchObject({
      kind: "in-step-with",
      series: "gdp-growth",
      seriesName: { zh: "全市生产总值增长" },
      printed: "与全市生产总值增长同步",
    });
  });

  it("keeps values and comparators as printed", () => {
    expect(byRow(plan, 2).target).toMatchObject({
      comparator: ">",
      comparatorPrinted: true,
      value: 99,
      printed: ">99%",
    });
    expect(byRow(plan, 4).target).toMatchObject({
      comparator: ">=",
      comparatorPrinted: false,
      value: 100,
      printed: "100%",
    });
    expect(byRow(plan, 6).baseline).toEqual({ qualifier: "exact", year: 2020, value: 40, printed: "40%" });
    expect(byRow(plan, 9).target).toMatchObject({
      comparator: ">=",
      comparatorPrinted: true,
      value: 68,
      printed: "≥68%",
    });
    expect(byRow(plan, 13).name.zh).toBe("符合条件残疾人家庭无障碍改造率");
    const attrs = table.map((i) => (i.attribute === "binding" ? "约" : "预"));
    expect(attrs.join("")).toBe("预约约约约约预预预约约约约预");
  });

  it("has the text targets, cumulative, annual and restating", () => {
    const households = byId(plan, "jx-x-retrofit-households");
    expect(households).toMatchObject({
      printedNumber: null,
      origin: "text",
      unit: "households",
      attribute: "unspecified",
      measure: "cumulative",
      target: { comparator: ">=", value: 2500, printed: "2500户以上" },
    });
    expect(households.source.quote).toContain("完成残疾人家庭无障碍改造2500户以上");
    expect(byId(plan, "jx-x-training-per-year")).toMatchObject({
      unit: "attendances",
      measure: "annual",
      target: { value: 1600 },
    });
    expect(byId(plan, "jx-x-retrofit-rate").restates).toBe("jx-t13-retrofit-rate");
    expect(byId(plan, "jx-x-accessible-communities")).toMatchObject({
      unit: "count",
      unitLabel: { zh: "个" },
      measure: "cumulative",
      target: { value: 65 },
    });
    expect(byId(plan, "jx-x-cinema-beneficiaries").target).toMatchObject({
      value: 10000,
      printed: "1万人次以上",
    });
    // "市、县（市、区）政府残工委各成员单位至少安排1名残疾人": every member unit, as a share reaching 100%.
    expect(byId(plan, "jx-x-committee-units-employ")).toMatchObject({
      unit: "percent",
      unitPrinted: false,
      measure: "level",
      target: { comparator: ">=", value: 100, printed: "至少安排1名残疾人" },
    });
    expect(plan.indicators.filter((i) => i.origin === "text")).toHaveLength(25);
  });

  const seedFile = join(seedsDir, "000_ce8763cea49ce9f3.txt");
  it.skipIf(!existsSync(seedFile))("quotes every text target and row name verbatim from the seed", () => {
    const seed = readFileSync(seedFile, "utf8");
    for (const ind of plan.indicators) {
      if (ind.origin === "text") expect(seed).toContain(ind.source.quote);
      else expect(seed).toContain(ind.name.zh);
    }
  });
});

describe("Huyi (seeds/002_6bdfb2c23f2bbf59.txt)", () => {
  const plan = load("huyi-2021-2025.json");
  const table = plan.indicators.filter((i) => i.origin === "table");

  it("carries the plan's own facts", () => {
    expect(plan.issued).toBeNull();
    expect(plan.issuedNote?.en).toContain("2023");
    expect(plan.level).toBe("district");
    expect(plan.province).toEqual({ zh: "陕西省", en: "Shaanxi" });
    expect([plan.baselineYear, plan.targetYear, plan.outlookYear]).toEqual([2021, 2025, 2035]);
    expect(plan.evaluations.filter((e) => e.kind === "annual").map((e) => e.year)).toEqual([
      2022, 2023, 2024, 2025,
    ]);
    expect(plan.evaluations.filter((e) => e.kind !== "annual")).toEqual([
      { year: 2023, kind: "mid-term" },
      { year: 2025, kind: "final" },
    ]);
  });

  it("has table rows 1–10 and 12–15, with no row 11", () => {
    expect(table.map((i) => i.printedNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15]);
  });

  it("keeps values as printed", () => {
    const r2 = byRow(plan, 2);
    expect(r2.baseline).toEqual({ qualifier: "exact", year: 2021, value: 98.37, printed: "98.37" });
    expect(r2.target).toMatchObject({
      comparator: ">=",
      comparatorPrinted: true,
      value: 98.5,
      printed: "≥98.5",
    });
    expect(r2.precision).toBe(1);
    expect(byRow(plan, 9).baseline).toEqual({
      qualifier: "greater-than",
      year: 2021,
      value: 96,
      printed: ">96",
    });
    expect(byRow(plan, 9).target).toMatchObject({ comparator: ">", value: 96, printed: ">96" });
    expect(byRow(plan, 13).baseline).toMatchObject({ qualifier: "greater-than", value: 90 });
    expect(byRow(plan, 1).baseline).toEqual({ qualifier: "missing", year: 2021, printed: "——" });
    expect(byRow(plan, 1).target).toMatchObject({
      kind: "in-step-with",
      seriesName: { zh: "全区生产总值增长" },
    });
    expect(byRow(plan, 4)).toMatchObject({
      name: { zh: "城乡残疾人职业技能与实用技术培训人数（人）" },
      unit: "people",
      measure: "level",
      baseline: { value: 300 },
      target: { comparator: ">", value: 500, printed: ">500" },
    });
    expect(byRow(plan, 10)).toMatchObject({ unit: "attendances", measure: "level", target: { value: 70 } });
    expect(byRow(plan, 5).target).toMatchObject({ comparator: ">=", comparatorPrinted: false, value: 100 });
  });

  it("row 15 has no printed unit; the (%) rows do", () => {
    expect(byRow(plan, 15)).toMatchObject({
      unit: "percent",
      unitPrinted: false,
      id: "hy-t15-retrofit-rate",
    });
    for (const ind of table.filter((i) => i.name.zh.includes("（%）"))) expect(ind.unitPrinted).toBe(true);
  });

  it("has the text targets, with the yearly training target restating row 4", () => {
    expect(byId(plan, "hy-x-trained-per-year")).toMatchObject({
      measure: "annual",
      unit: "people",
      restates: "hy-t04-trained-people",
      target: { comparator: ">=", value: 200 },
      baseline: { qualifier: "missing", year: 2021 },
    });
    expect(byId(plan, "hy-x-rehab-coverage").restates).toBe("hy-t13-rehab-coverage");
    expect(plan.indicators.filter((i) => i.origin === "text")).toHaveLength(14);
  });

  const seedFile = join(seedsDir, "002_6bdfb2c23f2bbf59.txt");
  it.skipIf(!existsSync(seedFile))("quotes every text target and row name verbatim from the seed", () => {
    const seed = readFileSync(seedFile, "utf8");
    for (const ind of plan.indicators) {
      if (ind.origin === "text") expect(seed).toContain(ind.source.quote);
      else expect(seed).toContain(ind.name.zh);
    }
  });
});
