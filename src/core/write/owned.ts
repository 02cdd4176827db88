/**
 * Sheets the add-in owns and writes whole (the report): where each goes, and how a user's hand
 * edits are noticed (a hash of the contents as written) and kept.
 */
import { Issue, makeIssue } from "../issues";
import { CellValue, SheetSnapshot, cellText, cellValue } from "../io/snapshot";
import { CellWrite, SheetWrite, sheetCells } from "../io/plan";
import { OwnedSheet, TextHash } from "../read/meta";
import type { WorkbookModel } from "../read/model";

/** A hash of the non-empty cells in reading order (row, then column): what a hand edit changes. */
function contentHash(cells: { row: number; col: number; text: string }[]): string {
  const filled = cells.filter((c) => c.text !== "");
  const ordered = filled.every((c, i) => i === 0 || filled[i - 1].row < c.row || (filled[i - 1].row === c.row && filled[i - 1].col < c.col));
  const sorted = ordered ? filled : filled.sort((a, b) => a.row - b.row || a.col - b.col);
  // The hash of "A1\u0001text\u0002B1\u0001text…", taken piece by piece.
  const h = new TextHash();
  sorted.forEach((c, i) => (i ? h.add("\u0002") : h).cell(c.row, c.col).add("\u0001").add(c.text));
  return h.toString();
}

/** contentHash of planned writes, read straight from them when they come in reading order (the report's rows do). */
function writesHash(w: Pick<SheetWrite, "cells" | "rows">): string {
  if (w.rows && w.cells.length) return writesHash({ cells: sheetCells(w) });
  const h = new TextHash();
  let first = true;
  const add = (row: number, col: number, text: string) => {
    if (text === "") return;
    (first ? h : h.add("\u0002")).cell(row, col).add("\u0001").add(text);
    first = false;
  };
  if (w.rows) {
    const { a, b } = w.rows;
    for (let i = 0; i < a.length; i++) {
      add(i + 1, 1, a[i]);
      add(i + 1, 2, b[i]);
    }
    return h.toString();
  }
  const cells = w.cells;
  const ordered = cells.every((c, i) => i === 0 || cells[i - 1].row < c.row || (cells[i - 1].row === c.row && cells[i - 1].col < c.col));
  if (!ordered) return contentHash(cells.map((c) => ({ row: c.row, col: c.col, text: c.content.kind === "text" ? c.content.text : "" })));
  for (const c of cells) if (c.content.kind === "text") add(c.row, c.col, c.content.text);
  return h.toString();
}

/** The hash of a sheet as it stands; null when it is not there or was not read (still protected as written: untouched). */
function existingContentHash(s: SheetSnapshot | undefined): string | null {
  if (!s || s.skipped) return null;
  const cells: { row: number; col: number; text: string }[] = [];
  s.values.forEach((rowVals, i) => rowVals.forEach((_v, j) => cells.push({ row: s.top + i, col: s.left + j, text: cellText(cellValue(s, s.top + i, s.left + j)) })));
  return contentHash(cells);
}

/** Excel's limit on a sheet name. */
const SHEET_NAME_MAX = 31;

/**
 * base + mark, else base + mark（2）, （3）…: the first name not taken, within Excel's 31 characters
 * (base is cut, the mark and the number are kept: "评分表（原）", a long project's name（2）).
 */
export function uniqueSheetName(names: readonly string[] | ReadonlySet<string>, base: string, mark = ""): string {
  const taken = (n: string) => ("has" in names ? names.has(n) : names.includes(n));
  const fit = (tail: string) => base.slice(0, SHEET_NAME_MAX - tail.length) + tail;
  for (let i = 1; ; i++) {
    const n = fit(i === 1 ? mark : `${mark}（${i}）`);
    if (!taken(n)) return n;
  }
}

/**
 * Where an owned sheet goes: in place when it is ours and untouched; a copy of the user's edits
 * is kept when it is ours but edited; another name when the user has a sheet of that name.
 */
export function placeOwnedSheet(model: WorkbookModel, base: string, role: OwnedSheet["role"], content: Pick<SheetWrite, "cells" | "rows">, issues: Issue[]): { write: SheetWrite; owned: OwnedSheet } {
  const hash = writesHash(content);
  const prev = model.ownedSheets.find((s) => s.owned.role === role);
  let name = prev?.owned.name ?? base;
  let keepExistingAs: string | undefined;
  if (prev) {
    const now = existingContentHash(prev.grid);
    if (now !== null && now !== prev.owned.hash) {
      keepExistingAs = uniqueSheetName(model.sheetNames, prev.owned.name, "（修改稿）");
      issues.push(makeIssue("SHEET_EDITED", prev.owned.name, "", { kept: keepExistingAs }));
    }
  } else if (model.sheetNames.includes(base)) {
    name = uniqueSheetName(model.sheetNames, base);
    issues.push(makeIssue("SHEET_NAME_TAKEN", base, "", { target: name }));
  }
  return {
    write: { sheet: name, cells: content.cells, ...(content.rows ? { rows: content.rows } : {}), keepExistingAs, columnWidths: [{ col: 1, width: 100 }, { col: 2, width: 28 }], visibility: "visible", protect: role === "report" },
    owned: { name, role, hash },
  };
}

/** A snapshot of a sheet that exists only as planned writes (a score sheet about to be created). */
export function snapshotOf(name: string, writes: CellWrite[]): SheetSnapshot {
  const rows = Math.max(0, ...writes.map((w) => w.row));
  const cols = Math.max(0, ...writes.map((w) => w.col));
  const values: CellValue[][] = Array.from({ length: rows }, () => Array<CellValue>(cols).fill(null));
  const formulas: (string | null)[][] = Array.from({ length: rows }, () => Array<string | null>(cols).fill(null));
  for (const w of writes) {
    const c = w.content;
    if (c.kind === "text") values[w.row - 1][w.col - 1] = c.text;
    else if (c.kind === "number") values[w.row - 1][w.col - 1] = c.value;
    else if (c.kind === "formula") formulas[w.row - 1][w.col - 1] = c.formula;
  }
  return { name, top: 1, left: 1, values, formulas };
}
