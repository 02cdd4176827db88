/**
 * How other sheets refer to the fund table: its totals (the 合计 cell when there is one, else a SUM
 * over the project rows) of 年初预算数, 全年预算数 and 全年执行数 — overall and by funding source (source
 * columns or 其中 rows) — and its overall 资金到位率, as formulas with their exact values. A total
 * that is not known (a blank cell) has no value; one Excel's SUM would get wrong (numbers stored as
 * text) is written as a value.
 */
import { a1, columnLetters, qualified } from "../io/a1";
import { Decimal, TEN_THOUSAND, sum } from "../numbers/decimal";
import { AmountCell, FundTable, Project, SourceCategory } from "../read/fundtable";
import type { AmountField } from "../read/fundchecks";
import { Yuan, rateOf, sumYuan } from "../numbers/units";

/** What the score sheet links to in the fund table: a formula (null: write the value) and its exact value (null: not known). */
export interface FundLink {
  formula: string | null;
  value: Decimal | null;
  /** Why there is no formula or no value: the fund table's cells that are text numbers, or blank. */
  textCells?: string[];
  blankCells?: string[];
}

/** The three figures of a money-block row, in 万元 (the official form's unit). */
export type MoneyLinks = Partial<Record<"initial" | "budget" | "executed", FundLink>>;

export interface FundLinks {
  /** 年度资金总额. */
  total: MoneyLinks;
  /** 其中：当年财政拨款 / 上年结转资金 / 其他资金. */
  byCategory: Record<SourceCategory, MoneyLinks>;
  /** The fund table's overall 资金到位率 and 预算执行率. */
  rate?: FundLink;
  execRate?: FundLink;
}

/** A formula longer than this is written as its value (Excel allows 8,192 characters). */
const MAX_FORMULA = 2000;

/** Runs of consecutive rows: [[4, 14]] or [[4, 8], [10, 14]]. */
export function rowRuns(rows: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const r of rows) {
    const last = runs[runs.length - 1];
    if (last && last[1] === r - 1) last[1] = r;
    else runs.push([r, r]);
  }
  return runs;
}

function sumOf(table: FundTable, col: number, rows: number[]): string {
  const L = columnLetters(col);
  return `SUM(${rowRuns(rows)
    .map(([a, b]) => qualified(table.sheet, a === b ? `${L}${a}` : `${L}${a}:${L}${b}`))
    .join(",")})`;
}

/**
 * A sum of cells of one column, in 万元: a formula over them (÷10000 for a table in 元), and its exact
 * value (`total`: that sum in 元 when the read already made it). One pass over the cells.
 */
function linkOf(table: FundTable, col: number, cells: (AmountCell | null)[], stated?: AmountCell | null, total?: Yuan | null): FundLink {
  const present: AmountCell[] = [];
  const blankCells: string[] = [];
  const textCells: string[] = [];
  for (const c of cells) {
    if (!c) continue;
    if (c.value === null) blankCells.push(c.cell);
    if (c.state === "blank") continue;
    present.push(c);
    if (c.state === "text") textCells.push(c.cell);
  }
  const wan = (y: Yuan | null) => (y ? y.dividedBy(TEN_THOUSAND) : null);
  const inWan = (f: string) => (table.columnUnit(col) === "元" ? `${f}/10000` : f);
  if (blankCells.length) return { formula: null, value: null, blankCells };
  if (stated?.value) return { formula: inWan(qualified(table.sheet, stated.cell)), value: wan(stated.value) };
  const value = wan(total ?? sumYuan(present.map((c) => c.value!)));
  const formula = inWan(present.length === 1 ? qualified(table.sheet, present[0].cell) : sumOf(table, col, present.map((c) => c.row)));
  if (textCells.length || formula.length > MAX_FORMULA) return { formula: null, value, textCells };
  return { formula, value };
}

/** Several links added up (a category held in two source columns). */
function plus(links: FundLink[]): FundLink | undefined {
  if (links.length <= 1) return links[0];
  const formula = links.every((l) => l.formula !== null) ? links.map((l) => l.formula).join("+") : null;
  const value = links.every((l) => l.value !== null) ? sum(links.map((l) => l.value!)) : null;
  return { formula, value, textCells: links.flatMap((l) => l.textCells ?? []), blankCells: links.flatMap((l) => l.blankCells ?? []) };
}

/** The funding rows: from source columns (shares of the 全年 budget), else from the projects' 其中 rows. */
function categoryLinks(table: FundTable, category: SourceCategory, projects: Project[] = table.projects): MoneyLinks {
  const m = table.mapping;
  const cols = m.sources.filter((_c, i) => projects[0]?.sources[i]?.category === category);
  if (m.sources.length) {
    const budget = plus(cols.map((c) => linkOf(table, c, projects.map((p) => p.sources[m.sources.indexOf(c)].amount))));
    return budget ? { budget } : {};
  }
  // 其中 rows tell a category's share only when every project has them (else the rest is of no known source).
  if (projects.length === 0 || projects.some((p) => p.breakdown.length === 0)) return {};
  const rows = projects.flatMap((p) => p.breakdown.filter((b) => b.category === category && !/(小计|合计)$/.test(b.label)));
  if (rows.length === 0) return {};
  const out: MoneyLinks = {};
  for (const f of ["initial", "budget", "executed"] as const) {
    const col = m[f];
    if (col !== undefined) out[f] = linkOf(table, col, rows.map((b) => b.amounts[f] ?? null));
  }
  return out;
}

export function fundLinks(table: FundTable, rateCol: number | undefined): FundLinks {
  const m = table.mapping;
  const t = table.totalRow;
  // A column's link, its sum the read's column total.
  const column = (f: AmountField) => (m[f] === undefined ? undefined : linkOf(table, m[f]!, table.projects.map((p) => p[f]), t?.[f], table.totals[f]));
  const total: MoneyLinks = { initial: column("initial"), budget: column("budget"), executed: column("executed") };
  const links: FundLinks = { total, byCategory: { fiscal: categoryLinks(table, "fiscal"), carryover: categoryLinks(table, "carryover"), other: categoryLinks(table, "other") } };
  if (total.budget && total.executed) links.execRate = ratio(total.executed, total.budget);
  const base = table.arrivalBase ? total[table.arrivalBase] : undefined; // 资金到位率's base: the budget column already linked
  const invested = column("invested");
  if (!base || !invested) return links;
  if (rateCol !== undefined && t?.invested?.value && t[table.arrivalBase!]?.value) {
    links.rate = { formula: qualified(table.sheet, a1(t.row, rateCol)), value: rateOf(t.invested.value, t[table.arrivalBase!]!.value!) };
  } else links.rate = ratio(invested, base);
  return links;
}

/** part ÷ whole as a link: IFERROR(part/whole,""), blank when either is unknown or the whole is 0. */
function ratio(part: FundLink, whole: FundLink): FundLink {
  const value = whole.value && part.value && !whole.value.isZero() ? part.value.dividedBy(whole.value) : null;
  const formula = whole.formula && part.formula ? `IFERROR(${part.formula}/${whole.formula},"")` : null;
  return { formula, value, textCells: [...(whole.textCells ?? []), ...(part.textCells ?? [])], blankCells: [...(whole.blankCells ?? []), ...(part.blankCells ?? [])] };
}

/** One project's figures, for its own 自评表: its cells (÷10000 in a table kept in 元), its sources or 其中 rows, its rates. */
export function projectLinks(table: FundTable, p: Project): FundLinks {
  const m = table.mapping;
  const cell = (f: AmountField) => (m[f] === undefined ? undefined : linkOf(table, m[f]!, [p[f]]));
  const total: MoneyLinks = { initial: cell("initial"), budget: cell("budget"), executed: cell("executed") };
  const links: FundLinks = { total, byCategory: { fiscal: categoryLinks(table, "fiscal", [p]), carryover: categoryLinks(table, "carryover", [p]), other: categoryLinks(table, "other", [p]) } };
  if (total.budget && total.executed) links.execRate = ratio(total.executed, total.budget);
  const base = table.arrivalBase ? cell(table.arrivalBase) : undefined;
  const invested = cell("invested");
  if (base && invested) links.rate = ratio(invested, base);
  return links;
}
