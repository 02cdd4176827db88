/**
 * A write plan: every cell and sheet an operation would change, computed before anything is
 * written, so a host writes it in one batch (or not at all) and the pane can show it first.
 */

export type CellContent =
  | { kind: "formula"; formula: string }
  | { kind: "number"; value: number }
  /** Always written as text, even when it starts with = + - @. */
  | { kind: "text"; text: string }
  | { kind: "blank" };

export interface CellWrite {
  row: number;
  col: number;
  content: CellContent;
  numberFormat?: string;
  bold?: boolean;
  wrap?: boolean;
  /** Background fill, ARGB ("FFDDEBF7"). */
  fill?: string;
  /** Thin borders all round. */
  border?: boolean;
  /** Font of the cell ("仿宋_GB2312", 12 pt); the host's default when absent. */
  font?: { name?: string; size?: number };
  /** Horizontal and vertical alignment. */
  align?: "left" | "center" | "right";
  vAlign?: "top" | "center" | "bottom";
  /** Copy fill, font and borders from this cell (a new header next to the user's headers). */
  styleFrom?: { row: number; col: number };
  /**
   * What the cell must show after recalculation, as an exact decimal string ("" for blank);
   * tests compare LibreOffice's result with it, the preview shows it.
   */
  expect?: string;
}

export interface SheetEdit {
  sheet: string;
  cells: CellWrite[];
  columnWidths?: { col: number; width: number }[];
}

/**
 * A sheet of text a row, from row 1 (the 自评报告: a paragraph a row), kept as its columns rather
 * than as an object per cell (80,000 cells at 10,000 projects): A on every row, bold where `bold`
 * says; B where it is not empty; every cell wraps. `sheetCells` gives the cells they stand for.
 */
export interface TextRows {
  a: string[];
  b: string[];
  bold: boolean[];
}

/** A sheet the add-in owns, written whole (created, or its old contents replaced). */
export interface SheetWrite {
  sheet: string;
  cells: CellWrite[];
  /** Rows of text besides `cells` (which then holds none of their cells). */
  rows?: TextRows;
  columnWidths?: { col: number; width: number }[];
  visibility?: "visible" | "veryHidden";
  /** Before writing, rename the existing sheet to this name (the user edited it by hand). */
  keepExistingAs?: string;
  /** Freeze the first n rows. */
  freezeRows?: number;
  /** Merged ranges ("A1:H1"). */
  merges?: string[];
  rowHeights?: { row: number; height: number }[];
  /**
   * Protect the sheet (no password) after writing it: the generated report, so that a later run
   * knows it untouched without reading it. A host unprotects a sheet it owns before rewriting it.
   */
  protect?: boolean;
  /** How the sheet prints (the official 自评表 forms). */
  page?: PageSetup;
}

/** Print setup of a sheet the add-in owns: what an official form needs on paper. */
export interface PageSetup {
  paperSize: "A4";
  orientation: "portrait" | "landscape";
  /** Scale to this many pages wide (1: never split columns); any number of pages tall. */
  fitToWidth: number;
  /** What prints ("A1:I30"): the form without the helper columns right of it; the used range when absent. */
  printArea?: string;
  /** Rows repeated at the top of every printed page (the form's header rows). */
  printTitleRows?: { first: number; last: number };
  /** Margins in centimetres. */
  margins?: { top: number; bottom: number; left: number; right: number };
  centerHorizontally?: boolean;
  /** Footer "第 N 页 共 M 页" (or the host's equivalent) centred. */
  pageNumbers?: boolean;
}

/** Every cell a write stands for: its cells, then its rows of text as cells, in reading order. */
export function sheetCells(w: Pick<SheetWrite, "cells" | "rows">): CellWrite[] {
  const rows = w.rows;
  if (!rows) return w.cells;
  const out = w.cells.slice();
  for (let i = 0; i < rows.a.length; i++) {
    out.push({ row: i + 1, col: 1, content: { kind: "text", text: rows.a[i] }, bold: rows.bold[i], wrap: true });
    if (rows.b[i]) out.push({ row: i + 1, col: 2, content: { kind: "text", text: rows.b[i] }, wrap: true });
  }
  return out;
}

export interface WritePlan {
  edits: SheetEdit[];
  sheets: SheetWrite[];
}

/**
 * Text a plan keeps for its whole life, made flat once (reading a character does it): a string built
 * by concatenation is otherwise a chain of its pieces, held as long as the plan and walked, and
 * copied, wherever it is first read (the report's hash).
 */
export function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}
