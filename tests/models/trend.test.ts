import { describe, expect, it } from "vitest";
import { compoundRate, fitTrend, perYearAverage, type Trend } from "../../models/trend.ts";
import { expectOk } from "../expect-result.ts";

function fitted(points: { year: number; value: number }[], kind: "points" | "compound"): Trend {
  const r = fitTrend(points, kind);
  if (!r.ok) throw new Error(r.error.en);
  return r.value;
}

describe("fitTrend, linear (percentage points a year)", () => {
  it("recovers the slope of points on a line, with zero residual error", () => {
    const t = fitted(
      [
        { year: 2016, value: 70 },
        { year: 2017, value: 72 },
        { year: 2018, value: 74 },
        { year: 2019, value: 76 },
      ],
      "points",
    );
    expect(t.pace).toBeCloseTo(2, 12);
    expect(t.sd).toBeCloseTo(0, 12);
    expect(t.n).toBe(4);
    expect(t.from).toEqual({ year: 2016, value: 70 });
    expect(t.to.value).toBeCloseTo(76, 12);
  });

  it("gives the least-squares slope and its standard error on scattered points", () => {
    // x = 0..3, y = 1, 3, 2, 5: slope 1.1, intercept 1.1, SSR 2.7, Sxx 5 → se √(2.7/2/5) = √0.27.
    const t = fitted(
      [
        { year: 2000, value: 1 },
        { year: 2001, value: 3 },
        { year: 2002, value: 2 },
        { year: 2003, value: 5 },
      ],
      "points",
    );
    expect(t.pace).toBeCloseTo(1.1, 12);
    expect(t.sd).toBeCloseTo(Math.sqrt(0.27), 12);
    expect(t.from.value).toBeCloseTo(1.1, 12);
    expect(t.to.value).toBeCloseTo(4.4, 12);
  });

  it("ignores the order the points come in", () => {
    const a = fitted(
      [
        { year: 2020, value: 85 },
        { year: 2015, value: 65.6 },
      ],
      "points",
    );
    expect(a.pace).toBeCloseTo(19.4 / 5, 12);
    expect(a.from.year).toBe(2015);
    expect(a.sd).toBeNull();
  });

  it("is flat with a note for one point or equal values", () => {
    const one = fitted([{ year: 2021, value: 85 }], "points");
    expect(one).toMatchObject({ pace: 0, n: 1, sd: null });
    expect(one.note?.en).toContain("one point");
    const flat = fitted(
      [
        { year: 2020, value: 85 },
        { year: 2021, value: 85 },
      ],
      "points",
    );
    expect(flat).toMatchObject({ pace: 0, n: 2, sd: null });
    expect(flat.note?.zh).toContain("持平");
    expect(
      fitted(
        [
          { year: 2019, value: 5 },
          { year: 2020, value: 5 },
          { year: 2021, value: 5 },
        ],
        "points",
      ).sd,
    ).toBe(0);
  });
});

describe("fitTrend, compound (% a year)", () => {
  it("recovers a constant growth rate", () => {
    const pts = [0, 1, 2, 3, 4].map((i) => ({ year: 2017 + i, value: 1000 * 1.05 ** i }));
    const t = fitted(pts, "compound");
    expect(t.pace).toBeCloseTo(5, 10);
    expect(t.sd).toBeCloseTo(0, 10);
    expect(t.to.value).toBeCloseTo(1000 * 1.05 ** 4, 8);
  });

  it("takes fractional years: 14.81 M mid-2021 to 16.40 M mid-2025 is about 2.6% a year", () => {
    const t = fitted(
      [
        { year: 2021.5, value: 14.81 },
        { year: 2025.5, value: 16.4 },
      ],
      "compound",
    );
    expect(t.pace).toBeCloseTo(((16.4 / 14.81) ** 0.25 - 1) * 100, 10);
    expect(t.pace).toBeCloseTo(2.58, 2);
  });

  it("carries the slope's standard error to percent a year", () => {
    // ln values on x = 0..3 are 0, 0.2, 0.1, 0.4: slope 0.11, SSR 0.027, se √(0.027/2/5).
    const pts = [0, 0.2, 0.1, 0.4].map((l, i) => ({ year: i, value: Math.exp(l) }));
    const t = fitted(pts, "compound");
    expect(t.pace).toBeCloseTo((Math.exp(0.11) - 1) * 100, 10);
    expect(t.sd).toBeCloseTo(Math.exp(0.11) * Math.sqrt(0.0027) * 100, 10);
  });
});

describe("fitTrend errors", () => {
  it("reports, in both languages, what it cannot fit", () => {
    const cases: [{ year: number; value: number }[], "points" | "compound"][] = [
      [[], "points"],
      [[{ year: 2020, value: Number.NaN }], "points"],
      [[{ year: 2020, value: 0 }], "compound"],
      [
        [
          { year: 2020, value: 1 },
          { year: 2020, value: 2 },
        ],
        "points",
      ],
    ];
    for (const [pts, kind] of cases) {
      const r = fitTrend(pts, kind);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.zh.length).toBeGreaterThan(0);
        expect(r.error.en.length).toBeGreaterThan(0);
      }
    }
  });
});

describe("perYearAverage and compoundRate", () => {
  it("spreads a total over the years of its span, both inclusive", () => {
    expect(perYearAverage(488, { from: 2016, to: 2020 })).toEqual({
      ok: true,
      value: { perYear: 97.6, years: 5 },
    });
    expect(perYearAverage(100, { from: 2020, to: 2020 })).toEqual({
      ok: true,
      value: { perYear: 100, years: 1 },
    });
    expect(perYearAverage(1, { from: 2021, to: 2020 }).ok).toBe(false);
    expect(perYearAverage(Number.NaN, { from: 2016, to: 2020 }).ok).toBe(false);
  });

  it("computes compound growth between two values", () => {
    const r = compoundRate(100, 121, 2);
    expect(expectOk(r)).toBeCloseTo(10, 12);
    expect(compoundRate(0, 1, 1).ok).toBe(false);
    expect(compoundRate(1, 2, 0).ok).toBe(false);
  });
});
