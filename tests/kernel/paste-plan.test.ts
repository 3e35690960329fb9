import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { err, ok } from "../../models/result.ts";
import {
  draftPlan,
  EMPTY_META,
  issueLines,
  mergeEdit,
  metaFromTable,
  missingDetails,
  type PasteMeta,
  pasteOptions,
  readPastedTable,
  revisedRows,
  savePastedPlan,
  unconfirmedCount,
} from "../../src/kernel/paste-plan.ts";
import type { ImportedPlan } from "../../src/kernel/workspace.ts";
import { expectOk } from "../expect-result.ts";
import { BASELINE, PLAN_ID, tinyLibrary } from "./fixtures/tiny.ts";

const HUYI = readFileSync(join(import.meta.dirname, "../fixtures/paste/huyi-seed.txt"), "utf8")
  .split("\n")
  .filter((l) => !l.startsWith("# "))
  .join("\n");

const EMPTY = EMPTY_META;

/** The "shipped" library a pasted plan must not clash with: the tiny literal one (tests/kernel/fixtures/tiny.ts). */
const library = tinyLibrary();
const NOW = new Date("2026-01-02T03:04:05.000Z");

/** The Huyi table read with `meta`, the person's metadata laid over what the table says. */
function huyi(meta: Partial<PasteMeta> = {}) {
  const first = readPastedTable(HUYI, pasteOptions({ ...EMPTY, ...meta }));
  const m = metaFromTable({ ...EMPTY, ...meta }, first);
  return { result: first, meta: m, options: pasteOptions(m) };
}

describe("paste a plan: the metadata as typed", () => {
  it("turns the form's texts into the parser's options, leaving empty ids and odd years to the table", () => {
    expect(pasteOptions(EMPTY)).toEqual({
      level: "county",
      title: { zh: "", en: "" },
      region: { zh: "", en: "" },
      province: { zh: "" },
      issuer: { zh: "" },
    });
    const o = pasteOptions({
      ...EMPTY,
      planId: "  x-2021-2025 ",
      level: "district",
      baselineYear: " 2020 ",
      targetYear: "25",
      source: "https://example.org/plan.html",
    });
    expect(o.id).toBe("x-2021-2025");
    expect(o.level).toBe("district");
    expect(o.baselineYear).toBe(2020);
    expect(o.targetYear).toBeUndefined();
    expect(o.source).toEqual({ url: "https://example.org/plan.html" });
    expect(pasteOptions({ ...EMPTY, source: " 规划.docx " }).source).toEqual({ file: "规划.docx" });
  });

  it("fills what the person left empty from the table read, and keeps what they typed", () => {
    const r = readPastedTable(HUYI, pasteOptions(EMPTY));
    const filled = metaFromTable(EMPTY, r);
    expect(filled.titleZh).toBe(r.caption);
    expect(filled.baselineYear).toBe(String(r.plan.baselineYear));
    expect(filled.targetYear).toBe(String(r.plan.targetYear));
    expect(filled.planId).toBe(r.plan.id);
    const typed = { ...EMPTY, titleZh: "我的标题", planId: "mine-2021-2025", targetYear: "2026" };
    const kept = metaFromTable(typed, r);
    expect([kept.titleZh, kept.planId, kept.targetYear]).toEqual(["我的标题", "mine-2021-2025", "2026"]);
  });
});

describe("paste a plan: the review", () => {
  it("lays each row's edit over the rows read, merging cell edits", () => {
    expect(mergeEdit(undefined, { attribute: "binding" })).toEqual({ attribute: "binding", cells: {} });
    expect(mergeEdit({ cells: { baseline: "80" }, unit: "percent" }, { cells: { target: "95" } })).toEqual({
      unit: "percent",
      cells: { baseline: "80", target: "95" },
    });
    const { result, options } = huyi();
    expect(revisedRows(null, {})).toEqual([]);
    const same = revisedRows(result, {});
    expect(same).toEqual(result.rows);
    const i = result.rows.findIndex((r) => r.indicator.printedNumber === 15);
    const edited = revisedRows(result, { [i]: { cells: { target: "97" } } });
    expect(edited[i]!.source.target).toBe("97");
    expect(edited.filter((_, k) => k !== i)).toEqual(result.rows.filter((_, k) => k !== i));
    const draft = draftPlan(result, edited, options)!;
    expect(draft.indicators).toHaveLength(14);
    expect(draft.indicators[i]!.target).toMatchObject({ value: 97 });
    expect(draftPlan(null, [], options)).toBeNull();
  });

  it("counts the rows whose guesses are not yet checked", () => {
    const { result } = huyi();
    const rows = revisedRows(result, {});
    const flagged = rows.flatMap((r, i) => (r.flags.length > 0 ? [i] : []));
    expect(flagged).toHaveLength(3);
    expect(unconfirmedCount(rows, {})).toBe(3);
    expect(unconfirmedCount(rows, { [flagged[0]!]: true, [flagged[1]!]: false })).toBe(2);
    expect(unconfirmedCount(rows, Object.fromEntries(flagged.map((i) => [i, true])))).toBe(0);
  });
});

describe("paste a plan: saving the draft", () => {
  const draftOf = (meta: Partial<PasteMeta>) => {
    const { result, options } = huyi(meta);
    return draftPlan(result, revisedRows(result, {}), options)!;
  };
  const META = { planId: "huyi-paste-2021-2025", level: "district", regionZh: "西安市鄠邑区" } as const;

  it("validates, scaffolds and adds the plan to the workspace", () => {
    const added: ImportedPlan[] = [];
    const r = savePastedPlan(draftOf(META), {
      imported: [],
      add: (entry) => {
        added.push(entry);
        return ok(undefined);
      },
      library,
      now: NOW,
    });
    const entry = expectOk(r);
    expect(added).toEqual([entry]);
    expect(entry.plan.id).toBe("huyi-paste-2021-2025");
    expect(entry.scenario.planId).toBe("huyi-paste-2021-2025");
    expect(Object.keys(entry!.bindings.indicators)).toHaveLength(14);
    expect(entry.importedAt).toBe("2026-01-02T03:04:05.000Z");
  });

  it("refuses a scenario id a shipped or an imported plan holds, adding nothing", () => {
    let calls = 0;
    const add = () => {
      calls++;
      return ok(undefined);
    };
    // A pasted plan given the id of a shipped plan would scaffold the shipped plan's baseline id.
    const shipped = savePastedPlan(draftOf({ ...META, planId: PLAN_ID }), {
      imported: [],
      add,
      library,
    });
    expect(shipped).toEqual(err({ kind: "taken", id: BASELINE }));
    const first = savePastedPlan(draftOf(META), { imported: [], add, library, now: NOW });
    const again = savePastedPlan(draftOf(META), {
      imported: [expectOk(first)],
      add,
      library,
    });
    expect(again).toEqual(err({ kind: "taken", id: "huyi-paste-baseline" }));
    expect(calls).toBe(1);
  });

  it("places the problems of an invalid draft on its fields", () => {
    const draft = draftOf(META);
    const r = savePastedPlan(
      { ...draft, id: "Not An Id" },
      { imported: [], add: () => ok(undefined), library },
    );
    expect(r.ok).toBe(false);
    if (r.ok || r.error.kind !== "issues") throw new Error("expected placed issues");
    expect(r.error.issues.some((i) => i.row === null && i.field === "id")).toBe(true);
  });

  it("passes on the workspace's refusal", () => {
    const r = savePastedPlan(draftOf(META), {
      imported: [],
      add: () => err({ zh: "不行", en: "no" }),
      library,
    });
    expect(r).toEqual(err({ kind: "refused", message: { zh: "不行", en: "no" } }));
  });
});

describe("the plan's details a pasted table needs before a plan is made", () => {
  it("a Chinese title, a region and a source, each placed on its field; a year only as four digits", () => {
    const blank = missingDetails({ ...EMPTY_META });
    expect(blank.map((i) => [i.row, i.field, i.message.en])).toEqual([
      [null, "title", "must be filled in"],
      [null, "region", "must be filled in"],
      [null, "source", "must be filled in"],
    ]);
    const filled = {
      ...EMPTY_META,
      titleZh: "某县残疾人事业发展规划",
      regionZh: "某县",
      source: "https://example.gov.cn/plan.html",
    };
    expect(missingDetails(filled)).toEqual([]);
    expect(missingDetails({ ...filled, titleZh: "   " }).map((i) => i.field)).toEqual(["title"]);
    const years = missingDetails({ ...filled, baselineYear: "二〇二〇", targetYear: "2025" });
    expect(years).toEqual([
      {
        row: null,
        field: "baselineYear",
        message: {
          zh: "“二〇二〇”不是四位数的年份（例如 2020）",
          en: '"二〇二〇" is not a four-digit year (such as 2020)',
        },
      },
    ]);
  });
});

describe("the problems of a draft as lines", () => {
  const late = {
    zh: "目标年份 2020 不在基期年份 2025 之后",
    en: "target year 2020 is not after the baseline year 2025",
  };
  it("says a problem many rows share once, naming the rows by their printed numbers", () => {
    const issues = [
      { row: null, field: "source", message: { zh: "必须填写", en: "must be filled in" } },
      { row: 0, field: "target", message: late },
      { row: 1, field: "target", message: late },
      { row: 2, field: "target", message: late },
      { row: 2, field: "name", message: { zh: "不能为空", en: "must not be empty" } },
    ];
    const number = (row: number) => [3, 4, 6][row]!;
    expect(issueLines(issues, number, "en")).toEqual([
      "About the plan · source: must be filled in",
      "Rows 3, 4, 6 · target: target year 2020 is not after the baseline year 2025",
      "Row 6 · name: must not be empty",
    ]);
    expect(issueLines(issues, number, "zh-CN")[1]).toBe(
      "第 3、4、6 行 · 目标：目标年份 2020 不在基期年份 2025 之后",
    );
  });

  it("leaves out the rows' ids while the plan id they are made from is wrong", () => {
    const form = { zh: "格式不对", en: "wrong form" };
    const issues = [
      { row: null, field: "id", message: form },
      { row: 0, field: "id", message: { zh: "a", en: "a" } },
      { row: 1, field: "id", message: { zh: "b", en: "b" } },
    ];
    expect(issueLines(issues, (r) => r + 1, "en")).toEqual(["About the plan · id: wrong form"]);
    expect(issueLines(issues.slice(1), (r) => r + 1, "en")).toEqual(["Row 1 · id: a", "Row 2 · id: b"]);
  });
});
