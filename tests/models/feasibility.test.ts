import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anchorFor, applyAnchor, judge, paceOf, roundTo, statusOf } from "../../models/feasibility.ts";
import { type Indicator, type Plan, parsePlan } from "../../models/plan.ts";
import { DEFAULT_BANDS } from "../../models/scenario.ts";

/** Series start in the baseline year 2020; the plan period is 2021–2025 (Jiaxing's layout). */
const START = 2020;
const PERIOD_FROM = 2021;

const BASE: Indicator = {
  id: "t-rate",
  printedNumber: 1,
  origin: "table",
  name: { zh: "测试指标", en: "test indicator" },
  unit: "percent",
  unitPrinted: true,
  attribute: "binding",
  measure: "level",
  precision: 0,
  baseline: { qualifier: "exact", year: 2020, value: 90, printed: "90%" },
  target: {
    kind: "compare",
    year: 2025,
    comparator: ">=",
    comparatorPrinted: true,
    value: 95,
    printed: "≥95%",
  },
  source: { section: "test" },
};

type Compare = Extract<Indicator["target"], { kind: "compare" }>;

function rate(id: string, target: Partial<Compare>, extra: Partial<Indicator> = {}): Indicator {
  return { ...BASE, id, ...extra, target: { ...(BASE.target as Compare), ...target } };
}

/** ">99%": Jiaxing row 2. */
const gt99 = rate("t-gt99", { comparator: ">", value: 99, printed: ">99%" }, { printedNumber: 2 });
/** "≥95%": Jiaxing row 13. */
const ge95 = rate("t-ge95", {}, { printedNumber: 13 });
/** A bare "100%": read as "reach 100". */
const bare100 = rate(
  "t-bare100",
  { comparator: ">=", comparatorPrinted: false, value: 100, printed: "100%" },
  { printedNumber: 4 },
);
/** One decimal printed: Huyi row 2 "≥98.5". */
const ge985 = rate("t-ge985", { value: 98.5, printed: "≥98.5" }, { precision: 1, printedNumber: 5 });
const le5 = rate("t-le5", { comparator: "<=", value: 5, printed: "≤5%" }, { printedNumber: 6 });
const lt5 = rate("t-lt5", { comparator: "<", value: 5, printed: "<5%" }, { printedNumber: 7 });
/** "每年培训1600人次以上": annual attendances. */
const annual1600: Indicator = rate(
  "t-annual",
  { value: 1600, printed: "1600人次以上" },
  {
    unit: "attendances",
    measure: "annual",
    origin: "text",
    printedNumber: null,
    attribute: "unspecified",
    baseline: { qualifier: "missing", year: 2020, printed: "—" },
  },
);
const annualAtMost: Indicator = {
  ...annual1600,
  id: "t-annual-max",
  target: { ...(annual1600.target as Compare), comparator: "<=", value: 50 },
};
/** "完成…2500户以上": cumulative households over the period. */
const cumulative2500: Indicator = rate(
  "t-cumulative",
  { value: 2500, printed: "2500户以上" },
  {
    unit: "households",
    measure: "cumulative",
    origin: "text",
    printedNumber: null,
    attribute: "unspecified",
    baseline: { qualifier: "missing", year: 2020, printed: "—" },
  },
);
const inStep: Indicator = {
  ...BASE,
  id: "t-in-step",
  unit: "growth-rate",
  precision: 1,
  baseline: { qualifier: "missing", year: 2020, printed: "—" },
  target: {
    kind: "in-step-with",
    year: 2025,
    series: "gdp-growth",
    seriesName: { zh: "全市生产总值增长", en: "city GDP growth" },
    printed: "与全市生产总值增长同步",
  },
};
const hold: Indicator = {
  ...BASE,
  id: "t-hold",
  printedNumber: 8,
  baseline: { qualifier: "exact", year: 2020, value: 80, printed: "80%" },
  target: { kind: "hold", year: 2025, printed: "保持" },
};
/** A count that compounds: Huyi row 4, 300 trained people in 2021 → ">500" in 2025. */
const trained: Indicator = {
  ...BASE,
  id: "t-trained",
  unit: "people",
  baseline: { qualifier: "exact", year: 2021, value: 300, printed: "300" },
  target: {
    kind: "compare",
    year: 2025,
    comparator: ">",
    comparatorPrinted: true,
    value: 500,
    printed: ">500",
  },
};

const ALL = [gt99, ge95, bare100, ge985, le5, lt5, annual1600, annualAtMost, cumulative2500, inStep, hold];

const f = (...xs: number[]) => Float64Array.from(xs);
/** A level series whose target-year (2025) value is x. */
const at2025 = (x: number) => f(90, 91, 92, 93, 94, x);

describe("test indicators", () => {
  it("are valid rows of a plan", () => {
    const plan: Plan = {
      schemaVersion: 1,
      id: "test-plan",
      title: { zh: "测试规划", en: "Test plan" },
      region: { zh: "测试市", en: "Test City" },
      level: "city",
      province: { zh: "浙江省", en: "Zhejiang" },
      issuer: { zh: "测试市人民政府", en: "Test City government" },
      issued: null,
      period: { from: PERIOD_FROM, to: 2025 },
      baselineYear: START,
      targetYear: 2025,
      source: { file: "test", title: "test" },
      evaluations: [],
      indicators: ALL,
    };
    const r = parsePlan(plan, "test");
    expect(r.ok ? [] : r.error).toEqual([]);
  });
});

describe("judge: comparison at the printed precision", () => {
  const met = (ind: Indicator, x: number) => judge(ind, at2025(x), undefined, START, PERIOD_FROM).met;

  it('">99" printed as integers: 99.4 prints as 99 (not met), 99.5 prints as 100 (met)', () => {
    expect(met(gt99, 99.4)).toBe(false);
    expect(met(gt99, 99.49)).toBe(false);
    expect(met(gt99, 99.5)).toBe(true);
    expect(met(gt99, 99)).toBe(false);
  });

  it('"≥95": 94.5 prints as 95 (met), 94.49 prints as 94 (not met)', () => {
    expect(met(ge95, 94.5)).toBe(true);
    expect(met(ge95, 94.49)).toBe(false);
    // 94.5 reached through floating arithmetic still prints as 95.
    expect(met(ge95, 94.1 + 0.4)).toBe(true);
  });

  it('a bare "100%" is met when the rounded projection is 100', () => {
    expect(met(bare100, 99.5)).toBe(true);
    expect(met(bare100, 99.49)).toBe(false);
    expect(met(bare100, 100)).toBe(true);
  });

  it("one printed decimal compares at one decimal", () => {
    expect(met(ge985, 98.45)).toBe(true);
    expect(met(ge985, 98.44)).toBe(false);
  });

  it("shows the value it judges: margin from the rounded value (≥: r − target; >: r − the next printed value)", () => {
    const j = judge(ge95, at2025(94.5), undefined, START, PERIOD_FROM);
    expect(j.metric).toBe(94.5);
    // 94.5 prints as 95 and meets ≥95: shown as 95, margin 0 — never "met" beside a negative margin.
    expect(j.value).toBe(95);
    expect(j.margin).toBe(0);
    expect(j.met).toBe(true);
    // ">99" printed as integers is reached at 100, so 100.7 is 0.7 past it; ">98.5" at one decimal at 98.6.
    expect(judge(gt99, at2025(100.7), undefined, START, PERIOD_FROM).margin).toBe(1);
    expect(judge(gt99, at2025(98), undefined, START, PERIOD_FROM).margin).toBeCloseTo(-2, 12);
    const gt985 = { ...ge985, target: { ...(ge985.target as Compare), comparator: ">" as const } };
    expect(judge(gt985, at2025(98.8), undefined, START, PERIOD_FROM).margin).toBe(0.2);
  });

  it("the margin of ≤ and < is positive under the ceiling and negative above it", () => {
    // ≤5: 5 − x; <5 printed as integers is reached at 4: 4 − x.
    expect(judge(le5, at2025(3), undefined, START, PERIOD_FROM).margin).toBe(2);
    expect(judge(le5, at2025(7), undefined, START, PERIOD_FROM).margin).toBe(-2);
    expect(judge(lt5, at2025(3), undefined, START, PERIOD_FROM).margin).toBe(1);
    expect(judge(lt5, at2025(7), undefined, START, PERIOD_FROM).margin).toBe(-3);
    expect(met(le5, 5.4)).toBe(true);
    expect(met(le5, 5.5)).toBe(false);
    expect(met(lt5, 4.4)).toBe(true);
    expect(met(lt5, 4.5)).toBe(false); // prints as 5, which is not < 5
  });

  it("roundTo rounds half away from zero", () => {
    expect(roundTo(2.5, 0)).toBe(3);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(98.45, 1)).toBe(98.5);
    expect(roundTo(1.005, 2)).toBe(1.01);
  });
});

describe("judge: what is judged", () => {
  it("an annual target is judged on the worst year of the plan period, not the baseline year", () => {
    // 2020 (baseline, outside the period) is low; 2023 is the worst year in the period.
    const miss = judge(annual1600, f(1000, 1700, 1650, 1590.4, 1800, 1900), undefined, START, PERIOD_FROM);
    expect(miss).toEqual({ metric: 1590.4, value: 1590, met: false, margin: -10, score: 1590.4 });
    const hit = judge(annual1600, f(1000, 1700, 1650, 1610, 1800, 1900), undefined, START, PERIOD_FROM);
    expect(hit.met).toBe(true);
    expect(hit.metric).toBe(1610);
    // Years after the target year (an outlook to 2035) do not count.
    const longer = judge(
      annual1600,
      f(1000, 1700, 1650, 1610, 1800, 1900, 0, 0),
      undefined,
      START,
      PERIOD_FROM,
    );
    expect(longer.met).toBe(true);
    // The worst year for a ceiling is the highest.
    const ceiling = judge(annualAtMost, f(90, 40, 52, 45, 30, 20), undefined, START, PERIOD_FROM);
    expect(ceiling).toEqual({ metric: 52, value: 52, met: false, margin: -2, score: -52 });
  });

  it("a cumulative target is judged on the total at the target year", () => {
    const series = (x: number) => f(0, 500, 1000, 1500, 2000, x, 9999);
    expect(judge(cumulative2500, series(2499.4), undefined, START, PERIOD_FROM).met).toBe(false);
    const j = judge(cumulative2500, series(2499.5), undefined, START, PERIOD_FROM);
    expect(j.met).toBe(true);
    expect(j.metric).toBe(2499.5);
    expect(j.value).toBe(2500);
    expect(j.margin).toBe(0);
  });

  it("in step with GDP: met when average income growth ≥ average GDP growth; margin in points", () => {
    const gdp = f(6, 6, 6, 6, 6, 6);
    const up = judge(inStep, f(6.3, 6.3, 6.3, 6.3, 6.3, 6.3), gdp, START, PERIOD_FROM);
    expect(up.met).toBe(true);
    expect(up.margin).toBeCloseTo(0.3, 12);
    const down = judge(inStep, f(6, 5.9, 5.85, 5.82, 5.81, 5.8), gdp, START, PERIOD_FROM);
    expect(down.met).toBe(false);
    expect(down.margin).toBeCloseTo(-0.2, 12);
    // At one printed decimal, 5.96 against 6.0 reads as 6.0 against 6.0: in step.
    expect(judge(inStep, f(5.96, 5.96, 5.96, 5.96, 5.96, 5.96), gdp, START, PERIOD_FROM).met).toBe(true);
    expect(judge(inStep, f(5.94, 5.94, 5.94, 5.94, 5.94, 5.94), gdp, START, PERIOD_FROM).met).toBe(false);
  });

  it("hold: met while the projection never falls below the baseline at printed precision", () => {
    const dip = judge(hold, f(80, 81, 79.4, 82, 83, 84), undefined, START, PERIOD_FROM);
    expect(dip.met).toBe(false);
    expect(dip.metric).toBe(79.4);
    expect(dip.value).toBe(79);
    expect(dip.margin).toBe(-1);
    expect(judge(hold, f(80, 80, 79.5, 81, 82, 83), undefined, START, PERIOD_FROM).met).toBe(true);
    expect(judge(hold, f(80, 80, 80, 80, 80, 80), undefined, START, PERIOD_FROM).met).toBe(true);
  });
});

describe("statusOf at the default 80 / 20 thresholds", () => {
  it("on track from 80%, off track below 20%, at risk between", () => {
    expect(DEFAULT_BANDS).toEqual({ onTrack: 80, offTrack: 20 });
    expect(statusOf(100, DEFAULT_BANDS)).toBe("on-track");
    expect(statusOf(80, DEFAULT_BANDS)).toBe("on-track");
    expect(statusOf(79.99, DEFAULT_BANDS)).toBe("at-risk");
    expect(statusOf(20, DEFAULT_BANDS)).toBe("at-risk");
    expect(statusOf(19.99, DEFAULT_BANDS)).toBe("off-track");
    expect(statusOf(0, DEFAULT_BANDS)).toBe("off-track");
  });

  it("follows bands set by the scenario", () => {
    const bands = { onTrack: 90, offTrack: 50 };
    expect(statusOf(85, bands)).toBe("at-risk");
    expect(statusOf(49, bands)).toBe("off-track");
  });
});

describe("paceOf", () => {
  it("rates move in percentage points a year from the baseline", () => {
    const p = paceOf(ge95, f(90, 91, 92, 93, 94, 94.5), undefined, START, null);
    expect(p).toEqual({
      kind: "points",
      fromYear: 2020,
      fromValue: 90,
      required: 1,
      projected: 0.9,
      ratio: expect.closeTo(0.9, 12),
    });
  });

  it('counts compound: 300 → ">500" (501) in four years needs 13.7% a year', () => {
    const proj = f(300, 336, 376.32, 421.4784, 472.055808);
    const p = paceOf(trained, proj, undefined, 2021, null);
    expect(p.kind).toBe("compound");
    // ">500" printed as integers is reached at 501.
    expect(p.required).toBeCloseTo(((501 / 300) ** (1 / 4) - 1) * 100, 9); // 13.68
    expect(p.projected).toBeCloseTo(12, 6);
  });

  it("cumulative targets need so many a year, from the baseline total", () => {
    const p = paceOf(cumulative2500, f(0, 400, 800, 1200, 1600, 2000), undefined, START, null);
    expect(p).toEqual({
      kind: "per-year",
      fromYear: 2020,
      fromValue: 0,
      required: 500,
      projected: 400,
      ratio: 0.8,
    });
  });

  it("starts from the last actual when one is given", () => {
    const proj = f(0, 400, 800, 1200, 1600, 2000);
    const p = paceOf(cumulative2500, proj, undefined, START, { year: 2023, value: 1100 });
    expect(p).toEqual({
      kind: "per-year",
      fromYear: 2023,
      fromValue: 1100,
      required: 700,
      projected: 400,
      ratio: 400 / 700,
    });
    const r = paceOf(ge95, f(90, 91, 92, 93, 94, 95), undefined, START, { year: 2023, value: 92 });
    expect(r).toEqual({
      kind: "points",
      fromYear: 2023,
      fromValue: 92,
      required: 1.5,
      projected: 1,
      ratio: 1 / 1.5,
    });
    const c = paceOf(trained, f(300, 336, 376.32, 421.4784, 472.055808), undefined, 2021, {
      year: 2023,
      value: 400,
    });
    expect(c.required).toBeCloseTo(((501 / 400) ** (1 / 2) - 1) * 100, 9);
  });

  it("in step with GDP compares growth with growth", () => {
    const p = paceOf(inStep, f(6.3, 6.3, 6.3, 6.3, 6.3, 6.2), f(6, 6, 6, 6, 6, 6.1), START, null);
    expect(p.kind).toBe("growth");
    expect(p.required).toBe(6.1);
    expect(p.projected).toBe(6.2);
  });
});

describe("anchors: re-projection through actuals", () => {
  const anchored = (ind: Indicator, series: Float64Array, actuals: { year: number; value: number }[]) => {
    const a = anchorFor(ind, actuals, START);
    if (!a) throw new Error("no anchor");
    const out = new Float64Array(series.length);
    applyAnchor(a, series, out);
    return out;
  };

  it("shifts a rate additively: through each actual, interpolated between, held after the last", () => {
    const out = anchored(ge95, f(90, 91, 92, 93, 94, 95), [
      { year: 2023, value: 92 },
      { year: 2022, value: 93 },
    ]);
    // shifts: 2020 0 (baseline), 2021 +0.5 (halfway to 2022's +1), 2022 +1, 2023 −1, held after
    expect(Array.from(out)).toEqual([90, 91.5, 93, 92, 93, 94]);
  });

  it("scales a yearly count proportionally", () => {
    const out = anchored(trained, f(300, 330, 360, 360, 420), [{ year: 2023, value: 720 }]);
    // factor 1 at 2020, 2 at 2023 (720 / 360), linear between, held after
    const expected = [300, 330 * (4 / 3), 360 * (5 / 3), 720, 840];
    expected.forEach((v, i) => {
      expect(out[i]).toBeCloseTo(v, 9);
    });
  });

  it("shifts a cumulative total additively", () => {
    const out = anchored(cumulative2500, f(0, 500, 1000, 1500, 2000, 2500), [{ year: 2021, value: 300 }]);
    expect(Array.from(out)).toEqual([0, 300, 800, 1300, 1800, 2300]);
  });

  it("keeps rates within [0, 100] and counts at or above 0", () => {
    const up = anchored(ge95, f(90, 95, 98, 99, 99.5, 99.9), [{ year: 2021, value: 99 }]);
    expect(Array.from(up)).toEqual([90, 99, 100, 100, 100, 100]);
    const down = anchored(ge95, f(10, 8, 6, 4, 2, 1), [{ year: 2021, value: 3 }]);
    expect(Array.from(down)).toEqual([10, 3, 1, 0, 0, 0]);
    const total = anchored(cumulative2500, f(0, 500, 600, 700, 800, 900), [{ year: 2021, value: 0 }]);
    expect(Math.min(...total)).toBe(0);
  });

  it("ignores actuals outside (baseline, target year]", () => {
    expect(anchorFor(ge95, [{ year: 2020, value: 50 }], START)).toBeNull();
    expect(anchorFor(ge95, [{ year: 2026, value: 50 }], START)).toBeNull();
  });

  const caseArb = fc
    .record({
      ind: fc.constantFrom(ge95, trained, cumulative2500, annual1600),
      series: fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 6, maxLength: 6 }),
      years: fc.uniqueArray(fc.integer({ min: 2021, max: 2025 }), { minLength: 1, maxLength: 5 }),
      values: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 5, maxLength: 5 }),
    })
    .map(({ ind, series, years, values }) => {
      const isRate = ind.unit === "percent";
      const scale = isRate ? 1e-4 : 1e-2; // rates within 0–100, counts to two decimals
      return {
        ind,
        series: Float64Array.from(series, (v) => v * scale),
        actuals: years.map((year, i) => ({ year, value: values[i]! * scale })),
      };
    });

  it("property: the anchored path passes through every actual, is unchanged at the baseline, and holds the last shift", () => {
    fc.assert(
      fc.property(caseArb, ({ ind, series, actuals }) => {
        const out = anchored(ind, series, actuals);
        expect(out[0]).toBe(series[0]);
        for (const a of actuals) {
          const got = out[a.year - START]!;
          // Exact: prints as the actual at any precision (m + (a − m) and m · (a / m) may differ in the last bit).
          expect(Math.abs(got - a.value)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(a.value)));
        }
        const last = Math.max(...actuals.map((a) => a.year)) - START;
        const multiplicative = ind.unit !== "percent" && ind.measure !== "cumulative";
        for (let i = last + 1; i < series.length; i++) {
          const expected = multiplicative
            ? series[i]! * (out[last]! / series[last]!)
            : series[i]! + (out[last]! - series[last]!);
          const clamped =
            ind.unit === "percent" ? Math.min(Math.max(expected, 0), 100) : Math.max(expected, 0);
          expect(out[i]).toBeCloseTo(clamped, 6);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
