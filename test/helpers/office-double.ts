/**
 * An in-memory Excel that behaves like Office.js where the host depends on it:
 *  - commands are queued and run at context.sync(), in order; each sync is counted, with its bytes;
 *  - a property read before load() and sync() throws, as Office.js does (PropertyNotLoaded);
 *  - values/formulas/numberFormat written must match the range's shape (InvalidArgument at sync);
 *  - numbers stay numbers; a string starting with = + - written as a value becomes a formula, and
 *    one starting with ' is text without the ';
 *  - getItem on a missing sheet fails at sync (ItemNotFound); getUsedRangeOrNullObject on an empty
 *    sheet is a null object.
 * It does not evaluate formulas (a written formula reads back with the value ""); LibreOffice does
 * that in the other tests.
 */
import { a1, cellFormat, cellFormula, cellValue, isCellError, parseRange, WorkbookSnapshot } from "../../src/core";

type Raw = string | number | boolean;
interface CellModel {
  v: Raw | null;
  f: string | null;
  nf: string | null;
  bold?: boolean;
  wrap?: boolean;
  fill?: string;
  borders?: number;
  quote?: boolean;
}
export class SheetModel {
  cells = new Map<string, CellModel>();
  frozenRows = 0;
  widths = new Map<string, number>();
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
  usedBox(): { top: number; left: number; bottom: number; right: number } | null {
    let box: { top: number; left: number; bottom: number; right: number } | null = null;
    for (const [k, c] of this.cells) {
      if (c.v === null && c.f === null) continue;
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
  settings: Map<string, unknown>;
  selected?: { sheet: string; address: string };
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
        m.at(r, c).f = f;
        m.at(r, c).nf = nf;
      }),
    );
    return m;
  });
  return { sheets, active: wb.activeSheet ?? sheets[0].name, tables: (wb.tables ?? []).map((t) => ({ name: t.name, sheet: t.sheet, ref: t.range, showTotals: !!t.showTotals })), settings: new Map() };
}

class NotLoaded extends Error {
  constructor(prop: string) {
    super(`PropertyNotLoaded: The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
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
  constructor(public book: BookModel) {
    this.workbook = new Workbook(this);
  }
  enqueue(a: Action, requestBytes = 32): void {
    this.queue.push(a);
    this.req += requestBytes;
  }
  respond(bytes: number): void {
    this.res += bytes;
  }
  async sync(): Promise<void> {
    const q = this.queue;
    this.queue = [];
    this.res = 0;
    for (const a of q) a();
    this.syncs.push({ requestBytes: this.req, responseBytes: this.res });
    this.req = 0;
    this.res = 0;
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
        this.ctx.respond(JSON.stringify(v ?? null).length);
      }
    });
    return this;
  }
}

type SheetRef = () => SheetModel;

function sheetByName(ctx: Context, name: string): SheetModel {
  const s = ctx.book.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`ItemNotFound: the worksheet '${name}' does not exist.`);
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
  settings: { add: (k: string, v: unknown) => void };
  constructor(private ctx: Context) {
    this.worksheets = new Worksheets(ctx);
    this.tables = new Tables(ctx);
    this.settings = { add: (k, v) => ctx.enqueue(() => ctx.book.settings.set(k, v), JSON.stringify(v).length) };
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
        for (const p of list) ws.preload(p, (s as unknown as Record<string, unknown>)[p]);
        this.ctx.respond(JSON.stringify(list.map((p) => (s as unknown as Record<string, unknown>)[p])).length);
        return ws;
      });
    });
    return this;
  }
  getActiveWorksheet(): Worksheet {
    let bound: SheetModel | null = null;
    return new Worksheet(this.ctx, () => (bound ??= sheetByName(this.ctx, this.ctx.book.active)));
  }
  getItem(name: string): Worksheet {
    let bound: SheetModel | null = null;
    return new Worksheet(this.ctx, () => (bound ??= sheetByName(this.ctx, name)));
  }
  add(name: string): Worksheet {
    let bound: SheetModel | null = null;
    this.ctx.enqueue(() => {
      if (this.ctx.book.sheets.some((s) => s.name === name)) throw new Error(`ItemAlreadyExists: ${name}`);
      bound = new SheetModel(name);
      this.ctx.book.sheets.push(bound);
    });
    return new Worksheet(this.ctx, () => {
      if (!bound) throw new Error("the added sheet is used before it exists");
      return bound;
    });
  }
}

class Worksheet extends ClientObject {
  freezePanes: { unfreeze: () => void; freezeRows: (n: number) => void };
  constructor(
    ctx: Context,
    readonly ref: SheetRef,
  ) {
    super(ctx);
    this.freezePanes = {
      unfreeze: () => ctx.enqueue(() => (this.ref().frozenRows = 0)),
      freezeRows: (n) => ctx.enqueue(() => (this.ref().frozenRows = n)),
    };
  }
  preload(prop: string, v: unknown): void {
    this.loaded.set(prop, v);
  }
  protected snapshot(prop: string): unknown {
    return (this.ref() as unknown as Record<string, unknown>)[prop];
  }
  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.ctx.enqueue(() => (this.ref().name = v));
  }
  get visibility(): string {
    return this.read("visibility");
  }
  set visibility(v: string) {
    if (!["Visible", "Hidden", "VeryHidden"].includes(v)) throw new Error(`InvalidArgument: visibility ${v}`);
    this.ctx.enqueue(() => (this.ref().visibility = v as SheetModel["visibility"]));
  }
  getUsedRangeOrNullObject(): Range {
    return new Range(this.ctx, this.ref, () => this.ref().usedBox(), true);
  }
  getRange(address?: string): Range {
    if (address === undefined) return new Range(this.ctx, this.ref, () => ({ top: 1, left: 1, bottom: 1048576, right: 16384 }));
    const a = address.includes(":") ? address : `${address}:${address}`;
    const m = /^([A-Z]+):([A-Z]+)$/.exec(a);
    const box = m ? { ...parseRange(`${m[1]}1:${m[2]}1`), top: 1, bottom: 1048576 } : parseRange(a);
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
    throw new Error(`InvalidArgument: the number of rows or columns in the input array for '${prop}' doesn't match the size or dimensions of the range (${rows}×${cols}).`);
  return data as Raw[][];
}

/** What Excel makes of a value written through values or formulas. */
function enter(cell: CellModel, v: Raw): void {
  cell.quote = false;
  if (typeof v === "string" && v.startsWith("'")) {
    cell.v = v.slice(1);
    cell.f = null;
    cell.quote = true;
  } else if (typeof v === "string" && /^[=+-]/.test(v) && v.length > 1) {
    cell.f = v.startsWith("=") ? v : "=" + v;
    cell.v = ""; // not evaluated here
  } else if (typeof v === "string" && v !== "" && /^-?\d+(\.\d+)?$/.test(v)) {
    cell.v = Number(v); // Excel parses numeric text
    cell.f = null;
  } else {
    cell.v = v === "" ? null : v;
    cell.f = null;
  }
}

class Range extends ClientObject {
  format: {
    font: { bold: boolean };
    fill: { color: string };
    wrapText: boolean;
    verticalAlignment: string;
    columnWidth: number;
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
    const each = (f: (c: CellModel) => void) =>
      ctx.enqueue(() => {
        const b = this.box();
        for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) f(this.sheet().at(r, c));
      });
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the format object's setters need the range
    const self = this;
    this.format = {
      font: {
        set bold(v: boolean) {
          each((c) => (c.bold = v));
        },
        get bold(): boolean {
          throw new NotLoaded("format/font/bold");
        },
      },
      fill: {
        set color(v: string) {
          each((c) => (c.fill = v));
        },
        get color(): string {
          throw new NotLoaded("format/fill/color");
        },
      },
      set wrapText(v: boolean) {
        each((c) => (c.wrap = v));
      },
      get wrapText(): boolean {
        throw new NotLoaded("format/wrapText");
      },
      set verticalAlignment(_v: string) {
        each(() => undefined);
      },
      get verticalAlignment(): string {
        throw new NotLoaded("format/verticalAlignment");
      },
      set columnWidth(v: number) {
        ctx.enqueue(() => {
          const b = self.box();
          for (let c = b.left; c <= b.right; c++) self.sheet().widths.set(String(c), v);
        });
      },
      get columnWidth(): number {
        throw new NotLoaded("format/columnWidth");
      },
      borders: {
        getItem: (_side: string) => ({
          set style(_v: string) {
            each((c) => (c.borders = (c.borders ?? 0) + 1));
          },
          get style(): string {
            throw new NotLoaded("format/borders/style");
          },
        }),
      },
    };
  }
  private box(): Box {
    const b = this.boxOf();
    if (!b) throw new Error("GeneralException: the range is a null object");
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
    const grid = (f: (c: CellModel | undefined) => unknown) => {
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
        return shapeOf(b)[0];
      case "columnCount":
        return shapeOf(b)[1];
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
      rows.forEach((row, i) => row.forEach((v, j) => put(this.sheet().at(b.top + i, b.left + j), v)));
    }, JSON.stringify(data).length);
  }
  clear(): void {
    this.ctx.enqueue(() => {
      const b = this.box();
      const s = this.sheet();
      for (const k of [...s.cells.keys()]) {
        const [r, c] = k.split(",").map(Number);
        if (r >= b.top && r <= b.bottom && c >= b.left && c <= b.right) s.cells.delete(k);
      }
    });
  }
  copyFrom(source: Range): void {
    this.ctx.enqueue(() => {
      const from = source.sheet().get(source.box().top, source.box().left);
      const to = this.sheet().at(this.box().top, this.box().left);
      Object.assign(to, { bold: from?.bold, fill: from?.fill, borders: from?.borders });
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
  override load(_props: string): this {
    this.ctx.enqueue(() => {
      this._items = this.ctx.book.tables.map((t) => new Table(this.ctx, t));
      this.ctx.respond(JSON.stringify(this.ctx.book.tables).length);
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
  constructor(public book: BookModel) {}
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const ctx = new Context(this.book);
    try {
      const result = await batch(ctx as unknown as Excel.RequestContext);
      if (ctx.queue.length) throw new Error("a batch ended with commands that were never synced");
      return result;
    } finally {
      this.syncs.push(...ctx.syncs);
    }
  };
  sheet(name: string): SheetModel {
    return sheetByName({ book: this.book } as Context, name);
  }
}
