/**
 * Display rules of the seed report. Every figure in generated text goes through these, and the
 * number formats written to cells are chosen so that a cell shows exactly the same text.
 */
import { Decimal, ONE, cmp, exactText, shiftedFixed } from "./decimal";
import { Rate, Yuan } from "./units";

/** 万元 to at most 2 decimals, trailing zeros dropped: 50000元 → "5", 39660元 → "3.97". */
export function formatWan(amount: Yuan): string {
  return trimZeros(shiftedFixed(amount, -4, 2).text);
}

/** 元 with two decimals and thousands separators kept out (the official text writes plain figures). */
export function formatYuan(amount: Yuan): string {
  return amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/**
 * Rate as the seed writes it: two decimals ("79.32%", "96.30%"), a whole number without them
 * ("100%"). Whole means exactly whole: 0.99999 is "100.00%", not "100%" — the funds were not all
 * in place, and the cell (number format RATE_NUMBER_FORMAT) shows the same.
 */
export function formatRate(r: Rate): string {
  const { text, whole } = shiftedFixed(r, 2, 2);
  return whole ? `${text.slice(0, -3)}%` : `${text}%`;
}

/** A decimal to at most `places` decimals, half up, trailing zeros dropped: value.toDecimalPlaces(places).toFixed(), from its digits. */
export function formatPlaces(value: Decimal, places: number): string {
  return trimZeros(shiftedFixed(value, 0, places).text);
}

/** "3.90" → "3.9", "5.00" → "5", "-0.00" → "0". */
function trimZeros(t: string): string {
  if (t.indexOf(".") < 0) return t === "-0" ? "0" : t;
  let end = t.length;
  while (t.charCodeAt(end - 1) === 48) end--; // 0
  if (t.charCodeAt(end - 1) === 46) end--; // .
  const s = end === t.length ? t : t.slice(0, end);
  return s === "-0" ? "0" : s;
}

/**
 * The number format of a rate cell. Sections with conditions make 1 and 0 show as "100%" and
 * "0%" and every other value with two decimals, in Excel, WPS and LibreOffice alike, and stay
 * right when the amounts change later (the formula recalculates; the format needs no update).
 * A rate that is another whole per cent (0.5) is pinned with its own condition, which falls back
 * to two decimals as soon as the value moves.
 */
export const RATE_NUMBER_FORMAT = "[=1]0%;[=0]0%;0.00%";

export function rateNumberFormat(r: Decimal | null): string {
  if (r === null || r.isZero() || cmp(r, ONE) === 0) return RATE_NUMBER_FORMAT;
  const whole = r.decimalPlaces() <= 2; // a whole per cent (read from its digits: no Decimal made for each rate cell)
  // A section after the first shows a negative value without its minus (LibreOffice; Excel alike):
  // a negative rate (a refund, flagged NEGATIVE_AMOUNT) goes in the first section.
  if (r.isNegative() && !whole) return NEGATIVE_RATE_FORMAT;
  return whole ? `[=${r.toFixed()}]0%;[=1]0%;0.00%` : RATE_NUMBER_FORMAT;
}

/** A negative rate that is not a whole per cent: its minus shown, two decimals. */
export const NEGATIVE_RATE_FORMAT = "[<0]0.00%;[=1]0%;0.00%";

/** Plain integer text ("1", "12"), or the decimal as written when it is not whole. */
export function formatCount(n: Decimal): string {
  return exactText(n);
}
