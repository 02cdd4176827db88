/**
 * The read step: a workbook snapshot is read once into a typed model — the fund table, the budget
 * table and change figures, 基本信息, the score sheets, the template sheet, what the add-in
 * remembers, and where else projects are named. Planners take the model, never the raw snapshot.
 */
import { Issue } from "../issues";
import { SheetSnapshot, WorkbookSnapshot, cellText, cellValue, getSheet, rightOf } from "../io/snapshot";
import { AmountUnit } from "../numbers/units";
import { MappingOverride } from "./detect";
import { FundTable, readFundTable } from "./fundtable";
import { AddinMeta, META_SHEET, OwnedSheet, readMeta } from "./meta";
import { TemplateSheet, TEMPLATE_SHEET, readTemplateSheet } from "./templatesheet";
import { BasicInfo, BudgetTable, ChangeFigures, ProjectTarget, SheetScan, TextRef, projectMentions, readBasicInfo, readBudget, readTargets } from "./workbookinfo";
import { ScoreLayout, parseScoreSheet } from "../score/layout";

export interface ReadOptions {
  /** The sheet that holds the fund table; default: where it was last time, the active sheet, the first that has one. */
  sheet?: string;
  mapping?: MappingOverride;
  unit?: AmountUnit;
  /** The fund table's header row, picked by the user; remembered for reruns. */
  headerRow?: number;
  /** A scheme given by a sheet's name: that sheet is read as a scheme. */
  scheme?: string;
}

/** A sheet with the score grid, as read. */
export interface ScoreSheetModel {
  grid: SheetSnapshot;
  /** Null when the sheet no longer has the grid headers. */
  layout: ScoreLayout | null;
}

/** An owned sheet as it stands in the workbook, when it is there. */
export interface OwnedSheetModel {
  owned: OwnedSheet;
  grid: SheetSnapshot | undefined;
}

/** Unit and year as the fund table's title states them ("重庆市璧山区工商业联合会2020年项目资金表"). */
export interface TitleFacts {
  unit?: string;
  year?: string;
}

export interface WorkbookModel {
  sheetNames: string[];
  meta: AddinMeta;
  fund: FundTable | null;
  /** What reading the fund table found (a missing table, odd cells). */
  fundIssues: Issue[];
  /** The header row the user picked (this run or remembered). */
  pickedHeaderRow?: number;
  /** The columns the user chose (remembered ones, then this run's on top); absent when none. */
  mappingOverride?: MappingOverride;
  title: TitleFacts;
  basicInfo: BasicInfo;
  budget?: BudgetTable;
  change?: ChangeFigures;
  /** What reading the budget table found. */
  budgetIssues: Issue[];
  /** Score sheets and project forms the add-in made before, by name. */
  scoreSheets: Map<string, ScoreSheetModel>;
  /** Each project's 年度绩效目标 and 实际完成情况, where a targets sheet has them. */
  targets: ProjectTarget[];
  /** The sheet named as a scheme (ReadOptions.scheme), when it is not a built-in one. */
  schemeSheet?: ScoreSheetModel | null;
  templates: TemplateSheet | null;
  /** Owned sheets that are rewritten whole (the report), with their current contents. */
  ownedSheets: OwnedSheetModel[];
  /** Every other place a project is named (cells under a 项目名称 header in other sheets). */
  mentions: TextRef[];
  /** Sheets that are plainly a protected (locked) sheet of the user's, by name. */
  protectedSheets: Set<string>;
}

/** The fund table where the caller says, else where the add-in found it last time. */
function readFund(wb: WorkbookSnapshot, meta: AddinMeta, opts: ReadOptions): { table: FundTable | null; issues: Issue[]; picked?: number; mapping?: MappingOverride } {
  const sheetName = opts.sheet ?? (meta.table && wb.sheetNames.includes(meta.table.sheet) ? meta.table.sheet : undefined);
  const same = meta.table !== undefined && meta.table.sheet === sheetName;
  const picked = opts.headerRow ?? (same ? meta.table!.pickedHeaderRow : undefined);
  // A column chosen before stays chosen (an empty override from the pane changes nothing); this run's choices go on top.
  const merged: MappingOverride = { ...(same ? meta.table!.mapping : undefined), ...opts.mapping };
  const mapping = Object.keys(merged).length ? merged : undefined;
  const read = readFundTable(wb, { sheet: sheetName, mapping, unit: opts.unit ?? meta.table?.unit, headerRow: picked });
  return { ...read, picked, ...(mapping ? { mapping } : {}) };
}

function titleOf(table: FundTable | null): TitleFacts {
  if (!table) return {};
  const s = table.grid;
  for (const r of table.detection.titleRows)
    for (let c = s.left; c <= rightOf(s); c++) {
      const m = /^(.*?)(\d{4})\s*年(?:度)?/.exec(cellText(cellValue(s, r, c)).trim());
      if (m) return { unit: m[1].trim() || undefined, year: m[2] };
    }
  return {};
}

/** The user's sheets to search for 基本信息, the budget table and project names: never the add-in's own, never the fund table's rows. */
function userScans(wb: WorkbookSnapshot, meta: AddinMeta, table: FundTable | null, opts: ReadOptions): SheetScan[] {
  const own = new Set([META_SHEET, TEMPLATE_SHEET, ...meta.sheets.map((s) => s.name), ...(opts.scheme ? [opts.scheme] : [])]);
  return wb.sheets
    .filter((s) => s.visibility !== "veryHidden" && !own.has(s.name) && !s.skipped)
    .map((s) => (table && s.name === table.sheet ? { sheet: s, skip: { from: table.detection.headerTop, to: Math.max(table.detection.dataEnd, table.detection.headerBottom) } } : { sheet: s }));
}

function scoreSheetOf(grid: SheetSnapshot | undefined): ScoreSheetModel | null {
  return grid ? { grid, layout: parseScoreSheet(grid) } : null;
}

/** Reads everything the operations use, once. */
export function readModel(wb: WorkbookSnapshot, opts: ReadOptions = {}): WorkbookModel {
  const meta = readMeta(wb);
  const fund = readFund(wb, meta, opts);
  const scans = userScans(wb, meta, fund.table, opts);
  const budgetIssues: Issue[] = [];
  const { budget, change } = readBudget(scans, budgetIssues);
  const scoreSheets = new Map<string, ScoreSheetModel>();
  for (const s of meta.sheets.filter((x) => x.role === "score" || x.role === "form")) {
    const m = scoreSheetOf(getSheet(wb, s.name));
    if (m) scoreSheets.set(s.name, m);
  }
  const schemeSheet = opts.scheme && !meta.sheets.some((s) => s.name === opts.scheme) ? scoreSheetOf(getSheet(wb, opts.scheme)) : undefined;
  return {
    sheetNames: wb.sheetNames,
    meta,
    fund: fund.table,
    fundIssues: fund.issues,
    pickedHeaderRow: fund.picked,
    ...(fund.mapping ? { mappingOverride: fund.mapping } : {}),
    title: titleOf(fund.table),
    basicInfo: readBasicInfo(scans),
    budget,
    change,
    budgetIssues,
    scoreSheets,
    targets: readTargets(scans),
    schemeSheet,
    templates: readTemplateSheet(wb, meta),
    ownedSheets: meta.sheets.filter((s) => s.role === "report" && wb.sheetNames.includes(s.name)).map((owned) => ({ owned, grid: getSheet(wb, owned.name) })),
    mentions: projectMentions(scans.filter((s) => s.sheet.name !== fund.table?.sheet)),
    protectedSheets: new Set(wb.sheets.filter((s) => s.protected).map((s) => s.name)),
  };
}
