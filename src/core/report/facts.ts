/**
 * What an operation reports: the facts (exact figures as decimal strings, issues, the narrative with
 * its sources) as the JSON edge writes them, and the report sheet's rows.
 */
import { Issue } from "../issues";
import { formatPlaces, formatRate } from "../numbers/format";
import { AmountUnit, Rate } from "../numbers/units";
import { Decimal, exactText } from "../numbers/decimal";
import { TextRows } from "../io/plan";
import { FundTable } from "../read/fundtable";
import { Grade } from "../score/grade";
import type { ScoreFacts } from "../score/sheetplan";
import { Paragraph } from "./narrative";

export const REPORT_SHEET = "自评报告";

/** Amounts in 元 as exact decimal strings (年初预算数, 全年预算数, 实际到位资金, 全年执行数) and both rates, 6 places and as the report shows them. */
export interface TotalsFact {
  initial: string | null;
  budget: string | null;
  invested: string | null;
  executed: string | null;
  /** 资金到位率 (6 places) and as the report shows it. */
  rate: string | null;
  rateText: string | null;
  /** 预算执行率 (6 places) and as the report shows it. */
  execRate: string | null;
  execRateText: string | null;
}

/** One project's figures: its row and name, and the same fields as the totals. */
export interface ProjectFact extends TotalsFact {
  row: number;
  name: string;
}

/** The score sheet's figures, as decimal strings (weights as written, scores to 2 places). */
export interface ScoreFactsJson {
  scheme: string;
  sheet: string;
  total: string | null;
  grade: Grade | null;
  levels: { name: string; weight: string | null; score: string | null }[];
  /** target and actual: 年度指标值 and 实际完成值 as their cells show them, as the project report quotes them. */
  indicators: { path: string[]; weight: string | null; score: string | null; cell: string; reason?: string; target?: string; actual?: string }[];
  counts: { level1: number; level2: number; level3: number };
}

export interface Facts {
  unit: AmountUnit | null;
  sheet: string | null;
  projects: ProjectFact[];
  totals: TotalsFact | null;
  issues: Issue[];
  /** The report's paragraphs themselves (section, level, text, sources), not a copy. */
  narrative: Paragraph[];
  score?: ScoreFactsJson;
  /** Each project's 自评表: its sheet, total and grade. */
  forms?: (ScoreFactsJson & { project: string })[];
}

const rate6 = (r: Decimal | null) => (r ? formatPlaces(r, 6) : null);
const rates = (x: { rate: Rate | null; execRate: Rate | null }) => ({
  rate: rate6(x.rate),
  rateText: x.rate ? formatRate(x.rate) : null,
  execRate: rate6(x.execRate),
  execRateText: x.execRate ? formatRate(x.execRate) : null,
});
const plain = (d: Decimal | null) => (d === null ? null : exactText(d));
const score2 = (d: Decimal | null) => (d === null ? null : d.toFixed(2));

export function scoreJson(s: ScoreFacts): ScoreFactsJson {
  return {
    scheme: s.scheme,
    sheet: s.sheet,
    total: score2(s.total),
    grade: s.grade,
    levels: s.levels.map((l) => ({ name: l.name, weight: plain(l.weight), score: score2(l.score) })),
    indicators: s.indicators.map((i) => ({ path: i.path, weight: plain(i.weight), score: score2(i.score), cell: i.cell, ...(i.reason ? { reason: i.reason } : {}), ...(i.target ? { target: i.target } : {}), ...(i.actual ? { actual: i.actual } : {}) })),
    counts: s.counts,
  };
}

/** The figures at the JSON edge: decimals become exact decimal strings here, and only here. */
export function factsOf(table: FundTable | null, issues: Issue[], paragraphs: Paragraph[], score: ScoreFacts | null, forms: (ScoreFacts & { project: string })[] = []): Facts {
  return {
    unit: table?.unit ?? null,
    sheet: table?.sheet ?? null,
    projects: (table?.projects ?? []).map((p) => ({
      row: p.row,
      name: p.name,
      initial: plain(p.initial?.value ?? null),
      budget: plain(p.budget?.value ?? null),
      invested: plain(p.invested?.value ?? null),
      executed: plain(p.executed?.value ?? null),
      rate: rate6(p.rate),
      rateText: p.rate ? formatRate(p.rate) : null,
      execRate: rate6(p.execRate),
      execRateText: p.execRate ? formatRate(p.execRate) : null,
    })),
    totals: table ? { initial: plain(table.totals.initial), budget: plain(table.totals.budget), invested: plain(table.totals.invested), executed: plain(table.totals.executed), ...rates(table.totals) } : null,
    issues,
    narrative: paragraphs,
    ...(score ? { score: scoreJson(score) } : {}),
    ...(forms.length ? { forms: forms.map((f) => ({ ...scoreJson(f), project: f.project })) } : {}),
  };
}

/** "项目资金表!C4, F4": the sheet once, then the cells (one pass, one flat string: the report has a line for every paragraph). */
export function sourcesText(sources: string[]): string {
  const n = sources.length;
  if (n < 2) return n ? sources[0] : "";
  const first = sources[0];
  const cut = first.lastIndexOf("!") + 1;
  const prefix = first.slice(0, cut);
  const parts: string[] = new Array(n);
  parts[0] = first;
  for (let i = 1; i < n; i++) {
    const s = sources[i];
    if (!s.startsWith(prefix)) return sources.join(", ");
    parts[i] = s.slice(cut);
  }
  return parts.join(", ");
}

/** The paragraphs as the rows of the 自评报告 sheet: text in A (headings bold), sources in B (the line made with a paragraph, if any). */
export function reportRows(paragraphs: Paragraph[], lines: readonly (string | undefined)[] = []): TextRows {
  const n = paragraphs.length;
  const rows: TextRows = { a: new Array(n), b: new Array(n), bold: new Array(n) };
  for (let i = 0; i < n; i++) {
    const p = paragraphs[i];
    rows.a[i] = p.text;
    rows.b[i] = lines[i] ?? sourcesText(p.sources);
    rows.bold[i] = p.level !== "body";
  }
  return rows;
}
