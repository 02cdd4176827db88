/** Building small workbooks for tests, and running the command line in-process. */
import ExcelJS from "exceljs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../../src/cli/selfeval";
import { XlsxHost } from "../../src/xlsx/host";
import type { SheetSnapshot } from "../../src/core";

export type Cell = string | number | boolean | null | { formula: string; result?: number } | { error: string };

export interface SheetSpec {
  name: string;
  rows: Cell[][];
  /** Where rows[0][0] goes (default A1). */
  at?: { row: number; col: number };
  formats?: Record<string, string>;
  /** Make the block an Excel Table (first row = headers). */
  table?: string;
}

export function workbook(...sheets: SheetSpec[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    const r0 = s.at?.row ?? 1;
    const c0 = s.at?.col ?? 1;
    if (s.table) {
      const [head, ...body] = s.rows;
      ws.addTable({
        name: s.table,
        ref: ws.getCell(r0, c0).address,
        headerRow: true,
        columns: head.map((h) => ({ name: String(h) })),
        rows: body.map((r) => r.map((v) => (v && typeof v === "object" && "error" in v ? null : v)) as ExcelJS.CellValue[]),
      });
      continue;
    }
    s.rows.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v === null) return;
        const cell = ws.getCell(r0 + i, c0 + j);
        cell.value = v as ExcelJS.CellValue;
      }),
    );
    for (const [addr, fmt] of Object.entries(s.formats ?? {})) ws.getCell(addr).numFmt = fmt;
  }
  return wb;
}

/** A file host on the workbook built here (saved by exceljs, opened by the file host). */
export function hostOf(wb: ExcelJS.Workbook): XlsxHost {
  return XlsxHost.from(toBuffer(wb));
}

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function loadBuffer(buf: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** What the host's workbook holds now, opened in exceljs (to look at cells; a copy, not live). */
export async function view(host: XlsxHost): Promise<ExcelJS.Workbook> {
  return loadBuffer(await host.toBuffer());
}

/**
 * An edit made in another program: the host's workbook opened in exceljs, changed by `change`,
 * saved, and handed back to the host.
 */
export async function edit(host: XlsxHost, change: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = await view(host);
  change(wb);
  host.replaceWith(await toBuffer(wb));
}

/** One sheet as the file host reads it, from a workbook built here or the bytes of a file. */
export async function snapshotSheet(data: ExcelJS.Workbook | Uint8Array, name: string): Promise<SheetSnapshot> {
  const host = data instanceof Uint8Array ? await XlsxHost.fromBuffer(data, "xlsx") : hostOf(data);
  const s = (await host.read()).sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** A host on a workbook saved by another program (LibreOffice's output, say), from exceljs. */
export async function hostFrom(wb: ExcelJS.Workbook): Promise<XlsxHost> {
  return XlsxHost.fromBuffer(await toBuffer(wb), "xlsx");
}

export function tempDir(prefix = "selfeval-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (s) => (out += s + "\n"), err: (s) => (err += s + "\n") });
  return { code, out, err };
}

export const SAMPLE = path.join(__dirname, "..", "..", "assets", "samples", "bishan-2020.xlsx");
export const FIXTURES = path.join(__dirname, "..", "fixtures");

/**
 * The bundled sample's fund table alone (its other sheets — budget, targets, 基本信息 — carry the
 * seed's deliberate contradictions): for tests of the fund table and of reruns that expect no issues.
 */
export async function fundOnlySample(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  for (const ws of [...wb.worksheets]) if (ws.name !== "项目资金表") wb.removeWorksheet(ws.id);
  const file = path.join(tempDir("sample-"), "fund-only.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

/** Section 三（一）–（四）of a whole report: from 三、 up to the conclusion or 四、. */
export function sectionThreeOf(lines: string[]): string[] {
  const start = lines.indexOf("三、绩效评价情况及结论");
  const end = lines.findIndex((l, i) => i > start && (l === "（五）评价结论" || l.startsWith("四、")));
  return lines.slice(start, end);
}
