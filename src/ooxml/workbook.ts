/**
 * A spreadsheet package as the tool sees it: its sheets, their cells (values, formulas, number
 * formats), and the writes the tool owns — cells in an existing sheet, whole sheets of its own,
 * the styles, relationships, content types and workbook entries they need. Everything else in the
 * package leaves as it came: parts byte for byte, and in an edited sheet every element but the
 * cells written (and the column widths, dimension and row spans that follow from them).
 */
import { a1, sheetCells } from "../core";
import type { CellValue, CellWrite, PageSetup, SheetWrite, TextRows } from "../core";
import { shiftFormula } from "./formula";
import { isDateFormat, serialToIsoDate } from "./numfmt";
import { NS, OoxmlPackage, PackageError, relId, relKind, relsPathOf } from "./package";
import { CellRec, cellsOfRow, colOf, escapeXstring, readSharedStrings, readSheet, rowOf, RowRec, scanRowCells, SheetModel } from "./sheet";
import { StyleRequest, Styles } from "./styles";
import { escapeAttr, escapeText, parseXml, prefixFor, setAttr, Splicer, textOf, XNode } from "./xml";

export type Visibility = "visible" | "hidden" | "veryHidden";

export interface SheetInfo {
  name: string;
  sheetId: string;
  rId: string;
  state: Visibility;
  /** The part (null when the relationship is missing: a sheet with no cells). */
  part: string | null;
  /** worksheet, chartsheet, dialogsheet, macrosheet… */
  kind: string;
}

export interface TableInfo {
  name: string;
  sheet: string;
  ref: string;
  totalsRowCount: number;
}

export interface DefinedName {
  name: string;
  localSheetId?: number;
  hidden: boolean;
  value: string;
}

const WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const CT = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  xltx: "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
  xlsm: "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
  xltm: "application/vnd.ms-excel.template.macroEnabled.main+xml",
} as const;
export type PackageKind = keyof typeof CT;

const MAX_CELL_TEXT = 32767;

export class Workbook {
  private sheetCache = new Map<string, SheetModel>();
  private sst: string[] | null = null;
  private stylesObj: Styles | null = null;
  private sharedMasters = new Map<string, Map<string, CellRec>>();
  readonly wbPart: string;

  private constructor(readonly pkg: OoxmlPackage) {
    this.wbPart = pkg.officeDocument();
    const root = this.wbRoot();
    if (root.local !== "workbook") throw new PackageError(`the main document is <${root.name}>, not a workbook`);
  }

  /** Opens a package; throws PackageError (or XmlError) when it is no readable workbook. */
  static open(data: Uint8Array): Workbook {
    return new Workbook(OoxmlPackage.open(data));
  }

  /** A new workbook with one empty sheet (for CSV input). */
  static blank(sheetName: string): Workbook {
    const pkg = OoxmlPackage.empty();
    const decl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
    pkg.set(
      "[Content_Types].xml",
      `${decl}<Types xmlns="${NS.contentTypes}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT.xlsx}"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${WORKSHEET_TYPE}"/></Types>`,
    );
    pkg.set("_rels/.rels", `${decl}<Relationships xmlns="${NS.pkgRel}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
    pkg.set(
      "xl/workbook.xml",
      `${decl}<workbook xmlns="${NS.main[0]}" xmlns:r="${NS.rel[0]}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets><sheet name="${escapeAttr(sheetName)}" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>`,
    );
    pkg.set(
      "xl/_rels/workbook.xml.rels",
      `${decl}<Relationships xmlns="${NS.pkgRel}"><Relationship Id="rId1" Type="${NS.rel[0]}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${NS.rel[0]}/styles" Target="styles.xml"/></Relationships>`,
    );
    pkg.set("xl/styles.xml", new Styles(null).xml);
    pkg.set("xl/worksheets/sheet1.xml", `${decl}<worksheet xmlns="${NS.main[0]}" xmlns:r="${NS.rel[0]}"><sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`);
    return new Workbook(pkg);
  }

  save(): Uint8Array {
    this.flushStyles();
    return this.pkg.save();
  }

  // Reading ---------------------------------------------------------------------------------

  private wbXml(): string {
    return this.pkg.text(this.wbPart);
  }

  private wbRoot(): XNode {
    return parseXml(this.wbXml());
  }

  private mainChild(root: XNode, local: string): XNode | undefined {
    return root.children.find((c) => c.local === local && NS.main.includes(c.ns as never));
  }

  private cache: { wb: string; rels: string; sheets: SheetInfo[]; date1904: boolean } | null = null;

  private meta(): { sheets: SheetInfo[]; date1904: boolean } {
    const wb = this.wbXml();
    const relsPath = relsPathOf(this.wbPart);
    const rels = this.pkg.has(relsPath) ? this.pkg.text(relsPath) : "";
    if (this.cache && this.cache.wb === wb && this.cache.rels === rels) return this.cache;
    const root = parseXml(wb);
    const pr = this.mainChild(root, "workbookPr");
    const v = pr?.attrs.date1904;
    this.cache = { wb, rels, sheets: this.readSheets(root), date1904: v === "1" || v === "true" };
    return this.cache;
  }

  get date1904(): boolean {
    return this.meta().date1904;
  }

  get sheets(): SheetInfo[] {
    return this.meta().sheets;
  }

  private readSheets(root: XNode): SheetInfo[] {
    const rels = this.pkg.rels(this.wbPart);
    const sheets = this.mainChild(root, "sheets");
    return (sheets?.children ?? [])
      .filter((n) => n.local === "sheet")
      .map((n) => {
        const rId = relId(n) ?? "";
        const rel = rels.find((r) => r.id === rId);
        const state = n.attrs.state === "veryHidden" ? "veryHidden" : n.attrs.state === "hidden" ? "hidden" : "visible";
        const part = rel && !rel.external ? (this.pkg.find(rel.part) ?? null) : null;
        return { name: n.attrs.name ?? "", sheetId: n.attrs.sheetId ?? "", rId, state, part, kind: rel ? relKind(rel.type) : "worksheet" };
      });
  }

  get activeTab(): number {
    const views = this.mainChild(this.wbRoot(), "bookViews");
    const v = views?.children.find((c) => c.local === "workbookView");
    return Number(v?.attrs.activeTab ?? 0) || 0;
  }

  definedNames(): DefinedName[] {
    const xml = this.wbXml();
    const root = parseXml(xml);
    const dn = this.mainChild(root, "definedNames");
    return (dn?.children ?? [])
      .filter((n) => n.local === "definedName")
      .map((n) => ({ name: n.attrs.name ?? "", localSheetId: n.attrs.localSheetId === undefined ? undefined : Number(n.attrs.localSheetId), hidden: n.attrs.hidden === "1" || n.attrs.hidden === "true", value: textOf(xml, n) }));
  }

  sharedStrings(): string[] {
    if (!this.sst) {
      const r = this.pkg.rels(this.wbPart).find((x) => relKind(x.type) === "sharedStrings" && !x.external && this.pkg.has(x.part));
      this.sst = r ? readSharedStrings(this.pkg.text(r.part)) : [];
    }
    return this.sst;
  }

  private stylesPart(): string | undefined {
    const r = this.pkg.rels(this.wbPart).find((x) => relKind(x.type) === "styles" && !x.external && this.pkg.has(x.part));
    return r ? this.pkg.find(r.part) : undefined;
  }

  styles(): Styles {
    if (!this.stylesObj) {
      const part = this.stylesPart();
      this.stylesObj = new Styles(part ? this.pkg.text(part) : null);
    }
    return this.stylesObj;
  }

  /** The cells of a sheet (null for a sheet with no worksheet part). */
  sheet(name: string): SheetModel | null {
    const info = this.sheets.find((s) => s.name === name);
    if (!info || !info.part || info.kind !== "worksheet") return null;
    let m = this.sheetCache.get(info.part);
    if (!m) {
      m = readSheet(this.pkg.text(info.part));
      this.sheetCache.set(info.part, m);
      const masters = new Map<string, CellRec>();
      for (const row of m.rows) for (const c of row.cells) if (c.f && c.f.type === "shared" && c.f.ref !== undefined && c.f.si !== undefined) masters.set(c.f.si, c);
      this.sharedMasters.set(info.part, masters);
    }
    return m;
  }

  /** Forgets the parsed cells (after a large read, to give the memory back). */
  dropCache(): void {
    this.sheetCache.clear();
    this.sharedMasters.clear();
  }

  /** Merged ranges of a sheet ("A1:H1"). */
  merges(name: string): string[] {
    const m = this.sheet(name);
    const mc = m?.root.children.find((c) => c.local === "mergeCells");
    return (mc?.children ?? []).filter((c) => c.local === "mergeCell" && c.attrs.ref).map((c) => c.attrs.ref);
  }

  tables(): TableInfo[] {
    const out: TableInfo[] = [];
    for (const s of this.sheets) {
      if (!s.part) continue;
      for (const r of this.pkg.rels(s.part)) {
        if (r.external || relKind(r.type) !== "table" || !this.pkg.has(r.part)) continue;
        const t = parseXml(this.pkg.text(r.part));
        if (t.attrs.ref) out.push({ name: t.attrs.name ?? t.attrs.displayName ?? "", sheet: s.name, ref: t.attrs.ref, totalsRowCount: Number(t.attrs.totalsRowCount ?? 0) || 0 });
      }
    }
    return out;
  }

  /** The cell's formula ("=…"), shared formulas moved to the cell; null for none (or a data table). */
  formulaOf(sheetName: string, c: CellRec): string | null {
    const f = c.f;
    if (!f || f.type === "dataTable") return null;
    if (f.type === "shared" && f.ref === undefined && !f.text) {
      const part = this.sheets.find((s) => s.name === sheetName)?.part;
      const master = part ? this.sharedMasters.get(part)?.get(f.si ?? "") : undefined;
      if (!master?.f) return null;
      return "=" + shiftFormula(master.f.text, c.row - master.row, c.col - master.col);
    }
    return f.text ? "=" + f.text : null;
  }

  numFmtOf(c: CellRec): string | null {
    return this.styles().numFmtOf(c.s).code;
  }

  /**
   * The value a cell shows, as the core takes it: numbers, text, booleans, {error}; a number in a
   * date or time format as "YYYY-MM-DD" (1900 or 1904 system); a formula cell its cached value.
   */
  valueOf(c: CellRec): CellValue {
    switch (c.t) {
      case "s": {
        if (c.v === null) return null;
        const s = this.sharedStrings()[Number(c.v)];
        return s === undefined ? null : s;
      }
      case "inlineStr":
        return c.is ?? (c.v === null ? null : c.v);
      case "str":
        return c.v ?? (c.f ? null : "");
      case "b":
        return c.v === null ? null : c.v === "1" || c.v === "true";
      case "e":
        return c.v === null ? null : { error: c.v };
      case "d": {
        if (c.v === null) return null;
        const m = /^(\d{4}-\d{2}-\d{2})/.exec(c.v);
        return m ? m[1] : c.v;
      }
      default: {
        if (c.v === null || c.v === "") return null;
        const n = Number(c.v);
        if (!Number.isFinite(n)) return c.v;
        const fmt = this.styles().numFmtOf(c.s);
        if (fmt.id !== 0 && isDateFormat(fmt.id, fmt.code)) return serialToIsoDate(n, this.date1904) ?? n;
        return n;
      }
    }
  }

  // Writing ---------------------------------------------------------------------------------

  private setWorkbookXml(xml: string): void {
    this.pkg.set(this.wbPart, xml);
  }

  /** Writes the styles added so far into styles.xml. */
  flushStyles(): void {
    const st = this.stylesObj;
    if (!st || !st.changed) return;
    let part = this.stylesPart();
    if (!part) {
      part = this.wbPart.replace(/[^/]*$/, "styles.xml");
      this.pkg.addRel(this.wbPart, `${this.relNs()}/styles`, part);
      this.pkg.setContentType(part, "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
    }
    this.pkg.set(part, st.serialize());
    this.stylesObj = null; // read again from the new text: its indices are those handed out
  }

  /** The relationship-type base of this package (transitional or strict). */
  private relNs(): string {
    const r = this.pkg.rels("").find((x) => relKind(x.type) === "officeDocument");
    return r && r.type.startsWith("http://purl.oclc.org/") ? "http://purl.oclc.org/ooxml/officeDocument/relationships" : `${NS.rel[0]}`;
  }

  private styleRequest(w: CellWrite): StyleRequest {
    return { numberFormat: w.numberFormat, bold: w.bold, wrap: w.wrap, fill: w.fill, border: w.border, font: w.font, align: w.align, vAlign: w.vAlign };
  }

  /** The <c> element for a write (null: no element needed). */
  private cellXml(p: string, ref: string, w: CellWrite, s: number): string | null {
    const sa = s ? ` s="${s}"` : "";
    switch (w.content.kind) {
      case "formula":
        return `<${p}c r="${ref}"${sa}><${p}f>${escapeText(w.content.formula.replace(/^=/, ""))}</${p}f></${p}c>`;
      case "number":
        if (!Number.isFinite(w.content.value)) throw new Error(`not a number to write at ${ref}: ${w.content.value}`);
        return `<${p}c r="${ref}"${sa}><${p}v>${w.content.value}</${p}v></${p}c>`;
      case "text": {
        const text = w.content.text.slice(0, MAX_CELL_TEXT);
        const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : "";
        return `<${p}c r="${ref}"${sa} t="inlineStr"><${p}is><${p}t${space}>${escapeText(escapeXstring(text))}</${p}t></${p}is></${p}c>`;
      }
      case "blank":
        return s ? `<${p}c r="${ref}"${sa}/>` : null;
    }
  }

  /**
   * Writes cells into an existing sheet: each written cell replaced or inserted in its row; the
   * other cells, rows and elements stay as they were.
   */
  editCells(sheetName: string, writes: CellWrite[], columnWidths: { col: number; width: number }[] = []): void {
    const info = this.sheets.find((s) => s.name === sheetName);
    if (!info?.part || info.kind !== "worksheet") throw new Error(`no worksheet ${sheetName} to write into`);
    // The rows only; a row's cells are read when a write needs them (less memory on a large sheet).
    const model = this.sheetCache.get(info.part) ?? readSheet(this.pkg.text(info.part), { cells: false });
    const styles = this.styles();
    const { xml, p } = model;
    const rowsByR = new Map<number, (typeof model.rows)[number]>();
    for (const r of model.rows) rowsByR.set(r.r, r);
    const rowCells = (r: RowRec) => cellsOfRow(model, r);
    const cellAt = (row: number, col: number): CellRec | undefined => {
      const r = rowsByR.get(row);
      return r ? rowCells(r).find((c) => c.col === col) : undefined;
    };
    const colStyles = this.colStyles(model);
    const baseStyle = (row: number, col: number, here?: CellRec[]): number => {
      const c = here ? here.find((x) => x.col === col) : cellAt(row, col);
      if (c) return c.s;
      const r = rowsByR.get(row);
      if (r && (r.attrs.customFormat === "1" || r.attrs.customFormat === "true") && r.attrs.s) return Number(r.attrs.s) || 0;
      return colStyles(col);
    };

    // One write per cell (the last wins), in row then column order.
    const byCell = new Map<number, CellWrite>();
    for (const w of writes) byCell.set(w.row * 16384 + w.col, w);
    const sorted = [...byCell.values()].sort((a, b) => a.row - b.row || a.col - b.col);

    const s = new Splicer(xml);
    const brokenShared = new Set<string>();
    const replaced = new Set<string>();
    let box = this.dimensionBox(model);

    // Rows touched: new cells per row.
    const newRows = new Map<number, string[]>();
    let i = 0;
    while (i < sorted.length) {
      const r = sorted[i].row;
      let j = i;
      while (j < sorted.length && sorted[j].row === r) j++;
      const group = sorted.slice(i, j);
      i = j;
      const row = rowsByR.get(r);
      // This row's cells, read for this write only.
      const existing = row ? scanRowCells(model, row) : [];
      const pieces: { col: number; xml: string | null; old?: CellRec }[] = group.map((w) => {
        const old = existing.find((c) => c.col === w.col);
        const base = w.styleFrom ? (cellAt(w.styleFrom.row, w.styleFrom.col)?.s ?? baseStyle(w.styleFrom.row, w.styleFrom.col)) : baseStyle(w.row, w.col, existing);
        const st = styles.styleFor(base, this.styleRequest(w));
        if (old?.f?.type === "shared" && old.f.ref !== undefined && old.f.si !== undefined) brokenShared.add(old.f.si);
        return { col: w.col, xml: this.cellXml(p, a1(w.row, w.col), w, st), old };
      });
      for (const pc of pieces) if (pc.xml) box = grow(box, r, pc.col);
      if (!row) {
        const cells = pieces.filter((pc) => pc.xml).map((pc) => pc.xml!);
        if (cells.length) newRows.set(r, cells);
        continue;
      }
      const inserts: string[] = [];
      const flushBefore = (at: number) => {
        if (inserts.length) s.insert(at, inserts.splice(0).join(""));
      };
      let k = 0;
      let maxCol = 0;
      if (row.closeStart === row.end && row.openEnd === row.end && xml.charCodeAt(row.openEnd - 2) === 47) {
        // <row …/>: becomes <row …>cells</row>.
        const cells = pieces.filter((pc) => pc.xml).map((pc) => pc.xml!);
        if (cells.length) {
          const tag = this.rowTagWithSpans(xml.slice(row.start, row.openEnd - 2) + ">", row.attrs, pieces.map((pc) => pc.col));
          s.replace(row.start, row.end, `${tag}${cells.join("")}</${p}row>`);
        }
        continue;
      }
      for (const pc of pieces) {
        while (k < existing.length && existing[k].col < pc.col) k++;
        maxCol = Math.max(maxCol, pc.col);
        if (pc.old) {
          flushBefore(pc.old.start);
          s.replace(pc.old.start, pc.old.end, pc.xml ?? "");
          replaced.add(`${r},${pc.col}`);
        } else if (pc.xml) {
          if (k < existing.length) s.insert(existing[k].start, pc.xml);
          else inserts.push(pc.xml);
        }
      }
      flushBefore(row.closeStart);
      const spans = row.attrs.spans;
      if (spans) {
        const tag = this.rowTagWithSpans(xml.slice(row.start, row.openEnd), row.attrs, pieces.filter((pc) => pc.xml).map((pc) => pc.col));
        if (tag !== xml.slice(row.start, row.openEnd)) s.replace(row.start, row.openEnd, tag);
      }
    }

    // Cells that shared the formula of a master just overwritten get their own formula.
    if (brokenShared.size) {
      const masters = new Map<string, CellRec>();
      for (const row of model.rows) for (const c of rowCells(row)) if (c.f?.type === "shared" && c.f.ref !== undefined && c.f.si !== undefined) masters.set(c.f.si, c);
      for (const row of model.rows)
        for (const c of rowCells(row)) {
          if (replaced.has(`${c.row},${c.col}`) || !c.f || c.f.type !== "shared" || c.f.si === undefined || !brokenShared.has(c.f.si) || c.f.ref !== undefined) continue;
          const m = masters.get(c.f.si);
          if (!m?.f) continue;
          const own = escapeText(shiftFormula(m.f.text, c.row - m.row, c.col - m.col));
          const text = xml.slice(c.start, c.end).replace(new RegExp(`<${p}f\\b[^>]*?(/>|>[^<]*</${p}f>)`), `<${p}f>${own}</${p}f>`);
          s.replace(c.start, c.end, text);
        }
    }

    // New rows, each before the first row below it.
    if (newRows.size) {
      const rows = model.rows;
      let k = 0;
      const sd = model.sheetData;
      const emptySheetData = sd.closeStart === sd.end && sd.openEnd === sd.end;
      const tail: string[] = [];
      for (const r of [...newRows.keys()].sort((a, b) => a - b)) {
        while (k < rows.length && rows[k].r < r) k++;
        const el = `<${p}row r="${r}">${newRows.get(r)!.join("")}</${p}row>`;
        if (k < rows.length) s.insert(rows[k].start, el);
        else tail.push(el);
      }
      if (tail.length) {
        if (emptySheetData) s.replace(sd.start, sd.end, `<${sd.name}>${tail.join("")}</${sd.name}>`);
        else s.insert(sd.closeStart, tail.join(""));
      }
    }

    // The dimension follows the cells.
    const dim = model.root.children.find((c) => c.local === "dimension");
    if (dim && box) {
      const ref = box.top === box.bottom && box.left === box.right ? a1(box.top, box.left) : `${a1(box.top, box.left)}:${a1(box.bottom, box.right)}`;
      if (ref !== dim.attrs.ref) {
        const e = setAttr(xml, dim, "ref", ref);
        s.replace(e.from, e.to, e.text);
      }
    }
    if (columnWidths.length) this.spliceCols(s, model, columnWidths);
    this.setSheetXml(info.part, (append) => s.writeTo(append));
  }

  private setSheetXml(part: string, produce: (append: (text: string) => void) => void): void {
    this.pkg.writePart(part, produce);
    this.sheetCache.delete(part);
    this.sharedMasters.delete(part);
  }

  private rowTagWithSpans(tag: string, attrs: Record<string, string>, cols: number[]): string {
    const spans = attrs.spans;
    if (!spans || !cols.length) return tag;
    const parts = spans.split(/\s+/).flatMap((x) => x.split(":").map(Number));
    const lo = Math.min(...parts, ...cols);
    const hi = Math.max(...parts, ...cols);
    const inside = spans.split(/\s+/).some((x) => {
      const [a, b] = x.split(":").map(Number);
      return cols.every((c) => c >= a && c <= b);
    });
    if (inside) return tag;
    return tag.replace(/(\sspans\s*=\s*)("[^"]*"|'[^']*')/, `$1"${lo}:${hi}"`);
  }

  private dimensionBox(model: SheetModel): Box | null {
    const dim = model.root.children.find((c) => c.local === "dimension");
    const ref = dim?.attrs.ref;
    if (!ref) return null;
    const [a, b] = ref.split(":");
    const top = rowOf(a);
    const left = colOf(a);
    if (!top || !left) return null;
    return { top, left, bottom: b ? rowOf(b) || top : top, right: b ? colOf(b) || left : left };
  }

  /** The style of a column's empty cells (from <cols>). */
  private colStyles(model: SheetModel): (col: number) => number {
    const cols = model.root.children.find((c) => c.local === "cols");
    const list = (cols?.children ?? []).filter((c) => c.local === "col").map((c) => ({ min: Number(c.attrs.min), max: Number(c.attrs.max), s: Number(c.attrs.style ?? 0) || 0 }));
    return (col) => list.find((c) => col >= c.min && col <= c.max)?.s ?? 0;
  }

  /** Column widths set in <cols>: a range that covers a column is split around it. */
  private spliceCols(s: Splicer, model: SheetModel, widths: { col: number; width: number }[]): void {
    const { xml, p } = model;
    const cols = model.root.children.find((c) => c.local === "cols");
    type Col = { min: number; max: number; attrs: [string, string][]; raw?: string };
    let list: Col[] = (cols?.children ?? [])
      .filter((c) => c.local === "col")
      .map((c) => ({ min: Number(c.attrs.min), max: Number(c.attrs.max), attrs: Object.entries(c.attrs).filter(([k]) => k !== "min" && k !== "max"), raw: xml.slice(c.start, c.end) }));
    for (const w of widths) {
      const out: Col[] = [];
      let done = false;
      for (const c of list) {
        if (w.col < c.min || w.col > c.max) {
          out.push(c);
          continue;
        }
        if (c.min < w.col) out.push({ ...c, max: w.col - 1, raw: undefined });
        const attrs = c.attrs.filter(([k]) => k !== "width" && k !== "customWidth");
        out.push({ min: w.col, max: w.col, attrs: [...attrs, ["width", String(w.width)], ["customWidth", "1"]] });
        if (c.max > w.col) out.push({ ...c, min: w.col + 1, raw: undefined });
        done = true;
      }
      if (!done) out.push({ min: w.col, max: w.col, attrs: [["width", String(w.width)], ["customWidth", "1"]] });
      list = out.sort((a, b) => a.min - b.min);
    }
    const body = list.map((c) => c.raw ?? `<${p}col min="${c.min}" max="${c.max}"${c.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join("")}/>`).join("");
    if (cols) s.replace(cols.start, cols.end, `<${cols.name}>${body}</${cols.name}>`);
    else {
      // <cols> goes right before <sheetData>.
      s.insert(model.sheetData.start, `<${p}cols>${body}</${p}cols>`);
    }
  }

  /** A sheet the tool owns, written whole: created at the end, or its old part replaced in place. */
  writeSheet(w: SheetWrite): void {
    let existing = this.sheets.find((x) => x.name === w.sheet);
    if (existing && w.keepExistingAs) {
      this.renameSheet(existing.name, w.keepExistingAs);
      existing = undefined;
    }
    const xml = (append: (text: string) => void) => this.newSheetXml(w, { append });
    let index: number;
    if (existing && existing.part && existing.kind === "worksheet") {
      this.setSheetXml(existing.part, xml);
      // Whatever hung on the old sheet (its drawing, its notes) went with it.
      this.pkg.remove(relsPathOf(existing.part));
      this.setSheetState(existing.name, w.visibility === "veryHidden" ? "veryHidden" : "visible");
      index = this.sheets.findIndex((x) => x.name === w.sheet);
    } else {
      if (existing) this.removeSheetEntry(existing.name);
      index = this.addSheet(w.sheet, xml, w.visibility === "veryHidden" ? "veryHidden" : "visible");
    }
    const quoted = `'${w.sheet.replace(/'/g, "''")}'`;
    const titles = w.page?.printTitleRows;
    this.setSheetName(index, "_xlnm.Print_Titles", titles ? `${quoted}!$${titles.first}:$${titles.last}` : undefined);
    const area = w.page?.printArea;
    this.setSheetName(index, "_xlnm.Print_Area", area ? `${quoted}!${area.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}` : undefined);
  }

  /** A new sheet's cells, one write per cell (the last one winning), as its box and its <row> elements. */
  private cellsBody(w: SheetWrite): SheetBody {
    const styles = this.styles();
    const key = (row: number, col: number) => row * 16384 + col;
    const all = sheetCells(w);
    // One write per cell, the last one winning; in row then column order.
    const order = all.map((_c, i) => i).sort((i, j) => all[i].row - all[j].row || all[i].col - all[j].col || i - j);
    const cells: CellWrite[] = [];
    order.forEach((i, k) => {
      const c = all[i];
      const next = all[order[k + 1]];
      if (!next || next.row !== c.row || next.col !== c.col) cells.push(c);
    });
    // styleFrom inside a new sheet: the style its source cell gets here, then this cell's own.
    const withSource = all.some((c) => c.styleFrom);
    const byCell = withSource ? new Map(cells.map((c) => [key(c.row, c.col), c])) : undefined;
    const resolved = new Map<number, number>();
    const styleAt = (c: CellWrite): number => {
      if (!c.styleFrom || !byCell) return styles.styleFor(0, this.styleRequest(c));
      const k = key(c.row, c.col);
      let st = resolved.get(k);
      if (st === undefined) {
        const src = byCell.get(key(c.styleFrom.row, c.styleFrom.col));
        st = styles.styleFor(src && src !== c ? styleAt(src) : 0, this.styleRequest(c));
        resolved.set(k, st);
      }
      return st;
    };
    const heights = new Map((w.rowHeights ?? []).map((h) => [h.row, h.height]));
    const rowNums = [...new Set([...cells.map((c) => c.row), ...heights.keys()])].sort((a, b) => a - b);
    let box: Box | null = null;
    for (const c of cells) if (c.content.kind !== "blank" || c.numberFormat) box = grow(box, c.row, c.col);
    return {
      box,
      rows: rowNums.length,
      write: (append) => {
        let i = 0;
        for (const r of rowNums) {
          const h = heights.get(r);
          let row = h !== undefined ? `<row r="${r}" ht="${h}" customHeight="1">` : `<row r="${r}">`;
          while (i < cells.length && cells[i].row < r) i++;
          for (; i < cells.length && cells[i].row === r; i++) row += this.cellXml("", a1(r, cells[i].col), cells[i], styleAt(cells[i])) ?? "";
          append(row + "</row>");
        }
      },
    };
  }

  /**
   * A sheet of text rows (the report) straight from its columns: the same elements as its cells
   * (sheetCells) would give, without an object per cell or a sort of 400,000 of them.
   */
  private textRowsBody(rows: TextRows): SheetBody {
    const styles = this.styles();
    const n = rows.a.length;
    const cellA = (bold: boolean): CellWrite => ({ row: 0, col: 1, content: { kind: "text", text: "" }, bold, wrap: true });
    const a = [cellA(false), cellA(true)];
    const b: CellWrite = { row: 0, col: 2, content: { kind: "text", text: "" }, wrap: true };
    // Each style asked for where its first cell is written, as the cells would ask (the same numbers in styles.xml).
    const styleA: (number | undefined)[] = [undefined, undefined];
    let styleB: number | undefined;
    const anyB = rows.b.some((t) => !!t);
    return {
      box: n ? { top: 1, left: 1, bottom: n, right: anyB ? 2 : 1 } : null,
      rows: n,
      write: (append) => {
        for (let i = 0; i < n; i++) {
          const r = i + 1;
          const bold = rows.bold[i] ? 1 : 0;
          (a[bold].content as { text: string }).text = rows.a[i];
          const sa = (styleA[bold] ??= styles.styleFor(0, this.styleRequest(a[bold])));
          let row = `<row r="${r}">` + (this.cellXml("", a1(r, 1), a[bold], sa) ?? "");
          if (rows.b[i]) {
            (b.content as { text: string }).text = rows.b[i];
            row += this.cellXml("", a1(r, 2), b, (styleB ??= styles.styleFor(0, this.styleRequest(b)))) ?? "";
          }
          append(row + "</row>");
        }
      },
    };
  }

  /** A whole sheet of the tool's own, as UTF-8 (built row by row: a report can have 400,000 cells). */
  private newSheetXml(w: SheetWrite, out: { append: (text: string) => void }): void {
    const body = w.rows && !w.cells.length && !w.rowHeights?.length ? this.textRowsBody(w.rows) : this.cellsBody(w);
    const box = body.box;
    const page = w.page;
    // A Strict (ISO 29500) workbook gets its sheets in the Strict namespaces too.
    const strict = this.wbRoot().ns === NS.main[1] ? 1 : 0;
    out.append(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS.main[strict]}" xmlns:r="${NS.rel[strict]}">`);
    if (page && page.fitToWidth) out.append(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`);
    out.append(`<dimension ref="${box ? `${a1(box.top, box.left)}:${a1(box.bottom, box.right)}` : "A1"}"/>`);
    if (w.freezeRows) {
      out.append(
        `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${w.freezeRows}" topLeftCell="A${w.freezeRows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${w.freezeRows + 1}" sqref="A${w.freezeRows + 1}"/></sheetView></sheetViews>`,
      );
    } else out.append(`<sheetViews><sheetView workbookViewId="0"/></sheetViews>`);
    out.append(`<sheetFormatPr defaultRowHeight="15"/>`);
    const widths = [...new Map((w.columnWidths ?? []).map((c) => [c.col, c.width])).entries()].sort((a, b) => a[0] - b[0]);
    if (widths.length) out.append(`<cols>${widths.map(([c, wd]) => `<col min="${c}" max="${c}" width="${wd}" customWidth="1"/>`).join("")}</cols>`);
    if (!body.rows) out.append("<sheetData/>");
    else {
      out.append("<sheetData>");
      body.write((text) => out.append(text));
      out.append("</sheetData>");
    }
    // No password: protection says "generated, not edited", it does not lock the user out.
    if (w.protect) out.append(`<sheetProtection sheet="1" objects="1" scenarios="1"/>`);
    if (w.merges?.length) out.append(`<mergeCells count="${w.merges.length}">${w.merges.map((m) => `<mergeCell ref="${escapeAttr(m)}"/>`).join("")}</mergeCells>`);
    out.append(pageXml(page));
    out.append("</worksheet>");
  }

  private addSheet(name: string, xml: (append: (text: string) => void) => void, state: Visibility): number {
    const dir = this.wbPart.replace(/[^/]*$/, "") + "worksheets/";
    let n = 1;
    while (this.pkg.has(`${dir}sheet${n}.xml`)) n++;
    const part = `${dir}sheet${n}.xml`;
    this.pkg.writePart(part, xml);
    this.pkg.setContentType(part, WORKSHEET_TYPE);
    const rid = this.pkg.addRel(this.wbPart, `${this.relNs()}/worksheet`, part);
    const wx = this.wbXml();
    const root = parseXml(wx);
    const sheets = this.mainChild(root, "sheets");
    if (!sheets) throw new PackageError("workbook.xml has no <sheets>");
    const ids = sheets.children.map((c) => Number(c.attrs.sheetId) || 0);
    const sheetId = Math.max(0, ...ids) + 1;
    const p = prefixFor(root, NS.main) ?? "";
    const rp = prefixFor(sheets, NS.rel);
    const rAttr = rp !== undefined && rp !== "" ? `${rp}id="${rid}"` : `xmlns:r="${NS.rel[root.ns === NS.main[1] ? 1 : 0]}" r:id="${rid}"`;
    const st = state === "visible" ? "" : ` state="${state}"`;
    const el = `<${p}sheet name="${escapeAttr(name)}" sheetId="${sheetId}"${st} ${rAttr}/>`;
    const s = new Splicer(wx);
    if (sheets.closeStart === sheets.end) s.replace(sheets.openEnd - 2, sheets.end, `>${el}</${sheets.name}>`);
    else s.insert(sheets.closeStart, el);
    this.setWorkbookXml(s.toString());
    return sheets.children.filter((c) => c.local === "sheet").length;
  }

  private sheetNode(root: XNode, name: string): XNode | undefined {
    return this.mainChild(root, "sheets")?.children.find((c) => c.local === "sheet" && c.attrs.name === name);
  }

  renameSheet(from: string, to: string): void {
    const wx = this.wbXml();
    const node = this.sheetNode(parseXml(wx), from);
    if (!node) throw new Error(`no sheet ${from}`);
    const e = setAttr(wx, node, "name", to);
    const s = new Splicer(wx);
    s.replace(e.from, e.to, e.text);
    this.setWorkbookXml(s.toString());
  }

  private setSheetState(name: string, state: Visibility): void {
    const wx = this.wbXml();
    const node = this.sheetNode(parseXml(wx), name);
    if (!node) return;
    const cur = node.attrs.state ?? "visible";
    if (cur === state) return;
    const s = new Splicer(wx);
    const e = setAttr(wx, node, "state", state);
    s.replace(e.from, e.to, e.text);
    this.setWorkbookXml(s.toString());
  }

  private removeSheetEntry(name: string): void {
    const wx = this.wbXml();
    const node = this.sheetNode(parseXml(wx), name);
    if (!node) return;
    const s = new Splicer(wx);
    s.replace(node.start, node.end, "");
    this.setWorkbookXml(s.toString());
  }

  /** A defined name local to the sheet at `index` (print titles, print area), set or removed. */
  private setSheetName(index: number, name: string, formula: string | undefined): void {
    const wx = this.wbXml();
    const root = parseXml(wx);
    const dn = this.mainChild(root, "definedNames");
    const old = dn?.children.find((c) => c.local === "definedName" && c.attrs.name === name && Number(c.attrs.localSheetId) === index);
    if (formula === undefined && !old) return;
    const p = prefixFor(root, NS.main) ?? "";
    const s = new Splicer(wx);
    const el = formula !== undefined ? `<${p}definedName name="${name}" localSheetId="${index}">${escapeText(formula)}</${p}definedName>` : "";
    if (old) s.replace(old.start, old.end, el);
    else if (dn) {
      if (dn.closeStart === dn.end) s.replace(dn.openEnd - 2, dn.end, `>${el}</${dn.name}>`);
      else s.insert(dn.closeStart, el);
    } else {
      const before = this.afterSheetsAt(root);
      s.insert(before, `<${p}definedNames>${el}</${p}definedNames>`);
    }
    this.setWorkbookXml(s.toString());
  }

  /** Where definedNames or calcPr go: after sheets, functionGroups, externalReferences, definedNames. */
  private afterSheetsAt(root: XNode, withDefinedNames = false): number {
    const names = ["sheets", "functionGroups", "externalReferences", ...(withDefinedNames ? ["definedNames"] : [])];
    let at = -1;
    for (const c of root.children) if (names.includes(c.local)) at = c.end;
    return at < 0 ? root.closeStart : at;
  }

  /**
   * What every write ends with: the workbook recalculates on open (fullCalcOnLoad) and the
   * calculation chain, which lists formula cells that may have changed, goes (Excel rebuilds it).
   */
  markForRecalc(): void {
    const wx = this.wbXml();
    const root = parseXml(wx);
    const calc = this.mainChild(root, "calcPr");
    const s = new Splicer(wx);
    if (calc) {
      if (calc.attrs.fullCalcOnLoad !== "1" && calc.attrs.fullCalcOnLoad !== "true") {
        const e = setAttr(wx, calc, "fullCalcOnLoad", "1");
        s.replace(e.from, e.to, e.text);
      }
    } else {
      const p = prefixFor(root, NS.main) ?? "";
      s.insert(this.afterSheetsAt(root, true), `<${p}calcPr fullCalcOnLoad="1"/>`);
    }
    if (s.size) this.setWorkbookXml(s.toString());
    this.flushStyles();
    for (const r of this.pkg.rels(this.wbPart).filter((x) => relKind(x.type) === "calcChain")) {
      if (!r.external) {
        this.pkg.remove(r.part);
        this.pkg.removeContentType(r.part);
      }
      this.pkg.removeRels(this.wbPart, (x) => x.id === r.id);
    }
  }

  /** Template or workbook, macro-enabled or not, from the workbook part's content type. */
  get kind(): PackageKind {
    const ct = this.pkg.contentType(this.wbPart) ?? "";
    const found = (Object.keys(CT) as PackageKind[]).find((k) => CT[k] === ct);
    return found ?? "xlsx";
  }

  /** Makes the package a template or a workbook (macro-enabled stays as it is). */
  setTemplate(template: boolean): void {
    const k = this.kind;
    const macro = k === "xlsm" || k === "xltm";
    const want: PackageKind = macro ? (template ? "xltm" : "xlsm") : template ? "xltx" : "xlsx";
    if (want !== k) this.pkg.setContentType(this.wbPart, CT[want]);
  }
}

/** A new sheet's contents: the box its cells fill, how many rows, and its <row> elements written out. */
interface SheetBody {
  box: Box | null;
  rows: number;
  write: (append: (text: string) => void) => void;
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function grow(b: Box | null, row: number, col: number): Box {
  if (!b) return { top: row, left: col, bottom: row, right: col };
  return { top: Math.min(b.top, row), left: Math.min(b.left, col), bottom: Math.max(b.bottom, row), right: Math.max(b.right, col) };
}

const CM_PER_INCH = 2.54;

function pageXml(page: PageSetup | undefined): string {
  const m = page?.margins;
  const inch = (cm: number) => String(Math.round((cm / CM_PER_INCH) * 10000) / 10000);
  const margins = m
    ? `<pageMargins left="${inch(m.left)}" right="${inch(m.right)}" top="${inch(m.top)}" bottom="${inch(m.bottom)}" header="0.3" footer="0.3"/>`
    : `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`;
  if (!page) return margins;
  const opts = page.centerHorizontally ? `<printOptions horizontalCentered="1"/>` : "";
  const setup = `<pageSetup paperSize="9" orientation="${page.orientation}"${page.fitToWidth ? ` fitToWidth="${page.fitToWidth}" fitToHeight="0"` : ""}/>`;
  const footer = page.pageNumbers ? `<headerFooter><oddFooter>${escapeText("&C第 &P 页 共 &N 页")}</oddFooter></headerFooter>` : "";
  return opts + margins + setup + footer;
}
