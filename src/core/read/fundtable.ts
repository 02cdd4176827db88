/**
 * Reading the fund table into projects with exact amounts in 元 — 年初预算数, 全年预算数, 实际到位资金,
 * 全年执行数, each from its own column — their two rates, the 其中 rows that split a project by
 * funding source, and everything odd about it into issues with cell addresses. A blank is never a 0.
 */
import { a1 } from "../io/a1";
import { Decimal, ONE, cmp, sum } from "../numbers/decimal";
import { ColumnMapping, Detection, DetectOptions, SingleField, detectTable } from "./detect";
import { FIELD_BY_KEY } from "./fields";
import { formatRate } from "../numbers/format";
import { Issue, makeIssue, partsParam } from "../issues";
import { fold, parseAmount, parseCount } from "../numbers/parse";
import { SheetSnapshot, WorkbookSnapshot, cellDisplay, cellText, cellValue, getSheet, isBlank } from "../io/snapshot";
import { AmountUnit, Rate, Yuan, rateOf } from "../numbers/units";
import { AMOUNT_FIELDS, AmountField, checkBreakdown, checkTotalRow, columnTotals } from "./fundchecks";

export type RowKind = "project" | "total" | "subtotal" | "ofwhich" | "group" | "blank";
export type { AmountField } from "./fundchecks";

export interface AmountCell {
  /** Exact 元, or null when the cell holds no usable number. */
  value: Yuan | null;
  row: number;
  col: number;
  cell: string;
  /** text: a number typed as text ("1,234.00", "５", "¥80,000"), which Excel's formulas cannot use. */
  state: "number" | "text" | "blank" | "invalid" | "error";
}

export interface TextCell {
  text: string;
  cell: string;
}

/** The national form's funding rows: 当年财政拨款, 上年结转资金, 其他资金. */
export type SourceCategory = "fiscal" | "carryover" | "other";

export interface SourceAmount {
  label: string;
  category: SourceCategory;
  amount: AmountCell;
}

/** A 其中 row under a project: one funding source's share of its amounts. */
export interface BreakdownRow {
  row: number;
  label: string;
  category: SourceCategory;
  amounts: Partial<Record<AmountField, AmountCell>>;
}

export interface Project {
  row: number;
  seq: string;
  name: string;
  nameCell: string;
  /** 年初预算数. */
  initial: AmountCell | null;
  /** 全年预算数 (调整后): the denominator of both rates. */
  budget: AmountCell | null;
  /** 实际到位资金. */
  invested: AmountCell | null;
  /** 全年执行数 (实际支出). */
  executed: AmountCell | null;
  sources: SourceAmount[];
  /** 其中 rows below the project (by funding source). */
  breakdown: BreakdownRow[];
  count: { value: Decimal | null; cell: string } | null;
  texts: Partial<Record<"process" | "output" | "benefit", TextCell>>;
  /** 资金到位率 = invested ÷ 全年预算数 (年初 when the table has no 全年 column); null when either is missing or the budget is 0. */
  rate: Rate | null;
  /** 预算执行率 = executed ÷ 全年预算数; null when either is missing or the budget is 0. */
  execRate: Rate | null;
}

export interface SummaryRow {
  row: number;
  kind: RowKind;
  label: string;
  initial: AmountCell | null;
  budget: AmountCell | null;
  invested: AmountCell | null;
  executed: AmountCell | null;
}

export interface Totals {
  /** Sums over the projects; null when the table has no such column or a project's cell is blank or unreadable. */
  initial: Yuan | null;
  budget: Yuan | null;
  invested: Yuan | null;
  executed: Yuan | null;
  rate: Rate | null;
  execRate: Rate | null;
  /** Cells that keep a total from being known (blank, not a number). */
  missing: Partial<Record<AmountField, string[]>>;
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
  /** The column the 资金到位率 divides by: 全年预算数, else 年初预算数. */
  arrivalBase: "budget" | "initial" | null;
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
/** A funding source as a row label ("省财政资金", "上年结转", "其它", "财政资金小计"), not a project's name. */
const SOURCE_ROW =
  /^((中央|省|市|县|区|乡|镇|本级|区本级|市本级|县本级|上级|地方|当年|本年|上年|单位|一般公共预算|政府性基金)[^，,]{0,8}(财政|拨款|补助|资金|结转|自筹|收入|预算)|(财政|自筹|其[他它]|社会|银行|债券|配套|专项|结转)[^，,]{0,6})(小计|合计)?$/;

function norm(v: string): string {
  return fold(v).replace(/\s+/g, "");
}

/** Which row of the national form a funding source belongs to. */
export function sourceCategory(label: string): SourceCategory {
  const t = norm(label);
  if (/结转|结余/.test(t)) return "carryover";
  if (/财政|拨款|补助|本级|债券|配套|专项|一般公共预算|政府性基金/.test(t)) return "fiscal";
  return "other";
}

/** A 合计, 小计 or 其中 label (folded text), or null. */
function summaryLabel(t: string): "total" | "subtotal" | "ofwhich" | null {
  if (!t) return null;
  if (TOTAL.test(t)) return "total";
  if (SUBTOTAL.test(t)) return "subtotal";
  if (OF_WHICH.test(t)) return "ofwhich";
  return null;
}

export function classifyRow(sheet: SheetSnapshot, row: number, d: Detection, previous: RowKind | undefined): RowKind {
  let blank = true;
  for (let c = d.firstCol; c <= d.lastCol && blank; c++) if (!isBlank(cellValue(sheet, row, c))) blank = false;
  if (blank) return "blank";
  const m = d.mapping;
  // The name, the serial number and the first column, each read once: a 合计/小计/其中 label in any of them.
  const at = (c: number | undefined) => (c === undefined ? "" : norm(cellText(cellValue(sheet, row, c))));
  const name = at(m.name);
  const seq = at(m.seq);
  const label = summaryLabel(name) ?? summaryLabel(seq) ?? (d.firstCol === m.name || d.firstCol === m.seq ? null : summaryLabel(at(d.firstCol)));
  if (label) return label;
  // Under a project, a row naming a funding source (and no serial number of its own) splits that project.
  if ((previous === "project" || previous === "ofwhich") && !seq && SOURCE_ROW.test(name)) return "ofwhich";
  if ((seq && GROUP.test(seq)) || (!seq && GROUP.test(name) && name.length > 2)) return "group";
  return "project";
}

/** An amount cell; `signed` amounts (a 年中调整, a change over last year) may be negative without a warning. */
export function readAmount(sheet: SheetSnapshot, row: number, col: number, unit: AmountUnit, fieldLabel: string, issues: Issue[], signed = false): AmountCell {
  const cell = a1(row, col);
  const v = cellValue(sheet, row, col);
  const p = parseAmount(v, unit);
  switch (p.kind) {
    case "blank":
      if (p.dash) issues.push(makeIssue("DASH_AS_BLANK", sheet.name, cell, { value: cellDisplay(v), field: fieldLabel }));
      return { value: null, row, col, cell, state: "blank" };
    case "error":
      issues.push(makeIssue("ERROR_VALUE", sheet.name, cell, { value: p.error, field: fieldLabel }));
      return { value: null, row, col, cell, state: "error" };
    case "invalid":
      issues.push(makeIssue("NOT_A_NUMBER", sheet.name, cell, { value: p.text, field: fieldLabel }));
      return { value: null, row, col, cell, state: "invalid" };
    case "number":
      if (p.fromText) issues.push(makeIssue("TEXT_NUMBER", sheet.name, cell, { value: cellDisplay(v), parsed: p.yuan.toFixed() + "元" }));
      if (p.yuan.isNegative() && !signed) issues.push(makeIssue("NEGATIVE_AMOUNT", sheet.name, cell, { value: cellDisplay(v), field: fieldLabel }));
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

/** The header of a column as the user wrote it (for messages and labels). */
const headerText = (d: Detection, col: number) => d.headers.find((h) => h.col === col)?.text ?? "";

/** What the columns say before any row is read: which are missing, which were chosen among several. */
function columnIssues(d: Detection, S: string, issues: Issue[]): void {
  const m = d.mapping;
  const at = (c: number) => `${a1(d.headerBottom, c)}“${headerText(d, c)}”`;
  if (m.name === undefined) issues.push(makeIssue("COLUMN_MISSING", S, "", { field: "项目名称" }));
  if (m.budget === undefined && m.initial === undefined) issues.push(makeIssue("COLUMN_MISSING", S, "", { field: "项目资金（预算数）" }));
  if (m.invested === undefined && m.executed === undefined) issues.push(makeIssue("COLUMN_MISSING", S, "", { field: "投入资金（实际到位资金）" }));
  if (m.budget !== undefined && m.initial !== undefined && m.budget !== m.initial)
    issues.push(makeIssue("BASE_CHOSEN", S, [a1(d.headerBottom, m.budget), a1(d.headerBottom, m.initial)], { budget: at(m.budget), initial: at(m.initial) }));
  if (m.budget === undefined && m.initial !== undefined) {
    if (m.invested !== undefined) issues.push(makeIssue("BUDGET_FROM_INITIAL", S, a1(d.headerBottom, m.initial), { initial: at(m.initial) }));
    if (m.executed !== undefined) issues.push(makeIssue("EXEC_NEEDS_BUDGET", S, a1(d.headerBottom, m.executed), { executed: at(m.executed), initial: at(m.initial) }));
  }
  for (const c of d.choices) {
    if (m[c.field] !== c.chosen) continue; // the user chose
    const params = { field: FIELD_BY_KEY[c.field].label, chosen: at(c.chosen), others: c.others.map(at).join("、"), why: FIELD_BY_KEY[c.field].why ?? "取最左边的一列" };
    issues.push(makeIssue(c.duplicate ? "DUPLICATE_HEADER" : "FIELD_CHOICE", S, [c.chosen, ...c.others].map((x) => a1(d.headerBottom, x)), params));
  }
}

/** Reading one table: the sheet, its detection, the unit of each column, and the issues found. */
class TableReader {
  readonly issues: Issue[] = [];
  readonly S: string;
  readonly m: ColumnMapping;
  readonly columnUnit: (col: number) => AmountUnit;
  /** Each column's header as written, looked up once (every amount read names its column). */
  private readonly headers = new Map<number, string>();
  /** The row's base (budget) problem was said: once per row, whichever rate finds it first. */
  private baseSaid = false;

  constructor(
    readonly sheet: SheetSnapshot,
    readonly d: Detection,
  ) {
    this.S = sheet.name;
    this.m = d.mapping;
    columnIssues(d, this.S, this.issues);
    this.columnUnit = columnUnits(d, this.S, this.issues);
    for (const h of d.headers) if (!this.headers.has(h.col)) this.headers.set(h.col, h.text);
  }

  header(col: number): string {
    return this.headers.get(col) ?? "";
  }

  amountAt(row: number, col: number | undefined): AmountCell | null {
    return col === undefined ? null : readAmount(this.sheet, row, col, this.columnUnit(col), this.header(col), this.issues, col === this.m.adjust);
  }

  amount(row: number, field: SingleField): AmountCell | null {
    return this.amountAt(row, this.m[field]);
  }

  text(row: number, col: number | undefined): string {
    return col === undefined ? "" : cellText(cellValue(this.sheet, row, col)).trim();
  }

  label(row: number): string {
    const { m, d } = this;
    return norm(cellText(cellValue(this.sheet, row, m.name ?? d.firstCol))) || norm(cellText(cellValue(this.sheet, row, d.firstCol)));
  }

  summary(row: number, kind: RowKind): SummaryRow {
    return { row, kind, label: this.label(row), initial: this.amount(row, "initial"), budget: this.amount(row, "budget"), invested: this.amount(row, "invested"), executed: this.amount(row, "executed") };
  }

  breakdown(row: number): BreakdownRow {
    const label = this.label(row).replace(/^其中[:：]?/, "");
    const amounts: BreakdownRow["amounts"] = {};
    for (const f of ["initial", "budget", "invested", "executed"] as const) {
      const a = this.amount(row, f);
      if (a) amounts[f] = a;
    }
    return { row, label, category: sourceCategory(label), amounts };
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

  /** part ÷ base, or the reason there is none (the base's problems said once per row). */
  ratio(label: string, base: AmountCell | null, part: AmountCell | null, missing: "INVESTED_MISSING" | "EXECUTED_MISSING"): Rate | null {
    if (!base || !part) return null;
    const baseIssue = (code: "BUDGET_MISSING" | "BUDGET_ZERO") => {
      if (!this.baseSaid) this.issues.push(makeIssue(code, this.S, base.cell, { name: label, field: this.header(base.col) }));
      this.baseSaid = true;
    };
    if (base.value === null) {
      if (base.state === "blank") baseIssue("BUDGET_MISSING");
      return null;
    }
    if (base.value.isZero()) {
      baseIssue("BUDGET_ZERO");
      return null;
    }
    if (part.value === null) {
      if (part.state === "blank") this.issues.push(makeIssue(missing, this.S, part.cell, { name: label, field: this.header(part.col) }));
      return null;
    }
    return rateOf(part.value, base.value);
  }

  checkSources(label: string, budget: AmountCell | null, sources: SourceAmount[]): void {
    if (!budget?.value || sources.length === 0 || sources.some((s) => s.amount.value === null)) return;
    const total = sum(sources.map((s) => s.amount.value!));
    if (cmp(total, budget.value) !== 0) this.issues.push(makeIssue("SOURCES_MISMATCH", this.S, budget.cell, { name: label, sources: total.toFixed() + "元", budget: budget.value.toFixed() + "元" }));
  }

  /**
   * 全年预算数 = 年初预算数 (+ 历年结余结转) + 年中调整金额, where the table has them (the Fujian form's
   * 小计 ③=①+②, or ④=①+②+③ with 历年结余结转 in a column of its own).
   */
  checkAdjustment(r: number, label: string, initial: AmountCell | null, budget: AmountCell | null): void {
    const adjust = this.amount(r, "adjust");
    const carry = this.m.carryIn === undefined ? null : this.amount(r, "carryIn");
    if (initial?.value == null || adjust?.value == null || budget?.value == null || (carry && carry.value === null && carry.state !== "blank")) return;
    const sum = initial.value.plus(adjust.value).plus(carry?.value ?? 0);
    if (!sum.equals(budget.value))
      this.issues.push(makeIssue("ADJUST_MISMATCH", this.S, budget.cell, { name: label, budget: budget.value.toFixed() + "元", parts: partsParam([initial, carry, adjust].filter((c): c is AmountCell => !!c?.value).map((c) => ({ name: this.header(c.col), amount: c.value!.toFixed() + "元", cell: c.cell }))), sum: sum.toFixed() + "元" }));
  }

  /** A project row, or null when it is only a serial number or a remark. */
  project(r: number, base: "budget" | "initial" | null): Project | null {
    const { m, d } = this;
    const nameCell = a1(r, m.name ?? d.firstCol);
    const name = this.text(r, m.name);
    const initial = this.amount(r, "initial");
    const budget = this.amount(r, "budget");
    const invested = this.amount(r, "invested");
    const executed = this.amount(r, "executed");
    if (!name && ![initial, budget, invested, executed].some((x) => x && x.state !== "blank")) return null;
    if (!name) this.issues.push(makeIssue("NAME_MISSING", this.S, nameCell));
    const sources = m.sources.map((c) => {
      const label = this.header(c);
      return { label, category: sourceCategory(label), amount: this.amountAt(r, c)! };
    });
    const count = this.count(r);
    const texts = this.texts(r);
    const label = name || nameCell;
    this.baseSaid = false;
    const rate = this.ratio(label, base === "initial" ? initial : budget, invested, "INVESTED_MISSING");
    if (rate && cmp(rate, ONE) > 0) this.issues.push(makeIssue("RATE_OVER_100", this.S, invested!.cell, { name: label, rate: formatRate(rate) }));
    const execRate = this.ratio(label, budget, executed, "EXECUTED_MISSING");
    if (execRate && cmp(execRate, ONE) > 0) this.issues.push(makeIssue("EXEC_OVER_100", this.S, executed!.cell, { name: label, rate: formatRate(execRate) }));
    this.checkSources(label, budget ?? initial, sources);
    this.checkAdjustment(r, label, initial, budget);
    return { row: r, seq: this.text(r, m.seq), name, nameCell, initial, budget, invested, executed, sources, breakdown: [], count, texts, rate, execRate };
  }

  duplicates(projects: Project[]): void {
    const seen = new Map<string, Project>();
    for (const p of projects) {
      if (!p.name) continue;
      const key = norm(p.name);
      const prev = seen.get(key);
      if (prev) this.issues.push(makeIssue("DUPLICATE_PROJECT", this.S, p.nameCell, { name: p.name, other: prev.nameCell }));
      else seen.set(key, p);
    }
  }
}

/**
 * Amounts under a 万元 heading that look like 元 (the domain's 2537695 "万元" = 253.77 亿元): one warning
 * naming the largest, since no unit's single project runs to 10 亿元 and up.
 */
function unitSuspect(t: TableReader, projects: Project[]): void {
  const wan = AMOUNT_FIELDS.filter((f) => t.m[f] !== undefined && t.columnUnit(t.m[f]!) === "万元");
  if (wan.length === 0) return;
  let top: AmountCell | null = null;
  let count = 0;
  for (const p of projects)
    for (const f of wan) {
      const c = p[f];
      if (!c?.value || c.value.abs().lessThan(1e9)) continue; // ≥ 100,000 万元 (10 亿元)
      count++;
      if (!top || c.value.greaterThan(top.value!)) top = c;
    }
  if (top) t.issues.push(makeIssue("UNIT_SUSPECT", t.S, top.cell, { value: top.value!.dividedBy(10000).toFixed(), count }));
}

/** The rows between the header and the end of the table, classified and read. */
function readRows(t: TableReader, base: FundTable["arrivalBase"]): Pick<FundTable, "rows" | "projects" | "totalRow" | "summaryRows"> {
  const out: Pick<FundTable, "rows" | "projects" | "totalRow" | "summaryRows"> = { rows: [], projects: [], summaryRows: [] };
  let previous: RowKind | undefined;
  for (let r = t.d.dataStart; r <= t.d.dataEnd; r++) {
    const kind = classifyRow(t.sheet, r, t.d, previous);
    const p = kind === "project" ? t.project(r, base) : null;
    const shown: RowKind = kind === "project" && !p ? "blank" : kind;
    out.rows.push({ row: r, kind: shown });
    if (shown !== "blank") previous = shown;
    if (p) out.projects.push(p);
    else if (kind === "total") out.totalRow = t.summary(r, kind);
    else if (kind === "subtotal" || kind === "group") out.summaryRows.push(t.summary(r, kind));
    else if (kind === "ofwhich") out.projects[out.projects.length - 1]?.breakdown.push(t.breakdown(r));
  }
  return out;
}

export function readFundTable(wb: WorkbookSnapshot, opts: ReadOptions = {}): ReadResult {
  const chosen = chooseSheet(wb, opts);
  if (!chosen.sheet || !chosen.detection) return { table: null, issues: chosen.issues };
  const t = new TableReader(chosen.sheet, chosen.detection);
  const { d, m, sheet } = t;
  const arrivalBase: FundTable["arrivalBase"] = m.budget !== undefined ? "budget" : m.initial !== undefined ? "initial" : null;
  const rows = readRows(t, arrivalBase);
  if (rows.projects.length === 0 && m.name !== undefined) t.issues.push(makeIssue("NO_PROJECTS", t.S, a1(d.headerBottom, m.name), { row: d.headerBottom }));
  t.duplicates(rows.projects);
  unitSuspect(t, rows.projects);
  for (const p of rows.projects) checkBreakdown(t.S, p, t.columnUnit, t.issues);
  const totals = columnTotals(rows.projects, m, arrivalBase);
  if (rows.totalRow) checkTotalRow(sheet, rows.totalRow, rows.projects, totals, t.columnUnit, t.issues);
  return {
    table: { sheet: t.S, grid: sheet, detection: d, mapping: m, unit: d.unit, columnUnit: t.columnUnit, arrivalBase, ...rows, totals },
    issues: t.issues,
  };
}
