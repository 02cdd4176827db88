/**
 * Real files from public spreadsheet test suites (test/corpus/README.md: source, licence, program,
 * features), written by Excel (Windows, Mac, Online), WPS, LibreOffice, Hancell, Numbers and
 * libraries. Each is read without a crash or a false "damaged"; then a small fund table is added
 * — on a sheet of its own, and again below the cells of an existing sheet — the tool runs
 * (report, scheme department), and input and output are compared part by part and element by
 * element (test/helpers/fidelity.ts); LibreOffice opens every output and shows the rates the tool
 * reported.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { CellWrite, run } from "../src/core";
import { OoxmlPackage } from "../src/ooxml";
import { XlsxHost } from "../src/xlsx/host";
import { compareFidelity, Fidelity } from "./helpers/fidelity";
import { shownText } from "./helpers/libreoffice";

const DIR = path.join(__dirname, "corpus");
const FILES = ["sheetjs", "poi"].flatMap((d) =>
  readdirSync(path.join(DIR, d))
    .filter((f) => /\.(xlsx|xlsm|xltx|xltm)$/i.test(f))
    .sort()
    .map((f) => `${d}/${f}`),
);

const FUND_SHEET = "项目资金表";
const FUND: (string | number)[][] = [
  ["项目名称", "预算数", "实际到位资金"],
  ["甲项目", 50000, 39660],
  ["乙项目", 25500, 18686],
  ["合计", 75500, 58346],
];
const RATES = ["79.32%", "73.28%", "77.28%"];

function fundCells(top: number): CellWrite[] {
  return FUND.flatMap((row, i) => row.map((v, j) => ({ row: top + i, col: j + 1, content: typeof v === "number" ? { kind: "number" as const, value: v } : { kind: "text" as const, text: v } })));
}

const totals: Record<string, number> = { files: 0, partsSame: 0, elementsSame: 0, cellsSame: 0 };
const lines: string[] = [];

function tally(file: string, variant: string, f: Fidelity): void {
  totals.partsSame += f.partsSame;
  totals.elementsSame += f.elementsSame;
  totals.cellsSame += f.cellsSame;
  lines.push(`${file} (${variant}): ${f.partsSame} parts, ${f.elementsSame} elements, ${f.cellsSame} cells the same`);
}

/** The rate column as LibreOffice shows it, for the rows of the fund table. */
function shownRates(out: Uint8Array, sheet: string, headerRow: number): string[] {
  const rows = shownText(out)[sheet];
  const header = rows[headerRow - 1];
  const col = header.indexOf("资金到位率");
  expect(col).toBeGreaterThan(0);
  return rows.slice(headerRow, headerRow + 3).map((r) => r[col]);
}

afterAll(() => {
  // The note: comparison counts per file and in total.
  console.log([...lines, `total: ${totals.files} files, ${totals.partsSame} parts, ${totals.elementsSame} elements, ${totals.cellsSame} cells compared equal`].join("\n"));
});

test("the corpus holds files written by Excel, WPS and LibreOffice, and by other programs", () => {
  const apps = FILES.map((f) => {
    const pkg = OoxmlPackage.open(readFileSync(path.join(DIR, f)));
    const app = pkg.has("docProps/app.xml") ? /<(?:\w+:)?Application>([^<]*)</.exec(pkg.text("docProps/app.xml"))?.[1] : undefined;
    return app ?? "";
  });
  expect(FILES.length).toBeGreaterThanOrEqual(40);
  const count = (re: RegExp) => apps.filter((a) => re.test(a)).length;
  expect(count(/^Microsoft (Macintosh )?Excel/)).toBeGreaterThanOrEqual(20);
  expect(count(/^WPS/)).toBeGreaterThanOrEqual(2);
  expect(count(/^LibreOffice/)).toBeGreaterThanOrEqual(6);
  expect(count(/Hancell/)).toBe(1);
});

test.each(FILES)("%s: read, a fund table on a sheet of its own, only what the tool owns changed, LibreOffice shows the rates", async (file) => {
  const input = readFileSync(path.join(DIR, file));
  const host = await XlsxHost.fromBuffer(input, "xlsx");
  const before = await host.read();
  expect(before.sheetNames.length).toBeGreaterThan(0);
  totals.files++;

  await host.apply({ edits: [], sheets: [{ sheet: FUND_SHEET, cells: fundCells(1) }] });
  const r = await run(host, { mode: "formulas", scheme: "department", sheet: FUND_SHEET });
  expect(r.ok).toBe(true);
  expect([...r.facts.projects.map((p) => p.rateText), r.facts.totals?.rateText]).toEqual(RATES);
  const out = await host.toBuffer();
  const f = compareFidelity(input, out);
  expect(f.problems).toEqual([]);
  tally(file, "own sheet", f);
  expect(shownRates(out, FUND_SHEET, 1)).toEqual(RATES);
});

test.each(FILES)("%s: the fund table below the cells of an existing sheet: that sheet's other elements and cells unchanged", async (file) => {
  const input = readFileSync(path.join(DIR, file));
  const host = await XlsxHost.fromBuffer(input, "xlsx");
  const snap = await host.read();
  const book = await host.workbook();
  const target = book.sheets.find((s) => s.kind === "worksheet" && s.part && book.sheet(s.name))!;
  expect(target).toBeDefined();
  // Below the last row with a value; rows declared further down (formatted to row 1048576, as
  // LibreOffice and Hancell write them) stay where they are.
  const top = snap.sheets.find((s) => s.name === target.name)!.values.length + 3;
  await host.apply({ edits: [{ sheet: target.name, cells: fundCells(top) }], sheets: [] });
  if (snap.sheets.find((s) => s.name === target.name)!.protected) {
    // The user protected this sheet: the rates are refused, naming it, and nothing at all is written.
    const before = await host.toBuffer();
    const refused = await run(host, { mode: "formulas", scheme: "department", sheet: target.name });
    expect(refused.issues.filter((i) => i.code === "SHEET_PROTECTED").map((i) => i.sheet)).toEqual([target.name]);
    expect(Buffer.from(await host.toBuffer()).equals(Buffer.from(before))).toBe(true);
    return;
  }
  const r = await run(host, { mode: "formulas", scheme: "department", sheet: target.name });
  expect(r.ok).toBe(true);
  expect([...r.facts.projects.map((p) => p.rateText), r.facts.totals?.rateText]).toEqual(RATES);
  const out = await host.toBuffer();
  const widths = r.plan.edits.filter((e) => e.sheet === target.name).flatMap((e) => (e.columnWidths ?? []).map((w) => w.col));
  const f = compareFidelity(input, out, { [target.name]: widths });
  expect(f.problems).toEqual([]);
  tally(file, `table in ${target.name}`, f);
  expect(shownRates(out, target.name, top)).toEqual(RATES);
});
