import { table } from "arquero";
import { describe, expect, it } from "vitest";
import { ariaSort, compareSortValues, nextSort, selectRows } from "../../src/kernel/table-rows.ts";

/** A column of a table as the table reads it, row by row in its own order. */
const col = (t: ReturnType<typeof table>, name: string) =>
  Array.from({ length: t.numRows() }, (_, i) => t.get(name, i));

describe("choosing and ordering rows without Arquero's verbs", () => {
  const values = Float64Array.of(30, 10, 20, 10);
  const t = table({ id: ["a", "b", "c", "d"], v: values });

  it("keeps the rows a test accepts, in the table's order", () => {
    const kept = selectRows(t, (row) => (t.get("v", row) as number) > 10);
    expect(col(kept, "id")).toEqual(["a", "c"]);
    expect(kept.numRows()).toBe(2);
  });

  it("orders rows by a comparison, ties in the table's own order (a stable sort)", () => {
    const v = (row: number) => t.get("v", row) as number;
    const sorted = selectRows(t, undefined, (a, b) => v(a) - v(b));
    expect(col(sorted, "id")).toEqual(["b", "d", "c", "a"]);
    const reversed = selectRows(t, undefined, (a, b) => v(b) - v(a));
    expect(col(reversed, "id")).toEqual(["a", "c", "b", "d"]);
  });

  it("composes: a filter of a sorted table reads rows by their position in it", () => {
    const v = (row: number) => t.get("v", row) as number;
    const sorted = selectRows(t, undefined, (a, b) => v(b) - v(a));
    const firstTwo = selectRows(sorted, (row) => row < 2);
    expect(col(firstTwo, "id")).toEqual(["a", "c"]);
    const again = selectRows(
      firstTwo,
      undefined,
      (a, b) => (firstTwo.get("v", a) as number) - (firstTwo.get("v", b) as number),
    );
    expect(col(again, "id")).toEqual(["c", "a"]);
  });

  it("copies no column: the new table reads the same typed array", () => {
    const kept = selectRows(t, (row) => row !== 1);
    expect(kept.column("v")).toBe(t.column("v"));
    expect(t.numRows()).toBe(4);
  });
});

describe("sorting by a column's header", () => {
  const collator = new Intl.Collator("en");
  it("compares numbers and strings in either direction, missing values last either way", () => {
    const list = [3, null, 1, Number.NaN, 2];
    expect([...list].sort((a, b) => compareSortValues(a, b, 1, collator))).toEqual([
      1,
      2,
      3,
      null,
      Number.NaN,
    ]);
    expect([...list].sort((a, b) => compareSortValues(a, b, -1, collator))).toEqual([
      3,
      2,
      1,
      null,
      Number.NaN,
    ]);
    expect(["b", "a", "C"].sort((a, b) => compareSortValues(a, b, 1, collator))).toEqual(["a", "b", "C"]);
  });

  it("sorts ascending on the first press, descending on the second, and says so with aria-sort", () => {
    const first = nextSort(null, "probability");
    expect(first).toEqual({ column: "probability", dir: 1 });
    expect(ariaSort(first, "probability")).toBe("ascending");
    expect(ariaSort(first, "status")).toBeUndefined();
    const second = nextSort(first, "probability");
    expect(ariaSort(second, "probability")).toBe("descending");
    expect(nextSort(second, "probability").dir).toBe(1);
    expect(nextSort(second, "status")).toEqual({ column: "status", dir: 1 });
    expect(ariaSort(null, "status")).toBeUndefined();
  });
});
