/**
 * Data problems are values, never exceptions: {code, severity, sheet, cells, params}. The words are
 * rendered at the edge (the pane, the terminal, the JSON) from one catalogue in zh-CN and en-US, so
 * the same issue reads in either language. Exceptions are for bugs: INTERNAL_ERROR says it is ours.
 */

export type Severity = "error" | "warning" | "info";
export type Lang = "zh" | "en";
export type IssueParams = Record<string, string | number>;

export interface Issue {
  code: IssueCode;
  severity: Severity;
  sheet: string;
  /** A1 addresses or ranges ("C5", "C4:C14"); empty when the problem belongs to the whole sheet. */
  cells: string[];
  params: IssueParams;
}

interface IssueDef {
  severity: Severity;
  zh: string;
  en: string;
}

/**
 * Every issue the product can raise: severity and wording, as data. {cell} is the first cell,
 * {cells} all of them, {sheet} the sheet; other names are the issue's params.
 */
export const ISSUE_DEFS = {
  TABLE_NOT_FOUND: {
    severity: "error",
    zh: "工作表“{sheet}”中没有找到项目资金表：需要一行表头，含“项目名称”列和“项目资金/预算数”或“投入资金/到位资金”列。",
    en: 'No project fund table found in sheet "{sheet}": it needs a header row with a project-name column and a budget or funds-in-place column.',
  },
  SHEET_NOT_FOUND: { severity: "error", zh: "工作簿中没有名为“{sheet}”的工作表。", en: 'The workbook has no sheet named "{sheet}".' },
  NO_PROJECTS: { severity: "error", zh: "项目资金表（表头在第 {row} 行）下面没有项目行。", en: "The fund table (header in row {row}) has no project rows below it." },
  COLUMN_MISSING: {
    severity: "error",
    zh: "项目资金表缺少“{field}”列，无法计算资金到位率；请在列对应关系中指定。",
    en: 'The fund table has no "{field}" column, so the rate cannot be computed; choose it in the column mapping.',
  },
  UNIT_ASSUMED: {
    severity: "info",
    zh: "没有找到金额单位（如“单位：元”或表头中的“（万元）”），按“元”处理；如不对请指定单位。",
    en: 'No amount unit found (such as "单位：元" or "（万元）" in a header); amounts are read as yuan. Set the unit if that is wrong.',
  },
  UNIT_CONFLICT: {
    severity: "warning",
    zh: "金额单位不一致：{where1}写“{unit1}”，表头 {header}写“{unit2}”；按“{unit1}”处理。",
    en: 'Amount units disagree: {where1} says "{unit1}", header {header} says "{unit2}"; "{unit1}" is used.',
  },
  NAME_MISSING: { severity: "warning", zh: "{cell} 项目名称为空，这一行有金额，仍按项目处理。", en: "{cell}: the project name is empty; the row has amounts and is still read as a project." },
  TEXT_NUMBER: {
    severity: "info",
    zh: "{cell} 是以文本形式存储的数字“{value}”，已按 {parsed} 读取；建议在 Excel 中转换为数值，否则公式可能不计算它。",
    en: '{cell} holds a number stored as text, "{value}", read as {parsed}; convert it to a number in Excel, or formulas may not count it.',
  },
  NOT_A_NUMBER: { severity: "warning", zh: "{cell} 应为{field}，但内容是“{value}”，不是数字，已按空值处理。", en: '{cell} should be {field} but holds "{value}", which is not a number; read as blank.' },
  ERROR_VALUE: { severity: "error", zh: "{cell} 是错误值 {value}，{field}无法读取，请先修正这个单元格。", en: "{cell} holds the error {value}; {field} cannot be read. Fix this cell first." },
  NEGATIVE_AMOUNT: { severity: "warning", zh: "{cell} {field}为负数（{value}），请核对。", en: "{cell}: {field} is negative ({value}); please check." },
  BUDGET_MISSING: { severity: "warning", zh: "{cell} 项目“{name}”没有{field}，不计算资金到位率。", en: '{cell}: project "{name}" has no {field}; no rate is computed.' },
  BUDGET_ZERO: { severity: "warning", zh: "{cell} 项目“{name}”的{field}为 0，不计算资金到位率。", en: '{cell}: project "{name}" has {field} 0; no rate is computed.' },
  INVESTED_MISSING: { severity: "warning", zh: "{cell} 项目“{name}”没有{field}，不计算资金到位率。", en: '{cell}: project "{name}" has no {field}; no rate is computed.' },
  RATE_OVER_100: {
    severity: "warning",
    zh: "{cell} 项目“{name}”的资金到位率为 {rate}，超过 100%（投入大于预算），请核对。",
    en: '{cell}: project "{name}" has a funds-in-place rate of {rate}, above 100% (more in place than budgeted); please check.',
  },
  RATE_MISMATCH: {
    severity: "error",
    zh: "{cell} 填写的{rateName} {typed} 与金额计算结果 {computed} 不一致（{invested} ÷ {budget}）。",
    en: "{cell}: the typed {rateName} {typed} differs from the rate of the amounts, {computed} ({invested} ÷ {budget}).",
  },
  RATE_NOT_A_NUMBER: { severity: "warning", zh: "{cell} {rateName}一栏的内容“{value}”不是数字或百分数，无法核对。", en: '{cell}: "{value}" in the {rateName} column is not a number or percentage and cannot be checked.' },
  EXEC_OVER_100: {
    severity: "warning",
    zh: "{cell} 项目“{name}”的预算执行率为 {rate}，超过 100%（执行数大于全年预算数），请核对。",
    en: '{cell}: project "{name}" has a budget execution rate of {rate}, above 100% (more spent than budgeted); please check.',
  },
  EXECUTED_MISSING: { severity: "warning", zh: "{cell} 项目“{name}”没有{field}（空白不等于 0），不计算预算执行率；如确实未支出请填 0。", en: '{cell}: project "{name}" has no {field} (a blank is not 0); no execution rate. Type 0 if nothing was spent.' },
  DASH_AS_BLANK: { severity: "info", zh: "{cell} 填的是“{value}”，{field}按未填写处理（不是 0）。", en: '{cell} holds "{value}": {field} is read as not filled in (not 0).' },
  BASE_CHOSEN: {
    severity: "info",
    zh: "资金到位率和预算执行率以 {budget}为分母（全年调整后的预算）；{initial}只作列示。",
    en: "Both rates divide by {budget} (the full-year, adjusted budget); {initial} is shown only.",
  },
  ADJUST_MISMATCH: {
    severity: "warning",
    zh: "{cell} 项目“{name}”的全年预算数 {budget} 不等于 {parts}（{sum}），请核对。",
    en: '{cell}: the full-year budget of project "{name}", {budget}, is not {parts} ({sum}); please check.',
  },
  UNIT_SUSPECT: {
    severity: "warning",
    zh: "{cell} 的金额按“万元”读作 {value} 万元，像是按“元”填写的（共 {count} 个这样的单元格）；如单位不对，请指定单位为“元”。",
    en: "{cell} reads as {value} × 10,000 yuan under a 万元 heading, which looks like an amount in yuan ({count} such cells); set the unit to 元 if so.",
  },
  BUDGET_FROM_INITIAL: {
    severity: "info",
    zh: "表中没有全年（调整后）预算数列，资金到位率按 {initial} 计算。",
    en: "The table has no full-year (adjusted) budget column; the funds-in-place rate is computed against {initial}.",
  },
  EXEC_NEEDS_BUDGET: {
    severity: "warning",
    zh: "预算执行率要以全年（调整后）预算数为分母，表中只有 {initial}，未计算 {executed} 的执行率；如全年预算未调整，请在列对应关系中把该列也指定为“全年预算数”。",
    en: "The budget execution rate divides by the full-year (adjusted) budget, and the table has only {initial}, so no rate is computed for {executed}; if the budget was not adjusted, map that column as the full-year budget too.",
  },
  FIELD_CHOICE: {
    severity: "info",
    zh: "有几列都可作为“{field}”：采用 {chosen}（{why}），另有 {others}；如不对请在列对应关系中改选。",
    en: 'Several columns could be "{field}": {chosen} is used ({why}); also {others}. Change it in the column mapping if that is wrong.',
  },
  DUPLICATE_HEADER: {
    severity: "warning",
    zh: "表头重复：{chosen} 与 {others} 都是“{field}”，暂用最左边的 {chosen}；请在列对应关系中指定用哪一列。",
    en: 'Repeated header: {chosen} and {others} are both "{field}"; the leftmost, {chosen}, is used for now. Choose the right one in the column mapping.',
  },
  BREAKDOWN_ROWS: { severity: "info", zh: "第 {rows} 行是项目“{name}”按资金来源的分项（其中），不计为项目，只核对其合计。", en: 'Rows {rows} split project "{name}" by funding source; they are not counted as projects, only checked against it.' },
  BREAKDOWN_MISMATCH: {
    severity: "error",
    zh: "{cell} 项目“{name}”的{field} {stated} 与其中各行之和 {computed} 不一致（相差 {diff}）；其中：{parts}。",
    en: '{cell}: {field} of project "{name}", {stated}, differs from the sum of its breakdown rows, {computed} (by {diff}); rows: {parts}.',
  },
  BREAKDOWN_ROUNDING: {
    severity: "info",
    zh: "{cell} 项目“{name}”的{field} {stated} 与其中各行之和 {computed} 相差 {diff}，在四舍五入的尾差范围内。",
    en: '{cell}: {field} of project "{name}", {stated}, differs from the sum of its breakdown rows, {computed}, by {diff}: within rounding.',
  },
  RATE_AS_VALUE: {
    severity: "info",
    zh: "{cell} 这一行的金额是以文本形式存储的数字（{cells}），Excel 公式算不出它，所以{rateName}写入数值 {rate}；把金额改成数字后重算即恢复公式。",
    en: "{cell}: this row's amounts are numbers stored as text ({cells}), which Excel formulas cannot compute with, so the {rateName} is written as the value {rate}; convert them to numbers and recalculate to get the formula back.",
  },
  LINK_AS_VALUE: {
    severity: "info",
    zh: "{cell} {what}按数值写入：项目资金表中有以文本形式存储的数字（{cells}），Excel 的 SUM 会漏算它们。",
    en: "{cell}: {what} is written as a value, because the fund table has numbers stored as text ({cells}) that Excel's SUM would leave out.",
  },
  FORM_NEEDS_INPUT: {
    severity: "info",
    zh: "评分表的 {cells} 需要手工填写（项目资金表中没有对应的列或数字），已标为“【待填写】”。",
    en: "Score sheet cells {cells} need to be filled in by hand (the fund table has no such column or figure); they are marked 【待填写】.",
  },
  TOTAL_UNKNOWN: {
    severity: "warning",
    zh: "{what}合计无法得出：{cells} 未填写或不是数字（空白不等于 0），相关的合计比率暂空。",
    en: "The total of {what} is not known: {cells} are blank or not numbers (a blank is not 0), so the total rate is left blank.",
  },
  CELL_KEPT: {
    severity: "info",
    zh: "{cell} 已有内容“{value}”（不是本助手写入的），未覆盖；确认覆盖后会写入{what}{figure}。",
    en: '{cell} already holds "{value}" (not written by this add-in) and was kept; allow overwriting to write {what}{figure}.',
  },
  SOURCES_MISMATCH: {
    severity: "warning",
    zh: "{cell} 项目“{name}”各资金来源之和 {sources} 与项目资金 {budget} 不一致。",
    en: '{cell}: for project "{name}" the funding sources add up to {sources}, not the project budget {budget}.',
  },
  TOTAL_MISMATCH: {
    severity: "error",
    zh: "{cell} 合计行的{field} {stated} 与各项目之和 {computed} 不一致（相差 {diff}）。",
    en: "{cell}: the total row's {field} {stated} differs from the sum of the projects, {computed} (by {diff}).",
  },
  TOTAL_ROUNDING: {
    severity: "info",
    zh: "{cell} 合计行的{field} {stated} 与各项目之和 {computed} 相差 {diff}，在四舍五入的尾差范围内。",
    en: "{cell}: the total row's {field} {stated} differs from the sum of the projects, {computed}, by {diff}: within rounding.",
  },
  DUPLICATE_PROJECT: { severity: "warning", zh: "{cell} 项目“{name}”与 {other} 重名，请核对是否重复录入。", en: '{cell}: project "{name}" has the same name as {other}; is it entered twice?' },
  SCORE_SHEET_NOT_FOUND: {
    severity: "error",
    zh: "没有找到评分表：工作表“{sheet}”中没有“一级指标、二级指标、三级指标、分值、计分方式、年度指标值、实际完成值、得分”表头。",
    en: 'No score sheet found: sheet "{sheet}" has no header row 一级指标, 二级指标, 三级指标, 分值, 计分方式, 年度指标值, 实际完成值, 得分.',
  },
  SCHEME_UNKNOWN: {
    severity: "error",
    zh: "不认识的指标体系“{scheme}”：可用 mof2020（项目支出）、department（部门整体支出）或一个含评分表表头的工作表名。",
    en: 'Unknown indicator scheme "{scheme}": use mof2020 (project expenditure), department (department-wide) or the name of a sheet with the score-sheet headers.',
  },
  RULE_UNKNOWN: {
    severity: "warning",
    zh: "{cell} 计分方式“{value}”无法识别，该指标不计分；可用：正向、反向、比率、阶梯：≥95%得100%，…、扣分：每低于目标1扣0.1分、定性、手工。",
    en: '{cell}: scoring rule "{value}" is not recognised; the indicator is not scored. Rules: "正向", "反向", "比率", "阶梯：≥95%得100%，…", "扣分：每低于目标1扣0.1分", "定性", "手工".',
  },
  WEIGHT_MISSING: { severity: "warning", zh: "{cell} 指标“{name}”没有分值（或不是数字），不计分。", en: '{cell}: indicator "{name}" has no weight (or not a number); it is not scored.' },
  WEIGHT_SUM: {
    severity: "warning",
    zh: "{cell} “{name}”的分值 {weight} 与下级指标分值之和 {sum} 不一致（{children}）。",
    en: '{cell}: the weight of "{name}", {weight}, differs from the sum of its indicators, {sum} ({children}).',
  },
  WEIGHT_TOTAL: {
    severity: "warning",
    zh: "一级指标分值合计 {sum}（{parts}），不是 100；请确认指标体系（涉及 {cells}）。",
    en: "The level-1 weights add up to {sum} ({parts}), not 100; please check the scheme ({cells}).",
  },
  SCORE_INPUT_MISSING: { severity: "info", zh: "{cell} 指标“{name}”的{field}未填写，得分暂空。", en: '{cell}: {field} of indicator "{name}" is not filled in yet; no score for now.' },
  SCORE_NOT_A_NUMBER: { severity: "warning", zh: "{cell} 指标“{name}”的{field}“{value}”不是数字，得分为空。", en: '{cell}: {field} "{value}" of indicator "{name}" is not a number; no score.' },
  SCORE_TARGET_ZERO: { severity: "warning", zh: "{cell} 指标“{name}”按“{rule}”计分，年度指标值不能为 0，得分为空。", en: '{cell}: indicator "{name}" is scored by "{rule}", so its target cannot be 0; no score.' },
  SCORE_GRADE_UNKNOWN: {
    severity: "warning",
    zh: "{cell} 定性指标“{name}”的完成情况应为“达成”“部分达成”或“未达成”，现为“{value}”，得分为空。",
    en: '{cell}: qualitative indicator "{name}" should read 达成, 部分达成 or 未达成, not "{value}"; no score.',
  },
  SCORE_SHARE_OUT_OF_BAND: {
    severity: "warning",
    zh: "{cell} 定性指标“{name}”为“{grade}”，得分比例应在 {low}–{high} 之间，现为 {value}，得分为空。",
    en: '{cell}: qualitative indicator "{name}" is "{grade}", so its share must be {low}–{high}, not {value}; no score.',
  },
  SCORE_UNIT_MISMATCH: {
    severity: "warning",
    zh: "{cell} 指标“{name}”的年度指标值“{target}”与实际完成值“{actual}”单位不同，无法比较，得分为空；请统一单位。",
    en: '{cell}: indicator "{name}" has target "{target}" and actual "{actual}" in different units, which cannot be compared; no score. Use one unit.',
  },
  SCORE_OUT_OF_RANGE: { severity: "error", zh: "{cell} 指标“{name}”的得分 {value} 不在 0 到分值 {weight} 之间。", en: '{cell}: the score {value} of indicator "{name}" is not between 0 and its weight {weight}.' },
  SCORE_TYPED_OVER: {
    severity: "info",
    zh: "{cell} 指标“{name}”的得分是手工填写的 {value}，未按计分方式重算；如需按规则计分请清空该单元格。",
    en: '{cell}: the score {value} of indicator "{name}" was typed by hand and is kept; clear the cell to score by the rule.',
  },
  PROJECT_NAME_VARIANT: {
    severity: "warning",
    zh: "{cell} 项目名称“{name}”与 {other}“{otherName}”像是同一个项目，但写法不同；请统一名称。",
    en: '{cell}: project name "{name}" looks like the same project as {other} "{otherName}", spelled differently; use one name.',
  },
  SUM_MISMATCH: {
    severity: "error",
    zh: "{cell} {what} {stated} 与各分项之和 {computed} 不一致（相差 {diff}，超出四舍五入尾差 {tolerance}）；分项：{parts}。",
    en: "{cell}: {what} {stated} differs from the sum of its parts, {computed} (by {diff}, beyond the rounding tolerance {tolerance}); parts: {parts}.",
  },
  SUM_ROUNDING: {
    severity: "info",
    zh: "{cell} {what} {stated} 与所列分项之和 {computed} 相差 {diff}，属四舍五入尾差（分项：{parts}）。",
    en: "{cell}: {what} {stated} differs from the sum of the parts shown, {computed}, by {diff}: rounding (parts: {parts}).",
  },
  TAIL_ADJUSTED: {
    severity: "info",
    zh: "{cell} 已作尾差调整：{what}中“{name}”由 {from} 调为 {to}，使分项之和等于合计 {total}。",
    en: '{cell}: rounding adjusted: in {what}, "{name}" changed from {from} to {to} so that the parts add up to the total {total}.',
  },
  TEMPLATE_BROKEN_REPORT_KEPT: {
    severity: "error",
    zh: "报告模板有错误，“{sheet}”未更新（保留上次生成的内容）；请按上面的提示修改模板后重新生成。",
    en: 'The report templates have an error, so "{sheet}" was not updated (the last report is kept); fix the template as the issue above says and generate again.',
  },
  TEMPLATE_BROKEN: { severity: "error", zh: "{cell} 模板“{id}”有错误：{error}。模板原文：{template}", en: '{cell}: template "{id}" has an error: {error}. The template: {template}' },
  SHEET_EDITED: {
    severity: "warning",
    zh: "工作表“{sheet}”在上次生成后被手工修改过；修改稿已保留为“{kept}”，新内容写入“{sheet}”。",
    en: 'Sheet "{sheet}" was edited by hand since it was generated; the edited copy is kept as "{kept}" and the new content goes into "{sheet}".',
  },
  SHEET_NAME_TAKEN: {
    severity: "info",
    zh: "工作簿中已有用户自己的工作表“{sheet}”，本助手不覆盖它，改写到“{target}”。",
    en: 'The workbook already has a sheet "{sheet}" of your own; it is left alone and the add-in writes to "{target}".',
  },
  SHEET_PROTECTED: {
    severity: "error",
    zh: "工作表“{sheet}”受保护，本助手需要在其中写入{what}；请先撤销工作表保护（审阅 → 撤销工作表保护），然后重试。未写入任何内容。",
    en: 'Sheet "{sheet}" is protected and the add-in needs to write {what} there; unprotect it (Review → Unprotect Sheet) and try again. Nothing was written.',
  },
  SCHEME_EXISTS: {
    severity: "warning",
    zh: "工作簿中已有评分表“{existing}”，未按“{scheme}”新建；如要改用它，请确认替换（原表会保留为副本）。",
    en: 'The workbook already has the score sheet "{existing}"; none was made for "{scheme}". Confirm the replacement to use it (the old sheet is kept as a copy).',
  },
  SCHEME_REPLACED: {
    severity: "info",
    zh: "评分表“{sheet}”已按“{scheme}”重建；原表保留为“{kept}”。",
    en: 'Score sheet "{sheet}" was rebuilt from "{scheme}"; the old one is kept as "{kept}".',
  },
  REPORT_NEEDS_FORMS: {
    severity: "info",
    zh: "“{sheet}”按全部项目汇总评分；项目支出绩效自评报告按项目写，请为各项目生成自评表（--forms 或“为每个项目生成自评表”），各项目的指标情况才能写入报告。",
    en: '"{sheet}" scores all projects together; a project expenditure report is written per project, so make each project\'s form (--forms, or "forms for each project") to bring its indicators into the report.',
  },
  FORM_PROJECT_UNKNOWN: { severity: "warning", zh: "项目资金表中没有项目“{name}”，未为它生成自评表。", en: 'The fund table has no project "{name}"; no form was made for it.' },
  FORM_PROJECT_GONE: {
    severity: "warning",
    zh: "自评表“{sheet}”对应的项目“{name}”已不在项目资金表中，这张表未更新（保留原样）。",
    en: 'The project "{name}" of form "{sheet}" is no longer in the fund table; the form is kept as it is, not updated.',
  },
  FORM_VARIANT_UNKNOWN: { severity: "error", zh: "不认识的自评表样式“{variant}”：可用 national（财预〔2020〕10号附件1）或 nature-unit（含指标性质、计量单位）。", en: 'Unknown form layout "{variant}": use national (MOF 2020 No. 10, annex 1) or nature-unit (with 指标性质 and 计量单位 columns).' },
  INTERNAL_ERROR: {
    severity: "error",
    zh: "内部错误（程序缺陷，不是您的数据有问题；请把这条信息报告给我们）：{message}",
    en: "Internal error (a bug in the add-in, not a problem with your data; please report this message): {message}",
  },
} as const satisfies Record<string, IssueDef>;

export type IssueCode = keyof typeof ISSUE_DEFS;

/**
 * Words that appear as parameter values (field names, fixed phrases) and their English. A value
 * that is not here (a project name, a figure) is shown as it is.
 */
const TERMS_EN: Record<string, string> = {
  项目名称: "the project name",
  项目资金: "the project budget",
  "项目资金（预算数）": "project budget (预算数)",
  "投入资金（实际到位资金）": "funds in place (实际到位资金)",
  投入资金: "the funds in place",
  资金来源: "a funding source",
  项目个数: "the number of projects",
  资金到位率: "funds-in-place rate",
  年度指标值: "the target",
  实际完成值: "the actual value",
  得分: "the score",
  定性得分比例: "the qualitative share",
  年初预算数: "the year-start budget",
  财政拨款收入: "the fiscal appropriation income",
  年初预算数合计: "the year-start budget total",
  财政拨款收入合计: "the fiscal appropriation income total",
  报告中年初预算数合计: "the year-start budget total in the report",
  报告中财政拨款收入合计: "the fiscal appropriation income total in the report",
  支出较上年增减: "the change in spending over last year",
  基本支出增减: "change in basic spending",
  项目支出增减: "change in project spending",
  单位行: "the unit row",
  预算执行率: "budget execution rate",
  全年执行数: "the full-year spending",
  "全年预算数（调整后）": "full-year budget (adjusted)",
  "实际到位资金（投入资金）": "funds in place",
  "全年执行数（实际支出）": "full-year spending",
  取最左边的一列: "the leftmost column is taken",
  "到位率和执行率都以全年（调整后）预算数为分母": "both rates divide by the full-year (adjusted) budget",
  "预算执行率以全年执行数（实际支出）为分子": "the execution rate divides the full-year spending",
  资金到位率列: "the funds-in-place rate column",
  评分表的得分和合计: "the score sheet's scores and totals",
  "（空）": "(empty)",
  "无（预算为空或为 0）": "none (the budget is blank or 0)",
  空: "blank",
};

function englishValue(v: string): string {
  const term = TERMS_EN[v];
  if (term !== undefined) return term;
  // Amounts carry their unit: "39660元" → "39660 yuan", "23.74万元" → "23.74 × 10,000 yuan".
  const money = /^(−?-?[\d.,]+)(万元|元)$/.exec(v);
  if (money) return money[2] === "元" ? `${money[1]} yuan` : `${money[1]} × 10,000 yuan`;
  return v;
}

/** The parts of a sum as an issue parameter: "名称 金额（单元格） + …", rendered per language. */
export function partsParam(parts: { name: string; amount: string; cell?: string }[]): string {
  return parts.map((x) => `${x.name} ${x.amount}${x.cell ? `（${x.cell}）` : ""}`).join(" + ");
}

const PART = /^(.+) (\S+?)(?:（([A-Z]+\d+)）)?$/;

/** partsParam's text in English: each name and amount translated, the cells kept. */
function englishParts(v: string): string | null {
  if (!v.includes(" + ") && !PART.test(v)) return null;
  const pieces = v.split(" + ").map((x) => PART.exec(x));
  if (pieces.some((m) => !m)) return null;
  return pieces.map((m) => `${englishValue(m![1])} ${englishValue(m![2])}${m![3] ? ` (${m![3]})` : ""}`).join(" + ");
}

/** A template with its {name} parameters filled; a name without a value stays as written. */
export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : whole));
}

/** The issue in words, in the language asked for. */
export function renderIssue(i: Issue, lang: Lang = "zh"): string {
  const def: IssueDef = ISSUE_DEFS[i.code];
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(i.params)) params[k] = lang === "en" && typeof v === "string" ? ((k === "parts" ? englishParts(v) : null) ?? englishValue(v)) : v;
  const where = { sheet: i.sheet, cell: i.cells[0] ?? "", cells: i.cells.join(lang === "zh" ? "、" : ", ") };
  return fill(lang === "zh" ? def.zh : def.en, { ...where, ...params });
}

/** An issue from its code; `cells` is one address, a list, or "" for the whole sheet. */
export function makeIssue(code: IssueCode, sheet: string, cells: string | readonly string[], params: IssueParams = {}): Issue {
  const list = typeof cells === "string" ? (cells === "" ? [] : [cells]) : [...cells];
  return { code, severity: ISSUE_DEFS[code].severity, sheet, cells: list, params };
}

/** A bug, caught at the edge: it says it is ours, never a data code. */
export function internalError(e: unknown): Issue {
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return makeIssue("INTERNAL_ERROR", "", "", { message });
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "error");
}

/** Errors first, then warnings, then notes (stable: the order found within each). */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

const SEVERITY_WORD: Record<Lang, Record<Severity, string>> = {
  zh: { error: "错误", warning: "警告", info: "提示" },
  en: { error: "Error", warning: "Warning", info: "Note" },
};

export function severityWord(s: Severity, lang: Lang = "zh"): string {
  return SEVERITY_WORD[lang][s];
}

/** "警告 项目资金表!C5：……" — one line, for the terminal and text logs. */
export function issueLine(i: Issue, lang: Lang = "zh"): string {
  const where = i.cells.length ? `${i.sheet}!${i.cells[0]}` : i.sheet;
  return `${severityWord(i.severity, lang)} ${where}${lang === "zh" ? "：" : ": "}${renderIssue(i, lang)}`;
}

/** An issue as the JSON edge writes it: the data, and the words in Chinese. */
export function issueJson(i: Issue): Issue & { message: string } {
  return { ...i, message: renderIssue(i, "zh") };
}
