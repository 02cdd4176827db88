/**
 * Each project's 自评表 as a table to print in the Word document (the forms travel with the report,
 * as units publish them back to back): the sheet as the run leaves it — the user's cells, and every
 * computed cell with the value it will show — in the printed columns, with the merged boxes of the
 * printed form (title and header rows across, 一级/二级 and block labels down).
 */
import { formatNumber } from "../numbers/numfmt";
import { CellWrite, WritePlan } from "../io/plan";
import { SheetSnapshot, cellShown, cellValue, isCellError } from "../io/snapshot";
import type { WorkbookModel } from "../read/model";
import { parseScoreSheet } from "../score/layout";
import { snapshotOf } from "../write/owned";

export interface PrintCell {
  text: string;
  colSpan: number;
  rowSpan: number;
  bold: boolean;
  align: "left" | "center";
}

export interface PrintTable {
  sheet: string;
  title: string;
  /** Columns of the printed form (others — 计分方式 and the like — stay in the workbook). */
  width: number;
  rows: (PrintCell | null)[][];
}

function writeText(w: CellWrite): string {
  switch (w.content.kind) {
    case "text":
      return w.content.text;
    case "number":
      return formatNumber(w.content.value, w.numberFormat ?? "General");
    case "formula":
      return w.expect === undefined || w.expect === "" ? "" : /^-?[\d.]+$/.test(w.expect) ? formatNumber(w.expect, w.numberFormat ?? "General") : w.expect;
    case "blank":
      return "";
  }
}

/** What a cell of the sheet shows (an error value prints blank on the form). */
function snapshotText(s: SheetSnapshot, row: number, col: number): string {
  return isCellError(cellValue(s, row, col)) ? "" : cellShown(s, row, col);
}

/** The text of every cell of the sheet after the run. */
function texts(sheet: SheetSnapshot | undefined, writes: CellWrite[], width: number, height: number): string[][] {
  const grid = Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c) => (sheet ? snapshotText(sheet, r + 1, c + 1) : "")));
  for (const w of writes) if (w.row <= height && w.col <= width) grid[w.row - 1][w.col - 1] = writeText(w);
  return grid;
}

/**
 * The boxes the printed form merges (0-based rows): across in the title, header and 年度总体目标 rows
 * and the 总分 / 评价等级 rows; down for the block labels and the 一级/二级 columns.
 */
function spans(gridRow: number, lastRow: number, groupCols: number[]): { across: Set<number>; down: Set<number> } {
  const across = new Set<number>([0, 1, 2, 3, gridRow - 3, gridRow - 2, lastRow, lastRow + 1]);
  const down = new Set<number>([0, ...groupCols.map((c) => c - 1)]);
  return { across, down };
}

function tableOf(name: string, grid: string[][], gridRow: number, lastRow: number, groupCols: number[]): PrintTable {
  const width = grid[0]?.length ?? 0;
  const { across, down } = spans(gridRow, lastRow, groupCols);
  const rows: (PrintCell | null)[][] = grid.map((row) => row.map((text) => ({ text, colSpan: 1, rowSpan: 1, bold: false, align: "left" as const })));
  const covered = (r: number, c: number) => rows[r][c] === null;
  for (let r = 0; r < grid.length; r++)
    for (let c = 0; c < width; c++) {
      const cell = rows[r][c];
      if (!cell || cell.text === "") continue;
      if (across.has(r))
        for (let k = c + 1; k < width && grid[r][k] === "" && !covered(r, k); k++) {
          cell.colSpan++;
          rows[r][k] = null;
        }
      const inGrid = r >= gridRow && r < lastRow;
      const label = r < gridRow - 1 && c === 0;
      if ((down.has(c) && inGrid) || label)
        for (let k = r + 1; k < (inGrid ? lastRow : gridRow - 1) && grid[k][c] === "" && !covered(k, c); k++) {
          cell.rowSpan++;
          rows[k][c] = null;
        }
      cell.bold = r === 0 || r === gridRow - 1 || r === 4 || (c === 0 && (r < gridRow - 1 || r >= lastRow));
      if (r < 2 || r === gridRow - 1 || r === 4) cell.align = "center";
    }
  return { sheet: name, title: grid[0]?.[0] ?? name, width, rows };
}

/** The 自评表 of every project the run leaves in the workbook, as printed tables. */
export function formTables(model: WorkbookModel, plan: WritePlan, sheets: string[]): PrintTable[] {
  return sheets.flatMap((name) => {
    const written = plan.sheets.find((s) => s.sheet === name);
    const edits = plan.edits.filter((e) => e.sheet === name).flatMap((e) => e.cells);
    const before = written ? undefined : model.scoreSheets.get(name)?.grid;
    const cells = written ? written.cells : edits;
    const layout = parseScoreSheet(before ?? snapshotOf(name, cells));
    if (!layout) return [];
    const width = layout.cols.reason;
    const height = (layout.gradeRow ?? layout.totalRow ?? layout.lastRow) as number;
    const grid = texts(before, cells, width, height);
    return [tableOf(name, grid, layout.headerRow, layout.lastRow, [layout.cols.l1, layout.cols.l2])];
  });
}
