/**
 * An in-memory Excel that behaves like Office.js where the host depends on it:
 *  - commands are queued and run at context.sync(), in order; each sync is counted, with its bytes;
 *  - a property read before load() and sync() throws, as Office.js does (PropertyNotLoaded);
 *  - values/formulas/numberFormat written must match the range's shape (InvalidArgument at sync);
 *  - numbers stay numbers; a string starting with = + - written as a value becomes a formula, and
 *    one starting with ' is text without the ';
 *  - getItem on a missing sheet fails at sync (ItemNotFound); getUsedRangeOrNullObject on an empty
 *    sheet is a null object; the used range includes cells that are only formatted, unless
 *    valuesOnly (as Excel's Worksheet.getUsedRange(valuesOnly));
 *  - visibility reads "Visible" / "Hidden" / "VeryHidden" (Excel.SheetVisibility);
 *  - text written as a value is parsed as Excel parses typed input: numbers (1e5, 1,000, 50%),
 *    dates and times (2020/1/1, 1/2, 12:30) become numbers, #N/A an error, TRUE a boolean; a
 *    leading ' keeps it text;
 *  - a protected sheet refuses every change (AccessDenied) until unprotected;
 *  - Excel on the web's 5 MB: a request or a response over PAYLOAD_LIMIT fails the sync
 *    (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded, nothing done for a
 *    request), and a range over five million cells reads values null;
 *  - isSetSupported answers for the ExcelApi version the double is built with.
 * It does not evaluate formulas (a written formula reads back with the value ""); LibreOffice does
 * that in the other tests. Bytes are counted as UTF-8 JSON plus a per-command overhead; the real
 * client's bytes are measured in test/excel-web-replay.test.ts.
 */
import { a1, cellFormat, cellFormula, cellValue, isCellError, parseRange, WorkbookSnapshot } from "../../src/core";

/** Excel on the web's cap on a request and on a response. */
export const PAYLOAD_LIMIT = 5 * 1000 * 1000;
/** Cells one get may return before values come back null. */
export const CELL_LIMIT = 5_000_000;

type Raw = string | number | boolean;
export interface CellModel {
  v: Raw | null;
  f: string | null;
  nf: string | null;
  bold?: boolean;
  wrap?: boolean;
  fill?: string;
  borders?: number;
  quote?: boolean;
  /** The value is an error (#N/A typed, or computed). */
  error?: boolean;
  fontName?: string;
  fontSize?: number;
  hAlign?: string;
  vAlign?: string;
}

/** UTF-8 bytes (no Buffer: the double also runs in a browser page, test/legacy.test.ts). */
function utf8(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return n;
}
const json = (v: unknown) => utf8(JSON.stringify(v ?? null));
/** A command's own bytes in a RichApi request (object path + action), roughly as the real client sends them. */
const COMMAND_BYTES = 160;

const FORMAT_KEYS = ["bold", "wrap", "fill", "borders", "fontName", "fontSize", "hAlign", "vAlign", "nf", "quote"] as const;
const formatted = (c: CellModel) => FORMAT_KEYS.some((k) => c[k] !== undefined && c[k] !== null && c[k] !== false);

let sheetIds = 0;
export class SheetModel {
  cells = new Map<string, CellModel>();
  frozenRows = 0;
  widths = new Map<string, number>();
  rowHeights = new Map<number, number>();
  merges: string[] = [];
  page: Record<string, unknown> = {};
  protected = false;
  readonly id = `{sheet-${++sheetIds}}`;
  constructor(
    public name: string,
    public visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible",
  ) {}
  get(row: number, col: number): CellModel | undefined {
    return this.cells.get(`${row},${col}`);
  }
  at(row: number, col: number): CellModel {
    const k = `${row},${col}`;
    let c = this.cells.get(k);
    if (!c) this.cells.set(k, (c = { v: null, f: null, nf: null }));
    return c;
  }
  /** Excel's used range: cells with a value or a formula, and (unless valuesOnly) cells only formatted. */
  usedBox(valuesOnly = false): { top: number; left: number; bottom: number; right: number } | null {
    let box: { top: number; left: number; bottom: number; right: number } | null = null;
    for (const [k, c] of this.cells) {
      if (c.v === null && c.f === null && (valuesOnly || !formatted(c))) continue;
      const [r, col] = k.split(",").map(Number);
      if (!box) box = { top: r, left: col, bottom: r, right: col };
      else box = { top: Math.min(box.top, r), left: Math.min(box.left, col), bottom: Math.max(box.bottom, r), right: Math.max(box.right, col) };
    }
    return box;
  }
}
export interface BookModel {
  sheets: SheetModel[];
  active: string;
  tables: { name: string; sheet: string; ref: string; showTotals: boolean }[];
  selected?: { sheet: string; address: string };
  /** Cells a get may return before values come back null (Excel: five million). */
  cellLimit?: number;
}

/** A model from a host's snapshot (cached values of formulas kept, as a saved workbook has them). */
export function bookFromSnapshot(wb: WorkbookSnapshot): BookModel {
  const sheets = wb.sheets.map((s) => {
    const m = new SheetModel(s.name, s.visibility === "veryHidden" ? "VeryHidden" : s.visibility === "hidden" ? "Hidden" : "Visible");
    s.values.forEach((row, i) =>
      row.forEach((_v, j) => {
        const r = s.top + i;
        const c = s.left + j;
        const v = cellValue(s, r, c);
        const f = cellFormula(s, r, c);
        const nf = cellFormat(s, r, c);
        if (v === null && !f && !nf) return;
        m.at(r, c).v = v === null ? null : isCellError(v) ? v.error : v;
        m.at(r, c).error = isCellError(v) || undefined;
        m.at(r, c).f = f;
        m.at(r, c).nf = nf;
      }),
    );
    m.protected = !!s.protected;
    return m;
  });
  return { sheets, active: wb.activeSheet ?? sheets[0].name, tables: (wb.tables ?? []).map((t) => ({ name: t.name, sheet: t.sheet, ref: t.range, showTotals: !!t.showTotals })) };
}

class NotLoaded extends Error {
  constructor(prop: string) {
    super(`PropertyNotLoaded: The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
  }
}

/** An error as OfficeExtension.Error carries it: a code, a message. */
export class RichApiError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

type Action = () => void;

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
}

class Context {
  queue: Action[] = [];
  syncs: SyncRecord[] = [];
  private req = 0;
  private res = 0;
  workbook: Workbook;
  constructor(
    public book: BookModel,
    private limits = true,
  ) {
    this.workbook = new Workbook(this);
  }
  enqueue(a: Action, requestBytes = 0): void {
    this.queue.push(a);
    this.req += COMMAND_BYTES + requestBytes;
  }
  respond(bytes: number): void {
    this.res += bytes;
  }
  async sync(): Promise<void> {
    const q = this.queue;
    const req = this.req;
    this.queue = [];
    this.req = 0;
    this.res = 0;
    if (this.limits && req > PAYLOAD_LIMIT) {
      this.syncs.push({ requestBytes: req, responseBytes: 0 });
      throw new RichApiError("RequestPayloadSizeLimitExceeded", `The request payload size has exceeded the limit (${req} bytes).`);
    }
    try {
      for (const a of q) a();
    } finally {
      this.syncs.push({ requestBytes: req, responseBytes: this.res });
    }
    if (this.limits && this.res > PAYLOAD_LIMIT) throw new RichApiError("ResponsePayloadSizeLimitExceeded", `The response payload size has exceeded the limit (${this.res} bytes).`);
  }
}

abstract class ClientObject {
  protected loaded = new Map<string, unknown>();
  constructor(protected ctx: Context) {}
  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw new NotLoaded(prop);
    return this.loaded.get(prop) as T;
  }
  protected abstract snapshot(prop: string): unknown;
  load(props: string | string[]): this {
    const list = (Array.isArray(props) ? props : props.split(",")).map((p) => p.trim()).filter(Boolean);
    this.ctx.enqueue(() => {
      for (const p of list) {
        const v = this.snapshot(p);
        this.loaded.set(p, v);
        this.ctx.respond(json(v) + p.length + 4);
      }
    }, json(list));
    return this;
  }
}

type SheetRef = () => SheetModel;

function sheetByName(ctx: Context, name: string): SheetModel {
  const s = ctx.book.sheets.find((x) => x.name === name);
  if (!s) throw new RichApiError("ItemNotFound", `the worksheet '${name}' does not exist.`);
  return s;
}

function writable(s: SheetModel): SheetModel {
  if (s.protected) throw new RichApiError("AccessDenied", `The cell or chart you're trying to change is on a protected sheet ('${s.name}').`);
  return s;
}

class Workbook {
  getSelectedRange(): Range {
    const ctx = this.ctx;
    const sel = () => ctx.book.selected ?? { sheet: ctx.book.active, address: "A1" };
    return new Range(ctx, () => sheetByName(ctx, sel().sheet), () => {
      const a = sel().address;
      return parseRange(a.includes(":") ? a : `${a}:${a}`);
    });
  }
  worksheets: Worksheets;
  tables: Tables;
  constructor(private ctx: Context) {
    this.worksheets = new Worksheets(ctx);
    this.tables = new Tables(ctx);
  }
}

/** A property path of a worksheet as Excel names it ("protection/protected" included). */
function sheetProp(s: SheetModel, p: string): unknown {
  switch (p) {
    case "name":
      return s.name;
    case "visibility":
      return s.visibility;
    case "protection/protected":
      return s.protected;
    case "id":
      return s.id;
    default:
      throw new Error(`the double does not know the worksheet property ${p}`);
  }
}

class Worksheets extends ClientObject {
  private _items: Worksheet[] | null = null;
  get items(): Worksheet[] {
    if (!this._items) throw new NotLoaded("items");
    return this._items;
  }
  protected snapshot(): unknown {
    return null;
  }
  override load(props: string): this {
    const list = props.split(",").map((p) => p.trim().replace(/^items\//, ""));
    this.ctx.enqueue(() => {
      this._items = this.ctx.book.sheets.map((s) => {
        const ws = new Worksheet(this.ctx, () => s);
        for (const p of list) ws.preload(p, sheetProp(s, p));
        this.ctx.respond(json(list.map((p) => sheetProp(s, p))) + 16 * list.length);
        return ws;
      });
    }, json(list));
    return this;
  }
  getActiveWorksheet(): Worksheet {
    let bound: SheetModel | null = null;
    return new Worksheet(this.ctx, () => (bound ??= sheetByName(this.ctx, this.ctx.book.active)));
  }
  /** By name, or by the sheet's id (Office.js addresses a sheet it has seen by its id). */
  getItem(name: string): Worksheet {
    let bound: SheetModel | null = null;
    return new Worksheet(this.ctx, () => (bound ??= this.ctx.book.sheets.find((x) => x.id === name) ?? sheetByName(this.ctx, name)));
  }
  /** ExcelApi 1.4: a null object (its ranges null objects too) when the sheet is missing. */
  getItemOrNullObject(name: string): Worksheet {
    const ws = new Worksheet(this.ctx, () => sheetByName(this.ctx, name));
    ws.orNull = () => !this.ctx.book.sheets.some((x) => x.name === name);
    return ws;
  }
  add(name: string): Worksheet {
    let bound: SheetModel | null = null;
    this.ctx.enqueue(() => {
      if (this.ctx.book.sheets.some((s) => s.name === name)) throw new RichApiError("ItemAlreadyExists", name);
      bound = new SheetModel(name);
      this.ctx.book.sheets.push(bound);
    }, name.length);
    return new Worksheet(this.ctx, () => {
      if (!bound) throw new Error("the added sheet is used before it exists");
      return bound;
    });
  }
}

class Worksheet extends ClientObject {
  freezePanes: { unfreeze: () => void; freezeRows: (n: number) => void };
  protection: { protected: boolean; protect: () => void; unprotect: () => void; load: (p: string) => void };
  pageLayout: Record<string, unknown>;
  /** Set on getItemOrNullObject: true when the sheet is missing. */
  orNull: (() => boolean) | null = null;
  constructor(
    ctx: Context,
    readonly ref: SheetRef,
  ) {
    super(ctx);
    this.freezePanes = {
      unfreeze: () => ctx.enqueue(() => (this.ref().frozenRows = 0)),
      freezeRows: (n) => ctx.enqueue(() => (writable(this.ref()).frozenRows = n)),
    };
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the nested objects need the sheet
    const self = this;
    this.protection = {
      get protected(): boolean {
        return self.read("protection/protected");
      },
      protect: () => ctx.enqueue(() => (this.ref().protected = true)),
      unprotect: () => ctx.enqueue(() => (this.ref().protected = false)),
      load: (p: string) => {
        ctx.enqueue(() => {
          self.loaded.set(`protection/${p}`, sheetProp(self.ref(), `protection/${p}`));
          ctx.respond(32);
        });
      },
    };
    const page = (k: string) => (v: unknown) => ctx.enqueue(() => (writable(this.ref()).page[k] = v), json(v));
    const setters: Record<string, (v: unknown) => void> = {};
    for (const k of ["paperSize", "orientation", "zoom", "topMargin", "bottomMargin", "leftMargin", "rightMargin", "centerHorizontally"]) setters[k] = page(k);
    this.pageLayout = {
      setPrintTitleRows: (rows: string) => page("printTitleRows")(rows),
      headersFooters: { defaultForAllPages: Object.defineProperty({}, "centerFooter", { set: page("centerFooter") }) },
    };
    for (const k of Object.keys(setters)) Object.defineProperty(this.pageLayout, k, { set: setters[k], enumerable: true });
  }
  preload(prop: string, v: unknown): void {
    this.loaded.set(prop, v);
  }
  protected snapshot(prop: string): unknown {
    return sheetProp(this.ref(), prop);
  }
  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.ctx.enqueue(() => (writable(this.ref()).name = v), v.length);
  }
  get visibility(): string {
    return this.read("visibility");
  }
  set visibility(v: string) {
    if (!["Visible", "Hidden", "VeryHidden"].includes(v)) throw new RichApiError("InvalidArgument", `visibility ${v}`);
    this.ctx.enqueue(() => (this.ref().visibility = v as SheetModel["visibility"]));
  }
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return new Range(this.ctx, this.ref, () => (this.orNull?.() ? null : this.ref().usedBox(valuesOnly)), true);
  }
  getRange(address?: string): Range {
    if (address === undefined) return new Range(this.ctx, this.ref, () => ({ top: 1, left: 1, bottom: 1048576, right: 16384 }));
    const a = address.includes(":") ? address : `${address}:${address}`;
    const cols = /^([A-Z]+):([A-Z]+)$/.exec(a);
    const rows = /^(\d+):(\d+)$/.exec(a);
    const box = cols
      ? { ...parseRange(`${cols[1]}1:${cols[2]}1`), top: 1, bottom: 1048576 }
      : rows
        ? { top: Number(rows[1]), bottom: Number(rows[2]), left: 1, right: 16384 }
        : parseRange(a);
    return new Range(this.ctx, this.ref, () => box);
  }
  activate(): void {
    this.ctx.enqueue(() => (this.ctx.book.active = this.ref().name));
  }
}

type Box = { top: number; left: number; bottom: number; right: number };

function shapeOf(box: Box): [number, number] {
  return [box.bottom - box.top + 1, box.right - box.left + 1];
}

function checkShape(box: Box, data: unknown, prop: string): Raw[][] {
  const [rows, cols] = shapeOf(box);
  if (!Array.isArray(data) || data.length !== rows || data.some((r) => !Array.isArray(r) || r.length !== cols))
    throw new RichApiError("InvalidArgument", `the number of rows or columns in the input array for '${prop}' doesn't match the size or dimensions of the range (${rows}×${cols}).`);
  return data as Raw[][];
}

const ERROR_TEXT = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!)$/i;
const FULLWIDTH = (t: string) => t.replace(/[０-９．，－＋／：]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
/** Excel's date serial (1900 system) of a date. */
const serial = (y: number, m: number, d: number) => Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** What Excel makes of text typed (or written through values/formulas) without a leading ': a number, a date, an error, a boolean, or the text. */
export function excelParse(text: string): { v: Raw; error?: boolean } {
  const t = FULLWIDTH(text.trim());
  if (ERROR_TEXT.test(t)) return { v: t.toUpperCase(), error: true };
  if (/^(true|false)$/i.test(t)) return { v: /^true$/i.test(t) };
  const num = /^([+-]?)[$¥￥]?\(?([\d,]*\.?\d+(?:[eE][+-]?\d+)?)\)?(%?)$/.exec(t);
  if (num && !/,\d{1,2}(\D|$)/.test(num[2])) {
    let n = Number(num[2].replace(/,/g, ""));
    if (t.includes("(") || num[1] === "-") n = -n;
    return { v: num[3] ? n / 100 : n };
  }
  let m = /^(\d{4})[/\-年](\d{1,2})[/\-月](\d{1,2})日?$/.exec(t);
  if (m) return { v: serial(+m[1], +m[2], +m[3]) };
  m = /^(\d{1,2})[/\-月](\d{1,2})日?$/.exec(t); // 1/2: the 2nd of January this year
  if (m && +m[1] <= 12 && +m[2] <= 31) return { v: serial(new Date().getFullYear(), +m[1], +m[2]) };
  m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (m) return { v: (+m[1] * 3600 + +m[2] * 60 + +(m[3] ?? 0)) / 86400 };
  m = /^([a-z]{3})[a-z]*[\s\-/.]*(\d{1,2})$/i.exec(t);
  if (m && MONTHS.includes(m[1].toLowerCase())) return { v: serial(new Date().getFullYear(), MONTHS.indexOf(m[1].toLowerCase()) + 1, +m[2]) };
  return { v: text };
}

/** What Excel makes of a value written through values or formulas. */
function enter(cell: CellModel, v: Raw): void {
  cell.quote = false;
  cell.error = undefined;
  if (typeof v === "string" && v.startsWith("'")) {
    cell.v = v.slice(1) === "" ? null : v.slice(1);
    cell.f = null;
    cell.quote = true;
  } else if (typeof v === "string" && /^[=+-]/.test(v) && v.length > 1 && !/^[+-][\d.]+$/.test(v)) {
    cell.f = v.startsWith("=") ? v : "=" + v;
    cell.v = ""; // not evaluated here
  } else if (typeof v === "string" && v !== "") {
    const parsed = excelParse(v);
    cell.v = parsed.v;
    cell.error = parsed.error;
    cell.f = null;
  } else {
    cell.v = v === "" ? null : v;
    cell.f = null;
  }
}

const H = ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"];
const V = ["Top", "Center", "Bottom", "Justify", "Distributed"];

class Range extends ClientObject {
  format: {
    font: { bold: boolean; name: string; size: number };
    fill: { color: string };
    wrapText: boolean;
    verticalAlignment: string;
    horizontalAlignment: string;
    columnWidth: number;
    rowHeight: number;
    borders: { getItem: (side: string) => { style: string } };
  };
  private nullObject = false;
  private boxAtLoad: Box | null = null;
  constructor(
    ctx: Context,
    private sheet: SheetRef,
    private boxOf: () => Box | null,
    private orNull = false,
  ) {
    super(ctx);
    const each = (f: (c: CellModel) => void, bytes = 0) =>
      ctx.enqueue(() => {
        const b = this.box();
        const s = writable(this.sheet());
        for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) f(s.at(r, c));
      }, bytes);
    const setter = <T,>(prop: string, put: (c: CellModel, v: T) => void, check?: (v: T) => void) => ({
      set(v: T) {
        check?.(v);
        each((c) => put(c, v), json(v) + 40);
      },
      get(): T {
        throw new NotLoaded(`format/${prop}`);
      },
    });
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the format object's setters need the range
    const self = this;
    const font = {};
    Object.defineProperty(font, "bold", setter<boolean>("font/bold", (c, v) => (c.bold = v)));
    Object.defineProperty(font, "name", setter<string>("font/name", (c, v) => (c.fontName = v)));
    Object.defineProperty(font, "size", setter<number>("font/size", (c, v) => (c.fontSize = v)));
    const fill = {};
    Object.defineProperty(fill, "color", setter<string>("fill/color", (c, v) => (c.fill = v)));
    const format = {
      font,
      fill,
      borders: {
        getItem: (side: string) => {
          if (!["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical", "DiagonalDown", "DiagonalUp"].includes(side)) throw new RichApiError("InvalidArgument", `border ${side}`);
          return Object.defineProperty({}, "style", setter<string>("borders/style", (c) => (c.borders = (c.borders ?? 0) + 1)));
        },
      },
    };
    Object.defineProperty(format, "wrapText", setter<boolean>("wrapText", (c, v) => (c.wrap = v)));
    Object.defineProperty(
      format,
      "verticalAlignment",
      setter<string>("verticalAlignment", (c, v) => (c.vAlign = v), (v) => {
        if (!V.includes(v)) throw new RichApiError("InvalidArgument", `verticalAlignment ${v}`);
      }),
    );
    Object.defineProperty(
      format,
      "horizontalAlignment",
      setter<string>("horizontalAlignment", (c, v) => (c.hAlign = v), (v) => {
        if (!H.includes(v)) throw new RichApiError("InvalidArgument", `horizontalAlignment ${v}`);
      }),
    );
    Object.defineProperty(format, "columnWidth", {
      set(v: number) {
        ctx.enqueue(() => {
          const b = self.box();
          for (let c = b.left; c <= b.right; c++) writable(self.sheet()).widths.set(String(c), v);
        });
      },
      get(): number {
        throw new NotLoaded("format/columnWidth");
      },
    });
    Object.defineProperty(format, "rowHeight", {
      set(v: number) {
        ctx.enqueue(() => {
          const b = self.box();
          for (let r = b.top; r <= b.bottom; r++) writable(self.sheet()).rowHeights.set(r, v);
        });
      },
      get(): number {
        throw new NotLoaded("format/rowHeight");
      },
    });
    this.format = format as Range["format"];
  }
  private box(): Box {
    const b = this.boxOf();
    if (!b) throw new RichApiError("GeneralException", "the range is a null object");
    return b;
  }
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  override load(props: string | string[]): this {
    super.load(props);
    this.ctx.enqueue(() => {
      this.boxAtLoad = this.boxOf();
      this.nullObject = this.orNull && this.boxAtLoad === null;
      this.loaded.set("isNullObject", this.nullObject);
    });
    return this;
  }
  protected snapshot(prop: string): unknown {
    const b = this.boxOf();
    if (!b) return null;
    const s = this.sheet();
    const [rows, cols] = shapeOf(b);
    const grid = (f: (c: CellModel | undefined) => unknown) => {
      if (rows * cols > this.ctx.book.cellLimit!) return null; // as Excel does past five million cells
      const out: unknown[][] = [];
      for (let r = b.top; r <= b.bottom; r++) {
        const row: unknown[] = [];
        for (let c = b.left; c <= b.right; c++) row.push(f(s.get(r, c)));
        out.push(row);
      }
      return out;
    };
    switch (prop) {
      case "address": // as Excel gives it: one cell without ":"
        return b.top === b.bottom && b.left === b.right ? `${s.name}!${a1(b.top, b.left)}` : `${s.name}!${a1(b.top, b.left)}:${a1(b.bottom, b.right)}`;
      case "rowCount":
        return rows;
      case "columnCount":
        return cols;
      case "values":
        return grid((c) => (c?.v === null || c?.v === undefined ? "" : c.v));
      case "formulas":
        return grid((c) => c?.f ?? (c?.v === null || c?.v === undefined ? "" : c.v));
      case "numberFormat":
        return grid((c) => c?.nf ?? "General");
      default:
        throw new Error(`the double does not know the property ${prop}`);
    }
  }
  get address(): string {
    return this.read("address");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get values(): Raw[][] {
    return this.read("values");
  }
  set values(data: Raw[][]) {
    this.write("values", data, (c, v) => enter(c, v));
  }
  get formulas(): Raw[][] {
    return this.read("formulas");
  }
  set formulas(data: Raw[][]) {
    this.write("formulas", data, (c, v) => enter(c, v));
  }
  get numberFormat(): Raw[][] {
    return this.read("numberFormat");
  }
  set numberFormat(data: Raw[][]) {
    this.write("numberFormat", data, (c, v) => (c.nf = String(v) === "General" ? null : String(v)));
  }
  private write(prop: string, data: Raw[][], put: (c: CellModel, v: Raw) => void): void {
    this.ctx.enqueue(() => {
      const b = this.box();
      const rows = checkShape(b, data, prop);
      const s = writable(this.sheet());
      rows.forEach((row, i) => row.forEach((v, j) => put(s.at(b.top + i, b.left + j), v)));
    }, json(data));
  }
  clear(): void {
    this.ctx.enqueue(() => {
      const b = this.box();
      const s = writable(this.sheet());
      for (const k of [...s.cells.keys()]) {
        const [r, c] = k.split(",").map(Number);
        if (r >= b.top && r <= b.bottom && c >= b.left && c <= b.right) s.cells.delete(k);
      }
      s.merges = [];
    });
  }
  /** Row i of the range (0-based), as Range.getRow. */
  getRow(i: number): Range {
    return new Range(this.ctx, this.sheet, () => {
      const b = this.box();
      return { top: b.top + i, bottom: b.top + i, left: b.left, right: b.right };
    });
  }
  /** The smallest range holding both, as Range.getBoundingRect. */
  getBoundingRect(other: Range): Range {
    return new Range(this.ctx, this.sheet, () => {
      const a = this.box();
      const b = other.box();
      return { top: Math.min(a.top, b.top), left: Math.min(a.left, b.left), bottom: Math.max(a.bottom, b.bottom), right: Math.max(a.right, b.right) };
    });
  }
  merge(_across = false): void {
    this.ctx.enqueue(() => {
      const b = this.box();
      writable(this.sheet()).merges.push(`${a1(b.top, b.left)}:${a1(b.bottom, b.right)}`);
    });
  }
  copyFrom(source: Range): void {
    this.ctx.enqueue(() => {
      const from = source.sheet().get(source.box().top, source.box().left);
      const to = writable(this.sheet()).at(this.box().top, this.box().left);
      Object.assign(to, { bold: from?.bold, fill: from?.fill, borders: from?.borders, fontName: from?.fontName, fontSize: from?.fontSize });
    });
  }
  select(): void {
    this.ctx.enqueue(() => {
      const b = this.box();
      this.ctx.book.selected = { sheet: this.sheet().name, address: b.top === b.bottom && b.left === b.right ? a1(b.top, b.left) : `${a1(b.top, b.left)}:${a1(b.bottom, b.right)}` };
    });
  }
}

class Tables extends ClientObject {
  private _items: Table[] | null = null;
  get items(): Table[] {
    if (!this._items) throw new NotLoaded("items");
    return this._items;
  }
  protected snapshot(): unknown {
    return null;
  }
  getItem(name: string): Table {
    const t = this.ctx.book.tables.find((x) => x.name === name);
    if (!t) throw new RichApiError("ItemNotFound", `the table '${name}' does not exist.`);
    return new Table(this.ctx, t);
  }
  override load(_props: string): this {
    this.ctx.enqueue(() => {
      this._items = this.ctx.book.tables.map((t) => new Table(this.ctx, t));
      this.ctx.respond(json(this.ctx.book.tables));
    });
    return this;
  }
}

class Table {
  constructor(
    private ctx: Context,
    private t: BookModel["tables"][number],
  ) {}
  get name(): string {
    return this.t.name;
  }
  get showTotals(): boolean {
    return this.t.showTotals;
  }
  get worksheet(): { name: string } {
    return { name: this.t.sheet };
  }
  getRange(): Range {
    return new Range(this.ctx, () => sheetByName(this.ctx, this.t.sheet), () => parseRange(this.t.ref));
  }
}

/** Excel.run over the model: every sync recorded, for the round-trip assertions. */
export class OfficeDouble {
  syncs: SyncRecord[] = [];
  /** The newest ExcelApi set this Excel has (Office 2019: 1.8; Office 2016 volume-licensed: 1.1). */
  excelApi = "1.9";
  /** Fail a sync over 5 MB (its own estimate); off where the real client's bytes are measured. */
  enforceLimits = true;
  constructor(public book: BookModel) {
    book.cellLimit ??= CELL_LIMIT;
  }
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const ctx = new Context(this.book, this.enforceLimits);
    try {
      const result = await batch(ctx as unknown as Excel.RequestContext);
      if (ctx.queue.length) throw new Error("a batch ended with commands that were never synced");
      return result;
    } finally {
      this.syncs.push(...ctx.syncs);
    }
  };
  /** Office.context.requirements.isSetSupported for this Excel. */
  isSetSupported = (name: string, version: string): boolean => {
    if (name !== "ExcelApi") return false;
    const [a, b] = version.split(".").map(Number);
    const [x, y] = this.excelApi.split(".").map(Number);
    return a < x || (a === x && (b || 0) <= y);
  };
  sheet(name: string): SheetModel {
    return sheetByName({ book: this.book } as Context, name);
  }
}
