import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../../models/plan.ts";
import { parsePastedTable } from "../../models/plan-paste.ts";
import { FUZZ, FUZZ_TIMEOUT } from "./fuzz.ts";

/**
 * The pasted-table edge: any text a person pastes is read without throwing; every row becomes one
 * indicator with a flag or a reading for each field; no stored number is non-finite; and a plan drafted
 * from well-formed rows is one the schema accepts or refuses with its problems, never a crash.
 */

const CELLS = [
  "序号",
  "指标",
  "属性",
  "2020年",
  "2025年",
  "单位",
  "目标值",
  "基期",
  "一、社会保障",
  "约束性",
  "预期性",
  "",
  "—",
  "——",
  "-",
  "99%",
  ">99%",
  "≥68%",
  "＞95",
  "≧９０％",
  "100",
  "98.37",
  "2500户以上",
  "4（万人）",
  "1,600",
  "１，６００",
  "6‰",
  "90%–95%",
  "90-95",
  "与全市生产总值增长同步",
  "基本同步",
  "逐步提高",
  "不低于10%",
  "5%以下",
  "困难残疾人生活补贴覆盖率",
  "培训人数（人）",
  "托养服务（年人次）",
  "改造（万户）",
  "经费（亿元）",
  "1.残疾人就业率(%)",
  "(",
  "（",
  "%",
  "1e5",
  "0x1A",
];

const cell = fc.oneof(fc.constantFrom(...CELLS), fc.string({ maxLength: 8 }));
const row = fc.array(cell, { minLength: 0, maxLength: 7 });
const sep = fc.constantFrom("\t", "  ", "   ", "\u3000\u3000", "\n\t", " ");
const table = fc
  .tuple(fc.array(row, { minLength: 0, maxLength: 12 }), sep, fc.constantFrom("\n", "\r\n", "\n\n"))
  .map(([rows, s, nl]) => rows.map((r) => r.join(s)).join(nl));

describe("pasting any table", () => {
  it(
    "never throws, reads each row into one indicator, and stores only finite numbers",
    () => {
      fc.assert(
        fc.property(table, (text) => {
          const r = parsePastedTable(text);
          expect(r.plan.indicators).toHaveLength(r.rows.length);
          for (const x of r.rows) {
            const json = JSON.stringify(x.indicator, (_k, v) => {
              if (typeof v === "number" && !Number.isFinite(v)) throw new Error(`non-finite in ${text}`);
              return v;
            });
            expect(json.length).toBeGreaterThan(0);
            for (const f of x.flags) {
              expect(f.message.zh.trim()).not.toBe("");
              expect(f.message.en.trim()).not.toBe("");
            }
          }
          const v = parsePlan(r.plan, "pasted");
          if (!v.ok) for (const i of v.error) expect(i.message.en.trim()).not.toBe("");
        }),
        FUZZ,
      );
    },
    FUZZ_TIMEOUT,
  );
});
