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
import { AddinMeta, META_SHEET, OwnedSheet, metaSheetWrite } from "./read/meta";
import { Paragraph, makeRenderer } from "./report/narrative";
import { SheetEdit, SheetWrite, WritePlan } from "./io/plan";
import { RATE_HEADER, RATE_KEYS, RateColumnPlan, WriteMode, planRateColumns, rateSpecs } from "./write/ratecolumn";
import { Facts, REPORT_SHEET, ScoreFactsJson, factsOf, reportRows } from "./report/facts";
import { placeOwnedSheet, uniqueSheetName } from "./write/owned";
import { SCHEMES } from "./score/schemes";
import { SCORE_SHEET } from "./score/layout";
import { ScoreFacts } from "./score/sheetplan";
import { WorkbookSnapshot } from "./io/snapshot";
import { FundTable } from "./read/fundtable";
import { ReadOptions, WorkbookModel, readModel } from "./read/model";
import type { TemplateSet } from "./report/templates";
import { TEMPLATE_SHEET, templateSheetWrite } from "./read/templatesheet";
import { FormFacts, RunForms, SheetsPlan, planProjectForms } from "./score/projectforms";
import { ProjectUnit, buildProjectReports } from "./report/projectreport";
import { PrintTable, formTables } from "./report/formtables";
import { planScores } from "./score/schemesheets";

export interface RunOptions extends ReadOptions {
  /** Formulas or values; default: what the workbook used last time, else formulas. */
  mode?: WriteMode;
  /** The user confirmed that their own cells in the way may be replaced. */
  overwrite?: boolean;
  /** The caller's wording, over the workbook's 报告模板 sheet. */
  templates?: Partial<TemplateSet>;
  /** Create (or update) a 评分表 from this scheme: mof2020, department, or a sheet with the grid headers. */
  scheme?: string;
  /**
   * Where a 评分表 of another scheme exists: replace it (the old one is kept under another name).
   * Without it nothing is replaced, and an issue says so (the pane asks first).
   */
  replaceScore?: boolean;
  /** The score sheet the report describes, when the workbook has several. */
  scoreSheet?: string;
  /** 部门整体支出 or 项目支出; by default from what the workbook holds (projects' forms, the project-form 评分表). */
  reportType?: ReportType;
  /** A 项目支出 report for this project only (default: every project with a form). */
  reportProject?: string;
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
  /** Each project's 自评表 as printed (for the Word document), when the report is written. */
  formTables: PrintTable[];
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

interface ReportPlan {
  paragraphs: Paragraph[];
  writes: SheetWrite[];
  /** The owned report and template sheets after this run. */
  sheets: OwnedSheet[];
}

/** The 自评报告 sheet (and, the first time, the 报告模板 sheet), unless a broken template keeps the old report. */
export type ReportType = "department" | "project";

/**
 * The report the workbook asks for: 项目支出 where projects have their 自评表 (or the 评分表 is the
 * project form of 财预〔2020〕10号), else 部门整体支出 — unless the caller says which.
 */
function reportTypeOf(score: ScoreFacts | null, forms: FormFacts[], asked: ReportType | undefined): ReportType {
  if (asked) return asked;
  return forms.length > 0 || score?.scheme === "mof2020" ? "project" : "department";
}

/** The projects a 项目支出 report covers, each with the 自评表 that scores it. */
function projectUnits(table: FundTable, score: ScoreFacts | null, forms: FormFacts[], only: string | undefined, issues: Issue[]): ProjectUnit[] {
  const formOf = (p: FundTable["projects"][number]) => forms.find((f) => f.project === p.name) ?? null;
  let units = forms.length ? table.projects.filter((p) => formOf(p)).map((p) => ({ project: p, form: formOf(p) })) : table.projects.map((p) => ({ project: p, form: null as ScoreFacts | null }));
  // A single project scored by the workbook's 评分表 of the project form.
  if (!forms.length && table.projects.length === 1 && score?.scheme === "mof2020") units = [{ project: table.projects[0], form: score }];
  else if (!forms.length && score?.scheme === "mof2020") issues.push(makeIssue("REPORT_NEEDS_FORMS", score.sheet, ""));
  if (only === undefined) return units;
  const chosen = units.filter((u) => u.project.name === only);
  if (!chosen.length) issues.push(makeIssue("FORM_PROJECT_UNKNOWN", table.sheet, "", { name: only }));
  return chosen;
}

function planReportSheets(model: WorkbookModel, table: FundTable, score: ScoreFacts | null, forms: FormFacts[], opts: RunOptions, issues: Issue[]): ReportPlan {
  // The wording: the workbook's 报告模板 sheet (written once, then the user's), then the caller's.
  const tsheet = model.templates;
  const templates: OwnedSheet = { name: tsheet?.sheet ?? uniqueSheetName(model.sheetNames, TEMPLATE_SHEET), role: "templates", hash: "" };
  const renderer = makeRenderer({ ...(tsheet?.templates ?? {}), ...(opts.templates ?? {}) }, { sheet: templates.name, cellOf: (id) => tsheet?.cells[id] ?? "" });
  const reportOpts = { tailAdjust: opts.tailAdjust, rateThreshold: opts.rateThreshold ? new Decimal(opts.rateThreshold) : undefined };
  const full =
    reportTypeOf(score, forms, opts.reportType) === "project"
      ? buildProjectReports(model, table, projectUnits(table, score, forms, opts.reportProject, issues), renderer, reportOpts)
      : buildFullReport(model, table, score, renderer, reportOpts);
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
  const report = placeOwnedSheet(model, REPORT_SHEET, "report", { cells: [], rows: reportRows(full.paragraphs, full.lines) }, issues);
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
      ...(model.mappingOverride ? { mapping: model.mappingOverride } : {}),
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
    return { ok: false, table, issues, plan: { edits: [], sheets: [] }, paragraphs: [], facts: factsOf(table, issues, [], null), meta, score: null, formTables: [] };
  const rates = planRateColumns(table, (key) => meta.cells.find((c) => c.sheet === table.sheet && c.key === key), { mode, overwrite: opts.overwrite });
  for (const r of rates) issues.push(...r.issues);
  const scores = planScores(model, fundLinks(table, rates.find((r) => r.key === RATE_HEADER)?.col), mode, opts, issues);
  const forms = planProjectForms(model, table, mode, opts.forms, opts.formVariant, issues);
  const report: ReportPlan = opts.report !== false ? planReportSheets(model, table, scores.facts, forms.facts, opts, issues) : { paragraphs: [], writes: [], sheets: meta.sheets.filter((s) => s.role === "report" || s.role === "templates") };
  const edits: SheetEdit[] = [];
  const rateCells = rates.flatMap((r) => r.cells);
  const widths = rates.filter((r) => r.created).map((r) => ({ col: r.col, width: 12 }));
  if (rateCells.length) edits.push({ sheet: table.sheet, cells: rateCells, columnWidths: widths.length ? widths : undefined });
  edits.push(...scores.edits, ...forms.edits);
  const facts = factsOf(table, issues, report.paragraphs, scores.facts, forms.facts);
  if (lockedSheets(model, table, edits, issues)) return { ok: false, table, issues, plan: { edits: [], sheets: [] }, paragraphs: report.paragraphs, facts, meta, score: facts.score ?? null, formTables: [] };
  const owned: SheetsPlan = { edits: [], writes: [], owned: [...scores.owned, ...forms.owned], sheets: [...scores.sheets, ...forms.sheets] };
  const newMeta = nextMeta(model, table, opts, mode, rates, owned, report.sheets);
  const plan: WritePlan = { edits, sheets: [...scores.writes, ...forms.writes, ...report.writes, metaSheetWrite(newMeta)] };
  const formTableList = opts.report !== false ? formTables(model, plan, forms.sheets.map((x) => x.name)) : [];
  return { ok: true, table, issues, plan, paragraphs: report.paragraphs, facts, meta: newMeta, score: facts.score ?? null, formTables: formTableList };
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
/** What 识别表格 shows: the fund table, what reading it found, the sheets, the 评分表 made before, the write mode used last time. */
export interface DetectResult {
  table: FundTable | null;
  issues: Issue[];
  sheetNames: string[];
  /** The score sheets the add-in made that are still there, by name. */
  scoreSheets: string[];
  /** The write mode the workbook used last time, when it remembers one. */
  mode?: WriteMode;
}

export async function detect(host: WorkbookHost, opts: Pick<RunOptions, "sheet" | "mapping" | "unit" | "headerRow"> = {}): Promise<DetectResult> {
  const model = readModel(await host.read(readRequest(opts)), opts);
  const mode = model.meta.settings.mode;
  return {
    table: model.fund,
    issues: model.fundIssues,
    sheetNames: model.sheetNames.filter((n) => n !== META_SHEET),
    scoreSheets: model.meta.sheets.filter((s) => s.role === "score" && model.scoreSheets.has(s.name)).map((s) => s.name),
    ...(mode === "values" || mode === "formulas" ? { mode } : {}),
  };
}
