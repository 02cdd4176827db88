/**
 * The fields of a project fund table and the header texts that name them, as data (the way
 * HyperFormula keeps its function table): add a variant here and every host reads it.
 */
import { fold } from "../numbers/parse";
import type { AmountUnit } from "../numbers/units";

export type FieldKey =
  | "seq"
  | "name"
  | "initial"
  | "budget"
  | "adjust"
  | "carryIn"
  | "source"
  | "invested"
  | "executed"
  | "count"
  | "rate"
  | "execRate"
  | "process"
  | "output"
  | "benefit";

export interface FieldDef {
  key: FieldKey;
  /** How the field is called in messages and in the task pane. */
  label: string;
  /** Several columns may hold it (资金来源). */
  multiple?: boolean;
  /** An amount in 元 or 万元 (read with the table's unit). */
  amount?: boolean;
  /** Header texts that name the field exactly (after normalizeHeader). */
  exact: readonly string[];
  /** Looser patterns, tried after every exact text of every field. */
  patterns: readonly RegExp[];
  /**
   * When several columns name the field, the one whose header matches the earliest of these is
   * taken (全年预算数 before a plain 预算数); the rest stay choices in the pane. Without it, the leftmost.
   */
  prefer?: readonly RegExp[];
  /** Why the preferred column is taken, for the issue that says so. */
  why?: string;
}

/**
 * The figures of a fund table (../shared/domain §2): 年初预算数 is the budget approved at the start
 * of the year; 全年预算数 (调整后预算数) is 年初 ± 年中调整 and is the denominator of both rates;
 * 实际到位资金 is money that arrived (资金到位率 = 到位 ÷ 全年预算); 全年执行数 is money spent (预算执行率 =
 * 执行 ÷ 全年预算) — 到位 is not 执行. Order matters: a header is matched by the first field whose
 * exact texts, then patterns, name it.
 */
export const FIELDS: readonly FieldDef[] = [
  { key: "seq", label: "序号", exact: ["序号", "编号", "项目序号", "行次", "序"], patterns: [/^序号/] },
  {
    key: "name",
    label: "项目名称",
    exact: ["项目名称", "项目", "名称", "项目内容", "资金项目", "项目明细", "项目(资金)名称", "资金结构"],
    patterns: [/项目名称$/, /^项目名/],
  },
  {
    key: "initial",
    label: "年初预算数",
    amount: true,
    exact: ["年初预算数", "年初预算", "年初预算金额", "年初部门预算安排金额", "年初预算安排金额", "年初预算安排", "年初数", "年初批复预算", "年初批复数", "年初批复预算数"],
    patterns: [/^年初.*(预算|安排|批复)/],
  },
  {
    key: "adjust",
    label: "年中调整金额",
    amount: true,
    exact: ["年中调整金额", "年中调整", "调整金额", "年中追加调整", "追加(减)金额", "预算调整数"],
    patterns: [/^年中.*调整/],
  },
  {
    key: "carryIn",
    label: "历年结余结转",
    amount: true,
    exact: ["历年结余结转", "历年结转结余", "以前年度结余结转", "历年结余结转资金"],
    patterns: [/^历年.*结[余转]/],
  },
  {
    key: "budget",
    label: "全年预算数（调整后）",
    amount: true,
    exact: [
      "全年预算数",
      "调整后预算数",
      "全年调整预算数",
      "调整预算数",
      "全年预算",
      "年度预算数",
      "项目资金",
      "预算数",
      "预算金额",
      "计划投入资金",
      "计划资金",
      "预算资金",
      "项目预算",
      "预算",
      "批复预算",
      "批复预算数",
      "项目资金总额",
      "计划投资",
      "预算安排小计",
    ],
    patterns: [/预算(数|金额|资金|总额)?$/, /^计划.*(资金|投资|金额)$/, /^项目资金/, /^调整后/],
    prefer: [/^(全年|调整|年度|预算安排小计)/],
    why: "到位率和执行率都以全年（调整后）预算数为分母",
  },
  {
    key: "source",
    label: "资金来源",
    multiple: true,
    amount: true,
    exact: [],
    patterns: [/财政资金$/, /财政拨款$/, /上级补助/, /补助资金$/, /自筹/, /配套/, /专项资金$/, /其[他它]资金$/, /社会资金$/, /债券资金$/, /上年结转/, /结转资金$/],
  },
  {
    key: "invested",
    label: "实际到位资金（投入资金）",
    amount: true,
    exact: ["实际到位资金", "到位资金", "投入资金", "实际投入资金", "实际到位", "已到位资金", "到位金额", "实际到位数", "到位数", "资金到位数", "实际到位金额"],
    patterns: [/到位(资金|金额|数)$/, /^实际(投入|到位)/, /^投入(资金|金额)$/],
  },
  {
    key: "executed",
    label: "全年执行数（实际支出）",
    amount: true,
    exact: ["全年执行数", "执行数", "实际执行数", "执行金额", "实际支出", "实际支出数", "支出数", "支出金额", "已支出金额", "年度拨付金额", "拨付金额", "拨付数", "实际拨付"],
    patterns: [/执行(数|金额)$/, /^实际支出/, /拨付(金额|数)?$/, /^(已|实际)?支出(数|金额)$/],
    prefer: [/执行/, /支出/],
    why: "预算执行率以全年执行数（实际支出）为分子",
  },
  { key: "count", label: "项目个数", exact: ["项目个数", "个数", "项目数", "项目数量", "子项目个数"], patterns: [/个数$/] },
  { key: "rate", label: "资金到位率", exact: ["资金到位率", "到位率"], patterns: [/到位率$/] },
  { key: "execRate", label: "预算执行率", exact: ["预算执行率", "执行率", "支出实现率"], patterns: [/执行率$/] },
  { key: "process", label: "过程管理情况", exact: ["过程", "过程管理"], patterns: [/^过程/] },
  { key: "output", label: "产出情况", exact: ["产出"], patterns: [/^产出/, /完成情况$/] },
  { key: "benefit", label: "效益情况", exact: ["效益"], patterns: [/^效益/, /^(实施)?效果/, /效益情况$/] },
];

export const FIELD_BY_KEY: Record<FieldKey, FieldDef> = Object.fromEntries(FIELDS.map((f) => [f.key, f])) as Record<
  FieldKey,
  FieldDef
>;

export interface NormalizedHeader {
  /** Header text folded, without spaces, brackets or a leading 其中. */
  key: string;
  /** Unit named inside the header: "项目资金（万元）" → 万元. */
  unit?: AmountUnit;
  /** The header as written, folded and trimmed, for labels ("区本级财政资金"). */
  label: string;
}

/**
 * A header as a key to match: folded (full-width to ASCII), without spaces and line breaks, without
 * bracketed notes and units ("全年预算数(A)", "（万元）", "(含历年结余结转)"), without the formula
 * labels of provincial forms ("小计③=①+②" → "小计"), without a leading 其中.
 */
export function normalizeHeader(text: string): NormalizedHeader {
  const folded = fold(text).replace(/\s+/g, "");
  const unitMatch = /\((?:单位[:：]?|金额单位[:：]?)?(万元|元)\)/.exec(folded);
  const withoutBrackets = folded.replace(/\([^)]*\)/g, "").replace(/\[[^\]]*\]/g, "");
  const key = withoutBrackets
    .replace(/^其中[:：]?/, "")
    .replace(/[:：]$/, "")
    .replace(/\d*=.*$/, "") // "小计3=1+2" (③=①+② folded)
    .replace(/([\u4e00-\u9fff])\d+$/, "$1"); // "年中调整金额2" (②)
  return { key, unit: unitMatch ? (unitMatch[1] as AmountUnit) : undefined, label: key };
}

export interface FieldMatch {
  field: FieldKey;
  score: number;
}

/** Best field for a header text, or null. Exact names win over patterns; earlier fields win ties. */
export function matchField(text: string): FieldMatch | null {
  const { key } = normalizeHeader(text);
  if (key === "" || key.length > 40) return null;
  for (const f of FIELDS) if (f.exact.includes(key)) return { field: f.key, score: 100 };
  for (const f of FIELDS) {
    const i = f.patterns.findIndex((p) => p.test(key));
    if (i >= 0) return { field: f.key, score: 60 - i };
  }
  return null;
}
