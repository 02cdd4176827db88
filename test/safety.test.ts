/** Data safety: reruns update in place, the user's cells are never overwritten unasked, text stays text. */
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import path from "node:path";
import { META_SHEET, plan, renderIssue, run } from "../src/core";
import { XlsxHost } from "../src/xlsx/host";
import { SAMPLE, edit, fundOnlySample, hostFrom, hostOf, loadBuffer, runCli, tempDir, view, workbook } from "./helpers/books";
import { recalculate, shownText } from "./helpers/libreoffice";
import { deleteRow, insertColumn, insertRow } from "./helpers/edit";

/** Every cell of every sheet as text: value or formula. */
function dump(wb: ExcelJS.Workbook): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  wb.eachSheet((ws) => {
    const cells: string[] = [];
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (c) => cells.push(`${c.address}=${c.type === ExcelJS.ValueType.Formula ? "=" + c.formula : JSON.stringify(c.value)}|${c.numFmt ?? ""}`)),
    );
    out[`${ws.name}/${ws.state}`] = cells;
  });
  return out;
}

test("running report on its own output changes nothing the second time (both modes)", async () => {
  const sample = await fundOnlySample();
  for (const mode of ["formulas", "values"]) {
    const dir = tempDir();
    const first = path.join(dir, "1.xlsx");
    const second = path.join(dir, "2.xlsx");
    expect((await runCli(["report", sample, "-o", first, "--mode", mode])).code).toBe(0);
    const again = await runCli(["report", first, "-o", second, "--mode", mode]);
    expect(again.code).toBe(0);
    expect(again.err).not.toMatch(/未覆盖|修改/);
    const a = dump(await loadBuffer(readFileSync(first)));
    const b = dump(await loadBuffer(readFileSync(second)));
    expect(Object.keys(b)).toEqual(["项目资金表/visible", "自评报告/visible", "报告模板/visible", `${META_SHEET}/veryHidden`]);
    expect(b).toEqual(a);
    const headers = b["项目资金表/visible"].filter((c) => c.includes("资金到位率"));
    expect(headers).toHaveLength(1);
  }
});

test("switching mode on a rerun replaces the add-in's own cells, and nothing else", async () => {
  const host = await XlsxHost.fromBuffer(readFileSync(await fundOnlySample()), "xlsx");
  await run(host, { mode: "values" });
  const second = plan(await host.read(), { mode: "formulas" });
  expect(second.issues).toEqual([]);
  const cells = second.plan.edits[0].cells;
  expect(cells.every((c) => c.col === 10 && c.content.kind === "formula")).toBe(true);
  expect(cells).toHaveLength(12);
});

test("a rate column the user typed: filled cells are kept and checked, empty ones get the formula", async () => {
  const wb = workbook({
    name: "S",
    rows: [
      ["项目名称", "预算数", "实际到位资金", "资金到位率"],
      ["对", 50000, 39660, 0.7932],
      ["错", 50000, 39660, "79.40%"],
      ["空", 100, 50, null],
      ["文字", 100, 50, "见附件"],
    ],
    formats: { D2: "0.00%" },
  });
  const r = plan(await hostOf(wb).read(), { mode: "formulas" });
  const written = r.plan.edits[0].cells.map((c) => c.row);
  expect(written).toEqual([4]);
  const byCell = (code: string) => r.issues.filter((i) => i.code === code).map((i) => i.cells.join(","));
  expect(byCell("CELL_KEPT")).toEqual(["D2", "D3", "D5"]);
  expect(byCell("RATE_MISMATCH")).toEqual(["D3"]);
  expect(renderIssue(r.issues.find((i) => i.code === "RATE_MISMATCH")!)).toBe("D3 填写的资金到位率 79.40% 与金额计算结果 79.32% 不一致（39660元 ÷ 50000元）。");
  expect(byCell("RATE_NOT_A_NUMBER")).toEqual(["D5"]);

  const forced = plan(await hostOf(wb).read(), { mode: "formulas", overwrite: true });
  expect(forced.plan.edits[0].cells.map((c) => c.row)).toEqual([2, 3, 4, 5]);
});

test("a cell of the add-in's own column edited by hand is kept on the next run", async () => {
  const host = await XlsxHost.fromBuffer(readFileSync(await fundOnlySample()), "xlsx");
  await run(host, { mode: "formulas" });
  await edit(host, (wb) => (wb.getWorksheet("项目资金表")!.getCell("J5").value = 0.75)); // the user's own figure
  const r = plan(await host.read(), { mode: "formulas" });
  expect(r.plan.edits[0].cells.some((c) => c.row === 5)).toBe(false);
  expect(r.issues.map((i) => `${i.code}@${i.cells.join(",")}`)).toEqual(["CELL_KEPT@J5", "RATE_MISMATCH@J5"]);
});

test("rows removed, rows added and a column inserted: the column follows, stale cells are cleared, no duplicate", async () => {
  const host = await XlsxHost.fromBuffer(readFileSync(await fundOnlySample()), "xlsx");
  await run(host, { mode: "formulas" });
  await edit(host, (wb) => {
    const ws = wb.getWorksheet("项目资金表")!;
    deleteRow(ws, 14); // project 11 goes; the 合计 row moves up to 14 and its SUMs shrink
    insertColumn(ws, 1); // everything moves right by one: the rate column is now K
  });
  // LibreOffice recalculates, as Excel would after these edits.
  const edited = await hostFrom(await recalculate(await host.toBuffer()));
  const r = plan(await edited.read(), { mode: "formulas" });
  expect(r.issues).toEqual([]);
  expect(r.table!.projects).toHaveLength(10);
  const cells = r.plan.edits[0].cells;
  expect(new Set(cells.map((c) => c.col))).toEqual(new Set([11])); // K, found again by its header; no new L
  expect(cells.map((c) => c.row)).toEqual([...Array.from({ length: 10 }, (_, i) => i + 4), 14]);
  expect((cells[0].content as { formula: string }).formula).toBe('=IF(G4="","",IFERROR(G4/D4,""))');

  // A project added below the last one (the user inserts a row above 合计): it gets its formula.
  await edit(edited, (wb) => {
    const ws2 = wb.getWorksheet("项目资金表")!;
    insertRow(ws2, 14, [null, 12, "新增项目", 1000, 1000, 1, 500]);
    ws2.getCell("D15").value = { formula: "SUM(D4:D14)" } as ExcelJS.CellFormulaValue;
    ws2.getCell("G15").value = { formula: "SUM(G4:G14)" } as ExcelJS.CellFormulaValue;
  });
  const grown = await hostFrom(await recalculate(await edited.toBuffer()));
  const r2 = plan(await grown.read(), { mode: "formulas" });
  expect(r2.issues).toEqual([]);
  expect(r2.table!.projects.map((p) => p.name).slice(-1)).toEqual(["新增项目"]);
  const row14 = r2.plan.edits[0].cells.find((c) => c.row === 14)!;
  expect(row14).toMatchObject({ col: 11, content: { kind: "formula", formula: '=IF(G14="","",IFERROR(G14/D14,""))' }, expect: "0.5" });
});

test("a project row deleted at the end of a table without 合计: the add-in's stale cell is cleared", async () => {
  const host = hostOf(workbook({ name: "S", rows: [["项目名称", "预算数", "实际支出"], ["甲", 100, 50], ["乙", 100, 80]] }));
  await run(host, { mode: "values" });
  await edit(host, (wb) => {
    const ws = wb.getWorksheet("S")!;
    ws.getCell("A3").value = null;
    ws.getCell("B3").value = null;
    ws.getCell("C3").value = null;
  });
  const r = plan(await host.read(), { mode: "values" });
  expect(r.plan.edits[0].cells.map((c) => [c.row, c.content.kind])).toEqual([
    [2, "number"],
    [3, "blank"],
  ]);
});

test("text that starts with = + - @ is written as text, never as a formula", async () => {
  const names = ["=SUM(1,2)", "+86项目", "-负数项目", "@提及"];
  const wb = workbook({ name: "S", rows: [["项目名称", "预算数", "实际到位资金"], ...names.map((n, i) => [n, 100, 10 * (i + 1)])] });
  const host = hostOf(wb);
  await run(host, { mode: "formulas" });
  const buf = await host.toBuffer();
  const back = await loadBuffer(buf);
  const report = back.getWorksheet("自评报告")!;
  const texts: string[] = [];
  report.eachRow((row) => {
    const c = row.getCell(1);
    expect(c.type).toBe(ExcelJS.ValueType.String);
    texts.push(String(c.value));
  });
  expect(texts).toContain("1、=SUM(1,2)工作项目资金0.01万元，投入资金0万元，资金到位率10%。");
  // LibreOffice shows the names literally (no formula evaluated, no error).
  const shown = shownText(buf)["S"];
  expect(shown.slice(1, 5).map((r) => r[0])).toEqual(names);
  const shownReport = shownText(buf)["自评报告"].map((r) => r[0]);
  expect(shownReport.filter((t) => t.startsWith("1、") || t.startsWith("2、")).length).toBeGreaterThan(0);
  expect(shownReport.join("\n")).not.toMatch(/#NAME|Err:/);
});

test("a sheet called 自评报告 that the user made is left alone", async () => {
  const wb = workbook(
    { name: "S", rows: [["项目名称", "预算数", "实际支出"], ["甲", 100, 50]] },
    { name: "自评报告", rows: [["我自己写的报告"]] },
  );
  const host = hostOf(wb);
  const r = await run(host, { mode: "formulas" });
  expect((await view(host)).getWorksheet("自评报告")!.getCell("A1").value).toBe("我自己写的报告");
  expect((await view(host)).getWorksheet("自评报告（2）")).toBeDefined();
  expect(r.issues.map((i) => i.code)).toContain("SHEET_NAME_TAKEN");
  // and a rerun writes to the same 自评报告（2）
  const again = plan(await host.read(), { mode: "formulas" });
  expect(again.plan.sheets[0].sheet).toBe("自评报告（2）");
  expect(again.issues.map((i) => i.code)).not.toContain("SHEET_NAME_TAKEN");
});

test("a report sheet edited by hand since it was written is kept as a copy", async () => {
  const host = await XlsxHost.fromBuffer(readFileSync(await fundOnlySample()), "xlsx");
  await run(host, { mode: "formulas" });
  await edit(host, (wb) => (wb.getWorksheet("自评报告")!.getCell("A1").value = "我改过的标题"));
  await run(host, { mode: "formulas" });
  expect((await view(host)).getWorksheet("自评报告（修改稿）")!.getCell("A1").value).toBe("我改过的标题");
  expect(String((await view(host)).getWorksheet("自评报告")!.getCell("A1").value)).toBe("重庆市璧山区工商业联合会2020年整体支出绩效自评报告");
});

test("the file host: the report is written protected (no password) and rewritten on a rerun; a protected sheet of the user's is refused", async () => {
  const host = await XlsxHost.fromBuffer(readFileSync(await fundOnlySample()), "xlsx");
  await run(host, { mode: "formulas" });
  const snap = await host.read();
  expect(snap.sheets.find((s) => s.name === "自评报告")!.protected).toBe(true);
  expect(snap.sheets.find((s) => s.name === "项目资金表")!.protected).toBeUndefined();
  const again = await run(host, { mode: "formulas" });
  expect(again.issues.map((i) => i.code)).not.toContain("SHEET_EDITED");
  expect((await host.read()).sheetNames.filter((n) => n.startsWith("自评报告"))).toEqual(["自评报告"]);
  // The user protects the fund table (as Excel and WPS do it): rates are refused there, naming it.
  await edit(host, (wb) => void wb.getWorksheet("项目资金表")!.protect("", {}));
  const before = Buffer.from(await host.toBuffer());
  const refused = await run(host, { mode: "formulas", overwrite: true });
  expect(refused.ok).toBe(false);
  expect(refused.issues.find((i) => i.code === "SHEET_PROTECTED")).toMatchObject({ sheet: "项目资金表", severity: "error" });
  expect(Buffer.from(await host.toBuffer()).equals(before)).toBe(true);
});

test("unusable input: the command line says why in Chinese and writes nothing", async () => {
  const dir = tempDir();
  const bad = await runCli(["report", path.join(dir, "missing.xlsx"), "-o", path.join(dir, "o.xlsx")]);
  expect(bad.code).toBe(2);
  expect(bad.err).toMatch(/找不到输入文件/);
  const empty = path.join(dir, "empty.xlsx");
  await workbook({ name: "S", rows: [["备忘"]] }).xlsx.writeFile(empty);
  const r = await runCli(["report", empty, "-o", path.join(dir, "o.xlsx")]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/没有找到项目资金表/);
  expect(() => readFileSync(path.join(dir, "o.xlsx"))).toThrow();
  expect((await runCli(["report", SAMPLE, "--mode", "both"])).code).toBe(64);
});
