/**
 * The browser preview's host: an in-memory workbook (the file host the command line uses, on the
 * same package layer) loaded from the bundled sample, with what a person needs to watch it: a
 * change signal for the grid, the cell an issue selects, and what each written formula must show
 * once recalculated.
 */
import { a1, CellValue, WritePlan } from "../core";
import type { Workbook } from "../ooxml";
import { sheetSnapshot, XlsxHost } from "../xlsx/host";

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
}

export interface GridSheet {
  name: string;
  rows: number;
  cols: number;
  cell(row: number, col: number): GridCell;
}

export class PreviewHost extends XlsxHost {
  selected: { sheet: string; cell: string } | null = null;
  /** Formula cells the add-in wrote, with the value each must show (decimal.js). */
  expectations = new Map<string, Expectation>();
  private listeners = new Set<() => void>();

  constructor(readonly model: Workbook) {
    super(model);
  }

  static async fromUrl(url: string): Promise<PreviewHost> {
    const data = await (await fetch(url)).arrayBuffer();
    const file = await XlsxHost.fromBuffer(data, "xlsx");
    return new PreviewHost(await file.workbook());
  }

  /** The sheets a person sees (not the hidden ones), in order. */
  visibleSheets(): string[] {
    return this.model.sheets.filter((s) => s.state === "visible").map((s) => s.name);
  }

  /** A sheet's cells as the grid draws them. */
  grid(name: string): GridSheet {
    const info = this.model.sheets.find((s) => s.name === name);
    const snap = sheetSnapshot(this.model, name, info?.state);
    const cells = this.model.sheet(name);
    const bold = new Map<string, boolean>();
    for (const row of cells?.rows ?? []) for (const c of row.cells) bold.set(`${c.row},${c.col}`, this.model.styles().boldOf(c.s));
    const covered = new Set<string>();
    for (const ref of this.model.merges(name)) {
      const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(ref);
      if (!m) continue;
      const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      for (let r = Number(m[2]); r <= Number(m[4]); r++) for (let c = col(m[1]); c <= col(m[3]); c++) if (r !== Number(m[2]) || c !== col(m[1])) covered.add(`${r},${c}`);
    }
    return {
      name,
      rows: snap.values.length,
      cols: snap.values.reduce((w, r) => Math.max(w, r.length), 0),
      cell: (row, col) => ({
        value: snap.values[row - 1]?.[col - 1] ?? null,
        formula: snap.formulas?.[row - 1]?.[col - 1] ?? null,
        numFmt: snap.numberFormats?.[row - 1]?.[col - 1] ?? null,
        bold: bold.get(`${row},${col}`) ?? false,
        covered: covered.has(`${row},${col}`),
      }),
    };
  }

  onChange(f: () => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  private changed(): void {
    for (const f of this.listeners) f();
  }

  override async apply(plan: WritePlan): Promise<void> {
    await super.apply(plan);
    for (const part of [...plan.edits, ...plan.sheets])
      for (const c of part.cells) {
        const key = `${part.sheet}!${a1(c.row, c.col)}`;
        if (c.content.kind === "formula" && c.expect !== undefined) this.expectations.set(key, { sheet: part.sheet, cell: a1(c.row, c.col), expect: c.expect });
        else this.expectations.delete(key);
      }
    this.changed();
  }

  async selection(): Promise<{ sheet: string; address: string } | null> {
    return this.selected ? { sheet: this.selected.sheet, address: this.selected.cell } : null;
  }

  async select(sheet: string, cell: string): Promise<void> {
    this.selected = { sheet, cell };
    this.changed();
  }

  /** The workbook as an .xlsx file (what Excel would save). */
  async saveXlsx(): Promise<ArrayBuffer> {
    const bytes = await this.toBuffer();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
}
