/**
 * The 评分表 as a sheet: reading a sheet with the grid headers back as a tree of indicators (and
 * the money block of the 项目支出 form), and laying a scheme out as the cells of a new sheet.
 */
import { Decimal } from "../numbers/decimal";
import { fold } from "../numbers/parse";
import { CellWrite } from "../io/plan";
import { CellValue, SheetSnapshot, bottomRow, cellText, cellValue, rightOf } from "../io/snapshot";
import { GRID_HEADERS, MONEY_HEADERS, MONEY_ROWS, SHARE_HEADER, SchemeGroup, SchemeIndicator, SchemeSpec, SchemeValue, isGroup } from "./schemes";
import { parseRule } from "./rules";

export const SCORE_SHEET = "评分表";
export const SCORE_COLUMN_WIDTHS = [14, 16, 26, 8, 30, 12, 12, 10, 32, 14].map((width, i) => ({ col: i + 1, width }));

const TOTAL_LABELS = /^(总分|合计|总计)$/;
const GRADE_LABELS = /^(评价等级|等级|评价结果|绩效等级)$/;

export interface GridCols {
  l1: number;
  l2: number;
  l3: number;
  weight: number;
  rule: number;
  target: number;
  actual: number;
  score: number;
  reason: number;
  share?: number;
  /** 计分用目标值 / 计分用完成值: targets written with units or dates, as the numbers the formula reads. */
  calcTarget?: number;
  calcActual?: number;
}

export const CALC_HEADERS = { target: "计分用目标值", actual: "计分用完成值" } as const;

export interface MoneyCols {
  label: number;
  initial: number;
  budget: number;
  executed: number;
  weight: number;
  rate: number;
  score: number;
}

export interface LeafNode {
  kind: "leaf";
  row: number;
  name: string;
  path: string[];
}
export interface GroupNode {
  kind: "group";
  level: 1 | 2;
  row: number;
  name: string;
  children: ScoreNode[];
  /**
   * Written beside its first indicator (the printed forms merge 一级/二级 down over their rows): it
   * has no weight or score cell of its own.
   */
  inline?: boolean;
  /** The weight written in its name, "产出指标（50分）" (the printed forms' way). */
  statedWeight?: string;
}

/** "产出指标（50分）" → 产出指标 and 50; "(50分)" → "" and 50. */
export function groupName(text: string): { name: string; weight?: string } {
  const m = /^(.*?)[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]$/.exec(text.trim());
  return m ? { name: m[1].trim(), weight: m[2] } : { name: text.trim() };
}
export type ScoreNode = LeafNode | GroupNode;

export interface MoneyBlock {
  headerRow: number;
  cols: MoneyCols;
  rows: { label: string; row: number }[];
}

export interface ScoreLayout {
  sheet: string;
  title: string;
  headerRow: number;
  cols: GridCols;
  money?: MoneyBlock;
  roots: ScoreNode[];
  /** Last row of the grid (indicators), before the total rows. */
  lastRow: number;
  totalRow?: number;
  gradeRow?: number;
}

const norm = (v: CellValue) => fold(cellText(v)).replace(/\s+/g, "");

/** The first row holding at least `min` of the wanted header texts, with their columns. */
function findRow(s: SheetSnapshot, want: readonly string[], min: number, before = bottomRow(s)): { row: number; cols: Map<string, number> } | null {
  const wanted = new Set(want.map((w) => fold(w).replace(/\s+/g, "")));
  for (let r = s.top; r <= before; r++) {
    const cols = new Map<string, number>();
    for (let c = s.left; c <= rightOf(s); c++) {
      const t = norm(cellValue(s, r, c));
      if (wanted.has(t) && !cols.has(t)) cols.set(t, c);
    }
    if (cols.size >= min) return { row: r, cols };
  }
  return null;
}

function gridColumns(s: SheetSnapshot): { row: number; cols: GridCols } | null {
  const grid = findRow(s, GRID_HEADERS, 7);
  if (!grid) return null;
  const need = ["一级指标", "二级指标", "三级指标", "分值", "计分方式", "年度指标值", "实际完成值", "得分"].map((h) => grid.cols.get(h));
  if (need.some((c) => c === undefined)) return null;
  const [l1, l2, l3, weight, rule, target, actual, score] = need as number[];
  const extra: Partial<GridCols> = {};
  for (let c = s.left; c <= rightOf(s); c++) {
    const h = norm(cellValue(s, grid.row, c));
    if (h.startsWith(SHARE_HEADER)) extra.share = c;
    else if (h === CALC_HEADERS.target) extra.calcTarget = c;
    else if (h === CALC_HEADERS.actual) extra.calcActual = c;
  }
  return { row: grid.row, cols: { l1, l2, l3, weight, rule, target, actual, score, reason: grid.cols.get("偏差原因分析及改进措施") ?? score + 1, ...extra } };
}

function titleAbove(s: SheetSnapshot, gridRow: number): string {
  for (let r = s.top; r < gridRow; r++) {
    const t = cellText(cellValue(s, r, s.left)).trim();
    if (t && !MONEY_ROWS.some((m) => norm(t) === fold(m))) return t;
  }
  return "";
}

/** The rows of a money block: 年度资金总额, 其中：当年财政拨款 / 本年财政拨款, 上年结转资金, 其他资金. */
const MONEY_ROW_LABEL = /资金总额|财政拨款|结转|其[他它]资金|^其中/;

function moneyBlock(s: SheetSnapshot, gridRow: number): MoneyBlock | undefined {
  const mh = findRow(s, MONEY_HEADERS.slice(1), 5, gridRow - 1);
  if (!mh) return undefined;
  const m = (h: string) => mh.cols.get(h) as number;
  const cols: MoneyCols = { label: m("年初预算数") - 1, initial: m("年初预算数"), budget: m("全年预算数"), executed: m("全年执行数"), weight: m("分值"), rate: m("执行率"), score: m("得分") };
  const rows: { label: string; row: number }[] = [];
  for (let r = mh.row + 1; r < gridRow; r++) {
    const label = norm(cellValue(s, r, cols.label));
    if (!label || !MONEY_ROW_LABEL.test(label)) break;
    rows.push({ label, row: r });
  }
  return { headerRow: mh.row, cols, rows };
}

/** The indicator tree below the grid header: 一级 and 二级 groups, 三级 leaves, then 总分 and 等级. */
function indicatorTree(s: SheetSnapshot, gridRow: number, c: GridCols): Pick<ScoreLayout, "roots" | "lastRow" | "totalRow" | "gradeRow"> {
  const out: Pick<ScoreLayout, "roots" | "lastRow" | "totalRow" | "gradeRow"> = { roots: [], lastRow: gridRow };
  let g1: GroupNode | undefined;
  let g2: GroupNode | undefined;
  for (let r = gridRow + 1; r <= bottomRow(s); r++) {
    const [a, b, leaf] = [c.l1, c.l2, c.l3].map((col) => cellText(cellValue(s, r, col)).trim());
    if (!b && !leaf && TOTAL_LABELS.test(norm(a))) {
      out.totalRow = r;
      continue;
    }
    if (!b && !leaf && GRADE_LABELS.test(norm(a))) {
      out.gradeRow = r;
      continue;
    }
    if (out.totalRow !== undefined || out.gradeRow !== undefined) break; // below the totals: not the grid
    if (!a && !b && !leaf) continue;
    // A group on its own row has its weight and score cells; beside an indicator (a printed form's merged cell) it has none.
    if (a) {
      const n = groupName(a);
      g1 = { kind: "group", level: 1, row: r, name: n.name || a, children: [], inline: !!(b || leaf), ...(n.weight ? { statedWeight: n.weight } : {}) };
      g2 = undefined;
      out.roots.push(g1);
    }
    if (b) {
      const n = groupName(b);
      g2 = { kind: "group", level: 2, row: r, name: n.name || b, children: [], inline: !!leaf, ...(n.weight ? { statedWeight: n.weight } : {}) };
      (g1 ? g1.children : out.roots).push(g2);
    }
    if (leaf) {
      const node: LeafNode = { kind: "leaf", row: r, name: leaf, path: [g1?.name ?? "", g2?.name ?? "", leaf].filter((x) => x !== "") };
      const parent = g2 ?? g1;
      if (parent) parent.children.push(node);
      else out.roots.push(node);
    }
    out.lastRow = r;
  }
  return out;
}

/** Reads a sheet with the grid headers as an indicator tree; null when it has none. */
export function parseScoreSheet(s: SheetSnapshot): ScoreLayout | null {
  const grid = gridColumns(s);
  if (!grid) return null;
  return { sheet: s.name, title: titleAbove(s, grid.row), headerRow: grid.row, cols: grid.cols, money: moneyBlock(s, grid.row), ...indicatorTree(s, grid.row, grid.cols) };
}

/** A score sheet laid out as a tree again: what a custom scheme (any sheet with the grid) contributes. */
export function schemeFromSheet(s: SheetSnapshot, layout: ScoreLayout): SchemeSpec {
  const v = (row: number, col: number | undefined): SchemeValue => {
    if (col === undefined) return null;
    const x = cellValue(s, row, col);
    return typeof x === "number" || typeof x === "string" ? x : null;
  };
  const c = layout.cols;
  const text = (row: number, col: number) => cellText(cellValue(s, row, col));
  const conv = (n: ScoreNode): SchemeGroup | SchemeIndicator =>
    n.kind === "group"
      ? { name: n.name, weight: v(n.row, c.weight), children: n.children.map(conv) }
      : {
          name: n.name,
          weight: v(n.row, c.weight),
          rule: text(n.row, c.rule),
          target: v(n.row, c.target),
          actual: v(n.row, c.actual),
          share: v(n.row, c.share),
          reason: text(n.row, c.reason),
          score: parseRule(text(n.row, c.rule))?.kind === "手工" ? v(n.row, c.score) : null,
        };
  return {
    id: s.name,
    title: layout.title || SCORE_SHEET,
    moneyBlock: layout.money ? { weight: v(layout.money.rows[0]?.row ?? 0, layout.money.cols.weight) } : undefined,
    tree: layout.roots.filter((n): n is GroupNode => n.kind === "group").map((n) => conv(n) as SchemeGroup),
  };
}

const HEAD = { bold: true, wrap: true, fill: "FFDDEBF7", border: true } as const;

/** The input cells of a new score sheet for a scheme (titles, headers, names, weights, rules, inputs). */
export function layoutScheme(spec: SchemeSpec): CellWrite[] {
  const cells: CellWrite[] = [];
  const text = (row: number, col: number, t: string, extra: Partial<CellWrite> = {}) => cells.push({ row, col, content: { kind: "text", text: t }, ...extra });
  const value = (row: number, col: number, v: SchemeValue | undefined, extra: Partial<CellWrite> = {}) => {
    if (v === null || v === undefined || v === "") return;
    if (typeof v !== "number") return text(row, col, v, extra);
    const pct = v !== 0 && Math.abs(v) <= 1 && extra.numberFormat === undefined;
    cells.push({ row, col, content: { kind: "number", value: v }, numberFormat: pct ? (new Decimal(v).times(100).isInteger() ? "0%" : "0.00%") : undefined, ...extra });
  };
  const general = { numberFormat: "General" };
  text(1, 1, spec.title, { bold: true });
  let row = 3;
  if (spec.moneyBlock) {
    MONEY_HEADERS.forEach((h, i) => text(row, 1 + i, h, HEAD));
    MONEY_ROWS.forEach((label, i) => text(row + 1 + i, 1, label, { border: true }));
    value(row + 1, 5, spec.moneyBlock.weight, general);
    row += MONEY_ROWS.length + 2;
  }
  GRID_HEADERS.forEach((h, i) => text(row, 1 + i, h, HEAD));
  text(row, GRID_HEADERS.length + 1, `${SHARE_HEADER}（定性指标选填）`, HEAD);
  const emit = (n: SchemeGroup | SchemeIndicator, level: number) => {
    row++;
    value(row, 4, n.weight, general);
    if (isGroup(n)) {
      text(row, level, n.name, { bold: true });
      n.children.forEach((ch) => emit(ch, isGroup(ch) ? level + 1 : 3));
      return;
    }
    text(row, 3, n.name);
    text(row, 5, n.rule);
    value(row, 6, n.target);
    value(row, 7, n.actual);
    value(row, 10, n.share);
    if (n.reason) text(row, 9, n.reason, { wrap: true });
    if (parseRule(n.rule)?.kind === "手工") value(row, 8, n.score, { numberFormat: "0.00" });
  };
  spec.tree.forEach((g) => emit(g, 1));
  text(row + 1, 1, "总分", { bold: true });
  text(row + 2, 1, "评价等级", { bold: true });
  return cells;
}
