import { describe, expect, it } from "vitest";
import { describeNumeralProblem, normaliseNumerals, readNumeral } from "../../models/numerals.ts";
import { expectErr } from "../expect-result.ts";

const value = (text: string, options = {}) => {
  const r = readNumeral(text, options);
  return r.ok ? r.value.number : r.error.kind;
};

describe("readNumeral", () => {
  it("reads plain, grouped, full-width and minus-signed numbers", () => {
    expect(value("1200")).toBe(1200);
    expect(value(" 12.5 ")).toBe(12.5);
    expect(value(".5")).toBe(0.5);
    expect(value("1,200")).toBe(1200);
    expect(value("12,000.5")).toBe(12000.5);
    expect(value("1，200")).toBe(1200);
    expect(value("１２００")).toBe(1200);
    expect(value("１，２００．５")).toBe(1200.5);
    expect(value("1 200")).toBe(1200);
    expect(value("5\u00a0400\u00a0868")).toBe(5400868);
    expect(value("−3.5")).toBe(-3.5);
    expect(value("－3")).toBe(-3);
    expect(value("-0")).toBe(0);
    expect(Object.is(value("-0"), 0)).toBe(true);
  });

  it("asks about a comma that is not a thousands separator instead of guessing", () => {
    expect(value("1,2")).toBe("ambiguous-comma");
    expect(value("12,34")).toBe("ambiguous-comma");
    expect(value("1,20")).toBe("ambiguous-comma");
    expect(value("1,200,5")).toBe("not-a-number");
    expect(value("1 2")).toBe("not-a-number");
    const r = readNumeral("1,2");
    expect(describeNumeralProblem(expectErr(r))).toEqual({
      zh: "“1,2” 有歧义：是 1.2 还是 12？小数请用小数点，千位分隔请每三位一组",
      en: '"1,2" is ambiguous: 1.2 or 12? Write decimals with a point, and group thousands in threes',
    });
  });

  it("takes a percent or per-mille sign only where allowed", () => {
    expect(value("8%", { suffixes: ["%"] })).toBe(8);
    expect(value("8％", { suffixes: ["%"] })).toBe(8);
    expect(value("62.5 %", { suffixes: ["%"] })).toBe(62.5);
    expect(value("7.5‰", { suffixes: ["‰"] })).toBe(7.5);
    expect(value("8%")).toBe("suffix");
    expect(value("7.5‰", { suffixes: ["%"] })).toBe("suffix");
    const r = readNumeral("8%", { suffixes: ["‰"] });
    expect(r.ok ? null : describeNumeralProblem(r.error).en).toBe('"8%" has "%"; only ‰ fits here');
  });

  it("refuses hexadecimal, exponents, a plus where not allowed, negatives where not allowed, and words", () => {
    expect(value("0x1A")).toBe("hexadecimal");
    expect(value("０ｘ１Ａ")).toBe("hexadecimal");
    expect(value("1e3")).toBe("exponent");
    expect(value("1.2E+06")).toBe("exponent");
    expect(value("+3")).toBe(3);
    expect(value("+3", { allowPlus: false })).toBe("plus");
    expect(value("-3", { allowNegative: false })).toBe("negative");
    expect(value("−3", { allowNegative: false })).toBe("negative");
    expect(value("")).toBe("empty");
    expect(value("  ")).toBe("empty");
    expect(value("abc")).toBe("not-a-number");
    expect(value("Infinity")).toBe("not-a-number");
    expect(value("NaN")).toBe("not-a-number");
    expect(value("1.2.3")).toBe("not-a-number");
    expect(value("9".repeat(400))).toBe("too-large");
    expect(value("9".repeat(60))).toBe(1e60);
  });

  it("normalises full-width forms and minus signs, keeping letters", () => {
    expect(normaliseNumerals("　１２３４％　")).toBe("1234%");
    expect(normaliseNumerals("−５")).toBe("-5");
    expect(normaliseNumerals("２０２３年")).toBe("2023年");
  });
});
