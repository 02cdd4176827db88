/**
 * The report's wording lives in the workbook: a sheet 报告模板 of 模板编号 | 措辞 | 说明 rows that the
 * user reads and edits. The add-in writes it once, with the seed's phrasing, and afterwards only
 * reads it: the sheet is the user's.
 */
import { a1 } from "../io/a1";
import { AddinMeta } from "./meta";
import { CellWrite, SheetWrite } from "../io/plan";
import { WorkbookSnapshot, bottomRow, cellText, cellValue, getSheet } from "../io/snapshot";
import { DEFAULT_TEMPLATES, TemplateSet } from "../report/templates";

export const TEMPLATE_SHEET = "报告模板";
const HEADERS = ["模板编号", "措辞", "说明"] as const;

const NOTES: Partial<Record<keyof typeof DEFAULT_TEMPLATES, string>> = {
  "三.投入.项目": "每个项目一段。{{万元 项目资金}}：万元，最多两位小数；{{百分比 资金到位率}}：两位小数，整数时不带小数。",
  "一.预算.批复": "增减词：正数写“增加”，负数写“减少”；绝对值：去掉负号。",
  "五.草稿.到位率": "由数据生成的草稿，请核实后保留或删除。",
  标题: "文字 X \"名称\"：有内容时写内容，没有时写【待填写：名称】。",
};

export interface TemplateSheet {
  sheet: string;
  templates: Partial<TemplateSet>;
  /** The cell holding each template's wording, for messages. */
  cells: Record<string, string>;
}

/** The template sheet: the one the add-in made, else a sheet named 报告模板 with the headers. */
export function readTemplateSheet(wb: WorkbookSnapshot, meta: AddinMeta): TemplateSheet | null {
  const owned = meta.sheets.find((x) => x.role === "templates" && wb.sheetNames.includes(x.name));
  const s = getSheet(wb, owned?.name ?? TEMPLATE_SHEET);
  if (!s) return null;
  let header = -1;
  for (let r = s.top; r <= Math.min(bottomRow(s), s.top + 5) && header < 0; r++)
    if (cellText(cellValue(s, r, 1)).trim() === HEADERS[0] && cellText(cellValue(s, r, 2)).trim() === HEADERS[1]) header = r;
  if (header < 0) return null;
  const out: TemplateSheet = { sheet: s.name, templates: {}, cells: {} };
  for (let r = header + 1; r <= bottomRow(s); r++) {
    const id = cellText(cellValue(s, r, 1)).trim();
    if (!id) continue;
    const v = cellValue(s, r, 2);
    out.templates[id] = typeof v === "string" ? v : v === null ? "" : String(v);
    out.cells[id] = a1(r, 2);
  }
  return out;
}

/** The sheet as the add-in first writes it: every default, in report order. */
export function templateSheetWrite(name = TEMPLATE_SHEET): SheetWrite {
  const cells: CellWrite[] = HEADERS.map((h, i) => ({ row: 1, col: i + 1, content: { kind: "text" as const, text: h }, bold: true, fill: "FFDDEBF7", border: true }));
  Object.entries(DEFAULT_TEMPLATES).forEach(([id, text], i) => {
    cells.push({ row: i + 2, col: 1, content: { kind: "text", text: id } });
    cells.push({ row: i + 2, col: 2, content: { kind: "text", text }, wrap: true });
    const note = NOTES[id as keyof typeof DEFAULT_TEMPLATES];
    if (note) cells.push({ row: i + 2, col: 3, content: { kind: "text", text: note }, wrap: true });
  });
  return { sheet: name, cells, columnWidths: [{ col: 1, width: 18 }, { col: 2, width: 90 }, { col: 3, width: 40 }], visibility: "visible", freezeRows: 1 };
}
