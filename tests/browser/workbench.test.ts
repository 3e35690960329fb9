import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectHeadingOrder, expectNoAxeViolations } from "./harness.ts";
import { useBrowserSuite } from "./suite.ts";

const suite = useBrowserSuite();

const RETROFIT = "jx-x-retrofit-households";
const CAPACITY = "#as-retrofit-capacity1";
const TRAINING = "jx-x-training-per-year";

async function start(lang: "zh-CN" | "en"): Promise<Page> {
  const tp = await suite.newPage({ lang });
  await tp.page.goto(suite.url);
  await tp.page.getByRole("heading", { level: 1 }).waitFor();
  return tp.page;
}

/** Opens Jiaxing from the first screen and waits for the workbench's verdicts. */
async function openJiaxing(page: Page): Promise<void> {
  await page
    .getByRole("article")
    .filter({ has: page.getByRole("heading", { name: /嘉兴/ }) })
    .getByRole("button")
    .click();
  await row(page, RETROFIT).waitFor();
}

const row = (page: Page, id: string): Locator => page.locator(`.dashboard-table tr[data-indicator="${id}"]`);
const verdictOf = (page: Page, id: string) => row(page, id).locator(".verdict").textContent();

/** Waits until the Monte Carlo run has answered (the status line names the samples). */
async function mcSettled(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator(".run-status").textContent(), { timeout: 30_000 })
    .toMatch(/2000|2,000/);
  await expect
    .poll(() => page.locator(".dashboard-table").getAttribute("aria-busy"), { timeout: 60_000 })
    .toBeNull();
}

/** Opens the group of an assumption in the panel (a disclosure). */
async function openGroup(page: Page, group: string): Promise<void> {
  const details = page.locator(`details.assumption-group[data-group="${group}"]`);
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await details.locator(":scope > summary").click();
  }
}

// A busy machine runs the Monte Carlo slowly; waits are on events, with room for that.
describe("workbench", { timeout: 300_000 }, () => {
  it("answers a change of retrofit capacity in the 2,500-household projection, and explains a bad entry in place", async () => {
    const page = await start("zh-CN");
    await openJiaxing(page);
    // The baseline's capacity is the observed pace (≈ 467 a year), short of the 500 the plan needs.
    expect(await verdictOf(page, RETROFIT)).toContain("未达标");
    const projected = () => row(page, RETROFIT).locator("td.projected").textContent();
    // Every indicator of the plan has a row; the printed number of a text target is a dash.
    expect(await page.locator(".dashboard-table tbody tr").count()).toBe(39);
    expect(await row(page, RETROFIT).locator("td").first().textContent()).toBe("—");
    await mcSettled(page);
    const atDefault = await projected();
    await expectNoAxeViolations(page);

    await openGroup(page, "retrofit");
    const field = page.locator(CAPACITY);
    await field.fill("300");
    await expect.poll(projected).not.toBe(atDefault);
    expect(await verdictOf(page, RETROFIT)).toContain("未达标");
    await mcSettled(page);
    const at300 = await projected();
    // The slider follows the number field.
    const slider = page.locator(`li.assumption:has(${CAPACITY}) input[type="range"]`);
    expect(await slider.inputValue()).toBe("300");

    // An invalid entry: explained next to the field, the last valid value (300) still in use.
    await field.fill("abc");
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
    const errorId = describedBy.split(" ").find((id) => id.endsWith("-error"));
    expect(errorId).toBeTruthy();
    expect(await page.locator(`#${errorId}`).textContent()).toContain("300");
    expect(await projected()).toBe(at300);
    await field.fill("5000");
    expect(await page.locator(`#${errorId}`).textContent()).toMatch(/超出允许范围/);
    await expectNoAxeViolations(page);

    // Back in range; then reset brings the default (467) and its projection back.
    await field.fill("450");
    expect(await field.getAttribute("aria-invalid")).toBeNull();
    await page.locator(`li.assumption:has(${CAPACITY})`).getByRole("button", { name: /还原/ }).click();
    await expect.poll(() => field.inputValue()).toBe("467");
    await mcSettled(page);
    await expect.poll(projected, { timeout: 30_000 }).toBe(atDefault);
  });

  it("keeps every piece of state across a language switch mid-task", async () => {
    const page = await start("zh-CN");
    await openJiaxing(page);
    await openGroup(page, "retrofit");
    await page.locator(CAPACITY).fill("300");
    await expect.poll(() => verdictOf(page, RETROFIT)).toContain("未达标");
    await page.locator(`#details-${RETROFIT}`).click();
    await page.locator("#indicator-detail-heading").waitFor();
    await page.locator("#dashboard-filter").selectOption("missed");

    await page.getByRole("group", { name: "语言" }).getByRole("button", { name: "English" }).click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await page.locator(CAPACITY).inputValue()).toBe("300");
    expect(await verdictOf(page, RETROFIT)).toContain("Missed");
    expect(await page.locator("#dashboard-filter").inputValue()).toBe("missed");
    expect(await page.locator("#indicator-detail-heading").textContent()).toContain("retrofit");
    expect(await page.locator("#indicator-detail-heading").textContent()).toContain(
      "残疾人家庭无障碍改造户数",
    );
    // Numbers: years never grouped, counts grouped.
    const caption = (await page.locator(".chart-figure figcaption").first().textContent()) ?? "";
    expect(caption).toContain("2025");
    expect(caption).not.toContain("2,025");
    expect(caption).toContain("2,500");
    await mcSettled(page);
    await expectNoAxeViolations(page);
  });

  it("compares two scenarios side by side and marks the verdicts that differ", async () => {
    const page = await start("en");
    await openJiaxing(page);
    // A new scenario from the plan's defaults, with less training; the baseline stays as it was.
    await page.locator(".new-scenario > summary").click();
    await page.getByLabel("Name of the new scenario").fill("Less training");
    await page.getByLabel("The plan's defaults (baseline)").check();
    await page.getByRole("button", { name: "Create scenario" }).click();
    await expect
      .poll(async () => (await page.locator("#scenario-select option:checked").textContent()) ?? "")
      .toContain("Less training");
    // The baseline meets the yearly training target (≈ 1,850 a year against 1,600); 1,000 misses it.
    expect(await verdictOf(page, TRAINING)).not.toContain("Missed");
    await openGroup(page, "training");
    await page.locator("#as-training-level0").fill("1000");
    await expect.poll(() => verdictOf(page, TRAINING)).toContain("Missed");

    const choices = page.getByRole("group", { name: /Scenarios to compare/ });
    await choices.getByLabel(/Jiaxing baseline/).check();
    await choices.getByLabel(/Less training/).check();
    const table = page.locator(".comparison-table");
    await table.waitFor({ timeout: 30_000 });
    const diff = table.locator(`tr[data-indicator="${TRAINING}"]`);
    expect((await diff.getAttribute("class")) ?? "").toContain("differs");
    expect(await diff.textContent()).toContain("differs");
    expect(await diff.textContent()).toContain("≠");
    // A row that is the same under both has no mark.
    expect(
      await table.locator('tr[data-indicator="jx-t10-upper-secondary-education"]').textContent(),
    ).not.toContain("≠");
    // The overlaid chart for a chosen indicator, with a text alternative and the data as a table.
    await page.getByLabel("Indicator to overlay").selectOption(TRAINING);
    const svg = page.locator(".compare-chart svg[role='img']");
    await expect.poll(() => svg.getAttribute("aria-label")).toMatch(/2 scenarios/);
    // The year, then each scenario's line and its 5–95% band (tests/browser/comparison.test.ts has more).
    expect(await page.locator(".compare-chart .data-table th[scope='col']").count()).toBe(5);
    await expectNoAxeViolations(page);

    await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "简体中文" }).click();
    expect(await diff.textContent()).toContain("不同");
    await expectNoAxeViolations(page);
  });

  it("goal-seeks the retrofit pace: an answer that can be applied, and a refusal in the current language", async () => {
    const page = await start("en");
    await openJiaxing(page);
    await page.locator(`#details-${RETROFIT}`).click();
    const detail = page.locator("#indicator-detail");
    await detail.waitFor();
    // The chart: an image with a text alternative, its data as a table.
    const svg = detail.locator(".chart-figure svg[role='img']");
    expect(await svg.getAttribute("aria-label")).toMatch(/2020 to 2025/);
    await detail.getByText("Show the data as a table").click();
    expect(await detail.locator(".data-table tbody tr").count()).toBe(6);
    // The tornado lists what drives the margin.
    await detail.locator(".tornado-table").waitFor({ timeout: 30_000 });
    expect(await detail.locator(".tornado-table tbody tr").count()).toBeGreaterThan(0);

    await detail.getByLabel("Lever").selectOption("retrofit.capacity1");
    await detail.getByLabel("Probability wanted (%)").fill("80");
    await detail.getByRole("button", { name: "Find the value" }).click();
    const answer = detail.locator(".goal-seek-answer");
    await expect
      .poll(() => answer.textContent(), { timeout: 30_000 })
      .toMatch(/No answer: even at 2,000 households a year/);

    await detail.getByLabel("Probability wanted (%)").fill("25");
    await detail.getByRole("button", { name: "Find the value" }).click();
    await expect.poll(() => answer.textContent(), { timeout: 30_000 }).toMatch(/households a year or more/);
    await mcSettled(page);
    await expectNoAxeViolations(page);
    // The tornado's and goal seek's headings sit one level under the detail's, skipping none.
    await expectHeadingOrder(page);

    await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "简体中文" }).click();
    await detail.getByLabel("要求的达标概率（%）").fill("80");
    await detail.getByRole("button", { name: "求解" }).click();
    await expect.poll(() => answer.textContent(), { timeout: 30_000 }).toMatch(/无解：即使/);
    await expectNoAxeViolations(page);

    // A probability outside 1–100 is explained in place.
    await detail.getByLabel("要求的达标概率（%）").fill("120");
    await detail.getByRole("button", { name: "求解" }).click();
    expect(await detail.getByLabel("要求的达标概率（%）").getAttribute("aria-invalid")).toBe("true");
  });

  it("opens Huyi with its consistency findings, with no axe violations in either language", async () => {
    const page = await start("zh-CN");
    await page
      .getByRole("article")
      .filter({ has: page.getByRole("heading", { name: /鄠邑/ }) })
      .getByRole("button")
      .click();
    await page.locator(".dashboard-table tbody tr").first().waitFor();
    // Huyi's table says >500 trainees, its text ≥200 a year: the tension is shown, not resolved.
    const findings = page.locator(".plan-findings");
    expect(await findings.locator("details").getAttribute("open")).not.toBeNull();
    expect(await findings.locator(".finding").count()).toBeGreaterThan(0);
    expect(await findings.textContent()).toContain("警告");
    // Provenance on demand, an estimate labelled as such.
    const estimate = page
      .locator("li.assumption")
      .filter({ has: page.locator(".badge-estimate") })
      .first();
    await page.locator("details.assumption-group:not([open]) > summary").first().click();
    await mcSettled(page);
    await expectNoAxeViolations(page);
    await page.getByRole("group", { name: "语言" }).getByRole("button", { name: "English" }).click();
    expect(await findings.textContent()).toContain("Warning");
    expect(await estimate.locator(".badge-estimate").textContent()).toBe("Estimate");
    await expectNoAxeViolations(page);
  });

  it("sorts by a header button (aria-sort) and filters by text", async () => {
    const page = await start("en");
    await openJiaxing(page);
    await mcSettled(page);
    const header = page.locator(".dashboard-table thead th").filter({ hasText: "Prob." });
    await header.getByRole("button").click();
    expect(await header.getAttribute("aria-sort")).toBe("ascending");
    await header.getByRole("button").click();
    expect(await header.getAttribute("aria-sort")).toBe("descending");
    const first = await page.locator(".dashboard-table tbody tr").first().locator("td").nth(4).textContent();
    expect(first).toBe("100%");
    await page.getByLabel("Search by name or number").fill("retrofit");
    await expect.poll(() => page.locator(".dashboard-table tbody tr").count()).toBe(3);
    await page.getByLabel("Search by name or number").fill("");
    await page.getByLabel("Show", { exact: true }).selectOption("bindingAtRisk");
    const n = await page.locator(".dashboard-table tbody tr").count();
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(38);
    for (const attr of await page.locator(".dashboard-table tbody .attribute").allTextContents()) {
      expect(attr).toBe("Binding");
    }
  });

  it("works by keyboard alone: open the plan, change an assumption by its number field, show an indicator's chart", async () => {
    const page = await start("zh-CN");
    const press = (key: string) => page.keyboard.press(key);
    const focusIs = (loc: Locator) => loc.evaluate((el) => el === document.activeElement);
    async function tabTo(loc: Locator, max = 400): Promise<void> {
      for (let i = 0; i < max; i++) {
        if (await focusIs(loc)) return;
        await press("Tab");
      }
      throw new Error(`Tab never reached ${loc}`);
    }

    await tabTo(
      page
        .getByRole("article")
        .filter({ has: page.getByRole("heading", { name: /嘉兴/ }) })
        .getByRole("button"),
    );
    await press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("plan-summary-heading");
    await row(page, RETROFIT).waitFor();

    // The retrofit group is a disclosure: reach its summary and open it with Enter.
    await tabTo(page.locator('details.assumption-group[data-group="retrofit"] > summary'));
    await press("Enter");
    await tabTo(page.locator(CAPACITY), 60);
    // Visible focus: the focused field has an outline.
    const outline = await page.locator(CAPACITY).evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe("none");
    await press("ControlOrMeta+a");
    await page.keyboard.type("300");
    await expect.poll(() => verdictOf(page, RETROFIT)).toContain("未达标");

    // The row's name is a button that shows its chart above the table; focus stays on the row.
    await tabTo(page.locator(`#details-${RETROFIT}`));
    await press("Enter");
    await expect
      .poll(() => page.locator("#indicator-detail-heading").textContent())
      .toContain("残疾人家庭无障碍改造户数");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`details-${RETROFIT}`);
    expect(await page.locator(`#details-${RETROFIT}`).getAttribute("aria-pressed")).toBe("true");
  });

  it("shows an 'in step with GDP' target as projected growth beside GDP growth, not as the gap", async () => {
    const page = await start("en");
    await openJiaxing(page);
    // Read once the Monte Carlo has answered: the column then shows the median sample's value.
    await mcSettled(page);
    // The table keeps "(GDP 5.6%)" on one line with a no-break space.
    const projected = (await row(page, "jx-t01-income-growth").locator(".projected").textContent())?.replace(
      /\u00a0/g,
      " ",
    );
    // Baseline scenario at the medians: GDP ≈ 5.6% a year (Jiaxing's 2021–23 trend, 5.7%, with a wider
    // downside), disabled-household income 0.5 points above it.
    expect(projected).toBe("6.1% (GDP 5.6%)");
  });

  it("lets a person choose the Monte Carlo samples and seed, and explains a bad seed in place", async () => {
    const page = await start("en");
    await openJiaxing(page);
    // Run settings are folded away with the plan's findings.
    await page.locator("details.workbench-more > summary").click();
    const settings = page.getByRole("group", { name: "Uncertainty run" });
    await settings.getByLabel("Samples").selectOption("10000");
    await expect
      .poll(() => page.locator(".run-status").textContent(), { timeout: 60_000 })
      .toMatch(/Probabilities from 10,000 samples/);
    const seed = settings.getByLabel("Seed");
    await seed.fill("-3");
    await seed.press("Tab");
    expect(await seed.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#run-settings-error").textContent()).toBe(
      'seed: "-3" is negative; it cannot be negative here',
    );
    // The last valid settings stay in use.
    expect(await page.locator(".run-status").textContent()).toMatch(/10,000 samples \(seed 1,/);
    await expectNoAxeViolations(page);
  });

  it("keeps recomputing probabilities readable: the pending style never lowers contrast", async () => {
    const tp = await suite.newPage({ lang: "zh-CN" });
    const page = tp.page;
    // Messages to the model workers are held while `__holdRuns` is set, so a Monte Carlo run stays under
    // way for as long as the check takes, however fast the machine: the app itself marks the cells.
    await page.addInitScript(() => {
      const w = window as unknown as { __holdRuns: boolean; __releaseRuns: () => void };
      const post = Worker.prototype.postMessage as (this: Worker, ...args: unknown[]) => void;
      const held: [Worker, unknown[]][] = [];
      w.__holdRuns = false;
      Worker.prototype.postMessage = function (this: Worker, ...args: unknown[]) {
        if (w.__holdRuns) held.push([this, args]);
        else post.apply(this, args);
      } as typeof Worker.prototype.postMessage;
      w.__releaseRuns = () => {
        w.__holdRuns = false;
        for (const [worker, args] of held.splice(0)) post.apply(worker, args);
      };
    });
    await page.goto(suite.url);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await openJiaxing(page);
    await mcSettled(page);
    const stale = page.locator(".dashboard-table tbody td.stale");
    expect(await stale.count()).toBe(0);
    await page.evaluate(() => {
      (window as unknown as { __holdRuns: boolean }).__holdRuns = true;
    });
    await openGroup(page, "retrofit");
    await page.locator(CAPACITY).fill("300");
    // The look the app gives the probability and status cells while the Monte Carlo run is under way.
    await expect.poll(() => stale.count()).toBeGreaterThan(0);
    const marked = await stale.count();
    await expectNoAxeViolations(page, ".dashboard-table");
    // Still under way after the check: axe saw the pending style, not the settled table.
    expect(await stale.count()).toBe(marked);
    await page.evaluate(() => (window as unknown as { __releaseRuns: () => void }).__releaseRuns());
    await expect.poll(() => stale.count()).toBe(0);
  });
});
