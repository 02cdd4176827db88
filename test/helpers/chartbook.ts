/**
 * A unit's own workbook as the standalone page meets it: the second bundled sample (fangzhen-2021:
 * 年初/全年 budgets, 到位 and 执行 apart, 其中 rows — not the sample the preview carries) with a
 * column chart of its budgets beside the table and two notes on its cells, added part by part as
 * Excel writes them (DrawingML chart with cached values; comments with their legacy VML shapes).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { OoxmlPackage } from "../../src/ooxml";
import { XlsxHost } from "../../src/xlsx/host";

const FANGZHEN = path.join(__dirname, "..", "..", "assets", "samples", "fangzhen-2021.xlsx");
export const CHART_TITLE = "全年预算数与执行数";
export const NOTES: Record<string, string> = { B12: "年中追加：局党组会议纪要〔2021〕12号", F8: "含上年结转资金2万元" };

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

function series(i: number, sheet: string, col: string, name: string, cats: string[], vals: number[], first: number): string {
  const last = first + cats.length - 1;
  const strCache = (xs: string[]) => `<c:strCache><c:ptCount val="${xs.length}"/>${xs.map((x, k) => `<c:pt idx="${k}"><c:v>${esc(x)}</c:v></c:pt>`).join("")}</c:strCache>`;
  return (
    `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:strRef><c:f>${sheet}!$${col}$${first - 1}</c:f>${strCache([name])}</c:strRef></c:tx>` +
    `<c:cat><c:strRef><c:f>${sheet}!$B$${first}:$B$${last}</c:f>${strCache(cats)}</c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${sheet}!$${col}$${first}:$${col}$${last}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${vals.length}"/>${vals.map((v, k) => `<c:pt idx="${k}"><c:v>${v}</c:v></c:pt>`).join("")}</c:numCache></c:numRef></c:val></c:ser>`
  );
}

function chartXml(sheet: string, cats: string[], budget: number[], executed: number[], names: [string, string]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="${C}" xmlns:a="${A}" xmlns:r="${REL}"><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${CHART_TITLE}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    series(0, sheet, "D", names[0], cats, budget, 4) +
    series(1, sheet, "F", names[1], cats, executed, 4) +
    `<c:axId val="50010001"/><c:axId val="50010002"/></c:barChart>` +
    `<c:catAx><c:axId val="50010001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="50010002"/></c:catAx>` +
    `<c:valAx><c:axId val="50010002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="50010001"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`
  );
}

const DRAWING =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="${A}">` +
  `<xdr:twoCellAnchor><xdr:from><xdr:col>10</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
  `<xdr:to><xdr:col>17</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>18</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
  `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
  `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" xmlns:r="${REL}" r:id="rId1"/></a:graphicData></a:graphic>` +
  `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;

function commentsXml(): string {
  const list = Object.entries(NOTES)
    .map(([ref, text]) => `<comment ref="${ref}" authorId="0"><text><r><rPr><b/><sz val="9"/><rFont val="宋体"/></rPr><t>财务科:</t></r><r><rPr><sz val="9"/><rFont val="宋体"/></rPr><t xml:space="preserve">\n${esc(text)}</t></r></text></comment>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>财务科</author></authors><commentList>${list}</commentList></comments>`;
}

function vmlXml(): string {
  const shapes = Object.keys(NOTES).map((ref, i) => {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
    const col = m[1].charCodeAt(0) - 65;
    const row = Number(m[2]) - 1;
    return (
      `<v:shape id="_x0000_s${1025 + i}" type="#_x0000_t202" style="position:absolute;margin-left:120pt;margin-top:${20 + 15 * row}pt;width:140pt;height:50pt;z-index:${i + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
      `<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
      `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${row}, 10, ${col + 3}, 15, ${row + 4}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
    );
  });
  return (
    `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>` +
    `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>` +
    shapes.join("") +
    `</xml>`
  );
}

/** fangzhen-2021.xlsx with the chart and the notes on its fund table sheet. */
export async function fundBookWithChartAndComments(): Promise<Uint8Array> {
  const input = readFileSync(FANGZHEN);
  const snap = await (await XlsxHost.fromBuffer(input, "xlsx")).read();
  const fund = snap.sheets[0];
  const rows = fund.values.slice(3, 12); // rows 4–12: the projects and their 其中 rows
  const pkg = OoxmlPackage.open(input);
  const sheet = "xl/worksheets/sheet1.xml";
  pkg.set("xl/charts/chart1.xml", chartXml(fund.name, rows.map((r) => String(r[1])), rows.map((r) => Number(r[3])), rows.map((r) => Number(r[5])), [String(fund.values[2][3]), String(fund.values[2][5])]));
  pkg.set("xl/drawings/drawing1.xml", DRAWING);
  pkg.addRel("xl/drawings/drawing1.xml", `${REL}/chart`, "xl/charts/chart1.xml");
  pkg.set("xl/comments1.xml", commentsXml());
  pkg.set("xl/drawings/vmlDrawing1.vml", vmlXml());
  const drawing = pkg.addRel(sheet, `${REL}/drawing`, "xl/drawings/drawing1.xml");
  const vml = pkg.addRel(sheet, `${REL}/vmlDrawing`, "xl/drawings/vmlDrawing1.vml");
  pkg.addRel(sheet, `${REL}/comments`, "xl/comments1.xml");
  pkg.set(sheet, pkg.text(sheet).replace("</worksheet>", `<drawing r:id="${drawing}"/><legacyDrawing r:id="${vml}"/></worksheet>`));
  pkg.setContentType("xl/charts/chart1.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
  pkg.setContentType("xl/drawings/drawing1.xml", "application/vnd.openxmlformats-officedocument.drawing+xml");
  pkg.setContentType("xl/comments1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml");
  pkg.setContentType("xl/drawings/vmlDrawing1.vml", "application/vnd.openxmlformats-officedocument.vmlDrawing");
  return pkg.save();
}
