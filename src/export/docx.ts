/**
 * The report as a Word document in 公文 layout (GB/T 9704 as units apply it): A4, margins about
 * 37/35/28/26 mm, title 方正小标宋简体 二号 centred, body 仿宋_GB2312 三号 with a 2-character first-line
 * indent, 一级标题 黑体, 二级标题 楷体_GB2312, fixed 28 pt line spacing, page numbers "— 1 —" centred
 * below the text. East Asian font names are set on every run (w:eastAsia), which is what Word on a
 * government PC uses for Chinese text. What the data could not supply (【待填写…】) and what the tool
 * drafted (【草稿，请核实】) is highlighted, so that none goes out unnoticed. Each project's 自评表
 * follows as a table, one to a page. Built with the docx package; used by the command line
 * (Packer.toBuffer) and the pane (toBlob).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HighlightColor,
  LineRuleType,
  PageNumber,
  PageOrientation,
  Paragraph as DocxParagraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
} from "docx";
import type { Paragraph, ParagraphLevel, PrintTable } from "../core";

export const GONGWEN_FONTS = {
  title: "方正小标宋简体",
  body: "仿宋_GB2312",
  h1: "黑体",
  h2: "楷体_GB2312",
  pageNumber: "宋体",
} as const;

/** 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt; docx sizes are half-points. */
const SIZE = { title: 44, body: 32, pageNumber: 28, table: 21 } as const;
/** Fixed line spacing 28 pt, in twentieths of a point. */
const LINE = 560;
/** Text the reader must act on: placeholders and drafts. */
const MARKED = /(【待填写[^】]*】|【草稿，请核实】)/;

function fontOf(level: ParagraphLevel): string {
  if (level === "title") return GONGWEN_FONTS.title;
  if (level === "h1") return GONGWEN_FONTS.h1;
  if (level === "h2") return GONGWEN_FONTS.h2;
  return GONGWEN_FONTS.body;
}

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name, hint: "eastAsia" as const });

/** A paragraph's runs: plain text, and the marked parts highlighted yellow (and bold). */
function runs(text: string, level: ParagraphLevel, size: number = level === "title" ? SIZE.title : SIZE.body): TextRun[] {
  return text
    .split(MARKED)
    .filter((part) => part !== "")
    .map((part) => new TextRun({ text: part, font: font(fontOf(level)), size, ...(MARKED.test(part) ? { highlight: HighlightColor.YELLOW, bold: true } : {}) }));
}

/** "— 1 —", centred: the 公文 page number. */
function pageFooter(): Footer {
  const style = { font: font(GONGWEN_FONTS.pageNumber), size: SIZE.pageNumber };
  return new Footer({
    children: [new DocxParagraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: "— ", ...style }), new TextRun({ children: [PageNumber.CURRENT], ...style }), new TextRun({ text: " —", ...style })] })],
  });
}

function reportParagraphs(paragraphs: readonly Paragraph[]): DocxParagraph[] {
  let titles = 0;
  return paragraphs.map((p) =>
    p.level === "title"
      ? new DocxParagraph({
          alignment: AlignmentType.CENTER,
          // Each project's report starts on a page of its own.
          pageBreakBefore: titles++ > 0,
          spacing: { line: LINE * 1.25, lineRule: LineRuleType.EXACT, after: LINE },
          children: runs(p.text, "title"),
        })
      : new DocxParagraph({
          alignment: AlignmentType.JUSTIFIED,
          // Two characters of 三号 (16 pt each): 640 twips, and firstLineChars for Word's own unit.
          indent: { firstLine: 640, firstLineChars: 200 },
          spacing: { line: LINE, lineRule: LineRuleType.EXACT },
          children: runs(p.text, p.level),
        }),
  );
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: "000000" };

/** Column weights by the grid's headers: the indicator names and the 偏差原因 need room. */
function columnWeights(t: PrintTable): number[] {
  const header = t.rows.find((r) => r.some((c) => c?.text === "三级指标")) ?? [];
  return Array.from({ length: t.width }, (_, i) => {
    const h = header[i]?.text ?? "";
    return h === "三级指标" || h.startsWith("偏差原因") ? 2.2 : h === "一级指标" || h === "二级指标" ? 1.2 : h === "指标性质" || h === "计量单位" ? 0.8 : 1;
  });
}

/** One printed 自评表: its cells with their merged boxes, 五号 仿宋, every box ruled. */
function formTable(t: PrintTable, widthTwips: number): Table {
  const weights = columnWeights(t);
  const unit = widthTwips / weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor(w * unit));
  const spanWidth = (row: (typeof t.rows)[number], c: NonNullable<(typeof row)[number]>) => {
    const start = row.indexOf(c);
    return widths.slice(start, start + c.colSpan).reduce((a, b) => a + b, 0);
  };
  const rows = t.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: row
          .filter((c): c is NonNullable<typeof c> => c !== null)
          .map(
            (c) =>
              new TableCell({
                columnSpan: c.colSpan,
                rowSpan: c.rowSpan,
                verticalAlign: VerticalAlign.CENTER,
                width: { size: spanWidth(row, c), type: WidthType.DXA },
                borders: { top: thin, bottom: thin, left: thin, right: thin },
                children: [new DocxParagraph({ alignment: c.align === "center" ? AlignmentType.CENTER : AlignmentType.LEFT, children: runs(c.text, "body", SIZE.table) })],
              }),
          ),
      }),
  );
  // The form's title and year stand above it (they are the table's first two rows in the sheet).
  return new Table({ rows: rows.slice(2), width: { size: widthTwips, type: WidthType.DXA }, columnWidths: widths });
}

function formSection(tables: readonly PrintTable[]) {
  const landscape = tables.some((t) => t.width > 8);
  const page = landscape ? { width: 297, height: 210 } : { width: 210, height: 297 };
  const text = convertMillimetersToTwip(page.width - 40);
  return {
    properties: {
      page: {
        size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297), orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: { top: convertMillimetersToTwip(25), bottom: convertMillimetersToTwip(25), left: convertMillimetersToTwip(20), right: convertMillimetersToTwip(20) },
      },
    },
    footers: { default: pageFooter() },
    children: tables.flatMap((t, i) => [
      new DocxParagraph({ alignment: AlignmentType.LEFT, pageBreakBefore: i > 0, children: runs(i === 0 ? "附件" : "", "h1", SIZE.body) }),
      new DocxParagraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: runs(t.title, "title", 36) }),
      new DocxParagraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: runs(t.rows[1]?.[0]?.text ?? "", "body", SIZE.table) }),
      formTable(t, text),
    ]),
  };
}

export function reportDocument(paragraphs: readonly Paragraph[], title = "绩效自评报告", forms: readonly PrintTable[] = []): Document {
  return new Document({
    title,
    creator: "绩效自评助手",
    styles: {
      default: {
        document: { run: { font: { ascii: GONGWEN_FONTS.body, eastAsia: GONGWEN_FONTS.body, hAnsi: GONGWEN_FONTS.body }, size: SIZE.body } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(37),
              bottom: convertMillimetersToTwip(35),
              left: convertMillimetersToTwip(28),
              right: convertMillimetersToTwip(26),
            },
          },
        },
        footers: { default: pageFooter() },
        children: reportParagraphs(paragraphs),
      },
      ...(forms.length ? [formSection(forms)] : []),
    ],
  });
}
