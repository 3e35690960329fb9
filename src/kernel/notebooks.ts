import { type Accessor, createSignal } from "solid-js";
import { ok, type Result } from "../../models/result.ts";
import type { Bilingual } from "../../models/text.ts";
import { canonical } from "./merge.ts";
import {
  addCell,
  type Cell,
  emptyNotebook,
  logChange,
  moveCell,
  type NewCell,
  type Notebook,
  nextCellId,
  removeCell,
  updateNote,
} from "./notebook.ts";

/**
 * The notebook of every scenario (notes, pinned verdicts and charts, the assumption log) and the reason
 * the person gives for the changes they make next. The cell operations themselves are the pure
 * functions of notebook.ts; this holds their results as immutable values in a signal (a store would
 * merge a new notebook into the old object, changing what undo keeps). Each successful change is told
 * to `record` as one undo step.
 */
export interface Notebooks {
  /** Every scenario's notebook (an immutable value). */
  all: Accessor<Readonly<Record<string, Notebook>>>;
  /** A scenario's notebook (an empty one when it has none yet). */
  of(scenarioId: string): Notebook;
  add(scenarioId: string, cell: NewCell, at?: number): Result<string, Bilingual>;
  updateNote(scenarioId: string, cellId: string, markdown: string): Result<void, Bilingual>;
  move(scenarioId: string, from: number, to: number): Result<void, Bilingual>;
  remove(scenarioId: string, cellId: string): Result<void, Bilingual>;
  /** The reason written into the log with every following change (at most 2,000 characters). */
  reason: Accessor<string>;
  setReason(reason: string): void;
  /** Appends a value change to a scenario's log, merged into the last entry within `mergeMs`. */
  logValue(
    scenarioId: string,
    assumptionId: string,
    from: number,
    to: number,
    why: string,
    mergeMs: number,
  ): void;
  /** Cells of every notebook, for undo. */
  cells(): Record<string, readonly Cell[]>;
  /** Puts back cells undo kept; logs stay as they are (they record undo too). */
  restoreCells(cells: Readonly<Record<string, readonly Cell[]>>): void;
  replace(all: Readonly<Record<string, Notebook>>): void;
}

/**
 * `next`, with every notebook and cell that is unchanged from `prev` kept as the very object it was.
 * The views list cells keyed by object, so work taken in from another tab re-draws only what it
 * changed: a note being typed in keeps its editor, its focus and its caret.
 */
function reuseUnchanged(
  prev: Readonly<Record<string, Notebook>>,
  next: Readonly<Record<string, Notebook>>,
): Record<string, Notebook> {
  const out: Record<string, Notebook> = {};
  for (const [sid, nb] of Object.entries(next)) {
    const old = prev[sid];
    if (!old) {
      out[sid] = nb;
      continue;
    }
    if (canonical(old) === canonical(nb)) {
      out[sid] = old;
      continue;
    }
    const oldCells = new Map(old.cells.map((c) => [c.id, c] as const));
    const cells = nb.cells.map((c) => {
      const o = oldCells.get(c.id);
      return o && canonical(o) === canonical(c) ? o : c;
    });
    out[sid] = { ...nb, cells };
  }
  return out;
}

const EMPTY_NOTEBOOK: Notebook = Object.freeze({ cells: [], log: [] }) as Notebook;

/** A tag for this tab's new cell ids: four base-36 characters, from the platform's random source. */
export function newCellTag(): string {
  const n = crypto.getRandomValues(new Uint32Array(1))[0]!;
  return (n % 36 ** 4).toString(36).padStart(4, "0");
}

/**
 * Creates the notebooks; `now` is the clock (ms) of log entries; `cellTag` ends every cell id this
 * instance makes (default: a fresh {@link newCellTag}, one per tab); call inside a reactive owner.
 */
export function createNotebooks(opts: {
  now: () => number;
  record: (label: string) => void;
  cellTag?: string;
}): Notebooks {
  const tag = opts.cellTag ?? newCellTag();
  const [all, setAll] = createSignal<Readonly<Record<string, Notebook>>>({});
  const [reason, setReason] = createSignal("");
  const of = (sid: string): Notebook => all()[sid] ?? EMPTY_NOTEBOOK;
  const write = (sid: string, nb: Notebook): void => void setAll((prev) => ({ ...prev, [sid]: nb }));

  /** Applies a pure change; writes and records it only when the notebook changed. */
  function change(sid: string, r: Result<Notebook, Bilingual>, label: string): Result<void, Bilingual> {
    if (!r.ok) return r;
    if (r.value !== of(sid)) {
      write(sid, r.value);
      opts.record(label);
    }
    return ok(undefined);
  }

  return {
    all,
    of,
    add(sid, cell, at) {
      const nb = of(sid);
      const id = nextCellId(nb, tag);
      const r = addCell(nb, cell, at === undefined ? { id } : { at, id });
      if (!r.ok) return r;
      write(sid, r.value.notebook);
      opts.record(`add:${r.value.id}`);
      return ok(r.value.id);
    },
    updateNote: (sid, cellId, markdown) =>
      change(sid, updateNote(of(sid), cellId, markdown), `note:${cellId}`),
    move: (sid, from, to) => change(sid, moveCell(of(sid), from, to), `move:${from}:${to}`),
    remove: (sid, cellId) => change(sid, removeCell(of(sid), cellId), `remove:${cellId}`),
    reason,
    setReason: (text) => setReason(text.slice(0, 2_000)),
    logValue(sid, id, from, to, why, mergeMs) {
      if (from === to && mergeMs === 0) return;
      const r = logChange(
        of(sid),
        { at: new Date(opts.now()).toISOString(), assumptionId: id, from, to, reason: why },
        { mergeWithinMs: mergeMs },
      );
      if (r.ok && r.value !== of(sid)) write(sid, r.value);
    },
    cells: () => Object.fromEntries(Object.entries(all()).map(([k, nb]) => [k, nb.cells])),
    restoreCells(cells) {
      setAll((prev) => {
        const out = { ...prev };
        for (const sid of new Set([...Object.keys(prev), ...Object.keys(cells)])) {
          const nb = out[sid] ?? emptyNotebook();
          const kept = cells[sid] ?? [];
          if (nb.cells !== kept) out[sid] = { ...nb, cells: [...kept] };
        }
        return out;
      });
    },
    replace: (next) => setAll((prev) => reuseUnchanged(prev, next)),
  };
}
