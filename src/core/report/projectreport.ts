/**
 * 项目支出绩效自评报告: one report per project (or the one asked for) — its own title, outline and
 * wording ([TPL1]/[BB] in ../shared/domain §4): 一 基本情况 (概况, 绩效目标), 二 资金投入和使用 (each
 * rate by its name), 三 绩效目标实现情况 (counted from the project's own 自评表), 四 自评结论, 五 问题
 * (drafts from the data, marked). Nothing invented: what the workbook cannot supply is 【待填写】.
 */
import { qualified } from "../io/a1";
import { Decimal } from "../numbers/decimal";
import { rate } from "../numbers/units";
import { FundTable, Project } from "../read/fundtable";
import type { WorkbookModel } from "../read/model";
import { sameProject } from "../read/workbookinfo";
import type { ScoreFacts } from "../score/sheetplan";
import { FullReport, FullReportOptions, Writer, clause } from "./fullreport";
import { Renderer, projectContext, refs } from "./narrative";
import { placeholder } from "./templates";

/** A project and the 自评表 that scores it (null until one is made). */
export interface ProjectUnit {
  project: Project;
  form: ScoreFacts | null;
}

/** 三、绩效目标实现情况: each indicator of the form under its 一级, as written and as scored. */
function indicators(w: Writer, s: string, form: ScoreFacts | null): void {
  w.head(`${s}三`, "h1", "项目.三.标题");
  if (!form) return w.push(`${s}三`, "body", w.r.render("项目.三.无表", w.base));
  const groups: string[] = [];
  form.indicators
    .filter((i) => i.path[0] !== "预算执行率")
    .forEach((i, n) => {
      const group = i.path.length > 1 ? i.path[0] : "";
      if (group && !groups.includes(group)) {
        groups.push(group);
        w.push(`${s}三`, "h2", w.r.render("项目.三.分组", { 序号: groups.length, 名称: group }));
      }
      const ctx = { 序号: n + 1, 名称: i.path[i.path.length - 1], 目标: i.target ?? null, 完成: i.actual ?? null, 得分: i.score, 分值: i.weight?.toFixed() ?? placeholder("分值"), 原因: i.reason ? clause(i.reason) : null, 不适用: !!i.notApplicable };
      w.push(`${s}三`, "body", w.r.render("项目.三.指标", ctx), [qualified(form.sheet, i.cell)]);
    });
}

/** 五: the user's own words are theirs to add; the drafts come from the data and say so. */
function problems(w: Writer, s: string, table: FundTable, u: ProjectUnit, threshold: Decimal): void {
  w.head(`${s}五`, "h1", "项目.五.标题");
  const p = u.project;
  const lost = (u.form?.indicators ?? []).filter((i) => i.score !== null && i.weight !== null && i.score.lessThan(i.weight));
  const slow = p.execRate !== null && p.execRate.lessThan(threshold);
  if (slow) w.push(`${s}五`, "body", w.r.render("五.草稿.执行率", { 阈值: rate(threshold), 项目: [{ 名称: p.name, 预算执行率: p.execRate }] }), refs(table.sheet, [p.budget?.cell, p.executed?.cell]));
  if (lost.length && u.form) {
    const 指标 = lost.map((i) => ({ 名称: i.path[i.path.length - 1], 得分: i.score, 分值: i.weight?.toFixed(), 原因: i.reason ? clause(i.reason) : null }));
    w.push(`${s}五`, "body", w.r.render("五.草稿.失分", { 指标 }), lost.map((i) => qualified(u.form!.sheet, i.cell)));
  }
  if (!slow && !lost.length) w.push(`${s}五`, "body", placeholder("存在的问题及改进措施"));
}

function projectReport(w: Writer, table: FundTable, u: ProjectUnit, n: number, opts: FullReportOptions): void {
  const p = u.project;
  const s = `项目${n}·`;
  const ctx = { ...projectContext(p, n, table), ...w.base, 年初列: table.mapping.initial !== undefined };
  w.push(`${s}标题`, "title", w.r.render("项目.标题", ctx), [qualified(table.sheet, p.nameCell)]);
  w.head(`${s}一`, "h1", "项目.一.标题");
  w.head(`${s}一（一）`, "h2", "项目.一.概况.标题");
  w.push(`${s}一（一）`, "body", w.r.render("项目.一.概况", ctx), refs(table.sheet, [p.texts.process?.cell]));
  w.head(`${s}一（二）`, "h2", "项目.一.目标.标题");
  const target = w.model.targets.find((t) => t.name === p.name) ?? w.model.targets.find((t) => sameProject(t.name, p.name));
  w.push(`${s}一（二）`, "body", w.r.render("项目.一.目标", { 目标: target?.goal?.text ?? null }), target?.goal ? [qualified(target.goal.sheet, target.goal.cell)] : []);
  w.head(`${s}二`, "h1", "项目.二.标题");
  w.push(`${s}二`, "body", w.r.render("项目.二.资金", ctx), refs(table.sheet, [p.initial?.cell, p.budget?.cell, p.invested?.cell, p.executed?.cell, ...p.sources.map((x) => x.amount.cell)]));
  indicators(w, s, u.form);
  w.head(`${s}四`, "h1", "项目.四.标题");
  const f = u.form;
  const money = f?.indicators.find((i) => i.path[0] === "预算执行率");
  const na = f?.indicators.filter((i) => i.notApplicable).length ?? 0;
  w.push(`${s}四`, "body", w.r.render("项目.四.结论", { ...ctx, 总分: f?.total ?? null, 等级: f?.grade ?? null, 执行率得分: money?.score ?? null, 不适用: na || null }), f ? [qualified(f.sheet, f.cells.total), qualified(f.sheet, f.cells.grade)] : []);
  problems(w, s, table, u, opts.rateThreshold ?? new Decimal("0.9"));
}

/** Every project's report, one after another (each starts with its own title). */
export function buildProjectReports(model: WorkbookModel, table: FundTable, units: ProjectUnit[], r: Renderer, opts: FullReportOptions = {}): FullReport {
  const w = new Writer(model, r);
  units.forEach((u, i) => projectReport(w, table, u, i + 1, opts));
  return { paragraphs: w.out, issues: w.issues, lines: w.lines };
}
