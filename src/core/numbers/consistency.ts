/**
 * Totals against their parts. A difference no larger than the rounding of the parts
 * (n × half a unit of the shown precision) is a 尾差; a larger one is an error.
 */
import { Decimal, sum } from "./decimal";
import { AmountUnit, Yuan, fromYuan, minusYuan, toYuan } from "./units";

export type TotalVerdict<D extends Decimal = Decimal> = { kind: "ok" } | { kind: "rounding" | "mismatch"; diff: D };

/** Half a unit of the last shown decimal: 2 → 0.005. */
export function halfUnit(decimals: number): Decimal {
  return new Decimal(10).pow(-decimals).dividedBy(2);
}

export function checkSum(stated: Decimal, parts: readonly Decimal[], half: Decimal): TotalVerdict {
  const diff = stated.minus(sum(parts));
  if (diff.isZero()) return { kind: "ok" };
  return { kind: diff.abs().lessThanOrEqualTo(half.times(parts.length)) ? "rounding" : "mismatch", diff };
}

/** Decimals the parts are written with in their table unit (12.50万元 → 1; 39660元 → 0). */
export function shownDecimals(parts: readonly Yuan[], unit: AmountUnit): number {
  return parts.reduce((m, p) => Math.max(m, fromYuan(p, unit).decimalPlaces()), 0);
}

/** A 合计 cell against the sum of its projects, all exact 元, parts written with `decimals` in `unit`. */
export function checkStatedTotal(stated: Yuan, computed: Yuan, nParts: number, decimals: number, unit: AmountUnit = "元"): TotalVerdict<Yuan> {
  const diff = minusYuan(stated, computed);
  if (diff.isZero()) return { kind: "ok" };
  return { kind: diff.abs().lessThanOrEqualTo(halfUnitYuan(decimals, unit).times(nParts)) ? "rounding" : "mismatch", diff };
}

/** Half a unit of the last shown decimal of a figure written in `unit`, in 元 (2, 万元 → 50元). */
export function halfUnitYuan(decimals: number, unit: AmountUnit): Yuan {
  return toYuan(halfUnit(decimals), unit);
}
