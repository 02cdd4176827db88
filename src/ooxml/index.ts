/**
 * The package-level OOXML layer: read any spreadsheet package, write back only what the tool owns.
 * Zip by entries (fflate for deflate), XML by spans of text; Node and the browser alike.
 */
export { Workbook } from "./workbook";
export type { PackageKind, SheetInfo, TableInfo, DefinedName, Visibility } from "./workbook";
export type { CellRec, RowRec, SheetModel } from "./sheet";
export { OoxmlPackage, PackageError, relKind, resolveTarget, relsPathOf, decodeXml, NS } from "./package";
export { XmlError, parseXml, textOf } from "./xml";
export type { XNode } from "./xml";
export { readSheet } from "./sheet";
export { isDateFormat, serialToIsoDate, BUILTIN_FORMATS } from "./numfmt";
export { shiftFormula } from "./formula";
export { readZip, writeZip, crc32, inflateEntry } from "./zip";
