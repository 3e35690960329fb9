import { describe, expect, it } from "vitest";
import {
  amountScale,
  formatCount,
  formatNumber,
  formatParam,
  formatPercent,
  formatYear,
  formatYuan,
} from "../../src/kernel/format.ts";

describe("formatYear", () => {
  it("never groups a year", () => {
    expect(formatYear(2025)).toBe("2025");
    expect(formatYear(2035)).toBe("2035");
    expect(formatYear(Number.NaN)).toBe("—");
  });
});

describe("formatNumber", () => {
  it("groups thousands and fixes decimals in both languages", () => {
    expect(formatNumber(1234567.891, "zh-CN")).toBe("1,234,568");
    expect(formatNumber(1234567.891, "en", 2)).toBe("1,234,567.89");
    expect(formatNumber(-2500, "en")).toBe("−2,500");
    expect(formatNumber(-0.0712, "en", 2)).toBe("−0.07");
    expect(formatNumber(Number.POSITIVE_INFINITY, "en")).toBe("—");
  });
});

describe("formatPercent", () => {
  it("takes values already in percent, at the precision asked", () => {
    expect(formatPercent(98.37, 2)).toBe("98.37%");
    expect(formatPercent(98.37, 1, "en")).toBe("98.4%");
    expect(formatPercent(99.5, 0)).toBe("100%");
    expect(formatPercent(95, 1, "zh-CN")).toBe("95.0%");
    expect(formatPercent(95)).toBe("95%");
    expect(formatPercent(Number.NaN, 1)).toBe("—");
  });
});

describe("formatCount", () => {
  it("writes Chinese units straight after the number", () => {
    expect(formatCount(2500, "households", "zh-CN")).toBe("2,500户");
    expect(formatCount(1600, "attendances", "zh-CN")).toBe("1,600人次");
    expect(formatCount(300, "people", "zh-CN")).toBe("300人");
    expect(formatCount(1234567, "yuan", "zh-CN")).toBe("1,234,567元");
  });

  it("writes English units after a space, singular for one", () => {
    expect(formatCount(2500, "households", "en")).toBe("2,500 households");
    expect(formatCount(1600, "attendances", "en")).toBe("1,600 attendances");
    expect(formatCount(300, "people", "en")).toBe("300 people");
    expect(formatCount(1, "people", "en")).toBe("1 person");
    expect(formatCount(1, "households", "en")).toBe("1 household");
    expect(formatCount(1, "yuan", "en")).toBe("1 yuan");
    expect(formatCount(1.5, "people", "en", 1)).toBe("1.5 people");
  });

  it("writes a dash, no unit, for what is not a number", () => {
    expect(formatCount(Number.NaN, "people", "en")).toBe("—");
  });
});

describe("formatYuan", () => {
  it("groups amounts and keeps fen when asked", () => {
    expect(formatYuan(1234567, "zh-CN")).toBe("1,234,567元");
    expect(formatYuan(1234567, "en")).toBe("1,234,567 yuan");
    expect(formatYuan(98.5, "zh-CN", 2)).toBe("98.50元");
  });
});

describe("budgets in 万元 (issue 10)", () => {
  it("writes a yuan budget of 10,000 or more in 万元 in Chinese, as the plans print it, and in yuan in English", () => {
    expect(formatParam(3_090_000, "yuan-per-year", "zh-CN")).toBe("309万元/年");
    expect(formatParam(505_000, "yuan-per-year", "zh-CN")).toBe("50.5万元/年");
    expect(formatParam(123_456_789, "yuan-per-year", "zh-CN")).toBe("12,345.6789万元/年");
    expect(formatParam(3_090_000, "yuan-per-year", "en")).toBe("3,090,000 yuan a year");
    // Below 10,000, and per-household or per-month amounts, stay in yuan.
    expect(formatParam(6_180, "yuan-per-year", "zh-CN")).toBe("6,180元/年");
    expect(formatParam(16_180, "yuan-per-household", "zh-CN")).toBe("16,180元/户");
    expect(formatParam(200, "yuan-per-month", "zh-CN")).toBe("200元/月");
  });
  it("lets a field keep one unit across its range (the largest value decides), never writing -0", () => {
    expect(formatParam(0, "yuan-per-year", "zh-CN", 0, 20_000_000)).toBe("0万元/年");
    expect(formatParam(-0.00001, "yuan-per-year", "zh-CN", 0, 20_000_000)).toBe("0万元/年");
    expect(amountScale("yuan-per-year", "zh-CN", 20_000_000)).toEqual({ factor: 10_000, unit: "万元/年" });
    expect(amountScale("yuan-per-year", "en", 20_000_000)).toBeNull();
    expect(amountScale("percent", "zh-CN", 20_000_000)).toBeNull();
  });
});
