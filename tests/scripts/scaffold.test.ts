import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MODELS } from "../../models/registry.ts";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";

const root = join(import.meta.dirname, "..", "..");

function run(script: string, args: string[]) {
  const r = spawnSync(process.execPath, ["scripts/cli.mjs", script, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "", LC_MESSAGES: "" },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), "scaffold-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("npm run models", { timeout: 120_000 }, () => {
  it("prints every model with parameters, inputs and outputs, in English and in Chinese", () => {
    const en = run("models", ["--lang", "en"]);
    expect(en.status).toBe(0);
    for (const name of Object.keys(MODELS)) expect(en.stdout).toContain(`${name}\n`);
    expect(en.stdout).toContain("rate0 [percent, %] 0 … 100");
    const zh = run("models", ["--lang", "zh-CN", "coverage"]);
    expect(zh.stdout).toContain("百分点/年：每年新增能力");
    expect(zh.stdout).not.toContain("\nvolume\n");
  });

  it("--json is the catalogue; an unknown model is refused with the valid names", () => {
    const json = JSON.parse(run("models", ["--json"]).stdout) as { name: string; params: unknown[] }[];
    expect(json.map((m) => m.name)).toEqual(Object.keys(MODELS));
    const bad = run("models", ["coverge"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("the models are: population, subsidy, retrofit, coverage");
  });
});

describe("npm run scaffold: a provincial plan with no baseline column and a 万人 target, without hand-written bindings", {
  timeout: 240_000,
}, () => {
  // A copy of scenarios/ without the shipped Inner Mongolia bindings and baseline, as a person starts.
  const dir = join(tmp, "scenarios");
  cpSync(join(root, "scenarios"), dir, { recursive: true });
  rmSync(join(dir, "bindings", "neimenggu-2021-2025.json"));
  rmSync(join(dir, "neimenggu-baseline.json"));
  const planFile = join(dir, "plans", "neimenggu-2021-2025.json");

  it("passes check-plan, writes both files, refuses to overwrite them without --force, and the library loads", () => {
    expect(run("check-plan", [planFile]).status).toBe(0);
    const first = run("scaffold", [planFile]);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(existsSync(join(dir, "bindings", "neimenggu-2021-2025.json"))).toBe(true);
    expect(existsSync(join(dir, "neimenggu-baseline.json"))).toBe(true);
    const again = run("scaffold", [planFile]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("already exists, not written (use --force to overwrite)");
    expect(run("scaffold", [planFile, "--force"]).status).toBe(0);
    const lib = loadRepositoryLibrary(dir);
    expect(lib.issues).toEqual([]);
    // What it writes is what the repository ships.
    for (const f of ["bindings/neimenggu-2021-2025.json", "neimenggu-baseline.json"])
      expect(JSON.parse(readFileSync(join(dir, f), "utf8")), f).toEqual(
        JSON.parse(readFileSync(join(root, "scenarios", f), "utf8")),
      );
  });

  it("the shipped plan evaluates at once", () => {
    const r = run("evaluate", ["scenarios/plans/neimenggu-2021-2025.json", "--samples", "50", "--json"]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { results: { indicators: { id: string; met: boolean }[] }[] };
    expect(doc.results[0]!.indicators).toHaveLength(7);
  });
});
