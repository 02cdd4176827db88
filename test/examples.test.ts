/**
 * The published examples in ../shared/domain/examples, rebuilt as the tables those units keep: each
 * gives the figures the document should have. Where the published figure is itself wrong (a rate
 * rounded to a whole per cent and scored from the rounding, a 分值 of 100 in the money row), the
 * right one is asserted with its arithmetic.
 */
import { Issue, plan, readFundTable } from "../src/core";
import { Cell, hostOf, workbook } from "./helpers/books";
import { computed, recalculate } from "./helpers/libreoffice";

const at = (issues: Issue[], code: string) => issues.filter((i) => i.code === code).map((i) => i.cells.join(","));
const pct = (r: { times(n: number): { toDecimalPlaces(n: number): { toFixed(n: number): string } } } | null) => (r ? r.times(100).toDecimalPlaces(2).toFixed(2) + "%" : null);

/** A project row, then its 其中 rows (本年财政拨款, 上年结转资金, 其他资金) without a serial number, as these forms list them. */
function withParts(no: number, name: string, amounts: (number | null)[], parts: [string, (number | null)[]][]): Cell[][] {
  return [[no, name, ...amounts], ...parts.map(([label, a]): Cell[] => [null, label, ...a])];
}

/** The three 其中 rows of the national form: 其中:本年（或当年）财政拨款, 上年结转资金, 其他资金. */
const threeParts = (year: "本年" | "当年", fiscal: (number | null)[], carryover: (number | null)[], other: (number | null)[]): [string, (number | null)[]][] => [
  [`其中:${year}财政拨款`, fiscal],
  ["上年结转资金", carryover],
  ["其他资金", other],
];

async function table(rows: Cell[][]) {
  return readFundTable(await hostOf(workbook({ name: "项目资金表", rows })).read());
}

/** The mof2020 form's money block, recalculated by LibreOffice: 年初 | 全年 | 执行 | 执行率 | 得分 of row 4. */
async function moneyBlock(rows: Cell[][]): Promise<unknown[]> {
  const host = hostOf(workbook({ name: "项目资金表", rows }));
  const r = plan(await host.read(), { mode: "formulas", scheme: "mof2020", report: false });
  await host.apply(r.plan);
  const form = (await recalculate(await host.toBuffer())).getWorksheet("评分表")!;
  return ["B4", "C4", "D4", "F4", "G4"].map((c) => computed(form, c));
}

test("01 宣城 防震减灾综合保障: 55 | 55 | 55, 执行率 100%, 10 of 10; 其中 rows 本年财政拨款 / 上年结转资金 / 其他资金", async () => {
  const rows: Cell[][] = [
    ["单位：万元"],
    ["序号", "项目名称", "年初预算数", "全年预算数(A)", "全年执行数(B)"],
    ...withParts(1, "防震减灾综合保障", [55, 55, 55], threeParts("本年", [55, 55, 55], [0, 0, 0], [0, 0, 0])),
  ];
  const { table: t, issues } = await table(rows);
  expect(t!.projects.map((p) => [p.name, pct(p.execRate)])).toEqual([["防震减灾综合保障", "100.00%"]]);
  expect(t!.projects[0].breakdown.map((b) => b.category)).toEqual(["fiscal", "carryover", "other"]);
  expect(at(issues, "BREAKDOWN_MISMATCH")).toEqual([]); // 55 = 55 + 0 + 0
  expect(await moneyBlock(rows)).toEqual([55, 55, 55, 1, 10]);
});

test("02 鄂州市财政局: 171 ÷ 287 = 59.58% → 5.96 and 100 ÷ 202 = 49.50% → 4.95 (published as 60% → 6 and 50% → 5)", async () => {
  const rows: Cell[][] = [
    ["单位：万元"],
    ["序号", "项目名称", "年初预算数", "全年预算数", "全年执行数"],
    ...withParts(1, "购买第三方服务", [287, 287, 171], threeParts("当年", [287, 287, 171], [null, null, null], [null, null, null])),
    ...withParts(2, "财政政务管理", [202, 202, 100], [["其中:当年财政拨款", [202, 202, 100]]]),
  ];
  const { table: t } = await table(rows);
  // 171 / 287 = 0.595818…; the form shows 60% and scores 10 × 60% = 6, but 10 × 0.595818… = 5.96.
  expect(t!.projects.map((p) => pct(p.execRate))).toEqual(["59.58%", "49.50%"]);
  expect(t!.projects.map((p) => p.breakdown.length)).toEqual([3, 1]);
  expect(await moneyBlock([rows[0], rows[1], rows[2], rows[3], rows[4], rows[5]])).toEqual([287, 287, 171, expect.closeTo(171 / 287, 12), 5.96]);
  expect((await moneyBlock([rows[0], rows[1], rows[6], rows[7]]))[4]).toBe(4.95); // 10 × 100/202 = 4.9505
});

test("03 鄂州市行政审批局: amounts typed with 万 inside the cells; 125.25 ÷ 150 = 83.50% → 8.35 (published 分值 100, 得分 98)", async () => {
  const rows: Cell[][] = [
    ["项目名称", "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）"],
    ["市民中心运行维护费", "150万", "150万", "125.25万"],
    ["其中:当年财政拨款", "150万", "150万", "125.25万"],
    ["上年结转资金", 0, 0, 0],
    ["其他资金", 0, 0, 0],
  ];
  const { table: t, issues } = await table(rows);
  expect(t!.projects.map((p) => [p.name, p.budget!.value!.toFixed(), p.executed!.value!.toFixed(), pct(p.execRate)])).toEqual([["市民中心运行维护费", "1500000", "1252500", "83.50%"]]);
  expect(at(issues, "TEXT_NUMBER")).toEqual(["B2", "C2", "D2", "B3", "C3", "D3"]);
  const money = await moneyBlock(rows);
  expect(money.slice(1, 3)).toEqual([150, 125.25]); // written as values: Excel's SUM would skip text
  expect(money[4]).toBe(8.35); // 10 × 83.5%, in the money row's own 分值 of 10
});

test("04 宁德市地震局 (Fujian): 预算安排 over 年初 | 年中调整 | 小计, 拨付 as 执行; 188.45 ÷ 188.61 = 99.92%", async () => {
  const rows: Cell[][] = [
    ["单位：万元"],
    ["资金结构", "预算安排", null, null, "拨付情况", null],
    [null, "年初部门预算安排金额(含历年结余结转)①", "年中调整金额②", "小计③=①+②", "年度拨付金额④", "支出实现率(%)⑤=④/③"],
    ["①项目支出", 30, 0, 30, 30, 100],
    ["②基本支出", 100.54, 58.07, 158.61, 158.45, 99.9],
    ["合计", 130.54, 58.07, 188.61, 188.45, 99.92],
  ];
  const { table: t, issues } = await table(rows);
  expect(t!.detection).toMatchObject({ headerTop: 2, headerBottom: 3 });
  expect(t!.mapping).toMatchObject({ name: 1, initial: 2, adjust: 3, budget: 4, executed: 5, execRate: 6 });
  expect(t!.projects.map((p) => pct(p.execRate))).toEqual(["100.00%", "99.90%"]); // 158.45 / 158.61 = 99.899…%, the form's 99.9
  expect(pct(t!.totals.execRate)).toBe("99.92%");
  const r = plan(await hostOf(workbook({ name: "项目资金表", rows })).read(), { mode: "formulas" });
  // The unit's own 支出实现率 column is kept and checked: 100, 99.9 and 99.92 agree with the amounts.
  expect(at(r.issues, "CELL_KEPT")).toEqual(["F4", "F5", "F6"]);
  expect(at(r.issues, "RATE_MISMATCH")).toEqual([]);
  expect(at(issues, "ADJUST_MISMATCH")).toEqual([]); // 30 + 0 = 30; 100.54 + 58.07 = 158.61
});

test("05 宁德 地方志研究室 2018: amounts in 元 under a 万元 heading are flagged; 2546673.98 ÷ 2751417.82 = 92.56% (published 93%)", async () => {
  const rows: Cell[][] = [
    ["单位：万元"],
    ["资金结构", "预算安排", null, null, null, "拨付情况", null],
    [null, "年初部门预算安排金额", "历年结余结转", "年中调整金额③", "小计 ④ = ①+② +③", "年度拨付金额", "支出实现率(%) ⑥=⑤/④"],
    ["②市级财政资金", 2537695, 213722.82, 0, 2751417.82, 2546673.98, "93%"],
  ];
  const { table: t, issues } = await table(rows);
  expect(t!.mapping).toMatchObject({ initial: 2, carryIn: 3, adjust: 4, budget: 5, executed: 6, execRate: 7 });
  expect(pct(t!.projects[0].execRate)).toBe("92.56%");
  expect(at(issues, "UNIT_SUSPECT")).toEqual(["E4"]); // 2751417.82 万元 would be 275 亿元
  expect(at(issues, "ADJUST_MISMATCH")).toEqual([]); // 2537695 + 213722.82 + 0 = 2751417.82
  const r = plan(await hostOf(workbook({ name: "项目资金表", rows })).read(), { mode: "formulas" });
  expect(at(r.issues, "RATE_MISMATCH")).toEqual([]); // "93%" is 92.56% shown to whole per cent
});

test("06 重庆 融媒体中心: 全年(调整)预算数 is the full-year budget; 执行率 76% × 权重 10 = 7.6", async () => {
  const rows: Cell[][] = [["单位：万元"], ["项目名称", "年初预算数", "全年(调整)预算数", "全年执行数"], ["部门预算", 520, 500, 380]];
  const { table: t } = await table(rows);
  expect(t!.mapping).toMatchObject({ initial: 2, budget: 3, executed: 4 });
  expect(pct(t!.projects[0].execRate)).toBe("76.00%");
  expect(await moneyBlock(rows)).toEqual([520, 500, 380, 0.76, 7.6]);
});
