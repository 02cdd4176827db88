/**
 * The one Decimal constructor of the product: 四舍五入 (ROUND_HALF_UP), enough precision that a
 * money amount or a rate never loses a digit, and no exponent notation in toString().
 */
import DecimalJs from "decimal.js";

export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = DecimalJs;
export type DecimalValue = DecimalJs.Value;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const HUNDRED = new Decimal(100);
export const TEN_THOUSAND = new Decimal(10000);

/** Sum of decimals (0 for an empty list). */
export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce<Decimal>((acc, v) => acc.plus(v), ZERO);
}

/** The coefficient's decimal digits (decimal.js keeps them in base-10⁷ words: the first unpadded, the others 7 digits each). */
function coefficientDigits(d: readonly number[]): string {
  let digits = String(d[0]);
  for (let i = 1; i < d.length; i++) {
    const w = String(d[i]);
    digits += w.length === 7 ? w : "0000000".slice(w.length) + w;
  }
  return digits;
}

/**
 * value × 10^shift rounded half-up (away from zero at .5) to `places` decimals, as decimal text:
 * the same digits as value.times(10 ** shift).toDecimalPlaces(places, ROUND_HALF_UP).toFixed(places),
 * read straight from the value's digits (decimal.js's public d, e and s: no Decimal and almost no
 * string is made, and the report formats every amount). `whole` says the unrounded value × 10^shift
 * is an integer.
 */
export function shiftedFixed(value: Decimal, shift: number, places: number): { text: string; whole: boolean } {
  if (!value.d) throw new Error(`shiftedFixed: ${value.toString()} is not a finite number`);
  let digits = coefficientDigits(value.d);
  // Digits before the point once shifted; the value is 0.digits × 10^(e + 1).
  let point = value.e + 1 + shift;
  if (point < 1) {
    digits = "0".repeat(1 - point) + digits;
    point = 1;
  }
  const n = digits.length;
  let whole = true;
  for (let i = point; i < n; i++)
    if (digits.charCodeAt(i) !== 48) {
      whole = false;
      break;
    }
  const keep = point + places;
  let kept = n >= keep ? digits.slice(0, keep) : digits + "0".repeat(keep - n);
  if (n > keep && digits.charCodeAt(keep) >= 53) {
    // The first digit dropped is 5 or more: add one at the last kept place, carrying over the 9s.
    let i = keep - 1;
    while (i >= 0 && kept.charCodeAt(i) === 57) i--;
    const tail = "0".repeat(keep - 1 - i);
    if (i >= 0) kept = kept.slice(0, i) + String.fromCharCode(kept.charCodeAt(i) + 1) + tail;
    else {
      kept = "1" + tail;
      point++;
    }
  }
  // Leading zeros of the integer part go (one is kept before the point).
  let lead = 0;
  while (lead < point - 1 && kept.charCodeAt(lead) === 48) lead++;
  const int = kept.slice(lead, point);
  const text = places > 0 ? `${int}.${kept.slice(point)}` : int;
  return { text: value.s < 0 && !isZeroText(text) ? `-${text}` : text, whole };
}

/** "0", "0.00": the text of a zero (no digit 1–9). */
function isZeroText(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 49 && c <= 57) return false;
  }
  return true;
}
