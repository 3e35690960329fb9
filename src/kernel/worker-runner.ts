import * as Comlink from "comlink";
import { type Evaluation, splitSamples } from "../../models/engine.ts";
import type { SampleSlice } from "../../models/monte-carlo.ts";
import { err, ok } from "../../models/result.ts";
import type { GoalSeekAnswer, GoalSeekRefusal, Tornado } from "../../models/sensitivity.ts";
import type { Bilingual, Result } from "../../models/text.ts";
import type { ModelWorkerApi } from "./model-worker.ts";
import {
  choiceLooksWrong,
  chooseSize,
  RUNS_BETWEEN_CALIBRATIONS,
  type SizeDecision,
  type SizeTimings,
} from "./pool-size.ts";
import type {
  EvaluateRequest,
  FinishRequest,
  FirstAnswer,
  GoalSeekRunRequest,
  RunError,
  Runner,
  SensitivityRequest,
  SliceRequest,
} from "./runner.ts";
import { createSlicedRunner, type SlicedApi } from "./sliced-runner.ts";

/**
 * The worker implementation of {@link Runner}: a pool of model workers. A Monte Carlo evaluation is cut
 * into contiguous sample slices, one per worker, computed in parallel and finished (merged, quantiles)
 * on one of them, so the page's thread only receives the result;
 * because sample i always draws from its own seeded stream, the result equals the inline runner's
 * exactly. A worker that crashes or stops answering is terminated and replaced, the call is retried once
 * on the replacement, and the app is told through `onIncident`.
 */

/** What one pool member answers: the worker's functions, each as a promise. */
export interface ModelApi {
  slice(req: SliceRequest): Promise<Result<SampleSlice, RunError>>;
  finish(req: FinishRequest): Promise<Result<Evaluation, RunError>>;
  evaluate(req: EvaluateRequest): Promise<Result<Evaluation, RunError>>;
  /** Two-step runs (runner.ts `probabilitiesOf`, `bandsOf`); members without them answer in one step. */
  probabilities?(req: EvaluateRequest): Promise<Result<FirstAnswer, RunError>>;
  finishProbabilities?(req: FinishRequest): Promise<Result<FirstAnswer, RunError>>;
  bands?(token: number): Promise<Evaluation | null>;
  tornado(req: SensitivityRequest): Promise<Result<Tornado[], RunError>>;
  goalSeek(req: GoalSeekRunRequest): Promise<Result<Result<GoalSeekAnswer, GoalSeekRefusal>, RunError>>;
}

/**
 * One pool member as the pool sees it. The browser's is a Web Worker wrapped with Comlink; tests pass
 * fakes, so the replacement logic is tested without a browser.
 */
export interface ModelEndpoint {
  api: ModelApi;
  /** Registers the listener told when the member crashes (an uncaught error in the worker). */
  onCrash(listener: (detail: string) => void): void;
  terminate(): void;
}

/** Something the person should know happened to a worker; the run itself was retried. */
export interface Incident {
  /** "stopped": the worker ended without a word (terminated, or killed by the browser). */
  kind: "crashed" | "hung" | "stopped";
  message: Bilingual;
}

export interface PoolOptions {
  /** Number of members, at least 1; with `measure`, the most the pool may grow to. */
  size: number;
  /**
   * Size the pool from measured speed-up (pool-size.ts) instead of using `size` members: the pool
   * starts with one member; after its first Monte Carlo run, once idle, it times the same model on
   * 1…`size` members, keeps the fastest (a larger pool only if it is measurably faster) and ends the
   * members it does not use. A later run that shows the choice wrong has it measured again.
   */
  measure?: MeasureOptions;
  /**
   * Unmeasured, a pool of several members tries a run split over all of them and a run whole on one,
   * then keeps the faster ("adaptive", the default); "always" splits every run (benchmarks timing a
   * given size).
   */
  split?: "adaptive" | "always";
  /** Makes a member; called once per slot at creation and again for each replacement. */
  spawn: () => ModelEndpoint;
  /**
   * Monte Carlo on the calling thread, in time slices (sliced-runner.ts). With `measure`, the pool then
   * times it too, as size 0, and uses it where no number of workers is measurably faster ("inline where
   * workers do not pay"); one worker stays for tornadoes and goal seeks. Ignored without `measure`.
   */
  inline?: SlicedApi;
  /** How long a call may take before its member is declared hung. Default 20,000 ms. */
  timeoutMs?: number;
  onIncident?: (incident: Incident) => void;
}

export interface MeasureOptions {
  /** Samples of the calibration run (at most the run that prompted it). Default 2,000. */
  samples?: number;
  /** Timed rounds per size, alternating sizes; the median counts. Default 3. */
  rounds?: number;
  /** The clock. Default `performance.now`. */
  now?: () => number;
  /** Runs `f` when the page is idle. Default `requestIdleCallback` where it exists, else a timeout. */
  whenIdle?: (f: () => void) => void;
  /** Told each decision. */
  onDecision?: (d: SizeDecision) => void;
  /**
   * A decision made earlier on this device (pool-memory.ts): the pool starts at its size and measures
   * only when a run shows it wrong, as after any calibration.
   */
  initial?: SizeDecision;
}

export interface WorkerRunnerOptions {
  /**
   * Workers in the pool, fixed. Default: sized from measured speed-up ({@link PoolOptions.measure}),
   * up to the number of logical cores, at most 8 (2 when unknown).
   */
  size?: number;
  /** Told each measured size decision (not called with a fixed `size`). */
  onPoolSize?: (d: SizeDecision) => void;
  /** Makes a worker running `model-worker.ts`; the default is Vite's module-worker import. */
  createWorker?: () => Worker;
  /** How long a call may take before its worker is declared hung. Default 20,000 ms. */
  timeoutMs?: number;
  onIncident?: (incident: Incident) => void;
  /**
   * Where a measured size decision is kept between page loads (pool-memory.ts), so a later visit on
   * the same device starts at the measured size without measuring again. Not used with a fixed `size`.
   */
  memory?: {
    recall(maxSize: number): SizeDecision | null;
    remember(maxSize: number, d: SizeDecision): void;
  };
}

export const DEFAULT_TIMEOUT_MS = 20_000;
/** More slices than this only adds overhead: every slice recomputes the LHS permutations for all N. */
const MAX_DEFAULT_SIZE = 8;

/** How many worker runners this page has made (`?selftest` reports it: the app must hold one). */
export const workerPoolsMade = (): number => workerPools;
let workerPools = 0;

/** The worker runner the app uses: Web Workers running `model-worker.ts`, wrapped with Comlink. */
export function createWorkerRunner(opts: WorkerRunnerOptions = {}): Runner {
  workerPools++;
  const createWorker =
    opts.createWorker ??
    (() => new Worker(new URL("./model-worker.ts", import.meta.url), { type: "module", name: "model" }));
  const cores = typeof navigator === "undefined" ? undefined : navigator.hardwareConcurrency;
  const size = opts.size ?? Math.min(cores || 2, MAX_DEFAULT_SIZE);
  const memory = opts.size === undefined ? opts.memory : undefined;
  const initial = memory?.recall(size) ?? undefined;
  if (initial) opts.onPoolSize?.(initial);
  return createPoolRunner({
    size,
    measure:
      opts.size === undefined
        ? {
            whenIdle: whenQuiet,
            ...(initial ? { initial } : {}),
            onDecision: (d) => {
              memory?.remember(size, d);
              opts.onPoolSize?.(d);
            },
          }
        : undefined,
    spawn: () => endpointOf(createWorker()),
    inline: opts.size === undefined ? createSlicedRunner() : undefined,
    timeoutMs: opts.timeoutMs,
    onIncident: opts.onIncident,
  });
}

let lifeLocks = 0;
/** The crash detail of a worker that ended without an error event. */
export const STOPPED = "stopped";

/**
 * Wraps a Web Worker with Comlink. Besides its `error` and `messageerror` events, a worker's end is
 * seen through a Web Lock it holds for life (`hold` in model-worker.ts): when the page is granted the
 * same lock, the worker is gone. A terminated or killed worker sends no event, and its calls would
 * otherwise wait for the pool's time limit (20 s) before anyone noticed.
 */
export function endpointOf(worker: Worker): ModelEndpoint {
  const remote = Comlink.wrap<ModelWorkerApi>(worker);
  const api: ModelApi = remote;
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  const name = `reachable-model-worker-${Date.now().toString(36)}-${++lifeLocks}-${Math.random().toString(36).slice(2)}`;
  const stop = new AbortController();
  const listeners: ((detail: string) => void)[] = [];
  let gone = false;
  const die = (detail: string): void => {
    if (gone) return;
    gone = true;
    for (const l of listeners) l(detail);
  };
  if (locks) {
    remote.hold(name).then(
      (held) => {
        if (!held || stop.signal.aborted) return;
        locks
          .request(name, { signal: stop.signal }, () => die(STOPPED))
          .catch(() => {
            // Aborted: the pool itself ended this worker.
          });
      },
      () => {
        // The worker ended before it could take the lock: its error event, or the time limit, tells.
      },
    );
  }
  return {
    api,
    onCrash(listener) {
      listeners.push(listener);
      worker.addEventListener("error", (e) => die(e.message || "uncaught error"));
      worker.addEventListener("messageerror", () => die("a message could not be read"));
    },
    terminate: () => {
      gone = true;
      stop.abort();
      worker.terminate();
    },
  };
}

/** Thrown into the calls in flight on a member that died, so they can retry elsewhere. */
class MemberDied extends Error {
  constructor(readonly incident: Incident) {
    super(incident.message.en);
  }
}

class PoolClosed extends Error {}

/** A second step whose kept samples are gone (a newer run on that member, or a replaced member). */
const LOST: RunError = { message: { zh: "抽样结果已不在", en: "the kept samples are gone" } };

interface Member {
  endpoint: ModelEndpoint;
  dead: boolean;
  /** Left the pool when it shrank; terminated once its calls in flight are answered. */
  retired: boolean;
  /** Fails each call in flight on this member. */
  inFlight: Set<(e: Error) => void>;
}

function crashed(detail: string): Incident {
  if (detail === STOPPED) {
    return {
      kind: "stopped",
      message: {
        zh: "一个模型计算进程意外停止，已换用新进程，进行中的计算已重试。",
        en: "A model worker stopped unexpectedly; it was replaced and any run in progress was retried.",
      },
    };
  }
  return {
    kind: "crashed",
    message: {
      zh: `模型计算进程崩溃（${detail}），已换用新进程，进行中的计算已重试。`,
      en: `A model worker crashed (${detail}); it was replaced and any run in progress was retried.`,
    },
  };
}

function hung(ms: number): Incident {
  const zh = ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} 秒` : `${ms} 毫秒`;
  const en = ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
  return {
    kind: "hung",
    message: {
      zh: `模型计算进程 ${zh}内没有响应，已换用新进程，进行中的计算已重试。`,
      en: `A model worker did not answer within ${en}; it was replaced and any run in progress was retried.`,
    },
  };
}

function errorOf(e: unknown, retried: boolean): RunError {
  if (e instanceof PoolClosed) {
    return { message: { zh: "计算已停止：运行器已关闭", en: "the run stopped: the runner was closed" } };
  }
  if (e instanceof MemberDied) {
    return retried
      ? {
          message: {
            zh: `重试后模型计算仍然失败：${e.incident.message.zh}`,
            en: `the models failed again after a retry: ${e.incident.message.en}`,
          },
        }
      : { message: e.incident.message };
  }
  const why = e instanceof Error ? e.message : String(e);
  return { message: { zh: `模型计算出错：${why}`, en: `the models failed: ${why}` } };
}

/** Default samples of a calibration run: a slice small enough to be quick, large enough to show speed-up. */
const CALIBRATION_SAMPLES = 2000;
const CALIBRATION_ROUNDS = 3;

/**
 * How long the page's runs must have stopped before the app's pool measures its size. A measurement
 * that a run interrupts is thrown away, so measuring while a person is still changing assumptions
 * only takes the cores from their runs.
 */
export const QUIET_MS = 3000;

/** The app's moment to measure: {@link QUIET_MS} after the last run, then when the page is idle. */
function whenQuiet(f: () => void): void {
  setTimeout(() => idleDefault(f), QUIET_MS);
}

function idleDefault(f: () => void): void {
  const g = globalThis as { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => number };
  if (g.requestIdleCallback) g.requestIdleCallback(f, { timeout: 2000 });
  else setTimeout(f, 0);
}

/** A {@link Runner} over any pool of members; {@link createWorkerRunner} is the app's. */
export function createPoolRunner(opts: PoolOptions): Runner {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxSize = Math.max(1, Math.floor(opts.size));
  const measure = opts.measure;
  const inline = measure ? opts.inline : undefined;
  /** The smallest size measured: 0 (the page's thread, sliced) where the pool has it, else 1 worker. */
  const floor = inline ? 0 : 1;
  const now = measure?.now ?? (() => performance.now());
  let closed = false;
  let turn = 0;

  const make = (): Member => {
    const m: Member = { endpoint: opts.spawn(), dead: false, retired: false, inFlight: new Set() };
    m.endpoint.onCrash((detail) => replace(m, crashed(detail)));
    return m;
  };
  // Measured, the pool starts with one member (or the size remembered) and grows only to measure or
  // when measured to help.
  const startSize = measure ? Math.min(maxSize, Math.max(1, measure.initial?.size ?? 1)) : maxSize;
  const members: Member[] = Array.from({ length: startSize }, make);

  /** The slot of a call: its member's, or the last one if the pool has shrunk since. */
  const slotOf = (slot: number): number => Math.min(slot, members.length - 1);

  function replace(m: Member, incident: Incident): void {
    if (m.dead || closed) return;
    m.dead = true;
    m.endpoint.terminate();
    retiring.delete(m);
    const slot = members.indexOf(m);
    // The replacement is in place before the failed calls hear of it, so their retries land on it. A
    // retired member is not replaced: its calls retry on the members that remain.
    if (slot >= 0) members[slot] = make();
    opts.onIncident?.(incident);
    const fails = [...m.inFlight];
    m.inFlight.clear();
    for (const f of fails) f(new MemberDied(incident));
  }

  /** Members out of the pool whose calls in flight are still to be answered. */
  const retiring = new Set<Member>();
  /** Takes a member out of the pool; it ends once its calls in flight are answered. */
  function retire(m: Member): void {
    m.retired = true;
    if (m.inFlight.size === 0) {
      m.dead = true;
      m.endpoint.terminate();
    } else retiring.add(m);
  }

  /** One call on the member now in `slot`, failed if that member dies or does not answer in time. */
  function once<T>(slot: number, call: (api: ModelApi) => Promise<T>): Promise<T> {
    const m = members[slotOf(slot)]!;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        m.inFlight.delete(fail);
        if (m.retired && !m.dead && m.inFlight.size === 0) {
          m.dead = true;
          retiring.delete(m);
          m.endpoint.terminate();
        }
        return true;
      };
      const fail = (e: Error) => {
        if (settle()) reject(e);
      };
      m.inFlight.add(fail);
      const timer = setTimeout(() => replace(m, hung(timeoutMs)), timeoutMs);
      let p: Promise<T>;
      try {
        p = call(m.endpoint.api);
      } catch (e) {
        p = Promise.reject(e);
      }
      p.then(
        (v) => {
          if (settle()) resolve(v);
        },
        (e: unknown) => {
          if (settle()) reject(e);
        },
      );
    });
  }

  /** A call retried once on the replacement when its member dies; errors come back as data. */
  async function attempt<T>(
    slot: number,
    call: (api: ModelApi) => Promise<Result<T, RunError>>,
  ): Promise<Result<T, RunError>> {
    for (let tries = 0; ; tries++) {
      if (closed) return err(errorOf(new PoolClosed(), false));
      try {
        return await once(slot, call);
      } catch (e) {
        if (e instanceof MemberDied && tries === 0 && !closed) continue;
        return err(errorOf(closed ? new PoolClosed() : e, tries > 0));
      }
    }
  }

  /** The least busy of the first `n` members (all by default), taking turns among equals. */
  function pick(n = members.length): number {
    const size = Math.min(n, members.length);
    let best = turn % size;
    for (let k = 1; k < size; k++) {
      const i = (turn + k) % size;
      if (members[i]!.inFlight.size < members[best]!.inFlight.size) best = i;
    }
    turn = (best + 1) % size;
    return best;
  }

  /**
   * Unmeasured (a fixed `size`): milliseconds per sample of a Monte Carlo run whole on one member
   * (key 1) and split over every member (key `maxSize`), a moving average. Splitting pays only where
   * the cores are free, so each way is tried once, then the faster is used, and the measurement keeps
   * following the machine's load. The result is the same either way (any split of the samples merges
   * into exactly the single run).
   */
  const msPerSample = new Map<number, number>();
  function fixedParts(): number {
    if (maxSize === 1 || opts.split === "always") return maxSize;
    if (!msPerSample.has(maxSize)) return maxSize;
    if (!msPerSample.has(1)) return 1;
    return msPerSample.get(maxSize)! < msPerSample.get(1)! ? maxSize : 1;
  }

  // --- Measured size --------------------------------------------------------------------------------
  /** The measured (or remembered) decision; until there is one, runs use one member. */
  let decision: SizeDecision | null = measure?.initial
    ? { ...measure.initial, size: measure.initial.size < 1 && inline ? 0 : startSize }
    : null;
  /** Monte Carlo runs in flight (calibration runs excluded). */
  let running = 0;
  /** Bumped by every run that starts: a calibration round that overlapped one is thrown away. */
  let runsStarted = 0;
  let calibrating = false;
  let calibrationWanted = false;
  let runsSinceCalibration = 0;
  /** The request the next calibration times (the newest run's model, at most `samples` samples). */
  let lastRequest: EvaluateRequest | null = null;

  function partsFor(): number {
    if (!measure) return fixedParts();
    return Math.min(decision?.size ?? 1, members.length);
  }

  function observed(parts: number, req: EvaluateRequest, ms: number): void {
    if (!measure) {
      const x = ms / req.samples;
      const old = msPerSample.get(parts);
      msPerSample.set(parts, old === undefined ? x : 0.7 * old + 0.3 * x);
      return;
    }
    lastRequest = req;
    if (maxSize === 1 && !inline) {
      // One core and no inline way: there is nothing to measure against.
      if (!decision) decide({ size: 1, medianMs: new Map(), samples: 0 });
      return;
    }
    runsSinceCalibration++;
    if (
      !decision ||
      (runsSinceCalibration >= RUNS_BETWEEN_CALIBRATIONS &&
        choiceLooksWrong(decision, { size: parts, samples: req.samples, ms }))
    )
      calibrationWanted = true;
  }

  /** Starts a calibration when one is wanted and no run is in flight. */
  function maybeCalibrate(): void {
    if (!measure || !calibrationWanted || calibrating || closed || running > 0 || !lastRequest) return;
    calibrating = true;
    const startedAt = runsStarted;
    (measure.whenIdle ?? idleDefault)(() => {
      // A run started while waiting: wait again from its end (it calls this when it ends).
      if (runsStarted !== startedAt) {
        calibrating = false;
        maybeCalibrate();
        return;
      }
      void calibrate().then((outcome) => {
        calibrating = false;
        // A failed calibration waits for the next run; an interrupted one tries again once idle.
        if (outcome === "failed") calibrationWanted = false;
        else if (outcome === "interrupted") maybeCalibrate();
      });
    });
  }

  /**
   * Times the newest run's model on 1…maxSize members, alternating sizes, and applies the decision.
   * Gives up (to try again after the next run) when a run of the page starts meanwhile: the page's runs
   * come first, and a round that overlapped one measured the overlap.
   */
  async function calibrate(): Promise<"done" | "interrupted" | "failed"> {
    const base = lastRequest;
    if (closed) return "failed";
    if (!base || running > 0) return "interrupted";
    const samples = Math.min(base.samples, measure!.samples ?? CALIBRATION_SAMPLES);
    const req: EvaluateRequest = { ...base, samples };
    const startedAt = runsStarted;
    const sizes = Array.from({ length: maxSize - floor + 1 }, (_, i) => i + floor);
    while (members.length < maxSize) members.push(make());
    const timings = new Map<number, number[]>(sizes.map((k) => [k, []]));
    const rounds = measure!.rounds ?? CALIBRATION_ROUNDS;
    // Round 0 warms every member (module loaded, world compiled) and is not counted.
    for (let round = 0; round <= rounds; round++) {
      for (const k of round % 2 === 0 ? sizes : [...sizes].reverse()) {
        const t0 = now();
        const r = await runWith(req, k);
        const ms = now() - t0;
        const outcome = closed || !r.ok ? "failed" : runsStarted !== startedAt ? "interrupted" : null;
        if (outcome) {
          shrinkTo(decision?.size ?? 1);
          return outcome;
        }
        if (round > 0) timings.get(k)!.push(ms);
      }
    }
    decide(chooseSize(timings as SizeTimings, samples, floor));
    return "done";
  }

  function decide(d: SizeDecision): void {
    decision = d;
    calibrationWanted = false;
    runsSinceCalibration = 0;
    shrinkTo(d.size);
    measure?.onDecision?.(d);
  }

  function shrinkTo(size: number): void {
    while (members.length > Math.max(1, size)) retire(members.pop()!);
  }

  /** The second step on the member that kept the samples; a lost token evaluates afresh in one step. */
  async function bandsAfter(
    slot: number,
    req: EvaluateRequest,
    first: FirstAnswer,
    onFirst: (e: Evaluation) => void,
  ): Promise<Result<Evaluation, RunError>> {
    onFirst(first.evaluation);
    const whole = await attempt(slot, async (api) => {
      const e = await api.bands!(first.token);
      return e ? ok(e) : err(LOST);
    });
    if (whole.ok || whole.error !== LOST) return whole;
    return attempt(pick(), (api) => api.evaluate(req));
  }

  /** A Monte Carlo run on `k` members: whole on one, or split into `k` slices and finished on one. */
  async function runWith(
    req: EvaluateRequest,
    k: number,
    onFirst?: (e: Evaluation) => void,
  ): Promise<Result<Evaluation, RunError>> {
    if (k === 0 && inline) {
      // The page's own thread, sliced: no member, so no crash to replace and no time limit.
      if (!onFirst) return inline.evaluate(req);
      const first = await inline.probabilities(req);
      if (!first.ok) return first;
      onFirst(first.value.evaluation);
      const whole = await inline.bands(first.value.token);
      return whole ? ok(whole) : inline.evaluate(req);
    }
    if (k <= 1) {
      const slot = pick();
      const steps = onFirst && members[slot]!.endpoint.api.probabilities;
      if (steps) {
        const first = await attempt(slot, (api) => api.probabilities!(req));
        return first.ok ? await bandsAfter(slot, req, first.value, onFirst) : first;
      }
      return attempt(slot, (api) => api.evaluate(req));
    }
    const parts = splitSamples(req.samples, k);
    // The slices are handed to `finish` by transfer, so a finish lost with its worker cannot be
    // retried with them: the whole run is made again once (each sample draws from its own seeded
    // stream, so the slices come out the same).
    for (let tries = 0; ; tries++) {
      const results = await Promise.all(
        parts.map(([from, to], slot) => attempt(slot, (api) => api.slice({ ...req, from, to }))),
      );
      const slices: SampleSlice[] = [];
      for (const r of results) {
        if (!r.ok) return r;
        slices.push(r.value);
      }
      // Merging and the quantiles run on a worker too, so the page stays free for the deterministic
      // update; the slices are transferred, not copied. Each buffer once: indicators judged on one
      // series share its array, and listing a buffer twice is a DataCloneError.
      const buffers = [
        ...new Set(
          slices.flatMap((s) =>
            [...s.values, ...s.met, ...s.metric, ...s.score].map((a) => a.buffer as ArrayBuffer),
          ),
        ),
      ];
      const slot = pick(k);
      const steps = onFirst && members[slot]!.endpoint.api.finishProbabilities;
      try {
        if (steps) {
          const first = await once(slot, (api) =>
            api.finishProbabilities!(Comlink.transfer({ request: req, slices }, buffers)),
          );
          return first.ok ? await bandsAfter(slot, req, first.value, onFirst) : first;
        }
        return await once(slot, (api) => api.finish(Comlink.transfer({ request: req, slices }, buffers)));
      } catch (e) {
        if (e instanceof MemberDied && tries === 0 && !closed) continue;
        return err(errorOf(closed ? new PoolClosed() : e, tries > 0));
      }
    }
  }

  async function evaluate(
    req: EvaluateRequest,
    onFirst?: (e: Evaluation) => void,
  ): Promise<Result<Evaluation, RunError>> {
    if (req.samples <= 0) return attempt(pick(), (api) => api.evaluate(req));
    const k = partsFor();
    running++;
    runsStarted++;
    try {
      const t0 = now();
      const r = await runWith(req, k, onFirst);
      if (r.ok) observed(k, req, now() - t0);
      return r;
    } finally {
      running--;
      maybeCalibrate();
    }
  }

  return {
    evaluate: (req) => evaluate(req),
    evaluateInSteps: (req, first) => evaluate(req, first),
    tornado: (req) => attempt(pick(), (api) => api.tornado(req)),
    goalSeek: (req) => attempt(pick(), (api) => api.goalSeek(req)),
    dispose() {
      if (closed) return;
      closed = true;
      for (const m of [...members, ...retiring]) {
        m.dead = true;
        m.endpoint.terminate();
        const fails = [...m.inFlight];
        m.inFlight.clear();
        for (const f of fails) f(new PoolClosed());
      }
    },
  };
}
