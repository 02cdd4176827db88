/**
 * The standalone page's workings without a browser: files it opens or refuses (with the message
 * naming them), cells typed into the grid (numbers, text, what is refused and why, what then waits
 * for 一键重算), the saved file's name and kind, numbers as the grid shows them, and the local
 * server of `selfeval serve`.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import JSZip from "jszip";
import { formatNumber, parseA1, run } from "../src/core";
import { serveFolder } from "../src/cli/serve";
import { MAX_CELL_TEXT } from "../src/preview/host";
import { OpenFailure, openWorkbook, saveWorkbook } from "../src/standalone/files";
import { problemText } from "../src/standalone/strings";
import { runCli, SAMPLE, tempDir } from "./helpers/books";

const CORPUS = path.join(__dirname, "corpus");
const RATES = ["79.32%", "73.28%", "77.28%"];
const CSV = "项目名称,预算数,实际到位资金\r\n甲项目,50000,39660\r\n乙项目,25500,18686\r\n合计,75500,58346\r\n";
/** The same file as Excel or WPS saves "CSV" on a Chinese Windows: GB18030 (these bytes from Python's gb18030 codec). */
const CSV_GB18030 =
  "cfeec4bfc3fbb3c62cd4a4cbe3cafd2ccab5bccab5bdcebbd7cabdf00d0abcd7cfeec4bf2c35303030302c33393636300d0ad2d2cfeec4bf2c32353530302c31383638360d0abacfbcc62c37353530302c35383334360d0a";

const buf = (b: Uint8Array | Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const open = (name: string, bytes: Uint8Array | Buffer) => openWorkbook(name, buf(bytes));

async function failure(name: string, bytes: Uint8Array | Buffer): Promise<string> {
  try {
    await open(name, bytes);
  } catch (e) {
    if (e instanceof OpenFailure) return e.key;
    throw e;
  }
  return "opened";
}

test.each([
  ["UTF-8 with its BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)])],
  ["GB18030 (Excel and WPS on a Chinese Windows)", Buffer.from(CSV_GB18030, "hex")],
])("a CSV file in %s: read as written, the rates right", async (_what, bytes) => {
  const host = await open("项目资金.csv", bytes);
  const r = await run(host, { mode: "formulas" });
  expect(r.ok).toBe(true);
  expect([...r.facts.projects.map((p) => p.rateText), r.facts.totals?.rateText]).toEqual(RATES);
});

test("files that are no workbook are refused by name, the reason in the message; nothing crashes", async () => {
  const word = new JSZip();
  word.file("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  word.file("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  word.file("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>');
  const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
  expect(await failure("2020年项目资金.xls", ole)).toBe("xls");
  expect(await failure("改了扩展名.xlsx", ole)).toBe("xls"); // an .xls renamed
  expect(await failure("说明.txt", Buffer.from("项目资金"))).toBe("notWorkbook");
  expect(await failure("报告.xlsx", await word.generateAsync({ type: "nodebuffer" }))).toBe("damaged"); // a Word file renamed
  expect(await failure("空.xlsx", new Uint8Array())).toBe("damaged");
  expect(await failure("半截.xlsx", readFileSync(SAMPLE).subarray(0, 4000))).toBe("damaged");
  expect(await failure("项目资金.xlsx", readFileSync(SAMPLE))).toBe("opened");
  expect(problemText({ kind: "formula", sheet: "评分表", cell: "H12" }, "zh")).toBe("评分表!H12 是公式，不能在网页中修改（请在 Excel 或 WPS 中修改）。");
});

test("typed cells: plain numbers as numbers, the rest as text (= + - @ too), in the cell's own style; refused cells write nothing and say why", async () => {
  const host = await open("项目资金.xlsx", readFileSync(SAMPLE));
  expect(host.dirty).toBe(false);
  await run(host, { mode: "formulas" });
  const cases: [string, string, unknown][] = [
    ["K20", "1200", 1200],
    ["K21", "-5.5", -5.5],
    ["K22", "007", "007"],
    ["K23", "96%", "96%"],
    ["K24", "=SUM(C4:C14)", "=SUM(C4:C14)"],
    ["K25", "+1", "+1"],
    ["K26", "@abc", "@abc"],
    ["K27", "达成", "达成"],
  ];
  for (const [cell, text] of cases) expect(await host.edit("项目资金表", parseA1(cell).row, parseA1(cell).col, text)).toBeNull();
  const sheet = (await host.read()).sheets.find((s) => s.name === "项目资金表")!;
  const held = (cell: string) => [sheet.values[parseA1(cell).row - 1][parseA1(cell).col - 1], sheet.formulas?.[parseA1(cell).row - 1][parseA1(cell).col - 1] ?? null];
  expect(cases.map(([cell]) => held(cell))).toEqual(cases.map(([, , v]) => [v, null]));
  expect(host.edits).toBe(cases.length);
  // Cleared by an empty text.
  expect(await host.edit("项目资金表", 20, 11, "")).toBeNull();
  expect((await host.read()).sheets.find((s) => s.name === "项目资金表")!.values[19]?.[10] ?? null).toBeNull();

  // Refused: a formula (the rate the tool wrote), the protected report, text over Excel's limit.
  const before = Buffer.from(await host.toBuffer());
  expect(await host.edit("项目资金表", 4, 10, "0.8")).toEqual({ kind: "formula", sheet: "项目资金表", cell: "J4" });
  expect(await host.edit("自评报告", 1, 1, "改")).toEqual({ kind: "protected", sheet: "自评报告", cell: "A1" });
  expect(await host.edit("项目资金表", 30, 2, "字".repeat(MAX_CELL_TEXT + 1))).toEqual({ kind: "tooLong", sheet: "项目资金表", cell: "B30", max: MAX_CELL_TEXT });
  expect(Buffer.from(await host.toBuffer()).equals(before)).toBe(true);
  expect(problemText({ kind: "tooLong", sheet: "项目资金表", cell: "B30", max: MAX_CELL_TEXT }, "zh")).toBe("项目资金表!B30：内容超过 32767 个字符（Excel 单元格的上限），没有写入。");
});

test("a chart sheet cannot be typed into; a macro workbook is saved as .xlsm with its macros", async () => {
  const input = readFileSync(path.join(CORPUS, "sheetjs", "BlankSheetTypes.xlsm"));
  const host = await open("宏.xlsm", input);
  const chart = host.model.sheets.find((s) => s.kind === "chartsheet")!;
  expect(await host.edit(chart.name, 1, 1, "1")).toEqual({ kind: "notWorksheet", sheet: chart.name, cell: "A1" });
  const file = await saveWorkbook(host, "宏.xlsm");
  expect(file.name).toBe("宏-自评.xlsm");
  expect(file.type).toBe("application/vnd.ms-excel.sheet.macroEnabled.12");
  expect((await JSZip.loadAsync(file.bytes)).file("xl/vbaProject.bin")).not.toBeNull();
});

test("the saved file's name: the one opened with -自评 (once), a workbook of its kind; saving leaves nothing unsaved", async () => {
  const host = await open("项目资金.csv", Buffer.from(CSV));
  await run(host, { mode: "formulas" });
  expect(host.dirty).toBe(true);
  const file = await saveWorkbook(host, "项目资金.csv");
  expect([file.name, file.type]).toEqual(["项目资金-自评.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]);
  expect(host.dirty).toBe(false);
  expect((await saveWorkbook(await open("x.xlsx", Buffer.from(file.bytes)), "项目资金-自评.xlsx")).name).toBe("项目资金-自评.xlsx");
});

test("what waits for 一键重算: the formulas that read a typed cell (on its sheet, or naming it), until a run writes them again", async () => {
  const host = await open("项目资金.xlsx", readFileSync(SAMPLE));
  await run(host, { mode: "formulas", scheme: "department", report: false });
  const score = (await host.read()).sheets.find((s) => s.name === "评分表")!;
  const onSheet = (name: string) => [...host.stale].filter((k) => k.startsWith(`${name}!`)).length;
  // A 实际完成值 of the 评分表: its formulas wait; the rates, which do not read it, do not.
  const actual = score.values.findIndex((r) => r.includes("实际完成值"));
  const col = score.values[actual].indexOf("实际完成值") + 1;
  expect(await host.edit("评分表", actual + 2, col, "95%")).toBeNull();
  expect(onSheet("评分表")).toBeGreaterThan(0);
  expect(onSheet("项目资金表")).toBe(0);
  // An amount of the fund table: its rates wait, and the 评分表 that names the fund table too.
  expect(await host.edit("项目资金表", 4, 6, "40000")).toBeNull();
  expect(onSheet("项目资金表")).toBe(12);
  expect(host.edits).toBe(2);
  await run(host, { mode: "formulas", report: false }); // 一键重算
  expect(host.stale.size).toBe(0);
  expect(host.edits).toBe(0);
  expect(host.expectations.get("项目资金表!J4")?.expect).toBe("0.8");
});

test.each([
  [0.7932, "[=1]0%;[=0]0%;0.00%", "79.32%"],
  [1, "[=1]0%;[=0]0%;0.00%", "100%"],
  [550000, "#,##0.00", "550,000.00"],
  [-1234567.125, "#,##0.00", "-1,234,567.13"],
  [0.955, "0.0%", "95.5%"],
  [12.345, "0.00", "12.35"],
  [1 / 3, "General", "0.3333333333"],
  [1070000, "General", "1070000"],
  [1234.5, "_-* #,##0.00_-;-* #,##0.00_-", "1,234.50"],
  [0.5, "[=0.5]0%;[=1]0%;0.00%", "50%"],
  [0.4932, "[=0.5]0%;[=1]0%;0.00%", "49.32%"],
])("the grid shows %p in %p as %p (rounded half up)", (v, fmt, shown) => {
  expect(formatNumber(v, fmt)).toBe(shown);
});

/** One request to the server; the status and the body. */
function get(url: string, method = "GET"): Promise<{ status: number; body: string; type?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, type: res.headers["content-type"] }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("selfeval serve's server: the folder on 127.0.0.1, index.html for a folder, nothing outside it, only GET and HEAD", async () => {
  const dir = tempDir("page-");
  writeFileSync(path.join(dir, "index.html"), "<p>页面</p>");
  mkdirSync(path.join(dir, "sub"));
  writeFileSync(path.join(dir, "sub", "a.js"), "1;");
  writeFileSync(path.join(dir, "..", `${path.basename(dir)}-secret.txt`), "outside");
  const server = await serveFolder(dir);
  try {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await get(server.url);
    expect([page.status, page.type, page.body]).toEqual([200, "text/html; charset=utf-8", "<p>页面</p>"]);
    const script = await get(`${server.url}sub/a.js`);
    expect([script.status, script.type]).toEqual([200, "text/javascript; charset=utf-8"]);
    expect((await get(`${server.url}sub/a.js`, "HEAD")).body).toBe("");
    for (const outside of [`%2e%2e/${path.basename(dir)}-secret.txt`, `..%2f${path.basename(dir)}-secret.txt`, `sub/%2e%2e/%2e%2e/${path.basename(dir)}-secret.txt`]) expect((await get(server.url + outside)).status).toBe(404);
    expect((await get(`${server.url}nothing.js`)).status).toBe(404);
    expect((await get(server.url, "POST")).status).toBe(405);
  } finally {
    await server.close();
  }
});

test("selfeval serve without the built page says how to build it; a wrong port is a usage error", async () => {
  const empty = tempDir("no-page-");
  const r = await runCli(["serve", "--dir", empty]);
  expect(r.code).toBe(2);
  expect(r.err).toContain("中没有 index.html");
  expect((await runCli(["serve", "--port", "八零八零"])).code).toBe(64);
});
