import type { Distribution } from "./distribution-schema.ts";

/**
 * Samplers for the uncertainty distributions (schema and checks: distribution-schema.ts). Every
 * distribution is sampled through its quantile function (inverse CDF) so that plain Monte Carlo and
 * Latin hypercube sampling share one code path: a uniform u in [0, 1) becomes a value. Draws are
 * truncated to the assumption's allowed range by restricting u to [F(min), F(max)], which keeps the
 * shape inside the range instead of piling mass on the bounds.
 */
export { type Distribution, distributionProblem, distributionSchema } from "./distribution-schema.ts";

// Acklam's rational approximation of the standard normal quantile (relative error < 1.15e-9).
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628274631,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

/** Standard normal quantile. */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const plow = 0.02425;
  if (p < plow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1)
    );
  }
  if (p > 1 - plow) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
    (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
  );
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf; absolute error < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/**
 * The distribution moved so that its centre — the mode of a triangular or PERT, the mean of a normal,
 * the median of a lognormal, the midpoint of a uniform — sits on `value`, keeping its spread. A
 * distribution describes the uncertainty *around* an assumption's point value, so when a person moves
 * the value, the draws move with it. For a distribution already centred on the value it is a no-op.
 * A lognormal, whose support is positive, is scaled rather than shifted (its spread, the gsd, is a
 * ratio too); for a value ≤ 0 it is left as it is.
 */
export function centreOn(d: Distribution, value: number): Distribution {
  switch (d.kind) {
    case "uniform": {
      const delta = value - (d.min + d.max) / 2;
      return delta === 0 ? d : { kind: "uniform", min: d.min + delta, max: d.max + delta };
    }
    case "triangular":
    case "pert": {
      const delta = value - d.mode;
      return delta === 0 ? d : { kind: d.kind, min: d.min + delta, mode: value, max: d.max + delta };
    }
    case "normal":
      return d.mean === value ? d : { kind: "normal", mean: value, sd: d.sd };
    case "lognormal":
      return value > 0 && d.median !== value ? { kind: "lognormal", median: value, gsd: d.gsd } : d;
  }
}

const PERT_GRID = 512;

/**
 * A sampler: the quantile function of a distribution truncated to [lo, hi]. Built once per Monte Carlo
 * run; calling it allocates nothing.
 */
export type Quantile = (u: number) => number;

/**
 * The same quantile function over many uniforms at once: `out[at + i] = q(us[i])` for i < n. The Monte
 * Carlo draws a block of samples one assumption at a time through it, so each distribution's loop runs
 * on its own (one call per block instead of a call per draw through a call site shared by every kind).
 * It computes exactly what {@link Quantile} computes (the same operations in the same order).
 */
export type QuantileBatch = (us: Float64Array, out: Float64Array, at: number, n: number) => void;

/** A distribution's quantile function, one value and a batch (see {@link createQuantile}). */
export interface Sampler {
  one: Quantile;
  many: QuantileBatch;
}

/** Builds the truncated quantile function of `d` on the allowed range [lo, hi]. */
export function createQuantile(d: Distribution, lo: number, hi: number): Quantile {
  return createSampler(d, lo, hi).one;
}

/** The index of the last entry of the ascending `cdf[0..GRID]` at or below `p` (cdf[0] ≤ p < 1). */
function pertCell(cdf: Float64Array, guide: Int32Array, p: number): number {
  // The guide table names the last cell at or below each of GRID equal steps of p; a short walk from
  // there lands on the cell the binary search over the whole grid finds.
  let g = (p * PERT_GRID) | 0;
  if (g > PERT_GRID) g = PERT_GRID;
  let l = guide[g]!;
  while (l < PERT_GRID - 1 && cdf[l + 1]! <= p) l++;
  return l;
}

/** Builds the truncated quantile function of `d` on [lo, hi], for one value and for a batch. */
export function createSampler(d: Distribution, lo: number, hi: number): Sampler {
  switch (d.kind) {
    case "uniform": {
      const a = Math.max(d.min, lo);
      const b = Math.min(d.max, hi);
      // A support outside the allowed range (rejected by the scenario schema) degenerates to the bound.
      if (a > b) {
        const v = Math.min(Math.max(d.min, lo), hi);
        return {
          one: () => v,
          many: (_us, out, at, n) => {
            out.fill(v, at, at + n);
          },
        };
      }
      const w = b - a;
      return {
        one: (u) => a + u * w,
        many: (us, out, at, n) => {
          for (let i = 0; i < n; i++) out[at + i] = a + us[i]! * w;
        },
      };
    }
    case "triangular": {
      const { min: a, mode: c, max: b } = d;
      const fc = (c - a) / (b - a);
      const cdf = (x: number) =>
        x <= a
          ? 0
          : x >= b
            ? 1
            : x <= c
              ? (x - a) ** 2 / ((b - a) * (c - a))
              : 1 - (b - x) ** 2 / ((b - a) * (b - c));
      const f0 = cdf(lo);
      const f1 = cdf(hi);
      const df = f1 - f0;
      // (p · (b − a)) · (c − a), in that order, as the closed form is written.
      const ba = b - a;
      const ca = c - a;
      const bc = b - c;
      const one = (u: number): number => {
        const p = f0 + u * df;
        const x = p < fc ? a + Math.sqrt(p * ba * ca) : b - Math.sqrt((1 - p) * ba * bc);
        return Math.min(Math.max(x, lo), hi);
      };
      return {
        one,
        many: (us, out, at, n) => {
          for (let i = 0; i < n; i++) {
            const p = f0 + us[i]! * df;
            const x = p < fc ? a + Math.sqrt(p * ba * ca) : b - Math.sqrt((1 - p) * ba * bc);
            out[at + i] = Math.min(Math.max(x, lo), hi);
          }
        },
      };
    }
    case "normal": {
      const { mean, sd } = d;
      const f0 = normalCdf((lo - mean) / sd);
      const f1 = normalCdf((hi - mean) / sd);
      const df = f1 - f0;
      return {
        one: (u) => Math.min(Math.max(mean + sd * normalQuantile(f0 + u * df), lo), hi),
        many: (us, out, at, n) => {
          for (let i = 0; i < n; i++)
            out[at + i] = Math.min(Math.max(mean + sd * normalQuantile(f0 + us[i]! * df), lo), hi);
        },
      };
    }
    case "lognormal": {
      const mu = Math.log(d.median);
      const s = Math.log(d.gsd);
      const f0 = lo > 0 ? normalCdf((Math.log(lo) - mu) / s) : 0;
      const f1 = hi > 0 ? normalCdf((Math.log(hi) - mu) / s) : 0;
      const df = f1 - f0;
      return {
        one: (u) => Math.min(Math.max(Math.exp(mu + s * normalQuantile(f0 + u * df)), lo), hi),
        many: (us, out, at, n) => {
          for (let i = 0; i < n; i++)
            out[at + i] = Math.min(Math.max(Math.exp(mu + s * normalQuantile(f0 + us[i]! * df)), lo), hi);
        },
      };
    }
    case "pert": {
      // Beta(α, β) on [min, max]; its quantile has no closed form, so tabulate the CDF on a grid once
      // (midpoint rule on the density) and invert by linear interpolation.
      const { min: a, mode: c, max: b } = d;
      const alpha = 1 + (4 * (c - a)) / (b - a);
      const beta = 1 + (4 * (b - c)) / (b - a);
      const xs = new Float64Array(PERT_GRID + 1);
      const cdf = new Float64Array(PERT_GRID + 1);
      let acc = 0;
      for (let i = 0; i <= PERT_GRID; i++) {
        xs[i] = a + ((b - a) * i) / PERT_GRID;
        if (i > 0) {
          const m = (i - 0.5) / PERT_GRID;
          acc += m ** (alpha - 1) * (1 - m) ** (beta - 1);
        }
        cdf[i] = acc;
      }
      for (let i = 0; i <= PERT_GRID; i++) cdf[i] = cdf[i]! / acc;
      // guide[g]: the last grid cell whose cdf is at or below g / GRID (and below the top cell).
      const guide = new Int32Array(PERT_GRID + 1);
      for (let g = 0, l = 0; g <= PERT_GRID; g++) {
        while (l < PERT_GRID - 1 && cdf[l + 1]! <= g / PERT_GRID) l++;
        guide[g] = l;
      }
      const at = (x: number) => {
        if (x <= a) return 0;
        if (x >= b) return 1;
        const pos = ((x - a) / (b - a)) * PERT_GRID;
        const i = Math.floor(pos);
        return cdf[i]! + (pos - i) * (cdf[i + 1]! - cdf[i]!);
      };
      const f0 = at(lo);
      const f1 = at(hi);
      const one = (u: number): number => {
        const p = f0 + u * (f1 - f0);
        const l = pertCell(cdf, guide, p);
        const h = l + 1;
        const span = cdf[h]! - cdf[l]!;
        const frac = span > 0 ? (p - cdf[l]!) / span : 0;
        return Math.min(Math.max(xs[l]! + frac * (xs[h]! - xs[l]!), lo), hi);
      };
      return {
        one,
        many: (us, out, at, n) => {
          for (let i = 0; i < n; i++) out[at + i] = one(us[i]!);
        },
      };
    }
  }
}
