/**
 * The operations, one name each: what to read (readRequest), everything planned in one pure step
 * (plan: the snapshot read into a model, then the rate column, the score sheets and the report),
 * and read → plan → write through a host (run). The command line, the ribbon buttons, the task pane
 * and the preview all call these. `report: false` is the one-click recalculation (rates and every
 * score sheet, no report); `scheme` creates a 评分表.
 */
import { Decimal } from "./numbers/decimal";
import { fundLinks } from "./write/fundlinks";
import { buildFullReport } from "./report/fullreport";
import { ReadRequest, WorkbookHost } from "./io/host";
import { Issue, makeIssue } from "./issues";
import { AddinMeta, META_SHEET, OwnedCells, OwnedSheet, metaSheetWrite } from "./read/meta";
import { Paragraph, makeRenderer } from "./report/narrative";
import { SheetEdit, SheetWrite, WritePlan } from "./io/plan";
import { RATE_HEADER, RATE_KEYS, RateColumnPlan, WriteMode, planRateColumns, rateSpecs } from "./write/ratecolumn";
import { Facts, REPORT_SHEET, ScoreFactsJson, factsOf, reportRows } from "./report/facts";
import { placeOwnedSheet, snapshotOf, uniqueSheetName } from "./write/owned";
import { SCHEMES, SchemeSpec } from "./score/schemes";
import { SCORE_COLUMN_WIDTHS, SCORE_SHEET, layoutScheme, parseScoreSheet, schemeFromSheet } from "./score/layout";
import { SCORE_KEY, ScoreFacts, planScoreSheet } from "./score/sheetplan";
import { WorkbookSnapshot } from "./io/snapshot";
import { FundTable } from "./read/fundtable";
import { ReadOptions, WorkbookModel, readModel } from "./read/model";
import type { TemplateSet } from "./report/templates";
import { TEMPLATE_SHEET, templateSheetWrite } from "./read/templatesheet";
import type { FundLinks } from "./write/fundlinks";
import { RunForms, SheetsPlan, planProjectForms } from "./score/projectforms";

export interface RunOptions extends ReadOptions {
  /** Formulas or values; default: what the workbook used last time, else formulas. */
  mode?: WriteMode;
  /** The user confirmed that their own cells in the way may be replaced. */
  overwrite?: boolean;
  /** The caller's wording, over the workbook's 报告模板 sheet. */
  templates?: Partial<TemplateSet>;
  /** Create (or update) a 评分表 from this scheme: mof2020, department, or a sheet with the grid headers. */
  scheme?: string;
  /** Write the 自评报告 sheet (false: the one-click recalculation only refreshes rates and scores). */
  report?: boolean;
  /** 尾差调整 of the budget figures (off by default). */
  tailAdjust?: boolean;
  /** 资金到位率 below this goes into the 五 draft (default 0.9). */
  rateThreshold?: string;
  /** Make each project's 项目支出绩效自评表 (all, or the projects named); forms made before are always updated. */
  forms?: RunForms;
  /** The printed layout of new forms: national (default) or nature-unit. */
  formVariant?: string;
}

export interface RunResult {
  /** False when the input is unusable (no table, no amount columns) or a sheet to write is protected: nothing is written. */
  ok: boolean;
  table: FundTable | null;
  issues: Issue[];
  plan: WritePlan;
  paragraphs: Paragraph[];
  facts: Facts;
  meta: AddinMeta;
  /** The score sheet's figures as the report states them (decimal strings), when there is one. */
  score: ScoreFactsJson | null;
}

/** What the operations read: the add-in's own sheets, the fund table, a scheme sheet. */
export function readRequest(opts: RunOptions): ReadRequest {
  return {
    sheets: [META_SHEET, REPORT_SHEET, SCORE_SHEET, TEMPLATE_SHEET, ...(opts.sheet ? [opts.sheet] : []), ...(opts.scheme && !SCHEMES[opts.scheme] ? [opts.scheme] : [])],
    active: true,
    all: true,
    skipIfProtected: [REPORT_SHEET],
  };
}

interface ScoresPlan {
  edits: SheetEdit[];
  writes: SheetWrite[];
  owned: OwnedCells[];
  sheets: OwnedSheet[];
  facts: ScoreFacts | null;
}

/** Every score sheet the add-in made before, updated from the fund table as it is now. */
function updateScoreSheets(model: WorkbookModel, links: FundLinks, mode: WriteMode, scheme: string | undefined, issues: Issue[], out: ScoresPlan): void {
  for (const prev of model.meta.sheets.filter((x) => x.role === "score")) {
    const m = model.scoreSheets.get(prev.name);
    if (!m) continue; // deleted by the user
    if (!m.layout) {
      issues.push(makeIssue("SCORE_SHEET_NOT_FOUND", prev.name, ""));
      continue;
    }
    const ownedBefore = model.meta.cells.find((c) => c.sheet === prev.name && c.key === SCORE_KEY);
    const p = planScoreSheet({ sheet: m.grid, layout: m.layout, links, ownedBefore, mode, scheme: prev.scheme ?? "custom" });
    issues.push(...p.issues);
    if (p.cells.length) out.edits.push({ sheet: prev.name, cells: p.cells });
    out.owned.push(p.owned);
    out.sheets.push(prev);
    if (!out.facts || prev.scheme === scheme) out.facts = p.facts;
  }
}

/** The scheme a new score sheet starts from: a built-in one, or a sheet with the grid. */
function schemeSpec(model: WorkbookModel, scheme: string, issues: Issue[]): SchemeSpec | null {
  if (SCHEMES[scheme]) return SCHEMES[scheme];
  const src = model.schemeSheet;
  if (src?.layout) return schemeFromSheet(src.grid, src.layout);
  issues.push(makeIssue(src ? "SCORE_SHEET_NOT_FOUND" : "SCHEME_UNKNOWN", scheme, "", { scheme }));
  return null;
}

/** A new score sheet for `scheme`, laid out and computed at once. */
function createScoreSheet(model: WorkbookModel, links: FundLinks, mode: WriteMode, scheme: string, issues: Issue[], out: ScoresPlan): void {
  const spec = schemeSpec(model, scheme, issues);
  if (!spec) return;
  const name = uniqueSheetName(model.sheetNames, SCORE_SHEET);
  if (name !== SCORE_SHEET) issues.push(makeIssue("SHEET_NAME_TAKEN", SCORE_SHEET, "", { target: name }));
  const inputs = layoutScheme(spec);
  const sheet = snapshotOf(name, inputs);
  const layout = parseScoreSheet(sheet)!;
  const p = planScoreSheet({ sheet, layout, links, mode, scheme: spec.id });
  issues.push(...p.issues);
  out.writes.push({ sheet: name, cells: [...inputs, ...p.cells], columnWidths: SCORE_COLUMN_WIDTHS, visibility: "visible", freezeRows: layout.headerRow });
  out.owned.push(p.owned);
  out.sheets.push({ name, role: "score", hash: "", scheme: spec.id });
  out.facts = p.facts;
}

/** Builds or updates the score sheets: every one the add-in made, plus a new one for `scheme`. */
function planScores(model: WorkbookModel, table: FundTable, rateCol: number | undefined, mode: WriteMode, scheme: string | undefined, issues: Issue[]): ScoresPlan {
  const links = fundLinks(table, rateCol);
  const out: ScoresPlan = { edits: [], writes: [], owned: [], sheets: [], facts: null };
  updateScoreSheets(model, links, mode, scheme, issues, out);
  if (scheme !== undefined && !out.sheets.some((x) => x.scheme === scheme)) createScoreSheet(model, links, mode, scheme, issues, out);
  return out;
}

interface ReportPlan {
  paragraphs: Paragraph[];
  writes: SheetWrite[];
  /** The owned report and template sheets after this run. */
  sheets: OwnedSheet[];
}

/** The 自评报告 sheet (and, the first time, the 报告模板 sheet), unless a broken template keeps the old report. */
function planReportSheets(model: WorkbookModel, table: FundTable, score: ScoreFacts | null, opts: RunOptions, issues: Issue[]): ReportPlan {
  // The wording: the workbook's 报告模板 sheet (written once, then the user's), then the caller's.
  const tsheet = model.templates;
  const templates: OwnedSheet = { name: tsheet?.sheet ?? uniqueSheetName(model.sheetNames, TEMPLATE_SHEET), role: "templates", hash: "" };
  const renderer = makeRenderer({ ...(tsheet?.templates ?? {}), ...(opts.templates ?? {}) }, { sheet: templates.name, cellOf: (id) => tsheet?.cells[id] ?? "" });
  const full = buildFullReport(model, table, score, renderer, { tailAdjust: opts.tailAdjust, rateThreshold: opts.rateThreshold ? new Decimal(opts.rateThreshold) : undefined });
  issues.push(...full.issues, ...renderer.issues);
  const out: ReportPlan = { paragraphs: [], writes: tsheet ? [] : [templateSheetWrite(templates.name)], sheets: [] };
  const previous = model.meta.sheets.filter((s) => s.role === "report");
  if (renderer.issues.some((i) => i.severity === "error")) {
    // A broken template: the report already in the workbook stays as it is.
    issues.push(makeIssue("TEMPLATE_BROKEN_REPORT_KEPT", previous[0]?.name ?? REPORT_SHEET, ""));
    out.sheets = [...previous, templates];
    return out;
  }
  out.paragraphs = full.paragraphs;
  const report = placeOwnedSheet(model, REPORT_SHEET, "report", reportRows(full.paragraphs), issues);
  out.writes.unshift(report.write);
  out.sheets = [report.owned, templates];
  return out;
}

/** What the add-in remembers after this run. */
function nextMeta(model: WorkbookModel, table: FundTable, opts: RunOptions, mode: WriteMode, rates: RateColumnPlan[], scores: SheetsPlan, reportSheets: OwnedSheet[]): AddinMeta {
  const meta = model.meta;
  const picked = model.pickedHeaderRow;
  return {
    ...meta,
    table: {
      sheet: table.sheet,
      headerRow: table.detection.headerTop,
      mapping: opts.mapping ?? meta.table?.mapping,
      unit: opts.unit ?? meta.table?.unit,
      ...(picked !== undefined ? { pickedHeaderRow: picked } : {}),
    },
    cells: [
      ...meta.cells.filter((c) => !(c.sheet === table.sheet && RATE_KEYS.includes(c.key)) && !scores.owned.some((o) => o.sheet === c.sheet && o.key === c.key)),
      ...rates.map((r) => r.owned),
      ...scores.owned,
    ],
    sheets: [...meta.sheets.filter((s) => s.role !== "report" && s.role !== "score" && s.role !== "templates" && s.role !== "form"), ...reportSheets, ...scores.sheets],
    settings: { ...meta.settings, mode },
  };
}

/** A protected sheet the plan must write into: an error each, and nothing written at all. */
function lockedSheets(model: WorkbookModel, table: FundTable, edits: SheetEdit[], issues: Issue[]): boolean {
  const locked = edits.filter((e) => model.protectedSheets.has(e.sheet));
  for (const e of locked) issues.push(makeIssue("SHEET_PROTECTED", e.sheet, "", { what: e.sheet === table.sheet ? "资金到位率列" : "评分表的得分和合计" }));
  return locked.length > 0;
}

/** Everything an operation writes, planned from the model in one pure step. */
export function planModel(model: WorkbookModel, opts: RunOptions): RunResult {
  const { meta } = model;
  const mode: WriteMode = opts.mode ?? (meta.settings.mode === "values" ? "values" : "formulas");
  const issues = [...model.fundIssues];
  const table = model.fund;
  if (!table || rateSpecs(table).length === 0 || table.projects.length === 0)
    return { ok: false, table, issues, plan: { edits: [], sheets: [] }, paragraphs: [], facts: factsOf(table, issues, [], null), meta, score: null };
  const rates = planRateColumns(table, (key) => meta.cells.find((c) => c.sheet === table.sheet && c.key === key), { mode, overwrite: opts.overwrite });
  for (const r of rates) issues.push(...r.issues);
  const scores = planScores(model, table, rates.find((r) => r.key === RATE_HEADER)?.col, mode, opts.scheme, issues);
  const forms = planProjectForms(model, table, mode, opts.forms, opts.formVariant, issues);
  const report: ReportPlan = opts.report !== false ? planReportSheets(model, table, scores.facts, opts, issues) : { paragraphs: [], writes: [], sheets: meta.sheets.filter((s) => s.role === "report" || s.role === "templates") };
  const edits: SheetEdit[] = [];
  const rateCells = rates.flatMap((r) => r.cells);
  const widths = rates.filter((r) => r.created).map((r) => ({ col: r.col, width: 12 }));
  if (rateCells.length) edits.push({ sheet: table.sheet, cells: rateCells, columnWidths: widths.length ? widths : undefined });
  edits.push(...scores.edits, ...forms.edits);
  const facts = factsOf(table, issues, report.paragraphs, scores.facts, forms.facts);
  if (lockedSheets(model, table, edits, issues)) return { ok: false, table, issues, plan: { edits: [], sheets: [] }, paragraphs: report.paragraphs, facts, meta, score: facts.score ?? null };
  const owned: SheetsPlan = { edits: [], writes: [], owned: [...scores.owned, ...forms.owned], sheets: [...scores.sheets, ...forms.sheets] };
  const newMeta = nextMeta(model, table, opts, mode, rates, owned, report.sheets);
  const plan: WritePlan = { edits, sheets: [...scores.writes, ...forms.writes, ...report.writes, metaSheetWrite(newMeta)] };
  return { ok: true, table, issues, plan, paragraphs: report.paragraphs, facts, meta: newMeta, score: facts.score ?? null };
}

/** Read the snapshot into the model, then plan: the pure core of every operation. */
export function plan(wb: WorkbookSnapshot, opts: RunOptions): RunResult {
  return planModel(readModel(wb, opts), opts);
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
  const model = readModel(await host.read(readRequest(opts)), opts);
  return { table: model.fund, issues: model.fundIssues, sheetNames: model.sheetNames.filter((n) => n !== META_SHEET) };
}
