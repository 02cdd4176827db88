/**
 * Operations: read once, plan everything, write once. `planReport` is pure; `runReport` drives a
 * host. The command line, the ribbon buttons and the task pane all call these.
 */
import { a1 } from "./a1";
import { AmountUnit } from "./units";
import { MappingOverride } from "./detect";
import { formatRate } from "./format";
import { Issue, hasErrors, makeIssue } from "./issues";
import { AddinMeta, META_SHEET, OwnedSheet, hashText, metaSheetWrite, readMeta } from "./meta";
import { Paragraph, makeRenderer, sectionThree } from "./narrative";
import { CellWrite, SheetWrite, WritePlan } from "./plan";
import { RATE_HEADER, WriteMode, planRateColumn } from "./ratecolumn";
import { WorkbookSnapshot, cellText, cellValue, getSheet } from "./snapshot";
import { FundTable, readFundTable } from "./table";
import { ReadRequest, WorkbookHost } from "./host";
import type { TemplateSet } from "./templates";

export const REPORT_SHEET = "自评报告";

export interface ReportOptions {
  mode: WriteMode;
  overwrite?: boolean;
  sheet?: string;
  mapping?: MappingOverride;
  unit?: AmountUnit;
  templates?: Partial<TemplateSet>;
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
}

/** What the report operation reads. */
export function reportReadRequest(sheet?: string): ReadRequest {
  return { sheets: [META_SHEET, REPORT_SHEET, ...(sheet ? [sheet] : [])], active: true };
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

export function planReport(wb: WorkbookSnapshot, opts: ReportOptions): ReportResult {
  const meta = readMeta(wb);
  const sheetName = opts.sheet ?? (meta.table && wb.sheetNames.includes(meta.table.sheet) ? meta.table.sheet : undefined);
  const read = readFundTable(wb, { sheet: sheetName, mapping: opts.mapping ?? meta.table?.mapping, unit: opts.unit ?? meta.table?.unit });
  const issues = [...read.issues];
  const table = read.table;
  const unusable = !table || table.mapping.budget === undefined || table.mapping.invested === undefined || table.projects.length === 0;
  if (!table || unusable) {
    return { ok: false, table, issues, plan: { edits: [], sheets: [] }, paragraphs: [], facts: factsOf(table, issues, []), meta };
  }
  const sheet = getSheet(wb, table.sheet)!;
  const ownedBefore = meta.cells.find((c) => c.sheet === table.sheet && c.key === RATE_HEADER);
  const rates = planRateColumn(sheet, table, ownedBefore, { mode: opts.mode, overwrite: opts.overwrite });
  issues.push(...rates.issues);

  const renderer = makeRenderer(opts.templates);
  const paragraphs = sectionThree(table, renderer);
  issues.push(...renderer.issues);

  const report = placeOwnedSheet(wb, meta, REPORT_SHEET, "report", reportRows(paragraphs), issues);
  const newMeta: AddinMeta = {
    ...meta,
    table: { sheet: table.sheet, headerRow: table.detection.headerTop, mapping: opts.mapping ?? meta.table?.mapping, unit: opts.unit ?? meta.table?.unit },
    cells: [...meta.cells.filter((c) => !(c.sheet === table.sheet && c.key === RATE_HEADER)), rates.owned],
    sheets: [...meta.sheets.filter((s) => s.role !== "report"), report.owned],
  };
  const plan: WritePlan = {
    edits: rates.cells.length ? [{ sheet: table.sheet, cells: rates.cells, columnWidths: rates.created ? [{ col: rates.col, width: 12 }] : undefined }] : [],
    sheets: [report.write, metaSheetWrite(newMeta)],
  };
  return { ok: true, table, issues, plan, paragraphs, facts: factsOf(table, issues, paragraphs), meta: newMeta };
}

/** Read, plan, write: two batches. Nothing is written when the input is unusable. */
export async function runReport(host: WorkbookHost, opts: ReportOptions): Promise<ReportResult> {
  const wb = await host.read(reportReadRequest(opts.sheet));
  const result = planReport(wb, opts);
  if (result.ok) await host.apply(result.plan);
  return result;
}

export { hasErrors };
