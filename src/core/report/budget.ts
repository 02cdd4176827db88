/**
 * The budget figures as the report states them (年初预算数 and 财政拨款收入 by 功能分类, the change over
 * last year), checked: a stated 合计 against its lines, the shown total against the shown parts (a
 * 尾差 within n × 0.005万元, beyond it an error), the change against its two parts.
 */
import { qualified } from "../io/a1";
import { Decimal, sum } from "../numbers/decimal";
import { TotalVerdict, checkStatedTotal, checkSum, halfUnit, halfUnitYuan, shownDecimals } from "../numbers/consistency";
import { formatWan } from "../numbers/format";
import { Yuan, absYuan, plusYuan, sumYuan, timesYuan, toYuan, yuanToWan } from "../numbers/units";
import { Issue, makeIssue, partsParam } from "../issues";
import { BudgetLine, BudgetTable, ChangeFigures } from "../read/workbookinfo";

/** The shown figure (万元, 2 places) of an exact amount, as a number of 万元 (exact decimal). */
const shown = (v: Yuan) => yuanToWan(v).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

export interface BudgetBlock {
  合计: Yuan | null;
  分类: { 名称: string; 金额: Yuan | null }[];
  sources: string[];
}

/**
 * One column of the budget table as the report states it: the total (the 合计 row, else the sum of
 * the lines) and the lines. Checks a stated 合计 against its lines, and the shown total against the
 * shown parts (a 尾差 when within n × 0.005万元); with tailAdjust, moves the largest part.
 */
export function budgetBlock(b: BudgetTable, pick: (l: BudgetLine) => BudgetLine["initial"], what: string, tailAdjust: boolean, issues: Issue[]): BudgetBlock | null {
  const cells = b.lines.map(pick);
  if (cells.every((c) => !c)) return null;
  const sources = b.lines.flatMap((l, i) => [qualified(b.sheet, l.nameCell), ...(cells[i] ? [qualified(b.sheet, cells[i]!.cell)] : [])]);
  const parts = cells.map((c) => c?.value ?? null);
  const known = parts.filter((p): p is Yuan => p !== null);
  const totalCell = b.total ? pick(b.total) : null;
  const exactSum = known.length === parts.length ? sumYuan(known) : null;
  const total: Yuan | null = totalCell?.value ?? exactSum;
  if (totalCell) sources.push(qualified(b.sheet, totalCell.cell));
  if (totalCell?.value && exactSum) checkBudgetTotal(b, totalCell.cell, totalCell.value, exactSum, parts, what, issues);
  let shownParts = parts;
  if (total && exactSum && known.length > 0) {
    // What a reader adds up: the figures as the report shows them.
    const v = checkSum(shown(total), known.map(shown), halfUnit(2));
    if (v.kind === "rounding" && tailAdjust) {
      let big = 0;
      known.forEach((p, i) => (p.abs().greaterThan(known[big].abs()) ? (big = i) : 0));
      const to = shown(known[big]).plus(v.diff);
      shownParts = parts.map((p, i) => (i === big ? toYuan(to, "万元") : p));
      issues.push(
        makeIssue("TAIL_ADJUSTED", b.sheet, cells[big]!.cell, { what, name: b.lines[big].name, from: formatWan(known[big]), to: to.toFixed(), total: formatWan(total) }),
      );
    } else if (v.kind !== "ok") {
      const first = cells[0]!.cell;
      const last = cells[cells.length - 1]!.cell;
      issues.push(
        sumIssue(v, b.sheet, first === last ? first : `${first}:${last}`, {
          what: `报告中${what}合计`,
          stated: formatWan(total) + "万元",
          computed: sum(known.map(shown)).toFixed() + "万元",
          diff: v.diff.abs().toFixed() + "万元",
          tolerance: halfUnit(2).times(known.length).toFixed() + "万元",
          parts: partsParam(b.lines.map((l, i) => ({ name: l.name, amount: formatWan(known[i]) + "万元" }))),
        }),
      );
    }
  }
  return { 合计: total, 分类: b.lines.map((l, i) => ({ 名称: l.name, 金额: shownParts[i] })), sources };
}

/** A stated 合计 of the budget table against the exact sum of its lines. */
function checkBudgetTotal(b: BudgetTable, cell: string, stated: Yuan, exactSum: Yuan, parts: (Yuan | null)[], what: string, issues: Issue[]): void {
  const known = parts.filter((p): p is Yuan => p !== null);
  const decimals = shownDecimals([...known, stated], b.unit);
  const v = checkStatedTotal(stated, exactSum, known.length, decimals, b.unit);
  if (v.kind === "ok") return;
  issues.push(
    sumIssue(v, b.sheet, cell, {
      what: `${what}合计`,
      stated: formatWan(stated) + "万元",
      computed: formatWan(exactSum) + "万元",
      diff: formatWan(absYuan(v.diff)) + "万元",
      tolerance: formatWan(timesYuan(halfUnitYuan(decimals, b.unit), known.length)) + "万元",
      parts: partsParam(b.lines.map((l, i) => ({ name: l.name, amount: parts[i] ? formatWan(parts[i]!) + "万元" : "？" }))),
    }),
  );
}

/** A total against its parts: a 尾差 (info) or a mismatch (error), with the figures as shown. */
function sumIssue(v: Exclude<TotalVerdict, { kind: "ok" }>, sheet: string, cell: string, params: Record<"what" | "stated" | "computed" | "diff" | "tolerance" | "parts", string>): Issue {
  return makeIssue(v.kind === "rounding" ? "SUM_ROUNDING" : "SUM_MISMATCH", sheet, cell, params);
}

/** 支出较上年增减 against 基本支出增减 + 项目支出增减, at the precision the figures are written with. */
export function checkChange(ch: ChangeFigures, issues: Issue[]): void {
  const [t, b, p] = [ch.total.value, ch.basic.value, ch.project.value];
  if (!t || !b || !p) return;
  const decimals = Math.max(2, shownDecimals([t, b, p], "万元"));
  const v = checkStatedTotal(t, plusYuan(b, p), 2, decimals, "万元");
  if (v.kind === "ok") return;
  const signed = (x: Yuan) => (x.isNegative() ? "−" : "") + formatWan(absYuan(x));
  issues.push(
    sumIssue(v, ch.sheet, ch.total.cell, {
      what: "支出较上年增减",
      stated: formatWan(t) + "万元",
      computed: formatWan(plusYuan(b, p)) + "万元",
      diff: formatWan(absYuan(v.diff)) + "万元",
      tolerance: formatWan(timesYuan(halfUnitYuan(decimals, "万元"), 2)) + "万元",
      parts: partsParam([
        { name: "基本支出增减", amount: signed(b) + "万元", cell: ch.basic.cell },
        { name: "项目支出增减", amount: signed(p) + "万元", cell: ch.project.cell },
      ]),
    }),
  );
}
