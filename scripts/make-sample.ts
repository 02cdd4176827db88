/**
 * Builds assets/samples/bishan-2020.xlsx from the CSV files beside it: the fund table as an
 * accountant keeps it (title row, 单位 row, header row, 11 projects, a 合计 row with SUM formulas
 * and their cached values, as Excel would have saved them).
 *
 *   npm run make-sample
 */
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCsv } from "../src/core";

export const SAMPLE_DIR = path.join(__dirname, "..", "assets", "samples");
export const SAMPLE_XLSX = path.join(SAMPLE_DIR, "bishan-2020.xlsx");
export const FUND_SHEET = "项目资金表";

const thin: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

export function buildSampleWorkbook(): ExcelJS.Workbook {
  const csv = parseCsv(readFileSync(path.join(SAMPLE_DIR, "bishan-2020", "fund-table.csv"), "utf8").replace(/^\uFEFF/, ""));
  const [header, ...rows] = csv.filter((r) => r.some((c) => c !== ""));
  const wb = new ExcelJS.Workbook();
  wb.creator = "绩效自评助手 sample";
  wb.created = new Date(Date.UTC(2021, 2, 31));
  wb.modified = wb.created;
  const ws = wb.addWorksheet(FUND_SHEET);
  const lastCol = header.length;
  const amountCols = [3, 4, 5, 6]; // 项目资金, 区本级财政资金, 项目个数, 投入资金

  ws.mergeCells(1, 1, 1, lastCol);
  const title = ws.getCell(1, 1);
  title.value = "重庆市璧山区工商业联合会2020年项目资金表";
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: "center" };
  const unit = ws.getCell(2, lastCol);
  unit.value = "单位：元";
  unit.alignment = { horizontal: "right" };

  header.forEach((h, i) => {
    const c = ws.getCell(3, i + 1);
    c.value = h;
    c.font = { bold: true };
    c.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    c.border = thin;
  });
  rows.forEach((r, i) => {
    const rowNo = 4 + i;
    r.forEach((v, j) => {
      const c = ws.getCell(rowNo, j + 1);
      const col = j + 1;
      c.value = col === 1 || amountCols.includes(col) ? Number(v) : v;
      if (amountCols.includes(col) && col !== 5) c.numFmt = "#,##0.00";
      c.border = thin;
      c.alignment = { vertical: "top", wrapText: col === 2 || col > 6 };
    });
  });
  const first = 4;
  const last = 3 + rows.length;
  const totalRow = last + 1;
  ws.getCell(totalRow, 2).value = "合计";
  ws.getCell(totalRow, 2).font = { bold: true };
  for (const col of amountCols) {
    const letter = ws.getColumn(col).letter;
    const result = rows.reduce((s, r) => s + Number(r[col - 1]), 0); // integers: exact
    const c = ws.getCell(totalRow, col);
    c.value = { formula: `SUM(${letter}${first}:${letter}${last})`, result } as ExcelJS.CellFormulaValue;
    if (col !== 5) c.numFmt = "#,##0.00";
    c.font = { bold: true };
  }
  for (let col = 1; col <= lastCol; col++) ws.getCell(totalRow, col).border = thin;

  const widths = [6, 30, 14, 14, 8, 14, 48, 40, 40];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: "frozen", ySplit: 3 }];
  addBudgetSheet(wb);
  addTableSheet(wb, "项目绩效目标", "targets.csv", [40, 36, 44]);
  addTableSheet(wb, "基本信息", "basic-info.csv", [18, 100]);
  return wb;
}

const readCsv = (file: string) =>
  parseCsv(readFileSync(path.join(SAMPLE_DIR, "bishan-2020", file), "utf8").replace(/^\uFEFF/, "")).filter((r) => r.some((c) => c !== ""));

function headerCell(c: ExcelJS.Cell, text: string): void {
  c.value = text;
  c.font = { bold: true };
  c.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
  c.border = thin;
}

/** 预算收支: 功能分类 × 年初预算数 / 财政拨款收入 with a 合计 row, and the change figures below. */
function addBudgetSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("预算收支");
  const [header, ...rows] = readCsv("budget.csv");
  ws.mergeCells(1, 1, 1, header.length);
  ws.getCell(1, 1).value = "2020年部门预算及财政拨款收入（按功能分类）";
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, header.length).value = "单位：元";
  header.forEach((h, i) => headerCell(ws.getCell(3, i + 1), h.replace(/（元）$/, "")));
  rows.forEach((r, i) =>
    r.forEach((v, j) => {
      const c = ws.getCell(4 + i, j + 1);
      c.value = j === 0 ? v : Number(v);
      if (j > 0) c.numFmt = "#,##0.00";
      c.border = thin;
    }),
  );
  const totalRow = 4 + rows.length;
  ws.getCell(totalRow, 1).value = "合计";
  for (let j = 2; j <= header.length; j++) {
    const letter = ws.getColumn(j).letter;
    const result = rows.reduce((s, r) => s + Number(r[j - 1]), 0);
    const c = ws.getCell(totalRow, j);
    c.value = { formula: `SUM(${letter}4:${letter}${totalRow - 1})`, result } as ExcelJS.CellFormulaValue;
    c.numFmt = "#,##0.00";
  }
  for (let j = 1; j <= header.length; j++) {
    ws.getCell(totalRow, j).font = { bold: true };
    ws.getCell(totalRow, j).border = thin;
  }
  const [chHeader, ...chRows] = readCsv("budget-change.csv");
  const top = totalRow + 2;
  chHeader.forEach((h, i) => headerCell(ws.getCell(top, i + 1), h));
  chRows.forEach((r, i) => {
    ws.getCell(top + 1 + i, 1).value = r[0];
    ws.getCell(top + 1 + i, 2).value = Number(r[1]);
    ws.getCell(top + 1 + i, 2).numFmt = "#,##0.00";
  });
  [24, 18, 30].forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

/** A plain table from a CSV, header first (项目绩效目标, 基本信息). */
function addTableSheet(wb: ExcelJS.Workbook, name: string, file: string, widths: number[]): void {
  const ws = wb.addWorksheet(name);
  const [header, ...rows] = readCsv(file);
  header.forEach((h, i) => headerCell(ws.getCell(1, i + 1), h));
  rows.forEach((r, i) =>
    r.forEach((v, j) => {
      const c = ws.getCell(2 + i, j + 1);
      c.value = v;
      c.alignment = { vertical: "top", wrapText: true };
      c.border = thin;
    }),
  );
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

export const PROJECT_SAMPLE_XLSX = path.join(SAMPLE_DIR, "fangzhen-2021.xlsx");

/**
 * The second sample: a project-expenditure unit's table with 年初/全年 budgets, 到位 and 执行 apart,
 * and 其中 rows by funding source; the 合计 row sums the project rows only (as the unit's own SUMs would).
 */
export function buildProjectSampleWorkbook(): ExcelJS.Workbook {
  const [header, ...rows] = parseCsv(readFileSync(path.join(SAMPLE_DIR, "fangzhen-2021", "fund-table.csv"), "utf8").replace(/^\uFEFF/, "")).filter((r) => r.some((c) => c !== ""));
  const wb = new ExcelJS.Workbook();
  wb.creator = "绩效自评助手 sample";
  wb.created = new Date(Date.UTC(2022, 2, 31));
  wb.modified = wb.created;
  const ws = wb.addWorksheet(FUND_SHEET);
  ws.mergeCells(1, 1, 1, header.length);
  ws.getCell(1, 1).value = "宣城市地震局2021年项目资金表";
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: "center" };
  ws.getCell(2, header.length).value = "单位：元";
  header.forEach((h, i) => headerCell(ws.getCell(3, i + 1), h));
  rows.forEach((r, i) =>
    r.forEach((v, j) => {
      const c = ws.getCell(4 + i, j + 1);
      c.value = v === "" ? null : j >= 2 || (j === 0 && v !== "") ? Number(v) : v;
      if (j >= 2) c.numFmt = "#,##0.00";
      c.alignment = j === 1 && r[0] === "" ? { indent: 2 } : {};
      c.border = thin;
    }),
  );
  const projectRows = rows.map((r, i) => (r[0] !== "" ? 4 + i : 0)).filter((r) => r > 0);
  const totalRow = 4 + rows.length;
  ws.getCell(totalRow, 2).value = "合计";
  for (let j = 3; j <= header.length; j++) {
    const letter = ws.getColumn(j).letter;
    const result = rows.filter((r) => r[0] !== "").reduce((s, r) => s + Number(r[j - 1]), 0);
    const c = ws.getCell(totalRow, j);
    c.value = { formula: `SUM(${projectRows.map((r) => `${letter}${r}`).join(",")})`, result } as ExcelJS.CellFormulaValue;
    c.numFmt = "#,##0.00";
  }
  for (let j = 1; j <= header.length; j++) {
    ws.getCell(totalRow, j).font = { bold: true };
    ws.getCell(totalRow, j).border = thin;
  }
  [6, 30, 14, 14, 14, 14].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: "frozen", ySplit: 3 }];
  return wb;
}

if (path.resolve(process.argv[1] ?? "") === __filename) {
  void (async () => {
    await buildSampleWorkbook().xlsx.writeFile(SAMPLE_XLSX);
    await buildProjectSampleWorkbook().xlsx.writeFile(PROJECT_SAMPLE_XLSX);
    console.log(`wrote ${path.relative(process.cwd(), SAMPLE_XLSX)} and ${path.relative(process.cwd(), PROJECT_SAMPLE_XLSX)}`);
  })();
}
