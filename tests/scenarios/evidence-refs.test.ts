import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type EvidenceFile, parseEvidence } from "../../models/evidence.ts";
import { resolveScenario } from "../../models/scenario.ts";
import { sourceText } from "../../models/text.ts";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";

/**
 * What a default rests on must be findable: every `trend` names observed series that exist under
 * scenarios/evidence/, and a scenario's sources cite public material, not files of this repository.
 */

const lib = loadRepositoryLibrary();
const DIR = join(import.meta.dirname, "../../scenarios/evidence");
const series = new Map<string, EvidenceFile["series"][number]>();
for (const name of readdirSync(DIR).filter((f) => f.endsWith(".json"))) {
  const r = parseEvidence(JSON.parse(readFileSync(join(DIR, name), "utf8")), `scenarios/evidence/${name}`);
  if (!r.ok) continue; // reported by tests/models/evidence.test.ts
  for (const s of r.value.series) series.set(`${r.value.id}#${s.id}`, s);
}

const resolved = [...lib.scenarios.values()].map((s) => {
  const r = resolveScenario(s, lib.scenarios, s.id);
  if (!r.ok) throw new Error(`${s.id} does not resolve`);
  return r.value;
});

describe.each(resolved.map((s) => [s.id, s] as const))("scenario %s", (_, s) => {
  it("every trend names evidence series that exist, and a fit", () => {
    const missing: string[] = [];
    for (const [id, a] of Object.entries(s.assumptions)) {
      const p = a.provenance;
      if (p.kind !== "trend") continue;
      expect(p.fit, id).toBeDefined();
      for (const ref of p.evidence ?? []) if (!series.has(ref)) missing.push(`${id}: ${ref}`);
    }
    expect(missing).toEqual([]);
  });
});

describe("Jiaxing scenarios", () => {
  const jiaxing = resolved.filter((s) => s.planId === "jiaxing-2021-2025");

  it("cite public sources, never this repository's own notes", () => {
    const cites = (text: string) => /DOMAIN-NOTES|shared\/|\.md\b|\.ts\b/.test(text);
    const bad: string[] = [];
    for (const s of jiaxing) {
      for (const [id, a] of Object.entries(s.assumptions)) {
        const p = a.provenance;
        if (cites(`${p.source} ${p.note?.en ?? ""} ${p.note?.zh ?? ""}`)) bad.push(`${s.id} ${id}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("the baseline rests on evidence where it can: trends and published figures, the plan's pace labelled", () => {
    const base = jiaxing.find((s) => s.id === "jiaxing-baseline")!;
    const kinds = Object.values(base.assumptions).map((a) => a.provenance.kind);
    expect(kinds.filter((k) => k === "trend").length).toBeGreaterThan(0);
    expect(kinds.filter((k) => k === "plan").length).toBeGreaterThan(0);
    // The retrofit capacity is Tongxiang's observed pace scaled, not the 500 a year the plan needs.
    expect(base.assumptions["retrofit.capacity1"]!.provenance.kind).toBe("trend");
    expect(base.assumptions["retrofit.capacity1"]!.value).not.toBe(500);
  });

  it("the plan's-own-pace scenario labels every lever it sets as the plan's pace, with a reason", () => {
    const file = lib.scenarios.get("jiaxing-plan-pace")!;
    const overrides = Object.entries(file.overrides ?? {});
    expect(overrides.length).toBeGreaterThan(20);
    for (const [id, o] of overrides) {
      expect(o.provenance?.kind, id).toBe("plan");
      expect(o.reason?.en.length, id).toBeGreaterThan(0);
    }
  });

  it("the persistence scenario is a teaching scenario whose overrides say so", () => {
    const file = lib.scenarios.get("jiaxing-persistence")!;
    expect(file.teaching).toBe(true);
    for (const [id, o] of Object.entries(file.overrides ?? {})) {
      expect(o.provenance?.kind, id).toBe("estimate");
      expect(sourceText(o.provenance!, "en"), id).toMatch(/^Persistence: /);
      expect(sourceText(o.provenance!, "zh-CN"), id).toMatch(/^延续现状：/);
      expect(o.reason?.zh.length, id).toBeGreaterThan(0);
    }
  });
});
