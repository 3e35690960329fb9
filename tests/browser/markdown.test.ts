import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { build, type Rollup } from "vite";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, type TestPage } from "./harness.ts";

/**
 * The proof node cannot give (tests/kernel/markdown.test.ts): in Chromium, with DOMPurify bound to a
 * real window, a note's script, event handlers, iframes, styles and javascript: links stay inert when
 * the rendered HTML is put into the page, and so does raw HTML sent straight to the sanitiser layer.
 * src/kernel/markdown.ts and DOMPurify are bundled for the page here, so the test needs no app screen.
 */

const MARKDOWN = fileURLToPath(new URL("../../src/kernel/markdown.ts", import.meta.url));

async function bundle(): Promise<string> {
  const out = (await build({
    configFile: false,
    logLevel: "silent",
    plugins: [
      {
        name: "entry",
        resolveId: (id) => (id.endsWith("virtual:md") ? "\0md" : null),
        load: (id) =>
          id === "\0md"
            ? `export * from ${JSON.stringify(MARKDOWN)}; export { default as DOMPurify } from "dompurify";`
            : null,
      },
    ],
    build: {
      write: false,
      minify: false,
      lib: { entry: "virtual:md", formats: ["iife"], name: "MD", fileName: () => "md.js" },
    },
  })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
  const output = Array.isArray(out) ? out[0]!.output : out.output;
  return (output[0] as Rollup.OutputChunk).code;
}

const ATTACKS = [
  "<script>window.__pwned = 'script'</script>",
  "<img src=x onerror=\"window.__pwned = 'img'\">",
  "<svg onload=\"window.__pwned = 'svg'\"></svg>",
  "<iframe srcdoc=\"<script>parent.__pwned = 'iframe'</script>\"></iframe>",
  "<style>body { display: none }</style>",
  "<a href=\"javascript:window.__pwned = 'href'\">click</a>",
  "[click](javascript:window.__pwned='md-link')",
  "![x](javascript:window.__pwned='md-img')",
  "<details open ontoggle=\"window.__pwned = 'toggle'\">x</details>",
  "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__pwned='mxss'\">",
  "<form action=\"javascript:window.__pwned='form'\"><button>go</button></form>",
];

let browser: Browser;
let tp: TestPage;
let page: Page;

beforeAll(async () => {
  const code = await bundle();
  browser = await launchBrowser();
  // A page of the harness (foreign requests recorded and aborted, errors recorded), kept for the file.
  tp = await newPage(browser);
  page = tp.page;
  await page.setContent("<!doctype html><html><body><div id=out></div></body></html>");
  await page.addScriptTag({ content: code });
});

// The checks every browser test makes of its page: what a note does may not reach another origin or
// log an error (the page stays open for the next test, so they are made here, not by the shared suite).
afterEach(() => {
  expect(tp.consoleErrors, "console errors").toEqual([]);
  expect(tp.foreignRequests, "requests to other origins").toEqual([]);
  expect(tp.failedRequests, "failed requests").toEqual([]);
});

afterAll(async () => {
  await tp?.close();
  await browser?.close();
});

interface Found {
  pwned: unknown;
  tags: string[];
  handlers: string[];
  hrefs: string[];
  rels: string[];
}

/** Puts `html` into the page, gives any script a moment to run, and reports what the DOM holds. */
async function mount(kind: "markdown" | "sanitiser" | "raw", input: string): Promise<Found> {
  return page.evaluate(
    async ([kind, input]) => {
      const md = (
        window as unknown as {
          MD: {
            renderMarkdown(text: string): string;
            DOMPurify(w: Window): { sanitize(html: string, cfg: unknown): string };
            SANITIZE_CONFIG: unknown;
          };
        }
      ).MD;
      (window as unknown as { __pwned?: unknown }).__pwned = undefined;
      const html =
        kind === "markdown"
          ? md.renderMarkdown(input)
          : kind === "sanitiser"
            ? md.DOMPurify(window).sanitize(input, md.SANITIZE_CONFIG)
            : input;
      const out = document.getElementById("out")!;
      out.innerHTML = html;
      for (const d of out.querySelectorAll("details")) d.open = !d.open;
      for (const a of out.querySelectorAll("a")) a.dispatchEvent(new MouseEvent("mouseover"));
      await new Promise((r) => setTimeout(r, 50));
      const all = [...out.querySelectorAll("*")];
      return {
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        tags: all.map((e) => e.tagName.toLowerCase()),
        handlers: all.flatMap((e) => [...e.attributes].map((a) => a.name).filter((n) => /^on/i.test(n))),
        hrefs: all
          .flatMap((e) => [e.getAttribute("href"), e.getAttribute("action"), e.getAttribute("src")])
          .filter((v): v is string => v !== null),
        rels: [...out.querySelectorAll("a[target]")].map((a) => a.getAttribute("rel") ?? ""),
      };
    },
    [kind, input] as const,
  );
}

const FORBIDDEN = ["script", "style", "iframe", "svg", "math", "form", "img", "object", "embed"];

describe("markdown in the browser", () => {
  it("renders a note's Markdown with DOMPurify on a real window", async () => {
    const found = await mount("markdown", "# 目标\n\n**加粗** [链接](https://example.org)");
    expect(found.tags).toEqual(["h1", "p", "strong", "a"]);
    expect(found.rels).toEqual(["noopener noreferrer"]);
  });

  it("would notice an attack that ran (control: unsanitised HTML)", async () => {
    expect((await mount("raw", ATTACKS[1]!)).pwned).toBe("img");
  });

  for (const kind of ["markdown", "sanitiser"] as const) {
    it(`keeps every attack inert through the ${kind} layer`, async () => {
      for (const attack of ATTACKS) {
        const found = await mount(kind, attack);
        expect(found.pwned, attack).toBeUndefined();
        expect(
          found.tags.filter((t) => FORBIDDEN.includes(t)),
          attack,
        ).toEqual([]);
        expect(found.handlers, attack).toEqual([]);
        expect(
          found.hrefs.filter((h) => !/^(https?:|mailto:|#)/i.test(h)),
          attack,
        ).toEqual([]);
        expect(
          found.rels.every((r) => r === "noopener noreferrer"),
          attack,
        ).toBe(true);
      }
    });
  }
});
