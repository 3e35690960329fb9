import { describe, expect, it } from "vitest";
import {
  createPoolMemory,
  type KeyValueStorage,
  MAX_AGE_MS,
  POOL_MEMORY_KEY,
} from "../../src/kernel/pool-memory.ts";
import type { SizeDecision } from "../../src/kernel/pool-size.ts";

function mapStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

const decision: SizeDecision = {
  size: 2,
  samples: 2000,
  medianMs: new Map([
    [1, 180],
    [2, 110],
  ]),
};

describe("the pool's remembered size", () => {
  it("gives back what it kept, for the same build and cores", () => {
    const storage = mapStorage();
    let t = 1_000_000;
    const memory = createPoolMemory(storage, "1.2.3", () => t);
    expect(memory.recall(2)).toBeNull();
    memory.remember(2, decision);
    t += 60_000;
    expect(memory.recall(2)).toEqual(decision);
    // Another page load of the same build reads the same entry.
    expect(createPoolMemory(storage, "1.2.3", () => t).recall(2)).toEqual(decision);
  });

  it("forgets it for another build, another number of cores, or after a week", () => {
    const storage = mapStorage();
    let t = 5_000_000;
    createPoolMemory(storage, "a", () => t).remember(2, decision);
    expect(createPoolMemory(storage, "b", () => t).recall(2)).toBeNull();
    expect(createPoolMemory(storage, "a", () => t).recall(4)).toBeNull();
    t += MAX_AGE_MS + 1;
    expect(createPoolMemory(storage, "a", () => t).recall(2)).toBeNull();
    // A clock that went back is not trusted either.
    expect(createPoolMemory(storage, "a", () => 0).recall(2)).toBeNull();
  });

  it("treats a malformed or hostile entry as nothing remembered", () => {
    const storage = mapStorage();
    const memory = createPoolMemory(storage, "a", () => 10);
    const ok = { version: 1, build: "a", maxSize: 2, size: 2, samples: 2000, medianMs: [[1, 5]], at: 10 };
    for (const bad of [
      "not json",
      "null",
      JSON.stringify({ ...ok, size: 3 }),
      JSON.stringify({ ...ok, size: -1 }),
      JSON.stringify({ ...ok, size: 1.5 }),
      JSON.stringify({ ...ok, medianMs: [[3, 5]] }),
      JSON.stringify({ ...ok, medianMs: [[1, -5]] }),
      JSON.stringify({ ...ok, medianMs: [[1.5, 5]] }),
      JSON.stringify({ ...ok, medianMs: [[-1, 5]] }),
      JSON.stringify({ ...ok, medianMs: [[1, 5, 6]] }),
      JSON.stringify({ ...ok, version: 2 }),
      JSON.stringify({ ...ok, extra: true }),
    ]) {
      storage.map.set(POOL_MEMORY_KEY, bad);
      expect(memory.recall(2), bad).toBeNull();
    }
    storage.map.set(POOL_MEMORY_KEY, JSON.stringify(ok));
    expect(memory.recall(2)).toEqual({ size: 2, samples: 2000, medianMs: new Map([[1, 5]]) });
    // Size 0 is the page's own thread, in time slices (sliced-runner.ts): a decision like any other.
    const inline = {
      ...ok,
      size: 0,
      medianMs: [
        [0, 4],
        [1, 5],
      ],
    };
    storage.map.set(POOL_MEMORY_KEY, JSON.stringify(inline));
    expect(memory.recall(2)).toEqual({
      size: 0,
      samples: 2000,
      medianMs: new Map([
        [0, 4],
        [1, 5],
      ]),
    });
  });

  it("works on without storage, or with a storage that refuses", () => {
    const refusing: KeyValueStorage = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    for (const storage of [refusing, null]) {
      const memory = createPoolMemory(storage, "a");
      expect(() => memory.remember(2, decision)).not.toThrow();
      expect(memory.recall(2)).toBeNull();
    }
  });
});
