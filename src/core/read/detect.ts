/**
 * Finding the fund table in a sheet: skip title and 单位 rows, find the header row (one or two
 * rows), map columns by header text, find where the data ends. The result is a mapping the user
 * can override field by field.
 */
import { a1, parseRange } from "../io/a1";
import { FIELDS, FieldKey, matchField, normalizeHeader } from "./fields";
import { fold, parseNumberText } from "../numbers/parse";
import { SheetSnapshot, TableObject, bottomRow, cellText, cellValue, isBlank, rightOf } from "../io/snapshot";
import type { AmountUnit } from "../numbers/units";

/** Column numbers (1-based) of each field. */
export interface ColumnMapping {
  seq?: number;
  name?: number;
  budget?: number;
  invested?: number;
  count?: number;
  rate?: number;
  process?: number;
  output?: number;
  benefit?: number;
  sources: number[];
}

export type SingleField = Exclude<FieldKey, "source">;

/** What the user corrected: a column number, or null for "this table has no such column". */
export type MappingOverride = Partial<Record<SingleField, number | null>> & { sources?: number[] };

export interface HeaderCell {
  col: number;
  text: string;
  field?: FieldKey;
  unit?: AmountUnit;
}

export interface Detection {
  sheet: string;
  /** First and last header rows (equal for a one-row header). */
  headerTop: number;
  headerBottom: number;
  firstCol: number;
  lastCol: number;
  dataStart: number;
  /** Last row of the table (data rows, total rows); < dataStart when there are none. */
  dataEnd: number;
  headers: HeaderCell[];
  mapping: ColumnMapping;
  unit: AmountUnit;
  unitSource: "unitRow" | "header" | "default" | "user";
  /** Where the 单位 row said it ("A2"), for messages. */
  unitCell?: string;
  /** Rows above the header holding text (the title, the 单位 row). */
  titleRows: number[];
  /** Set when the table is an Excel Table object. */
  tableName?: string;
}

const SCAN_ROWS = 300;
const UNIT_TEXT = /单位[:：]?\s*(万元|元)/;
const FOOTER = /^(注|说明|备注|填表|制表|审核|复核|单位负责人|财务负责人|负责人|经办人)/;

function headerCellsOf(sheet: SheetSnapshot, row: number): HeaderCell[] {
  const out: HeaderCell[] = [];
  const right = rightOf(sheet);
  for (let c = sheet.left; c <= right; c++) {
    const v = cellValue(sheet, row, c);
    if (typeof v !== "string" || v.trim() === "") continue;
    const m = matchField(v);
    const n = normalizeHeader(v);
    out.push({ col: c, text: n.label, field: m?.field, unit: n.unit });
  }
  return out;
}

function fieldScore(cells: HeaderCell[]): { score: number; ok: boolean } {
  const fields = new Set(cells.map((c) => c.field).filter((f): f is FieldKey => f !== undefined));
  const ok = fields.has("name") && (fields.has("budget") || fields.has("invested"));
  return { score: fields.size, ok };
}

/** A row right below the header that continues it (资金来源 → 区本级财政资金 | 上级补助): text only. */
function isSubHeader(sheet: SheetSnapshot, row: number, firstCol: number, lastCol: number): boolean {
  let matched = 0;
  for (let c = firstCol; c <= lastCol; c++) {
    const v = cellValue(sheet, row, c);
    if (isBlank(v)) continue;
    if (typeof v !== "string") return false;
    if (parseNumberText(v) !== null) return false;
    if (matchField(v)) matched++;
  }
  return matched > 0;
}

function combineHeader(sheet: SheetSnapshot, top: number, bottom: number, firstCol: number, lastCol: number): HeaderCell[] {
  const out: HeaderCell[] = [];
  for (let c = firstCol; c <= lastCol; c++) {
    let chosen: string | null = null;
    for (let r = bottom; r >= top; r--) {
      const v = cellValue(sheet, r, c);
      if (typeof v === "string" && v.trim() !== "") {
        chosen = v;
        break;
      }
    }
    if (chosen === null) continue;
    const n = normalizeHeader(chosen);
    out.push({ col: c, text: n.label, field: matchField(chosen)?.field, unit: n.unit });
  }
  return out;
}

/** The contiguous run of non-empty header cells around the matched ones. */
function headerExtent(sheet: SheetSnapshot, row: number, cells: HeaderCell[]): { firstCol: number; lastCol: number } {
  const matched = cells.filter((c) => c.field !== undefined).map((c) => c.col);
  let firstCol = Math.min(...matched);
  let lastCol = Math.max(...matched);
  const filled = (c: number) => !isBlank(cellValue(sheet, row, c)) || !isBlank(cellValue(sheet, row + 1, c));
  while (firstCol - 1 >= sheet.left && filled(firstCol - 1)) firstCol--;
  while (lastCol + 1 <= rightOf(sheet) && filled(lastCol + 1)) lastCol++;
  return { firstCol, lastCol };
}

function assignMapping(headers: HeaderCell[]): ColumnMapping {
  const mapping: ColumnMapping = { sources: [] };
  const best: Partial<Record<FieldKey, { col: number; score: number }>> = {};
  for (const h of headers) {
    if (!h.field) continue;
    if (h.field === "source") {
      mapping.sources.push(h.col);
      continue;
    }
    const score = matchField(h.text)?.score ?? 0;
    const cur = best[h.field];
    if (!cur || score > cur.score) best[h.field] = { col: h.col, score };
  }
  for (const f of FIELDS) {
    if (f.key === "source") continue;
    const b = best[f.key];
    if (b) (mapping as unknown as Record<string, number>)[f.key] = b.col;
  }
  return mapping;
}

export function applyOverride(mapping: ColumnMapping, override: MappingOverride | undefined): ColumnMapping {
  if (!override) return mapping;
  const out: ColumnMapping = { ...mapping, sources: override.sources ?? mapping.sources };
  for (const [k, v] of Object.entries(override)) {
    if (k === "sources") continue;
    if (v === null) delete (out as unknown as Record<string, unknown>)[k];
    else if (typeof v === "number") (out as unknown as Record<string, number>)[k] = v;
  }
  // A column chosen for a single field is no longer a source column.
  const singles = new Set(Object.entries(out).filter(([k]) => k !== "sources").map(([, v]) => v as number));
  out.sources = out.sources.filter((c) => !singles.has(c));
  return out;
}

function rowBlank(sheet: SheetSnapshot, row: number, firstCol: number, lastCol: number): boolean {
  for (let c = firstCol; c <= lastCol; c++) if (!isBlank(cellValue(sheet, row, c))) return false;
  return true;
}

function firstText(sheet: SheetSnapshot, row: number, firstCol: number, lastCol: number): string {
  for (let c = firstCol; c <= lastCol; c++) {
    const t = cellText(cellValue(sheet, row, c)).trim();
    if (t) return fold(t).replace(/\s+/g, "");
  }
  return "";
}

function findDataEnd(sheet: SheetSnapshot, dataStart: number, firstCol: number, lastCol: number): number {
  let last = dataStart - 1;
  let blanks = 0;
  for (let r = dataStart; r <= bottomRow(sheet); r++) {
    if (rowBlank(sheet, r, firstCol, lastCol)) {
      blanks++;
      if (blanks >= 2) break;
      continue;
    }
    if (FOOTER.test(firstText(sheet, r, firstCol, lastCol))) break;
    blanks = 0;
    last = r;
  }
  return last;
}

function findUnitRow(sheet: SheetSnapshot, fromRow: number, toRow: number): { unit: AmountUnit; row: number; col: number } | null {
  for (let r = fromRow; r <= toRow; r++) {
    for (let c = sheet.left; c <= rightOf(sheet); c++) {
      const v = cellValue(sheet, r, c);
      if (typeof v !== "string") continue;
      const m = UNIT_TEXT.exec(fold(v));
      if (m) return { unit: m[1] as AmountUnit, row: r, col: c };
    }
  }
  return null;
}

export interface DetectOptions {
  mapping?: MappingOverride;
  unit?: AmountUnit;
  /** Excel Tables on this sheet: a table whose header row names the fields is used as is. */
  tables?: TableObject[];
  /** Force the header row (the task pane lets the user pick it). */
  headerRow?: number;
}

/** Where the header is and how far the table reaches, before the header's cells are read. */
interface HeaderBox {
  headerTop: number;
  firstCol: number;
  lastCol: number;
  /** Known for an Excel Table; found by scanning otherwise. */
  dataEnd?: number;
  tableName?: string;
}

/** An Excel Table whose header row names the fields is used as it is. */
function headerFromTables(sheet: SheetSnapshot, tables: readonly TableObject[]): HeaderBox | null {
  for (const t of tables) {
    if (t.sheet !== sheet.name) continue;
    const box = parseRange(t.range);
    const cells = headerCellsOf(sheet, box.top).filter((c) => c.col >= box.left && c.col <= box.right);
    if (fieldScore(cells).ok) return { headerTop: box.top, firstCol: box.left, lastCol: box.right, dataEnd: box.bottom, tableName: t.name };
  }
  return null;
}

/** The row that names the most fields (or the row the user picked). */
function headerByScan(sheet: SheetSnapshot, picked: number | undefined): HeaderBox | null {
  let best = { row: -1, score: 0 };
  const last = Math.min(bottomRow(sheet), sheet.top + SCAN_ROWS);
  const rows = picked ? [picked] : Array.from({ length: last - sheet.top + 1 }, (_, i) => sheet.top + i);
  for (const r of rows) {
    const { score, ok } = fieldScore(headerCellsOf(sheet, r));
    if (ok && score > best.score) best = { row: r, score };
  }
  if (best.row < 0) return null;
  return { headerTop: best.row, ...headerExtent(sheet, best.row, headerCellsOf(sheet, best.row)) };
}

/** Unit: the user's choice, a 单位 row above the header, units in the headers, else 元. */
function unitOf(sheet: SheetSnapshot, headerTop: number, headers: HeaderCell[], user: AmountUnit | undefined): Pick<Detection, "unit" | "unitSource" | "unitCell"> {
  if (user) return { unit: user, unitSource: "user" };
  const unitRow = findUnitRow(sheet, sheet.top, headerTop - 1);
  if (unitRow) return { unit: unitRow.unit, unitSource: "unitRow", unitCell: a1(unitRow.row, unitRow.col) };
  const headerUnits = headers.filter((h) => h.unit).map((h) => h.unit as AmountUnit);
  if (headerUnits.length === 0) return { unit: "元", unitSource: "default" };
  return { unit: headerUnits.filter((u) => u === "万元").length > headerUnits.length / 2 ? "万元" : "元", unitSource: "header" };
}

/** Finds the fund table, or null when no row looks like its header. */
export function detectTable(sheet: SheetSnapshot, opts: DetectOptions = {}): Detection | null {
  const box = headerFromTables(sheet, opts.tables ?? []) ?? headerByScan(sheet, opts.headerRow);
  if (!box) return null;
  const { headerTop, firstCol, lastCol } = box;
  const headerBottom = isSubHeader(sheet, headerTop + 1, firstCol, lastCol) ? headerTop + 1 : headerTop;
  const headers = combineHeader(sheet, headerTop, headerBottom, firstCol, lastCol);
  const dataStart = headerBottom + 1;
  const dataEnd = box.dataEnd ?? findDataEnd(sheet, dataStart, firstCol, lastCol);
  const titleRows: number[] = [];
  for (let r = sheet.top; r < headerTop; r++) if (!rowBlank(sheet, r, sheet.left, rightOf(sheet))) titleRows.push(r);
  const mapping = applyOverride(assignMapping(headers), opts.mapping);
  return { sheet: sheet.name, headerTop, headerBottom, firstCol, lastCol, dataStart, dataEnd, headers, mapping, ...unitOf(sheet, headerTop, headers, opts.unit), titleRows, tableName: box.tableName };
}
