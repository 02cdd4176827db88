/** The report as a .docx download, in the browser (Excel's pane or the preview). */
import { Packer } from "docx";
import type { Paragraph } from "../core";
import { reportDocument } from "../export/docx";

export async function downloadDocx(paragraphs: Paragraph[]): Promise<void> {
  const blob = await Packer.toBlob(reportDocument(paragraphs, paragraphs[0]?.text));
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `${paragraphs[0]?.text || "绩效自评报告"}.docx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
