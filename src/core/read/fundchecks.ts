/**
 * The fund table's sums: the totals of each amount column (unknown while a project's cell is blank —
 * a blank is not a 0), a 合计 row against its projects, and a project against its 其中 rows. A
 * difference within n × half a unit of the shown precision is a 尾差; beyond it an error.
 */
import { Issue, makeIssue, partsParam } from "../issues";
import { checkStatedTotal, shownDecimals } from "../numbers/consistency";
import { AmountUnit, Rate, Yuan, rateOf, sumYuan } from "../numbers/units";
import { SheetSnapshot, cellFormula } from "../io/snapshot";
import type { ColumnMapping } from "./detect";
import type { AmountCell, FundTable, Project, SummaryRow, Totals } from "./fundtable";

export type AmountField = "initial" | "budget" | "invested" | "executed";
export const AMOUNT_FIELDS: readonly AmountField[] = ["initial", "budget", "invested", "executed"];

/** The values of the cells that have one. */
function known(cells: (AmountCell | null)[]): Yuan[] {
  const out: Yuan[] = [];
  for (const c of cells) if (c?.value) out.push(c.value);
  return out;
}

/** The sum of a column over the projects, or null with the cells that keep it from being known. */
function columnTotal(projects: Project[], field: AmountField): { value: Yuan | null; missing: string[] } {
  const missing: string[] = [];
  const values: Yuan[] = [];
  for (const p of projects) {
    const c = p[field];
    if (!c) continue;
    if (c.value === null) missing.push(c.cell);
    else if (!missing.length) values.push(c.value);
  }
  return { value: missing.length ? null : sumYuan(values), missing };
}

export function columnTotals(projects: Project[], m: ColumnMapping, base: FundTable["arrivalBase"]): Totals {
  const totals: Totals = { initial: null, budget: null, invested: null, executed: null, rate: null, execRate: null, missing: {} };
  for (const f of AMOUNT_FIELDS) {
    if (m[f] === undefined) continue;
    const t = columnTotal(projects, f);
    totals[f] = t.value;
    if (t.missing.length) totals.missing[f] = t.missing;
  }
  const ratio = (part: Yuan | null, whole: Yuan | null): Rate | null => (part && whole ? rateOf(part, whole) : null);
  totals.rate = ratio(totals.invested, base ? totals[base] : null);
  totals.execRate = ratio(totals.executed, totals.budget);
  return totals;
}

/** A stated figure against the exact sum of its parts: a 尾差 note or a mismatch error at the stated cell. */
function compare(stated: AmountCell, parts: Yuan[], unit: AmountUnit, codes: readonly ["TOTAL_ROUNDING" | "BREAKDOWN_ROUNDING", "TOTAL_MISMATCH" | "BREAKDOWN_MISMATCH"], sheet: string, params: Record<string, string>, issues: Issue[], sumOfParts?: Yuan): void {
  if (stated.value === null) return;
  const computed = sumOfParts ?? sumYuan(parts);
  const verdict = checkStatedTotal(stated.value, computed, parts.length, shownDecimals(parts, unit), unit);
  if (verdict.kind === "ok") return;
  const figures = { stated: stated.value.toFixed() + "元", computed: computed.toFixed() + "元", diff: verdict.diff.abs().toFixed() + "元" };
  issues.push(makeIssue(verdict.kind === "rounding" ? codes[0] : codes[1], sheet, stated.cell, { ...params, ...figures }));
}

/**
 * The 合计 row against the projects: a formula never computed (a file written by a program, not by
 * Excel) is taken as the SUM Excel will show; a stated total is checked when every project's cell is known.
 */
export function checkTotalRow(sheet: SheetSnapshot, totalRow: SummaryRow, projects: Project[], totals: Totals, columnUnit: (col: number) => AmountUnit, issues: Issue[]): void {
  for (const f of AMOUNT_FIELDS) {
    const cell = totalRow[f];
    if (!cell) continue;
    const sum = totals[f]; // columnTotals': null while a project's cell is blank
    if (cell.state === "blank" && cellFormula(sheet, cell.row, cell.col) !== null && sum) {
      cell.value = sum;
      cell.state = "number";
    }
    if (sum === null) continue;
    compare(cell, known(projects.map((p) => p[f])), columnUnit(cell.col), ["TOTAL_ROUNDING", "TOTAL_MISMATCH"], sheet.name, { field: headerOf(f) }, issues, sum);
  }
}

const headerOf = (f: AmountField) => ({ initial: "年初预算数", budget: "项目资金", invested: "投入资金", executed: "全年执行数" })[f];

/** A project against its 其中 rows (the leaves: 小计 rows among them are not added again). */
export function checkBreakdown(sheet: string, p: Project, columnUnit: (col: number) => AmountUnit, issues: Issue[]): void {
  if (p.breakdown.length === 0) return;
  const rows = p.breakdown.map((b) => b.row);
  issues.push(makeIssue("BREAKDOWN_ROWS", sheet, p.breakdown.map((b) => b.amounts.budget?.cell ?? b.amounts.initial?.cell ?? b.amounts.invested?.cell ?? b.amounts.executed?.cell ?? "").filter((c) => c !== ""), {
    name: p.name || p.nameCell,
    rows: rows.length > 1 ? `${rows[0]}–${rows[rows.length - 1]}` : String(rows[0]),
  }));
  const leaves = p.breakdown.some((b) => !/(小计|合计)$/.test(b.label)) ? p.breakdown.filter((b) => !/(小计|合计)$/.test(b.label)) : p.breakdown;
  for (const f of AMOUNT_FIELDS) {
    const stated = p[f];
    const parts = leaves.map((b) => b.amounts[f]).filter((c): c is AmountCell => !!c && c.value !== null);
    if (!stated || stated.value === null || parts.length === 0) continue;
    const list = partsParam(leaves.map((b) => ({ name: b.label, amount: b.amounts[f]?.value ? b.amounts[f]!.value!.toFixed() + "元" : "（空）", cell: b.amounts[f]?.cell })));
    compare(stated, parts.map((c) => c.value!), columnUnit(stated.col), ["BREAKDOWN_ROUNDING", "BREAKDOWN_MISMATCH"], sheet, { name: p.name || p.nameCell, field: headerOf(f), parts: list }, issues);
  }
}
