/**
 * The 资金到位率 column: where it goes, what each cell gets (a live formula or the value), which
 * cells are the user's and stay as they are, and whether the rates the user typed are right.
 */
import { a1, columnLetters } from "../io/a1";
import { Decimal, HUNDRED } from "../numbers/decimal";
import { formatRate, rateNumberFormat } from "../numbers/format";
import { Issue, makeIssue } from "../issues";
import { OwnedCells, isOwnedCell, writeFingerprint } from "../read/meta";
import { parseTypedRate } from "../numbers/parse";
import { CellContent, CellWrite } from "../io/plan";
import { SheetSnapshot, bottomRow, cellDisplay, cellEmpty, cellFormat, cellFormula, cellValue } from "../io/snapshot";
import { FundTable } from "../read/fundtable";
import { Rate, Yuan, rateOf } from "../numbers/units";

export const RATE_HEADER = "资金到位率";

export type WriteMode = "formulas" | "values";

export interface RateColumnOptions {
  mode: WriteMode;
  /** The user confirmed that their own cells in the way may be replaced. */
  overwrite?: boolean;
}

export interface RateColumnPlan {
  col: number;
  created: boolean;
  cells: CellWrite[];
  owned: OwnedCells;
  issues: Issue[];
  /** Cells holding the user's own content that were left alone (the pane asks about these). */
  kept: string[];
}

/** The formula of a rate cell: blank when nothing was invested yet, blank (not #DIV/0!) when the budget is 0. */
export function rateFormula(row: number, investedCol: number, budgetCol: number): string {
  const f = `${columnLetters(investedCol)}${row}`;
  const c = `${columnLetters(budgetCol)}${row}`;
  return `=IF(${f}="","",IFERROR(${f}/${c},""))`;
}

function rowRate(budget: Yuan | null | undefined, invested: Yuan | null | undefined): Rate | null {
  if (!budget || !invested) return null;
  return rateOf(invested, budget);
}

/** First column right of the table whose header and data cells are all empty. */
function freeColumnRightOf(sheet: SheetSnapshot, table: FundTable): number {
  const d = table.detection;
  for (let c = d.lastCol + 1; ; c++) {
    let free = true;
    for (let r = d.headerTop; r <= Math.max(d.dataEnd, d.headerBottom) && free; r++) if (!cellEmpty(sheet, r, c)) free = false;
    if (free) return c;
  }
}

function checkTyped(sheet: SheetSnapshot, row: number, col: number, computed: Rate | null, budget: Yuan | null | undefined, invested: Yuan | null | undefined, issues: Issue[]): void {
  const v = cellValue(sheet, row, col);
  if (v === null || v === "") return;
  const cell = a1(row, col);
  const typed = parseTypedRate(v, cellFormat(sheet, row, col));
  if (!typed) {
    issues.push(makeIssue("RATE_NOT_A_NUMBER", sheet.name, cell, { value: cellDisplay(v) }));
    return;
  }
  const tolerance = new Decimal(10).pow(-typed.percentDecimals).dividedBy(2).dividedBy(HUNDRED);
  if (computed !== null && typed.value.minus(computed).abs().lessThanOrEqualTo(tolerance)) return;
  issues.push(
    makeIssue("RATE_MISMATCH", sheet.name, cell, {
      typed: typed.value.times(HUNDRED).toFixed(typed.percentDecimals) + "%",
      computed: computed ? formatRate(computed) : "无（预算为空或为 0）",
      invested: invested ? invested.toFixed() + "元" : "空",
      budget: budget ? budget.toFixed() + "元" : "空",
    }),
  );
}

type Target = { row: number; rate: Rate | null; budget?: Yuan | null; invested?: Yuan | null };

/** The rows that get a rate: every project, and the 合计/小计 rows that have amounts. */
function rateTargets(table: FundTable): Target[] {
  const summaries = [table.totalRow, ...table.summaryRows].filter(
    (s): s is NonNullable<typeof s> => !!s && !!s.budget && !!s.invested && (s.budget.state !== "blank" || s.invested.state !== "blank"),
  );
  return [
    ...table.projects.map((p) => ({ row: p.row, rate: p.rate, budget: p.budget?.value, invested: p.invested?.value })),
    ...summaries.map((s) => ({ row: s.row, rate: rowRate(s.budget?.value, s.invested?.value), budget: s.budget?.value, invested: s.invested?.value })),
  ].sort((a, b) => a.row - b.row);
}

function rateWrite(t: Target, col: number, m: { invested: number; budget: number }, mode: WriteMode): CellWrite {
  const content: CellContent =
    mode === "formulas" ? { kind: "formula", formula: rateFormula(t.row, m.invested, m.budget) } : t.rate === null ? { kind: "blank" } : { kind: "number", value: t.rate.toNumber() };
  return { row: t.row, col, content, numberFormat: rateNumberFormat(t.rate), expect: t.rate === null ? "" : t.rate.toFixed() };
}

/** Our own cells left over from an earlier run on rows that are no longer projects: cleared. */
function staleCells(table: FundTable, col: number, ownedPrev: OwnedCells, targetRows: Set<number>): CellWrite[] {
  const sheet = table.grid;
  const d = table.detection;
  const out: CellWrite[] = [];
  for (let r = d.dataStart; r <= Math.max(bottomRow(sheet), d.dataEnd); r++) {
    if (targetRows.has(r) || cellEmpty(sheet, r, col)) continue;
    if (isOwnedCell(ownedPrev, sheet, r, col, a1(r, col))) out.push({ row: r, col, content: { kind: "blank" }, expect: "" });
  }
  return out;
}

export function planRateColumn(table: FundTable, ownedBefore: OwnedCells | undefined, opts: RateColumnOptions): RateColumnPlan {
  const sheet = table.grid;
  const m = table.mapping;
  const d = table.detection;
  const plan: RateColumnPlan = { col: m.rate ?? freeColumnRightOf(sheet, table), created: m.rate === undefined, cells: [], owned: { sheet: sheet.name, key: RATE_HEADER, formulas: [], cells: {} }, issues: [], kept: [] };
  const { col, created, cells, owned, issues } = plan;
  // The column is ours when we made it before (same sheet, header still ours) or make it now.
  const ownedPrev = ownedBefore && ownedBefore.sheet === sheet.name ? ownedBefore : undefined;
  if (created) cells.push({ row: d.headerTop, col, content: { kind: "text", text: RATE_HEADER }, styleFrom: { row: d.headerTop, col: d.lastCol } });
  if (m.budget === undefined || m.invested === undefined) return plan;
  const targets = rateTargets(table);
  let formulaPrint: string | undefined; // every rate formula has one shape: fingerprinted once
  for (const t of targets) {
    const address = a1(t.row, col);
    const ours = !created && isOwnedCell(ownedPrev, sheet, t.row, col, address);
    if (!cellEmpty(sheet, t.row, col) && !ours && !opts.overwrite) {
      plan.kept.push(address);
      const shown = cellFormula(sheet, t.row, col) ?? cellDisplay(cellValue(sheet, t.row, col));
      issues.push(makeIssue("CELL_KEPT", sheet.name, address, { value: shown, what: "资金到位率", figure: t.rate ? " " + formatRate(t.rate) : "" }));
      checkTyped(sheet, t.row, col, t.rate, t.budget, t.invested, issues);
      continue;
    }
    const write = rateWrite(t, col, { invested: m.invested, budget: m.budget }, opts.mode);
    cells.push(write);
    if (write.content.kind === "formula") {
      if (formulaPrint === undefined) owned.formulas.push((formulaPrint = writeFingerprint(write)!.hash));
      continue;
    }
    const fp = writeFingerprint(write);
    if (fp) owned.cells[address] = fp.hash;
  }
  if (ownedPrev && !created) cells.push(...staleCells(table, col, ownedPrev, new Set(targets.map((t) => t.row))));
  return plan;
}
