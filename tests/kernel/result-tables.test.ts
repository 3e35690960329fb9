import { describe, expect, it } from "vitest";
import { type Evaluation, evaluate } from "../../models/engine.ts";
import { runModelFor } from "../../src/kernel/library.ts";
import { comparisonTable, trajectoryTable, verdictTable } from "../../src/kernel/result-tables.ts";
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
});
