import { describe, expect, it } from "vitest";
import { formatNumber, formatSigned } from "../../src/kernel/format.ts";
import { createI18n, pluralOf } from "../../src/kernel/i18n.ts";

describe("numbers a planner reads", () => {
  it("chooses the plural form by the language's rules, never '(s)'", () => {
    expect(pluralOf("en", 1)).toBe("one");
    expect(pluralOf("en", 2)).toBe("other");
    expect(pluralOf("zh-CN", 1)).toBe("other");
    const i18n = createI18n({ storage: null, languages: ["en"], root: null });
    expect(i18n.tn("find.count", 1)).toBe("1 finding");
    expect(i18n.tn("find.count", 5)).toBe("5 findings");
    expect(i18n.tn("scn.changed", 1)).toBe("1 assumption changed in this session");
    i18n.setLang("zh-CN");
    expect(i18n.tn("find.count", 1)).not.toContain("(s)");
  });

  it("never writes -0.0", () => {
    expect(formatNumber(-0.04, "en", 1)).toBe("0.0");
    expect(formatNumber(-0, "zh-CN", 0)).toBe("0");
    expect(formatSigned(-0.04, "en", 1)).toBe("0.0");
    expect(formatNumber(-1.25, "en", 1)).toMatch(/^−1\.[23]$/);
  });
});
