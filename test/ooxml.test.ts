/**
 * The package layer (src/ooxml) on packages written by hand, so that every case is there on
 * purpose: prefixed namespaces, absolute targets, shared/array formulas, rich text with phonetic
 * runs, 1904 dates, formula cells in date formats holding errors, text or nothing, rows declared
 * down to 1048576; and on the write side, an edited sheet whose every other element stays as it was.
 */
import { zipSync, strToU8 } from "fflate";
import { readFileSync } from "node:fs";
import { OoxmlPackage, PackageError, readZip, shiftFormula, Workbook } from "../src/ooxml";
import { DamagedWorkbookError, XlsxHost } from "../src/xlsx/host";
import { run } from "../src/core";
import { SAMPLE } from "./helpers/books";
import { shownText } from "./helpers/libreoffice";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function zip(parts: Record<string, string>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(parts)) files[k] = strToU8(v);
  return zipSync(files);
}

/** A workbook written the way 腾讯文档 writes them: the main namespace under the prefix x:. */
function prefixedBook(): Uint8Array {
  return zip({
    "[Content_Types].xml": `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
    "_rels/.rels": `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="/xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`,
    "docProps/app.xml": `${DECL}<ap:Properties xmlns:ap="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><ap:Application>WPS 表格</ap:Application></ap:Properties>`,
    "xl/workbook.xml": `${DECL}<x:workbook xmlns:x="${MAIN}" xmlns:ns1="${REL}"><x:workbookPr date1904="1"/><x:bookViews><x:workbookView activeTab="0"/></x:bookViews><x:sheets><x:sheet name="数据" sheetId="1" ns1:id="rId1"/></x:sheets><x:calcPr calcId="0"/></x:workbook>`,
    "xl/_rels/workbook.xml.rels": `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="./sharedStrings.xml"/><Relationship Id="rId4" Type="${REL}/calcChain" Target="calcChain.xml"/></Relationships>`,
    "xl/styles.xml": `${DECL}<x:styleSheet xmlns:x="${MAIN}"><x:numFmts count="1"><x:numFmt numFmtId="176" formatCode="yyyy\\-mm\\-dd"/></x:numFmts><x:fonts count="1"><x:font><x:sz val="11"/><x:name val="宋体"/><x:charset val="134"/></x:font></x:fonts><x:fills count="2"><x:fill><x:patternFill patternType="none"/></x:fill><x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills><x:borders count="1"><x:border><x:left/><x:right/><x:top/><x:bottom/><x:diagonal/></x:border></x:borders><x:cellStyleXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></x:cellStyleXfs><x:cellXfs count="3"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><x:xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><x:xf numFmtId="21" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></x:cellXfs><x:cellStyles count="1"><x:cellStyle name="常规" xfId="0" builtinId="0"/></x:cellStyles></x:styleSheet>`,
    "xl/sharedStrings.xml": `${DECL}<x:sst xmlns:x="${MAIN}" count="3" uniqueCount="3"><x:si><x:t>项目名称</x:t></x:si><x:si><x:r><x:rPr><x:b/></x:rPr><x:t>富</x:t></x:r><x:r><x:t xml:space="preserve">文本 </x:t></x:r></x:si><x:si><x:t>漢字</x:t><x:rPh sb="0" eb="2"><x:t>カンジ</x:t></x:rPh></x:si></x:sst>`,
    "xl/calcChain.xml": `${DECL}<calcChain xmlns="${MAIN}"><c r="B2" i="1"/></calcChain>`,
    "xl/worksheets/sheet1.xml":
      `${DECL}<x:worksheet xmlns:x="${MAIN}" xmlns:r="${REL}"><x:dimension ref="A1:AMJ1048576"/><x:sheetData>` +
      `<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>行_x000D_内</x:t></x:is></x:c></x:row>` +
      `<x:row r="2"><x:c r="A2" s="1"><x:v>44197</x:v></x:c><x:c r="B2" s="1"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c r="C2" s="1" t="str"><x:f>"文字"</x:f><x:v>文字</x:v></x:c><x:c r="D2" s="2"><x:f>NOW()</x:f></x:c><x:c r="E2" s="1" t="e"><x:f>NA()</x:f><x:v>#N/A</x:v></x:c></x:row>` +
      `<x:row r="3"><x:c r="A3"><x:v>1</x:v></x:c><x:c r="B3"><x:f t="shared" ref="B3:B5" si="0">A3*2+$A$3+SUM(A$3:A3)</x:f><x:v>4</x:v></x:c><x:c r="C3"><x:f t="array" ref="C3:C4">A3:A4*10</x:f><x:v>10</x:v></x:c></x:row>` +
      `<x:row r="4"><x:c r="A4"><x:v>2</x:v></x:c><x:c r="B4"><x:f t="shared" si="0"/><x:v>7</x:v></x:c><x:c r="C4"><x:v>20</x:v></x:c></x:row>` +
      `<x:row r="5"><x:c r="A5"><x:v>3</x:v></x:c><x:c r="B5"><x:f t="shared" si="0"/><x:v>10</x:v></x:c></x:row>` +
      `<x:row r="1048575" s="1" customFormat="1"><x:c r="A1048575" s="1"/></x:row><x:row r="1048576" s="1" customFormat="1"><x:c r="A1048576" s="1"/><x:c r="AMJ1048576" s="1"/></x:row>` +
      `</x:sheetData><x:pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></x:worksheet>`,
  });
}

test("reads what other programs write: prefixes, absolute targets, rich and phonetic text, 1904, shared and array formulas, only the cells that exist", async () => {
  const host = await XlsxHost.fromBuffer(prefixedBook(), "xlsx");
  const snap = await host.read();
  const s = snap.sheets[0];
  expect(snap.sheetNames).toEqual(["数据"]);
  expect(snap.activeSheet).toBe("数据");
  // Rows 1048575–1048576 hold styles only: the snapshot ends at row 5.
  expect(s.values).toHaveLength(5);
  expect(s.values[0]).toEqual(["项目名称", "富文本 ", "漢字", "行\r内", null]);
  // 44197 on the 1904 system is 2025-01-02 (1,462 days after 2021-01-01 on the 1900 system).
  expect(s.values[1]).toEqual(["2025-01-02", { error: "#DIV/0!" }, "文字", null, { error: "#N/A" }]);
  expect(s.formulas![1]).toEqual([null, "=1/0", '="文字"', "=NOW()", "=NA()"]);
  expect(s.numberFormats![1][0]).toBe("yyyy\\-mm\\-dd"); // the backslashes kept
  expect(s.formulas!.map((r) => r[1])).toEqual([null, "=1/0", "=A3*2+$A$3+SUM(A$3:A3)", "=A4*2+$A$3+SUM(A$3:A4)", "=A5*2+$A$3+SUM(A$3:A5)"]);
  expect(s.formulas![2][2]).toBe("=A3:A4*10");
  expect(s.values.map((r) => r[2])).toEqual(["漢字", "文字", 10, 20, null]);
});

test("shared formulas move their relative references, not strings, names, functions or absolute parts", () => {
  expect(shiftFormula('IF(A1="A1",LOG10(B$2)+Sheet2!C3+\'My Sheet\'!$D4,TotalIncome)', 2, 1)).toBe('IF(B3="A1",LOG10(C$2)+Sheet2!D5+\'My Sheet\'!$D6,TotalIncome)');
  expect(shiftFormula("SUM(A:A)+SUM(1:1)+1E3+0.5", 1, 1)).toBe("SUM(B:B)+SUM(2:2)+1E3+0.5");
  expect(shiftFormula("Table1[[#This Row],[Amount]]*B2", 1, 0)).toBe("Table1[[#This Row],[Amount]]*B3");
});

test("writes only what the plan owns: other parts byte for byte, the calculation chain gone, recalculation on open", async () => {
  const input = prefixedBook();
  const host = await XlsxHost.fromBuffer(input, "xlsx");
  await host.apply({ edits: [{ sheet: "数据", cells: [{ row: 3, col: 2, content: { kind: "number", value: 5 } }, { row: 7, col: 1, content: { kind: "text", text: "=不是公式" } }] }], sheets: [] });
  const out = await host.toBuffer();
  const a = OoxmlPackage.open(input);
  const b = OoxmlPackage.open(out);
  expect(b.parts.sort()).toEqual(a.parts.filter((p) => p !== "xl/calcChain.xml").sort());
  for (const p of ["docProps/app.xml", "xl/sharedStrings.xml", "xl/styles.xml", "_rels/.rels"]) expect(Buffer.from(b.bytes(p)).equals(Buffer.from(a.bytes(p)))).toBe(true);
  expect(b.text("xl/workbook.xml")).toContain('<x:calcPr calcId="0" fullCalcOnLoad="1"/>');
  expect(b.text("xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
  expect(b.text("[Content_Types].xml")).not.toContain("calcChain");
  // The master of a shared formula overwritten: the cells that shared it keep their formulas.
  const snap = (await (await XlsxHost.fromBuffer(out, "xlsx")).read()).sheets[0];
  expect(snap.values[2][1]).toBe(5);
  expect(snap.formulas!.map((r) => r[1]).slice(3, 5)).toEqual(["=A4*2+$A$3+SUM(A$3:A4)", "=A5*2+$A$3+SUM(A$3:A5)"]);
  expect(snap.values[6][0]).toBe("=不是公式");
  expect(snap.formulas![6][0]).toBeNull();
  const sheet = b.text("xl/worksheets/sheet1.xml");
  expect(sheet).toContain('<x:row r="7"><x:c r="A7" t="inlineStr"><x:is><x:t>=不是公式</x:t></x:is></x:c></x:row><x:row r="1048575"');
  // Rows the plan did not touch are the very same text.
  const rowsOf = (xml: string) => xml.match(/<x:row r="(1|2|1048575|1048576)".*?<\/x:row>/g);
  expect(rowsOf(sheet)).toEqual(rowsOf(OoxmlPackage.open(input).text("xl/worksheets/sheet1.xml")));
  // LibreOffice opens it and shows the cells.
  const shown = shownText(out)["数据"];
  expect(shown[6][0]).toBe("=不是公式");
  expect(shown[2][1]).toBe("5");
});

/** A sheet with every element a user may have that the tool does not own. */
const RICH_SHEET =
  `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">` +
  `<sheetPr><tabColor rgb="FFFF0000"/></sheetPr><dimension ref="A1:C3"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>` +
  `<cols><col min="1" max="3" width="12.5" customWidth="1"/><col min="5" max="5" width="30" style="1" customWidth="1"/></cols>` +
  `<sheetData><row r="1" spans="1:3" ht="30" customHeight="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>100</v></c><c r="C1"><v>80</v></c></row><row r="2" spans="1:3"><c r="A2"><v>1</v></c><c r="C2"><v>3</v></c></row><row r="3" spans="1:3"/></sheetData>` +
  `<sheetProtection sheet="1" objects="1" scenarios="1"/><mergeCells count="1"><mergeCell ref="A3:C3"/></mergeCells>` +
  `<conditionalFormatting sqref="B1:B2"><cfRule type="cellIs" dxfId="0" priority="2" operator="greaterThan"><formula>50</formula></cfRule></conditionalFormatting>` +
  `<dataValidations count="1"><dataValidation type="whole" allowBlank="1" showErrorMessage="1" sqref="C1:C2"><formula1>0</formula1><formula2>100</formula2></dataValidation></dataValidations>` +
  `<hyperlinks><hyperlink ref="B1" r:id="rId1"/></hyperlinks><printOptions gridLines="1"/><pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
  `<pageSetup paperSize="9" orientation="landscape" r:id="rId2"/><legacyDrawing r:id="rId3"/>` +
  `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="dataBar" id="{1}"><x14:dataBar minLength="0" maxLength="100"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/></x14:dataBar></x14:cfRule><xm:sqref>C1:C2</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext>` +
  `<ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup displayEmptyCellsAs="gap"><x14:colorSeries rgb="FF376092"/><x14:sparklines><x14:sparkline><xm:f>Sheet1!B1:C1</xm:f><xm:sqref>D1</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst></worksheet>`;

test("an edited sheet keeps every element it does not own: validation, conditional formats and their extLst, sparklines, links, notes, protection, page setup, widths, heights, merges", async () => {
  const book = zip({
    "[Content_Types].xml": `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    "_rels/.rels": `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="Total">Sheet1!$B$1</definedName></definedNames></workbook>`,
    "xl/_rels/workbook.xml.rels": `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>`,
    "xl/vbaProject.bin": "VBA bytes",
    "xl/sharedStrings.xml": `${DECL}<sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t>项目名称</t></si></sst>`,
    "xl/worksheets/sheet1.xml": RICH_SHEET,
    "xl/worksheets/_rels/sheet1.xml.rels": `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/hyperlink" Target="https://example.org/" TargetMode="External"/><Relationship Id="rId2" Type="${REL}/printerSettings" Target="../printerSettings/printerSettings1.bin"/><Relationship Id="rId3" Type="${REL}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/><Relationship Id="rId4" Type="${REL}/comments" Target="../comments1.xml"/></Relationships>`,
    "xl/printerSettings/printerSettings1.bin": "printer",
    "xl/drawings/vmlDrawing1.vml": "<xml/>",
    "xl/comments1.xml": `${DECL}<comments xmlns="${MAIN}"><authors><author>me</author></authors><commentList><comment ref="E9" authorId="0"><text><t>note on an empty cell</t></text></comment></commentList></comments>`,
  });
  const wb = Workbook.open(book);
  expect(wb.kind).toBe("xlsm");
  wb.editCells(
    "Sheet1",
    [
      { row: 1, col: 4, content: { kind: "text", text: "资金到位率" }, styleFrom: { row: 1, col: 1 }, bold: true },
      { row: 2, col: 4, content: { kind: "formula", formula: "=IF(B2=\"\",\"\",C2/B2)" }, numberFormat: "0.00%" },
      { row: 2, col: 2, content: { kind: "number", value: 4 } },
    ],
    [{ col: 4, width: 14 }],
  );
  wb.markForRecalc();
  const out = wb.save();
  const a = OoxmlPackage.open(book);
  const b = OoxmlPackage.open(out);
  const same = a.parts.filter((p) => !["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"].includes(p));
  for (const p of same) expect(`${p}: ${Buffer.from(b.bytes(p)).equals(Buffer.from(a.bytes(p)))}`).toBe(`${p}: true`);
  const before = a.text("xl/worksheets/sheet1.xml");
  const after = b.text("xl/worksheets/sheet1.xml");
  // Everything after the cells, and before them but the dimension and the widths, is the same text.
  expect(after.slice(after.indexOf("</sheetData>"))).toBe(before.slice(before.indexOf("</sheetData>")));
  expect(after.slice(0, after.indexOf("<cols>"))).toBe(before.slice(0, before.indexOf("<cols>")).replace('<dimension ref="A1:C3"/>', '<dimension ref="A1:D3"/>'));
  expect(after).toContain('<cols><col min="1" max="3" width="12.5" customWidth="1"/><col min="4" max="4" width="14" customWidth="1"/><col min="5" max="5" width="30" style="1" customWidth="1"/></cols>');
  expect(after).toContain('<row r="1" spans="1:4" ht="30" customHeight="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>100</v></c><c r="C1"><v>80</v></c><c r="D1" s="');
  expect(after).toContain('<row r="3" spans="1:3"/>');
  // A styles part appears (there was none), the workbook keeps its macros' content type.
  expect(b.contentType("xl/workbook.xml")).toBe("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
  expect(b.text("xl/workbook.xml")).toContain('<definedName name="Total">Sheet1!$B$1</definedName></definedNames><calcPr fullCalcOnLoad="1"/>');
  const snap = (await (await XlsxHost.fromBuffer(out, "xlsx")).read()).sheets[0];
  expect(snap.values[0]).toEqual(["项目名称", 100, 80, "资金到位率"]);
  expect(snap.formulas![1][3]).toBe('=IF(B2="","",C2/B2)');
  expect(snap.numberFormats![1][3]).toBe("0.00%");
});

test("styles are appended, never renumbered; a rerun adds none", async () => {
  const host = await XlsxHost.fromBuffer(readFileSync(SAMPLE), "xlsx");
  const styles0 = OoxmlPackage.open(readFileSync(SAMPLE)).text("xl/styles.xml");
  await run(host, { mode: "formulas", scheme: "department" });
  const once = await host.toBuffer();
  const styles1 = OoxmlPackage.open(once).text("xl/styles.xml");
  const xfs = (s: string) => s.slice(s.indexOf("<cellXfs"), s.indexOf("</cellXfs>")).match(/<xf\b[^>]*?(\/>|>.*?<\/xf>)/g)!;
  expect(xfs(styles1).slice(0, xfs(styles0).length)).toEqual(xfs(styles0));
  expect(xfs(styles1).length).toBeGreaterThan(xfs(styles0).length);
  const again = await XlsxHost.fromBuffer(once, "xlsx");
  await run(again, { mode: "formulas", scheme: "department" });
  expect(OoxmlPackage.open(await again.toBuffer()).text("xl/styles.xml")).toBe(styles1);
});

test("a damaged file is refused as damaged; a zip with unchanged parts is copied entry by entry", async () => {
  const good = prefixedBook();
  const cut = good.subarray(0, good.length - 30);
  await expect(XlsxHost.fromBuffer(cut, "xlsx")).rejects.toBeInstanceOf(DamagedWorkbookError);
  const flipped = new Uint8Array(good);
  const e = readZip(good).find((x) => x.name === "xl/worksheets/sheet1.xml")!;
  flipped[e.raw.byteOffset - good.byteOffset + 10] ^= 0xff;
  await expect(XlsxHost.fromBuffer(flipped, "xlsx")).rejects.toBeInstanceOf(DamagedWorkbookError);
  await expect(XlsxHost.fromBuffer(new TextEncoder().encode("项目名称,预算数\n甲,1\n"), "xlsx")).rejects.toBeInstanceOf(DamagedWorkbookError);
  expect(() => OoxmlPackage.open(zip({ "a.txt": "x" }))).toThrow(PackageError);
  // Saved untouched: every entry's compressed bytes are the input's.
  const again = readZip(Workbook.open(good).save());
  const orig = readZip(good);
  expect(again.map((x) => x.name)).toEqual(orig.map((x) => x.name));
  again.forEach((x, i) => expect(Buffer.from(x.raw).equals(Buffer.from(orig[i].raw))).toBe(true));
});

test("a sheet of the tool's own with fonts, alignment, merges, row heights and an A4 page setup opens in LibreOffice", async () => {
  const host = await XlsxHost.fromBuffer(prefixedBook(), "xlsx");
  await host.apply({
    edits: [],
    sheets: [
      {
        sheet: "自评表",
        cells: [
          { row: 1, col: 1, content: { kind: "text", text: "项目支出绩效自评表" }, font: { name: "方正小标宋简体", size: 16 }, align: "center", vAlign: "center" },
          { row: 3, col: 1, content: { kind: "text", text: "项目名称" }, border: true, fill: "FFDDEBF7", bold: true },
          { row: 3, col: 2, content: { kind: "number", value: 0.862 }, numberFormat: "0.00%", border: true },
          { row: 4, col: 2, content: { kind: "formula", formula: "=B3*100" }, wrap: true },
        ],
        merges: ["A1:H1"],
        rowHeights: [{ row: 1, height: 36 }],
        columnWidths: [{ col: 1, width: 20 }],
        freezeRows: 3,
        page: { paperSize: "A4", orientation: "landscape", fitToWidth: 1, printTitleRows: { first: 1, last: 3 }, margins: { top: 2, bottom: 2, left: 1.5, right: 1.5 }, centerHorizontally: true, pageNumbers: true },
      },
    ],
  });
  const out = await host.toBuffer();
  const pkg = OoxmlPackage.open(out);
  expect(pkg.text("xl/workbook.xml")).toContain(`<x:definedNames><x:definedName name="_xlnm.Print_Titles" localSheetId="1">'自评表'!$1:$3</x:definedName></x:definedNames>`);
  const sheet = pkg.text("xl/worksheets/sheet2.xml");
  expect(sheet).toContain('<mergeCells count="1"><mergeCell ref="A1:H1"/></mergeCells>');
  expect(sheet).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
  expect(sheet).toContain('<row r="1" ht="36" customHeight="1">');
  expect(pkg.text("xl/styles.xml")).toContain('<x:font><x:sz val="16"/><x:name val="方正小标宋简体"/><x:charset val="134"/></x:font>');
  const shown = shownText(out)["自评表"];
  expect(shown[0][0]).toBe("项目支出绩效自评表");
  expect(shown[2].slice(0, 2)).toEqual(["项目名称", "86.20%"]);
  expect(shown[3][1]).toBe("86.2");
});
