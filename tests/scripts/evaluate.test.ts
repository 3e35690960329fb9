import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");

async function evaluate(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("node", ["--import", "tsx", "scripts/evaluate.ts", ...args], {
      cwd: ROOT,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

interface Json {
  results: { planId: string; indicators: Record<string, unknown>[] }[];
  errors: { file: string; path: string }[];
}

describe("npm run evaluate", () => {
  it("gives every indicator of both plans a verdict and a probability, the same bytes for the same seed", async () => {
    const args = [
      "scenarios/jiaxing-baseline.json",
      "scenarios/huyi-baseline.json",
      "--json",
      "--samples",
      "300",
      "--seed",
      "7",
    ];
    const [a, b] = await Promise.all([evaluate(args), evaluate(args)]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const doc = JSON.parse(a.stdout) as Json;
    expect(doc.results.map((r) => r.planId)).toEqual(["jiaxing-2021-2025", "huyi-2021-2025"]);
    expect(doc.results[0]!.indicators).toHaveLength(39);
    expect(doc.results[1]!.indicators).toHaveLength(28);
    for (const r of doc.results) {
      for (const ind of r.indicators) {
        for (const key of [
          "id",
          "printedNumber",
          "projected",
          "met",
          "probability",
          "p05",
          "p50",
          "p95",
          "pace",
        ]) {
          expect(ind).toHaveProperty(key);
        }
        expect(typeof ind.probability).toBe("number");
      }
    }
    const other = await evaluate([...args.slice(0, -1), "8"]);
    expect(other.stdout).not.toBe(a.stdout);
  }, 60_000);

  it("prints a readable table in Chinese with printed row numbers", async () => {
    const out = await evaluate(["scenarios/huyi-baseline.json", "--samples", "100", "--lang", "zh-CN"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("西安市鄠邑区");
    expect(out.stdout).toMatch(/\n\s+15\s+困难重度残疾人家庭无障碍改造率/);
    expect(out.stdout).not.toMatch(/\n\s+11\s/);
  }, 60_000);

  it("names the file, the path and the problem for a bad file, exits 2, and still evaluates the others", async () => {
    const dir = mkdtempSync(join(tmpdir(), "reachable-"));
    const bad = join(dir, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({
        schemaVersion: 1,
        id: "bad",
        planId: "jiaxing-2021-2025",
        name: { zh: "坏", en: "bad" },
        extends: "jiaxing-baseline",
        overrides: { "retrofit.cost0": { value: "9000" } },
      }),
    );
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{ not json");
    const out = await evaluate([
      bad,
      broken,
      "scenarios/huyi-baseline.json",
      "--samples",
      "50",
      "--lang",
      "en",
    ]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${bad} › overrides.retrofit.cost0.value: expected a number, got text`);
    expect(out.stderr).toContain(`${broken}: not valid JSON`);
    expect(out.stdout).toContain("Huyi District");
  }, 60_000);

  it("re-projects from actuals in a CSV and reports a bad cell by row and column", async () => {
    const dir = mkdtempSync(join(tmpdir(), "reachable-"));
    const good = join(dir, "actuals.csv");
    writeFileSync(good, "indicator,year,value\njx-x-retrofit-households,2023,1700\n");
    const out = await evaluate([
      "scenarios/jiaxing-baseline.json",
      "--json",
      "--samples",
      "0",
      "--actuals",
      good,
    ]);
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout) as Json;
    const ind = doc.results[0]!.indicators.find((i) => i.id === "jx-x-retrofit-households") as {
      projection: number[];
      pace: { fromYear: number };
    };
    expect(ind.projection[3]).toBe(1700);
    expect(ind.pace.fromYear).toBe(2023);
    const badCsv = join(dir, "bad.csv");
    writeFileSync(badCsv, "indicator,year,value\n13,2023,abc\n");
    const bad = await evaluate(["scenarios/jiaxing-baseline.json", "--actuals", badCsv, "--lang", "en"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("row 2, column value");
  }, 60_000);
});
