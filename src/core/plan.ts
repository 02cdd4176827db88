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

/** A sheet the add-in owns, written whole (created, or its old contents replaced). */
export interface SheetWrite {
  sheet: string;
  cells: CellWrite[];
  columnWidths?: { col: number; width: number }[];
  visibility?: "visible" | "veryHidden";
  /** Before writing, rename the existing sheet to this name (the user edited it by hand). */
  keepExistingAs?: string;
  /** Freeze the first n rows. */
  freezeRows?: number;
}

export interface WritePlan {
  edits: SheetEdit[];
  sheets: SheetWrite[];
}

export function emptyPlan(): WritePlan {
  return { edits: [], sheets: [] };
}

export function planCellCount(plan: WritePlan): number {
  return plan.edits.reduce((n, e) => n + e.cells.length, 0) + plan.sheets.reduce((n, s) => n + s.cells.length, 0);
}

/** Text that a spreadsheet would take for a formula if written as a plain value. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@]/.test(text);
}
