import fc from "fast-check";
import type { ModelSpec } from "../../models/model.ts";

/** Every property test pins its seed: an unseeded property test is a flaky test. */
export const SETTINGS = { seed: 42, numRuns: 300 };

/** The start year every property case uses. */
export const START = 2020;

/** Every parameter of a model drawn from its ParamSpec's hard range. */
export function paramsArb<P extends string, I extends string, O extends string>(
  spec: ModelSpec<P, I, O>,
): fc.Arbitrary<Record<P, number>> {
  const fields = {} as Record<P, fc.Arbitrary<number>>;
  for (const p of spec.params) fields[p.name] = fc.double({ min: p.min, max: p.max, noNaN: true });
  return fc.record<Record<P, number>>(fields);
}
