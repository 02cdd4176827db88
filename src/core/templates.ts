/**
 * Report phrasing as data: handlebars templates (strict, no HTML escaping) that start from the
 * seed's own words. A locality that words things differently edits these, not code.
 */
import Handlebars from "handlebars";
import { Decimal } from "./decimal";
import { formatCount, formatRate, formatWan, formatYuan } from "./format";
import { Rate, Yuan } from "./units";

export const DEFAULT_TEMPLATES = {
  "三.标题": "三、绩效评价情况及结论",
  "三.投入.标题": "（一）投入评价情况",
  "三.投入.项目":
    "{{序号}}、{{项目名称}}工作项目资金{{万元 项目资金 \"项目资金\"}}万元" +
    "{{#if 资金来源}}，其中：{{#each 资金来源}}{{#unless @first}}、{{/unless}}{{名称}}{{万元 金额 名称}}万元{{/each}}{{/if}}" +
    "{{#if 项目个数}}，分别投入到{{整数 项目个数}}个项目{{/if}}" +
    "，投入资金{{万元 投入资金 \"投入资金\"}}万元，资金到位率{{百分比 资金到位率 \"资金到位率\"}}。",
  "三.过程.标题": "（二）过程评价情况",
  "三.过程.项目": "{{序号}}、{{项目名称}}{{文字 过程 \"过程管理情况\"}}",
  "三.产出.标题": "（三）产出评价情况",
  "三.产出.项目": "{{序号}}、{{项目名称}}工作项目：{{文字 产出 \"产出情况\"}}",
  "三.效益.标题": "（四）效益评价情况",
  "三.效益.项目": "{{序号}}、{{文字 效益 \"效益情况\" 项目名称}}",
} as const;

export type TemplateId = keyof typeof DEFAULT_TEMPLATES;
export type TemplateSet = Record<TemplateId, string> & Record<string, string>;

/** The visible mark for text the data cannot supply; never an invented figure. */
export function placeholder(what: string): string {
  return `【待填写：${what}】`;
}

const hb = Handlebars.create();

const isDecimal = (v: unknown): v is Decimal => v instanceof Decimal || (typeof v === "object" && v !== null && "toFixed" in v && "isZero" in v);
const labelOf = (label: unknown) => (typeof label === "string" ? label : "");

hb.registerHelper("万元", (v: unknown, label: unknown) => (isDecimal(v) ? formatWan(v as Yuan) : placeholder(labelOf(label))));
hb.registerHelper("元", (v: unknown, label: unknown) => (isDecimal(v) ? formatYuan(v as Yuan) : placeholder(labelOf(label))));
hb.registerHelper("百分比", (v: unknown, label: unknown) => (isDecimal(v) ? formatRate(v as Rate) : placeholder(labelOf(label))));
hb.registerHelper("整数", (v: unknown, label: unknown) => (isDecimal(v) ? formatCount(v) : placeholder(labelOf(label))));
hb.registerHelper("文字", (v: unknown, label: unknown, of: unknown) => {
  if (typeof v === "string" && v.trim() !== "") return v.trim();
  return placeholder(`${typeof of === "string" ? of : ""}${labelOf(label)}`);
});

export type Compiled = (context: Record<string, unknown>) => string;

/** Compiles one template; throws Error with the handlebars message when it is broken. */
export function compileTemplate(source: string): Compiled {
  hb.parse(source); // handlebars compiles lazily: surface syntax errors now, not at first use
  const t = hb.compile(source, { strict: true, noEscape: true });
  return (ctx) => t(ctx);
}

export function defaultTemplates(): TemplateSet {
  return { ...DEFAULT_TEMPLATES };
}
