/**
 * The Office.js host: the only code that calls Excel.run. It reads what an operation needs and
 * writes the core's plan, held to what real Excel does:
 *  - round trips: 1 sheet list (names, visibility, protection, the size of the sheets it can name),
 *    2 cells, 3 write — plus one per further request when a read or a plan is larger than one
 *    request may carry;
 *  - Excel on the web refuses a request or a response over 5 MB ("The Excel JavaScript API has size
 *    limitations … Excel on the web limits requests and responses to 5 MB", Microsoft's
 *    "Performance optimization using the Excel JavaScript API"): every request is budgeted in UTF-8
 *    bytes of the RichApi JSON, command overhead included; formats go to ranges (one command for a
 *    run of cells), never cell by cell; a long column run is split;
 *  - a range over five million cells can come back with values null instead of an error (same
 *    page, and office-js issue 4783): a null read is split and read again;
 *  - worksheet visibility comes as "Visible" / "Hidden" / "VeryHidden" and is mapped to the core's
 *    words; a protected sheet is reported in the snapshot; a generated sheet still protected is not
 *    read at all (ReadRequest.skipIfProtected); a sheet the add-in owns is unprotected before it is
 *    rewritten and protected again when the plan says so;
 *  - text is written so that Excel keeps it text (the ' prefix) wherever Excel would parse it.
 * Calls newer than MIN_EXCEL_API are guarded with isSetSupported.
 */
import { a1, CellValue, CellWrite, columnLetters, errorFromText, PageSetup, parseRange, ReadRequest, SheetEdit, sheetCells, SheetSnapshot, SheetWrite, splitQualified, TableObject, WorkbookHost, WorkbookSnapshot, WritePlan } from "../core";

/** Excel.run, or a stand-in with the same shape (the tests' Office.js double, the real client in a vm). */
export type BatchRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
/** Office.context.requirements.isSetSupported, or a stand-in. */
export type SetSupported = (name: string, version: string) => boolean;

/** Excel on the web's cap on one request and one response. */
export const PAYLOAD_LIMIT = 5 * 1000 * 1000;
/** What the host plans into one response (a read): the cap less room for the envelope. */
export const READ_BUDGET = 4 * 1000 * 1000;
/**
 * What the host plans into one request of writes. Lower than a read's: the client's object paths
 * and actions weigh more than the host counts (the real client's largest request was 4.57 MB on a
 * 4 MB plan, 4.0 MB on this one), and room is left for whatever wraps the request on its way.
 */
export const WRITE_BUDGET = 3.5 * 1000 * 1000;
/**
 * The oldest Excel JavaScript API the host runs on: getUsedRangeOrNullObject, isNullObject,
 * getItemOrNullObject are 1.4; freezePanes (1.7), copyFrom and pageLayout
 * (1.9) are used only where supported.
 */
export const MIN_EXCEL_API = "1.4";

type Raw = string | number | boolean;

/** Office.js's own check where Office is loaded; a host built without Office supports nothing optional. */
export function officeSetSupported(name: string, version: string): boolean {
  const req = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
  return !!req && typeof req.isSetSupported === "function" && req.isSetSupported(name, version);
}

/** Bytes of a string in UTF-8 (what goes on the wire; no TextEncoder in Internet Explorer 11). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4; // a surrogate pair
      i++;
    } else n += 3;
  }
  return n;
}

/** Bytes of a value as the RichApi request or response carries it (JSON, UTF-8). */
export function jsonBytes(v: unknown): number {
  return utf8Bytes(JSON.stringify(v));
}

/*
 * Request overhead, measured on the real client (excel-web-16.00.debug.js, test/excel-web-replay):
 * a range is an ObjectPath (GetRange + its address, ~110 bytes) and an Instantiate action (~50); a
 * property set is an action (~80) naming the paths it uses; a format goes through one or two more
 * paths (Format, Font, Borders…). These round up.
 */
const RANGE_BYTES = 200;
const SET_BYTES = 120;
const FORMAT_PATH_BYTES = 220;

/**
 * Text Excel would not keep as typed: a formula (= + - @), a number in any of Excel's spellings
 * (1e5, 1,000, (12), ￥5, 50%, full-width digits), a date or a time (2020/1/1, 1/2, 1-2, 12:30,
 * 2020年1月1日, Jan 1), an error value (#N/A), TRUE/FALSE, or a leading '. It gets the ' prefix,
 * which Excel stores as "text" and does not show.
 */
export function excelLiteral(text: string): string {
  const t = text.replace(/^[\s\u3000]+/, "");
  if (t === "") return text;
  if (text !== t) return "'" + text; // Excel trims the lead and may parse what follows
  if (/^[=+\-@'#]/.test(t)) return "'" + text;
  if (/^[\d０-９.,，$¥￥(（%:/]/.test(t)) return "'" + text;
  if (/^(true|false)$/i.test(t)) return "'" + text;
  if (/^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\s\-/.]*\d/i.test(t)) return "'" + text;
  return text;
}

function toCellValue(v: Raw | null | undefined): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "string") return errorFromText(v) ?? v;
  return v;
}

/** Excel's worksheet visibility in the core's words (Excel.SheetVisibility is "Visible" | "Hidden" | "VeryHidden"). */
export function visibilityOf(v: string | undefined): SheetSnapshot["visibility"] {
  const k = String(v ?? "").toLowerCase();
  return k === "veryhidden" ? "veryHidden" : k === "hidden" ? "hidden" : "visible";
}

/** Rows of a range read into a snapshot (values[0][0] at row top, column left). */
function sheetOf(p: PendingSheet, top: number, left: number, values: Raw[][], formulas: Raw[][], formats: Raw[][]): SheetSnapshot {
  return {
    name: p.name,
    top,
    left,
    visibility: p.visibility,
    protected: p.protected,
    values: values.map((row) => row.map(toCellValue)),
    // A formula is a string starting with "=" that is not the cell's own text (text "=1+1" typed with ' reads back the same).
    formulas: formulas.map((row, i) => row.map((f, j) => (typeof f === "string" && f.startsWith("=") && f !== values[i][j] ? f : null))),
    numberFormats: formats.map((row) => row.map((f) => (typeof f === "string" && f !== "General" ? f : null))),
  };
}

interface PendingSheet {
  name: string;
  visibility: SheetSnapshot["visibility"];
  protected: boolean;
  ws: Excel.Worksheet;
  /** Response bytes one cell is reckoned at when the sheet is read in blocks. */
  perCell: number;
  /** The used range (values only), when its address was loaded. */
  used?: Excel.Range;
  /** The whole used range read in one go (size not known beforehand). */
  whole?: Excel.Range;
  blocks: ReadBlock[];
}

interface ReadBlock {
  p: PendingSheet;
  top: number;
  bottom: number;
  left: number;
  right: number;
  range?: Excel.Range;
  values?: Raw[][];
  formulas?: Raw[][];
  formats?: Raw[][];
}

/** Errors that mean "too much in one request or response": split and try again. */
function payloadError(e: unknown): boolean {
  const code = (e as { code?: string })?.code ?? "";
  return /PayloadSizeLimitExceeded/i.test(code) || /PayloadSizeLimitExceeded|payload size/i.test(String((e as Error)?.message ?? ""));
}

/** Response bytes of a cell on an ordinary sheet (values + formulas + number format, short text). */
const CELL_BYTES = 36;
/** On a generated text sheet (the report: a paragraph a cell). */
const TEXT_CELL_BYTES = 1200;

export class ExcelHost implements WorkbookHost {
  /** Round trips of the last operation (read + apply), for the pane's diagnostics and the tests. */
  syncs = 0;
  private names: string[] = [];
  private protectedSheets = new Set<string>();

  constructor(
    private readonly run: BatchRunner = (batch) => Excel.run(batch),
    private readonly supports: SetSupported = officeSetSupported,
  ) {}

  /** Whether this Excel has what the host needs (the pane says what to use instead when not). */
  static supported(supports: SetSupported = officeSetSupported): boolean {
    return supports("ExcelApi", MIN_EXCEL_API);
  }

  private async sync(context: Excel.RequestContext): Promise<void> {
    this.syncs++;
    await context.sync();
  }

  async read(request: ReadRequest): Promise<WorkbookSnapshot> {
    this.syncs = 0;
    return this.run(async (context) => {
      const wb = context.workbook;
      const protection = this.supports("ExcelApi", "1.2");
      // Round trip 1: the sheets with their visibility and protection, the active one, the Excel
      // Tables, and the used range (values only) of the sheets that can be named before the list is
      // known — the active one and those the request names (the add-in's own) — so that a large
      // one is read in blocks.
      const sheets = wb.worksheets;
      sheets.load(protection ? "items/name,items/visibility,items/protection/protected" : "items/name,items/visibility");
      const active = sheets.getActiveWorksheet();
      active.load("name");
      const activeUsed = active.getUsedRangeOrNullObject(true);
      activeUsed.load("address");
      const namedUsed = new Map<string, Excel.Range>();
      for (const n of request.sheets) {
        if (namedUsed.has(n)) continue;
        const r = sheets.getItemOrNullObject(n).getUsedRangeOrNullObject(true);
        r.load("address");
        namedUsed.set(n, r);
      }
      const tables = wb.tables;
      tables.load("items/name,items/showTotals,items/worksheet/name");
      await this.sync(context);
      this.names = sheets.items.map((s) => s.name);
      this.protectedSheets = new Set(protection ? sheets.items.filter((s) => s.protection.protected).map((s) => s.name) : []);
      const skip = new Set(request.skipIfProtected ?? []);
      const wanted = sheets.items.filter((s) => request.all || request.sheets.includes(s.name) || (request.active && s.name === active.name));

      // Round trip 2 (+1 per further full response): values, formulas and number formats — in
      // blocks where the size is known, else the whole used range (and blocks if that is too much).
      const tableRanges = tables.items.map((t) => {
        const r = t.getRange();
        r.load("address");
        return { t, r };
      });
      const pending: PendingSheet[] = [];
      const skipped: SheetSnapshot[] = [];
      for (const s of wanted) {
        const p: PendingSheet = { name: s.name, visibility: visibilityOf(s.visibility), protected: this.protectedSheets.has(s.name), ws: s, perCell: skip.has(s.name) ? TEXT_CELL_BYTES : CELL_BYTES, blocks: [] };
        if (skip.has(s.name) && p.protected) {
          skipped.push({ name: s.name, top: 1, left: 1, values: [], visibility: p.visibility, protected: true, skipped: true });
          continue;
        }
        pending.push(p);
        const used = s.name === active.name ? activeUsed : namedUsed.get(s.name);
        if (used) p.used = used;
        else {
          p.whole = s.getUsedRangeOrNullObject(true);
          p.whole.load("address,values,formulas,numberFormat");
        }
      }
      for (const p of pending) if (p.used && !p.used.isNullObject) p.blocks = blocksOf(p, parseRange(p.used.address));
      const blocks = pending.flatMap((p) => p.blocks);
      let wholeFailed = false;
      try {
        const first = takeBudget(blocks, READ_BUDGET - pending.filter((p) => p.whole).length * 64);
        for (const b of first) loadBlock(b);
        await this.sync(context);
        keepLoaded(first);
      } catch (e) {
        if (!payloadError(e)) throw e;
        wholeFailed = true; // too much at once: every sheet goes in blocks
        for (const b of blocks) b.range = undefined;
      }
      // Whole reads that came back null (too many cells) or failed: their size, then blocks.
      const unsized = pending.filter((p) => p.whole && (wholeFailed || (!p.whole.isNullObject && (p.whole.values === null || p.whole.values === undefined))));
      if (unsized.length) {
        for (const p of unsized) {
          p.used = p.ws.getUsedRangeOrNullObject(true);
          p.used.load("address");
          p.whole = undefined;
        }
        await this.sync(context);
        for (const p of unsized) if (!p.used!.isNullObject) p.blocks = blocksOf(p, parseRange(p.used!.address));
      }
      await this.readBlocks(context, pending.flatMap((p) => p.blocks).filter((b) => !b.values));

      const out: SheetSnapshot[] = pending.map((p) => {
        if (p.whole && !p.whole.isNullObject) {
          const box = parseRange(p.whole.address);
          return sheetOf(p, box.top, box.left, p.whole.values as Raw[][], p.whole.formulas as Raw[][], p.whole.numberFormat as Raw[][]);
        }
        if (p.blocks.length === 0) return { name: p.name, top: 1, left: 1, values: [], formulas: [], numberFormats: [], visibility: p.visibility, protected: p.protected };
        p.blocks.sort((a, b) => a.top - b.top);
        return sheetOf(
          p,
          p.blocks[0].top,
          p.blocks[0].left,
          p.blocks.flatMap((b) => b.values!),
          p.blocks.flatMap((b) => b.formulas!),
          p.blocks.flatMap((b) => b.formats!),
        );
      });
      const tableObjects: TableObject[] = tableRanges.map(({ t, r }) => ({
        name: t.name,
        sheet: t.worksheet.name,
        range: splitQualified(r.address).ref,
        showTotals: t.showTotals,
      }));
      const order = new Map(this.names.map((n, i) => [n, i]));
      const all = [...out, ...skipped].sort((a, b) => order.get(a.name)! - order.get(b.name)!);
      return { sheets: all, sheetNames: this.names, activeSheet: active.name, tables: tableObjects };
    });
  }

  /** Reads blocks, one response budget per round trip; a block too large (an error, or null) is halved. */
  private async readBlocks(context: Excel.RequestContext, todo: ReadBlock[]): Promise<void> {
    const queue = [...todo];
    while (queue.length) {
      const batch = takeBudget(queue, READ_BUDGET);
      queue.splice(0, batch.length);
      for (const b of batch) loadBlock(b);
      try {
        await this.sync(context);
      } catch (e) {
        // Only a single one-row block that is still too large has nowhere smaller to go.
        if (!payloadError(e) || (batch.length === 1 && batch[0].bottom === batch[0].top)) throw e;
        // The batch was over the cap: each sheet's bytes a cell are at least the cap over the batch's
        // cells (so the same batch is never planned again), and at least doubled, once per sheet.
        const cells = batch.reduce((n, b) => n + (b.bottom - b.top + 1) * (b.right - b.left + 1), 0);
        for (const p of new Set(batch.map((b) => b.p))) p.perCell = Math.max(p.perCell * 2, Math.ceil(PAYLOAD_LIMIT / cells));
        queue.unshift(...batch.flatMap(halve));
        continue;
      }
      const again: ReadBlock[] = [];
      for (const b of batch) {
        if (b.range!.values === null || b.range!.values === undefined) {
          if (b.bottom === b.top) throw new Error(`Excel returned no values for ${b.p.name}!${a1(b.top, b.left)}:${a1(b.bottom, b.right)}`);
          again.push(...halve(b));
        }
      }
      keepLoaded(batch.filter((b) => b.range!.values !== null && b.range!.values !== undefined));
      queue.unshift(...again);
    }
  }

  async apply(plan: WritePlan): Promise<void> {
    await this.run(async (context) => {
      const wb = context.workbook;
      const budget = new RequestBudget(() => this.sync(context));
      const protection = this.supports("ExcelApi", "1.2");
      const names = new Set(this.names);
      const sheetOps: { ws: Excel.Worksheet; s: SheetWrite }[] = [];
      // Structure first (one small request): what is unprotected, renamed, added or cleared, so that
      // a failure there leaves nothing half-written.
      for (const s of plan.sheets) {
        let ws: Excel.Worksheet;
        if (names.has(s.sheet) && protection && this.protectedSheets.has(s.sheet)) {
          wb.worksheets.getItem(s.sheet).protection.unprotect();
          budget.add(SET_BYTES + FORMAT_PATH_BYTES);
        }
        if (names.has(s.sheet) && s.keepExistingAs) {
          wb.worksheets.getItem(s.sheet).name = s.keepExistingAs;
          names.add(s.keepExistingAs);
          ws = wb.worksheets.add(s.sheet);
        } else if (names.has(s.sheet)) {
          ws = wb.worksheets.getItem(s.sheet);
          ws.getRange().clear("All" as Excel.ClearApplyTo);
          if (this.supports("ExcelApi", "1.7")) ws.freezePanes.unfreeze();
        } else {
          ws = wb.worksheets.add(s.sheet);
          names.add(s.sheet);
        }
        budget.add(RANGE_BYTES + SET_BYTES);
        sheetOps.push({ ws, s });
      }
      for (const { ws, s } of sheetOps) {
        ws.visibility = (s.visibility === "veryHidden" ? "VeryHidden" : "Visible") as Excel.SheetVisibility;
        await this.writeCells(ws, s, budget, true);
        await this.sheetLayout(ws, s, budget);
        if (s.protect && protection) {
          ws.protection.protect();
          budget.add(SET_BYTES + FORMAT_PATH_BYTES);
        }
      }
      for (const e of plan.edits) await this.writeCells(wb.worksheets.getItem(e.sheet), e, budget, false);
      await this.sync(context);
      this.names = [...names];
      for (const s of plan.sheets) {
        if (s.protect && protection) this.protectedSheets.add(s.sheet);
        else this.protectedSheets.delete(s.sheet);
      }
    });
  }

  /** Freeze, merges, row heights and page setup of a sheet the add-in owns. */
  private async sheetLayout(ws: Excel.Worksheet, s: SheetWrite, budget: RequestBudget): Promise<void> {
    if (s.freezeRows && this.supports("ExcelApi", "1.7")) {
      await budget.reserve(SET_BYTES + FORMAT_PATH_BYTES);
      ws.freezePanes.freezeRows(s.freezeRows);
    }
    if (this.supports("ExcelApi", "1.2"))
      for (const m of s.merges ?? []) {
        await budget.reserve(RANGE_BYTES + SET_BYTES);
        ws.getRange(m).merge(false);
      }
    for (const h of groupRowHeights(s.rowHeights ?? [])) {
      await budget.reserve(RANGE_BYTES + SET_BYTES + FORMAT_PATH_BYTES);
      ws.getRange(`${h.first}:${h.last}`).format.rowHeight = h.height;
    }
    if (s.page && this.supports("ExcelApi", "1.9")) {
      await budget.reserve(8 * (SET_BYTES + FORMAT_PATH_BYTES));
      pageSetup(ws, s.page);
    }
  }

  /**
   * Values and formulas by column runs (split to the budget), number formats with them, then each
   * format property over the largest rectangles of cells that share its value.
   */
  private async writeCells(ws: Excel.Worksheet, e: SheetEdit | SheetWrite, budget: RequestBudget, owned: boolean): Promise<void> {
    const cells = sheetCells(e);
    for (const w of e.columnWidths ?? []) {
      await budget.reserve(RANGE_BYTES + SET_BYTES + FORMAT_PATH_BYTES);
      ws.getRange(`${columnLetters(w.col)}:${columnLetters(w.col)}`).format.columnWidth = Math.round(w.width * 6);
    }
    // A sheet the add-in owns was cleared: its gaps may be written as blanks, so a column goes as one range.
    for (const run of columnRuns(cells, owned ? 64 : 0)) {
      for (const part of splitRun(run, WRITE_BUDGET / 2)) {
        const first = part[0];
        const last = part[part.length - 1];
        const data = part.map((c) => [c ? contentOf(c) : ""]);
        const formats = part.some((c) => c?.numberFormat) ? part.map((c) => [c?.numberFormat ?? "General"]) : null;
        await budget.reserve(RANGE_BYTES + SET_BYTES + jsonBytes(data) + (formats ? SET_BYTES + jsonBytes(formats) : 0));
        const range = ws.getRange(`${a1(first!.row, first!.col)}:${a1(last!.row, last!.col)}`);
        if (formats) range.numberFormat = formats;
        range.formulas = data as unknown as string[][];
      }
    }
    for (const op of formatOps(cells)) {
      await budget.reserve(RANGE_BYTES + SET_BYTES * op.sets + FORMAT_PATH_BYTES * op.sets + op.address.length);
      applyFormat(ws.getRange(op.address), op);
    }
    const copy = this.supports("ExcelApi", "1.9");
    for (const c of cells) {
      if (!c.styleFrom) continue;
      await budget.reserve(2 * RANGE_BYTES + SET_BYTES);
      const cell = ws.getRange(a1(c.row, c.col));
      // copyFrom (ExcelApi 1.9) brings fill, font and borders; on older Excel the header keeps bold only.
      if (copy) cell.copyFrom(ws.getRange(a1(c.styleFrom.row, c.styleFrom.col)), "Formats" as Excel.RangeCopyType);
      else cell.format.font.bold = true;
      if (c.bold !== undefined) cell.format.font.bold = c.bold;
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

/** Rows of a used range in blocks that each fit the response budget. */
function blocksOf(p: PendingSheet, box: { top: number; left: number; bottom: number; right: number }): ReadBlock[] {
  const width = box.right - box.left + 1;
  const rows = Math.max(1, Math.floor(READ_BUDGET / (p.perCell * width)));
  const out: ReadBlock[] = [];
  for (let r = box.top; r <= box.bottom; r += rows) out.push({ p, top: r, bottom: Math.min(box.bottom, r + rows - 1), left: box.left, right: box.right });
  return out;
}

function blockBytes(b: ReadBlock): number {
  return (b.bottom - b.top + 1) * (b.right - b.left + 1) * b.p.perCell + RANGE_BYTES;
}

/** The leading blocks that fit one budget (at least one). */
function takeBudget(blocks: ReadBlock[], budget: number): ReadBlock[] {
  const out: ReadBlock[] = [];
  let used = 0;
  for (const b of blocks) {
    const n = blockBytes(b);
    if (out.length && used + n > budget) break;
    out.push(b);
    used += n;
  }
  return out;
}

function loadBlock(b: ReadBlock): void {
  b.range = b.p.ws.getRange(`${a1(b.top, b.left)}:${a1(b.bottom, b.right)}`);
  b.range.load("values,formulas,numberFormat");
}

function keepLoaded(blocks: ReadBlock[]): void {
  for (const b of blocks) {
    b.values = b.range!.values as Raw[][];
    b.formulas = b.range!.formulas as Raw[][];
    b.formats = b.range!.numberFormat as Raw[][];
  }
}

/** A block as two of half its rows; a one-row block stays as it is. */
function halve(b: ReadBlock): ReadBlock[] {
  if (b.bottom === b.top) return [b];
  const mid = Math.floor((b.top + b.bottom) / 2);
  const i = b.p.blocks.indexOf(b);
  const parts = [
    { p: b.p, top: b.top, bottom: mid, left: b.left, right: b.right },
    { p: b.p, top: mid + 1, bottom: b.bottom, left: b.left, right: b.right },
  ];
  b.p.blocks.splice(i, 1, ...parts);
  return parts;
}

/**
 * Counts the bytes of the commands queued on a context and syncs before one more would take the
 * request past the budget.
 */
class RequestBudget {
  private used = 0;
  constructor(private readonly flush: () => Promise<void>) {}
  add(bytes: number): void {
    this.used += bytes;
  }
  async reserve(bytes: number): Promise<void> {
    if (this.used > 0 && this.used + bytes > WRITE_BUDGET) {
      await this.flush();
      this.used = 0;
    }
    this.used += bytes;
  }
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

/**
 * Cells grouped into runs of consecutive rows in one column, number formats present in all or none.
 * With gap > 0 (a sheet the add-in cleared and owns), up to `gap` missing rows inside a run are
 * filled with blanks (null entries) so that the column goes as one range.
 */
export function columnRuns(cells: readonly CellWrite[], gap = 0): (CellWrite | null)[][] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: (CellWrite | null)[][] = [];
  let prev: CellWrite | null = null;
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    const fits = prev && prev.col === c.col && !!prev.numberFormat === !!c.numberFormat && c.row > prev.row && c.row - prev.row - 1 <= gap;
    if (fits && last) {
      for (let r = prev!.row + 1; r < c.row; r++) last.push(null);
      last.push(c);
    } else runs.push([c]);
    prev = c;
  }
  return runs;
}

/** A run cut into parts of at most `bytes` of data each (a long column never goes as one command). */
export function splitRun(run: (CellWrite | null)[], bytes: number): (CellWrite | null)[][] {
  const parts: (CellWrite | null)[][] = [];
  let cur: (CellWrite | null)[] = [];
  let size = 0;
  for (const c of run) {
    const n = c ? jsonBytes(contentOf(c)) + (c.numberFormat ? jsonBytes(c.numberFormat) : 0) + 6 : 6;
    if (cur.length && size + n > bytes) {
      parts.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(c);
    size += n;
  }
  if (cur.length) parts.push(cur);
  // A part never starts or ends with a filler blank.
  return parts.map(trimNulls).filter((p) => p.length > 0);
}

function trimNulls(p: (CellWrite | null)[]): (CellWrite | null)[] {
  let a = 0;
  let b = p.length;
  while (a < b && !p[a]) a++;
  while (b > a && !p[b - 1]) b--;
  return p.slice(a, b);
}

type FormatProp = "bold" | "wrap" | "fill" | "border" | "fontName" | "fontSize" | "align" | "vAlign";

interface FormatOp {
  prop: FormatProp;
  value: string | number | boolean;
  address: string;
  rows: number;
  cols: number;
  /** Property sets this op issues (borders: each edge, and the inside lines of a larger range). */
  sets: number;
}

function formatValue(c: CellWrite, prop: FormatProp): string | number | boolean | undefined {
  switch (prop) {
    case "bold":
      return c.bold;
    case "wrap":
      return c.wrap ? true : undefined;
    case "fill":
      return c.fill;
    case "border":
      return c.border ? true : undefined;
    case "fontName":
      return c.font?.name;
    case "fontSize":
      return c.font?.size;
    case "align":
      return c.align;
    case "vAlign":
      // Wrapped text reads from the top; an explicit vAlign wins.
      return c.vAlign ?? (c.wrap ? "top" : undefined);
  }
}

const FORMAT_PROPS: FormatProp[] = ["bold", "wrap", "fill", "border", "fontName", "fontSize", "align", "vAlign"];

/**
 * Every format property of the cells as the fewest rectangles sharing its value: the 自评报告 sheet
 * at 10,000 projects is a handful of ranges, not one per cell. Cells that copy another's style
 * (styleFrom) get their bold after the copy, in writeCells.
 */
export function formatOps(cells: readonly CellWrite[]): FormatOp[] {
  const ops: FormatOp[] = [];
  for (const prop of FORMAT_PROPS) {
    const byValue = new Map<string | number | boolean, CellWrite[]>();
    for (const c of cells) {
      if (c.styleFrom && prop === "bold") continue;
      const v = formatValue(c, prop);
      if (v === undefined) continue;
      const list = byValue.get(v);
      if (list) list.push(c);
      else byValue.set(v, [c]);
    }
    for (const [value, list] of byValue)
      for (const r of rectangles(list)) ops.push({ prop, value, ...r, sets: prop === "border" ? 4 + (r.rows > 1 ? 1 : 0) + (r.cols > 1 ? 1 : 0) : 1 });
  }
  return ops;
}

/** Cells as rectangles: runs down each column, then runs of equal span merged across adjacent columns. */
export function rectangles(cells: readonly { row: number; col: number }[]): { address: string; rows: number; cols: number }[] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: { col: number; top: number; bottom: number }[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.col === c.col && last.bottom + 1 === c.row) last.bottom = c.row;
    else if (!(last && last.col === c.col && last.bottom >= c.row)) runs.push({ col: c.col, top: c.row, bottom: c.row });
  }
  const rects: { left: number; right: number; top: number; bottom: number }[] = [];
  const open = new Map<string, { left: number; right: number; top: number; bottom: number }>();
  for (const r of runs) {
    const key = `${r.top}:${r.bottom}`;
    const o = open.get(key);
    if (o && o.right + 1 === r.col) o.right = r.col;
    else {
      const rect = { left: r.col, right: r.col, top: r.top, bottom: r.bottom };
      rects.push(rect);
      open.set(key, rect);
    }
  }
  return rects.map((r) => ({
    address: r.left === r.right && r.top === r.bottom ? a1(r.top, r.left) : `${a1(r.top, r.left)}:${a1(r.bottom, r.right)}`,
    rows: r.bottom - r.top + 1,
    cols: r.right - r.left + 1,
  }));
}

const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", center: "Center", bottom: "Bottom" } as const;

function applyFormat(range: Excel.Range, { prop, value, rows, cols }: FormatOp): void {
  const f = range.format;
  switch (prop) {
    case "bold":
      f.font.bold = value as boolean;
      break;
    case "wrap":
      f.wrapText = true;
      break;
    case "fill":
      f.fill.color = "#" + String(value).slice(-6);
      break;
    case "border":
      for (const side of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"]) f.borders.getItem(side as Excel.BorderIndex).style = "Continuous" as Excel.BorderLineStyle;
      // Inside lines too, so that every cell of a rectangle is boxed as the plan asks.
      if (rows > 1) f.borders.getItem("InsideHorizontal" as Excel.BorderIndex).style = "Continuous" as Excel.BorderLineStyle;
      if (cols > 1) f.borders.getItem("InsideVertical" as Excel.BorderIndex).style = "Continuous" as Excel.BorderLineStyle;
      break;
    case "fontName":
      f.font.name = String(value);
      break;
    case "fontSize":
      f.font.size = Number(value);
      break;
    case "align":
      f.horizontalAlignment = H_ALIGN[value as keyof typeof H_ALIGN] as Excel.HorizontalAlignment;
      break;
    case "vAlign":
      f.verticalAlignment = V_ALIGN[value as keyof typeof V_ALIGN] as Excel.VerticalAlignment;
      break;
  }
}

/** Consecutive rows of the same height as one range each ("5:9"). */
function groupRowHeights(list: { row: number; height: number }[]): { first: number; last: number; height: number }[] {
  const sorted = [...list].sort((a, b) => a.row - b.row);
  const out: { first: number; last: number; height: number }[] = [];
  for (const h of sorted) {
    const last = out[out.length - 1];
    if (last && last.last + 1 === h.row && last.height === h.height) last.last = h.row;
    else out.push({ first: h.row, last: h.row, height: h.height });
  }
  return out;
}

const POINTS_PER_CM = 72 / 2.54;

/** Print setup through worksheet.pageLayout (ExcelApi 1.9; the caller checks). */
function pageSetup(ws: Excel.Worksheet, page: PageSetup): void {
  const pl = ws.pageLayout;
  pl.paperSize = "A4" as Excel.PaperType;
  pl.orientation = (page.orientation === "landscape" ? "Landscape" : "Portrait") as Excel.PageOrientation;
  pl.zoom = { horizontalFitToPages: page.fitToWidth, verticalFitToPages: 0 };
  if (page.printArea) pl.setPrintArea(page.printArea);
  if (page.printTitleRows) pl.setPrintTitleRows(`$${page.printTitleRows.first}:$${page.printTitleRows.last}`);
  if (page.margins) {
    pl.topMargin = page.margins.top * POINTS_PER_CM;
    pl.bottomMargin = page.margins.bottom * POINTS_PER_CM;
    pl.leftMargin = page.margins.left * POINTS_PER_CM;
    pl.rightMargin = page.margins.right * POINTS_PER_CM;
  }
  if (page.centerHorizontally) pl.centerHorizontally = true;
  // &P and &N are Excel's page number and page count in a header or footer.
  if (page.pageNumbers) pl.headersFooters.defaultForAllPages.centerFooter = "第 &P 页 共 &N 页";
}
