/**
 * The whole report: golden text, the seed's four faults and no false alarm, provenance, templates
 * the user edits in the workbook, 尾差调整, and the Word file as LibreOffice opens it.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { Decimal, makeRenderer, plan, renderIssue, run } from "../src/core";
import { XlsxHost } from "../src/xlsx/host";
import { FIXTURES, SAMPLE, edit, hostOf, runCli, sectionThreeOf, tempDir, view, workbook } from "./helpers/books";
import { convertDocx } from "./helpers/libreoffice";

const lines = (file: string) => readFileSync(file, "utf8").split("\n").filter((l) => l !== "");

async function sampleReport(extra: string[] = []) {
  const dir = tempDir();
  const f = (n: string) => path.join(dir, n);
  const res = await runCli(["report", SAMPLE, "-o", f("out.xlsx"), "--scheme", "department", "--text", f("report.txt"), "--json", f("facts.json"), "--docx", f("report.docx"), ...extra]);
  return { res, dir, f, text: lines(f("report.txt")), facts: JSON.parse(readFileSync(f("facts.json"), "utf8")) };
}

test("golden: 预算及支出情况 and the indicator-system sentence, in their sections, and section 三 unchanged", async () => {
  const { text } = await sampleReport();
  const want = lines(path.join(FIXTURES, "expected-budget-and-indicators.txt"));
  const budgetAt = text.indexOf("（三）预算及支出情况");
  expect(text.slice(budgetAt + 1, budgetAt + 3)).toEqual(want.slice(0, 2));
  const systemAt = text.indexOf("（二）绩效评价原则、评价指标体系、评价方法");
  expect(text[systemAt + 2]).toBe(want[2]);
  expect(sectionThreeOf(text)).toEqual(lines(path.join(FIXTURES, "expected-section-3.txt")));
  // Numbered 一、（一）1、 throughout, in the seed's order, and nothing invented.
  expect(text.filter((l) => /^[一二三四五]、/.test(l))).toEqual(["一、基本情况", "二、绩效评价基本情况", "三、绩效评价情况及结论", "四、主要经验及做法", "五、存在的问题和建议"]);
  expect(text[0]).toBe("重庆市璧山区工商业联合会2020年整体支出绩效自评报告");
  expect(text.join("\n")).not.toMatch(/NaN|undefined|Infinity|null/);
  // The score sheet exists but its 实际完成值 are not filled in: the conclusion says so visibly.
  expect(text[text.indexOf("（五）评价结论") + 1]).toBe("经评价，重庆市璧山区工商业联合会2020年度整体支出绩效自评得分【待填写：总分】分，评价等级为“【待填写：评价等级】”。");
  // Drafts drawn from the data, marked for review.
  expect(text).toContain(
    "【草稿，请核实】以下项目资金到位率低于90%：友好商会交流工作经费（79.32%）、非公经济统计工作经费（73.28%）、组织非公经济人士开展“走出去、引进来”活动经费（86.04%）、在外经商璧山籍非公经济人士招商引资推介活动经费（63.24%），需分析资金未到位的原因。",
  );
});

test("the seed's four faults are found on the bundled sample, with severity and cells", async () => {
  const { res, facts } = await sampleReport();
  const found = facts.issues
    .filter((i: { code: string }) => ["SUM_ROUNDING", "SUM_MISMATCH", "WEIGHT_TOTAL", "PROJECT_NAME_VARIANT"].includes(i.code))
    .map((i: { code: string; severity: string; sheet: string; cells: string[] }) => `${i.code} ${i.severity} ${i.sheet}!${i.cells.join(",")}`);
  expect(found.sort()).toEqual(
    [
      "SUM_ROUNDING info 预算收支!C4:C8", // 258.5 vs 224.38+0+17.85+7.1+9.18 = 258.51: a 尾差
      "SUM_MISMATCH error 预算收支!B12", // 23.74 vs −44.99+68.71 = 23.72: no exact amounts make this
      "WEIGHT_TOTAL warning 评分表!D4,D13,D31,D39", // 7+24+57+10 = 98
      "PROJECT_NAME_VARIANT warning 项目绩效目标!A2",
      "PROJECT_NAME_VARIANT warning 项目绩效目标!A11",
      "PROJECT_NAME_VARIANT warning 项目绩效目标!A12",
    ].sort(),
  );
  const mismatch = facts.issues.find((i: { code: string }) => i.code === "SUM_MISMATCH");
  expect(renderIssue(mismatch)).toContain("23.74万元 与各分项之和 23.72万元 不一致");
  expect(res.code).toBe(1);
  expect(res.err).toMatch(/错误 预算收支!B12/);
});

test("no false alarm on a clean workbook: consistent budget, the same names everywhere", async () => {
  const wb = workbook(
    { name: "资金", rows: [["某局2021年项目资金表"], ["单位：元"], ["项目名称", "预算数", "实际支出"], ["甲项目", 300000, 258600], ["乙项目", 200000, 200000]] },
    {
      name: "预算",
      rows: [
        ["单位：元"],
        ["功能分类", "年初预算数", "财政拨款收入"],
        ["一般公共服务", 1234500, 1234500],
        ["社会保障和就业", 100000, 100000],
        ["合计", { formula: "SUM(B3:B4)", result: 1334500 }, { formula: "SUM(C3:C4)", result: 1334500 }],
        [],
        ["项目", "金额（元）"],
        ["支出较上年增减", -5000],
        ["基本支出增减", -15000],
        ["项目支出增减", 10000],
      ],
    },
    { name: "目标", rows: [["项目名称", "目标"], ["甲项目", "完成"], ["乙项目", "完成"]] },
  );
  const r = plan(await hostOf(wb).read(), { mode: "formulas" });
  expect(r.issues.filter((i) => i.severity !== "info")).toEqual([]);
  expect(r.issues.map((i) => i.code)).not.toContain("SUM_ROUNDING");
  const text = r.paragraphs.map((p) => p.text);
  expect(text).toContain("区财政局批复的年初预算：2021年年初预算数133.45万元，其中：一般公共服务123.45万元，社会保障和就业10万元。支出较去年减少0.5万元，主要是基本支出减少1.5万元，项目支出增加1万元。");
  expect(text[0]).toBe("某局2021年整体支出绩效自评报告");
  expect(text).toContain("【待填写：职能职责】");
});

test("provenance: every figure's cells beside its paragraph and in --json", async () => {
  const { f, facts } = await sampleReport();
  const first = facts.narrative.find((n: { section: string; text: string }) => n.section === "三（一）" && n.text.startsWith("1、"));
  expect(first.sources).toEqual(["项目资金表!B4", "项目资金表!C4", "项目资金表!D4", "项目资金表!E4", "项目资金表!F4"]);
  const budget = facts.narrative.find((n: { text: string }) => n.text.startsWith("区财政资金执行情况"));
  expect(budget.sources).toEqual(expect.arrayContaining(["预算收支!C4", "预算收支!C8", "预算收支!C9"]));
  const system = facts.narrative.find((n: { text: string }) => n.text.startsWith("整个指标体系"));
  expect(system.sources).toEqual(["评分表!D4", "评分表!D13", "评分表!D31", "评分表!D39"]);
  for (const n of facts.narrative) if (/\d+(\.\d+)?(万元|%)/.test(n.text) && !n.text.startsWith("【草稿")) expect(n.sources.length).toBeGreaterThan(0);

  const host = await XlsxHost.fromBuffer(readFileSync(f("out.xlsx")), "xlsx");
  const ws = (await view(host)).getWorksheet("自评报告")!;
  let row = 0;
  ws.eachRow((r, i) => (String(r.getCell(1).value).startsWith("1、友好商会交流工作经费工作项目资金") ? (row = i) : 0));
  expect(ws.getCell(row, 2).value).toBe("项目资金表!B4, C4, D4, E4, F4");
  expect(ws.getCell(1, 1).font?.bold).toBe(true); // the title; headings bold
  expect(ws.getCell(row, 1).font?.bold).toBeFalsy();
  // Values only: no formula anywhere in the report sheet.
  ws.eachRow((r) => r.eachCell((c) => expect(c.formula).toBeUndefined()));
});

test("the wording is the workbook's 报告模板 sheet: an edit changes the report, a broken one keeps the last report", async () => {
  const host = await XlsxHost.fromBuffer(readFileSync(SAMPLE), "xlsx");
  await run(host, { mode: "formulas" });
  const tpl = (await view(host)).getWorksheet("报告模板")!;
  let row = 0;
  tpl.eachRow((r, i) => (r.getCell(1).value === "三.投入.项目" ? (row = i) : 0));
  expect(row).toBeGreaterThan(1);
  await edit(host, (wb) => (wb.getWorksheet("报告模板")!.getCell(row, 2).value = "{{序号}}．{{项目名称}}：预算{{万元 项目资金}}万元，到位{{万元 投入资金}}万元，到位率{{百分比 资金到位率}}（大写{{大写 投入资金}}）。"));
  const edited = await run(host, { mode: "formulas" });
  expect(edited.issues.filter((i) => i.code.startsWith("TEMPLATE"))).toEqual([]);
  expect(edited.paragraphs.map((p) => p.text)).toContain("1．友好商会交流工作经费：预算5万元，到位3.97万元，到位率79.32%（大写叁万玖仟陆佰陆拾元整）。");
  const report = (await view(host)).getWorksheet("自评报告")!;
  const before = JSON.stringify(report.getSheetValues());

  // A typo: an unclosed block. The message names the template and its cell; the report stays.
  await edit(host, (wb) => (wb.getWorksheet("报告模板")!.getCell(row, 2).value = "{{序号}}、{{#if 资金来源}}{{项目名称}}"));
  const broken = await run(host, { mode: "formulas" });
  const err = broken.issues.find((i) => i.code === "TEMPLATE_BROKEN")!;
  expect(err).toMatchObject({ severity: "error", sheet: "报告模板", cells: [`B${row}`] });
  expect(renderIssue(err)).toContain("三.投入.项目");
  expect(renderIssue(err)).toContain("{{#if 资金来源}}");
  expect(broken.issues.map((i) => i.code)).toContain("TEMPLATE_BROKEN_REPORT_KEPT");
  expect(JSON.stringify((await view(host)).getWorksheet("自评报告")!.getSheetValues())).toBe(before);
  expect(broken.paragraphs).toEqual([]);

  // A field the data does not have (strict mode) is reported the same way.
  await edit(host, (wb) => (wb.getWorksheet("报告模板")!.getCell(row, 2).value = "{{序号}}、{{项目编号}}"));
  const unknown = await run(host, { mode: "formulas" });
  expect(renderIssue(unknown.issues.find((i) => i.code === "TEMPLATE_BROKEN")!)).toMatch(/项目编号/);
  // Once for the template, not once for each of the 11 projects it broke.
  expect(unknown.issues.filter((i) => i.code === "TEMPLATE_BROKEN")).toHaveLength(1);
});

test("尾差调整 is off by default; when asked, the largest part moves and the report says where", async () => {
  const plain = await sampleReport();
  const received = (t: string[]) => t.find((l) => l.startsWith("区财政资金执行情况"))!;
  expect(received(plain.text)).toContain("一般公共服务224.38万元");
  const adjusted = await sampleReport(["--tail-adjust"]);
  expect(received(adjusted.text)).toBe(
    "区财政资金执行情况：2020年年度实际收到的一般公共预算财政拨款收入258.5万元，其中：一般公共服务224.37万元，教育0万元，社会保障和就业17.85万元，卫生健康支出7.1万元，住房保障9.18万元。",
  );
  const note = adjusted.facts.issues.find((i: { code: string }) => i.code === "TAIL_ADJUSTED");
  expect(note).toMatchObject({ severity: "info", sheet: "预算收支", cells: ["C4"] });
  expect(adjusted.facts.issues.map((i: { code: string }) => i.code)).not.toContain("SUM_ROUNDING");
});

test("the .docx opens in LibreOffice: every paragraph, CJK rendered, 公文 fonts and layout in the XML", async () => {
  const { f, text } = await sampleReport();
  const docx = readFileSync(f("report.docx"));
  const { pdf, text: docText } = convertDocx(docx);
  const got = docText.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
  expect(got).toEqual(text);

  // A page as a picture: pdftoppm renders it; the page must hold ink (CJK glyphs, not empty boxes).
  const dir = tempDir();
  writeFileSync(path.join(dir, "report.pdf"), pdf);
  execFileSync("pdftoppm", ["-r", "40", "-f", "1", "-l", "1", "-gray", path.join(dir, "report.pdf"), path.join(dir, "page")]);
  const pgm = path.join(dir, "page-01.pgm");
  expect(existsSync(pgm)).toBe(true);
  const px = readFileSync(pgm);
  const dark = px.filter((b) => b < 128).length;
  expect(dark).toBeGreaterThan(2000);
  const fonts = execFileSync("pdffonts", [path.join(dir, "report.pdf")], { encoding: "utf8" });
  expect(fonts).toMatch(/CJK|Noto|Droid|WenQuanYi/i);

  const xml = await (await JSZip.loadAsync(docx)).file("word/document.xml")!.async("string");
  expect(xml).toContain('w:eastAsia="方正小标宋简体"');
  expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
  expect(xml).toContain('w:eastAsia="黑体"');
  expect(xml).toContain('w:eastAsia="楷体_GB2312"');
  expect(xml).toMatch(/<w:sz w:val="44"\/>/); // 二号
  expect(xml).toMatch(/<w:sz w:val="32"\/>/); // 三号
  expect(xml).toContain('w:line="560" w:lineRule="exact"'); // 28 pt fixed
  expect(xml).toContain('w:firstLineChars="200"');
  expect(xml).toMatch(/<w:pgMar w:top="2097" w:right="1474" w:bottom="1984" w:left="1587"/); // 37/26/35/28 mm
  expect(xml).toMatch(/<w:pgSz w:w="1190\d" w:h="1683\d"/); // A4
});

test("report text that starts with = + - @ stays text in the report sheet", async () => {
  const wb = workbook(
    { name: "资金", rows: [["项目名称", "预算数", "实际支出"], ["甲", 100, 50]] },
    { name: "基本信息", rows: [["项目", "内容"], ["单位名称", "某局"], ["职能职责", "=1+1 不是公式"], ["存在问题", "-预算执行偏慢"]] },
  );
  const host = hostOf(wb);
  await run(host, { mode: "formulas" });
  const ws = (await view(host)).getWorksheet("自评报告")!;
  const values: unknown[] = [];
  ws.eachRow((r) => values.push(r.getCell(1).value));
  expect(values).toContain("=1+1 不是公式");
  expect(values).toContain("-预算执行偏慢");
  ws.eachRow((r) => expect(r.getCell(1).formula).toBeUndefined());
});

test("number helpers: 大写 rounds half up to 分 first, 中文数字 for headings, 万元 and 百分比 as the seed", () => {
  const r = makeRenderer({ 测试: "{{大写 a}}|{{大写 b}}|{{中文数字 n}}|{{万元 c}}|{{百分比 d}}|{{万元 e \"缺的金额\"}}" });
  const text = r.render("测试", { a: new Decimal("1234.565"), b: new Decimal("50000"), n: 12, c: new Decimal("25000"), d: new Decimal("0.963"), e: null });
  expect(text).toBe("壹仟贰佰叁拾肆元伍角柒分|伍万元整|十二|2.5|96.30%|【待填写：缺的金额】");
  expect(r.issues).toEqual([]);
});

test("--threshold is read exactly (decimal.js): 86.05% takes in 86.04%, 86.04% leaves it out", async () => {
  const draft = (t: string[]) => t.find((l) => l.includes("资金到位率低于"))!;
  expect(draft((await sampleReport(["--threshold", "86.05%"])).text)).toContain("（86.04%）");
  expect(draft((await sampleReport(["--threshold", "0.8604"])).text)).not.toContain("（86.04%）");
  expect(draft((await sampleReport(["--threshold", "86.04"])).text)).toMatch(/^【草稿，请核实】以下项目资金到位率低于86\.04%：/);
});
