/**
 * LibreOffice headless as the real spreadsheet engine of the tests: recalculates every formula of
 * a workbook (fresh profile with OOXMLRecalcMode=0, since by default it trusts cached values) and
 * hands back the results, or the text each cell shows.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { parseCsv } from "../../src/core";

const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

function soffice(args: string[], work: string): void {
  const profile = path.join(work, "profile");
  mkdirSync(path.join(profile, "user"), { recursive: true });
  writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), PROFILE);
  execFileSync("timeout", ["180", "soffice", `-env:UserInstallation=file://${profile}`, "--headless", "--norestore", ...args], {
    cwd: work,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Opens `xlsx` in LibreOffice, recalculates it, and returns the workbook LibreOffice saves. */
export function saveThroughLibreOffice(xlsx: Uint8Array): Buffer {
  const work = mkdtempSync(path.join(tmpdir(), "lo-recalc-"));
  try {
    mkdirSync(path.join(work, "in"));
    mkdirSync(path.join(work, "out"));
    writeFileSync(path.join(work, "in", "book.xlsx"), xlsx);
    soffice(["--convert-to", "xlsx", "--outdir", path.join(work, "out"), path.join(work, "in", "book.xlsx")], work);
    return readFileSync(path.join(work, "out", "book.xlsx"));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Recalculates `xlsx` (a Buffer) in LibreOffice and returns the recalculated workbook. */
export async function recalculate(xlsx: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(saveThroughLibreOffice(xlsx) as unknown as ArrayBuffer);
  return wb;
}

/** Recalculates and returns, per sheet, the text every cell shows (number formats applied). */
export function shownText(xlsx: Uint8Array): Record<string, string[][]> {
  const work = mkdtempSync(path.join(tmpdir(), "lo-shown-"));
  try {
    mkdirSync(path.join(work, "out"));
    writeFileSync(path.join(work, "book.xlsx"), xlsx);
    // Tokens: comma, quote, UTF-8, from line 1, -, lang, not-as-text, detect numbers, AS SHOWN, -, -, every sheet.
    soffice(["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", "--outdir", path.join(work, "out"), path.join(work, "book.xlsx")], work);
    const out: Record<string, string[][]> = {};
    for (const f of readdirSync(path.join(work, "out"))) {
      const m = /^book-(.*)\.csv$/.exec(f);
      if (m) out[m[1]] = parseCsv(readFileSync(path.join(work, "out", f), "utf8"));
    }
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The value LibreOffice computed for a cell: cell.result for formulas (cell.value.result drops a 0). */
export function computed(ws: ExcelJS.Worksheet, address: string): unknown {
  const cell = ws.getCell(address);
  if (cell.type === ExcelJS.ValueType.Formula) return cell.result;
  return cell.value;
}

/** Opens a .docx in LibreOffice Writer and returns its PDF and its plain text (UTF-8). */
export function convertDocx(docx: Buffer): { pdf: Buffer; text: string } {
  const work = mkdtempSync(path.join(tmpdir(), "lo-docx-"));
  try {
    mkdirSync(path.join(work, "out"));
    writeFileSync(path.join(work, "report.docx"), docx);
    soffice(["--convert-to", "pdf", "--outdir", path.join(work, "out"), path.join(work, "report.docx")], work);
    soffice(["--convert-to", "txt:Text (encoded):UTF8", "--outdir", path.join(work, "out"), path.join(work, "report.docx")], work);
    return { pdf: readFileSync(path.join(work, "out", "report.pdf")), text: readFileSync(path.join(work, "out", "report.txt"), "utf8").replace(/^\uFEFF/, "") };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Prints a workbook to PDF in LibreOffice Calc (every sheet, by its own page setup and print area). */
export function printWorkbook(xlsx: Uint8Array): Buffer {
  const work = mkdtempSync(path.join(tmpdir(), "lo-print-"));
  try {
    mkdirSync(path.join(work, "out"));
    writeFileSync(path.join(work, "book.xlsx"), xlsx);
    soffice(["--convert-to", "pdf", "--outdir", path.join(work, "out"), path.join(work, "book.xlsx")], work);
    return readFileSync(path.join(work, "out", "book.pdf"));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
