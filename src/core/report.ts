/**
 * Operations: read once, plan everything, write once. `planReport` is pure; `runReport` drives a
 * host. The command line, the ribbon buttons and the task pane all call these.
 */
import { a1 } from "./a1";
import { AmountUnit } from "./units";
import { MappingOverride } from "./detect";
import { formatRate } from "./format";
import { Issue, hasErrors, makeIssue } from "./issues";
import { AddinMeta, META_SHEET, OwnedCells, OwnedSheet, hashText, metaSheetWrite, readMeta } from "./meta";
import { fundLinks } from "./fundlinks";
import { SCHEMES, SchemeSpec } from "./schemes";
import { SCORE_COLUMN_WIDTHS, SCORE_KEY, SCORE_SHEET, ScoreFacts, layoutScheme, parseScoreSheet, planScoreSheet, schemeFromSheet } from "./scoresheet";
import { Paragraph, makeRenderer } from "./narrative";
import { buildFullReport } from "./fullreport";
import { TEMPLATE_SHEET, readTemplateSheet, templateSheetWrite } from "./templatesheet";
import { Decimal } from "./decimal";
import { CellWrite, SheetEdit, SheetWrite, WritePlan } from "./plan";
import { RATE_HEADER, WriteMode, planRateColumn } from "./ratecolumn";
import { CellValue, SheetSnapshot, WorkbookSnapshot, cellText, cellValue, getSheet } from "./snapshot";
import { FundTable, readFundTable } from "./table";
import { ReadRequest, WorkbookHost } from "./host";
import type { TemplateSet } from "./templates";

export const REPORT_SHEET = "自评报告";

export interface ReportOptions {
  /** Formulas or values; default: what the workbook used last time, else formulas. */
  mode?: WriteMode;
  overwrite?: boolean;
  sheet?: string;
  mapping?: MappingOverride;
  unit?: AmountUnit;
  templates?: Partial<TemplateSet>;
  /** Create (or update) a 评分表 from this scheme: mof2020, department, or a sheet with the grid headers. */
  scheme?: string;
  /** Write the 自评报告 sheet (false: the one-click recalculation only refreshes rates and scores). */
  report?: boolean;
  /** The fund table's header row, picked by the user (a selection); remembered for reruns. */
  headerRow?: number;
  /** 尾差调整 of the budget figures (off by default). */
  tailAdjust?: boolean;
  /** 资金到位率 below this goes into the 五 draft (default 0.9). */
  rateThreshold?: string;
}

export interface ProjectFact {
  row: number;
  name: string;
  budget: string | null;
  invested: string | null;
  rate: string | null;
  rateText: string | null;
}

export interface Facts {
  unit: AmountUnit | null;
  sheet: string | null;
  projects: ProjectFact[];
  totals: { budget: string; invested: string; rate: string | null; rateText: string | null } | null;
  issues: Issue[];
  narrative: { section: string; text: string; sources: string[] }[];
  score?: Omit<ScoreFacts, "sheet" | "weightTotal" | "counts" | "cells"> & { sheet: string };
}

export interface ReportResult {
  /** False when the input is unusable (no table, no amount columns): nothing is planned. */
  ok: boolean;
  table: FundTable | null;
  issues: Issue[];
  plan: WritePlan;
  paragraphs: Paragraph[];
  facts: Facts;
  meta: AddinMeta;
  score: ScoreFacts | null;
}

/** What the operations read: the add-in's own sheets, the fund table, a scheme sheet. */
export function readRequest(opts: ReportOptions): ReadRequest {
  return { sheets: [META_SHEET, REPORT_SHEET, SCORE_SHEET, TEMPLATE_SHEET, ...(opts.sheet ? [opts.sheet] : []), ...(opts.scheme && !SCHEMES[opts.scheme] ? [opts.scheme] : [])], active: true, all: true };
}

const rate6 = (r: { toDecimalPlaces(n: number): { toFixed(): string } } | null) => (r ? r.toDecimalPlaces(6).toFixed() : null);

export function factsOf(table: FundTable | null, issues: Issue[], paragraphs: Paragraph[]): Facts {
  return {
    unit: table?.unit ?? null,
    sheet: table?.sheet ?? null,
    projects: (table?.projects ?? []).map((p) => ({
      row: p.row,
      name: p.name,
      budget: p.budget?.value?.toFixed() ?? null,
      invested: p.invested?.value?.toFixed() ?? null,
      rate: rate6(p.rate),
      rateText: p.rate ? formatRate(p.rate) : null,
    })),
    totals: table
      ? {
          budget: table.totals.budget.toFixed(),
          invested: table.totals.invested.toFixed(),
          rate: rate6(table.totals.rate),
          rateText: table.totals.rate ? formatRate(table.totals.rate) : null,
        }
      : null,
    issues,
    narrative: paragraphs.map((p) => ({ section: p.section, text: p.text, sources: p.sources })),
  };
}

/** "项目资金表!C4, F4": the sheet once, then the cells. */
export function sourcesText(sources: string[]): string {
  if (sources.length === 0) return "";
  const sheet = sources[0].slice(0, sources[0].lastIndexOf("!"));
  if (sources.every((s) => s.startsWith(sheet + "!"))) return `${sheet}!${sources.map((s) => s.slice(sheet.length + 1)).join(", ")}`;
  return sources.join(", ");
}

/** The paragraphs as the rows of the 自评报告 sheet: text in A, sources in B. */
export function reportRows(paragraphs: Paragraph[]): CellWrite[] {
  const cells: CellWrite[] = [];
  paragraphs.forEach((p, i) => {
    const row = i + 1;
    cells.push({ row, col: 1, content: { kind: "text", text: p.text }, bold: p.level !== "body", wrap: true });
    const src = sourcesText(p.sources);
    if (src) cells.push({ row, col: 2, content: { kind: "text", text: src }, wrap: true });
  });
  return cells;
}

function contentHash(cells: { row: number; col: number; text: string }[]): string {
  const sorted = [...cells].filter((c) => c.text !== "").sort((a, b) => a.row - b.row || a.col - b.col);
  return hashText(sorted.map((c) => `${a1(c.row, c.col)}\u0001${c.text}`).join("\u0002"));
}

function existingContentHash(wb: WorkbookSnapshot, name: string): string | null {
  const s = getSheet(wb, name);
  if (!s) return null;
  const cells: { row: number; col: number; text: string }[] = [];
  s.values.forEach((rowVals, i) => rowVals.forEach((v, j) => cells.push({ row: s.top + i, col: s.left + j, text: cellText(cellValue(s, s.top + i, s.left + j)) })));
  return contentHash(cells);
}

export function uniqueSheetName(names: readonly string[], base: string): string {
  if (!names.includes(base)) return base;
  for (let i = 2; ; i++) {
    const n = `${base}（${i}）`;
    if (!names.includes(n)) return n;
  }
}

/**
 * Where an owned sheet goes: in place when it is ours and untouched; a copy of the user's edits
 * is kept when it is ours but edited; another name when the user has a sheet of that name.
 */
export function placeOwnedSheet(
  wb: WorkbookSnapshot,
  meta: AddinMeta,
  base: string,
  role: OwnedSheet["role"],
  cells: CellWrite[],
  issues: Issue[],
): { write: SheetWrite; owned: OwnedSheet } {
  const hash = contentHash(cells.map((c) => ({ row: c.row, col: c.col, text: c.content.kind === "text" ? c.content.text : "" })));
  const prev = meta.sheets.find((s) => s.role === role && wb.sheetNames.includes(s.name));
  let name = prev?.name ?? base;
  let keepExistingAs: string | undefined;
  if (prev) {
    const now = existingContentHash(wb, prev.name);
    if (now !== null && now !== prev.hash) {
      keepExistingAs = uniqueSheetName(wb.sheetNames, `${prev.name}（修改稿）`);
      issues.push(makeIssue("SHEET_EDITED", prev.name, "", { kept: keepExistingAs }));
    }
  } else if (wb.sheetNames.includes(base)) {
    name = uniqueSheetName(wb.sheetNames, base);
    issues.push(makeIssue("SHEET_NAME_TAKEN", base, "", { target: name }));
  }
  return {
    write: { sheet: name, cells, keepExistingAs, columnWidths: [{ col: 1, width: 100 }, { col: 2, width: 28 }], visibility: "visible" },
    owned: { name, role, hash },
  };
}

/** Builds or updates the score sheets: every one the add-in made, plus a new one for `scheme`. */
function planScores(
  wb: WorkbookSnapshot,
  meta: AddinMeta,
  table: FundTable,
  rateCol: number | undefined,
  mode: WriteMode,
  scheme: string | undefined,
  issues: Issue[],
): { edits: SheetEdit[]; writes: SheetWrite[]; owned: OwnedCells[]; sheets: OwnedSheet[]; facts: ScoreFacts | null } {
  const links = fundLinks(table, rateCol);
  const out = { edits: [] as SheetEdit[], writes: [] as SheetWrite[], owned: [] as OwnedCells[], sheets: [] as OwnedSheet[], facts: null as ScoreFacts | null };
  for (const prev of meta.sheets.filter((x) => x.role === "score" && wb.sheetNames.includes(x.name))) {
    const s = getSheet(wb, prev.name)!;
    const layout = parseScoreSheet(s);
    if (!layout) {
      issues.push(makeIssue("SCORE_SHEET_NOT_FOUND", prev.name, ""));
      continue;
    }
    const ownedBefore = meta.cells.find((c) => c.sheet === prev.name && c.key === SCORE_KEY);
    const plan = planScoreSheet(s, layout, links, ownedBefore, mode, prev.scheme ?? "custom");
    issues.push(...plan.issues);
    if (plan.cells.length) out.edits.push({ sheet: prev.name, cells: plan.cells });
    out.owned.push(plan.owned);
    out.sheets.push(prev);
    if (!out.facts || prev.scheme === scheme) out.facts = plan.facts;
  }
  if (scheme === undefined || out.sheets.some((x) => x.scheme === scheme)) return out;

  let spec: SchemeSpec | undefined = SCHEMES[scheme];
  if (!spec) {
    const src = getSheet(wb, scheme);
    const layout = src && parseScoreSheet(src);
    if (!src || !layout) {
      issues.push(makeIssue(src ? "SCORE_SHEET_NOT_FOUND" : "SCHEME_UNKNOWN", scheme, "", { scheme }));
      return out;
    }
    spec = schemeFromSheet(src, layout);
  }
  const name = uniqueSheetName(wb.sheetNames, SCORE_SHEET);
  if (name !== SCORE_SHEET) issues.push(makeIssue("SHEET_NAME_TAKEN", SCORE_SHEET, "", { target: name }));
  const inputs = layoutScheme(spec);
  const synthetic = snapshotOf(name, inputs);
  const layout = parseScoreSheet(synthetic)!;
  const plan = planScoreSheet(synthetic, layout, links, undefined, mode, spec.id);
  issues.push(...plan.issues);
  out.writes.push({ sheet: name, cells: [...inputs, ...plan.cells], columnWidths: SCORE_COLUMN_WIDTHS, visibility: "visible", freezeRows: layout.headerRow });
  out.owned.push(plan.owned);
  out.sheets.push({ name, role: "score", hash: "", scheme: spec.id });
  out.facts = plan.facts;
  return out;
}

/** Read, plan everything, in one pure step: rates, score sheets, and (unless report: false) the report. */
/** The fund table where the caller says, else where the add-in found it last time (sheet, picked header row, mapping, unit). */
function readTableFor(wb: WorkbookSnapshot, meta: AddinMeta, opts: Pick<ReportOptions, "sheet" | "mapping" | "unit" | "headerRow">): ReturnType<typeof readFundTable> & { picked?: number } {
  const sheetName = opts.sheet ?? (meta.table && wb.sheetNames.includes(meta.table.sheet) ? meta.table.sheet : undefined);
  const picked = opts.headerRow ?? (meta.table && meta.table.sheet === sheetName ? meta.table.pickedHeaderRow : undefined);
  return { ...readFundTable(wb, { sheet: sheetName, mapping: opts.mapping ?? meta.table?.mapping, unit: opts.unit ?? meta.table?.unit, headerRow: picked }), picked };
}

export function planWorkbook(wb: WorkbookSnapshot, opts: ReportOptions): ReportResult {
  const meta = readMeta(wb);
  const mode: WriteMode = opts.mode ?? (meta.settings.mode === "values" ? "values" : "formulas");
  const read = readTableFor(wb, meta, opts);
  const picked = read.picked;
  const issues = [...read.issues];
  const table = read.table;
  const unusable = !table || table.mapping.budget === undefined || table.mapping.invested === undefined || table.projects.length === 0;
  if (!table || unusable) {
    return { ok: false, table, issues, plan: { edits: [], sheets: [] }, paragraphs: [], facts: factsOf(table, issues, []), meta, score: null };
  }
  const sheet = getSheet(wb, table.sheet)!;
  const ownedBefore = meta.cells.find((c) => c.sheet === table.sheet && c.key === RATE_HEADER);
  const rates = planRateColumn(sheet, table, ownedBefore, { mode, overwrite: opts.overwrite });
  for (const i of rates.issues) issues.push(i);

  const scores = planScores(wb, meta, table, rates.col, mode, opts.scheme, issues);

  let paragraphs: Paragraph[] = [];
  const sheetWrites: SheetWrite[] = [...scores.writes];
  let reportSheets = meta.sheets.filter((s) => s.role === "report" || s.role === "templates");
  if (opts.report !== false) {
    // The wording: the workbook's 报告模板 sheet (written once, then the user's), then the caller's.
    const tsheet = readTemplateSheet(wb, meta);
    const templates: OwnedSheet = { name: tsheet?.sheet ?? uniqueSheetName(wb.sheetNames, TEMPLATE_SHEET), role: "templates", hash: "" };
    const renderer = makeRenderer({ ...(tsheet?.templates ?? {}), ...(opts.templates ?? {}) }, { sheet: templates.name, cellOf: (id) => tsheet?.cells[id] ?? "" });
    const full = buildFullReport(wb, table, scores.facts, renderer, {
      tailAdjust: opts.tailAdjust,
      rateThreshold: opts.rateThreshold ? new Decimal(opts.rateThreshold) : undefined,
      ownSheets: [META_SHEET, ...meta.sheets.map((x) => x.name), ...scores.sheets.map((x) => x.name), templates.name],
    });
    for (const i of [...full.issues, ...renderer.issues]) issues.push(i);
    const previous = meta.sheets.filter((s) => s.role === "report");
    if (renderer.issues.some((i) => i.severity === "error")) {
      // A broken template: the report already in the workbook stays as it is.
      issues.push(makeIssue("TEMPLATE_BROKEN_REPORT_KEPT", previous[0]?.name ?? REPORT_SHEET, ""));
      reportSheets = [...previous, templates];
    } else {
      paragraphs = full.paragraphs;
      const report = placeOwnedSheet(wb, meta, REPORT_SHEET, "report", reportRows(paragraphs), issues);
      sheetWrites.push(report.write);
      reportSheets = [report.owned, templates];
    }
    if (!tsheet) sheetWrites.push(templateSheetWrite(templates.name));
  }
  const newMeta: AddinMeta = {
    ...meta,
    table: {
      sheet: table.sheet,
      headerRow: table.detection.headerTop,
      mapping: opts.mapping ?? meta.table?.mapping,
      unit: opts.unit ?? meta.table?.unit,
      ...(picked !== undefined ? { pickedHeaderRow: picked } : {}),
    },
    cells: [
      ...meta.cells.filter((c) => !(c.sheet === table.sheet && c.key === RATE_HEADER) && !scores.owned.some((o) => o.sheet === c.sheet && o.key === c.key)),
      rates.owned,
      ...scores.owned,
    ],
    sheets: [...meta.sheets.filter((s) => s.role !== "report" && s.role !== "score" && s.role !== "templates"), ...reportSheets, ...scores.sheets],
    settings: { ...meta.settings, mode },
  };
  const edits: SheetEdit[] = [];
  if (rates.cells.length) edits.push({ sheet: table.sheet, cells: rates.cells, columnWidths: rates.created ? [{ col: rates.col, width: 12 }] : undefined });
  edits.push(...scores.edits);
  const plan: WritePlan = { edits, sheets: [...sheetWrites, metaSheetWrite(newMeta)] };
  const facts = factsOf(table, issues, paragraphs);
  if (scores.facts) {
    const { weightTotal: _w, counts: _c, cells: _cells, ...score } = scores.facts;
    facts.score = score;
  }
  return { ok: true, table, issues, plan, paragraphs, facts, meta: newMeta, score: scores.facts };
}

export function planReport(wb: WorkbookSnapshot, opts: ReportOptions): ReportResult {
  return planWorkbook(wb, { ...opts, report: opts.report ?? true });
}

/** The one-click recalculation: rates and every score sheet, from the fund table as it is now. */
export function planRecalc(wb: WorkbookSnapshot, opts: Omit<ReportOptions, "report" | "scheme"> = {}): ReportResult {
  return planWorkbook(wb, { ...opts, report: false });
}

/** Read, plan, write: two batches. Nothing is written when the input is unusable. */
export async function runPlan(host: WorkbookHost, opts: ReportOptions): Promise<ReportResult> {
  const wb = await host.read(readRequest(opts));
  const result = planWorkbook(wb, opts);
  if (result.ok) await host.apply(result.plan);
  return result;
}

export function runReport(host: WorkbookHost, opts: ReportOptions): Promise<ReportResult> {
  return runPlan(host, { ...opts, report: opts.report ?? true });
}

export function runRecalc(host: WorkbookHost, opts: Omit<ReportOptions, "report" | "scheme"> = {}): Promise<ReportResult> {
  return runPlan(host, { ...opts, report: false });
}

/** A snapshot of a sheet that exists only as planned writes (a score sheet about to be created). */
export function snapshotOf(name: string, writes: CellWrite[]): SheetSnapshot {
  const rows = Math.max(0, ...writes.map((w) => w.row));
  const cols = Math.max(0, ...writes.map((w) => w.col));
  const values: CellValue[][] = Array.from({ length: rows }, () => Array<CellValue>(cols).fill(null));
  const formulas: (string | null)[][] = Array.from({ length: rows }, () => Array<string | null>(cols).fill(null));
  for (const w of writes) {
    const c = w.content;
    if (c.kind === "text") values[w.row - 1][w.col - 1] = c.text;
    else if (c.kind === "number") values[w.row - 1][w.col - 1] = c.value;
    else if (c.kind === "formula") formulas[w.row - 1][w.col - 1] = c.formula;
  }
  return { name, top: 1, left: 1, values, formulas };
}

export { hasErrors };

/** 识别表格: the fund table as the pane shows it (range, unit, mapping), nothing written. */
export async function detectTable(host: WorkbookHost, opts: Pick<ReportOptions, "sheet" | "mapping" | "unit" | "headerRow"> = {}): Promise<{ table: FundTable | null; issues: Issue[]; sheetNames: string[] }> {
  const wb = await host.read(readRequest(opts));
  const read = readTableFor(wb, readMeta(wb), opts);
  return { table: read.table, issues: read.issues, sheetNames: wb.sheetNames.filter((n) => n !== META_SHEET) };
}
