import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");

async function evaluate(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["scripts/cli.mjs", "evaluate", ...args], {
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
    const lib = loadRepositoryLibrary();
    expect(doc.results[0]!.indicators).toHaveLength(lib.plans.get("jiaxing-2021-2025")!.indicators.length);
    expect(doc.results[1]!.indicators).toHaveLength(lib.plans.get("huyi-2021-2025")!.indicators.length);
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
          "basis",
          "drivers",
          "judgedYear",
          "verdictFrom",
          "margin",
        ]) {
          expect(ind).toHaveProperty(key);
        }
        expect(typeof ind.probability).toBe("number");
        // The median-based verdict: met exactly when the probability is at least 50%, margin agreeing.
        const rec = ind as unknown as {
          met: boolean;
          probability: number;
          margin: number;
          basis: string;
          verdictFrom: string;
        };
        expect(rec.verdictFrom).toBe("median");
        expect(rec.met).toBe(rec.probability >= 50);
        expect(rec.met).toBe(rec.margin >= 0);
        expect(["published", "trend", "estimate", "plan"]).toContain(rec.basis);
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
    expect(out.stderr).toContain(
      `${broken} › line 1, column 3: not valid JSON: "n" here does not fit JSON syntax\n`,
    );
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

  it("hands a piped reader the whole JSON document, past 64 KiB, even when it reads slowly", async () => {
    // The reader starts only after a pause, so the pipe is full when evaluate is done: exiting at once
    // would cut the document at the pipe's 64 KiB.
    const cmd =
      "node scripts/cli.mjs evaluate scenarios/jiaxing-baseline.json scenarios/huyi-baseline.json --json --samples 200 | (sleep 1; cat)";
    const { stdout } = await run("sh", ["-c", cmd], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    expect(stdout.length).toBeGreaterThan(65_536);
    const doc = JSON.parse(stdout) as Json;
    expect(doc.results).toHaveLength(2);
  }, 60_000);

  it("refuses a seed past 2^32 − 1 instead of running it as a smaller one, in the chosen language", async () => {
    const [big, zh, max] = await Promise.all([
      evaluate(["scenarios/huyi-baseline.json", "--samples", "0", "--seed", "4294967303", "--lang", "en"]),
      evaluate(["scenarios/huyi-baseline.json", "--seed", "-1", "--lang", "zh-CN"]),
      evaluate(["scenarios/huyi-baseline.json", "--samples", "0", "--seed", "4294967295", "--json"]),
    ]);
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('--seed takes a whole number from 0 to 4294967295, not "4294967303"');
    expect(big.stdout).toBe("");
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain("--seed 须为 0 到 4294967295 之间的整数");
    expect(max.code).toBe(0);
    expect((JSON.parse(max.stdout) as { seed: number }).seed).toBe(4294967295);
  }, 60_000);

  it("reads only the file's own plan from the library: another plan's scenario of the same id is not in the way", async () => {
    const dir = mkdtempSync(join(tmpdir(), "reachable-"));
    const twin = join(dir, "twin.json");
    writeFileSync(
      twin,
      JSON.stringify({
        schemaVersion: 1,
        id: "jiaxing-baseline",
        planId: "huyi-2021-2025",
        name: { zh: "同名", en: "same id" },
        extends: "huyi-baseline",
        overrides: {},
      }),
    );
    const out = await evaluate([twin, "--samples", "0", "--json"]);
    expect(out.code).toBe(0);
    const results = (JSON.parse(out.stdout) as { results: { planId: string; scenarioId: string }[] }).results;
    expect(results.map((r) => [r.planId, r.scenarioId])).toEqual([["huyi-2021-2025", "jiaxing-baseline"]]);
  }, 60_000);

  it("reads JSON with a BOM and CRLF, and reports a __proto__ key with its path", async () => {
    const dir = mkdtempSync(join(tmpdir(), "reachable-"));
    const windows = join(dir, "windows.json");
    const scenario = {
      schemaVersion: 1,
      id: "windows-1",
      planId: "huyi-2021-2025",
      name: { zh: "记事本", en: "Notepad" },
      extends: "huyi-baseline",
      overrides: {},
    };
    writeFileSync(windows, `\uFEFF${JSON.stringify(scenario, null, 2).replace(/\n/g, "\r\n")}\r\n`);
    const proto = join(dir, "proto.json");
    writeFileSync(
      proto,
      JSON.stringify(scenario).replace('"overrides":{}', '"overrides":{"__proto__":{"value":1}}'),
    );
    const [ok, bad] = await Promise.all([
      evaluate([windows, "--samples", "0", "--json"]),
      evaluate([proto, "--samples", "0", "--lang", "en"]),
    ]);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as Json).results).toHaveLength(1);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      `${proto} › overrides.__proto__: the field name "__proto__" is not allowed (it would reach the object's prototype)`,
    );
  }, 60_000);

  it("reads actuals in GB18030 with Chinese headers, resolving a row number in the plan evaluated only", async () => {
    const dir = mkdtempSync(join(tmpdir(), "reachable-"));
    const gbk = join(dir, "gbk.csv");
    const plan = JSON.parse(readFileSync(join(ROOT, "scenarios/plans/jiaxing-2021-2025.json"), "utf8")) as {
      indicators: { id: string; printedNumber: number | null; unit: string; target: { year: number } }[];
    };
    const ind = plan.indicators.find((i) => i.printedNumber !== null && i.unit === "percent")!;
    const body = `指标,年份,数值\r\n${ind.printedNumber},2023,"62.5%"\r\n,,\r\n`;
    // Node has no GB18030 encoder: write the bytes of the Chinese header by hand (指标 年份 数值).
    const gbBytes = Buffer.concat([
      Buffer.from([0xd6, 0xb8, 0xb1, 0xea, 0x2c, 0xc4, 0xea, 0xb7, 0xdd, 0x2c, 0xca, 0xfd, 0xd6, 0xb5]),
      Buffer.from(`\r\n${ind.printedNumber},2023,"62.5%"\r\n,,\r\n`),
    ]);
    expect(new TextDecoder("gb18030").decode(gbBytes)).toBe(body);
    writeFileSync(gbk, gbBytes);
    const [one, two] = await Promise.all([
      evaluate(["scenarios/jiaxing-baseline.json", "--json", "--samples", "0", "--actuals", gbk]),
      evaluate([
        "scenarios/jiaxing-baseline.json",
        "scenarios/huyi-baseline.json",
        "--samples",
        "0",
        "--actuals",
        gbk,
        "--lang",
        "en",
      ]),
    ]);
    expect(one.code).toBe(0);
    const got = (JSON.parse(one.stdout) as Json).results[0]!.indicators.find((i) => i.id === ind.id) as {
      projection: number[];
    };
    expect(got.projection[3]).toBe(62.5);
    // With two plans a bare row number could be either: refused, naming both plans.
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(
      /row 2, column 指标: row number "\d+" could be in any of .*\(jiaxing-2021-2025\), .*\(huyi-2021-2025\)/,
    );
  }, 60_000);
});
