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
 * worked on the exact decimal text (one string, no Decimal made: the report formats every amount).
 * `whole` says the unrounded value × 10^shift is an integer.
 */
export function shiftedFixed(value: Decimal, shift: number, places: number): { text: string; whole: boolean } {
  const t = value.toFixed();
  const neg = t.charCodeAt(0) === 45; // "-"
  const body = neg ? t.slice(1) : t;
  const dot = body.indexOf(".");
  const ip = dot < 0 ? body : body.slice(0, dot);
  let digits = dot < 0 ? ip : ip + body.slice(dot + 1);
  let point = ip.length + shift;
  if (point < 1) {
    digits = "0".repeat(1 - point) + digits;
    point = 1;
  }
  if (digits.length < point) digits += "0".repeat(point - digits.length);
  const whole = !/[1-9]/.test(digits.slice(point));
  const keep = point + places;
  if (digits.length < keep) digits += "0".repeat(keep - digits.length);
  const up = digits.length > keep && digits.charCodeAt(keep) >= 53; // the first digit dropped is 5 or more
  digits = digits.slice(0, keep);
  if (up) {
    let i = keep - 1;
    const chars = digits.split("");
    while (i >= 0 && chars[i] === "9") chars[i--] = "0";
    if (i >= 0) chars[i] = String.fromCharCode(chars[i].charCodeAt(0) + 1);
    else {
      chars.unshift("1");
      point++;
    }
    digits = chars.join("");
  }
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, "");
  const text = places > 0 ? `${int}.${digits.slice(point)}` : int;
  return { text: neg && /[1-9]/.test(text) ? `-${text}` : text, whole };
}

