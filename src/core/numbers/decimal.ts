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

/** Rounds half-up to `places` and drops trailing zeros: 3.9660 → "3.97", 5.00 → "5", 2.50 → "2.5". */
export function roundTrim(value: Decimal, places: number): string {
  const rounded = value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  // toFixed() without argument never uses exponent notation and prints no trailing zeros.
  const text = rounded.toFixed();
  return text === "-0" ? "0" : text;
}
