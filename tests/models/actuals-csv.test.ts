import { describe, expect, it } from "vitest";
import { type ActualsCsv, decodeText, readActualsCsv } from "../../models/actuals-csv.ts";
import type { Plan } from "../../models/plan.ts";
import { formatIssue, type InputIssue } from "../../models/validation.ts";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";

const lib = loadRepositoryLibrary();
const jx: Plan = lib.plans.get("jiaxing-2021-2025")!;
const hy: Plan = lib.plans.get("huyi-2021-2025")!;
const RATE = jx.indicators.find((i) => i.id === "jx-t13-retrofit-rate")!; // printed 13, percent
const HOUSEHOLDS = "jx-x-retrofit-households";

const lines = (issues: readonly InputIssue[], lang: "en" | "zh-CN" = "en") =>
  issues.map((i) => formatIssue(i, lang));
function good(input: string | Uint8Array, plans: readonly Plan[] = [jx], file = "a.csv"): ActualsCsv {
  const r = readActualsCsv(input, file, plans);
  if (!r.ok) throw new Error(`refused: ${lines(r.error).join("; ")}`);
  return r.value;
}
function refused(input: string | Uint8Array, plans: readonly Plan[] = [jx], file = "a.csv"): string[] {
  const r = readActualsCsv(input, file, plans);
  if (r.ok) throw new Error("expected a refusal");
  return lines(r.error);
}
const values = (r: ActualsCsv, plan = jx.id) =>
  r.actuals.get(plan)!.map((a) => [a.indicatorId, a.year, a.value]);
/** GB18030 bytes of 指标,年份,数值 (Node has no GB18030 encoder). */
const GB_HEADER = [0xd6, 0xb8, 0xb1, 0xea, 0x2c, 0xc4, 0xea, 0xb7, 0xdd, 0x2c, 0xca, 0xfd, 0xd6, 0xb5];

describe("readActualsCsv", () => {
  it("reads quoted headers and fields, a quoted thousands comma, and any line end", () => {
    for (const eol of ["\r\n", "\n", "\r"]) {
      const r = good(
        `"indicator","year","value"${eol}${HOUSEHOLDS},2023,"1,200"${eol}"${RATE.id}",2022,"62.5%"${eol}`,
      );
      expect(values(r)).toEqual([
        [HOUSEHOLDS, 2023, 1200],
        [RATE.id, 2022, 62.5],
      ]);
    }
    // Mixed line ends (a file edited in two programs) are read too.
    expect(values(good(`indicator,year,value\r\n${HOUSEHOLDS},2023,5\n${HOUSEHOLDS},2024,6\r`))).toHaveLength(
      2,
    );
  });

  it("reads UTF-8 with and without a BOM, and GB18030 from Excel in Chinese", () => {
    const body = `\r\n13,2023,40\r\n`;
    const utf8 = new TextEncoder().encode(`\uFEFF指标,年份,数值${body}`);
    expect(good(utf8).encoding).toBe("utf-8");
    expect(values(good(utf8))).toEqual([[RATE.id, 2023, 40]]);
    const gb = new Uint8Array([...GB_HEADER, ...new TextEncoder().encode(body)]);
    expect(good(gb).encoding).toBe("gb18030");
    expect(values(good(gb))).toEqual([[RATE.id, 2023, 40]]);
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), "x").ok && "a").toBe("a");
  });

  it("skips blank and template rows, keeping row numbers as the file has them", () => {
    const r = good(`indicator,year,value,name\n\n${RATE.id},2022,,x\n,,,\n${RATE.id},2023,abc,\n`);
    expect(r.accepted).toBe(0);
    expect(lines(r.rejected)).toEqual(['a.csv › row 5, column value: "abc" is not a number']);
  });

  it("accepts Chinese headers, names from the template's name column, full-width digits and years", () => {
    const name = RATE.name.zh;
    const r = good(`指标名称,年份,数值\n${name},２０２３年,"３０．５％"\n`);
    expect(values(r)).toEqual([[RATE.id, 2023, 30.5]]);
    // The template's name beside its id is checked, not ignored.
    const clash = good(`indicator,year,value,name\n${RATE.id},2023,1,${jx.indicators[0]!.name.zh}\n`);
    expect(lines(clash.rejected)[0]).toMatch(
      /row 2, column name: indicator "jx-t13-retrofit-rate" and name ".*" name different indicators/,
    );
  });

  it("refuses 0x1A, +3, a negative count, a sign a unit does not take, and an ambiguous comma", () => {
    const r = good(
      [
        "indicator,year,value",
        `${HOUSEHOLDS},2022,0x1A`,
        `${HOUSEHOLDS},2023,+3`,
        `${HOUSEHOLDS},2024,-3`,
        `${HOUSEHOLDS},2025,5%`,
        `${RATE.id},2022,"1,2"`,
        `${RATE.id},2023,1e2`,
        "jx-t01-income-growth,2022,−1.5",
      ].join("\n"),
    );
    expect(values(r)).toEqual([["jx-t01-income-growth", 2022, -1.5]]);
    expect(lines(r.rejected)).toEqual([
      'a.csv › row 2, column value: "0x1A" is hexadecimal; write a decimal number',
      'a.csv › row 3, column value: "+3" has a plus sign; remove the "+"',
      'a.csv › row 4, column value: "-3" is negative; it cannot be negative here',
      'a.csv › row 5, column value: "5%" has "%"; write the number alone here',
      'a.csv › row 6, column value: "1,2" is ambiguous: 1.2 or 12? Write decimals with a point, and group thousands in threes',
      'a.csv › row 7, column value: "1e2" is in scientific notation; write the number in full',
    ]);
  });

  it("refuses every row of an indicator and year given twice, naming the others", () => {
    const r = good(`indicator,year,value\n13,2023,40\n${RATE.id},2023,41\n${RATE.id},2024,50\n`);
    expect(values(r)).toEqual([[RATE.id, 2024, 50]]);
    expect(r.rejectedRows).toEqual([2, 3]);
    expect(lines(r.rejected, "zh-CN")).toEqual([
      `a.csv › 第 2 行“indicator”列: 指标 “${RATE.id}” 2023 年的数值重复（另见第 3 行）；请只保留一行`,
      `a.csv › 第 3 行“indicator”列: 指标 “${RATE.id}” 2023 年的数值重复（另见第 2 行）；请只保留一行`,
    ]);
  });

  it("resolves a printed row number in the plan evaluated only, naming the plan", () => {
    const huyiOnly = good("indicator,year,value\n15,2023,30\n", [hy]);
    expect(huyiOnly.actuals.get(hy.id)![0]!.indicatorId).toBe(
      hy.indicators.find((i) => i.printedNumber === 15)!.id,
    );
    expect(huyiOnly.actuals.has(jx.id)).toBe(false);
    const both = good("indicator,year,value\n13,2023,30\n99,2023,1\n", [jx, hy]);
    expect(lines(both.rejected)[0]).toContain('row 2, column indicator: row number "13" could be in any of');
    const one = good("indicator,year,value\n99,2023,1\n");
    expect(lines(one.rejected)).toEqual([
      `a.csv › row 2, column indicator: "${jx.title.en}" (${jx.id}) has no row numbered 99 in its table`,
    ]);
    // A plan column settles it.
    const planned = good(`plan,indicator,year,value\n${jx.id},13,2023,30\n`, [jx, hy]);
    expect(values(planned)).toEqual([[RATE.id, 2023, 30]]);
  });

  it("says so when the file yields no value, and refuses broken quotes, missing columns and an empty file", () => {
    expect(refused(`indicator,year,value\n${RATE.id},2023,\n`)).toEqual([
      "a.csv: the file holds no observed values (the value column is empty in every row)",
    ]);
    expect(refused("")).toEqual(["a.csv: the file is empty"]);
    expect(refused("\n\n")).toEqual(["a.csv: the file is empty"]);
    expect(refused(`indicator,year,value\n"${RATE.id},2023,1\n`)).toEqual([
      "a.csv › row 2: a quoted field is not closed, so nothing after it can be read reliably",
    ]);
    expect(refused("指标,数值\n13,1\n", [jx], "b.csv")).toEqual([
      'b.csv › row 1 (header): missing column "year" (the header should be indicator,year,value or 指标,年份,数值)',
    ]);
    expect(refused("indicator,year,value,数值\n13,2023,1,2\n")[0]).toContain(
      "the value column appears twice",
    );
  });

  it("refuses a row with more cells than the header instead of dropping one", () => {
    const r = good(`indicator,year,value\n${HOUSEHOLDS},2023,1,200\n`);
    expect(lines(r.rejected)).toEqual([
      'a.csv › row 2: this row has 4 cells but the header has 3 (a value like "1,200" needs quotes)',
    ]);
  });
});
