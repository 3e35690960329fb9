import type { Actual, ScenarioFile } from "../../models/scenario.ts";
import { type Cell, type Notebook, nextCellId } from "./notebook.ts";
import type { Workspace } from "./workspace.ts";

/**
 * Three-way merge of workspaces, so two tabs (or a tab and what it left behind when it closed) never
 * lose each other's work. `base` is the stored workspace both started from, `mine` and `theirs` what
 * each made of it. Work is merged piece by piece: scenarios by id, edits by scenario and assumption,
 * notebook cells by id, log entries by content, actuals by indicator and year, imported plans by plan
 * id, the run settings whole.
 * A piece changed on one side only takes that side's version; a piece changed on both sides the same
 * way is kept once. When both changed a piece differently, nothing is dropped where both can be kept:
 * two different notes under one cell id (or two scenarios under one id) both stay, theirs under a new
 * id. Only a single value both sides set differently (one assumption's edit, the run settings) keeps
 * mine, and the log of both notebooks still records both changes. Deleting a piece the other side
 * changed keeps the changed piece. What was open and the language are mine.
 *
 * Pieces of `mine` that end up unchanged are returned as the same objects, so a view that keys on
 * identity (a notebook's cells) does not re-render them.
 */

/** Key-order-independent JSON, for comparing plain data. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

const same = (a: unknown, b: unknown): boolean => a === b || canonical(a) === canonical(b);

/** True when two workspaces hold the same work (what was open, the language and the time aside). */
export function sameWork(a: Workspace, b: Workspace): boolean {
  const work = (w: Workspace) => [w.scenarios, w.edits, w.notebooks, w.actuals, w.settings, w.imported];
  return same(work(a), work(b));
}

/** One value: theirs if only they changed it, else mine. `undefined` is "absent". */
function pick<T>(b: T | undefined, m: T | undefined, t: T | undefined): T | undefined {
  if (same(m, t)) return m;
  if (same(m, b)) return t;
  return m;
}

function mergeRecord<T>(
  b: Record<string, T> | undefined,
  m: Record<string, T> | undefined,
  t: Record<string, T> | undefined,
  value: (b: T | undefined, m: T | undefined, t: T | undefined) => T | undefined = pick,
): Record<string, T> {
  const out: Record<string, T> = {};
  const keys = new Set([...Object.keys(m ?? {}), ...Object.keys(t ?? {}), ...Object.keys(b ?? {})]);
  for (const k of keys) {
    const v = value(b?.[k], m?.[k], t?.[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Cells by id; see the module comment for the rules. Theirs that must be kept beside mine get new ids. */
export function mergeCells(b: readonly Cell[], m: readonly Cell[], t: readonly Cell[]): Cell[] {
  const bById = new Map(b.map((c) => [c.id, c]));
  const tById = new Map(t.map((c) => [c.id, c]));
  const mIds = new Set(m.map((c) => c.id));
  const out: Cell[] = [];
  const extra: Cell[] = [];
  for (const c of m) {
    const bc = bById.get(c.id);
    const tc = tById.get(c.id);
    if (tc === undefined) {
      // Theirs never had it (mine added it) or deleted it: a deletion wins only over an unchanged cell.
      if (bc === undefined || !same(c, bc)) out.push(c);
    } else if (bc === undefined || (!same(c, bc) && !same(tc, bc))) {
      out.push(c);
      if (!same(c, tc)) extra.push(tc);
    } else {
      out.push(same(c, bc) ? tc : c);
    }
  }
  for (const tc of t) {
    if (mIds.has(tc.id)) continue;
    const bc = bById.get(tc.id);
    if (bc === undefined || !same(tc, bc)) extra.push(tc);
  }
  for (const c of extra) {
    const taken = out.some((o) => o.id === c.id);
    out.push(taken ? { ...c, id: nextCellId({ cells: out, log: [] }) } : c);
  }
  return out;
}

function mergeNotebook(
  b: Notebook | undefined,
  m: Notebook | undefined,
  t: Notebook | undefined,
): Notebook | undefined {
  if (same(m, t)) return m;
  if (same(m, b)) return t;
  if (same(t, b)) return m;
  const cells = mergeCells(b?.cells ?? [], m?.cells ?? [], t?.cells ?? []);
  const seen = new Set<string>();
  const log = [...(m?.log ?? []), ...(t?.log ?? [])].filter((e) => {
    const k = canonical(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  // Stable: entries of the same moment keep mine first.
  log.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
  return { cells, log };
}

const actualKey = (a: Actual) => `${a.indicatorId}|${a.year}`;

function mergeActuals(
  b: readonly Actual[] | undefined,
  m: readonly Actual[] | undefined,
  t: readonly Actual[] | undefined,
): Actual[] | undefined {
  if (same(m, t) || same(t, b)) return m ? [...m] : undefined;
  if (same(m, b)) return t ? [...t] : undefined;
  const byKey = (l: readonly Actual[] | undefined) =>
    Object.fromEntries((l ?? []).map((a) => [actualKey(a), a]));
  const merged = Object.values(mergeRecord(byKey(b), byKey(m), byKey(t)));
  merged.sort((x, y) => x.indicatorId.localeCompare(y.indicatorId) || x.year - y.year);
  return merged.length > 0 ? merged : undefined;
}

/**
 * Gives their scenarios that clash with a different one of mine under the same id a free id (`id-2`…),
 * moving their edits and notebook along; their pieces under the old id are set back to the base's, so
 * the clash takes nothing away from mine.
 */
function separateClashes(base: Workspace, mine: Workspace, theirs: Workspace): Workspace {
  const mineById = new Map(mine.scenarios.map((s) => [s.id, s]));
  const baseById = new Map(base.scenarios.map((s) => [s.id, s]));
  const taken = new Set([...mineById.keys(), ...baseById.keys(), ...theirs.scenarios.map((s) => s.id)]);
  const renames = new Map<string, string>();
  for (const s of theirs.scenarios) {
    const m = mineById.get(s.id);
    const b = baseById.get(s.id);
    if (!m || same(m, s)) continue;
    if (b && (same(m, b) || same(s, b))) continue;
    let n = 2;
    while (taken.has(`${s.id}-${n}`)) n++;
    const id = `${s.id}-${n}`;
    taken.add(id);
    renames.set(s.id, id);
  }
  if (renames.size === 0) return theirs;
  const edits = { ...theirs.edits };
  const notebooks = { ...theirs.notebooks };
  const scenarios: ScenarioFile[] = theirs.scenarios.map((s) => {
    const id = renames.get(s.id);
    const ext = s.extends !== undefined && !mineById.has(s.id) ? renames.get(s.extends) : undefined;
    if (!id) return ext ? { ...s, extends: ext } : s;
    return {
      ...s,
      id,
      name: { zh: `${s.name.zh}（${id}）`, en: `${s.name.en} (${id})` },
      ...(ext ? { extends: ext } : {}),
    };
  });
  for (const [old, id] of renames) {
    if (theirs.edits[old]) edits[id] = theirs.edits[old];
    if (theirs.notebooks[old]) notebooks[id] = theirs.notebooks[old];
    if (base.edits[old]) edits[old] = base.edits[old];
    else delete edits[old];
    if (base.notebooks[old]) notebooks[old] = base.notebooks[old];
    else delete notebooks[old];
  }
  return { ...theirs, scenarios, edits, notebooks };
}

/** Merges `mine` and `theirs`, both made from `base` (null: nothing was stored yet). */
export function mergeWorkspaces(base: Workspace | null, mine: Workspace, theirs: Workspace): Workspace {
  const b: Workspace = base ?? {
    ...mine,
    scenarios: [],
    edits: {},
    notebooks: {},
    actuals: {},
    imported: [],
  };
  if (sameWork(b, theirs) || sameWork(mine, theirs)) return mine;
  const t = separateClashes(b, mine, theirs);
  const byId = (l: readonly ScenarioFile[]) => Object.fromEntries(l.map((s) => [s.id, s]));
  const scenarios = mergeRecord(byId(b.scenarios), byId(mine.scenarios), byId(t.scenarios));
  // Mine first in their order, then theirs that are new.
  const order = [...mine.scenarios.map((s) => s.id), ...t.scenarios.map((s) => s.id)];
  return {
    ...mine,
    scenarios: [...new Set(order)].filter((id) => id in scenarios).map((id) => scenarios[id]!),
    edits: mergeRecord(b.edits, mine.edits, t.edits, (bb, mm, tt) => {
      const r = mergeRecord(bb, mm, tt);
      return Object.keys(r).length > 0 ? r : undefined;
    }),
    notebooks: mergeRecord(b.notebooks, mine.notebooks, t.notebooks, mergeNotebook),
    actuals: mergeRecord(b.actuals, mine.actuals, t.actuals, mergeActuals),
    settings: pick(b.settings, mine.settings, t.settings) ?? mine.settings,
    imported: mergeImported(b.imported, mine.imported, t.imported),
  };
}

/**
 * Imported plans by plan id: one imported in either tab is kept; one removed on one side and unchanged
 * on the other goes; the same id imported differently on both sides keeps mine (a plan's id is how its
 * scenarios find it, so two cannot share it).
 */
function mergeImported(
  b: Workspace["imported"],
  m: Workspace["imported"],
  t: Workspace["imported"],
): Workspace["imported"] {
  if (same(m, t) || same(t, b)) return m;
  if (same(m, b)) return t;
  const byId = (l: Workspace["imported"]) => Object.fromEntries(l.map((p) => [p.plan.id, p]));
  const merged = mergeRecord(byId(b), byId(m), byId(t));
  const order = [...m.map((p) => p.plan.id), ...t.map((p) => p.plan.id)];
  return [...new Set(order)].filter((id) => id in merged).map((id) => merged[id]!);
}
