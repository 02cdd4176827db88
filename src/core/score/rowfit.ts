/**
 * Row heights for a laid-out form: a wrapped label that needs two lines gets a row two lines high
 * (Excel and LibreOffice do not grow rows for merged cells, and a printed form must not clip).
 * Widths are estimated as Excel measures a column: one unit is a digit of the default font;
 * a CJK character of an 11 pt font is about two.
 */
import { CellWrite } from "../io/plan";
import { RangeBox, parseRange } from "../io/a1";

const DEFAULT_SIZE = 11;
/** Points per line of an 11 pt font, Excel's default row height. */
const LINE = 15;
/** Room a cell keeps at its sides (column units). */
const PADDING = 0.6;

/** Wide (CJK, full-width) characters take two units; the rest one. */
function textUnits(text: string, size: number): number {
  let u = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    u += code >= 0x2e80 || (code >= 0xff00 && code <= 0xffef) ? 2.1 : 1.05;
  }
  return (u * size) / DEFAULT_SIZE;
}

/** Lines a text takes in a box this many units wide (explicit line breaks kept). */
export function linesNeeded(text: string, width: number, size = DEFAULT_SIZE): number {
  const room = Math.max(1, width - PADDING);
  return text.split("\n").reduce((n, part) => n + Math.max(1, Math.ceil(textUnits(part, size) / room)), 0);
}

/** Merged ranges by their top-left cell (merges are written by the layout: always valid A1). */
function boxes(merges: string[]): Map<string, RangeBox> {
  const out = new Map<string, RangeBox>();
  for (const m of merges) {
    const b = parseRange(m);
    out.set(`${b.top},${b.left}`, b);
  }
  return out;
}

/**
 * Heights for the rows whose wrapped text needs more than one line (others keep the default):
 * a cell merged down several rows needs only the sum of them, and grows the last one if short.
 */
export function fitRowHeights(cells: CellWrite[], merges: string[], widths: { col: number; width: number }[]): { row: number; height: number }[] {
  const widthOf = new Map(widths.map((w) => [w.col, w.width]));
  const colWidth = (c: number) => widthOf.get(c) ?? 8.43;
  const merged = boxes(merges);
  const heights = new Map<number, number>();
  const tall: { box: RangeBox; need: number }[] = [];
  for (const c of cells) {
    if (c.content.kind !== "text" || !c.wrap) continue;
    const box = merged.get(`${c.row},${c.col}`) ?? { top: c.row, bottom: c.row, left: c.col, right: c.col };
    let width = 0;
    for (let col = box.left; col <= box.right; col++) width += colWidth(col);
    const size = c.font?.size ?? DEFAULT_SIZE;
    const need = linesNeeded(c.content.text, width, size) * Math.max(LINE, (size * LINE) / DEFAULT_SIZE);
    if (box.top === box.bottom) heights.set(box.top, Math.max(heights.get(box.top) ?? LINE, need));
    else tall.push({ box, need });
  }
  for (const { box, need } of tall) {
    let have = 0;
    for (let r = box.top; r <= box.bottom; r++) have += heights.get(r) ?? LINE;
    if (have < need) heights.set(box.bottom, (heights.get(box.bottom) ?? LINE) + need - have);
  }
  return [...heights.entries()].filter(([, h]) => h > LINE).map(([row, height]) => ({ row, height: Math.ceil(height) })).sort((a, b) => a.row - b.row);
}
