import DOMPurify from "dompurify";
import { describe, expect, it } from "vitest";
import {
  createMarkdownRenderer,
  createMarked,
  MAX_MARKDOWN_CHARS,
  MAX_MARKDOWN_DEPTH,
  nestingDepth,
  renderMarkdown,
  SANITIZE_CONFIG,
  type SanitizeConfig,
  safeUrl,
} from "../../src/kernel/markdown.ts";

/*
 * Node has no DOM here (no jsdom), so DOMPurify cannot run in these tests. They prove the first layer,
 * marked configured to emit no active content, and that the sanitiser is called with the right
 * configuration. That a script in a note stays inert once DOMPurify runs is proved in the browser
 * (tests/browser/markdown.test.ts).
 */

const marked = createMarked();
const html = (md: string) => marked.parse(md, { async: false });

/** Tags in the output, by name (lower case). */
const tags = (s: string) => [...s.matchAll(/<([a-z][a-z0-9]*)\b/gi)].map((m) => m[1]!.toLowerCase());

const ATTACKS = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  '<iframe src="https://example.org"></iframe>',
  "<style>body{display:none}</style>",
  '<a href="javascript:alert(1)">x</a>',
  "text <svg onload=alert(1)> inline",
  '<div onclick="alert(1)">block</div>',
  "[x](javascript:alert(1))",
  "[x](JaVaScRiPt:alert(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "![x](javascript:alert(1))",
  "[x](vbscript:msgbox(1))",
  "<javascript:alert(1)>",
];

describe("markdown: marked layer", () => {
  it("renders ordinary Markdown (headings, emphasis, lists, tables, code)", () => {
    const out = html("# 目标\n\n**加粗** _斜体_\n\n- 一\n- 二\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n`x<y`");
    expect(tags(out)).toEqual(
      expect.arrayContaining(["h1", "strong", "em", "ul", "li", "table", "td", "code"]),
    );
    expect(out).toContain("<code>x&lt;y</code>");
  });

  it("shows raw HTML as text, so no tag or event handler from the note reaches the page", () => {
    for (const md of ATTACKS) {
      const out = html(md);
      const allowed = new Set(["p", "a", "br"]);
      expect(
        tags(out).filter((t) => !allowed.has(t)),
        md,
      ).toEqual([]);
      expect(out, md).not.toMatch(/<[^>]+\son\w+\s*=/i);
      expect(out, md).not.toMatch(/href="(?!https?:|mailto:|#)/i);
    }
    expect(html("<script>alert(1)</script>")).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("keeps web and mail links, opening outside the app with rel=noopener noreferrer", () => {
    expect(html('[plan](https://example.org/a?b=1&c=2 "t")')).toBe(
      '<p><a href="https://example.org/a?b=1&amp;c=2" title="t" target="_blank" rel="noopener noreferrer">plan</a></p>\n',
    );
    expect(html("<https://example.org>")).toContain('rel="noopener noreferrer"');
    expect(html("[me](mailto:a@b.cn)")).toContain('href="mailto:a@b.cn"');
    expect(html("[top](#c1)")).toBe('<p><a href="#c1">top</a></p>\n');
  });

  it("turns images into links, since an <img> would fetch from the network", () => {
    const out = html("![chart](https://example.org/x.png)");
    expect(tags(out)).not.toContain("img");
    expect(out).toContain(
      '<a href="https://example.org/x.png" target="_blank" rel="noopener noreferrer">chart</a>',
    );
  });

  it("drops unsafe link targets, keeping the link text", () => {
    expect(html("[click](javascript:alert(1))")).toBe("<p>click</p>\n");
    expect(safeUrl("java\tscript:alert(1)")).toBeNull();
    expect(safeUrl(" https://example.org")).toBe("https://example.org");
  });
});

describe("markdown: sanitiser layer", () => {
  it("passes marked's HTML through the sanitiser with script, style, iframe and on* forbidden", () => {
    const calls: [string, SanitizeConfig][] = [];
    const render = createMarkdownRenderer({
      sanitize: (h, cfg) => {
        calls.push([h, cfg]);
        return "SANITISED";
      },
    });
    expect(render("*hi*")).toBe("SANITISED");
    expect(calls[0]![0]).toBe("<p><em>hi</em></p>\n");
    expect(calls[0]![1]).toBe(SANITIZE_CONFIG);
    expect(SANITIZE_CONFIG.FORBID_TAGS).toEqual(expect.arrayContaining(["script", "style", "iframe"]));
    const uri = SANITIZE_CONFIG.ALLOWED_URI_REGEXP;
    for (const bad of ["javascript:alert(1)", "JavaScript:x", "data:text/html,x", "vbscript:x"]) {
      expect(uri.test(bad), bad).toBe(false);
    }
    // DOMPurify checks every non-URI attribute's value against this rule too, so these must pass.
    for (const good of ["https://example.org", "mailto:a@b.cn", "#c1", "_blank", "noopener noreferrer"]) {
      expect(uri.test(good), good).toBe(true);
    }
  });

  it("never trusts a sanitiser without a DOM: the note is shown as escaped text instead", () => {
    const purify = DOMPurify();
    expect(purify.isSupported).toBe(false);
    const render = createMarkdownRenderer(purify);
    expect(render("<script>alert(1)</script>\nline 2")).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;<br>line 2</p>",
    );
    // In node there is no window, so the default renderer falls back the same way.
    expect(renderMarkdown("<b>x</b>")).toBe("<p>&lt;b&gt;x&lt;/b&gt;</p>");
  });
});

describe("markdown: bounded in time and stack", () => {
  const passThrough = () => {
    const seen: string[] = [];
    const render = createMarkdownRenderer({
      sanitize: (h) => {
        seen.push(h);
        return h;
      },
    });
    return { render, seen };
  };

  it("shows a note of 5,000 nested quotes as escaped text with a notice, instead of overflowing the stack", () => {
    const { render, seen } = passThrough();
    const deep = `${">".repeat(5000)} <b>deep</b>`;
    const out = render(deep, "zh-CN");
    expect(out).toContain('<p class="md-fallback" role="note">这条笔记嵌套了 5000 层，超过排版上限 32 层');
    expect(out).toContain("&lt;b&gt;deep&lt;/b&gt;");
    expect(out.endsWith(`${">".repeat(5000).replace(/>/g, "&gt;")} &lt;b&gt;deep&lt;/b&gt;</p>`)).toBe(true);
    expect(seen).toEqual([]);
    // Nested list markers on one line and deep indentation count as nesting too.
    expect(render(`${"- ".repeat(2000)}x`)).toContain("nested 2000 levels deep");
    expect(nestingDepth("> > - 1. x\n    y")).toBe(4);
    expect(nestingDepth("plain\n\n* * *")).toBe(3);
  });

  it("shows a note past the length cap as escaped text with a notice in the person's language", () => {
    const { render, seen } = passThrough();
    const long = "**a".repeat(Math.ceil((MAX_MARKDOWN_CHARS + 1) / 3));
    const out = render(long, "en");
    expect(out).toMatch(
      new RegExp(
        `^<p class="md-fallback" role="note">This note has ${long.length} characters, more than the ${MAX_MARKDOWN_CHARS}`,
      ),
    );
    expect(out).toContain(`<p>${long}</p>`);
    expect(seen).toEqual([]);
    // At the cap it is formatted as usual.
    expect(render("**a**".padEnd(MAX_MARKDOWN_CHARS, " "))).toContain("<strong>a</strong>");
    expect(seen).toHaveLength(1);
  });

  it("formats nesting up to the cap as usual", () => {
    const render = createMarkdownRenderer({ sanitize: (h) => h });
    // Just under the depth cap and still valid: formatted.
    expect(render(`${"> ".repeat(MAX_MARKDOWN_DEPTH)}x`)).toContain("<blockquote>");
    expect(nestingDepth(`${"> ".repeat(MAX_MARKDOWN_DEPTH)}x`)).toBe(MAX_MARKDOWN_DEPTH);
  });
});
