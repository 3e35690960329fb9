import * as Comlink from "comlink";
import { type Evaluation, splitSamples } from "../../models/engine.ts";
import type { SampleSlice } from "../../models/monte-carlo.ts";
import { err, ok } from "../../models/result.ts";
import type { GoalSeekAnswer, GoalSeekRefusal, Tornado } from "../../models/sensitivity.ts";
import type { Bilingual, Result } from "../../models/text.ts";
import type { ModelWorkerApi } from "./model-worker.ts";
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
  /** Number of members, at least 1. */
  size: number;
  /** Makes a member; called once per slot at creation and again for each replacement. */
  spawn: () => ModelEndpoint;
  /** How long a call may take before its member is declared hung. Default 20,000 ms. */
  timeoutMs?: number;
  onIncident?: (incident: Incident) => void;
}

export interface WorkerRunnerOptions {
  /** Workers in the pool. Default: the number of logical cores, at most 8 (2 when unknown). */
  size?: number;
  /** Makes a worker running `model-worker.ts`; the default is Vite's module-worker import. */
  createWorker?: () => Worker;
  /** How long a call may take before its worker is declared hung. Default 20,000 ms. */
  timeoutMs?: number;
  onIncident?: (incident: Incident) => void;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
/** More slices than this only adds overhead: every slice recomputes the LHS permutations for all N. */
const MAX_DEFAULT_SIZE = 8;

/** The worker runner the app uses: Web Workers running `model-worker.ts`, wrapped with Comlink. */
export function createWorkerRunner(opts: WorkerRunnerOptions = {}): Runner {
  const createWorker =
    opts.createWorker ??
    (() => new Worker(new URL("./model-worker.ts", import.meta.url), { type: "module", name: "model" }));
  const cores = typeof navigator === "undefined" ? undefined : navigator.hardwareConcurrency;
  return createPoolRunner({
    size: opts.size ?? Math.min(cores || 2, MAX_DEFAULT_SIZE),
    spawn: () => endpointOf(createWorker()),
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

/** A {@link Runner} over any pool of members; {@link createWorkerRunner} is the app's. */
export function createPoolRunner(opts: PoolOptions): Runner {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const size = Math.max(1, Math.floor(opts.size));
  let closed = false;
  let turn = 0;

  const make = (slot: number): Member => {
    const m: Member = { endpoint: opts.spawn(), dead: false, inFlight: new Set() };
    m.endpoint.onCrash((detail) => replace(slot, m, crashed(detail)));
    return m;
  };
  const members: Member[] = Array.from({ length: size }, (_, i) => make(i));

  function replace(slot: number, m: Member, incident: Incident): void {
    if (m.dead || closed) return;
    m.dead = true;
    m.endpoint.terminate();
    // The replacement is in place before the failed calls hear of it, so their retries land on it.
    members[slot] = make(slot);
    opts.onIncident?.(incident);
    const fails = [...m.inFlight];
    m.inFlight.clear();
    for (const f of fails) f(new MemberDied(incident));
  }

  /** One call on the member now in `slot`, failed if that member dies or does not answer in time. */
  function once<T>(slot: number, call: (api: ModelApi) => Promise<T>): Promise<T> {
    const m = members[slot]!;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        m.inFlight.delete(fail);
        return true;
      };
      const fail = (e: Error) => {
        if (settle()) reject(e);
      };
      m.inFlight.add(fail);
      const timer = setTimeout(() => replace(slot, m, hung(timeoutMs)), timeoutMs);
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

  /** The least busy member, taking turns among equals. */
  function pick(): number {
    let best = turn % size;
    for (let k = 1; k < size; k++) {
      const i = (turn + k) % size;
      if (members[i]!.inFlight.size < members[best]!.inFlight.size) best = i;
    }
    turn = (best + 1) % size;
    return best;
  }

  /**
   * Measured milliseconds per sample of a Monte Carlo run whole on one member (key 1) and split over
   * every member (key `size`), a moving average. Splitting pays only where the cores are free: on two
   * cores the page, the browser and two workers compete, and the split run (two slices, a merge, an
   * extra round trip) was measured slower than one worker. So each way is tried once, then the faster
   * is used, and the measurement keeps following the machine's load. The result is the same either way
   * (any split of the samples merges into exactly the single run).
   */
  const msPerSample = new Map<number, number>();
  function partsFor(): number {
    if (size === 1) return 1;
    if (!msPerSample.has(size)) return size;
    if (!msPerSample.has(1)) return 1;
    return msPerSample.get(size)! < msPerSample.get(1)! ? size : 1;
  }
  function measured(parts: number, samples: number, ms: number): void {
    const x = ms / samples;
    const old = msPerSample.get(parts);
    msPerSample.set(parts, old === undefined ? x : 0.7 * old + 0.3 * x);
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

  async function evaluate(
    req: EvaluateRequest,
    onFirst?: (e: Evaluation) => void,
  ): Promise<Result<Evaluation, RunError>> {
    if (req.samples <= 0) return attempt(pick(), (api) => api.evaluate(req));
    const k = partsFor();
    const t0 = performance.now();
    if (k === 1) {
      const slot = pick();
      let r: Result<Evaluation, RunError>;
      const steps = onFirst && members[slot]!.endpoint.api.probabilities;
      if (steps) {
        const first = await attempt(slot, (api) => api.probabilities!(req));
        r = first.ok ? await bandsAfter(slot, req, first.value, onFirst) : first;
      } else r = await attempt(slot, (api) => api.evaluate(req));
      if (r.ok) measured(1, req.samples, performance.now() - t0);
      return r;
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
      const slot = pick();
      const steps = onFirst && members[slot]!.endpoint.api.finishProbabilities;
      try {
        let r: Result<Evaluation, RunError>;
        if (steps) {
          const first = await once(slot, (api) =>
            api.finishProbabilities!(Comlink.transfer({ request: req, slices }, buffers)),
          );
          r = first.ok ? await bandsAfter(slot, req, first.value, onFirst) : first;
        } else {
          r = await once(slot, (api) => api.finish(Comlink.transfer({ request: req, slices }, buffers)));
        }
        if (r.ok) measured(k, req.samples, performance.now() - t0);
        return r;
      } catch (e) {
        if (e instanceof MemberDied && tries === 0 && !closed) continue;
        return err(errorOf(closed ? new PoolClosed() : e, tries > 0));
      }
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
      for (const m of members) {
        m.dead = true;
        m.endpoint.terminate();
        const fails = [...m.inFlight];
        m.inFlight.clear();
        for (const f of fails) f(new PoolClosed());
      }
    },
  };
}
