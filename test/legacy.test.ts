/**
 * The legacy pane (Internet Explorer 11 / Edge Legacy): every ES5 bundle parses as ES5 (acorn,
 * ecmaVersion 5); the ES5 core run in Duktape (an ES5.1 engine) gives the same facts as Node on the
 * bundled sample; and the real taskpane.html, loaded with IE 11's user agent in Chromium, picks the
 * legacy pane, which goes through the four steps on the Office.js double (a stand-in office.js, no
 * network), selects an issue's cell, and says plainly what to use where ExcelApi is only 1.1.
 */
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import * as acorn from "acorn";
import { build } from "esbuild";
import { Browser, chromium } from "playwright-core";
import { plan, WorkbookSnapshot } from "../src/core";
import { XlsxHost } from "../src/xlsx/host";
import { SAMPLE } from "./helpers/books";
import { clickThrough, SCORE_AND_REPORT } from "./helpers/served";

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "test-output");
const DIST = path.join(OUT, "dist-legacy");
const IE11 = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; ms-office; MSOffice 16) like Gecko";

let snapshot: WorkbookSnapshot;
let standin = "";
let server: http.Server;
let origin = "";
let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  if (!process.env.E2E_REUSE_BUILD || !existsSync(path.join(DIST, "es5", "legacy.js")))
    execFileSync("npx", ["webpack", "--mode", "production", "--output-path", DIST], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  snapshot = await (await XlsxHost.fromBuffer(readFileSync(SAMPLE), "xlsx")).read();
  const bundle = await build({ entryPoints: [path.join(__dirname, "helpers", "office-standin.ts")], bundle: true, write: false, format: "iife", platform: "browser", target: "es2019", logLevel: "silent" });
  standin = `window.__BOOK__ = ${JSON.stringify(snapshot)};\n` + bundle.outputFiles[0].text;
  server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (rel === "/office-js/office.js") {
      res.writeHead(200, { "content-type": "text/javascript" }).end(standin);
      return;
    }
    const file = path.join(DIST, rel);
    if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": rel.endsWith(".html") ? "text/html; charset=utf-8" : "text/javascript" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

const es5Files = () => [...readdirSync(path.join(DIST, "es5")).filter((f) => f.endsWith(".js")).map((f) => path.join(DIST, "es5", f)), path.join(DIST, "issues.js")];

test("every legacy bundle parses as ES5 (acorn, ecmaVersion 5); the modern one does not need to", () => {
  const files = es5Files();
  expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(["legacy.js", "selfeval-core.js", "issues.js"]));
  const sizes: string[] = [];
  for (const f of files) {
    const src = readFileSync(f, "utf8");
    expect(() => acorn.parse(src, { ecmaVersion: 5 })).not.toThrow();
    sizes.push(`${path.relative(DIST, f)} ${(src.length / 1024).toFixed(0)} KiB, gzip ${(gzipSync(src).length / 1024).toFixed(0)} KiB`);
  }
  console.log(sizes.join("\n"));
  // The check can fail: the modern bundle is not ES5.
  expect(() => acorn.parse(readFileSync(path.join(DIST, "taskpane.js"), "utf8"), { ecmaVersion: 5 })).toThrow();
});

test("the ES5 core in Duktape (ES5.1) gives the same facts as Node on the bundled sample", () => {
  const opts = { mode: "formulas" as const, scheme: "department" };
  const node = JSON.stringify(plan(snapshot, opts).facts);
  const script = path.join(OUT, "duktape-facts.js");
  writeFileSync(
    script,
    readFileSync(path.join(DIST, "es5", "selfeval-core.js"), "utf8") + `\nprint(selfevalCore.factsJson(${JSON.stringify(snapshot)}, ${JSON.stringify(opts)}));\n`,
  );
  const out = execFileSync("duk", [script], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).trim();
  expect(JSON.parse(out).narrative.length).toBeGreaterThan(20);
  expect(out).toBe(node);
});

test("taskpane.html in IE 11's user agent: the legacy pane, the four steps on the Office.js double, an issue selects its cell", async () => {
  const context = await browser.newContext({ userAgent: IE11, acceptDownloads: true });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${origin}/taskpane.html`);
  await page.getByTestId("legacy-pane").waitFor();
  expect(requests.some((u) => u.endsWith("/es5/legacy.js"))).toBe(true);
  expect(requests.some((u) => u.endsWith("/taskpane.js"))).toBe(false);
  const status = (re: RegExp) => page.getByTestId("status").filter({ hasText: re }).waitFor();
  await page.getByTestId("detected").filter({ hasText: /项目资金表.*A3:I15.*元.*11/ }).waitFor();

  await page.getByRole("button", { name: "写入到位率" }).click();
  await status(/写入到位率：完成（3 次往返）/);
  expect(await page.evaluate(() => (window as unknown as { __double: { sheet: (n: string) => { get: (r: number, c: number) => { f: string } } } }).__double.sheet("项目资金表").get(4, 10).f)).toBe('=IF(F4="","",IFERROR(F4/C4,""))');

  await page.getByRole("combobox", { name: "指标体系" }).selectOption("department");
  await clickThrough(page, SCORE_AND_REPORT);
  // The sample's report has one error (预算收支!B12): the line says so, in red, never a green 完成.
  expect(await page.getByTestId("status").textContent()).toMatch(/^生成报告：完成，但有 1 个错误，见问题清单（\d+ 次往返）。$/);
  expect(await page.getByTestId("status").evaluate((e) => getComputedStyle(e).color)).toBe("rgb(164, 38, 44)");
  const report = await page.getByTestId("report-text").inputValue();
  expect(report).toContain("1、友好商会交流工作经费工作项目资金5万元，其中：区本级财政资金5万元，分别投入到1个项目，投入资金3.97万元，资金到位率79.32%。");
  await page.getByRole("button", { name: "复制全文" }).click();
  expect(await page.evaluate(() => { const t = document.querySelector("textarea")!; return t.selectionEnd - t.selectionStart; })).toBe(report.length);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载 Word" }).click()]);
  expect(download.suggestedFilename()).toBe("重庆市璧山区工商业联合会2020年整体支出绩效自评报告.docx");

  const issue = page.locator('[data-testid=issues] button[data-cell="预算收支!B12"]');
  await expect(issue.textContent()).resolves.toMatch(/23\.74万元 与各分项之和 23\.72万元 不一致/);
  await issue.click();
  await page.waitForFunction(() => JSON.stringify((window as unknown as { __double: { book: { selected?: unknown } } }).__double.book.selected) === JSON.stringify({ sheet: "预算收支", address: "B12" }));
  await page.screenshot({ path: path.join(OUT, "legacy-pane.png"), fullPage: true });

  // Another scheme over the 评分表 made above: nothing replaced until the user says yes.
  const sheetNames = () => page.evaluate(() => (window as unknown as { __double: { book: { sheets: { name: string }[] } } }).__double.book.sheets.map((x) => x.name));
  const before = await sheetNames();
  await page.getByRole("combobox", { name: "指标体系" }).selectOption("mof2020");
  await page.getByRole("button", { name: "创建评分表" }).click();
  const ask = page.getByTestId("confirm-replace");
  await ask.filter({ hasText: /^工作簿中已有评分表“评分表”。改按“.*”重建吗？原表会保留为副本。/ }).waitFor();
  expect(await sheetNames()).toEqual(before);
  // Another scheme chosen meanwhile: the question was about the one before, so it goes.
  await page.getByRole("combobox", { name: "指标体系" }).selectOption("department");
  expect(await ask.isVisible()).toBe(false);
  await page.getByRole("combobox", { name: "指标体系" }).selectOption("mof2020");
  await page.getByRole("button", { name: "创建评分表" }).click();
  await ask.waitFor();
  await ask.getByRole("button", { name: "取消" }).click();
  await status(/^未替换：评分表“评分表”保持不变。$/);
  expect(await ask.isVisible()).toBe(false);
  await page.getByRole("button", { name: "创建评分表" }).click();
  await ask.getByRole("button", { name: "替换" }).click();
  await status(/创建评分表：完成/);
  expect(await ask.isVisible()).toBe(false);
  const after = await sheetNames();
  expect(after).toEqual(expect.arrayContaining([...before, "评分表（原）"]));
  expect(after.length).toBe(before.length + 1);

  expect(errors).toEqual([]);
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"))).toEqual([]);
  await context.close();
}, 180_000);

test("an Excel with only ExcelApi 1.1 (Office 2016 volume-licensed): the pane says in Chinese what to use instead", async () => {
  const context = await browser.newContext({ userAgent: IE11 });
  const page = await context.newPage();
  await page.goto(`${origin}/taskpane.html?api=1.1`);
  const alert = page.getByRole("alert");
  await alert.waitFor();
  const text = await alert.innerText();
  for (const need of ["Office 2019 或更高版本", "Microsoft 365", "Excel 网页版", "独立网页版"]) expect(text).toContain(need);
  await context.close();
});
