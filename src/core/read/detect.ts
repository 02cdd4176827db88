/**
 * Finding the fund table in a sheet: skip title and 单位 rows, find the header (one row, or a group
 * row merged over sub-headers: 资金情况（元） over 预算数 | 实际到位数), map columns by header text,
 * find where the data ends. Where two columns could fill one field, the domain rule picks one and
 * the choice is recorded (the pane shows both); the user can override any field.
 */
import { a1, parseRange } from "../io/a1";
import { FIELDS, FIELD_BY_KEY, FieldKey, matchField, normalizeHeader } from "./fields";
import { fold, parseNumberText } from "../numbers/parse";
import { SheetSnapshot, TableObject, bottomRow, cellText, cellValue, isBlank, rightOf } from "../io/snapshot";
import type { AmountUnit } from "../numbers/units";

export type SingleField = Exclude<FieldKey, "source">;

/** Column numbers (1-based) of each field. */
export type ColumnMapping = Partial<Record<SingleField, number>> & { sources: number[] };

/** What the user corrected: a column number, or null for "this table has no such column". */
export type MappingOverride = Partial<Record<SingleField, number | null>> & { sources?: number[] };

export interface HeaderCell {
  col: number;
  /** The header as shown to the user (the sub-header under a group). */
  text: string;
  field?: FieldKey;
  unit?: AmountUnit;
  /** The group header above it in a two-level header ("资金情况"). */
  group?: string;
}

/** Two or more columns could fill one field: which was taken, and the others. */
export interface FieldChoice {
  field: SingleField;
  chosen: number;
  others: number[];
  /** The headers read the same: the user must say which (the leftmost is taken meanwhile). */
  duplicate: boolean;
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
  /** Fields several columns could fill, and what was picked. */
  choices: FieldChoice[];
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
/** Fields that make a header a fund table's (with a name column). */
const AMOUNTS: readonly FieldKey[] = ["budget", "initial", "invested", "executed"];

const textAt = (sheet: SheetSnapshot, row: number, col: number): string | null => {
  const v = cellValue(sheet, row, col);
  return typeof v === "string" && v.trim() !== "" ? v : null;
};

function headerCell(col: number, text: string, group?: string): HeaderCell {
  const n = normalizeHeader(text);
  const g = group ? normalizeHeader(group) : undefined;
  const field = matchField(text)?.field ?? (g ? matchField(g.key + n.key)?.field : undefined);
  return { col, text: n.label, field, unit: n.unit ?? g?.unit, ...(g ? { group: g.label } : {}) };
}

/** One header row: every text cell in it. */
function oneRow(sheet: SheetSnapshot, row: number, from = sheet.left, to = rightOf(sheet)): HeaderCell[] {
  const out: HeaderCell[] = [];
  for (let c = from; c <= to; c++) {
    const t = textAt(sheet, row, c);
    if (t !== null) out.push(headerCell(c, t));
  }
  return out;
}

/** A row that continues the header above it: text only, no numbers. */
function textOnly(sheet: SheetSnapshot, row: number, from: number, to: number): boolean {
  let any = false;
  for (let c = from; c <= to; c++) {
    const v = cellValue(sheet, row, c);
    if (isBlank(v)) continue;
    if (typeof v !== "string" || parseNumberText(v) !== null) return false;
    any = true;
  }
  return any;
}

/**
 * A group row over sub-headers: a column's header is its sub-header, else (merged down) the group
 * row's text; a group cell (merged across) covers the columns up to the next group cell.
 */
function twoRows(sheet: SheetSnapshot, top: number, from = sheet.left, to = rightOf(sheet)): HeaderCell[] {
  const out: HeaderCell[] = [];
  let group: string | undefined;
  for (let c = from; c <= to; c++) {
    const upper = textAt(sheet, top, c);
    const lower = textAt(sheet, top + 1, c);
    if (upper !== null) group = lower !== null ? upper : undefined;
    if (lower !== null) out.push(headerCell(c, lower, group));
    else if (upper !== null) out.push(headerCell(c, upper));
  }
  return out;
}

function fieldScore(cells: HeaderCell[]): { score: number; ok: boolean } {
  const fields = new Set(cells.map((c) => c.field).filter((f): f is FieldKey => f !== undefined));
  const ok = fields.has("name") && AMOUNTS.some((f) => fields.has(f));
  return { score: fields.size, ok };
}

/** The contiguous run of non-empty header cells around the matched ones. */
function headerExtent(sheet: SheetSnapshot, top: number, bottom: number, cells: HeaderCell[]): { firstCol: number; lastCol: number } {
  const matched = cells.filter((c) => c.field !== undefined).map((c) => c.col);
  let firstCol = Math.min(...matched);
  let lastCol = Math.max(...matched);
  const filled = (c: number) => [top, bottom, bottom + 1].some((r) => !isBlank(cellValue(sheet, r, c)));
  while (firstCol - 1 >= sheet.left && filled(firstCol - 1)) firstCol--;
  while (lastCol + 1 <= rightOf(sheet) && filled(lastCol + 1)) lastCol++;
  return { firstCol, lastCol };
}

/** The rank of a header among columns that name the same field (lower is preferred). */
function preference(field: FieldKey, text: string): number {
  const prefer = FIELD_BY_KEY[field].prefer ?? [];
  const i = prefer.findIndex((p) => p.test(text));
  return i < 0 ? prefer.length : i;
}

/** Each field's column (by the domain's preference, then the leftmost), and where there was a choice. */
function assignMapping(headers: HeaderCell[]): { mapping: ColumnMapping; choices: FieldChoice[] } {
  const mapping: ColumnMapping = { sources: [] };
  const choices: FieldChoice[] = [];
  const byField = new Map<SingleField, HeaderCell[]>();
  for (const h of headers) {
    if (!h.field) continue;
    if (h.field === "source") mapping.sources.push(h.col);
    else byField.set(h.field, [...(byField.get(h.field) ?? []), h]);
  }
  for (const [field, cells] of byField) {
    const ranked = [...cells].sort((a, b) => preference(field, a.text) - preference(field, b.text) || a.col - b.col);
    mapping[field] = ranked[0].col;
    if (ranked.length > 1) {
      const duplicate = ranked.some((h, i) => i > 0 && h.text === ranked[0].text && preference(field, h.text) === preference(field, ranked[0].text));
      choices.push({ field, chosen: ranked[0].col, others: ranked.slice(1).map((h) => h.col), duplicate });
    }
  }
  return { mapping, choices };
}

export function applyOverride(mapping: ColumnMapping, override: MappingOverride | undefined): ColumnMapping {
  if (!override) return mapping;
  const out: ColumnMapping = { ...mapping, sources: override.sources ?? mapping.sources };
  for (const [k, v] of Object.entries(override) as [string, number | null | undefined][]) {
    if (k === "sources" || v === undefined) continue;
    if (v === null) delete out[k as SingleField];
    else out[k as SingleField] = v;
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

/** Where the header is and how far the table reaches, before the data rows are read. */
interface HeaderBox {
  headerTop: number;
  headerBottom: number;
  firstCol: number;
  lastCol: number;
  headers: HeaderCell[];
  /** Known for an Excel Table; found by scanning otherwise. */
  dataEnd?: number;
  tableName?: string;
}

/** An Excel Table whose header row names the fields is used as it is. */
function headerFromTables(sheet: SheetSnapshot, tables: readonly TableObject[]): HeaderBox | null {
  for (const t of tables) {
    if (t.sheet !== sheet.name) continue;
    const box = parseRange(t.range);
    const headers = oneRow(sheet, box.top, box.left, box.right);
    if (fieldScore(headers).ok) return { headerTop: box.top, headerBottom: box.top, firstCol: box.left, lastCol: box.right, headers, dataEnd: box.bottom, tableName: t.name };
  }
  return null;
}

/** The best header at a row: one row, or the row as a group row over the next (when that one is all text). */
function headerAt(sheet: SheetSnapshot, r: number): { score: number; ok: boolean; bottom: number; cells: HeaderCell[] } {
  const single = oneRow(sheet, r);
  const one = { ...fieldScore(single), bottom: r, cells: single };
  // A group row is part of the header itself (项目名称 merged down, a group cell over sub-headers), never a 单位 line above it.
  if (r + 1 > bottomRow(sheet) || !single.some((c) => c.field !== undefined) || !textOnly(sheet, r + 1, sheet.left, rightOf(sheet))) return one;
  const double = twoRows(sheet, r);
  const two = { ...fieldScore(double), bottom: r + 1, cells: double };
  return two.ok && (!one.ok || two.score > one.score) ? two : one;
}

/** The row (or pair of rows) that names the most fields, or the row the user picked. */
function headerByScan(sheet: SheetSnapshot, picked: number | undefined): HeaderBox | null {
  let best: { row: number; score: number; bottom: number; cells: HeaderCell[] } | null = null;
  const last = Math.min(bottomRow(sheet), sheet.top + SCAN_ROWS);
  const rows = picked ? [picked] : Array.from({ length: last - sheet.top + 1 }, (_, i) => sheet.top + i);
  for (const r of rows) {
    const h = headerAt(sheet, r);
    if (h.ok && (!best || h.score > best.score)) best = { row: r, ...h };
  }
  if (!best) return null;
  const extent = headerExtent(sheet, best.row, best.bottom, best.cells);
  const headers = best.cells.filter((c) => c.col >= extent.firstCol && c.col <= extent.lastCol);
  return { headerTop: best.row, headerBottom: best.bottom, ...extent, headers };
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
  const { headerTop, headerBottom, firstCol, lastCol, headers } = box;
  const dataStart = headerBottom + 1;
  const dataEnd = box.dataEnd ?? findDataEnd(sheet, dataStart, firstCol, lastCol);
  const titleRows: number[] = [];
  for (let r = sheet.top; r < headerTop; r++) if (!rowBlank(sheet, r, sheet.left, rightOf(sheet))) titleRows.push(r);
  const { mapping, choices } = assignMapping(headers);
  const unit = unitOf(sheet, headerTop, headers, opts.unit);
  return { sheet: sheet.name, headerTop, headerBottom, firstCol, lastCol, dataStart, dataEnd, headers, mapping: applyOverride(mapping, opts.mapping), choices, ...unit, titleRows, tableName: box.tableName };
}

/** The fields in the order the pane lists them (single-column ones). */
export const SINGLE_FIELDS: readonly SingleField[] = FIELDS.filter((f) => !f.multiple).map((f) => f.key as SingleField);
