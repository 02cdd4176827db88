/**
 * The report as a Word document in 公文 layout (GB/T 9704 as units apply it): A4, margins about
 * 37/35/28/26 mm, title 方正小标宋简体 二号 centred, body 仿宋_GB2312 三号 with a 2-character first-line
 * indent, 一级标题 黑体, 二级标题 楷体_GB2312, fixed 28 pt line spacing. East Asian font names are set
 * on every run (w:eastAsia), which is what Word on a government PC uses for Chinese text.
 * Built with the docx package; used by the command line (Packer.toBuffer) and the pane (toBlob).
 */
import { AlignmentType, Document, LineRuleType, Paragraph as DocxParagraph, TextRun, convertMillimetersToTwip } from "docx";
import type { Paragraph, ParagraphLevel } from "../core";

export const GONGWEN_FONTS = {
  title: "方正小标宋简体",
  body: "仿宋_GB2312",
  h1: "黑体",
  h2: "楷体_GB2312",
} as const;

/** 二号 22 pt, 三号 16 pt; docx sizes are half-points. */
const SIZE = { title: 44, body: 32 } as const;
/** Fixed line spacing 28 pt, in twentieths of a point. */
const LINE = 560;

function fontOf(level: ParagraphLevel): string {
  if (level === "title") return GONGWEN_FONTS.title;
  if (level === "h1") return GONGWEN_FONTS.h1;
  if (level === "h2") return GONGWEN_FONTS.h2;
  return GONGWEN_FONTS.body;
}

function run(text: string, level: ParagraphLevel): TextRun {
  const name = fontOf(level);
  return new TextRun({
    text,
    font: { ascii: name, eastAsia: name, hAnsi: name, cs: name, hint: "eastAsia" },
    size: level === "title" ? SIZE.title : SIZE.body,
  });
}

export function reportDocument(paragraphs: readonly Paragraph[], title = "绩效自评报告"): Document {
  const children = paragraphs.map((p) =>
    p.level === "title"
      ? new DocxParagraph({
          alignment: AlignmentType.CENTER,
          spacing: { line: LINE * 1.25, lineRule: LineRuleType.EXACT, after: LINE },
          children: [run(p.text, "title")],
        })
      : new DocxParagraph({
          alignment: AlignmentType.JUSTIFIED,
          // Two characters of 三号 (16 pt each): 640 twips, and firstLineChars for Word's own unit.
          indent: { firstLine: 640, firstLineChars: 200 },
          spacing: { line: LINE, lineRule: LineRuleType.EXACT },
          children: [run(p.text, p.level)],
        }),
  );
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
        children,
      },
    ],
  });
}
