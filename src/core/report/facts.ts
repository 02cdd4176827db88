/**
 * What an operation returns (facts, paragraphs, the plan) and the report sheet's rows and placement.
 */
import { a1 } from "../io/a1";
import { AmountUnit } from "../numbers/units";
import { MappingOverride } from "../read/detect";
import { formatRate } from "../numbers/format";
import { Issue, makeIssue } from "../issues";
import { AddinMeta, OwnedSheet, hashText } from "../read/meta";
import { ScoreFacts } from "../score/scoresheet";
import { Paragraph } from "./narrative";
import { CellWrite, SheetWrite, WritePlan } from "../io/plan";
import { WriteMode } from "../write/ratecolumn";
import { CellValue, SheetSnapshot, WorkbookSnapshot, cellText, cellValue, getSheet } from "../io/snapshot";
import { FundTable } from "../read/fundtable";
import type { TemplateSet } from "./templates";

export const REPORT_SHEET = "自评报告";

export interface RunOptions {
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

export interface RunResult {
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
  if (!s || s.skipped) return null; // skipped: still protected as written, so untouched
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
    write: { sheet: name, cells, keepExistingAs, columnWidths: [{ col: 1, width: 100 }, { col: 2, width: 28 }], visibility: "visible", protect: role === "report" },
    owned: { name, role, hash },
  };
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
