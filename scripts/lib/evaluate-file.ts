import { resolve } from "node:path";
import { evaluate } from "../../models/engine.ts";
import { baselineOf, buildLibrary, type LoadedFile, prepare } from "../../models/library.ts";
import type { Sampling } from "../../models/monte-carlo.ts";
import type { Plan } from "../../models/plan.ts";
import { err, fail, ok, type Result } from "../../models/result.ts";
import type { Actual, ScenarioFile } from "../../models/scenario.ts";
import type { InputIssue } from "../../models/validation.ts";
import { kindOf, loadRepositoryFiles, readJsonFile, SCENARIOS_DIR } from "./load.ts";
import { type PlanRecord, toRecord } from "./report.ts";

export interface FileTask {
  path: string;
  samples: number;
  seed: number;
  sampling: Sampling;
  /** Actuals by plan id. */
  actuals: Record<string, Actual[]>;
}

/** One file evaluated: its record and plan, or the issues that stopped it. */
export type FileOutcome = Result<{ record: PlanRecord; plan: Plan }, InputIssue[]>;

let repoFiles: ReturnType<typeof loadRepositoryFiles> | undefined;
/**
 * The repository's scenarios/ files, read and JSON-parsed once per process (per CLI worker): a batch
 * of a thousand files would otherwise re-read the whole library for each. The CLI is short-lived, so
 * edits made while it runs are not its concern.
 */
function repositoryFiles(): ReturnType<typeof loadRepositoryFiles> {
  repoFiles ??= loadRepositoryFiles();
  return repoFiles;
}

/** A file's plan id: a plan's own id, a scenario's or bindings file's `planId`. */
function planIdOf(data: unknown, kind: LoadedFile["kind"]): string | undefined {
  if (data === null || typeof data !== "object") return undefined;
  const d = data as { id?: unknown; planId?: unknown };
  const id = kind === "plan" ? d.id : d.planId;
  return typeof id === "string" ? id : undefined;
}

/**
 * The repository files a file's evaluation reads: its plan, the plan's bindings and scenarios. Building
 * (validating) the whole library for every file was most of the tool's start-up (issue 12's profile:
 * zod parsing every shipped plan and scenario); other plans' files are not needed.
 */
function samePlan(data: unknown, kind: LoadedFile["kind"], repo: readonly LoadedFile[]): LoadedFile[] {
  const planId = planIdOf(data, kind);
  if (planId === undefined) return [...repo];
  return repo.filter((f) => planIdOf(f.data, f.kind) === planId);
}

/**
 * Evaluates one plan or scenario file against the repository's library: a plan file runs its baseline
 * scenario; a scenario file may extend any scenario in scenarios/. Pure apart from reading files.
 */
export function evaluateFile(task: FileTask): FileOutcome {
  const display = task.path;
  const read = readJsonFile(task.path, display);
  if (!read.ok) return read;
  const abs = resolve(task.path);
  const repo = repositoryFiles();
  const inRepo = abs.startsWith(SCENARIOS_DIR);
  const kind = kindOf(abs, read.value);
  const others = repo.files.filter((f) => resolve(f.file) !== abs);
  const lib = buildLibrary([
    { file: display, kind, data: read.value },
    ...samePlan(read.value, kind, others),
  ]);
  const own = lib.issues.filter((i) => i.file === display);
  if (own.length > 0) return err(own);
  if (kind === "bindings") {
    return fail(display, "", {
      zh: "这是模型绑定文件；请给出规划或情景文件",
      en: "this is a bindings file; give a plan or scenario file",
    });
  }
  let scenario: ScenarioFile | undefined;
  if (kind === "plan") {
    const planId = (read.value as { id: string }).id;
    scenario = baselineOf(lib, planId);
    if (!scenario) {
      return fail(display, "id", {
        zh: `规划 “${planId}” 没有基准情景`,
        en: `plan "${planId}" has no baseline scenario`,
      });
    }
  } else {
    scenario = lib.scenarios.get((read.value as { id: string }).id);
  }
  if (!scenario) return fail(display, "", { zh: "无法识别的文件", en: "unrecognised file" });
  const scenarioFile = kind === "plan" ? (lib.fileOf.get(`scenario:${scenario.id}`) ?? display) : display;
  const prepared = prepare(lib, scenario, scenarioFile);
  if (!prepared.ok) return prepared;
  const { plan, world, scenario: resolved } = prepared.value;
  const actuals = [...resolved.actuals, ...(task.actuals[plan.id] ?? [])];
  const ev = evaluate(world, {
    samples: task.samples,
    seed: task.seed,
    sampling: task.sampling,
    bands: resolved.bands,
    actuals,
  });
  void inRepo;
  return ok({ record: toRecord(display, resolved.id, plan, ev), plan });
}

/** {@link evaluateFile}, with an internal error turned into an issue naming the file. */
export function evaluateGuarded(task: FileTask): FileOutcome {
  try {
    return evaluateFile(task);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return fail(task.path, "", { zh: `内部错误：${why}`, en: `internal error: ${why}` });
  }
}
