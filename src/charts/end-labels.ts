/**
 * Labels written at the ends of overlaid lines: placed as near their lines' ends as they can be while
 * never overlapping, and shortened by whole characters when too wide, so a Chinese name is never cut
 * through a character. Pure functions of numbers and strings (no DOM), so they are tested on their own.
 */

/** Where labels may sit, in pixels along one axis. */
export interface DodgeOptions {
  /** The least distance between two labels' positions (a label's height with a little air). */
  gap: number;
  /** The first position a label may take (e.g. the plot's top). */
  min: number;
  /** The last position a label may take (e.g. the plot's bottom); at least `min`. */
  max: number;
}

/**
 * Moves labels apart: given the position each label wants (its line's end, any order), answers a
 * position for each, in the same order as given, such that labels keep the order of their wanted
 * positions (ties in the order given), each is at least `gap` from the next, and all lie within
 * [`min`, `max`]. Labels that crowd are moved as a block centred on where they want to be (the least
 * squares placement of the block), then the block is pushed inside the bounds. When the labels cannot
 * all fit `gap` apart (more than (max − min) / gap + 1 of them) they are spread evenly over the bounds
 * instead: the order and the bounds hold, the gap is as wide as the room allows. A wanted position that
 * is not a finite number is read as `min`.
 */
export function dodgeLabels(wanted: readonly number[], options: DodgeOptions): number[] {
  const { gap, min } = options;
  const max = Math.max(options.min, options.max);
  const n = wanted.length;
  const want = wanted.map((w) => (Number.isFinite(w) ? w : min));
  const order = want.map((_, i) => i).sort((a, b) => want[a]! - want[b]! || a - b);
  const out = new Array<number>(n);
  if (n === 0) return out;
  if (n > 1 && (n - 1) * gap > max - min) {
    order.forEach((i, k) => {
      out[i] = min + ((max - min) * k) / (n - 1);
    });
    return out;
  }
  // Blocks of labels set `gap` apart; each block starts where its labels want it most (their mean of
  // wanted − offset), kept inside the bounds. A block that reaches into the one before merges with it.
  interface Block {
    first: number;
    count: number;
    /** Sum over its labels of (wanted position − its offset in the block). */
    sum: number;
    top: number;
  }
  const place = (b: Block): void => {
    b.top = Math.min(Math.max(b.sum / b.count, min), max - (b.count - 1) * gap);
  };
  const blocks: Block[] = [];
  order.forEach((i, k) => {
    const b: Block = { first: k, count: 1, sum: want[i]!, top: 0 };
    place(b);
    blocks.push(b);
    for (;;) {
      const cur = blocks[blocks.length - 1]!;
      const prev = blocks[blocks.length - 2];
      if (!prev || prev.top + prev.count * gap <= cur.top) break;
      // Merge: the labels of `cur` sit after those of `prev`, each offset by prev.count more gaps.
      prev.sum += cur.sum - cur.count * prev.count * gap;
      prev.count += cur.count;
      place(prev);
      blocks.pop();
    }
  });
  for (const b of blocks) {
    for (let j = 0; j < b.count; j++) out[order[b.first + j]!] = b.top + j * gap;
  }
  return out;
}

// Characters drawn a full em wide: CJK ideographs and punctuation, kana, Hangul, full-width forms.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;

/** The characters of a text as a person sees them (grapheme clusters), so none is ever split. */
export function characters(text: string): string[] {
  if (typeof Intl !== "undefined" && "Segmenter" in Intl) {
    const seg = new Intl.Segmenter(undefined, { granularity: "grapheme" });
    return Array.from(seg.segment(text), (s) => s.segment);
  }
  return Array.from(text);
}

/**
 * A generous estimate of a text's width in pixels at `fontSize`: a wide (CJK) character one em, a capital
 * or digit 0.72 em, a space 0.34 em, anything else 0.64 em — wider than the sans-serif fonts the app
 * uses draw them, so a label that fits by this measure fits on screen.
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const c of characters(text)) {
    if (WIDE.test(c)) em += 1;
    else if (/[A-Z0-9%@MW]/.test(c)) em += 0.72;
    else if (c === " ") em += 0.34;
    else em += 0.64;
  }
  return em * fontSize;
}

/** The ellipsis a shortened label ends with. */
export const ELLIPSIS = "…";

/**
 * A label that fits `maxWidth` pixels at `fontSize`: the text itself when it fits, else as many of its
 * first characters (whole grapheme clusters, trailing spaces and punctuation dropped) as fit followed by
 * "…". Never empty for a non-empty text: at least one character and the ellipsis.
 */
export function fitLabel(text: string, maxWidth: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const chars = characters(text);
  let k = chars.length - 1;
  while (k > 1 && textWidth(chars.slice(0, k).join("") + ELLIPSIS, fontSize) > maxWidth) k--;
  let head = chars.slice(0, Math.max(1, k));
  // "嘉兴：…" reads worse than "嘉兴…": a dangling separator goes.
  while (head.length > 1 && /^[\s:：,，、;；·\-–—(（]$/u.test(head[head.length - 1]!))
    head = head.slice(0, -1);
  return head.join("") + ELLIPSIS;
}
