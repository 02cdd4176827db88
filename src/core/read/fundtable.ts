/**
 * Reading the fund table into projects with exact amounts in 元, and everything odd about it into
 * issues with cell addresses.
 */
import { a1 } from "../io/a1";
import { Decimal } from "../numbers/decimal";
import { ColumnMapping, Detection, DetectOptions, detectTable } from "./detect";
import { FIELD_BY_KEY, FieldKey } from "./fields";
import { formatRate } from "../numbers/format";
import { Issue, makeIssue } from "../issues";
import { fold, parseAmount, parseCount } from "../numbers/parse";
import { SheetSnapshot, WorkbookSnapshot, cellDisplay, cellFormula, cellText, cellValue, getSheet, isBlank } from "../io/snapshot";
import { AmountUnit, Rate, Yuan, rateOf, sumYuan } from "../numbers/units";
import { checkStatedTotal, shownDecimals } from "../numbers/consistency";

export type RowKind = "project" | "total" | "subtotal" | "ofwhich" | "group" | "blank";

export interface AmountCell {
  /** Exact 元, or null when the cell holds no usable number. */
  value: Yuan | null;
  row: number;
  col: number;
  cell: string;
  state: "number" | "text" | "blank" | "invalid" | "error";
}

export interface TextCell {
  text: string;
  cell: string;
}

export interface Project {
  row: number;
  seq: string;
  name: string;
  nameCell: string;
  budget: AmountCell | null;
  invested: AmountCell | null;
  sources: { label: string; amount: AmountCell }[];
  count: { value: Decimal | null; cell: string } | null;
  texts: Partial<Record<"process" | "output" | "benefit", TextCell>>;
  /** invested ÷ budget from the exact amounts; null when either is missing or the budget is 0. */
  rate: Rate | null;
}

export interface SummaryRow {
  row: number;
  kind: RowKind;
  label: string;
  budget: AmountCell | null;
  invested: AmountCell | null;
}

export interface Totals {
  budget: Yuan;
  invested: Yuan;
  rate: Rate | null;
}

export interface FundTable {
  sheet: string;
  detection: Detection;
  mapping: ColumnMapping;
  unit: AmountUnit;
  /** Unit of each amount column (a header's own unit wins over the table's). */
  columnUnit: (col: number) => AmountUnit;
  /** Every row between the header and the end of the table, classified. */
  rows: { row: number; kind: RowKind }[];
  projects: Project[];
  /** 合计 row, when the table has one. */
  totalRow?: SummaryRow;
  /** 小计 and group rows with amounts. */
  summaryRows: SummaryRow[];
  totals: Totals;
}

export interface ReadResult {
  table: FundTable | null;
  issues: Issue[];
}

const TOTAL = /^(合计|总计|总合计|全部合计|共计)$/;
const SUBTOTAL = /^(小计|分计)/;
const OF_WHICH = /^其中/;
const GROUP = /^[一二三四五六七八九十]+[、.．]?$|^[一二三四五六七八九十]+、/;

function norm(v: string): string {
  return fold(v).replace(/\s+/g, "");
}

export function classifyRow(sheet: SheetSnapshot, row: number, d: Detection): RowKind {
  let blank = true;
  for (let c = d.firstCol; c <= d.lastCol; c++) if (!isBlank(cellValue(sheet, row, c))) blank = false;
  if (blank) return "blank";
  const m = d.mapping;
  const probe = [m.name, m.seq, d.firstCol].filter((c): c is number => c !== undefined);
  for (const c of probe) {
    const t = norm(cellText(cellValue(sheet, row, c)));
    if (!t) continue;
    if (TOTAL.test(t)) return "total";
    if (SUBTOTAL.test(t)) return "subtotal";
    if (OF_WHICH.test(t)) return "ofwhich";
  }
  const seq = m.seq !== undefined ? norm(cellText(cellValue(sheet, row, m.seq))) : "";
  const name = m.name !== undefined ? norm(cellText(cellValue(sheet, row, m.name))) : "";
  if ((seq && GROUP.test(seq)) || (!seq && GROUP.test(name) && name.length > 2)) return "group";
  return "project";
}

const FIELD_LABEL = (k: FieldKey) => FIELD_BY_KEY[k].label.replace(/（.*）/, "");

export function readAmount(
  sheet: SheetSnapshot,
  row: number,
  col: number,
  unit: AmountUnit,
  fieldLabel: string,
  issues: Issue[],
): AmountCell {
  const cell = a1(row, col);
  const v = cellValue(sheet, row, col);
  const p = parseAmount(v, unit);
  switch (p.kind) {
    case "blank":
      return { value: null, row, col, cell, state: "blank" };
    case "error":
      issues.push(makeIssue("ERROR_VALUE", sheet.name, cell, { value: p.error, field: fieldLabel }));
      return { value: null, row, col, cell, state: "error" };
    case "invalid":
      issues.push(makeIssue("NOT_A_NUMBER", sheet.name, cell, { value: p.text, field: fieldLabel }));
      return { value: null, row, col, cell, state: "invalid" };
    case "number":
      if (p.fromText)
        issues.push(makeIssue("TEXT_NUMBER", sheet.name, cell, { value: cellDisplay(v), parsed: p.yuan.toFixed() + "元" }));
      if (p.yuan.isNegative())
        issues.push(makeIssue("NEGATIVE_AMOUNT", sheet.name, cell, { value: cellDisplay(v), field: fieldLabel }));
      return { value: p.yuan, row, col, cell, state: p.fromText ? "text" : "number" };
  }
}

export interface ReadOptions extends DetectOptions {
  /** Sheet holding the fund table; default: the active sheet, else the first sheet with a table. */
  sheet?: string;
}

/** Picks the sheet: the named one, else the active one when it has a table, else the first that has. */
function chooseSheet(wb: WorkbookSnapshot, opts: ReadOptions): { sheet?: SheetSnapshot; detection?: Detection; issues: Issue[] } {
  const tablesFor = (s: SheetSnapshot) => (wb.tables ?? []).filter((t) => t.sheet === s.name);
  if (opts.sheet) {
    const s = getSheet(wb, opts.sheet);
    if (!s) return { issues: [makeIssue("SHEET_NOT_FOUND", opts.sheet, "")] };
    const d = detectTable(s, { ...opts, tables: tablesFor(s) });
    return d ? { sheet: s, detection: d, issues: [] } : { issues: [makeIssue("TABLE_NOT_FOUND", s.name, "")] };
  }
  const order = [...wb.sheets].sort((a, b) => (a.name === wb.activeSheet ? -1 : b.name === wb.activeSheet ? 1 : 0));
  for (const s of order) {
    if (s.visibility === "veryHidden") continue;
    const d = detectTable(s, { ...opts, tables: tablesFor(s) });
    if (d) return { sheet: s, detection: d, issues: [] };
  }
  const name = wb.activeSheet ?? wb.sheets[0]?.name ?? "";
  return { issues: [makeIssue("TABLE_NOT_FOUND", name, "")] };
}

export function readFundTable(wb: WorkbookSnapshot, opts: ReadOptions = {}): ReadResult {
  const chosen = chooseSheet(wb, opts);
  if (!chosen.sheet || !chosen.detection) return { table: null, issues: chosen.issues };
  const sheet = chosen.sheet;
  const d = chosen.detection;
  const issues: Issue[] = [];
  const m = d.mapping;
  const S = sheet.name;

  if (m.name === undefined) issues.push(makeIssue("COLUMN_MISSING", S, "", { field: "项目名称" }));
  if (m.budget === undefined) issues.push(makeIssue("COLUMN_MISSING", S, "", { field: "项目资金（预算数）" }));
  if (m.invested === undefined) issues.push(makeIssue("COLUMN_MISSING", S, "", { field: "投入资金（实际到位资金）" }));
  if (d.unitSource === "default") issues.push(makeIssue("UNIT_ASSUMED", S, ""));

  const headerUnit = new Map(d.headers.filter((h) => h.unit).map((h) => [h.col, h.unit as AmountUnit]));
  if (d.unitSource === "unitRow") {
    const other = d.headers.find((h) => h.unit && h.unit !== d.unit);
    if (other)
      issues.push(
        makeIssue("UNIT_CONFLICT", S, a1(d.headerBottom, other.col), {
          where1: d.unitCell ?? "单位行",
          unit1: d.unit,
          header: a1(d.headerBottom, other.col),
          unit2: other.unit as string,
        }),
      );
  }
  // The 单位 row governs the whole table; without one, a header's own unit governs its column.
  const columnUnit = (col: number): AmountUnit =>
    d.unitSource === "unitRow" || d.unitSource === "user" ? d.unit : (headerUnit.get(col) ?? d.unit);
  const headerLabel = (col: number) => d.headers.find((h) => h.col === col)?.text ?? "";

  const rows: { row: number; kind: RowKind }[] = [];
  const projects: Project[] = [];
  const summaryRows: SummaryRow[] = [];
  let totalRow: SummaryRow | undefined;
  const amount = (row: number, col: number | undefined, field: FieldKey, into: Issue[]) =>
    col === undefined ? null : readAmount(sheet, row, col, columnUnit(col), FIELD_LABEL(field), into);

  for (let r = d.dataStart; r <= d.dataEnd; r++) {
    const kind = classifyRow(sheet, r, d);
    rows.push({ row: r, kind });
    if (kind === "blank" || kind === "ofwhich") continue;
    if (kind !== "project") {
      const label = norm(cellText(cellValue(sheet, r, m.name ?? d.firstCol))) || norm(cellText(cellValue(sheet, r, d.firstCol)));
      const s: SummaryRow = {
        row: r,
        kind,
        label,
        budget: amount(r, m.budget, "budget", issues),
        invested: amount(r, m.invested, "invested", issues),
      };
      if (kind === "total") totalRow = s;
      else summaryRows.push(s);
      continue;
    }
    const nameCell = a1(r, m.name ?? d.firstCol);
    const name = m.name !== undefined ? cellText(cellValue(sheet, r, m.name)).trim() : "";
    const budget = amount(r, m.budget, "budget", issues);
    const invested = amount(r, m.invested, "invested", issues);
    const amounts = [budget, invested].filter((x) => x && x.state !== "blank");
    if (!name && amounts.length === 0) {
      // A row with only a serial number or a remark: not a project.
      rows[rows.length - 1].kind = "blank";
      continue;
    }
    if (!name) issues.push(makeIssue("NAME_MISSING", S, nameCell));
    const sources = m.sources.map((c) => ({ label: headerLabel(c), amount: amount(r, c, "source", issues) as AmountCell }));
    let count: Project["count"] = null;
    if (m.count !== undefined) {
      const cell = a1(r, m.count);
      const pc = parseCount(cellValue(sheet, r, m.count));
      if (pc.kind === "number") count = { value: pc.value, cell };
      else {
        if (pc.kind === "invalid") issues.push(makeIssue("NOT_A_NUMBER", S, cell, { value: pc.text, field: "项目个数" }));
        if (pc.kind === "error") issues.push(makeIssue("ERROR_VALUE", S, cell, { value: pc.error, field: "项目个数" }));
        count = { value: null, cell };
      }
    }
    const texts: Project["texts"] = {};
    for (const k of ["process", "output", "benefit"] as const) {
      const c = m[k];
      if (c === undefined) continue;
      const t = cellText(cellValue(sheet, r, c)).trim();
      texts[k] = { text: t, cell: a1(r, c) };
    }
    const label = name || nameCell;
    let rate: Rate | null = null;
    if (budget && invested) {
      if (budget.value === null) {
        if (budget.state === "blank") issues.push(makeIssue("BUDGET_MISSING", S, budget.cell, { name: label, field: "项目资金" }));
      } else if (budget.value.isZero()) {
        issues.push(makeIssue("BUDGET_ZERO", S, budget.cell, { name: label, field: "项目资金" }));
      } else if (invested.value === null) {
        if (invested.state === "blank") issues.push(makeIssue("INVESTED_MISSING", S, invested.cell, { name: label, field: "投入资金" }));
      } else {
        rate = rateOf(invested.value, budget.value);
        if (rate && rate.greaterThan(1))
          issues.push(makeIssue("RATE_OVER_100", S, invested.cell, { name: label, rate: formatRate(rate) }));
      }
    }
    if (budget?.value && sources.length > 0 && sources.every((s) => s.amount.value !== null)) {
      const total = sumYuan(sources.map((s) => s.amount.value as Yuan));
      if (!total.equals(budget.value))
        issues.push(
          makeIssue("SOURCES_MISMATCH", S, budget.cell, { name: label, sources: total.toFixed() + "元", budget: budget.value.toFixed() + "元" }),
        );
    }
    projects.push({ row: r, seq: cellText(cellValue(sheet, r, m.seq ?? 0)).trim(), name, nameCell, budget, invested, sources, count, texts, rate });
  }

  if (projects.length === 0 && m.name !== undefined) issues.push(makeIssue("NO_PROJECTS", S, a1(d.headerBottom, m.name), { row: d.headerBottom }));

  // Same name twice.
  const seen = new Map<string, Project>();
  for (const p of projects) {
    if (!p.name) continue;
    const prev = seen.get(norm(p.name));
    if (prev) issues.push(makeIssue("DUPLICATE_PROJECT", S, p.nameCell, { name: p.name, other: prev.nameCell }));
    else seen.set(norm(p.name), p);
  }

  const budgets = projects.map((p) => p.budget?.value).filter((v): v is Yuan => !!v);
  const investeds = projects.map((p) => p.invested?.value).filter((v): v is Yuan => !!v);
  const totalBudget = sumYuan(budgets);
  const totalInvested = sumYuan(investeds);
  const totals: Totals = { budget: totalBudget, invested: totalInvested, rate: rateOf(totalInvested, totalBudget) };

  // A 合计 cell holding a formula whose value was never computed (a file written by a program, not
  // by Excel): it is the SUM of the projects, which is what Excel will show.
  if (totalRow) {
    for (const [cell, computed] of [
      [totalRow.budget, totalBudget],
      [totalRow.invested, totalInvested],
    ] as const) {
      if (cell && cell.state === "blank" && cellFormula(sheet, cell.row, cell.col) !== null) {
        cell.value = computed;
        cell.state = "number";
      }
    }
  }

  if (totalRow) {
    for (const [field, cell, computed, parts] of [
      ["项目资金", totalRow.budget, totalBudget, budgets],
      ["投入资金", totalRow.invested, totalInvested, investeds],
    ] as const) {
      if (!cell || cell.value === null) continue;
      const unit = columnUnit(cell.col);
      const verdict = checkStatedTotal(cell.value, computed, parts.length, shownDecimals(parts, unit), unit);
      if (verdict.kind === "ok") continue;
      const params = { field, stated: cell.value.toFixed() + "元", computed: computed.toFixed() + "元", diff: verdict.diff.abs().toFixed() + "元" };
      issues.push(makeIssue(verdict.kind === "rounding" ? "TOTAL_ROUNDING" : "TOTAL_MISMATCH", S, cell.cell, params));
    }
  }

  return {
    table: { sheet: S, detection: d, mapping: m, unit: d.unit, columnUnit, rows, projects, totalRow, summaryRows, totals },
    issues,
  };
}
