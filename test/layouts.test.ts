/** Tables as accountants really keep them: each read correctly, or reported at the right cell. */
import { Issue, plan, readFundTable, renderIssue } from "../src/core";
import { Cell, hostOf, workbook } from "./helpers/books";
import type ExcelJS from "exceljs";

async function read(wb: ExcelJS.Workbook) {
  const snap = await hostOf(wb).read();
  const r = readFundTable(snap);
  return { ...r, snap };
}
const codes = (issues: Issue[]) => issues.map((i) => `${i.code}@${i.cells.join(",")}`);
const find = (issues: Issue[], code: string, cell: string) => issues.find((i) => i.code === code && i.cells.join(",") === cell);

test("title and 单位 rows above a header in 万元 with full-width brackets and spaces", async () => {
  const { table, issues } = await read(
    workbook({
      name: "Sheet1",
      rows: [
        ["2020年度项目资金明细表"],
        [null, null, null, "金额单位：万元"],
        ["序 号", "项目名称", "预算金额（万元）", "实际到位资金（万元）", "备注"],
        [1, "甲项目", 12.5, 10],
        [2, "乙项目", 3.3, 3.3],
        ["合 计", null, 15.8, 13.3],
      ],
    }),
  );
  expect(table).not.toBeNull();
  const t = table!;
  expect(t.unit).toBe("万元");
  expect(t.detection.unitSource).toBe("unitRow");
  expect(t.detection.headerTop).toBe(3);
  expect(t.detection.titleRows).toEqual([1, 2]);
  expect(t.mapping).toMatchObject({ seq: 1, name: 2, budget: 3, invested: 4 });
  expect(t.projects.map((p) => [p.name, p.budget!.value!.toFixed(), p.invested!.value!.toFixed(), p.rate!.toFixed()])).toEqual([
    ["甲项目", "125000", "100000", "0.8"],
    ["乙项目", "33000", "33000", "1"],
  ]);
  expect(t.totalRow?.row).toBe(6);
  expect(t.totals.budget!.toFixed()).toBe("158000");
  expect(issues).toEqual([]);
});

test("header variants: 全年预算数 / 全年执行数, 计划投入资金 / 实际支出, 项目 / 到位资金", async () => {
  // Since issue 9, spending (全年执行数, 实际支出) is its own figure with its own rate, never 到位.
  const variants: [string, string, string, "invested" | "executed"][] = [
    ["项目", "全年预算数", "全年执行数", "executed"],
    ["名称", "计划投入资金", "实际支出", "executed"],
    ["项目名称", "全年预算数（元）", "到位资金（元）", "invested"],
    ["项目名称", "项目资金 (元)", "投入资金 (元)", "invested"],
  ];
  for (const [n, b, i, field] of variants) {
    const { table } = await read(workbook({ name: "S", rows: [[n, b, i], ["A", 100, 50]] }));
    expect([n, table?.mapping.name, table?.mapping.budget, table?.mapping[field]]).toEqual([n, 1, 2, 3]);
    const p = table!.projects[0];
    expect((field === "invested" ? p.rate : p.execRate)!.toFixed()).toBe("0.5");
  }
});

test("two-row header: 资金来源 over 区本级财政资金 | 上级补助资金", async () => {
  const { table, issues } = await read(
    workbook({
      name: "S",
      rows: [
        ["单位：元"],
        ["序号", "项目名称", "项目资金", "资金来源", null, "投入资金"],
        [null, null, null, "区本级财政资金", "上级补助资金", null],
        [1, "甲", 1000, 600, 400, 900],
        [2, "乙", 500, 500, 0, 250],
      ],
    }),
  );
  expect(table!.detection.headerTop).toBe(2);
  expect(table!.detection.headerBottom).toBe(3);
  expect(table!.mapping.sources).toEqual([4, 5]);
  expect(table!.projects[0].sources.map((s) => s.label)).toEqual(["区本级财政资金", "上级补助资金"]);
  expect(table!.projects.map((p) => p.rate!.toFixed())).toEqual(["0.9", "0.5"]);
  expect(issues).toEqual([]);
});

test("an Excel Table that does not start at A1", async () => {
  const wb = workbook({
    name: "资金",
    at: { row: 5, col: 3 },
    table: "项目表",
    rows: [
      ["项目名称", "预算数", "执行数"],
      ["甲", 200, 150],
      ["乙", 300, 300],
    ],
  });
  const { table } = await read(wb);
  expect(table!.detection.tableName).toBe("项目表");
  expect(table!.detection.headerTop).toBe(5);
  expect(table!.mapping).toMatchObject({ name: 3, budget: 4, executed: 5 });
  expect(table!.projects.map((p) => `${p.row}:${p.name}:${p.execRate!.toFixed()}`)).toEqual(["6:甲:0.75", "7:乙:1"]);
});

test("合计, 小计, 其中, group and blank rows are not projects", async () => {
  const { table } = await read(
    workbook({
      name: "S",
      rows: [
        ["序号", "项目名称", "预算数", "实际到位资金"],
        ["一", "基本支出", 300, 280],
        [1, "甲", 100, 90],
        [2, "乙", 200, 190],
        [null, "小计", 300, 280],
        [null, null, null, null],
        ["二、项目支出", null, 50, 50],
        [3, "丙", 50, 50],
        [null, "其中：财政拨款", 50, 50],
        ["总 计", null, 350, 330],
      ],
    }),
  );
  expect(table!.projects.map((p) => p.name)).toEqual(["甲", "乙", "丙"]);
  expect(table!.rows.map((r) => r.kind)).toEqual(["group", "project", "project", "subtotal", "blank", "group", "project", "ofwhich", "total"]);
  expect(table!.totalRow!.row).toBe(10);
  expect(table!.totals.budget!.toFixed()).toBe("350");
});

test("text numbers, full-width digits, 万元 in a cell, dashes, blanks and error values", async () => {
  const { table, issues } = await read(
    workbook({
      name: "S",
      rows: [
        ["单位：元"],
        ["项目名称", "项目资金", "投入资金"],
        ["千分位", "1,234.56", 1234.56],
        ["全角", "１２.５", "１０"],
        ["带单位", "5万元", "40000元"],
        ["横线", 100, "—"],
        ["空白", 100, null],
        ["错误", { error: "#DIV/0!" }, 5],
        ["零预算", 0, 10],
      ],
    }),
  );
  const t = table!;
  const byName = Object.fromEntries(t.projects.map((p) => [p.name, p]));
  expect(byName["千分位"].budget!.value!.toFixed()).toBe("1234.56");
  expect(byName["千分位"].rate!.toFixed()).toBe("1");
  expect(byName["全角"].budget!.value!.toFixed()).toBe("12.5");
  expect(byName["全角"].rate!.toFixed()).toBe("0.8");
  expect(byName["带单位"].budget!.value!.toFixed()).toBe("50000");
  expect(byName["带单位"].rate!.toFixed()).toBe("0.8");
  for (const n of ["横线", "空白", "错误", "零预算"]) expect([n, byName[n].rate]).toEqual([n, null]);
  expect(codes(issues)).toEqual(
    expect.arrayContaining(["TEXT_NUMBER@B3", "TEXT_NUMBER@B4", "TEXT_NUMBER@C4", "TEXT_NUMBER@B5", "TEXT_NUMBER@C5", "DASH_AS_BLANK@C6", "INVESTED_MISSING@C6", "INVESTED_MISSING@C7", "ERROR_VALUE@B8", "BUDGET_ZERO@B9"]),
  );
  expect(renderIssue(find(issues, "ERROR_VALUE", "B8")!)).toContain("#DIV/0!");
  expect(find(issues, "ERROR_VALUE", "B8")!.severity).toBe("error");
  expect(renderIssue(find(issues, "BUDGET_ZERO", "B9")!)).toMatch(/B9 项目“零预算”的项目资金为 0/);
  for (const i of issues) expect(i.sheet).toBe("S");
});

test("a zero budget writes no rate and no #DIV/0!, in either mode, and the narrative shows a placeholder", async () => {
  for (const mode of ["formulas", "values"] as const) {
    const host = hostOf(workbook({ name: "S", rows: [["项目名称", "预算数", "实际到位资金"], ["甲", 0, 1000], ["乙", 10, 5]] }));
    const r = plan(await host.read(), { mode });
    const cell = r.plan.edits[0].cells.find((c) => c.row === 2 && c.col === 4)!;
    expect(cell.expect).toBe("");
    if (mode === "values") expect(cell.content).toEqual({ kind: "blank" });
    expect(r.paragraphs.find((p) => p.section === "三（一）" && p.level === "body")!.text).toBe("1、甲工作项目资金0万元，投入资金0.1万元，资金到位率【待填写：资金到位率】。");
    expect(r.paragraphs.map((p) => p.text).join("\n")).not.toMatch(/NaN|undefined|Infinity|null/);
  }
});

test("no table at all: a clear error, nothing planned", async () => {
  const host = hostOf(workbook({ name: "杂项", rows: [["会议纪要"], ["时间", "地点"]] }));
  const r = plan(await host.read(), { mode: "formulas" });
  expect(r.ok).toBe(false);
  expect(r.plan.edits).toEqual([]);
  expect(r.plan.sheets).toEqual([]);
  expect(r.issues[0]).toMatchObject({ code: "TABLE_NOT_FOUND", severity: "error", sheet: "杂项" });
  expect(renderIssue(r.issues[0])).toMatch(/没有找到项目资金表/);
});

test("a 合计 row that disagrees with its projects is an error at its cell", async () => {
  const rows: Cell[][] = [["项目名称", "预算数", "执行数"], ["甲", 100, 90], ["乙", 200, 100], ["合计", 310, 190]];
  const { issues } = await read(workbook({ name: "S", rows }));
  expect(issues.filter((i) => i.code !== "UNIT_ASSUMED").map((i) => [i.code, i.cells.join(","), i.severity])).toEqual([["TOTAL_MISMATCH", "B4", "error"]]);
});

test("the user's mapping overrides the detected one", async () => {
  const snap = await hostOf(workbook({ name: "S", rows: [["项目名称", "预算数", "执行数", "调整数"], ["甲", 100, 90, 80]] })).read();
  const r = readFundTable(snap, { mapping: { invested: 4 } });
  expect(r.table!.projects[0].rate!.toFixed()).toBe("0.8");
});
