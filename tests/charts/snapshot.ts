import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

/**
 * SVG snapshots of the charts, as Observable Plot tests its own plots (its test/plot-snapshot.js): the
 * chart is rendered in jsdom, normalised — Plot's generated class name and ids renumbered, long numbers
 * rounded to three decimals, one element a line — and compared with tests/charts/output/<name>.svg,
 * which is committed. On a difference, the new rendering is written beside it as <name>-changed.svg
 * (git-ignored) so the two can be diffed or opened side by side, and the test fails.
 *
 * A missing snapshot FAILS the test: a snapshot is never created silently. To create or accept one, run
 * with UPDATE_SNAPSHOTS=1, e.g. `UPDATE_SNAPSHOTS=1 npx vitest run --project unit tests/charts`, then
 * look at the new SVGs before committing them.
 */

// A path from a string: under jsdom, `URL` is jsdom's, which node:url does not take.
const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), "output");
const UPDATE = process.env.UPDATE_SNAPSHOTS === "1";

/** Checks `svg` against the snapshot `name` (see above). */
export function expectSvgSnapshot(svg: Element, name: string): void {
  const actual = normalizeSvg(svg);
  const file = join(OUTPUT, `${name}.svg`);
  const changed = join(OUTPUT, `${name}-changed.svg`);
  const expected = existsSync(file) ? readFileSync(file, "utf-8") : null;
  if (expected === actual) {
    rmSync(changed, { force: true });
    return;
  }
  if (UPDATE) {
    writeFileSync(file, actual, "utf-8");
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, actual, "utf-8");
  if (expected === null) {
    throw new Error(
      `no snapshot tests/charts/output/${name}.svg: the rendering is in ${name}-changed.svg; ` +
        "run with UPDATE_SNAPSHOTS=1 to accept it",
    );
  }
  expect(actual, `tests/charts/output/${name}.svg differs: see ${name}-changed.svg`).toBe(expected);
}

/** The SVG as a snapshot stores it: stable ids and class names, rounded numbers, indented. */
export function normalizeSvg(root: Element): string {
  const svg = root.cloneNode(true) as Element;
  svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  reindexClassName(svg);
  reindexIri(svg, "clip", ["clip-path"]);
  reindexIri(svg, "filter", ["filter"]);
  reindexIri(svg, "marker", ["marker-start", "marker-mid", "marker-end"]);
  reindexIri(svg, "pattern", ["fill", "stroke"]);
  return `${serialize(svg, "")}\n`;
}

/** Plot's default class name (its "plot-d6a7b5") becomes "plot", in the style sheet and on elements. */
function reindexClassName(svg: Element): void {
  const uid = /\bplot-[0-9a-f]{6}\b/g;
  for (const el of [svg, ...svg.querySelectorAll("[class]")]) {
    const c = el.getAttribute("class");
    if (c) el.setAttribute("class", c.replace(uid, "plot"));
  }
  for (const style of svg.querySelectorAll("style")) {
    style.textContent = (style.textContent ?? "").replace(uid, "plot");
  }
}

/** Generated ids `plot-<name>-<counter>` renumbered from 1 in document order, and the url(#…) that name them. */
function reindexIri(svg: Element, name: string, attributes: readonly string[]): void {
  const map = new Map<string, string>();
  for (const node of svg.querySelectorAll(`[id^="plot-${name}-"]`)) {
    const id = node.getAttribute("id")!;
    if (!map.has(id)) map.set(id, `plot-${name}-${map.size + 1}`);
    node.setAttribute("id", map.get(id)!);
  }
  for (const key of attributes) {
    for (const node of svg.querySelectorAll(`[${key}]`)) {
      const value = node.getAttribute(key)!;
      const id = /^url\(#(.*)\)$/.exec(value)?.[1];
      const next = id && map.get(id);
      if (next) node.setAttribute(key, `url(#${next})`);
    }
  }
}

/** Numbers with four or more decimals to three (Plot's rule), so float noise does not change a snapshot. */
const round = (text: string): string => text.replace(/\d+\.\d{4,}/g, (d) => String(+(+d).toFixed(3)));

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, "&quot;");

/**
 * One element a line, children indented by two spaces; an element holding only text is written on its
 * line with its text, so a changed label or value is one changed line.
 */
function serialize(el: Element, indent: string): string {
  const attrs = Array.from(el.attributes, (a) => ` ${a.name}="${round(escapeAttr(a.value))}"`).join("");
  const tag = el.localName;
  const children = Array.from(el.childNodes);
  if (children.every((c) => c.nodeType === c.TEXT_NODE)) {
    const text = el.textContent ?? "";
    return text === ""
      ? `${indent}<${tag}${attrs}></${tag}>`
      : `${indent}<${tag}${attrs}>${round(escapeText(text))}</${tag}>`;
  }
  const lines = [`${indent}<${tag}${attrs}>`];
  for (const c of children) {
    if (c.nodeType === c.ELEMENT_NODE) lines.push(serialize(c as Element, `${indent}  `));
    else if (c.nodeType === c.TEXT_NODE && (c.textContent ?? "").trim() !== "")
      lines.push(`${indent}  ${round(escapeText(c.textContent!.trim()))}`);
  }
  lines.push(`${indent}</${tag}>`);
  return lines.join("\n");
}
