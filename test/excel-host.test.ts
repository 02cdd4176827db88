/**
 * The Office.js host against an in-memory Excel that behaves like Office.js (test/helpers/office-double):
 * round trips counted, shapes checked, properties unreadable before load + sync.
 */
import { readFileSync } from "node:fs";
import { detect, readRequest, renderIssue, run, WritePlan } from "../src/core";
import { ExcelHost, READ_BUDGET, WRITE_BUDGET, columnRuns, excelLiteral, formatOps, rectangles, visibilityOf } from "../src/excel/host";
import { XlsxHost } from "../src/xlsx/host";
import { SAMPLE } from "./helpers/books";
import { BookModel, OfficeDouble, SheetModel, bookFromSnapshot } from "./helpers/office-double";

async function sampleDouble(): Promise<OfficeDouble> {
  return new OfficeDouble(bookFromSnapshot(await (await XlsxHost.fromBuffer(readFileSync(SAMPLE), "xlsx")).read()));
}

/** Every cell of a sheet as "A1=value|formula", for comparing hosts. */
function cellsOf(s: SheetModel): string[] {
  return [...s.cells.entries()]
    .filter(([, c]) => c.v !== null || c.f !== null)
    .map(([k, c]) => `${k}=${c.f ?? JSON.stringify(c.v)}`)
    .sort();
}

test("the double behaves like Office.js: no reading before load and sync, shapes checked, numbers stay numbers", async () => {
  const d = await sampleDouble();
  await expect(
    d.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("项目资金表").getRange("C4:C5");
      r.load("values");
      return r.values; // not synced yet
    }),
  ).rejects.toThrow(/PropertyNotLoaded/);
  await expect(
    d.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("项目资金表").getRange("C4:C5").values = [[1, 2]];
      await ctx.sync();
    }),
  ).rejects.toThrow(/InvalidArgument/);
  const v = await d.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem("项目资金表").getRange("C4:D4");
    r.load("values");
    await ctx.sync();
    return r.values;
  });
  expect(v).toEqual([[50000, 50000]]);
  await expect(d.run(async (ctx) => ctx.workbook.worksheets.getItem("没有这张表").getRange("A1").load("values") && ctx.sync())).rejects.toThrow(/ItemNotFound/);
});

test("report through Office.js on the sample: 3 round trips, the same workbook as the file host writes", async () => {
  const d = await sampleDouble();
  const host = new ExcelHost(d.run, d.isSetSupported);
  const r = await run(host, { mode: "formulas", scheme: "department" });
  expect(r.ok).toBe(true);
  expect(host.syncs).toBe(3);
  expect(d.syncs).toHaveLength(3);

  // The file host, the same operation: the cells must agree, sheet by sheet.
  const file = await XlsxHost.fromBuffer(readFileSync(SAMPLE), "xlsx");
  const r2 = await run(file, { mode: "formulas", scheme: "department" });
  expect(r.issues.map((i) => renderIssue(i))).toEqual(r2.issues.map((i) => renderIssue(i)));
  const fromFile = bookFromSnapshot(await file.read());
  expect(d.book.sheets.map((s) => s.name)).toEqual(fromFile.sheets.map((s) => s.name));
  for (const s of fromFile.sheets) {
    const mine = cellsOf(d.sheet(s.name)).map((x) => x.replace(/=""$/, "=null"));
    const theirs = cellsOf(s).map((x) => x.replace(/=""$/, "=null"));
    // Formula cells: the double holds the formula, the file host's read gives the formula too.
    expect(mine.filter((x) => x.includes("=="))).toEqual(theirs.filter((x) => x.includes("==")));
    expect(mine.length).toBe(theirs.length);
  }
  expect(d.sheet("项目资金表").get(4, 10)).toMatchObject({ f: '=IF(F4="","",IFERROR(F4/C4,""))', nf: "[=1]0%;[=0]0%;0.00%" });
  expect(d.sheet("_绩效自评").visibility).toBe("VeryHidden");
  expect(d.sheet("评分表").frozenRows).toBeGreaterThan(0);

  // A rerun: 3 round trips again, nothing duplicated, nothing the user has changes.
  const before = d.book.sheets.map((s) => `${s.name}:${cellsOf(s).length}`);
  const again = await run(host, { mode: "formulas" });
  expect(again.ok).toBe(true);
  expect(host.syncs).toBe(3);
  expect(d.book.sheets.map((s) => `${s.name}:${cellsOf(s).length}`)).toEqual(before);
  expect(again.issues.map((i) => i.code)).not.toContain("SHEET_EDITED");
});

test("text starting with = + - @ reaches Excel as text (the ' prefix), never as a formula", async () => {
  expect(["=1+1", "+86", "-预算", "@x", "'a", "2020", "abc", "TRUE", "项目1"].map(excelLiteral)).toEqual(["'=1+1", "'+86", "'-预算", "'@x", "''a", "'2020", "abc", "'TRUE", "项目1"]);
  const book: BookModel = {
    sheets: [Object.assign(new SheetModel("资金"))],
    active: "资金",
    tables: [],
  };
  const s = book.sheets[0];
  [["项目名称", "预算数", "实际支出"], ["=HYPERLINK(\"x\")", 100, 50]].forEach((row, i) => row.forEach((v, j) => (s.at(i + 1, j + 1).v = v)));
  const d = new OfficeDouble(book);
  const r = await run(new ExcelHost(d.run, d.isSetSupported), { mode: "formulas" });
  expect(r.ok).toBe(true);
  const report = d.sheet("自评报告");
  const texts = [...report.cells.values()].filter((c) => typeof c.v === "string" && c.v.includes("HYPERLINK"));
  expect(texts.length).toBeGreaterThan(0);
  for (const c of texts) expect(c.f).toBeNull();
  expect([...report.cells.values()].every((c) => c.f === null)).toBe(true);
  // Read back, the quoted text is text again (not taken for a formula), so a rerun sees its own report unchanged.
  const again = await run(new ExcelHost(d.run, d.isSetSupported), { mode: "formulas" });
  expect(again.issues.map((i) => i.code)).not.toContain("SHEET_EDITED");
  expect(d.book.sheets.map((x) => x.name)).toEqual(["资金", "自评报告", "报告模板", "_绩效自评"]);
});

test("a 50,000-row fund table: 3 round trips plus one per ~3.5 MB chunk, no request over 5 MB", async () => {
  const s = new SheetModel("项目资金表");
  const put = (r: number, c: number, v: string | number) => (s.at(r, c).v = v);
  put(1, 1, "某单位2021年项目资金表");
  put(2, 3, "单位：元");
  ["序号", "项目名称", "预算数", "实际支出"].forEach((h, j) => put(3, j + 1, h));
  const N = 50_000;
  let budget = 0;
  let spent = 0;
  for (let i = 0; i < N; i++) {
    const b = 10_000 + (i % 997) * 13;
    const x = b - (i % 89) * 7;
    put(4 + i, 1, i + 1);
    put(4 + i, 2, `项目${i + 1}`);
    put(4 + i, 3, b);
    put(4 + i, 4, x);
    budget += b;
    spent += x;
  }
  put(4 + N, 2, "合计");
  Object.assign(s.at(4 + N, 3), { f: `=SUM(C4:C${3 + N})`, v: budget });
  Object.assign(s.at(4 + N, 4), { f: `=SUM(D4:D${3 + N})`, v: spent });
  const d = new OfficeDouble({ sheets: [s], active: s.name, tables: [] });
  const host = new ExcelHost(d.run, d.isSetSupported);
  const r = await run(host, { mode: "formulas", report: false });
  expect(r.ok).toBe(true);
  expect(r.table!.projects).toHaveLength(N);
  const MB = 1024 * 1024;
  const readBytes = d.syncs.reduce((n, x) => n + x.responseBytes, 0);
  const writeBytes = d.syncs.reduce((n, x) => n + x.requestBytes, 0);
  // 1 (sheet list) + the read blocks (planned at 36 bytes a cell, 4 MB each) + one write per 3.5 MB.
  const readTrips = Math.ceil((N + 4) / Math.floor(READ_BUDGET / (36 * 4)));
  const allowed = 1 + readTrips + Math.max(1, Math.ceil(writeBytes / WRITE_BUDGET));
  console.log(`50,000 rows: ${host.syncs} round trips; read ${(readBytes / MB).toFixed(1)} MB, wrote ${(writeBytes / MB).toFixed(1)} MB; largest sync ${(Math.max(...d.syncs.map((x) => Math.max(x.requestBytes, x.responseBytes))) / MB).toFixed(2)} MB`);
  expect(host.syncs).toBeLessThanOrEqual(allowed);
  for (const x of d.syncs) {
    expect(x.requestBytes).toBeLessThan(5 * MB);
    expect(x.responseBytes).toBeLessThan(5 * MB);
  }
  expect(s.get(4 + N - 1, 5)).toMatchObject({ f: `=IF(D${3 + N}="","",IFERROR(D${3 + N}/C${3 + N},""))` });
  expect(s.get(4 + N, 5)!.f).toBe(`=IF(D${4 + N}="","",IFERROR(D${4 + N}/C${4 + N},""))`);
  // The rate column went as one range, not 50,001 single cells.
  expect(columnRuns(r.plan.edits[0].cells).length).toBeLessThanOrEqual(3);
}, 120_000);

test("selecting an issue's cell activates its sheet and selects the cell", async () => {
  const d = await sampleDouble();
  await new ExcelHost(d.run, d.isSetSupported).select("项目资金表", "C5");
  expect(d.book.selected).toEqual({ sheet: "项目资金表", address: "C5" });
  expect(d.book.active).toBe("项目资金表");
});

test("the header row picked by selection wins over detection, and is remembered for reruns", async () => {
  const s = new SheetModel("资金");
  const rows: (string | number)[][] = [
    ["上年项目名称", "预算数", "实际支出", "资金到位率"],
    ["旧项目", 100, 100, 1],
    [],
    ["说明：下表为本年项目"],
    [],
    ["项目名称", "预算数", "实际支出"],
    ["甲", 200, 150],
    ["乙", 300, 300],
  ];
  rows.forEach((r, i) => r.forEach((v, j) => (s.at(i + 1, j + 1).v = v)));
  const d = new OfficeDouble({ sheets: [s], active: "资金", tables: [] });
  const host = new ExcelHost(d.run, d.isSetSupported);
  const auto = await detect(host);
  expect(auto.table!.detection.headerTop).toBe(1); // detection takes the first table

  d.book.selected = { sheet: "资金", address: "B6" };
  const sel = await host.selection();
  expect(sel).toEqual({ sheet: "资金", address: "B6" });
  const picked = await detect(host, { sheet: sel!.sheet, headerRow: 6 });
  expect(picked.table!.projects.map((p) => p.name)).toEqual(["甲", "乙"]);

  await run(host, { mode: "formulas", sheet: "资金", headerRow: 6 });
  expect(s.get(7, 4)!.f).toBe('=IF(C7="","",IFERROR(C7/B7,""))');
  const again = await run(host, { report: false });
  expect(again.table!.detection.headerTop).toBe(6);
  expect(again.table!.projects).toHaveLength(2);
});

/** A book of sheets given as rows (row 1 first). */
function book(sheets: Record<string, (string | number)[][]>, active?: string): OfficeDouble {
  const models = Object.entries(sheets).map(([name, rows]) => {
    const m = new SheetModel(name);
    rows.forEach((r, i) => r.forEach((v, j) => (m.at(i + 1, j + 1).v = v)));
    return m;
  });
  return new OfficeDouble({ sheets: models, active: active ?? models[0].name, tables: [] });
}
const FUND = [
  ["项目名称", "预算数", "实际支出"],
  ["甲", 200, 150],
  ["乙", 300, 300],
];

test("visibility as Excel gives it (Visible / Hidden / VeryHidden) reaches the core as visible / hidden / veryHidden: a very hidden fund table is not picked", async () => {
  expect(["Visible", "Hidden", "VeryHidden"].map(visibilityOf)).toEqual(["visible", "hidden", "veryHidden"]);
  const d = book({ 说明: [["本簿说明"]], 隐藏资金: FUND.map((r) => [...r]), 资金: FUND.map((r) => [...r]) }, "说明");
  d.sheet("隐藏资金").visibility = "VeryHidden";
  const host = new ExcelHost(d.run, d.isSetSupported);
  const snap = await host.read(readRequest({}));
  expect(snap.sheets.map((s) => [s.name, s.visibility])).toEqual([
    ["说明", "visible"],
    ["隐藏资金", "veryHidden"],
    ["资金", "visible"],
  ]);
  const found = await detect(host);
  expect(found.table!.sheet).toBe("资金");
});

test("a protected fund table: reported in the snapshot, SHEET_PROTECTED, and nothing at all is written", async () => {
  const d = book({ 资金: FUND.map((r) => [...r]) });
  d.sheet("资金").protected = true;
  const host = new ExcelHost(d.run, d.isSetSupported);
  const before = JSON.stringify([...d.sheet("资金").cells]);
  const r = await run(host, { mode: "formulas" });
  expect(r.ok).toBe(false);
  expect(r.issues.map((i) => i.code)).toContain("SHEET_PROTECTED");
  expect(d.book.sheets.map((s) => s.name)).toEqual(["资金"]);
  expect(JSON.stringify([...d.sheet("资金").cells])).toBe(before);
  expect(d.syncs).toHaveLength(2); // read only
  // The double refuses writes into a protected sheet as Excel does.
  await expect(d.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("资金").getRange("D1").values = [["x"]];
    await ctx.sync();
  })).rejects.toThrow(/AccessDenied/);
});

test("text Excel would parse (2020/1/1, 1/2, 1e5, 12:30, #N/A, 50%, ＋1, Jan 5) is written as text and reads back unchanged", async () => {
  const texts = ["2020/1/1", "1/2", "1e5", "12:30", "#N/A", "50%", "1,000", "(12)", "１２３", " 7", "Jan 5", "TRUE", "=A1", "-3", "@x", "项目1", "¥5"];
  const d = book({ 资金: [["x"]] });
  // Written without the prefix, Excel (and the double) takes them for numbers, dates, errors…
  await d.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("资金").getRange(`A2:A${texts.length + 1}`).values = texts.map((t) => [t]);
    await ctx.sync();
  });
  const changed = texts.filter((t, i) => {
    const c = d.sheet("资金").get(i + 2, 1)!;
    return c.v !== t || c.f !== null || c.error;
  });
  expect(changed).toEqual(texts.filter((t) => !["项目1", "@x"].includes(t)));
  // Through the host, every one stays the text the plan meant.
  const host = new ExcelHost(d.run, d.isSetSupported);
  await host.read(readRequest({}));
  const plan: WritePlan = { edits: [], sheets: [{ sheet: "文本", cells: texts.map((t, i) => ({ row: i + 1, col: 1, content: { kind: "text", text: t } })) }] };
  await host.apply(plan);
  // In the workbook every one is text (Excel's quote prefix), none a number, date, formula or error.
  expect(texts.map((_t, i) => d.sheet("文本").get(i + 1, 1)).map((c) => [c!.v, c!.f, !!c!.error, c!.quote])).toEqual(texts.map((t) => [t, null, false, excelLiteral(t) !== t]));
  // Read back through range.values they are the same strings — except that the text "#N/A" reads
  // as Excel's error does (range.values gives "#N/A" for both; only valueTypes would tell them apart).
  const snap = await host.read({ sheets: ["文本"], active: false });
  expect(snap.sheets[0].values.map((r) => r[0])).toEqual(texts.map((t) => (t === "#N/A" ? { error: "#N/A" } : t)));
});

test("the used range includes cells that are only formatted (Excel's getUsedRange); the host reads values only", async () => {
  const d = book({ 资金: FUND.map((r) => [...r]) });
  d.sheet("资金").at(5000, 20).fill = "#FFFF00"; // a stray fill far away
  const both = await d.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem("资金");
    const all = ws.getUsedRangeOrNullObject();
    const values = ws.getUsedRangeOrNullObject(true);
    all.load("address");
    values.load("address");
    await ctx.sync();
    return [all.address, values.address];
  });
  expect(both).toEqual(["资金!A1:T5000", "资金!A1:C3"]);
  const snap = await new ExcelHost(d.run, d.isSetSupported).read(readRequest({}));
  expect(snap.sheets[0].values).toHaveLength(3);
});

test("formats go to rectangles: one range per run of equal format, not one per cell", () => {
  expect(rectangles([{ row: 1, col: 1 }, { row: 2, col: 1 }, { row: 3, col: 1 }, { row: 1, col: 2 }, { row: 2, col: 2 }, { row: 3, col: 2 }, { row: 5, col: 1 }]).map((r) => r.address)).toEqual(["A1:B3", "A5"]);
  const cells = Array.from({ length: 1000 }, (_x, i) => ({ row: i + 1, col: 1, content: { kind: "text" as const, text: "段落" }, wrap: true, bold: i % 100 === 0 }));
  const ops = formatOps(cells);
  expect(ops.filter((o) => o.prop === "wrap").map((o) => o.address)).toEqual(["A1:A1000"]);
  expect(ops.filter((o) => o.prop === "vAlign").map((o) => o.address)).toEqual(["A1:A1000"]);
  expect(ops.filter((o) => o.prop === "bold" && o.value === true)).toHaveLength(10);
  expect(ops.length).toBeLessThan(40);
});

test("requirement sets: the host needs ExcelApi 1.4; freezePanes (1.7) and page setup (1.9) only where supported", async () => {
  const d = book({ 资金: FUND.map((r) => [...r]) });
  d.excelApi = "1.1";
  expect(ExcelHost.supported(d.isSetSupported)).toBe(false);
  d.excelApi = "1.4";
  expect(ExcelHost.supported(d.isSetSupported)).toBe(true);
  const plan: WritePlan = {
    edits: [],
    sheets: [{ sheet: "表", cells: [{ row: 1, col: 1, content: { kind: "text", text: "标题" }, font: { name: "黑体", size: 16 }, align: "center" }], freezeRows: 1, merges: ["A1:C1"], page: { paperSize: "A4", orientation: "landscape", fitToWidth: 1, pageNumbers: true, printTitleRows: { first: 1, last: 2 }, margins: { top: 2, bottom: 2, left: 1.5, right: 1.5 }, centerHorizontally: true } }],
  };
  const host = new ExcelHost(d.run, d.isSetSupported);
  await host.read(readRequest({}));
  await host.apply(plan);
  expect(d.sheet("表").frozenRows).toBe(0);
  expect(d.sheet("表").page).toEqual({});
  expect(d.sheet("表").get(1, 1)).toMatchObject({ fontName: "黑体", fontSize: 16, hAlign: "Center" });
  expect(d.sheet("表").merges).toEqual(["A1:C1"]);
  d.excelApi = "1.9";
  await host.read(readRequest({}));
  await host.apply(plan);
  expect(d.sheet("表").frozenRows).toBe(1);
  expect(d.sheet("表").page).toMatchObject({ paperSize: "A4", orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: "$1:$2", centerHorizontally: true, centerFooter: "第 &P 页 共 &N 页" });
  expect(Math.round(d.sheet("表").page.leftMargin as number)).toBe(43); // 1.5 cm in points
});
