/**
 * The 评分表: every rule type recalculated by LibreOffice equals decimal.js; the worked 10号
 * example; one-click recalculation after the data changed; the checker.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { a1, Decimal, disallowedFunctions, plan, renderIssue, run } from "../src/core";
import { XlsxHost } from "../src/xlsx/host";
import { Cell, edit, hostFrom, hostOf, view, workbook } from "./helpers/books";
import { insertRow } from "./helpers/edit";
import { computed, recalculate, shownText } from "./helpers/libreoffice";
import { gridColumns, rowOf, scoreCell, setInputs } from "./helpers/score";

const FUND: Cell[][] = [
  ["某单位2021年项目资金表"],
  ["单位：元"],
  ["序号", "项目名称", "预算数", "实际支出"],
  [1, "甲项目", 300000, 258600],
  [2, "乙项目", 200000, 172400],
  [null, "合计", { formula: "SUM(C4:C5)", result: 500000 }, { formula: "SUM(D4:D5)", result: 431000 }],
];
/** The same table with money in place (实际到位资金) rather than spent: what 资金到位率 needs (issue 9). */
const FUND_ARRIVED: Cell[][] = FUND.map((r, i) => (i === 2 ? ["序号", "项目名称", "预算数", "实际到位资金"] : r));

/** Compares every written formula cell with LibreOffice; returns how many were checked. */
async function checkAgainstLibreOffice(host: XlsxHost, writes: { sheet: string; row: number; col: number; content: { kind: string }; expect?: string }[]): Promise<number> {
  const lo = await recalculate(await host.toBuffer());
  let n = 0;
  const mismatches: string[] = [];
  for (const w of writes) {
    if (w.content.kind !== "formula" || w.expect === undefined) continue;
    const got = computed(lo.getWorksheet(w.sheet)!, a1(w.row, w.col));
    n++;
    if (w.expect === "") {
      if (!(got === "" || got === null || got === undefined)) mismatches.push(`${w.sheet}!${a1(w.row, w.col)}: LibreOffice ${JSON.stringify(got)} ≠ blank`);
    } else if (/^-?[\d.]+$/.test(w.expect)) {
      const ok = typeof got === "number" && new Decimal(got).minus(w.expect).abs().lessThanOrEqualTo(new Decimal("1e-9").times(Decimal.max(1, new Decimal(w.expect).abs())));
      if (!ok) mismatches.push(`${w.sheet}!${a1(w.row, w.col)}: LibreOffice ${JSON.stringify(got)} ≠ ${w.expect}`);
    } else if (got !== w.expect) mismatches.push(`${w.sheet}!${a1(w.row, w.col)}: LibreOffice ${JSON.stringify(got)} ≠ ${w.expect}`);
  }
  expect(mismatches).toEqual([]);
  return n;
}

function allWrites(plan: { edits: { sheet: string; cells: { row: number; col: number; content: { kind: string }; expect?: string }[] }[]; sheets: { sheet: string; cells: { row: number; col: number; content: { kind: string }; expect?: string }[] }[] }) {
  return [...plan.edits.flatMap((e) => e.cells.map((c) => ({ sheet: e.sheet, ...c }))), ...plan.sheets.flatMap((s) => s.cells.map((c) => ({ sheet: s.sheet, ...c })))];
}

test("worked 10号 example: 执行率 86.20%, one quantitative indicator missed, the rest met", async () => {
  const host = hostOf(workbook({ name: "项目资金表", rows: FUND }));
  const first = await run(host, { mode: "formulas", scheme: "mof2020" });
  expect(first.score!.total).toBeNull(); // names and results not filled in yet
  let ws = (await view(host)).getWorksheet("评分表")!;
  // The accountant fills in the indicators.
  await edit(host, (wb) => {
    const ws = wb.getWorksheet("评分表")!;
    setInputs(ws, "【待填写：数量指标名称】", { 三级指标: "培训人次", 年度指标值: 100, 实际完成值: 90 }); // missed: 15 × 90% = 13.5
    setInputs(ws, "【待填写：质量指标名称】", { 三级指标: "培训合格率", 年度指标值: 0.95, 实际完成值: 0.98 });
    setInputs(ws, "【待填写：时效指标名称】", { 三级指标: "按期完成率", 年度指标值: 1, 实际完成值: 1 });
    setInputs(ws, "【待填写：成本指标名称】", { 三级指标: "人均培训成本（元）", 年度指标值: 500, 实际完成值: 480 });
    for (const n of ["经济效益指标名称", "社会效益指标名称", "生态效益指标名称", "可持续影响指标名称"]) setInputs(ws, `【待填写：${n}】`, { 三级指标: n.replace("名称", ""), 实际完成值: "达成" });
    setInputs(ws, "【待填写：满意度指标名称】", { 三级指标: "参训人员满意度", 年度指标值: 0.9, 实际完成值: 0.93 });
    // The rate typed as a per cent: the cells show 95% and 98%, and so must the report.
    const cols = gridColumns(ws);
    for (const h of ["年度指标值", "实际完成值"]) ws.getCell(rowOf(ws, "培训合格率"), cols[h]).numFmt = "0%";
  });
  ws = (await view(host)).getWorksheet("评分表")!;

  const r = await run(host, { report: false });
  expect(r.score).toMatchObject({ scheme: "mof2020", total: "97.12", grade: "优" });
  expect(r.score!.levels).toEqual([
    { name: "预算执行率", weight: "10", score: "8.62" },
    { name: "产出指标", weight: "50", score: "48.50" },
    { name: "效益指标", weight: "30", score: "30.00" },
    { name: "满意度指标", weight: "10", score: "10.00" },
  ]);
  expect(r.score!.indicators.find((i) => i.path[2] === "培训人次")).toMatchObject({ weight: "15", score: "13.50" });
  expect(r.score!.indicators.find((i) => i.path[2] === "培训合格率")).toMatchObject({ target: "95%", actual: "98%" });
  expect(r.issues.filter((i) => i.severity !== "info")).toEqual([]);
  expect(r.facts.score).toMatchObject({ total: "97.12", grade: "优" });

  // LibreOffice computes the same from the live formulas.
  const lo = await recalculate(await host.toBuffer());
  const sheet = lo.getWorksheet("评分表")!;
  const totalRow = rowOf(ws, "总分");
  const H = gridColumns(ws)["得分"];
  expect(computed(sheet, a1(totalRow, H))).toBe(97.12);
  expect(computed(sheet, a1(totalRow + 1, H))).toBe("优");
  expect(computed(sheet, "G4")).toBe(8.62);
  expect(computed(sheet, "F4")).toBeCloseTo(0.862, 12);

  // A project is added (a row inserted inside the table, as in Excel); the rate stays 86.20%.
  await edit(host, (wb) => insertRow(wb.getWorksheet("项目资金表")!, 5, [3, "丙项目", 100000, 86200]));
  const grown = await hostFrom(await recalculate(await host.toBuffer()));
  const again = await run(grown, { report: false });
  expect(again.score).toMatchObject({ total: "97.12", grade: "优" });
  expect(again.issues.filter((i) => i.severity !== "info")).toEqual([]);
  const money = (await view(grown)).getWorksheet("评分表")!;
  expect(money.getCell("C4").formula).toBe("项目资金表!C7/10000"); // re-pointed at the moved 合计 cell
  expect(again.table!.projects.map((p) => p.name)).toEqual(["甲项目", "丙项目", "乙项目"]);
  const lo2 = await recalculate(await grown.toBuffer());
  expect(computed(lo2.getWorksheet("评分表")!, "C4")).toBe(60);
  expect(computed(lo2.getWorksheet("评分表")!, a1(totalRow, H))).toBe(97.12);
  expect(computed(lo2.getWorksheet("项目资金表")!, "E5")).toBeCloseTo(0.862, 12); // the new row got its rate formula

  // Running the recalculation twice changes nothing.
  const third = plan(await grown.read(), { report: false });
  const before = await grown.read();
  const unchanged = third.plan.edits.every((e) =>
    e.cells.every((c) => {
      const s = before.sheets.find((x) => x.name === e.sheet)!;
      const f = s.formulas?.[c.row - 1]?.[c.col - 1];
      return c.content.kind === "formula" ? f === c.content.formula : true;
    }),
  );
  expect(unchanged).toBe(true);
});

test("the seed's department scheme: 4 一级, 10 二级, 30 三级, and the 98 ≠ 100 weights with their cells", async () => {
  const host = hostOf(workbook({ name: "项目资金表", rows: FUND_ARRIVED }));
  const r = await run(host, { mode: "formulas", scheme: "department" });
  expect(r.score!.counts).toEqual({ level1: 4, level2: 10, level3: 30 });
  expect(r.score!.levels.map((l) => `${l.name}${l.weight}`)).toEqual(["投入7", "过程24", "产出57", "效益10"]);
  const w = r.issues.filter((i) => i.code === "WEIGHT_TOTAL");
  expect(w).toHaveLength(1);
  expect(w[0]).toMatchObject({ sheet: "评分表", cells: ["D4", "D13", "D31", "D39"], severity: "warning" });
  expect(renderIssue(w[0])).toBe("一级指标分值合计 98（投入7 + 过程24 + 产出57 + 效益10），不是 100；请确认指标体系（涉及 D4、D13、D31、D39）。");
  expect(r.issues.filter((i) => i.code === "WEIGHT_SUM")).toEqual([]);
  // 资金到位率 is linked to the fund table's 合计 rate.
  const ws = (await view(host)).getWorksheet("评分表")!;
  const row = rowOf(ws, "资金到位率");
  expect(ws.getCell(row, 7).formula).toBe("项目资金表!E6");
  const lo = await recalculate(await host.toBuffer());
  expect(computed(lo.getWorksheet("评分表")!, a1(row, 8))).toBe(2.59); // 3 × 86.2% = 2.586 → 2.59
});

test("the checker: weights, scores above 分值, 目标 0, unknown rules, bands, text in number cells — no #DIV/0! anywhere", async () => {
  const grid: Cell[][] = [
    ["我的指标"],
    [],
    ["一级指标", "二级指标", "三级指标", "分值", "计分方式", "年度指标值", "实际完成值", "得分", "偏差原因分析及改进措施", "定性得分比例"],
    ["产出", null, null, 60],
    [null, "数量", null, 30],
    [null, null, "甲", 20, "正向", 0, 5],
    [null, null, "乙", 15, "手工", null, null, 18],
    [null, "质量", null, 30],
    [null, null, "丙", 10, "定性", null, "部分达成", null, null, 0.9],
    [null, null, "丁", 10, "按感觉", 1, 1],
    [null, null, "戊", 10, "正向", "一百", 80],
    ["效益", null, null, 40],
    [null, null, "己", 40, "反向", 5, 0],
  ];
  const host = hostOf(workbook({ name: "项目资金表", rows: FUND }, { name: "我的指标", rows: grid }));
  const r = await run(host, { mode: "formulas", scheme: "我的指标" });
  const at = (code: string) => r.issues.filter((i) => i.code === code).map((i) => i.cells.join(","));
  expect(at("WEIGHT_SUM")).toEqual(["D5"]); // 数量 30 ≠ 20 + 15
  expect(at("SCORE_TARGET_ZERO")).toEqual(["F6"]);
  expect(at("SCORE_OUT_OF_RANGE")).toEqual(["H7"]);
  expect(at("SCORE_SHARE_OUT_OF_BAND")).toEqual(["J9"]);
  expect(at("RULE_UNKNOWN")).toEqual(["E10"]);
  expect(at("SCORE_NOT_A_NUMBER")).toEqual(["F11"]);
  expect(at("WEIGHT_TOTAL")).toEqual([]); // 60 + 40
  expect(r.score!.indicators.find((i) => i.path.includes("己"))!.score).toBe("40.00"); // 0 complaints ≤ 5: full marks, no division by zero
  const shown = shownText(await host.toBuffer())["评分表"].flat().join("|");
  expect(shown).not.toMatch(/#DIV\/0!|#VALUE!|#N\/A|Err:/);
  expect(renderIssue(r.issues.find((i) => i.code === "SCORE_SHARE_OUT_OF_BAND")!)).toBe("J9 定性指标“丙”为“部分达成”，得分比例应在 50%–80% 之间，现为 90%，得分为空。"); // the Hubei bands (domain §3 [HB1]) since issue 10
  // The user's own sheet is a template: it is not written to.
  expect((await view(host)).getWorksheet("我的指标")!.getCell("H6").value).toBeNull();
});

/** A grid with random indicators of every rule type. */
const kinds = ["正向", "反向", "比率", "阶梯：≥95%得100%，≥90%得80%，≥80%得60%，否则得0%", "扣分：每低于目标1个百分点扣0.5分", "定性", "手工"] as const;
const money = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 200000 }).map((n) => n / 1000));
const inputCell = fc.oneof({ weight: 6, arbitrary: money }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant("无") });
const indicator = fc.record({
  kind: fc.constantFrom(...kinds),
  weight: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 2000 }).map((n) => n / 100)),
  target: inputCell,
  actual: inputCell,
  equal: fc.boolean(),
  grade: fc.constantFrom("达成", "部分达成", "未达成", "完成"),
  share: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 100 }).map((n) => n / 100)),
  typed: fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 2500 }).map((n) => n / 100)),
});

test("property: every rule type, recalculated by LibreOffice, equals decimal.js (scores, subtotals, total, grade)", async () => {
  // SCORE_PROPERTY_RUNS and SCORE_PROPERTY_SEED widen the search locally (CI keeps the default).
  const rows = fc.sample(fc.array(indicator, { minLength: 4, maxLength: 9 }), { numRuns: Number(process.env.SCORE_PROPERTY_RUNS ?? 12), seed: Number(process.env.SCORE_PROPERTY_SEED ?? 100) });
  const grid: Cell[][] = [["随机指标"], [], ["一级指标", "二级指标", "三级指标", "分值", "计分方式", "年度指标值", "实际完成值", "得分", "偏差原因分析及改进措施", "定性得分比例"]];
  let n = 0;
  const seen = new Set<string>();
  rows.forEach((group, gi) => {
    grid.push([`一级${gi}`, null, null, 100], [null, `二级${gi}`, null, 100]);
    for (const ind of group) {
      n++;
      const kind = ind.kind.split("：")[0];
      seen.add(kind);
      const name = `指标${n}`;
      const target = ind.target;
      const actual = ind.equal ? target : ind.actual;
      if (kind === "定性") grid.push([null, null, name, ind.weight, ind.kind, null, ind.grade, null, null, ind.share]);
      else if (kind === "手工") grid.push([null, null, name, ind.weight, ind.kind, null, null, ind.typed]);
      else if (kind === "比率") grid.push([null, null, name, ind.weight, ind.kind, 1, typeof actual === "number" ? actual / 1000 : actual]);
      else grid.push([null, null, name, ind.weight, ind.kind, target, actual]);
    }
  });
  // Binary floating point edges: 0.57/0.6 is 0.94999… in a double, 10 × 0.69/0.8 is 8.62499…
  grid.push(["边缘", null, null, 40], [null, null, "阶梯边缘", 10, kinds[3], 0.6, 0.57], [null, null, "正向半分", 10, "正向", 0.8, 0.69], [null, null, "扣分边缘", 10, kinds[4], 0.95, 0.93], [null, null, "反向除不尽", 10, "反向", 0.3, 0.7]);
  // Totals at the grade boundaries, by hand-typed scores.
  for (const total of [90, 89.99, 80, 79.99, 60, 59.99]) grid.push([`边界${total}`, null, null, 100], [null, null, `手工${total}`, 100, "手工", null, null, total]);
  const host = hostOf(workbook({ name: "项目资金表", rows: FUND }, { name: "随机", rows: grid }));
  const result = plan(await host.read(), { mode: "formulas", scheme: "随机" });
  await host.apply(result.plan);
  expect([...seen].sort()).toEqual(["定性", "手工", "扣分", "反向", "正向", "比率", "阶梯"].sort());
  const writes = allWrites(result.plan).filter((w) => w.sheet === "评分表");
  for (const w of writes) if (w.content.kind === "formula") expect(disallowedFunctions((w.content as unknown as { formula: string }).formula)).toEqual([]);
  const edge = (name: string) => result.score!.indicators.find((i) => i.path.includes(name))!.score;
  expect(["阶梯边缘", "正向半分", "扣分边缘", "反向除不尽"].map(edge)).toEqual(["10.00", "8.63", "9.00", "4.29"]);
  const checked = await checkAgainstLibreOffice(host, writes);
  expect(checked).toBeGreaterThan(n);
  const shown = shownText(await host.toBuffer())["评分表"].flat().join("|");
  expect(shown).not.toMatch(/#DIV\/0!|#VALUE!|#N\/A|Err:/);
});

test("values mode writes the same figures, and recalc refreshes them after the data changed", async () => {
  const host = hostOf(workbook({ name: "项目资金表", rows: FUND_ARRIVED }));
  await run(host, { mode: "values", scheme: "department" });
  let ws = (await view(host)).getWorksheet("评分表")!;
  const row = rowOf(ws, "资金到位率");
  expect(ws.getCell(row, 7).value).toBeCloseTo(0.862, 12);
  expect(ws.getCell(row, 8).value).toBe(2.59);
  await edit(host, (wb) => {
    wb.getWorksheet("项目资金表")!.getCell("D5").value = 200000; // 乙 fully in place now
    wb.getWorksheet("项目资金表")!.getCell("D6").value = { formula: "SUM(D4:D5)", result: 458600 } as ExcelJS.CellFormulaValue;
  });
  const r = await run(host, { report: false });
  ws = (await view(host)).getWorksheet("评分表")!;
  expect(r.issues.filter((i) => i.code === "CELL_KEPT" || i.code === "SCORE_TYPED_OVER")).toEqual([]);
  expect(ws.getCell(row, 7).value).toBeCloseTo(0.9172, 12);
  expect(ws.getCell(row, 8).value).toBe(2.75); // 3 × 91.72% = 2.7516
  expect(ws.getCell(scoreCell(ws, "资金落实")).value).toBe(2.75);
});

test("recalc keeps what the user typed: a weight, a reason, a score typed over a formula", async () => {
  const host = hostOf(workbook({ name: "项目资金表", rows: FUND }));
  await run(host, { mode: "formulas", scheme: "department" });
  await edit(host, (wb) => {
    const ws = wb.getWorksheet("评分表")!;
    setInputs(ws, "支付进度率", { 实际完成值: 0.98, 偏差原因分析及改进措施: "年底集中支付" });
    setInputs(ws, "预算调整率", { 得分: 1.5 }); // typed over the formula
    setInputs(ws, "过程", { 分值: 25 });
  });
  const ws = (await view(host)).getWorksheet("评分表")!;
  const r = plan(await host.read(), { report: false });
  const at = (code: string) => r.issues.filter((i) => i.code === code).map((i) => i.cells.join(","));
  expect(at("SCORE_TYPED_OVER")).toEqual([scoreCell(ws, "预算调整率")]);
  expect(at("WEIGHT_SUM")).toEqual([`D${rowOf(ws, "过程")}`]);
  expect(renderIssue(r.issues.find((i) => i.code === "WEIGHT_TOTAL")!)).toMatch(/合计 99/);
  const touched = new Set(r.plan.edits.filter((e) => e.sheet === "评分表").flatMap((e) => e.cells.map((c) => a1(c.row, c.col))));
  expect(touched.has(scoreCell(ws, "预算调整率"))).toBe(false);
  expect(touched.has(`I${rowOf(ws, "支付进度率")}`)).toBe(false);
  expect(touched.has(`D${rowOf(ws, "过程")}`)).toBe(false);
  expect(r.score!.indicators.find((i) => i.path[2] === "支付进度率")!.score).toBe("1.96");
});
