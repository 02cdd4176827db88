/**
 * The task pane's reducer (src/taskpane/state.ts), on what the real core returns for the bundled
 * sample and small workbooks: a run with errors never reads as a green 完成; a wrong header row is
 * undone by 重新识别; the mapping folds only when detection is sure; the replace question; the
 * options each button runs with; every status in English when the pane is in English.
 */
import { readFileSync } from "node:fs";
import { detect, Issue, run, RunOptions, WorkbookHost } from "../src/core";
import { XlsxHost } from "../src/xlsx/host";
import { Action, Detected, initialState, mappingIsOpen, PaneState, Ran, reduce, RunAction, runOptions, statusText, stepMarks, tableOptions, tickedProjects } from "../src/taskpane/state";
import { hostOf, SAMPLE, workbook } from "./helpers/books";

async function sample(): Promise<XlsxHost> {
  return XlsxHost.fromBuffer(readFileSync(SAMPLE), "xlsx");
}

async function detected(host: WorkbookHost, s: PaneState, kind: Extract<Action, { type: "detected" }>["kind"] = "initial"): Promise<PaneState> {
  const d = await detect(host, kind === "initial" ? {} : tableOptions(s));
  const result: Detected = { ...d, scoreSheets: [] };
  return reduce(s, { type: "detected", kind, result });
}

async function ran(host: WorkbookHost, s: PaneState, what: RunAction, replaceScore = false): Promise<PaneState> {
  const r = await run(host, runOptions(reduce(s, { type: "busy", what }), what, replaceScore));
  const result: Ran = { ok: r.ok, table: r.table, issues: r.issues, paragraphs: r.paragraphs, formTables: r.formTables, scoreSheets: r.meta.sheets.filter((x) => x.role === "score").map((x) => x.name) };
  return reduce(reduce(s, { type: "busy", what }), { type: "ran", what, result });
}

const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;

test("the first detection: the table, its step done, the mapping folded (detection is sure), nothing to say", async () => {
  const s = await detected(await sample(), initialState());
  expect(s.table?.sheet).toBe("项目资金表");
  expect(s.sheetNames).toContain("预算收支");
  expect(stepMarks(s).table).toBe("done");
  expect(mappingIsOpen(s)).toBe(false);
  expect(s.status).toBeNull();
  // The user may open it, and fold it again.
  expect(mappingIsOpen(reduce(s, { type: "fold", id: "mapping", open: true }))).toBe(true);
});

test("a column in doubt (two with the same header): the mapping starts open and the step needs attention", async () => {
  const host = hostOf(workbook({ name: "项目资金表", rows: [["项目名称", "预算数", "实际到位资金", "实际到位资金"], ["甲项目", 100, 90, 80], ["乙项目", 200, 200, 150]] }));
  const s = await detected(host, initialState());
  expect(s.table).not.toBeNull();
  expect(mappingIsOpen(s)).toBe(true);
  expect(stepMarks(s).table).toBe("attention");
});

test("a wrong header row is recoverable: the message says how, 重新识别 drops the picked row and the mapping", async () => {
  const host = await sample();
  let s = await detected(host, initialState());
  s = reduce(s, { type: "field", field: "seq", col: null });
  s = reduce(s, { type: "pick", sheet: "项目资金表", row: 5 });
  expect(s.mapping).toEqual({}); // a new header row: its own columns
  expect(tableOptions(s)).toEqual({ sheet: "项目资金表", headerRow: 5, mapping: {} });
  s = await detected(host, s, "pick");
  expect(s.table).toBeNull();
  expect(stepMarks(s).table).toBe("attention");
  const wrong = statusText(s.status!, "zh");
  expect(wrong.intent).toBe("error");
  expect(wrong.text).toMatch(/第 5 行不是项目资金表的表头.*重新识别/);
  expect(s.issues.map((i) => i.code)).toContain("TABLE_NOT_FOUND");

  s = reduce(s, { type: "again" });
  expect(s.picked).toBeUndefined();
  expect(tableOptions(s).headerRow).toBeUndefined();
  s = await detected(host, s, "again");
  expect(s.table?.projects).toHaveLength(11);
  expect(statusText(s.status!, "zh")).toEqual({ intent: "success", text: "已重新识别：“项目资金表”A3:I15，11 个项目。" });

  // The right row picked: confirmed in the status line.
  s = await detected(host, reduce(s, { type: "pick", sheet: "项目资金表", row: 3 }), "pick");
  expect(statusText(s.status!, "zh")).toEqual({ intent: "success", text: "已以“项目资金表”第 3 行为表头：11 个项目。" });
});

test("a run that found errors is never a green 完成: the count, the error intent, the list brought into view", async () => {
  const host = await sample();
  let s = await detected(host, initialState());
  s = await ran(host, s, "writeRates");
  expect(statusText(s.status!, "zh")).toEqual({ intent: "success", text: "写入到位率：完成。" });
  expect(stepMarks(s).rates).toBe("done");
  expect(s.reveal).toBe(0);

  s = await ran(host, s, "generate");
  const st = statusText(s.status!, "zh");
  expect(st.intent).toBe("error");
  expect(st.text).toBe("生成报告：完成，但有 1 个错误，见问题清单。");
  expect(stepMarks(s).report).toBe("attention");
  expect(s.reveal).toBe(1);
  expect(s.open.error).toBe(true);
  expect(s.paragraphs.length).toBeGreaterThan(50);
  expect(s.expanded).toBe(false);
  // In English, every word of it.
  const en = statusText(s.status!, "en");
  expect(en.text).toBe("Generate report: done, but with 1 error (see the issues).");
  // 下载 Word or 复制全文 afterwards says it worked, and still not in green.
  const downloaded = reduce(s, { type: "note", key: "docxDone", intent: "success", params: { name: "r.docx" } });
  expect(statusText(downloaded.status!, "zh")).toEqual({ intent: "error", text: "已下载 Word 文件“r.docx”。工作簿仍有 1 个错误，见问题清单。" });
  expect(statusText(downloaded.status!, "en").text).toBe('Word file "r.docx" downloaded. The workbook still has 1 error(s); see the issues.');
  expect(en.text).not.toMatch(CJK);
});

test("nothing usable: 未写入, an error", async () => {
  const host = hostOf(workbook({ name: "Sheet1", rows: [["说明"], ["这里没有表格"]] }));
  let s = await detected(host, initialState());
  expect(statusText(s.status!, "zh").intent).toBe("error");
  s = await ran(host, s, "writeRates");
  expect(statusText(s.status!, "zh")).toEqual({ intent: "error", text: "写入到位率：未写入——表格无法使用，见问题清单。" });
  expect(stepMarks(s).rates).toBe("attention");
});

test("a 评分表 of another scheme: the pane asks, replaces on yes (replaceScore), leaves it on no", async () => {
  const host = await sample();
  let s = await detected(host, initialState());
  s = reduce(s, { type: "scheme", scheme: "department" });
  s = await ran(host, s, "createScore");
  expect(s.confirmReplace).toBeNull();
  expect(s.scoreSheets).toEqual(["评分表"]);
  expect(stepMarks(s).score).toBe("done");

  s = reduce(s, { type: "scheme", scheme: "mof2020" });
  s = await ran(host, s, "createScore");
  expect(s.confirmReplace).toEqual({ existing: "评分表" });
  expect(stepMarks(s).score).toBe("attention");
  expect(runOptions(s, "createScore")).not.toHaveProperty("replaceScore");
  expect(runOptions(s, "createScore", true)).toMatchObject({ scheme: "mof2020", replaceScore: true, report: false });

  const no = reduce(s, { type: "replaceCancel" });
  expect(no.confirmReplace).toBeNull();
  expect(statusText(no.status!, "zh").text).toBe("未替换：评分表“评分表”保持不变。");

  s = await ran(host, s, "createScore", true);
  expect(s.confirmReplace).toBeNull();
  expect(s.issues.map((i) => i.code)).toContain("SCHEME_REPLACED");
  expect(stepMarks(s).score).toBe("done");
});

test("the options each button runs with", async () => {
  let s = await detected(await sample(), initialState());
  s = reduce(reduce(s, { type: "mode", mode: "values" }), { type: "overwrite", on: true });
  const base = { sheet: "项目资金表", mapping: {}, mode: "values", overwrite: true };
  expect(runOptions(s, "writeRates")).toEqual({ ...base, headerRow: undefined, report: false });
  expect(runOptions(s, "recalc")).toEqual(runOptions(s, "writeRates")); // the same run: the hint says what it does
  expect(runOptions(s, "generate")).toEqual({ ...base, headerRow: undefined });

  // Forms: every project by default ("all"); the ticked ones once one is left out.
  expect(runOptions(s, "makeForms")).toMatchObject({ forms: "all", formVariant: "national", report: false });
  s = reduce(s, { type: "formProject", name: "友好商会交流工作经费", on: false });
  s = reduce(s, { type: "formVariant", variant: "nature-unit" });
  const some = runOptions(s, "makeForms");
  expect(some.forms).toHaveLength(10);
  expect(some.forms).not.toContain("友好商会交流工作经费");
  expect(some.formVariant).toBe("nature-unit");
  expect(tickedProjects(reduce(s, { type: "allForms", on: false }))).toEqual([]);
  expect(runOptions(reduce(s, { type: "allForms", on: true }), "makeForms").forms).toBe("all");

  // The report: automatic by default; a type, one project, a score sheet when chosen.
  s = reduce(s, { type: "reportType", reportType: "project" });
  s = reduce(s, { type: "reportProject", name: "非公经济统计工作经费" });
  s = reduce(s, { type: "scoreSheet", sheet: "评分表" });
  expect(runOptions(s, "generate")).toMatchObject<RunOptions>({ reportType: "project", reportProject: "非公经济统计工作经费", scoreSheet: "评分表" });
  s = reduce(s, { type: "reportType", reportType: "auto" });
  const auto = runOptions(s, "generate");
  expect(auto).not.toHaveProperty("reportType");
  expect(auto).not.toHaveProperty("reportProject");
});

test("a column changed by the user goes into every run; another sheet starts afresh", async () => {
  let s = await detected(await sample(), initialState());
  s = reduce(s, { type: "field", field: "count", col: null });
  expect(runOptions(s, "writeRates").mapping).toEqual({ count: null });
  s = reduce(s, { type: "sheet", sheet: "预算收支" });
  expect(tableOptions(s)).toEqual({ sheet: "预算收支", headerRow: undefined, mapping: {} });
});

test("issues a ribbon command left stay over the first detection, and are brought into view", async () => {
  const pending: Issue[] = [{ code: "SUM_MISMATCH", severity: "error", sheet: "预算收支", cells: ["B12"], params: {} }];
  let s = initialState(pending);
  expect(s.reveal).toBe(1);
  expect(statusText(s.status!, "zh")).toEqual({ intent: "error", text: "功能区命令发现 1 个问题，见下方问题清单。" });
  s = await detected(await sample(), s);
  expect(s.issues).toBe(pending);
  expect(s.status?.kind).toBe("note");
});

test("folds, filters and the preview: what the user opened stays open; a new run shows every sheet again", async () => {
  const host = await sample();
  let s = await detected(host, initialState());
  s = reduce(s, { type: "group", severity: "info", open: true });
  s = reduce(s, { type: "issueSheet", sheet: "评分表" });
  s = reduce(s, { type: "expand", on: true });
  expect(s).toMatchObject({ open: { info: true }, issueSheet: "评分表", expanded: true });
  s = await ran(host, s, "generate");
  expect(s.issueSheet).toBe("");
  expect(s.open.info).toBe(true);
  expect(s.expanded).toBe(false); // a new report starts folded
});

test("every note and status has its English", () => {
  const notes: Action[] = [
    { type: "note", key: "noSelection", intent: "warning" },
    { type: "note", key: "copied", intent: "success" },
    { type: "note", key: "copyFallback", intent: "warning" },
    { type: "note", key: "docxDone", intent: "success", params: { name: "report.docx" } },
    { type: "note", key: "noFormProjects", intent: "warning" },
    { type: "note", key: "detectedNone", intent: "error" },
    { type: "failed", message: "boom" },
  ];
  for (const a of notes) {
    const s = reduce(initialState(), a);
    expect(statusText(s.status!, "en").text).not.toMatch(CJK);
    expect(statusText(s.status!, "zh").text).toMatch(CJK);
  }
  const done = reduce(initialState(), { type: "note", key: "docxDone", intent: "success", params: { name: "某单位2020年整体支出绩效自评报告.docx" } });
  expect(statusText(done.status!, "zh").text).toBe("已下载 Word 文件“某单位2020年整体支出绩效自评报告.docx”。");
});

test("the first detection takes the write mode the workbook remembers, and lists its score sheets", async () => {
  const host = await sample();
  await run(host, { mode: "values", scheme: "department", report: false });
  const d = await detect(host, {});
  expect(d).toMatchObject({ mode: "values", scoreSheets: ["评分表"] });
  const s = reduce(initialState(), { type: "detected", kind: "initial", result: d });
  expect(s.mode).toBe("values");
  expect(runOptions(s, "writeRates").mode).toBe("values");
  // Later detections keep what the user chose.
  expect(reduce(reduce(s, { type: "mode", mode: "formulas" }), { type: "detected", kind: "again", result: d }).mode).toBe("formulas");
});
