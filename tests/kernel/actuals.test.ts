import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import { createActuals, mergeActualLists } from "../../src/kernel/actuals.ts";

describe("actuals", () => {
  it("merges by indicator and year, sorted, and replaces an observation of the same year", () =>
    createRoot((dispose) => {
      const a = createActuals();
      a.merge("p", [
        { indicatorId: "b", year: 2022, value: 1 },
        { indicatorId: "a", year: 2023, value: 2 },
      ]);
      a.merge("p", [{ indicatorId: "b", year: 2022, value: 5 }]);
      expect(a.of("p")).toEqual([
        { indicatorId: "a", year: 2023, value: 2 },
        { indicatorId: "b", year: 2022, value: 5 },
      ]);
      const before = a.all();
      expect(a.clear("p")).toBe(true);
      expect(a.clear("p")).toBe(false);
      expect(a.of("p")).toEqual([]);
      // The old value is untouched: undo keeps it.
      expect(before.p).toHaveLength(2);
      dispose();
    }));

  it("lays extra over base without changing either", () => {
    const base = [{ indicatorId: "a", year: 2021, value: 1 }];
    const out = mergeActualLists(base, [{ indicatorId: "a", year: 2021, value: 9 }]);
    expect(out).toEqual([{ indicatorId: "a", year: 2021, value: 9 }]);
    expect(base[0]!.value).toBe(1);
  });
});
