/**
 * The whole 绩效自评报告: 一 to 五, numbered 一、（一）1、 as the seed means to, every figure from a
 * cell (sources kept), the workbook's contradictions found, and nothing invented — text the data
 * cannot supply is the user's own or a visible 【待填写：…】. It reads only the model.
 */
import { qualified } from "../io/a1";
import { Decimal, cmp } from "../numbers/decimal";
import { rate } from "../numbers/units";
import { Issue } from "../issues";
import { Paragraph, ParagraphLevel, Renderer, refs, sectionThree } from "./narrative";
import type { ScoreFacts } from "../score/sheetplan";
import { FundTable } from "../read/fundtable";
import type { WorkbookModel } from "../read/model";
import { TemplateId, placeholder } from "./templates";
import { InfoKey, TextRef, makeNameIssues } from "../read/workbookinfo";
import { budgetBlock, checkChange } from "./budget";

export interface FullReportOptions {
  /** Projects whose 资金到位率 is below this go into the 五 draft (default 0.9). */
  rateThreshold?: Decimal;
  /** 尾差调整: adjust the largest part so the shown parts add up to the shown total (off by default). */
  tailAdjust?: boolean;
}

export interface FullReport {
  paragraphs: Paragraph[];
  issues: Issue[];
  /** A paragraph's line for the report sheet's B column where it was made with it (else from its sources). */
  lines: (string | undefined)[];
}

/** The report being written: its paragraphs, the renderer, and the unit's own text. */
export class Writer {
  readonly out: Paragraph[] = [];
  /** Beside each paragraph of `out`: its B-column line when made with it (三（一）–（四）). */
  readonly lines: (string | undefined)[] = [];
  readonly issues: Issue[] = [];
  readonly base: { 单位: string | null; 年度: string | null };

  constructor(
    readonly model: WorkbookModel,
    readonly r: Renderer,
  ) {
    const unit = this.infoText("单位名称") ?? model.title.unit ?? null;
    const year = (this.infoText("年度") ?? model.title.year ?? "").replace(/年(度)?$/, "") || null;
    this.base = { 单位: unit, 年度: year };
  }

  infoText(k: InfoKey): string | undefined {
    return this.model.basicInfo[k]?.map((t) => t.text).join("") || undefined;
  }

  infoSources(k: InfoKey): string[] {
    return (this.model.basicInfo[k] ?? []).map((t) => qualified(t.sheet, t.cell));
  }

  push(section: string, level: ParagraphLevel, text: string, sources: string[] = []): void {
    this.out.push({ section, level, text, sources });
    this.lines.push(undefined);
  }

  head(section: string, level: ParagraphLevel, id: TemplateId): void {
    this.push(section, level, this.r.render(id, this.base));
  }

  /** The user's own paragraphs for a key; else a default template; else a visible placeholder. */
  userText(section: string, k: InfoKey, fallback?: TemplateId): void {
    const list: TextRef[] = this.model.basicInfo[k] ?? [];
    if (list.length) list.forEach((t) => this.push(section, "body", t.text, [qualified(t.sheet, t.cell)]));
    else if (fallback) this.push(section, "body", this.r.render(fallback, this.base));
    else this.push(section, "body", placeholder(k));
  }
}

/** （三）预算及支出情况 from the budget table and the change figures. */
function budgetSection(w: Writer, opts: FullReportOptions): void {
  w.head("一（三）", "h2", "一.预算.标题");
  const { budget, change } = w.model;
  w.issues.push(...w.model.budgetIssues);
  if (!budget) return w.push("一（三）", "body", placeholder("预算及支出情况（未找到含“功能分类、年初预算数、财政拨款收入”表头的预算表）"));
  const initial = budgetBlock(budget, (l) => l.initial, "年初预算数", !!opts.tailAdjust, w.issues);
  const received = budgetBlock(budget, (l) => l.received, "财政拨款收入", !!opts.tailAdjust, w.issues);
  if (change) checkChange(change, w.issues);
  const 增减 = change ? { 合计: change.total.value, 基本支出: change.basic.value, 项目支出: change.project.value } : null;
  const changeSources = change ? [change.total, change.basic, change.project].map((c) => qualified(change.sheet, c.cell)) : [];
  if (initial) w.push("一（三）", "body", w.r.render("一.预算.批复", { ...w.base, 年初预算: initial, 增减 }), [...initial.sources, ...changeSources]);
  if (received) w.push("一（三）", "body", w.r.render("一.预算.执行", { ...w.base, 财政拨款: received }), received.sources);
}

/** 一、基本情况 */
function sectionOne(w: Writer, opts: FullReportOptions): void {
  w.head("一", "h1", "一.标题");
  w.head("一（一）", "h2", "一.职能.标题");
  w.userText("一（一）", "职能职责");
  w.head("一（二）", "h2", "一.机构.标题");
  w.userText("一（二）", "机构设置与人员情况");
  budgetSection(w, opts);
}

/** 二、绩效评价基本情况, with the indicator system counted from the score sheet. */
function sectionTwo(w: Writer, score: ScoreFacts | null): void {
  w.head("二", "h1", "二.标题");
  w.head("二（一）", "h2", "二.目的.标题");
  w.userText("二（一）", "绩效评价目的");
  w.head("二（二）", "h2", "二.原则.标题");
  w.userText("二（二）", "绩效评价原则", "二.原则");
  if (score && score.levels.length) {
    const ctx = {
      ...w.base,
      一级指标: score.levels.map((l) => ({ 名称: l.name, 分值: l.weight?.toFixed() ?? placeholder(`${l.name}分值`) })),
      一级个数: score.counts.level1,
      二级个数: score.counts.level2,
      三级个数: score.counts.level3,
    };
    w.push("二（二）", "body", w.r.render("二.指标体系", ctx), score.cells.weights.map((c) => qualified(score.sheet, c)));
  } else {
    w.push("二（二）", "body", placeholder("评价指标体系（请先生成评分表）"));
  }
  w.userText("二（二）", "评价方法", "二.方法");
  w.head("二（三）", "h2", "二.过程.标题");
  w.userText("二（三）", "绩效评价工作过程", "二.过程");
}

/** 三、绩效评价情况及结论: the projects, then the conclusion from the score sheet. */
function sectionThreeAndConclusion(w: Writer, table: FundTable, score: ScoreFacts | null): void {
  const lines: string[] = [];
  const paragraphs = sectionThree(table, w.r, lines);
  // A loop: 50,000 projects are 200,000 paragraphs.
  for (let i = 0; i < paragraphs.length; i++) {
    w.out.push(paragraphs[i]);
    w.lines.push(lines[i]);
  }
  if (!score) return;
  w.head("三（五）", "h2", "三.结论.标题");
  w.push("三（五）", "body", w.r.render("三.结论", { ...w.base, 总分: score.total, 等级: score.grade }), [qualified(score.sheet, score.cells.total), qualified(score.sheet, score.cells.grade)]);
}

/** Text the user wrote, quoted inside a sentence of ours: its own closing punctuation dropped (no "。。"). */
export function clause(text: string): string {
  return text.trim().replace(/[。．.；;，,、！!]+$/, "");
}

/** 五（一）存在问题: the user's text, then drafts drawn from the data (low rates, lost points). */
function problems(w: Writer, table: FundTable, score: ScoreFacts | null, threshold: Decimal): void {
  w.head("五（一）", "h2", "五.问题.标题");
  const low = table.projects.filter((p) => p.rate !== null && cmp(p.rate, threshold) < 0);
  const slow = table.projects.filter((p) => p.execRate !== null && cmp(p.execRate, threshold) < 0);
  const lost = (score?.indicators ?? []).filter((i) => i.score !== null && i.weight !== null && i.score.lessThan(i.weight));
  if (w.model.basicInfo.存在问题?.length || (!low.length && !slow.length && !lost.length)) w.userText("五（一）", "存在问题");
  const cellsOf = (ps: typeof low, f: "invested" | "executed") => {
    const cells: string[] = [];
    for (const p of ps) refs(table.sheet, [p.budget?.cell ?? p.initial?.cell, p[f]?.cell], cells);
    return cells;
  };
  if (low.length) w.push("五（一）", "body", w.r.render("五.草稿.到位率", { 阈值: rate(threshold), 项目: low.map((p) => ({ 名称: p.name, 资金到位率: p.rate })) }), cellsOf(low, "invested"));
  if (slow.length) w.push("五（一）", "body", w.r.render("五.草稿.执行率", { 阈值: rate(threshold), 项目: slow.map((p) => ({ 名称: p.name, 预算执行率: p.execRate })) }), cellsOf(slow, "executed"));
  if (lost.length && score) {
    const 指标 = lost.map((i) => ({ 名称: i.path[i.path.length - 1], 得分: i.score, 分值: i.weight?.toFixed(), 原因: i.reason ? clause(i.reason) : null }));
    w.push("五（一）", "body", w.r.render("五.草稿.失分", { 指标 }), lost.map((i) => qualified(score.sheet, i.cell)));
  }
}

export function buildFullReport(model: WorkbookModel, table: FundTable, score: ScoreFacts | null, r: Renderer, opts: FullReportOptions = {}): FullReport {
  const w = new Writer(model, r);
  w.push("标题", "title", r.render("标题", w.base), [...w.infoSources("单位名称"), ...w.infoSources("年度")]);
  sectionOne(w, opts);
  sectionTwo(w, score);
  sectionThreeAndConclusion(w, table, score);
  w.head("四", "h1", "四.标题");
  w.userText("四", "主要经验及做法");
  w.head("五", "h1", "五.标题");
  problems(w, table, score, opts.rateThreshold ?? new Decimal("0.9"));
  w.head("五（二）", "h2", "五.建议.标题");
  w.userText("五（二）", "意见或建议");
  // The same project named differently elsewhere in the workbook.
  w.issues.push(...makeNameIssues(table.sheet, table.projects.map((p) => ({ name: p.name, cell: p.nameCell })), model.mentions));
  return { paragraphs: w.out, issues: w.issues, lines: w.lines };
}
