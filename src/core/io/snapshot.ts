/**
 * What a host reads from a workbook in one batch, in a shape every host can fill: Office.js
 * (range.values / formulas / numberFormat), exceljs, an in-memory preview workbook.
 */
import { formatNumber } from "../numbers/numfmt";

export interface CellError {
  error: string; // "#DIV/0!", "#N/A", ...
}
export type CellValue = number | string | boolean | null | CellError;

export interface SheetSnapshot {
  name: string;
  /** Row and column (1-based) of values[0][0]: the used range need not start at A1. */
  top: number;
  left: number;
  values: CellValue[][];
  /** Same shape as values; the formula ("=SUM(C4:C14)") where a cell holds one, else null. */
  formulas?: (string | null)[][];
  numberFormats?: (string | null)[][];
  visibility?: "visible" | "hidden" | "veryHidden";
  /** The sheet is protected (cells cannot be written until it is unprotected). */
  protected?: boolean;
  /** Contents not read (a protected generated sheet named in ReadRequest.skipIfProtected). */
  skipped?: boolean;
}

/** An Excel Table (ListObject). */
export interface TableObject {
  name: string;
  sheet: string;
  /** Whole table including the header row, e.g. "C5:K17". */
  range: string;
  showTotals?: boolean;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  /** Names of all sheets in order (a host may read the contents of only some of them). */
  sheetNames: string[];
  activeSheet?: string;
  tables?: TableObject[];
}

export function isCellError(v: CellValue): v is CellError {
  return typeof v === "object" && v !== null && "error" in v;
}

const ERROR_TEXT = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|UNKNOWN!|BUSY!)$/;

/** Office.js returns error values as strings: turn "#DIV/0!" into {error}. */
export function errorFromText(v: string): CellError | null {
  return ERROR_TEXT.test(v) ? { error: v } : null;
}

export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

export function getSheet(wb: WorkbookSnapshot, name: string): SheetSnapshot | undefined {
  return wb.sheets.find((s) => s.name === name);
}

export function bottomRow(s: SheetSnapshot): number {
  return s.top + s.values.length - 1;
}

export function rightCol(s: SheetSnapshot): number {
  let w = 0;
  for (const r of s.values) w = Math.max(w, r.length);
  return s.left + w - 1;
}

const rights = new WeakMap<SheetSnapshot, number>();
/** rightCol, remembered per snapshot (it walks every row): for loops over large sheets. */
export function rightOf(s: SheetSnapshot): number {
  let r = rights.get(s);
  if (r === undefined) rights.set(s, (r = rightCol(s)));
  return r;
}

export function cellValue(s: SheetSnapshot, row: number, col: number): CellValue {
  const r = s.values[row - s.top];
  if (!r) return null;
  const v = r[col - s.left];
  return v === undefined ? null : v;
}

export function cellFormula(s: SheetSnapshot, row: number, col: number): string | null {
  const r = s.formulas?.[row - s.top];
  const f = r?.[col - s.left];
  return typeof f === "string" && f.startsWith("=") ? f : null;
}

export function cellFormat(s: SheetSnapshot, row: number, col: number): string | null {
  return s.numberFormats?.[row - s.top]?.[col - s.left] ?? null;
}

/** True when the cell holds nothing at all: no value and no formula. */
export function cellEmpty(s: SheetSnapshot, row: number, col: number): boolean {
  return isBlank(cellValue(s, row, col)) && cellFormula(s, row, col) === null;
}

/** The cell as a person would describe it in a message. */
export function cellDisplay(v: CellValue): string {
  if (v === null) return "";
  if (isCellError(v)) return v.error;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

/** What the cell shows: a number in its number format (formatNumber: sections, conditions, quoted text, dates), anything else as cellDisplay. */
export function cellShown(s: SheetSnapshot, row: number, col: number): string {
  const v = cellValue(s, row, col);
  return typeof v === "number" ? formatNumber(v, cellFormat(s, row, col) ?? "General") : cellDisplay(v);
}

/** Text of a cell for matching words (headers, 合计); "" for anything but text. */
export function cellText(v: CellValue): string {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
}
