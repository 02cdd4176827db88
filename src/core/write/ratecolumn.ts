/**
 * The rate columns beside the fund table — 资金到位率 (实际到位 ÷ 全年预算) and 预算执行率 (全年执行数 ÷
 * 全年预算), each where the table has the figures: where a column goes, what each cell gets (a live
 * formula or the value), which cells are the user's and stay as they are, and whether the rates the
 * user typed are right.
 */
import { a1, columnLetters } from "../io/a1";
import { Decimal, HUNDRED } from "../numbers/decimal";
import { formatRate, rateNumberFormat } from "../numbers/format";
import { Issue, makeIssue } from "../issues";
import { OwnedCells, isOwnedCell, writeFingerprint } from "../read/meta";
import { parseTypedRate } from "../numbers/parse";
import { CellContent, CellWrite, flat } from "../io/plan";
import { SheetSnapshot, bottomRow, cellDisplay, cellEmpty, cellFormat, cellFormula, cellValue } from "../io/snapshot";
import { AmountCell, FundTable, Project, SummaryRow } from "../read/fundtable";
import type { SingleField } from "../read/detect";
import { Rate, rateOf } from "../numbers/units";

export const RATE_HEADER = "资金到位率";
export const EXEC_RATE_HEADER = "预算执行率";
/** The keys under which the add-in remembers its rate columns. */
export const RATE_KEYS: readonly string[] = [RATE_HEADER, EXEC_RATE_HEADER];

export type WriteMode = "formulas" | "values";

export interface RateColumnOptions {
  mode: WriteMode;
  /** The user confirmed that their own cells in the way may be replaced. */
  overwrite?: boolean;
}

export interface RateColumnPlan {
  /** Which rate (its header, and the key it is remembered by). */
  key: string;
  col: number;
  created: boolean;
  cells: CellWrite[];
  owned: OwnedCells;
  issues: Issue[];
  /** Cells holding the user's own content that were left alone (the pane asks about these). */
  kept: string[];
}

/** One rate the table supports: its name, the column it may already have, and its two figures. */
interface RateSpec {
  key: string;
  existing: SingleField;
  part: "invested" | "executed";
  base: "budget" | "initial";
  of: (p: Project) => Rate | null;
}

/** The rates this table supports (資金到位率 with 年初 as its base only when there is no 全年 column). */
export function rateSpecs(table: FundTable): RateSpec[] {
  const m = table.mapping;
  const out: RateSpec[] = [];
  if (m.invested !== undefined && table.arrivalBase) out.push({ key: RATE_HEADER, existing: "rate", part: "invested", base: table.arrivalBase, of: (p) => p.rate });
  if (m.executed !== undefined && m.budget !== undefined) out.push({ key: EXEC_RATE_HEADER, existing: "execRate", part: "executed", base: "budget", of: (p) => p.execRate });
  return out;
}

/** The formula of a rate cell: blank when the part is blank, blank (not #DIV/0!) when the budget is 0. */
export function rateFormula(row: number, partCol: number, baseCol: number): string {
  const f = `${columnLetters(partCol)}${row}`;
  const c = `${columnLetters(baseCol)}${row}`;
  return flat(`=IF(${f}="","",IFERROR(${f}/${c},""))`);
}

/** First column right of the table whose header and data cells are all empty (and not taken by another rate). */
function freeColumnRightOf(sheet: SheetSnapshot, table: FundTable, taken: ReadonlySet<number>): number {
  const d = table.detection;
  for (let c = d.lastCol + 1; ; c++) {
    let free = !taken.has(c);
    for (let r = d.headerTop; r <= Math.max(d.dataEnd, d.headerBottom) && free; r++) if (!cellEmpty(sheet, r, c)) free = false;
    if (free) return c;
  }
}

type Target = { row: number; rate: Rate | null; part: AmountCell | null; base: AmountCell | null };

function checkTyped(sheet: SheetSnapshot, spec: RateSpec, t: Target, col: number, issues: Issue[]): void {
  const v = cellValue(sheet, t.row, col);
  if (v === null || v === "") return;
  const cell = a1(t.row, col);
  const typed = parseTypedRate(v, cellFormat(sheet, t.row, col));
  if (!typed) return void issues.push(makeIssue("RATE_NOT_A_NUMBER", sheet.name, cell, { value: cellDisplay(v), rateName: spec.key }));
  const tolerance = new Decimal(10).pow(-typed.percentDecimals).dividedBy(2).dividedBy(HUNDRED);
  if (t.rate !== null && typed.value.minus(t.rate).abs().lessThanOrEqualTo(tolerance)) return;
  issues.push(
    makeIssue("RATE_MISMATCH", sheet.name, cell, {
      rateName: spec.key,
      typed: typed.value.times(HUNDRED).toFixed(typed.percentDecimals) + "%",
      computed: t.rate ? formatRate(t.rate) : "无（预算为空或为 0）",
      invested: t.part?.value ? t.part.value.toFixed() + "元" : "空",
      budget: t.base?.value ? t.base.value.toFixed() + "元" : "空",
    }),
  );
}

/** The rows that get a rate: every project, and the 合计/小计 rows that have the figures. */
function rateTargets(table: FundTable, spec: RateSpec): Target[] {
  const summary = (s: SummaryRow): Target => {
    const part = s[spec.part];
    const base = s[spec.base];
    return { row: s.row, rate: part?.value && base?.value ? rateOf(part.value, base.value) : null, part, base };
  };
  const summaries = [table.totalRow, ...table.summaryRows].filter((s): s is SummaryRow => !!s && !!s[spec.part] && !!s[spec.base] && (s[spec.part]!.state !== "blank" || s[spec.base]!.state !== "blank"));
  return [...table.projects.map((p) => ({ row: p.row, rate: spec.of(p), part: p[spec.part], base: p[spec.base] })), ...summaries.map(summary)].sort((a, b) => a.row - b.row);
}

/** A row whose figures are text numbers: Excel's formula cannot use them, so the value is written (and said). */
function textFigures(t: Target): readonly string[] {
  const text = (c: AmountCell | null) => c?.state === "text";
  if (!text(t.part) && !text(t.base)) return NONE; // most rows: no list made
  return [t.part, t.base].filter((c): c is AmountCell => text(c)).map((c) => c.cell);
}
const NONE: readonly string[] = [];

function rateWrite(sheet: string, spec: RateSpec, t: Target, col: number, cols: { part: number; base: number }, mode: WriteMode, issues: Issue[]): CellWrite {
  const text = textFigures(t);
  const asValue = mode === "values" || text.length > 0;
  if (mode === "formulas" && text.length > 0) issues.push(makeIssue("RATE_AS_VALUE", sheet, a1(t.row, col), { cells: text.join("、"), rateName: spec.key, rate: t.rate ? formatRate(t.rate) : "（空）" }));
  const content: CellContent = !asValue ? { kind: "formula", formula: rateFormula(t.row, cols.part, cols.base) } : t.rate === null ? { kind: "blank" } : { kind: "number", value: t.rate.toNumber() };
  return { row: t.row, col, content, numberFormat: rateNumberFormat(t.rate), expect: t.rate === null ? "" : flat(t.rate.toFixed()) }; // decimal.js writes a 40-digit rate piece by piece
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

/** One rate column: written where the cells are ours or empty, kept (and checked) where the user typed. */
function planOneRate(table: FundTable, spec: RateSpec, ownedBefore: OwnedCells | undefined, opts: RateColumnOptions, taken: Set<number>): RateColumnPlan {
  const sheet = table.grid;
  const m = table.mapping;
  const d = table.detection;
  const existing = m[spec.existing];
  const col = existing ?? freeColumnRightOf(sheet, table, taken);
  taken.add(col);
  const plan: RateColumnPlan = { key: spec.key, col, created: existing === undefined, cells: [], owned: { sheet: sheet.name, key: spec.key, formulas: [], cells: {} }, issues: [], kept: [] };
  const { cells, owned, issues } = plan;
  // The column is ours when we made it before (same sheet, header still ours) or make it now.
  const ownedPrev = ownedBefore && ownedBefore.sheet === sheet.name ? ownedBefore : undefined;
  if (plan.created) cells.push({ row: d.headerTop, col, content: { kind: "text", text: spec.key }, styleFrom: { row: d.headerTop, col: d.lastCol } });
  const targets = rateTargets(table, spec);
  const cols = { part: m[spec.part]!, base: m[spec.base]! };
  let formulaPrint: string | undefined; // every rate formula has one shape: fingerprinted once
  for (const t of targets) {
    const address = a1(t.row, col);
    if (!cellEmpty(sheet, t.row, col) && !(!plan.created && isOwnedCell(ownedPrev, sheet, t.row, col, address)) && !opts.overwrite) {
      plan.kept.push(address);
      const shown = cellFormula(sheet, t.row, col) ?? cellDisplay(cellValue(sheet, t.row, col));
      issues.push(makeIssue("CELL_KEPT", sheet.name, address, { value: shown, what: spec.key, figure: t.rate ? " " + formatRate(t.rate) : "" }));
      checkTyped(sheet, spec, t, col, issues);
      continue;
    }
    const write = rateWrite(sheet.name, spec, t, col, cols, opts.mode, issues);
    cells.push(write);
    if (write.content.kind === "formula") {
      if (formulaPrint === undefined) owned.formulas.push((formulaPrint = writeFingerprint(write)!.hash));
      continue;
    }
    const fp = writeFingerprint(write);
    if (fp) owned.cells[address] = fp.hash;
  }
  if (ownedPrev && !plan.created) cells.push(...staleCells(table, col, ownedPrev, new Set(targets.map((t) => t.row))));
  return plan;
}

/** Every rate column the table supports, planned together (so that a new one never takes another's place). */
export function planRateColumns(table: FundTable, ownedBefore: (key: string) => OwnedCells | undefined, opts: RateColumnOptions): RateColumnPlan[] {
  const taken = new Set<number>();
  return rateSpecs(table).map((spec) => planOneRate(table, spec, ownedBefore(spec.key), opts, taken));
}
