import { centreOn, createSampler, type Sampler } from "./distributions.ts";
import { type Anchor, applyAnchor, judgeColumns } from "./feasibility.ts";
import { deriveSeed, fillUniform } from "./rng.ts";
import type { World } from "./world.ts";

/**
 * Seeded Monte Carlo over a world. Sample i always draws from the stream `deriveSeed(seed, i)` (and, for
 * Latin hypercube sampling, from stratum permutations that depend only on the seed and the sample count),
 * so any split of [0, N) into slices — across workers or threads — merges into exactly the single run.
 */

export type Sampling = "random" | "lhs";

export interface SampleRequest {
  /** Total sample count N of the run the slice belongs to. */
  samples: number;
  seed: number;
  sampling: Sampling;
  /** The slice [from, to) of sample indices to compute. */
  from: number;
  to: number;
  /** Assumptions whose uncertainty is off for this run (a goal-seek lever, a "point only" switch). */
  fixed?: ReadonlySet<string>;
  /**
   * Latin hypercube strata of a slice from the thread's remembered tables, as a whole run's are: for a
   * thread that computes every slice of the run itself (the page's sliced runner), where one O(N) table
   * per assumption is paid once and not per slice. The strata are the same either way.
   */
  strataTables?: boolean;
}

/**
 * Samples of every bound indicator for a slice, laid out year-major (`y * (to − from) + (s − from)`):
 * each year's column is contiguous, so quantiles read it directly, and judging runs over columns after
 * the sampling loop. Slices merge by concatenating each year's column.
 */
export interface SampleSlice {
  from: number;
  to: number;
  /**
   * One array per bound indicator, length years × (to − from). Indicators judged on the same series
   * without actuals share one array (the same object), stored once.
   */
  values: Float64Array[];
  /** One array per bound indicator, 1 where the sample meets the target. */
  met: Uint8Array[];
  /** One array per bound indicator: each sample's judged value ({@link Judgement.metric}). */
  metric: Float64Array[];
  /** One array per bound indicator: each sample's {@link Judgement.score} (met is monotone in it). */
  score: Float64Array[];
}

interface Uncertain {
  index: number;
  quantile: Sampler;
}

function uncertainOf(world: World, fixed: ReadonlySet<string> | undefined, base: Float64Array): Uncertain[] {
  const out: Uncertain[] = [];
  world.assumptions.forEach((a, index) => {
    if (!a.uncertainty || fixed?.has(world.assumptionIds[index]!)) return;
    out.push({ index, quantile: createSampler(centreOn(a.uncertainty, base[index]!), a.min, a.max) });
  });
  return out;
}

/**
 * The stratum permutation of assumption `j` for Latin hypercube sampling with N samples: a keyed
 * Feistel bijection on [0, 2^bits) with cycle walking down to [0, N). Each sample's stratum is computed
 * in O(1) with no table, so a slice of the run costs only its own samples and any split of [0, N)
 * gives the same strata.
 */
export interface StratumPermutation {
  readonly n: number;
  readonly half: number;
  readonly mask: number;
  readonly keys: Uint32Array;
}

export function createStratumPermutation(n: number, seed: number, j: number): StratumPermutation {
  let bits = 2;
  while (2 ** bits < n) bits += 2;
  const half = bits / 2;
  const keys = new Uint32Array(4);
  let k = deriveSeed(seed ^ 0x5bd1e995, j);
  for (let r = 0; r < 4; r++) {
    k = deriveSeed(k, r);
    keys[r] = k;
  }
  return { n, half, mask: (1 << half) - 1, keys };
}

function feistel(p: StratumPermutation, x: number): number {
  let l = x >>> p.half;
  let r = x & p.mask;
  for (let round = 0; round < 4; round++) {
    let h = Math.imul(r ^ p.keys[round]!, 0x9e3779b1);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    const next = l ^ (h & p.mask);
    l = r;
    r = next;
  }
  return (l << p.half) | r;
}

/**
 * `us[b] = (stratum of sample from + b + draws[b · stride + j]) / N` for b < m: the Latin hypercube
 * uniforms of assumption `j` for a block of samples, with the Feistel rounds' keys held in locals.
 * Exactly {@link stratumOf} per sample.
 */
function stratifiedInto(
  p: StratumPermutation,
  from: number,
  m: number,
  draws: Float64Array,
  j: number,
  stride: number,
  total: number,
  us: Float64Array,
): void {
  const { half, mask, n, keys } = p;
  const k0 = keys[0]!;
  const k1 = keys[1]!;
  const k2 = keys[2]!;
  const k3 = keys[3]!;
  for (let b = 0, at = j; b < m; b++, at += stride) {
    us[b] = (stratumWith(from + b, half, mask, n, k0, k1, k2, k3) + draws[at]!) / total;
  }
}

/** {@link stratumOf} with the permutation's fields passed as numbers (the block loops keep them in locals). */
function stratumWith(
  s: number,
  half: number,
  mask: number,
  n: number,
  k0: number,
  k1: number,
  k2: number,
  k3: number,
): number {
  let y = s;
  do {
    let l = y >>> half;
    let r = y & mask;
    let h = Math.imul(r ^ k0, 0x9e3779b1);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    let next = l ^ (h & mask);
    l = r;
    r = next;
    h = Math.imul(r ^ k1, 0x9e3779b1);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    next = l ^ (h & mask);
    l = r;
    r = next;
    h = Math.imul(r ^ k2, 0x9e3779b1);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    next = l ^ (h & mask);
    l = r;
    r = next;
    h = Math.imul(r ^ k3, 0x9e3779b1);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    next = l ^ (h & mask);
    l = r;
    r = next;
    y = (l << half) | r;
  } while (y >= n);
  return y;
}

/**
 * Remembered stratum tables: the strata of every sample of a run depend only on the seed, the sample
 * count and the assumption's place among the uncertain ones, so a run repeated with other assumption
 * values (a slider dragged, a goal-seek probe) reads them instead of recomputing the Feistel rounds.
 * Kept for one (seed, N) at a time and up to {@link STRATA_KEEP} entries in all.
 */
let strata: { seed: number; n: number; tables: Int32Array[]; entries: number } | null = null;
const STRATA_KEEP = 4 * 1024 * 1024;

function strataTable(p: StratumPermutation, seed: number, j: number): Int32Array | undefined {
  if (!strata || strata.seed !== seed || strata.n !== p.n) strata = { seed, n: p.n, tables: [], entries: 0 };
  const have = strata.tables[j];
  if (have) return have;
  if (strata.entries + p.n > STRATA_KEEP) return undefined;
  const t = new Int32Array(p.n);
  const { half, mask, n, keys } = p;
  const [k0, k1, k2, k3] = [keys[0]!, keys[1]!, keys[2]!, keys[3]!];
  for (let s = 0; s < n; s++) t[s] = stratumWith(s, half, mask, n, k0, k1, k2, k3);
  strata.tables[j] = t;
  strata.entries += p.n;
  return t;
}

/** Samples drawn together (see {@link sampleSlice}): small enough for the draws to stay in cache. */
const BLOCK = 256;

/** The stratum of sample `s` (a bijection of [0, N)). */
export function stratumOf(p: StratumPermutation, s: number): number {
  let y = feistel(p, s);
  while (y >= p.n) y = feistel(p, y);
  return y;
}

/**
 * For each bound indicator, the index of the indicator whose stored series it shares: the first one
 * bound to the same output, when neither has actuals to re-project from (itself otherwise).
 */
export function storageTwins(world: World, anchors: readonly (Anchor | null)[]): number[] {
  const first = new Map<string, number>();
  return world.indicators.map((b, i) => {
    if (anchors[i]) return i;
    const j = first.get(b.output);
    if (j !== undefined) return j;
    first.set(b.output, i);
    return i;
  });
}

/**
 * Reusable memory for the columns of a run that nobody keeps. Fresh typed arrays are zero pages the
 * operating system must map on first touch, which costs more than the sampling itself (measured: writing
 * 4.8 MB into a fresh array took 40 ms, into a reused one 1.2 ms), and they keep the collector busy. A run
 * whose slice is consumed before the next run starts (a whole evaluation, a goal-seek probe) carves its
 * columns out of one `Scratch`; a slice that leaves the thread (a pool worker's, transferred) never does.
 * Every carved array is fully written before it is read, so nothing is cleared.
 */
export class Scratch {
  protected f64 = new Float64Array(0);
  protected u8 = new Uint8Array(0);
  protected f64At = 0;
  protected u8At = 0;
  /** Buffers larger than this many bytes are not kept between runs (a 100,000-sample run). */
  static readonly KEEP_BYTES = 64 * 1024 * 1024;

  /** Starts a run needing `f64` doubles and `u8` bytes in all; earlier carved arrays become invalid. */
  begin(f64: number, u8: number): void {
    if (this.f64.length < f64) this.f64 = new Float64Array(f64);
    if (this.u8.length < u8) this.u8 = new Uint8Array(u8);
    this.f64At = 0;
    this.u8At = 0;
  }

  float64(n: number): Float64Array {
    if (this.f64At + n > this.f64.length) return new Float64Array(n);
    const a = this.f64.subarray(this.f64At, this.f64At + n);
    this.f64At += n;
    return a;
  }

  uint8(n: number): Uint8Array {
    if (this.u8At + n > this.u8.length) return new Uint8Array(n);
    const a = this.u8.subarray(this.u8At, this.u8At + n);
    this.u8At += n;
    return a;
  }

  /** Ends a run: lets go of buffers too large to keep. */
  end(): void {
    if (this.f64.byteLength > Scratch.KEEP_BYTES) this.f64 = new Float64Array(0);
    if (this.u8.byteLength > Scratch.KEEP_BYTES) this.u8 = new Uint8Array(0);
  }
}

/**
 * The one scratch of this thread: runs are synchronous and never nested, so whole evaluations and
 * goal-seek probes share it (each consumes its slice before the next run begins).
 */
export const SHARED_SCRATCH = new Scratch();

/** Allocates fresh arrays: for slices that are kept or transferred. */
const FRESH = {
  begin(): void {},
  float64: (n: number) => new Float64Array(n),
  uint8: (n: number) => new Uint8Array(n),
  end(): void {},
};

/** Where a run's columns come from: a {@link Scratch} or fresh memory. */
export type Memory = Pick<Scratch, "begin" | "float64" | "uint8" | "end">;

/**
 * Runs samples [from, to) of a Monte Carlo. `base` holds the point values (a copy is varied per sample);
 * `anchors` re-project indicators that have actuals. The loop only draws, runs the models and stores
 * each distinct judged series into its year columns; every target is then judged over the columns.
 */
export function sampleSlice(
  world: World,
  req: SampleRequest,
  anchors: readonly (Anchor | null)[],
  base: Float64Array = world.pointValues,
  memory: Memory = FRESH,
): SampleSlice {
  const uncertain = uncertainOf(world, req.fixed, base);
  const count = req.to - req.from;
  const n = world.years.length;
  const inds = world.indicators;
  const twin = storageTwins(world, anchors);
  const distinct = twin.filter((t, i) => t === i).length;
  const againstCount = inds.filter((b) => b.against).length;
  memory.begin((distinct * n + 2 * inds.length + againstCount) * count, inds.length * count);
  const values: Float64Array[] = [];
  inds.forEach((_, i) => {
    values.push(twin[i] === i ? memory.float64(n * count) : values[twin[i]!]!);
  });
  const met = inds.map(() => memory.uint8(count));
  const metric = inds.map(() => memory.float64(count));
  const score = inds.map(() => memory.float64(count));
  // The distinct series to store: source, destination, and the anchor that re-projects it.
  const stored = inds.flatMap((b, i) =>
    twin[i] === i ? [{ series: world.series(b.output), out: values[i]!, anchor: anchors[i] ?? null }] : [],
  );
  const scratch = new Float64Array(n);
  // "In step" targets read the series they keep pace with at the target year only.
  const againstAt = inds.map((b) =>
    b.against
      ? {
          series: world.series(b.against),
          T: b.indicator.target.year - world.span.start,
          out: memory.float64(count),
        }
      : null,
  );
  const againsts = againstAt.filter((a) => a !== null);
  const lhs = req.sampling === "lhs";
  const perms = lhs ? uncertain.map((_, j) => createStratumPermutation(req.samples, req.seed, j)) : [];
  // A whole run's strata come from the remembered tables (see strataTable); a slice computes its own,
  // unless its thread makes every slice of the run (`strataTables`).
  const whole = lhs && (req.strataTables === true || (req.from === 0 && req.to === req.samples));
  const tables = perms.map((p, j) => (whole ? strataTable(p, req.seed, j) : undefined));
  const batches = uncertain.map((u) => u.quantile.many);
  const slots = Int32Array.from(uncertain.map((u) => u.index));
  const nu = uncertain.length;
  const total = req.samples;
  const vec = Float64Array.from(base);
  // Samples are drawn a block at a time: every sample's uniforms (sample-major, from its own stream),
  // then each assumption's values for the whole block through its distribution's batch quantile, then
  // the models sample by sample. The numbers are exactly those of drawing sample by sample.
  const block = Math.min(BLOCK, count);
  const draws = new Float64Array(block * nu);
  const us = new Float64Array(block);
  const drawn = new Float64Array(nu * block);
  const nst = stored.length;
  for (let b0 = req.from; b0 < req.to; b0 += block) {
    const m = Math.min(block, req.to - b0);
    for (let b = 0; b < m; b++) fillUniform(deriveSeed(req.seed, b0 + b), draws, nu, b * nu);
    for (let j = 0; j < nu; j++) {
      const table = tables[j];
      if (table) {
        for (let b = 0, at = j; b < m; b++, at += nu) us[b] = (table[b0 + b]! + draws[at]!) / total;
      } else if (lhs) stratifiedInto(perms[j]!, b0, m, draws, j, nu, total, us);
      else for (let b = 0, at = j; b < m; b++, at += nu) us[b] = draws[at]!;
      batches[j]!(us, drawn, j * block, m);
    }
    for (let b = 0; b < m; b++) {
      for (let j = 0, at = b; j < nu; j++, at += block) vec[slots[j]!] = drawn[at]!;
      world.run(vec);
      const col = b0 + b - req.from;
      for (let k = 0; k < nst; k++) {
        const st = stored[k]!;
        let ser = st.series;
        if (st.anchor) {
          applyAnchor(st.anchor, ser, scratch);
          ser = scratch;
        }
        const out = st.out;
        for (let y = 0, at = col; y < n; y++, at += count) out[at] = ser[y]!;
      }
      for (let k = 0; k < againsts.length; k++) {
        const a = againsts[k]!;
        a.out[col] = a.series[a.T]!;
      }
    }
  }
  const start = world.span.start;
  const periodFrom = world.plan.period.from;
  inds.forEach((b, i) => {
    const v = values[i]!;
    judgeColumns(
      b.indicator,
      (y) => v.subarray(y * count, (y + 1) * count),
      againstAt[i]?.out,
      start,
      periodFrom,
      count,
      met[i]!,
      metric[i]!,
      score[i]!,
    );
  });
  return { from: req.from, to: req.to, values, met, metric, score };
}

/** Joins slices (in any order) covering [0, N) into one slice equal to a single run. */
export function mergeSlices(
  slices: readonly SampleSlice[],
  years: number,
  memory: Memory = FRESH,
): SampleSlice {
  const sorted = slices.filter((s) => s.to > s.from).sort((a, b) => a.from - b.from);
  const total = sorted.reduce((acc, s) => acc + (s.to - s.from), 0);
  const first = sorted[0];
  if (!first) throw new Error("no slices to merge");
  if (sorted.length === 1) return first;
  const k = first.values.length;
  const distinct = first.values.filter((v, i) => first.values.indexOf(v) === i).length;
  memory.begin((distinct * years + 2 * k) * total, k * total);
  // Indicators sharing one stored series in the slices share it in the merge too.
  const values: Float64Array[] = [];
  for (let i = 0; i < k; i++) {
    const j = first.values.indexOf(first.values[i]!);
    values.push(j < i ? values[j]! : memory.float64(years * total));
  }
  const met = Array.from({ length: k }, () => memory.uint8(total));
  const metric = Array.from({ length: k }, () => memory.float64(total));
  const score = Array.from({ length: k }, () => memory.float64(total));
  let expected = first.from;
  for (const sl of sorted) {
    if (sl.from !== expected) throw new Error(`slices leave a gap at sample ${expected}`);
    expected = sl.to;
    const off = sl.from - first.from;
    const count = sl.to - sl.from;
    for (let i = 0; i < k; i++) {
      if (first.values.indexOf(first.values[i]!) === i) {
        const src = sl.values[i]!;
        const dst = values[i]!;
        for (let y = 0; y < years; y++) {
          dst.set(src.subarray(y * count, (y + 1) * count), y * total + off);
        }
      }
      met[i]!.set(sl.met[i]!, off);
      metric[i]!.set(sl.metric[i]!, off);
      score[i]!.set(sl.score[i]!, off);
    }
  }
  return { from: first.from, to: expected, values, met, metric, score };
}

/** The quantile levels every summary reports. */
export const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/** Hoare-style selection: after the call a[k] holds the k-th smallest of a[lo..hi], smaller ones left of it. */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // median of three as pivot
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    // median of three, without array-destructuring swaps (they allocate in the hot loop)
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * Quantiles (type 7, as R and NumPy default) of `column`, which is reordered in place. Linear time per
 * level by selection rather than a full sort.
 */
export function quantilesInPlace(column: Float64Array, levels: readonly number[], out: Float64Array): void {
  const n = column.length;
  // Every order statistic needed: k and k + 1 of each level.
  const ks: number[] = [];
  for (const level of levels) {
    const k = Math.floor((n - 1) * level);
    ks.push(k);
    if (k + 1 < n) ks.push(k + 1);
  }
  const sorted = [...new Set(ks)].sort((x, y) => x - y);
  const stats = orderStatistics(column, sorted);
  for (let q = 0; q < levels.length; q++) {
    const h = (n - 1) * levels[q]!;
    const k = Math.floor(h);
    const v = stats.get(k)!;
    out[q] = h > k ? v + (h - k) * (stats.get(k + 1)! - v) : v;
  }
}

/** The {@link QUANTILES} of `column` (type 7), which is only read. */
function columnQuantiles(column: Float64Array, out: Float64Array): void {
  const n = column.length;
  const ks: number[] = [];
  for (const level of QUANTILES) {
    const k = Math.floor((n - 1) * level);
    ks.push(k);
    if (k + 1 < n) ks.push(k + 1);
  }
  const sorted = [...new Set(ks)].sort((x, y) => x - y);
  const stats = orderStatistics(column, sorted);
  for (let q = 0; q < QUANTILES.length; q++) {
    const h = (n - 1) * QUANTILES[q]!;
    const k = Math.floor(h);
    const v = stats.get(k)!;
    out[q] = h > k ? v + (h - k) * (stats.get(k + 1)! - v) : v;
  }
}

const BINS = 2048;
const binCount = new Int32Array(BINS);
const binSlot = new Int16Array(BINS);

/**
 * The order statistics `ks` (ascending, distinct) of `column`, exactly. Bucketing first: one pass for the
 * range, one to count values into bins, one to gather only the values of the few bins that hold the
 * wanted ranks; selection then runs on those small groups. `column` is only read.
 */
function orderStatistics(column: Float64Array, ks: readonly number[]): Map<number, number> {
  const n = column.length;
  const result = new Map<number, number>();
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = column[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(Number.isFinite(lo) && Number.isFinite(hi))) {
    // NaN or infinities: fall back to plain selection, which orders whatever it is given (a copy).
    const copy = Float64Array.from(column);
    multiSelect(copy, ks, 0, ks.length - 1, 0, n - 1);
    for (const k of ks) result.set(k, copy[k]!);
    return result;
  }
  if (lo === hi) {
    for (const k of ks) result.set(k, lo);
    return result;
  }
  const scale = BINS / (hi - lo);
  const top = BINS - 1;
  // Values at the bounds (a rate capped at 100, a count at 0) are common: a rank that falls among them
  // is answered directly, without gathering or selecting.
  binCount.fill(0);
  let atLo = 0;
  let atHi = 0;
  for (let i = 0; i < n; i++) {
    const v = column[i]!;
    const bin = ((v - lo) * scale) | 0;
    binCount[bin > top ? top : bin]!++;
    if (v === hi) atHi++;
    else if (v === lo) atLo++;
  }
  // Which bin holds each wanted rank, and its rank inside that bin.
  binSlot.fill(-1);
  const slots: { bin: number; start: number; size: number }[] = [];
  const where: { slot: number; rank: number }[] = [];
  let below = 0;
  let b = 0;
  for (const k of ks) {
    if (k < atLo) {
      result.set(k, lo);
      where.push({ slot: -1, rank: 0 });
      continue;
    }
    if (k >= n - atHi) {
      result.set(k, hi);
      where.push({ slot: -1, rank: 0 });
      continue;
    }
    while (below + binCount[b]! <= k) below += binCount[b++]!;
    if (binSlot[b] === -1) {
      binSlot[b] = slots.length;
      slots.push({ bin: b, start: 0, size: binCount[b]! });
    }
    where.push({ slot: binSlot[b]!, rank: k - below });
  }
  let offset = 0;
  for (const s of slots) {
    s.start = offset;
    offset += s.size;
  }
  const gathered = new Float64Array(offset);
  const fill = new Int32Array(slots.length);
  if (slots.length > 0) {
    for (let i = 0; i < n; i++) {
      const v = column[i]!;
      const bin = ((v - lo) * scale) | 0;
      const slot = binSlot[bin > top ? top : bin]!;
      if (slot >= 0) gathered[slots[slot]!.start + fill[slot]!++] = v;
    }
  }
  ks.forEach((k, j) => {
    const w = where[j]!;
    if (w.slot < 0) return;
    const s = slots[w.slot]!;
    const at = s.start + w.rank;
    select(gathered, at, s.start, s.start + s.size - 1);
    result.set(k, gathered[at]!);
  });
  return result;
}

function multiSelect(
  a: Float64Array,
  ks: readonly number[],
  kLo: number,
  kHi: number,
  lo: number,
  hi: number,
): void {
  if (kLo > kHi || lo >= hi) return;
  const mid = (kLo + kHi) >> 1;
  const k = ks[mid]!;
  select(a, k, lo, hi);
  multiSelect(a, ks, kLo, mid - 1, lo, k - 1);
  multiSelect(a, ks, mid + 1, kHi, k + 1, hi);
}

/** The upper-median sample of indicator `i`'s score (see {@link IndicatorSummary.median}). */
export function medianSample(full: SampleSlice, i: number): { metric: number; score: number } {
  const scores = full.score[i]!;
  const count = scores.length;
  const k = count >> 1;
  const target = orderStatistics(scores, [k]).get(k)!;
  const metrics = full.metric[i]!;
  for (let s = 0; s < count; s++) {
    if (scores[s] === target || (Number.isNaN(target) && Number.isNaN(scores[s]!))) {
      return { metric: metrics[s]!, score: target };
    }
  }
  return { metric: Number.NaN, score: target };
}

export interface IndicatorSummary {
  /** Percent of samples meeting the target. */
  probability: number;
  /**
   * The median sample's judged value and score: the sample at rank ⌊N/2⌋ (0-based, ascending) of the
   * score — the upper median, so that the verdict judged on it is met exactly when at least half of the
   * samples meet the target (probability ≥ 50%).
   */
  median: { metric: number; score: number };
  /** One array per level of {@link QUANTILES}, one value per year; null when bands were not asked for. */
  quantiles: Float64Array[] | null;
}

/**
 * Probability and per-year quantiles (with `bands`; without, probabilities and medians only, which need
 * no quantile selection) for every bound indicator of a complete run. `sameAs[i] = j < i`
 * says indicator i is judged on the same series as indicator j (several targets share one output), so
 * its quantiles are shared rather than recomputed.
 */
export function summarize(
  full: SampleSlice,
  years: number,
  sameAs?: readonly number[],
  bands = true,
): IndicatorSummary[] {
  const count = full.to - full.from;
  const q = new Float64Array(QUANTILES.length);
  const done: Float64Array[][] = [];
  return full.values.map((vals, i) => {
    const twin = sameAs?.[i] ?? i;
    const quantiles = !bands ? [] : twin < i ? done[twin]! : QUANTILES.map(() => new Float64Array(years));
    if (bands && twin === i) {
      for (let y = 0; y < years; y++) {
        // Year y is one contiguous column, read where it lies: the selection works on the few values
        // it gathers, and a constant column (lowest = highest) is answered without one.
        columnQuantiles(vals.subarray(y * count, (y + 1) * count), q);
        for (let l = 0; l < QUANTILES.length; l++) quantiles[l]![y] = q[l]!;
      }
    }
    done[i] = quantiles;
    let m = 0;
    const flags = full.met[i]!;
    for (let s = 0; s < count; s++) m += flags[s]!;
    return {
      probability: (100 * m) / count,
      quantiles: bands ? quantiles : null,
      median: medianSample(full, i),
    };
  });
}
