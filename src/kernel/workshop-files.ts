import type { InputIssue } from "../../models/validation.ts";
import { loadWorkshop, type Workshop } from "../../models/workshop.ts";
import { loadLibrary } from "./library.ts";

/**
 * The workshop files, bundled with this (lazily loaded) module: `scenarios/workshops/<planId>.json`.
 * The library loaders (browser and CLI) skip that folder; the sequences are read only here.
 */
const FILES: Record<string, unknown> = import.meta.glob("../../scenarios/workshops/*.json", {
  eager: true,
  import: "default",
});

/** The workshop of a plan, validated at the edge against the library; null when the plan has none. */
export function workshopFor(planId: string): { workshop: Workshop | null; issues: InputIssue[] } {
  const lib = loadLibrary();
  for (const [key, data] of Object.entries(FILES)) {
    if (!key.endsWith(`/${planId}.json`)) continue;
    const r = loadWorkshop(data, `scenarios/workshops/${planId}.json`, lib);
    return r.ok ? { workshop: r.value, issues: [] } : { workshop: null, issues: r.error };
  }
  return { workshop: null, issues: [] };
}
