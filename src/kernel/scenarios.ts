import { type Accessor, createMemo, createSignal } from "solid-js";
import { baselineOf } from "../../models/library.ts";
import { err, fail, ok, type Result, refuse } from "../../models/result.ts";
import { type Actual, type Override, parseScenario, type ScenarioFile } from "../../models/scenario.ts";
import type { Bilingual } from "../../models/text.ts";
import type { InputIssue } from "../../models/validation.ts";
import { type Actuals, mergeActualLists } from "./actuals.ts";
import type { Edits } from "./edits.ts";
import { runModelFor } from "./library.ts";
import type { RunModel } from "./runner.ts";
import type { ScenarioBook } from "./scenario-book.ts";

/**
 * The scenarios of the open plan and what is done with them: made from defaults or as a copy, added
 * from a link or a file, shared as one self-contained file, compared side by side. {@link runModelOf}
 * is the one place a scenario becomes what the models run: its file resolved through the book, the
 * person's unsaved edits applied, the plan's actuals laid over its own.
 */

/** How many scenarios can be compared side by side. */
export const MAX_COMPARE = 4;

/** A scenario as a picker lists it. */
export interface ScenarioEntry {
  id: string;
  name: Bilingual;
  /** Made by the person rather than shipped as a file. */
  created: boolean;
}

export interface Scenarios {
  /** Scenarios of the open plan, shipped ones first. */
  list: Accessor<ScenarioEntry[]>;
  /** What the models need to run scenario `id` as the person sees it; plain data, safe to post. */
  runModelOf(id: string): Result<RunModel, InputIssue[]>;
  /** Scenario ids to compare (2–4 for a comparison; built one at a time). */
  compare: Accessor<string[]>;
  toggleCompare(scenarioId: string): Result<string[], Bilingual>;
  clearCompare(): void;
  create(opts: { from: "defaults" | string; name: string | Bilingual }): Result<string, Bilingual>;
  add(file: ScenarioFile, mode: "new" | "rename" | "replace", source?: string): Result<string, InputIssue[]>;
  shareable(): Result<ScenarioFile, Bilingual>;
}

/** Creates the scenario operations over the book, the edits and the actuals. */
export function createScenarios(parts: { book: ScenarioBook; edits: Edits; actuals: Actuals }): Scenarios {
  const { book, edits, actuals } = parts;
  const [compare, setCompare] = createSignal<string[]>([]);

  const list = createMemo((): ScenarioEntry[] => {
    const planId = edits.planId();
    const mine = book.created();
    const out: ScenarioEntry[] = [];
    for (const s of book.library().scenarios.values())
      if (s.planId === planId) out.push({ id: s.id, name: s.name, created: s.id in mine });
    return out.sort((a, b) => Number(a.created) - Number(b.created));
  });

  /** Adds a checked file to the book and opens it. */
  function openNew(file: ScenarioFile): void {
    book.put(file);
    edits.open(file.planId, file.id);
  }

  const scenarios: Scenarios = {
    list,
    runModelOf(id) {
      const m = runModelFor(book.library(), id, edits.editsOf(id));
      if (!m.ok) return m;
      const mine = actuals.of(m.value.plan.id);
      return mine.length === 0 ? m : ok({ ...m.value, actuals: mergeActualLists(m.value.actuals, mine) });
    },
    compare,
    toggleCompare(id) {
      const s = book.file(id);
      if (!s) return refuse(`找不到情景 “${id}”`, `no scenario "${id}"`);
      if (s.planId !== edits.planId())
        return refuse("只能比较同一规划的情景", "only scenarios of the open plan can be compared");
      const now = compare();
      const has = now.includes(id);
      if (!has && now.length >= MAX_COMPARE)
        return refuse(
          `最多同时比较 ${MAX_COMPARE} 个情景`,
          `at most ${MAX_COMPARE} scenarios can be compared`,
        );
      const next = has ? now.filter((x) => x !== id) : [...now, id];
      setCompare(next);
      return ok(next);
    },
    clearCompare: () => setCompare([]),
    create({ from, name }) {
      const label =
        typeof name === "string"
          ? { zh: name.trim(), en: name.trim() }
          : { zh: name.zh.trim(), en: name.en.trim() };
      if (!label.zh || !label.en) return refuse("请为新情景起一个名字", "give the new scenario a name");
      let source: ScenarioFile | undefined;
      let overrides: Record<string, Override> | undefined;
      if (from === "defaults") {
        const planId = edits.planId();
        if (!planId) return refuse("请先打开一个规划", "open a plan first");
        source = baselineOf(book.library(), planId);
        if (!source) return refuse("该规划没有基准情景", "this plan has no baseline scenario");
      } else {
        source = book.file(from);
        if (!source) return refuse(`找不到情景 “${from}”`, `no scenario "${from}"`);
        const copied = edits.editsOf(from);
        if (Object.keys(copied).length > 0) overrides = copied;
      }
      const id = book.freeId();
      const parsed = parseScenario(
        {
          schemaVersion: 1,
          id,
          planId: source.planId,
          name: label,
          extends: source.id,
          ...(overrides ? { overrides } : {}),
        },
        id,
      );
      if (!parsed.ok) return err(parsed.error[0]!.message);
      openNew(parsed.value);
      return ok(id);
    },
    add(file, mode, source = file.id) {
      const clash = book.clashOf(file.id);
      let sc = file;
      if (clash !== "none") {
        if (mode === "new")
          return fail(source, "id", {
            zh: `已有 id 为 “${file.id}” 的情景`,
            en: `a scenario with the id "${file.id}" already exists`,
          });
        if (mode === "replace" && clash === "shipped")
          return fail(source, "id", {
            zh: `“${file.id}” 是随应用提供的情景，不能替换；请选择“都保留”`,
            en: `"${file.id}" is a scenario shipped with the app and cannot be replaced; choose "keep both"`,
          });
        if (mode === "rename") {
          let n = 2;
          while (book.clashOf(`${file.id}-${n}`) !== "none") n++;
          sc = {
            ...file,
            id: `${file.id}-${n}`,
            name: { zh: `${file.name.zh}（${n}）`, en: `${file.name.en} (${n})` },
          };
        }
      }
      const checked = book.check([sc], source, mode === "replace" ? sc.id : undefined);
      if (!checked.ok) return checked;
      // A replaced scenario's unsaved edits belonged to the old one.
      if (mode === "replace") edits.drop(sc.id);
      openNew(sc);
      return ok(sc.id);
    },
    shareable() {
      const sid = edits.scenarioId();
      const s = sid ? book.file(sid) : undefined;
      if (!sid || !s) return refuse("请先打开一个情景", "open a scenario first");
      const mine = book.created();
      const own = sid in mine;
      // A scenario the person made may extend another they made, which the recipient does not have:
      // the whole chain of made scenarios is folded into this one, which then extends the shipped
      // scenario at the chain's root (as resolveScenario applies them: root first, nearest last).
      const chain: ScenarioFile[] = [];
      let root: string | undefined = s.id;
      const seen = new Set<string>();
      while (root !== undefined && root in mine && !seen.has(root)) {
        seen.add(root);
        chain.unshift(mine[root]!);
        root = mine[root]!.extends;
      }
      const overrides: Record<string, Override> = {};
      let bands: ScenarioFile["bands"];
      let chainActuals: Actual[] = [];
      for (const made of chain) {
        for (const [id, o] of Object.entries(made.overrides ?? {}))
          overrides[id] = { ...overrides[id], ...structuredClone(o) };
        if (made.bands) bands = { ...made.bands };
        if (made.actuals) chainActuals = made.actuals;
      }
      for (const [id, e] of Object.entries(edits.editsOf(sid))) overrides[id] = { ...overrides[id], ...e };
      const allActuals = mergeActualLists(chainActuals, actuals.of(s.planId));
      const file = {
        schemaVersion: 1 as const,
        id: own ? s.id : `${s.id}-shared`,
        planId: s.planId,
        name: structuredClone(s.name),
        ...(s.description ? { description: structuredClone(s.description) } : {}),
        extends: own ? root : s.id,
        ...(Object.keys(overrides).length > 0 ? { overrides } : {}),
        ...(own && bands ? { bands } : {}),
        ...(allActuals.length > 0 ? { actuals: allActuals } : {}),
      };
      const parsed = parseScenario(file, file.id);
      return parsed.ok ? parsed : err(parsed.error[0]!.message);
    },
  };
  return scenarios;
}
