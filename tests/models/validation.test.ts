import { describe, expect, it } from "vitest";
import { forbiddenKeys, formatIssue, parseJsonText, syntaxErrorAt } from "../../models/validation.ts";
import { expectErr } from "../expect-result.ts";

describe("parseJsonText", () => {
  it("reads JSON with a BOM and CRLF line ends", () => {
    expect(parseJsonText('\uFEFF{\r\n  "a": [1, 2]\r\n}\r\n', "w.json")).toEqual({
      ok: true,
      value: { a: [1, 2] },
    });
  });

  it("places a syntax error by line and column in one line per issue, in both languages", () => {
    const r = parseJsonText('{\r\n  "a": 1,\r\n  "b": }\r\n', "x.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toHaveLength(1);
    expect(formatIssue(r.error[0]!, "en")).toBe(
      'x.json › line 3, column 8: not valid JSON: "}" here does not fit JSON syntax',
    );
    expect(formatIssue(r.error[0]!, "zh-CN")).toBe(
      'x.json › 第 3 行第 8 列: 不是有效的 JSON：此处的 "}" 不符合 JSON 语法',
    );
    const cut = parseJsonText('{"a": [1, 2', "cut.json");
    expect(formatIssue(expectErr(cut)[0]!, "en")).toBe(
      "cut.json › line 1, column 12: not valid JSON: the file ends too early",
    );
    expect(!parseJsonText("", "e.json").ok).toBe(true);
  });

  it("reports __proto__, constructor and prototype keys with their paths instead of dropping them", () => {
    const r = parseJsonText(
      '{"a": [{"__proto__": {"polluted": 1}}], "b": {"constructor": 1, "prototype": 2}}',
      "p.json",
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((i) => i.path)).toEqual(["a[0].__proto__", "b.constructor", "b.prototype"]);
    expect(r.error[0]!.message.en).toBe(
      'the field name "__proto__" is not allowed (it would reach the object\'s prototype)',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(forbiddenKeys({ ok: [1, { fine: true }] }, "f")).toEqual([]);
  });

  it("finds the error offset of the texts JSON.parse refuses, and none in what it accepts", () => {
    for (const bad of [
      "[1,]",
      "{'a':1}",
      '{"a":1}}',
      "01",
      "[1 2]",
      '"\\x"',
      "tru",
      '{"a" 1}',
      "-",
      "1.",
      '"\t"',
    ]) {
      expect(() => JSON.parse(bad)).toThrow();
      expect(syntaxErrorAt(bad), bad).not.toBeNull();
    }
    for (const good of ['{"a":[1,-2.5e3,true,null,"\\u00e9"]}', "  7 ", '""', "[]", "{}"]) {
      expect(syntaxErrorAt(good), good).toBeNull();
    }
    expect(syntaxErrorAt("[1,]")).toEqual({ line: 1, column: 4, offset: 3 });
  });
});

describe("a value in the wrong form, told in words", () => {
  it("an id names the form ids take, and a date the form dates take, quoting the value", async () => {
    const { parsePlan } = await import("../../models/plan.ts");
    const { loadRepositoryLibrary } = await import("../../scripts/lib/load.ts");
    const plan = structuredClone(loadRepositoryLibrary().plans.get("huyi-2021-2025")!) as unknown as {
      id: string;
      issued: string;
    };
    plan.id = "My Plan 2021";
    plan.issued = "2021/3/4";
    const r = parsePlan(plan, "x.json");
    expect(r.ok).toBe(false);
    const byPath = new Map(r.ok ? [] : r.error.map((i) => [i.path, i.message]));
    expect(byPath.get("id")).toEqual({
      zh: "“My Plan 2021”不合格式：只能用小写字母、数字和单个连字符，例如 huyi-2021-2025",
      en: '"My Plan 2021" is not in the form of lower-case letters, digits and single hyphens, such as huyi-2021-2025',
    });
    expect(byPath.get("issued")?.en).toBe('"2021/3/4" is not in the form year-month-day, such as 2021-07-21');
  });
});
