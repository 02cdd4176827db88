/**
 * Scoring rules (计分方式): each one both a decimal.js computation and an Excel formula that
 * gives the same number. Rules are written in the sheet as readable Chinese text, which is also
 * their syntax: "正向", "反向", "比率", "阶梯：≥95%得100%，≥90%得80%，≥80%得60%，否则得0%",
 * "扣分：每低于目标1个百分点扣0.1分", "定性", "手工".
 */
import { Decimal, ONE, ZERO } from "../numbers/decimal";
import { fold } from "../numbers/parse";

export type RuleKind = "正向" | "反向" | "比率" | "阶梯" | "扣分" | "定性" | "手工";

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
  | { kind: "手工" };

/** 定性 grades: default share (the top of the band) and the band a typed share must stay in. */
export const QUALITATIVE = [
  { grade: "达成", share: new Decimal(1), low: new Decimal("0.8"), high: new Decimal(1) },
  { grade: "部分达成", share: new Decimal("0.8"), low: new Decimal("0.6"), high: new Decimal("0.8") },
  { grade: "未达成", share: new Decimal("0.6"), low: new Decimal(0), high: new Decimal("0.6") },
] as const;

export const DEFAULT_STEPS: Step[] = [
  { atLeast: new Decimal("0.95"), share: ONE },
  { atLeast: new Decimal("0.9"), share: new Decimal("0.8") },
  { atLeast: new Decimal("0.8"), share: new Decimal("0.6") },
];

const pct = (d: Decimal) => `${d.times(100).toFixed()}%`;

/** The rule as the sheet shows it (and as parseRule reads it back). */
export function ruleText(rule: Rule): string {
  switch (rule.kind) {
    case "阶梯":
      return `阶梯：${rule.steps.map((s) => `≥${pct(s.atLeast)}得${pct(s.share)}`).join("，")}，否则得${pct(rule.otherwise)}`;
    case "扣分":
      return `扣分：每低于目标${rule.perText}扣${rule.points.toFixed()}分`;
    case "比率":
      return rule.bind ? `比率（${rule.bind}）` : "比率";
    default:
      return rule.kind;
  }
}

function num(s: string): Decimal {
  return new Decimal(s);
}

/** Reads a 计分方式 cell; null when the engine does not know the rule. */
export function parseRule(text: string): Rule | null {
  const t = fold(text).replace(/\s+/g, "");
  if (t === "") return null;
  if (/^(正向|正向指标|越大越好|≥目标)$/.test(t)) return { kind: "正向" };
  if (/^(反向|反向指标|越小越好|≤目标)$/.test(t)) return { kind: "反向" };
  const ratio = /^比率(?:\((.*)\))?$/.exec(t);
  if (ratio) return ratio[1] ? { kind: "比率", bind: ratio[1] } : { kind: "比率" };
  if (/^(定性|定性指标)$/.test(t)) return { kind: "定性" };
  if (/^(手工|手工打分|直接打分)$/.test(t)) return { kind: "手工" };
  if (/^阶梯[:：]?/.test(t)) {
    const body = t.replace(/^阶梯[:：]?/, "");
    if (body === "") return { kind: "阶梯", steps: DEFAULT_STEPS, otherwise: ZERO };
    const steps: Step[] = [];
    for (const m of body.matchAll(/(?:≥|>=)(\d+(?:\.\d+)?)%得(满分|\d+(?:\.\d+)?%)/g)) {
      steps.push({ atLeast: num(m[1]).dividedBy(100), share: m[2] === "满分" ? ONE : num(m[2].slice(0, -1)).dividedBy(100) });
    }
    const other = /否则得?(\d+(?:\.\d+)?)%?/.exec(body);
    if (steps.length === 0) return null;
    steps.sort((a, b) => b.atLeast.comparedTo(a.atLeast));
    return { kind: "阶梯", steps, otherwise: other ? num(other[1]).dividedBy(100) : ZERO };
  }
  const ded = /^扣分[:：]?每(?:低于目标|差)?(\d+(?:\.\d+)?)(个百分点|%|个单位)?扣(\d+(?:\.\d+)?)分$/.exec(t);
  if (ded) {
    const perNumber = num(ded[1]);
    const per = ded[2] === "个百分点" || ded[2] === "%" ? perNumber.dividedBy(100) : perNumber;
    return { kind: "扣分", per, points: num(ded[3]), perText: `${ded[1]}${ded[2] ?? ""}` };
  }
  return null;
}

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
}

export type ScoreProblem =
  | "weight-missing"
  | "input-missing"
  | "target-zero"
  | "not-a-number"
  | "grade-unknown"
  | "share-out-of-band"
  | "score-out-of-range";

export interface ScoreOutcome {
  score: Decimal | null;
  problem?: ScoreProblem;
}

/** The noise of binary floating point is below 10 decimals; both sides cut there before comparing or rounding. */
const r10 = (d: Decimal) => d.toDecimalPlaces(10, Decimal.ROUND_HALF_UP);
const r2 = (d: Decimal) => r10(d).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

function numbers(i: ScoreInputs): { w: Decimal; t: Decimal; a: Decimal } | ScoreOutcome {
  if (i.weight === null) return { score: null, problem: "weight-missing" };
  if (i.target === null || i.actual === null) return { score: null, problem: "input-missing" };
  if (typeof i.actual === "string") return { score: null, problem: "not-a-number" };
  return { w: i.weight, t: i.target, a: i.actual };
}

export function computeScore(rule: Rule, i: ScoreInputs): ScoreOutcome {
  switch (rule.kind) {
    case "手工": {
      if (i.typed === null) return { score: null, problem: "input-missing" };
      if (i.weight !== null && (i.typed.isNegative() || i.typed.greaterThan(i.weight))) return { score: i.typed, problem: "score-out-of-range" };
      return { score: i.typed };
    }
    case "比率": {
      if (i.weight === null) return { score: null, problem: "weight-missing" };
      if (i.actual === null) return { score: null, problem: "input-missing" };
      if (typeof i.actual === "string") return { score: null, problem: "not-a-number" };
      return { score: r2(i.weight.times(Decimal.min(i.actual, ONE))) };
    }
    case "定性": {
      if (i.weight === null) return { score: null, problem: "weight-missing" };
      if (i.actual === null) return { score: null, problem: "input-missing" };
      const band = QUALITATIVE.find((q) => q.grade === i.actual);
      if (!band) return { score: null, problem: "grade-unknown" };
      if (i.share === null) return { score: r2(i.weight.times(band.share)) };
      if (i.share.lessThan(band.low) || i.share.greaterThan(band.high)) return { score: null, problem: "share-out-of-band" };
      return { score: r2(i.weight.times(i.share)) };
    }
    default: {
      const n = numbers(i);
      if ("score" in n) return n;
      const { w, t, a } = n;
      switch (rule.kind) {
        case "正向":
          if (t.isZero()) return { score: null, problem: "target-zero" };
          return { score: r2(w.times(Decimal.min(r10(a.dividedBy(t)), ONE))) };
        case "反向":
          if (a.lessThanOrEqualTo(t)) return { score: r2(w) };
          return { score: r2(w.times(r10(t.dividedBy(a)))) };
        case "阶梯": {
          if (t.isZero()) return { score: null, problem: "target-zero" };
          const c = r10(a.dividedBy(t));
          const step = rule.steps.find((s) => c.greaterThanOrEqualTo(s.atLeast));
          return { score: r2(w.times(step ? step.share : rule.otherwise)) };
        }
        case "扣分": {
          const shortfall = Decimal.max(ZERO, t.minus(a));
          return { score: r2(Decimal.max(ZERO, w.minus(shortfall.dividedBy(rule.per).times(rule.points)))) };
        }
      }
    }
  }
}

/** Cell addresses of one indicator row, for its formula. */
export interface RuleCells {
  weight: string;
  target: string;
  actual: string;
  share: string;
}

const QUAL_GRADES = `{${QUALITATIVE.map((q) => `"${q.grade}"`).join(",")}}`;
const QUAL_SHARES = `{${QUALITATIVE.map((q) => q.share.toFixed()).join(",")}}`;
const QUAL_LOWS = `{${QUALITATIVE.map((q) => q.low.toFixed()).join(",")}}`;
const QUAL_HIGHS = `{${QUALITATIVE.map((q) => q.high.toFixed()).join(",")}}`;

/** ROUND(ROUND(x,10),2): the same two cuts computeScore makes. */
const round2 = (x: string) => `ROUND(ROUND(${x},10),2)`;

/**
 * The formula of the 得分 cell (null for 手工: the user types the score). Blank — never #DIV/0! —
 * when an input is missing or not a number. Functions: IF, IFERROR, ROUND, MIN, MAX, INDEX, MATCH.
 */
export function scoreFormula(rule: Rule, c: RuleCells): string | null {
  const guard = (cells: string[], body: string) =>
    "=" + cells.reduceRight((inner, cell) => `IF(${cell}="","",${inner})`, `IFERROR(${body},"")`);
  const { weight: D, target: F, actual: G, share: J } = c;
  switch (rule.kind) {
    case "手工":
      return null;
    case "正向":
      return guard([D, F, G], round2(`${D}*MIN(ROUND(${G}/${F},10),1)`));
    case "反向":
      return guard([D, F, G], round2(`${D}*IF(${G}*1<=${F}*1,1,ROUND(${F}/${G},10))`));
    case "比率":
      return guard([D, G], round2(`${D}*MIN(${G}*1,1)`));
    case "阶梯": {
      const c10 = `ROUND(${G}/${F},10)`;
      const nested = rule.steps.reduceRight((inner, s) => `IF(${c10}>=${s.atLeast.toFixed()},${s.share.toFixed()},${inner})`, rule.otherwise.toFixed());
      return guard([D, F, G], round2(`${D}*${nested}`));
    }
    case "扣分":
      return guard([D, F, G], round2(`MAX(0,${D}-MAX(0,${F}-${G})/${rule.per.toFixed()}*${rule.points.toFixed()})`));
    case "定性": {
      const at = (arr: string) => `INDEX(${arr},MATCH(${G},${QUAL_GRADES},0))`;
      const typed = `IF(${J}*1<${at(QUAL_LOWS)},"",IF(${J}*1>${at(QUAL_HIGHS)},"",${J}*1))`;
      return guard([D, G], round2(`${D}*IF(${J}="",${at(QUAL_SHARES)},${typed})`));
    }
  }
}

export type Grade = "优" | "良" | "中" | "差";

export const GRADES: { grade: Grade; atLeast: number }[] = [
  { grade: "优", atLeast: 90 },
  { grade: "良", atLeast: 80 },
  { grade: "中", atLeast: 60 },
  { grade: "差", atLeast: -Infinity },
];

export function gradeOf(total: Decimal): Grade {
  return GRADES.find((g) => total.greaterThanOrEqualTo(g.atLeast))!.grade;
}

/** =IF(H40="","",IF(H40>=90,"优",IF(H40>=80,"良",IF(H40>=60,"中","差")))) */
export function gradeFormula(totalCell: string): string {
  const nested = GRADES.slice(0, -1).reduceRight((inner, g) => `IF(${totalCell}>=${g.atLeast},"${g.grade}",${inner})`, `"${GRADES[GRADES.length - 1].grade}"`);
  return `=IF(${totalCell}="","",${nested})`;
}
