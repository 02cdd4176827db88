/**
 * The core's public face: everything outside src/core imports from here (lint forbids deep
 * imports). Pure domain — no Office, React or Node: read a workbook snapshot, plan every write,
 * render the text.
 */

// Operations: read → plan → write.
export { readRequest, plan, planModel, run, detect } from "./operations";
export type { RunForms } from "./score/projectforms";
export { FORM_VARIANTS } from "./score/forms";
export type { ReportType, RunOptions, RunResult, DetectResult } from "./operations";
export type { Facts, ProjectFact } from "./report/facts";
export { readModel } from "./read/model";
export type { ReadOptions, WorkbookModel } from "./read/model";
export { REPORT_SHEET, sourcesText } from "./report/facts";

// The port to a workbook, and what crosses it.
export type { ReadRequest, WorkbookHost } from "./io/host";
export type { CellValue, CellError, SheetSnapshot, TableObject, WorkbookSnapshot } from "./io/snapshot";
export { errorFromText, isCellError, cellValue, cellFormula, cellFormat } from "./io/snapshot";
export type { CellContent, CellWrite, PageSetup, SheetEdit, SheetWrite, TextRows, WritePlan } from "./io/plan";
export { sheetCells } from "./io/plan";
export { META_SHEET, formulaSkeleton } from "./read/meta";

// Addresses.
export { a1, columnLetters, columnNumber, parseA1, parseRange, rangeA1, qualified, splitQualified } from "./io/a1";
export type { RangeBox } from "./io/a1";

// Issues.
export type { Issue, IssueCode, IssueParams, Lang, Severity } from "./issues";
export { ISSUE_DEFS, fill, hasErrors, internalError, issueJson, issueLine, makeIssue, partsParam, renderIssue, severityWord, sortIssues } from "./issues";

// The fund table.
export type { ColumnMapping, Detection, HeaderCell, MappingOverride, SingleField } from "./read/detect";
export { FIELDS, matchField } from "./read/fields";
export type { FieldDef, FieldKey } from "./read/fields";
export type { FundTable, Project } from "./read/fundtable";
export { readFundTable } from "./read/fundtable";

// Numbers, units and their display.
export { Decimal, cmp, shiftedFixed, sum } from "./numbers/decimal";
export type { AmountUnit, Rate, Yuan } from "./numbers/units";
export { rate, rateOf, yuan } from "./numbers/units";
export { formatCount, formatPlaces, formatRate, formatWan, rateNumberFormat, RATE_NUMBER_FORMAT } from "./numbers/format";
export { formatNumber, serialDate } from "./numbers/numfmt";
export { parseAmount, parseTypedRate } from "./numbers/parse";
export { parseCsv } from "./io/csv";
export { disallowedFunctions, ALLOWED_FUNCTIONS } from "./write/formula";
export { uniqueSheetName } from "./write/owned";
export type { WriteMode } from "./write/ratecolumn";

// Scoring and the report's words.
export { SCHEMES, GRID_HEADERS } from "./score/schemes";
export type { SchemeSpec } from "./score/schemes";
export { makeRenderer } from "./report/narrative";
export type { Paragraph, ParagraphLevel } from "./report/narrative";
export { DEFAULT_TEMPLATES, HELPERS, compileTemplate } from "./report/templates";
export type { PrintCell, PrintTable } from "./report/formtables";

// What the panes show.
export { formChoices, issueGroups, schemeChoices, statusOf, tableView } from "./views";
export type { ChoiceView, ColumnChoiceView, ColumnOption, IssueGroup, IssueView, StatusView, TableView } from "./views";
