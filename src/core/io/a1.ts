/** A1 addresses. Rows and columns are 1-based everywhere in the product. */

const LETTERS: string[] = [];

export function columnLetters(col: number): string {
  const known = LETTERS[col];
  if (known !== undefined) return known;
  if (!Number.isInteger(col) || col < 1) throw new RangeError(`bad column ${col}`);
  let n = col;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  if (col <= 16384) LETTERS[col] = s;
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const c = ch.charCodeAt(0) - 64;
    if (c < 1 || c > 26) throw new RangeError(`bad column letters ${letters}`);
    n = n * 26 + c;
  }
  return n;
}

export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

export function parseA1(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) throw new RangeError(`not an A1 cell address: ${ref}`);
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}

export interface RangeBox {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "B3:J15" (or a single cell "B3"), optionally with a sheet prefix that is ignored. */
export function parseRange(ref: string): RangeBox {
  const bare = ref.includes("!") ? ref.slice(ref.lastIndexOf("!") + 1) : ref;
  const [a, b] = bare.split(":");
  const p = parseA1(a);
  const q = b ? parseA1(b) : p;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

export function rangeA1(box: RangeBox): string {
  const tl = a1(box.top, box.left);
  const br = a1(box.bottom, box.right);
  return tl === br ? tl : `${tl}:${br}`;
}

const prefixes = new Map<string, string>();

/** A sheet-qualified reference as Excel writes it: 项目资金表!C4, 'My Sheet'!C4. */
export function qualified(sheet: string, ref: string): string {
  let prefix = prefixes.get(sheet);
  if (prefix === undefined) {
    const plain = /^[\p{L}\p{N}_]+$/u.test(sheet) && !/^\d/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet);
    prefix = `${plain ? sheet : `'${sheet.replace(/'/g, "''")}'`}!`;
    if (prefixes.size < 1000) prefixes.set(sheet, prefix);
  }
  return prefix + ref;
}

/** The inverse of qualified: "'My Sheet'!C4" → { sheet: "My Sheet", ref: "C4" } (sheet "" when there is none). */
export function splitQualified(address: string): { sheet: string; ref: string } {
  const i = address.lastIndexOf("!");
  if (i < 0) return { sheet: "", ref: address };
  return { sheet: address.slice(0, i).replace(/^'(.*)'$/, "$1").replace(/''/g, "'"), ref: address.slice(i + 1) };
}
