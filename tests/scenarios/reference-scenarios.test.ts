import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EvidenceFile, EvidenceSeries } from "../../models/evidence.ts";
import type { Library } from "../../models/library.ts";
import { type Provenance, resolveScenario, type ScenarioFile } from "../../models/scenario.ts";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";

/**
 * What the defaults rest on, checked against the evidence they cite: every `trend` names observed series
 * that exist, a `flat` fit rests on equal observations, an `average` fit on a total over a span.
 */

const lib: Library = loadRepositoryLibrary();
const scenarios = [...lib.scenarios.values()];
const DIR = join(import.meta.dirname, "../../scenarios/evidence");
const series = new Map<string, EvidenceSeries>();
for (const f of readdirSync(DIR).filter((x) => x.endsWith(".json"))) {
  const e = JSON.parse(readFileSync(join(DIR, f), "utf8")) as EvidenceFile;
  for (const s of e.series) series.set(`${e.id}#${s.id}`, s);
}

/** Every provenance a scenario file states: its assumptions' and its overrides'. */
function provenances(s: ScenarioFile): [string, Provenance][] {
  return [
    ...Object.entries(s.assumptions ?? {}).map(([k, a]) => [k, a.provenance] as [string, Provenance]),
    ...Object.entries(s.overrides ?? {})
      .filter(([, o]) => o.provenance)
      .map(([k, o]) => [k, o.provenance!] as [string, Provenance]),
  ];
}

describe.each(scenarios.map((s) => [s.id, s] as const))("scenario %s: trends cite real evidence", (_, s) => {
  it("every trend names existing evidence series, and its fit suits them", () => {
    for (const [k, p] of provenances(s)) {
      if (p.kind !== "trend") continue;
      for (const ref of p.evidence!) {
        const ser = series.get(ref);
        expect(ser, `${k}: ${ref}`).toBeDefined();
        if (!ser) continue;
        if (p.fit === "flat") {
          // Flat over the latest observations (an earlier rise may precede the plateau).
          const last = ser.points.slice(-2).map((x) => x.value);
          expect(new Set(last).size, `${k}: ${ref} is not flat at its end`).toBe(1);
        }
        // An average is of a total over a span, or the mean of two or more observations.
        if (p.fit === "average")
          expect(ser.measure === "cumulative" || ser.points.length >= 2, `${k}: ${ref}`).toBe(true);
      }
    }
  });
});

const huyi = scenarios.filter((s) => s.planId === "huyi-2021-2025");

describe("Huyi's defaults", () => {
  const base = lib.scenarios.get("huyi-baseline")!;
  const a = base.assumptions!;

  it("cite public sources a person can read, not files of this repository", () => {
    for (const s of huyi) {
      for (const [k, p] of provenances(s)) {
        const text = `${p.source} ${p.note?.en ?? ""} ${p.note?.zh ?? ""}`;
        expect(text, `${s.id} ${k}`).not.toMatch(/DOMAIN-NOTES|SEEDS-GUIDE|shared\/|seeds\/|\.md\b/);
      }
    }
  });

  it("rest on the observed trend, not the plan's pace, wherever one was observed", () => {
    // Assistive-device fitting was 85% in 2020 and 85% in 2021: flat, so capacity only keeps pace with
    // need (certified disabled people grow ≈3.3% a year: 85 × 0.137 / 4 ≈ 2.9 points of 2021 need a year).
    expect(a["assistive.addPP"]!.provenance).toMatchObject({ kind: "trend", fit: "flat" });
    expect(a["assistive.addPP"]!.value).toBeGreaterThan(2.5);
    expect(a["assistive.addPP"]!.value).toBeLessThan(3.3);
    // The 13th plan's 488 retrofits over 2016–20.
    expect(a["retrofit.capacity1"]!.provenance).toMatchObject({ kind: "trend", fit: "average" });
    expect(a["retrofit.capacity1"]!.value).toBeCloseTo(488 / 5, 0);
    // Training: not the plan's 13.6% a year.
    expect(a["training.growth"]!.value).toBeLessThan(5);
    // No observed trend in newborn screening: the plan's pace, and said so.
    for (const k of ["metabolicScreening.addPP", "hearingScreening.addPP"])
      expect(a[k]!.provenance.kind, k).toBe("plan");
  });

  it("the plan's-own-pace scenario labels every override `plan` and gives its reason", () => {
    const s = lib.scenarios.get("huyi-plan-pace")!;
    const o = Object.entries(s.overrides!);
    expect(o.length).toBeGreaterThan(15);
    for (const [k, v] of o) {
      expect(v.provenance?.kind, k).toBe("plan");
      expect(v.reason?.en.length, k).toBeGreaterThan(0);
      expect(v.reason?.zh.length, k).toBeGreaterThan(0);
    }
    // Every assumption the baseline labels `plan` is a lever of this scenario.
    for (const [k, x] of Object.entries(a))
      if (x.provenance.kind === "plan") expect(s.overrides, k).toHaveProperty(k);
  });

  it("the persistence scenario is for teaching and labels every override a persistence estimate", () => {
    const s = lib.scenarios.get("huyi-persistence")!;
    expect(s.teaching).toBe(true);
    const r = resolveScenario(s, lib.scenarios, "x");
    if (!r.ok) throw new Error("does not resolve");
    for (const [k, v] of Object.entries(s.overrides!)) {
      expect(v.provenance?.kind, k).toBe("estimate");
      expect(`${v.provenance?.source} ${v.provenance?.note?.en}`, k).toMatch(/persistence/i);
      expect(v.reason?.en.length, k).toBeGreaterThan(0);
    }
  });
});
