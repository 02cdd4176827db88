/**
 * Excel on the web's 5 MB caps, checked with the real Excel JavaScript client
 * (excel-web-16.00.debug.js in a vm, its requests captured and answered by the Office.js double):
 * every request and response of 识别/计算到位率/评分表/生成报告 at 11, 1,000, 10,000 and 50,000
 * projects stays under 5 MB, with the round trips the README promises.
 */
import { readFileSync } from "node:fs";
import { readRequest, run, sheetCells } from "../src/core";
import { ExcelHost, WRITE_BUDGET } from "../src/excel/host";
import { XlsxHost } from "../src/xlsx/host";
import { SAMPLE } from "./helpers/books";
import { Exchange, ExcelWebReplay } from "./helpers/excel-web";
import { OfficeDouble, PAYLOAD_LIMIT, SheetModel, bookFromSnapshot } from "./helpers/office-double";

const MB = 1000 * 1000;

/** A fund table of n projects (the bench's shape: nine columns, three of them text). */
function fundBook(n: number): OfficeDouble {
  const s = new SheetModel("项目资金表");
  const put = (r: number, c: number, v: string | number) => (s.at(r, c).v = v);
  put(1, 1, "某单位2020年项目资金表");
  put(2, 1, "单位：元");
  ["序号", "项目名称", "项目资金（元）", "区本级财政资金（元）", "项目个数", "投入资金（元）", "过程管理情况", "产出情况", "效益情况"].forEach((h, j) => put(3, j + 1, h));
  let sb = 0;
  let sf = 0;
  for (let i = 1; i <= n; i++) {
    const b = 10000 + ((i * 7919) % 900000);
    const f = Math.floor((b * ((i * 31) % 100)) / 100);
    [i, `项目${i}`, b, b, 1, f, "按规定使用。", "完成。", "良好。"].forEach((v, j) => put(3 + i, j + 1, v));
    sb += b;
    sf += f;
  }
  put(n + 4, 2, "合计");
  Object.assign(s.at(n + 4, 3), { f: `=SUM(C4:C${n + 3})`, v: sb });
  Object.assign(s.at(n + 4, 6), { f: `=SUM(F4:F${n + 3})`, v: sf });
  return new OfficeDouble({ sheets: [s], active: s.name, tables: [] });
}

const figures: string[] = [];
function note(label: string, host: ExcelHost, ex: Exchange[]): void {
  const req = Math.max(...ex.map((e) => e.requestBytes));
  const res = Math.max(...ex.map((e) => e.responseBytes));
  figures.push(`${label}: ${host.syncs} round trips, largest request ${(req / MB).toFixed(2)} MB, largest response ${(res / MB).toFixed(2)} MB`);
}
afterAll(() => console.log(figures.join("\n")));

function underCap(ex: Exchange[]): void {
  expect(ex.filter((e) => e.error)).toEqual([]);
  for (const e of ex) {
    expect(e.requestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    expect(e.responseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
  }
}

test("the sample (11 projects): 3 round trips per command; a rerun does not read the protected report", async () => {
  const d = new OfficeDouble(bookFromSnapshot(await (await XlsxHost.fromBuffer(readFileSync(SAMPLE), "xlsx")).read()));
  const web = new ExcelWebReplay(d);
  const host = new ExcelHost(web.run, d.isSetSupported);
  const r = await run(host, { mode: "formulas", scheme: "department" });
  expect(r.ok).toBe(true);
  expect(host.syncs).toBe(3);
  underCap(web.exchanges);
  note("11 projects, 生成报告", host, web.exchanges);
  expect(d.sheet("自评报告").protected).toBe(true);
  expect(d.sheet("_绩效自评").visibility).toBe("VeryHidden");

  web.exchanges = [];
  const snap = await host.read(readRequest({}));
  const report = snap.sheets.find((s) => s.name === "自评报告")!;
  expect(report).toMatchObject({ skipped: true, protected: true, values: [] });
  expect(snap.sheets.find((s) => s.name === "项目资金表")!.protected).toBe(false);
  // The report's text is not read: unprotected (as a user who edits it would), the same read costs more by the report's size.
  const protectedBytes = web.exchanges.reduce((n, e) => n + e.responseBytes, 0);
  d.sheet("自评报告").protected = false;
  web.exchanges = [];
  const open = await host.read(readRequest({}));
  expect(open.sheets.find((s) => s.name === "自评报告")!.skipped).toBeUndefined();
  const reportBytes = Buffer.byteLength(JSON.stringify(r.paragraphs.map((p) => p.text)), "utf8");
  expect(web.exchanges.reduce((n, e) => n + e.responseBytes, 0) - protectedBytes).toBeGreaterThan(reportBytes);
  d.sheet("自评报告").protected = true;

  web.exchanges = [];
  const again = await run(host, { mode: "formulas" });
  expect(again.ok).toBe(true);
  expect(host.syncs).toBe(3);
  expect(again.issues.map((i) => i.code)).not.toContain("SHEET_EDITED");
  expect(d.sheet("自评报告").protected).toBe(true); // rewritten (unprotected, written, protected again)
});

test("1,000 projects: 生成报告 in 3 round trips, the report formatted by ranges (not 8,092 cells)", async () => {
  const d = fundBook(1000);
  const web = new ExcelWebReplay(d);
  const host = new ExcelHost(web.run, d.isSetSupported);
  // One report for the unit (the 项目支出 scheme alone would give 1,000 project reports: see the 10,000 case).
  const r = await run(host, { mode: "formulas", scheme: "mof2020", reportType: "department" });
  expect(r.ok).toBe(true);
  expect(host.syncs).toBe(3);
  underCap(web.exchanges);
  note("1,000 projects, 生成报告", host, web.exchanges);
  const cells = sheetCells(r.plan.sheets.find((s) => s.sheet === "自评报告")!).length;
  expect(cells).toBeGreaterThan(8000);
  // The whole write is a few hundred commands, not several per report cell.
  expect(web.exchanges[2].actions).toBeLessThan(cells / 10);
  expect(d.sheet("自评报告").get(1, 1)).toMatchObject({ wrap: true, vAlign: "Top" });
});

test("10,000 projects: 计算到位率 in 3 round trips; 生成报告 adds one request per 3.5 MB of text (the report alone is over 5 MB)", async () => {
  const d = fundBook(10000);
  const web = new ExcelWebReplay(d);
  const host = new ExcelHost(web.run, d.isSetSupported);
  const rates = await run(host, { mode: "formulas", report: false });
  expect(rates.ok).toBe(true);
  expect(host.syncs).toBe(3);
  underCap(web.exchanges);
  note("10,000 projects, 计算到位率", host, web.exchanges);

  web.exchanges = [];
  const r = await run(host, { mode: "formulas", scheme: "mof2020" });
  expect(r.ok).toBe(true);
  underCap(web.exchanges);
  const written = web.exchanges.slice(2).reduce((n, e) => n + e.requestBytes, 0);
  expect(written).toBeGreaterThan(PAYLOAD_LIMIT); // cannot go in one request at all
  expect(host.syncs).toBe(2 + Math.ceil(written / WRITE_BUDGET));
  note("10,000 projects, 生成报告", host, web.exchanges);

  web.exchanges = [];
  const recalc = await run(host, { report: false });
  expect(recalc.ok).toBe(true);
  expect(host.syncs).toBe(3); // the protected report is not read
  underCap(web.exchanges);
  note("10,000 projects, 一键重算", host, web.exchanges);
}, 120_000);

test("50,000 projects: every request and response under 5 MB", async () => {
  const d = fundBook(50000);
  const web = new ExcelWebReplay(d);
  const host = new ExcelHost(web.run, d.isSetSupported);
  const r = await run(host, { mode: "formulas", scheme: "mof2020" });
  expect(r.ok).toBe(true);
  expect(r.table!.projects).toHaveLength(50000);
  underCap(web.exchanges);
  // The heaviest requests (the report's text) keep 15% of the cap free for whatever wraps them on the way.
  expect(Math.max(...web.exchanges.map((e) => e.requestBytes))).toBeLessThanOrEqual(0.85 * PAYLOAD_LIMIT);
  note("50,000 projects, 生成报告", host, web.exchanges);
  expect(d.sheet("项目资金表").get(50003, 10)!.f).toBe('=IF(F50003="","",IFERROR(F50003/C50003,""))');
  web.exchanges = [];
  const recalc = await run(host, { report: false });
  expect(recalc.ok).toBe(true);
  underCap(web.exchanges);
  note("50,000 projects, 一键重算", host, web.exchanges);
}, 300_000);

test("a large sheet nobody named (20,000 rows of long text): the whole read is refused, then read in blocks", async () => {
  const d = fundBook(20);
  const notes = new SheetModel("工作记录");
  for (let r = 1; r <= 20000; r++) notes.at(r, 1).v = `第${r}条：` + "按照年度绩效目标，对项目实施情况进行了全面自查并形成记录。".repeat(4);
  // A one-row sheet before it, read in the same refused batch: it stays one row (never halved into an empty block).
  const memo = new SheetModel("备注");
  for (let c = 1; c <= 3; c++) memo.at(1, c).v = `备注${c}：` + "本年度项目均按计划实施。".repeat(3);
  d.book.sheets.push(memo, notes);
  const web = new ExcelWebReplay(d);
  const host = new ExcelHost(web.run, d.isSetSupported);
  const snap = await host.read(readRequest({}));
  expect(web.exchanges.some((e) => e.error === "ResponsePayloadSizeLimitExceeded")).toBe(true);
  // A refusal teaches the host the sheet's size at least: the blocks after it are not cut smaller than
  // need be (12 exchanges when each block of a refused batch doubled the estimate again, 10 now).
  expect(web.exchanges.filter((e) => e.error).length).toBeLessThanOrEqual(4);
  expect(web.exchanges.length).toBeLessThanOrEqual(10);
  const s = snap.sheets.find((x) => x.name === "工作记录")!;
  expect(s.values).toHaveLength(20000);
  expect(String(s.values[19999][0])).toMatch(/^第20000条/);
  const m = snap.sheets.find((x) => x.name === "备注")!;
  expect(m.values).toHaveLength(1);
  expect(m.values[0].map((v) => String(v).slice(0, 3))).toEqual(["备注1", "备注2", "备注3"]);
  for (const e of web.exchanges.filter((x) => !x.error)) expect(e.responseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
});

test("values null (a range past Excel's cell limit) are read again in smaller blocks", async () => {
  const d = fundBook(300);
  d.book.cellLimit = 1000; // Excel: five million; small here to make it happen
  const host = new ExcelHost(d.run, d.isSetSupported);
  const snap = await host.read(readRequest({}));
  const s = snap.sheets[0];
  expect(s.values).toHaveLength(304);
  expect(s.values[303][1]).toBe("合计");
  expect(host.syncs).toBeGreaterThan(3);
});
