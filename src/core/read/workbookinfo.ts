/**
 * What else the report draws from the workbook: the unit's own text (a 基本信息 sheet of
 * 项目 | 内容 rows), the budget table (功能分类 × 年初预算数 / 财政拨款收入), the change figures,
 * the templates sheet, and every other place a project is named.
 */
import { a1 } from "../io/a1";
import { FIELD_BY_KEY, normalizeHeader } from "./fields";
import { Issue, makeIssue } from "../issues";
import { fold } from "../numbers/parse";
import { SheetSnapshot, bottomRow, cellText, cellValue, rightOf } from "../io/snapshot";
import { AmountCell, readAmount } from "./fundtable";
import { AmountUnit } from "../numbers/units";

export interface TextRef {
  text: string;
  cell: string;
  sheet: string;
}

/** Keys of the 基本信息 sheet (and their accepted spellings). */
export const INFO_KEYS = {
  单位名称: ["单位名称", "单位", "部门名称", "预算单位", "实施单位"],
  主管部门: ["主管部门", "主管单位", "上级主管部门"],
  年度: ["年度", "评价年度", "预算年度"],
  职能职责: ["职能职责", "主要职能", "职责"],
  机构设置与人员情况: ["机构设置与人员情况", "机构设置", "人员情况", "机构设置及人员情况"],
  绩效评价目的: ["绩效评价目的", "评价目的"],
  绩效评价原则: ["绩效评价原则", "评价原则"],
  评价方法: ["评价方法", "绩效评价方法"],
  绩效评价工作过程: ["绩效评价工作过程", "工作过程", "评价工作过程"],
  主要经验及做法: ["主要经验及做法", "主要经验", "经验做法"],
  存在问题: ["存在问题", "存在的问题"],
  意见或建议: ["意见或建议", "建议", "意见建议", "改进建议"],
} as const;
export type InfoKey = keyof typeof INFO_KEYS;

export const INFO_SHEET = "基本信息";

/** A sheet to search, without the rows of the fund table (which holds none of these). */
export interface SheetScan {
  sheet: SheetSnapshot;
  skip?: { from: number; to: number };
}

/** The rows of a scan, top to bottom, without the skipped ones. */
function scanRows(scan: SheetScan): number[] {
  const out: number[] = [];
  const s = scan.sheet;
  for (let r = s.top; r <= bottomRow(s); r++) if (!scan.skip || r < scan.skip.from || r > scan.skip.to) out.push(r);
  return out;
}

export type BasicInfo = Partial<Record<InfoKey, TextRef[]>>;

const norm = (s: string) => fold(s).replace(/\s+/g, "").replace(/[:：。]$/, "");

function keyOf(text: string): InfoKey | null {
  const t = norm(text);
  for (const [k, spellings] of Object.entries(INFO_KEYS)) if ((spellings as readonly string[]).includes(t)) return k as InfoKey;
  return null;
}

/**
 * 基本信息: rows of key | text. A cell's lines are paragraphs; a row with an empty key continues the
 * key above. Found by sheet name, else by a column holding 单位名称 and another key.
 */
export function readBasicInfo(scans: readonly SheetScan[]): BasicInfo {
  const candidates = [...scans].sort((a, b) => (a.sheet.name === INFO_SHEET ? -1 : b.sheet.name === INFO_SHEET ? 1 : 0));
  for (const scan of candidates) {
    const s = scan.sheet;
    const rows = scanRows(scan);
    for (let c = s.left; c < rightOf(s); c++) {
      const out: BasicInfo = {};
      let current: InfoKey | null = null;
      let keys = 0;
      for (const r of rows) {
        const k = cellText(cellValue(s, r, c)).trim();
        const v = cellValue(s, r, c + 1);
        const text = typeof v === "number" ? String(v) : cellText(v);
        if (k) {
          current = keyOf(k);
          if (current) keys++;
        }
        if (!current || !text.trim()) continue;
        const list = (out[current] ??= []);
        for (const line of text.split(/\r?\n/)) if (line.trim()) list.push({ text: line.trim(), cell: a1(r, c + 1), sheet: s.name });
      }
      if (keys >= 2 && (s.name === INFO_SHEET || out.单位名称 || out.职能职责)) return out;
    }
  }
  return {};
}

export interface BudgetLine {
  name: string;
  nameCell: string;
  initial: AmountCell | null;
  received: AmountCell | null;
}

export interface BudgetTable {
  sheet: string;
  unit: AmountUnit;
  lines: BudgetLine[];
  /** A 合计 row, when the table has one. */
  total?: BudgetLine;
}

export interface ChangeFigures {
  sheet: string;
  total: AmountCell;
  basic: AmountCell;
  project: AmountCell;
}

function unitAbove(s: SheetSnapshot, row: number): AmountUnit | null {
  for (let r = Math.max(s.top, row - 3); r < row; r++)
    for (let c = s.left; c <= rightOf(s); c++) {
      const m = /单位[:：]?\s*(万元|元)/.exec(fold(cellText(cellValue(s, r, c))));
      if (m) return m[1] as AmountUnit;
    }
  return null;
}

/** The budget table: a header row naming 功能分类, 年初预算数 and 财政拨款收入. */
export function readBudget(scans: readonly SheetScan[], issues: Issue[]): { budget?: BudgetTable; change?: ChangeFigures } {
  const out: { budget?: BudgetTable; change?: ChangeFigures } = {};
  for (const scan of scans) {
    const s = scan.sheet;
    const rows = scanRows(scan);
    for (const r of rows) {
      if (out.budget) break;
      let nameCol = 0;
      let initialCol = 0;
      let receivedCol = 0;
      let unit: AmountUnit | null = null;
      for (let c = s.left; c <= rightOf(s); c++) {
        const h = normalizeHeader(cellText(cellValue(s, r, c)));
        if (/^(功能分类|支出功能分类|科目名称|功能科目)$/.test(h.key)) nameCol = c;
        else if (/年初预算(数)?$/.test(h.key)) initialCol = c;
        else if (/财政拨款(收入)?$/.test(h.key)) receivedCol = c;
        else continue;
        unit = unit ?? h.unit ?? null;
      }
      if (!nameCol || (!initialCol && !receivedCol)) continue;
      unit = unitAbove(s, r) ?? unit ?? "元";
      const table: BudgetTable = { sheet: s.name, unit, lines: [] };
      for (let rr = r + 1; rr <= bottomRow(s); rr++) {
        const name = cellText(cellValue(s, rr, nameCol)).trim();
        if (!name) break;
        const line: BudgetLine = {
          name,
          nameCell: a1(rr, nameCol),
          initial: initialCol ? readAmount(s, rr, initialCol, unit, "年初预算数", issues) : null,
          received: receivedCol ? readAmount(s, rr, receivedCol, unit, "财政拨款收入", issues) : null,
        };
        if (/^(合计|总计)$/.test(norm(name))) table.total = line;
        else table.lines.push(line);
      }
      out.budget = table;
    }
    if (!out.change) {
      const found: Partial<Record<"total" | "basic" | "project", AmountCell>> = {};
      const unit = (r: number) => unitAbove(s, r) ?? "元";
      for (const r of rows)
        for (let c = s.left; c < rightOf(s); c++) {
          const h = normalizeHeader(cellText(cellValue(s, r, c)));
          const key = /^支出较(上|去)年增减/.test(h.key) ? "total" : /^基本支出增减/.test(h.key) ? "basic" : /^项目支出增减/.test(h.key) ? "project" : null;
          if (!key || found[key]) continue;
          const headerUnit = normalizeHeader(cellText(cellValue(s, Math.max(s.top, r - 1), c + 1))).unit;
          // A change is signed: a negative figure is a decrease, not a data error.
          found[key] = readAmount(s, r, c + 1, headerUnit ?? unit(r), h.key, issues, true);
        }
      if (found.total && found.basic && found.project) out.change = { sheet: s.name, total: found.total, basic: found.basic, project: found.project };
    }
  }
  return out;
}

/** Every other place a project is named: cells under a 项目名称 header in sheets other than the fund table. */
export function projectMentions(scans: readonly SheetScan[]): TextRef[] {
  const nameField = FIELD_BY_KEY.name;
  const out: TextRef[] = [];
  for (const scan of scans) {
    const s = scan.sheet;
    for (const r of scanRows(scan))
      for (let c = s.left; c <= rightOf(s); c++) {
        const key = normalizeHeader(cellText(cellValue(s, r, c))).key;
        if (!(nameField.exact as readonly string[]).includes(key)) continue;
        for (let rr = r + 1; rr <= bottomRow(s); rr++) {
          const t = cellText(cellValue(s, rr, c)).trim();
          if (!t) break;
          if (!/^(合计|小计|总计)$/.test(norm(t))) out.push({ text: t, cell: a1(rr, c), sheet: s.name });
        }
      }
  }
  return out;
}

/** A name without the words that come and go between two spellings of one project. */
export function nameCore(name: string): string {
  let t = fold(name).replace(/[\s“”"'‘’《》()（）[\]【】、，,.。:：]/g, "");
  for (;;) {
    const next = t.replace(/(工作经费|经费|工作项目|项目|工作|所需|资金|专项)$/, "");
    if (next === t || next.length < 2) return t;
    t = next;
  }
}

export function sameProject(a: string, b: string): boolean {
  const x = nameCore(a);
  const y = nameCore(b);
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= 4 && long.startsWith(short) && long.length - short.length <= 4;
}

export function makeNameIssues(fundSheet: string, fundNames: { name: string; cell: string }[], mentions: TextRef[]): Issue[] {
  const issues: Issue[] = [];
  const exact = new Set(fundNames.map((p) => p.name));
  for (const m of mentions) {
    if (exact.has(m.text)) continue;
    const match = fundNames.find((p) => sameProject(p.name, m.text));
    if (match) issues.push(makeIssue("PROJECT_NAME_VARIANT", m.sheet, m.cell, { name: m.text, other: `${fundSheet}!${match.cell}`, otherName: match.name }));
  }
  return issues;
}

/** A project's 年度绩效目标 and what was achieved, from a targets sheet (项目名称 | 年度绩效目标 | 实际完成情况). */
export interface ProjectTarget {
  name: string;
  nameCell: TextRef;
  goal?: TextRef;
  achieved?: TextRef;
}

/** Every targets table: a header row naming 项目名称 and a 目标 column (and, often, 实际完成情况). */
export function readTargets(scans: readonly SheetScan[]): ProjectTarget[] {
  const out: ProjectTarget[] = [];
  for (const scan of scans) {
    const s = scan.sheet;
    for (const r of scanRows(scan)) {
      let nameCol = 0;
      let goalCol = 0;
      let doneCol = 0;
      for (let c = s.left; c <= rightOf(s); c++) {
        const k = normalizeHeader(cellText(cellValue(s, r, c))).key;
        if ((FIELD_BY_KEY.name.exact as readonly string[]).includes(k)) nameCol ||= c;
        else if (/^(年度)?(绩效)?目标$|^(年度)?(总体)?目标$|预期目标$|绩效目标$/.test(k)) goalCol ||= c;
        else if (/^(实际)?完成情况$|^目标实际完成情况$|^实际完成$/.test(k)) doneCol ||= c;
      }
      if (!nameCol || !goalCol) continue;
      const ref = (row: number, col: number): TextRef | undefined => {
        const t = col ? cellText(cellValue(s, row, col)).trim() : "";
        return t ? { text: t, cell: a1(row, col), sheet: s.name } : undefined;
      };
      for (let rr = r + 1; rr <= bottomRow(s); rr++) {
        const name = ref(rr, nameCol);
        if (!name) break;
        out.push({ name: name.text, nameCell: name, goal: ref(rr, goalCol), achieved: ref(rr, doneCol) });
      }
      break;
    }
  }
  return out;
}
