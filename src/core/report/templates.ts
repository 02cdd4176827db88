/**
 * Report phrasing as data: handlebars templates (strict, no HTML escaping) that start from the
 * seed's own words. A locality that words things differently edits these, not code.
 */
// @ts-expect-error handlebars ships no types for its parser-only entry (the tree is read by fastcompile.ts)
import { parse as parseUntyped } from "handlebars/dist/cjs/handlebars/compiler/base";
import Nzh from "nzh";
import { Decimal } from "../numbers/decimal";
import { formatCount, formatRate, formatWan, formatYuan } from "../numbers/format";
import { asRate, asYuan } from "../numbers/units";
import { Helper, compileAst } from "./fastcompile";

export const DEFAULT_TEMPLATES = {
  标题: "{{文字 单位 \"单位名称\"}}{{文字 年度 \"年度\"}}年整体支出绩效自评报告",
  "一.标题": "一、基本情况",
  "一.职能.标题": "（一）职能职责",
  "一.机构.标题": "（二）机构设置与人员情况",
  "一.预算.标题": "（三）预算及支出情况",
  "一.预算.批复":
    "区财政局批复的年初预算：{{文字 年度 \"年度\"}}年年初预算数{{万元 年初预算.合计 \"年初预算数\"}}万元" +
    "{{#if 年初预算.分类}}，其中：{{#each 年初预算.分类}}{{#unless @first}}，{{/unless}}{{名称}}{{万元 金额 名称}}万元{{/each}}{{/if}}。" +
    "{{#if 增减}}支出较去年{{增减词 增减.合计}}{{万元 (绝对值 增减.合计) \"支出增减\"}}万元，" +
    "主要是基本支出{{增减词 增减.基本支出}}{{万元 (绝对值 增减.基本支出) \"基本支出增减\"}}万元，" +
    "项目支出{{增减词 增减.项目支出}}{{万元 (绝对值 增减.项目支出) \"项目支出增减\"}}万元。{{/if}}",
  "一.预算.执行":
    "区财政资金执行情况：{{文字 年度 \"年度\"}}年年度实际收到的一般公共预算财政拨款收入{{万元 财政拨款.合计 \"财政拨款收入\"}}万元" +
    "{{#if 财政拨款.分类}}，其中：{{#each 财政拨款.分类}}{{#unless @first}}，{{/unless}}{{名称}}{{万元 金额 名称}}万元{{/each}}{{/if}}。",
  "二.标题": "二、绩效评价基本情况",
  "二.目的.标题": "（一）绩效评价目的",
  "二.原则.标题": "（二）绩效评价原则、评价指标体系、评价方法",
  "二.原则": "绩效评价原则包括科学规范原则、公开公正原则、分级分类原则、绩效相关原则。",
  "二.指标体系":
    "整个指标体系分为{{#each 一级指标}}{{#unless @first}}，{{/unless}}{{名称}}（{{分值}}分）{{/each}}，" +
    "共设置了{{一级个数}}个一级指标，{{二级个数}}个二级指标，{{三级个数}}个三级指标。",
  "二.方法": "评价的方法主要包括成本效益分析法、比较法、因素分析法、最低成本法、公众评判法、标杆管理法等。",
  "二.过程.标题": "（三）绩效评价工作过程",
  "二.过程": "包括前期准备、组织实施、分析评价等。",
  "三.标题": "三、绩效评价情况及结论",
  "三.投入.标题": "（一）投入评价情况",
  "三.投入.项目":
    "{{序号}}、{{项目名称}}工作项目资金{{万元 项目资金 \"项目资金\"}}万元" +
    "{{#if 资金来源}}，其中：{{#each 资金来源}}{{#unless @first}}、{{/unless}}{{名称}}{{万元 金额 名称}}万元{{/each}}{{/if}}" +
    "{{#if 项目个数}}，分别投入到{{整数 项目个数}}个项目{{/if}}" +
    "{{#if 到位列}}，投入资金{{万元 投入资金 \"投入资金\"}}万元，资金到位率{{百分比 资金到位率 \"资金到位率\"}}{{/if}}" +
    "{{#if 执行列}}，全年执行数{{万元 执行数 \"全年执行数\"}}万元，预算执行率{{百分比 预算执行率 \"预算执行率\"}}{{/if}}。",
  "三.过程.标题": "（二）过程评价情况",
  "三.过程.项目": "{{序号}}、{{项目名称}}{{文字 过程 \"过程管理情况\"}}",
  "三.产出.标题": "（三）产出评价情况",
  "三.产出.项目": "{{序号}}、{{项目名称}}工作项目：{{文字 产出 \"产出情况\"}}",
  "三.效益.标题": "（四）效益评价情况",
  "三.效益.项目": "{{序号}}、{{文字 效益 \"效益情况\" 项目名称}}",
  "三.结论.标题": "（五）评价结论",
  "三.结论":
    "经评价，{{文字 单位 \"单位名称\"}}{{文字 年度 \"年度\"}}年度整体支出绩效自评得分{{分数 总分 \"总分\"}}分，评价等级为“{{文字 等级 \"评价等级\"}}”。",
  "四.标题": "四、主要经验及做法",
  "五.标题": "五、存在的问题和建议",
  "五.问题.标题": "（一）存在问题",
  "五.建议.标题": "（二）意见或建议",
  "五.草稿.到位率":
    "【草稿，请核实】以下项目资金到位率低于{{百分比 阈值}}：" +
    "{{#each 项目}}{{#unless @first}}、{{/unless}}{{名称}}（{{百分比 资金到位率}}）{{/each}}，需分析资金未到位的原因。",
  "五.草稿.执行率":
    "【草稿，请核实】以下项目预算执行率低于{{百分比 阈值}}：" +
    "{{#each 项目}}{{#unless @first}}、{{/unless}}{{名称}}（{{百分比 预算执行率}}）{{/each}}，需分析支出进度慢于预算的原因。",
  "五.草稿.失分":
    "【草稿，请核实】以下指标未得满分：" +
    "{{#each 指标}}{{#unless @first}}；{{/unless}}{{名称}}得{{分数 得分}}分（分值{{分值}}分）{{#if 原因}}，偏差原因：{{原因}}{{/if}}{{/each}}。",
  // 项目支出绩效自评报告: one per project, from its row of the fund table and its 自评表.
  "项目.标题": "{{文字 单位 \"单位名称\"}}{{项目名称}}{{文字 年度 \"年度\"}}年度项目支出绩效自评报告",
  "项目.一.标题": "一、项目基本情况",
  "项目.一.概况.标题": "（一）项目概况",
  "项目.一.概况": "{{文字 过程 \"项目概况（立项依据、实施内容）\"}}",
  "项目.一.目标.标题": "（二）项目绩效目标",
  "项目.一.目标": "{{文字 目标 \"年度绩效目标\"}}",
  "项目.二.标题": "二、项目资金投入和使用情况",
  "项目.二.资金":
    "{{文字 年度 \"年度\"}}年，{{项目名称}}{{#if 年初列}}年初预算数{{万元 年初预算数 \"年初预算数\"}}万元，{{/if}}全年预算数{{万元 全年预算数 \"全年预算数\"}}万元" +
    "{{#if 资金来源}}（其中：{{#each 资金来源}}{{#unless @first}}、{{/unless}}{{名称}}{{万元 金额 名称}}万元{{/each}}）{{/if}}" +
    "{{#if 到位列}}；实际到位资金{{万元 投入资金 \"实际到位资金\"}}万元，资金到位率{{百分比 资金到位率 \"资金到位率\"}}{{/if}}" +
    "{{#if 执行列}}；全年执行数{{万元 执行数 \"全年执行数\"}}万元，预算执行率{{百分比 预算执行率 \"预算执行率\"}}{{/if}}。",
  "项目.三.标题": "三、绩效目标实现情况",
  "项目.三.分组": "（{{中文数字 序号}}）{{名称}}",
  "项目.三.指标":
    "{{序号}}．{{名称}}：年度指标值{{文字 目标 \"年度指标值\"}}，实际完成{{文字 完成 \"实际完成值\"}}，" +
    "{{#if 不适用}}不适用，不计分{{else}}得{{分数 得分 \"得分\"}}分（分值{{分值}}分）{{/if}}{{#if 原因}}；偏差原因：{{原因}}{{/if}}。",
  "项目.三.无表": "【待填写：绩效指标完成情况（请先生成该项目的项目支出绩效自评表）】",
  "项目.四.标题": "四、自评结论",
  "项目.四.结论":
    "经自评，{{项目名称}}绩效自评得分{{分数 总分 \"总分\"}}分，评价等级为“{{文字 等级 \"评价等级\"}}”" +
    "{{#if 执行率得分}}，其中预算执行率得{{分数 执行率得分}}分{{/if}}。{{#if 不适用}}（{{不适用}}项指标不适用，得分已按百分制折算。）{{/if}}",
  "项目.五.标题": "五、存在的问题及改进措施",
} as const;

export type TemplateId = keyof typeof DEFAULT_TEMPLATES;
export type TemplateSet = Record<TemplateId, string> & Record<string, string>;

/** The visible mark for text the data cannot supply; never an invented figure. */
export function placeholder(what: string): string {
  return `【待填写：${what}】`;
}

const isDecimal = (v: unknown): v is Decimal => v instanceof Decimal || (typeof v === "object" && v !== null && "toFixed" in v && "isZero" in v);
const labelOf = (label: unknown) => (typeof label === "string" ? label : "");

/** The helpers a template may call, as data: one table for handlebars and for the fast compiler. */
export const HELPERS: Readonly<Record<string, Helper>> = {
  万元: (v, label) => (isDecimal(v) ? formatWan(asYuan(v)) : placeholder(labelOf(label))),
  元: (v, label) => (isDecimal(v) ? formatYuan(asYuan(v)) : placeholder(labelOf(label))),
  百分比: (v, label) => (isDecimal(v) ? formatRate(asRate(v)) : placeholder(labelOf(label))),
  整数: (v, label) => (isDecimal(v) ? formatCount(v) : placeholder(labelOf(label))),
  分数: (v, label) => (isDecimal(v) ? v.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2) : placeholder(labelOf(label))),
  绝对值: (v) => (isDecimal(v) ? v.abs() : v),
  增减词: (v) => (isDecimal(v) ? (v.isNegative() ? "减少" : "增加") : placeholder("增减")),
  中文数字: (v) => (isDecimal(v) || typeof v === "number" ? Nzh.cn.encodeS(String(v)) : placeholder("序号")),
  /** 大写金额 from 元: rounded half up to 分 first (nzh's toMoney truncates). */
  大写: (v, label) => (isDecimal(v) ? Nzh.cn.toMoney(v.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(), { outSymbol: false, forceZheng: true }) : placeholder(labelOf(label))),
  文字: (v, label, of) => {
    if (typeof v === "string" && v.trim() !== "") return v.trim();
    if (typeof v === "number") return String(v);
    return placeholder(`${typeof of === "string" ? of : ""}${labelOf(label)}`);
  },
};

export type Compiled = (context: Record<string, unknown>) => string;

/**
 * Compiles one template (handlebars' syntax and meaning: strict, no HTML escaping); throws Error
 * with handlebars' message when it is broken or uses what report templates do not take (partials,
 * decorators, helpers not in HELPERS). Only handlebars' parser is bundled; the compiled template is
 * plain closures (fastcompile.ts), held equal to handlebars by test/templates-fast.test.ts.
 */
export function compileTemplate(source: string): Compiled {
  return compileAst((parseUntyped as (src: string) => unknown)(source), HELPERS);
}

