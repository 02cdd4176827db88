/**
 * The report's templates run as plain closures compiled from handlebars' own parse tree; the text
 * must be exactly what handlebars (strict, no escaping) writes — and its errors the same.
 */
import Handlebars from "handlebars";
import { DEFAULT_TEMPLATES, Decimal, HELPERS, compileTemplate } from "../src/core";

const hb = Handlebars.create();
for (const [name, h] of Object.entries(HELPERS)) hb.registerHelper(name, h as Handlebars.HelperDelegate);
const viaHandlebars = (src: string, ctx: object) => hb.compile(src, { strict: true, noEscape: true })(ctx);

const outcome = (f: () => string) => {
  try {
    return { text: f() };
  } catch (e) {
    return { error: (e as Error).message.split("\n")[0] };
  }
};

const d = (x: string | number) => new Decimal(x);
const contexts: Record<string, unknown>[] = [
  { 单位: "某单位", 年度: "2020", 序号: 1, 项目名称: "甲", 项目资金: d(50000), 投入资金: d(39660), 资金到位率: d("0.7932"), 资金来源: [{ 名称: "区本级财政资金", 金额: d(50000) }, { 名称: "上级补助", 金额: null }], 项目个数: d(2), 过程: "按规定使用。", 产出: "完成。", 效益: "良好。" },
  { 单位: null, 年度: null, 序号: 2, 项目名称: "乙", 项目资金: null, 投入资金: null, 资金到位率: null, 资金来源: [], 项目个数: null, 过程: null, 产出: "", 效益: null },
  {
    单位: "单位",
    年度: "2021",
    年初预算: { 合计: d(2585000), 分类: [{ 名称: "一般公共服务", 金额: d(2243800) }, { 名称: "教育", 金额: null }] },
    增减: { 合计: d(-237400), 基本支出: d(-449900), 项目支出: d(687100) },
    财政拨款: { 合计: null, 分类: [] },
    一级指标: [{ 名称: "投入", 分值: "7" }, { 名称: "过程", 分值: "24" }],
    一级个数: 4,
    二级个数: 10,
    三级个数: 30,
    总分: d("97.124"),
    等级: "优",
    阈值: d("0.9"),
    项目: [{ 名称: "甲", 资金到位率: d("0.5") }, { 名称: "丙", 资金到位率: d("0.8966") }],
    指标: [{ 名称: "x", 得分: d("8.62"), 分值: "10", 原因: "部分项目延续至下年" }, { 名称: "y", 得分: d(0), 分值: "5", 原因: null }],
  },
];

test.each(Object.keys(DEFAULT_TEMPLATES))("template %s: the same text as handlebars", (id) => {
  const src = (DEFAULT_TEMPLATES as Record<string, string>)[id];
  for (const ctx of contexts) expect(outcome(() => compileTemplate(src)(ctx))).toEqual(outcome(() => viaHandlebars(src, ctx)));
});

test.each([
  "{{缺失}}",
  "{{a.b}}",
  "{{#each 项目}}{{名称}}{{@index}}{{#if @last}}。{{else}}、{{/if}}{{/each}}",
  "{{#each 项目}}{{../单位}}{{名称}}{{/each}}",
  "{{#with 增减}}{{万元 合计 \"x\"}}{{/with}}",
  "{{#unless 项目}}无{{else}}有{{/unless}}",
  "{{! a comment }}{{文字 单位 \"单位名称\"}}",
  "{{万元 (绝对值 增减.合计) \"x\"}}",
  "{{#each 对象}}{{@key}}={{this}};{{/each}}",
  "{{#if 零}}零为真{{else}}零为假{{/if}}",
  "{{单位}}\n{{#if 单位}}\n有\n{{/if}}\n尾",
  "{{lookup 项目 0}}",
  "{{#each 项目 as |p|}}{{p.名称}}{{/each}}",
  "{{#each 项目 as |p i|}}{{i}}:{{p.名称}}{{#each ../项目 as |q|}}{{p.名称}}{{q.名称}}{{/each}};{{/each}}",
  "{{#with 增减 as |z|}}{{万元 z.合计 \"x\"}}{{/with}}",
  "{{#if 零 includeZero=true}}零为真{{else}}零为假{{/if}}",
  "{{#each 项目}}{{@root.单位}}{{@first}}{{@root.增减.合计}}{{/each}}",
  "{{@root.a.b}}",
  "{{#each 项目}}{{else}}空{{/each}}{{#each 无}}x{{else}}空{{/each}}",
  "{{log 单位}}{{lookup 对象 \"y\"}}",
  "{{> 片段}}",
  "{{#if}}x{{/if}}",
  "{{#each}}",
])("user template %j: the same text or the same error", (src) => {
  const ctx = { 单位: "某单位", a: {}, 项目: [{ 名称: "甲" }, { 名称: "乙" }], 增减: { 合计: d(-5) }, 对象: { x: 1, y: "z" }, 零: 0 };
  expect(outcome(() => compileTemplate(src)(ctx))).toEqual(outcome(() => viaHandlebars(src, ctx)));
});

test.each(["{{* 装饰}}", "{{#> 片段}}x{{/片段}}", "{{{{raw}}}}x{{{{/raw}}}}", "{{没有的助手 a}}", "{{#没有的助手 a}}x{{/没有的助手}}"])(
  "%j (what report templates do not take) is an error, never silently other text",
  (src) => {
    const ctx = { a: { b: 1 } };
    expect(outcome(() => compileTemplate(src)(ctx))).toHaveProperty("error");
  },
);

test.each([
  ["{{万元 a.b \"x\"}}", {}],
  ["{{万元 a.b \"x\"}}", { a: {} }],
  ["{{万元 a.b \"x\"}}", { a: null }],
  ["{{#if a.b}}y{{/if}}", {}],
  ["{{文字 ../x \"x\"}}", {}],
  ["{{#with 零}}w{{/with}}", { 零: 0 }],
  ["{{#each 项目}}{{文字 ../../x \"x\"}}{{/each}}", { 项目: [1] }],
  ["{{a.length}}", { a: "abc" }],
])("paths through missing objects %j behave as handlebars'", (src, ctx) => {
  expect(outcome(() => compileTemplate(src)(ctx))).toEqual(outcome(() => viaHandlebars(src, ctx)));
});
