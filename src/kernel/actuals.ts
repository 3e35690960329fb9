import { type Accessor, createSignal } from "solid-js";
import type { Actual } from "../../models/scenario.ts";

/**
 * An evaluator's observed values, by plan: they override a scenario's own actuals when a run is made.
 * Held as immutable values in a signal, not in a store, so the old values undo keeps never change.
 */
export interface Actuals {
  /** Every plan's actuals (an immutable value, replaced on each change). */
  all: Accessor<Readonly<Record<string, readonly Actual[]>>>;
  of(planId: string): readonly Actual[];
  /** Adds observed values to a plan's; one of the same indicator and year is replaced. */
  merge(planId: string, list: readonly Actual[]): void;
  /** Takes out a plan's actuals; answers false when there were none. */
  clear(planId: string): boolean;
  replace(all: Readonly<Record<string, readonly Actual[]>>): void;
}

const NONE: readonly Actual[] = Object.freeze([]);

/** Creates the actuals; call inside a reactive owner. */
export function createActuals(): Actuals {
  const [all, setAll] = createSignal<Readonly<Record<string, readonly Actual[]>>>({});
  return {
    all,
    of: (planId) => all()[planId] ?? NONE,
    merge(planId, list) {
      const merged = mergeActualLists(all()[planId] ?? [], list);
      setAll((prev) => ({ ...prev, [planId]: merged }));
    },
    clear(planId) {
      if ((all()[planId] ?? []).length === 0) return false;
      setAll((prev) => {
        const { [planId]: _gone, ...rest } = prev;
        return rest;
      });
      return true;
    },
    replace: (next) => setAll({ ...next }),
  };
}

/** `base` with `extra` laid over it: an observation of the same indicator and year is replaced. */
export function mergeActualLists(base: readonly Actual[], extra: readonly Actual[]): Actual[] {
  const key = (a: Actual) => `${a.indicatorId}|${a.year}`;
  const out = new Map(base.map((a) => [key(a), { ...a }] as const));
  for (const a of extra) out.set(key(a), { ...a });
  return [...out.values()].sort((a, b) => a.indicatorId.localeCompare(b.indicatorId) || a.year - b.year);
}
