import { type Accessor, createMemo, createSignal } from "solid-js";
import type { Distribution } from "../../models/distributions.ts";
import { baselineOf, type Library } from "../../models/library.ts";
import { err, ok, type Result } from "../../models/result.ts";
import { type ResolvedScenario, resolveScenario, type ScenarioFile } from "../../models/scenario.ts";
import type { InputIssue } from "../../models/validation.ts";
import { runModelFor, withImported } from "./library.ts";
// Types only: workspace.ts imports the store's types, so a value import back would be a cycle.
import type { ImportedPlan } from "./workspace.ts";

/**
 * The scenarios the workbench knows: the shipped library, the plans the person imported (each with its
 * bindings and baseline scenario), plus the scenarios the person made (each an
 * override-only file that `extends` another, never changed after it was made). The one place a
 * scenario id is looked up and resolved through its `extends` chain, and where a scenario from outside
 * (a link, a file, another tab's work) is checked before it joins.
 */
export interface ScenarioBook {
  /** The library with the person's imported plans and scenarios added. */
  library: Accessor<Library>;
  /** The plans the person imported (pasted tables), as the workspace stores them. */
  imported: Accessor<readonly ImportedPlan[]>;
  /** Replaces the imported plans (a loaded workspace); the caller checked its scenarios against them. */
  replaceImported(list: readonly ImportedPlan[]): void;
  /** Scenarios the person made, by id: an immutable value, replaced on every change. */
  created: Accessor<Readonly<Record<string, ScenarioFile>>>;
  file(id: string): ScenarioFile | undefined;
  /** A scenario resolved through its `extends` chain (undefined: no such scenario). */
  resolved(id: string): Result<ResolvedScenario, InputIssue[]> | undefined;
  /** The distribution uncertainty switches on: the scenario's own, else its plan's baseline's. */
  distributionFor(scenarioId: string, assumptionId: string): Distribution | undefined;
  /** Whether an id is taken, and by what. */
  clashOf(id: string): "none" | "shipped" | "created";
  /** The first free id `mine-<n>`. */
  freeId(): string;
  /** Adds (or replaces) a scenario the person made; the caller checked it with {@link check}. */
  put(file: ScenarioFile): void;
  /** Replaces every scenario the person made (a loaded workspace). */
  replaceAll(list: readonly ScenarioFile[]): void;
  /**
   * Checks scenarios from outside against the library as it would be with them added: plan known,
   * `extends` present, no clash with a shipped scenario (or, unless `replacing`, with another one),
   * and every override naming a real assumption with a value in range. `file` names the input.
   */
  check(
    list: readonly ScenarioFile[],
    file: string,
    replacing?: string,
    imported?: readonly ImportedPlan[],
  ): Result<void, InputIssue[]>;
}

/** Creates the book over a shipped library; call inside a reactive owner. */
export function createScenarioBook(shipped: Library): ScenarioBook {
  // A signal of plain values, not a store: a store proxy must never reach a worker or the library.
  const [created, setCreated] = createSignal<Readonly<Record<string, ScenarioFile>>>({});
  const [imported, setImported] = createSignal<readonly ImportedPlan[]>([]);
  /** Shipped and imported plans: what the person's scenarios may build on. */
  const base = createMemo((): Library => withImported(shipped, imported()));

  const library = createMemo((): Library => {
    const mine = Object.values(created());
    const lib = base();
    if (mine.length === 0) return lib;
    const scenarios = new Map(lib.scenarios);
    for (const sc of mine) scenarios.set(sc.id, sc);
    return { ...lib, scenarios };
  });

  const file = (id: string): ScenarioFile | undefined => library().scenarios.get(id);

  function resolved(id: string): Result<ResolvedScenario, InputIssue[]> | undefined {
    const s = file(id);
    return s ? resolveScenario(s, library().scenarios, id) : undefined;
  }

  return {
    library,
    imported,
    replaceImported: (list) => setImported([...list]),
    created,
    file,
    resolved,
    distributionFor(scenarioId, assumptionId) {
      const r = resolved(scenarioId);
      const own = r?.ok ? r.value.assumptions[assumptionId]?.uncertainty : undefined;
      if (own) return own;
      const s = file(scenarioId);
      return (s ? baselineOf(base(), s.planId) : undefined)?.assumptions?.[assumptionId]?.uncertainty;
    },
    clashOf(id) {
      if (id in created()) return "created";
      return library().scenarios.has(id) ? "shipped" : "none";
    },
    freeId() {
      const taken = library().scenarios;
      let n = 1;
      while (taken.has(`mine-${n}`)) n++;
      return `mine-${n}`;
    },
    put(sc) {
      const copy = structuredClone(sc);
      setCreated((all) => ({ ...all, [copy.id]: copy }));
    },
    replaceAll(list) {
      setCreated(Object.fromEntries(list.map((sc) => [sc.id, structuredClone(sc)] as const)));
    },
    check(list, source, replacing, withPlans) {
      const lib = withPlans === undefined ? base() : withImported(shipped, withPlans);
      const issues: InputIssue[] = [];
      const scenarios = new Map(lib.scenarios);
      for (const [id, sc] of Object.entries(created()))
        if (!list.some((x) => x.id === id)) scenarios.set(id, sc);
      list.forEach((sc, i) => {
        const at = (p: string) => (list.length > 1 || source === "workspace" ? `scenarios[${i}].${p}` : p);
        const issue = (path: string, zh: string, en: string) =>
          issues.push({ file: source, path: at(path), message: { zh, en } });
        if (lib.scenarios.has(sc.id))
          issue(
            "id",
            `情景 id “${sc.id}” 与随应用提供的情景相同`,
            `scenario id "${sc.id}" is the id of a scenario shipped with the app`,
          );
        else if (replacing !== sc.id && sc.id in created() && list.length === 1)
          issue("id", `已有 id 为 “${sc.id}” 的情景`, `a scenario with the id "${sc.id}" already exists`);
        if (!lib.plans.has(sc.planId))
          issue("planId", `找不到规划 “${sc.planId}”`, `no plan "${sc.planId}" in this app`);
        if (sc.extends === undefined)
          issue(
            "extends",
            "情景必须扩展本应用中已有的一个情景（extends），只保存改动",
            "the scenario must extend one already in this app (extends) and store only its changes",
          );
        scenarios.set(sc.id, sc);
      });
      if (issues.length > 0) return err(issues);
      const withThem = { ...lib, scenarios };
      for (const sc of list) {
        const m = runModelFor(withThem, sc.id);
        if (!m.ok) issues.push(...m.error.map((e) => ({ ...e, file: source })));
      }
      return issues.length > 0 ? err(issues) : ok(undefined);
    },
  };
}
