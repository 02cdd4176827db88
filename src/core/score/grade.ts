/** 评价等级: 优 ≥90, 良 ≥80, 中 ≥60, 差 below — in decimal.js and as the formula Excel recalculates. */
import { Decimal } from "../numbers/decimal";

export type Grade = "优" | "良" | "中" | "差";

export const GRADES: readonly { grade: Grade; atLeast: number }[] = [
  { grade: "优", atLeast: 90 },
  { grade: "良", atLeast: 80 },
  { grade: "中", atLeast: 60 },
  { grade: "差", atLeast: -Infinity },
];

export function gradeOf(total: Decimal): Grade {
  return GRADES.find((g) => total.greaterThanOrEqualTo(g.atLeast))!.grade;
}

/** =IF(H40="","",IF(H40>=90,"优",IF(H40>=80,"良",IF(H40>=60,"中","差")))) */
export function gradeFormula(totalCell: string): string {
  const nested = GRADES.slice(0, -1).reduceRight((inner, g) => `IF(${totalCell}>=${g.atLeast},"${g.grade}",${inner})`, `"${GRADES[GRADES.length - 1].grade}"`);
  return `=IF(${totalCell}="","",${nested})`;
}
