import { describe, expect, it } from "vitest";
import { type Evaluation, evaluate } from "../../models/engine.ts";
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
import { BASELINE, TEACHING, tinyLibrary } from "./fixtures/tiny.ts";

const lib = tinyLibrary();
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
    const t = verdictTable(ev);
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
    const t = comparisonTable([
      { id: BASELINE, evaluation: a },
      { id: TEACHING, evaluation: b },
    ]);
    expect(t.columnNames()).toEqual([
      "id",
      `met:${BASELINE}`,
      `probability:${BASELINE}`,
      `met:${TEACHING}`,
      `probability:${TEACHING}`,
      "differs",
    ]);
    a.indicators.forEach((r, i) => {
      expect(t.get("differs", i)).toBe(r.judgement.met !== b.indicators[i]!.judgement.met);
    });
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
