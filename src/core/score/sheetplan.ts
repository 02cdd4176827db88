/**
 * Planning every computed cell of a 评分表 (得分, subtotals, total, grade, the money block, links to
 * the fund table) as a live formula or a value, with the same numbers computed in decimal.js. A
 * computed cell is written when it is empty or holds what the add-in wrote; a value the user typed
 * there is kept and used (and said so).
 */
import { a1 } from "../io/a1";
import { Decimal, sum } from "../numbers/decimal";
import { rateNumberFormat } from "../numbers/format";
import { Issue, makeIssue } from "../issues";
import { OwnedCells, isOwnedCell, writeFingerprint } from "../read/meta";
import { CellContent, CellWrite } from "../io/plan";
import type { WriteMode } from "../write/ratecolumn";
import type { FundLink, FundLinks, MoneyLinks } from "../write/fundlinks";
import { placeholder } from "../report/templates";
import { SHARE_HEADER } from "./schemes";
import { Grade, gradeFormula, gradeOf } from "./grade";
import { InputKey, Rule, RuleCells, ScoreInputs, ScoreOutcome, bandOf, parseRule, round2, ruleDef } from "./rules";
import { comparable, parseMeasure, ruleTextFor } from "./measure";
import { CALC_HEADERS, GroupNode, LeafNode, ScoreLayout, ScoreNode } from "./layout";
import { SheetSnapshot, cellDisplay, cellEmpty, cellShown, cellText, cellValue, isCellError } from "../io/snapshot";

export const SCORE_KEY = "评分表";
export const SCORE_FORMAT = "0.00";
const MONEY_FORMAT = "#,##0.00";

export interface ScoreLevelFact {
  name: string;
  weight: Decimal | null;
  score: Decimal | null;
}
export interface ScoreIndicatorFact {
  path: string[];
  weight: Decimal | null;
  score: Decimal | null;
  cell: string;
  /** 偏差原因分析及改进措施, as the user wrote it. */
  reason?: string;
  /** 年度指标值 and 实际完成值 as written ("≥95%", "99.12%"), for the report. */
  target?: string;
  actual?: string;
  /** Marked 不适用: left out of the total. */
  notApplicable?: true;
}
export interface ScoreFacts {
  scheme: string;
  sheet: string;
  total: Decimal | null;
  grade: Grade | null;
  levels: ScoreLevelFact[];
  indicators: ScoreIndicatorFact[];
  /** Weights of the 一级 levels (and the money block) and their sum, for the narrative. */
  weightTotal: Decimal | null;
  counts: { level1: number; level2: number; level3: number };
  /** Where the narrative's figures live: the 一级 weight cells, the total and the grade. */
  cells: { weights: string[]; total: string; grade: string };
  /** Indicators left out (不适用, blank template rows); when any, the total is re-scaled to 100. */
  excluded: { name: string; cell: string; why: "na" | "template" }[];
}

export interface ScorePlan {
  cells: CellWrite[];
  owned: OwnedCells;
  issues: Issue[];
  facts: ScoreFacts;
}

export interface ScoreSheetInput {
  sheet: SheetSnapshot;
  layout: ScoreLayout;
  links: FundLinks | null;
  /** What the add-in wrote into this sheet last time. */
  ownedBefore?: OwnedCells;
  mode: WriteMode;
  scheme: string;
}

type Num = { value: Decimal | null; bad?: string; cell: string };

export interface ExcludedIndicator {
  name: string;
  cell: string;
  weightCell: string;
  weight: Decimal | null;
  why: "na" | "template";
}

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

/** A part that adds into the total: the money block's 预算执行率 or a 一级 group. */
interface TopPart {
  name: string;
  /** Its weight, and the cell that states it (a printed form's group states it in its name). */
  weight: Num;
  score: Decimal | null;
  /** The cells the total's formulas add: its own, or (a group beside its indicators) its indicators'. */
  weightCells: string[];
  scoreCells: string[];
  /** Every indicator under it was left out: its weight counts, its score does not. */
  leftOut?: boolean;
}

/** What a node contributes: a score (null while an input is missing), or nothing at all (left out). */
const LEFT_OUT = Symbol("left out");
type NodeScore = Decimal | null | typeof LEFT_OUT;

/** The state of one sheet's planning: what is written, what is owned, what was found. */
class SheetPlanner {
  readonly issues: Issue[] = [];
  readonly cells: CellWrite[] = [];
  readonly owned: OwnedCells;
  readonly levels: ScoreLevelFact[] = [];
  readonly indicators: ScoreIndicatorFact[] = [];
  readonly top: TopPart[] = [];
  /** Indicators left out (不适用, blank template rows): the total is re-scaled over the rest. */
  readonly excluded: ExcludedIndicator[] = [];
  level2 = 0;
  level3 = 0;
  private helpers?: { target: number; actual: number };

  constructor(readonly input: ScoreSheetInput) {
    this.owned = { sheet: input.sheet.name, key: SCORE_KEY, formulas: [], cells: {} };
  }

  /** The 计分用目标值 / 计分用完成值 columns (added right of the grid the first time a row needs them). */
  helperColumns(): { target: number; actual: number } {
    if (this.helpers) return this.helpers;
    const { cols, headerRow } = this.input.layout;
    const right = Math.max(...Object.values(cols).filter((v): v is number => typeof v === "number"));
    this.helpers = cols.calcTarget !== undefined && cols.calcActual !== undefined ? { target: cols.calcTarget, actual: cols.calcActual } : { target: right + 1, actual: right + 2 };
    // The headers are put on every run (kept when already there): the cells owned after a run never depend on the runs before it.
    this.put(headerRow, this.helpers.target, null, CALC_HEADERS.target);
    this.put(headerRow, this.helpers.actual, null, CALC_HEADERS.actual);
    return this.helpers;
  }

  get s(): SheetSnapshot {
    return this.input.sheet;
  }

  number(row: number, col: number | undefined): Num {
    return readNumber(this.s, row, col);
  }

  issue(code: Parameters<typeof makeIssue>[0], cell: string | string[], params: Record<string, string | number> = {}): void {
    this.issues.push(makeIssue(code, this.s.name, cell, params));
  }

  /** Writes a computed cell unless the user's own content is there; returns whether it was written. */
  put(row: number, col: number, formula: string | null, value: Decimal | string | null, numberFormat?: string): boolean {
    const address = a1(row, col);
    if (!cellEmpty(this.s, row, col) && !isOwnedCell(this.input.ownedBefore, this.s, row, col, address)) return false;
    let content: CellContent;
    if (this.input.mode === "formulas" && formula !== null) content = { kind: "formula", formula };
    else if (value === null) content = { kind: "blank" };
    else if (typeof value === "string") content = { kind: "text", text: value };
    else content = { kind: "number", value: value.toNumber() };
    const w: CellWrite = { row, col, content, numberFormat, expect: value === null ? "" : typeof value === "string" ? value : value.toFixed() };
    this.cells.push(w);
    const fp = writeFingerprint(w);
    if (fp?.kind === "formula") {
      if (!this.owned.formulas.includes(fp.hash)) this.owned.formulas.push(fp.hash);
    } else if (fp) this.owned.cells[address] = fp.hash;
    return true;
  }

  /** A computed cell: written when it is ours, else the user's number is what counts. */
  computed(row: number, col: number, formula: string | null, value: Decimal | null, numberFormat?: string): Decimal | null {
    return this.put(row, col, formula, value, numberFormat) ? value : this.number(row, col).value;
  }
}

/** The links for a money-block row, by its label: 年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金. */
function rowLinks(links: FundLinks | null, label: string, first: boolean): MoneyLinks {
  if (!links) return {};
  if (first) return links.total;
  if (/结转/.test(label)) return links.byCategory.carryover;
  if (/其[他它]/.test(label)) return links.byCategory.other;
  if (/财政|拨款/.test(label)) return links.byCategory.fiscal;
  return {};
}

const MONEY_WORDS = { initial: "年初预算数", budget: "全年预算数", executed: "全年执行数" } as const;

/**
 * One amount of the money block from its own field of the fund table: a formula (or the value, when
 * Excel's SUM would get it wrong), a visible 【待填写】 where the figure is not known — never another
 * figure in its place. Returns the amount the cell holds.
 */
function moneyAmount(p: SheetPlanner, r: number, col: number, field: keyof typeof MONEY_WORDS, link: FundLink | undefined, first: boolean, asked: string[]): Decimal | null {
  const ask = () => {
    if (p.put(r, col, null, placeholder(MONEY_WORDS[field]))) asked.push(a1(r, col));
    return p.number(r, col).value;
  };
  if (!link) return first ? ask() : p.number(r, col).value;
  if (link.value === null) {
    p.issue("TOTAL_UNKNOWN", a1(r, col), { what: MONEY_WORDS[field], cells: (link.blankCells ?? []).join("、") });
    return ask();
  }
  if (link.textCells?.length) p.issue("LINK_AS_VALUE", a1(r, col), { what: MONEY_WORDS[field], cells: link.textCells.join("、") });
  return p.computed(r, col, link.formula === null ? null : "=" + link.formula, link.value, MONEY_FORMAT);
}

/** The money block of the 项目支出 form: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, each figure from its own field. */
function planMoney(p: SheetPlanner): { cell: string; value: Decimal | null } | undefined {
  const money = p.input.layout.money;
  if (!money || money.rows.length === 0) return undefined;
  const m = money.cols;
  const asked: string[] = [];
  let rate: { cell: string; value: Decimal | null } | undefined;
  for (const [i, mr] of money.rows.entries()) {
    const r = mr.row;
    const link = rowLinks(p.input.links, mr.label, i === 0);
    moneyAmount(p, r, m.initial, "initial", link.initial, i === 0, asked);
    const budget = moneyAmount(p, r, m.budget, "budget", link.budget, i === 0, asked);
    const executed = moneyAmount(p, r, m.executed, "executed", link.executed, i === 0, asked);
    const [B, D, F] = [a1(r, m.budget), a1(r, m.executed), a1(r, m.rate)];
    const exact = budget !== null && executed !== null && !budget.isZero() ? executed.dividedBy(budget) : null;
    const value = p.computed(r, m.rate, `=IF(${D}="","",IFERROR(${D}/${B},""))`, exact, rateNumberFormat(exact));
    if (i !== 0) continue;
    rate = { cell: F, value };
    const weight = p.number(r, m.weight);
    const rule: Rule = { kind: "比率" };
    const outcome = ruleDef(rule).compute(rule, { weight: weight.value, target: null, actual: value, share: null, typed: null });
    const formula = ruleDef(rule).formula(rule, { weight: weight.cell, target: "", actual: F, share: "" });
    const score = p.computed(r, m.score, formula, outcome.score, SCORE_FORMAT);
    p.top.push({ name: "预算执行率", weight, score, weightCells: [weight.cell], scoreCells: [a1(r, m.score)] });
    p.indicators.push({ path: ["预算执行率"], weight: weight.value, score, cell: a1(r, m.score) });
  }
  if (asked.length) p.issue("FORM_NEEDS_INPUT", asked, { cells: asked.join("、") });
  return rate;
}

type Linked = { cell: string; value: Decimal | null } | undefined;

/** A leaf's inputs as its rule declares them, and the cells its formula reads. */
interface LeafRead {
  inputs: ScoreInputs;
  cells: RuleCells;
}

const FIELDS: Record<InputKey, string> = { target: "年度指标值", actual: "实际完成值", share: SHARE_HEADER, typed: "得分" };

/** A 比率 bound to a figure of the fund table (资金到位率, 预算执行率): the link written into 实际完成值. */
function boundActual(p: SheetPlanner, r: number, rule: Rule, moneyRate: Linked): Decimal | null | undefined {
  if (rule.kind !== "比率" || !rule.bind) return undefined;
  const links = p.input.links;
  const fromMoney: FundLink | undefined = moneyRate ? { formula: moneyRate.cell, value: moneyRate.value } : undefined;
  const link: FundLink | undefined = rule.bind === "资金到位率" ? links?.rate : rule.bind === "预算执行率" ? (fromMoney ?? links?.execRate) : undefined;
  const c = p.input.layout.cols;
  if (link && p.put(r, c.actual, link.formula === null ? null : "=" + link.formula, link.value, rateNumberFormat(link.value))) return link.value;
  return undefined;
}

/**
 * Target and actual written with comparators, units or dates ("≥50个" / "52个", "11月底前" / "10月"):
 * read as comparable numbers and written into the row's 计分用 cells, which the formula reads.
 * Units that disagree are an issue, not a guess.
 */
function measured(p: SheetPlanner, leaf: LeafNode, problems: Issue[]): { target: Decimal; actual: Decimal; cells: { target: string; actual: string } } | null | "unreadable" {
  const c = p.input.layout.cols;
  const r = leaf.row;
  const [t, a] = [parseMeasure(cellValue(p.s, r, c.target)), parseMeasure(cellValue(p.s, r, c.actual))];
  if (t.kind === "blank" || a.kind === "blank") return null;
  const both = comparable(t, a);
  if (both === null) return "unreadable";
  if ("problem" in both) {
    problems.push(makeIssue("SCORE_UNIT_MISMATCH", p.s.name, a1(r, c.actual), { name: leaf.name, target: cellShown(p.s, r, c.target), actual: cellShown(p.s, r, c.actual) }));
    return "unreadable";
  }
  const cols = p.helperColumns();
  p.put(r, cols.target, null, both.target, "General");
  p.put(r, cols.actual, null, both.actual, "General");
  return { ...both, cells: { target: a1(r, cols.target), actual: a1(r, cols.actual) } };
}

/** The inputs a leaf's rule declares, read from its row. */
function leafInputs(p: SheetPlanner, leaf: LeafNode, rule: Rule, moneyRate: Linked, problems: Issue[]): LeafRead {
  const c = p.input.layout.cols;
  const r = leaf.row;
  const inputs: ScoreInputs = { weight: p.number(r, c.weight).value, target: null, actual: null, share: null, typed: null };
  const cells: RuleCells = { weight: a1(r, c.weight), target: a1(r, c.target), actual: a1(r, c.actual), share: c.share ? a1(r, c.share) : '""' };
  const bound = boundActual(p, r, rule, moneyRate);
  if (bound !== undefined) return { inputs: { ...inputs, actual: bound }, cells };
  const cols: Record<InputKey, number | undefined> = { target: c.target, actual: c.actual, share: c.share, typed: c.score };
  const wanted = Object.entries(ruleDef(rule).inputs) as [InputKey, "number" | "grade"][];
  const plain = wanted.filter(([, as]) => as === "number").map(([key]) => [key, p.number(r, cols[key])] as const);
  const twoNumbers = wanted.some(([k]) => k === "target") && wanted.some(([k]) => k === "actual");
  if (twoNumbers && plain.some(([k, n]) => (k === "target" || k === "actual") && n.bad !== undefined)) {
    const m = measured(p, leaf, problems);
    if (m !== "unreadable" && m !== null) return { inputs: { ...inputs, target: m.target, actual: m.actual }, cells: { ...cells, ...m.cells } };
    if (m === "unreadable" && problems.length) return { inputs, cells };
  }
  for (const [key, as] of wanted) {
    if (as === "grade") {
      const g = cellText(cellValue(p.s, r, cols[key] ?? 0)).trim();
      inputs[key as "actual"] = g === "" ? null : g;
      inputs.targetText = cellText(cellValue(p.s, r, c.target)).trim() || null;
      continue;
    }
    const n = plain.find(([k]) => k === key)![1];
    if (n.bad !== undefined) problems.push(makeIssue("SCORE_NOT_A_NUMBER", p.s.name, n.cell, { name: leaf.name, field: FIELDS[key], value: n.bad }));
    inputs[key] = n.value;
  }
  return { inputs, cells };
}

/** What the outcome's problem means for the user, at the cell it is about. */
function outcomeIssue(p: SheetPlanner, leaf: LeafNode, ruleRaw: string, outcome: ScoreOutcome, inputs: ScoreInputs): void {
  const c = p.input.layout.cols;
  const cell = (k: InputKey | undefined) => a1(leaf.row, (k && { target: c.target, actual: c.actual, share: c.share, typed: c.score }[k]) ?? c.score);
  const field = FIELDS[outcome.input ?? "actual"];
  const name = leaf.name;
  switch (outcome.problem) {
    case "input-missing":
      return p.issue("SCORE_INPUT_MISSING", cell(outcome.input), { name, field });
    case "target-zero":
      return p.issue("SCORE_TARGET_ZERO", cell("target"), { name, rule: ruleRaw });
    case "grade-unknown":
      return p.issue("SCORE_GRADE_UNKNOWN", cell("actual"), { name, value: String(inputs.actual) });
    case "share-out-of-band": {
      const band = bandOf(String(inputs.actual), inputs.targetText)!;
      const pct = (d: Decimal) => `${d.times(100).toFixed()}%`;
      return p.issue("SCORE_SHARE_OUT_OF_BAND", cell("share"), { name, grade: band.grade, low: pct(band.low), high: pct(band.high), value: pct(inputs.share!) });
    }
    case "score-out-of-range":
      return p.issue("SCORE_OUT_OF_RANGE", cell("typed"), { name, value: inputs.typed!.toFixed(), weight: inputs.weight!.toFixed() });
  }
}

/**
 * An indicator that does not apply (不适用 in 年度指标值 or 实际完成值), or a blank template row: left out,
 * and the total re-scaled to 100 (按百分制折算). Returns why, or null when the row counts.
 */
function excluded(p: SheetPlanner, leaf: LeafNode): "na" | "template" | null {
  const c = p.input.layout.cols;
  const r = leaf.row;
  const [t, a] = [parseMeasure(cellValue(p.s, r, c.target)), parseMeasure(cellValue(p.s, r, c.actual))];
  if (t.kind === "na" || a.kind === "na") return "na";
  const typed = !cellEmpty(p.s, r, c.score) && !isOwnedCell(p.input.ownedBefore, p.s, r, c.score, a1(r, c.score));
  if (/^指标\s*\d+[:：]?$/.test(leaf.name) && t.kind === "blank" && a.kind === "blank" && !typed) return "template";
  return null;
}

/** One indicator: its inputs, its score (decimal.js and formula), the issues on the way. */
function planLeaf(p: SheetPlanner, leaf: LeafNode, moneyRate: Linked): NodeScore {
  p.level3++;
  const c = p.input.layout.cols;
  const r = leaf.row;
  const H = a1(r, c.score);
  const weight = p.number(r, c.weight);
  const fact = (score: Decimal | null) => {
    const reason = cellText(cellValue(p.s, r, c.reason)).trim();
    const shown = (col: number) => cellShown(p.s, r, col).trim();
    const [target, actual] = [shown(c.target), shown(c.actual)];
    p.indicators.push({ path: leaf.path, weight: weight.value, score, cell: H, ...(reason ? { reason } : {}), ...(target ? { target } : {}), ...(actual ? { actual } : {}) });
    return score;
  };
  const out = excluded(p, leaf);
  if (out) {
    p.excluded.push({ name: leaf.name, cell: H, weightCell: weight.cell, weight: weight.value, why: out });
    if (out === "na") p.indicators.push({ path: leaf.path, weight: weight.value, score: null, cell: H, notApplicable: true });
    p.put(r, c.score, null, out === "na" ? "不适用" : "—"); // text: SUM passes it by, and no subtotal waits for it
    return LEFT_OUT;
  }
  const ruleRaw = cellText(cellValue(p.s, r, c.rule)).trim();
  const auto = ruleRaw === "" || ruleRaw === "自动" ? ruleTextFor(parseMeasure(cellValue(p.s, r, c.target)), parseMeasure(cellValue(p.s, r, c.actual))) : null;
  const rule = parseRule(auto ?? ruleRaw);
  if (!rule) {
    p.issue("RULE_UNKNOWN", a1(r, c.rule), { value: ruleRaw || "（空）" });
    p.put(r, c.score, null, null);
    return fact(null);
  }
  if (weight.value === null) p.issue("WEIGHT_MISSING", weight.cell, { name: leaf.name });
  const problems: Issue[] = [];
  const read = leafInputs(p, leaf, rule, moneyRate, problems);
  p.issues.push(...problems);
  const outcome: ScoreOutcome = problems.length ? { score: null } : ruleDef(rule).compute(rule, read.inputs);
  outcomeIssue(p, leaf, auto ?? ruleRaw, outcome, read.inputs);
  if (rule.kind === "手工") {
    if (isOwnedCell(p.input.ownedBefore, p.s, r, c.score, H) && !cellEmpty(p.s, r, c.score)) p.put(r, c.score, null, null); // our old formula: the user now scores by hand
    return fact(outcome.score); // out of range: flagged as an error, but it is what the cell holds and the subtotal adds
  }
  if (p.put(r, c.score, ruleDef(rule).formula(rule, read.cells), outcome.score, SCORE_FORMAT)) return fact(outcome.score);
  p.issue("SCORE_TYPED_OVER", H, { name: leaf.name, value: cellShown(p.s, r, c.score) });
  return fact(p.number(r, c.score).value);
}

/** =IF(any part blank,"",ROUND(SUM(parts),2)) over the given score cells (a range when contiguous). */
function sumFormula(cells: string[], rows?: number[]): string {
  if (cells.length === 0) return '=""';
  const contiguous = rows !== undefined && rows.length > 1 && rows.every((r, i) => i === 0 || r === rows[i - 1] + 1);
  if (contiguous) {
    const range = `${cells[0]}:${cells[cells.length - 1]}`;
    return `=IF(SUMPRODUCT(--(${range}=""))>0,"",ROUND(SUM(${range}),2))`;
  }
  return `=IF(${cells.map((x) => `(${x}="")`).join("+")}>0,"",ROUND(SUM(${cells.join(",")}),2))`;
}

/** The sum of the parts, or null when any part is missing (parts left out do not count). */
function total(parts: NodeScore[]): Decimal | null {
  const counted = parts.filter((x): x is Decimal | null => x !== LEFT_OUT);
  return counted.length > 0 && counted.every((x) => x !== null) ? round2(sum(counted as Decimal[])) : null;
}

/** A group's weight against its children's weights. */
function checkGroupWeight(p: SheetPlanner, node: GroupNode, weight: Num, children: Num[]): void {
  if (weight.value === null) return p.issue("WEIGHT_MISSING", weight.cell, { name: node.name });
  if (children.length === 0 || children.some((w) => w.value === null)) return;
  const total = sum(children.map((w) => w.value as Decimal));
  if (!total.equals(weight.value)) p.issue("WEIGHT_SUM", weight.cell, { name: node.name, weight: weight.value.toFixed(), sum: total.toFixed(), children: children.map((w) => w.cell).join(", ") });
}

/** The leaves under a node, depth first. */
const leavesOf = (n: ScoreNode): LeafNode[] => (n.kind === "leaf" ? [n] : n.children.flatMap(leavesOf));

/**
 * A group beside its indicators (a printed form): no cell of its own to write; its weight is the one
 * its name states ("产出指标（50分）"), checked against its indicators', else theirs added up.
 */
function inlineGroup(p: SheetPlanner, node: GroupNode, scores: NodeScore[]): { weight: Num; score: Decimal | null; weightCells: string[]; scoreCells: string[] } {
  const c = p.input.layout.cols;
  const leaves = leavesOf(node);
  const leafWeights = leaves.map((l) => p.number(l.row, c.weight));
  const known = leafWeights.every((w) => w.value !== null) ? sum(leafWeights.map((w) => w.value!)) : null;
  const cell = a1(node.row, node.level === 1 ? c.l1 : c.l2);
  const weight: Num = { value: node.statedWeight !== undefined ? new Decimal(node.statedWeight) : known, cell };
  if (node.statedWeight !== undefined) checkGroupWeight(p, node, weight, leafWeights);
  return { weight, score: total(scores), weightCells: leafWeights.map((w) => w.cell), scoreCells: leaves.map((l) => a1(l.row, c.score)) };
}

function planNode(p: SheetPlanner, node: ScoreNode, moneyRate: Linked): NodeScore {
  if (node.kind === "leaf") return planLeaf(p, node, moneyRate);
  if (node.level === 2) p.level2++;
  const c = p.input.layout.cols;
  const scores = node.children.map((ch) => planNode(p, ch, moneyRate));
  if (scores.length > 0 && scores.every((x) => x === LEFT_OUT)) {
    if (node.level === 1) {
      const weight = node.inline ? inlineGroup(p, node, scores).weight : p.number(node.row, c.weight);
      p.top.push({ name: node.name, weight, score: null, weightCells: node.inline ? leavesOf(node).map((l) => a1(l.row, c.weight)) : [weight.cell], scoreCells: [], leftOut: true });
    }
    return LEFT_OUT;
  }
  let part: { weight: Num; score: Decimal | null; weightCells: string[]; scoreCells: string[] };
  if (node.inline) part = inlineGroup(p, node, scores);
  else {
    const rows = node.children.map((ch) => ch.row);
    const shown = p.computed(node.row, c.score, sumFormula(rows.map((r) => a1(r, c.score)), rows), total(scores), SCORE_FORMAT);
    const weight = p.number(node.row, c.weight);
    checkGroupWeight(p, node, weight, node.children.map((ch) => p.number(ch.row, c.weight)));
    part = { weight, score: shown, weightCells: [weight.cell], scoreCells: [a1(node.row, c.score)] };
  }
  if (node.level === 1) {
    p.levels.push({ name: node.name, weight: part.weight.value, score: part.score });
    p.top.push({ name: node.name, ...part });
  }
  return part.score;
}

/** The 一级 weights must add up to 100. */
function checkWeightTotal(p: SheetPlanner): Decimal | null {
  if (p.top.length === 0 || p.top.some((t) => t.weight.value === null)) return null;
  const total = sum(p.top.map((t) => t.weight.value as Decimal));
  const parts = p.top.map((t) => `${t.name}${t.weight.value!.toFixed()}`).join(" + ");
  if (!total.equals(100)) p.issue("WEIGHT_TOTAL", p.top.map((t) => t.weight.cell), { sum: total.toFixed(), parts });
  return total;
}

/**
 * The total when indicators are left out: 适用指标得分汇总后按百分制折算 ([DZ]) — the sum of the
 * scores ÷ the weights that still apply × 100.
 */
function rescaled(p: SheetPlanner, weightTotal: Decimal | null): [string, Decimal | null] {
  const scores = p.top.flatMap((t) => t.scoreCells);
  const out = p.excluded.map((x) => x.weightCell);
  const applicable = weightTotal === null ? null : p.excluded.reduce<Decimal>((a, x) => a.minus(x.weight ?? 0), weightTotal);
  const sum = total(p.top.filter((t) => !t.leftOut).map((t) => t.score));
  const value = sum === null || applicable === null || applicable.lessThanOrEqualTo(0) ? null : round2(sum.dividedBy(applicable).times(100));
  const blanks = scores.map((x) => `(${x}="")`).join("+") || "0";
  const formula = `=IF(${blanks}>0,"",IFERROR(ROUND(ROUND(SUM(${scores.join(",")})/(SUM(${p.top.flatMap((t) => t.weightCells).join(",")})-SUM(${out.join(",")}))*100,10),2),""))`;
  return [formula, value];
}

/** 总分 and 评价等级 (rows added under the grid when the sheet has none and the cells are free). */
function planTotals(p: SheetPlanner, weightTotal: Decimal | null): { total: Decimal | null; grade: Grade | null; totalCell: string; gradeCell: string } {
  const { layout } = p.input;
  const c = layout.cols;
  const totalRow = layout.totalRow ?? layout.lastRow + 1;
  const gradeRow = layout.gradeRow ?? totalRow + 1;
  if (layout.totalRow === undefined && cellEmpty(p.s, totalRow, c.l1)) p.cells.push({ row: totalRow, col: c.l1, content: { kind: "text", text: "总分" }, bold: true });
  if (layout.gradeRow === undefined && cellEmpty(p.s, gradeRow, c.l1)) p.cells.push({ row: gradeRow, col: c.l1, content: { kind: "text", text: "评价等级" }, bold: true });
  const wCells = p.top.flatMap((t) => t.weightCells);
  p.put(totalRow, c.weight, wCells.length ? `=SUM(${wCells.join(",")})` : null, weightTotal, "General");
  const [formula, value] = p.excluded.length ? rescaled(p, weightTotal) : [sumFormula(p.top.flatMap((t) => t.scoreCells)), total(p.top.map((t) => t.score))];
  const totalValue = p.computed(totalRow, c.score, formula, value, SCORE_FORMAT);
  const grade = totalValue === null ? null : gradeOf(totalValue);
  p.put(gradeRow, c.score, gradeFormula(a1(totalRow, c.score)), grade);
  return { total: totalValue, grade, totalCell: a1(totalRow, c.score), gradeCell: a1(gradeRow, c.score) };
}

/** Plans every computed cell of a score sheet, and the facts the report states about it. */
export function planScoreSheet(input: ScoreSheetInput): ScorePlan {
  const p = new SheetPlanner(input);
  const { layout } = input;
  const moneyRate = planMoney(p);
  if (p.top.length > 0) p.levels.push({ name: "预算执行率", weight: p.top[0].weight.value, score: p.top[0].score });
  for (const root of layout.roots) {
    if (root.kind === "group") {
      planNode(p, root, moneyRate);
      continue;
    }
    const score = planLeaf(p, root, moneyRate);
    const weight = p.number(root.row, layout.cols.weight);
    if (score !== LEFT_OUT) p.top.push({ name: root.name, weight, score, weightCells: [weight.cell], scoreCells: [a1(root.row, layout.cols.score)] });
  }
  const weightTotal = checkWeightTotal(p);
  const t = planTotals(p, weightTotal);
  return {
    cells: p.cells,
    owned: p.owned,
    issues: p.issues,
    facts: {
      scheme: input.scheme,
      sheet: input.sheet.name,
      total: t.total,
      grade: t.grade,
      levels: p.levels,
      indicators: p.indicators,
      weightTotal,
      // The parts the report lists (预算执行率 of the money block among them) are the 一级 it counts.
      counts: { level1: p.levels.length, level2: p.level2, level3: p.level3 - p.excluded.filter((x) => x.why === "template").length },
      cells: { weights: p.top.map((t) => t.weight.cell), total: t.totalCell, grade: t.gradeCell },
      excluded: p.excluded.map((x) => ({ name: x.name, cell: x.cell, why: x.why })),
    },
  };
}
