import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowserSuite } from "./suite.ts";

/**
 * Share links are self-contained, in Chromium: a scenario made from another made scenario opens in a
 * fresh browser with the whole chain's changes and the sender's run settings, giving the same verdicts
 * and probabilities; a damaged link is explained where the person is looking, even when the saved plan
 * reopens below it or the page was scrolled far down.
 */

const suite = useBrowserSuite();

const RETROFIT = "jx-x-retrofit-households";
const CAPACITY = "#as-retrofit-capacity1";
const BUDGET = "#as-living-budgetGrowth";
const DAMAGED = "#s=N4IgdghgtgpiBcIDGUA2BXAzjA1iANCAA";

const row = (page: Page, id: string) => page.locator(`.dashboard-table tr[data-indicator="${id}"]`);

async function start(url = suite.url): Promise<Page> {
  const { page } = await suite.newPage({ lang: "en" });
  await page.goto(url);
  await page.getByRole("heading", { level: 1 }).waitFor();
  return page;
}

async function openJiaxing(page: Page): Promise<void> {
  await page
    .getByRole("article")
    .filter({ has: page.getByRole("heading", { name: /嘉兴/ }) })
    .getByRole("button")
    .click();
  await row(page, RETROFIT).waitFor();
}

async function openGroup(page: Page, group: string): Promise<void> {
  const details = page.locator(`details.assumption-group[data-group="${group}"]`);
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await details.locator(":scope > summary").click();
  }
}

async function copyOfCurrent(page: Page, name: string): Promise<void> {
  const form = page.locator("details.new-scenario");
  if (!(await form.evaluate((d) => (d as HTMLDetailsElement).open))) await form.locator("summary").click();
  await page.getByLabel("Name of the new scenario").fill(name);
  await page.getByLabel("A copy of the current scenario, with its changes").check();
  await page.getByRole("button", { name: "Create scenario" }).click();
  await expect
    .poll(async () => (await page.locator("#scenario-select option:checked").textContent()) ?? "")
    .toContain(name);
}

/** Waits until the Monte Carlo run with `samples` has answered. */
async function settled(page: Page, samples: string): Promise<void> {
  await expect
    .poll(() => page.locator(".run-status").textContent(), { timeout: 30_000 })
    .toContain(`Probabilities from ${samples} samples`);
  await expect.poll(() => page.locator(".dashboard-table").getAttribute("aria-busy")).toBeNull();
}

/** The part of the box of `el` that lies in the viewport, as a share of its height (1: all of it). */
async function shareInView(el: Locator): Promise<number> {
  return el.evaluate((e) => {
    const r = e.getBoundingClientRect();
    const visible = Math.min(r.bottom, window.innerHeight) - Math.max(r.top, 0);
    return r.height > 0 ? Math.max(0, visible) / Math.min(r.height, window.innerHeight) : 0;
  });
}

describe("share links", () => {
  it("carry a chain of made scenarios and the run settings to a fresh browser", async () => {
    const page = await start();
    await openJiaxing(page);
    await openGroup(page, "retrofit");
    await page.locator(CAPACITY).fill("300");
    await copyOfCurrent(page, "First");
    await openGroup(page, "living");
    await page.locator(BUDGET).fill("20");
    await copyOfCurrent(page, "Second");
    // The second extends the first, which only this browser has. Run settings are in the folded section.
    await page.locator("details.workbench-more > summary").click();
    await page.getByLabel("Samples").selectOption("5000");
    await page.getByLabel("Seed").fill("42");
    await page.getByLabel("Seed").blur();
    await page.getByLabel("Sampling").selectOption("random");
    await settled(page, "5,000");
    expect(await page.locator(".run-status").textContent()).toContain("seed 42, plain random");
    const verdicts = await page.locator(".dashboard-table tbody tr .verdict").allTextContents();
    const status = await page.locator(".run-status").textContent();

    await page.getByRole("button", { name: "Copy share link" }).click();
    const link = await page.getByLabel("Share link (read-only)").inputValue();

    const other = await start(link);
    await row(other, RETROFIT).waitFor();
    await expect
      .poll(async () => (await other.locator("#scenario-select option:checked").textContent()) ?? "")
      .toContain("Second");
    expect(await other.locator(".workbench-notice").textContent()).toContain(
      "Run settings from the link: 5,000 samples, seed 42, plain random.",
    );
    await openGroup(other, "retrofit");
    await openGroup(other, "living");
    expect(await other.locator(CAPACITY).inputValue()).toBe("300");
    expect(await other.locator(BUDGET).inputValue()).toBe("20");
    await other.locator("details.workbench-more > summary").click();
    expect(await other.getByLabel("Samples").inputValue()).toBe("5000");
    expect(await other.getByLabel("Seed").inputValue()).toBe("42");
    expect(await other.getByLabel("Sampling").inputValue()).toBe("random");
    await settled(other, "5,000");
    expect(await other.locator(".run-status").textContent()).toBe(status);
    expect(await other.locator(".dashboard-table tbody tr .verdict").allTextContents()).toEqual(verdicts);
  }, 180_000);

  it("explain a damaged link where the person is looking, at startup and when pasted into a scrolled tab", async () => {
    const page = await start();
    await openJiaxing(page);
    await page.getByRole("button", { name: "Add a note" }).click();
    await page.getByLabel("Note text (Markdown)").fill("Keep me");
    await expect
      .poll(() => page.locator(".save-status").textContent(), { timeout: 10_000 })
      .toMatch(/Saved in this browser/);

    // At startup (a page load, not a change of the fragment), with the saved plan reopening below.
    await page.goto("about:blank");
    await page.goto(`${suite.url}${DAMAGED}`);
    const banner = page.locator(".link-banner");
    await banner.waitFor();
    await row(page, RETROFIT).waitFor();
    expect(await shareInView(banner)).toBe(1);
    expect(await banner.textContent()).toContain("cannot be read");
    // (axe checks the banner in notebook.test.ts.)
    await banner.getByRole("button", { name: "Dismiss" }).click();
    await expect.poll(() => banner.count()).toBe(0);

    // Pasted into the open tab, scrolled to the bottom: the banner at the top of the page would be out of
    // sight, so it is placed in view.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
    await page.evaluate((hash) => {
      location.hash = hash;
    }, DAMAGED);
    await banner.waitFor();
    expect(await shareInView(banner)).toBe(1);
    expect(await page.locator("#notebook .note-body").textContent()).toContain("Keep me");
  }, 180_000);
});
