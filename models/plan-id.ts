/**
 * The plan id without a trailing "-YYYY-YYYY" period. On its own so that the first screen (the imported
 * plans' file names) does not load scaffold.ts, which reaches every model through the registry.
 */
export function prefixOf(planId: string): string {
  return planId.replace(/-\d{4}-\d{4}$/, "") || planId;
}
