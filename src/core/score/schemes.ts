/**
 * Indicator schemes as data. A scheme is what a new 评分表 starts from; once written, the sheet is
 * the scheme (the user edits names, weights, rules, adds and removes rows), and any sheet with the
 * grid headers can serve as a scheme for another workbook.
 */
import { placeholder } from "../report/templates";

/** [name, weight, children] for groups; [name, weight, rule, target?, actual?] for indicators. */
export type SchemeValue = string | number | null;
export type SchemeIndicator = { name: string; weight: SchemeValue; rule: string; target?: SchemeValue; actual?: SchemeValue; share?: SchemeValue; reason?: string; score?: SchemeValue };
export type SchemeGroup = { name: string; weight: SchemeValue; children: (SchemeGroup | SchemeIndicator)[] };

export interface SchemeSpec {
  id: string;
  title: string;
  /** 财预〔2020〕10号 附件1: the 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 block, with this 分值. */
  moneyBlock?: { weight: SchemeValue };
  tree: SchemeGroup[];
}

export const GRID_HEADERS = ["一级指标", "二级指标", "三级指标", "分值", "计分方式", "年度指标值", "实际完成值", "得分", "偏差原因分析及改进措施"] as const;
/** An extra column after the grid: the share a 定性 grade earns, typed inside its band. */
export const SHARE_HEADER = "定性得分比例";
export const MONEY_HEADERS = ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"] as const;
export const MONEY_ROWS = ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"] as const;

const ind = (name: string, weight: number, rule: string, extra: Partial<SchemeIndicator> = {}): SchemeIndicator => ({ name, weight, rule, ...extra });
const group = (name: string, weight: number, children: (SchemeGroup | SchemeIndicator)[]): SchemeGroup => ({ name, weight, children });

/** 项目支出绩效自评表 (财预〔2020〕10号 附件1): 预算执行率 10 in the money block + 50 + 30 + 10 = 100. */
export const MOF2020: SchemeSpec = {
  id: "mof2020",
  title: "项目支出绩效自评表",
  moneyBlock: { weight: 10 },
  tree: [
    group("产出指标", 50, [
      group("数量指标", 15, [ind(placeholder("数量指标名称"), 15, "正向")]),
      group("质量指标", 15, [ind(placeholder("质量指标名称"), 15, "正向")]),
      group("时效指标", 10, [ind(placeholder("时效指标名称"), 10, "正向")]),
      group("成本指标", 10, [ind(placeholder("成本指标名称"), 10, "反向")]),
    ]),
    group("效益指标", 30, [
      group("经济效益指标", 5, [ind(placeholder("经济效益指标名称"), 5, "定性")]),
      group("社会效益指标", 10, [ind(placeholder("社会效益指标名称"), 10, "定性")]),
      group("生态效益指标", 5, [ind(placeholder("生态效益指标名称"), 5, "定性")]),
      group("可持续影响指标", 10, [ind(placeholder("可持续影响指标名称"), 10, "定性")]),
    ]),
    group("满意度指标", 10, [group("服务对象满意度指标", 10, [ind(placeholder("满意度指标名称"), 10, "正向")])]),
  ],
};

/**
 * 部门整体支出 — the seed's system: 投入 7, 过程 24, 产出 57, 效益 10 (= 98, as the seed states;
 * the checker says so and the user decides), 4 一级, 10 二级, 30 三级 indicators.
 */
export const DEPARTMENT: SchemeSpec = {
  id: "department",
  title: "部门整体支出绩效自评表",
  tree: [
    group("投入", 7, [
      group("目标设定", 2, [ind("绩效目标合理性", 1, "定性"), ind("绩效指标明确性", 1, "定性")]),
      group("预算配置", 2, [ind("在职人员控制率", 1, "反向", { target: 1 }), ind("“三公经费”变动率", 1, "反向", { target: 0 })]),
      group("资金落实", 3, [ind("资金到位率", 3, "比率（资金到位率）", { target: 1 })]),
    ]),
    group("过程", 24, [
      group("预算执行", 12, [
        ind("预算完成率", 3, "比率", { target: 1 }),
        ind("预算调整率", 2, "反向", { target: 0.05 }),
        ind("支付进度率", 2, "正向", { target: 1 }),
        ind("结转结余率", 2, "反向", { target: 0.05 }),
        ind("公用经费控制率", 1, "反向", { target: 1 }),
        ind("“三公经费”控制率", 1, "反向", { target: 1 }),
        ind("政府采购执行率", 1, "正向", { target: 1 }),
      ]),
      group("预算管理", 7, [
        ind("管理制度健全性", 2, "定性"),
        ind("资金使用合规性", 2, "定性"),
        ind("预决算信息公开性", 2, "定性"),
        ind("基础信息完善性", 1, "定性"),
      ]),
      group("资产管理", 5, [ind("资产管理制度健全性", 2, "定性"), ind("资产管理安全性", 2, "定性"), ind("固定资产利用率", 1, "正向", { target: 1 })]),
    ]),
    group("产出", 57, [
      group("职责履行", 45, [
        ind("实际完成率", 12, "正向", { target: 1 }),
        ind("完成及时率", 11, "正向", { target: 1 }),
        ind("质量达标率", 11, "正向", { target: 1 }),
        ind("重点工作办结率", 11, "正向", { target: 1 }),
      ]),
      group("成本控制", 12, [ind("成本节约率", 12, "扣分：每低于目标1个百分点扣0.5分", { target: 0 })]),
    ]),
    group("效益", 10, [
      group("履职效益", 6, [ind("经济效益", 2, "定性"), ind("社会效益", 2, "定性"), ind("生态效益", 1, "定性"), ind("可持续影响", 1, "定性")]),
      group("满意度", 4, [ind("服务对象满意度", 2, "阶梯：≥95%得100%，≥90%得80%，≥80%得60%，否则得0%", { target: 0.95 }), ind("社会公众满意度", 2, "正向", { target: 0.9 })]),
    ]),
  ],
};

export const SCHEMES: Record<string, SchemeSpec> = { mof2020: MOF2020, department: DEPARTMENT };

export function isGroup(n: SchemeGroup | SchemeIndicator): n is SchemeGroup {
  return "children" in n;
}
