/**
 * A chart that stands alone once it leaves the app: the chart's SVG framed by what a reader of the file
 * needs and the screen shows around it — a title, subtitle lines (plan, scenario, units), a legend of
 * the marks drawn, the target in words, and a footer with the date it was made and its source. Pure
 * DOM (no Solid, no store, no language): the caller passes every word, already in the reader's
 * language, so a trajectory chart and a comparison chart frame alike.
 *
 * Text is laid out here, not by a browser, because an SVG file has no line wrapping: each line is
 * measured by an estimate of its glyph widths ({@link textWidth}) and wrapped where a line may break —
 * between any two CJK characters (Chinese has no spaces), at spaces and after hyphens or slashes in
 * Latin text — never inside a character, and never before a closing mark such as "，" or ")".
 */

const SVG_NS = "http://www.w3.org/2000/svg";

/** One entry of the legend, drawn like the chart's own mark. */
export interface LegendEntry {
  /** The words beside the swatch, in the reader's language. */
  label: string;
  /** The mark's colour, as in the chart (any SVG colour). */
  color: string;
  /**
   * How the swatch is drawn: `line` (default) a stroke, `area` a filled box (a band), `symbol` the point
   * symbol alone (`symbol` then defaults to a circle).
   */
  swatch?: "line" | "area" | "symbol";
  /** A line's stroke-dasharray, e.g. "6 4"; default solid. */
  dash?: string;
  /** A point symbol drawn on the line or alone. Default none (a circle for `swatch: "symbol"`). */
  symbol?: "circle" | "diamond" | "square" | "triangle";
  /** An area's fill opacity, 0–1; default 0.4. */
  opacity?: number;
}

/** What frames a chart, every word already in the reader's language. */
export interface FigureMeta {
  /** The language the words are in: sets `xml:lang` and the font stack. */
  lang: "zh-CN" | "en";
  /** The first line, e.g. the indicator's name. */
  title: string;
  /** Lines under the title, e.g. the indicator's Chinese name, plan · scenario, and the units. */
  subtitle: readonly string[];
  /** The marks shown, in the order the legend lists them. Empty: no legend row. */
  legend: readonly LegendEntry[];
  /** The target in words, e.g. "Target: ≥ 2,500 households by 2025". Omitted when empty. */
  target?: string;
  /** When the file was made, already formatted, e.g. "Made 1 December 2026". */
  date: string;
  /** Where the figures come from, e.g. the plan's published document and its address. */
  source: string;
  /** The font stack; default the app's stack for `lang`, Noto Sans CJK SC among the fallbacks. */
  fontFamily?: string;
}

/** Sizes of the frame, in CSS px. Every default is what the app's exports use. */
export interface FrameOptions {
  /** Space around everything; default 16. */
  padding?: number;
  /** The frame is at least this wide, however narrow the chart; default 480. */
  minWidth?: number;
  /** The most lines the title, each subtitle line, the target and the source may wrap to; default 3. */
  maxLines?: number;
}

/** The app's font stacks (as in styles.css): Noto Sans CJK SC first for Chinese, and as a fallback. */
export const FONT_STACKS = {
  "zh-CN":
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', system-ui, sans-serif",
  en: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
} as const;

const TEXT = "#1b1f24";
const MUTED = "#4a535c";
const TITLE_SIZE = 17;
const SUBTITLE_SIZE = 13;
const LEGEND_SIZE = 12.5;
const FOOTER_SIZE = 11.5;
const LINE_HEIGHT = 1.4;
const SWATCH_WIDTH = 26;

/** True for a character set a full em wide: CJK ideographs, kana, hangul, full-width forms, CJK marks. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

const NARROW = new Set([..."iljtfrI.,:;'|!()[]{} \u00a0"]);
const WIDE_LATIN = new Set([..."mwMW@%&"]);

/**
 * The width of `text` at `fontSize` px, estimated per character in em, rounded up to the wide faces a
 * reader's machine may draw with (DejaVu Sans, Verdana), so an estimated line is never shorter than the
 * drawn one: CJK and full-width characters 1 em; narrow Latin letters and punctuation 0.36 em; m, w, M,
 * W, @, %, & 0.95 em; capitals 0.74 em; other characters 0.63 em. Bold Latin text is about 12% wider
 * (CJK glyphs stay an em).
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  const latin = bold ? 1.12 : 1;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isWide(cp)) em += 1;
    else if (NARROW.has(ch)) em += 0.36 * latin;
    else if (WIDE_LATIN.has(ch)) em += 0.95 * latin;
    else if (ch >= "A" && ch <= "Z") em += 0.74 * latin;
    else em += 0.63 * latin;
  }
  return em * fontSize;
}

/** Marks that never start a line (closing punctuation), and marks that never end one (opening). */
const NO_START = new Set([..."，。、；：？！）》」』】〕〉”’,.;:?!)]}%‰·…"]);
const NO_END = new Set([..."（《「『【〔〈“‘([{"]);

/**
 * Splits text into the pieces a line may break between: each CJK character alone, each run of other
 * characters up to and including a space, hyphen or slash; a closing mark sticks to what precedes it and
 * an opening mark to what follows. Pieces are whole code points, so joining them gives the text back.
 */
export function breakPieces(text: string): string[] {
  const pieces: string[] = [];
  let cur = "";
  let glue = false;
  let lastWide = false;
  for (const ch of text) {
    const wide = isWide(ch.codePointAt(0) ?? 0);
    if (cur !== "" && !glue && !NO_START.has(ch) && (wide || lastWide)) {
      pieces.push(cur);
      cur = "";
    }
    cur += ch;
    lastWide = wide;
    glue = NO_END.has(ch);
    if (!wide && !glue && (ch === " " || ch === "-" || ch === "/")) {
      pieces.push(cur);
      cur = "";
    }
  }
  if (cur !== "") pieces.push(cur);
  // A closing mark at the start of a piece belongs to the piece before it.
  for (let i = 1; i < pieces.length; i++) {
    const p = pieces[i]!;
    const first = [...p][0]!;
    if (NO_START.has(first)) {
      pieces[i - 1] += first;
      pieces[i] = p.slice(first.length);
      if (pieces[i] === "") pieces.splice(i--, 1);
    }
  }
  return pieces;
}

/**
 * Wraps `text` into lines no wider than `maxWidth` (by {@link textWidth}), at most `maxLines`; a text
 * that does not fit ends its last line with "…". A piece wider than a whole line (a long address) is cut
 * between characters, never inside one. Spaces at a line's end are dropped.
 */
export function wrapText(
  text: string,
  maxWidth: number,
  fontSize: number,
  options: { bold?: boolean; maxLines?: number } = {},
): string[] {
  const bold = options.bold ?? false;
  const maxLines = Math.max(1, options.maxLines ?? Number.POSITIVE_INFINITY);
  const width = (s: string) => textWidth(s, fontSize, bold);
  const lines: string[] = [];
  let line = "";
  const push = (): void => {
    lines.push(line.trimEnd());
    line = "";
  };
  for (const piece of breakPieces(text.replace(/\s+/g, " ").trim())) {
    if (width(line + piece.trimEnd()) <= maxWidth) {
      line += piece;
      continue;
    }
    if (line.trim() !== "") push();
    if (width(piece.trimEnd()) <= maxWidth) {
      line = piece;
      continue;
    }
    // Wider than a line on its own: cut it between characters.
    for (const ch of piece) {
      if (line !== "" && width(line + ch) > maxWidth) push();
      line += ch;
    }
  }
  if (line.trim() !== "") push();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last !== "" && width(`${last}…`) > maxWidth) last = [...last].slice(0, -1).join("");
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

/** The size a chart is drawn at: its width/height attributes, else its viewBox. */
function chartSize(chart: SVGSVGElement): { width: number; height: number } {
  const w = Number.parseFloat(chart.getAttribute("width") ?? "");
  const h = Number.parseFloat(chart.getAttribute("height") ?? "");
  if (w > 0 && h > 0) return { width: w, height: h };
  const vb = (chart.getAttribute("viewBox") ?? "").split(/[\s,]+/).map(Number);
  if (vb.length === 4 && vb[2]! > 0 && vb[3]! > 0) return { width: vb[2]!, height: vb[3]! };
  return { width: 640, height: 300 };
}

function el<K extends keyof SVGElementTagNameMap>(
  doc: Document,
  name: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const e = doc.createElementNS(SVG_NS, name) as SVGElementTagNameMap[K];
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** A point symbol centred on (x, y), sized like the chart's dots. */
function symbolMark(doc: Document, e: LegendEntry, x: number, y: number): SVGElement {
  const shape = e.symbol ?? "circle";
  const hollow = e.swatch !== "symbol" && shape === "diamond";
  const paint = hollow
    ? { fill: "#ffffff", stroke: e.color, "stroke-width": 2 }
    : { fill: e.color, stroke: "#ffffff", "stroke-width": 0.75 };
  const r = 5;
  switch (shape) {
    case "diamond":
      return el(doc, "path", {
        d: `M${x},${y - r - 1}L${x + r + 1},${y}L${x},${y + r + 1}L${x - r - 1},${y}Z`,
        ...paint,
      });
    case "square":
      return el(doc, "rect", {
        x: x - r + 0.5,
        y: y - r + 0.5,
        width: 2 * r - 1,
        height: 2 * r - 1,
        ...paint,
      });
    case "triangle":
      return el(doc, "path", {
        d: `M${x},${y - r - 1}L${x + r + 1},${y + r - 0.5}L${x - r - 1},${y + r - 0.5}Z`,
        ...paint,
      });
    default:
      return el(doc, "circle", { cx: x, cy: y, r: e.swatch === "symbol" ? r : 2.5, ...paint });
  }
}

/** The swatch of one legend entry, `SWATCH_WIDTH` wide, centred on y. */
function swatch(doc: Document, e: LegendEntry, x: number, y: number): SVGGElement {
  const g = el(doc, "g", { "aria-hidden": "true" });
  const kind = e.swatch ?? "line";
  if (kind === "area") {
    g.append(
      el(doc, "rect", {
        x,
        y: y - 6,
        width: SWATCH_WIDTH,
        height: 12,
        fill: e.color,
        "fill-opacity": e.opacity ?? 0.4,
        stroke: e.color,
        "stroke-width": 1,
      }),
    );
  } else if (kind === "line") {
    const line = el(doc, "line", {
      x1: x,
      y1: y,
      x2: x + SWATCH_WIDTH,
      y2: y,
      stroke: e.color,
      "stroke-width": 2.5,
    });
    if (e.dash) line.setAttribute("stroke-dasharray", e.dash);
    g.append(line);
    if (e.symbol) g.append(symbolMark(doc, e, x + SWATCH_WIDTH / 2, y));
  } else {
    g.append(symbolMark(doc, e, x + SWATCH_WIDTH / 2, y));
  }
  return g;
}

/** A block of text lines starting at y (the top of the first line); returns the y below it. */
function textBlock(
  doc: Document,
  parent: SVGElement,
  lines: readonly string[],
  x: number,
  y: number,
  size: number,
  attrs: Record<string, string | number>,
): number {
  const step = size * LINE_HEIGHT;
  for (const [i, line] of lines.entries()) {
    const t = el(doc, "text", { x, y: y + i * step + size, "font-size": size, ...attrs });
    t.textContent = line;
    parent.append(t);
  }
  return y + lines.length * step;
}

/**
 * A new SVG document (not yet in any page) that frames a copy of `chart`: title, subtitle lines, the
 * chart at its own size, a legend that wraps across rows, the target in words, and a footer with the
 * date and the source. The chart is not changed. Its width is the chart's plus the padding (at least
 * `minWidth`); its height follows from the lines the words wrap to. White behind everything, so it reads
 * the same on any background and as a PNG. The chart's own text follows `currentColor`, set here.
 */
export function standaloneSvg(
  chart: SVGSVGElement,
  meta: FigureMeta,
  options: FrameOptions = {},
): SVGSVGElement {
  const doc = chart.ownerDocument;
  const pad = options.padding ?? 16;
  const maxLines = options.maxLines ?? 3;
  const size = chartSize(chart);
  const width = Math.max(options.minWidth ?? 480, Math.ceil(size.width + 2 * pad));
  const inner = width - 2 * pad;
  const font = meta.fontFamily ?? FONT_STACKS[meta.lang];

  const svg = el(doc, "svg", { width, lang: meta.lang, role: "img" });
  svg.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:lang", meta.lang);
  svg.setAttribute("font-family", font);
  svg.setAttribute("color", TEXT);
  const title = el(doc, "title", {});
  title.textContent = meta.title;
  const desc = el(doc, "desc", {});
  desc.textContent = [...meta.subtitle, meta.target ?? "", meta.date, meta.source].filter(Boolean).join("\n");
  svg.append(title, desc, el(doc, "rect", { width: "100%", height: "100%", fill: "#ffffff" }));

  let y = pad;
  y = textBlock(
    doc,
    svg,
    wrapText(meta.title, inner, TITLE_SIZE, { bold: true, maxLines }),
    pad,
    y,
    TITLE_SIZE,
    {
      fill: TEXT,
      "font-weight": 700,
      class: "figure-title",
    },
  );
  for (const line of meta.subtitle) {
    if (line.trim() === "") continue;
    y = textBlock(doc, svg, wrapText(line, inner, SUBTITLE_SIZE, { maxLines }), pad, y, SUBTITLE_SIZE, {
      fill: MUTED,
      class: "figure-subtitle",
    });
  }
  y += 8;

  // The chart at its own size, nested so its coordinates and its own <style> stay as Plot made them.
  const copy = chart.cloneNode(true) as SVGSVGElement;
  copy.setAttribute("x", String(pad + Math.max(0, (inner - size.width) / 2)));
  copy.setAttribute("y", String(y));
  copy.setAttribute("width", String(size.width));
  copy.setAttribute("height", String(size.height));
  if (!copy.getAttribute("viewBox")) copy.setAttribute("viewBox", `0 0 ${size.width} ${size.height}`);
  copy.setAttribute("color", TEXT);
  copy.style.color = TEXT;
  svg.append(copy);
  y += size.height + 10;

  if (meta.legend.length > 0) {
    const legend = el(doc, "g", { class: "figure-legend" });
    const row = LEGEND_SIZE * 1.8;
    let x = pad;
    for (const entry of meta.legend) {
      const label = wrapText(entry.label, inner - SWATCH_WIDTH - 6, LEGEND_SIZE, { maxLines: 1 })[0] ?? "";
      const w = SWATCH_WIDTH + 6 + textWidth(label, LEGEND_SIZE);
      if (x > pad && x + w > pad + inner) {
        x = pad;
        y += row;
      }
      const mid = y + row / 2;
      const item = el(doc, "g", { class: "figure-legend-item" });
      item.append(swatch(doc, entry, x, mid));
      const t = el(doc, "text", {
        x: x + SWATCH_WIDTH + 6,
        y: mid + LEGEND_SIZE * 0.36,
        "font-size": LEGEND_SIZE,
        fill: TEXT,
      });
      t.textContent = label;
      item.append(t);
      legend.append(item);
      x += w + 18;
    }
    svg.append(legend);
    y += row + 4;
  }

  if (meta.target && meta.target.trim() !== "") {
    y = textBlock(
      doc,
      svg,
      wrapText(meta.target, inner, SUBTITLE_SIZE, { bold: true, maxLines }),
      pad,
      y,
      SUBTITLE_SIZE,
      {
        fill: TEXT,
        "font-weight": 600,
        class: "figure-target",
      },
    );
  }
  y += 6;
  svg.append(
    el(doc, "line", { x1: pad, y1: y, x2: width - pad, y2: y, stroke: "#d6d3cb", "stroke-width": 1 }),
  );
  y += 4;
  y = textBlock(doc, svg, wrapText(meta.date, inner, FOOTER_SIZE, { maxLines: 1 }), pad, y, FOOTER_SIZE, {
    fill: MUTED,
    class: "figure-date",
  });
  y = textBlock(doc, svg, wrapText(meta.source, inner, FOOTER_SIZE, { maxLines }), pad, y, FOOTER_SIZE, {
    fill: MUTED,
    class: "figure-source",
  });
  const height = Math.ceil(y + pad);
  svg.setAttribute("height", String(height));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("aria-label", meta.title);
  return svg;
}
