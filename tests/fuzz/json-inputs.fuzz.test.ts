import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseBindings } from "../../models/bindings.ts";
import { parsePlan } from "../../models/plan.ts";
import { parseScenario, type ScenarioFile } from "../../models/scenario.ts";
import type { Result } from "../../models/text.ts";
import { type InputIssue, parseJsonText } from "../../models/validation.ts";
import { importScenarioJson, importWorkspaceJson } from "../../src/kernel/files.ts";
import { emptyWorkspace, migrate } from "../../src/kernel/workspace.ts";
import {
  expectFiniteNumbers,
  expectWellFormedIssues,
  FUZZ,
  FUZZ_TIMEOUT,
  guardPrototypes,
  hostileValue,
  jsonTexts,
  mutated,
} from "./fuzz.ts";

guardPrototypes();

const ROOT = resolve(import.meta.dirname, "../..");
const json = (path: string): unknown => JSON.parse(readFileSync(resolve(ROOT, path), "utf8"));
const SCENARIO: ScenarioFile = {
  schemaVersion: 1,
  id: "mine-1",
  planId: "jiaxing-2021-2025",
  name: { zh: "我的情景", en: "Mine" },
  extends: "jiaxing-baseline",
  overrides: { "retrofit.capacity1": { value: 600 } },
  actuals: [{ indicatorId: "jx-x-retrofit-households", year: 2022, value: 400 }],
};
const WORKSPACE = {
  ...emptyWorkspace({ language: "zh-CN", savedAt: "2026-01-01T00:00:00.000Z" }),
  scenarios: [SCENARIO],
  actuals: { "jiaxing-2021-2025": [{ indicatorId: "jx-x-retrofit-households", year: 2022, value: 400 }] },
};

/**
 * An own key `__proto__`, `constructor` or `prototype` anywhere in a value as JSON sees it (an
 * independent check): a list's elements, an object's keys. Other properties of a list are not part of
 * any value read (the schemas drop them), so they are not looked into.
 */
function hasPrototypeKey(v: unknown, depth = 0): boolean {
  if (v === null || typeof v !== "object" || depth > 50) return false;
  if (Array.isArray(v)) return v.some((x) => hasPrototypeKey(x, depth + 1));
  return Object.keys(v).some(
    (k) =>
      k === "__proto__" ||
      k === "constructor" ||
      k === "prototype" ||
      hasPrototypeKey((v as never)[k], depth + 1),
  );
}

/** The claims every parser of outside input makes, for any input. */
function check<T>(
  parse: (input: unknown, file: string) => Result<T, InputIssue[]>,
  input: unknown,
  file: string,
) {
  const r = parse(input, file);
  if (r.ok) {
    expectFiniteNumbers(r.value);
    expect(hasPrototypeKey(input), `a prototype key was accepted: ${inspect(input, { depth: 12 })}`).toBe(
      false,
    );
    expect(hasPrototypeKey(r.value)).toBe(false);
  } else expectWellFormedIssues(r.error, file);
}

const inputs = (base: unknown) =>
  fc.oneof({ weight: 4, arbitrary: mutated(base) }, { weight: 1, arbitrary: hostileValue });

describe("fuzz: JSON inputs", { timeout: FUZZ_TIMEOUT }, () => {
  it("starts from valid inputs, so that mutations explore near them", () => {
    expect(parseScenario(SCENARIO, "s.json").ok).toBe(true);
    expect(parsePlan(json("scenarios/plans/huyi-2021-2025.json"), "p.json").ok).toBe(true);
    expect(parseBindings(json("scenarios/bindings/huyi-2021-2025.json"), "b.json").ok).toBe(true);
    expect(migrate(WORKSPACE, "w.json").ok).toBe(true);
  });

  it("scenario: any value is accepted whole or refused with places, never throws", () => {
    fc.assert(
      fc.property(inputs(SCENARIO), (v) => check(parseScenario, v, "s.json")),
      FUZZ,
    );
  });

  it("plan: any value is accepted whole or refused with places, never throws", () => {
    const plan = json("scenarios/plans/huyi-2021-2025.json");
    fc.assert(
      fc.property(inputs(plan), (v) => check(parsePlan, v, "p.json")),
      FUZZ,
    );
  });

  it("bindings: any value is accepted whole or refused with places, never throws", () => {
    const bindings = json("scenarios/bindings/huyi-2021-2025.json");
    fc.assert(
      fc.property(inputs(bindings), (v) => check(parseBindings, v, "b.json")),
      FUZZ,
    );
  });

  it("workspace file and stored record: any value is migrated whole or refused, never throws", () => {
    fc.assert(
      fc.property(inputs(WORKSPACE), (v) => {
        check(migrate, v, "browser storage");
      }),
      FUZZ,
    );
  });

  it("JSON text: every syntax error is placed by line and column, BOM and CRLF are read, prototype keys refused", () => {
    const texts = fc.oneof(
      jsonTexts(mutated(SCENARIO)),
      jsonTexts(hostileValue),
      jsonTexts(mutated(WORKSPACE)),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const body = text.replace(/^\uFEFF/, "");
        let engine: { ok: true; value: unknown } | { ok: false };
        try {
          engine = { ok: true, value: JSON.parse(body) };
        } catch {
          engine = { ok: false };
        }
        const r = parseJsonText(text, "t.json");
        if (!engine.ok) {
          expect(r.ok).toBe(false);
          if (!r.ok && body.trim() !== "") {
            expectWellFormedIssues(r.error, "t.json");
            expect(r.error[0]!.path).toMatch(/^line \d+, column \d+$/);
          }
        } else if (hasPrototypeKey(engine.value)) {
          expect(r.ok).toBe(false);
          if (!r.ok) expectWellFormedIssues(r.error, "t.json");
        } else expect(r).toEqual({ ok: true, value: engine.value });
        // The file importers on top never throw either.
        const s = importScenarioJson(text, "t.json");
        if (!s.ok) expectWellFormedIssues(s.error, "t.json");
        const w = importWorkspaceJson(text, "t.json");
        if (!w.ok) expectWellFormedIssues(w.error, "t.json");
      }),
      FUZZ,
    );
  });
});
