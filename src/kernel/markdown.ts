import DOMPurify from "dompurify";
import { Marked, type Tokens } from "marked";

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

/** Renders Markdown to safe HTML. */
export type MarkdownRenderer = (text: string) => string;

/**
 * Makes a renderer over a sanitiser. A sanitiser that says it cannot work (`isSupported === false`,
 * DOMPurify without a DOM) would pass HTML through unchecked, so the renderer then shows the note as
 * escaped plain text instead: never unsafe, nothing lost.
 */
export function createMarkdownRenderer(purify: Sanitizer): MarkdownRenderer {
  const marked = createMarked();
  return (text) => {
    if (purify.isSupported === false) return plainText(text);
    const html = marked.parse(text, { async: false });
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
export function renderMarkdown(text: string): string {
  if (!browserRenderer) {
    const win = (globalThis as { window?: Window & typeof globalThis }).window;
    browserRenderer = win
      ? createMarkdownRenderer(DOMPurify(win))
      : createMarkdownRenderer({ isSupported: false, sanitize: () => "" });
  }
  return browserRenderer(text);
}
