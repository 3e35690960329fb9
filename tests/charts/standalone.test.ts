import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { breakPieces, textWidth, wrapText } from "../../src/charts/standalone.ts";

/**
 * The text layout of a standalone chart, without a DOM: widths are estimated per character, lines wrap
 * where the language allows, and no character is ever cut. (The frame itself is drawn and measured in
 * Chromium: tests/browser/exports.test.ts.)
 */

const ZH_TITLE = "符合条件残疾人家庭无障碍改造率（户），到2025年达到95%以上。";
const EN_TITLE = "Home accessibility-retrofit rate of eligible disabled people's households";

describe("textWidth", () => {
  it("sets a CJK character an em wide, Latin letters narrower, bold Latin wider", () => {
    expect(textWidth("残疾人", 10)).toBe(30);
    expect(textWidth("abc", 10)).toBeLessThan(30);
    expect(textWidth("abc", 10, true)).toBeGreaterThan(textWidth("abc", 10));
    expect(textWidth("残", 10, true)).toBe(10);
    expect(textWidth("", 10)).toBe(0);
  });
});

describe("breakPieces", () => {
  it("breaks Chinese between characters, keeping closing marks with what precedes and opening marks with what follows", () => {
    expect(breakPieces("改造率（户），达到")).toEqual(["改", "造", "率", "（户），", "达", "到"]);
  });

  it("breaks Latin text after spaces, hyphens and slashes, never inside a word", () => {
    expect(breakPieces("home accessibility-retrofit rate/year")).toEqual([
      "home ",
      "accessibility-",
      "retrofit ",
      "rate/",
      "year",
    ]);
  });

  it("gives the text back when joined, for any text (astral characters included)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect(breakPieces(s).join("")).toBe(s);
      }),
    );
    expect(breakPieces("𠀀𠀁 ab").join("")).toBe("𠀀𠀁 ab");
  });
});

describe("wrapText", () => {
  it("wraps Chinese within the width without cutting a character, and starts no line with a closing mark", () => {
    const lines = wrapText(ZH_TITLE, 120, 12);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join("")).toBe(ZH_TITLE);
    for (const l of lines) {
      expect(textWidth(l, 12)).toBeLessThanOrEqual(120);
      expect(l).not.toMatch(/^[，。、）》”]/);
      expect(l).not.toMatch(/（$/);
    }
  });

  it("wraps English at spaces and hyphens, dropping the spaces at line ends", () => {
    const lines = wrapText(EN_TITLE, 200, 13, { bold: true });
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(" ").replace("- ", "-")).toBe(EN_TITLE);
    for (const l of lines) {
      expect(textWidth(l, 13, true)).toBeLessThanOrEqual(200);
      expect(l).toBe(l.trim());
    }
  });

  it("cuts a word longer than a line between characters", () => {
    const url = "https://www.nmg.gov.cn/zwgk/zfxxgk/zfxxgkml/ghxx/202112/W020211203480876889605";
    const lines = wrapText(url, 100, 11);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join("")).toBe(url.replace(/\/$/, ""));
    for (const l of lines) expect(textWidth(l, 11)).toBeLessThanOrEqual(100);
  });

  it("stops at maxLines, ending the last line with an ellipsis that still fits", () => {
    const lines = wrapText(ZH_TITLE.repeat(4), 120, 12, { maxLines: 2 });
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith("…")).toBe(true);
    expect(textWidth(lines[1]!, 12)).toBeLessThanOrEqual(120);
    expect(wrapText("短", 120, 12, { maxLines: 2 })).toEqual(["短"]);
  });

  it("keeps every line within the width and every character of the text, for any text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("残", "疾", "人", "，", "（", "）", "a", "bc", " ", "-", "W", "𠀀"), {
          maxLength: 80,
        }),
        fc.integer({ min: 40, max: 400 }),
        (parts, width) => {
          const text = parts.join("");
          const lines = wrapText(text, width, 12);
          for (const l of lines) expect(textWidth(l, 12)).toBeLessThanOrEqual(width);
          expect(lines.join("").replace(/ /g, "")).toBe(text.replace(/ /g, ""));
        },
      ),
    );
  });
});
