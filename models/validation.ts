import type * as z from "zod/mini";
import { err, ok } from "./result.ts";
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
  /**
   * The same place in words of each language ("第 6 行“数值”列" / "row 6, column 数值"), where `path`
   * is not a JSON path a person reads as it is (CSV rows and columns, JSON lines and columns).
   */
  where?: Bilingual;
}

/** The place of an issue in the person's language: its `where` if it has one, else its path. */
export function placeOf(issue: InputIssue, lang: "zh-CN" | "en"): string {
  if (issue.where) return lang === "zh-CN" ? issue.where.zh : issue.where.en;
  return issue.path;
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

/** The pattern every id in the data follows (plans, scenarios, indicators, components). */
const ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";

/** Formats a person can be told in words: ids, dates. */
const FORMATS: Record<string, Bilingual> = {
  id: {
    zh: "只能用小写字母、数字和单个连字符，例如 huyi-2021-2025",
    en: "of lower-case letters, digits and single hyphens, such as huyi-2021-2025",
  },
  date: { zh: "应为“年-月-日”，例如 2021-07-21", en: "year-month-day, such as 2021-07-21" },
};

function formatKey(issue: z.core.$ZodIssue): string {
  if (issue.code !== "invalid_format") return "";
  if (issue.format === "regex") {
    const pattern = (issue as { pattern?: string }).pattern ?? "";
    return pattern.replace(/^\/|\/[a-z]*$/g, "") === ID_PATTERN ? "id" : "";
  }
  return issue.format;
}

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
    case "invalid_format": {
      const got = valueAt(input, issue.path);
      const shown: Bilingual =
        typeof got === "string" ? { zh: `“${got}”`, en: `"${got}"` } : { zh: "此值", en: "the value" };
      const form = FORMATS[formatKey(issue)];
      if (form)
        return { zh: `${shown.zh}不合格式：${form.zh}`, en: `${shown.en} is not in the form ${form.en}` };
      return {
        zh: `${shown.zh}格式不正确（应为 ${issue.format}）`,
        en: `${shown.en} has the wrong format (expected ${issue.format})`,
      };
    }
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

/** Keys that name an object's prototype machinery; in data they can only be a mistake or an attack. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Every key `__proto__`, `constructor` or `prototype` anywhere in `value`, as issues naming its path.
 * `JSON.parse` keeps such a key as an ordinary own property, but any later `Object.assign` or
 * `target[key] = …` would reach the prototype with it; so it is reported rather than dropped. The
 * walk uses its own stack, so the deepest JSON the engine accepts cannot overflow it.
 */
export function forbiddenKeys(value: unknown, file: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const stack: { v: unknown; path: PropertyKey[] }[] = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
      continue;
    }
    const keys = Object.keys(v);
    // Issues in the order the keys are written; children onto the stack in reverse, so read in order.
    for (const key of keys) {
      if (!FORBIDDEN_KEYS.has(key)) continue;
      issues.push({
        file,
        path: formatPath([...path, key]),
        message: {
          zh: `不允许使用字段名 “${key}”（它会改写对象的原型）`,
          en: `the field name "${key}" is not allowed (it would reach the object's prototype)`,
        },
      });
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      if (!FORBIDDEN_KEYS.has(key))
        stack.push({ v: (v as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return issues;
}

/**
 * Validates `input` against `schema`, returning every problem as an {@link InputIssue}. A key that
 * could reach a prototype (see {@link forbiddenKeys}) is refused before the schema sees it.
 */
export function parseWith<T>(
  schema: z.ZodMiniType<T>,
  input: unknown,
  file: string,
): Result<T, InputIssue[]> {
  const bad = forbiddenKeys(input, file);
  if (bad.length > 0) return err(bad);
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return err(
    parsed.error.issues.map((issue) => ({
      file,
      path: formatPath(issue.path),
      message: describeIssue(issue, input),
    })),
  );
}

/**
 * Parses JSON text from outside: a UTF-8 byte order mark is dropped, CRLF is whitespace as any other;
 * an empty file, a syntax error (with its line and column, and the character found there) and a key
 * that could reach a prototype are each reported as an {@link InputIssue} naming the file. Messages
 * are one line each, so that every printed line names its file.
 */
export function parseJsonText(text: string, file: string): Result<unknown, InputIssue[]> {
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "") {
    return err([{ file, path: "", message: { zh: "文件是空的", en: "the file is empty" } }]);
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).replace(/\s*[\r\n]+\s*/g, " ");
    const at = syntaxErrorAt(body);
    if (!at) {
      return err([
        { file, path: "", message: { zh: `不是有效的 JSON：${msg}`, en: `not valid JSON: ${msg}` } },
      ]);
    }
    const found = body[at.offset];
    const what: Bilingual =
      found === undefined
        ? { zh: "文件在此意外结束", en: "the file ends too early" }
        : {
            zh: `此处的 ${JSON.stringify(found)} 不符合 JSON 语法`,
            en: `${JSON.stringify(found)} here does not fit JSON syntax`,
          };
    return err([
      {
        file,
        path: `line ${at.line}, column ${at.column}`,
        where: { zh: `第 ${at.line} 行第 ${at.column} 列`, en: `line ${at.line}, column ${at.column}` },
        message: {
          zh: `不是有效的 JSON：${what.zh}`,
          en: `not valid JSON: ${what.en}`,
        },
      },
    ]);
  }
  const bad = forbiddenKeys(value, file);
  return bad.length > 0 ? err(bad) : ok(value);
}

/**
 * Where a JSON syntax error is. Engines disagree (V8 gives a position for some errors and only a
 * snippet of the text for others, Firefox a line and column), so the text is scanned here: the first
 * offset at which it stops being JSON (RFC 8259), with its line and column counted from 1.
 */
export function syntaxErrorAt(text: string): { line: number; column: number; offset: number } | null {
  const offset = jsonErrorOffset(text);
  if (offset === null) return null;
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - (before.lastIndexOf("\n") + 1) + 1;
  return { line, column, offset };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;

/** The offset of the first character that breaks JSON syntax, or null if the text is valid JSON. */
function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const string = (): boolean => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i++;
            return false;
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          return false;
        }
      } else i++;
    }
    return false;
  };
  const number = (): boolean => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  // Containers on an explicit stack: "[" or "{"; `expect` says what may come next.
  const stack: string[] = [];
  let expect: "value" | "key" | "after-value" | "colon" | "first-value" | "first-key" = "value";
  for (;;) {
    ws();
    if (i >= n) return expect === "after-value" && stack.length === 0 ? null : n;
    const c = text[i]!;
    switch (expect) {
      case "value":
      case "first-value": {
        if (c === "]" && expect === "first-value") {
          stack.pop();
          i++;
          expect = "after-value";
          break;
        }
        if (c === "{") {
          stack.push("{");
          i++;
          expect = "first-key";
        } else if (c === "[") {
          stack.push("[");
          i++;
          expect = "first-value";
        } else if (c === '"') {
          if (!string()) return i;
          expect = "after-value";
        } else if (c === "-" || (c >= "0" && c <= "9")) {
          if (!number()) return i;
          expect = "after-value";
        } else {
          const word = ["true", "false", "null"].find((w) => text.startsWith(w, i));
          if (!word) return i;
          i += word.length;
          expect = "after-value";
        }
        break;
      }
      case "key":
      case "first-key": {
        if (c === "}" && expect === "first-key") {
          stack.pop();
          i++;
          expect = "after-value";
          break;
        }
        if (c !== '"') return i;
        if (!string()) return i;
        expect = "colon";
        break;
      }
      case "colon":
        if (c !== ":") return i;
        i++;
        expect = "value";
        break;
      case "after-value": {
        const top = stack.at(-1);
        if (top === undefined) return i;
        if (c === ",") {
          i++;
          expect = top === "{" ? "key" : "value";
        } else if ((c === "]" && top === "[") || (c === "}" && top === "{")) {
          stack.pop();
          i++;
        } else return i;
        break;
      }
    }
  }
}

/** One line a person reads: `file › place: message`, the place in the person's language. */
export function formatIssue(issue: InputIssue, lang: "zh-CN" | "en"): string {
  const place = placeOf(issue, lang);
  const where = place === "" ? issue.file : `${issue.file} › ${place}`;
  return `${where}: ${lang === "zh-CN" ? issue.message.zh : issue.message.en}`;
}
