/** Issues are data; their words come from one catalogue, in Chinese and in English. */
import { ISSUE_DEFS, internalError, issueJson, issueLine, makeIssue, partsParam, renderIssue } from "../src/core";

const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test("every code has both languages with the same placeholders", () => {
  for (const [code, def] of Object.entries(ISSUE_DEFS)) {
    expect({ code, en: placeholders(def.en) }).toEqual({ code, en: placeholders(def.zh) });
    expect(def.en.replace(/"[^"]*"/g, "")).not.toMatch(/[，。；：“”（）]/); // Chinese punctuation only inside quoted Chinese text
  }
});

test("one issue, rendered from its params in zh-CN and en-US", () => {
  const i = makeIssue("RATE_MISMATCH", "项目资金表", "D3", { rateName: "资金到位率", typed: "79.40%", computed: "79.32%", invested: "39660元", budget: "50000元" });
  expect(i).toEqual({ code: "RATE_MISMATCH", severity: "error", sheet: "项目资金表", cells: ["D3"], params: { rateName: "资金到位率", typed: "79.40%", computed: "79.32%", invested: "39660元", budget: "50000元" } });
  expect(renderIssue(i, "zh")).toBe("D3 填写的资金到位率 79.40% 与金额计算结果 79.32% 不一致（39660元 ÷ 50000元）。");
  expect(renderIssue(i, "en")).toBe("D3: the typed funds-in-place rate 79.40% differs from the rate of the amounts, 79.32% (39660 yuan ÷ 50000 yuan).");
  expect(issueLine(i, "en")).toBe("Error 项目资金表!D3: " + renderIssue(i, "en"));
});

test("terms in params are translated; user data is not", () => {
  const i = makeIssue("BUDGET_ZERO", "S", "B9", { name: "零预算", field: "项目资金" });
  expect(renderIssue(i, "zh")).toBe("B9 项目“零预算”的项目资金为 0，不计算资金到位率。");
  expect(renderIssue(i, "en")).toBe('B9: project "零预算" has the project budget 0; no rate is computed.');
});

test("several cells: the first leads the message, all are listed", () => {
  const i = makeIssue("WEIGHT_TOTAL", "评分表", ["D4", "D13"], { sum: "98", parts: "投入7 + 过程91" });
  expect(renderIssue(i)).toBe("一级指标分值合计 98（投入7 + 过程91），不是 100；请确认指标体系（涉及 D4、D13）。");
  expect(renderIssue(i, "en")).toBe("The level-1 weights add up to 98 (投入7 + 过程91), not 100; please check the scheme (D4, D13).");
});

test("a bug is INTERNAL_ERROR, says it is ours, and is never a data code", () => {
  const i = internalError(new TypeError("x is undefined"));
  expect(i.code).toBe("INTERNAL_ERROR");
  expect(renderIssue(i)).toMatch(/^内部错误（程序缺陷，不是您的数据有问题.*TypeError: x is undefined$/);
  expect(issueJson(i).message).toBe(renderIssue(i));
});

test("the parts of a sum are data with their cells: each name and amount in the reader's language", () => {
  const i = makeIssue("SUM_MISMATCH", "预算表", "B12", {
    what: "支出较上年增减",
    stated: "23.72万元",
    computed: "23.74万元",
    diff: "0.02万元",
    tolerance: "0.01万元",
    parts: partsParam([
      { name: "基本支出增减", amount: "−44.99万元", cell: "B13" },
      { name: "项目支出增减", amount: "68.73万元", cell: "B14" },
    ]),
  });
  expect(renderIssue(i, "zh")).toBe("B12 支出较上年增减 23.72万元 与各分项之和 23.74万元 不一致（相差 0.02万元，超出四舍五入尾差 0.01万元）；分项：基本支出增减 −44.99万元（B13） + 项目支出增减 68.73万元（B14）。");
  expect(renderIssue(i, "en")).toBe(
    "B12: the change in spending over last year 23.72 × 10,000 yuan differs from the sum of its parts, 23.74 × 10,000 yuan (by 0.02 × 10,000 yuan, beyond the rounding tolerance 0.01 × 10,000 yuan); parts: change in basic spending −44.99 × 10,000 yuan (B13) + change in project spending 68.73 × 10,000 yuan (B14).",
  );
  // A part the user named stays as named; a blank part says so.
  const b = makeIssue("BREAKDOWN_MISMATCH", "S", "C5", { name: "甲", field: "全年预算数", parts: partsParam([{ name: "其中：本年财政拨款", amount: "500元", cell: "C6" }, { name: "上年结转", amount: "（空）" }]) });
  expect(renderIssue(b, "en")).toContain("其中：本年财政拨款 500 yuan (C6) + 上年结转 (empty)");
});
