/**
 * The browser preview's host: an in-memory workbook (exceljs, the same file host the command line
 * uses) loaded from the bundled sample, with what a person needs to watch it: a change signal for
 * the grid, the cell an issue selects, and what each written formula must show once recalculated.
 */
import ExcelJS from "exceljs";
import { a1, WritePlan } from "../core";
import { XlsxHost } from "../xlsx/host";

export interface Expectation {
  sheet: string;
  cell: string;
  expect: string;
}

export class PreviewHost extends XlsxHost {
  selected: { sheet: string; cell: string } | null = null;
  /** Formula cells the add-in wrote, with the value each must show (decimal.js). */
  expectations = new Map<string, Expectation>();
  private listeners = new Set<() => void>();

  static async fromUrl(url: string): Promise<PreviewHost> {
    const data = await (await fetch(url)).arrayBuffer();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data);
    return new PreviewHost(wb);
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
    return (await this.workbook.xlsx.writeBuffer()) as ArrayBuffer;
  }
}

