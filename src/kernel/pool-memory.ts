import * as z from "zod/mini";
import type { SizeDecision } from "./pool-size.ts";

/**
 * The model pool's measured size, kept between page loads (issue 12). Measuring takes about eight
 * Monte Carlo runs of 2,000 samples and a second worker; a device whose answer is known need not pay
 * that again on every visit. The pool still measures again when a run shows the choice wrong
 * (pool-size.ts `choiceLooksWrong`), so a remembered size that no longer fits is corrected the same
 * way a fresh one is.
 *
 * A remembered decision is used only by the same build (the models' cost changes with the code), on
 * a device reporting the same number of cores, and for {@link MAX_AGE_MS} after it was made. Storage
 * is outside input: what is read is validated, and anything else (missing, malformed, another build,
 * too old, storage refused) is treated as nothing remembered.
 */

/** The `localStorage` key. */
export const POOL_MEMORY_KEY = "reachable-pool-size";
/** How long a decision is trusted: a week (a device's load and browser change). */
export const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

const entrySchema = z.strictObject({
  version: z.literal(1),
  build: z.string(),
  /** The most workers the pool could use when this was measured (cores, at most 8). */
  maxSize: z.int().check(z.gte(1)),
  size: z.int().check(z.gte(0)),
  samples: z.int().check(z.gte(0)),
  /**
   * [workers, median wall time in ms] of each size measured (pairs checked as arrays of two: zod's
   * tuple would add half a kilobyte to the first screen, which has 85 KB in all).
   */
  medianMs: z.array(z.array(z.number().check(z.gte(0))).check(z.length(2))),
  /** When it was measured, in ms since 1970. */
  at: z.number(),
});

/** The part of the Web Storage API used; `localStorage` in the app, a map in tests. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface PoolMemory {
  /** The decision remembered for a pool of at most `maxSize` workers, or null. */
  recall(maxSize: number): SizeDecision | null;
  /** Keeps a decision (a storage that refuses is ignored: measuring again is the only cost). */
  remember(maxSize: number, d: SizeDecision): void;
}

/**
 * @param storage where the entry is kept (`localStorage`); null where there is none.
 * @param build the running build's name (`<html data-build>`).
 * @param now the clock, ms since 1970.
 */
export function createPoolMemory(
  storage: KeyValueStorage | null,
  build: string,
  now: () => number = Date.now,
): PoolMemory {
  return {
    recall(maxSize) {
      let text: string | null = null;
      try {
        text = storage?.getItem(POOL_MEMORY_KEY) ?? null;
      } catch {
        return null;
      }
      if (text === null) return null;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return null;
      }
      const parsed = entrySchema.safeParse(json);
      if (!parsed.success) return null;
      const e = parsed.data;
      const age = now() - e.at;
      if (e.build !== build || e.maxSize !== maxSize || e.size > maxSize || age < 0 || age > MAX_AGE_MS)
        return null;
      const pairs = e.medianMs as [number, number][];
      // Sizes are workers, 0 being the page's own thread (pool-size.ts).
      if (pairs.some(([k]) => !Number.isInteger(k) || k < 0 || k > maxSize)) return null;
      return { size: e.size, samples: e.samples, medianMs: new Map(pairs) };
    },
    remember(maxSize, d) {
      const entry: z.infer<typeof entrySchema> = {
        version: 1,
        build,
        maxSize,
        size: d.size,
        samples: d.samples,
        medianMs: [...d.medianMs].filter(([, ms]) => Number.isFinite(ms)),
        at: now(),
      };
      try {
        storage?.setItem(POOL_MEMORY_KEY, JSON.stringify(entry));
      } catch {
        // Storage full or refused: the next visit measures again.
      }
    },
  };
}
