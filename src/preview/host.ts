/**
 * The browser's host: an in-memory workbook (the file host the command line uses, on the same
 * package layer) — the bundled sample in the preview, the user's own file on the standalone page —
 * with what a person needs to watch and edit it: a change signal for the grid, the cell an issue
 * selects, what each written formula must show once recalculated, and cells typed by hand.
 */
import { a1, CellValue, isCellError, parseA1, parseRange, sheetCells, WritePlan } from "../core";
import type { Workbook } from "../ooxml";
import { sheetSnapshot, typedContent, XlsxHost } from "../xlsx/host";

export interface Expectation {
  sheet: string;
  cell: string;
  expect: string;
}

/** One cell as the grid draws it. */
export interface GridCell {
  value: CellValue;
  formula: string | null;
  numFmt: string | null;
  bold: boolean;
  /** Covered by a merged range whose first cell is elsewhere. */
  covered: boolean;
  /** The first cell of a merged range: the columns it spans (1 for any other cell). */
  span: number;
  /** Covered, in the first row of its range: the first cell is drawn across it. */
  spanned: boolean;
}

export interface GridSheet {
  name: string;
  rows: number;
  cols: number;
  cell(row: number, col: number): GridCell;
  /** A column's width in Excel's units (characters of the default font). */
  width(col: number): number;
}

/** Why a cell cannot be typed into on the page (nothing is written). */
export type EditProblem = { sheet: string; cell: string } & ({ kind: "formula" } | { kind: "protected" } | { kind: "notWorksheet" } | { kind: "tooLong"; max: number });

/** Excel's limit on the text of a cell. */
export const MAX_CELL_TEXT = 32767;

const DEFAULT_WIDTH = 8.43;

/** The text an editor starts from: what the cell holds, not how its format shows it. */
export function editText(v: CellValue): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (isCellError(v)) return v.error;
  return String(v);
}

export class PreviewHost extends XlsxHost {
  selected: { sheet: string; cell: string } | null = null;
  /** Formula cells the add-in wrote, with the value each must show (decimal.js). */
  expectations = new Map<string, Expectation>();
  /** Written formulas whose inputs were typed over since: what they show waits for 一键重算. */
  stale = new Set<string>();
  /** Cells typed on the page since a run last wrote every formula that reads them. */
  edits = 0;
  /** Whether anything was written since the workbook was opened (or saved). */
  dirty = false;
  private listeners = new Set<() => void>();
  private grids = new Map<string, GridSheet>();

  constructor(readonly model: Workbook) {
    super(model);
  }

  /** A workbook from its bytes (a package, or a CSV file); DamagedWorkbookError when it is none. */
  static async open(data: Uint8Array | ArrayBuffer, kind: "xlsx" | "csv"): Promise<PreviewHost> {
    return new PreviewHost(await (await XlsxHost.fromBuffer(data, kind)).workbook());
  }

  static async fromUrl(url: string): Promise<PreviewHost> {
    return PreviewHost.open(await (await fetch(url)).arrayBuffer(), "xlsx");
  }

  /** The sheets a person sees (not the hidden ones), in order. */
  visibleSheets(): string[] {
    return this.model.sheets.filter((s) => s.state === "visible").map((s) => s.name);
  }

  /** A sheet's cells as the grid draws them (read once per change of the workbook). */
  grid(name: string): GridSheet {
    const known = this.grids.get(name);
    if (known) return known;
    const made = this.readGrid(name);
    this.grids.set(name, made);
    return made;
  }

  private readGrid(name: string): GridSheet {
    const info = this.model.sheets.find((s) => s.name === name);
    const snap = sheetSnapshot(this.model, name, info?.state);
    const cells = this.model.sheet(name);
    const bold = new Set<string>();
    const styles = this.model.styles();
    for (const row of cells?.rows ?? []) for (const c of row.cells) if (styles.boldOf(c.s)) bold.add(`${c.row},${c.col}`);
    const covered = new Set<string>();
    const spans = new Map<string, number>();
    const spanned = new Set<string>();
    for (const ref of this.model.merges(name)) {
      const m = parseRange(ref.replace(/\$/g, ""));
      spans.set(`${m.top},${m.left}`, m.right - m.left + 1);
      for (let c = m.left + 1; c <= m.right; c++) spanned.add(`${m.top},${c}`);
      for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r},${c}`);
    }
    const widths = new Map<number, number>();
    let fallback = DEFAULT_WIDTH;
    for (const el of cells?.root.children ?? []) {
      if (el.local === "sheetFormatPr" && Number(el.attrs.defaultColWidth) > 0) fallback = Number(el.attrs.defaultColWidth);
      if (el.local !== "cols") continue;
      for (const c of el.children)
        if (c.local === "col" && Number(c.attrs.width) > 0) for (let i = Number(c.attrs.min); i <= Math.min(Number(c.attrs.max), 1024); i++) widths.set(i, Number(c.attrs.width));
    }
    this.model.dropCache(); // the cells are in the snapshot now
    return {
      name,
      rows: snap.values.length,
      cols: snap.values.reduce((w, r) => Math.max(w, r.length), 0),
      cell: (row, col) => ({
        value: snap.values[row - 1]?.[col - 1] ?? null,
        formula: snap.formulas?.[row - 1]?.[col - 1] ?? null,
        numFmt: snap.numberFormats?.[row - 1]?.[col - 1] ?? null,
        bold: bold.has(`${row},${col}`),
        covered: covered.has(`${row},${col}`),
        span: spans.get(`${row},${col}`) ?? 1,
        spanned: spanned.has(`${row},${col}`),
      }),
      width: (col) => widths.get(col) ?? fallback,
    };
  }

  onChange(f: () => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  private changed(): void {
    for (const f of this.listeners) f();
  }

  /** Writes a plan into the package: the grid reads again, the workbook has changes to save. */
  private async write(plan: WritePlan): Promise<void> {
    await super.apply(plan);
    this.grids.clear();
    this.dirty = true;
  }

  override async apply(plan: WritePlan): Promise<void> {
    await this.write(plan);
    for (const part of [...plan.edits, ...plan.sheets])
      for (const c of sheetCells(part)) {
        const key = `${part.sheet}!${a1(c.row, c.col)}`;
        this.stale.delete(key);
        if (c.content.kind === "formula" && c.expect !== undefined) this.expectations.set(key, { sheet: part.sheet, cell: a1(c.row, c.col), expect: c.expect });
        else this.expectations.delete(key);
      }
    if (this.stale.size === 0) this.edits = 0;
    this.changed();
  }

  /** Why this cell cannot be typed into, or null when it can. */
  editProblem(sheet: string, row: number, col: number): EditProblem | null {
    const cell = a1(row, col);
    const info = this.model.sheets.find((s) => s.name === sheet);
    if (!info || info.kind !== "worksheet" || !this.model.sheet(sheet)) return { kind: "notWorksheet", sheet, cell };
    const g = this.grid(sheet);
    if (this.model.sheet(sheet)!.root.children.some((c) => c.local === "sheetProtection" && (c.attrs.sheet === "1" || c.attrs.sheet === "true"))) return { kind: "protected", sheet, cell };
    if (g.cell(row, col).formula) return { kind: "formula", sheet, cell };
    return null;
  }

  /**
   * A cell typed on the page: plain numbers as numbers, everything else as text (= + - @ too), in
   * the cell's own style. Formulas the add-in wrote that read it (on its sheet, or naming it) wait
   * for 一键重算. Returns what stopped it; then nothing is written.
   */
  async edit(sheet: string, row: number, col: number, text: string): Promise<EditProblem | null> {
    const problem = this.editProblem(sheet, row, col);
    if (problem) return problem;
    if (text.length > MAX_CELL_TEXT) return { kind: "tooLong", sheet, cell: a1(row, col), max: MAX_CELL_TEXT };
    await this.write({ edits: [{ sheet, cells: [{ row, col, content: typedContent(text) }] }], sheets: [] });
    this.edits++;
    this.markStale(sheet);
    this.changed();
    return null;
  }

  /** Written formulas on this sheet, or naming it, and so on through the sheets they are on. */
  private markStale(sheet: string): void {
    const sheets = new Set([sheet]);
    const reads = (formula: string, on: string) => [...sheets].some((s) => s === on || formula.includes(`${s}!`) || formula.includes(`'${s.replace(/'/g, "''")}'!`));
    for (let grew = true; grew; ) {
      grew = false;
      for (const [key, e] of this.expectations) {
        if (this.stale.has(key)) continue;
        const at = parseA1(e.cell);
        const formula = this.grid(e.sheet).cell(at.row, at.col).formula;
        if (!formula || !reads(formula, e.sheet)) continue;
        this.stale.add(key);
        if (!sheets.has(e.sheet)) {
          sheets.add(e.sheet);
          grew = true;
        }
      }
    }
  }

  async selection(): Promise<{ sheet: string; address: string } | null> {
    return this.selected ? { sheet: this.selected.sheet, address: this.selected.cell } : null;
  }

  async select(sheet: string, cell: string): Promise<void> {
    this.selected = { sheet, cell };
    this.changed();
  }

  /** The workbook as a file of its kind (what Excel would save); nothing left to save after it. */
  async saveXlsx(): Promise<ArrayBuffer> {
    const bytes = await this.toBuffer();
    this.dirty = false;
    this.changed();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
}
