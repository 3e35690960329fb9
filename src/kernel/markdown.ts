import DOMPurify from "dompurify";
import { Marked, type Tokens } from "marked";
import type { Lang } from "../../models/text.ts";

/**
 * Notebook notes are Markdown, rendered to HTML that is safe to put into the page. Two layers:
 *
 * 1. Markdown → HTML with marked, configured so that the person's text cannot produce active content:
 *    raw HTML in a note is shown as text (escaped), links are kept only for http(s), mailto and
 *    in-page (#…) targets and open in a new tab with `rel="noopener noreferrer"`, and images become
 *    links (an `<img>` would fetch from the network at run time, which the product never does).
 * 2. The result goes through DOMPurify with script, style, iframe, object, embed, form and SVG/MathML
 *    forbidden, event-handler attributes (on*) removed and only the URL schemes above allowed.
 *
 * Layer 1 alone already keeps `<script>` and `onerror=` out (tested in node); layer 2 is the defence in
 * depth that needs a DOM, so its proof runs in the browser.
 */

/** The part of DOMPurify the renderer uses; injectable so tests can run without a DOM. */
export interface Sanitizer {
  sanitize(html: string, cfg: SanitizeConfig): string;
  /** False when the sanitiser has no DOM to work with (DOMPurify then returns its input unchanged). */
  isSupported?: boolean;
}

/** The subset of DOMPurify's configuration this module sets. */
export interface SanitizeConfig {
  USE_PROFILES: { html: true };
  FORBID_TAGS: string[];
  FORBID_ATTR: string[];
  ADD_ATTR: string[];
  ALLOWED_URI_REGEXP: RegExp;
  ALLOW_DATA_ATTR: false;
}

/** Link targets a note may have: web pages, e-mail, and places in this page. */
export const SAFE_URL = /^(?:https?:|mailto:|#)/i;

/**
 * The sanitiser's URL rule. DOMPurify tests the value of every attribute that is not URI-safe against
 * it (not only href), so besides http(s) and mailto it must pass values with no scheme at all
 * ("_blank", "noopener noreferrer", "#c1"); what it refuses is any other scheme (javascript:, data:,
 * vbscript:…). This is DOMPurify's default rule with the schemes narrowed.
 */
export const SANITIZE_URI = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

/** The sanitiser configuration (exported so tests can check what is forbidden). */
export const SANITIZE_CONFIG: SanitizeConfig = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    "script",
    "style",
    "iframe",
    "frame",
    "object",
    "embed",
    "form",
    "link",
    "meta",
    "base",
    "img",
  ],
  FORBID_ATTR: ["style", "srcset", "formaction", "xlink:href"],
  ADD_ATTR: ["target"],
  ALLOWED_URI_REGEXP: SANITIZE_URI,
  ALLOW_DATA_ATTR: false,
};

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * The URL a link may point to, or null. Control characters and whitespace are removed first, because
 * browsers ignore them inside a scheme ("java\tscript:" is javascript:).
 */
export function safeUrl(href: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  return SAFE_URL.test(cleaned) ? cleaned : null;
}

/** A marked instance that cannot emit raw HTML, unsafe links or images. */
export function createMarked(): Marked {
  return new Marked({
    async: false,
    gfm: true,
    breaks: true,
    renderer: {
      html({ text }: Tokens.HTML | Tokens.Tag): string {
        return escapeHtml(text);
      },
      link(token: Tokens.Link): string {
        const inner = token.autolink ? escapeHtml(token.text) : this.parser.parseInline(token.tokens);
        const url = safeUrl(token.href);
        if (url === null) return inner;
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : "";
        const external = url.startsWith("#") ? "" : ' target="_blank" rel="noopener noreferrer"';
        return `<a href="${escapeHtml(url)}"${title}${external}>${inner}</a>`;
      },
      image(token: Tokens.Image): string {
        const alt = escapeHtml(token.text || token.href);
        const url = safeUrl(token.href);
        if (url === null) return alt;
        return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${alt}</a>`;
      },
    },
  });
}

/** Renders Markdown to safe HTML; `lang` is the language of a notice when the note is shown as text. */
export type MarkdownRenderer = (text: string, lang?: Lang) => string;

/**
 * Longest note rendered as Markdown, in characters. marked's emphasis matching grows with the square of
 * the text in the worst case ("**a" repeated: ~2.6 s at 90,000 characters, ~0.15 s at this cap), and a
 * note is typed into a page that must not freeze; a longer note is shown as plain text.
 */
export const MAX_MARKDOWN_CHARS = 20_000;

/**
 * Deepest nesting rendered as Markdown: quote and list markers at the start of a line, plus two spaces
 * of indentation a level. marked parses nested blocks recursively and overflows the stack at a few
 * thousand levels (5,000 ">" in a row); no note needs more than a handful.
 */
export const MAX_MARKDOWN_DEPTH = 32;

const CONTAINER = /^(?:[ \t]*(?:>|[*+-](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+/;

/** The deepest block nesting of any line: its container markers plus its indentation in pairs of spaces. */
export function nestingDepth(text: string): number {
  let deepest = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, "    ").length;
    const prefix = CONTAINER.exec(line)?.[0] ?? "";
    const markers = (prefix.match(/>|[*+-]|\d{1,9}[.)]/g) ?? []).length;
    deepest = Math.max(deepest, markers + Math.floor(indent / 2));
  }
  return deepest;
}

/** Why a note is shown as text rather than formatted, in both languages. */
function fallbackNotice(kind: "long" | "deep" | "failed", text: string): { zh: string; en: string } {
  switch (kind) {
    case "long":
      return {
        zh: `这条笔记有 ${text.length} 个字符，超过排版上限 ${MAX_MARKDOWN_CHARS} 个字符，以下按原文显示。`,
        en: `This note has ${text.length} characters, more than the ${MAX_MARKDOWN_CHARS} that are formatted; it is shown as plain text.`,
      };
    case "deep":
      return {
        zh: `这条笔记嵌套了 ${nestingDepth(text)} 层，超过排版上限 ${MAX_MARKDOWN_DEPTH} 层，以下按原文显示。`,
        en: `This note is nested ${nestingDepth(text)} levels deep, more than the ${MAX_MARKDOWN_DEPTH} that are formatted; it is shown as plain text.`,
      };
    case "failed":
      return {
        zh: "这条笔记无法排版，以下按原文显示。",
        en: "This note could not be formatted; it is shown as plain text.",
      };
  }
}

/** A note shown as escaped text after a notice saying why. */
function asText(kind: "long" | "deep" | "failed", text: string, lang: Lang): string {
  const notice = fallbackNotice(kind, text);
  return `<p class="md-fallback" role="note">${escapeHtml(lang === "zh-CN" ? notice.zh : notice.en)}</p>${plainText(text)}`;
}

/**
 * Makes a renderer over a sanitiser. A sanitiser that says it cannot work (`isSupported === false`,
 * DOMPurify without a DOM) would pass HTML through unchecked, so the renderer then shows the note as
 * escaped plain text instead: never unsafe, nothing lost. A note too long or too deeply nested to
 * format in bounded time and stack, or one the parser fails on, is shown as escaped text after a
 * notice in the person's language — never nothing, never a frozen or crashed page.
 */
export function createMarkdownRenderer(purify: Sanitizer): MarkdownRenderer {
  const marked = createMarked();
  return (text, lang = "en") => {
    if (purify.isSupported === false) return plainText(text);
    if (text.length > MAX_MARKDOWN_CHARS) return asText("long", text, lang);
    if (nestingDepth(text) > MAX_MARKDOWN_DEPTH) return asText("deep", text, lang);
    let html: string;
    try {
      html = marked.parse(text, { async: false });
    } catch {
      return asText("failed", text, lang);
    }
    return purify.sanitize(html, SANITIZE_CONFIG);
  };
}

/** A note as escaped text in one paragraph, line breaks kept. */
export function plainText(text: string): string {
  return text === "" ? "" : `<p>${escapeHtml(text).replace(/\r?\n/g, "<br>")}</p>`;
}

let browserRenderer: MarkdownRenderer | undefined;

/**
 * Renders Markdown with DOMPurify bound to this page's `window`; created on first use so that importing
 * this module in node (tests, CLI) touches no DOM. Without a window it falls back to plain text.
 */
export function renderMarkdown(text: string, lang: Lang = "en"): string {
  if (!browserRenderer) {
    const win = (globalThis as { window?: Window & typeof globalThis }).window;
    browserRenderer = win
      ? createMarkdownRenderer(DOMPurify(win))
      : createMarkdownRenderer({ isSupported: false, sanitize: () => "" });
  }
  return browserRenderer(text, lang);
}
