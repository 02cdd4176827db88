/**
 * The user's file on the standalone page: what it is (a package, a CSV, an old .xls, something
 * else), opened into the browser's host, and saved back as a workbook of its kind.
 */
import { PreviewHost } from "../preview/host";
import { DamagedWorkbookError } from "../xlsx/host";

/** A file the page cannot open; the key names the message (strings.ts), the file stays as it was. */
export class OpenFailure extends Error {
  constructor(
    readonly key: "xls" | "notWorkbook" | "damaged",
    readonly file: string,
  ) {
    super(`${key}: ${file}`);
  }
}

const PACKAGE = /\.(xlsx|xlsm|xltx|xltm)$/i;
/** An OLE compound file: the old binary .xls (or an .xls renamed .xlsx). */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Opens the bytes of a file named `name`; OpenFailure when it is no workbook this page reads. */
export async function openWorkbook(name: string, data: ArrayBuffer): Promise<PreviewHost> {
  const bytes = new Uint8Array(data);
  if (/\.xls$/i.test(name) || OLE.every((b, i) => bytes[i] === b)) throw new OpenFailure("xls", name);
  const kind = PACKAGE.test(name) ? "xlsx" : /\.csv$/i.test(name) ? "csv" : null;
  if (!kind) throw new OpenFailure("notWorkbook", name);
  try {
    return await PreviewHost.open(bytes, kind);
  } catch (e) {
    if (e instanceof DamagedWorkbookError) throw new OpenFailure("damaged", name);
    throw e;
  }
}

export interface SavedFile {
  name: string;
  type: string;
  bytes: ArrayBuffer;
}

/**
 * The workbook as a file to hand to the user: "<name>-自评.xlsx" (".xlsm" when it has macros: the
 * output keeps the input's kind, as on the command line; a template or a CSV gives a workbook).
 */
export async function saveWorkbook(host: PreviewHost, opened: string): Promise<SavedFile> {
  const book = await host.workbook();
  book.setTemplate(false);
  const macro = book.kind === "xlsm";
  const base = opened.replace(/\.(xlsx|xlsm|xltx|xltm|csv)$/i, "");
  const name = `${base.endsWith("-自评") ? base : `${base}-自评`}.${macro ? "xlsm" : "xlsx"}`;
  const type = macro ? "application/vnd.ms-excel.sheet.macroEnabled.12" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  return { name, type, bytes: await host.saveXlsx() };
}
