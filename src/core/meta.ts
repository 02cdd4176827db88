/**
 * What the add-in remembers in the workbook itself, so that a rerun finds its own columns and
 * sheets and tells them from the user's: a very hidden sheet holding JSON, readable by every host
 * (Excel, the xlsx file host, WPS and LibreOffice keep it too).
 */
import { MappingOverride } from "./detect";
import { CellWrite, SheetWrite } from "./plan";
import { SheetSnapshot, WorkbookSnapshot, cellFormula, cellValue, getSheet, isCellError } from "./snapshot";
import type { AmountUnit } from "./units";

export const META_SHEET = "_绩效自评";
const CHUNK = 30000; // a cell holds at most 32,767 characters

export interface OwnedColumn {
  sheet: string;
  header: string;
  /** Hashes of the formulas written, in row-relative form: a formula moved by an inserted row is still known. */
  formulas: string[];
  /** Hashes of the values written, by address. */
  cells: Record<string, string>;
}

export interface OwnedSheet {
  name: string;
  role: "report" | "score";
  /** Hash of the contents as written, to notice hand edits. */
  hash: string;
}

export interface AddinMeta {
  version: 1;
  table?: { sheet: string; headerRow: number; mapping?: MappingOverride; unit?: AmountUnit };
  columns: OwnedColumn[];
  sheets: OwnedSheet[];
  settings: Record<string, string>;
}

export function emptyMeta(): AddinMeta {
  return { version: 1, columns: [], sheets: [], settings: {} };
}

/** FNV-1a, 32 bits, base 36: a short fingerprint, not a secret. */
export function hashText(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** A formula with its relative references written as offsets from its own cell (R1C1 style). */
export function relativeFormula(formula: string, row: number, col: number): string {
  return formula
    .split('"')
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(
            /(^|[^A-Za-z_\d$.])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(A-Za-z_!])/g,
            (_m, pre: string, dc: string, letters: string, dr: string, digits: string) => {
              let c = 0;
              for (const ch of letters) c = c * 26 + ch.charCodeAt(0) - 64;
              const r = Number(digits);
              const rr = dr ? `R${r}` : `R[${r - row}]`;
              const cc = dc ? `C${c}` : `C[${c - col}]`;
              return pre + rr + cc;
            },
          ),
    )
    .join('"');
}

/** Fingerprint of what a cell holds now, or null when it is empty. */
export function cellFingerprint(sheet: SheetSnapshot, row: number, col: number): { kind: "formula" | "value"; hash: string } | null {
  const f = cellFormula(sheet, row, col);
  if (f) return { kind: "formula", hash: hashText("f" + relativeFormula(f, row, col)) };
  const v = cellValue(sheet, row, col);
  if (v === null || (typeof v === "string" && v === "")) return null;
  if (isCellError(v)) return { kind: "value", hash: hashText("e" + v.error) };
  return { kind: "value", hash: hashText((typeof v === "number" ? "n" : typeof v === "string" ? "s" : "b") + String(v)) };
}

/** Fingerprint of what a planned write will leave in the cell. */
export function writeFingerprint(w: CellWrite): { kind: "formula" | "value"; hash: string } | null {
  switch (w.content.kind) {
    case "formula":
      return { kind: "formula", hash: hashText("f" + relativeFormula(w.content.formula, w.row, w.col)) };
    case "number":
      return { kind: "value", hash: hashText("n" + String(w.content.value)) };
    case "text":
      return { kind: "value", hash: hashText("s" + w.content.text) };
    case "blank":
      return null;
  }
}

export function isOwnedCell(owned: OwnedColumn | undefined, sheet: SheetSnapshot, row: number, col: number, address: string): boolean {
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
