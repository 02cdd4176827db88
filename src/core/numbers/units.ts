/**
 * Branded amounts: 元, 万元 and rates are all Decimals at run time, but the compiler keeps them
 * apart so that a 万元 figure is never divided by a 元 figure or shown as a rate.
 */
import { Decimal, DecimalValue, TEN_THOUSAND, sum } from "./decimal";

declare const unitBrand: unique symbol;
export type Yuan = Decimal & { readonly [unitBrand]: "元" };
export type Wan = Decimal & { readonly [unitBrand]: "万元" };
/** A fraction: 0.7932 is 79.32%. */
export type Rate = Decimal & { readonly [unitBrand]: "rate" };

export type AmountUnit = "元" | "万元";

export const yuan = (v: DecimalValue): Yuan => new Decimal(v) as Yuan;
export const rate = (v: DecimalValue): Rate => new Decimal(v) as Rate;

/**
 * A figure that went through an untyped channel (a template's context) and comes back as a plain
 * Decimal: the same instance, its unit named again. The one place outside arithmetic that brands.
 */
export const asYuan = (v: Decimal): Yuan => v as Yuan;
export const asRate = (v: Decimal): Rate => v as Rate;

/** An amount read from a table in `unit`, as exact 元. */
export function toYuan(amount: Decimal, unit: AmountUnit): Yuan {
  return (unit === "万元" ? amount.times(TEN_THOUSAND) : amount) as Yuan;
}

export function yuanToWan(amount: Yuan): Wan {
  return amount.dividedBy(TEN_THOUSAND) as Wan;
}

/** Amount as it is written in a table kept in `unit` (the inverse of toYuan). */
export function fromYuan(amount: Yuan, unit: AmountUnit): Decimal {
  return unit === "万元" ? amount.dividedBy(TEN_THOUSAND) : amount;
}

export function sumYuan(values: readonly Yuan[]): Yuan {
  return sum(values) as Yuan;
}

/** part ÷ whole, or null when the whole is zero (no rate, never Infinity or NaN). */
export function rateOf(part: Yuan, whole: Yuan): Rate | null {
  if (whole.isZero()) return null;
  return part.dividedBy(whole) as Rate;
}

/** Arithmetic that keeps the unit: 元 ± 元 is 元, |元| is 元, 元 × n is 元. */
export const plusYuan = (a: Yuan, b: Yuan): Yuan => a.plus(b) as Yuan;
export const minusYuan = (a: Yuan, b: Yuan): Yuan => a.minus(b) as Yuan;
export const absYuan = (a: Yuan): Yuan => a.abs() as Yuan;
export const timesYuan = (a: Yuan, n: DecimalValue): Yuan => a.times(n) as Yuan;
