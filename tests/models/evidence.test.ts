import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkEvidenceIds, type EvidenceFile, parseEvidence } from "../../models/evidence.ts";
import { formatIssue, type InputIssue } from "../../models/validation.ts";
import { expectOk } from "../expect-result.ts";

const FILE = "scenarios/evidence/t.json";

/** A small valid evidence file; each test breaks one rule. */
const good = (): Record<string, unknown> => ({
  schemaVersion: 1,
  id: "t",
  title: { zh: "测试", en: "test" },
  sources: {
    plan: { title: "某区规划", publisher: "某区人民政府", year: 2021, location: "一、（一）" },
    web: {
      title: "A page",
      publisher: "Somebody",
      year: 2024,
      url: "https://example.org/page",
      retrieved: "2026-11-30",
    },
  },
  series: [
    {
      id: "rate",
      label: { zh: "覆盖率", en: "coverage" },
      unit: "percent",
      place: { zh: "某区", en: "a district" },
      level: "district",
      measure: "level",
      points: [
        { year: 2020, value: 85, source: "plan" },
        { year: 2021, value: 90, bound: "lower", printed: ">90", source: "plan" },
      ],
    },
    {
      id: "retrofits",
      label: { zh: "改造", en: "retrofits" },
      unit: "households",
      place: { zh: "某区", en: "a district" },
      level: "district",
      measure: "cumulative",
      span: { from: 2016, to: 2020 },
      points: [{ year: 2020, value: 488, source: "web" }],
    },
  ],
});

type Json = Record<string, unknown>;
const series = (f: Json, i: number) => (f.series as Json[])[i]!;
const points = (f: Json, i: number) => series(f, i).points as Json[];

function issues(input: unknown, file = FILE): InputIssue[] {
  const r = parseEvidence(input, file);
  if (r.ok) throw new Error("expected the file to be rejected");
  return r.error;
}

/** The one issue at `path`, checked to be bilingual and to name the file. */
function issueAt(input: unknown, path: string): InputIssue {
  const all = issues(input);
  const hit = all.find((i) => i.path === path);
  if (!hit) throw new Error(`no issue at ${path}; got ${all.map((i) => formatIssue(i, "en")).join("; ")}`);
  expect(hit.file).toBe(FILE);
  expect(hit.message.zh).not.toBe("");
  expect(hit.message.en).not.toBe("");
  expect(hit.message.zh).not.toBe(hit.message.en);
  return hit;
}

describe("parseEvidence", () => {
  it("accepts a well-formed file", () => {
    const r = parseEvidence(good(), FILE);
    expect(expectOk(r).series.map((s) => s.id)).toEqual(["rate", "retrofits"]);
  });

  it("rejects a point citing a source that is not listed", () => {
    const f = good();
    points(f, 0)[1]!.source = "nowhere";
    const i = issueAt(f, "series[0].points[1].source");
    expect(i.message.en).toContain('"nowhere"');
    expect(formatIssue(i, "zh-CN")).toMatch(
      /^scenarios\/evidence\/t\.json › series\[0\]\.points\[1\]\.source: /,
    );
  });

  it("rejects a source no point cites", () => {
    const f = good();
    (f.sources as Json).spare = { title: "x", publisher: "y", year: 2020 };
    expect(issueAt(f, "sources.spare").message.en).toContain("cited by no point");
  });

  it("rejects a year that is not a whole number or outside 1949–2100", () => {
    for (const year of [2020.5, 1948, 2101]) {
      const f = good();
      points(f, 0)[0]!.year = year;
      issueAt(f, "series[0].points[0].year");
    }
  });

  it("rejects a value that is not a finite number", () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, "85"]) {
      const f = good();
      points(f, 0)[0]!.value = value;
      issueAt(f, "series[0].points[0].value");
    }
  });

  it("rejects a unit outside the fixed list and says which are allowed", () => {
    const f = good();
    series(f, 0).unit = "万人";
    expect(issueAt(f, "series[0].unit").message.en).toContain('"people"');
  });

  it("rejects a repeated series id", () => {
    const f = good();
    series(f, 1).id = "rate";
    expect(issueAt(f, "series[1].id").message.en).toContain("series[0]");
  });

  it("rejects points out of year order and a repeated year", () => {
    const f = good();
    points(f, 0).reverse();
    expect(issueAt(f, "series[0].points[1].year").message.en).toContain("increasing year order");
    const g = good();
    points(g, 0)[1]!.year = 2020;
    expect(issueAt(g, "series[0].points[1].year").message.zh).toContain("重复");
  });

  it("requires a span on a cumulative or average series, and points inside it", () => {
    const f = good();
    delete series(f, 1).span;
    expect(issueAt(f, "series[1].span").message.en).toContain("cumulative series needs a span");
    const g = good();
    points(g, 1)[0]!.year = 2021;
    issueAt(g, "series[1].points[0].year");
    const h = good();
    series(h, 1).span = { from: 2020, to: 2016 };
    issueAt(h, "series[1].span");
  });

  it("rejects a percentage level outside 0–100 and a negative count", () => {
    const f = good();
    points(f, 0)[0]!.value = 101;
    issueAt(f, "series[0].points[0].value");
    const g = good();
    points(g, 1)[0]!.value = -1;
    issueAt(g, "series[1].points[0].value");
  });

  it("rejects a url without the date it was read, and a date outside the point's year", () => {
    const f = good();
    delete ((f.sources as Json).web as Json).retrieved;
    issueAt(f, "sources.web.retrieved");
    const g = good();
    points(g, 0)[0]!.asOf = "2021-06";
    issueAt(g, "series[0].points[0].asOf");
  });

  it("rejects unknown fields and an id that differs from the file name", () => {
    const f = good();
    points(f, 0)[0]!.valeu = 3;
    expect(issueAt(f, "series[0].points[0]").message.en).toContain('"valeu"');
    const r = parseEvidence(good(), "scenarios/evidence/other-name.json");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]!.path).toBe("id");
  });

  it("finds series ids repeated across files", () => {
    const r = parseEvidence(good(), FILE);
    if (!r.ok) throw new Error("fixture should parse");
    const dup = checkEvidenceIds([
      { file: "a.json", evidence: r.value },
      { file: "b.json", evidence: r.value },
    ]);
    expect(dup.map((i) => `${i.file} ${i.path}`)).toEqual(["b.json series[0].id", "b.json series[1].id"]);
  });
});

describe("the repository's scenarios/evidence/ folder", () => {
  const DIR = join(import.meta.dirname, "../../scenarios/evidence");
  const names = readdirSync(DIR)
    .filter((f) => f.endsWith(".json"))
    .sort();
  const problems: InputIssue[] = [];
  const parsed: { file: string; evidence: EvidenceFile }[] = [];
  for (const name of names) {
    const file = `scenarios/evidence/${name}`;
    const r = parseEvidence(JSON.parse(readFileSync(join(DIR, name), "utf8")), file);
    if (r.ok) parsed.push({ file, evidence: r.value });
    else problems.push(...r.error);
  }

  it("holds evidence files, each parsing cleanly", () => {
    expect(names.length).toBeGreaterThan(0);
    expect(problems.map((i) => formatIssue(i, "en"))).toEqual([]);
  });

  it("cites an existing source at every point, with the date read beside every address", () => {
    for (const { evidence } of parsed) {
      for (const s of evidence.series) {
        for (const p of s.points) expect(Object.keys(evidence.sources)).toContain(p.source);
      }
      for (const src of Object.values(evidence.sources)) {
        if (src.url !== undefined) expect(src.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it("uses every series id once across all files", () => {
    expect(checkEvidenceIds(parsed)).toEqual([]);
  });
});
