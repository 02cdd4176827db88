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

/**
 * Sum of decimals (0 for an empty list), the same as adding them one after another with plus. While
 * the figures are to the cent (amounts are) and the total stays below 9×10^15 cents, they are added as
 * whole numbers of cents — integer steps, exact in a double, as plus is exact on them — and become one
 * decimal; from the first other figure on, plus adds the rest in order (it rounds to 40 digits at each
 * step, so the order is kept). No new decimal, and no copy of each figure (plus makes one), per amount.
 */
export function sum(values: readonly Decimal[]): Decimal {
  let cents = 0;
  let i = 0;
  for (; i < values.length; i++) {
    const v = values[i];
    const c = v.d ? scaledDigits(v, v.d, 2, 0) : null;
    if (!c || !c.whole) break;
    const next = cents + (v.s < 0 ? -c.units : c.units);
    if (Math.abs(next) >= 9e15) break;
    cents = next;
  }
  let total = cents === 0 ? ZERO : new Decimal(cents).dividedBy(100);
  for (; i < values.length; i++) total = total.plus(values[i]);
  return total;
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
  const fast = wordsFixed(value, d, shift, places);
  if (fast) return fast;
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

/** 10^0 … 10^15, each exact in a double. */
const POW10 = Array.from({ length: 16 }, (_v, i) => 10 ** i);

/**
 * |value| × 10^shift rounded half up to `places` decimals, as an integer of units of 10^-places, when
 * at most 15 digits are kept (every amount and rate the report shows): the kept digits gathered from
 * decimal.js's base-10⁷ words, the first digit dropped for the rounding, the digits past the shifted
 * point for `whole` (value × 10^shift is an integer) — integer steps, exact in a double. Null when more
 * digits are kept.
 */
function scaledDigits(value: Decimal, d: number[], shift: number, places: number): { units: number; whole: boolean } | null {
  const keep = value.e + 1 + shift + places; // digits of the coefficient left of the rounding point
  if (keep > 15) return null;
  const wholeAt = value.e + 1 + shift; // digits left of the shifted decimal point
  let units = 0; // the first `keep` digits
  let next = 0; // the digit at position `keep`: the first one dropped
  let whole = true; // no nonzero digit at a position ≥ wholeAt
  let p = 0; // the position of a word's first digit
  for (let i = 0; i < d.length; i++) {
    const w = d[i];
    let len = 7;
    if (i === 0) {
      len = 1;
      while (len < 7 && w >= POW10[len]) len++;
    }
    if (p > keep && p >= wholeAt) {
      // Past every digit that is kept or rounded: only whether something is left matters.
      if (w !== 0) whole = false;
    } else
      for (let j = len - 1, q = p; j >= 0; j--, q++) {
        const digit = Math.floor(w / POW10[j]) % 10;
        if (q < keep) units = units * 10 + digit;
        else if (q === keep) next = digit;
        if (q >= wholeAt && digit !== 0) whole = false;
      }
    p += len;
    if (!whole && p > keep) break;
  }
  if (p < keep) units *= POW10[keep - p]; // the coefficient ended first: zeros up to the rounding point
  if (next >= 5) units += 1; // half up, on the magnitude (away from zero at .5)
  return { units, whole };
}

/** shiftedFixed from scaledDigits: strings only for the result. */
function wordsFixed(value: Decimal, d: number[], shift: number, places: number): { text: string; whole: boolean } | null {
  const scaled = scaledDigits(value, d, shift, places);
  if (!scaled) return null;
  const { units, whole } = scaled;
  let digits = String(units);
  if (places > 0) {
    if (digits.length <= places) digits = "0".repeat(places + 1 - digits.length) + digits;
    digits = `${digits.slice(0, digits.length - places)}.${digits.slice(digits.length - places)}`;
  }
  return { text: value.s < 0 && units !== 0 ? `-${digits}` : digits, whole };
}

/** value.toFixed(): the exact decimal text, read straight from the digits of a whole number below 10^15. */
export function exactText(value: Decimal): string {
  const whole = value.d ? scaledDigits(value, value.d, 0, 0) : null;
  if (!whole || !whole.whole) return value.toFixed();
  return value.s < 0 && whole.units !== 0 ? `-${whole.units}` : String(whole.units);
}

/**
 * a.comparedTo(b), read from their digits as decimal.js reads them, without the copy of b that
 * decimal.js makes on every comparison (two a project, 20,000 copies at 10,000 projects).
 */
export function cmp(a: Decimal, b: Decimal): number {
  const ad = a.d;
  const bd = b.d;
  if (!ad || !bd) return a.comparedTo(b); // NaN or ±Infinity: decimal.js's own answer
  const as = a.s;
  if (!ad[0] || !bd[0]) return ad[0] ? as : bd[0] ? -b.s : 0; // a zero
  if (as !== b.s) return as;
  if (a.e !== b.e) return (a.e > b.e) !== as < 0 ? 1 : -1;
  const n = Math.min(ad.length, bd.length);
  for (let i = 0; i < n; i++) if (ad[i] !== bd[i]) return (ad[i] > bd[i]) !== as < 0 ? 1 : -1;
  return ad.length === bd.length ? 0 : (ad.length > bd.length) !== as < 0 ? 1 : -1;
}
