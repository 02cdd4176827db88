/**
 * Reading numbers the way accountants type them: numbers, "1,234.56", full-width "１２.５",
 * "5万元", "(1,200)" for a negative; and telling a blank, a dash and an error value apart.
 */
import { Decimal } from "./decimal";
import { AmountUnit, Yuan, toYuan } from "./units";
import { CellValue, isCellError } from "../io/snapshot";

export type ParsedAmount =
  | { kind: "number"; yuan: Yuan; fromText: boolean }
  /** dash: "-", "—", "/" typed for "nothing here" (a blank, never a 0). */
  | { kind: "blank"; dash?: boolean }
  | { kind: "invalid"; text: string }
  | { kind: "error"; error: string };

/** Text NFKC leaves as it is: ASCII, the common CJK ideographs and CJK punctuation that has no compatibility form. */
const NFKC_STABLE = /^[\u0020-\u007e\t\n\r\u4e00-\u9fff\u3001\u3002\u300a-\u3011\u2018\u2019\u201c\u201d\u2014]*$/;

/** NFKC folds full-width digits, brackets, commas and the ideographic space to ASCII (text that has none is returned at once). */
export function fold(s: string): string {
  return NFKC_STABLE.test(s) ? s : s.normalize("NFKC");
}

/** What people type for "nothing": -, —, ——, －, /, ／, … (folded). */
const DASHES = /^([-\u2010-\u2015\u2212\u30fc/\\]+|\.{2,}|…+|无)$/;

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/** Parses a number written as text; null when it is not one. Unit words are handled by the caller. */
export function parseNumberText(raw: string): Decimal | null {
  let s = fold(raw).replace(/\s+/g, "");
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1];
  }
  if (GROUPED_NUMBER.test(s)) s = s.replace(/,/g, "");
  if (!PLAIN_NUMBER.test(s)) return null;
  const d = new Decimal(s);
  return negative ? d.negated() : d;
}

/** A money cell, in exact 元. `unit` is the table's unit. */
export function parseAmount(v: CellValue, unit: AmountUnit): ParsedAmount {
  if (v === null) return { kind: "blank" };
  if (isCellError(v)) return { kind: "error", error: v.error };
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { kind: "invalid", text: String(v) };
    // A double read from a workbook: its shortest decimal form is what the user typed.
    return { kind: "number", yuan: toYuan(new Decimal(v), unit), fromText: false };
  }
  if (typeof v === "boolean") return { kind: "invalid", text: v ? "TRUE" : "FALSE" };
  const text = v.trim();
  if (text === "") return { kind: "blank" };
  const folded = fold(text).replace(/\s+/g, "").replace(/^([+-]?)[¥$]/, "$1"); // ¥100,000.00 (￥ folds to ¥)
  if (DASHES.test(folded)) return { kind: "blank", dash: true };
  const withUnit = /^(.*?)(万元|万|元)$/.exec(folded);
  let cellUnit: AmountUnit = unit;
  let numberPart = folded;
  if (withUnit) {
    numberPart = withUnit[1];
    cellUnit = withUnit[2] === "元" ? "元" : "万元";
  }
  const d = parseNumberText(numberPart);
  if (d === null) return { kind: "invalid", text };
  return { kind: "number", yuan: toYuan(d, cellUnit), fromText: true };
}

/** A plain count (项目个数): number or text number, no unit words but 个/项. */
export function parseCount(v: CellValue): { kind: "number"; value: Decimal; fromText: boolean } | Exclude<ParsedAmount, { kind: "number" }> {
  if (v === null) return { kind: "blank" };
  if (isCellError(v)) return { kind: "error", error: v.error };
  if (typeof v === "number") return Number.isFinite(v) ? { kind: "number", value: new Decimal(v), fromText: false } : { kind: "invalid", text: String(v) };
  if (typeof v === "boolean") return { kind: "invalid", text: String(v) };
  const text = v.trim();
  if (text === "") return { kind: "blank" };
  const d = parseNumberText(fold(text).replace(/[个项]$/, ""));
  return d === null ? { kind: "invalid", text } : { kind: "number", value: d, fromText: true };
}

/**
 * A rate someone typed: 0.7932 in a % formatted cell, "79.32%" as text, or 79.32 meaning per cent.
 * Returns the fraction and how many decimals of per cent were shown (for the rounding tolerance).
 */
export function parseTypedRate(v: CellValue, numberFormat: string | null): { value: Decimal; percentDecimals: number } | null {
  let d: Decimal | null = null;
  if (typeof v === "number" && Number.isFinite(v)) d = new Decimal(v);
  else if (typeof v === "string") {
    const s = fold(v).replace(/\s+/g, "");
    const pct = /^(.*)%$/.exec(s);
    if (pct) {
      const p = parseNumberText(pct[1]);
      // Decimals as written ("79.40%" shows two, though 79.40 = 79.4).
      const written = /\.(\d+)$/.exec(pct[1]);
      return p === null ? null : { value: p.dividedBy(100), percentDecimals: written ? written[1].length : 0 };
    }
    d = parseNumberText(s);
  }
  if (d === null) return null;
  if (numberFormat !== null && numberFormat.includes("%")) {
    const m = /0\.(0+)%/.exec(numberFormat);
    return { value: d, percentDecimals: m ? m[1].length : 0 };
  }
  // Without a % format, a number above 1.5 is taken as per cent points (79.32 means 79.32%).
  if (d.abs().greaterThan(1.5)) return { value: d.dividedBy(100), percentDecimals: d.decimalPlaces() };
  return { value: d, percentDecimals: Math.max(0, d.decimalPlaces() - 2) };
}
