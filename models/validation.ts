import type { z } from "zod";
import type { Bilingual, Result } from "./text.ts";

/**
 * One problem found in a file from outside: which file, where inside it, and what is wrong, in both
 * languages. Every parser at the product's edge reports problems in this shape.
 */
export interface InputIssue {
  /** The file (or "URL", "clipboard", a storage key) the input came from. */
  file: string;
  /** Where inside it, as a JSON path such as `indicators[3].target.comparator`; "" for the whole input. */
  path: string;
  message: Bilingual;
}

/** Formats a path array the way a person reads it: `indicators[3].target.value`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

const TYPE_NAMES: Record<string, Bilingual> = {
  number: { zh: "数字", en: "a number" },
  string: { zh: "文本", en: "text" },
  boolean: { zh: "布尔值（true/false）", en: "true or false" },
  object: { zh: "对象", en: "an object" },
  array: { zh: "数组", en: "a list" },
  null: { zh: "null", en: "null" },
  undefined: { zh: "缺失", en: "missing" },
  int: { zh: "整数", en: "a whole number" },
};

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function typeName(t: string): Bilingual {
  return TYPE_NAMES[t] ?? { zh: t, en: t };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/**
 * Turns one zod issue into a bilingual sentence. Custom checks in the schemas carry their own
 * bilingual message in `params.message`; built-in checks are translated here.
 */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): Bilingual {
  switch (issue.code) {
    case "invalid_type": {
      const got = typeOf(valueAt(input, issue.path));
      if (got === "undefined") {
        return { zh: "缺少必填字段", en: "a required field is missing" };
      }
      const want = typeName(issue.expected);
      const have = typeName(got);
      const hint =
        issue.expected === "number" && got === "string"
          ? { zh: "（数字不要加引号）", en: " (write numbers without quotes)" }
          : { zh: "", en: "" };
      return {
        zh: `应为${want.zh}，实际是${have.zh}${hint.zh}`,
        en: `expected ${want.en}, got ${have.en}${hint.en}`,
      };
    }
    case "unrecognized_keys": {
      const keys = issue.keys.map((k) => `“${k}”`).join("、");
      const keysEn = issue.keys.map((k) => `"${k}"`).join(", ");
      return { zh: `未知字段 ${keys}`, en: `unknown field ${keysEn}` };
    }
    case "invalid_value": {
      if (valueAt(input, issue.path) === undefined) {
        return { zh: "缺少必填字段", en: "a required field is missing" };
      }
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(", ");
      const got = JSON.stringify(valueAt(input, issue.path));
      return {
        zh: `取值 ${got} 无效，允许的取值：${allowed}`,
        en: `${got} is not allowed; allowed values: ${allowed}`,
      };
    }
    case "too_big": {
      const bound = String(issue.maximum);
      return issue.inclusive === false
        ? { zh: `应小于 ${bound}`, en: `must be less than ${bound}` }
        : { zh: `不能大于 ${bound}`, en: `must be at most ${bound}` };
    }
    case "too_small": {
      const bound = String(issue.minimum);
      if (issue.origin === "string" && Number(issue.minimum) === 1) {
        return { zh: "不能为空", en: "must not be empty" };
      }
      if (issue.origin === "array") {
        return { zh: `至少需要 ${bound} 项`, en: `needs at least ${bound} item(s)` };
      }
      return issue.inclusive === false
        ? { zh: `应大于 ${bound}`, en: `must be greater than ${bound}` }
        : { zh: `不能小于 ${bound}`, en: `must be at least ${bound}` };
    }
    case "invalid_format":
      return {
        zh: `格式不正确（应为 ${issue.format}）`,
        en: `wrong format (expected ${issue.format})`,
      };
    case "not_multiple_of":
      return { zh: "应为整数", en: "must be a whole number" };
    case "invalid_union":
      return { zh: "不符合任何允许的形式", en: "matches none of the allowed shapes" };
    case "custom": {
      const m = (issue.params as { message?: Bilingual } | undefined)?.message;
      if (m) return m;
      return { zh: issue.message, en: issue.message };
    }
    default:
      return { zh: issue.message, en: issue.message };
  }
}

/** Validates `input` against `schema`, returning every problem as an {@link InputIssue}. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, file: string): Result<T, InputIssue[]> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    error: parsed.error.issues.map((issue) => ({
      file,
      path: formatPath(issue.path),
      message: describeIssue(issue, input),
    })),
  };
}

/** Parses JSON text, reporting a syntax error as an {@link InputIssue} with the line and column. */
export function parseJsonText(text: string, file: string): Result<unknown, InputIssue[]> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: [{ file, path: "", message: { zh: `不是有效的 JSON：${msg}`, en: `not valid JSON: ${msg}` } }],
    };
  }
}

/** One line a person reads: `file › path: message`. */
export function formatIssue(issue: InputIssue, lang: "zh-CN" | "en"): string {
  const where = issue.path === "" ? issue.file : `${issue.file} › ${issue.path}`;
  return `${where}: ${lang === "zh-CN" ? issue.message.zh : issue.message.en}`;
}
