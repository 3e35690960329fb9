import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { build } from "vite";
import solid from "vite-plugin-solid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./harness.ts";
import { useBrowserSuite } from "./suite.ts";

/**
 * The one DataTable (src/components/shared/data-table.tsx) on a page of its own, built from
 * fixtures/data-table/ with the app's Solid plugin: sortable headers with aria-sort, rows keyed and
 * attributed, cell attributes, a row click outside a row's controls, the selected row kept in view,
 * and content drawn once per row that keeps focus while the table changes under it.
 */

const out = join(tmpdir(), `reachable-data-table-${process.pid}`);
beforeAll(async () => {
  await build({
    configFile: false,
    root: join(import.meta.dirname, "fixtures/data-table"),
    base: "./",
    logLevel: "warn",
    plugins: [solid()],
    build: { outDir: out, emptyOutDir: true, target: "es2022" },
  });
});
afterAll(() => rm(out, { recursive: true, force: true }));

const suite = useBrowserSuite({ dist: () => out });

async function open(): Promise<Page> {
  const { page } = await suite.newPage({ lang: "en" });
  await page.goto(suite.url);
  await page.locator("table tbody tr").first().waitFor();
  return page;
}
const ids = (page: Page) =>
  page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")));
const header = (page: Page, name: string) => page.locator("thead th").filter({ hasText: name });

describe("DataTable", () => {
  it("sorts by a header button, ascending then descending, and says which with aria-sort", async () => {
    const page = await open();
    expect(await ids(page)).toEqual(["a", "b", "c", "d"]);
    // A column without a sort key has no button and no aria-sort.
    expect(await header(page, "Act").locator("button").count()).toBe(0);
    expect(await header(page, "Name").getAttribute("aria-sort")).toBeNull();

    await header(page, "Name").getByRole("button").click();
    expect(await header(page, "Name").getAttribute("aria-sort")).toBe("ascending");
    expect(await ids(page)).toEqual(["b", "d", "c", "a"]); // alpha, bravo, Charlie, Delta: by collation
    await header(page, "Name").getByRole("button").click();
    expect(await header(page, "Name").getAttribute("aria-sort")).toBe("descending");
    expect(await ids(page)).toEqual(["a", "c", "d", "b"]);

    // Another column: it sorts, the first one no longer claims to; a missing value is last either way.
    await header(page, "Value").getByRole("button").click();
    expect(await header(page, "Value").getAttribute("aria-sort")).toBe("ascending");
    expect(await header(page, "Name").getAttribute("aria-sort")).toBeNull();
    expect(await ids(page)).toEqual(["b", "d", "a", "c"]);
    await header(page, "Value").getByRole("button").click();
    expect(await ids(page)).toEqual(["a", "d", "b", "c"]);
    expect(await page.locator('tr[data-id="c"] td').first().textContent()).toBe("—");
    await expectNoAxeViolations(page);
  });

  it("gives rows their key and attributes and cells theirs, and takes a row click outside its controls", async () => {
    const page = await open();
    expect(
      await page.locator("tbody tr.is-high").evaluateAll((r) => r.map((x) => x.getAttribute("data-id"))),
    ).toEqual(["a"]);
    expect(await page.locator('tr[data-id="b"] th[scope="row"]').textContent()).toBe("alpha");
    const value = page.locator('tr[data-id="b"] td.num');
    expect(await value.getAttribute("title")).toBe("value of b");
    expect(await page.locator("table").getAttribute("aria-busy")).toBeNull();
    await page.evaluate(() => window.fixture.busy(true));
    expect(await page.locator("table").getAttribute("aria-busy")).toBe("true");

    await page.locator('tr[data-id="d"] th').click();
    expect(await page.locator("tr.is-selected").getAttribute("data-id")).toBe("d");
    // The row's own button does its own thing and does not select the row.
    await page.locator("#act-b").click();
    expect(await page.locator("#state").textContent()).toBe("selected d; acted b");
    expect(await page.locator("tr.is-selected").count()).toBe(1);
  });

  it("keeps a drawn-once control, and focus on it, while a new table comes in; the sort stays", async () => {
    const page = await open();
    await header(page, "Value").getByRole("button").click();
    await page.locator("#act-b").focus();
    const before = await page.locator("#act-b").elementHandle();
    await page.evaluate(() => window.fixture.next());
    await expect.poll(() => page.locator("#act-b").textContent()).toBe("Act on alpha at 40");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("act-b");
    expect(await before!.evaluate((el) => el.isConnected)).toBe(true);
    expect(await ids(page)).toEqual(["c", "d", "a", "b"]);
    expect(await header(page, "Value").getAttribute("aria-sort")).toBe("ascending");
  });

  it("keeps the selected row in view inside its scroll box", async () => {
    const page = await open();
    const inBox = (id: string) =>
      page.evaluate((id) => {
        const box = document.querySelector(".table-scroll")!.getBoundingClientRect();
        const row = document.querySelector(`tr[data-id="${id}"]`)!.getBoundingClientRect();
        return row.top >= box.top - 1 && row.bottom <= box.bottom + 1;
      }, id);
    expect(await inBox("d")).toBe(false);
    await page.evaluate(() => window.fixture.select("d"));
    await expect.poll(() => inBox("d")).toBe(true);
    expect(await page.locator("tr.is-selected").getAttribute("data-id")).toBe("d");
  });
});
