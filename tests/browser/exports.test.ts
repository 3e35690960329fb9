import { readFile } from "node:fs/promises";
import { build } from "esbuild";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Lang } from "../../models/text.ts";
import { formatDate } from "../../src/kernel/format.ts";
import { expectNoAxeViolations } from "./harness.ts";
import { useBrowserSuite } from "./suite.ts";

/**
 * Exports that stand alone (issue 10, item 4), in Chromium and in both languages: a downloaded chart
 * carries its title, plan and scenario, unit, legend, target, date and source, and its PNG all of it;
 * the frame's words stay inside it with the fonts the browser really draws; the printed report opens
 * with a summary that agrees with the dashboard, leaves out empty sections, cites its sources in the
 * page's language and no path inside the code repository.
 */

const suite = useBrowserSuite();

const RETROFIT = "jx-x-retrofit-households";
const REPO_PATH = /scenarios\/|seeds\/|\.json\b|DOMAIN-NOTES|\.tsx?\b|models\//;

const plan = JSON.parse(await readFile("scenarios/plans/jiaxing-2021-2025.json", "utf8"));
const scenario = JSON.parse(await readFile("scenarios/jiaxing-baseline.json", "utf8"));
const retrofit = plan.indicators.find((i: { id: string }) => i.id === RETROFIT);

const WORDS = {
  en: {
    unit: "Unit: households",
    legend: ["Projection", "5th–95th percentile", "25th–75th percentile", "Target"],
    target: "Target: ≥ 2,500 households by 2025",
    made: "Made",
    issued: `issued by ${plan.issuer.en}`,
    svg: /Download chart \(SVG\)/,
    png: /Download chart \(PNG\)/,
    sources: "Sources",
    notebook: "Notebook",
    addNote: "Add a note",
    noteLabel: "Note text (Markdown)",
    done: /^Done/,
  },
  "zh-CN": {
    unit: "单位：户",
    legend: ["推演", "第5–95百分位", "第25–75百分位", "目标"],
    target: "目标：2025年 ≥ 2,500户",
    made: "由 可达（Reachable）生成",
    issued: `${plan.issuer.zh}印发`,
    svg: /下载图表（SVG）/,
    png: /下载图表（PNG）/,
    sources: "资料来源",
    notebook: "笔记本",
    addNote: "添加笔记",
    noteLabel: "笔记内容（Markdown）",
    done: /^完成/,
  },
} as const;

/** Jiaxing open in the workbench, the Monte Carlo answered (the table no longer busy). */
async function start(lang: Lang): Promise<Page> {
  const tp = await suite.newPage({ lang });
  const page = tp.page;
  await page.goto(suite.url);
  await page.getByRole("heading", { level: 1 }).waitFor();
  await page
    .getByRole("article")
    .filter({ has: page.getByRole("heading", { name: /嘉兴/ }) })
    .getByRole("button")
    .click();
  await page.locator(`.dashboard-table tr[data-indicator="${RETROFIT}"]`).waitFor();
  await expect.poll(() => page.locator(".dashboard-table").getAttribute("aria-busy")).toBeNull();
  return page;
}

/** Every text node of an SVG file, entities decoded, without whitespace (wrapped lines join up). */
function svgText(svg: string): string {
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1]!)).join("");
}
const squash = (s: string) => s.replace(/\s+/g, "");

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("exported charts", () => {
  for (const lang of ["en", "zh-CN"] as const) {
    it(`carry title, scenario, unit, legend, target, date and source (${lang}); the PNG draws all of it`, async () => {
      const w = WORDS[lang];
      const page = await start(lang);
      await page.locator(`#details-${RETROFIT}`).click();
      const detail = page.locator("#indicator-detail");
      const chart = detail.locator(".chart-mount svg");
      await chart.waitFor();

      const before = formatDate(new Date(), lang);
      const [svgDl] = await Promise.all([
        page.waitForEvent("download"),
        detail.getByRole("button", { name: w.svg }).click(),
      ]);
      const after = formatDate(new Date(), lang);
      expect(svgDl.suggestedFilename()).toBe(`${RETROFIT}-trajectory.svg`);
      const svg = await readFile((await svgDl.path())!, "utf8");
      expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
      const text = squash(svgText(svg));
      // Title in the reader's language; the Chinese name always.
      expect(text).toContain(squash(lang === "en" ? retrofit.name.en : retrofit.name.zh));
      expect(text).toContain(squash(retrofit.name.zh));
      expect(text).toContain(squash(lang === "en" ? plan.title.en : plan.title.zh));
      expect(text).toContain(squash(lang === "en" ? scenario.name.en : scenario.name.zh));
      expect(text).toContain(squash(w.unit));
      for (const label of w.legend) expect(text).toContain(squash(label));
      expect(text).toContain(squash(w.target));
      expect(text).toContain(squash(w.made));
      expect(text.includes(squash(before)) || text.includes(squash(after))).toBe(true);
      expect(text).toContain(squash(plan.source.title));
      expect(text).toContain(squash(w.issued));
      expect(svg).not.toMatch(REPO_PATH);
      // The legend draws the chart's own marks: the projection's colour, the target's dashed rule.
      expect(svg).toMatch(/<line[^>]*stroke="#1f4e79"/);
      expect(svg).toMatch(/<line[^>]*stroke="#b3400b"[^>]*stroke-dasharray="6 4"/);

      const size = await chart.evaluate((s) => ({
        width: Number(s.getAttribute("width")),
        height: Number(s.getAttribute("height")),
      }));
      const [pngDl] = await Promise.all([
        page.waitForEvent("download"),
        detail.getByRole("button", { name: w.png }).click(),
      ]);
      expect(pngDl.suggestedFilename()).toBe(`${RETROFIT}-trajectory.png`);
      const png = pngSize(await readFile((await pngDl.path())!));
      // Drawn at twice the size: the frame is wider than the chart and adds title, legend and footer.
      expect(png.width).toBeGreaterThan(2 * size.width);
      expect(png.height).toBeGreaterThan(2 * (size.height + 150));
    });
  }
});

describe("standaloneSvg in Chromium", () => {
  it("keeps every word inside the frame with the fonts the browser draws, wrapping Chinese and English", async () => {
    const bundle = await build({
      entryPoints: ["src/charts/standalone.ts"],
      bundle: true,
      format: "iife",
      globalName: "Standalone",
      write: false,
    });
    const tp = await suite.newPage();
    const page = tp.page;
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const zhTitle = "符合条件残疾人家庭无障碍改造率（户），到2025年达到95%以上，其中重度残疾人家庭优先改造";
    const enTitle =
      "Home accessibility-retrofit rate of eligible disabled people's households, severely disabled first";
    for (const [lang, title] of [
      ["zh-CN", zhTitle],
      ["en", enTitle],
    ] as const) {
      const r = await page.evaluate(
        ({ lang, title }) => {
          const NS = "http://www.w3.org/2000/svg";
          const chart = document.createElementNS(NS, "svg");
          chart.setAttribute("width", "300");
          chart.setAttribute("height", "150");
          chart.append(document.createElementNS(NS, "rect"));
          const long = `${title} — ${title}`;
          const framed = (
            window as unknown as {
              Standalone: { standaloneSvg: (c: SVGSVGElement, m: unknown) => SVGSVGElement };
            }
          ).Standalone.standaloneSvg(chart, {
            lang,
            title,
            subtitle: [long, ""],
            legend: [
              { label: "Projection 推演", color: "#1f4e79", symbol: "circle" },
              { label: "5th–95th percentile 第5–95百分位", color: "#7aa6d1", swatch: "area", opacity: 0.3 },
              { label: "Target 目标", color: "#b3400b", dash: "6 4", symbol: "diamond" },
              { label: "Actual figure 实际值", color: "#1b5530", swatch: "symbol", symbol: "triangle" },
            ],
            target: long,
            date: "2026-11-30",
            source: `${long} https://www.nmg.gov.cn/zwgk/zfxxgk/zfxxgkml/ghxx/202112/W020211203480876889605/files/basic-html/page6.html`,
          });
          document.body.append(framed);
          const width = Number(framed.getAttribute("width"));
          const height = Number(framed.getAttribute("height"));
          const texts = [...framed.querySelectorAll(":scope > text, :scope > g text")].map((t) => {
            const b = (t as SVGTextElement).getBBox();
            return { text: t.textContent ?? "", left: b.x, right: b.x + b.width, bottom: b.y + b.height };
          });
          const titleText = [...framed.querySelectorAll(".figure-title")].map((t) => t.textContent).join("");
          return {
            width,
            height,
            texts,
            titleText,
            titleLines: framed.querySelectorAll(".figure-title").length,
            sourceLines: framed.querySelectorAll(".figure-source").length,
            legendItems: framed.querySelectorAll(".figure-legend-item").length,
            chartInside: framed.querySelector(":scope > svg rect") !== null,
            label: framed.getAttribute("aria-label"),
          };
        },
        { lang, title },
      );
      expect(r.width).toBe(480); // 300 px of chart, widened to the frame's minimum
      expect(r.chartInside).toBe(true);
      expect(r.label).toBe(title);
      expect(r.titleLines).toBeGreaterThan(1);
      // Wrapped, not cut: every character of the title is drawn.
      expect(r.titleText.replace(/\s/g, "")).toBe(title.replace(/\s/g, ""));
      expect(r.sourceLines).toBe(3); // at most 3 lines; the rest ends in "…"
      expect(r.legendItems).toBe(4);
      for (const t of r.texts) {
        expect(t.left, t.text).toBeGreaterThanOrEqual(16 - 0.5);
        expect(t.right, t.text).toBeLessThanOrEqual(r.width - 16 + 0.5);
        expect(t.bottom, t.text).toBeLessThanOrEqual(r.height);
      }
    }
  });
});

describe("the printed report", () => {
  for (const lang of ["en", "zh-CN"] as const) {
    it(`opens with a summary that agrees with the dashboard, prints no empty section, and cites sources in the page's language (${lang})`, async () => {
      const w = WORDS[lang];
      const page = await start(lang);
      // The dashboard's headline and its binding targets at risk or off track, read on screen.
      const headline = (await page.locator(".dashboard-summary").textContent())!.trim();
      const atRisk = await page.locator(".dashboard-table tbody tr").evaluateAll((rows) =>
        rows
          .filter(
            (r) =>
              r.querySelector(".attribute-binding") && r.querySelector(".status-at-risk, .status-off-track"),
          )
          .map((r) => ({
            id: r.getAttribute("data-indicator"),
            projected: r.querySelector(".projected")?.textContent?.trim(),
            probability: r.querySelector(".probability")?.textContent?.trim(),
          })),
      );
      expect(atRisk.length).toBeGreaterThan(0);

      await page.emulateMedia({ media: "print" });
      const summary = page.locator(".print-summary");
      // The summary is built when the page hears of the print media (kernel/printing.ts): wait for it.
      await summary.waitFor({ state: "visible" });
      // The first heading printed after the plan's title is the summary's.
      const headings = await page
        .locator("main h2:visible, main h3:visible, main h4:visible")
        .allTextContents();
      expect(headings[0]).toBe(await summary.locator("h3").textContent());
      expect(await summary.locator(".print-headline").textContent()).toContain(headline);
      expect(await summary.evaluate((s) => getComputedStyle(s).breakAfter)).toBe("page");
      const listed = await summary.locator(".at-risk-table tbody tr").evaluateAll((rows) =>
        rows.map((r) => ({
          id: r.getAttribute("data-indicator"),
          projected: r.querySelectorAll("td")[1]?.textContent ?? "",
          probability: r.querySelectorAll("td")[2]?.textContent?.trim(),
          drivers: r.querySelectorAll(".driver-list li").length,
        })),
      );
      expect(listed.map((r) => r.id).sort()).toEqual(atRisk.map((r) => r.id).sort());
      for (const r of listed) {
        const d = atRisk.find((a) => a.id === r.id)!;
        expect(r.projected).toContain(d.projected!);
        expect(r.probability).toBe(d.probability);
        expect(r.drivers).toBeGreaterThan(0);
      }

      // No notes, no log, no observed values: their sections are left out.
      expect(headings).not.toContain(`${w.notebook}`);
      expect(headings.some((h) => h.startsWith(w.notebook))).toBe(false);
      expect(await page.locator(".files-panel").isVisible()).toBe(false);
      expect(await page.locator("#notebook").isVisible()).toBe(false);

      // Sources in the page's language, and nothing that lives only in the code repository.
      const sources = page.locator(".report-sources");
      expect(await sources.locator("h4").textContent()).toBe(w.sources);
      expect(await sources.textContent()).toContain(plan.source.title);
      expect(await sources.textContent()).toContain(w.issued);
      const printed = await page.locator("main").innerText();
      expect(printed).not.toMatch(REPO_PATH);
      await expectNoAxeViolations(page, [".print-summary", ".report-sources"]);

      // A note makes the notebook a section of the report again.
      await page.emulateMedia({ media: "screen" });
      await page.getByRole("button", { name: w.addNote }).click();
      await page.getByLabel(w.noteLabel).fill("**Printed** note");
      await page.getByRole("button", { name: w.done }).click();
      await page.emulateMedia({ media: "print" });
      expect(await page.locator("#notebook .note-body").isVisible()).toBe(true);
      expect(await page.locator("#notebook-heading").isVisible()).toBe(true);
      expect(await page.locator(".assumption-log").isVisible()).toBe(false);
    });
  }
});
