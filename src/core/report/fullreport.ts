/**
 * The whole 绩效自评报告: 一 to 五, numbered 一、（一）1、 as the seed means to, every figure from a
 * cell (sources kept), the workbook's contradictions found, and nothing invented — text the data
 * cannot supply is the user's own or a visible 【待填写：…】.
 */
import { qualified } from "../io/a1";
import { Decimal, sum } from "../numbers/decimal";
import { TotalVerdict, checkStatedTotal, checkSum, halfUnit, halfUnitYuan, shownDecimals } from "../numbers/consistency";
import { formatWan } from "../numbers/format";
import { Issue, makeIssue } from "../issues";
import { Paragraph, ParagraphLevel, Renderer, sectionThree } from "./narrative";
import { ScoreFacts } from "../score/scoresheet";
import { SheetSnapshot, WorkbookSnapshot, cellText, cellValue, getSheet, rightOf } from "../io/snapshot";
import { FundTable } from "../read/fundtable";
import { TemplateId, placeholder } from "./templates";
import { Rate, Yuan, yuanToWan } from "../numbers/units";
import { BudgetLine, BudgetTable, ChangeFigures, InfoKey, TextRef, makeNameIssues, projectMentions, readBasicInfo, readBudget } from "../read/workbookinfo";

export interface FullReportOptions {
  /** Projects whose 资金到位率 is below this go into the 五 draft (default 0.9). */
  rateThreshold?: Decimal;
  /** 尾差调整: adjust the largest part so the shown parts add up to the shown total (off by default). */
  tailAdjust?: boolean;
  /** Sheets that are the add-in's own (not searched for project names). */
  ownSheets?: string[];
}

export interface FullReport {
  paragraphs: Paragraph[];
  issues: Issue[];
}

/** Unit and year from the fund table's title ("重庆市璧山区工商业联合会2020年项目资金表"). */
function fromTitle(s: SheetSnapshot | undefined, rows: number[]): { unit?: string; year?: string } {
  if (!s) return {};
  for (const r of rows)
    for (let c = s.left; c <= rightOf(s); c++) {
      const m = /^(.*?)(\d{4})\s*年(?:度)?/.exec(cellText(cellValue(s, r, c)).trim());
      if (m) return { unit: m[1].trim() || undefined, year: m[2] };
    }
  return {};
}

/** The shown figure (万元, 2 places) of an exact amount, as a number of 万元 (exact decimal). */
const shown = (v: Yuan) => yuanToWan(v).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

interface BudgetBlock {
  合计: Yuan | null;
  分类: { 名称: string; 金额: Yuan | null }[];
  sources: string[];
}

/**
 * One column of the budget table as the report states it: the total (the 合计 row, else the sum of
 * the lines) and the lines. Checks a stated 合计 against its lines, and the shown total against the
 * shown parts (a 尾差 when within n × 0.005万元); with tailAdjust, moves the largest part.
 */
function budgetBlock(b: BudgetTable, pick: (l: BudgetLine) => BudgetLine["initial"], what: string, opts: FullReportOptions, issues: Issue[]): BudgetBlock | null {
  const cells = b.lines.map(pick);
  if (cells.every((c) => !c)) return null;
  const sources = b.lines.flatMap((l, i) => [qualified(b.sheet, l.nameCell), ...(cells[i] ? [qualified(b.sheet, cells[i]!.cell)] : [])]);
  const parts = cells.map((c) => c?.value ?? null);
  const known = parts.filter((p): p is Yuan => p !== null);
  const totalCell = b.total ? pick(b.total) : null;
  const exactSum = known.length === parts.length ? (sum(known) as Yuan) : null;
  const total: Yuan | null = totalCell?.value ?? exactSum;
  if (totalCell) sources.push(qualified(b.sheet, totalCell.cell));
  if (totalCell?.value && exactSum) {
    const decimals = shownDecimals([...known, totalCell.value], b.unit);
    const v = checkStatedTotal(totalCell.value, exactSum, known.length, decimals, b.unit);
    if (v.kind !== "ok")
      issues.push(
        sumIssue(v, b.sheet, totalCell.cell, {
          what: `${what}合计`,
          stated: formatWan(totalCell.value) + "万元",
          computed: formatWan(exactSum) + "万元",
          diff: formatWan(v.diff.abs() as Yuan) + "万元",
          tolerance: formatWan(halfUnitYuan(decimals, b.unit).times(known.length) as Yuan) + "万元",
          parts: b.lines.map((l, i) => `${l.name}${parts[i] ? formatWan(parts[i]!) : "？"}`).join("+"),
        }),
      );
  }
  let shownParts = parts;
  if (total && exactSum && known.length > 0) {
    // What a reader adds up: the figures as the report shows them.
    const v = checkSum(shown(total), known.map(shown), halfUnit(2));
    if (v.kind === "rounding" && opts.tailAdjust) {
      let big = 0;
      known.forEach((p, i) => (p.abs().greaterThan(known[big].abs()) ? (big = i) : 0));
      const to = shown(known[big]).plus(v.diff);
      shownParts = parts.map((p, i) => (i === big ? (to.times(10000) as Yuan) : p));
      issues.push(
        makeIssue("TAIL_ADJUSTED", b.sheet, cells[big]!.cell, { what, name: b.lines[big].name, from: formatWan(known[big]), to: to.toFixed(), total: formatWan(total) }),
      );
    } else if (v.kind !== "ok") {
      const first = cells[0]!.cell;
      const last = cells[cells.length - 1]!.cell;
      issues.push(
        sumIssue(v, b.sheet, first === last ? first : `${first}:${last}`, {
          what: `报告中${what}合计`,
          stated: formatWan(total) + "万元",
          computed: sum(known.map(shown)).toFixed() + "万元",
          diff: v.diff.abs().toFixed() + "万元",
          tolerance: halfUnit(2).times(known.length).toFixed() + "万元",
          parts: b.lines.map((l, i) => `${l.name}${formatWan(known[i])}`).join("+"),
        }),
      );
    }
  }
  return { 合计: total, 分类: b.lines.map((l, i) => ({ 名称: l.name, 金额: shownParts[i] })), sources };
}

/** A total against its parts: a 尾差 (info) or a mismatch (error), with the figures as shown. */
function sumIssue(v: Exclude<TotalVerdict, { kind: "ok" }>, sheet: string, cell: string, params: Record<"what" | "stated" | "computed" | "diff" | "tolerance" | "parts", string>): Issue {
  return makeIssue(v.kind === "rounding" ? "SUM_ROUNDING" : "SUM_MISMATCH", sheet, cell, params);
}

/** 支出较上年增减 against 基本支出增减 + 项目支出增减, at the precision the figures are written with. */
function checkChange(ch: ChangeFigures, issues: Issue[]): void {
  const [t, b, p] = [ch.total.value, ch.basic.value, ch.project.value];
  if (!t || !b || !p) return;
  const decimals = Math.max(2, shownDecimals([t, b, p], "万元"));
  const v = checkStatedTotal(t, b.plus(p) as Yuan, 2, decimals, "万元");
  if (v.kind === "ok") return;
  const signed = (x: Yuan) => (x.isNegative() ? "−" : "") + formatWan(x.abs() as Yuan);
  issues.push(
    sumIssue(v, ch.sheet, ch.total.cell, {
      what: "支出较上年增减",
      stated: formatWan(t) + "万元",
      computed: formatWan(b.plus(p) as Yuan) + "万元",
      diff: formatWan(v.diff.abs() as Yuan) + "万元",
      tolerance: formatWan(halfUnitYuan(decimals, "万元").times(2) as Yuan) + "万元",
      parts: `基本支出增减${signed(b)}（${ch.basic.cell}）+ 项目支出增减${signed(p)}（${ch.project.cell}）`,
    }),
  );
}

export function buildFullReport(wb: WorkbookSnapshot, table: FundTable, score: ScoreFacts | null, r: Renderer, opts: FullReportOptions = {}): FullReport {
  const issues: Issue[] = [];
  const out: Paragraph[] = [];
  const info = readBasicInfo(wb);
  const title = fromTitle(getSheet(wb, table.sheet), table.detection.titleRows);
  const infoText = (k: InfoKey) => info[k]?.map((t) => t.text).join("") || undefined;
  const unitName = infoText("单位名称") ?? title.unit ?? null;
  const year = (infoText("年度") ?? title.year ?? "").replace(/年(度)?$/, "") || null;
  const base = { 单位: unitName, 年度: year };
  const infoSources = (k: InfoKey) => (info[k] ?? []).map((t) => qualified(t.sheet, t.cell));
  const titleSources = [...infoSources("单位名称"), ...infoSources("年度")];

  const push = (section: string, level: ParagraphLevel, text: string, sources: string[] = []) => out.push({ section, level, text, sources });
  const head = (section: string, level: ParagraphLevel, id: TemplateId) => push(section, level, r.render(id, base));
  /** The user's own paragraphs for a key; else a default template; else a visible placeholder. */
  const userText = (section: string, k: InfoKey, fallback?: TemplateId) => {
    const list: TextRef[] = info[k] ?? [];
    if (list.length) list.forEach((t) => push(section, "body", t.text, [qualified(t.sheet, t.cell)]));
    else if (fallback) push(section, "body", r.render(fallback, base));
    else push(section, "body", placeholder(k));
  };

  push("标题", "title", r.render("标题", base), titleSources);

  // 一、基本情况
  head("一", "h1", "一.标题");
  head("一（一）", "h2", "一.职能.标题");
  userText("一（一）", "职能职责");
  head("一（二）", "h2", "一.机构.标题");
  userText("一（二）", "机构设置与人员情况");
  head("一（三）", "h2", "一.预算.标题");
  const { budget, change } = readBudget(wb, issues);
  if (budget) {
    const initial = budgetBlock(budget, (l) => l.initial, "年初预算数", opts, issues);
    const received = budgetBlock(budget, (l) => l.received, "财政拨款收入", opts, issues);
    if (change) checkChange(change, issues);
    const 增减 = change ? { 合计: change.total.value, 基本支出: change.basic.value, 项目支出: change.project.value } : null;
    const changeSources = change ? [change.total, change.basic, change.project].map((c) => qualified(change.sheet, c.cell)) : [];
    if (initial) push("一（三）", "body", r.render("一.预算.批复", { ...base, 年初预算: initial, 增减 }), [...initial.sources, ...changeSources]);
    if (received) push("一（三）", "body", r.render("一.预算.执行", { ...base, 财政拨款: received }), received.sources);
  } else {
    push("一（三）", "body", placeholder("预算及支出情况（未找到含“功能分类、年初预算数、财政拨款收入”表头的预算表）"));
  }

  // 二、绩效评价基本情况
  head("二", "h1", "二.标题");
  head("二（一）", "h2", "二.目的.标题");
  userText("二（一）", "绩效评价目的");
  head("二（二）", "h2", "二.原则.标题");
  userText("二（二）", "绩效评价原则", "二.原则");
  if (score && score.levels.length) {
    const ctx = {
      ...base,
      一级指标: score.levels.map((l) => ({ 名称: l.name, 分值: l.weight ?? placeholder(`${l.name}分值`) })),
      一级个数: score.counts.level1,
      二级个数: score.counts.level2,
      三级个数: score.counts.level3,
    };
    push("二（二）", "body", r.render("二.指标体系", ctx), score.cells.weights.map((c) => qualified(score.sheet, c)));
  } else {
    push("二（二）", "body", placeholder("评价指标体系（请先生成评分表）"));
  }
  userText("二（二）", "评价方法", "二.方法");
  head("二（三）", "h2", "二.过程.标题");
  userText("二（三）", "绩效评价工作过程", "二.过程");

  // 三、绩效评价情况及结论
  for (const p of sectionThree(table, r)) out.push(p); // a loop: 50,000 projects are 200,000 paragraphs
  if (score) {
    head("三（五）", "h2", "三.结论.标题");
    const total = score.total !== null ? new Decimal(score.total) : null;
    push("三（五）", "body", r.render("三.结论", { ...base, 总分: total, 等级: score.grade }), [
      qualified(score.sheet, score.cells.total),
      qualified(score.sheet, score.cells.grade),
    ]);
  }

  // 四、主要经验及做法
  head("四", "h1", "四.标题");
  userText("四", "主要经验及做法");

  // 五、存在的问题和建议 — the user's text, then drafts drawn from the data.
  head("五", "h1", "五.标题");
  head("五（一）", "h2", "五.问题.标题");
  const threshold = opts.rateThreshold ?? new Decimal("0.9");
  const low = table.projects.filter((p) => p.rate !== null && p.rate.lessThan(threshold));
  const lost = (score?.indicators ?? []).filter((i) => i.score !== null && i.weight !== null && new Decimal(i.score).lessThan(new Decimal(i.weight)));
  if (info.存在问题?.length || (!low.length && !lost.length)) userText("五（一）", "存在问题");
  if (low.length)
    push(
      "五（一）",
      "body",
      r.render("五.草稿.到位率", { 阈值: threshold as Rate, 项目: low.map((p) => ({ 名称: p.name, 资金到位率: p.rate })) }),
      low.flatMap((p) => [p.budget?.cell, p.invested?.cell].filter((c): c is string => !!c).map((c) => qualified(table.sheet, c))),
    );
  if (lost.length && score)
    push(
      "五（一）",
      "body",
      r.render("五.草稿.失分", {
        指标: lost.map((i) => ({ 名称: i.path[i.path.length - 1], 得分: new Decimal(i.score!), 分值: i.weight, 原因: i.reason ?? null })),
      }),
      lost.map((i) => qualified(score.sheet, i.cell)),
    );
  head("五（二）", "h2", "五.建议.标题");
  userText("五（二）", "意见或建议");

  // The same project named differently elsewhere in the workbook.
  const exclude = new Set([table.sheet, ...(opts.ownSheets ?? [])]);
  for (const i of makeNameIssues(table.sheet, table.projects.map((p) => ({ name: p.name, cell: p.nameCell })), projectMentions(wb, exclude))) issues.push(i);
  return { paragraphs: out, issues };
}

