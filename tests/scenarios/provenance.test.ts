import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type EvidenceFile, parseEvidence } from "../../models/evidence.ts";
import type { Provenance } from "../../models/scenario.ts";
import { sourceText } from "../../models/text.ts";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";

/**
 * What every default rests on can be checked: a `trend` names observed series that exist and hold
 * enough observations for its fit; no source cites something that lives only in the code repository.
 */

const ROOT = join(import.meta.dirname, "../..");
const EVIDENCE_DIR = join(ROOT, "scenarios/evidence");

const evidence = new Map<string, EvidenceFile>();
for (const f of readdirSync(EVIDENCE_DIR).filter((n) => n.endsWith(".json"))) {
  const r = parseEvidence(JSON.parse(readFileSync(join(EVIDENCE_DIR, f), "utf8")), `scenarios/evidence/${f}`);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  evidence.set(r.value.id, r.value);
}

const lib = loadRepositoryLibrary();

/** Every provenance in the scenario files: each baseline assumption's and each override's that has one. */
function provenances(): { where: string; p: Provenance }[] {
  const out: { where: string; p: Provenance }[] = [];
  for (const s of lib.scenarios.values()) {
    for (const [k, a] of Object.entries(s.assumptions ?? {}))
      out.push({ where: `${s.id}: ${k}`, p: a.provenance });
    for (const [k, o] of Object.entries(s.overrides ?? {}))
      if (o.provenance) out.push({ where: `${s.id}: overrides.${k}`, p: o.provenance });
  }
  return out;
}

/** Problems with one provenance, as readable lines (empty when it is sound). */
function problems(p: Provenance): string[] {
  const out: string[] = [];
  const texts = [sourceText(p, "en"), sourceText(p, "zh-CN"), p.note?.en ?? "", p.note?.zh ?? ""];
  if (/shared\/|DOMAIN-NOTES|\.md\b/.test(texts.join(" ")))
    out.push("cites a file of the code repository, which readers of the plan cannot see");
  if (p.kind !== "trend") return out;
  let observations = 0;
  let spans = 0;
  for (const ref of p.evidence ?? []) {
    const [file, series] = ref.split("#") as [string, string];
    const s = evidence.get(file)?.series.find((x) => x.id === series);
    if (!s) {
      out.push(`evidence ${ref} does not exist`);
      continue;
    }
    observations += s.points.length;
    if (s.measure === "cumulative" || s.measure === "average") spans += s.points.length;
  }
  // A trend is fitted to two or more observed points; a per-year average of a total observed over a span
  // of years is one observation covering several, so an `average` may rest on it alone.
  if (p.fit === "average" ? spans < 1 && observations < 2 : observations < 2)
    out.push(
      `a ${p.fit} trend needs ${p.fit === "average" ? "a total over a span or two or more points" : "two or more points"}`,
    );
  return out;
}

describe("provenance of every default", () => {
  it("every trend rests on observed series that exist, with enough observations for its fit", () => {
    const bad = provenances().flatMap(({ where, p }) => problems(p).map((m) => `${where}: ${m}`));
    expect(bad).toEqual([]);
  });

  it("the check can fail: a missing series, one point and a repository citation are caught", () => {
    expect(problems({ kind: "trend", source: "x", fit: "points", evidence: ["nope#nothing"] })).toContain(
      "evidence nope#nothing does not exist",
    );
    const [file, ev] = [...evidence.entries()][0]!;
    const one = ev.series.find((s) => s.points.length === 1 && s.measure === "level");
    if (one)
      expect(
        problems({ kind: "trend", source: "x", fit: "points", evidence: [`${file}#${one.id}`] }),
      ).toHaveLength(1);
    expect(problems({ kind: "estimate", source: "derived in shared/DOMAIN-NOTES.md" })).toHaveLength(1);
  });

  it("both baselines rest on evidence where any exists: some trend or published defaults in each", () => {
    for (const id of ["jiaxing-baseline", "huyi-baseline"]) {
      const kinds = Object.values(lib.scenarios.get(id)!.assumptions!).map((a) => a.provenance.kind);
      expect(kinds.filter((k) => k === "trend" || k === "published").length, id).toBeGreaterThan(5);
    }
  });
});
