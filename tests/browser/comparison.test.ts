/**
 * The scenario comparison (issue 10, item 3): scenarios side by side with a difference column against
 * the first, the indicators whose verdict differs first, the overlaid chart with its bands and end
 * labels that never overlap, CSV, SVG and PNG of what is shown, in both languages, with no axe
 * violations. Every read waits for the Monte Carlo to settle (the table is `aria-busy` until then).
 */
import { readFile } from "node:fs/promises";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./harness.ts";
import { useBrowserSuite } from "./suite.ts";

const suite = useBrowserSuite();

const PLAN = "jiaxing-2021-2025";
const NURSING = "jx-t03-nursing-subsidy-coverage";
const TRAINING = "jx-x-training-per-year";

async function open(lang: "zh-CN" | "en", viewport?: { width: number; height: number }): Promise<Page> {
  const tp = await suite.newPage({ lang, ...(viewport ? { viewport } : {}) });
  await tp.page.goto(`${suite.url}#/${PLAN}/jiaxing-baseline`);
  await tp.page.locator(`.dashboard-table tr[data-indicator="${NURSING}"]`).waitFor();
  return tp.page;
}

/** Waits until the dashboard's Monte Carlo has answered (its table is no longer busy). */
async function dashboardSettled(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator(".run-status").textContent(), { timeout: 60_000 })
    .toMatch(/2000|2,000/);
  await expect
    .poll(() => page.locator(".dashboard-table").getAttribute("aria-busy"), { timeout: 90_000 })
    .toBeNull();
}

/** Waits until the comparison has answered for the scenarios ticked and is not recomputing. */
async function comparisonSettled(page: Page, scenarios: number): Promise<Locator> {
  const table = page.locator("table.comparison-table");
  await table.waitFor({ timeout: 90_000 });
  await expect.poll(() => table.getAttribute("aria-busy"), { timeout: 90_000 }).toBeNull();
  await expect.poll(() => table.locator("thead th.cmp-scenario").count()).toBe(scenarios);
  return table;
}

/** A number as the table writes it: "−1,234 households" → -1234, "69%" → 69. */
function numberIn(text: string): number {
  const m = /[+−-]?[\d,]+(?:\.\d+)?/.exec(text.replace(/\u2212/g, "−"));
  if (!m) throw new Error(`no number in "${text}"`);
  return Number(m[0].replace(/,/g, "").replace("−", "-"));
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The end labels' boxes do not overlap one another and lie inside the chart. */
async function expectLabelsApart(page: Page): Promise<string[]> {
  const svg = page.locator(".compare-chart svg[role='img']");
  const frame = (await svg.boundingBox())!;
  const labels = svg.locator(".end-label text");
  const n = await labels.count();
  expect(n).toBeGreaterThanOrEqual(2);
  const boxes: Box[] = [];
  for (let i = 0; i < n; i++) boxes.push((await labels.nth(i).boundingBox())!);
  for (const b of boxes) {
    expect(b.x).toBeGreaterThanOrEqual(frame.x - 0.5);
    expect(b.x + b.width).toBeLessThanOrEqual(frame.x + frame.width + 0.5);
    expect(b.y).toBeGreaterThanOrEqual(frame.y - 0.5);
    expect(b.y + b.height).toBeLessThanOrEqual(frame.y + frame.height + 0.5);
  }
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) expect(overlap(boxes[i]!, boxes[j]!), `labels ${i} and ${j}`).toBe(false);
  // What is drawn (the label's own text) and its full name (its title).
  const drawn = await labels.evaluateAll((els) =>
    els.map((e) => ({
      text: [...e.childNodes]
        .filter((c) => c.nodeName !== "title")
        .map((c) => c.textContent)
        .join(""),
      title: e.querySelector("title")?.textContent ?? "",
    })),
  );
  // A name shortened for the margin is whole characters of its own followed by "…".
  for (const d of drawn) {
    expect(d.text === d.title || (d.text.endsWith("…") && d.title.startsWith(d.text.slice(0, -1)))).toBe(
      true,
    );
  }
  return drawn.map((d) => d.text);
}

async function downloadText(page: Page, button: Locator): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return { name: dl.suggestedFilename(), text: await readFile((await dl.path())!, "utf8") };
}

describe("scenario comparison", { timeout: 400_000 }, () => {
  it("sets three scenarios side by side with differences against the first, differing verdicts first, bands and apart labels on the chart, and CSV, SVG and PNG of what is shown, in English then Chinese", async () => {
    const page = await open("en");
    await dashboardSettled(page);
    // The value the dashboard shows for the baseline (the Monte Carlo median's).
    const dashboardValue = await page
      .locator(`.dashboard-table tr[data-indicator="${NURSING}"] td.projected`)
      .textContent();
    const planOrder = await page
      .locator(".dashboard-table tbody tr")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-indicator")));

    const choices = page.getByRole("group", { name: /Scenarios to compare/ });
    await choices.getByLabel("Jiaxing baseline").check();
    await choices.getByLabel(/budgets frozen/).check();
    await choices.getByLabel(/faster ageing/).check();
    const table = await comparisonSettled(page, 3);
    // A difference column for each scenario after the first.
    expect(await table.locator("thead th.cmp-diff").count()).toBe(2);
    expect(await table.locator("thead th.cmp-diff").first().textContent()).toMatch(
      /Difference.*budgets frozen.*− Jiaxing baseline/,
    );

    // One number, one meaning: the baseline's value here is the dashboard's.
    const nursing = table.locator(`tr[data-indicator="${NURSING}"]`);
    const cells = nursing.locator("td.cmp-scenario");
    expect(await cells.nth(0).locator(".cmp-projected").textContent()).toBe(dashboardValue);

    // The difference column: the second scenario's value minus the first's, and the probabilities'.
    const v0 = numberIn((await cells.nth(0).locator(".cmp-projected").textContent())!);
    const v1 = numberIn((await cells.nth(1).locator(".cmp-projected").textContent())!);
    const p0 = numberIn((await cells.nth(0).locator(".cmp-probability").textContent())!);
    const p1 = numberIn((await cells.nth(1).locator(".cmp-probability").textContent())!);
    const diff = nursing.locator("td.cmp-diff").first();
    const valueDiff = (await diff.locator(".cmp-value-diff").textContent())!;
    expect(valueDiff).toMatch(/points?$/);
    expect(numberIn(valueDiff)).toBe(v1 - v0);
    // Budgets frozen at 2021 cut the nursing subsidy's coverage: a negative difference, a true minus.
    expect(v1).toBeLessThan(v0);
    expect(valueDiff.startsWith("−")).toBe(true);
    expect(numberIn((await diff.locator(".cmp-probability-diff").textContent())!)).toBe(p1 - p0);
    expect(await table.textContent()).not.toMatch(/[−-]0(?:\.0+)?(?![.\d])/);

    // Differing verdicts first, then the plan's order; each marked in words and with "≠".
    const rows = await table.locator("tbody tr").evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute("data-indicator")!,
        differs: tr.classList.contains("differs"),
      })),
    );
    expect(rows).toHaveLength(planOrder.length);
    const firstSame = rows.findIndex((r) => !r.differs);
    expect(firstSame).toBeGreaterThan(0);
    expect(rows.slice(firstSame).every((r) => !r.differs)).toBe(true);
    const inPlanOrder = (ids: string[]) => expect(ids).toEqual(planOrder.filter((id) => ids.includes(id!)));
    inPlanOrder(rows.slice(0, firstSame).map((r) => r.id));
    inPlanOrder(rows.slice(firstSame).map((r) => r.id));
    expect(await page.locator(".cmp-count").textContent()).toBe(
      `${firstSame} indicators differ in verdict between the scenarios.`,
    );
    const firstRow = table.locator("tbody tr").first();
    expect(await firstRow.locator("th").textContent()).toContain("≠ Verdict differs from “Jiaxing baseline”");
    expect(await firstRow.locator("td.cmp-scenario .differs-mark").count()).toBeGreaterThan(0);
    expect(await table.locator("tbody tr:not(.differs) .differs-mark").count()).toBe(0);
    // Four scenarios and their differences fit the width without scrolling sideways.
    const scroll = page.locator(".comparison .table-scroll").first();
    expect(await scroll.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);

    // The chart of the nursing subsidy: a band per scenario, labels that do not overlap.
    await page.getByLabel("Indicator to overlay").selectOption(NURSING);
    const svg = page.locator(".compare-chart svg[role='img']");
    await expect.poll(() => svg.getAttribute("aria-label")).toMatch(/Nursing.*3 scenarios/);
    expect(await svg.locator("g.band-90 path").count()).toBe(3);
    expect(await svg.locator("g.band-50 path").count()).toBe(3);
    const labels = await expectLabelsApart(page);
    expect(labels.some((l) => l.startsWith("Target"))).toBe(true);
    // The data table beside it: the year, then each scenario's line and its band.
    expect(await page.locator(".compare-chart .data-table th[scope='col']").count()).toBe(7);
    await expectNoAxeViolations(page);

    // CSV of the table: BOM, English headers, the rows in the table's order with its numbers.
    const csv = await downloadText(page, page.getByRole("button", { name: "Download table (CSV)" }));
    expect(csv.name).toBe(`${PLAN}-comparison.csv`);
    expect(
      csv.text.startsWith("\uFEFFindicator,number,name,unit,verdict differs,Jiaxing baseline: projected"),
    ).toBe(true);
    const lines = csv.text.trimEnd().split("\r\n");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(rows.map((r) => r.id));
    const nursingLine = lines.find((l) => l.startsWith(`${NURSING},`))!.split(",");
    expect(Number(nursingLine[5])).toBe(v0);
    expect(Number(nursingLine[8])).toBe(v1);
    expect(Number(nursingLine[11])).toBe(v1 - v0);
    expect(Number(nursingLine[12])).toBe(p1 - p0);

    // SVG and PNG of the chart as drawn.
    const svgFile = await downloadText(
      page,
      page.locator(".compare-chart").getByRole("button", { name: /Download chart \(SVG\)/ }),
    );
    expect(svgFile.name).toBe(`${PLAN}-comparison-${NURSING}.svg`);
    expect(svgFile.text).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svgFile.text).toContain("band-90");
    expect(svgFile.text).toContain("Jiaxing baseline");
    // A file that stands alone: the indicator's names, the plan, the unit, a legend of the scenarios and
    // the bands, the target, the date it was made and the plan's source.
    expect(svgFile.text).toContain("Nursing");
    expect(svgFile.text).toContain("重度残疾人护理补贴");
    expect(svgFile.text).toContain("scenario:");
    expect(svgFile.text).toContain("Unit:");
    expect(svgFile.text).toContain("5th–95th percentile");
    expect(svgFile.text).toContain("Target:");
    expect(svgFile.text).toMatch(/Made .*20\d\d/);
    expect(svgFile.text).toContain("Source:");
    expect(svgFile.text).not.toMatch(/scenarios\/|\.json/);
    const [pngDl] = await Promise.all([
      page.waitForEvent("download"),
      page
        .locator(".compare-chart")
        .getByRole("button", { name: /Download chart \(PNG\)/ })
        .click(),
    ]);
    const png = await readFile((await pngDl.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(5000);

    // The same screen in Chinese: words, units and the CSV's headers follow.
    await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "简体中文" }).click();
    await comparisonSettled(page, 3);
    expect(await firstRow.locator("th").textContent()).toContain("≠ 判断与“嘉兴基准情景”不同");
    expect(await diff.locator(".cmp-value-diff").textContent()).toMatch(/^−[\d.,]+ 个百分点$/);
    expect(await page.locator(".cmp-count").textContent()).toBe(`有 ${firstSame} 项指标在各情景间判断不同。`);
    const zhLabels = await expectLabelsApart(page);
    expect(zhLabels.some((l) => l.startsWith("目标"))).toBe(true);
    // Each scenario's label is its name (or its shortened name).
    for (const name of ["嘉兴基准情景", "嘉兴：预算冻结", "嘉兴：老龄化加快"]) {
      expect(zhLabels.some((l) => name.startsWith(l.replace(/…$/, "")) || l.startsWith(name))).toBe(true);
    }
    const zhCsv = await downloadText(page, page.getByRole("button", { name: "下载表格（CSV）" }));
    expect(zhCsv.text.startsWith("\uFEFF指标id,序号,指标名称,单位,判断是否不同,嘉兴基准情景：推演值")).toBe(
      true,
    );
    await expectNoAxeViolations(page);
  });

  it("compares two scenarios in Chinese on a 640 px screen: the table stacks, nothing scrolls sideways", async () => {
    const page = await open("zh-CN", { width: 640, height: 900 });
    const choices = page.getByRole("group", { name: /选择要比较的情景/ });
    await choices.getByLabel("嘉兴基准情景").check();
    await choices.getByLabel(/预算冻结/).check();
    const table = await comparisonSettled(page, 2);
    expect(await table.locator("thead th.cmp-diff").count()).toBe(1);
    // The page does not scroll sideways; the table is as wide as its box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
    const scroll = page.locator(".comparison .table-scroll").first();
    expect(await scroll.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
    // Each cell carries its column's name, and the rows still read as a table's rows.
    const diff = table.locator("tbody tr").first().locator("td.cmp-diff");
    expect(await diff.getAttribute("data-label")).toBe("差值 ■ − ●");
    expect(await table.locator("tbody tr").first().getAttribute("class")).toContain("differs");
    const snapshot = await table.ariaSnapshot();
    expect(snapshot).toMatch(/- row /);
    expect(snapshot).toMatch(/- rowheader /);
    // The chart's labels stay apart at this width too.
    await page.getByLabel("叠加显示的指标").selectOption(TRAINING);
    await expect
      .poll(() => page.locator(".compare-chart svg[role='img']").getAttribute("aria-label"))
      .toMatch(/2 个情景/);
    await expectLabelsApart(page);
    await expectNoAxeViolations(page);
  });
});
