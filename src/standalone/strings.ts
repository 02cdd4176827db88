/**
 * The standalone page's own words (the pane's are in src/taskpane/i18n.ts), Chinese by default and
 * English by the pane's switch. Templates take {name} parameters (fill).
 */
import type { Lang } from "../core";
import type { EditProblem } from "../preview/host";
import { fill } from "../taskpane/i18n";

const zh = {
  page: "绩效自评助手 · 独立网页版",
  open: "打开工作簿",
  save: "保存工作簿",
  privacy: "工作簿只在本机的浏览器里处理，不会上传到任何地方；断网也能用。",
  dropTitle: "把工作簿拖到这里",
  dropOr: "或者",
  accepts: "支持 .xlsx、.xlsm 和 .csv。旧的 .xls 请先在 Excel 或 WPS 中另存为 .xlsx。",
  intro: "不用安装加载项：在 WPS 表格、旧版 Office 的电脑上，也能写入资金到位率、生成评分表和自评表，填写实际完成值，再生成绩效自评报告。",
  steps: "打开工作簿后，左侧按 1→4 四步操作；右侧表格可以直接输入“实际完成值”和“偏差原因”。做完后按“保存工作簿”，得到一个新文件，原文件不变。",
  dropping: "松开鼠标即可打开",
  opening: "正在打开“{name}”…",
  opened: "已打开“{name}”。",
  xls: "“{name}”是旧的 .xls 格式，本页不能读取：请先在 Excel 或 WPS 中“另存为” .xlsx，再打开。",
  notWorkbook: "“{name}”不是工作簿：请打开 .xlsx、.xlsm 或 .csv 文件。",
  damaged: "无法打开“{name}”：文件已损坏或不是 Excel 工作簿。当前的工作簿保持不变。",
  saved: "已保存为“{name}”（在浏览器的下载位置）。原文件没有改动。",
  savedStale: "已保存为“{name}”，但其中 {n} 个改动还没有“一键重算”：文件里的得分和报告还不是按这些改动算的。按“一键重算”后再保存一次。原文件没有改动。",
  openFailed: "打开“{name}”时出错：{message}。当前的工作簿保持不变。",
  saveFailed: "保存“{name}”时出错：{message}。工作簿仍在本页中，可以再试一次。",
  unsaved: "“{name}”有未保存的修改。打开另一个工作簿会放弃这些修改。",
  discard: "放弃修改并打开",
  keep: "取消",
  edits: "已改动 {n} 个单元格：按左侧“一键重算”更新到位率和得分，再按“生成报告”。",
  content: "单元格内容",
  stale: "输入已改动，按“一键重算”后更新",
  formula: "{cell} 是公式，不能在网页中修改（请在 Excel 或 WPS 中修改）。",
  protectedSheet: "工作表“{sheet}”受保护，{cell} 不能修改。报告请改“报告模板”或数据后重新生成。",
  notWorksheet: "“{sheet}”不是普通工作表（图表或对话框工作表），不能输入。",
  tooLong: "{cell}：内容超过 {max} 个字符（Excel 单元格的上限），没有写入。",
};
export type PageStrings = typeof zh;

const en: PageStrings = {
  page: "Self-Evaluation Assistant · standalone page",
  open: "Open workbook",
  save: "Save workbook",
  privacy: "Your workbook is processed in this browser only and is never uploaded; the page works offline.",
  dropTitle: "Drop a workbook here",
  dropOr: "or",
  accepts: ".xlsx, .xlsm and .csv. Save an old .xls as .xlsx in Excel or WPS first.",
  intro: "No add-in needed: on computers with WPS or an older Office, write the fund arrival rates, build the score sheet and forms, fill in the actual values and generate the self-evaluation report.",
  steps: 'Once a workbook is open, follow steps 1–4 on the left; type the actual values and the reasons for deviations straight into the grid on the right. "Save workbook" then gives a new file; the original stays as it was.',
  dropping: "Release to open",
  opening: 'Opening "{name}"…',
  opened: 'Opened "{name}".',
  xls: '"{name}" is an old .xls file, which this page cannot read: save it as .xlsx in Excel or WPS first.',
  notWorkbook: '"{name}" is not a workbook: open an .xlsx, .xlsm or .csv file.',
  damaged: 'Cannot open "{name}": the file is damaged or not an Excel workbook. The workbook open before stays as it was.',
  saved: 'Saved as "{name}" (in the browser\'s downloads). The original file is unchanged.',
  savedStale: 'Saved as "{name}", but {n} changes have not been recalculated: the scores and the report in the file do not follow them yet. Press "Recalculate" and save again. The original file is unchanged.',
  openFailed: 'Opening "{name}" went wrong: {message}. The workbook open before stays as it was.',
  saveFailed: 'Saving "{name}" went wrong: {message}. The workbook is still on this page: try again.',
  unsaved: '"{name}" has changes that are not saved. Opening another workbook discards them.',
  discard: "Discard and open",
  keep: "Cancel",
  edits: '{n} cells changed: press "Recalculate" on the left to update the rates and scores, then "Generate report".',
  content: "Cell content",
  stale: 'An input changed: updated by "Recalculate"',
  formula: "{cell} is a formula and cannot be changed on this page (change it in Excel or WPS).",
  protectedSheet: 'The sheet "{sheet}" is protected: {cell} cannot be changed. For the report, edit the template or the data and generate it again.',
  notWorksheet: '"{sheet}" is not a worksheet (a chart or dialog sheet): nothing can be typed there.',
  tooLong: "{cell}: more than {max} characters (the limit of an Excel cell); nothing written.",
};

export const PAGE_STRINGS: Record<Lang, PageStrings> = { zh, en };

/** Why a cell could not be typed into, naming it. */
export function problemText(p: EditProblem, lang: Lang): string {
  const t = PAGE_STRINGS[lang];
  const cell = `${p.sheet}!${p.cell}`;
  switch (p.kind) {
    case "formula":
      return fill(t.formula, { cell });
    case "protected":
      return fill(t.protectedSheet, { sheet: p.sheet, cell });
    case "notWorksheet":
      return fill(t.notWorksheet, { sheet: p.sheet });
    case "tooLong":
      return fill(t.tooLong, { cell, max: p.max });
  }
}
