/**
 * The 项目支出绩效自评表 of each project, in the printed layouts units hand in (../shared/domain §1):
 * the national form (财预〔2020〕10号 附件1 as used) and a variant with 指标性质 / 计量单位 columns — as
 * data. A form is laid out once per project; afterwards the sheet is the user's to fill, and the
 * score sheet planner computes it like any 评分表 (its 计分方式 and helper columns sit right of the
 * printed area).
 */
import { CellWrite, PageSetup } from "../io/plan";
import { a1, columnLetters } from "../io/a1";
import { SchemeGroup, SchemeIndicator, isGroup } from "./schemes";
import { fitRowHeights } from "./rowfit";
import { placeholder } from "../report/templates";

export interface FormVariant {
  id: string;
  /** How the pane and the issues name it. */
  label: string;
  title: string;
  /** The printed columns, left to right, after 一级 | 二级 | 三级. */
  gridColumns: readonly string[];
  /** 预算执行率's 分值 in the money block. */
  moneyWeight: number;
  tree: SchemeGroup[];
}

const ind = (name: string, weight: number, rule = ""): SchemeIndicator => ({ name, weight, rule });
const group = (name: string, weight: number, children: (SchemeGroup | SchemeIndicator)[]): SchemeGroup => ({ name, weight, children });

/** 产出 50 (数量/质量/时效/成本), 效益 30, 满意度 10 — with the money block's 10, 100 ([FD]). */
const NATIONAL_TREE: SchemeGroup[] = [
  group("产出指标", 50, [
    group("数量指标", 15, [ind(placeholder("数量指标"), 15)]),
    group("质量指标", 15, [ind(placeholder("质量指标"), 15)]),
    group("时效指标", 10, [ind(placeholder("时效指标"), 10)]),
    group("成本指标", 10, [ind(placeholder("成本指标"), 10)]),
  ]),
  group("效益指标", 30, [group("社会效益指标", 20, [ind(placeholder("社会效益指标"), 20)]), group("可持续影响指标", 10, [ind(placeholder("可持续影响指标"), 10)])]),
  group("满意度指标", 10, [group("服务对象满意度指标", 10, [ind(placeholder("满意度指标"), 10)])]),
];

export const FORM_VARIANTS: Record<string, FormVariant> = {
  national: {
    id: "national",
    label: "项目支出绩效自评表（财预〔2020〕10号附件1）",
    title: "项目支出绩效自评表",
    gridColumns: ["年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    moneyWeight: 10,
    tree: NATIONAL_TREE,
  },
  "nature-unit": {
    id: "nature-unit",
    label: "项目支出绩效自评表（含指标性质、计量单位）",
    title: "项目支出绩效自评表",
    gridColumns: ["指标性质", "计量单位", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    moneyWeight: 10,
    tree: NATIONAL_TREE,
  },
};

/** What a project's form starts with, besides its indicators. */
export interface FormHeader {
  year: string | null;
  project: string;
  department: string | null;
  unit: string | null;
  goal: string | null;
  achieved: string | null;
}

export interface FormLayout {
  cells: CellWrite[];
  merges: string[];
  columnWidths: { col: number; width: number }[];
  page: PageSetup;
  /** Rows whose wrapped labels need more than one line. */
  rowHeights: { row: number; height: number }[];
  /** The grid's header row (frozen / repeated when printed). */
  gridRow: number;
  /** The printed width in columns. */
  width: number;
}

const FONT = { name: "仿宋_GB2312", size: 11 };
const HEAD: Partial<CellWrite> = { bold: true, border: true, align: "center", vAlign: "center", wrap: true, font: { name: "黑体", size: 11 } };
const BODY: Partial<CellWrite> = { border: true, vAlign: "center", wrap: true, font: FONT };
export const MONEY_LABELS = ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"] as const;

/** Cells and merges being laid out, with the form's styles. */
class Builder {
  readonly cells: CellWrite[] = [];
  readonly merges: string[] = [];
  constructor(readonly width: number) {}

  get last(): string {
    return columnLetters(this.width);
  }

  put(row: number, col: number, text: string | number | null, style: Partial<CellWrite> = BODY): void {
    this.cells.push({ row, col, content: text === null || text === "" ? { kind: "blank" } : typeof text === "number" ? { kind: "number", value: text } : { kind: "text", text }, ...style });
  }

  box(from: string, to: string): void {
    this.merges.push(`${from}:${to}`);
  }

  /** Bordered blanks in the row's cells not written yet (a printed form has every box drawn). */
  fill(row: number, from = 1, to = this.width, style: Partial<CellWrite> = BODY): void {
    for (let c = from; c <= to; c++) if (!this.cells.some((x) => x.row === row && x.col === c)) this.put(row, c, null, style);
  }
}

/** Title, year, 项目名称, 主管部门 | 实施单位. */
function headerRows(b: Builder, v: FormVariant, h: FormHeader): void {
  b.put(1, 1, v.title, { bold: true, align: "center", font: { name: "方正小标宋简体", size: 18 } });
  b.box("A1", `${b.last}1`);
  b.put(2, 1, `（${h.year ?? "【待填写：年度】"}年度）`, { align: "center", font: FONT });
  b.box("A2", `${b.last}2`);
  b.put(3, 1, "项目名称", HEAD);
  b.put(3, 2, h.project);
  b.box("B3", `${b.last}3`);
  b.put(4, 1, "主管部门", HEAD);
  b.put(4, 2, h.department ?? placeholder("主管部门"));
  b.box("B4", "D4");
  b.put(4, 5, "实施单位", HEAD);
  b.put(4, 6, h.unit ?? placeholder("实施单位"));
  b.box("F4", `${b.last}4`);
  b.fill(3);
  b.fill(4);
}

/** 项目资金（万元）: the label down the left, then 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分. */
function moneyRows(b: Builder, v: FormVariant): void {
  b.put(5, 1, "项目资金（万元）", HEAD);
  b.box("A5", "A9");
  ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"].forEach((t, i) => b.put(5, 2 + i, t, HEAD));
  MONEY_LABELS.forEach((label, i) => {
    b.put(6 + i, 2, label);
    if (i === 0) b.put(6, 6, v.moneyWeight, { ...BODY, align: "center", numberFormat: "General" });
    else [6, 8].forEach((c) => b.put(6 + i, c, "—", { ...BODY, align: "center" }));
  });
  for (let r = 5; r <= 9; r++) {
    b.fill(r);
    if (b.width > 8) b.box(`H${r}`, `${b.last}${r}`);
  }
}

/** 年度总体目标: 预期目标 | 实际完成情况. */
function goalRows(b: Builder, h: FormHeader): void {
  const half = 2 + Math.floor((b.width - 1) / 2);
  const mid = columnLetters(half - 1);
  b.put(10, 1, "年度总体目标", HEAD);
  b.box("A10", "A11");
  b.put(10, 2, "预期目标", HEAD);
  b.box("B10", `${mid}10`);
  b.put(10, half, "实际完成情况", HEAD);
  b.box(`${columnLetters(half)}10`, `${b.last}10`);
  b.put(11, 2, h.goal ?? placeholder("年度预期目标"));
  b.box("B11", `${mid}11`);
  b.put(11, half, h.achieved ?? placeholder("实际完成情况"));
  b.box(`${columnLetters(half)}11`, `${b.last}11`);
  b.fill(10);
  b.fill(11);
}

/** The laid-out cells of one form: header, money block, 年度总体目标, the indicator grid (groups beside their first indicator), 总分, 评价等级. */
export function layoutForm(v: FormVariant, h: FormHeader): FormLayout {
  const b = new Builder(3 + v.gridColumns.length);
  headerRows(b, v, h);
  moneyRows(b, v);
  goalRows(b, h);
  const gridRow = 12;
  const lastRow = gridTree(v, b, gridRow);
  const widths = [10, 12, 22, ...v.gridColumns.map((c) => (c === "偏差原因分析及改进措施" ? 22 : c === "指标性质" || c === "计量单位" ? 7 : 10)), 2, 12, 10, 10, 10];
  const columnWidths = widths.map((w, i) => ({ col: i + 1, width: w }));
  return {
    cells: b.cells,
    merges: b.merges,
    columnWidths,
    rowHeights: fitRowHeights(b.cells, b.merges, columnWidths),
    // The printed form stops at its last official column: 计分方式 and 定性得分比例 stay on screen.
    page: { paperSize: "A4", orientation: b.width > 8 ? "landscape" : "portrait", fitToWidth: 1, printArea: `A1:${b.last}${lastRow}`, printTitleRows: { first: gridRow, last: gridRow }, margins: { top: 2, bottom: 2, left: 1.8, right: 1.8 }, centerHorizontally: true, pageNumbers: true },
    gridRow,
    width: b.width,
  };
}

/**
 * The indicator grid as the printed form has it: 一级 and 二级 names beside their first indicator,
 * merged down over the rest; right of the printed area, 计分方式 (blank: by the target as written)
 * and 定性得分比例. Returns the last row (评价等级).
 */
function gridTree(v: FormVariant, b: Builder, gridRow: number): number {
  const width = b.width;
  const col = (h: string) => 4 + v.gridColumns.indexOf(h);
  const put = b.put.bind(b);
  const merges = b.merges;
  ["一级指标", "二级指标", "三级指标", ...v.gridColumns].forEach((t, i) => put(gridRow, i + 1, t, HEAD));
  put(gridRow, width + 2, "计分方式", { bold: true });
  put(gridRow, width + 3, "定性得分比例（定性指标选填）", { bold: true, wrap: true });
  let row = gridRow;
  for (const g1 of v.tree) {
    const top = row + 1;
    for (const g2 of g1.children) {
      const leaves = isGroup(g2) ? g2.children.filter((x): x is SchemeIndicator => !isGroup(x)) : [g2];
      const first = row + 1;
      for (const leaf of leaves) {
        row++;
        put(row, 3, leaf.name);
        for (let c = 4; c <= width; c++) put(row, c, c === col("分值") ? (leaf.weight as number) : null, c === col("分值") ? { ...BODY, align: "center", numberFormat: "General" } : BODY);
        if (leaf.rule) put(row, width + 2, leaf.rule, {});
      }
      put(first, 2, isGroup(g2) ? g2.name : "", BODY);
      if (row > first) merges.push(`B${first}:B${row}`);
    }
    put(top, 1, `${g1.name}（${g1.weight}分）`, { ...BODY, align: "center" });
    if (row > top) merges.push(`A${top}:A${row}`);
  }
  put(row + 1, 1, "总分", HEAD);
  merges.push(`A${row + 1}:${a1(row + 1, col("分值") - 1)}`);
  put(row + 2, 1, "评价等级", HEAD);
  merges.push(`A${row + 2}:${a1(row + 2, col("分值") - 1)}`);
  b.fill(row + 1, 2);
  b.fill(row + 2, 2);
  return row + 2;
}
