import { type Accessor, createSignal } from "solid-js";
import * as z from "zod/mini";
import type { Sampling } from "../../models/monte-carlo.ts";
import { err, type Result } from "../../models/result.ts";
import { MAX_SEED } from "../../models/seed.ts";
import type { Bilingual } from "../../models/text.ts";
import { parseWith } from "../../models/validation.ts";

/**
 * Run settings and their one schema: what the run settings form may set, what a stored or imported
 * workspace may hold. Kept apart from the store and the workspace so that both can use the schema.
 */

/** Run settings. */
export interface RunSettings {
  /** Monte Carlo samples; 0 for the deterministic projection only. Default 2,000. */
  samples: number;
  /** Seed of every random draw, 0 … 2^32 − 1 (the generator's 32 bits). Default 1. */
  seed: number;
  /** Latin hypercube ("lhs", the default) or plain random sampling. */
  sampling: Sampling;
}

export const DEFAULT_SETTINGS: Readonly<RunSettings> = { samples: 2000, seed: 1, sampling: "lhs" };
/** Most samples a run may ask for. */
export const MAX_SAMPLES = 100_000;

/** Run settings as set and as stored: a seed past 2^32 − 1 would run as a smaller one, so it is refused. */
export const settingsSchema = z.strictObject({
  samples: z.int().check(z.gte(0)).check(z.lte(MAX_SAMPLES)),
  seed: z.int().check(z.gte(0)).check(z.lte(MAX_SEED)),
  sampling: z.enum(["lhs", "random"]),
});

const FIELD: Record<keyof RunSettings, Bilingual> = {
  samples: { zh: "样本数", en: "samples" },
  seed: { zh: "随机种子", en: "seed" },
  sampling: { zh: "抽样方式", en: "sampling" },
};

/** Checks run settings against {@link settingsSchema}; the error names the setting in both languages. */
export function checkSettings(settings: unknown): Result<RunSettings, Bilingual> {
  const r = parseWith(settingsSchema, settings, "settings");
  if (r.ok) return r;
  const first = r.error[0]!;
  const field = FIELD[first.path as keyof RunSettings] ?? { zh: first.path, en: first.path };
  return err({ zh: `${field.zh}：${first.message.zh}`, en: `${field.en}: ${first.message.en}` });
}

/** The run settings of a workbench: read, changed through the schema, replaced by a loaded workspace. */
export interface RunSettingsState {
  settings: Accessor<Readonly<RunSettings>>;
  /** Changes some settings; the whole result is checked by {@link settingsSchema}, nothing changes on error. */
  set(patch: Partial<RunSettings>): Result<RunSettings, Bilingual>;
  replace(settings: RunSettings): void;
}

/** Creates run settings at {@link DEFAULT_SETTINGS}. */
export function createRunSettings(): RunSettingsState {
  const [settings, setSettings] = createSignal<Readonly<RunSettings>>({ ...DEFAULT_SETTINGS });
  return {
    settings,
    set(patch) {
      // The same schema as a stored workspace's settings: what can be set can be saved and read back.
      const next = checkSettings({ ...settings(), ...patch });
      if (next.ok) setSettings(next.value);
      return next;
    },
    replace: (s) => setSettings({ ...s }),
  };
}
