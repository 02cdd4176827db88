/**
 * What the panes show, computed once in the core, in either language: the table as detected (with
 * every column choice), the issues grouped by severity, the schemes and form layouts to choose
 * from, and the status line after a run. The modern pane, the legacy pane and the standalone page
 * read these; none of them reads detection internals.
 */
import { columnLetters, rangeA1 } from "./io/a1";
import { Issue, Lang, Severity, renderIssue, severityWord } from "./issues";
import { SINGLE_FIELDS, SingleField } from "./read/detect";
import { FundTable } from "./read/fundtable";
import { formatRate } from "./numbers/format";
import { FORM_VARIANTS } from "./score/forms";
import { SCHEMES } from "./score/schemes";

/** Field names in English (the Chinese are the fields' own labels). */
const FIELD_EN: Record<SingleField, string> = {
  seq: "No.",
  name: "Project name",
  initial: "Year-start budget",
  adjust: "Mid-year adjustment",
  carryIn: "Carried over",
  budget: "Full-year budget",
  invested: "Funds in place",
  executed: "Full-year spending",
  count: "Number of projects",
  rate: "Funds-in-place rate",
  execRate: "Execution rate",
  process: "Process",
  output: "Output",
  benefit: "Benefit",
};

const FIELD_ZH: Record<SingleField, string> = {
  seq: "序号",
  name: "项目名称",
  initial: "年初预算数",
  adjust: "年中调整金额",
  carryIn: "历年结余结转",
  budget: "全年预算数（调整后）",
  invested: "实际到位资金",
  executed: "全年执行数（实际支出）",
  count: "项目个数",
  rate: "资金到位率",
  execRate: "预算执行率",
  process: "过程管理情况",
  output: "产出情况",
  benefit: "效益情况",
};

export interface ColumnOption {
  col: number;
  /** "D 全年预算数". */
  text: string;
}

export interface ColumnChoiceView {
  field: SingleField;
  label: string;
  /** The column mapped now (null: none). */
  col: number | null;
  options: ColumnOption[];
  /** Several columns could be it (the pane shows why), or two have the same header (the user must choose). */
  note?: "choice" | "duplicate";
}

export interface TableView {
  sheet: string;
  range: string;
  unit: string;
  projects: number;
  /** The overall rates the table supports, by name: 资金到位率 96.86%. */
  rates: { name: string; value: string | null }[];
  columns: ColumnChoiceView[];
  /** Everything needed is mapped and nothing is in doubt: the mapping can stay folded. */
  sure: boolean;
}

/** The fund table as the pane shows it: where, what unit, how many projects, each column choice. */
export function tableView(table: FundTable | null, lang: Lang): TableView | null {
  if (!table) return null;
  const d = table.detection;
  const options = d.headers.map((h) => ({ col: h.col, text: `${columnLetters(h.col)} ${h.text}` }));
  const noteOf = (f: SingleField): ColumnChoiceView["note"] => {
    const c = d.choices.find((x) => x.field === f && table.mapping[f] === x.chosen);
    return c ? (c.duplicate ? "duplicate" : "choice") : undefined;
  };
  const columns: ColumnChoiceView[] = SINGLE_FIELDS.map((field) => {
    const note = noteOf(field);
    return { field, label: (lang === "en" ? FIELD_EN : FIELD_ZH)[field], col: table.mapping[field] ?? null, options, ...(note ? { note } : {}) };
  });
  const rates = [
    ...(table.mapping.invested !== undefined ? [{ name: lang === "en" ? "Funds-in-place rate" : "资金到位率", value: table.totals.rate ? formatRate(table.totals.rate) : null }] : []),
    ...(table.mapping.executed !== undefined && table.mapping.budget !== undefined ? [{ name: lang === "en" ? "Execution rate" : "预算执行率", value: table.totals.execRate ? formatRate(table.totals.execRate) : null }] : []),
  ];
  const essentials = table.mapping.name !== undefined && rates.length > 0;
  return {
    sheet: table.sheet,
    range: rangeA1({ top: d.headerTop, left: d.firstCol, bottom: d.dataEnd, right: d.lastCol }),
    unit: lang === "en" ? (table.unit === "万元" ? "10,000 yuan" : "yuan") : table.unit,
    projects: table.projects.length,
    rates,
    columns,
    sure: essentials && columns.every((c) => c.note === undefined),
  };
}

export interface IssueView {
  key: string;
  severity: Severity;
  sheet: string;
  /** The cell a click selects (the first of the issue's cells). */
  cell: string | null;
  text: string;
}

export interface IssueGroup {
  severity: Severity;
  label: string;
  count: number;
  items: IssueView[];
  /** Notes start folded: most issues are notes, and the errors must not drown among them. */
  folded: boolean;
}

/** The issues by severity (errors first), with counts, optionally of one sheet; and the sheets they are on. */
export function issueGroups(issues: readonly Issue[], lang: Lang, sheet?: string): { groups: IssueGroup[]; sheets: string[] } {
  const sheets = [...new Set(issues.map((i) => i.sheet).filter((s) => s !== ""))];
  const shown = sheet ? issues.filter((i) => i.sheet === sheet) : issues;
  const groups = (["error", "warning", "info"] as const)
    .map((severity) => {
      const items = shown
        .map((i, k) => ({ i, k }))
        .filter(({ i }) => i.severity === severity)
        .map(({ i, k }) => ({ key: `${k}:${i.code}`, severity, sheet: i.sheet, cell: i.cells[0]?.split(":")[0] ?? null, text: renderIssue(i, lang) }));
      return { severity, label: severityWord(severity, lang), count: items.length, items, folded: severity === "info" };
    })
    .filter((g) => g.count > 0);
  return { groups, sheets };
}

export interface ChoiceView {
  id: string;
  label: string;
}

const SCHEME_EN: Record<string, string> = { mof2020: "Project expenditure form (MOF 2020 No. 10)", department: "Department-wide (7/24/57/10)" };
const SCHEME_ZH: Record<string, string> = { mof2020: "项目支出绩效自评表（财预〔2020〕10号）", department: "部门整体支出（投入7、过程24、产出57、效益10）" };
const VARIANT_EN: Record<string, string> = { national: "National form (MOF 2020 No. 10, annex 1)", "nature-unit": "With columns for indicator nature and unit of measure" };

/** The schemes a 评分表 can start from. */
export function schemeChoices(lang: Lang): ChoiceView[] {
  return Object.keys(SCHEMES).map((id) => ({ id, label: (lang === "en" ? SCHEME_EN : SCHEME_ZH)[id] ?? SCHEMES[id].title }));
}

/** The printed layouts of a project's 自评表. */
export function formChoices(lang: Lang): ChoiceView[] {
  return Object.values(FORM_VARIANTS).map((v) => ({ id: v.id, label: lang === "en" ? (VARIANT_EN[v.id] ?? v.label) : v.label }));
}

export interface StatusView {
  intent: "success" | "warning" | "error";
  text: string;
}

/**
 * The line after a run: 完成 only when nothing is wrong; 完成，但有 N 个错误 (and the list brought
 * into view) when the data has errors; 未写入 when nothing could be written.
 */
export function statusOf(result: { ok: boolean; issues: readonly Issue[] }, what: string, lang: Lang): StatusView {
  const errors = result.issues.filter((i) => i.severity === "error").length;
  const warnings = result.issues.filter((i) => i.severity === "warning").length;
  if (!result.ok) return { intent: "error", text: lang === "en" ? `${what}: nothing written — the table cannot be used (see the issues).` : `${what}：未写入——表格无法使用，见问题清单。` };
  if (errors) return { intent: "error", text: lang === "en" ? `${what}: done, but with ${errors} error${errors > 1 ? "s" : ""} (see the issues).` : `${what}：完成，但有 ${errors} 个错误，见问题清单。` };
  if (warnings) return { intent: "warning", text: lang === "en" ? `${what}: done, with ${warnings} warning${warnings > 1 ? "s" : ""}.` : `${what}：完成，有 ${warnings} 个警告。` };
  return { intent: "success", text: lang === "en" ? `${what}: done.` : `${what}：完成。` };
}
