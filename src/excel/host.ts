/**
 * The Office.js host: the only code that calls Excel.run. It reads what an operation needs in one
 * batch and writes the core's plan in one batch, so a command costs three context.sync round trips
 * (sheet list → cells → write), plus one per ~4 MB chunk when a sheet or a plan is larger than
 * Excel on the web takes in one request (5 MB).
 */
import { a1, CellValue, CellWrite, columnLetters, errorFromText, META_SHEET, parseRange, ReadRequest, SheetEdit, SheetSnapshot, SheetWrite, splitQualified, TableObject, WorkbookHost, WorkbookSnapshot, WritePlan } from "../core";

/** Excel.run, or a stand-in with the same shape (the tests' Office.js double). */
export type BatchRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Bytes one request may carry before it is split (Excel on the web refuses more than 5 MB). */
export const CHUNK_BYTES = 4 * 1024 * 1024;
/** A rough size of one cell's value, formula and number format in a response. */
const BYTES_PER_CELL = 32;
/** Where the add-in mirrors what it remembers (the very hidden sheet stays the portable copy). */
export const SETTINGS_KEY = "selfeval.meta";

type Raw = string | number | boolean;

/** How Excel stores text the user typed: text that Excel would parse (a formula, a number) gets the ' prefix. */
export function excelLiteral(text: string): string {
  if (/^[=+\-@']/.test(text)) return "'" + text;
  if (/^\s*[\d.,%$¥￥()\s-]+\s*$/.test(text) && /\d/.test(text)) return "'" + text; // would become a number
  if (/^(true|false)$/i.test(text.trim())) return "'" + text;
  return text;
}

function toCellValue(v: Raw): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "string") return errorFromText(v) ?? v;
  return v;
}

/** A used range's values, formulas and formats (values[0][0] at row top, column left) into a snapshot. */
function sheetOf(name: string, top: number, left: number, values: Raw[][], formulas: Raw[][], formats: Raw[][], visibility: SheetSnapshot["visibility"]): SheetSnapshot {
  return {
    name,
    top,
    left,
    visibility,
    values: values.map((row) => row.map(toCellValue)),
    // A formula is a string starting with "=" that is not the cell's own text (text "=1+1" typed with ' reads back the same).
    formulas: formulas.map((row, i) => row.map((f, j) => (typeof f === "string" && f.startsWith("=") && f !== values[i][j] ? f : null))),
    numberFormats: formats.map((row) => row.map((f) => (typeof f === "string" && f !== "General" ? f : null))),
  };
}

interface Pending {
  name: string;
  visibility: SheetSnapshot["visibility"];
  blocks: { top: number; range: Excel.Range }[];
  left?: number;
  whole?: Excel.Range;
}

export class ExcelHost implements WorkbookHost {
  /** Round trips of the last operation (read + apply), for the pane's diagnostics and the tests. */
  syncs = 0;
  private names: string[] = [];

  constructor(private readonly run: BatchRunner = (batch) => Excel.run(batch)) {}

  private async sync(context: Excel.RequestContext): Promise<void> {
    this.syncs++;
    await context.sync();
  }

  async read(request: ReadRequest): Promise<WorkbookSnapshot> {
    this.syncs = 0;
    return this.run(async (context) => {
      const wb = context.workbook;
      // Round trip 1: the sheets, the active one, the Excel Tables, and the size of the sheets
      // that can be named before the list is known (the active one, the add-in's own), so that a
      // large one is read in chunks.
      const sheets = wb.worksheets;
      sheets.load("items/name,items/visibility");
      const active = wb.worksheets.getActiveWorksheet();
      active.load("name");
      const activeUsed = active.getUsedRangeOrNullObject();
      activeUsed.load("address,rowCount,columnCount");
      const tables = wb.tables;
      tables.load("items/name,items/showTotals,items/worksheet/name");
      await this.sync(context);
      this.names = sheets.items.map((s) => s.name);
      const wanted = sheets.items.filter((s) => request.all || request.sheets.includes(s.name) || (request.active && s.name === active.name));

      // Round trip 2 (+1 per further ~4 MB chunk): values, formulas and number formats. The active
      // sheet, whose size is known, goes in chunks; the others whole.
      const tableRanges = tables.items.map((t) => {
        const r = t.getRange();
        r.load("address");
        return { t, r };
      });
      const pending: Pending[] = [];
      let budget = CHUNK_BYTES;
      const chunks: { p: Pending; top: number; bottom: number; left: number; right: number; ws: Excel.Worksheet }[] = [];
      for (const s of wanted) {
        const p: Pending = { name: s.name, visibility: s.visibility as SheetSnapshot["visibility"], blocks: [] };
        pending.push(p);
        if (s.name === active.name) {
          if (activeUsed.isNullObject) continue;
          const box = parseRange(activeUsed.address);
          p.left = box.left;
          const rowsPerChunk = Math.max(1, Math.floor(CHUNK_BYTES / (BYTES_PER_CELL * Math.max(1, activeUsed.columnCount))));
          for (let r = box.top; r <= box.bottom; r += rowsPerChunk)
            chunks.push({ p, top: r, bottom: Math.min(box.bottom, r + rowsPerChunk - 1), left: box.left, right: box.right, ws: s });
        } else {
          const used = s.getUsedRangeOrNullObject();
          used.load("address,values,formulas,numberFormat");
          p.whole = used;
        }
      }
      for (const c of chunks) {
        const bytes = (c.bottom - c.top + 1) * (c.right - c.left + 1) * BYTES_PER_CELL;
        if (bytes > budget && budget < CHUNK_BYTES) {
          await this.sync(context);
          budget = CHUNK_BYTES;
        }
        budget -= bytes;
        const range = c.ws.getRange(`${a1(c.top, c.left)}:${a1(c.bottom, c.right)}`);
        range.load("values,formulas,numberFormat");
        c.p.blocks.push({ top: c.top, range });
      }
      await this.sync(context);
      for (const p of pending) {
        if (!p.whole || p.whole.isNullObject) continue;
        const box = parseRange(p.whole.address);
        p.left = box.left;
        p.blocks.push({ top: box.top, range: p.whole });
      }

      const out: SheetSnapshot[] = pending.map((p) => {
        if (p.blocks.length === 0) return { name: p.name, top: 1, left: 1, values: [], formulas: [], numberFormats: [], visibility: p.visibility };
        const values = p.blocks.flatMap((b) => b.range.values as Raw[][]);
        const formulas = p.blocks.flatMap((b) => b.range.formulas as Raw[][]);
        const formats = p.blocks.flatMap((b) => b.range.numberFormat as Raw[][]);
        return sheetOf(p.name, p.blocks[0].top, p.left!, values, formulas, formats, p.visibility);
      });
      const tableObjects: TableObject[] = tableRanges.map(({ t, r }) => ({
        name: t.name,
        sheet: t.worksheet.name,
        range: splitQualified(r.address).ref,
        showTotals: t.showTotals,
      }));
      return { sheets: out, sheetNames: this.names, activeSheet: active.name, tables: tableObjects };
    });
  }

  async apply(plan: WritePlan): Promise<void> {
    await this.run(async (context) => {
      const wb = context.workbook;
      let bytes = 0;
      const flushIfFull = async (more: number) => {
        if (bytes + more > CHUNK_BYTES && bytes > 0) {
          await this.sync(context);
          bytes = 0;
        }
        bytes += more;
      };
      const names = new Set(this.names);
      for (const s of plan.sheets) {
        let ws: Excel.Worksheet;
        if (names.has(s.sheet) && s.keepExistingAs) {
          wb.worksheets.getItem(s.sheet).name = s.keepExistingAs;
          names.add(s.keepExistingAs);
          ws = wb.worksheets.add(s.sheet);
        } else if (names.has(s.sheet)) {
          ws = wb.worksheets.getItem(s.sheet);
          ws.getRange().clear("All");
          ws.freezePanes.unfreeze();
        } else {
          ws = wb.worksheets.add(s.sheet);
          names.add(s.sheet);
        }
        ws.visibility = (s.visibility === "veryHidden" ? "VeryHidden" : "Visible") as Excel.SheetVisibility;
        await this.writeCells(ws, s, flushIfFull);
        if (s.freezeRows) ws.freezePanes.freezeRows(s.freezeRows);
        if (s.sheet === META_SHEET) this.remember(wb, s);
      }
      for (const e of plan.edits) await this.writeCells(wb.worksheets.getItem(e.sheet), e, flushIfFull);
      await this.sync(context);
      this.names = [...names];
    });
  }

  /** workbook.settings keeps a copy of what the add-in remembers, for the pane (ExcelApi 1.4). */
  private remember(wb: Excel.Workbook, s: SheetWrite): void {
    const json = s.cells.map((c) => (c.content.kind === "text" ? c.content.text : "")).join("");
    wb.settings.add(SETTINGS_KEY, json.length < 2_000_000 ? json : "{}");
  }

  /** Writes runs of cells down each column as one range each: formulas (constants included) and formats. */
  private async writeCells(ws: Excel.Worksheet, e: SheetEdit | SheetWrite, flushIfFull: (bytes: number) => Promise<void>): Promise<void> {
    for (const w of e.columnWidths ?? []) ws.getRange(`${columnLetters(w.col)}:${columnLetters(w.col)}`).format.columnWidth = Math.round(w.width * 6);
    for (const run of columnRuns(e.cells)) {
      const first = run[0];
      const range = ws.getRange(`${a1(first.row, first.col)}:${a1(first.row + run.length - 1, first.col)}`);
      const data = run.map((c) => [contentOf(c)]);
      const formats = run.some((c) => c.numberFormat) ? run.map((c) => [c.numberFormat ?? "General"]) : null;
      await flushIfFull(JSON.stringify(data).length + (formats ? JSON.stringify(formats).length : 0) + 64);
      if (formats) range.numberFormat = formats;
      range.formulas = data as unknown as string[][];
    }
    for (const c of e.cells) {
      if (c.bold === undefined && !c.wrap && !c.fill && !c.border && !c.styleFrom) continue;
      const cell = ws.getRange(a1(c.row, c.col));
      if (c.styleFrom) copyStyle(cell, ws.getRange(a1(c.styleFrom.row, c.styleFrom.col)));
      if (c.bold !== undefined) cell.format.font.bold = c.bold;
      if (c.wrap) {
        cell.format.wrapText = true;
        cell.format.verticalAlignment = "Top" as Excel.VerticalAlignment;
      }
      if (c.fill) cell.format.fill.color = "#" + c.fill.slice(-6);
      if (c.border)
        for (const side of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"]) cell.format.borders.getItem(side as Excel.BorderIndex).style = "Continuous" as Excel.BorderLineStyle;
    }
  }

  /** The user's selection, e.g. the fund table's header row picked by hand. */
  async selection(): Promise<{ sheet: string; address: string } | null> {
    return this.run(async (context) => {
      const r = context.workbook.getSelectedRange();
      r.load("address");
      await context.sync();
      const { sheet, ref } = splitQualified(r.address);
      return sheet ? { sheet, address: ref } : null;
    });
  }

  async select(sheet: string, cell: string): Promise<void> {
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell.split(",")[0]).select();
      await context.sync();
    });
  }
}

/** Copies fill, font and borders (ExcelApi 1.9 copyFrom); on older Excel the header keeps bold only. */
function copyStyle(target: Excel.Range, source: Excel.Range): void {
  const supported = typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported?.("ExcelApi", "1.9");
  if (supported) target.copyFrom(source, "Formats" as Excel.RangeCopyType);
  else target.format.font.bold = true;
}

function contentOf(c: CellWrite): Raw {
  switch (c.content.kind) {
    case "formula":
      return c.content.formula;
    case "number":
      return c.content.value;
    case "text":
      return excelLiteral(c.content.text);
    case "blank":
      return "";
  }
}

/** Cells grouped into runs of consecutive rows in one column, formats present in all or none. */
export function columnRuns(cells: readonly CellWrite[]): CellWrite[][] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: CellWrite[][] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    const prev = last?.[last.length - 1];
    if (prev && prev.col === c.col && prev.row + 1 === c.row && !!prev.numberFormat === !!c.numberFormat) last.push(c);
    else runs.push([c]);
  }
  return runs;
}
