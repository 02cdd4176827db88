/**
 * The report as a .docx download, in the browser (Excel's pane, the legacy pane, the preview). The
 * docx package (and the export built on it) loads on demand, when the button is pressed: the first
 * screen does not carry it.
 */
import type { Paragraph, PrintTable } from "../core";

/** Whether this webview can hand a made file to the user: a[download] with object URLs, or IE's msSaveOrOpenBlob. */
export function canDownload(): boolean {
  if (typeof Blob === "undefined") return false;
  const nav = navigator as Navigator & { msSaveOrOpenBlob?: unknown };
  if (typeof nav.msSaveOrOpenBlob === "function") return true;
  return typeof URL !== "undefined" && typeof URL.createObjectURL === "function" && "download" in document.createElement("a");
}

export async function downloadDocx(paragraphs: Paragraph[], forms: PrintTable[] = []): Promise<void> {
  const [{ Packer }, { reportDocument }] = await Promise.all([import(/* webpackChunkName: "docx" */ "docx"), import(/* webpackChunkName: "docx" */ "../export/docx")]);
  const blob = await Packer.toBlob(reportDocument(paragraphs, paragraphs[0]?.text, forms));
  saveBlob(blob, docxName(paragraphs));
}

/** Hands a file made in the page to the user: the browser's download (its folder, or its save dialog). */
export function saveBlob(blob: Blob, name: string): void {
  const nav = navigator as Navigator & { msSaveOrOpenBlob?: (b: Blob, n: string) => boolean };
  if (typeof nav.msSaveOrOpenBlob === "function") {
    nav.msSaveOrOpenBlob(blob, name); // Internet Explorer 11 (Trident): no a[download]
    return;
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file name the download gets: the report's title. */
export function docxName(paragraphs: Paragraph[]): string {
  return `${paragraphs[0]?.text || "绩效自评报告"}.docx`;
}
