import { beforeAll, describe, expect, it } from "vitest";
import type { Evaluation } from "../../models/engine.ts";
import { displayDecimals } from "../../models/feasibility.ts";
import type { Plan } from "../../models/plan.ts";
import type { ScenarioFile } from "../../models/scenario.ts";
import { formatIssue, type InputIssue } from "../../models/validation.ts";
import {
  actualsTemplateCsv,
  BOM,
  comparisonCsv,
  csvField,
  exportScenarioJson,
  exportWorkspaceJson,
  importActualsCsv,
  importScenarioJson,
  importWorkspaceJson,
  verdictsCsv,
} from "../../src/kernel/files.ts";
import { runModelFor } from "../../src/kernel/library.ts";
import { columnsTable, comparisonTable, verdictTable } from "../../src/kernel/result-tables.ts";
import { createInlineRunner } from "../../src/kernel/runner.ts";
import { emptyWorkspace } from "../../src/kernel/workspace.ts";
import { expectOk } from "../expect-result.ts";
import { BASELINE, PLAN_ID, TEACHING, tinyLibrary } from "./fixtures/tiny.ts";

/** Files of the tiny literal plan (tests/kernel/fixtures/tiny.ts): two indicators, a baseline, a slower scenario. */
const lib = tinyLibrary();
const plan: Plan = lib.plans.get(PLAN_ID)!;
const table = plan.indicators.filter((i) => i.origin === "table");
const MINE: ScenarioFile = {
  schemaVersion: 1,
  id: "mine-1",
  planId: plan.id,
  name: { zh: "我的情景", en: "Mine" },
  extends: BASELINE,
  overrides: {},
};

const lines = (issues: InputIssue[], lang: "en" | "zh-CN" = "en") => issues.map((i) => formatIssue(i, lang));
function refused<T>(r: { ok: true; value: T } | { ok: false; error: InputIssue[] }): InputIssue[] {
  if (r.ok) throw new Error("expected a refusal");
  return r.error;
}

/** Splits CSV text into rows of fields (RFC 4180 quoting), for checking what a spreadsheet would read. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && s[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe("scenario and workspace JSON", () => {
  it("exports a scenario that imports back unchanged", () => {
    const text = exportScenarioJson(MINE);
    expect(text.endsWith("}\n")).toBe(true);
    expect(importScenarioJson(text, "mine-1.json")).toEqual({ ok: true, value: MINE });
    // Notepad on Windows writes a BOM; it is not an error.
    expect(importScenarioJson(BOM + text, "mine-1.json").ok).toBe(true);
  });

  it("names the line and column of a JSON syntax error", () => {
    const text = '{\n  "schemaVersion": 1,\n  "id": "x"\n  "planId": "y"\n}';
    const [issue] = refused(importScenarioJson(text, "bad.json"));
    expect(issue!.file).toBe("bad.json");
    expect(issue!.path).toBe("line 4, column 3");
    expect(issue!.where).toEqual({ zh: "第 4 行第 3 列", en: "line 4, column 3" });
    expect(lines([issue!])).toEqual([
      'bad.json › line 4, column 3: not valid JSON: "\\"" here does not fit JSON syntax',
    ]);
    expect(lines([issue!], "zh-CN")).toEqual([
      'bad.json › 第 4 行第 3 列: 不是有效的 JSON：此处的 "\\"" 不符合 JSON 语法',
    ]);
    const cut = refused(importScenarioJson('{"a": [1, 2', "cut.json"));
    expect(cut[0]!.path).toMatch(/^line 1, column \d+$/);
    expect(lines(refused(importScenarioJson("  ", "empty.json")))).toEqual(["empty.json: the file is empty"]);
  });

  it("reports every schema problem of a scenario with its path", () => {
    const bad = { ...MINE, id: "Mine 1", overrides: { x: { value: "5" } } };
    expect(lines(refused(importScenarioJson(JSON.stringify(bad), "s.json")))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^s\.json › id: /),
        "s.json › overrides.x.value: expected a number, got text (write numbers without quotes)",
      ]),
    );
  });

  it("exports a workspace that imports back unchanged, and migrates an old one", () => {
    const ws = {
      ...emptyWorkspace({ language: "en", savedAt: "2024-05-01T00:00:00.000Z" }),
      scenarios: [MINE],
    };
    expect(importWorkspaceJson(exportWorkspaceJson(ws), "w.json")).toEqual({ ok: true, value: ws });
    const { language, notebooks: _n, actuals: _a, imported: _i, ...rest } = ws;
    const v1 = JSON.stringify({ ...rest, version: 1, lang: language });
    expect(importWorkspaceJson(v1, "old.json")).toEqual({ ok: true, value: ws });
    const newer = JSON.stringify({ ...ws, version: 9 });
    expect(lines(refused(importWorkspaceJson(newer, "new.json")))[0]).toMatch(
      /^new\.json › version: .*newer Reachable/,
    );
    expect(lines(refused(importWorkspaceJson("[]", "x.json")))[0]).toMatch(/not a Reachable workspace/);
  });
});

describe("CSV fields", () => {
  it("quotes commas, quotes and line breaks, and defuses formulas in text", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvField(-1.5)).toBe("-1.5");
    expect(csvField(Number.NaN)).toBe("");
    expect(csvField(null)).toBe("");
  });
});

describe("verdicts CSV", () => {
  let evaluation: Evaluation;
  beforeAll(async () => {
    const model = runModelFor(lib, BASELINE);
    if (!model.ok) throw new Error(JSON.stringify(model.error));
    const r = await createInlineRunner().evaluate({
      ...model.value,
      samples: 200,
      seed: 42,
      sampling: "lhs",
    });
    if (!r.ok) throw new Error(r.error.message.en);
    evaluation = r.value;
  });

  it("writes one row per indicator per year, with a BOM and CRLF, readable back field by field", () => {
    const text = verdictsCsv(plan, evaluation, "en");
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = readCsv(text);
    expect(rows[0]).toEqual([
      "indicator",
      "number",
      "name",
      "year",
      "projected",
      "p05",
      "p25",
      "p50",
      "p75",
      "p95",
      "met",
      "judged_value",
      "judged_year",
      "margin",
      "probability_pct",
      "status",
      "basis",
    ]);
    expect(rows).toHaveLength(1 + evaluation.indicators.length * evaluation.years.length);
    for (const row of rows) expect(row).toHaveLength(17);
    const first = evaluation.indicators[0]!;
    const ind = plan.indicators.find((i) => i.id === first.id)!;
    const own = rows.filter((r) => r[0] === first.id);
    expect(own.map((r) => Number(r[3]))).toEqual([...evaluation.years]);
    expect(own[0]![2]).toBe(ind.name.en);
    expect(Number(own[0]![4])).toBeCloseTo(first.projection[0]!, 5);
    expect(Number(own[0]![9])).toBeCloseTo(first.quantiles![4]![0]!, 5);
    // The verdict sits on the target-year row only.
    const target = own.find((r) => Number(r[3]) === ind.target.year)!;
    expect(target[10]).toBe(first.judgement.met ? "Met" : "Missed");
    // The same judged value, year and margin the screen shows; the basis in words.
    expect(Number(target[11])).toBe(first.judgement.value);
    expect(Number(target[12])).toBe(first.judgedYear);
    expect(Number(target[13])).toBe(first.judgement.margin);
    expect(Number(target[14])).toBeCloseTo(first.probability!, 5);
    expect(["On track", "At risk", "Off track"]).toContain(target[15]);
    expect(["Published figures", "Observed trend", "Estimate", "Plan's own pace"]).toContain(target[16]);
    // One verdict: met exactly when at least half the samples meet it, never with a negative margin.
    for (const r of evaluation.indicators) {
      expect(r.judgement.met).toBe(r.probability! >= 50);
      expect(r.judgement.met).toBe(r.judgement.margin >= 0);
    }
    expect(own.filter((r) => r !== target).every((r) => r.slice(10).every((c) => c === ""))).toBe(true);
  });

  it("writes the verdicts from the table it is given: the one the dashboard reads", () => {
    const t = verdictTable(evaluation, plan);
    const columns: Record<string, unknown[]> = {};
    for (const name of t.columnNames())
      columns[name] = Array.from({ length: t.numRows() }, (_, i) => t.get(name, i));
    // A table that says the opposite of the evaluation: the file follows the table, not the evaluation.
    columns.met = columns.met!.map((m) => !m);
    const rows = readCsv(verdictsCsv(plan, evaluation, "en", columnsTable(columns)));
    for (const r of evaluation.indicators) {
      const year = plan.indicators.find((i) => i.id === r.id)!.target.year;
      const row = rows.find((x) => x[0] === r.id && Number(x[3]) === year)!;
      expect(row[10]).toBe(r.judgement.met ? "Missed" : "Met");
    }
    expect(verdictsCsv(plan, evaluation, "en", t)).toBe(verdictsCsv(plan, evaluation, "en"));
  });

  it("writes Chinese names and words in zh-CN, and empty quantiles without samples", () => {
    const noSamples: Evaluation = {
      ...evaluation,
      samples: 0,
      indicators: evaluation.indicators.map((r) => ({
        ...r,
        quantiles: null,
        probability: null,
        status: null,
      })),
    };
    const rows = readCsv(verdictsCsv(plan, noSamples, "zh-CN"));
    expect(rows[0]![2]).toBe("指标名称");
    const first = rows[1]!;
    expect(first[2]).toBe(plan.indicators.find((i) => i.id === first[0])!.name.zh);
    expect(first.slice(5, 10)).toEqual(["", "", "", "", ""]);
    expect(rows.some((r) => r[10] === "达标" || r[10] === "未达标")).toBe(true);
  });

  it("quotes a name holding a comma, a quote or a line break", () => {
    const odd: Plan = {
      ...plan,
      indicators: plan.indicators.map((i, k) =>
        k === 0 ? { ...i, name: { zh: '康复, "服务"\n覆盖率', en: '=rehab, "services"' } } : i,
      ),
    };
    const id = plan.indicators[0]!.id;
    const rows = readCsv(verdictsCsv(odd, evaluation, "zh-CN")).filter((r) => r[0] === id);
    expect(rows[0]![2]).toBe('康复, "服务"\n覆盖率');
    expect(readCsv(verdictsCsv(odd, evaluation, "en")).find((r) => r[0] === id)![2]).toBe(
      '\'=rehab, "services"',
    );
  });
});

describe("comparison CSV", () => {
  const evaluations = new Map<string, Evaluation>();
  beforeAll(async () => {
    for (const id of [BASELINE, TEACHING]) {
      const model = runModelFor(lib, id);
      if (!model.ok) throw new Error(JSON.stringify(model.error));
      const r = await createInlineRunner().evaluate({
        ...model.value,
        samples: 200,
        seed: 42,
        sampling: "lhs",
      });
      if (!r.ok) throw new Error(r.error.message.en);
      evaluations.set(id, r.value);
    }
  });
  const list = () => [...evaluations].map(([id, evaluation]) => ({ id, evaluation }));
  // A name with a comma and a quote, as a person may type one: quoted, not split.
  const names = [
    { id: BASELINE, name: "Baseline" },
    { id: TEACHING, name: 'Frozen, "2021"' },
  ];

  it("writes the table's rows in its order, differing verdicts first, numbers as numbers", () => {
    const t = comparisonTable(plan, list());
    const rows = readCsv(comparisonCsv(plan, t, names, "en"));
    expect(rows[0]).toEqual([
      "indicator",
      "number",
      "name",
      "unit",
      "verdict differs",
      "Baseline: projected",
      "Baseline: verdict",
      "Baseline: probability (%)",
      'Frozen, "2021": projected',
      'Frozen, "2021": verdict',
      'Frozen, "2021": probability (%)',
      'Frozen, "2021" − Baseline: projected difference (points for %)',
      'Frozen, "2021" − Baseline: probability difference (points)',
    ]);
    const body = rows.slice(1);
    expect(body).toHaveLength(plan.indicators.length);
    expect(body.map((r) => r[0])).toEqual(Array.from({ length: t.numRows() }, (_, i) => t.get("id", i)));
    const differing = body.filter((r) => r[4] === "yes").length;
    // The slower scenario adds no coverage and misses the target the baseline meets; that row leads.
    expect(body.slice(0, differing).map((r) => r[0])).toEqual(["ty-t01-rehab-coverage"]);
    expect(body.slice(0, differing).every((r) => r[4] === "yes")).toBe(true);
    expect(body.slice(differing).every((r) => r[4] === "no")).toBe(true);
    body.forEach((r, i) => {
      expect(r[5]).toBe(String(t.get(`value:${BASELINE}`, i)));
      expect(r[6]).toBe(t.get(`met:${BASELINE}`, i) ? "Met" : "Missed");
      expect(r[7]).toBe(String(t.get(`probability:${BASELINE}`, i)));
      const ind = plan.indicators.find((x) => x.id === r[0])!;
      // The difference is the difference of the two values written, at the precision they are written.
      const diff = Number(r[11]);
      expect(diff).toBeCloseTo(Number(r[8]) - Number(r[5]), 9);
      expect(r[11]).not.toMatch(/^-0(\.0*)?$/);
      expect(Number(r[12])).toBe(Number(r[10]) - Number(r[7]));
      expect(Number.isInteger(Number(r[7]))).toBe(true);
      // Values at the precision the screen writes them.
      for (const v of [r[5], r[8]]) expect(Number(v)).toBe(Number(Number(v).toFixed(displayDecimals(ind))));
    });
  });

  it("speaks the reader's language, with a BOM for Excel", () => {
    const t = comparisonTable(plan, list());
    const zhNames = [
      { id: BASELINE, name: "小县基准情景" },
      { id: TEACHING, name: "小县：放慢" },
    ];
    const text = comparisonCsv(plan, t, zhNames, "zh-CN");
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = readCsv(text);
    expect(rows[0]!.slice(0, 6)).toEqual([
      "指标id",
      "序号",
      "指标名称",
      "单位",
      "判断是否不同",
      "小县基准情景：推演值",
    ]);
    expect(rows[0]![11]).toBe("小县：放慢 − 小县基准情景：推演值差（百分比为百分点）");
    const nursing = rows.find((r) => r[0] === "ty-t01-rehab-coverage")!;
    expect(nursing[2]).toBe(plan.indicators.find((i) => i.id === nursing[0])!.name.zh);
    expect(nursing[3]).toBe("%");
    expect(["达标", "未达标"]).toContain(nursing[6]);
    expect(["是", "否"]).toContain(nursing[4]);
  });
});

describe("actuals CSV", () => {
  const read = (text: string, file = "a.csv") => {
    const r = importActualsCsv(text, file, plan);
    if (!r.ok) throw new Error(`refused: ${lines(r.error).join("; ")}`);
    return r.value;
  };

  it("makes a template with a row per indicator and year, which holds no observation yet", () => {
    const text = actualsTemplateCsv(plan);
    expect(text.startsWith(BOM)).toBe(true);
    const rows = readCsv(text);
    expect(rows[0]).toEqual(["indicator", "year", "value", "name"]);
    const ind = table[0]!;
    expect(rows.filter((r) => r[0] === ind.id).map((r) => Number(r[1]))).toEqual(
      Array.from({ length: ind.target.year - ind.baseline.year }, (_, k) => ind.baseline.year + 1 + k),
    );
    expect(rows.find((r) => r[0] === ind.id)![3]).toBe(ind.name.zh);
    expect(rows.slice(1).every((r) => r[2] === "")).toBe(true);
    expect(lines(refused(importActualsCsv(text, "template.csv", plan)))).toEqual([
      "template.csv: the file holds no observed values (the value column is empty in every row)",
    ]);
  });

  it("reads a filled-in template, as text or as bytes, keeping rows left empty as no observation", () => {
    const ind = table.find((i) => i.unit === "percent")!;
    const y = ind.baseline.year + 1;
    const filled = actualsTemplateCsv(plan).replace(`${ind.id},${y},,`, `${ind.id},${y},97.5,`);
    const r = read(filled, "filled.csv");
    expect(r.actuals.get(plan.id)).toEqual([{ indicatorId: ind.id, year: y, value: 97.5 }]);
    expect(r.rejected).toEqual([]);
    const bytes = importActualsCsv(new TextEncoder().encode(filled), "filled.csv", plan);
    expect(expectOk(bytes).actuals.get(plan.id)).toEqual(r.actuals.get(plan.id));
  });

  it("keeps the good rows and names the row and column of every bad cell, row numbers as the file has them", () => {
    const ind = table.find((i) => i.unit === "percent")!;
    const y = ind.baseline.year + 1;
    const csv = [
      "indicator,year,value",
      `${ind.id},${y},`,
      `${ind.id},20x1,50`,
      `${ind.id},${y},150`,
      `no-such,${y},1`,
      `${ind.id},${y + 1},abc`,
      `${ind.id},${y + 2},1`,
      `${ind.id},${y + 2},2`,
      `${ind.id},${y + 3},60`,
    ].join("\n");
    const r = read(csv);
    expect(r.actuals.get(plan.id)).toEqual([{ indicatorId: ind.id, year: y + 3, value: 60 }]);
    expect(r.rejectedRows).toEqual([3, 4, 5, 6, 7, 8]);
    expect(lines(r.rejected)).toEqual([
      'a.csv › row 3, column year: year "20x1" is not a four-digit year',
      "a.csv › row 4, column value: percentage 150 is outside 0–100",
      `a.csv › row 5, column indicator: no indicator "no-such" in "${plan.title.en}" (${plan.id}) (use an indicator id, the printed row number or the name)`,
      'a.csv › row 6, column value: "abc" is not a number',
      `a.csv › row 7, column indicator: indicator "${ind.id}" in ${y + 2} is given more than once (also row 8); keep one row`,
      `a.csv › row 8, column indicator: indicator "${ind.id}" in ${y + 2} is given more than once (also row 7); keep one row`,
    ]);
    // The place is said in the person's language.
    expect(lines(r.rejected, "zh-CN")[0]).toBe("a.csv › 第 3 行“year”列: 年份 “20x1” 不是四位数年份");
  });

  it("explains a missing header column", () => {
    expect(lines(refused(importActualsCsv("indicator,value\nx,1", "h.csv", plan)))).toEqual([
      'h.csv › row 1 (header): missing column "year" (the header should be indicator,year,value or 指标,年份,数值)',
    ]);
  });
});
