/**
 * The operations, one name each: read what an operation needs (readRequest), plan everything in one
 * pure step (plan), and read → plan → write through a host (run). The command line, the ribbon
 * buttons, the task pane and the preview all call these. `report: false` is the one-click
 * recalculation (rates and every score sheet, no report).
 */
import { Decimal } from "./numbers/decimal";
import { fundLinks } from "./write/fundlinks";
import { buildFullReport } from "./report/fullreport";
import { ReadRequest, WorkbookHost } from "./io/host";
import { Issue, makeIssue } from "./issues";
import { AddinMeta, META_SHEET, OwnedCells, OwnedSheet, metaSheetWrite, readMeta } from "./read/meta";
import { Paragraph, makeRenderer } from "./report/narrative";
import { SheetEdit, SheetWrite, WritePlan } from "./io/plan";
import { RATE_HEADER, WriteMode, planRateColumn } from "./write/ratecolumn";
import { REPORT_SHEET, RunOptions, RunResult, factsOf, placeOwnedSheet, reportRows, snapshotOf, uniqueSheetName } from "./report/facts";
import { SCHEMES, SchemeSpec } from "./score/schemes";
import { SCORE_COLUMN_WIDTHS, SCORE_KEY, SCORE_SHEET, ScoreFacts, layoutScheme, parseScoreSheet, planScoreSheet, schemeFromSheet } from "./score/scoresheet";
import { WorkbookSnapshot, getSheet } from "./io/snapshot";
import { FundTable, readFundTable } from "./read/fundtable";
import { TEMPLATE_SHEET, readTemplateSheet, templateSheetWrite } from "./read/templatesheet";


/** What the operations read: the add-in's own sheets, the fund table, a scheme sheet. */
export function readRequest(opts: RunOptions): ReadRequest {
  return {
    sheets: [META_SHEET, REPORT_SHEET, SCORE_SHEET, TEMPLATE_SHEET, ...(opts.sheet ? [opts.sheet] : []), ...(opts.scheme && !SCHEMES[opts.scheme] ? [opts.scheme] : [])],
    active: true,
    all: true,
    skipIfProtected: [REPORT_SHEET],
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

/** The fund table where the caller says, else where the add-in found it last time (sheet, picked header row, mapping, unit). */
function readTableFor(wb: WorkbookSnapshot, meta: AddinMeta, opts: Pick<RunOptions, "sheet" | "mapping" | "unit" | "headerRow">): ReturnType<typeof readFundTable> & { picked?: number } {
  const sheetName = opts.sheet ?? (meta.table && wb.sheetNames.includes(meta.table.sheet) ? meta.table.sheet : undefined);
  const picked = opts.headerRow ?? (meta.table && meta.table.sheet === sheetName ? meta.table.pickedHeaderRow : undefined);
  return { ...readFundTable(wb, { sheet: sheetName, mapping: opts.mapping ?? meta.table?.mapping, unit: opts.unit ?? meta.table?.unit, headerRow: picked }), picked };
}

export function plan(wb: WorkbookSnapshot, opts: RunOptions): RunResult {
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
  // A protected sheet the plan must write into: say so, and write nothing at all.
  const locked = edits.filter((e) => getSheet(wb, e.sheet)?.protected);
  for (const e of locked) issues.push(makeIssue("SHEET_PROTECTED", e.sheet, "", { what: e.sheet === table.sheet ? "资金到位率列" : "评分表的得分和合计" }));
  if (locked.length) return { ok: false, table, issues, plan: { edits: [], sheets: [] }, paragraphs, facts: factsOf(table, issues, paragraphs), meta, score: scores.facts };
  const plan: WritePlan = { edits, sheets: [...sheetWrites, metaSheetWrite(newMeta)] };
  const facts = factsOf(table, issues, paragraphs);
  if (scores.facts) {
    const { weightTotal: _w, counts: _c, cells: _cells, ...score } = scores.facts;
    facts.score = score;
  }
  return { ok: true, table, issues, plan, paragraphs, facts, meta: newMeta, score: scores.facts };
}

/** Read, plan, write: two batches. Nothing is written when the input is unusable. */
export async function run(host: WorkbookHost, opts: RunOptions): Promise<RunResult> {
  const wb = await host.read(readRequest(opts));
  const result = plan(wb, opts);
  if (result.ok) await host.apply(result.plan);
  return result;
}


/** 识别表格: the fund table as the pane shows it (range, unit, mapping), nothing written. */
export async function detect(host: WorkbookHost, opts: Pick<RunOptions, "sheet" | "mapping" | "unit" | "headerRow"> = {}): Promise<{ table: FundTable | null; issues: Issue[]; sheetNames: string[] }> {
  const wb = await host.read(readRequest(opts));
  const read = readTableFor(wb, readMeta(wb), opts);
  return { table: read.table, issues: read.issues, sheetNames: wb.sheetNames.filter((n) => n !== META_SHEET) };
}
