/**
 * Each project's own 项目支出绩效自评表: one sheet per project the user picks, named after it, laid
 * out in the chosen printed form, filled from the fund table (its own amounts, its sources or 其中
 * rows), computed like any score sheet, and updated in place on reruns.
 */
import { Issue, makeIssue } from "../issues";
import { CellWrite, SheetEdit, SheetWrite } from "../io/plan";
import { OwnedCells, OwnedSheet } from "../read/meta";
import type { WorkbookModel } from "../read/model";
import { FundTable, Project } from "../read/fundtable";
import { sameProject } from "../read/workbookinfo";
import { projectLinks } from "../write/fundlinks";
import { snapshotOf, uniqueSheetName } from "../write/owned";
import type { WriteMode } from "../write/ratecolumn";
import { FORM_VARIANTS, FormHeader, FormVariant, layoutForm } from "./forms";
import { parseScoreSheet } from "./layout";
import { SCORE_KEY, ScoreFacts, planScoreSheet } from "./sheetplan";

/** Sheets planned together: edits of existing ones, whole new ones, what the add-in then owns. */
export interface SheetsPlan {
  edits: SheetEdit[];
  writes: SheetWrite[];
  owned: OwnedCells[];
  sheets: OwnedSheet[];
}

export interface FormFacts extends ScoreFacts {
  project: string;
}

/** A project's name as a sheet name: without the characters Excel refuses, unique and within 31 characters. */
export function sheetNameFor(project: string, taken: ReadonlySet<string>): string {
  return uniqueSheetName(taken, project.replace(/[\\/?*[\]:]/g, "").replace(/^'+|'+$/g, "").trim() || "项目");
}

/** Later writes to a cell win, and keep the style of earlier ones (a form's bordered blank under a formula). */
export function mergeWrites(cells: CellWrite[]): CellWrite[] {
  const at = new Map<string, CellWrite>();
  for (const c of cells) {
    const key = `${c.row},${c.col}`;
    const prev = at.get(key);
    at.set(key, prev ? { ...prev, ...c } : c);
  }
  return [...at.values()];
}

/** The form's header from the workbook: the year, 主管部门, 实施单位, and the project's targets. */
function headerOf(model: WorkbookModel, p: Project): FormHeader {
  const info = (k: "年度" | "主管部门" | "单位名称") => model.basicInfo[k]?.map((t) => t.text).join("") || null;
  const target = model.targets.find((t) => t.name === p.name) ?? model.targets.find((t) => sameProject(t.name, p.name));
  return {
    year: (info("年度") ?? model.title.year ?? "").replace(/年(度)?$/, "") || null,
    project: p.name,
    department: info("主管部门"),
    unit: info("单位名称") ?? model.title.unit ?? null,
    goal: target?.goal?.text ?? null,
    achieved: target?.achieved?.text ?? null,
  };
}

/** The projects a run makes forms for: all (by default) or the ones named. */
function wanted(table: FundTable, forms: RunForms, issues: Issue[]): Project[] {
  if (forms === "all") return table.projects.filter((p) => p.name);
  return forms.flatMap((name) => {
    const p = table.projects.find((x) => x.name === name) ?? table.projects.find((x) => sameProject(x.name, name));
    if (!p) issues.push(makeIssue("FORM_PROJECT_UNKNOWN", table.sheet, "", { name }));
    return p ? [p] : [];
  });
}

export type RunForms = "all" | string[];

/** A new form for a project: laid out, computed at once, written whole. */
function newForm(model: WorkbookModel, table: FundTable, p: Project, v: FormVariant, name: string, mode: WriteMode, out: SheetsPlan, issues: Issue[]): FormFacts {
  const form = layoutForm(v, headerOf(model, p));
  const grid = snapshotOf(name, form.cells);
  const layout = parseScoreSheet(grid)!;
  const plan = planScoreSheet({ sheet: grid, layout, links: projectLinks(table, p), mode, scheme: v.id });
  issues.push(...plan.issues);
  out.writes.push({
    sheet: name,
    cells: mergeWrites([...form.cells, ...plan.cells]),
    merges: form.merges,
    columnWidths: form.columnWidths,
    rowHeights: form.rowHeights,
    page: form.page,
    freezeRows: form.gridRow,
    visibility: "visible",
  });
  out.owned.push(plan.owned);
  out.sheets.push({ name, role: "form", hash: "", scheme: v.id, project: p.name, variant: v.id });
  return { ...plan.facts, project: p.name };
}

/**
 * Every project form the add-in made before (re-pointed at its project's current row), and new
 * ones for the projects asked for.
 */
export function planProjectForms(model: WorkbookModel, table: FundTable, mode: WriteMode, forms: RunForms | undefined, variant: string | undefined, issues: Issue[]): SheetsPlan & { facts: FormFacts[] } {
  const out: SheetsPlan & { facts: FormFacts[] } = { edits: [], writes: [], owned: [], sheets: [], facts: [] };
  const done = new Set<Project>();
  for (const prev of model.meta.sheets.filter((x) => x.role === "form")) {
    const m = model.scoreSheets.get(prev.name);
    const p = table.projects.find((x) => x.name === prev.project) ?? table.projects.find((x) => !!prev.project && sameProject(x.name, prev.project));
    if (!m || !m.layout) continue; // deleted by the user, or no longer a form
    if (!p) {
      issues.push(makeIssue("FORM_PROJECT_GONE", prev.name, "", { name: prev.project ?? prev.name }));
      continue;
    }
    done.add(p);
    const ownedBefore = model.meta.cells.find((c) => c.sheet === prev.name && c.key === SCORE_KEY);
    const plan = planScoreSheet({ sheet: m.grid, layout: m.layout, links: projectLinks(table, p), ownedBefore, mode, scheme: prev.scheme ?? "national" });
    issues.push(...plan.issues);
    if (plan.cells.length) out.edits.push({ sheet: prev.name, cells: plan.cells });
    out.owned.push(plan.owned);
    out.sheets.push({ ...prev, project: p.name });
    out.facts.push({ ...plan.facts, project: p.name });
  }
  if (!forms) return out;
  const v = FORM_VARIANTS[variant ?? "national"];
  if (!v) {
    issues.push(makeIssue("FORM_VARIANT_UNKNOWN", table.sheet, "", { variant: variant ?? "" }));
    return out;
  }
  const taken = new Set(model.sheetNames);
  for (const p of wanted(table, forms, issues)) {
    if (done.has(p)) continue;
    const name = sheetNameFor(p.name, taken);
    taken.add(name);
    out.facts.push(newForm(model, table, p, v, name, mode, out, issues));
  }
  return out;
}
