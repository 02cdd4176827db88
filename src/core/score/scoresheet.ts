/**
 * The 评分表: laying out a scheme as a sheet, reading a sheet back as a tree of indicators, and
 * planning every computed cell (得分, subtotals, total, grade, money block, links to the fund
 * table) as a live formula or a value — with the same numbers computed in decimal.js.
 */
import { a1, qualified } from "../io/a1";
import { Decimal, ZERO } from "../numbers/decimal";
import { rateNumberFormat } from "../numbers/format";
import { Issue, makeIssue } from "../issues";
import { OwnedCells, isOwnedCell, writeFingerprint } from "../read/meta";
import { fold } from "../numbers/parse";
import { CellContent, CellWrite } from "../io/plan";
import type { WriteMode } from "../write/ratecolumn";
import { GRID_HEADERS, MONEY_HEADERS, MONEY_ROWS, SHARE_HEADER, SchemeGroup, SchemeIndicator, SchemeSpec, SchemeValue, isGroup } from "./schemes";
import { Grade, QUALITATIVE, Rule, ScoreInputs, computeScore, gradeFormula, gradeOf, parseRule, scoreFormula } from "./rules";
import { CellValue, SheetSnapshot, bottomRow, cellDisplay, cellEmpty, cellText, cellValue, isCellError, rightCol } from "../io/snapshot";
import { Rate } from "../numbers/units";

export const SCORE_SHEET = "评分表";
export const SCORE_KEY = "评分表";
export const SCORE_FORMAT = "0.00";
const MONEY_FORMAT = "#,##0.00";
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
}

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
}
export type ScoreNode = LeafNode | GroupNode;

export interface ScoreLayout {
  sheet: string;
  title: string;
  headerRow: number;
  cols: GridCols;
  money?: { headerRow: number; cols: MoneyCols; rows: { label: string; row: number }[] };
  roots: ScoreNode[];
  /** Last row of the grid (indicators), before the total rows. */
  lastRow: number;
  totalRow?: number;
  gradeRow?: number;
}

const norm = (v: CellValue) => fold(cellText(v)).replace(/\s+/g, "");

function findRow(s: SheetSnapshot, want: readonly string[], min: number, before = bottomRow(s)): { row: number; cols: Map<string, number> } | null {
  const wanted = new Set(want.map((w) => fold(w).replace(/\s+/g, "")));
  for (let r = s.top; r <= before; r++) {
    const cols = new Map<string, number>();
    for (let c = s.left; c <= rightCol(s); c++) {
      const t = norm(cellValue(s, r, c));
      if (wanted.has(t) && !cols.has(t)) cols.set(t, c);
    }
    if (cols.size >= min) return { row: r, cols };
  }
  return null;
}

/** Reads a sheet with the grid headers as an indicator tree; null when it has none. */
export function parseScoreSheet(s: SheetSnapshot): ScoreLayout | null {
  const grid = findRow(s, GRID_HEADERS, 7);
  if (!grid) return null;
  const col = (h: string) => grid.cols.get(h);
  const need = ["一级指标", "二级指标", "三级指标", "分值", "计分方式", "年度指标值", "实际完成值", "得分"].map(col);
  if (need.some((c) => c === undefined)) return null;
  const [l1, l2, l3, weight, rule, target, actual, score] = need as number[];
  let share: number | undefined;
  for (let c = s.left; c <= rightCol(s); c++) if (norm(cellValue(s, grid.row, c)).startsWith(SHARE_HEADER)) share = c;
  const cols: GridCols = { l1, l2, l3, weight, rule, target, actual, score, reason: col("偏差原因分析及改进措施") ?? score + 1, share };

  let title = "";
  for (let r = s.top; r < grid.row && !title; r++) {
    const t = cellText(cellValue(s, r, s.left)).trim();
    if (t && !MONEY_ROWS.some((m) => norm(t) === fold(m))) title = t;
  }

  let money: ScoreLayout["money"];
  const mh = findRow(s, MONEY_HEADERS.slice(1), 5, grid.row - 1);
  if (mh) {
    const m = (h: string) => mh.cols.get(h) as number;
    const mcols: MoneyCols = { label: m("年初预算数") - 1, initial: m("年初预算数"), budget: m("全年预算数"), executed: m("全年执行数"), weight: m("分值"), rate: m("执行率"), score: m("得分") };
    const rows: { label: string; row: number }[] = [];
    for (let r = mh.row + 1; r < grid.row; r++) {
      const label = norm(cellValue(s, r, mcols.label));
      if (!label) break;
      rows.push({ label, row: r });
    }
    money = { headerRow: mh.row, cols: mcols, rows };
  }

  const roots: ScoreNode[] = [];
  let g1: GroupNode | undefined;
  let g2: GroupNode | undefined;
  let lastRow = grid.row;
  let totalRow: number | undefined;
  let gradeRow: number | undefined;
  for (let r = grid.row + 1; r <= bottomRow(s); r++) {
    const a = cellText(cellValue(s, r, l1)).trim();
    const b = cellText(cellValue(s, r, l2)).trim();
    const c = cellText(cellValue(s, r, l3)).trim();
    if (!b && !c && TOTAL_LABELS.test(norm(a))) {
      totalRow = r;
      continue;
    }
    if (!b && !c && GRADE_LABELS.test(norm(a))) {
      gradeRow = r;
      continue;
    }
    if (totalRow !== undefined || gradeRow !== undefined) break; // below the totals: not the grid
    if (c) {
      const leaf: LeafNode = { kind: "leaf", row: r, name: c, path: [g1?.name ?? "", g2?.name ?? "", c].filter((x) => x !== "") };
      const parent = g2 ?? g1;
      if (parent) parent.children.push(leaf);
      else roots.push(leaf);
      lastRow = r;
    } else if (b) {
      g2 = { kind: "group", level: 2, row: r, name: b, children: [] };
      (g1 ? g1.children : roots).push(g2);
      lastRow = r;
    } else if (a) {
      g1 = { kind: "group", level: 1, row: r, name: a, children: [] };
      g2 = undefined;
      roots.push(g1);
      lastRow = r;
    }
  }
  return { sheet: s.name, title, headerRow: grid.row, cols, money, roots, lastRow, totalRow, gradeRow };
}

/** A score sheet laid out as a tree again: what a custom scheme (any sheet with the grid) contributes. */
export function schemeFromSheet(s: SheetSnapshot, layout: ScoreLayout): SchemeSpec {
  const v = (row: number, col: number | undefined): SchemeValue => {
    if (col === undefined) return null;
    const x = cellValue(s, row, col);
    return typeof x === "number" || typeof x === "string" ? x : null;
  };
  const c = layout.cols;
  const conv = (n: ScoreNode): SchemeGroup | SchemeIndicator =>
    n.kind === "group"
      ? { name: n.name, weight: v(n.row, c.weight), children: n.children.map(conv) }
      : {
          name: n.name,
          weight: v(n.row, c.weight),
          rule: cellText(cellValue(s, n.row, c.rule)),
          target: v(n.row, c.target),
          actual: v(n.row, c.actual),
          share: v(n.row, c.share),
          reason: cellText(cellValue(s, n.row, c.reason)),
          score: parseRule(cellText(cellValue(s, n.row, c.rule)))?.kind === "手工" ? v(n.row, c.score) : null,
        };
  const moneyWeight = layout.money ? v(layout.money.rows[0]?.row ?? 0, layout.money.cols.weight) : null;
  return {
    id: s.name,
    title: layout.title || SCORE_SHEET,
    moneyBlock: layout.money ? { weight: moneyWeight } : undefined,
    tree: layout.roots.filter((n): n is GroupNode => n.kind === "group").map((n) => conv(n) as SchemeGroup),
  };
}

/** The input cells of a new score sheet for a scheme (titles, headers, names, weights, rules, inputs). */
export function layoutScheme(spec: SchemeSpec): CellWrite[] {
  const cells: CellWrite[] = [];
  const text = (row: number, col: number, t: string, extra: Partial<CellWrite> = {}) => cells.push({ row, col, content: { kind: "text", text: t }, ...extra });
  const value = (row: number, col: number, v: SchemeValue | undefined, extra: Partial<CellWrite> = {}) => {
    if (v === null || v === undefined || v === "") return;
    if (typeof v === "number") {
      const pct = v !== 0 && Math.abs(v) <= 1 && extra.numberFormat === undefined;
      cells.push({ row, col, content: { kind: "number", value: v }, numberFormat: pct ? (new Decimal(v).times(100).isInteger() ? "0%" : "0.00%") : undefined, ...extra });
    } else text(row, col, v, extra);
  };
  const head = { bold: true, wrap: true, fill: "FFDDEBF7", border: true } as const;
  text(1, 1, spec.title, { bold: true });
  let row = 3;
  if (spec.moneyBlock) {
    MONEY_HEADERS.forEach((h, i) => text(row, 1 + i, h, head));
    MONEY_ROWS.forEach((label, i) => text(row + 1 + i, 1, label, { border: true }));
    value(row + 1, 5, spec.moneyBlock.weight, { numberFormat: "General" });
    row += MONEY_ROWS.length + 2;
  }
  GRID_HEADERS.forEach((h, i) => text(row, 1 + i, h, head));
  text(row, GRID_HEADERS.length + 1, `${SHARE_HEADER}（定性指标选填）`, head);
  const weightFmt = { numberFormat: "General" };
  const emit = (n: SchemeGroup | SchemeIndicator, level: number) => {
    row++;
    if (isGroup(n)) {
      text(row, level, n.name, { bold: true });
      value(row, 4, n.weight, weightFmt);
      n.children.forEach((ch) => emit(ch, isGroup(ch) ? level + 1 : 3));
    } else {
      text(row, 3, n.name);
      value(row, 4, n.weight, weightFmt);
      text(row, 5, n.rule);
      const rule = parseRule(n.rule);
      value(row, 6, n.target);
      value(row, 7, n.actual);
      value(row, 10, n.share);
      if (n.reason) text(row, 9, n.reason, { wrap: true });
      if (rule?.kind === "手工") value(row, 8, n.score, { numberFormat: SCORE_FORMAT });
    }
  };
  spec.tree.forEach((g) => emit(g, 1));
  text(row + 1, 1, "总分", { bold: true });
  text(row + 2, 1, "评价等级", { bold: true });
  return cells;
}

export const SCORE_COLUMN_WIDTHS = [14, 16, 26, 8, 30, 12, 12, 10, 32, 14].map((width, i) => ({ col: i + 1, width }));

/** What the score sheet links to in the fund table: formulas and their exact values. */
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

export interface ScoreLevelFact {
  name: string;
  weight: string | null;
  score: string | null;
}
export interface ScoreIndicatorFact {
  path: string[];
  weight: string | null;
  score: string | null;
  cell: string;
  /** 偏差原因分析及改进措施, as the user wrote it. */
  reason?: string;
}
export interface ScoreFacts {
  scheme: string;
  sheet: string;
  total: string | null;
  grade: Grade | null;
  levels: ScoreLevelFact[];
  indicators: ScoreIndicatorFact[];
  /** Weights of the 一级 levels (and the money block) and their sum, for the narrative. */
  weightTotal: string | null;
  counts: { level1: number; level2: number; level3: number };
  /** Where the narrative's figures live: the 一级 weight cells, the total and the grade. */
  cells: { weights: string[]; total: string; grade: string };
}

export interface ScorePlan {
  cells: CellWrite[];
  owned: OwnedCells;
  issues: Issue[];
  facts: ScoreFacts;
}

type Num = { value: Decimal | null; bad?: string; cell: string };

/** A number cell as Excel's arithmetic would take it: numbers, "95", "95%"; anything else is not one. */
function readNumber(s: SheetSnapshot, row: number, col: number | undefined): Num {
  if (col === undefined) return { value: null, cell: "" };
  const cell = a1(row, col);
  const v = cellValue(s, row, col);
  if (v === null) return { value: null, cell };
  if (typeof v === "number") return Number.isFinite(v) ? { value: new Decimal(v), cell } : { value: null, bad: String(v), cell };
  if (isCellError(v) || typeof v === "boolean") return { value: null, bad: cellDisplay(v), cell };
  const t = v.trim();
  if (t === "") return { value: null, cell };
  const m = /^([+-]?\d+(?:\.\d+)?)(%?)$/.exec(t);
  if (!m) return { value: null, bad: t, cell };
  const d = new Decimal(m[1]);
  return { value: m[2] ? d.dividedBy(100) : d, cell };
}

const fmt2 = (d: Decimal | null) => (d === null ? null : d.toFixed(2));
const r2 = (d: Decimal) => d.toDecimalPlaces(10, Decimal.ROUND_HALF_UP).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/**
 * Plans every computed cell of a score sheet. A computed cell is written when it is empty or holds
 * what the add-in wrote; a value the user typed there is kept and used (and said so).
 */
export function planScoreSheet(
  s: SheetSnapshot,
  layout: ScoreLayout,
  links: FundLinks | null,
  ownedBefore: OwnedCells | undefined,
  mode: WriteMode,
  schemeId: string,
): ScorePlan {
  const issues: Issue[] = [];
  const cells: CellWrite[] = [];
  const owned: OwnedCells = { sheet: s.name, key: SCORE_KEY, formulas: [], cells: {} };
  const S = s.name;
  const c = layout.cols;

  /** Writes a computed cell unless the user's own content is there; returns whether it was written. */
  const put = (row: number, col: number, formula: string | null, value: Decimal | string | null, numberFormat?: string): boolean => {
    const address = a1(row, col);
    if (!cellEmpty(s, row, col) && !isOwnedCell(ownedBefore, s, row, col, address)) return false;
    let content: CellContent;
    if (mode === "formulas" && formula !== null) content = { kind: "formula", formula };
    else if (value === null) content = { kind: "blank" };
    else if (typeof value === "string") content = { kind: "text", text: value };
    else content = { kind: "number", value: value.toNumber() };
    const w: CellWrite = { row, col, content, numberFormat, expect: value === null ? "" : typeof value === "string" ? value : value.toFixed() };
    cells.push(w);
    const fp = writeFingerprint(w);
    if (fp?.kind === "formula") {
      if (!owned.formulas.includes(fp.hash)) owned.formulas.push(fp.hash);
    } else if (fp) owned.cells[address] = fp.hash;
    return true;
  };
  const userNumber = (row: number, col: number) => readNumber(s, row, col).value;

  const levels: ScoreLevelFact[] = [];
  const indicators: ScoreIndicatorFact[] = [];
  const topParts: { name: string; weight: Num; score: Decimal | null; scoreCell: string }[] = [];

  // Money block (财预〔2020〕10号 附件1).
  let moneyRate: { cell: string; value: Decimal | null } | undefined;
  if (layout.money && layout.money.rows.length > 0) {
    const m = layout.money.cols;
    for (const [i, mr] of layout.money.rows.entries()) {
      const r = mr.row;
      const link = i === 0 ? { initial: links?.budget, budget: links?.budget, executed: links?.invested } : /财政/.test(mr.label) ? { initial: links?.fiscal, budget: links?.fiscal, executed: undefined } : {};
      const amount = (col: number, l: FundLink | undefined): Decimal | null => {
        if (l && put(r, col, "=" + l.formula, l.value, MONEY_FORMAT)) return l.value;
        return userNumber(r, col);
      };
      amount(m.initial, link.initial);
      const budget = amount(m.budget, link.budget);
      const executed = amount(m.executed, link.executed);
      const B = a1(r, m.budget);
      const D = a1(r, m.executed);
      const F = a1(r, m.rate);
      let rateValue = budget !== null && executed !== null && !budget.isZero() ? executed.dividedBy(budget) : null;
      if (!put(r, m.rate, `=IF(${D}="","",IFERROR(${D}/${B},""))`, rateValue, rateNumberFormat(rateValue as Rate | null))) rateValue = userNumber(r, m.rate);
      if (i !== 0) continue;
      moneyRate = { cell: F, value: rateValue };
      const weight = readNumber(s, r, m.weight);
      const outcome = computeScore({ kind: "比率" }, { weight: weight.value, target: null, actual: rateValue, share: null, typed: null });
      const formula = scoreFormula({ kind: "比率" }, { weight: weight.cell, target: "", actual: F, share: "" });
      let score = outcome.score;
      if (!put(r, m.score, formula, score, SCORE_FORMAT)) score = userNumber(r, m.score);
      topParts.push({ name: "预算执行率", weight, score, scoreCell: a1(r, m.score) });
      indicators.push({ path: ["预算执行率"], weight: weight.value?.toFixed() ?? null, score: fmt2(score), cell: a1(r, m.score) });
    }
  }

  let n2 = 0;
  let n3 = 0;
  const evalLeaf = (leaf: LeafNode): Decimal | null => {
    n3++;
    const r = leaf.row;
    const ruleRaw = cellText(cellValue(s, r, c.rule)).trim();
    const rule: Rule | null = parseRule(ruleRaw);
    const weight = readNumber(s, r, c.weight);
    const H = a1(r, c.score);
    const fact = (score: Decimal | null) => {
      const reason = cellText(cellValue(s, r, c.reason)).trim();
      indicators.push({ path: leaf.path, weight: weight.value?.toFixed() ?? null, score: fmt2(score), cell: H, ...(reason ? { reason } : {}) });
      return score;
    };
    if (!rule) {
      issues.push(makeIssue("RULE_UNKNOWN", S, a1(r, c.rule), { value: ruleRaw || "（空）" }));
      put(r, c.score, null, null);
      return fact(null);
    }
    if (weight.value === null) issues.push(makeIssue("WEIGHT_MISSING", S, weight.cell, { name: leaf.name }));
    const inputs: ScoreInputs = { weight: weight.value, target: null, actual: null, share: null, typed: null };
    const problems: Issue[] = [];
    const number = (col: number | undefined, field: string): Decimal | null => {
      const n = readNumber(s, r, col);
      if (n.bad !== undefined) problems.push(makeIssue("SCORE_NOT_A_NUMBER", S, n.cell, { name: leaf.name, field, value: n.bad }));
      return n.value;
    };
    if (rule.kind === "比率" && rule.bind) {
      const link: FundLink | undefined =
        rule.bind === "资金到位率" ? links?.rate : rule.bind === "预算执行率" && moneyRate ? { formula: moneyRate.cell, value: moneyRate.value } : undefined;
      inputs.actual = link && put(r, c.actual, "=" + link.formula, link.value, rateNumberFormat(link.value as Rate | null)) ? link.value : number(c.actual, "实际完成值");
    } else if (rule.kind === "定性") {
      const g = cellText(cellValue(s, r, c.actual)).trim();
      inputs.actual = g === "" ? null : g;
      inputs.share = number(c.share, SHARE_HEADER);
    } else if (rule.kind === "手工") {
      inputs.typed = number(c.score, "得分");
    } else {
      inputs.target = number(c.target, "年度指标值");
      inputs.actual = number(c.actual, "实际完成值");
    }
    issues.push(...problems);
    const outcome = problems.length ? { score: null } : computeScore(rule, inputs);
    const at = (col: number | undefined) => (col === undefined ? H : a1(r, col));
    switch (outcome.problem) {
      case "input-missing": {
        const missing = rule.kind === "手工" ? [c.score, "得分"] : inputs.target === null && rule.kind !== "比率" && rule.kind !== "定性" ? [c.target, "年度指标值"] : [c.actual, "实际完成值"];
        issues.push(makeIssue("SCORE_INPUT_MISSING", S, at(missing[0] as number), { name: leaf.name, field: missing[1] as string }));
        break;
      }
      case "target-zero":
        issues.push(makeIssue("SCORE_TARGET_ZERO", S, at(c.target), { name: leaf.name, rule: ruleRaw }));
        break;
      case "grade-unknown":
        issues.push(makeIssue("SCORE_GRADE_UNKNOWN", S, at(c.actual), { name: leaf.name, value: String(inputs.actual) }));
        break;
      case "share-out-of-band": {
        const band = QUALITATIVE.find((q) => q.grade === inputs.actual)!;
        issues.push(
          makeIssue("SCORE_SHARE_OUT_OF_BAND", S, at(c.share), { name: leaf.name, grade: band.grade, low: `${band.low.times(100).toFixed()}%`, high: `${band.high.times(100).toFixed()}%`, value: `${inputs.share!.times(100).toFixed()}%` }),
        );
        break;
      }
      case "score-out-of-range":
        issues.push(makeIssue("SCORE_OUT_OF_RANGE", S, H, { name: leaf.name, value: inputs.typed!.toFixed(), weight: weight.value!.toFixed() }));
        break;
    }
    if (rule.kind === "手工") {
      if (isOwnedCell(ownedBefore, s, r, c.score, H) && !cellEmpty(s, r, c.score)) put(r, c.score, null, null); // our old formula: the user now scores by hand
      return fact(outcome.score); // out of range: flagged as an error, but it is what the cell holds and the subtotal adds
    }
    const formula = scoreFormula(rule, { weight: weight.cell, target: a1(r, c.target), actual: a1(r, c.actual), share: c.share ? a1(r, c.share) : '""' });
    if (put(r, c.score, formula, outcome.score, SCORE_FORMAT)) return fact(outcome.score);
    const typed = readNumber(s, r, c.score).value;
    issues.push(makeIssue("SCORE_TYPED_OVER", S, H, { name: leaf.name, value: cellDisplay(cellValue(s, r, c.score)) }));
    return fact(typed);
  };

  const subtotal = (row: number, childRows: number[]): string => {
    const H = (r: number) => a1(r, c.score);
    const contiguous = childRows.every((r, i) => i === 0 || r === childRows[i - 1] + 1);
    if (contiguous && childRows.length > 1) {
      const range = `${H(childRows[0])}:${H(childRows[childRows.length - 1])}`;
      return `=IF(SUMPRODUCT(--(${range}=""))>0,"",ROUND(SUM(${range}),2))`;
    }
    if (childRows.length === 0) return '=""';
    return `=IF(${childRows.map((r) => `(${H(r)}="")`).join("+")}>0,"",ROUND(SUM(${childRows.map(H).join(",")}),2))`;
  };

  const evalNode = (node: ScoreNode): Decimal | null => {
    if (node.kind === "leaf") return evalLeaf(node);
    if (node.level === 2) n2++;
    const scores = node.children.map(evalNode);
    const score = scores.length > 0 && scores.every((x) => x !== null) ? r2(scores.reduce<Decimal>((a, b) => a.plus(b as Decimal), ZERO)) : null;
    let shown = score;
    if (!put(node.row, c.score, subtotal(node.row, node.children.map((ch) => ch.row)), score, SCORE_FORMAT)) shown = userNumber(node.row, c.score);
    const weight = readNumber(s, node.row, c.weight);
    const childWeights = node.children.map((ch) => readNumber(s, ch.row, c.weight));
    if (weight.value === null) issues.push(makeIssue("WEIGHT_MISSING", S, weight.cell, { name: node.name }));
    else if (node.children.length > 0 && childWeights.every((w) => w.value !== null)) {
      const sum = childWeights.reduce<Decimal>((a, w) => a.plus(w.value as Decimal), ZERO);
      if (!sum.equals(weight.value))
        issues.push(makeIssue("WEIGHT_SUM", S, weight.cell, { name: node.name, weight: weight.value.toFixed(), sum: sum.toFixed(), children: childWeights.map((w) => w.cell).join(", ") }));
    }
    if (node.level === 1) {
      levels.push({ name: node.name, weight: weight.value?.toFixed() ?? null, score: fmt2(shown) });
      topParts.push({ name: node.name, weight, score: shown, scoreCell: a1(node.row, c.score) });
    }
    return shown;
  };
  const moneyParts = topParts.length;
  for (const root of layout.roots) {
    if (root.kind === "leaf") topParts.push({ name: root.name, weight: readNumber(s, root.row, c.weight), score: evalLeaf(root), scoreCell: a1(root.row, c.score) });
    else evalNode(root);
  }
  if (moneyParts > 0) levels.unshift({ name: "预算执行率", weight: topParts[0].weight.value?.toFixed() ?? null, score: fmt2(topParts[0].score) });

  // Weight total: 100.
  let weightTotal: Decimal | null = null;
  if (topParts.every((p) => p.weight.value !== null) && topParts.length > 0) {
    weightTotal = topParts.reduce<Decimal>((a, p) => a.plus(p.weight.value as Decimal), ZERO);
    if (!weightTotal.equals(100))
      issues.push(
        makeIssue(
          "WEIGHT_TOTAL",
          S,
          topParts.map((p) => p.weight.cell),
          { sum: weightTotal.toFixed(), parts: topParts.map((p) => `${p.name}${p.weight.value!.toFixed()}`).join(" + ") },
        ),
      );
  }

  // Total and grade rows (added under the grid when the sheet has none and the cells are free).
  const totalRow = layout.totalRow ?? layout.lastRow + 1;
  const gradeRow = layout.gradeRow ?? totalRow + 1;
  if (layout.totalRow === undefined && cellEmpty(s, totalRow, c.l1)) cells.push({ row: totalRow, col: c.l1, content: { kind: "text", text: "总分" }, bold: true });
  if (layout.gradeRow === undefined && cellEmpty(s, gradeRow, c.l1)) cells.push({ row: gradeRow, col: c.l1, content: { kind: "text", text: "评价等级" }, bold: true });
  const totalScore = topParts.length > 0 && topParts.every((p) => p.score !== null) ? r2(topParts.reduce<Decimal>((a, p) => a.plus(p.score as Decimal), ZERO)) : null;
  const wCells = topParts.map((p) => p.weight.cell);
  put(totalRow, c.weight, wCells.length ? `=SUM(${wCells.join(",")})` : null, weightTotal, "General");
  const sCells = topParts.map((p) => p.scoreCell);
  const totalFormula = sCells.length ? `=IF(${sCells.map((x) => `(${x}="")`).join("+")}>0,"",ROUND(SUM(${sCells.join(",")}),2))` : '=""';
  let total = totalScore;
  if (!put(totalRow, c.score, totalFormula, totalScore, SCORE_FORMAT)) total = userNumber(totalRow, c.score);
  const grade = total === null ? null : gradeOf(total);
  put(gradeRow, c.score, gradeFormula(a1(totalRow, c.score)), grade);

  return {
    cells,
    owned,
    issues,
    facts: {
      scheme: schemeId,
      sheet: S,
      total: fmt2(total),
      grade,
      levels,
      indicators,
      weightTotal: weightTotal?.toFixed() ?? null,
      counts: { level1: layout.roots.filter((n) => n.kind === "group").length, level2: n2, level3: n3 },
      cells: { weights: wCells, total: a1(totalRow, c.score), grade: a1(gradeRow, c.score) },
    },
  };
}

/** Sheet-qualified references into the fund table for the score sheet's links. */
export function fundRef(sheet: string, ref: string): string {
  return qualified(sheet, ref);
}
