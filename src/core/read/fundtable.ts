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
  /** The sheet as read: the rate column's planner checks its cells (empty? ours?). */
  grid: SheetSnapshot;
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

/** Unit issues and the unit of each amount column: the 单位 row governs the whole table; without one, a header's own unit governs its column. */
function columnUnits(d: Detection, S: string, issues: Issue[]): (col: number) => AmountUnit {
  if (d.unitSource === "default") issues.push(makeIssue("UNIT_ASSUMED", S, ""));
  const other = d.unitSource === "unitRow" ? d.headers.find((h) => h.unit && h.unit !== d.unit) : undefined;
  if (other)
    issues.push(makeIssue("UNIT_CONFLICT", S, a1(d.headerBottom, other.col), { where1: d.unitCell ?? "单位行", unit1: d.unit, header: a1(d.headerBottom, other.col), unit2: other.unit as string }));
  const headerUnit = new Map(d.headers.filter((h) => h.unit).map((h) => [h.col, h.unit as AmountUnit]));
  return (col) => (d.unitSource === "unitRow" || d.unitSource === "user" ? d.unit : (headerUnit.get(col) ?? d.unit));
}

/** Reading one table: the sheet, its detection, the unit of each column, and the issues found. */
class TableReader {
  readonly issues: Issue[] = [];
  readonly S: string;
  readonly m: ColumnMapping;
  readonly columnUnit: (col: number) => AmountUnit;

  constructor(
    readonly sheet: SheetSnapshot,
    readonly d: Detection,
  ) {
    this.S = sheet.name;
    this.m = d.mapping;
    const m = this.m;
    if (m.name === undefined) this.issues.push(makeIssue("COLUMN_MISSING", this.S, "", { field: "项目名称" }));
    if (m.budget === undefined) this.issues.push(makeIssue("COLUMN_MISSING", this.S, "", { field: "项目资金（预算数）" }));
    if (m.invested === undefined) this.issues.push(makeIssue("COLUMN_MISSING", this.S, "", { field: "投入资金（实际到位资金）" }));
    this.columnUnit = columnUnits(d, this.S, this.issues);
  }

  amount(row: number, col: number | undefined, field: FieldKey): AmountCell | null {
    return col === undefined ? null : readAmount(this.sheet, row, col, this.columnUnit(col), FIELD_LABEL(field), this.issues);
  }

  text(row: number, col: number | undefined): string {
    return col === undefined ? "" : cellText(cellValue(this.sheet, row, col)).trim();
  }

  summary(row: number, kind: RowKind): SummaryRow {
    const { m, d } = this;
    const label = norm(cellText(cellValue(this.sheet, row, m.name ?? d.firstCol))) || norm(cellText(cellValue(this.sheet, row, d.firstCol)));
    return { row, kind, label, budget: this.amount(row, m.budget, "budget"), invested: this.amount(row, m.invested, "invested") };
  }

  count(row: number): Project["count"] {
    if (this.m.count === undefined) return null;
    const cell = a1(row, this.m.count);
    const pc = parseCount(cellValue(this.sheet, row, this.m.count));
    if (pc.kind === "number") return { value: pc.value, cell };
    if (pc.kind === "invalid") this.issues.push(makeIssue("NOT_A_NUMBER", this.S, cell, { value: pc.text, field: "项目个数" }));
    if (pc.kind === "error") this.issues.push(makeIssue("ERROR_VALUE", this.S, cell, { value: pc.error, field: "项目个数" }));
    return { value: null, cell };
  }

  texts(row: number): Project["texts"] {
    const texts: Project["texts"] = {};
    for (const k of ["process", "output", "benefit"] as const) {
      const c = this.m[k];
      if (c !== undefined) texts[k] = { text: this.text(row, c), cell: a1(row, c) };
    }
    return texts;
  }

  /** invested ÷ budget, or the reason there is none. */
  rate(label: string, budget: AmountCell | null, invested: AmountCell | null): Rate | null {
    if (!budget || !invested) return null;
    const S = this.S;
    if (budget.value === null) {
      if (budget.state === "blank") this.issues.push(makeIssue("BUDGET_MISSING", S, budget.cell, { name: label, field: "项目资金" }));
      return null;
    }
    if (budget.value.isZero()) {
      this.issues.push(makeIssue("BUDGET_ZERO", S, budget.cell, { name: label, field: "项目资金" }));
      return null;
    }
    if (invested.value === null) {
      if (invested.state === "blank") this.issues.push(makeIssue("INVESTED_MISSING", S, invested.cell, { name: label, field: "投入资金" }));
      return null;
    }
    const rate = rateOf(invested.value, budget.value);
    if (rate && rate.greaterThan(1)) this.issues.push(makeIssue("RATE_OVER_100", S, invested.cell, { name: label, rate: formatRate(rate) }));
    return rate;
  }

  checkSources(label: string, budget: AmountCell | null, sources: Project["sources"]): void {
    if (!budget?.value || sources.length === 0 || sources.some((s) => s.amount.value === null)) return;
    const total = sumYuan(sources.map((s) => s.amount.value).filter((v): v is Yuan => v !== null));
    if (!total.equals(budget.value)) this.issues.push(makeIssue("SOURCES_MISMATCH", this.S, budget.cell, { name: label, sources: total.toFixed() + "元", budget: budget.value.toFixed() + "元" }));
  }

  /** A project row, or null when it is only a serial number or a remark. */
  project(r: number): Project | null {
    const { m, d } = this;
    const nameCell = a1(r, m.name ?? d.firstCol);
    const name = this.text(r, m.name);
    const budget = this.amount(r, m.budget, "budget");
    const invested = this.amount(r, m.invested, "invested");
    if (!name && ![budget, invested].some((x) => x && x.state !== "blank")) return null;
    if (!name) this.issues.push(makeIssue("NAME_MISSING", this.S, nameCell));
    const headerLabel = (col: number) => d.headers.find((h) => h.col === col)?.text ?? "";
    const sources = m.sources.map((c) => ({ label: headerLabel(c), amount: this.amount(r, c, "source") as AmountCell }));
    const count = this.count(r);
    const texts = this.texts(r);
    const label = name || nameCell;
    const rate = this.rate(label, budget, invested);
    this.checkSources(label, budget, sources);
    return { row: r, seq: this.text(r, m.seq), name, nameCell, budget, invested, sources, count, texts, rate };
  }

  duplicates(projects: Project[]): void {
    const seen = new Map<string, Project>();
    for (const p of projects) {
      if (!p.name) continue;
      const prev = seen.get(norm(p.name));
      if (prev) this.issues.push(makeIssue("DUPLICATE_PROJECT", this.S, p.nameCell, { name: p.name, other: prev.nameCell }));
      else seen.set(norm(p.name), p);
    }
  }

  /** The 合计 row against the projects: a formula never computed is taken as the SUM Excel will show; a stated total is checked. */
  checkTotalRow(columns: { field: string; cell: AmountCell | null; parts: Yuan[] }[]): void {
    for (const { field, cell, parts } of columns) {
      if (!cell) continue;
      const computed = sumYuan(parts);
      if (cell.state === "blank" && cellFormula(this.sheet, cell.row, cell.col) !== null) {
        cell.value = computed;
        cell.state = "number";
      }
      if (cell.value === null) continue;
      const unit = this.columnUnit(cell.col);
      const verdict = checkStatedTotal(cell.value, computed, parts.length, shownDecimals(parts, unit), unit);
      if (verdict.kind === "ok") continue;
      const params = { field, stated: cell.value.toFixed() + "元", computed: computed.toFixed() + "元", diff: verdict.diff.abs().toFixed() + "元" };
      this.issues.push(makeIssue(verdict.kind === "rounding" ? "TOTAL_ROUNDING" : "TOTAL_MISMATCH", this.S, cell.cell, params));
    }
  }
}

export function readFundTable(wb: WorkbookSnapshot, opts: ReadOptions = {}): ReadResult {
  const chosen = chooseSheet(wb, opts);
  if (!chosen.sheet || !chosen.detection) return { table: null, issues: chosen.issues };
  const t = new TableReader(chosen.sheet, chosen.detection);
  const { d, m, sheet } = t;
  const rows: { row: number; kind: RowKind }[] = [];
  const projects: Project[] = [];
  const summaryRows: SummaryRow[] = [];
  let totalRow: SummaryRow | undefined;
  for (let r = d.dataStart; r <= d.dataEnd; r++) {
    const kind = classifyRow(sheet, r, d);
    const p = kind === "project" ? t.project(r) : null;
    rows.push({ row: r, kind: kind === "project" && !p ? "blank" : kind });
    if (p) projects.push(p);
    else if (kind === "total") totalRow = t.summary(r, kind);
    else if (kind === "subtotal" || kind === "group") summaryRows.push(t.summary(r, kind));
  }
  if (projects.length === 0 && m.name !== undefined) t.issues.push(makeIssue("NO_PROJECTS", t.S, a1(d.headerBottom, m.name), { row: d.headerBottom }));
  t.duplicates(projects);
  const budgets = projects.map((p) => p.budget?.value).filter((v): v is Yuan => !!v);
  const investeds = projects.map((p) => p.invested?.value).filter((v): v is Yuan => !!v);
  const totals: Totals = { budget: sumYuan(budgets), invested: sumYuan(investeds), rate: rateOf(sumYuan(investeds), sumYuan(budgets)) };
  if (totalRow)
    t.checkTotalRow([
      { field: "项目资金", cell: totalRow.budget, parts: budgets },
      { field: "投入资金", cell: totalRow.invested, parts: investeds },
    ]);
  return {
    table: { sheet: t.S, grid: sheet, detection: d, mapping: m, unit: d.unit, columnUnit: t.columnUnit, rows, projects, totalRow, summaryRows, totals },
    issues: t.issues,
  };
}
