/**
 * Shared formulas: a cell that shares the formula of another (its master) holds that formula with
 * every relative reference moved by the distance between the two cells.
 */

const TOKEN =
  /("(?:[^"]|"")*")|('(?:[^']|'')*')|(\[[^\]]*\])|(\$?[0-9]+:\$?[0-9]+(?![0-9.]))|([0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)|(\$?[A-Za-z]{1,3}\$?[0-9]+(?![A-Za-z0-9_(.!\\]))|(\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}(?![A-Za-z0-9_(.!\\]))|([A-Za-z_\\][A-Za-z0-9_.\\?]*)/g;

import { columnLetters, columnNumber } from "../core";

const MAX_ROW = 1048576;
const MAX_COL = 16384;

function moveCell(ref: string, dr: number, dc: number): string {
  const m = /^(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)$/.exec(ref)!;
  let col = columnNumber(m[2]);
  let row = Number(m[4]);
  if (col > MAX_COL) return ref; // not a cell after all (a name such as ABCD1 is caught before)
  if (!m[1]) col += dc;
  if (!m[3]) row += dr;
  if (col < 1 || col > MAX_COL || row < 1 || row > MAX_ROW) return "#REF!";
  return `${m[1]}${columnLetters(col)}${m[3]}${row}`;
}

/** The formula of a master cell as it reads `dr` rows down and `dc` columns right of it. */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  return formula.replace(TOKEN, (tok, str, quoted, bracket, rows, num, cell, cols) => {
    if (str || quoted || bracket || num) return tok;
    if (rows) {
      return rows.replace(/(\$?)([0-9]+)/g, (_m: string, abs: string, r: string) => (abs ? `${abs}${r}` : String(Number(r) + dr)));
    }
    if (cell) return moveCell(cell, dr, dc);
    if (cols) {
      return cols.replace(/(\$?)([A-Za-z]{1,3})/g, (_m: string, abs: string, c: string) => {
        const n = columnNumber(c) + dc;
        return abs ? `${abs}${c}` : n >= 1 && n <= MAX_COL ? columnLetters(n) : "#REF!";
      });
    }
    return tok;
  });
}
