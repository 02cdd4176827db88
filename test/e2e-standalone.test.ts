/**
 * The standalone page end to end, in headless Chromium on its production build (dist/standalone/
 * as `npm run build:standalone` writes it), served by `selfeval serve` and opened from file://:
 * a unit's own workbook (fangzhen-2021's layout with a chart and notes on its fund table) opened
 * by 打开工作簿 and by dropping it on the page, every step run, the 实际完成值 and 偏差原因 typed into
 * the grid, 一键重算, the report, 下载 Word, 保存工作簿. The saved workbook: what LibreOffice shows
 * after recalculating it is what the page showed; the chart and the notes are kept (part by part,
 * and LibreOffice still finds them); it equals what the command line writes for the same input and
 * choices, cell by cell; the file:// run saves the same bytes as the HTTP run. No request leaves
 * the page's own files. Screenshots: docs/standalone*.png.
 */
import { ChildProcess, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import JSZip from "jszip";
import { Browser, Page } from "playwright-core";
import { CellContent, columnLetters, Decimal, parseA1 } from "../src/core";
import { OoxmlPackage } from "../src/ooxml";
import { XlsxHost } from "../src/xlsx/host";
import { runCli, SAMPLE, tempDir } from "./helpers/books";
import { CHART_TITLE, fundBookWithChartAndComments, NOTES } from "./helpers/chartbook";
import { compareFidelity } from "./helpers/fidelity";
import { saveThroughLibreOffice, shownText } from "./helpers/libreoffice";
import { buildOnce, launchChromium } from "./helpers/served";

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "test-output");
const DIST = path.join(OUT, "dist-standalone");
const PAGE_DIR = path.join(DIST, "standalone");
const DOCS = path.join(ROOT, "docs");
const BIN = path.join(ROOT, "bin", "selfeval.js");
const INPUT_NAME = "宣城市地震局项目资金.xlsx";
const FUND = "项目资金表";
const SCORE = "评分表";
const FORM = "防震减灾科普宣传";

/** A cell typed on the page, how it is typed, and what the cell must hold then (as typed in Excel). */
interface Typed {
  sheet: string;
  cell: string;
  text: string;
  content: CellContent;
  /** In the cell (double-click), by just typing on the selected cell, or in the bar above the grid. */
  how: "cell" | "keys" | "bar";
}
const num = (value: number): CellContent => ({ kind: "number", value });
const txt = (text: string): CellContent => ({ kind: "text", text });
const typed = (sheet: string, rows: [string, string | number, Typed["how"]?][]): Typed[] =>
  rows.map(([cell, v, how]) => ({ sheet, cell, text: String(v), content: typeof v === "number" ? num(v) : txt(v), how: how ?? "cell" }));

/** The 评分表 (mof2020): each indicator named, its target and what was achieved, two reasons. */
const SCORE_TYPING = typed(SCORE, [
  ["C12", "科普讲座场次"],
  ["F12", 40, "keys"],
  ["G12", 46, "keys"],
  ["C14", "讲座满意率", "bar"],
  ["F14", "≥90%"],
  ["G14", "96%"],
  ["C16", "完成时间"],
  ["F16", "11月底前"],
  ["G16", "11月20日"],
  ["C18", "讲座成本"],
  ["F18", "≤12万元"],
  ["G18", "12.5万元"],
  ["I18", "=场地租金上涨（以文字保存，不是公式）", "bar"],
  ["C21", "带动防灾产业"],
  ["G21", "达成"],
  ["C23", "群众防震意识"],
  ["G23", "部分达成"],
  ["I23", "农村覆盖面不足，明年增加乡镇场次"],
  ["C25", "不适用"],
  ["G25", "达成"],
  ["C27", "长效宣传机制"],
  ["G27", "达成"],
  ["C30", "群众满意度"],
  ["F30", "90%"],
  ["G30", "93%"],
]);

/** The project's own 自评表, which its 项目支出 report describes. */
const FORM_TYPING = typed(FORM, [
  ["B11", "开展防震减灾科普讲座40场"],
  ["E11", "开展46场，覆盖12个乡镇"],
  ["C13", "科普讲座场次"],
  ["D13", 40, "keys"],
  ["E13", 46, "keys"],
  ["C14", "讲座满意率"],
  ["D14", "≥90%"],
  ["E14", "96%"],
  ["C15", "完成时间"],
  ["D15", "11月底前"],
  ["E15", "11月20日"],
  ["C16", "讲座成本"],
  ["D16", "≤12万元"],
  ["E16", "12.5万元"],
  ["H16", "场地租金上涨，明年改用学校礼堂"],
  ["C17", "群众防震意识"],
  ["D17", "明显提升"],
  ["E17", "部分达成"],
  ["H17", "农村覆盖面不足，明年增加乡镇场次"],
  ["C18", "长效宣传机制"],
  ["D18", "建立"],
  ["E18", "建立"],
  ["C19", "群众满意度"],
  ["D19", "90%"],
  ["E19", "93%"],
]);
const TYPING = [...SCORE_TYPING, ...FORM_TYPING];

let browser: Browser;
let server: ChildProcess;
let origin = "";
let input: Uint8Array;
let inputFile = "";

beforeAll(async () => {
  buildOnce(DIST, "standalone/index.html", ["--config-name", "standalone"]);
  input = await fundBookWithChartAndComments();
  inputFile = path.join(tempDir("standalone-"), INPUT_NAME);
  writeFileSync(inputFile, input);
  // The page served as a user serves it: `selfeval serve` (any free port).
  server = spawn(process.execPath, [BIN, "serve", "--port", "0", "--dir", PAGE_DIR], { stdio: ["ignore", "pipe", "pipe"] });
  origin = await new Promise<string>((resolve, reject) => {
    let out = "";
    server.stdout!.on("data", (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) resolve(m[0]);
    });
    server.on("exit", (code) => reject(new Error(`selfeval serve exited ${code}`)));
  });
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (server?.pid) process.kill(server.pid, "SIGTERM");
});

const grid = (page: Page, sheet: string) => page.locator(`[data-testid=grid][data-sheet="${sheet}"]`);
const cellOf = (page: Page, sheet: string, cell: string) => grid(page, sheet).locator(`td[data-cell="${cell}"]`);
const status = (page: Page, re: RegExp) => page.getByTestId("status").filter({ hasText: re }).waitFor();

async function showSheet(page: Page, sheet: string): Promise<void> {
  if (await grid(page, sheet).count()) return;
  await page.getByRole("tab", { name: sheet, exact: true }).click();
  await grid(page, sheet).waitFor();
}

/** Types one cell the way `how` says, and waits until the grid shows it. */
async function type(page: Page, t: Typed): Promise<void> {
  await showSheet(page, t.sheet);
  const td = cellOf(page, t.sheet, t.cell);
  if (t.how === "cell") {
    await td.dblclick();
    await td.locator("input").fill(t.text);
    await td.locator("input").press("Enter");
  } else if (t.how === "keys") {
    await td.click();
    await page.keyboard.type(t.text);
    await page.keyboard.press("Tab");
  } else {
    await td.click();
    const bar = page.getByTestId("cell-content");
    await bar.click();
    await bar.fill(t.text);
    await bar.press("Enter");
  }
  await grid(page, t.sheet).locator(`td[data-cell="${t.cell}"]:not(:has(input))`).filter({ hasText: t.text }).waitFor();
}

/** The text of every cell the tool wrote a formula into, on these sheets, as the page shows it. */
async function shownOnPage(page: Page, sheets: string[]): Promise<Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, string>> = {};
  for (const sheet of sheets) {
    await showSheet(page, sheet);
    out[sheet] = await grid(page, sheet).evaluate((table) => Object.fromEntries([...table.querySelectorAll("td[data-written]")].map((td) => [td.getAttribute("data-cell")!, td.textContent ?? ""])));
  }
  return out;
}

/** A file dragged from the desktop and dropped on the page (the drop zone lights up first). */
async function drop(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const data = await page.evaluateHandle(
    ({ b64, name }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))], name));
      return dt;
    },
    { b64: Buffer.from(bytes).toString("base64"), name },
  );
  await page.dispatchEvent("[data-testid=drop-zone]", "dragover", { dataTransfer: data });
  await page.getByTestId("drop-zone").filter({ hasText: "松开鼠标即可打开" }).waitFor();
  await page.dispatchEvent("[data-testid=drop-zone]", "drop", { dataTransfer: data });
}

/** A screenshot into test-output/ and docs/. */
async function shot(page: Page, name: string): Promise<void> {
  // No focus ring or hover left from the last click: the same picture every run.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(1, page.viewportSize()!.height - 1);
  await page.screenshot({ path: path.join(OUT, name), animations: "disabled" });
  mkdirSync(DOCS, { recursive: true });
  copyFileSync(path.join(OUT, name), path.join(DOCS, name));
}

interface RunResult {
  saved: Buffer;
  savedName: string;
  shown: Record<string, Record<string, string>>;
  report: string;
  docx: Buffer;
  requests: string[];
}

/** Every step on the page at `url`, as a person would; `open` puts the workbook into the page. */
async function runEverything(page: Page, url: string, open: (page: Page) => Promise<void>, shots: boolean): Promise<RunResult> {
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);

  await page.getByRole("heading", { name: "绩效自评助手" }).waitFor();
  await expect(page.getByTestId("privacy").textContent()).resolves.toMatch(/只在本机的浏览器里处理，不会上传/);
  if (shots) await shot(page, "standalone-open.png");
  await open(page);

  // 1 识别表格: the fund table of the other layout (年初/全年, 到位/执行, 其中 rows).
  await page.getByTestId("detected").waitFor();
  await expect(page.getByTestId("detected").textContent()).resolves.toMatch(new RegExp(`${FUND}.*A3:F13.*元.*4`));
  // 2 写入到位率 (formulas)
  await page.getByRole("button", { name: "写入到位率" }).click();
  await status(page, /写入到位率：完成/);
  await expect(cellOf(page, FUND, "G11").textContent()).resolves.toBe("100%");
  await expect(cellOf(page, FUND, "H11").textContent()).resolves.toBe("82.30%");
  // 3 评分表 (财预〔2020〕10号) and each project's 自评表
  await page.getByRole("button", { name: "创建评分表" }).click();
  await status(page, /创建评分表：完成/);
  await page.getByRole("button", { name: "生成自评表" }).click();
  await status(page, /生成自评表：完成/);

  // The grid refuses what cannot be typed, naming the cell; nothing is written.
  await showSheet(page, SCORE);
  await cellOf(page, SCORE, "H12").dblclick();
  await expect(page.getByTestId("grid-problem").textContent()).resolves.toBe("评分表!H12 是公式，不能在网页中修改（请在 Excel 或 WPS 中修改）。");
  await expect(cellOf(page, SCORE, "H12").locator("input").count()).resolves.toBe(0);

  // The 实际完成值, the targets, the names and the 偏差原因, typed into the grid.
  for (const t of TYPING) await type(page, t);
  await expect(page.getByTestId("edits").textContent()).resolves.toMatch(new RegExp(`已改动 ${TYPING.length} 个单元格`));
  expect(await grid(page, FORM).locator("td[data-stale]").count()).toBeGreaterThan(0);
  // 一键重算 (from the note above the grid): every score written again, nothing waits any more.
  await page.getByTestId("edits").locator("..").getByRole("button", { name: "一键重算" }).click();
  await status(page, /一键重算：完成/);
  expect(await page.locator("td[data-stale]").count()).toBe(0);
  await expect(page.getByTestId("edits").count()).resolves.toBe(0);
  await expect(cellOf(page, FORM, "G20").textContent()).resolves.toMatch(/^\d+\.\d\d$/); // the total
  await expect(cellOf(page, FORM, "G21").textContent()).resolves.toMatch(/^[优良中差]$/); // the grade

  // 4 生成报告: 项目支出, the project typed in (its form), 下载 Word.
  await page.getByRole("combobox", { name: "报告类型" }).selectOption({ label: "项目支出" });
  await page.getByRole("combobox", { name: "哪个项目" }).selectOption({ label: FORM });
  await page.getByRole("button", { name: "生成报告" }).click();
  await status(page, /生成报告：完成/);
  await page.getByRole("button", { name: /展开全文/ }).click();
  const report = await page.getByTestId("report-preview").innerText();
  if (shots) {
    // The project's form in the grid (typed, scored, graded); the pane at its report.
    await showSheet(page, FORM);
    await page.locator("#step4").evaluate((h) => h.closest("section")!.scrollIntoView());
    await page.mouse.move(1, 760);
    await shot(page, "standalone.png");
  }
  const [word] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载 Word" }).click()]);
  const docx = readFileSync((await word.path())!);

  const shown = await shownOnPage(page, [FUND, SCORE, FORM]);

  // 保存工作簿: a new file, named after the one opened.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "保存工作簿" }).click()]);
  const saved = readFileSync((await download.path())!);
  await page.getByTestId("page-note").filter({ hasText: /已保存为/ }).waitFor();
  expect(errors).toEqual([]);
  return { saved, savedName: download.suggestedFilename(), shown, report, docx, requests };
}

let http: RunResult;

test("over HTTP (selfeval serve): open, every step, typing, save — LibreOffice shows what the page showed, chart and notes kept, the command line writes the same", async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  http = await runEverything(
    page,
    `${origin}/`,
    async (p) => {
      await p.getByTestId("file-input").setInputFiles(inputFile);
      await expect(p.getByTestId("file-name").textContent()).resolves.toBe(INPUT_NAME);
    },
    true,
  );
  await page.close();
  expect(http.savedName).toBe("宣城市地震局项目资金-自评.xlsx");
  writeFileSync(path.join(OUT, "standalone-saved.xlsx"), http.saved);

  // Nothing outside the page's own origin (no CDN, no font, no upload).
  expect(http.requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith("blob:") && !u.startsWith("data:"))).toEqual([]);

  // The report and the Word file carry what was typed.
  expect(http.report).toContain("宣城市地震局防震减灾科普宣传2021年度项目支出绩效自评报告");
  expect(http.report).toMatch(/科普讲座场次：年度指标值40，实际完成46，得\d+(\.\d+)?分/);
  const docXml = await (await JSZip.loadAsync(http.docx)).file("word/document.xml")!.async("string");
  expect(docXml).toContain("场地租金上涨，明年改用学校礼堂");

  // Only what the tool owns changed; the chart, its drawing and the notes byte for byte.
  const header = shownText(http.saved)[FUND][2];
  const rateCols = ["资金到位率", "预算执行率"].map((h) => header.indexOf(h) + 1);
  expect(rateCols.every((c) => c > 0)).toBe(true);
  const f = compareFidelity(input, http.saved, { [FUND]: rateCols });
  expect(f.problems).toEqual([]);
  expect(f.partsSame).toBeGreaterThanOrEqual(5);
  // …and LibreOffice still finds them in the saved workbook.
  const lo = OoxmlPackage.open(saveThroughLibreOffice(http.saved));
  expect(lo.parts.filter((p) => /charts\/chart\d+\.xml$/.test(p)).some((p) => lo.text(p).includes(CHART_TITLE))).toBe(true);
  // (LibreOffice writes a note's text as runs, one per script: the text is the runs together.)
  const comments = lo.parts
    .filter((p) => /comments\d*\.xml$/.test(p))
    .map((p) => lo.text(p).replace(/<[^>]+>/g, ""))
    .join("");
  for (const note of Object.values(NOTES)) expect(comments).toContain(note);

  // LibreOffice recalculates the saved workbook: every formula cell shows what the page showed.
  const lines = shownText(http.saved);
  const mismatches: string[] = [];
  let compared = 0;
  for (const [sheet, cells] of Object.entries(http.shown))
    for (const [cell, text] of Object.entries(cells)) {
      const at = parseA1(cell);
      const lo = lines[sheet]?.[at.row - 1]?.[at.col - 1] ?? "";
      compared++;
      if (lo !== text) mismatches.push(`${sheet}!${cell}: page ${JSON.stringify(text)}, LibreOffice ${JSON.stringify(lo)}`);
    }
  expect(mismatches).toEqual([]);
  expect(compared).toBeGreaterThanOrEqual(50);
  for (const sheet of [FUND, SCORE, FORM]) expect(Object.keys(http.shown[sheet]).length).toBeGreaterThan(5);
  // Typed text that looks like a formula stayed text.
  expect(lines[SCORE][17][8]).toBe("=场地租金上涨（以文字保存，不是公式）");

  // The command line on the same input with the same choices, step for step — recalc writes the
  // rates (a workbook without score sheets), report makes the 评分表 and the forms, the values are
  // typed in between as a person types them in Excel, report again — writes the same workbook.
  const dir = tempDir("standalone-cli-");
  const step = (n: number) => path.join(dir, `step${n}.xlsx`);
  expect((await runCli(["recalc", inputFile, "-o", step(1), "--mode", "formulas"])).code).toBeLessThan(2);
  expect((await runCli(["report", step(1), "-o", step(2), "--scheme", "mof2020", "--forms", "all"])).code).toBeLessThan(2);
  const host = await XlsxHost.fromBuffer(readFileSync(step(2)), "xlsx");
  for (const t of TYPING) await host.apply({ edits: [{ sheet: t.sheet, cells: [{ ...parseA1(t.cell), content: t.content }] }], sheets: [] });
  writeFileSync(step(3), await host.toBuffer());
  expect((await runCli(["recalc", step(3), "-o", step(4)])).code).toBeLessThan(2);
  expect((await runCli(["report", step(4), "-o", step(5), "--type", "project", "--project", FORM])).code).toBeLessThan(2);
  const cli = readFileSync(step(5));
  const [pageBook, cliBook] = await Promise.all([XlsxHost.fromBuffer(http.saved, "xlsx").then((h) => h.read()), XlsxHost.fromBuffer(cli, "xlsx").then((h) => h.read())]);
  expect(pageBook.sheetNames).toEqual(cliBook.sheetNames);
  const differences: string[] = [];
  for (const a of pageBook.sheets) {
    const b = cliBook.sheets.find((s) => s.name === a.name)!;
    const rows = Math.max(a.values.length, b.values.length);
    for (let r = 0; r < rows; r++) {
      const cols = Math.max(a.values[r]?.length ?? 0, b.values[r]?.length ?? 0);
      for (let c = 0; c < cols; c++) {
        const pick = (s: typeof a) => JSON.stringify([s.values[r]?.[c] ?? null, s.formulas?.[r]?.[c] ?? null, s.numberFormats?.[r]?.[c] ?? null]);
        if (pick(a) !== pick(b)) differences.push(`${a.name}!${columnLetters(c + 1)}${r + 1}: page ${pick(a)}, command line ${pick(b)}`);
      }
    }
  }
  expect(differences).toEqual([]);
  // And byte for byte, part by part (the package layer writes deterministically), the bookkeeping too.
  const [pagePkg, cliPkg] = [OoxmlPackage.open(http.saved), OoxmlPackage.open(cli)];
  expect(pagePkg.parts).toEqual(cliPkg.parts);
  expect(pagePkg.parts.filter((p) => Buffer.compare(Buffer.from(pagePkg.bytes(p)), Buffer.from(cliPkg.bytes(p))) !== 0)).toEqual([]);
}, 600_000);

test("opened from file:// (dropped on the page): the same steps save the same bytes; nothing requested beyond the folder", async () => {
  expect(http).toBeDefined();
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const local = await runEverything(
    page,
    pathToFileURL(path.join(PAGE_DIR, "index.html")).href,
    (p) => drop(p, INPUT_NAME, input),
    false,
  );
  await page.close();
  // The page, its one script (Word export and all) and its icon: nothing else, from the disk or elsewhere.
  const folder = pathToFileURL(PAGE_DIR).href + "/";
  expect([...new Set(local.requests.filter((u) => !u.startsWith("blob:")))].sort()).toEqual(["icon-32.png", "index.html", "standalone.js"].map((f) => folder + f));
  expect(local.shown).toEqual(http.shown);
  expect(local.report).toBe(http.report);
  expect(Buffer.compare(local.saved, http.saved)).toBe(0);
}, 600_000);

const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;

/**
 * axe's WCAG A and AA rules on the whole page: serious or critical findings. (Fluent's tab list
 * keeps focus in it with two hidden dummy elements, which axe counts as focusable in hiding.)
 */
async function accessibility(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string; nodes: { html: string }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<Result> } }).axe;
    // Colours as they settle: a button just clicked is still fading to its hover colour, and axe would measure it half-way.
    await Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished.catch(() => undefined)));
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] } });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !(v.id === "aria-hidden-focus" && n.html.includes("data-tabster-dummy"))) }))
      .filter((v) => v.nodes.length > 0)
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(" | ")}`);
  });
}

test("English by the switch, before and after a workbook is open; at 800 px wide nothing runs off the page; labelled for screen readers", async () => {
  // (CSP bypassed only to add axe to the page.)
  const page = await browser.newPage({ viewport: { width: 800, height: 768 }, bypassCSP: true });
  await page.goto(`${origin}/`);
  expect(await accessibility(page)).toEqual([]);
  await page.getByRole("switch", { name: "English" }).click();
  await page.getByTestId("privacy").filter({ hasText: "processed in this browser only and is never uploaded" }).waitFor();
  await page.getByTestId("file-input").setInputFiles(inputFile);
  // The pane starts in the page's language.
  await page.getByRole("heading", { name: "Self-Evaluation Assistant" }).waitFor();
  await page.getByRole("button", { name: "Write rates" }).click();
  await status(page, /Write rates: done/);
  expect(await accessibility(page)).toEqual([]);
  await cellOf(page, FUND, "G4").dblclick();
  await expect(page.getByTestId("grid-problem").textContent()).resolves.toBe("项目资金表!G4 is a formula and cannot be changed on this page (change it in Excel or WPS).");
  // The keys move as in Excel; Escape leaves a cell as it was.
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowUp");
  await expect(page.getByTestId("name-box").textContent()).resolves.toBe("F3");
  await page.keyboard.press("F2");
  await cellOf(page, FUND, "F3").locator("input").fill("改了又不要");
  await page.keyboard.press("Escape");
  await expect(cellOf(page, FUND, "F3").textContent()).resolves.toBe("全年执行数（元）");
  // The page's own words are English (the file's name and the sheets' are the workbook's).
  const bar = await page.getByRole("toolbar").evaluate((el) => [...el.querySelectorAll("button, [data-testid=privacy]")].map((e) => e.textContent).join(" "));
  expect(bar).toMatch(/^Open workbook Save workbook Your workbook/);
  expect(bar).not.toMatch(CJK);
  const wide = () => page.evaluate(() => document.documentElement.scrollWidth);
  expect(await wide()).toBeLessThanOrEqual(800);
  await page.mouse.move(1, 760);
  await shot(page, "standalone-800-en.png");
  // Back to Chinese from the pane's switch: the page follows.
  await page.getByRole("switch", { name: "English" }).click();
  await page.getByRole("button", { name: "保存工作簿" }).waitFor();
  expect(await wide()).toBeLessThanOrEqual(800);
  await shot(page, "standalone-800.png");
  await page.close();
}, 300_000);

test("files that are no workbook get a message naming them and the page goes on; changes not saved are not dropped unasked; saving before 一键重算 says so", async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${origin}/`);
  const dir = tempDir("not-books-");
  const file = (name: string, bytes: Uint8Array) => {
    writeFileSync(path.join(dir, name), bytes);
    return path.join(dir, name);
  };
  const note = () => page.getByTestId("page-note").textContent();
  const cases: [string, Uint8Array, string][] = [
    ["2020年项目资金.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "“2020年项目资金.xls”是旧的 .xls 格式，本页不能读取：请先在 Excel 或 WPS 中“另存为” .xlsx，再打开。"],
    ["说明.txt", Buffer.from("项目资金"), "“说明.txt”不是工作簿：请打开 .xlsx、.xlsm 或 .csv 文件。"],
    ["半截.xlsx", input.subarray(0, 3000), "无法打开“半截.xlsx”：文件已损坏或不是 Excel 工作簿。当前的工作簿保持不变。"],
  ];
  for (const [name, bytes, message] of cases) {
    await page.getByTestId("file-input").setInputFiles(file(name, bytes));
    // The note says "正在打开“name”…" first: wait for the message itself, then hold it to the whole text.
    await page.getByTestId("page-note").filter({ hasText: message }).waitFor();
    await expect(note()).resolves.toBe(message);
    await page.getByTestId("drop-zone").waitFor(); // still there, nothing opened
  }

  // A workbook open and changed: a broken file leaves it as it is; another workbook asks first.
  await page.getByTestId("file-input").setInputFiles(inputFile);
  await page.getByRole("button", { name: "写入到位率" }).click();
  await status(page, /写入到位率：完成/);
  await expect(page.getByTestId("file-name").textContent()).resolves.toBe(`${INPUT_NAME} *`);
  await page.getByTestId("file-input").setInputFiles(path.join(dir, "半截.xlsx"));
  await expect(page.getByTestId("unsaved").textContent()).resolves.toBe(`“${INPUT_NAME}”有未保存的修改。打开另一个工作簿会放弃这些修改。`);
  await page.getByRole("button", { name: "取消" }).click();
  await expect(page.getByTestId("unsaved").count()).resolves.toBe(0);
  await expect(cellOf(page, FUND, "G11").textContent()).resolves.toBe("100%"); // the work is still there
  await page.getByTestId("file-input").setInputFiles(path.join(dir, "半截.xlsx"));
  await page.getByRole("button", { name: "放弃修改并打开" }).click();
  await page.getByTestId("page-note").filter({ hasText: "无法打开“半截.xlsx”" }).waitFor();
  await expect(page.getByTestId("file-name").textContent()).resolves.toBe(`${INPUT_NAME} *`); // a broken file replaces nothing
  await page.getByTestId("file-input").setInputFiles(SAMPLE);
  await page.getByRole("button", { name: "放弃修改并打开" }).click();
  await page.getByTestId("detected").filter({ hasText: /A3:I15/ }).waitFor();
  await expect(page.getByTestId("file-name").textContent()).resolves.toBe("bishan-2020.xlsx");

  // An amount typed over, saved before 一键重算: the file is saved, and the page says its rates lag.
  await page.getByRole("button", { name: "写入到位率" }).click();
  await status(page, /写入到位率：/);
  await cellOf(page, "项目资金表", "F4").dblclick();
  await cellOf(page, "项目资金表", "F4").locator("input").fill("40000");
  await cellOf(page, "项目资金表", "F4").locator("input").press("Enter");
  await cellOf(page, "项目资金表", "J4").and(page.locator("[data-stale]")).waitFor();
  await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "保存工作簿" }).click()]);
  await expect(note()).resolves.toBe("已保存为“bishan-2020-自评.xlsx”，但其中 1 个改动还没有“一键重算”：文件里的得分和报告还不是按这些改动算的。按“一键重算”后再保存一次。原文件没有改动。");
  await page.getByTestId("edits").locator("..").getByRole("button", { name: "一键重算" }).click();
  await status(page, /一键重算：/);
  await expect(cellOf(page, "项目资金表", "J4").textContent()).resolves.toBe("80%");
  await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "保存工作簿" }).click()]);
  await expect(note()).resolves.toBe("已保存为“bishan-2020-自评.xlsx”（在浏览器的下载位置）。原文件没有改动。");
  await expect(page.getByTestId("file-name").textContent()).resolves.toBe("bishan-2020.xlsx");
  expect(errors).toEqual([]);
  await page.close();
}, 300_000);

/** A fund table of n projects, as a CSV opened and saved by the file host (a workbook of one sheet). */
async function bigBook(n: number): Promise<{ bytes: Uint8Array; totalRate: string }> {
  const lines = ["序号,项目名称,全年预算数（元）,实际到位资金（元）"];
  let budget = new Decimal(0);
  let arrived = new Decimal(0);
  for (let i = 1; i <= n; i++) {
    const b = 20000 + ((i * 6151) % 700000);
    const a = b - ((i * 37) % 9000);
    budget = budget.plus(b);
    arrived = arrived.plus(a);
    lines.push(`${i},项目${i},${b},${a}`);
  }
  lines.push(`,合计,${budget.toFixed()},${arrived.toFixed()}`);
  const host = await XlsxHost.fromBuffer(Buffer.from(lines.join("\r\n")), "csv");
  return { bytes: await host.toBuffer(), totalRate: arrived.dividedBy(budget).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2) + "%" };
}

test("the steps' time on the page: the bundled sample and 10,000 projects (only the rows in view drawn)", async () => {
  const big = await bigBook(10_000);
  const bigFile = path.join(tempDir("big-"), "一万个项目.xlsx");
  writeFileSync(bigFile, big.bytes);
  const lines: string[] = [];
  for (const [label, file] of [
    ["bishan-2020 (11 projects)", SAMPLE],
    ["10,000 projects", bigFile],
  ]) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    await page.goto(`${origin}/`);
    const times: Record<string, number> = {};
    const timed = async (what: string, action: () => Promise<unknown>, done: () => Promise<unknown>) => {
      const t = Date.now();
      await action();
      await done();
      times[what] = Date.now() - t;
    };
    await timed("open+detect", () => page.getByTestId("file-input").setInputFiles(file), () => page.getByTestId("detected").waitFor({ timeout: 120_000 }));
    await timed("rates", () => page.getByRole("button", { name: "写入到位率" }).click(), () => page.getByTestId("status").filter({ hasText: /写入到位率：完成/ }).waitFor({ timeout: 120_000 }));
    await timed("score", () => page.getByRole("button", { name: "创建评分表" }).click(), () => page.getByTestId("status").filter({ hasText: /创建评分表：完成/ }).waitFor({ timeout: 120_000 }));
    await timed("report", () => page.getByRole("button", { name: "生成报告" }).click(), () => page.getByTestId("status").filter({ hasText: /生成报告：完成/ }).waitFor({ timeout: 120_000 }));
    await timed("save", () => Promise.all([page.waitForEvent("download", { timeout: 120_000 }), page.getByRole("button", { name: "保存工作簿" }).click()]), async () => undefined);
    lines.push(`${label}: ${Object.entries(times).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`).join(", ")}`);
    for (const v of Object.values(times)) expect(v).toBeLessThan(60_000);
    if (file === bigFile) {
      // 10,002 rows, a few dozen drawn; the 合计 row at the bottom shows the total rate.
      await showSheet(page, FUND);
      expect(await grid(page, FUND).locator("tbody tr").count()).toBeLessThan(200);
      await grid(page, FUND).evaluate((t) => (t.parentElement!.scrollTop = t.parentElement!.scrollHeight));
      await expect(cellOf(page, FUND, "A10002").textContent()).resolves.toBe("");
      await expect(cellOf(page, FUND, "B10002").textContent()).resolves.toBe("合计");
      await expect(cellOf(page, FUND, "E10002").textContent()).resolves.toBe(big.totalRate);
    }
    await page.close();
  }
  console.log(lines.join("\n"));
}, 600_000);

