/**
 * Fund tables as real units keep them (issue 9): 年初 and 全年 budgets, 执行 apart from 到位, funding
 * sources as columns or 其中 rows, blanks that are not zeros, cells as people type them — each with
 * its exact cells, and every rate formula recalculated by LibreOffice against decimal.js.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Issue, META_SHEET, RunResult, WorkbookSnapshot, a1, plan, readFundTable, renderIssue, run, sheetCells, sourcesText } from "../src/core";
import { Cell, edit, hostOf, loadBuffer, runCli, tempDir, workbook } from "./helpers/books";
import { XlsxHost } from "../src/xlsx/host";
import { computed, recalculate, shownText } from "./helpers/libreoffice";

const at = (issues: Issue[], code: string) => issues.filter((i) => i.code === code).map((i) => i.cells.join(","));
const codes = (issues: Issue[]) => issues.map((i) => i.code);

async function snapshot(rows: Cell[][], name = "项目资金表"): Promise<WorkbookSnapshot> {
  return hostOf(workbook({ name, rows })).read();
}

/** Runs the plan on a fresh workbook, writes it, and recalculates it in LibreOffice: every formula written must show its decimal.js value. */
async function runAndRecalculate(rows: Cell[][], opts: Parameters<typeof run>[1]): Promise<{ r: RunResult; lo: Awaited<ReturnType<typeof recalculate>>; buf: Uint8Array }> {
  const host = hostOf(workbook({ name: "项目资金表", rows }));
  const r = await run(host, opts);
  const buf = await host.toBuffer();
  const lo = await recalculate(buf);
  const mismatches: string[] = [];
  for (const part of [...r.plan.edits, ...r.plan.sheets])
    for (const c of part.cells) {
      if (c.content.kind !== "formula" || c.expect === undefined) continue;
      const got = computed(lo.getWorksheet(part.sheet)!, a1(c.row, c.col));
      const want = c.expect;
      const same = want === "" ? got === "" || got === null || got === undefined : typeof got === "number" ? Math.abs(got - Number(want)) < 1e-12 : String(got) === want;
      if (!same) mismatches.push(`${part.sheet}!${a1(c.row, c.col)}: LibreOffice ${JSON.stringify(got)}, decimal.js ${want}`);
    }
  expect(mismatches).toEqual([]);
  return { r, lo, buf };
}

test("a 年中调整 is signed: a cut is no negative-amount warning, and 全年 = 年初 + 调整 is still checked", async () => {
  const rows: Cell[][] = [
    ["项目名称", "年初预算数", "年中调整金额", "全年预算数", "实际到位资金"],
    ["压减", 100, -20, 80, 80],
    ["不符", 100, -20, 90, 90],
    ["负到位", 100, 0, 100, -5],
  ];
  const { issues } = readFundTable(await snapshot(rows));
  expect(at(issues, "NEGATIVE_AMOUNT")).toEqual(["E4"]); // 实际到位资金 stays unsigned
  expect(at(issues, "ADJUST_MISMATCH")).toEqual(["D3"]);
});

describe("two budget columns: 年初预算数 and 全年预算数", () => {
  const rows: Cell[][] = [
    ["某单位2021年项目资金表"],
    ["单位：元"],
    ["序号", "项目名称", "年初预算数", "全年预算数", "实际到位资金", "区级财政资金", "上级补助资金"],
    [1, "甲", 100030, 100000, 100000, 60000, 40000],
    [2, "乙", 1143320, 1000000, 388500, 1000000, 0],
    [3, "丙（年中追加）", 0, 50000, 50000, 50000, 0],
  ];

  test("the rate divides by 全年 (100% and 38.85%, not 99.97% and 33.98%), a mid-year project gets its rate, and the choice is said", async () => {
    const { table, issues } = readFundTable(await snapshot(rows));
    const t = table!;
    expect(t.mapping).toMatchObject({ name: 2, initial: 3, budget: 4, invested: 5 });
    expect(t.projects.map((p) => [p.name, p.rate && p.rate.times(100).toDecimalPlaces(2).toFixed(2)])).toEqual([
      ["甲", "100.00"], // 100000 ÷ 100000 (against 年初: 100000 ÷ 100030 = 99.97%)
      ["乙", "38.85"], // 388500 ÷ 1000000 (against 年初: 388500 ÷ 1143320 = 33.98%)
      ["丙（年中追加）", "100.00"], // 年初 0 is shown, not used
    ]);
    expect(at(issues, "BASE_CHOSEN")).toEqual(["D3,C3"]);
    expect(renderIssue(issues.find((i) => i.code === "BASE_CHOSEN")!)).toBe("资金到位率和预算执行率以 D3“全年预算数”为分母（全年调整后的预算）；C3“年初预算数”只作列示。");
    expect(codes(issues)).not.toContain("SOURCES_MISMATCH"); // 50000 + 0 = 全年 50000
    expect(codes(issues)).not.toContain("BUDGET_ZERO");
  });

  test("the 评分表 writes 年初 and 全年 each from its own column, and asks for 全年执行数 the table does not have", async () => {
    const { r, lo } = await runAndRecalculate(rows, { mode: "formulas", scheme: "mof2020", report: false });
    const sheet = lo.getWorksheet("评分表")!;
    expect(computed(sheet, "B4")).toBeCloseTo(124.335, 10); // (100030 + 1143320 + 0) ÷ 10000
    expect(computed(sheet, "C4")).toBe(115); // (100000 + 1000000 + 50000) ÷ 10000
    expect(computed(sheet, "D4")).toBe("【待填写：全年执行数】"); // never the arrival amount
    expect(computed(sheet, "F4") ?? "").toBe("");
    expect(computed(sheet, "C5")).toBe(115); // 其中：当年财政拨款 = 区级财政资金 + 上级补助资金
    expect(at(r.issues, "FORM_NEEDS_INPUT")).toEqual(["D4"]);
  });
});

describe("执行 is not 到位", () => {
  const rows: Cell[][] = [
    ["单位：元"],
    ["项目名称", "全年预算数", "实际到位资金", "全年执行数"],
    ["甲", 500000, 500000, 495400],
  ];

  test("two rate columns, each named; the money block takes 执行: 99.08% and 9.91, not 100% and 10.00", async () => {
    const { r, lo, buf } = await runAndRecalculate(rows, { mode: "formulas", scheme: "mof2020", report: false });
    const fund = lo.getWorksheet("项目资金表")!;
    expect(computed(fund, "E2")).toBe("资金到位率");
    expect(computed(fund, "F2")).toBe("预算执行率");
    expect(computed(fund, "E3")).toBe(1);
    expect(computed(fund, "F3")).toBeCloseTo(0.9908, 12);
    expect(shownText(buf)["项目资金表"][2].slice(4, 6)).toEqual(["100%", "99.08%"]);
    const form = lo.getWorksheet("评分表")!;
    expect(computed(form, "D4")).toBeCloseTo(49.54, 10);
    expect(computed(form, "F4")).toBeCloseTo(0.9908, 12);
    expect(computed(form, "G4")).toBe(9.91); // 10 × 99.08% = 9.908
    expect(r.facts.projects[0]).toMatchObject({ rateText: "100%", execRateText: "99.08%" });
    expect(r.score!.levels[0]).toEqual({ name: "预算执行率", weight: "10", score: "9.91" });
  });

  test("the report names each rate by its name", async () => {
    const r = plan(await snapshot(rows), { mode: "formulas" });
    const p = r.paragraphs.find((x) => x.section === "三（一）" && x.level === "body")!;
    expect(p.text).toBe("1、甲工作项目资金50万元，投入资金50万元，资金到位率100%，全年执行数49.54万元，预算执行率99.08%。");
    expect(p.sources).toEqual(["项目资金表!A3", "项目资金表!B3", "项目资金表!C3", "项目资金表!D3"]);
  });
});

describe("a blank is not a zero", () => {
  const rows: Cell[][] = [
    ["单位：元"],
    ["项目名称", "全年预算数", "全年执行数"],
    ["甲", 100000, 90000],
    ["乙", 200000, null],
    ["丙", 100000, 0],
  ];

  test("a blank 执行数 gives no rate, no total rate, an issue at its cell; a typed 0 is 0%", async () => {
    const { table, issues } = readFundTable(await snapshot(rows));
    const t = table!;
    expect(t.projects.map((p) => p.execRate?.toFixed() ?? null)).toEqual(["0.9", null, "0"]);
    expect(at(issues, "EXECUTED_MISSING")).toEqual(["C4"]);
    expect(t.totals.executed).toBeNull();
    expect(t.totals.execRate).toBeNull();
    expect(t.totals.missing).toEqual({ executed: ["C4"] });
  });

  test("the 评分表 asks for the total instead of showing 0.00% and 0.00; the report never says 0", async () => {
    const { r, lo } = await runAndRecalculate(rows, { mode: "formulas", scheme: "mof2020", reportType: "department" });
    const form = lo.getWorksheet("评分表")!;
    expect(computed(form, "D4")).toBe("【待填写：全年执行数】");
    expect(computed(form, "F4") ?? "").toBe("");
    expect(computed(form, "G4") ?? "").toBe("");
    expect(at(r.issues, "TOTAL_UNKNOWN")).toEqual(["D4"]);
    expect(renderIssue(r.issues.find((i) => i.code === "TOTAL_UNKNOWN")!)).toBe("全年执行数合计无法得出：C4 未填写或不是数字（空白不等于 0），相关的合计比率暂空。");
    expect(r.facts.totals).toMatchObject({ executed: null, execRate: null, execRateText: null });
    const text = r.paragraphs.map((p) => p.text).join("\n");
    expect(text).toContain("2、乙工作项目资金20万元，全年执行数【待填写：全年执行数】万元，预算执行率【待填写：预算执行率】。");
    expect(text).toContain("3、丙工作项目资金10万元，全年执行数0万元，预算执行率0%。");
    expect(text).not.toMatch(/预算执行率得0\.00分|预算执行率0\.00%/);
    expect(computed(lo.getWorksheet("项目资金表")!, "D4") ?? "").toBe("");
  });
});

describe("其中 rows split a project by funding source", () => {
  const rows: Cell[][] = [
    ["序号", "项目名称", "全年预算数（元）", "全年执行数（元）"],
    [1, "防震减灾综合保障", 550000, 550000],
    [null, "其中：中央财政", 100000, 100000],
    [null, "省财政", 200000, 200000],
    [null, "市财政", 200000, 200000],
    [null, "其它", 50000, 50000],
    [2, "地震监测", 300000, 240000],
    [null, "其中：市财政", 290000, 240000],
    ["合计", null, 850000, 790000],
  ];

  test("they are not projects: the total is not doubled, and each project is checked against its rows", async () => {
    const { table, issues } = readFundTable(await snapshot(rows));
    const t = table!;
    expect(t.projects.map((p) => p.name)).toEqual(["防震减灾综合保障", "地震监测"]);
    expect(t.rows.map((x) => x.kind)).toEqual(["project", "ofwhich", "ofwhich", "ofwhich", "ofwhich", "project", "ofwhich", "total"]);
    expect(t.projects[0].breakdown.map((b) => [b.row, b.label, b.category])).toEqual([
      [3, "中央财政", "fiscal"],
      [4, "省财政", "fiscal"],
      [5, "市财政", "fiscal"],
      [6, "其它", "other"],
    ]);
    expect(t.totals.budget!.toFixed()).toBe("850000");
    expect(codes(issues)).not.toContain("TOTAL_MISMATCH");
    expect(at(issues, "BREAKDOWN_ROWS")).toEqual(["C3,C4,C5,C6", "C8"]);
    expect(at(issues, "BREAKDOWN_MISMATCH")).toEqual(["C7"]); // 290000 ≠ 300000; the 执行数 240000 = 240000 is fine
    expect(renderIssue(issues.find((i) => i.code === "BREAKDOWN_MISMATCH")!)).toBe("C7 项目“地震监测”的项目资金 300000元 与其中各行之和 290000元 不一致（相差 10000元）；其中：市财政 290000元（C8）。");
  });

  test("the 评分表's 其中 rows come from them: 当年财政拨款 79 / 74, 其他资金 5 / 5", async () => {
    const { lo } = await runAndRecalculate(rows, { mode: "formulas", scheme: "mof2020", report: false });
    const form = lo.getWorksheet("评分表")!;
    expect([computed(form, "C5"), computed(form, "D5")]).toEqual([79, 74]);
    expect(computed(form, "A6")).toBe("上年结转资金");
    expect(computed(form, "C6") ?? "").toBe("");
    expect([computed(form, "C7"), computed(form, "D7")]).toEqual([5, 5]);
    expect([computed(form, "C4"), computed(form, "D4")]).toEqual([85, 79]);
  });
});

describe("cells as people type them", () => {
  test("¥ and ￥ amounts are read with a note; Excel cannot compute with them, so the rate is written as the value the report states", async () => {
    const rows: Cell[][] = [["项目名称", "预算数", "实际到位资金"], ["甲", "¥100,000.00", "￥80,000.00"], ["乙", "１０", "９"], ["丙", 100, 50]];
    const { r, lo, buf } = await runAndRecalculate(rows, { mode: "formulas" });
    expect(r.facts.projects.map((p) => [p.budget, p.invested, p.rateText])).toEqual([
      ["100000", "80000", "80%"],
      ["10", "9", "90%"],
      ["100", "50", "50%"],
    ]);
    expect(at(r.issues, "TEXT_NUMBER")).toEqual(["B2", "C2", "B3", "C3"]);
    expect(at(r.issues, "RATE_AS_VALUE")).toEqual(["D2", "D3"]);
    const cells = r.plan.edits[0].cells;
    expect(cells.find((c) => c.row === 2)!.content).toEqual({ kind: "number", value: 0.8 });
    expect(cells.find((c) => c.row === 4)!.content.kind).toBe("formula");
    expect(shownText(buf)["项目资金表"].slice(1, 4).map((x) => x[3])).toEqual(["80%", "90%", "50%"]);
    expect(computed(lo.getWorksheet("项目资金表")!, "D3")).toBeCloseTo(0.9, 12);
  });

  test("a two-level header (资金情况（元） merged over 预算数 | 实际到位数) is found, its unit carried down", async () => {
    const rows: Cell[][] = [["序号", "项目名称", "资金情况（元）", null], [null, null, "预算数", "实际到位数"], [1, "甲", 1000, 900]];
    const { table, issues } = readFundTable(await snapshot(rows));
    expect(table!.detection).toMatchObject({ headerTop: 1, headerBottom: 2, unit: "元", unitSource: "header" });
    expect(table!.mapping).toMatchObject({ seq: 1, name: 2, budget: 3, invested: 4 });
    expect(table!.projects[0].rate!.toFixed()).toBe("0.9");
    expect(codes(issues)).not.toContain("UNIT_ASSUMED");
  });

  test("headers with line breaks and units; two columns with the same header are an issue and the user chooses", async () => {
    const rows: Cell[][] = [["项目名称", "全年预算数\n（万元）", "实际到位资金\n（万元）", "实际到位资金\n（万元）"], ["甲", 12.5, 10, 12.5]];
    const snap = await snapshot(rows);
    const { table, issues } = readFundTable(snap);
    expect(table!.unit).toBe("万元");
    expect(table!.mapping).toMatchObject({ budget: 2, invested: 3 });
    expect(at(issues, "DUPLICATE_HEADER")).toEqual(["C1,D1"]);
    expect(issues.find((i) => i.code === "DUPLICATE_HEADER")!.severity).toBe("warning");
    const chosen = readFundTable(snap, { mapping: { invested: 4 } });
    expect(chosen.table!.projects[0].rate!.toFixed()).toBe("1");
    expect(codes(chosen.issues)).not.toContain("DUPLICATE_HEADER"); // the user chose
  });

  test("a column chosen once stays chosen: a later run with no choice (the pane's empty one) keeps it", async () => {
    const rows: Cell[][] = [["项目名称", "全年预算数\n（万元）", "实际到位资金\n（万元）", "实际到位资金\n（万元）"], ["甲", 12.5, 10, 12.5]];
    const host = hostOf(workbook({ name: "项目资金表", rows }));
    const first = await run(host, { mapping: { invested: 4 }, report: false });
    expect(first.facts.projects[0].rateText).toBe("100%");
    for (const mapping of [undefined, {}]) {
      const again = await run(host, { mapping, report: false });
      expect(again.facts.projects[0].rateText).toBe("100%"); // D, as chosen — not C's 80%
      expect(codes(again.issues)).not.toContain("DUPLICATE_HEADER");
    }
    // A new choice goes on top of the remembered one.
    expect((await run(host, { mapping: { invested: 3 }, report: false })).facts.projects[0].rateText).toBe("80%");
    expect((await run(host, { report: false })).facts.projects[0].rateText).toBe("80%");
  });

  test("what the add-in records after a run does not depend on the runs before it (helper-column headers stay owned)", async () => {
    const sample = path.join(__dirname, "..", "assets", "samples", "fangzhen-2021.xlsx");
    const meta = async (steps: Parameters<typeof run>[1][]) => {
      const host = await XlsxHost.fromBuffer(readFileSync(sample), "xlsx");
      await run(host, { mode: "formulas", scheme: "mof2020", report: false });
      await edit(host, (wb) => {
        wb.getWorksheet("评分表")!.getCell("F14").value = "≥100个";
        wb.getWorksheet("评分表")!.getCell("G14").value = "120个";
      });
      for (const opts of steps) await run(host, opts);
      const snap = await host.read();
      return snap.sheets.find((s) => s.name === META_SHEET)!.values;
    };
    expect(await meta([{ report: false }, {}])).toEqual(await meta([{}]));
  });

  test("dashes are blanks with a note; (1,234.00) is negative; full-width digits and 万 in a cell", async () => {
    const rows: Cell[][] = [["单位：元"], ["项目名称", "预算数", "实际到位资金"], ["横线", 100, "-"], ["长横", 100, "——"], ["斜线", 100, "/"], ["括号", "(1,234.00)", 0], ["万", "1.5万", "１万"]];
    const { table, issues } = readFundTable(await snapshot(rows));
    const t = table!;
    expect(at(issues, "DASH_AS_BLANK")).toEqual(["C3", "C4", "C5"]);
    expect(at(issues, "INVESTED_MISSING")).toEqual(["C3", "C4", "C5"]);
    expect(t.projects[3].budget!.value!.toFixed()).toBe("-1234");
    expect(at(issues, "NEGATIVE_AMOUNT")).toEqual(["B6"]);
    expect(t.projects[4].rate!.toFixed(4)).toBe("0.6667"); // 10000 ÷ 15000
  });
});

describe("reruns", () => {
  test("selfeval report without --mode keeps the workbook's values mode", async () => {
    const dir = tempDir();
    const input = path.join(dir, "in.xlsx");
    writeFileSync(input, await hostOf(workbook({ name: "项目资金表", rows: [["项目名称", "预算数", "实际到位资金"], ["甲", 100, 80]] })).toBuffer());
    const first = path.join(dir, "first.xlsx");
    expect((await runCli(["report", input, "-o", first, "--mode", "values"])).code).toBe(0);
    const second = path.join(dir, "second.xlsx");
    expect((await runCli(["report", first, "-o", second])).code).toBe(0);
    const ws = (await loadBuffer(readFileSync(second))).getWorksheet("项目资金表")!;
    expect(ws.getCell("D2").value).toBe(0.8); // a value, not a formula
  });

  test("a 偏差原因 that ends in 。 is quoted without another 。", async () => {
    const rows: Cell[][] = [["项目名称", "全年预算数", "全年执行数"], ["甲", 287, 171]];
    const host = hostOf(workbook({ name: "项目资金表", rows }));
    await run(host, { mode: "formulas", scheme: "mof2020" });
    const wb = await loadBuffer(await host.toBuffer());
    const form = wb.getWorksheet("评分表")!;
    form.getCell("I12").value = "部分项目延续至下年。"; // the 数量指标 indicator (row 12 of the mof2020 layout)
    form.getCell("C12").value = "服务对象人数";
    form.getCell("F12").value = 100;
    form.getCell("G12").value = 60;
    const again = hostOf(wb);
    const r = await run(again, {});
    const draft = r.paragraphs.find((p) => p.text.startsWith("【草稿，请核实】以下指标未得满分"))!.text;
    expect(draft).toContain("服务对象人数得9.00分（分值15分），偏差原因：部分项目延续至下年");
    expect(draft).not.toContain("。。");
  });
});

test("the second bundled sample (fangzhen-2021): 年初/全年, 到位 and 执行 apart, 其中 rows; the figures it must give", async () => {
  const dir = tempDir();
  const json = path.join(dir, "facts.json");
  const { code } = await runCli(["report", path.join(__dirname, "..", "assets", "samples", "fangzhen-2021.xlsx"), "-o", path.join(dir, "out.xlsx"), "--scheme", "mof2020", "--json", json]);
  expect(code).toBe(0);
  const facts = JSON.parse(readFileSync(json, "utf8"));
  expect(facts.projects.map((p: { name: string; rateText: string; execRateText: string }) => [p.name, p.rateText, p.execRateText])).toEqual([
    ["防震减灾综合保障", "100%", "100%"],
    ["地震监测台网运维", "100%", "94.22%"], // 301500 ÷ 320000 = 94.21875%
    ["防震减灾科普宣传", "100%", "82.30%"],
    ["应急演练（年中追加）", "100%", "100%"], // 年初 0, 全年 80000
  ]);
  expect(facts.totals).toMatchObject({ initial: "970000", budget: "1070000", executed: "1030260", execRateText: "96.29%" });
  expect(facts.score.levels[0]).toEqual({ name: "预算执行率", weight: "10", score: "9.63" });
  expect(facts.issues.filter((i: Issue) => i.severity !== "info")).toEqual([]);
});

test("the report sheet's B column is each paragraph's sources as sourcesText writes them (sources in columns, 其中 rows, 执行数; an odd sheet name)", async () => {
  const books: WorkbookSnapshot[] = [];
  for (const f of ["bishan-2020.xlsx", "fangzhen-2021.xlsx"]) books.push(await XlsxHost.from(readFileSync(path.join(__dirname, "..", "assets", "samples", f))).read());
  books.push(
    await snapshot(
      [["单位：元"], ["序号", "项目名称", "全年预算数", "实际到位资金", "全年执行数", "区级财政资金", "上级补助资金", "项目个数", "过程管理情况"], [1, "甲", 100000, 100000, 90000, 60000, 40000, 2, "按规定使用。"], [2, "乙", 50000, 40000, null, 50000, 0, null, null]],
      "资金 表(2021)",
    ),
  );
  for (const wb of books) {
    const r = plan(wb, {});
    expect(r.ok).toBe(true);
    const b = new Map(sheetCells(r.plan.sheets.find((s) => s.sheet === "自评报告")!).filter((c) => c.col === 2).map((c) => [c.row, c.content.kind === "text" ? c.content.text : "?"]));
    const expected = r.paragraphs.map((p, i) => [i + 1, sourcesText(p.sources)] as const).filter(([, t]) => t !== "");
    expect(expected.length).toBeGreaterThan(4);
    expect([...b]).toEqual(expected);
  }
});

test("the file host writes the report sheet's rows as the cells they stand for: text, bold headings, wrap, in A and B", async () => {
  const host = XlsxHost.from(readFileSync(path.join(__dirname, "..", "assets", "samples", "fangzhen-2021.xlsx")));
  const r = await run(host, { scheme: "mof2020" });
  const planned = sheetCells(r.plan.sheets.find((s) => s.sheet === "自评报告")!);
  const ws = (await loadBuffer(await host.toBuffer())).getWorksheet("自评报告")!;
  const written: [string, string, boolean, boolean][] = [];
  ws.eachRow((row) => row.eachCell((c) => void written.push([c.address, String(c.value ?? ""), !!c.font?.bold, !!c.alignment?.wrapText])));
  const want = planned.map((c) => [a1(c.row, c.col), c.content.kind === "text" ? c.content.text : "?", !!c.bold, !!c.wrap]);
  expect(want.length).toBeGreaterThan(40);
  expect(want.filter((c) => c[2]).length).toBeGreaterThan(3); // headings are bold
  expect(written).toEqual(want);
});

test("a single funding source that differs from the budget is said, with both amounts as written (cents kept); one that agrees is not", async () => {
  const { issues } = readFundTable(
    await snapshot([["单位：元"], ["序号", "项目名称", "项目资金（元）", "区本级财政资金（元）", "投入资金（元）"], [1, "甲", 100000, 90000, 80000], [2, "乙", 100000.5, 100000.5, 80000], [3, "丙", 1000, 999.99, 900]]),
  );
  expect(issues.filter((i) => i.code === "SOURCES_MISMATCH").map((i) => renderIssue(i))).toEqual(["C3 项目“甲”各资金来源之和 90000元 与项目资金 100000元 不一致。", "C5 项目“丙”各资金来源之和 999.99元 与项目资金 1000元 不一致。"]);
});
