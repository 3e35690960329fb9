import { describe, expect, it } from "vitest";
import {
  choiceLooksWrong,
  chooseSize,
  GAIN_REQUIRED,
  median,
  type SizeDecision,
  WRONG_FACTOR,
} from "../../src/kernel/pool-size.ts";

/** Timings by size, as the pool records them (made up here: the rules, not the machine, are tested). */
const t = (o: Record<number, number[]>) => new Map(Object.entries(o).map(([k, v]) => [Number(k), v]));

describe("chooseSize", () => {
  it("picks the fastest size when it is clearly faster", () => {
    expect(chooseSize(t({ 1: [100, 104, 98], 2: [60, 58, 61] }), 2000).size).toBe(2);
    expect(
      chooseSize(t({ 1: [100, 100, 100], 2: [80, 80, 80], 3: [50, 52, 51], 4: [70, 70, 70] }), 2000).size,
    ).toBe(3);
  });

  it("keeps one worker where workers do not pay (two cores: the split run measured slower)", () => {
    const d = chooseSize(t({ 1: [237, 240, 250], 2: [355, 340, 360] }), 2000);
    expect(d.size).toBe(1);
    expect(d.medianMs.get(1)).toBe(240);
    expect(d.medianMs.get(2)).toBe(355);
    expect(d.samples).toBe(2000);
  });

  it("never takes more workers than were measured to help: a gain within 10 % keeps the smaller pool", () => {
    expect(chooseSize(t({ 1: [100, 100, 100], 2: [95, 95, 95] }), 2000).size).toBe(1);
    expect(chooseSize(t({ 1: [100], 2: [100 * GAIN_REQUIRED] }), 2000).size).toBe(2);
    // 3 is the fastest, but only by a hair over 2: 2 is kept.
    expect(chooseSize(t({ 1: [100], 2: [60], 3: [58] }), 2000).size).toBe(2);
  });

  it("goes by the median of the rounds, not one lucky or unlucky round", () => {
    expect(chooseSize(t({ 1: [100, 100, 10], 2: [60, 60, 500] }), 2000).size).toBe(2);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("has one worker as its floor, even when nothing was measured or a smaller size was faster", () => {
    expect(chooseSize(t({}), 2000).size).toBe(1);
    expect(chooseSize(t({ 1: [], 2: [] }), 2000).size).toBe(1);
    // Inline (0) timed faster: the page's thread is not a choice in the browser.
    expect(chooseSize(t({ 0: [10], 1: [100], 2: [150] }), 2000).size).toBe(1);
    // A floor of 0 (where inline does not block painting) may choose it.
    expect(chooseSize(t({ 0: [10], 1: [100], 2: [150] }), 2000, 0).size).toBe(0);
  });
});

describe("choiceLooksWrong", () => {
  const decision: SizeDecision = {
    size: 2,
    medianMs: new Map([
      [1, 200],
      [2, 100],
    ]),
    samples: 2000,
  };

  it("is not wrong while the chosen size runs as fast per sample as another size did", () => {
    // 10,000 samples at the calibrated 2-worker pace (0.05 ms per sample).
    expect(choiceLooksWrong(decision, { size: 2, samples: 10_000, ms: 500 })).toBe(false);
    // Slower than calibrated, but not slower than one worker was by the factor.
    expect(choiceLooksWrong(decision, { size: 2, samples: 10_000, ms: 1000 * WRONG_FACTOR })).toBe(false);
  });

  it("is wrong when the chosen size runs slower per sample than another size did, by the factor", () => {
    expect(choiceLooksWrong(decision, { size: 2, samples: 10_000, ms: 1000 * WRONG_FACTOR + 1 })).toBe(true);
    const one: SizeDecision = {
      size: 1,
      medianMs: new Map([
        [1, 200],
        [2, 190],
      ]),
      samples: 2000,
    };
    expect(choiceLooksWrong(one, { size: 1, samples: 2000, ms: 300 })).toBe(true);
    expect(choiceLooksWrong(one, { size: 1, samples: 2000, ms: 250 })).toBe(false);
  });

  it("judges nothing from a run without samples or a decision without other sizes", () => {
    expect(choiceLooksWrong(decision, { size: 2, samples: 0, ms: 1e9 })).toBe(false);
    const only: SizeDecision = { size: 1, medianMs: new Map([[1, 200]]), samples: 2000 };
    expect(choiceLooksWrong(only, { size: 1, samples: 2000, ms: 1e9 })).toBe(false);
  });
});
