import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const huyi = "scenarios/plans/huyi-2021-2025.json";
const jiaxing = "scenarios/plans/jiaxing-2021-2025.json";

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, ["scripts/cli.mjs", "check-plan", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "", LC_MESSAGES: "", ...env },
    timeout: 30_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), "check-plan-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const brokenJson = join(tmp, "broken.json");
writeFileSync(brokenJson, '{ "schemaVersion": 1, "id": ');
const invalidPlan = join(tmp, "invalid.json");
{
  const plan = JSON.parse(readFileSync(join(root, huyi), "utf8")) as {
    indicators: { target: { value?: unknown } }[];
  };
  const row2 = plan.indicators[1];
  if (row2) row2.target.value = "98.5";
  writeFileSync(invalidPlan, JSON.stringify(plan));
}

describe("scripts/check-plan.ts", { timeout: 60_000 }, () => {
  it("checks the Huyi plan: exit 0 and the findings, in English by default", () => {
    const r = cli([huyi]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain(`${huyi} (Huyi District, Xi'an`);
    expect(r.stdout).toContain("13 findings");
    expect(r.stdout).toContain(
      "warning missing-row-number [hy-t10-care-attendances, hy-t12-compulsory-enrolment]",
    );
    expect(r.stdout).toContain("there is no row 11");
    expect(r.stdout).toContain("annual-vs-level-tension [hy-t04-trained-people, hy-x-trained-per-year]");
    expect(r.stdout).toContain("row 4 asks for >500 in 2025");
  });

  it("speaks Chinese with --lang zh-CN or a zh LANG", () => {
    for (const r of [cli(["--lang", "zh-CN", huyi]), cli([huyi], { LANG: "zh_CN.UTF-8" })]) {
      expect(r.status).toBe(0);
      expect(r.stdout).toContain("西安市鄠邑区“十四五”残疾人保障和发展规划");
      expect(r.stdout).toContain("警告 missing-row-number");
      expect(r.stdout).toContain("缺少第 11 行");
    }
  });

  it("prints JSON with --json", () => {
    const r = cli(["--json", huyi, jiaxing]);
    expect(r.status).toBe(0);
    const reports = JSON.parse(r.stdout) as {
      file: string;
      ok: boolean;
      findings: { code: string; indicatorIds: string[]; message: { zh: string; en: string } }[];
    }[];
    expect(reports.map((x) => [x.file, x.ok])).toEqual([
      [huyi, true],
      [jiaxing, true],
    ]);
    expect(reports[0]?.findings.map((f) => f.code)).toContain("annual-vs-level-tension");
    expect(reports[1]?.findings.filter((f) => f.code === "text-table-mismatch")).toHaveLength(2);
  });

  it("names a broken JSON file, exits 2, and still checks the good file beside it", () => {
    const r = cli([brokenJson, huyi]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${brokenJson}: could not be checked (1 problem)`);
    expect(r.stderr).toMatch(
      new RegExp(
        `\\n  ${brokenJson.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} › line 1, column 29: not valid JSON: the file ends too early\\n`,
      ),
    );
    expect(r.stdout).toContain("there is no row 11");
  });

  it("checks a plan saved with a BOM and CRLF line ends as the same plan", () => {
    const windows = join(tmp, "windows.json");
    writeFileSync(windows, `\uFEFF${readFileSync(join(root, huyi), "utf8").replace(/\r?\n/g, "\r\n")}`);
    const [a, b] = [cli(["--json", windows]), cli(["--json", huyi])];
    expect(a.status).toBe(0);
    const findings = (out: string) => (JSON.parse(out) as { findings: unknown }[])[0]!.findings;
    expect(findings(a.stdout)).toEqual(findings(b.stdout));
  });

  it("names a schema-invalid file with the path inside it and what is wrong, and still checks the good file", () => {
    const r = cli([huyi, invalidPlan]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `${invalidPlan} › indicators[1].target.value: expected a number, got text (write numbers without quotes)`,
    );
    expect(r.stdout).toContain("annual-vs-level-tension");
    const zh = cli(["--lang", "zh-CN", invalidPlan]);
    expect(zh.status).toBe(2);
    expect(zh.stderr).toContain(
      `${invalidPlan} › indicators[1].target.value: 应为数字，实际是文本（数字不要加引号）`,
    );
  });

  it("names a file that does not exist", () => {
    const missing = join(tmp, "nope.json");
    const r = cli([missing, huyi]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${missing}: no such file`);
    expect(r.stdout).toContain("13 findings");
  });

  it("prints usage and exits 2 without files or with an unknown option", () => {
    const none = cli([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("no plan file given");
    expect(none.stderr).toContain("usage: check-plan");
    const bad = cli(["--frobnicate", huyi]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown option --frobnicate");
    const lang = cli(["--lang", "fr", huyi]);
    expect(lang.status).toBe(2);
    expect(lang.stderr).toContain("--lang must be zh-CN or en (got fr)");
  });
});
