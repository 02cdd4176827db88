/**
 * The workbook-wide 评分表: every one the add-in made is updated from the fund table as it is now;
 * a new one is made for `scheme` — or, where one of another scheme exists, it replaces that one
 * when the user says so (the old one kept under another name), never a silent 评分表（2）.
 */
import { Issue, makeIssue } from "../issues";
import type { WorkbookModel } from "../read/model";
import type { FundLinks } from "../write/fundlinks";
import { snapshotOf, uniqueSheetName } from "../write/owned";
import type { WriteMode } from "../write/ratecolumn";
import { SCORE_COLUMN_WIDTHS, SCORE_SHEET, layoutScheme, parseScoreSheet, schemeFromSheet } from "./layout";
import type { SheetsPlan } from "./projectforms";
import { SCHEMES, SchemeSpec } from "./schemes";
import { SCORE_KEY, ScoreFacts, planScoreSheet } from "./sheetplan";

export interface ScoresPlan extends SheetsPlan {
  /** The score sheet the report describes. */
  facts: ScoreFacts | null;
  /** Every score sheet there is after this run, by name. */
  all: ScoreFacts[];
}

export interface ScoreOptions {
  scheme?: string;
  replaceScore?: boolean;
  scoreSheet?: string;
}

/** Every score sheet the add-in made before, updated (but the one being replaced). */
function updateScoreSheets(model: WorkbookModel, links: FundLinks, mode: WriteMode, skip: string | undefined, issues: Issue[], out: ScoresPlan): void {
  for (const prev of model.meta.sheets.filter((x) => x.role === "score" && x.name !== skip)) {
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
    out.all.push(p.facts);
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

/** A new score sheet for `scheme`, laid out and computed at once (in place of `replacing`, kept as a copy). */
function createScoreSheet(model: WorkbookModel, links: FundLinks, mode: WriteMode, spec: SchemeSpec, replacing: string | undefined, issues: Issue[], out: ScoresPlan): void {
  const name = replacing ?? uniqueSheetName(model.sheetNames, SCORE_SHEET);
  if (!replacing && name !== SCORE_SHEET) issues.push(makeIssue("SHEET_NAME_TAKEN", SCORE_SHEET, "", { target: name }));
  const keepExistingAs = replacing ? uniqueSheetName(model.sheetNames, replacing, "（原）") : undefined;
  if (replacing) issues.push(makeIssue("SCHEME_REPLACED", replacing, "", { scheme: spec.title, kept: keepExistingAs! }));
  const inputs = layoutScheme(spec);
  const sheet = snapshotOf(name, inputs);
  const layout = parseScoreSheet(sheet)!;
  const p = planScoreSheet({ sheet, layout, links, mode, scheme: spec.id });
  issues.push(...p.issues);
  out.writes.push({ sheet: name, cells: [...inputs, ...p.cells], columnWidths: SCORE_COLUMN_WIDTHS, visibility: "visible", freezeRows: layout.headerRow, keepExistingAs });
  out.owned.push(p.owned);
  out.sheets.push({ name, role: "score", hash: "", scheme: spec.id });
  out.all.push(p.facts);
}

/** Builds or updates the score sheets, and picks the one the report describes. */
export function planScores(model: WorkbookModel, links: FundLinks, mode: WriteMode, opts: ScoreOptions, issues: Issue[]): ScoresPlan {
  const out: ScoresPlan = { edits: [], writes: [], owned: [], sheets: [], facts: null, all: [] };
  const owned = model.meta.sheets.filter((x) => x.role === "score" && model.scoreSheets.has(x.name));
  const scheme = opts.scheme;
  const same = scheme === undefined || owned.some((x) => x.scheme === scheme);
  const spec = same ? null : schemeSpec(model, scheme!, issues);
  const replacing = spec && owned.length && opts.replaceScore ? owned[0].name : undefined;
  if (spec && owned.length && !opts.replaceScore) issues.push(makeIssue("SCHEME_EXISTS", owned[0].name, "", { scheme: spec.title, existing: owned[0].name }));
  updateScoreSheets(model, links, mode, replacing, issues, out);
  if (spec && (!owned.length || replacing)) createScoreSheet(model, links, mode, spec, replacing, issues, out);
  const chosen = opts.scoreSheet ?? (scheme ? out.sheets.find((x) => x.scheme === scheme || x.name === scheme)?.name : undefined);
  out.facts = out.all.find((f) => f.sheet === chosen) ?? out.all[0] ?? null;
  if (opts.scoreSheet && !out.all.some((f) => f.sheet === opts.scoreSheet)) issues.push(makeIssue("SCORE_SHEET_NOT_FOUND", opts.scoreSheet, ""));
  return out;
}
