import { type Accessor, batch, createSignal, getOwner, onCleanup } from "solid-js";

/**
 * The run scheduler (SDEverywhere's pattern): a burst of input changes becomes one run, at most one run
 * is in flight, and a result whose request has been overtaken is never published.
 *
 * - `request` records the newest request; the first request after an idle moment opens a coalescing
 *   window (a microtask, or `delayMs`) and when it closes only the newest request is run.
 * - A request arriving while a run is in flight waits as "next", replacing any earlier waiting one;
 *   when the run ends, a new window opens for it.
 * - A run whose request is no longer the newest may finish, but its result (or error) is dropped. Runs
 *   can ask `signal.stale()` to stop early.
 */

/**
 * Passed to each run: `stale()` turns true once a newer request exists or the scheduler is disposed;
 * `early(res)` publishes a first answer before the run ends (probabilities before bands): it becomes
 * `latest` and ends `pending` at once, and the run's own result replaces it when it comes.
 */
export interface RunSignal {
  stale(): boolean;
  early(res: unknown): void;
}

export interface SchedulerOptions {
  /** The coalescing window in milliseconds; 0 (the default) folds requests made in the same task. */
  delayMs?: number;
}

export interface Scheduler<Req, Res> {
  /** Asks for a run with `req`; earlier requests not yet started are dropped. */
  request(req: Req): void;
  /** The result of the newest request that has completed (undefined before the first). */
  latest: Accessor<Res | undefined>;
  /** True from a request until the run of the newest request has settled. */
  pending: Accessor<boolean>;
  /** The error of the newest run if it failed; cleared by the next successful run. */
  error: Accessor<unknown>;
  /** Stops: nothing waiting is run and nothing in flight is published. */
  dispose(): void;
}

/** Creates a scheduler; inside a reactive owner it is disposed with its owner. */
export function createScheduler<Req, Res>(
  run: (req: Req, signal: RunSignal) => Promise<Res>,
  opts: SchedulerOptions = {},
): Scheduler<Req, Res> {
  const delayMs = opts.delayMs ?? 0;
  const [latest, setLatest] = createSignal<Res | undefined>(undefined);
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<unknown>(undefined);

  /** Id of the newest request; a run is stale once its id differs. */
  let newest = 0;
  let next: { id: number; req: Req } | undefined;
  let inFlight = false;
  let windowOpen = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const openWindow = () => {
    windowOpen = true;
    if (delayMs > 0) timer = setTimeout(flush, delayMs);
    else queueMicrotask(flush);
  };

  function flush(): void {
    windowOpen = false;
    timer = undefined;
    if (disposed || inFlight || !next) return;
    const job = next;
    next = undefined;
    inFlight = true;
    const signal: RunSignal = {
      stale: () => disposed || job.id !== newest,
      early: (res) => {
        if (signal.stale()) return;
        batch(() => {
          setLatest(() => res as Res);
          setError(undefined);
          if (!next) setPending(false);
        });
      },
    };
    let p: Promise<Res>;
    try {
      p = run(job.req, signal);
    } catch (e) {
      p = Promise.reject(e);
    }
    p.then(
      (res) => {
        if (signal.stale()) return;
        batch(() => {
          setLatest(() => res);
          setError(undefined);
        });
      },
      (e: unknown) => {
        if (!signal.stale()) setError(() => e);
      },
    ).finally(() => {
      inFlight = false;
      if (disposed) return;
      if (next) openWindow();
      else setPending(false);
    });
  }

  const scheduler: Scheduler<Req, Res> = {
    request(req) {
      if (disposed) return;
      newest++;
      next = { id: newest, req };
      setPending(true);
      if (!inFlight && !windowOpen) openWindow();
    },
    latest,
    pending,
    error,
    dispose() {
      if (disposed) return;
      disposed = true;
      next = undefined;
      if (timer !== undefined) clearTimeout(timer);
      setPending(false);
    },
  };
  if (getOwner()) onCleanup(scheduler.dispose);
  return scheduler;
}
