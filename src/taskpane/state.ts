/**
 * The task pane's state: one reducer, pure (no React, no host), so that every transition is a unit
 * test. The components dispatch; the controller (usePane) runs the core operations and dispatches
 * what they returned. What the pane shows is derived here too (the step marks, the options a run
 * takes, the status line), from the core's view models.
 */
import type { DetectResult, FundTable, Issue, Lang, MappingOverride, Paragraph, PrintTable, ReportType, RunOptions, Severity, SingleField, StatusView, WriteMode } from "../core";
import { hasErrors, statusOf, tableView } from "../core";
import { fill, STRINGS } from "./i18n";

export type StepId = "table" | "rates" | "score" | "report";
/** What a run was started by: the label of its button. */
export type RunAction = "writeRates" | "createScore" | "recalc" | "makeForms" | "generate";
export type Busy = "detect" | RunAction;
/** A step's small badge: done, or needs attention (errors, or nothing usable). */
export type Mark = "done" | "attention";

const STEP_OF: Record<RunAction, StepId> = { writeRates: "rates", createScore: "score", recalc: "score", makeForms: "score", generate: "report" };

/** A line of the pane's own words, with its parameters (rendered in the language of the moment). */
export type NoteKey = "noSelection" | "copied" | "copyFallback" | "docxDone" | "replaceCancelled" | "noFormProjects" | "pending" | "detectedAgain" | "detectedNone" | "pickedOk" | "pickedNone";

export type Status =
  | { kind: "run"; what: RunAction; ok: boolean; issues: readonly Issue[]; trips?: number }
  | { kind: "note"; key: NoteKey; intent: StatusView["intent"]; params?: Record<string, string | number>; errors?: number }
  | { kind: "failed"; message: string };

export type FoldId = "mapping" | "formProjects";

/** How a detection was asked for: the status line says what came of it. */
export type DetectKind = "initial" | "again" | "sheet" | "mapping" | "pick";

export interface PaneState {
  lang: Lang;
  busy: Busy | null;
  table: FundTable | null;
  sheetNames: string[];
  /** The score sheets the workbook holds (the report describes one of them). */
  scoreSheets: string[];
  /** The sheet chosen in the dropdown (undefined: where the core finds the table). */
  sheet?: string;
  /** The header row taken from the selection (以选定行为表头). */
  picked?: { sheet: string; row: number };
  mapping: MappingOverride;
  mode: WriteMode;
  overwrite: boolean;
  scheme: string;
  formVariant: string;
  /** Projects left out of 为每个项目生成自评表 (all are ticked by default). */
  unticked: string[];
  reportType: ReportType | "auto";
  /** A 项目支出 report for one project ("" : each project). */
  reportProject: string;
  /** The score sheet the report describes ("": the core's default). */
  scoreSheet: string;
  issues: Issue[];
  /** The issue list shows this sheet's issues only ("": all). */
  issueSheet: string;
  /** Groups the user opened or folded (else the core's default: notes folded). */
  open: Partial<Record<Severity, boolean>>;
  /** Folds the user opened or closed: the column mapping (else open when detection is not sure), the projects of the forms (else closed). */
  folds: Partial<Record<FoldId, boolean>>;
  status: Status | null;
  marks: Partial<Record<StepId, Mark>>;
  paragraphs: Paragraph[];
  formTables: PrintTable[];
  /** The report preview shows every paragraph (else the first few). */
  expanded: boolean;
  /** The text to copy by hand where the clipboard is blocked. */
  copyText: string | null;
  /** A 评分表 of another scheme exists: the pane asks before replacing it. */
  confirmReplace: { existing: string } | null;
  /** Bumped when the issue list must come into view (a run found errors). */
  reveal: number;
}

/** What 识别表格 returns (the core's detect). */
export type Detected = DetectResult;

export interface Ran {
  ok: boolean;
  table: FundTable | null;
  issues: Issue[];
  paragraphs: Paragraph[];
  formTables: PrintTable[];
  scoreSheets: string[];
}

export type Action =
  | { type: "lang"; lang: Lang }
  | { type: "busy"; what: Busy }
  | { type: "failed"; message: string }
  | { type: "detected"; kind: DetectKind; result: Detected }
  | { type: "ran"; what: RunAction; result: Ran; trips?: number }
  | { type: "sheet"; sheet: string }
  | { type: "pick"; sheet: string; row: number }
  | { type: "again" }
  | { type: "field"; field: SingleField; col: number | null }
  | { type: "mode"; mode: WriteMode }
  | { type: "overwrite"; on: boolean }
  | { type: "scheme"; scheme: string }
  | { type: "formVariant"; variant: string }
  | { type: "formProject"; name: string; on: boolean }
  | { type: "allForms"; on: boolean }
  | { type: "reportType"; reportType: ReportType | "auto" }
  | { type: "reportProject"; name: string }
  | { type: "scoreSheet"; sheet: string }
  | { type: "issueSheet"; sheet: string }
  | { type: "group"; severity: Severity; open: boolean }
  | { type: "fold"; id: FoldId; open: boolean }
  | { type: "expand"; on: boolean }
  | { type: "copyText"; text: string | null }
  | { type: "note"; key: NoteKey; intent: StatusView["intent"]; params?: Record<string, string | number> }
  | { type: "replaceCancel" };

export function initialState(pendingIssues: Issue[] = [], lang: Lang = "zh"): PaneState {
  return {
    lang,
    busy: null,
    table: null,
    sheetNames: [],
    scoreSheets: [],
    mapping: {},
    mode: "formulas",
    overwrite: false,
    scheme: "mof2020",
    formVariant: "national",
    unticked: [],
    reportType: "auto",
    reportProject: "",
    scoreSheet: "",
    issues: pendingIssues,
    issueSheet: "",
    open: {},
    folds: {},
    status: pendingIssues.length ? { kind: "note", key: "pending", intent: hasErrors(pendingIssues) ? "error" : "warning", params: { n: pendingIssues.length } } : null,
    marks: {},
    paragraphs: [],
    formTables: [],
    expanded: false,
    copyText: null,
    confirmReplace: null,
    reveal: pendingIssues.length ? 1 : 0,
  };
}

/** The status line after a detection: quiet when it went as expected, else what happened and how to go on. */
function detectStatus(s: PaneState, kind: DetectKind, table: FundTable | null): Status | null {
  if (kind === "pick" && s.picked) {
    const params = { sheet: s.picked.sheet, row: s.picked.row, projects: table?.projects.length ?? 0 };
    return table ? { kind: "note", key: "pickedOk", intent: "success", params } : { kind: "note", key: "pickedNone", intent: "error", params };
  }
  if (kind === "again" || kind === "initial" || kind === "sheet") {
    if (!table) return { kind: "note", key: "detectedNone", intent: "error" };
    if (kind === "again") return { kind: "note", key: "detectedAgain", intent: "success", params: { sheet: table.sheet, range: tableView(table, s.lang)?.range ?? "", projects: table.projects.length } };
  }
  return s.status?.kind === "note" && s.status.key === "pending" ? s.status : null;
}

function detected(s: PaneState, kind: DetectKind, r: Detected): PaneState {
  // Issues a ribbon command left stay in the list over the first detection.
  const keepPending = kind === "initial" && s.issues.length > 0;
  return {
    ...s,
    busy: null,
    table: r.table,
    sheetNames: r.sheetNames,
    scoreSheets: r.scoreSheets,
    issues: keepPending ? s.issues : r.issues,
    mode: kind === "initial" && r.mode ? r.mode : s.mode,
    status: detectStatus(s, kind, r.table),
    scoreSheet: r.scoreSheets.includes(s.scoreSheet) ? s.scoreSheet : "",
    issueSheet: "",
  };
}

function ran(s: PaneState, what: RunAction, r: Ran, trips: number | undefined): PaneState {
  const bad = !r.ok || hasErrors(r.issues);
  const exists = what === "createScore" ? r.issues.find((i) => i.code === "SCHEME_EXISTS") : undefined;
  const step = STEP_OF[what];
  return {
    ...s,
    busy: null,
    table: r.table ?? s.table,
    issues: r.issues,
    scoreSheets: r.ok ? r.scoreSheets : s.scoreSheets,
    scoreSheet: r.ok && !r.scoreSheets.includes(s.scoreSheet) ? "" : s.scoreSheet,
    status: { kind: "run", what, ok: r.ok, issues: r.issues, ...(trips !== undefined ? { trips } : {}) },
    marks: { ...s.marks, [step]: bad || exists ? "attention" : "done" },
    ...(what === "generate" && r.ok && r.paragraphs.length ? { paragraphs: r.paragraphs, formTables: r.formTables, expanded: false, copyText: null } : {}),
    confirmReplace: exists ? { existing: String(exists.params.existing ?? exists.sheet) } : null,
    issueSheet: "",
    open: bad ? { ...s.open, error: true } : s.open,
    reveal: bad ? s.reveal + 1 : s.reveal,
  };
}

/** Choices that change what is detected: the next detection starts from them. */
function tableChoice(s: PaneState, a: Action): PaneState | null {
  switch (a.type) {
    case "sheet":
      return { ...s, sheet: a.sheet, picked: undefined, mapping: {} };
    case "pick":
      return { ...s, picked: { sheet: a.sheet, row: a.row }, mapping: {} };
    case "again":
      // A wrong header row (or a wrong column) is undone here: detection starts afresh.
      return { ...s, picked: undefined, mapping: {} };
    case "field":
      return { ...s, mapping: { ...s.mapping, [a.field]: a.col } };
    default:
      return null;
  }
}

/** Choices of the later steps and of what is shown. */
function viewChoice(s: PaneState, a: Action): PaneState {
  switch (a.type) {
    case "mode":
      return { ...s, mode: a.mode };
    case "overwrite":
      return { ...s, overwrite: a.on };
    case "scheme":
      return { ...s, scheme: a.scheme, confirmReplace: null };
    case "formVariant":
      return { ...s, formVariant: a.variant };
    case "formProject":
      return { ...s, unticked: a.on ? s.unticked.filter((n) => n !== a.name) : [...s.unticked.filter((n) => n !== a.name), a.name] };
    case "allForms":
      return { ...s, unticked: a.on ? [] : projectNames(s) };
    case "reportType":
      return { ...s, reportType: a.reportType, reportProject: a.reportType === "project" ? s.reportProject : "" };
    case "reportProject":
      return { ...s, reportProject: a.name };
    case "scoreSheet":
      return { ...s, scoreSheet: a.sheet };
    case "issueSheet":
      return { ...s, issueSheet: a.sheet };
    case "group":
      return { ...s, open: { ...s.open, [a.severity]: a.open } };
    case "fold":
      return { ...s, folds: { ...s.folds, [a.id]: a.open } };
    case "expand":
      return { ...s, expanded: a.on };
    case "copyText":
      return { ...s, copyText: a.text };
    default:
      return s;
  }
}

export function reduce(s: PaneState, a: Action): PaneState {
  switch (a.type) {
    case "lang":
      return { ...s, lang: a.lang };
    case "busy":
      return { ...s, busy: a.what, status: null };
    case "failed":
      return { ...s, busy: null, status: { kind: "failed", message: a.message } };
    case "detected":
      return detected(s, a.kind, a.result);
    case "ran":
      return ran(s, a.what, a.result, a.trips);
    case "note": {
      // A note of success (copied, downloaded) never turns the line green while the issues hold errors.
      const errors = a.intent === "success" ? s.issues.filter((i) => i.severity === "error").length : 0;
      return { ...s, busy: null, status: { kind: "note", key: a.key, intent: errors ? "error" : a.intent, params: a.params, ...(errors ? { errors } : {}) } };
    }
    case "replaceCancel":
      return { ...s, confirmReplace: null, status: s.confirmReplace ? { kind: "note", key: "replaceCancelled", intent: "warning", params: { existing: s.confirmReplace.existing } } : s.status };
    default:
      return tableChoice(s, a) ?? viewChoice(s, a);
  }
}

// ——— Derived ———

export function projectNames(s: PaneState): string[] {
  return s.table ? s.table.projects.map((p) => p.name) : [];
}

/** The projects ticked for 为每个项目生成自评表. */
export function tickedProjects(s: PaneState): string[] {
  return projectNames(s).filter((n) => !s.unticked.includes(n));
}

/** Where the fund table is and how to read it: what every detection and run takes. */
export function tableOptions(s: PaneState): Pick<RunOptions, "sheet" | "headerRow" | "mapping"> {
  return { sheet: s.picked?.sheet ?? s.sheet ?? s.table?.sheet, headerRow: s.picked?.row, mapping: s.mapping };
}

/** The options of a run started by this button. */
export function runOptions(s: PaneState, what: RunAction, replaceScore = false): RunOptions {
  const base: RunOptions = { ...tableOptions(s), mode: s.mode, overwrite: s.overwrite };
  switch (what) {
    case "createScore":
      return { ...base, scheme: s.scheme, report: false, ...(replaceScore ? { replaceScore: true } : {}) };
    case "makeForms": {
      const ticked = tickedProjects(s);
      return { ...base, report: false, forms: s.unticked.length === 0 ? "all" : ticked, formVariant: s.formVariant };
    }
    case "generate":
      return {
        ...base,
        ...(s.reportType !== "auto" ? { reportType: s.reportType } : {}),
        ...(s.reportType === "project" && s.reportProject ? { reportProject: s.reportProject } : {}),
        ...(s.scoreSheet ? { scoreSheet: s.scoreSheet } : {}),
      };
    default:
      // 写入到位率 and 一键重算: the rate columns and every score sheet and form, no report.
      return { ...base, report: false };
  }
}

/** Each step's badge. The table's from what detection found; the others' from their last run. */
export function stepMarks(s: PaneState): Partial<Record<StepId, Mark>> {
  const view = tableView(s.table, s.lang);
  return { ...s.marks, table: view ? (view.sure ? "done" : "attention") : "attention" };
}

/** Whether the column mapping is open: the user's choice, else open when detection is in doubt. */
export function mappingIsOpen(s: PaneState): boolean {
  if (s.folds.mapping !== undefined) return s.folds.mapping;
  const view = tableView(s.table, s.lang);
  return !!view && (!view.sure || view.columns.some((c) => c.note !== undefined));
}

/** The status line in the language of the moment: never a green 完成 over errors (statusOf). */
export function statusText(status: Status, lang: Lang): StatusView {
  const t = STRINGS[lang];
  switch (status.kind) {
    case "run": {
      const v = statusOf(status, t[status.what], lang);
      return status.trips !== undefined ? { ...v, text: `${v.text} ${fill(t.trips, { n: status.trips })}` } : v;
    }
    case "note": {
      const text = fill(t[status.key], status.params);
      return { intent: status.intent, text: status.errors ? `${text}${fill(t.stillErrors, { n: status.errors })}` : text };
    }
    case "failed":
      return { intent: "error", text: fill(t.failed, { message: status.message }) };
  }
}
