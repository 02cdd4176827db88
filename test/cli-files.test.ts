/**
 * The command line and the kinds of file: .xlsm keeps its macros and its kind, a template gives a
 * workbook (or a template, when -o names one), a damaged file is called damaged, and the installed
 * command runs the JavaScript build.
 */
import { inputOperand } from "../src/cli/options";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { OoxmlPackage } from "../src/ooxml";
import { XlsxHost } from "../src/xlsx/host";
import { runCli, SAMPLE, tempDir } from "./helpers/books";

const MACRO_BOOK = path.join(__dirname, "corpus", "sheetjs", "numfmt_1_russian.xlsm");

/** A corpus workbook with a fund table added on a sheet of its own, saved under `name`. */
async function withFundTable(file: string, name: string): Promise<string> {
  const host = await XlsxHost.fromBuffer(readFileSync(file), "xlsx");
  const rows: (string | number)[][] = [
    ["项目名称", "预算数", "实际支出"],
    ["甲项目", 50000, 39660],
  ];
  const cells = rows.flatMap((r, i) => r.map((v, j) => ({ row: i + 1, col: j + 1, content: typeof v === "number" ? { kind: "number" as const, value: v } : { kind: "text" as const, text: v } })));
  await host.apply({ edits: [], sheets: [{ sheet: "项目资金表", cells }] });
  const out = path.join(tempDir("cli-files-"), name);
  writeFileSync(out, await host.toBuffer());
  return out;
}

test(".xlsm in, .xlsm out: the macros byte for byte, the macro-enabled content type kept", async () => {
  const input = await withFundTable(MACRO_BOOK, "宏.xlsm");
  const r = await runCli(["report", input, "--sheet", "项目资金表"]);
  expect(r.err).toMatch(/已写入 .*宏-自评\.xlsm/);
  const out = OoxmlPackage.open(readFileSync(input.replace(/\.xlsm$/, "-自评.xlsm")));
  const before = OoxmlPackage.open(readFileSync(MACRO_BOOK));
  expect(Buffer.from(out.bytes("xl/vbaProject.bin")).equals(Buffer.from(before.bytes("xl/vbaProject.bin")))).toBe(true);
  expect(out.contentType("xl/workbook.xml")).toBe("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
  // A macro workbook saved as .xlsx would not open in Excel: refused, nothing written.
  const wrong = await runCli(["report", input, "--sheet", "项目资金表", "-o", path.join(path.dirname(input), "x.xlsx")]);
  expect(wrong.code).toBe(64);
  expect(wrong.err).toMatch(/输入含宏/);
});

test("a template gives a workbook, or a template when -o names one", async () => {
  const input = await withFundTable(SAMPLE, "模板.xltx");
  const host = await XlsxHost.fromBuffer(readFileSync(input), "xlsx");
  (await host.workbook()).setTemplate(true);
  writeFileSync(input, await host.toBuffer());
  expect((await runCli(["report", input, "--sheet", "项目资金表"])).code).toBeLessThanOrEqual(1);
  const book = OoxmlPackage.open(readFileSync(input.replace(/\.xltx$/, "-自评.xlsx")));
  expect(book.contentType("xl/workbook.xml")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
  const tpl = path.join(path.dirname(input), "新模板.xltx");
  expect((await runCli(["report", input, "--sheet", "项目资金表", "-o", tpl])).code).toBeLessThanOrEqual(1);
  expect(OoxmlPackage.open(readFileSync(tpl)).contentType("xl/workbook.xml")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml");
});

test("a damaged file is called damaged, in Chinese, and nothing is written", async () => {
  const dir = tempDir("cli-files-");
  const data = readFileSync(SAMPLE);
  const cut = path.join(dir, "坏.xlsx");
  writeFileSync(cut, data.subarray(0, Math.floor(data.length / 2)));
  const r = await runCli(["report", cut, "-o", path.join(dir, "o.xlsx")]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/文件已损坏或不是 Excel 工作簿/);
  expect(() => readFileSync(path.join(dir, "o.xlsx"))).toThrow();
});

test("the installed command runs the JavaScript build, not the TypeScript sources", () => {
  const root = path.join(__dirname, "..");
  execFileSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(root, "tsconfig.cli.json")]);
  const dir = tempDir("cli-files-");
  // With tsx's hook made to fail, only the build can run.
  const r = spawnSync(process.execPath, ["--require", path.join(__dirname, "stubs", "no-tsx.js"), path.join(root, "bin", "selfeval.js"), "report", SAMPLE, "-o", path.join(dir, "o.xlsx")], { encoding: "utf8" });
  expect(r.stderr).toMatch(/已写入/);
  expect([0, 1]).toContain(r.status);
});

test("bin/selfeval.js finds the input with the command's own option table, whatever options come first", () => {
  expect(inputOperand(["report", "--type", "department", "--project", "甲", "--forms", "all", "in.xlsx", "-o", "out.xlsx"])).toBe("in.xlsx");
  expect(inputOperand(["report", "--overwrite", "--score-sheet", "评分表", "--form-variant", "national", "in.csv"])).toBe("in.csv");
  expect(inputOperand(["recalc", "--mode=values", "w.xlsx"])).toBe("w.xlsx");
  expect(inputOperand(["serve", "--port", "8080"])).toBeUndefined();
});
