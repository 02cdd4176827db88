/**
 * Data problems are values, never exceptions: {code, severity, sheet, cell, message}. The message
 * is Chinese, names the cell, and says what the product did about it. Exceptions are for bugs.
 */

export type Severity = "error" | "warning" | "info";

export interface Issue {
  code: IssueCode;
  severity: Severity;
  sheet: string;
  /** A1 address ("C5") or range ("C4:C14"); "" when the problem belongs to the whole sheet. */
  cell: string;
  message: string;
}

type Params = Record<string, string | number>;

/** Every issue the product can raise: severity and message template, as data. */
export const ISSUE_DEFS = {
  TABLE_NOT_FOUND: {
    severity: "error",
    text: "工作表“{sheet}”中没有找到项目资金表：需要一行表头，含“项目名称”列和“项目资金/预算数”或“投入资金/到位资金”列。",
  },
  SHEET_NOT_FOUND: { severity: "error", text: "工作簿中没有名为“{sheet}”的工作表。" },
  NO_PROJECTS: { severity: "error", text: "项目资金表（表头在第 {row} 行）下面没有项目行。" },
  COLUMN_MISSING: {
    severity: "error",
    text: "项目资金表缺少“{field}”列，无法计算资金到位率；请在列对应关系中指定。",
  },
  COLUMN_OPTIONAL_MISSING: { severity: "info", text: "项目资金表没有“{field}”列，报告中相应内容从略。" },
  UNIT_ASSUMED: {
    severity: "info",
    text: "没有找到金额单位（如“单位：元”或表头中的“（万元）”），按“元”处理；如不对请指定单位。",
  },
  UNIT_CONFLICT: {
    severity: "warning",
    text: "金额单位不一致：{where1}写“{unit1}”，{where2}写“{unit2}”；按“{unit1}”处理。",
  },
  NAME_MISSING: { severity: "warning", text: "{cell} 项目名称为空，这一行有金额，仍按项目处理。" },
  TEXT_NUMBER: {
    severity: "info",
    text: "{cell} 是以文本形式存储的数字“{value}”，已按 {parsed} 读取；建议在 Excel 中转换为数值，否则公式可能不计算它。",
  },
  NOT_A_NUMBER: { severity: "warning", text: "{cell} 应为{field}，但内容是“{value}”，不是数字，已按空值处理。" },
  ERROR_VALUE: { severity: "error", text: "{cell} 是错误值 {value}，{field}无法读取，请先修正这个单元格。" },
  NEGATIVE_AMOUNT: { severity: "warning", text: "{cell} {field}为负数（{value}），请核对。" },
  BUDGET_MISSING: { severity: "warning", text: "{cell} 项目“{name}”没有{field}，不计算资金到位率。" },
  BUDGET_ZERO: { severity: "warning", text: "{cell} 项目“{name}”的{field}为 0，不计算资金到位率。" },
  INVESTED_MISSING: { severity: "warning", text: "{cell} 项目“{name}”没有{field}，不计算资金到位率。" },
  RATE_OVER_100: {
    severity: "warning",
    text: "{cell} 项目“{name}”的资金到位率为 {rate}，超过 100%（投入大于预算），请核对。",
  },
  RATE_MISMATCH: {
    severity: "error",
    text: "{cell} 填写的资金到位率 {typed} 与金额计算结果 {computed} 不一致（{invested} ÷ {budget}）。",
  },
  RATE_NOT_A_NUMBER: { severity: "warning", text: "{cell} 资金到位率一栏的内容“{value}”不是数字或百分数，无法核对。" },
  CELL_KEPT: {
    severity: "info",
    text: "{cell} 已有内容“{value}”（不是本助手写入的），未覆盖；确认覆盖后会写入{what}。",
  },
  SOURCES_MISMATCH: {
    severity: "warning",
    text: "{cell} 项目“{name}”各资金来源之和 {sources} 与项目资金 {budget} 不一致。",
  },
  TOTAL_MISMATCH: {
    severity: "error",
    text: "{cell} 合计行的{field} {stated} 与各项目之和 {computed} 不一致（相差 {diff}）。",
  },
  TOTAL_ROUNDING: {
    severity: "info",
    text: "{cell} 合计行的{field} {stated} 与各项目之和 {computed} 相差 {diff}，在四舍五入的尾差范围内。",
  },
  DUPLICATE_PROJECT: { severity: "warning", text: "{cell} 项目“{name}”与 {other} 重名，请核对是否重复录入。" },
  SCORE_SHEET_NOT_FOUND: {
    severity: "error",
    text: "没有找到评分表：工作表“{sheet}”中没有“一级指标、二级指标、三级指标、分值、计分方式、年度指标值、实际完成值、得分”表头。",
  },
  SCHEME_UNKNOWN: { severity: "error", text: "不认识的指标体系“{scheme}”：可用 mof2020（项目支出）、department（部门整体支出）或一个含评分表表头的工作表名。" },
  RULE_UNKNOWN: {
    severity: "warning",
    text: "{cell} 计分方式“{value}”无法识别，该指标不计分；可用：正向、反向、比率、阶梯：≥95%得100%，…、扣分：每低于目标1扣0.1分、定性、手工。",
  },
  WEIGHT_MISSING: { severity: "warning", text: "{cell} 指标“{name}”没有分值（或不是数字），不计分。" },
  WEIGHT_SUM: {
    severity: "warning",
    text: "{cell} “{name}”的分值 {weight} 与下级指标分值之和 {sum} 不一致（{cells}）。",
  },
  WEIGHT_TOTAL: {
    severity: "warning",
    text: "一级指标分值合计 {sum}（{parts}），不是 100；请确认指标体系（涉及 {cells}）。",
  },
  SCORE_INPUT_MISSING: { severity: "info", text: "{cell} 指标“{name}”的{field}未填写，得分暂空。" },
  SCORE_NOT_A_NUMBER: { severity: "warning", text: "{cell} 指标“{name}”的{field}“{value}”不是数字，得分为空。" },
  SCORE_TARGET_ZERO: { severity: "warning", text: "{cell} 指标“{name}”按“{rule}”计分，年度指标值不能为 0，得分为空。" },
  SCORE_GRADE_UNKNOWN: { severity: "warning", text: "{cell} 定性指标“{name}”的完成情况应为“达成”“部分达成”或“未达成”，现为“{value}”，得分为空。" },
  SCORE_SHARE_OUT_OF_BAND: {
    severity: "warning",
    text: "{cell} 定性指标“{name}”为“{grade}”，得分比例应在 {low}–{high} 之间，现为 {value}，得分为空。",
  },
  SCORE_OUT_OF_RANGE: { severity: "error", text: "{cell} 指标“{name}”的得分 {value} 不在 0 到分值 {weight} 之间。" },
  SCORE_TYPED_OVER: {
    severity: "info",
    text: "{cell} 指标“{name}”的得分是手工填写的 {value}，未按计分方式重算；如需按规则计分请清空该单元格。",
  },
  PROJECT_NAME_VARIANT: {
    severity: "warning",
    text: "{cell} 项目名称“{name}”与 {other}“{otherName}”像是同一个项目，但写法不同；请统一名称。",
  },
  SUM_MISMATCH: {
    severity: "error",
    text: "{cell} {what} {stated} 与各分项之和 {computed} 不一致（相差 {diff}，超出四舍五入尾差 {tolerance}）；分项：{parts}。",
  },
  SUM_ROUNDING: {
    severity: "info",
    text: "{cell} {what} {stated} 与所列分项之和 {computed} 相差 {diff}，属四舍五入尾差（分项：{parts}）。",
  },
  TAIL_ADJUSTED: {
    severity: "info",
    text: "{cell} 已作尾差调整：{what}中“{name}”由 {from} 调为 {to}，使分项之和等于合计 {total}。",
  },
  TEMPLATE_BROKEN_REPORT_KEPT: {
    severity: "error",
    text: "报告模板有错误，“{sheet}”未更新（保留上次生成的内容）；请按上面的提示修改模板后重新生成。",
  },
  TEMPLATE_BROKEN: {
    severity: "error",
    text: "{cell} 模板“{id}”有错误：{error}。模板原文：{template}",
  },
  SHEET_EDITED: {
    severity: "warning",
    text: "工作表“{sheet}”在上次生成后被手工修改过；修改稿已保留为“{kept}”，新内容写入“{sheet}”。",
  },
  SHEET_NAME_TAKEN: {
    severity: "info",
    text: "工作簿中已有用户自己的工作表“{sheet}”，本助手不覆盖它，改写到“{target}”。",
  },
} as const satisfies Record<string, { severity: Severity; text: string }>;

export type IssueCode = keyof typeof ISSUE_DEFS;

export function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : whole,
  );
}

export function makeIssue(code: IssueCode, sheet: string, cell: string, params: Params = {}): Issue {
  const def = ISSUE_DEFS[code];
  return { code, severity: def.severity, sheet, cell, message: fill(def.text, { sheet, cell, ...params }) };
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "error");
}

/** Errors first, then by sheet and position, for display. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

/** "警告 项目资金表!C5：……" — one line, for the terminal and text logs. */
export function issueLine(i: Issue): string {
  const label = i.severity === "error" ? "错误" : i.severity === "warning" ? "警告" : "提示";
  const where = i.cell ? `${i.sheet}!${i.cell}` : i.sheet;
  return `${label} ${where}：${i.message}`;
}
