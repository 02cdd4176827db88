/**
 * What the add-in remembers in the workbook itself, so that a rerun finds its own columns and
 * sheets and tells them from the user's: a very hidden sheet holding JSON, readable by every host
 * (Excel, the xlsx file host, WPS and LibreOffice keep it too).
 */
import { columnLetters } from "../io/a1";
import { MappingOverride } from "./detect";
import { CellWrite, SheetWrite } from "../io/plan";
import { SheetSnapshot, WorkbookSnapshot, cellFormula, cellValue, getSheet, isCellError } from "../io/snapshot";
import type { AmountUnit } from "../numbers/units";

export const META_SHEET = "_绩效自评";
const CHUNK = 30000; // a cell holds at most 32,767 characters

/** Cells the add-in wrote in a sheet it does not own (the 资金到位率 column) or computes in one it does. */
export interface OwnedCells {
  sheet: string;
  /** What they are: "资金到位率", "评分表". */
  key: string;
  /** Hashes of the shapes of the formulas written (formulaSkeleton): moved or re-ranged by Excel, still known. */
  formulas: string[];
  /** Hashes of the values written, by address. */
  cells: Record<string, string>;
}

export interface OwnedSheet {
  name: string;
  role: "report" | "score" | "templates" | "form";
  /** For a project's 自评表 (role "form"): the project it was made for, and the form's variant. */
  project?: string;
  variant?: string;
  /** Hash of the contents as written, to notice hand edits (the report; a score sheet is meant to be edited). */
  hash: string;
  /** For a score sheet: the scheme it was made from. */
  scheme?: string;
}

export interface AddinMeta {
  version: 1;
  table?: { sheet: string; headerRow: number; mapping?: MappingOverride; unit?: AmountUnit; /** The header row the user picked (a selection), kept for reruns. */ pickedHeaderRow?: number };
  cells: OwnedCells[];
  sheets: OwnedSheet[];
  settings: Record<string, string>;
}

export function emptyMeta(): AddinMeta {
  return { version: 1, cells: [], sheets: [], settings: {} };
}

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a over the UTF-16 code units, kept in int32 inside the loop (an unsigned h would be a heap number each step); unsigned out. */
function fnv(h: number, s: string): number {
  let x = h | 0;
  const n = s.length;
  for (let i = 0; i < n; i++) x = Math.imul(x ^ s.charCodeAt(i), 0x01000193);
  return x >>> 0;
}

/** FNV-1a, 32 bits, base 36: a short fingerprint, not a secret. */
export function hashText(s: string): string {
  return fnv(FNV_OFFSET, s).toString(36);
}

/** hashText of a text given in pieces, without building it: add the pieces in order, then read the hash. */
export class TextHash {
  private h = FNV_OFFSET;

  add(piece: string): this {
    this.h = fnv(this.h, piece);
    return this;
  }

  /** add(a1(row, col)) without making the address: the column's letters, then the row's digits. */
  cell(row: number, col: number): this {
    let x = fnv(this.h, columnLetters(col)) | 0;
    let p = 1;
    while (p * 10 <= row) p *= 10;
    for (; p >= 1; p /= 10) x = Math.imul(x ^ (48 + (Math.floor(row / p) % 10)), 0x01000193);
    this.h = x >>> 0;
    return this;
  }

  toString(): string {
    return this.h.toString(36);
  }
}

/**
 * A formula's shape: every cell or range reference (sheet-qualified or not) replaced by @, string
 * literals kept. Excel rewrites references when rows or columns are inserted or deleted, or when a
 * range grows around an inserted row; the shape stays, so the add-in still knows its own formula.
 */
export function formulaSkeleton(formula: string): string {
  return formula
    .split('"')
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/('(?:[^']|'')+'|[^\s!'"(),:;=+\-*/<>&^%{}]+)!/g, "")
            .replace(/(^|[^A-Za-z_\d$.])\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?(?![\d(A-Za-z_!])/g, "$1@"),
    )
    .join('"');
}

/** Fingerprint of what a cell holds now, or null when it is empty. */
export function cellFingerprint(sheet: SheetSnapshot, row: number, col: number): { kind: "formula" | "value"; hash: string } | null {
  const f = cellFormula(sheet, row, col);
  if (f) return { kind: "formula", hash: hashText("f" + formulaSkeleton(f)) };
  const v = cellValue(sheet, row, col);
  if (v === null || (typeof v === "string" && v === "")) return null;
  if (isCellError(v)) return { kind: "value", hash: hashText("e" + v.error) };
  return { kind: "value", hash: hashText((typeof v === "number" ? "n" : typeof v === "string" ? "s" : "b") + String(v)) };
}

/** Fingerprint of what a planned write will leave in the cell. */
export function writeFingerprint(w: CellWrite): { kind: "formula" | "value"; hash: string } | null {
  switch (w.content.kind) {
    case "formula":
      return { kind: "formula", hash: hashText("f" + formulaSkeleton(w.content.formula)) };
    case "number":
      return { kind: "value", hash: hashText("n" + String(w.content.value)) };
    case "text":
      return { kind: "value", hash: hashText("s" + w.content.text) };
    case "blank":
      return null;
  }
}

export function isOwnedCell(owned: OwnedCells | undefined, sheet: SheetSnapshot, row: number, col: number, address: string): boolean {
  if (!owned) return false;
  const fp = cellFingerprint(sheet, row, col);
  if (!fp) return true;
  if (fp.kind === "formula") return owned.formulas.includes(fp.hash) || owned.cells[address] === fp.hash;
  return owned.cells[address] === fp.hash;
}

export function readMeta(wb: WorkbookSnapshot): AddinMeta {
  const s = getSheet(wb, META_SHEET);
  if (!s) return emptyMeta();
  let json = "";
  for (let r = s.top; r < s.top + s.values.length; r++) {
    const v = cellValue(s, r, 1);
    if (typeof v === "string") json += v;
  }
  try {
    const parsed = JSON.parse(json) as Partial<AddinMeta>;
    if (parsed.version !== 1) return emptyMeta();
    return { ...emptyMeta(), ...parsed } as AddinMeta;
  } catch {
    return emptyMeta(); // damaged by hand: start afresh (nothing is then considered ours)
  }
}

export function metaSheetWrite(meta: AddinMeta): SheetWrite {
  const json = JSON.stringify(meta);
  const cells: CellWrite[] = [];
  for (let i = 0, r = 1; i < json.length || r === 1; i += CHUNK, r++) {
    cells.push({ row: r, col: 1, content: { kind: "text", text: json.slice(i, i + CHUNK) } });
  }
  return { sheet: META_SHEET, cells, visibility: "veryHidden" };
}
