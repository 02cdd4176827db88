/**
 * Issue 10: each project's 项目支出绩效自评表 in the printed layout; targets as people write them;
 * 定性 wordings; 不适用 left out with the total re-scaled — every score formula recalculated by
 * LibreOffice equals the decimal.js score.
 */
import path from "node:path";
import { Issue, RunResult, a1, plan, run } from "../src/core";
import { Cell, hostOf, loadBuffer, workbook } from "./helpers/books";
import { computed, recalculate } from "./helpers/libreoffice";

/** A cell's text as shown (LibreOffice saves mixed Chinese and digits as rich text). */
const text = (v: unknown) => (v && typeof v === "object" && "richText" in v ? (v as { richText: { text: string }[] }).richText.map((t) => t.text).join("") : v);

const at = (issues: Issue[], code: string) => issues.filter((i) => i.code === code).map((i) => `${i.sheet}!${i.cells.join(",")}`);

const FUND: Cell[][] = [
  ["宣城市地震局2021年项目资金表"],
  ["单位：元"],
  ["序号", "项目名称", "年初预算数", "全年预算数", "实际到位资金", "全年执行数"],
  [1, "防震减灾综合保障", 550000, 550000, 550000, 550000],
  [null, "其中：本年财政拨款", 550000, 550000, 550000, 550000],
  [null, "上年结转资金", 0, 0, 0, 0],
  [null, "其他资金", 0, 0, 0, 0],
  [2, "地震监测/台网运维：信息中心与各台站[2021]年度日常运行维护工作专项经费", 300000, 320000, 320000, 301500],
];

/** Every formula the plan wrote, recalculated by LibreOffice, against decimal.js. */
async function checkFormulas(host: ReturnType<typeof hostOf>, r: RunResult): Promise<Awaited<ReturnType<typeof recalculate>>> {
  await host.apply(r.plan);
  const lo = await recalculate(await host.toBuffer());
  const bad: string[] = [];
  for (const part of [...r.plan.edits, ...r.plan.sheets])
    for (const c of part.cells) {
      if (c.content.kind !== "formula" || c.expect === undefined) continue;
      const got = computed(lo.getWorksheet(part.sheet)!, a1(c.row, c.col));
      const ok = c.expect === "" ? got === "" || got == null : typeof got === "number" ? Math.abs(got - Number(c.expect)) < 1e-12 : String(got) === c.expect;
      if (!ok) bad.push(`${part.sheet}!${a1(c.row, c.col)}: ${JSON.stringify(got)} ≠ ${c.expect}`);
    }
  expect(bad).toEqual([]);
  return lo;
}

describe("one 项目支出绩效自评表 per project", () => {
  test("named after the project (legal, unique, ≤ 31 characters), filled from its own row and 其中 rows, recalculated by Excel's formulas", async () => {
    const host = hostOf(workbook({ name: "项目资金表", rows: FUND }, { name: "基本信息", rows: [["项目", "内容"], ["单位名称", "宣城市地震局"], ["主管部门", "宣城市地震局"], ["年度", "2021"]] }));
    const r = plan(await host.read(), { forms: "all", report: false });
    const names = r.plan.sheets.filter((s) => s.sheet !== "_绩效自评").map((s) => s.sheet);
    expect(names).toEqual(["防震减灾综合保障", "地震监测台网运维：信息中心与各台站2021年度日常运行维护工作"]); // / [ ] removed, cut at 31
    expect(names[1].length).toBeLessThanOrEqual(31);
    const lo = await checkFormulas(host, r);
    const form = lo.getWorksheet("防震减灾综合保障")!;
    expect(computed(form, "A1")).toBe("项目支出绩效自评表");
    expect(text(computed(form, "A2"))).toBe("（2021年度）");
    expect(["B3", "B4", "F4"].map((c) => text(computed(form, c)))).toEqual(["防震减灾综合保障", "宣城市地震局", "宣城市地震局"]);
    // 年度资金总额 and the 其中 rows, in 万元, from the project's own cells.
    expect(["C6", "D6", "E6", "F6", "G6", "H6"].map((c) => computed(form, c))).toEqual([55, 55, 55, 10, 1, 10]);
    expect(["C7", "D7", "E7", "G7"].map((c) => computed(form, c))).toEqual([55, 55, 55, 1]);
    expect(["B8", "D8", "B9", "D9"].map((c) => computed(form, c))).toEqual(["上年结转资金", 0, "其他资金", 0]);
    const second = lo.getWorksheet(names[1])!;
    expect(["C6", "D6", "E6"].map((c) => computed(second, c))).toEqual([30, 32, 30.15]);
    expect(computed(second, "H6")).toBe(9.42); // 10 × 301500/320000 = 9.421875
    expect(r.facts.forms!.map((f) => [f.project, f.levels[0].score])).toEqual([
      ["防震减灾综合保障", "10.00"],
      ["地震监测/台网运维：信息中心与各台站[2021]年度日常运行维护工作专项经费", "9.42"],
    ]);
  });

  test("the filled form is scored like the official one, and a rerun updates it in place (no second copy)", async () => {
    const host = hostOf(workbook({ name: "项目资金表", rows: FUND.slice(0, 7) }));
    await run(host, { forms: ["防震减灾综合保障"], report: false });
    const wb = await loadBuffer(await host.toBuffer());
    const ws = wb.getWorksheet("防震减灾综合保障")!;
    // As 宣城's published form (example 01): targets written with comparators, units and dates.
    const fill: [number, string, Cell, Cell][] = [
      [13, "接受业务培训人数", 200, "200余人"],
      [14, "台网运行率", "≥95%", "99.12%"],
      [15, "业务培训时限", "11月底前", "10月"],
      [16, "人均成本", "≤500元", "480元"],
      [17, "社会公众防震减灾意识", "提高", "达成预期指标"],
      [18, "可持续影响", "不适用", "不适用"],
      [19, "服务对象满意度", "≥90%", "93%"],
    ];
    for (const [row, name, target, actual] of fill) {
      ws.getCell(row, 3).value = name;
      ws.getCell(row, 4).value = target as never;
      ws.getCell(row, 5).value = actual as never;
    }
    const again = hostOf(wb);
    const r = plan(await again.read(), { report: false });
    expect(r.plan.sheets.map((s) => s.sheet)).toEqual(["_绩效自评"]); // no new sheet
    const lo = await checkFormulas(again, r);
    const form = lo.getWorksheet("防震减灾综合保障")!;
    expect(["G13", "G14", "G15", "G16", "G17", "G18", "G19"].map((c) => computed(form, c))).toEqual([15, 15, 10, 10, 20, "不适用", 10]);
    // 不适用 (可持续影响, 10) is left out: (10 + 80) ÷ 90 × 100 = 100.
    expect(r.facts.forms![0]).toMatchObject({ total: "100.00", grade: "优" });
    expect(computed(form, "G20")).toBe(100);
    expect(at(r.issues, "SCORE_UNIT_MISMATCH")).toEqual([]);
  });
});

test("targets as written: comparator and unit, scored per comparator, capped at 分值; units that disagree are an issue", async () => {
  const grid: Cell[][] = [
    ["我的指标"],
    [],
    ["一级指标", "二级指标", "三级指标", "分值", "计分方式", "年度指标值", "实际完成值", "得分", "偏差原因分析及改进措施", "定性得分比例"],
    ["产出", null, null, 100],
    [null, null, "场次", 20, null, "≥50个", "52个"], // 正向, capped: 20
    [null, null, "成本", 20, null, "≤90万元", "100万元"], // 反向: 20 × 90/100 = 18
    [null, null, "合格率", 20, null, "=100%", "98%"], // 达标: not met, 0
    [null, null, "人次", 10, null, "100人次", "80人次"], // 正向: 8
    [null, null, "时限", 10, null, "2019年", "2020年"], // 时效: late, 0
    [null, null, "单位不同", 10, null, "≥50个", "52场"], // no score, an issue
    [null, null, "完成度", 10, null, null, "基本达成"], // 定性, 部分达成 band: 10 × 80% = 8
  ];
  const host = hostOf(workbook({ name: "项目资金表", rows: FUND.slice(0, 4) }, { name: "我的指标", rows: grid }));
  const r = plan(await host.read(), { scheme: "我的指标", report: false });
  await checkFormulas(host, r);
  const score = (name: string) => r.score!.indicators.find((i) => i.path.includes(name))!.score;
  expect(["场次", "成本", "合格率", "人次", "时限", "单位不同", "完成度"].map(score)).toEqual(["20.00", "18.00", "0.00", "8.00", "0.00", null, "8.00"]);
  expect(at(r.issues, "SCORE_UNIT_MISMATCH")).toEqual(["评分表!G10"]);
});

test("the sample as a project unit: forms for all four projects of fangzhen-2021", async () => {
  const file = path.join(__dirname, "..", "assets", "samples", "fangzhen-2021.xlsx");
  const { XlsxHost } = await import("../src/xlsx/host");
  const { readFileSync } = await import("node:fs");
  const host = await XlsxHost.fromBuffer(readFileSync(file), "xlsx");
  const r = await run(host, { forms: "all", report: false });
  expect(r.facts.forms!.map((f) => [f.sheet, f.levels[0].score])).toEqual([
    ["防震减灾综合保障", "10.00"],
    ["地震监测台网运维", "9.42"],
    ["防震减灾科普宣传", "8.23"],
    ["应急演练（年中追加）", "10.00"],
  ]);
});

describe("report types and schemes", () => {
  const ONE: Cell[][] = [["项目名称", "全年预算数", "全年执行数"], ["培训项目", 500000, 431000]];

  test("a 项目支出 scheme gets a 项目支出 report — never 整体 — and every count in it agrees with the sheet", async () => {
    const r = plan(await hostOf(workbook({ name: "项目资金表", rows: ONE })).read(), { scheme: "mof2020" });
    const text = r.paragraphs.map((p) => p.text);
    expect(text[0]).toBe("【待填写：单位名称】培训项目【待填写：年度】年度项目支出绩效自评报告");
    expect(text.join("\n")).not.toContain("整体支出");
    expect(text).toContain("经自评，培训项目绩效自评得分【待填写：总分】分，评价等级为“【待填写：评价等级】”，其中预算执行率得8.62分。");
    // Asked for the department report, the same scheme is described as it is: four parts, four 一级.
    const d = plan(await hostOf(workbook({ name: "项目资金表", rows: ONE })).read(), { scheme: "mof2020", reportType: "department" });
    const system = d.paragraphs.find((p) => p.text.startsWith("整个指标体系分为"))!.text;
    expect(system).toBe("整个指标体系分为预算执行率（10分），产出指标（50分），效益指标（30分），满意度指标（10分），共设置了4个一级指标，9个二级指标，9个三级指标。");
  });

  test("creating another scheme where a 评分表 exists: nothing replaced unless asked; asked, the old one is kept", async () => {
    const host = hostOf(workbook({ name: "项目资金表", rows: ONE }));
    await run(host, { scheme: "department", report: false });
    const refused = plan(await host.read(), { scheme: "mof2020", report: false });
    expect(refused.issues.filter((i) => i.code === "SCHEME_EXISTS").map((i) => i.sheet)).toEqual(["评分表"]);
    expect(refused.plan.sheets.map((s) => s.sheet)).toEqual(["_绩效自评"]);
    const replaced = await run(host, { scheme: "mof2020", replaceScore: true, report: false });
    expect(replaced.issues.find((i) => i.code === "SCHEME_REPLACED")!.params).toMatchObject({ kept: "评分表（原）" });
    const names = (await host.read()).sheetNames;
    expect(names).toContain("评分表（原）");
    expect(names.filter((n) => n.startsWith("评分表"))).toEqual(["评分表（原）", "评分表"].filter((n) => names.includes(n)));
    expect(names).not.toContain("评分表（2）");
    expect(replaced.score).toMatchObject({ scheme: "mof2020", sheet: "评分表" });
  });
});

test("Word: 公文 page numbers (— 1 —), the marked paragraphs highlighted, each project's 自评表 as a table one page long", async () => {
  const { readFileSync, writeFileSync, mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { execFileSync } = await import("node:child_process");
  const JSZip = (await import("jszip")).default;
  const { convertDocx } = await import("./helpers/libreoffice");
  const { runCli } = await import("./helpers/books");
  const dir = mkdtempSync(path.join(tmpdir(), "forms-docx-"));
  const out = (f: string) => path.join(dir, f);
  const sample = path.join(__dirname, "..", "assets", "samples", "fangzhen-2021.xlsx");
  expect((await runCli(["report", sample, "-o", out("out.xlsx"), "--forms", "all", "--docx", out("report.docx")])).code).toBe(0);
  const docx = readFileSync(out("report.docx"));
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file("word/document.xml")!.async("string");
  expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(4); // one 自评表 per project
  const highlighted = (word: string) => new RegExp(`<w:highlight w:val="yellow"/>(?:(?!</w:r>).)*${word}`).test(xml);
  expect([highlighted("【草稿，请核实】"), highlighted("【待填写：")]).toEqual([true, true]);
  const footers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/footer\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async("string")));
  expect(footers.some((f) => f.includes("— ") && f.includes("PAGE"))).toBe(true);
  // The money block reads in Word exactly as the workbook's cells show it (LibreOffice's text of row 6: 年度资金总额).
  const { shownText } = await import("./helpers/libreoffice");
  const money = shownText(readFileSync(out("out.xlsx")))["防震减灾综合保障"][5].slice(2, 8).filter((x) => x !== "");
  expect(money).toEqual(["55.00", "55.00", "55.00", "10", "100%", "10.00"]);
  const row6 = /<w:tr>(?:(?!<\/w:tr>).)*年度资金总额(?:(?!<\/w:tr>).)*<\/w:tr>/.exec(xml)![0];
  expect([...row6.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).filter((t) => /^[\d.,%]+$/.test(t))).toEqual(money);
  const { pdf } = convertDocx(docx);
  writeFileSync(out("report.pdf"), pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [out("report.pdf")], { encoding: "utf8" }))![1]);
  const text = execFileSync("pdftotext", ["-layout", out("report.pdf"), "-"], { encoding: "utf8" }).split("\f");
  expect(text[0]).toMatch(/—\s*1\s*—/);
  expect(text[pages - 1]).toMatch(new RegExp(`—\\s*${pages}\\s*—`));
  // The four forms fill the last four pages, one each: each page holds its form from the title to 评价等级.
  const forms = text.slice(pages - 4, pages);
  for (const [i, name] of ["防震减灾综合保障", "地震监测台网运维", "防震减灾科普宣传", "应急演练（年中追加）"].entries()) {
    expect(forms[i]).toContain("项目支出绩效自评表");
    expect(forms[i]).toContain(name);
    expect(forms[i]).toContain("评价等级");
  }
});

test("printed from Excel's own page setup: each 自评表 one A4 page wide, the official columns only, labels not clipped", async () => {
  const { readFileSync, writeFileSync, mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { execFileSync } = await import("node:child_process");
  const { printWorkbook } = await import("./helpers/libreoffice");
  const { runCli } = await import("./helpers/books");
  const dir = mkdtempSync(path.join(tmpdir(), "forms-print-"));
  const out = (f: string) => path.join(dir, f);
  const sample = path.join(__dirname, "..", "assets", "samples", "fangzhen-2021.xlsx");
  expect((await runCli(["report", sample, "-o", out("out.xlsx"), "--forms", "all"])).code).toBe(0);
  writeFileSync(out("out.pdf"), printWorkbook(readFileSync(out("out.xlsx"))));
  const info = execFileSync("pdfinfo", ["-f", "1", "-l", "999", out("out.pdf")], { encoding: "utf8" });
  const sizes = [...info.matchAll(/Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => [Number(m[2]), Number(m[3])]);
  const pages = execFileSync("pdftotext", ["-layout", out("out.pdf"), "-"], { encoding: "utf8" }).split("\f");
  const formPages = pages.map((t, i) => [t, i] as const).filter(([t]) => t.trim().split("\n")[0].trim() === "项目支出绩效自评表");
  // One page per form: not split into columns (fit to one page wide), not run over to a second page.
  expect(formPages.map(([t]) => ["防震减灾综合保障", "地震监测台网运维", "防震减灾科普宣传", "应急演练（年中追加）"].find((n) => t.includes(n)))).toEqual(["防震减灾综合保障", "地震监测台网运维", "防震减灾科普宣传", "应急演练（年中追加）"]);
  for (const [t, i] of formPages) {
    expect(sizes[i].map((x) => Math.round(x))).toEqual([595, 842]); // A4 portrait
    for (const word of ["项目名称", "年初预算数", "偏差原因分析及改进措施", "满意度指标", "总分", "评价等级"]) expect(t).toContain(word);
    expect(t).not.toContain("计分方式"); // the helper columns stay on screen
    expect(t).toMatch(/第 \d+ 页 共 \d+ 页/);
  }
  // A label of two lines ends above the next row's text (rows fitted to it, not overlapped or clipped).
  const page = formPages[0][1] + 1;
  const bbox = execFileSync("pdftotext", ["-f", String(page), "-l", String(page), "-bbox", out("out.pdf"), "-"], { encoding: "utf8" });
  const words = [...bbox.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g)].map((m) => ({ top: Number(m[1]), bottom: Number(m[2]), text: m[3] }));
  const word = (t: string) => words.find((w) => w.text === t)!;
  expect(word("拨款").bottom).toBeLessThan(word("上年结转资金").top); // 其中：当年财政拨款, two lines
  expect(word("10分）").bottom).toBeLessThan(word("总分").top); // 满意度指标（10分）, two lines
});
