import fc from "fast-check";
import { compressToEncodedURIComponent } from "lz-string";
import { describe, expect, it } from "vitest";
import type { ScenarioFile } from "../../models/scenario.ts";
import { formatIssue } from "../../models/validation.ts";
import {
  decodeLink,
  decodeScenarioLink,
  encodeScenarioLink,
  hasScenarioLink,
} from "../../src/kernel/share.ts";

const BASE = "https://example.org/reachable/index.html?x=1#old";
const MINE: ScenarioFile = {
  schemaVersion: 1,
  id: "mine-1",
  planId: "jiaxing-2021-2025",
  name: { zh: "预算冻结，老龄化加快", en: "Budget frozen, faster ageing" },
  extends: "jiaxing-baseline",
  overrides: {
    "budget.growth": { value: 0, reason: { zh: "2024 年预算", en: "2024 budget" } },
    "prevalence.trend": { uncertainty: { kind: "triangular", min: 0, mode: 0.01, max: 0.03 } },
    "take-up": { uncertainty: null },
  },
  actuals: [{ indicatorId: "jx-t1-rehab", year: 2022, value: 98.5 }],
};

const messages = (href: string) => {
  const r = decodeScenarioLink(href);
  if (r.ok) throw new Error("expected a refusal");
  return r.error;
};

describe("share links", () => {
  it("puts the scenario in the fragment, keeping the page and its query", () => {
    const link = encodeScenarioLink(MINE, BASE);
    expect(link.startsWith("https://example.org/reachable/index.html?x=1#s=")).toBe(true);
    expect(hasScenarioLink(link)).toBe(true);
    expect(hasScenarioLink(BASE)).toBe(false);
    expect(decodeScenarioLink(link)).toEqual({ ok: true, value: MINE });
  });

  it("carries the run settings, validated with their path; a first-form link (the scenario alone) still reads", () => {
    const settings = { samples: 5000, seed: 42, sampling: "random" as const };
    expect(decodeLink(encodeScenarioLink(MINE, BASE, settings))).toEqual({
      ok: true,
      value: { scenario: MINE, settings },
    });
    const pack = (payload: unknown) =>
      `${BASE.split("#")[0]}#s=${compressToEncodedURIComponent(JSON.stringify(payload))}`;
    expect(decodeLink(pack(MINE))).toEqual({ ok: true, value: { scenario: MINE } });
    const bad = decodeLink(
      pack({ format: "reachable-link", version: 1, scenario: MINE, settings: { ...settings, seed: -1 } }),
    );
    expect(bad.ok ? [] : bad.error.map((i) => `${i.file} ${i.path}`)).toEqual(["link settings.seed"]);
    const newer = decodeLink(pack({ format: "reachable-link", version: 2, scenario: MINE }));
    expect(newer.ok ? "" : newer.error[0]!.message.en).toMatch(/newer Reachable/);
  });

  it("round-trips any override-only scenario (property, seed 42)", () => {
    const id = fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}$/);
    const text = fc.string({ minLength: 1, maxLength: 40, unit: "grapheme" });
    const bilingual = fc.record({ zh: text, en: text });
    const override = fc.record(
      { value: fc.double({ noNaN: true, noDefaultInfinity: true }), reason: bilingual },
      { requiredKeys: [] },
    );
    const scenario = fc.record(
      {
        schemaVersion: fc.constant(1 as const),
        id,
        planId: id,
        name: bilingual,
        description: bilingual,
        teaching: fc.boolean(),
        extends: id,
        overrides: fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), override, { maxKeys: 5 }),
        actuals: fc.array(
          fc.record({
            indicatorId: id,
            year: fc.integer({ min: 2000, max: 2040 }),
            value: fc.double({ noNaN: true, noDefaultInfinity: true }),
          }),
          { maxLength: 5 },
        ),
      },
      { requiredKeys: ["schemaVersion", "id", "planId", "name", "extends"] },
    );
    fc.assert(
      fc.property(scenario, (s) => {
        // JSON has no -0; the link carries what JSON carries.
        const expected = JSON.parse(JSON.stringify(s));
        const r = decodeScenarioLink(encodeScenarioLink(s as ScenarioFile, BASE));
        expect(r).toEqual({ ok: true, value: expected });
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it("explains a link without a scenario, or with an empty one", () => {
    expect(formatIssue(messages(BASE)[0]!, "en")).toMatch(
      /^link: the scenario in this link cannot be read: the link has no "#s=" part/,
    );
    expect(messages("https://example.org/#s=")[0]!.message.zh).toMatch(/“#s=” 后面是空的/);
  });

  it("explains a truncated or damaged link in both languages", () => {
    const link = encodeScenarioLink(MINE, BASE);
    // (Dropping only the last character can still decode: it may hold nothing but padding bits.)
    const at = link.indexOf("#s=") + 3;
    for (const keep of [10, 40, link.length - at - 5]) {
      const issues = messages(link.slice(0, at + keep));
      expect(issues).toHaveLength(1);
      expect(issues[0]!.file).toBe("link");
      expect(issues[0]!.message.en).toMatch(/cut off when copied/);
      expect(issues[0]!.message.zh).toMatch(/复制不全/);
    }
    for (const junk of ["%%%", "!!!!", "a".repeat(50), "😀"]) {
      expect(messages(`https://example.org/#s=${junk}`)[0]!.message.en).toMatch(/cannot be read/);
    }
  });

  it("validates the scenario inside, naming the path in the link", () => {
    const bad = { ...MINE, overrides: { x: { value: "5" } } };
    const href = `https://example.org/#s=${compressToEncodedURIComponent(JSON.stringify(bad))}`;
    expect(messages(href).map((i) => formatIssue(i, "en"))).toEqual([
      "link › overrides.x.value: expected a number, got text (write numbers without quotes)",
    ]);
    const notScenario = `https://example.org/#s=${compressToEncodedURIComponent("[1,2]")}`;
    expect(messages(notScenario)[0]!.file).toBe("link");
  });
});
