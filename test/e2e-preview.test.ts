/**
 * End to end in headless Chromium: the production build of the browser preview (the real task pane
 * on the bundled sample), driven as a person would — detect, write formulas, build and recalculate
 * the score sheet, generate the report, click an issue — then the in-memory workbook saved as .xlsx
 * and every formula the pane wrote recalculated by LibreOffice against the decimal.js values.
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { Browser, Page } from "playwright-core";
import { computed, recalculate } from "./helpers/libreoffice";
import { buildOnce, clickThrough, launchChromium, SCORE_AND_REPORT, serve, Served } from "./helpers/served";

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "test-output");
const DIST = path.join(OUT, "dist");

let served: Served;
let origin = "";
let browser: Browser;
let page: Page;
const requests: string[] = [];

beforeAll(async () => {
  buildOnce(DIST, "preview.js");
  served = await serve(DIST);
  origin = served.origin;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1720, height: 900 } });
  page.on("request", (r) => requests.push(r.url()));
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

/** Waits until the pane's status line says this. */
const status = (re: RegExp) => page.getByTestId("status").filter({ hasText: re }).waitFor();

test("the preview: detect, write formulas, score sheet, recalculation, report, issues that select cells", async () => {
  await page.goto(`${origin}/preview.html`);
  await page.getByTestId("detected").waitFor();
  await expect(page.getByTestId("detected").textContent()).resolves.toMatch(/项目资金表.*A3:I15.*元.*11/);
  // The header row can be picked by selecting it in the sheet.
  await page.locator('[data-testid=grid] td[data-cell="B3"]').click();
  await page.getByRole("button", { name: "以选定行为表头" }).click();
  await page.getByTestId("detected").filter({ hasText: /A3:I15/ }).waitFor();

  // 2 写入到位率 (formulas)
  await page.getByRole("button", { name: "写入到位率" }).click();
  await status(/写入到位率：完成/);
  await expect(page.locator('[data-testid=grid] td[data-cell="J4"]').textContent()).resolves.toBe("79.32%");
  await expect(page.locator('[data-testid=grid] td[data-cell="J11"]').textContent()).resolves.toBe("100%");
  await expect(page.locator('[data-testid=grid] td[data-cell="J12"]').textContent()).resolves.toBe("96.30%");

  // 3 评分表: the seed's department scheme, then one-click recalculation
  await page.getByRole("combobox", { name: "指标体系" }).selectOption({ label: "部门整体支出（投入7、过程24、产出57、效益10）" });
  // then 一键重算, and 4 生成报告
  await clickThrough(page, SCORE_AND_REPORT);
  await page.getByRole("button", { name: /展开全文/ }).click(); // the preview shows the first paragraphs until then
  const preview = await page.getByTestId("report-preview").innerText();
  expect(preview).toContain("1、友好商会交流工作经费工作项目资金5万元，其中：区本级财政资金5万元，分别投入到1个项目，投入资金3.97万元，资金到位率79.32%。");
  expect(preview).toContain("整个指标体系分为投入（7分），过程（24分），产出（57分），效益（10分），共设置了4个一级指标，10个二级指标，30个三级指标。");

  // 下载 Word: a real .docx made in the browser by the same export as the command line.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载 Word" }).click()]);
  expect(download.suggestedFilename()).toBe("重庆市璧山区工商业联合会2020年整体支出绩效自评报告.docx");
  const docx = await JSZip.loadAsync(readFileSync((await download.path())!));
  const docXml = await docx.file("word/document.xml")!.async("string");
  expect(docXml).toContain("资金到位率79.32%");
  expect(docXml).toContain('w:eastAsia="仿宋_GB2312"');

  await page.getByRole("tab", { name: "项目资金表" }).click();
  await page.evaluate(() => document.querySelectorAll("div").forEach((d) => (d.scrollTop = 0)));
  await page.screenshot({ path: path.join(OUT, "preview.png") });

  // The issues are in view; clicking one selects its cell in the grid.
  const issue = page.locator('[data-testid=issues] button[data-cell="预算收支!B12"]');
  await expect(issue.textContent()).resolves.toMatch(/23\.74万元 与各分项之和 23\.72万元 不一致/);
  await issue.click();
  await page.locator('[data-testid=grid][data-sheet="预算收支"] td[data-cell="B12"][aria-selected=true]').waitFor();
  await expect(page.evaluate(() => window.selfevalPreview!.selected())).resolves.toEqual({ sheet: "预算收支", cell: "B12" });

  // 复制全文: the clipboard, or the selectable text where it is blocked.
  await page.getByRole("button", { name: "复制全文" }).click();
  await status(/已复制到剪贴板|全文已选中/);
  await page.screenshot({ path: path.join(OUT, "preview-issue.png") });

  // English switch.
  await page.getByRole("switch", { name: "English" }).click();
  await page.getByRole("heading", { name: "Self-Evaluation Assistant" }).waitFor();
  await page.getByRole("button", { name: "Generate report" }).waitFor();

  // Nothing was requested outside the pane's own origin (works on an intranet with no internet).
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"))).toEqual([]);

  // The workbook the pane wrote, recalculated by LibreOffice: every formula equals decimal.js.
  const xlsx = Buffer.from(await page.evaluate(() => window.selfevalPreview!.saveXlsx()), "base64");
  writeFileSync(path.join(OUT, "preview-workbook.xlsx"), xlsx);
  const expectations = await page.evaluate(() => window.selfevalPreview!.expectations());
  expect(expectations.length).toBeGreaterThan(40);
  const lo = await recalculate(xlsx);
  const mismatches: string[] = [];
  for (const e of expectations) {
    const got = computed(lo.getWorksheet(e.sheet)!, e.cell);
    const ok =
      e.expect === ""
        ? got === "" || got === null || got === undefined
        : /^-?[\d.]+$/.test(e.expect)
          ? typeof got === "number" && Math.abs(got - Number(e.expect)) <= 1e-12
          : got === e.expect;
    if (!ok) mismatches.push(`${e.sheet}!${e.cell}: LibreOffice ${JSON.stringify(got)}, decimal.js ${e.expect}`);
  }
  expect(mismatches).toEqual([]);
  const rates = expectations.filter((e) => e.sheet === "项目资金表");
  expect(rates).toHaveLength(12);
  expect(lo.getWorksheet("项目资金表")!.getCell("J4").type).toBe(ExcelJS.ValueType.Formula);
}, 300_000);

test("the pane's JavaScript: size measured, office.js served from the add-in's own files", () => {
  const js = readFileSync(path.join(DIST, "taskpane.js"));
  const gz = gzipSync(js).length;
  console.log(`taskpane.js ${(js.length / 1024).toFixed(0)} KiB, gzip ${(gz / 1024).toFixed(0)} KiB`);
  expect(gz).toBeLessThan(600 * 1024);
  expect(existsSync(path.join(DIST, "office-js", "office.js"))).toBe(true);
  expect(readFileSync(path.join(DIST, "taskpane.html"), "utf8")).toMatch(/<script src="?office-js\/office\.js"?><\/script>/);
  expect(readFileSync(path.join(DIST, "taskpane.html"), "utf8")).not.toMatch(/https?:\/\/(?!localhost)/);
});

test("keyboard and screen reader: every control labelled (axe), the steps reachable with Tab, values mode by keys alone", async () => {
  await page.goto(`${origin}/preview.html`); // a fresh in-memory copy of the sample
  await page.getByTestId("detected").waitFor();
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
    const r = await axe.run(document.querySelector("main"), { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] } });
    return r.violations.map((v) => `${v.impact} ${v.id} ×${v.nodes.length}`);
  });
  expect(violations.filter((v) => /^(critical|serious)/.test(v))).toEqual([]);

  // Tab from the top reaches 写入到位率 after the mapping controls (their fold opened by Enter), before the later steps.
  const order: string[] = [];
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 80 && !order.includes("生成报告"); i++) {
    await page.keyboard.press("Tab");
    order.push(await page.evaluate(() => (document.activeElement?.getAttribute("aria-label") || document.activeElement?.textContent || "").trim()));
    if (order[order.length - 1].includes("列对应关系") && (await page.evaluate(() => document.activeElement?.getAttribute("aria-expanded"))) === "false") await page.keyboard.press("Enter");
  }
  const at = (name: string) => order.findIndex((x) => x === name);
  expect(at("项目名称")).toBeGreaterThanOrEqual(0);
  expect(at("写入到位率")).toBeGreaterThan(at("项目名称"));
  expect(at("创建评分表")).toBeGreaterThan(at("写入到位率"));
  expect(at("生成报告")).toBeGreaterThan(at("创建评分表"));

  // Values mode with the keyboard: the radio group by arrow keys, the button by Enter.
  await page.getByRole("radio", { name: /公式/ }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: "数值" }).isChecked()).resolves.toBe(true);
  await page.getByRole("button", { name: "写入到位率" }).focus();
  await page.keyboard.press("Enter");
  await status(/写入到位率：完成/);
  const j4 = page.locator('[data-testid=grid] td[data-cell="J4"]');
  await expect(j4.textContent()).resolves.toBe("79.32%");
  await expect(j4.getAttribute("title")).resolves.toBe("79.32%"); // a value now, not a formula
  await expect(page.evaluate(() => window.selfevalPreview!.expectations().filter((e) => e.sheet === "项目资金表").length)).resolves.toBe(0);
});
