import { describe, expect, it } from "vitest";
import {
  composedInput,
  fromDisplayUnit,
  parseNumberInput,
  suffixesOf,
} from "../../src/kernel/number-input.ts";

const read = (text: string, field = {}) => {
  const r = parseNumberInput(text, field);
  return r.ok ? r.value : r.error.en;
};

describe("parseNumberInput", () => {
  it("reads what people type, in the field's unit", () => {
    expect(read("1，200", { unit: "households" })).toBe(1200);
    expect(read("１２００", { unit: "households" })).toBe(1200);
    expect(read("8%", { unit: "percent" })).toBe(8);
    expect(read("8％", { unit: "percent-per-year" })).toBe(8);
    expect(read("7.5‰", { unit: "per-thousand" })).toBe(7.5);
    expect(read("−2.5", { unit: "percent-per-year" })).toBe(-2.5);
    expect(read("5,400,868", { unit: "people" })).toBe(5400868);
  });

  it("never reads 1,2 as 12 in a field with step 0.1: it asks", () => {
    expect(read("1,2", { unit: "percent" })).toBe(
      '"1,2" is ambiguous: 1.2 or 12? Write decimals with a point, and group thousands in threes',
    );
  });

  it("refuses a sign the unit does not take, fractions in a whole-number field, and negatives where barred", () => {
    expect(read("8%", { unit: "households" })).toBe('"8%" has "%"; write the number alone here');
    expect(read("7.5‰", { unit: "percent" })).toBe('"7.5‰" has "‰"; only % fits here');
    expect(read("1.5", { integer: true })).toBe('"1.5" is not a whole number');
    expect(read("-1", { integer: true, allowNegative: false })).toBe(
      '"-1" is negative; it cannot be negative here',
    );
    const zh = parseNumberInput("abc");
    expect(zh.ok ? null : zh.error.zh).toBe("“abc” 不是数字");
  });

  it("knows which units take which sign", () => {
    expect(suffixesOf("percent")).toEqual(["%"]);
    expect(suffixesOf("percentage-points-per-year")).toEqual(["%"]);
    expect(suffixesOf("per-thousand")).toEqual(["‰"]);
    expect(suffixesOf("yuan")).toEqual([]);
    expect(suffixesOf(undefined)).toEqual([]);
  });
});

describe("fromDisplayUnit", () => {
  it("brings a number typed in 万 back to yuan without float residue, and leaves an unscaled number as typed", () => {
    expect(fromDisplayUnit(0.1, 10_000, 0)).toBe(1000);
    expect(0.1 * 3 * 10_000).not.toBe(3000);
    expect(fromDisplayUnit(0.1 * 3, 10_000, 0)).toBe(3000);
    expect(fromDisplayUnit(309.12345, 10_000, 0)).toBe(3_091_235);
    expect(fromDisplayUnit(1.23456, 10_000, 2)).toBe(12_345.6);
    expect(fromDisplayUnit(0.1 * 3, undefined, 0)).toBe(0.1 * 3);
    expect(fromDisplayUnit(12.5, 10_000, -1)).toBe(125_000);
  });
});

describe("composedInput", () => {
  const field = (value: string) => ({ currentTarget: { value } }) as never;
  it("commits nothing while an input method composes, then the composed text once", () => {
    const seen: string[] = [];
    const h = composedInput((t) => seen.push(t));
    h.onInput(field("1"));
    h.onCompositionStart();
    h.onInput({ currentTarget: { value: "1ｙ" }, isComposing: true } as never);
    h.onInput(field("1yi"));
    expect(seen).toEqual(["1"]);
    h.onCompositionEnd(field("1１"));
    expect(seen).toEqual(["1", "1１"]);
    // Firefox's input event right after compositionend is the same text: not committed again.
    h.onInput(field("1１"));
    expect(seen).toEqual(["1", "1１"]);
    // Typing the same text again later is a new commit.
    h.onInput(field("1"));
    h.onInput(field("1１"));
    expect(seen).toEqual(["1", "1１", "1", "1１"]);
  });
});
