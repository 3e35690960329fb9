/**
 * Seeded randomness. A PRNG is a value passed in; `Math.random` never appears in `models/`.
 * The generator is sfc32 seeded through splitmix32: fast, 128-bit state, and good enough for
 * Monte Carlo of planning models (it passes PractRand to 2^40 bytes).
 */

/** Returns a uniform number in [0, 1). */
export type PRNG = () => number;

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** The largest seed (seed.ts: the run settings read it without loading the generator). */
export { MAX_SEED } from "./seed.ts";

/** Creates a deterministic PRNG from an integer seed (any 32-bit value; other numbers are truncated). */
export function createRng(seed: number): PRNG {
  const mix = splitmix32(seed | 0);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  // splitmix32 already spreads the seed over all 128 bits of state, so a short warm-up is enough.
  for (let i = 0; i < 4; i++) next();
  return next;
}

/**
 * Fills `out[at..at + count)` with the first `count` numbers of `createRng(seed)`, without creating a
 * closure: the Monte Carlo loop draws every sample's uniforms this way.
 */
export function fillUniform(seed: number, out: Float64Array, count: number, at = 0): void {
  // splitmix32, four times, inline (as in createRng)
  let s = seed | 0;
  s = (s + 0x9e3779b9) >>> 0;
  let z = Math.imul(s ^ (s >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  let a = (z ^ (z >>> 16)) >>> 0;
  s = (s + 0x9e3779b9) >>> 0;
  z = Math.imul(s ^ (s >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  let b = (z ^ (z >>> 16)) >>> 0;
  s = (s + 0x9e3779b9) >>> 0;
  z = Math.imul(s ^ (s >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  let c = (z ^ (z >>> 16)) >>> 0;
  s = (s + 0x9e3779b9) >>> 0;
  z = Math.imul(s ^ (s >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  let d = (z ^ (z >>> 16)) >>> 0;
  for (let i = -4; i < count; i++) {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    if (i >= 0) out[at + i] = t / 4294967296;
  }
}

/**
 * A seed for stream `k` derived from a base seed, so that sample blocks split across workers draw the
 * same numbers as a single run (sample i always uses stream `deriveSeed(seed, i)`).
 */
export function deriveSeed(seed: number, k: number): number {
  let h = (seed ^ Math.imul(k + 0x632be5ab, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}
