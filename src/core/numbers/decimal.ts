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

/**
 * value × 10^shift rounded half-up (away from zero at .5) to `places` decimals, as decimal text:
 * the same digits as value.times(10 ** shift).toDecimalPlaces(places, ROUND_HALF_UP).toFixed(places),
 * read straight from the value's digits (decimal.js's public d, e and s: no Decimal is made, and
 * only the digits up to the first one dropped are written out — a rate has 40). `whole` says the
 * unrounded value × 10^shift is an integer.
 */
export function shiftedFixed(value: Decimal, shift: number, places: number): { text: string; whole: boolean } {
  const d = value.d;
  if (!d) throw new Error(`shiftedFixed: ${value.toString()} is not a finite number`);
  // Digits before the point once shifted; the value is 0.(its digits) × 10^(e + 1).
  let point = value.e + 1 + shift;
  const pad = point < 1 ? 1 - point : 0; // zeros between the point and the first digit
  if (pad) point = 1;
  const keep = point + places;
  // The coefficient's digits that matter: up to the first one dropped (decimal.js keeps them in
  // base-10⁷ words, the first unpadded, the others 7 digits each); `rest`: a nonzero digit after them.
  const need = Math.max(0, keep + 1 - pad);
  let digits = String(d[0]);
  let i = 1;
  while (digits.length < need && i < d.length) {
    const w = String(d[i++]);
    digits += w.length === 7 ? w : "0000000".slice(w.length) + w;
  }
  let rest = false;
  for (let j = need; j < digits.length && !rest; j++) rest = digits.charCodeAt(j) !== 48;
  for (; i < d.length && !rest; i++) rest = d[i] !== 0;
  if (digits.length > need) digits = digits.slice(0, need);
  if (pad) digits = "0".repeat(pad) + digits;
  const n = digits.length;
  let whole = !rest;
  for (let j = point; j < n && whole; j++) whole = digits.charCodeAt(j) === 48;
  let kept = n >= keep ? digits.slice(0, keep) : digits + "0".repeat(keep - n);
  let intDigits = point;
  if (n > keep && digits.charCodeAt(keep) >= 53) {
    // The first digit dropped is 5 or more: add one at the last kept place, carrying over the 9s.
    let k = keep - 1;
    while (k >= 0 && kept.charCodeAt(k) === 57) k--;
    const tail = "0".repeat(keep - 1 - k);
    if (k >= 0) kept = kept.slice(0, k) + String.fromCharCode(kept.charCodeAt(k) + 1) + tail;
    else {
      kept = "1" + tail;
      intDigits++;
    }
  }
  // Leading zeros of the integer part go (one is kept before the point).
  let lead = 0;
  while (lead < intDigits - 1 && kept.charCodeAt(lead) === 48) lead++;
  const int = kept.slice(lead, intDigits);
  const text = places > 0 ? `${int}.${kept.slice(intDigits)}` : int;
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
