/**
 * The uncertainty distributions an assumption may carry: their schema and the check of their
 * parameters. Kept apart from the samplers (distributions.ts) so that reading a scenario or a saved
 * workspace — which the first screen does — does not load the Monte Carlo's inverse CDFs.
 */
import * as z from "zod/mini";

/**
 * Uncertainty distributions for assumptions. Every distribution is sampled through its quantile
 * function (inverse CDF) so that plain Monte Carlo and Latin hypercube sampling share one code path:
 * a uniform u in [0, 1) becomes a value. Draws are truncated to the assumption's allowed range by
 * restricting u to [F(min), F(max)], which keeps the shape inside the range instead of piling mass on
 * the bounds.
 */
export const distributionSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("uniform"), min: z.number(), max: z.number() }),
  z.strictObject({ kind: z.literal("triangular"), min: z.number(), mode: z.number(), max: z.number() }),
  /** PERT (beta) with the usual weight 4 on the mode. */
  z.strictObject({ kind: z.literal("pert"), min: z.number(), mode: z.number(), max: z.number() }),
  z.strictObject({ kind: z.literal("normal"), mean: z.number(), sd: z.number().check(z.positive()) }),
  /** Lognormal given by the median and the geometric standard deviation (gsd > 1). */
  z.strictObject({
    kind: z.literal("lognormal"),
    median: z.number().check(z.positive()),
    gsd: z.number().check(z.gt(1)),
  }),
]);
export type Distribution = z.infer<typeof distributionSchema>;

/**
 * Checks a distribution's own parameters are ordered and that its support reaches the allowed range
 * [lo, hi]; returns a bilingual message or null.
 */
export function distributionProblem(
  d: Distribution,
  lo = Number.NEGATIVE_INFINITY,
  hi = Number.POSITIVE_INFINITY,
): { zh: string; en: string } | null {
  if ((d.kind === "uniform" || d.kind === "triangular" || d.kind === "pert") && (d.max < lo || d.min > hi)) {
    return {
      zh: `分布范围 ${d.min}–${d.max} 与允许范围 ${lo}–${hi} 不相交`,
      en: `the distribution's range ${d.min}–${d.max} does not meet the allowed range ${lo}–${hi}`,
    };
  }
  if (d.kind === "uniform" && !(d.min < d.max)) {
    return { zh: "均匀分布要求 min < max", en: "uniform needs min < max" };
  }
  if (
    (d.kind === "triangular" || d.kind === "pert") &&
    !(d.min <= d.mode && d.mode <= d.max && d.min < d.max)
  ) {
    return { zh: "要求 min ≤ mode ≤ max 且 min < max", en: "needs min ≤ mode ≤ max and min < max" };
  }
  return null;
}
