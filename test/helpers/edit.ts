/**
 * Editing a workbook the way a person does in Excel: exceljs moves cells but leaves formulas as
 * they were; Excel rewrites their references. These helpers do the rewriting, so a test can model
 * "the user deleted a row / inserted a column" (then LibreOffice recalculates the result).
 */
import ExcelJS from "exceljs";
import { columnLetters, columnNumber } from "../../src/core";

type Move = (row: number, col: number) => { row: number; col: number };

export function moveRefs(formula: string, move: Move): string {
  return formula
    .split('"')
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/(^|[^A-Za-z_\d$.])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(A-Za-z_!])/g, (_m, pre, dc, letters, dr, digits) => {
            const to = move(Number(digits), columnNumber(letters));
            return `${pre}${dc}${columnLetters(to.col)}${dr}${to.row}`;
          }),
    )
    .join('"');
}

function rewriteFormulas(ws: ExcelJS.Worksheet, move: Move): void {
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.type !== ExcelJS.ValueType.Formula) return;
      cell.value = { formula: moveRefs(cell.formula, move) } as ExcelJS.CellFormulaValue;
    }),
  );
}

/** Deletes row r; references below move up, a range ending on r shrinks. */
export function deleteRow(ws: ExcelJS.Worksheet, r: number): void {
  ws.spliceRows(r, 1);
  rewriteFormulas(ws, (row, col) => ({ row: row >= r && row > 1 ? row - 1 : row, col }));
}

/** Inserts an empty column before column c; references at or right of c move right. */
export function insertColumn(ws: ExcelJS.Worksheet, c: number): void {
  ws.spliceColumns(c, 0, []);
  rewriteFormulas(ws, (row, col) => ({ row, col: col >= c ? col + 1 : col }));
}

/** Inserts an empty row before row r; references at or below r move down. */
export function insertRow(ws: ExcelJS.Worksheet, r: number, values: ExcelJS.CellValue[] = []): void {
  ws.spliceRows(r, 0, values);
  rewriteFormulas(ws, (row, col) => ({ row: row >= r ? row + 1 : row, col }));
}
