/** Filling a score sheet as a person would: by indicator name, column by header. */
import ExcelJS from "exceljs";
import { GRID_HEADERS } from "../../src/core";

export function gridColumns(ws: ExcelJS.Worksheet): Record<string, number> {
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cols: Record<string, number> = {};
    row.eachCell((c, col) => {
      const t = String(c.value ?? "");
      if ((GRID_HEADERS as readonly string[]).includes(t) || t.startsWith("定性得分比例")) cols[t.startsWith("定性得分比例") ? "定性得分比例" : t] = col;
    });
    if (Object.keys(cols).length >= 9) return { ...cols, headerRow: r };
  }
  throw new Error("no grid header");
}

/** Row of the indicator (三级) or group (一级/二级) with this name. */
export function rowOf(ws: ExcelJS.Worksheet, name: string): number {
  const cols = gridColumns(ws);
  for (let r = cols.headerRow + 1; r <= ws.rowCount; r++)
    for (const h of ["一级指标", "二级指标", "三级指标"]) if (String(ws.getCell(r, cols[h]).value ?? "") === name) return r;
  throw new Error(`no indicator ${name}`);
}

export function setInputs(ws: ExcelJS.Worksheet, name: string, inputs: Partial<Record<(typeof GRID_HEADERS)[number] | "定性得分比例", ExcelJS.CellValue>>): void {
  const cols = gridColumns(ws);
  const r = rowOf(ws, name);
  for (const [h, v] of Object.entries(inputs)) ws.getCell(r, cols[h]).value = v as ExcelJS.CellValue;
}

export function scoreCell(ws: ExcelJS.Worksheet, name: string): string {
  return ws.getCell(rowOf(ws, name), gridColumns(ws)["得分"]).address;
}
