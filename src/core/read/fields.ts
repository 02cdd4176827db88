/**
 * The fields of a project fund table and the header texts that name them, as data (the way
 * HyperFormula keeps its function table): add a variant here and every host reads it.
 */
import { fold } from "../numbers/parse";
import type { AmountUnit } from "../numbers/units";

export type FieldKey =
  | "seq"
  | "name"
  | "budget"
  | "source"
  | "invested"
  | "count"
  | "rate"
  | "process"
  | "output"
  | "benefit";

export interface FieldDef {
  key: FieldKey;
  /** How the field is called in messages and in the task pane. */
  label: string;
  /** Several columns may hold it (资金来源). */
  multiple?: boolean;
  /** Header texts that name the field exactly (after normalizeHeader). */
  exact: readonly string[];
  /** Looser patterns, tried after every exact text of every field. */
  patterns: readonly RegExp[];
}

export const FIELDS: readonly FieldDef[] = [
  { key: "seq", label: "序号", exact: ["序号", "编号", "项目序号", "行次", "序"], patterns: [/^序号/] },
  {
    key: "name",
    label: "项目名称",
    exact: ["项目名称", "项目", "名称", "项目内容", "资金项目", "项目明细", "项目(资金)名称"],
    patterns: [/项目名称$/, /^项目名/],
  },
  {
    key: "budget",
    label: "项目资金（预算）",
    exact: [
      "项目资金",
      "预算数",
      "预算金额",
      "年初预算数",
      "全年预算数",
      "计划投入资金",
      "计划资金",
      "预算资金",
      "项目预算",
      "预算",
      "批复预算",
      "批复预算数",
      "年度预算数",
      "调整后预算数",
      "项目资金总额",
      "计划投资",
    ],
    patterns: [/预算(数|金额|资金|总额)?$/, /^计划.*(资金|投资|金额)$/, /^项目资金/],
  },
  {
    key: "source",
    label: "资金来源",
    multiple: true,
    exact: [],
    patterns: [/财政资金$/, /财政拨款$/, /上级补助/, /补助资金$/, /自筹/, /配套/, /专项资金$/, /其他资金$/, /社会资金$/, /债券资金$/],
  },
  {
    key: "invested",
    label: "投入资金（实际到位）",
    exact: [
      "投入资金",
      "实际到位资金",
      "到位资金",
      "全年执行数",
      "实际支出",
      "实际支出数",
      "执行数",
      "实际投入资金",
      "实际到位",
      "支出数",
      "已到位资金",
      "到位金额",
    ],
    patterns: [/到位(资金|金额|数)$/, /执行(数|金额)$/, /^实际(投入|支出|到位)/, /^投入(资金|金额)$/],
  },
  { key: "count", label: "项目个数", exact: ["项目个数", "个数", "项目数", "项目数量", "子项目个数"], patterns: [/个数$/] },
  { key: "rate", label: "资金到位率", exact: ["资金到位率", "到位率"], patterns: [/到位率$/] },
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

export function normalizeHeader(text: string): NormalizedHeader {
  const folded = fold(text).replace(/\s+/g, "");
  const unitMatch = /\((?:单位[:：]?)?(万元|元)\)/.exec(folded);
  const withoutBrackets = folded.replace(/\([^)]*\)/g, "").replace(/\[[^\]]*\]/g, "");
  const key = withoutBrackets.replace(/^其中[:：]?/, "").replace(/[:：]$/, "");
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
