import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { buildLibrary, type Library, type LoadedFile } from "../../models/library.ts";
import { fail, type Result } from "../../models/result.ts";
import { type InputIssue, parseJsonText } from "../../models/validation.ts";

/** The repository's scenarios/ folder. */
export const SCENARIOS_DIR = resolve(import.meta.dirname, "../../scenarios");

/** Classifies a JSON file by where it sits: scenarios/plans/ holds plans, scenarios/bindings/ bindings. */
export function kindOf(path: string, data: unknown): LoadedFile["kind"] {
  const parts = resolve(path).split(sep);
  if (parts.includes("plans")) return "plan";
  if (parts.includes("bindings")) return "bindings";
  if (data && typeof data === "object" && "indicators" in data && "components" in data) return "bindings";
  if (data && typeof data === "object" && "indicators" in data && "title" in data) return "plan";
  return "scenario";
}

/** Reads and JSON-parses one file; the issue names the file for a read or syntax error. */
export function readJsonFile(path: string, display = path): Result<unknown, InputIssue[]> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return fail(display, "", { zh: `无法读取文件：${why}`, en: `cannot read the file: ${why}` });
  }
  return parseJsonText(text, display);
}

/** Folders under scenarios/ that hold other data than plans, bindings and scenarios. */
const NOT_LIBRARY = new Set(["workshops", "evidence"]);

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (!NOT_LIBRARY.has(name)) out.push(...walk(p));
    } else if (name.endsWith(".json")) out.push(p);
  }
  return out;
}

/** Every JSON file under scenarios/, as files for {@link buildLibrary}. */
export function loadRepositoryFiles(dir = SCENARIOS_DIR): { files: LoadedFile[]; issues: InputIssue[] } {
  const files: LoadedFile[] = [];
  const issues: InputIssue[] = [];
  for (const p of walk(dir)) {
    const display = relative(process.cwd(), p) || p;
    const r = readJsonFile(p, display);
    if (!r.ok) issues.push(...r.error);
    else files.push({ file: display, kind: kindOf(p, r.value), data: r.value });
  }
  return { files, issues };
}

export function loadRepositoryLibrary(dir = SCENARIOS_DIR): Library {
  const { files, issues } = loadRepositoryFiles(dir);
  const lib = buildLibrary(files);
  lib.issues.unshift(...issues);
  return lib;
}
