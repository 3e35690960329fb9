import { describe, expect, it } from "vitest";
import { parsePastedTable } from "../../models/plan-paste.ts";
import { scaffoldPlan } from "../../models/scaffold.ts";
import type { ScenarioFile } from "../../models/scenario.ts";
import { formatIssue } from "../../models/validation.ts";
import { DEFAULT_SETTINGS } from "../../src/kernel/store.ts";
import {
  emptyWorkspace,
  type ImportedPlan,
  migrate,
  WORKSPACE_VERSION,
  type Workspace,
} from "../../src/kernel/workspace.ts";

const SAVED = "2024-05-01T09:30:00.000Z";
const MINE: ScenarioFile = {
  schemaVersion: 1,
  id: "mine-1",
  planId: "jiaxing-2021-2025",
  name: { zh: "我的情景", en: "My scenario" },
  extends: "jiaxing-baseline",
  overrides: { "budget.growth": { value: 0.05 } },
};

/** A version-1 workspace as an older Reachable saved it. */
const v1 = () => ({
  format: "reachable-workspace",
  version: 1,
  savedAt: SAVED,
  lang: "en",
  selected: { planId: "jiaxing-2021-2025", scenarioId: "mine-1" },
  scenarios: [MINE],
  edits: { "mine-1": { "budget.growth": { value: 0.06, uncertaintyOn: false } } },
  settings: { samples: 2000, seed: 7, sampling: "lhs" },
});

/** The same workspace in the current version, with a notebook and actuals. */
const v2 = (): Workspace => ({
  format: "reachable-workspace",
  version: 3,
  savedAt: SAVED,
  language: "zh-CN",
  selected: { planId: "jiaxing-2021-2025", scenarioId: "mine-1" },
  scenarios: [MINE],
  edits: {},
  notebooks: {
    "mine-1": {
      cells: [{ id: "c1", kind: "note", markdown: "预算增速 5%" }],
      log: [{ at: SAVED, assumptionId: "budget.growth", from: 0.04, to: 0.05, reason: "2023 预算" }],
    },
  },
  actuals: { "jiaxing-2021-2025": [{ indicatorId: "jx-t1", year: 2022, value: 98 }] },
  settings: { ...DEFAULT_SETTINGS },
  imported: [],
});

/** A plan pasted from a table and scaffolded, as the import stores it. */
function imported(id = "pasted-2021-2025"): ImportedPlan {
  const text = ["序号\t指标\t属性\t2020年\t2025年", "1\t困难残疾人生活补贴覆盖率\t约束性\t99%\t>99%"].join(
    "\n",
  );
  const plan = parsePastedTable(text, { id, level: "county" }).plan;
  const s = scaffoldPlan(plan);
  return { plan, bindings: s.bindings, scenario: s.scenario, importedAt: SAVED };
}

function issuesOf(input: unknown): string[] {
  const r = migrate(input, "ws.json");
  if (r.ok) throw new Error("expected a refusal");
  return r.error.map((i) => formatIssue(i, "en"));
}

describe("workspace migration", () => {
  it("reads the current version as it is", () => {
    const r = migrate(v2());
    expect(r).toEqual({ ok: true, value: v2() });
  });

  it("migrates version 1 to 3: lang becomes language, empty notebooks, actuals and imported plans are added", () => {
    const r = migrate(v1());
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const { lang: _lang, ...rest } = v1();
    expect(r.value).toEqual({
      ...rest,
      version: 3,
      language: "en",
      notebooks: {},
      actuals: {},
      imported: [],
    });
    expect(r.value.version).toBe(WORKSPACE_VERSION);
  });

  it("migrates version 2 to 3: no plans imported yet", () => {
    const { imported: _i, ...old } = v2();
    const r = migrate({ ...old, version: 2 });
    expect(r).toEqual({ ok: true, value: v2() });
    // A version-2 document is read against version 2's schema: an imported list there is unknown.
    expect(issuesOf({ ...old, version: 2, imported: [] })[0]).toMatch(/unknown field "imported"/);
  });

  it("keeps imported plans (plan, bindings, baseline scenario) and refuses parts that disagree", () => {
    const ws = { ...v2(), imported: [imported()] };
    expect(migrate(ws)).toEqual({ ok: true, value: ws });
    const one = imported();
    const bad = {
      ...v2(),
      imported: [
        one,
        imported(),
        { ...one, bindings: { ...one.bindings, planId: "other-2021-2025" } },
        { ...one, scenario: { ...one.scenario, extends: "jiaxing-baseline" } },
      ],
    };
    expect(issuesOf(bad)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /imported\[1\]\.plan\.id: imported plan id "pasted-2021-2025" repeats imported\[0\]/,
        ),
        expect.stringMatching(
          /imported\[2\]\.bindings\.planId: the imported plan's bindings belong to another plan/,
        ),
        expect.stringMatching(
          /imported\[3\]\.scenario\.extends: an imported plan's baseline scenario extends no other/,
        ),
      ]),
    );
  });

  it("validates a version-1 workspace against its own schema, naming the path", () => {
    const bad = { ...v1(), lang: "fr" };
    expect(issuesOf(bad)).toEqual([expect.stringMatching(/^ws\.json › lang: "fr" is not allowed/)]);
    const { lang: _lang, ...noLang } = v1();
    // (models/validation.ts words a missing enum field as "undefined is not allowed"; the path is right.)
    expect(issuesOf(noLang)).toEqual([expect.stringMatching(/^ws\.json › lang: /)]);
  });

  it("refuses a workspace made by a newer Reachable, saying so in both languages", () => {
    const r = migrate({ ...v2(), version: 4 }, "ws.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toHaveLength(1);
    expect(r.error[0]!.path).toBe("version");
    expect(r.error[0]!.message.en).toMatch(/made by a newer Reachable \(format version 4\)/);
    expect(r.error[0]!.message.zh).toMatch(/更新版本的 Reachable/);
  });

  it("refuses garbage: not an object, another format, a bad version", () => {
    for (const g of [null, 42, "text", [], undefined]) {
      expect(issuesOf(g)).toEqual(["ws.json: not a Reachable workspace (expected a JSON object)"]);
    }
    expect(issuesOf({ format: "something-else", version: 2 })[0]).toMatch(
      /^ws\.json › format: not a Reachable/,
    );
    for (const version of [0, -1, 1.5, "2", null]) {
      expect(issuesOf({ ...v2(), version })[0]).toMatch(/^ws\.json › version: version .* is invalid/);
    }
  });

  it("reports every problem of a current workspace with its path, and never half-applies", () => {
    const ws = v2() as unknown as Record<string, unknown>;
    const bad = {
      ...ws,
      scenarios: [{ ...MINE, extends: undefined, assumptions: undefined }, MINE, MINE],
      notebooks: { "mine-1": { cells: [{ id: "c1", kind: "video" }], log: [] } },
      actuals: { "jiaxing-2021-2025": [{ indicatorId: "jx-t1", year: "2022", value: 98 }] },
      settings: { samples: -1, seed: 1, sampling: "lhs" },
    };
    const lines = issuesOf(bad);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/scenarios\[0\]\.assumptions: a baseline scenario/),
        expect.stringMatching(/scenarios\[0\]\.extends: a scenario in a workspace must extend another/),
        expect.stringMatching(/scenarios\[1\]\.id: scenario id "mine-1" repeats scenarios\[0\]/),
        expect.stringMatching(/notebooks\.mine-1\.cells\[0\]/),
        expect.stringMatching(/actuals\.jiaxing-2021-2025\[0\]\.year: expected a number, got text/),
        expect.stringMatching(/settings\.samples: must be at least 0/),
      ]),
    );
  });

  it("makes an empty workspace that passes its own schema", () => {
    const ws = emptyWorkspace({ language: "en", savedAt: SAVED });
    expect(migrate(ws)).toEqual({ ok: true, value: ws });
    expect(ws.settings).not.toBe(DEFAULT_SETTINGS);
  });
});
