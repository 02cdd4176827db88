/**
 * manifest.xml checked offline: Microsoft's XSDs (element order included) through xmllint, every
 * resid defined, every icon present, every URL one that webpack serves, every ribbon function
 * registered by src/commands, zh-CN strings with en-US.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.join(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
/**
 * Microsoft's manifest XSDs live in ../shared beside the checkout (not in the repository). A clone
 * made elsewhere from a local checkout finds them beside that checkout; SELFEVAL_SHARED names the
 * folder explicitly. When none has them, the default path is used and the test says it is missing.
 */
function schemasDir(): string {
  const under = (shared: string) => path.join(shared, "schemas", "office-addin-manifest");
  const origin = (() => {
    try {
      return execFileSync("git", ["config", "--get", "remote.origin.url"], { cwd: ROOT, encoding: "utf8" }).trim();
    } catch {
      return "";
    }
  })();
  const candidates = [process.env.SELFEVAL_SHARED, path.join(ROOT, "..", "shared"), origin && existsSync(origin) ? path.join(origin, "..", "shared") : undefined];
  const found = candidates.find((c): c is string => !!c && existsSync(path.join(under(c), "OfficeAppManifestV1_1.xsd")));
  return under(found ?? path.join(ROOT, "..", "shared"));
}
const SCHEMAS = schemasDir();
const xml = readFileSync(MANIFEST, "utf8");
const all = (re: RegExp) => [...xml.matchAll(re)].map((m) => m[1]);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's own rewrite of the manifest
const webpackConfig = require("../webpack.config.js") as { productionManifest: (xml: string, url: string) => string; productionUrl: () => string };

/**
 * The shared XSDs are Microsoft's of early 2020, older than <Runtimes> (the shared runtime,
 * documented under "Configure your Office Add-in to use a shared runtime": first child of <Host>,
 * <Runtime resid="Taskpane.Url" lifetime="long"/>): they are validated with that element taken
 * out, and the element is checked against the documented syntax below.
 */
function validate(text: string): void {
  const withoutRuntimes = text.replace(/\s*<!--[^>]*?shared runtime[\s\S]*?-->\s*<Runtimes>[\s\S]*?<\/Runtimes>/, "").replace(/\s*<Runtimes>[\s\S]*?<\/Runtimes>/, "");
  expect(withoutRuntimes).not.toMatch(/Runtimes/);
  execFileSync("xmllint", ["--noout", "--schema", path.join(SCHEMAS, "OfficeAppManifestV1_1.xsd"), "-"], { input: withoutRuntimes, stdio: ["pipe", "pipe", "pipe"] });
}

test("valid against the add-in manifest schema (xmllint), including element order", () => {
  expect(existsSync(path.join(SCHEMAS, "OfficeAppManifestV1_1.xsd"))).toBe(true);
  expect(() => validate(xml)).not.toThrow();
  // The same check rejects a manifest with two elements swapped: the test can fail.
  const swapped = xml.replace(/(<Permissions>[^<]*<\/Permissions>)\s*(<VersionOverrides)/, "$2").replace("<DefaultSettings>", "<Permissions>ReadWriteDocument</Permissions><DefaultSettings>");
  expect(() => validate(swapped)).toThrow();
});

test("the shared runtime as Microsoft documents it: <Runtimes> first in <Host>, the pane's page, lifetime long; the function file is the same page", () => {
  expect(xml).toMatch(/<Host xsi:type="Workbook">\s*(<!--[\s\S]*?-->\s*)?<Runtimes>\s*<Runtime resid="Taskpane.Url" lifetime="long"\/>\s*<\/Runtimes>\s*<DesktopFormFactor>/);
  expect(xml).toMatch(/<FunctionFile resid="Taskpane.Url"\/>/);
  // The pane's page registers the functions (modern and legacy), and opens itself where it can.
  const commands = readFileSync(path.join(ROOT, "src", "commands", "commands.ts"), "utf8");
  expect(commands).toMatch(/showAsTaskpane/);
  expect(commands).toMatch(/isSetSupported\("SharedRuntime", "1\.1"\)/);
  // Both pages start through startPane, which registers the ribbon's functions in the page's runtime.
  for (const entry of ["src/taskpane/index.tsx", "src/legacy/index.ts"]) expect(readFileSync(path.join(ROOT, entry), "utf8")).toMatch(/startPane\(/);
  expect(readFileSync(path.join(ROOT, "src/legacy/start.ts"), "utf8")).toMatch(/registerCommands\(mount\)/);
});

test("the production manifest: every URL on ADDIN_URL (with or without the trailing slash), no localhost left, its own Id, still valid", () => {
  const devId = /<Id>([^<]+)<\/Id>/.exec(xml)![1];
  const outputs = ["https://oa.example.gov.cn/jixiao", "https://oa.example.gov.cn/jixiao/"].map((u) => {
    process.env.ADDIN_URL = u;
    try {
      return webpackConfig.productionManifest(xml, webpackConfig.productionUrl());
    } finally {
      delete process.env.ADDIN_URL;
    }
  });
  expect(outputs[0]).toBe(outputs[1]);
  const prod = outputs[0];
  expect(prod).not.toMatch(/localhost/);
  expect(prod).toMatch(/<AppDomain>https:\/\/oa\.example\.gov\.cn<\/AppDomain>/);
  expect(prod).toMatch(/<SourceLocation DefaultValue="https:\/\/oa\.example\.gov\.cn\/jixiao\/taskpane\.html"\/>/);
  expect(prod).not.toMatch(/jixiao\/\//);
  const prodId = /<Id>([^<]+)<\/Id>/.exec(prod)![1];
  expect(prodId).not.toBe(devId);
  expect(prodId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(() => validate(prod)).not.toThrow();
});

test("TaskPaneApp for Workbook, ReadWriteDocument, ExcelApi requirement where the schema puts it", () => {
  expect(xml).toMatch(/xsi:type="TaskPaneApp"/);
  expect(xml).toMatch(/<Hosts>\s*<Host Name="Workbook"\/>\s*<\/Hosts>/);
  expect(xml).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
  // The lowest set, so that the pane opens and says what it needs where it cannot run; the host
  // checks ExcelApi 1.4 at run time and guards each newer call (1.7 freezePanes, 1.9 copyFrom and pageLayout).
  expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1.1"\/>/);
  const host = readFileSync(path.join(ROOT, "src", "excel", "host.ts"), "utf8");
  expect(host).toMatch(/export const MIN_EXCEL_API = "1\.4"/);
  for (const [call, set] of [["ws.freezePanes.freezeRows", "1.7"], ["cell.copyFrom", "1.9"], ["pageSetup(ws, s.page)", "1.9"]]) {
    const at = host.indexOf(call);
    expect([call, at]).not.toEqual([call, -1]);
    expect(host.slice(Math.max(0, at - 400), at)).toContain(`this.supports("ExcelApi", "${set}")`);
  }
});

test("every resid is defined; every string is zh-CN with an en-US override", () => {
  const used = new Set(all(/resid="([^"]+)"/g));
  const defined = new Set(all(/<bt:(?:Image|Url|String) id="([^"]+)"/g));
  for (const id of used) expect([id, defined.has(id)]).toEqual([id, true]);
  for (const id of defined) expect([id, used.has(id)]).toEqual([id, true]);
  const strings = [...xml.matchAll(/<bt:String id="([^"]+)" DefaultValue="([^"]+)">\s*<bt:Override Locale="en-US" Value="([^"]+)"\/>/g)];
  expect(strings.length).toBe(xml.match(/<bt:String /g)!.length);
  for (const s of strings) expect(s[2]).toMatch(/[\u4e00-\u9fff]/);
  expect(xml).toMatch(/<DefaultLocale>zh-CN<\/DefaultLocale>/);
  expect(all(/<Label resid="([^"]+)"/g).map((id) => xml.match(new RegExp(`<bt:String id="${id.replace(".", "\\.")}" DefaultValue="([^"]+)"`))![1])).toEqual([
    "绩效自评",
    "打开助手",
    "计算到位率",
    "重算评分",
    "生成报告",
  ]);
});

test("icons 16/32/80 exist; every URL is one webpack serves, on the dev origin that the prod build rewrites", () => {
  const urls = all(/(?:DefaultValue|Value)="(https:\/\/[^"]+)"/g);
  expect(urls.length).toBeGreaterThan(5);
  const webpack = readFileSync(path.join(ROOT, "webpack.config.js"), "utf8");
  const origin = /const urlDev = "([^"]+)"/.exec(webpack)![1];
  expect(origin).toBe("https://localhost:3000/");
  expect(webpack).toMatch(/replace\(new RegExp\(urlDev, "g"\), url\)/);
  for (const u of urls) {
    expect(u.startsWith(origin)).toBe(true);
    const file = u.slice(origin.length);
    if (file.startsWith("assets/")) expect([file, existsSync(path.join(ROOT, file))]).toEqual([file, true]);
    else if (file.endsWith(".html") && file !== "help.html") expect(webpack).toMatch(new RegExp(`filename: "${file.replace(".", "\\.")}"`));
    else if (file === "help.html") expect(existsSync(path.join(ROOT, "assets", "help.html"))).toBe(true);
    else if (!/^https:\/\/localhost:3000$/.test(u)) throw new Error(`unexpected URL ${u}`);
  }
  for (const size of [16, 32, 80]) {
    const png = readFileSync(path.join(ROOT, "assets", `icon-${size}.png`));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]); // IHDR width, height
  }
});

test("every ribbon function is registered by src/commands; the task pane id is the pane's page", () => {
  const commands = readFileSync(path.join(ROOT, "src", "commands", "commands.ts"), "utf8");
  const names = all(/<FunctionName>([^<]+)<\/FunctionName>/g);
  expect(names).toEqual(["computeRates", "recalcScores", "generateReport"]);
  expect(commands).toContain(`export const COMMANDS = ${JSON.stringify(names).replace(/,/g, ", ")} as const;`);
  expect(xml).toMatch(/<bt:Url id="Taskpane.Url" DefaultValue="https:\/\/localhost:3000\/taskpane.html"\/>/);
});
