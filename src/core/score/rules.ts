/**
 * Scoring rules (计分方式) as one table, the way HyperFormula keeps its `implementedFunctions`:
 * each kind declares in one entry how it is read from the 计分方式 cell, how it is written back,
 * which inputs of the indicator row it needs, how the score is computed with decimal.js, and the
 * Excel formula that gives the same number. Rules are readable Chinese, which is also their syntax:
 * "正向", "反向", "比率（资金到位率）", "阶梯：≥95%得100%，≥90%得80%，否则得0%",
 * "扣分：每低于目标1个百分点扣0.5分", "定性", "手工".
 */
import { Decimal, ONE, ZERO } from "../numbers/decimal";
import { fold } from "../numbers/parse";

export interface Step {
  /** Completion (实际 ÷ 目标) at least this… */
  atLeast: Decimal;
  /** …earns this share of 分值. */
  share: Decimal;
}

export type Rule =
  | { kind: "正向" }
  | { kind: "反向" }
  /** Share of 分值 = the rate, capped at 1. `bind` names the figure it is linked to: 资金到位率, 预算执行率. */
  | { kind: "比率"; bind?: string }
  | { kind: "阶梯"; steps: Step[]; otherwise: Decimal }
  | { kind: "扣分"; per: Decimal; points: Decimal; perText: string }
  | { kind: "定性" }
  | { kind: "手工" }
  /** = target: full marks when met exactly, else 0. */
  | { kind: "达标" }
  /** A deadline (11月底前): full marks when done by then, else 0. */
  | { kind: "时效" };

export type RuleKind = Rule["kind"];
type RuleOf<K extends RuleKind> = Extract<Rule, { kind: K }>;

/** The cells of an indicator row a rule reads. */
export type InputKey = "target" | "actual" | "share" | "typed";

/** Inputs of one indicator, already parsed. */
export interface ScoreInputs {
  weight: Decimal | null;
  target: Decimal | null;
  /** A number, or for 定性 the grade text. */
  actual: Decimal | string | null;
  /** 定性: the share typed inside the grade's band. */
  share: Decimal | null;
  /** 手工: the score typed. */
  typed: Decimal | null;
  /** 定性: the target when it is a word (高, 好): an actual that repeats it is 达成. */
  targetText?: string | null;
}

export type ScoreProblem = "weight-missing" | "input-missing" | "target-zero" | "not-a-number" | "grade-unknown" | "share-out-of-band" | "score-out-of-range";

export interface ScoreOutcome {
  score: Decimal | null;
  problem?: ScoreProblem;
  /** The input the problem is about. */
  input?: InputKey;
}

/** Cell addresses of one indicator row, for its formula. */
export interface RuleCells {
  weight: string;
  target: string;
  actual: string;
  share: string;
}

export interface RuleDef<R extends Rule> {
  kind: R["kind"];
  /** The rule in a 计分方式 cell (folded, without spaces), or null when the text is not this kind. */
  parse(text: string): R | null;
  /** The rule as the sheet shows it: parse(describe(r)) gives r back. */
  describe(r: R): string;
  /** The row's inputs it reads, and as what: numbers, or (定性) a grade word. */
  inputs: Partial<Record<InputKey, "number" | "grade">>;
  /** The score, rounded half-up to 2 places, with the same two cuts as the formula. */
  compute(r: R, i: ScoreInputs): ScoreOutcome;
  /** The 得分 cell's formula; null when the user types the score. Blank, never #DIV/0!, while an input is missing. */
  formula(r: R, c: RuleCells): string | null;
}

/**
 * 定性 grades as the Hubei rule has them (../shared/domain §3 [HB1]): 达成预期指标 100–80%, 部分达成
 * 80–50%, 未达成 50–0% of 分值. Each band: its default share (the top of the band), the range a typed
 * share must stay in, and the words people write for it.
 */
export const QUALITATIVE = [
  { grade: "达成", share: new Decimal(1), low: new Decimal("0.8"), high: new Decimal(1), words: ["达成", "达到", "完成", "已完成", "达成预期指标", "达成预期", "达到预期", "达到预期目标", "全部完成", "完成年度目标", "已达成"] },
  { grade: "部分达成", share: new Decimal("0.8"), low: new Decimal("0.5"), high: new Decimal("0.8"), words: ["部分达成", "基本达成", "基本完成", "部分完成", "基本达到"] },
  { grade: "未达成", share: new Decimal("0.5"), low: new Decimal(0), high: new Decimal("0.5"), words: ["未达成", "未完成", "未达到", "没有完成"] },
] as const;

export type QualBand = (typeof QUALITATIVE)[number];

/** The band a word names (达成预期指标 → 达成), or the 达成 band when the actual repeats a word target (高 → 高). */
export function bandOf(actual: string, target?: string | null): QualBand | undefined {
  const a = fold(actual).replace(/\s+/g, "");
  return QUALITATIVE.find((q) => (q.words as readonly string[]).includes(a)) ?? (target && fold(target).replace(/\s+/g, "") === a ? QUALITATIVE[0] : undefined);
}

export const DEFAULT_STEPS: Step[] = [
  { atLeast: new Decimal("0.95"), share: ONE },
  { atLeast: new Decimal("0.9"), share: new Decimal("0.8") },
  { atLeast: new Decimal("0.8"), share: new Decimal("0.6") },
];

/** The noise of binary floating point is below 10 decimals; both sides cut there before comparing or rounding. */
const r10 = (d: Decimal) => d.toDecimalPlaces(10, Decimal.ROUND_HALF_UP);
export const round2 = (d: Decimal): Decimal => r10(d).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
/** ROUND(ROUND(x,10),2): the same two cuts round2 makes. */
const ROUND2 = (x: string) => `ROUND(ROUND(${x},10),2)`;

const pct = (d: Decimal) => `${d.times(100).toFixed()}%`;
const num = (s: string) => new Decimal(s);

/** The formula shape every rule shares: blank while a cell is blank, blank on any error. */
function guarded(cells: string[], body: string): string {
  return "=" + cells.reduceRight((inner, cell) => `IF(${cell}="","",${inner})`, `IFERROR(${body},"")`);
}

/** Weight, target and a numeric actual, or the outcome that says which is missing. */
function numbers(i: ScoreInputs): { w: Decimal; t: Decimal; a: Decimal } | ScoreOutcome {
  if (i.weight === null) return { score: null, problem: "weight-missing" };
  if (i.target === null) return { score: null, problem: "input-missing", input: "target" };
  if (i.actual === null) return { score: null, problem: "input-missing", input: "actual" };
  if (typeof i.actual === "string") return { score: null, problem: "not-a-number", input: "actual" };
  return { w: i.weight, t: i.target, a: i.actual };
}

const exact = (words: string) => (t: string) => new RegExp(`^(${words})$`).test(t);

/** A rule that is just its name (or one of the words for it): parse and describe. */
function named<K extends "正向" | "反向" | "定性" | "达标" | "时效">(kind: K, words: string): { kind: K; parse: (t: string) => { kind: K } | null; describe: () => string } {
  const is = exact(words);
  return { kind, parse: (t) => (is(t) ? { kind } : null), describe: () => kind };
}

/** compute over weight, target and a numeric actual; the outcome that names what is missing otherwise. */
function withNumbers<R extends Rule>(f: (r: R, n: { w: Decimal; t: Decimal; a: Decimal }) => ScoreOutcome): RuleDef<R>["compute"] {
  return (r, i) => {
    const n = numbers(i);
    return "score" in n ? n : f(r, n);
  };
}

const 正向: RuleDef<RuleOf<"正向">> = {
  ...named("正向", "正向|正向指标|越大越好|≥目标"),
  inputs: { target: "number", actual: "number" },
  compute: withNumbers((_r, n) => (n.t.isZero() ? { score: null, problem: "target-zero", input: "target" } : { score: round2(n.w.times(Decimal.min(r10(n.a.dividedBy(n.t)), ONE))) })),
  formula: (_r, { weight: D, target: F, actual: G }) => guarded([D, F, G], ROUND2(`${D}*MIN(ROUND(${G}/${F},10),1)`)),
};

const 反向: RuleDef<RuleOf<"反向">> = {
  ...named("反向", "反向|反向指标|越小越好|≤目标"),
  inputs: { target: "number", actual: "number" },
  compute: withNumbers((_r, n) => ({ score: round2(n.a.lessThanOrEqualTo(n.t) ? n.w : n.w.times(r10(n.t.dividedBy(n.a)))) })),
  formula: (_r, { weight: D, target: F, actual: G }) => guarded([D, F, G], ROUND2(`${D}*IF(${G}*1<=${F}*1,1,ROUND(${F}/${G},10))`)),
};

const 比率: RuleDef<RuleOf<"比率">> = {
  kind: "比率",
  parse(t) {
    const m = /^比率(?:\((.*)\))?$/.exec(t);
    return m ? (m[1] ? { kind: "比率", bind: m[1] } : { kind: "比率" }) : null;
  },
  describe: (r) => (r.bind ? `比率（${r.bind}）` : "比率"),
  inputs: { actual: "number" },
  compute(_r, i) {
    if (i.weight === null) return { score: null, problem: "weight-missing" };
    if (i.actual === null) return { score: null, problem: "input-missing", input: "actual" };
    if (typeof i.actual === "string") return { score: null, problem: "not-a-number", input: "actual" };
    return { score: round2(i.weight.times(Decimal.min(i.actual, ONE))) };
  },
  formula: (_r, { weight: D, actual: G }) => guarded([D, G], ROUND2(`${D}*MIN(${G}*1,1)`)),
};

const 阶梯: RuleDef<RuleOf<"阶梯">> = {
  kind: "阶梯",
  parse(t) {
    if (!/^阶梯[:：]?/.test(t)) return null;
    const body = t.replace(/^阶梯[:：]?/, "");
    if (body === "") return { kind: "阶梯", steps: DEFAULT_STEPS, otherwise: ZERO };
    const steps: Step[] = [];
    for (const m of body.matchAll(/(?:≥|>=)(\d+(?:\.\d+)?)%得(满分|\d+(?:\.\d+)?%)/g)) {
      steps.push({ atLeast: num(m[1]).dividedBy(100), share: m[2] === "满分" ? ONE : num(m[2].slice(0, -1)).dividedBy(100) });
    }
    if (steps.length === 0) return null;
    const other = /否则得?(\d+(?:\.\d+)?)%?/.exec(body);
    steps.sort((a, b) => b.atLeast.comparedTo(a.atLeast));
    return { kind: "阶梯", steps, otherwise: other ? num(other[1]).dividedBy(100) : ZERO };
  },
  describe: (r) => `阶梯：${r.steps.map((s) => `≥${pct(s.atLeast)}得${pct(s.share)}`).join("，")}，否则得${pct(r.otherwise)}`,
  inputs: { target: "number", actual: "number" },
  compute: withNumbers((r, n) => {
    if (n.t.isZero()) return { score: null, problem: "target-zero", input: "target" };
    const c = r10(n.a.dividedBy(n.t));
    const step = r.steps.find((s) => c.greaterThanOrEqualTo(s.atLeast));
    return { score: round2(n.w.times(step ? step.share : r.otherwise)) };
  }),
  formula(r, { weight: D, target: F, actual: G }) {
    const c10 = `ROUND(${G}/${F},10)`;
    const nested = r.steps.reduceRight((inner, s) => `IF(${c10}>=${s.atLeast.toFixed()},${s.share.toFixed()},${inner})`, r.otherwise.toFixed());
    return guarded([D, F, G], ROUND2(`${D}*${nested}`));
  },
};

const 扣分: RuleDef<RuleOf<"扣分">> = {
  kind: "扣分",
  parse(t) {
    const m = /^扣分[:：]?每(?:低于目标|差)?(\d+(?:\.\d+)?)(个百分点|%|个单位)?扣(\d+(?:\.\d+)?)分$/.exec(t);
    if (!m) return null;
    const per = m[2] === "个百分点" || m[2] === "%" ? num(m[1]).dividedBy(100) : num(m[1]);
    return { kind: "扣分", per, points: num(m[3]), perText: `${m[1]}${m[2] ?? ""}` };
  },
  describe: (r) => `扣分：每低于目标${r.perText}扣${r.points.toFixed()}分`,
  inputs: { target: "number", actual: "number" },
  compute: withNumbers((r, n) => {
    const shortfall = Decimal.max(ZERO, n.t.minus(n.a));
    return { score: round2(Decimal.max(ZERO, n.w.minus(shortfall.dividedBy(r.per).times(r.points)))) };
  }),
  formula: (r, { weight: D, target: F, actual: G }) => guarded([D, F, G], ROUND2(`MAX(0,${D}-MAX(0,${F}-${G})/${r.per.toFixed()}*${r.points.toFixed()})`)),
};

/** Array constants over every word of every band, aligned: MATCH finds the word, INDEX its band's figure. */
const WORDS = QUALITATIVE.flatMap((q) => q.words.map((w) => ({ w, q })));
const list = (f: (x: (typeof WORDS)[number]) => string) => `{${WORDS.map(f).join(",")}}`;
const QUAL_GRADES = list((x) => `"${x.w}"`);
const QUAL_SHARES = list((x) => x.q.share.toFixed());
const QUAL_LOWS = list((x) => x.q.low.toFixed());
const QUAL_HIGHS = list((x) => x.q.high.toFixed());

const 定性: RuleDef<RuleOf<"定性">> = {
  ...named("定性", "定性|定性指标"),
  inputs: { actual: "grade", share: "number" },
  compute(_r, i) {
    if (i.weight === null) return { score: null, problem: "weight-missing" };
    if (i.actual === null) return { score: null, problem: "input-missing", input: "actual" };
    const band = typeof i.actual === "string" ? bandOf(i.actual, i.targetText) : undefined;
    if (!band) return { score: null, problem: "grade-unknown", input: "actual" };
    if (i.share === null) return { score: round2(i.weight.times(band.share)) };
    if (i.share.lessThan(band.low) || i.share.greaterThan(band.high)) return { score: null, problem: "share-out-of-band", input: "share" };
    return { score: round2(i.weight.times(i.share)) };
  },
  formula(_r, { weight: D, target: F, actual: G, share: J }) {
    // The band's row in the arrays: the word's, or the 达成 row when the actual repeats a word target.
    const row = `IF(AND_TARGET,1,MATCH(${G},${QUAL_GRADES},0))`.replace("AND_TARGET", `IF(${F}="",FALSE,${G}=${F})`);
    const at = (arr: string) => `INDEX(${arr},${row})`;
    const typed = `IF(${J}*1<${at(QUAL_LOWS)},"",IF(${J}*1>${at(QUAL_HIGHS)},"",${J}*1))`;
    return guarded([D, G], ROUND2(`${D}*IF(${J}="",${at(QUAL_SHARES)},${typed})`));
  },
};

const 手工: RuleDef<RuleOf<"手工">> = {
  kind: "手工",
  parse: (t) => (exact("手工|手工打分|直接打分")(t) ? { kind: "手工" } : null),
  describe: () => "手工",
  inputs: { typed: "number" },
  compute(_r, i) {
    if (i.typed === null) return { score: null, problem: "input-missing", input: "typed" };
    if (i.weight !== null && (i.typed.isNegative() || i.typed.greaterThan(i.weight))) return { score: i.typed, problem: "score-out-of-range", input: "typed" };
    return { score: i.typed };
  },
  formula: () => null,
};

const 达标: RuleDef<RuleOf<"达标">> = {
  ...named("达标", "达标|等于目标|=目标|是否达标"),
  inputs: { target: "number", actual: "number" },
  compute: withNumbers((_r, n) => ({ score: round2(r10(n.a).equals(r10(n.t)) ? n.w : ZERO) })),
  formula: (_r, { weight: D, target: F, actual: G }) => guarded([D, F, G], ROUND2(`IF(ROUND(${G},10)=ROUND(${F},10),${D},0)`)),
};

const 时效: RuleDef<RuleOf<"时效">> = {
  ...named("时效", "时效|按时|按期|时限"),
  inputs: { target: "number", actual: "number" },
  compute: withNumbers((_r, n) => ({ score: round2(n.a.lessThanOrEqualTo(n.t) ? n.w : ZERO) })),
  formula: (_r, { weight: D, target: F, actual: G }) => guarded([D, F, G], ROUND2(`IF(${G}<=${F},${D},0)`)),
};

/** The table: every rule kind, in the order 计分方式 text is tried. */
export const RULES: { readonly [K in RuleKind]: RuleDef<RuleOf<K>> } = { 正向, 反向, 比率, 阶梯, 扣分, 定性, 手工, 达标, 时效 };

/** The definition of a rule's kind (the one cast the correlated union needs lives here). */
export function ruleDef<R extends Rule>(rule: R): RuleDef<R> {
  return RULES[rule.kind] as unknown as RuleDef<R>;
}

/** Reads a 计分方式 cell; null when no rule kind knows it. */
export function parseRule(text: string): Rule | null {
  const t = fold(text).replace(/\s+/g, "");
  if (t === "") return null;
  for (const def of Object.values(RULES) as RuleDef<Rule>[]) {
    const r = def.parse(t);
    if (r) return r;
  }
  return null;
}

