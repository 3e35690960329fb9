import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SCAFFOLD_SOURCE } from "../../models/scaffold.ts";
import { type Provenance, provenanceSchema } from "../../models/scenario.ts";
import { sourceText } from "../../models/text.ts";
import { parseWith } from "../../models/validation.ts";

/**
 * A default's source is told to each reader in their language, and nothing a person reads cites a file
 * that lives only in the code repository: the printed report and the workbench show the same text for a
 * language, through `sourceText`.
 */

const ROOT = join(import.meta.dirname, "../..");
const SCENARIOS = join(ROOT, "scenarios");

function jsonFiles(dir: string): { file: string; data: unknown }[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith(".json"))
    .sort()
    .map((n) => ({
      file: join(dir, n).slice(ROOT.length + 1),
      data: JSON.parse(readFileSync(join(dir, n), "utf8")),
    }));
}

/** The shipped scenario files and plans (and bindings and workshops, which the app also reads). */
const shipped = [
  ...jsonFiles(SCENARIOS),
  ...jsonFiles(join(SCENARIOS, "plans")),
  ...jsonFiles(join(SCENARIOS, "bindings")),
  ...jsonFiles(join(SCENARIOS, "workshops")),
];

type Bi = { zh: string; en: string };
const isBilingual = (v: unknown): v is Bi =>
  typeof v === "object" &&
  v !== null &&
  !Array.isArray(v) &&
  Object.keys(v).length === 2 &&
  typeof (v as Bi).zh === "string" &&
  typeof (v as Bi).en === "string";

/** Every provenance in a parsed file, wherever it sits, with its place. */
function provenancesIn(data: unknown, at = ""): { where: string; p: Provenance }[] {
  if (typeof data !== "object" || data === null) return [];
  const out: { where: string; p: Provenance }[] = [];
  for (const [k, v] of Object.entries(data)) {
    const here = at ? `${at}.${k}` : k;
    if (k === "provenance" && v && typeof v === "object") out.push({ where: here, p: v as Provenance });
    else out.push(...provenancesIn(v, here));
  }
  return out;
}

/**
 * Every text of a file that people read, with its place: each bilingual text (names, titles,
 * descriptions, notes, labels, reasons, bilingual sources) in both languages, each single-text source,
 * and a plan's cited title and section. Ids, evidence references and a plan's `source.file` (the name
 * of a copy kept beside the code, never shown) are not read by people.
 */
function shownTexts(data: unknown, at = ""): { where: string; text: string }[] {
  if (typeof data !== "object" || data === null) return [];
  if (isBilingual(data))
    return [
      { where: `${at}.zh`, text: data.zh },
      { where: `${at}.en`, text: data.en },
    ];
  const out: { where: string; text: string }[] = [];
  for (const [k, v] of Object.entries(data)) {
    const here = at ? `${at}.${k}` : k;
    const shownString = typeof v === "string" && (k === "source" || k === "title" || k === "section");
    if (shownString) out.push({ where: here, text: v });
    else out.push(...shownTexts(v, here));
  }
  return out;
}

/** A run of Chinese text in an English source: a document title or term, kept as printed. */
const CJK_RUN = /[\u4e00-\u9fff][\u4e00-\u9fff“”〔〕\d、（）]*[\u4e00-\u9fff]/g;

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * The numbers a text states, as values. English ordinals ("7th census", "13th plan") are names, written
 * in Chinese words (第七次, 十三五), so they are left out; an English month name next to a number is its
 * month's number, as a Chinese date writes it; thousands separators are ignored; in Chinese, 万 and 亿
 * multiply the number before them.
 */
function numbersIn(text: string, lang: "zh" | "en"): number[] {
  let t = text;
  if (lang === "en") {
    t = t.replace(/\b\d+(st|nd|rd|th)\b/g, " ");
    // An English gloss of a Chinese title ("2021年…统计公报 (Jiaxing 2021 statistical bulletin)") that only
    // restates the title's numbers states none of its own.
    t = t.replace(
      new RegExp(`(\\d*${CJK_RUN.source})\\s*\\(([^()]*)\\)`, "g"),
      (all, title: string, gloss: string) => {
        const own = numbersIn(title, "zh");
        const words = /[A-Za-z]{3,}/.test(gloss);
        return words && numbersIn(gloss, "en").every((n) => own.includes(n)) ? title : all;
      },
    );
    const months = MONTHS.join("|");
    t = t
      .replace(new RegExp(`\\b(${months})\\b(?=\\s+\\d)`, "g"), (m) => ` ${MONTHS.indexOf(m) + 1} `)
      .replace(new RegExp(`(?<=\\d\\s)(${months})\\b`, "g"), (m) => ` ${MONTHS.indexOf(m) + 1} `);
  }
  const out: number[] = [];
  for (const m of t.matchAll(/\d+(?:,\d{3})*(?:\.\d+)?(\s*[万亿])?/g)) {
    const unit = m[1]?.trim();
    const v = Number(m[0].replace(/[万亿\s]/g, "").replaceAll(",", ""));
    out.push(lang === "zh" && unit === "万" ? v * 1e4 : lang === "zh" && unit === "亿" ? v * 1e8 : v);
  }
  return out;
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * The numbers of an English text that its Chinese rendering does not state, and those the Chinese
 * states that the English does not, as "en: x" and "zh: y" lines. An English number counts as stated
 * if the Chinese has it, or — when the English counts in millions or billions ("82.96 million",
 * "14.81 M", "25.18 of 85.02 million") — has it in those units (8296万, 1481万, 2518万).
 */
function numberMismatch(s: Bi): string[] {
  const zh = numbersIn(s.zh, "zh");
  const inMillions = /\d\s*(million|M)\b/.test(s.en);
  const inBillions = /\d\s*billion\b/.test(s.en);
  const missing: string[] = [];
  for (const v of numbersIn(s.en, "en")) {
    const candidates = [v, ...(inMillions ? [v * 1e6] : []), ...(inBillions ? [v * 1e9] : [])];
    const i = zh.findIndex((z) => candidates.some((c) => same(c, z)));
    if (i < 0) missing.push(`en: ${v}`);
    else zh.splice(i, 1);
  }
  return [...missing, ...zh.map((z) => `zh: ${z}`)];
}

/** A citation of something only the code repository holds: its folders, data files and notes. */
const REPOSITORY_PATH = /scenarios\/|evidence\/|shared\/|\.json\b|\.md\b|DOMAIN-NOTES|README/;

describe("a provenance's source", () => {
  const parse = (source: unknown) => provenanceSchema.safeParse({ kind: "estimate", source });

  it("is one text or the same citation in both languages", () => {
    expect(parse("Jiaxing statistical bulletin 2021").success).toBe(true);
    expect(parse({ zh: "嘉兴市统计公报", en: "Jiaxing statistical bulletin" }).success).toBe(true);
  });

  it("refuses an empty text, an empty or missing language, and anything else", () => {
    for (const bad of ["", { zh: "", en: "x" }, { zh: "x", en: "" }, { zh: "x" }, { en: "x" }, 3, null, []])
      expect(parse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(parse({ zh: "x", en: "y", fr: "z" }).success).toBe(false);
  });

  it("says where an empty language is and what is wrong with it, in both languages", () => {
    const r = parseWith(provenanceSchema, { kind: "estimate", source: { zh: "", en: "x" } }, "s.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toEqual([
      { file: "s.json", path: "source.zh", message: { zh: "不能为空", en: "must not be empty" } },
    ]);
  });

  it("is shown in the reader's language; a single text as written, in both", () => {
    const bi: Provenance = {
      kind: "published",
      source: { zh: "《公报》：5,400,868人", en: "Bulletin: 5,400,868" },
    };
    expect(sourceText(bi, "zh-CN")).toBe("《公报》：5,400,868人");
    expect(sourceText(bi, "en")).toBe("Bulletin: 5,400,868");
    const one: Provenance = { kind: "estimate", source: "scaffold placeholder" };
    expect(sourceText(one, "zh-CN")).toBe("scaffold placeholder");
    expect(sourceText(one, "en")).toBe("scaffold placeholder");
  });
});

describe("shipped sources", () => {
  const bilingualSources = shipped.flatMap(({ file, data }) =>
    provenancesIn(data)
      .filter(({ p }) => typeof p.source !== "string")
      .map(({ where, p }) => ({ where: `${file}: ${where}`, s: p.source as Bi })),
  );

  it("the two reference baselines cite every source in both languages", () => {
    for (const file of ["scenarios/jiaxing-baseline.json", "scenarios/huyi-baseline.json"]) {
      const data = shipped.find((f) => f.file === file)!.data;
      const single = provenancesIn(data).filter(({ p }) => typeof p.source === "string");
      expect(single.map(({ where }) => where)).toEqual([]);
    }
  });

  it("no shipped source is English-only: a single text is Chinese (a title as printed), never a marker", () => {
    const englishOnly = shipped.flatMap(({ file, data }) =>
      provenancesIn(data)
        .filter(({ p }) => typeof p.source === "string" && !/[\u4e00-\u9fff]/.test(p.source))
        .map(({ where, p }) => `${file}: ${where}: ${p.source as string}`),
    );
    expect(englishOnly).toEqual([]);
  });

  it("the scaffold marks its placeholders in both languages", () => {
    for (const marker of Object.values(SCAFFOLD_SOURCE)) {
      expect(/[\u4e00-\u9fff]/.test(marker.zh)).toBe(true);
      expect(/^scaffold\b/.test(marker.en)).toBe(true);
    }
  });

  it("every bilingual source states the same numbers in Chinese as in English", () => {
    expect(bilingualSources.length).toBeGreaterThan(100);
    const bad = bilingualSources.flatMap(({ where, s }) => numberMismatch(s).map((m) => `${where}: ${m}`));
    expect(bad).toEqual([]);
  });

  it("a Chinese rendering is Chinese, and keeps the English text's Chinese titles", () => {
    for (const { where, s } of bilingualSources) {
      expect(/[\u4e00-\u9fff]/.test(s.zh), where).toBe(true);
      for (const title of s.en.match(CJK_RUN) ?? []) expect(s.zh, `${where}: ${title}`).toContain(title);
    }
  });

  it("the number check can fail: a changed, dropped or added number is caught", () => {
    const en =
      "嘉兴市第七次全国人口普查公报 (7th census, 2021): 5,400,868 residents on 1 November 2020; 82.96 million";
    const zh = "《嘉兴市第七次全国人口普查公报》（2021年）：2020年11月1日常住人口5,400,868人；8296万";
    expect(numberMismatch({ zh, en })).toEqual([]);
    expect(numberMismatch({ zh: zh.replace("5,400,868", "5,400,886"), en })).toEqual([
      "en: 5400868",
      "zh: 5400886",
    ]);
    expect(numberMismatch({ zh: zh.replace("11月1日", "11月"), en })).toEqual(["en: 1"]);
    expect(numberMismatch({ zh: `${zh}，约3%`, en })).toEqual(["zh: 3"]);
    // A gloss that restates a title's year adds no number; one that adds a year does.
    const bulletin = "2021年嘉兴市国民经济和社会发展统计公报";
    expect(
      numberMismatch({ zh: `《${bulletin}》：5.9‰`, en: `${bulletin} (Jiaxing 2021 bulletin): 5.9‰` }),
    ).toEqual([]);
    expect(numberMismatch({ zh: `《${bulletin}》：5.9‰`, en: `${bulletin} (read 2022): 5.9‰` })).toEqual([
      "en: 2022",
    ]);
    expect(numberMismatch({ zh: zh.replace("8296万", "829.6万"), en })).toEqual(["en: 82.96", "zh: 8296000"]);
  });
});

describe("nothing people read cites the code repository", () => {
  it("no name, title, description, note, label or source of a shipped scenario or plan names a repository path", () => {
    const bad = shipped.flatMap(({ file, data }) =>
      shownTexts(data)
        .filter(({ text }) => REPOSITORY_PATH.test(text))
        .map(({ where, text }) => `${file}: ${where}: ${text}`),
    );
    expect(bad).toEqual([]);
  });

  it("the check can fail", () => {
    const texts = shownTexts({
      description: { zh: "见 scenarios/evidence/x.json", en: "see README" },
      assumptions: { a: { provenance: { kind: "estimate", source: "shared/DOMAIN-NOTES.md" } } },
      source: { file: "seeds/000.txt", title: "《规划》" },
    });
    expect(texts.filter(({ text }) => REPOSITORY_PATH.test(text)).map(({ where }) => where)).toEqual([
      "description.zh",
      "description.en",
      "assumptions.a.provenance.source",
    ]);
  });
});
