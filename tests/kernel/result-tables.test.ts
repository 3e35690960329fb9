import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Evaluation, evaluate } from "../../models/engine.ts";
import { projectedText, projectedTextOf } from "../../src/components/shared/verdict.tsx";
import { formatNumber } from "../../src/kernel/format.ts";
import { runModelFor } from "../../src/kernel/library.ts";
import {
  comparisonTable,
  recordsTable,
  TORNADO_ROWS,
  tornadoTable,
  trajectoryTable,
  verdictTable,
} from "../../src/kernel/result-tables.ts";
import { worldFor } from "../../src/kernel/runner.ts";
import { projectedValue, shownAt, shownProbability } from "../../src/kernel/shown-values.ts";
import { BASELINE, PLAN_ID, TEACHING, tinyLibrary } from "./fixtures/tiny.ts";

const lib = tinyLibrary();
const plan = lib.plans.get(PLAN_ID)!;
function run(id: string, samples: number): Evaluation {
  const m = runModelFor(lib, id);
  if (!m.ok) throw new Error("no model");
  const w = worldFor(m.value);
  if (!w.ok) throw new Error("no world");
  return evaluate(w.value, {
    samples,
    seed: 5,
    sampling: "lhs",
    bands: m.value.bands,
    actuals: m.value.actuals,
  });
}

describe("results as Arquero tables", () => {
  it("wraps an indicator's typed arrays as trajectory columns, copying nothing", () => {
    const ev = run(BASELINE, 50);
    const r = ev.indicators[0]!;
    const t = trajectoryTable(ev, r.id)!;
    expect(t.columnNames()).toEqual(["year", "projection", "p05", "p25", "p50", "p75", "p95"]);
    expect(t.numRows()).toBe(ev.years.length);
    expect(t.column("projection")).toBe(r.projection);
    expect(t.column("p95")).toBe(r.quantiles![4]);
    expect(t.column("year")).toBe(ev.years);
    expect(trajectoryTable(ev, "no-such")).toBeUndefined();
  });

  it("has no quantile columns without samples", () => {
    const ev = run(BASELINE, 0);
    expect(trajectoryTable(ev, ev.indicators[0]!.id)!.columnNames()).toEqual(["year", "projection"]);
  });

  it("gives one verdict row per indicator, as the evaluation judged it", () => {
    const ev = run(BASELINE, 50);
    const t = verdictTable(ev, plan);
    expect(t.numRows()).toBe(ev.indicators.length);
    ev.indicators.forEach((r, i) => {
      expect(t.get("id", i)).toBe(r.id);
      expect(t.get("met", i)).toBe(r.judgement.met);
      expect(t.get("margin", i)).toBe(r.judgement.margin);
      expect(t.get("probability", i)).toBe(r.probability);
    });
  });

  it("sets scenarios side by side and marks the verdicts that differ from the first", () => {
    const a = run(BASELINE, 0);
    const b = run(TEACHING, 0);
    const t = comparisonTable(plan, [
      { id: BASELINE, evaluation: a },
      { id: TEACHING, evaluation: b },
    ]);
    expect(t.columnNames()).toEqual([
      "id",
      "planIndex",
      "differs",
      `value:${BASELINE}`,
      `met:${BASELINE}`,
      `probability:${BASELINE}`,
      `value:${TEACHING}`,
      `met:${TEACHING}`,
      `probability:${TEACHING}`,
      `valueDiff:${TEACHING}`,
      `probabilityDiff:${TEACHING}`,
      `differs:${TEACHING}`,
    ]);
    for (let i = 0; i < t.numRows(); i++) {
      const id = t.get("id", i) as string;
      const ra = a.indicators.find((r) => r.id === id)!;
      const rb = b.indicators.find((r) => r.id === id)!;
      expect(t.get("differs", i)).toBe(ra.judgement.met !== rb.judgement.met);
      // Without samples there is no probability, so no probability difference.
      expect(t.get(`probabilityDiff:${TEACHING}`, i)).toBeNull();
    }
  });
});

/** An evaluation with one indicator's verdict replaced: a literal outcome to compare. */
function withVerdict(
  ev: Evaluation,
  id: string,
  v: { value: number; met: boolean; probability: number | null },
): Evaluation {
  return {
    ...ev,
    indicators: ev.indicators.map((r) =>
      r.id === id
        ? { ...r, judgement: { ...r.judgement, value: v.value, met: v.met }, probability: v.probability }
        : r,
    ),
  };
}

describe("the comparison table's numbers are the shown ones", () => {
  const RATE = "ty-t01-rehab-coverage"; // percent, printed at whole percents
  const PEOPLE = "ty-t02-trained-people"; // people, whole
  const base = run(BASELINE, 0);
  const first = withVerdict(withVerdict(base, RATE, { value: 85, met: false, probability: 30.4 }), PEOPLE, {
    value: 450,
    met: false,
    probability: 10,
  });
  const second = withVerdict(withVerdict(base, RATE, { value: 85, met: false, probability: 29.6 }), PEOPLE, {
    value: 520,
    met: true,
    probability: 62.6,
  });
  const third = withVerdict(withVerdict(base, RATE, { value: 91, met: true, probability: 99.7 }), PEOPLE, {
    value: 430,
    met: false,
    probability: 0.3,
  });
  const t = comparisonTable(plan, [
    { id: "a", evaluation: first },
    { id: "b", evaluation: second },
    { id: "c", evaluation: third },
  ]);
  const row = (id: string) =>
    Array.from({ length: t.numRows() }, (_, i) => i).find((i) => t.get("id", i) === id)!;

  it("puts the indicators whose verdict differs first, then the plan's order", () => {
    expect(t.get("id", 0)).toBe(RATE);
    expect(t.get("differs", 0)).toBe(true);
    expect(t.get("id", 1)).toBe(PEOPLE);
    // Only "b" differs from "a" on the count; "c" differs on the rate: both rows differ, plan order.
    expect(t.get(`differs:b`, row(PEOPLE))).toBe(true);
    expect(t.get(`differs:c`, row(PEOPLE))).toBe(false);
    expect(t.get(`differs:b`, row(RATE))).toBe(false);
    expect(t.get(`differs:c`, row(RATE))).toBe(true);
    // A comparison in which only the second indicator differs puts it before the first.
    const two = comparisonTable(plan, [
      { id: "a", evaluation: first },
      { id: "b", evaluation: second },
    ]);
    expect([two.get("id", 0), two.get("id", 1)]).toEqual([PEOPLE, RATE]);
    expect([two.get("planIndex", 0), two.get("planIndex", 1)]).toEqual([1, 0]);
    expect([two.get("differs", 0), two.get("differs", 1)]).toEqual([true, false]);
  });

  it("gives each difference against the first in the unit, and probabilities in points from whole percents", () => {
    expect(t.get("valueDiff:b", row(PEOPLE))).toBe(70);
    expect(t.get("valueDiff:c", row(PEOPLE))).toBe(-20);
    expect(t.get("valueDiff:c", row(RATE))).toBe(6);
    // 62.6% is shown 63%, 10% is 10%: 53 points.
    expect(t.get("probabilityDiff:b", row(PEOPLE))).toBe(53);
    // 0.3% is shown "<1%" and kept as 1, 99.7% as ">99%" kept as 99: never a false certainty.
    expect(t.get("probability:c", row(PEOPLE))).toBe(1);
    expect(t.get("probability:c", row(RATE))).toBe(99);
    expect(t.get("probabilityDiff:c", row(RATE))).toBe(69);
  });

  it("writes no difference as 0, never −0", () => {
    // 85 against 85, and 30.4% against 29.6% (both shown 30%).
    expect(Object.is(t.get("valueDiff:b", row(RATE)), 0)).toBe(true);
    expect(Object.is(t.get("probabilityDiff:b", row(RATE)), 0)).toBe(true);
  });
});

describe("shown values", () => {
  it("rounds a probability as it is written, keeping 0 < p < 100 strictly inside", () => {
    expect([0, 0.3, 0.5, 49.5, 99.4, 99.7, 100].map(shownProbability)).toEqual([0, 1, 1, 50, 99, 99, 100]);
    expect(shownProbability(null)).toBeNull();
  });

  it("is the number the formatter writes, at any precision (property, seed 21)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 3 }), (v, d) => {
        const shown = shownAt(v, d);
        expect(formatNumber(shown, "en", d)).toBe(formatNumber(v, "en", d));
        expect(Object.is(shown, -0)).toBe(false);
      }),
      { seed: 21, numRuns: 500 },
    );
  });

  it("is the projected value the dashboard writes", () => {
    const rate = "ty-t01-rehab-coverage";
    const r = run(BASELINE, 0).indicators.find((x) => x.id === rate)!;
    const ind = plan.indicators.find((x) => x.id === rate)!;
    const half = { ...r, judgement: { ...r.judgement, value: 90.5 } };
    expect(projectedValue(ind, half)).toBe(91);
    expect(projectedText(ind, half, "en")).toBe("91%");
  });

  it("holds in the verdict table the numbers the projected value is written from, one text either way", () => {
    for (const samples of [0, 50]) {
      const ev = run(BASELINE, samples);
      const t = verdictTable(ev, plan);
      ev.indicators.forEach((r, row) => {
        const ind = plan.indicators.find((x) => x.id === r.id)!;
        const numbers = {
          value: t.get("value", row) as number,
          against: t.get("against", row) as number | null,
          judgedYear: t.get("judgedYear", row) as number,
        };
        expect(numbers.against).toBeNull();
        expect(projectedTextOf(ind, numbers, "en")).toBe(projectedText(ind, r, "en"));
        expect(projectedTextOf(ind, numbers, "zh-CN")).toBe(projectedText(ind, r, "zh-CN"));
      });
    }
  });

  it("writes an in-step target's projected growth beside the series it follows, from the table's against", () => {
    const ev = run(BASELINE, 0);
    const r0 = ev.indicators[0]!;
    const base = plan.indicators.find((x) => x.id === r0.id)!;
    const ind = {
      ...base,
      unit: "growth-rate" as const,
      precision: 1,
      target: {
        kind: "in-step-with" as const,
        series: "gdp-growth",
        year: base.target.year,
        printed: "同步",
      },
    } as unknown as typeof base;
    const against = Float64Array.from(ev.years, () => 5.6);
    const r = { ...r0, against, judgement: { ...r0.judgement, value: 0.44 } };
    const inStepPlan = { ...plan, indicators: plan.indicators.map((x) => (x.id === ind.id ? ind : x)) };
    const t = verdictTable({ ...ev, indicators: [r] }, inStepPlan);
    expect(t.get("against", 0)).toBe(5.6);
    const numbers = { value: 0.44, against: 5.6, judgedYear: ind.target.year };
    expect(projectedTextOf(ind, numbers, "en")).toBe("6.0% (GDP 5.6%)");
    expect(projectedTextOf(ind, numbers, "en")).toBe(projectedText(ind, r, "en"));
  });

  it("lists a tornado's assumptions that move the margin, largest swing first, at most TORNADO_ROWS", () => {
    const bar = (id: string, swing: number) => ({
      assumptionId: id,
      low: { value: 1, margin: -swing / 2 },
      high: { value: 2, margin: swing / 2 },
      swing,
    });
    const bars = [
      bar("a", 5),
      bar("flat", 0),
      ...Array.from({ length: 14 }, (_, i) => bar(`b${i}`, 4 - i / 10)),
    ];
    const t = tornadoTable({ indicatorId: "x", baseMargin: 0, bars });
    expect(t.columnNames()).toEqual([
      "assumptionId",
      "lowValue",
      "lowMargin",
      "highValue",
      "highMargin",
      "swing",
    ]);
    expect(t.numRows()).toBe(TORNADO_ROWS);
    expect(t.get("assumptionId", 0)).toBe("a");
    expect(t.get("assumptionId", 1)).toBe("b0");
    expect([t.get("lowMargin", 0), t.get("highMargin", 0), t.get("swing", 0)]).toEqual([-2.5, 2.5, 5]);
    expect(Array.from({ length: t.numRows() }, (_, i) => t.get("assumptionId", i))).not.toContain("flat");
    expect(tornadoTable({ indicatorId: "x", baseMargin: 0, bars: [bar("flat", 0)] }).numRows()).toBe(0);
  });

  it("makes a table of records with the fields asked for, a row each, values as they are", () => {
    const rows = [
      { indicatorId: "a", year: 2022, value: 1.5, note: "x" },
      { indicatorId: "b", year: 2023, value: Number.NaN, note: "y" },
    ];
    const t = recordsTable(rows, ["indicatorId", "year", "value"]);
    expect(t.columnNames()).toEqual(["indicatorId", "year", "value"]);
    expect(t.numRows()).toBe(2);
    expect([t.get("indicatorId", 1), t.get("year", 1)]).toEqual(["b", 2023]);
    expect(t.get("value", 1)).toBeNaN();
    expect(recordsTable([{ from: null }], ["from"]).get("from", 0)).toBeNull();
    expect(recordsTable([] as { a: number }[], ["a"]).numRows()).toBe(0);
  });
});
