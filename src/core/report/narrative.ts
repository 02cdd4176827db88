/**
 * The report's words: paragraphs with their level and the cells every figure came from.
 */
import { qualified } from "../io/a1";
import { flat } from "../io/plan";
import { Issue, makeIssue } from "../issues";
import { FundTable, Project } from "../read/fundtable";
import { Compiled, DEFAULT_TEMPLATES, TemplateId, TemplateSet, compileTemplate } from "./templates";

export type ParagraphLevel = "title" | "h1" | "h2" | "h3" | "body";

export interface Paragraph {
  /** Where it belongs: "三", "三（一）", … */
  section: string;
  level: ParagraphLevel;
  text: string;
  /** Cells the figures and words came from, sheet-qualified ("项目资金表!C4"). */
  sources: string[];
}

export interface Renderer {
  render(id: TemplateId | string, ctx: Record<string, unknown>): string;
  issues: Issue[];
}

/**
 * Compiles a template set. A broken user template falls back to the default wording and becomes
 * an issue that quotes it, so the report is never lost to a typo.
 */
export function makeRenderer(templates: Partial<TemplateSet> = {}, where = { sheet: "", cellOf: (_id: string) => "" }): Renderer {
  const issues: Issue[] = [];
  const compiled = new Map<string, Compiled>();
  const all: Record<string, string> = { ...DEFAULT_TEMPLATES, ...templates };
  const defaults = DEFAULT_TEMPLATES as Record<string, string>;
  /** The default wording of a template, compiled once (it stands in for a broken one on every call). */
  const fallbacks = new Map<string, Compiled>();
  const fallback = (id: string): Compiled | undefined => {
    if (defaults[id] === undefined) return undefined;
    let f = fallbacks.get(id);
    if (!f) fallbacks.set(id, (f = compileTemplate(defaults[id])));
    return f;
  };
  /** One issue a template, however many paragraphs it broke. */
  const broken = new Set<string>();
  const brokenIssue = (id: string, e: unknown) => {
    if (broken.has(id)) return;
    broken.add(id);
    const msg = e instanceof Error ? e.message.split("\n")[0] : String(e);
    issues.push(makeIssue("TEMPLATE_BROKEN", where.sheet, where.cellOf(id), { id, template: all[id], error: msg }));
  };
  for (const [id, source] of Object.entries(all)) {
    try {
      compiled.set(id, compileTemplate(source));
    } catch (e) {
      brokenIssue(id, e);
      const f = fallback(id);
      if (f) compiled.set(id, f);
    }
  }
  return {
    issues,
    render(id, ctx) {
      const c = compiled.get(id);
      if (!c) throw new Error(`no template ${id}`);
      try {
        return c(ctx);
      } catch (e) {
        // A field the template names but the data does not have (a strict-mode miss).
        brokenIssue(id, e);
        const f = fallback(id);
        return f ? f(ctx) : "";
      }
    },
  };
}

/** A project without funding-source columns or 其中 rows (most): one empty list for all of them. */
const NO_SOURCES: readonly never[] = Object.freeze([]);

export function projectContext(p: Project, n: number, table: Pick<FundTable, "mapping" | "arrivalBase">): Record<string, unknown> {
  const base = table.arrivalBase === "initial" ? p.initial : p.budget;
  const sources = p.sources.length
    ? p.sources.map((s) => ({ 名称: s.label, 金额: s.amount.value }))
    : p.breakdown.length
      ? p.breakdown.filter((b) => !/(小计|合计)$/.test(b.label)).map((b) => ({ 名称: b.label, 金额: (b.amounts.budget ?? b.amounts.initial)?.value ?? null }))
      : NO_SOURCES;
  return {
    序号: n,
    项目名称: p.name,
    项目资金: base?.value ?? null,
    年初预算数: p.initial?.value ?? null,
    全年预算数: p.budget?.value ?? null,
    投入资金: p.invested?.value ?? null,
    执行数: p.executed?.value ?? null,
    资金到位率: p.rate,
    预算执行率: p.execRate,
    到位列: table.mapping.invested !== undefined,
    执行列: table.mapping.executed !== undefined && table.mapping.budget !== undefined,
    资金来源: sources,
    项目个数: p.count?.value ?? null,
    过程: p.texts.process?.text ?? null,
    产出: p.texts.output?.text ?? null,
    效益: p.texts.benefit?.text ?? null,
  };
}

/** The cells that are there, sheet-qualified, after the references already made (`head`). */
export function refs(sheet: string, cells: (string | undefined)[], head: string[] = []): string[] {
  for (const c of cells) if (c) head.push(qualified(sheet, c));
  return head;
}

/**
 * 三、绩效评价情况及结论 （一）–（四） from the fund table. `lines` gets each paragraph's line for the
 * report sheet's B column, made with it from the cells (sourcesText of its sources, without reading
 * the 70,000 sheet-qualified references again at 10,000 projects).
 */
export function sectionThree(table: FundTable, r: Renderer, lines: string[] = []): Paragraph[] {
  const S = table.sheet;
  const { projects } = table;
  const n = projects.length;
  const out: Paragraph[] = [];
  const head = (section: string, level: ParagraphLevel, id: TemplateId) => {
    out.push({ section, level, text: r.render(id, {}), sources: [] });
    lines.push("");
  };
  head("三", "h1", "三.标题");

  head("三（一）", "h2", "三.投入.标题");
  // Built once per project and read by all four parts: its context and its name cell (one string).
  const contexts: Record<string, unknown>[] = new Array(n);
  const names: string[] = new Array(n);
  // The text cells of 三（二）–（四）, read here while the project is at hand (three later passes read a list, not each project again).
  const textCells = { process: new Array<string | undefined>(n), output: new Array<string | undefined>(n), benefit: new Array<string | undefined>(n) };
  const scratch: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = projects[i];
    contexts[i] = projectContext(p, i + 1, table);
    names[i] = qualified(S, p.nameCell);
    textCells.process[i] = p.texts.process?.cell;
    textCells.output[i] = p.texts.output?.cell;
    textCells.benefit[i] = p.texts.benefit?.cell;
    scratch.length = 0;
    scratch.push(names[i]);
    let line = names[i];
    const cell = (c: string) => {
      scratch.push(qualified(S, c));
      line += ", " + c;
    };
    const base = p.budget ?? p.initial;
    if (base) cell(base.cell);
    for (const s of p.sources) cell(s.amount.cell);
    for (const b of p.breakdown) if (b.amounts.budget) cell(b.amounts.budget.cell);
    if (p.count) cell(p.count.cell);
    if (p.invested) cell(p.invested.cell);
    if (p.executed) cell(p.executed.cell);
    // A copy of its exact size: a list grown by push keeps room for 19 (the plan holds 10,000 of these).
    out.push({ section: "三（一）", level: "body", text: r.render("三.投入.项目", contexts[i]), sources: scratch.slice() });
    lines.push(flat(line));
  }

  const textSection = (section: string, headId: TemplateId, itemId: TemplateId, key: "process" | "output" | "benefit") => {
    head(section, "h2", headId);
    const cells = textCells[key];
    for (let i = 0; i < n; i++) {
      const cell = cells[i];
      out.push({ section, level: "body", text: r.render(itemId, contexts[i]), sources: cell ? [names[i], qualified(S, cell)] : [names[i]] });
      lines.push(cell ? flat(names[i] + ", " + cell) : names[i]);
    }
  };
  textSection("三（二）", "三.过程.标题", "三.过程.项目", "process");
  textSection("三（三）", "三.产出.标题", "三.产出.项目", "output");
  textSection("三（四）", "三.效益.标题", "三.效益.项目", "benefit");
  return out;
}
