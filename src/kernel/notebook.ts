import * as z from "zod/mini";
import { err, ok } from "../../models/result.ts";
import type { Bilingual, Result } from "../../models/text.ts";

/**
 * The planning notebook of one scenario: an ordered list of cells (notes in Markdown, and verdicts or
 * charts pinned by indicator id) and a log of the assumption changes made while it was open, each with
 * its reason. Pinned cells store only the indicator id, so they always show the current projection.
 *
 * Every operation is pure: it returns a new notebook and never changes the one it was given, which is
 * what lets {@link createHistory} (history.ts) keep old notebooks for undo. Operations that can be
 * refused answer a bilingual reason instead of throwing.
 */

/** Longest note a cell holds, in characters (about 50 pages of text); keeps storage and rendering bounded. */
export const MAX_NOTE_CHARS = 100_000;
/** Most cells one notebook holds. */
export const MAX_CELLS = 500;

const cellId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/));
const indicatorId = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/));

export const noteCellSchema = z.strictObject({
  id: cellId,
  kind: z.literal("note"),
  markdown: z.string().check(z.maxLength(MAX_NOTE_CHARS)),
});
export const verdictCellSchema = z.strictObject({ id: cellId, kind: z.literal("verdict"), indicatorId });
export const chartCellSchema = z.strictObject({ id: cellId, kind: z.literal("chart"), indicatorId });

export const cellSchema = z.discriminatedUnion("kind", [noteCellSchema, verdictCellSchema, chartCellSchema]);
export type Cell = z.infer<typeof cellSchema>;
export type NoteCell = z.infer<typeof noteCellSchema>;
export type CellKind = Cell["kind"];

/** One change of an assumption: when, which, from what to what (null: unset/default), and why. */
export const logEntrySchema = z.strictObject({
  /** ISO 8601 date-time, e.g. "2024-05-01T09:30:00.000Z". */
  at: z.iso.datetime({ offset: true }),
  assumptionId: z.string().check(z.minLength(1)),
  from: z.nullable(z.number()),
  to: z.nullable(z.number()),
  /** The person's reason, possibly empty. */
  reason: z.string().check(z.maxLength(2_000)),
});
export type LogEntry = z.infer<typeof logEntrySchema>;

export const notebookSchema = z
  .strictObject({
    cells: z.array(cellSchema).check(z.maxLength(MAX_CELLS)),
    log: z.array(logEntrySchema),
  })
  .check(
    z.superRefine((nb, ctx) => {
      const seen = new Map<string, number>();
      nb.cells.forEach((c, i) => {
        const first = seen.get(c.id);
        if (first === undefined) seen.set(c.id, i);
        else
          ctx.addIssue({
            code: "custom",
            path: ["cells", i, "id"],
            message: "duplicate cell id",
            params: {
              message: {
                zh: `单元 id “${c.id}” 与 cells[${first}] 重复`,
                en: `cell id "${c.id}" repeats cells[${first}]`,
              },
            },
          });
      });
    }),
  );
export type Notebook = z.infer<typeof notebookSchema>;

/** A notebook with no cells and an empty log. */
export function emptyNotebook(): Notebook {
  return { cells: [], log: [] };
}

/** What {@link addCell} adds: a cell without its id (one is chosen unless given). */
export type NewCell =
  | { kind: "note"; markdown?: string }
  | { kind: "verdict"; indicatorId: string }
  | { kind: "chart"; indicatorId: string };

const refuse = <T>(zh: string, en: string): Result<T, Bilingual> => err({ zh, en });

/**
 * The next free cell id, `c1`, `c2`…: one more than the largest number already used, so ids are
 * deterministic (the same edits give the same notebook) and never reused while a cell still has them.
 * With a `tag` (the browser tab's, see `createNotebooks`) the id is `c3-k7q2`: two tabs that each add
 * a cell to the same notebook then make different ids, so merging their saves keeps both cells under
 * the ids their editors know.
 */
export function nextCellId(nb: Notebook, tag?: string): string {
  let max = 0;
  for (const c of nb.cells) {
    const m = /^c(\d+)(?:-[a-z0-9]+)?$/.exec(c.id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return tag ? `c${max + 1}-${tag}` : `c${max + 1}`;
}

/**
 * Adds a cell at position `at` (0 = first; default: the end) and answers the new notebook and the
 * cell's id. Refuses an id already in use, an invalid indicator id, a note over {@link MAX_NOTE_CHARS},
 * and a notebook already holding {@link MAX_CELLS} cells.
 */
export function addCell(
  nb: Notebook,
  cell: NewCell,
  opts: { at?: number; id?: string } = {},
): Result<{ notebook: Notebook; id: string }, Bilingual> {
  if (nb.cells.length >= MAX_CELLS) {
    return refuse(`笔记本最多 ${MAX_CELLS} 个单元`, `a notebook holds at most ${MAX_CELLS} cells`);
  }
  const id = opts.id ?? nextCellId(nb);
  if (!cellId.safeParse(id).success) {
    return refuse(
      `单元 id “${id}” 无效（小写字母、数字和连字符）`,
      `cell id "${id}" is invalid (lower-case letters, digits and hyphens)`,
    );
  }
  if (nb.cells.some((c) => c.id === id)) return refuse(`单元 id “${id}” 已存在`, `cell id "${id}" is taken`);
  let made: Cell;
  if (cell.kind === "note") {
    const markdown = cell.markdown ?? "";
    if (markdown.length > MAX_NOTE_CHARS) return tooLong(markdown.length);
    made = { id, kind: "note", markdown };
  } else {
    if (!indicatorId.safeParse(cell.indicatorId).success) {
      return refuse(`指标 id “${cell.indicatorId}” 无效`, `indicator id "${cell.indicatorId}" is invalid`);
    }
    made = { id, kind: cell.kind, indicatorId: cell.indicatorId };
  }
  const at = opts.at ?? nb.cells.length;
  if (!Number.isInteger(at) || at < 0 || at > nb.cells.length) {
    return refuse(
      `插入位置 ${at} 超出 0–${nb.cells.length}`,
      `position ${at} is outside 0–${nb.cells.length}`,
    );
  }
  const cells = [...nb.cells.slice(0, at), made, ...nb.cells.slice(at)];
  return ok({ notebook: { ...nb, cells }, id });
}

function tooLong<T>(n: number): Result<T, Bilingual> {
  return refuse(
    `笔记有 ${n} 个字符，超过上限 ${MAX_NOTE_CHARS}；请拆成几段`,
    `the note has ${n} characters, more than the limit of ${MAX_NOTE_CHARS}; split it into several notes`,
  );
}

function indexOf(nb: Notebook, id: string): Result<number, Bilingual> {
  const i = nb.cells.findIndex((c) => c.id === id);
  return i < 0 ? refuse(`找不到单元 “${id}”`, `no cell "${id}"`) : ok(i);
}

/** Replaces the text of note `id`. Answers the same notebook object when nothing changed. */
export function updateNote(nb: Notebook, id: string, markdown: string): Result<Notebook, Bilingual> {
  const i = indexOf(nb, id);
  if (!i.ok) return i;
  const cell = nb.cells[i.value]!;
  if (cell.kind !== "note") return refuse(`单元 “${id}” 不是笔记`, `cell "${id}" is not a note`);
  if (markdown.length > MAX_NOTE_CHARS) return tooLong(markdown.length);
  if (cell.markdown === markdown) return ok(nb);
  const cells = nb.cells.map((c, j) => (j === i.value ? { ...cell, markdown } : c));
  return ok({ ...nb, cells });
}

/**
 * Moves the cell at position `from` to position `to` (positions in the list before the move; the cell
 * ends up at index `to`). Keyboard "move up" is `moveCell(nb, i, i - 1)`.
 */
export function moveCell(nb: Notebook, from: number, to: number): Result<Notebook, Bilingual> {
  const n = nb.cells.length;
  for (const [name, v] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v >= n) {
      return refuse(
        `位置 ${name}=${v} 超出 0–${Math.max(0, n - 1)}`,
        `position ${name}=${v} is outside 0–${Math.max(0, n - 1)}`,
      );
    }
  }
  if (from === to) return ok(nb);
  const cells = [...nb.cells];
  const [cell] = cells.splice(from, 1);
  cells.splice(to, 0, cell!);
  return ok({ ...nb, cells });
}

/** Removes cell `id`. (Undo, in history.ts, is how a removed note comes back.) */
export function removeCell(nb: Notebook, id: string): Result<Notebook, Bilingual> {
  const i = indexOf(nb, id);
  if (!i.ok) return i;
  return ok({ ...nb, cells: nb.cells.filter((_, j) => j !== i.value) });
}

/**
 * Appends a change to the assumption log. With `mergeWithinMs` > 0, a change of the same assumption
 * with the same reason within that many milliseconds of the last entry replaces it (keeping the first
 * `from`), so a slider drag logs as one change; a drag that ends where it began leaves no entry.
 * Default 0: every call appends.
 */
export function logChange(
  nb: Notebook,
  entry: LogEntry,
  opts: { mergeWithinMs?: number } = {},
): Result<Notebook, Bilingual> {
  const parsed = logEntrySchema.safeParse(entry);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join(".") ?? "";
    return refuse(`假设变更记录无效（${where}）`, `the assumption change is invalid (${where})`);
  }
  for (const v of [entry.from, entry.to]) {
    if (v !== null && !Number.isFinite(v)) {
      return refuse("假设变更的取值须为有限数字", "an assumption change needs finite numbers");
    }
  }
  const last = nb.log[nb.log.length - 1];
  const span = opts.mergeWithinMs ?? 0;
  if (
    span > 0 &&
    last &&
    last.assumptionId === entry.assumptionId &&
    last.reason === entry.reason &&
    Date.parse(entry.at) - Date.parse(last.at) <= span &&
    Date.parse(entry.at) >= Date.parse(last.at)
  ) {
    const merged: LogEntry = { ...entry, from: last.from };
    const log = nb.log.slice(0, -1);
    if (merged.from !== merged.to) log.push(merged);
    return ok({ ...nb, log });
  }
  return ok({ ...nb, log: [...nb.log, { ...entry }] });
}

/**
 * Pinned cells whose indicator is not among `indicatorIds` (e.g. after a plan file changed). The view
 * shows them as "indicator no longer in the plan" rather than dropping them: nothing is lost.
 */
export function danglingCells(nb: Notebook, indicatorIds: ReadonlySet<string>): Cell[] {
  return nb.cells.filter((c) => c.kind !== "note" && !indicatorIds.has(c.indicatorId));
}
