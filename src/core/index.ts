/**
 * The core's public face: everything outside src/core imports from here (lint forbids deep
 * imports). Pure domain — no Office, React or Node: read a workbook snapshot, plan every write,
 * render the text.
 */

// Operations: read → plan → write.
export { readRequest, plan, run, detect } from "./operations";
export type { RunOptions, RunResult, Facts, ProjectFact } from "./report";
export { REPORT_SHEET, sourcesText } from "./report";

// The port to a workbook, and what crosses it.
export type { ReadRequest, WorkbookHost } from "./host";
export type { CellValue, CellError, SheetSnapshot, TableObject, WorkbookSnapshot } from "./snapshot";
export { errorFromText, isCellError, cellValue, cellFormula, cellFormat } from "./snapshot";
export type { CellContent, CellWrite, PageSetup, SheetEdit, SheetWrite, WritePlan } from "./plan";
export { looksLikeFormula, planCellCount } from "./plan";
export { META_SHEET, formulaSkeleton } from "./meta";

// Addresses.
export { a1, columnLetters, columnNumber, parseA1, parseRange, rangeA1, qualified, splitQualified } from "./a1";
export type { RangeBox } from "./a1";

// Issues.
export type { Issue, IssueCode, IssueParams, Lang, Severity } from "./issues";
export { ISSUE_DEFS, hasErrors, internalError, issueJson, issueLine, makeIssue, renderIssue, severityWord, sortIssues } from "./issues";

// The fund table.
export type { ColumnMapping, Detection, HeaderCell, MappingOverride, SingleField } from "./detect";
export { FIELDS, matchField } from "./fields";
export type { FieldDef, FieldKey } from "./fields";
export type { FundTable, Project } from "./table";
export { readFundTable } from "./table";

// Numbers, units and their display.
export { Decimal } from "./decimal";
export type { AmountUnit, Rate, Yuan } from "./units";
export { rate, rateOf, yuan } from "./units";
export { formatRate, formatWan, rateNumberFormat, RATE_NUMBER_FORMAT } from "./format";
export { parseAmount, parseTypedRate } from "./parse";
export { parseCsv } from "./csv";
export { disallowedFunctions, ALLOWED_FUNCTIONS } from "./formula";
export type { WriteMode } from "./ratecolumn";

// Scoring and the report's words.
export { SCHEMES, GRID_HEADERS } from "./schemes";
export type { SchemeSpec } from "./schemes";
export { makeRenderer } from "./narrative";
export type { Paragraph, ParagraphLevel } from "./narrative";
