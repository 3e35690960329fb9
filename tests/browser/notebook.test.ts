import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, type TestPage } from "./harness.ts";
import { useBrowserSuite } from "./suite.ts";

/**
 * The planning notebook and saved work, driven in Chromium: notes and assumption changes survive a
 * reload, undo and redo, share links (a good one opens the same scenario in a fresh browser; a damaged
 * one is explained and changes nothing), a hostile note stays inert, and axe finds nothing with the
 * notebook open in either language. Every test starts from a fresh context (empty storage).
 */

const suite = useBrowserSuite();

const RETROFIT = "jx-x-retrofit-households";
const CAPACITY = "#as-retrofit-capacity1";

async function fresh(lang: "zh-CN" | "en"): Promise<TestPage> {
  const tp = await suite.newPage({ lang });
  return tp;
}

async function start(lang: "zh-CN" | "en", url = suite.url): Promise<Page> {
  const { page } = await fresh(lang);
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

const row = (page: Page, id: string) => page.locator(`.dashboard-table tr[data-indicator="${id}"]`);
const verdictOf = (page: Page, id: string) => row(page, id).locator(".verdict").textContent();

async function openGroup(page: Page, group: string): Promise<void> {
  const details = page.locator(`details.assumption-group[data-group="${group}"]`);
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await details.locator(":scope > summary").click();
  }
}

/** Waits until autosave says the newest change is saved. */
async function saved(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator(".save-status").textContent(), { timeout: 5000 })
    .toMatch(/已保存|Saved/);
}

async function reloadIntoWorkbench(page: Page): Promise<void> {
  await page.reload();
  // The plan that was open comes back by itself.
  await row(page, RETROFIT).waitFor();
}

async function mcSettled(page: Page): Promise<void> {
  // The answer, not the "updating from 2,000 samples…" that comes before it.
  await expect
    .poll(() => page.locator(".run-status").textContent(), { timeout: 30_000 })
    .toMatch(/Probabilities from 2,000|概率基于 2,000/);
  await expect
    .poll(() => page.locator(".dashboard-table").getAttribute("aria-busy"), { timeout: 60_000 })
    .toBeNull();
}

describe("notebook", () => {
  it("keeps a note across a reload, and keeps a hostile note inert", async () => {
    const page = await start("en");
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await openJiaxing(page);
    await page.getByRole("button", { name: "Add a note" }).click();
    const text = page.getByLabel("Note text (Markdown)");
    await expect.poll(() => text.evaluate((el) => el === document.activeElement)).toBe(true);
    await text.fill("## Retrofits\n\nThe **2,500** target needs *more* capacity.");
    await expect.poll(() => page.locator(".note-body strong").textContent()).toBe("2,500");
    await saved(page);

    await reloadIntoWorkbench(page);
    const body = page.locator("#notebook .note-body");
    await expect.poll(() => body.textContent()).toContain("The 2,500 target needs more capacity.");
    expect(await body.locator("h2").textContent()).toBe("Retrofits");

    // A second note with script, an onerror image and a javascript: link: rendered, never run.
    await page.evaluate(() => {
      (window as unknown as { __pwned?: unknown }).__pwned = undefined;
    });
    await page.getByRole("button", { name: "Add a note" }).click();
    const hostile =
      '<script>window.__pwned = 1; alert(1)</script>\n\n<img src=x onerror="window.__pwned = 2; alert(2)">\n\n[click me](javascript:window.__pwned=3;alert(3))';
    await page.locator("#notebook textarea").last().fill(hostile);
    const last = page.locator("#notebook .note-body").last();
    await expect.poll(() => last.textContent()).toContain("click me");
    expect(await last.locator("script, img, [onerror]").count()).toBe(0);
    expect(await last.locator("a[href^='javascript']").count()).toBe(0);
    for (const a of await last.locator("a").all()) await a.click({ trial: false }).catch(() => {});
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  it("keeps an assumption change and its logged reason across a reload", async () => {
    const page = await start("zh-CN");
    await openJiaxing(page);
    await page.getByLabel("后续修改的理由（可选）").fill("财政压缩");
    await openGroup(page, "retrofit");
    await page.locator(CAPACITY).fill("300");
    await expect.poll(() => verdictOf(page, RETROFIT)).toContain("未达标");
    const logRow = page.locator(".log-table tbody tr").first();
    await expect.poll(() => logRow.textContent()).toContain("财政压缩");
    expect(await logRow.locator(".log-change").textContent()).toMatch(/467.*→.*300/);
    await saved(page);

    await reloadIntoWorkbench(page);
    await openGroup(page, "retrofit");
    expect(await page.locator(CAPACITY).inputValue()).toBe("300");
    expect(await verdictOf(page, RETROFIT)).toContain("未达标");
    expect(await page.locator(".log-table tbody tr").first().textContent()).toContain("财政压缩");
  });

  it("undoes and redoes assumption and notebook edits with the buttons and the keyboard", async () => {
    const page = await start("en");
    await openJiaxing(page);
    await openGroup(page, "retrofit");
    await page.locator(CAPACITY).fill("300");
    await expect.poll(() => verdictOf(page, RETROFIT)).toContain("Missed");
    await page.locator(CAPACITY).blur();
    const undo = page.locator(".undo-group").getByRole("button", { name: "Undo" });
    const redo = page.locator(".undo-group").getByRole("button", { name: "Redo" });
    await undo.click();
    await expect.poll(() => page.locator(CAPACITY).inputValue()).toBe("467");
    expect(await verdictOf(page, RETROFIT)).toContain("Missed"); // the observed pace falls short too
    await redo.click();
    await expect.poll(() => page.locator(CAPACITY).inputValue()).toBe("300");

    // A pinned verdict, then the keyboard: Ctrl+Z takes the pin out, Shift+Ctrl+Z puts it back.
    await row(page, RETROFIT).getByRole("button", { name: /Pin/ }).click();
    const cells = page.locator("#notebook .notebook-cells > li");
    await expect.poll(() => cells.count()).toBe(1);
    await page.locator("#notebook-heading").click();
    await page.keyboard.press("ControlOrMeta+z");
    await expect.poll(() => cells.count()).toBe(0);
    await page.keyboard.press("ControlOrMeta+Shift+z");
    await expect.poll(() => cells.count()).toBe(1);
    expect(await cells.first().textContent()).toContain("Missed");
    // Undo twice: the pin goes, then the capacity change; redo puts the capacity change back, not the pin.
    await page.keyboard.press("ControlOrMeta+z");
    await page.keyboard.press("ControlOrMeta+z");
    await expect.poll(() => page.locator(CAPACITY).inputValue()).toBe("467");
    await page.keyboard.press("ControlOrMeta+Shift+z");
    await expect.poll(() => cells.count()).toBe(0);
  });

  it("reorders cells with the move buttons, focus following the cell", async () => {
    const page = await start("en");
    await openJiaxing(page);
    await row(page, RETROFIT).getByRole("button", { name: /Pin/ }).click();
    await page.getByRole("button", { name: "Add a note" }).click();
    await page.getByLabel("Note text (Markdown)").fill("Second");
    const titles = () => page.locator("#notebook .cell-head h4").allTextContents();
    expect((await titles())[0]).toMatch(/^1\. Verdict/);
    await page.getByRole("button", { name: /^Move up 2\. Note/ }).click();
    await expect.poll(async () => (await titles())[0]).toMatch(/^1\. Note/);
    // The up button of the moved note is now disabled (first place), so focus is on its down button.
    expect(await page.evaluate(() => document.activeElement?.textContent ?? "")).toMatch(/Move down/);
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await titles())[1]).toMatch(/^2\. Note/);
  });

  it("opens a shared link as the same scenario in a fresh browser, without touching saved work", async () => {
    const page = await start("en");
    await openJiaxing(page);
    await openGroup(page, "retrofit");
    await page.locator(CAPACITY).fill("300");
    await expect.poll(() => verdictOf(page, RETROFIT)).toContain("Missed");
    await mcSettled(page);
    const verdict = await verdictOf(page, RETROFIT);
    await page.getByRole("button", { name: "Copy share link" }).click();
    const link = await page.getByLabel("Share link (read-only)").inputValue();
    expect(link).toContain("#s=");

    const other = await start("en", link);
    await row(other, RETROFIT).waitFor();
    await expect
      .poll(async () => (await other.locator("#scenario-select option:checked").textContent()) ?? "")
      .toMatch(/Jiaxing/);
    await openGroup(other, "retrofit");
    expect(await other.locator(CAPACITY).inputValue()).toBe("300");
    expect(await verdictOf(other, RETROFIT)).toBe(verdict);
    expect(await other.locator(".workbench-notice").textContent()).toMatch(/was added and opened/);
    // The link is taken off the address, so a reload does not bring it in again.
    expect(other.url()).not.toContain("#s=");
    await saved(other);

    // Opening the same link again: its id is now taken, so the person is asked.
    await other.goto(link);
    await other.getByRole("dialog").waitFor();
    expect(await other.getByRole("dialog").textContent()).toMatch(/already/);
    await other.getByRole("dialog").getByRole("button", { name: "Keep both" }).click();
    await expect.poll(() => other.locator("#scenario-select option").count()).toBeGreaterThan(2);
    expect(await other.locator("#scenario-select option:checked").textContent()).toMatch(/\(2\)/);
  });

  it("explains a damaged link and changes nothing", async () => {
    const page = await start("en");
    await openJiaxing(page);
    await page.getByRole("button", { name: "Add a note" }).click();
    await page.getByLabel("Note text (Markdown)").fill("Keep me");
    await saved(page);
    const scenariosBefore = await page.locator("#scenario-select option").allTextContents();

    await page.goto(`${suite.url}#s=N4IgdghgtgpiBcIDGUA2BXAzjA1iANCAA`);
    const banner = page.locator(".link-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/cannot be read|damaged|incomplete/);
    expect(await banner.textContent()).toContain("Nothing was changed");
    await row(page, RETROFIT).waitFor();
    expect(await page.locator("#scenario-select option").allTextContents()).toEqual(scenariosBefore);
    expect(await page.locator("#notebook .note-body").textContent()).toContain("Keep me");
    await expectNoAxeViolations(page);
  });

  it("says plainly when the browser will not save, and offers the workspace as a file", async () => {
    const tp = await fresh("en");
    // A browser with IndexedDB switched off (as some private modes do).
    await tp.context.addInitScript(() => {
      Object.defineProperty(window, "indexedDB", { get: () => undefined, configurable: true });
    });
    const page = tp.page;
    await page.goto(suite.url);
    const banner = page.locator(".storage-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toContain("does not allow saving here");
    await openJiaxing(page);
    await openGroup(page, "retrofit");
    await page.locator(CAPACITY).fill("300");
    const [dl] = await Promise.all([
      page.waitForEvent("download"),
      banner.getByRole("button", { name: "Export workspace" }).click(),
    ]);
    const ws = JSON.parse(await readFile((await dl.path())!, "utf8"));
    expect(ws.edits["jiaxing-baseline"]["retrofit.capacity1"]).toEqual({ value: 300 });
    await expectNoAxeViolations(page);
    await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "简体中文" }).click();
    expect(await banner.textContent()).toContain("此浏览器不允许在本机保存");
  });

  it("has no axe violations with the notebook open, in both languages", async () => {
    const page = await start("zh-CN");
    await openJiaxing(page);
    await row(page, RETROFIT)
      .getByRole("button", { name: /钉到笔记本/ })
      .click();
    await page.locator(`#details-${RETROFIT}`).click();
    await page.locator("#indicator-detail").getByRole("button", { name: "把图表钉到笔记本" }).click();
    await page.getByRole("button", { name: "添加笔记" }).click();
    await page.getByLabel("笔记内容（Markdown）").fill("**重点**：改造进度");
    await openGroup(page, "retrofit");
    await page.locator(CAPACITY).fill("400");
    await expect.poll(() => page.locator(".log-table tbody tr").count()).toBe(1);
    await mcSettled(page);
    await expect.poll(() => page.locator("#notebook .chart-figure svg").count()).toBe(1);
    await expectNoAxeViolations(page);
    await page.getByRole("group", { name: "语言" }).getByRole("button", { name: "English" }).click();
    expect(await page.locator("#notebook-heading").textContent()).toContain("Notebook");
    await expectNoAxeViolations(page);
  });
});
