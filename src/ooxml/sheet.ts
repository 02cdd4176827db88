/**
 * A worksheet part read in one pass: its top-level elements (everything but the cells, kept as
 * spans of the text), and every row and cell that exists, each with where it sits in the text —
 * so a cell can be replaced without touching its neighbours. Only cells that exist are read: a
 * sheet that declares rows down to 1048576 costs what it holds.
 */
import { NS } from "./package";
import { decodeEntities, innerText, parseAttrs, parseXml, prefixFor, skipMarkup, tagEnd, XmlError, XNode } from "./xml";

export interface FormulaRec {
  /** The formula text as written (for a shared child: empty). */
  text: string;
  /** "normal", "shared", "array" or "dataTable". */
  type: string;
  ref?: string;
  si?: string;
}

export interface CellRec {
  row: number;
  col: number;
  /** Span of the <c> element in the part's text. */
  start: number;
  end: number;
  /** Style index (0 when absent). */
  s: number;
  hasS: boolean;
  /** Cell type attribute ("" for numbers). */
  t: string;
  /** Text of <v>, entities decoded; null when absent. */
  v: string | null;
  /** Inline string text. */
  is: string | null;
  f: FormulaRec | null;
}

export interface RowRec {
  r: number;
  start: number;
  openEnd: number;
  closeStart: number;
  end: number;
  attrs: Record<string, string>;
  cells: CellRec[];
}

export interface SheetModel {
  xml: string;
  root: XNode;
  /** Prefix of the main namespace in this part ("" or "x:"). */
  p: string;
  sheetData: XNode;
  rows: RowRec[];
}

/** Column number of "AB12" → 28 (0 when it is no address). */
export function colOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~32;
    if (c >= 65 && c <= 90) n = n * 26 + c - 64;
    else if (c !== 36) break; // "$"
  }
  return n;
}

export function rowOf(ref: string): number {
  const m = /(\d+)$/.exec(ref);
  return m ? Number(m[1]) : 0;
}

/** Excel's escapes in strings: _x000D_ is a carriage return, _x005F_ a literal underscore. */
export function unescapeXstring(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function escapeXstring(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/_(x[0-9A-Fa-f]{4}_)|[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]/g, (m, esc: string | undefined) =>
    esc ? `_x005F_${esc}` : `_x${m.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
  );
}

/**
 * The text of a string item (<si>, <is>): its own <t> and the <t> of its runs, not the phonetic
 * guides (<rPh>) that Japanese files carry.
 */
export function stringItemText(xml: string, from: number, to: number): string {
  let out = "";
  let inPh = 0;
  for (let tag = nextTag(xml, from, to); tag; tag = nextTag(xml, tag.after, to)) {
    const local = tag.name.slice(tag.name.indexOf(":") + 1);
    if (local === "rPh") {
      if (tag.closing) inPh--;
      else if (!tag.empty) inPh++;
    } else if (local === "t" && !tag.closing && !tag.empty) {
      const close = closeOf(xml, tag.name, tag.gt);
      if (!inPh) out += innerText(xml, tag.gt + 1, close);
      tag.after = tagEnd(xml, close) + 1;
    }
  }
  return unescapeXstring(out);
}

/** All <si> of sharedStrings.xml, in order. */
export function readSharedStrings(xml: string): string[] {
  const root = parseXml(xml, { skip: (l) => l === "si" });
  const out: string[] = [];
  for (const si of root.children) if (si.local === "si") out.push(si.closeStart === si.end ? "" : stringItemText(xml, si.openEnd, si.closeStart));
  return out;
}

/**
 * A worksheet part: its elements and rows, and (unless `cells` is false: only where each row is,
 * for a write that touches a few rows or needs little memory) every cell.
 */
export function readSheet(xml: string, opts: { cells?: boolean } = {}): SheetModel {
  const withCells = opts.cells !== false;
  const root = parseXml(xml, { skip: (l) => l === "sheetData" });
  if (root.local !== "worksheet" && root.local !== "chartsheet" && root.local !== "dialogsheet") throw new XmlError(`a worksheet part whose root is <${root.name}>`);
  const p = prefixFor(root, NS.main) ?? "";
  const sheetData = root.children.find((c) => c.local === "sheetData");
  if (!sheetData) {
    // A chart sheet or dialog sheet: no cells.
    return { xml, root, p, sheetData: { ...root, children: [], start: root.closeStart, end: root.closeStart, openEnd: root.closeStart, closeStart: root.closeStart }, rows: [] };
  }
  const rows: RowRec[] = [];
  const rowName = `${p}row`;
  const cName = `${p}c`;
  let i = sheetData.openEnd;
  const to = sheetData.closeStart;
  let lastRow = 0;
  for (let tag = nextTag(xml, i, to); tag; tag = nextTag(xml, i, to)) {
    const { lt, gt, name, empty } = tag;
    if (name !== rowName || tag.closing) {
      // Anything else here (an extLst): skipped whole.
      i = skipElement(xml, tag);
      continue;
    }
    const attrs = parseAttrs(xml, tag.nameEnd, empty ? gt - 1 : gt);
    const r = attrs.r ? Number(attrs.r) : lastRow + 1;
    if (!Number.isInteger(r) || r < 1 || r > 1048576) throw new XmlError(`row number ${attrs.r}`);
    lastRow = r;
    const row: RowRec = { r, start: lt, openEnd: gt + 1, closeStart: gt + 1, end: gt + 1, attrs, cells: [] };
    rows.push(row);
    if (empty) {
      i = gt + 1;
      continue;
    }
    if (!withCells) {
      const close = xml.indexOf(`</${rowName}>`, gt + 1);
      if (close < 0) throw new XmlError("<row> not closed");
      row.closeStart = close;
      row.end = close + rowName.length + 3;
      row.cells = null as unknown as CellRec[];
      i = row.end;
      continue;
    }
    readRowCells(xml, row, cName);
    i = row.end;
  }
  return { xml, root, p, sheetData, rows };
}

/** The cells of a row read with `cells: false` (read once, then kept on the row). */
export function cellsOfRow(model: SheetModel, row: RowRec): CellRec[] {
  if (!row.cells) {
    const end = row.end;
    readRowCells(model.xml, row, `${model.p}c`);
    if (row.end !== end) throw new XmlError(`row ${row.r} read twice differently`);
  }
  return row.cells;
}

/** The cells of a row, read now and not kept (a write that passes over every row once). */
export function scanRowCells(model: SheetModel, row: RowRec): CellRec[] {
  if (row.cells) return row.cells;
  const tmp: RowRec = { ...row, cells: [] };
  readRowCells(model.xml, tmp, `${model.p}c`);
  return tmp.cells;
}

/** Reads the cells of a row from its start tag on; sets the row's end. */
function readRowCells(xml: string, row: RowRec, cName: string): void {
  row.cells = [];
  const r = row.r;
  let lastCol = 0;
  for (let tag = nextTag(xml, row.openEnd, xml.length); ; tag = nextTag(xml, tag.after, xml.length)) {
    if (!tag) throw new XmlError("<row> not closed");
    if (tag.closing) {
      row.closeStart = tag.lt;
      row.end = tag.gt + 1;
      return;
    }
    if (tag.name !== cName) {
      tag.after = skipElement(xml, tag);
      continue;
    }
    const ca = parseAttrs(xml, tag.nameEnd, tag.empty ? tag.gt - 1 : tag.gt);
    const col = ca.r ? colOf(ca.r) : lastCol + 1;
    if (ca.r && rowOf(ca.r) !== r) throw new XmlError(`cell ${ca.r} in row ${r}`);
    if (col < 1 || col > 16384) throw new XmlError(`cell reference ${ca.r}`);
    lastCol = col;
    const cell: CellRec = { row: r, col, start: tag.lt, end: tag.gt + 1, s: ca.s ? Number(ca.s) || 0 : 0, hasS: ca.s !== undefined, t: ca.t ?? "", v: null, is: null, f: null };
    row.cells.push(cell);
    if (tag.empty) continue;
    const close = xml.indexOf(`</${cName}>`, tag.gt + 1);
    if (close < 0) throw new XmlError("<c> not closed");
    cell.end = close + cName.length + 3;
    readCellContent(xml, tag.gt + 1, close, cell);
    tag.after = cell.end;
  }
}

interface Tag {
  lt: number;
  gt: number;
  name: string;
  nameEnd: number;
  closing: boolean;
  empty: boolean;
  /** Where reading goes on (after this tag, unless a reader moves it past the element). */
  after: number;
}

/** The next start or end tag in [from, to), comments and processing instructions passed over. */
function nextTag(xml: string, from: number, to: number): Tag | null {
  let i = from;
  while (i < to) {
    const lt = xml.indexOf("<", i);
    if (lt < 0 || lt >= to) return null;
    const sk = skipMarkup(xml, lt);
    if (sk >= 0) {
      i = sk;
      continue;
    }
    const gt = tagEnd(xml, lt);
    const closing = xml.charCodeAt(lt + 1) === 47;
    const start = lt + (closing ? 2 : 1);
    const nameEnd = nameEndOf(xml, start, gt);
    return { lt, gt, name: xml.slice(start, nameEnd), nameEnd, closing, empty: !closing && xml.charCodeAt(gt - 1) === 47, after: gt + 1 };
  }
  return null;
}

/** Past the element this tag opens (elements of one name do not nest where this is used). */
function skipElement(xml: string, tag: Tag): number {
  return tag.empty || tag.closing ? tag.gt + 1 : tagEnd(xml, closeOf(xml, tag.name, tag.gt)) + 1;
}

function nameEndOf(xml: string, from: number, gt: number): number {
  let n = from;
  while (n < gt) {
    const c = xml.charCodeAt(n);
    if (c <= 32 || c === 47 || c === 62) break;
    n++;
  }
  return n;
}

function closeOf(xml: string, name: string, from: number): number {
  const c = xml.indexOf(`</${name}`, from);
  if (c < 0) throw new XmlError(`<${name}> not closed`);
  return c;
}

/** <v>, <f> and <is> of a cell. */
function readCellContent(xml: string, from: number, to: number, cell: CellRec): void {
  for (let tag = nextTag(xml, from, to); tag; tag = nextTag(xml, tag.after, to)) {
    const { name, gt, empty } = tag;
    const local = name.slice(name.indexOf(":") + 1);
    const close = empty ? gt + 1 : closeOf(xml, name, gt);
    if (local === "v") cell.v = empty ? "" : decodeEntities(xml.slice(gt + 1, close));
    else if (local === "f") {
      const a = parseAttrs(xml, tag.nameEnd, empty ? gt - 1 : gt);
      cell.f = { text: empty ? "" : innerText(xml, gt + 1, close), type: a.t ?? "normal", ref: a.ref, si: a.si };
    } else if (local === "is") cell.is = empty ? "" : stringItemText(xml, gt + 1, close);
    tag.after = empty ? gt + 1 : tagEnd(xml, close) + 1;
  }
}
