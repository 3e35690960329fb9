import { table } from "arquero";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bandRows, comparisonScale } from "../../src/charts/comparison.ts";
import { characters, dodgeLabels, ELLIPSIS, fitLabel, textWidth } from "../../src/charts/end-labels.ts";

/** Indices of `wanted` in the order labels should appear: by wanted position, ties in given order. */
const orderOf = (wanted: readonly number[]) =>
  wanted.map((_, i) => i).sort((a, b) => wanted[a]! - wanted[b]! || a - b);

describe("dodgeLabels", () => {
  it("leaves labels that are already apart where they want to be", () => {
    expect(dodgeLabels([40, 100, 200], { gap: 16, min: 10, max: 290 })).toEqual([40, 100, 200]);
  });

  it("moves a crowd apart as a block centred on where it wants to be", () => {
    // Three labels wanting 100: the middle one stays, the others go one gap up and down.
    expect(dodgeLabels([100, 100, 100], { gap: 16, min: 0, max: 300 })).toEqual([84, 100, 116]);
    // Given out of order, answered in the order given.
    expect(dodgeLabels([110, 100], { gap: 16, min: 0, max: 300 })).toEqual([113, 97]);
  });

  it("pushes a crowd at an edge inside the bounds", () => {
    expect(dodgeLabels([0, 0, 0], { gap: 16, min: 10, max: 290 })).toEqual([10, 26, 42]);
    expect(dodgeLabels([300, 295], { gap: 16, min: 10, max: 290 })).toEqual([290, 274]);
  });

  it("spreads labels evenly when there are more than the room holds", () => {
    expect(dodgeLabels([50, 50, 50], { gap: 16, min: 0, max: 20 })).toEqual([0, 10, 20]);
  });

  it("keeps order, keeps the gap and stays inside the plot for any end values (property, seed 11)", () => {
    const arb = fc
      .record({
        min: fc.integer({ min: 0, max: 100 }),
        span: fc.integer({ min: 0, max: 400 }),
        gap: fc.double({ min: 1, max: 40, noNaN: true }),
      })
      .chain(({ min, span, gap }) =>
        fc.record({
          min: fc.constant(min),
          max: fc.constant(min + span),
          gap: fc.constant(gap),
          wanted: fc.array(
            fc.oneof(
              fc.double({ min: min - 200, max: min + span + 200, noNaN: true }),
              // Ties are the common case: lines that end on the same value.
              fc.constantFrom(min, min + span / 2, min + span),
            ),
            { minLength: 0, maxLength: Math.min(12, Math.floor(span / gap) + 1) },
          ),
        }),
      );
    fc.assert(
      fc.property(arb, ({ min, max, gap, wanted }) => {
        const placed = dodgeLabels(wanted, { gap, min, max });
        expect(placed).toHaveLength(wanted.length);
        const eps = 1e-6 * Math.max(1, max);
        for (const y of placed) {
          expect(y).toBeGreaterThanOrEqual(min - eps);
          expect(y).toBeLessThanOrEqual(max + eps);
        }
        const order = orderOf(wanted);
        for (let k = 1; k < order.length; k++) {
          expect(placed[order[k]!]! - placed[order[k - 1]!]!).toBeGreaterThanOrEqual(gap - eps);
        }
        // Labels that need no room are not moved.
        const apart = order.every(
          (i, k) =>
            wanted[i]! >= min && wanted[i]! <= max && (k === 0 || wanted[i]! - wanted[order[k - 1]!]! >= gap),
        );
        if (apart) expect(placed).toEqual(wanted);
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});

describe("fitLabel", () => {
  it("keeps a name that fits as it is", () => {
    expect(fitLabel("Baseline", 200, 13)).toBe("Baseline");
    expect(fitLabel("嘉兴基准情景", 6 * 13, 13)).toBe("嘉兴基准情景");
  });

  it("shortens a Chinese name by whole characters, dropping a dangling separator", () => {
    const name = "嘉兴：预算冻结在2021年水平";
    const short = fitLabel(name, 6 * 13, 13);
    expect(short.endsWith(ELLIPSIS)).toBe(true);
    expect(textWidth(short, 13)).toBeLessThanOrEqual(6 * 13);
    expect(name.startsWith(short.slice(0, -1))).toBe(true);
    // "嘉兴：" would be cut at the colon: the colon goes, the characters before it stay whole.
    expect(fitLabel(name, 4 * 13, 13)).toBe("嘉兴…");
  });

  it("never splits a character outside the basic plane or a combined one", () => {
    const name = "𠀀𠀁𠀂𠀃𠀄𠀅"; // CJK Extension B: each a surrogate pair in UTF-16
    const short = fitLabel(name, 3 * 13, 13);
    expect(characters(short.slice(0, -1)).every((c) => name.includes(c))).toBe(true);
    expect(short).toBe("𠀀𠀁…");
    expect(fitLabel("e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301", 20, 13)).toBe("e\u0301…");
  });

  it("answers a whole-character prefix and an ellipsis, or the name itself, for any name (property, seed 12)", () => {
    const chars = fc.constantFrom(..."嘉兴：基准情景预算冻结老龄化abcXYZ 0129-+（）𠀀é");
    fc.assert(
      fc.property(
        fc.array(chars, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 10, max: 300 }),
        (cs, w) => {
          const name = cs.join("");
          const out = fitLabel(name, w, 13);
          if (out === name) {
            expect(textWidth(name, 13)).toBeLessThanOrEqual(w);
            return;
          }
          expect(out.endsWith(ELLIPSIS)).toBe(true);
          const head = characters(out.slice(0, -ELLIPSIS.length));
          expect(head.length).toBeGreaterThanOrEqual(1);
          expect(characters(name).slice(0, head.length)).toEqual(head);
          // It fits unless even one character and the ellipsis do not.
          if (head.length > 1) expect(textWidth(out, 13)).toBeLessThanOrEqual(w);
        },
      ),
      { seed: 12, numRuns: 400 },
    );
  });
});

describe("comparisonScale", () => {
  it("puts every value on a domain of round ticks with the decimals they need", () => {
    const s = comparisonScale([5.61, 6.1, 4.02, 8.3], 250);
    expect(s.domain[0]).toBeLessThanOrEqual(4.02);
    expect(s.domain[1]).toBeGreaterThanOrEqual(8.3);
    expect(s.ticks[0]).toBe(s.domain[0]);
    expect(s.ticks.at(-1)).toBe(s.domain[1]);
    // Ticks differ at the decimals given: no "6, 6, 6" axis.
    const written = s.ticks.map((t) => t.toFixed(s.decimals));
    expect(new Set(written).size).toBe(written.length);
  });

  it("opens a flat series and ignores what is not a number", () => {
    const s = comparisonScale([100, 100, Number.NaN], 250);
    expect(s.domain[0]).toBeLessThan(100);
    expect(s.domain[1]).toBeGreaterThan(100);
    expect(comparisonScale([], 250).domain).toEqual([0, 1]);
  });

  it("writes distinct ticks for any range (property, seed 13)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        (lo, span) => {
          const s = comparisonScale([lo, lo + span], 250);
          // A value within a billionth of a step of a tick counts as on it (floating-point noise).
          const step = s.ticks.length > 1 ? s.ticks[1]! - s.ticks[0]! : 1;
          expect(s.domain[0]).toBeLessThanOrEqual(lo + 1e-9 * step);
          expect(s.domain[1]).toBeGreaterThanOrEqual(lo + span - 1e-9 * step);
          const written = s.ticks.map((t) => t.toFixed(s.decimals));
          expect(new Set(written).size).toBe(written.length);
        },
      ),
      { seed: 13, numRuns: 300 },
    );
  });
});

describe("bandRows", () => {
  it("keeps the rows where all four quantiles are numbers", () => {
    const t = table({
      year: [2020, 2021, 2022],
      s0: [1, 2, 3],
      "s0:p05": [0, 1, Number.NaN],
      "s0:p25": [0.5, 1.5, 2.5],
      "s0:p75": [1.5, 2.5, 3.5],
      "s0:p95": [2, 3, 4],
      s1: [1, 2, 3],
    });
    expect(bandRows(t, 0)).toEqual([0, 1]);
    expect(bandRows(t, 1)).toEqual([]);
  });
});
