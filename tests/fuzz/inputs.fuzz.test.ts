import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readActualsCsv } from "../../models/actuals-csv.ts";
import type { Plan } from "../../models/plan.ts";
import { MAX_SEED } from "../../models/rng.ts";
import type { ScenarioFile } from "../../models/scenario.ts";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";
import { amountScale, formatNumber, formatParam } from "../../src/kernel/format.ts";
import { createMarkdownRenderer } from "../../src/kernel/markdown.ts";
import { parseNumberInput, suffixesOf } from "../../src/kernel/number-input.ts";
import { checkSettings } from "../../src/kernel/settings.ts";
import { decodeScenarioLink, encodeScenarioLink } from "../../src/kernel/share.ts";
import {
  expectFiniteNumbers,
  expectWellFormedIssues,
  FUZZ,
  FUZZ_TIMEOUT,
  guardPrototypes,
  hostileKey,
  hostileValue,
} from "./fuzz.ts";

guardPrototypes();

const lib = loadRepositoryLibrary();
const jx: Plan = lib.plans.get("jiaxing-2021-2025")!;
const hy: Plan = lib.plans.get("huyi-2021-2025")!;

/** Cells a person, a spreadsheet or an attacker might put in an actuals file. */
const cell = fc.oneof(
  fc.constantFrom(
    "",
    "indicator",
    "year",
    "value",
    "指标",
    "年份",
    "数值",
    "name",
    "plan",
    "jx-t13-retrofit-rate",
    "jx-x-retrofit-households",
    "jiaxing-2021-2025",
    "13",
    "１３",
    "2023",
    "２０２３",
    "2023年",
    "62.5%",
    "1,200",
    "1，200",
    "１２００",
    "0x1A",
    "+3",
    "-3",
    "−3",
    "1e3",
    "NaN",
    "Infinity",
    "1,2",
    '"',
    '""',
    "\r",
    "\n",
    "\uFEFF",
    "__proto__",
    "constructor",
    jx.indicators[0]!.name.zh,
  ),
  fc.string({ maxLength: 8 }),
  fc.double().map(String),
);
const csvText = fc
  .record({
    header: fc.oneof(
      fc.constant(["indicator", "year", "value"]),
      fc.constant(["指标", "年份", "数值", "指标名称"]),
      fc.array(cell, { maxLength: 5 }),
    ) as fc.Arbitrary<string[]>,
    rows: fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 12 }),
    quote: fc.boolean(),
    eol: fc.constantFrom("\n", "\r\n", "\r"),
    bom: fc.boolean(),
  })
  .map(({ header, rows, quote, eol, bom }) => {
    const field = (c: string) => (quote || /[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    const lines = [header, ...rows].map((r) => r.map(field).join(","));
    return (bom ? "\uFEFF" : "") + lines.join(eol);
  });
const csvInput = fc.oneof(
  { weight: 4, arbitrary: csvText },
  { weight: 1, arbitrary: csvText.map((t) => new TextEncoder().encode(t)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
);

describe("fuzz: every other input edge", { timeout: FUZZ_TIMEOUT }, () => {
  it("actuals CSV: good rows are finite and in range, every refused row is placed, nothing throws", () => {
    fc.assert(
      fc.property(csvInput, fc.constantFrom([jx], [hy], [jx, hy]), (input, plans) => {
        const r = readActualsCsv(input, "a.csv", plans);
        if (!r.ok) return expectWellFormedIssues(r.error, "a.csv");
        expectFiniteNumbers([...r.value.actuals.values()]);
        for (const issue of r.value.rejected) expect(issue.path).toMatch(/^row \d+(, column \w+)?$/);
        if (r.value.rejected.length > 0) expectWellFormedIssues(r.value.rejected, "a.csv");
        expect(r.value.accepted + r.value.rejectedRows.length).toBeGreaterThan(0);
        for (const [planId, list] of r.value.actuals) {
          const plan = plans.find((p) => p.id === planId)!;
          const keys = new Set<string>();
          for (const a of list) {
            const ind = plan.indicators.find((i) => i.id === a.indicatorId)!;
            expect(a.year).toBeGreaterThan(ind.baseline.year);
            expect(a.year).toBeLessThanOrEqual(ind.target.year);
            if (ind.unit === "percent") expect(a.value >= 0 && a.value <= 100).toBe(true);
            keys.add(`${a.indicatorId}|${a.year}`);
          }
          expect(keys.size).toBe(list.length);
        }
      }),
      FUZZ,
    );
  });

  it("share link: any fragment decodes to a valid scenario or a placed refusal; a valid scenario round-trips", () => {
    const base = "http://127.0.0.1:4173/";
    const fragment = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: fc.constantFrom(..."ABCabc0129+-$_%=#"), maxLength: 300 }),
    );
    const scenario: fc.Arbitrary<ScenarioFile> = fc.record({
      schemaVersion: fc.constant(1 as const),
      id: fc.constantFrom("mine-1", "a-2"),
      planId: fc.constant("jiaxing-2021-2025"),
      name: fc.record({
        zh: fc.string({ minLength: 1, maxLength: 10 }),
        en: fc.string({ minLength: 1, maxLength: 10 }),
      }),
      extends: fc.constant("jiaxing-baseline"),
      overrides: fc.dictionary(
        fc.constantFrom("retrofit.capacity1", "retrofit.cost0"),
        fc.record({ value: fc.double({ min: 0, max: 10_000, noNaN: true }) }),
      ),
    });
    fc.assert(
      fc.property(fragment, scenario, (f, s) => {
        const r = decodeScenarioLink(`${base}#s=${f}`);
        if (r.ok) expectFiniteNumbers(r.value);
        else {
          expect(r.error.length).toBeGreaterThan(0);
          for (const i of r.error) {
            expect(i.message.zh.trim()).not.toBe("");
            expect(i.message.en.trim()).not.toBe("");
          }
        }
        const back = decodeScenarioLink(encodeScenarioLink(s, base));
        expect(back.ok).toBe(true);
        if (back.ok) expect(back.value.overrides).toEqual(JSON.parse(JSON.stringify(s.overrides)));
      }),
      FUZZ,
    );
  });

  it("number field: reads only finite numbers, explains every refusal, and reads back what the app writes", () => {
    const units = fc.constantFrom(
      "people",
      "households-per-year",
      "yuan",
      "percent",
      "percent-per-year",
      "percentage-points",
      "per-thousand",
      "count",
      undefined,
    );
    const typed = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.string({ unit: fc.constantFrom(..."0123456789.,，．-−+ %％‰eEx１２３"), maxLength: 16 }),
      fc.double().map(String),
    );
    fc.assert(
      fc.property(typed, units, fc.boolean(), (text, unit, integer) => {
        const r = parseNumberInput(text, { unit, integer });
        if (r.ok) {
          expect(Number.isFinite(r.value)).toBe(true);
          if (integer) expect(Number.isInteger(r.value)).toBe(true);
        } else {
          expect(r.error.zh.trim()).not.toBe("");
          expect(r.error.en.trim()).not.toBe("");
        }
      }),
      FUZZ,
    );
    // Whatever the app prints in a field's unit, the field reads back (at the printed precision).
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.integer({ min: 0, max: 4 }),
        units,
        fc.constantFrom("zh-CN" as const, "en" as const),
        (v, decimals, unit, lang) => {
          const printed = unit ? formatParam(v, unit, lang, decimals) : formatNumber(v, lang, decimals);
          const shown = printed
            .replace(/[^\d,.\-−%‰]+/g, "")
            .replace(/[%‰]$/, (s) => (suffixesOf(unit).includes(s as "%") ? s : ""));
          const r = parseNumberInput(shown, { unit });
          expect(r.ok, `${printed} → ${shown}`).toBe(true);
          // A Chinese amount of 10,000 yuan or more is printed in 万元, to the yuan, and its field reads
          // 万 (assumption-field.tsx scales by the same amountScale): read back ×10,000, within half a yuan.
          const scale = unit ? amountScale(unit, lang, v) : null;
          if (r.ok && scale)
            expect(Math.abs(r.value * scale.factor - v), printed).toBeLessThanOrEqual(0.5 + 1e-6);
          else if (r.ok) expect(r.value).toBeCloseTo(Number(v.toFixed(decimals)), decimals);
        },
      ),
      FUZZ,
    );
  });

  it("markdown: any note renders to a string without throwing, raw HTML and scripts escaped", () => {
    const render = createMarkdownRenderer({ sanitize: (h) => h });
    const md = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ unit: fc.constantFrom(..."*_>#-+1. [](){}`~|\\<>!\n\t"), maxLength: 400 }),
      fc
        .record({
          c: fc.constantFrom(">", "- ", "* ", "1. ", "  ", "["),
          n: fc.integer({ min: 0, max: 6000 }),
        })
        .map(({ c, n }) => `${c.repeat(n)}x <script>alert(1)</script>`),
      fc.constant("**a".repeat(10_000)),
    );
    fc.assert(
      fc.property(md, fc.constantFrom("zh-CN" as const, "en" as const), (text, lang) => {
        const out = render(text, lang);
        expect(typeof out).toBe("string");
        expect(out).not.toMatch(/<script/i);
        expect(out).not.toMatch(/<[a-z]+[^>]*\son[a-z]+=/i);
        if (text.trim() !== "") expect(out).not.toBe("");
      }),
      FUZZ,
    );
  });

  it("run settings: only whole samples in range, seeds 0 … 2^32 − 1 and a known sampling are accepted", () => {
    const settings = fc.oneof(
      fc.record({
        samples: fc.oneof(fc.integer({ min: -10, max: 200_000 }), fc.double(), fc.constant(Number.NaN)),
        seed: fc.oneof(
          fc.integer({ min: -10, max: 10 }),
          fc.constantFrom(MAX_SEED, MAX_SEED + 1, 4294967303, 2 ** 53, Number.POSITIVE_INFINITY),
          fc.double(),
        ),
        sampling: fc.oneof(fc.constantFrom("lhs", "random"), fc.string({ maxLength: 6 })),
      }),
      fc.dictionary(hostileKey, hostileValue, { maxKeys: 4 }),
      hostileValue,
    );
    fc.assert(
      fc.property(settings, (s) => {
        const r = checkSettings(s);
        if (r.ok) {
          expect(
            Number.isInteger(r.value.samples) && r.value.samples >= 0 && r.value.samples <= 100_000,
          ).toBe(true);
          expect(Number.isInteger(r.value.seed) && r.value.seed >= 0 && r.value.seed <= MAX_SEED).toBe(true);
          expect(["lhs", "random"]).toContain(r.value.sampling);
        } else {
          expect(r.error.zh.trim()).not.toBe("");
          expect(r.error.en.trim()).not.toBe("");
        }
      }),
      FUZZ,
    );
  });
});
