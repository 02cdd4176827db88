/**
 * Real recalculation: the formulas `report --mode formulas` writes are recalculated by LibreOffice
 * and must give the decimal.js values; the text each cell shows must be the text of the report.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { a1, Decimal, disallowedFunctions, formatNumber, formatRate, plan, rate, rateNumberFormat, run } from "../src/core";
import { XlsxHost } from "../src/xlsx/host";
import { Cell, SAMPLE, hostOf, workbook } from "./helpers/books";
import { computed, recalculate, shownText } from "./helpers/libreoffice";

const TOLERANCE = new Decimal("1e-12");

async function sampleHost(): Promise<XlsxHost> {
  return XlsxHost.fromBuffer(readFileSync(SAMPLE), "xlsx");
}

function expectSameNumber(got: unknown, want: string, where: string) {
  if (want === "") {
    expect({ where, got: got ?? "" }).toEqual({ where, got: "" });
    return;
  }
  expect(typeof got).toBe("number");
  // 1e-12, relative above 1: a double (and the 15 digits a file keeps) has no more to give.
  const diff = new Decimal(got as number).minus(want).abs();
  if (diff.greaterThan(TOLERANCE.times(Decimal.max(1, new Decimal(want).abs())))) throw new Error(`${where}: LibreOffice ${got} ≠ decimal.js ${want}`);
}

test("every formula written on the sample recalculates in LibreOffice to the decimal.js value", async () => {
  const host = await sampleHost();
  const result = await run(host, { mode: "formulas" });
  expect(result.ok).toBe(true);
  const written = result.plan.edits.flatMap((e) => e.cells.filter((c) => c.content.kind === "formula").map((c) => ({ sheet: e.sheet, ...c })));
  expect(written.length).toBe(12); // 11 projects + the 合计 row
  for (const w of written) expect(disallowedFunctions((w.content as { formula: string }).formula)).toEqual([]);
  const lo = await recalculate(await host.toBuffer());
  let checked = 0;
  for (const w of written) {
    expectSameNumber(computed(lo.getWorksheet(w.sheet)!, a1(w.row, w.col)), w.expect!, `${w.sheet}!${a1(w.row, w.col)}`);
    checked++;
  }
  expect(checked).toBe(12);
  // The 合计 row's own SUM formulas, recalculated, equal the decimal totals.
  const ws = lo.getWorksheet("项目资金表")!;
  expect(String(computed(ws, "C15"))).toBe(result.facts.totals!.budget);
  expect(String(computed(ws, "F15"))).toBe(result.facts.totals!.invested);
  expectSameNumber(computed(ws, "J15"), result.table!.totals.rate!.toFixed(), "J15");
});

test("cells show exactly the report's figures, in formulas mode and in values mode alike", async () => {
  const shown: Record<string, string[]> = {};
  for (const mode of ["formulas", "values"] as const) {
    const host = await sampleHost();
    const result = await run(host, { mode });
    const sheet = shownText(await host.toBuffer())["项目资金表"];
    shown[mode] = sheet.slice(3, 15).map((r) => r[9]);
    const header = sheet[2][9];
    expect(header).toBe("资金到位率");
    result.facts.projects.forEach((p, i) => expect(`${p.row}:${shown[mode][i]}`).toBe(`${p.row}:${p.rateText}`));
    expect(shown[mode][11]).toBe(result.facts.totals!.rateText);
  }
  expect(shown.values).toEqual(shown.formulas);
  expect(shown.formulas.slice(0, 11)).toEqual(["79.32%", "73.28%", "97.25%", "99.06%", "86.04%", "63.24%", "94.71%", "100%", "96.30%", "100%", "100%"]);
});

/** Amounts in 元 with up to 2 decimals, including 0 and equal budget/invested. */
const amount = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 99_999_999 }),
  fc.integer({ min: 1, max: 9_999_999_999 }).map((n) => new Decimal(n).dividedBy(100).toNumber()),
);

test("property: random budgets and investments — LibreOffice's rate equals decimal.js, and shows the same text", async () => {
  const rows = fc.sample(
    fc.tuple(amount, amount, fc.boolean(), fc.boolean()).map(([b, i, half, blank]) => (half ? [b, b / 2 === Math.floor(b / 2) ? b / 2 : i] : blank ? [b, null] : [b, i])),
    { numRuns: 300, seed: 20201231 },
  );
  // Edges: equal, zero budget, zero invested, whole per cents other than 100, and exact halves of
  // the last shown digit (2469/20000 = 12.345% → 12.35%; 19999/20000 = 99.995% → 100.00%).
  rows.push([1, 1], [0, 0], [2, 1], [100, 7], [3, 1], [0, 5], [5, 0], [20000, 2469], [20000, 15863], [20000, 19999], [20000, 1], [8, 1]);
  const data: Cell[][] = [["序号", "项目名称", "预算数", "实际到位资金"]];
  rows.forEach(([b, i], k) => data.push([k + 1, `项目${k + 1}`, b, i]));
  const host = hostOf(workbook({ name: "表", rows: data }));
  const result = plan(await host.read(), { mode: "formulas" });
  await host.apply(result.plan);
  const buf = await host.toBuffer();
  const lo = (await recalculate(buf)).getWorksheet("表")!;
  const cells = result.plan.edits[0].cells.filter((c) => c.content.kind === "formula");
  expect(cells).toHaveLength(rows.length);
  for (const c of cells) expectSameNumber(computed(lo, a1(c.row, c.col)), c.expect!, a1(c.row, c.col));

  const shown = shownText(buf)["表"];
  result.facts.projects.forEach((p) => expect(`${p.row}:${shown[p.row - 1][4] ?? ""}`).toBe(`${p.row}:${p.rateText ?? ""}`));
});

/** Values and number formats as fund tables, score sheets and the tool's own sheets have them. */
const SHOWN: [number, string][] = [
  [0.7932, "[=1]0%;[=0]0%;0.00%"],
  [1, "[=1]0%;[=0]0%;0.00%"],
  [0, "[=1]0%;[=0]0%;0.00%"],
  [0.5, "[=1]0%;[=0]0%;0.00%"],
  [0.5, "[=0.5]0%;[=1]0%;0.00%"],
  [0.3, "[=0.5]0%;[=1]0%;0.00%"],
  [0, "[=0.5]0%;[=1]0%;0.00%"],
  [-0.5, "[=-0.5]0%;[=1]0%;0.00%"],
  [-0.4932, "[=-0.5]0%;[=1]0%;0.00%"],
  [550000, "#,##0.00"],
  [-1234567.125, "#,##0.00"],
  [0.955, "0.0%"],
  [12.345, "0.00"],
  [-0.25, "[=1]0%;[=0]0%;0.00%"],
  [-0.25, "0.00%"],
  [-0.5, "[=1]0%;[=-0.5]0%;0.00%"],
  [-0.25, "[<0]0.00%;[=1]0%;0.00%"],
  [-0.25, "[>=0]0.00%;0.00%"],
  [-0.25, "[=1]0%;0.00%"],
  [-0.4932, "[<0]0.00%;[=1]0%;0.00%"],
  [1070000, "General"],
  [1234.5, "_-* #,##0.00_-;-* #,##0.00_-"],
  [-1234.5, "#,##0.00;(#,##0.00)"],
  [-1234.5, '#,##0.00;[Red]"-"#,##0.00'],
  [500, '0"人次"'],
  [1234.5, '"¥"#,##0.00'],
  [-1, '"¥"#,##0.00'],
  [0, '#,##0.00;-#,##0.00;"—"'],
  [44561, 'yyyy"年"m"月"d"日"'],
  [44561, "yyyy-mm-dd"],
  [44561.5, "yyyy/m/d h:mm"],
  [1.5, "0.0#"],
  [1.555, "0.0#"],
  [98, '0.00"分"'],
];

test("formatNumber shows a number as LibreOffice shows it in the cell's format", () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("shown");
  SHOWN.forEach(([v, fmt], i) => Object.assign(ws.getCell(i + 1, 1), { value: v, numFmt: fmt }));
  return wb.xlsx.writeBuffer().then((buf) => {
    const rows = shownText(new Uint8Array(buf as ArrayBuffer)).shown;
    const got = SHOWN.map(([v, fmt]) => `${v} in ${fmt} → ${formatNumber(v, fmt)}`);
    const want = SHOWN.map(([v, fmt], i) => `${v} in ${fmt} → ${rows[i][0].trim()}`);
    expect(got).toEqual(want);
  });
});

test("a rate cell in the format the tool gives it shows what the report writes, negative rates included", async () => {
  const rates = ["0.7932", "1", "0", "0.5", "0.963", "0.99999", "1.2", "-0.5", "-0.4932", "-1"];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("rates");
  rates.forEach((r, i) => Object.assign(ws.getCell(i + 1, 1), { value: Number(r), numFmt: rateNumberFormat(rate(r)) }));
  const rows = shownText(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)).rates;
  expect(rates.map((r, i) => `${r}: ${rows[i][0].trim()}`)).toEqual(rates.map((r) => `${r}: ${formatRate(rate(r))}`));
});
