import { type Accessor, createSignal } from "solid-js";

/**
 * Undo and redo over immutable values. The core is pure (a {@link HistoryState} in, a new one out), so
 * it is tested without Solid; {@link createHistory} wraps it in one signal for the views.
 *
 * Coalescing: a push with the same label as the previous push, within `coalesceMs` of it, replaces
 * the present instead of adding a step, so a slider drag (a burst of "assumption:x" pushes) is undone
 * in one step. Undo and redo end the burst: the next push after them always makes a new step.
 */

/** History options. */
export interface HistoryOptions {
  /** Most undo steps kept; the oldest are dropped beyond it. Default 200. */
  limit?: number;
  /** Pushes with the same label closer than this (ms) form one step. Default 500. */
  coalesceMs?: number;
}

/** A past or future value with the label of the change that left it. */
export interface HistoryEntry<T> {
  value: T;
  /** The label of the change made from this value (past) or undone to reach it (future). */
  label: string;
}

export interface HistoryState<T> {
  past: readonly HistoryEntry<T>[];
  present: T;
  future: readonly HistoryEntry<T>[];
  /** Label and time (ms) of the last push, while a burst can still coalesce; null after undo/redo. */
  burst: { label: string; at: number } | null;
}

export const DEFAULT_HISTORY_LIMIT = 200;
export const DEFAULT_COALESCE_MS = 500;

/** A history holding only `initial`. */
export function historyOf<T>(initial: T): HistoryState<T> {
  return { past: [], present: initial, future: [], burst: null };
}

/**
 * Records `next` as the present after a change named `label`, made at `now` (ms). Clears redo. A push
 * of the very same object as the present changes nothing.
 */
export function pushState<T>(
  h: HistoryState<T>,
  next: T,
  label: string,
  now: number,
  opts: HistoryOptions = {},
): HistoryState<T> {
  if (Object.is(next, h.present)) return h;
  const limit = Math.max(1, opts.limit ?? DEFAULT_HISTORY_LIMIT);
  const span = opts.coalesceMs ?? DEFAULT_COALESCE_MS;
  const burst = { label, at: now };
  if (
    h.burst &&
    h.burst.label === label &&
    now - h.burst.at <= span &&
    now >= h.burst.at &&
    h.past.length > 0
  ) {
    return { past: h.past, present: next, future: [], burst };
  }
  const past = [...h.past, { value: h.present, label }];
  if (past.length > limit) past.splice(0, past.length - limit);
  return { past, present: next, future: [], burst };
}

/** Steps back one change; the same state when there is nothing to undo. */
export function undoState<T>(h: HistoryState<T>): HistoryState<T> {
  const prev = h.past[h.past.length - 1];
  if (!prev) return h;
  return {
    past: h.past.slice(0, -1),
    present: prev.value,
    future: [{ value: h.present, label: prev.label }, ...h.future],
    burst: null,
  };
}

/** Steps forward one undone change; the same state when there is nothing to redo. */
export function redoState<T>(h: HistoryState<T>): HistoryState<T> {
  const next = h.future[0];
  if (!next) return h;
  return {
    past: [...h.past, { value: h.present, label: next.label }],
    present: next.value,
    future: h.future.slice(1),
    burst: null,
  };
}

/** A reactive history: every accessor tracks one signal. */
export interface History<T> {
  present: Accessor<T>;
  /** Records a change; answers the new present. */
  push(next: T, label: string): T;
  /** Steps back; answers the restored value, or undefined when there is nothing to undo. */
  undo(): T | undefined;
  /** Steps forward; answers the restored value, or undefined when there is nothing to redo. */
  redo(): T | undefined;
  canUndo: Accessor<boolean>;
  canRedo: Accessor<boolean>;
  /** Label of the change `undo()` would take back ("Undo: …"), or null. */
  undoLabel: Accessor<string | null>;
  redoLabel: Accessor<string | null>;
  /** Starts over from `value` with no undo or redo (e.g. after loading another workspace). */
  reset(value: T): void;
}

/**
 * Creates a history starting at `initial`. `now` (ms) is injectable for tests; it defaults to
 * `Date.now`. Call inside a reactive owner if accessors are read in effects (they are plain signals).
 */
export function createHistory<T>(initial: T, opts: HistoryOptions & { now?: () => number } = {}): History<T> {
  const now = opts.now ?? Date.now;
  const [state, setState] = createSignal<HistoryState<T>>(historyOf(initial), { equals: false });
  return {
    present: () => state().present,
    push(next, label) {
      setState((h) => pushState(h, next, label, now(), opts));
      return state().present;
    },
    undo() {
      const h = state();
      if (h.past.length === 0) return undefined;
      setState(undoState(h));
      return state().present;
    },
    redo() {
      const h = state();
      if (h.future.length === 0) return undefined;
      setState(redoState(h));
      return state().present;
    },
    canUndo: () => state().past.length > 0,
    canRedo: () => state().future.length > 0,
    undoLabel: () => state().past[state().past.length - 1]?.label ?? null,
    redoLabel: () => state().future[0]?.label ?? null,
    reset(value) {
      setState(historyOf(value));
    },
  };
}
