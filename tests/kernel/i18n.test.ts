import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import {
  createI18n,
  detectLang,
  en,
  interpolate,
  LANG_STORAGE_KEY,
  type MessageKey,
  useI18n,
  zhCN,
} from "../../src/kernel/i18n.ts";

/** An in-memory stand-in for localStorage. */
function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      data.set(k, v);
    },
  };
}

describe("catalogues", () => {
  it("zh-CN has every English key and no other, none empty", () => {
    const enKeys = Object.keys(en).sort();
    const zhKeys = Object.keys(zhCN).sort();
    expect(zhKeys).toEqual(enKeys);
    for (const key of enKeys as MessageKey[]) {
      expect(en[key].trim(), `en ${key}`).not.toBe("");
      expect(zhCN[key].trim(), `zh-CN ${key}`).not.toBe("");
    }
  });

  it("uses the same placeholders in both languages", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(names(zhCN[key]), key).toEqual(names(en[key]));
    }
  });
});

describe("interpolate", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(interpolate("{a} of {b}", { a: 3, b: "x" })).toBe("3 of x");
    expect(interpolate("{a} and {missing}", { a: 1 })).toBe("1 and {missing}");
    expect(interpolate("no params")).toBe("no params");
  });
});

describe("detectLang", () => {
  it("takes the first Chinese or English browser language, else zh-CN", () => {
    expect(detectLang(["en-GB", "zh-CN"])).toBe("en");
    expect(detectLang(["zh-TW", "en"])).toBe("zh-CN");
    expect(detectLang(["fr-FR", "en-US"])).toBe("en");
    expect(detectLang(["fr-FR", "de"])).toBe("zh-CN");
    expect(detectLang([])).toBe("zh-CN");
    expect(detectLang(undefined)).toBe("zh-CN");
    expect(detectLang(["english"])).toBe("zh-CN");
  });
});

describe("createI18n", () => {
  it("starts from a valid stored choice over the browser language", () => {
    createRoot((dispose) => {
      const root = { lang: "" };
      const i18n = createI18n({
        storage: memoryStorage({ [LANG_STORAGE_KEY]: "en" }),
        languages: ["zh-CN"],
        root,
      });
      expect(i18n.lang()).toBe("en");
      expect(root.lang).toBe("en");
      expect(i18n.t("plans.heading")).toBe("Plans");
      dispose();
    });
  });

  it("ignores a bad stored value and falls back to the browser language, then zh-CN", () => {
    createRoot((dispose) => {
      for (const bad of ["fr", "EN", "", '"en"', "zh"]) {
        const store = memoryStorage({ [LANG_STORAGE_KEY]: bad });
        expect(createI18n({ storage: store, languages: ["en-US"], root: null }).lang(), bad).toBe("en");
        expect(createI18n({ storage: store, languages: ["de"], root: null }).lang(), bad).toBe("zh-CN");
      }
      dispose();
    });
  });

  it("survives a storage that throws", () => {
    createRoot((dispose) => {
      const broken = {
        getItem: () => {
          throw new Error("denied");
        },
        setItem: () => {
          throw new Error("quota");
        },
      };
      const i18n = createI18n({ storage: broken, languages: ["en"], root: null });
      expect(i18n.lang()).toBe("en");
      i18n.setLang("zh-CN");
      expect(i18n.lang()).toBe("zh-CN");
      dispose();
    });
  });

  it("switches language, translating messages, persisting the choice and keeping <html lang> in step", () => {
    createRoot((dispose) => {
      const store = memoryStorage();
      const root = { lang: "" };
      const i18n = createI18n({ storage: store, languages: [], root });
      expect(i18n.lang()).toBe("zh-CN");
      expect(root.lang).toBe("zh-CN");
      expect(i18n.t("plans.heading")).toBe("规划");
      expect(i18n.t("summary.caption", { count: 14 })).toBe("规划所列指标（按原文，共 14 项）");

      i18n.setLang("en");
      expect(i18n.lang()).toBe("en");
      expect(root.lang).toBe("en");
      expect(store.data.get(LANG_STORAGE_KEY)).toBe("en");
      expect(i18n.t("summary.caption", { count: 14 })).toBe("Indicators as printed in the plan (14)");
      dispose();
    });
  });
});

describe("useI18n", () => {
  it("throws outside its provider", () => {
    createRoot((dispose) => {
      expect(() => useI18n()).toThrow(/outside <I18nProvider>/);
      dispose();
    });
  });
});
