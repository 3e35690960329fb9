import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  centreOn,
  createQuantile,
  createSampler,
  type Distribution,
  normalCdf,
  normalQuantile,
} from "../../models/distributions.ts";

const SETTINGS = { seed: 42, numRuns: 500 };
const ALL = [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY] as const;

/** Φ⁻¹ at the usual quantiles (to 16 digits). */
const Z75 = 0.6744897501960817;
const PHI1 = 0.8413447460685429; // Φ(1)

/** The untruncated quantile function of `d`. */
function q(d: Distribution): (u: number) => number {
  return createQuantile(d, ...ALL);
}

/** CDF of Beta(3, 3), the PERT with its mode in the middle: x³(10 − 15x + 6x²). */
function beta33Cdf(x: number): number {
  return x ** 3 * (10 - 15 * x + 6 * x * x);
}

/** Inverts an increasing CDF on [0, 1] by bisection (to machine precision). */
function invert(cdf: (x: number) => number, p: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe("untruncated quantiles against analytic values", () => {
  it("uniform(2, 6): quartiles 3, 4, 5 and the bounds at u = 0 and 1", () => {
    const f = q({ kind: "uniform", min: 2, max: 6 });
    expect(f(0)).toBe(2);
    expect(f(0.25)).toBe(3);
    expect(f(0.5)).toBe(4);
    expect(f(0.75)).toBe(5);
    expect(f(1)).toBe(6);
  });

  it("triangular(0, 5, 10): median 5, quartiles 5 ∓ (5 − √12.5)", () => {
    const f = q({ kind: "triangular", min: 0, mode: 5, max: 10 });
    expect(f(0.5)).toBeCloseTo(5, 12);
    expect(f(0.25)).toBeCloseTo(Math.sqrt(12.5), 12); // 3.5355…
    expect(f(0.75)).toBeCloseTo(10 - Math.sqrt(12.5), 12); // 6.4645…
  });

  it("skewed triangular(0, 2, 10): the median lies on the long side at 10 − √40", () => {
    // F(mode) = 0.2 < 0.5, so the median solves 1 − (10 − x)² / (10 · 8) = 0.5.
    const f = q({ kind: "triangular", min: 0, mode: 2, max: 10 });
    expect(f(0.2)).toBeCloseTo(2, 12);
    expect(f(0.5)).toBeCloseTo(10 - Math.sqrt(40), 12); // 3.6754…
    expect(f(0.1)).toBeCloseTo(Math.sqrt(0.1 * 10 * 2), 12);
  });

  it("normal(10, 2): median 10, quartiles 10 ∓ 2·0.67449, p84.13 = 12", () => {
    const f = q({ kind: "normal", mean: 10, sd: 2 });
    expect(f(0.5)).toBeCloseTo(10, 9);
    expect(f(0.25)).toBeCloseTo(10 - 2 * Z75, 7);
    expect(f(0.75)).toBeCloseTo(10 + 2 * Z75, 7);
    expect(Math.abs(f(PHI1) - 12)).toBeLessThan(1e-6);
    expect(Math.abs(f(1 - PHI1) - 8)).toBeLessThan(1e-6);
    expect(Math.abs(f(0.975) - (10 + 2 * 1.959963984540054))).toBeLessThan(1e-6);
  });

  it("lognormal(median 100, gsd 2): median 100, quartiles 100·2^(∓0.67449), p84.13 = 200", () => {
    const f = q({ kind: "lognormal", median: 100, gsd: 2 });
    expect(f(0.5)).toBeCloseTo(100, 7);
    expect(f(0.25)).toBeCloseTo(100 * 2 ** -Z75, 5);
    expect(f(0.75)).toBeCloseTo(100 * 2 ** Z75, 5);
    expect(Math.abs(f(PHI1) - 200)).toBeLessThan(1e-4);
    expect(Math.abs(f(1 - PHI1) - 50)).toBeLessThan(1e-4);
  });

  it("PERT(0, 5, 10) is Beta(3, 3) on [0, 10]: median 5, quartiles from the closed-form CDF", () => {
    const f = q({ kind: "pert", min: 0, mode: 5, max: 10 });
    const q25 = 10 * invert(beta33Cdf, 0.25); // 3.5944…
    expect(q25).toBeCloseTo(3.5944, 3);
    expect(Math.abs(f(0.5) - 5)).toBeLessThan(1e-9);
    // The CDF is tabulated on a 512-cell grid: a thousandth of the range is ample.
    expect(Math.abs(f(0.25) - q25)).toBeLessThan(1e-3);
    expect(Math.abs(f(0.75) - (10 - q25))).toBeLessThan(1e-3);
    expect(Math.abs(f(0.1) - 10 * invert(beta33Cdf, 0.1))).toBeLessThan(1e-3);
  });

  it("skewed PERT(0, 2, 10) has the PERT mean (min + 4·mode + max) / 6 = 3", () => {
    const f = q({ kind: "pert", min: 0, mode: 2, max: 10 });
    const m = 20_000;
    let sum = 0;
    for (let i = 0; i < m; i++) sum += f((i + 0.5) / m);
    expect(Math.abs(sum / m - 3)).toBeLessThan(2e-3);
    // …and its median sits between the mode and the mean, as for every right-skewed beta.
    expect(f(0.5)).toBeGreaterThan(2);
    expect(f(0.5)).toBeLessThan(3);
  });
});

describe("truncation to the allowed range [lo, hi]", () => {
  it("normal(10, 2) truncated at its mean keeps only the upper half, with its shape", () => {
    const f = createQuantile({ kind: "normal", mean: 10, sd: 2 }, 10, Number.POSITIVE_INFINITY);
    expect(Math.abs(f(0) - 10)).toBeLessThan(1e-6);
    // The truncated median is the untruncated 75th percentile; its 68.27% point is the mean + 1 sd.
    expect(f(0.5)).toBeCloseTo(10 + 2 * Z75, 6);
    expect(Math.abs(f(2 * PHI1 - 1) - 12)).toBeLessThan(1e-5);
    for (let i = 0; i < 1000; i++) expect(f(i / 1000)).toBeGreaterThanOrEqual(10);
  });

  it("triangular(0, 5, 10) truncated to [5, 10] is the upper half: its median is the p75", () => {
    const f = createQuantile({ kind: "triangular", min: 0, mode: 5, max: 10 }, 5, 10);
    expect(f(0)).toBeCloseTo(5, 12);
    expect(f(0.5)).toBeCloseTo(10 - Math.sqrt(12.5), 12);
  });

  it("lognormal truncated below its median keeps the upper half", () => {
    const f = createQuantile({ kind: "lognormal", median: 100, gsd: 2 }, 100, 10_000);
    expect(f(0.5)).toBeCloseTo(100 * 2 ** Z75, 3);
  });

  it("uniform(0, 10) truncated to [2, 4] is uniform on [2, 4]", () => {
    const f = createQuantile({ kind: "uniform", min: 0, max: 10 }, 2, 4);
    expect([f(0), f(0.5), f(1)]).toEqual([2, 3, 4]);
  });

  it("PERT truncated to [5, 10] gives the untruncated quantiles above the median", () => {
    const d: Distribution = { kind: "pert", min: 0, mode: 5, max: 10 };
    const full = q(d);
    const half = createQuantile(d, 5, 10);
    for (const u of [0.1, 0.5, 0.9]) expect(half(u)).toBeCloseTo(full(0.5 + u / 2), 9);
  });

  // Bug: a uniform distribution that lies wholly outside the allowed range is not truncated into it.
  // createQuantile (models/distributions.ts, case "uniform") takes a = max(min, lo), b = min(max, hi);
  // for uniform(0, 10) on [20, 30] that is a = 20, b = 10 and u = 0.5 draws 15, below the range (and the
  // quantile falls as u rises). Every other kind clamps into [lo, hi].
  it("keeps a uniform draw inside [lo, hi] even when the distribution misses the range", () => {
    const f = createQuantile({ kind: "uniform", min: 0, max: 10 }, 20, 30);
    for (const u of [0, 0.5, 0.999]) {
      expect(f(u)).toBeGreaterThanOrEqual(20);
      expect(f(u)).toBeLessThanOrEqual(30);
    }
  });
});

describe("normalQuantile and normalCdf", () => {
  it("are inverse of each other within 1e-6", () => {
    for (let i = 1; i < 10_000; i++) {
      const p = i / 10_000;
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-6);
    }
    // In x the CDF's error is divided by the density, so 1e-6 holds in the body of the distribution.
    for (let x = -1; x <= 1; x += 0.001) {
      expect(Math.abs(normalQuantile(normalCdf(x)) - x)).toBeLessThan(1e-6);
    }
  });

  it("take the closed values at the ends", () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(0.5)).toBe(0);
    expect(Math.abs(normalCdf(0) - 0.5)).toBeLessThan(1e-8);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
  });
});

/** A number on a grid of millionths: planning parameters, not subnormal floating-point corner cases. */
const num = (min: number, max: number) =>
  fc.integer({ min: Math.round(min * 1e6), max: Math.round(max * 1e6) }).map((i) => i / 1e6);

/** A distribution with an allowed range [lo, hi] that overlaps its support. */
const caseArb: fc.Arbitrary<{ d: Distribution; lo: number; hi: number }> = fc.oneof(
  fc
    .record({
      kind: fc.constantFrom("uniform", "triangular", "pert"),
      min: num(-1000, 1000),
      width: num(1e-3, 1000),
      modeAt: num(0, 1),
      f1: num(-0.5, 0.99),
      f2: num(0.01, 1.5),
    })
    .filter((c) => c.f1 < c.f2)
    .map(({ kind, min, width, modeAt, f1, f2 }) => {
      const max = min + width;
      const mode = Math.min(Math.max(min + modeAt * width, min), max);
      const d: Distribution = kind === "uniform" ? { kind, min, max } : { kind, min, mode, max };
      return { d, lo: min + f1 * width, hi: min + f2 * width };
    }),
  fc
    .record({
      mean: num(-1000, 1000),
      sd: num(1e-2, 100),
      z1: fc.option(num(-6, 5)),
      dz: fc.option(num(0.01, 6)),
    })
    .map(({ mean, sd, z1, dz }) => {
      const lo = z1 === null ? Number.NEGATIVE_INFINITY : mean + z1 * sd;
      const hi = dz === null ? Number.POSITIVE_INFINITY : (z1 === null ? mean : lo) + dz * sd;
      return { d: { kind: "normal", mean, sd } as Distribution, lo, hi };
    }),
  fc
    .record({
      median: num(1e-2, 1e4),
      gsd: num(1.01, 5),
      f1: num(0, 2),
      f2: num(0.01, 5),
    })
    .filter((c) => c.f1 < c.f2)
    .map(({ median, gsd, f1, f2 }) => ({
      d: { kind: "lognormal", median, gsd } as Distribution,
      lo: median * f1,
      hi: median * f2,
    })),
);

const uArb = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe("quantile properties (fast-check, seed 42)", () => {
  it("every kind: the quantile is monotone non-decreasing in u", () => {
    fc.assert(
      fc.property(caseArb, uArb, uArb, ({ d, lo, hi }, a, b) => {
        const f = createQuantile(d, lo, hi);
        const [u1, u2] = a <= b ? [a, b] : [b, a];
        const x1 = f(u1);
        const x2 = f(u2);
        // Monotone up to a few ulps: the rational approximation of Φ⁻¹ can wobble in its last bits
        // between neighbouring u (e.g. 1e-16 apart), which no sample, stratum or bisection can see.
        expect(x1).toBeLessThanOrEqual(x2 + 1e-12 * Math.max(1, Math.abs(x2)));
      }),
      SETTINGS,
    );
  });

  it("every kind: each draw stays inside [lo, hi]", () => {
    fc.assert(
      fc.property(caseArb, uArb, ({ d, lo, hi }, u) => {
        const x = createQuantile(d, lo, hi)(u);
        expect(Number.isFinite(x) || !Number.isFinite(lo) || !Number.isFinite(hi)).toBe(true);
        expect(x).toBeGreaterThanOrEqual(lo);
        expect(x).toBeLessThanOrEqual(hi);
      }),
      SETTINGS,
    );
  });
});

describe("centreOn: a distribution follows its assumption's point value", () => {
  it("moves each kind's centre to the value and keeps its spread", () => {
    expect(centreOn({ kind: "triangular", min: 6, mode: 12, max: 18 }, 14)).toEqual({
      kind: "triangular",
      min: 8,
      mode: 14,
      max: 20,
    });
    expect(centreOn({ kind: "pert", min: 6, mode: 12, max: 18 }, 10)).toEqual({
      kind: "pert",
      min: 4,
      mode: 10,
      max: 16,
    });
    expect(centreOn({ kind: "uniform", min: 1, max: 3 }, 5)).toEqual({ kind: "uniform", min: 4, max: 6 });
    expect(centreOn({ kind: "normal", mean: 5, sd: 1 }, 7)).toEqual({ kind: "normal", mean: 7, sd: 1 });
    expect(centreOn({ kind: "lognormal", median: 100, gsd: 1.5 }, 150)).toEqual({
      kind: "lognormal",
      median: 150,
      gsd: 1.5,
    });
  });
  it("is a no-op for a distribution already centred on the value", () => {
    const d = { kind: "triangular", min: 4000, mode: 6000, max: 10000 } as const;
    expect(centreOn(d, 6000)).toBe(d);
  });
});

describe("batch quantiles (the Monte Carlo's block draws)", () => {
  const kinds: Distribution[] = [
    { kind: "uniform", min: 3, max: 12 },
    { kind: "triangular", min: 5000, mode: 6000, max: 8000 },
    { kind: "pert", min: 0, mode: 2, max: 10 },
    { kind: "pert", min: -4, mode: 7.5, max: 8 },
    { kind: "normal", mean: 450, sd: 50 },
    { kind: "lognormal", median: 3, gsd: 1.6 },
  ];
  const us = new Float64Array(4096);
  for (let i = 0; i < us.length; i++) us[i] = (i + 0.5) / us.length;
  us[0] = 0;
  us[1] = 1 - 2 ** -32;

  it("give exactly the one-value quantile, truncated or not", () => {
    for (const d of kinds) {
      for (const [lo, hi] of [ALL, [1, 9]] as const) {
        const s = createSampler(d, lo, hi);
        const out = new Float64Array(us.length + 3);
        s.many(us, out, 3, us.length);
        for (let i = 0; i < us.length; i++) expect(out[3 + i]).toBe(s.one(us[i]!));
        expect(Array.from(us, (u) => createQuantile(d, lo, hi)(u))).toEqual(Array.from(out.subarray(3)));
      }
    }
  });

  it("PERT's guide table finds the grid cell a binary search over the whole grid finds", () => {
    // The PERT quantile inverts a 512-cell CDF table by linear interpolation; the reference here is the
    // same table searched by bisection, so the two must agree to the last bit.
    const grid = 512;
    for (const d of kinds.filter((k) => k.kind === "pert")) {
      if (d.kind !== "pert") continue;
      const { min: a, mode: c, max: b } = d;
      const alpha = 1 + (4 * (c - a)) / (b - a);
      const beta = 1 + (4 * (b - c)) / (b - a);
      const xs = new Float64Array(grid + 1);
      const cdf = new Float64Array(grid + 1);
      let acc = 0;
      for (let i = 0; i <= grid; i++) {
        xs[i] = a + ((b - a) * i) / grid;
        if (i > 0) {
          const m = (i - 0.5) / grid;
          acc += m ** (alpha - 1) * (1 - m) ** (beta - 1);
        }
        cdf[i] = acc;
      }
      for (let i = 0; i <= grid; i++) cdf[i] = cdf[i]! / acc;
      const bisect = (p: number) => {
        let l = 0;
        let h = grid;
        while (h - l > 1) {
          const mid = (l + h) >> 1;
          if (cdf[mid]! <= p) l = mid;
          else h = mid;
        }
        const span = cdf[h]! - cdf[l]!;
        const frac = span > 0 ? (p - cdf[l]!) / span : 0;
        return xs[l]! + frac * (xs[h]! - xs[l]!);
      };
      const q = createQuantile(d, ...ALL);
      for (const u of us) expect(q(u)).toBe(bisect(u));
      // Exactly on the table's own CDF values, where the walk and the bisection could part ways.
      for (let i = 0; i < grid; i++) expect(q(cdf[i]!)).toBe(bisect(cdf[i]!));
    }
  });
});
