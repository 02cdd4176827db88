/**
 * The file host: a spreadsheet package (.xlsx, .xlsm, .xltx, .xltm) or a .csv in memory, for the
 * command line, the browser preview, batch runs and tests. Reads every sheet; writes a plan into
 * the package it was given, changing only what the plan owns (src/ooxml).
 */
import { CellValue, CellWrite, errorFromText, parseCsv, ReadRequest, SheetSnapshot, WorkbookHost, WorkbookSnapshot, WritePlan } from "../core";
import { PackageError, SheetModel, Workbook, XmlError } from "../ooxml";

type Bytes = Uint8Array | ArrayBuffer;

/** Thrown when the bytes are no spreadsheet package at all, or a damaged one. */
export class DamagedWorkbookError extends Error {}

function bytesOf(data: Bytes): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

function openPackage(data: Bytes): Workbook {
  try {
    const book = Workbook.open(bytesOf(data));
    // What every read needs parses now, so damage shows here: sheets, styles, shared strings.
    book.styles();
    book.sharedStrings();
    for (const s of book.sheets) book.sheet(s.name);
    return book;
  } catch (e) {
    if (e instanceof PackageError || e instanceof XmlError || e instanceof RangeError) throw new DamagedWorkbookError(e.message);
    throw e;
  }
}

/**
 * A CSV field as Excel would take it on opening, and a cell as a person types it on the standalone
 * page: plain numbers become numbers, the rest stays text (also text that starts with = + - @).
 */
export function typedContent(s: string): CellWrite["content"] {
  if (s === "") return { kind: "blank" };
  if (/^-?(\d+(\.\d+)?|\.\d+)$/.test(s) && !/^-?0\d/.test(s)) return { kind: "number", value: Number(s) };
  return { kind: "text", text: s };
}

/**
 * A CSV file's text: UTF-8 (with or without its BOM), else GB18030 — what Excel and WPS write for
 * "CSV" on a Chinese Windows.
 */
function csvText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** Bounds beyond which a sheet's rows are left ragged rather than padded to one width. */
const PAD_LIMIT = 4_000_000;

/** Protected as Excel protects a sheet: <sheetProtection sheet="1"> (a bare element or sheet="0" protects nothing). */
function isProtected(model: SheetModel | null): boolean {
  const el = model?.root.children.find((c) => c.local === "sheetProtection");
  return el !== undefined && (el.attrs.sheet === "1" || el.attrs.sheet === "true");
}

export function sheetSnapshot(book: Workbook, name: string, visibility: SheetSnapshot["visibility"]): SheetSnapshot {
  const model = book.sheet(name);
  const protect = isProtected(model) ? { protected: true } : {};
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  const numberFormats: (string | null)[][] = [];
  if (model) {
    let rows = 0;
    let cols = 0;
    for (const row of model.rows)
      for (const c of row.cells)
        if (c.v !== null || c.is !== null || c.f) {
          if (row.r > rows) rows = row.r;
          if (c.col > cols) cols = c.col;
        }
    const pad = rows * cols <= PAD_LIMIT;
    for (let r = 0; r < rows; r++) {
      values.push(pad ? new Array<CellValue>(cols).fill(null) : []);
      formulas.push(pad ? new Array<string | null>(cols).fill(null) : []);
      numberFormats.push(pad ? new Array<string | null>(cols).fill(null) : []);
    }
    for (const row of model.rows) {
      if (row.r > rows) break;
      const vr = values[row.r - 1];
      const fr = formulas[row.r - 1];
      const nr = numberFormats[row.r - 1];
      for (const c of row.cells) {
        if (c.col > cols) continue;
        const v = book.valueOf(c);
        vr[c.col - 1] = typeof v === "string" && c.t !== "inlineStr" && c.t !== "str" ? (errorFromText(v) ?? v) : v;
        fr[c.col - 1] = book.formulaOf(name, c);
        nr[c.col - 1] = book.numFmtOf(c);
      }
    }
    if (!pad) for (const list of [values, formulas, numberFormats]) for (const r of list) for (let i = 0; i < r.length; i++) if (r[i] === undefined) r[i] = null;
  }
  return { name, top: 1, left: 1, values, formulas, numberFormats, visibility, ...protect };
}

export class XlsxHost implements WorkbookHost {
  private book: Promise<Workbook>;

  /** A host on a workbook, or on one still loading (the bytes of a package, as they arrive). */
  constructor(book: Workbook | Promise<Workbook>) {
    this.book = Promise.resolve(book);
    this.book.catch(() => undefined); // reported where it is awaited
  }

  /** A host on the bytes of a package (or a promise of them), opened on first use. */
  static from(data: Bytes | Promise<Bytes>): XlsxHost {
    return new XlsxHost(Promise.resolve(data).then(openPackage));
  }

  /** Opens a package or a CSV file; DamagedWorkbookError when it is no workbook. */
  static async fromBuffer(data: Bytes, kind: "xlsx" | "csv", csvSheetName = "项目资金表"): Promise<XlsxHost> {
    if (kind === "xlsx") return new XlsxHost(openPackage(data));
    const text = csvText(bytesOf(data));
    const book = Workbook.blank(csvSheetName);
    const cells: CellWrite[] = [];
    parseCsv(text).forEach((row, i) => row.forEach((v, j) => cells.push({ row: i + 1, col: j + 1, content: typedContent(v) })));
    book.editCells(csvSheetName, cells);
    return new XlsxHost(book);
  }

  /** The workbook (the package layer): for the preview's grid and for tests that look inside. */
  workbook(): Promise<Workbook> {
    return this.book;
  }

  /** Replaces the whole workbook by these bytes (a file saved by another program). */
  replaceWith(data: Bytes): void {
    this.book = Promise.resolve(openPackage(data));
  }

  /**
   * Every sheet is read, also a protected report named in skipIfProtected: reading a file costs no
   * request, and a report unprotected, edited and protected again is still seen as edited.
   */
  async read(_req?: ReadRequest): Promise<WorkbookSnapshot> {
    const book = await this.book;
    const infos = book.sheets;
    const sheets = infos.map((s) => sheetSnapshot(book, s.name, s.state));
    // The cells are in the snapshot now: the parsed sheets go (a write parses its sheet again).
    book.dropCache();
    const active = book.activeTab;
    const visible = infos.filter((s) => s.state === "visible");
    return {
      sheets,
      sheetNames: infos.map((s) => s.name),
      activeSheet: (infos[active]?.state === "visible" ? infos[active]?.name : undefined) ?? visible[0]?.name ?? infos[0]?.name,
      tables: book.tables().map((t) => ({ name: t.name, sheet: t.sheet, range: t.ref, showTotals: t.totalsRowCount > 0 })),
    };
  }

  async apply(plan: WritePlan): Promise<void> {
    const book = await this.book;
    for (const e of plan.edits) {
      if (!book.sheets.some((s) => s.name === e.sheet)) throw new Error(`plan names a sheet that is not there: ${e.sheet}`);
      book.editCells(e.sheet, e.cells, e.columnWidths);
    }
    for (const s of plan.sheets) book.writeSheet(s);
    book.markForRecalc();
  }

  /** The package as it is now (changed parts rewritten, the rest as it came). */
  async toBuffer(): Promise<Uint8Array> {
    return (await this.book).save();
  }
}
