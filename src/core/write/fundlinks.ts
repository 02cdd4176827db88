/**
 * How other sheets refer to the fund table: its totals (the 合计 cell when there is one, else a SUM
 * over the project rows) and its overall 资金到位率, as formulas with their exact values.
 */
import { a1, columnLetters, qualified } from "../io/a1";
import { Decimal, TEN_THOUSAND } from "../numbers/decimal";
import { FundTable } from "../read/fundtable";
import { Yuan, rateOf, sumYuan } from "../numbers/units";

/** What the score sheet links to in the fund table: a formula and its exact value. */
export interface FundLink {
  formula: string;
  value: Decimal | null;
}
export interface FundLinks {
  /** In 万元 (the official form's unit). */
  budget?: FundLink;
  invested?: FundLink;
  fiscal?: FundLink;
  /** The fund table's overall 资金到位率. */
  rate?: FundLink;
}

/** Runs of consecutive project rows: [[4, 14]] or [[4, 8], [10, 14]]. */
export function projectRuns(table: FundTable): [number, number][] {
  const runs: [number, number][] = [];
  for (const p of table.projects) {
    const last = runs[runs.length - 1];
    if (last && last[1] === p.row - 1) last[1] = p.row;
    else runs.push([p.row, p.row]);
  }
  return runs;
}

function sumFormula(table: FundTable, col: number): string {
  const L = columnLetters(col);
  return `SUM(${projectRuns(table)
    .map(([a, b]) => qualified(table.sheet, a === b ? `${L}${a}` : `${L}${a}:${L}${b}`))
    .join(",")})`;
}

/** The total of one amount column: formula (in the table's unit) and exact 元. */
function columnTotal(table: FundTable, col: number, projectValues: (Yuan | null)[]): { formula: string; yuan: Yuan } {
  const t = table.totalRow;
  const cellOfTotal = t && [t.budget, t.invested].find((x) => x && x.col === col && x.value !== null);
  if (cellOfTotal && cellOfTotal.value) return { formula: qualified(table.sheet, cellOfTotal.cell), yuan: cellOfTotal.value };
  return { formula: sumFormula(table, col), yuan: sumYuan(projectValues.filter((v): v is Yuan => v !== null)) };
}

/** In 万元, the official form's unit: the reference divided by 10000 when the table is kept in 元. */
function inWan(table: FundTable, col: number, total: { formula: string; yuan: Yuan }): FundLink {
  const unit = table.columnUnit(col);
  return { formula: unit === "元" ? `${total.formula}/10000` : total.formula, value: total.yuan.dividedBy(TEN_THOUSAND) };
}

export function fundLinks(table: FundTable, rateCol: number | undefined): FundLinks {
  const m = table.mapping;
  const links: FundLinks = {};
  let budget: { formula: string; yuan: Yuan } | undefined;
  let invested: { formula: string; yuan: Yuan } | undefined;
  if (m.budget !== undefined) {
    budget = columnTotal(table, m.budget, table.projects.map((p) => p.budget?.value ?? null));
    links.budget = inWan(table, m.budget, budget);
  }
  if (m.invested !== undefined) {
    invested = columnTotal(table, m.invested, table.projects.map((p) => p.invested?.value ?? null));
    links.invested = inWan(table, m.invested, invested);
  }
  const fiscal = m.sources.filter((c) => /财政/.test(table.detection.headers.find((h) => h.col === c)?.text ?? ""));
  if (fiscal.length > 0) {
    const parts = fiscal.map((c) => {
      const idx = m.sources.indexOf(c);
      return inWan(table, c, { formula: sumFormula(table, c), yuan: sumYuan(table.projects.map((p) => p.sources[idx]?.amount.value).filter((v): v is Yuan => !!v)) });
    });
    links.fiscal = { formula: parts.map((p) => p.formula).join("+"), value: parts.reduce<Decimal>((a, p) => a.plus(p.value as Decimal), new Decimal(0)) };
  }
  if (budget && invested) {
    const t = table.totalRow;
    if (rateCol !== undefined && t && t.budget?.value && t.invested?.value) {
      links.rate = { formula: qualified(table.sheet, a1(t.row, rateCol)), value: rateOf(t.invested.value, t.budget.value) };
    } else {
      links.rate = { formula: `IFERROR(${invested.formula}/${budget.formula},"")`, value: rateOf(invested.yuan, budget.yuan) };
    }
  }
  return links;
}
