/**
 * The file host: an .xlsx (or .csv) workbook in memory through exceljs, for the command line,
 * batch runs and tests. It reads every sheet; it writes a plan in one pass.
 */
import ExcelJS from "exceljs";
import { CellValue, CellWrite, errorFromText, parseCsv, ReadRequest, SheetSnapshot, SheetWrite, WorkbookHost, WorkbookSnapshot, WritePlan } from "../core";

type ExcelCellValue = ExcelJS.CellValue;

/** exceljs cell value → snapshot value (formula cells: their cached result, read with cell.result). */
export function toCellValue(cell: ExcelJS.Cell): CellValue {
  const v: ExcelCellValue = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "string") return errorFromText(v) ?? v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("formula" in v || "sharedFormula" in v) {
      const r = cell.result as unknown;
      if (r === undefined || r === null) return null;
      if (typeof r === "object" && r !== null && "error" in r) return { error: String((r as { error: string }).error) };
      if (r instanceof Date) return r.toISOString().slice(0, 10);
      return r as number | string | boolean;
    }
    if ("error" in v) return { error: String(v.error) };
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("text" in v) return String(v.text);
  }
  return String(v);
}

export function sheetSnapshot(ws: ExcelJS.Worksheet): SheetSnapshot {
  const rows = ws.rowCount;
  const cols = ws.columnCount;
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  const numberFormats: (string | null)[][] = [];
  for (let r = 1; r <= rows; r++) {
    const vr: CellValue[] = [];
    const fr: (string | null)[] = [];
    const nr: (string | null)[] = [];
    const row = ws.getRow(r);
    for (let c = 1; c <= cols; c++) {
      const cell = row.getCell(c);
      vr.push(toCellValue(cell));
      const isFormula = cell.type === ExcelJS.ValueType.Formula;
      fr.push(isFormula ? "=" + cell.formula : null);
      nr.push(cell.numFmt ?? null);
    }
    values.push(vr);
    formulas.push(fr);
    numberFormats.push(nr);
  }
  const visibility = ws.state === "veryHidden" ? "veryHidden" : ws.state === "hidden" ? "hidden" : "visible";
  return { name: ws.name, top: 1, left: 1, values, formulas, numberFormats, visibility };
}

function tablesOf(wb: ExcelJS.Workbook): WorkbookSnapshot["tables"] {
  const out: NonNullable<WorkbookSnapshot["tables"]> = [];
  wb.eachSheet((ws) => {
    const tables = (ws as unknown as { tables?: Record<string, { table?: { name: string; tableRef?: string; ref?: string; totalsRow?: boolean } }> }).tables ?? {};
    for (const t of Object.values(tables)) {
      const model = t.table;
      const ref = model?.tableRef ?? model?.ref;
      if (model && ref) out.push({ name: model.name, sheet: ws.name, range: ref, showTotals: !!model.totalsRow });
    }
  });
  return out;
}

function applyCell(ws: ExcelJS.Worksheet, w: CellWrite): void {
  const cell = ws.getCell(w.row, w.col);
  if (w.styleFrom) {
    const src = ws.getCell(w.styleFrom.row, w.styleFrom.col);
    cell.style = JSON.parse(JSON.stringify(src.style ?? {})) as Partial<ExcelJS.Style>;
  }
  switch (w.content.kind) {
    case "formula":
      // No result: the file carries no stale cached value; Excel and LibreOffice compute it on load.
      cell.value = { formula: w.content.formula.replace(/^=/, "") } as ExcelJS.CellFormulaValue;
      break;
    case "number":
      cell.value = w.content.value;
      break;
    case "text":
      // exceljs writes a string as a string (never a formula), whatever its first character.
      cell.value = w.content.text;
      break;
    case "blank":
      cell.value = null;
      break;
  }
  if (w.numberFormat) cell.numFmt = w.numberFormat;
  if (w.bold !== undefined) cell.font = { ...(cell.font ?? {}), bold: w.bold };
  if (w.wrap) cell.alignment = { ...(cell.alignment ?? {}), wrapText: true, vertical: "top" };
  if (w.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: w.fill } };
  if (w.border) cell.border = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
}

function applySheet(wb: ExcelJS.Workbook, s: SheetWrite): void {
  let orderNo: number | undefined;
  const existing = wb.getWorksheet(s.sheet);
  if (existing && s.keepExistingAs) {
    existing.name = s.keepExistingAs;
  } else if (existing) {
    orderNo = (existing as unknown as { orderNo: number }).orderNo;
    wb.removeWorksheet(existing.id);
  }
  const ws = wb.addWorksheet(s.sheet, { state: s.visibility === "veryHidden" ? "veryHidden" : "visible" });
  if (orderNo !== undefined) (ws as unknown as { orderNo: number }).orderNo = orderNo;
  for (const c of s.columnWidths ?? []) ws.getColumn(c.col).width = c.width;
  for (const c of s.cells) applyCell(ws, c);
  if (s.freezeRows) ws.views = [{ state: "frozen", ySplit: s.freezeRows }];
}

export class XlsxHost implements WorkbookHost {
  constructor(readonly workbook: ExcelJS.Workbook) {}

  static async fromBuffer(data: Buffer | ArrayBuffer, kind: "xlsx" | "csv", csvSheetName = "项目资金表"): Promise<XlsxHost> {
    const wb = new ExcelJS.Workbook();
    if (kind === "xlsx") {
      await wb.xlsx.load(data as ArrayBuffer);
    } else {
      const text = Buffer.from(data as ArrayBuffer).toString("utf8").replace(/^\uFEFF/, "");
      const ws = wb.addWorksheet(csvSheetName);
      for (const row of parseCsv(text)) ws.addRow(row.map(csvCell));
    }
    return new XlsxHost(wb);
  }

  async read(_req?: ReadRequest): Promise<WorkbookSnapshot> {
    const sheets: SheetSnapshot[] = [];
    this.workbook.eachSheet((ws) => sheets.push(sheetSnapshot(ws)));
    const active = this.workbook.views?.[0]?.activeTab;
    const visible = sheets.filter((s) => s.visibility === "visible");
    return {
      sheets,
      sheetNames: sheets.map((s) => s.name),
      activeSheet: (active !== undefined ? sheets[active]?.name : undefined) ?? visible[0]?.name,
      tables: tablesOf(this.workbook),
    };
  }

  async apply(plan: WritePlan): Promise<void> {
    for (const e of plan.edits) {
      const ws = this.workbook.getWorksheet(e.sheet);
      if (!ws) throw new Error(`plan names a sheet that is not there: ${e.sheet}`);
      for (const c of e.columnWidths ?? []) ws.getColumn(c.col).width = c.width;
      for (const c of e.cells) applyCell(ws, c);
    }
    for (const s of plan.sheets) applySheet(this.workbook, s);
    this.workbook.calcProperties = { ...(this.workbook.calcProperties ?? {}), fullCalcOnLoad: true };
  }

  async toBuffer(): Promise<Buffer> {
    return Buffer.from(await this.workbook.xlsx.writeBuffer());
  }
}

/** A CSV field as Excel would take it on opening: plain numbers become numbers, the rest stays text. */
function csvCell(s: string): string | number | null {
  if (s === "") return null;
  if (/^-?(\d+(\.\d+)?|\.\d+)$/.test(s) && !/^-?0\d/.test(s)) return Number(s);
  return s;
}
