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
const SCHEMAS = path.join(ROOT, "..", "shared", "schemas", "office-addin-manifest");
const xml = readFileSync(MANIFEST, "utf8");
const all = (re: RegExp) => [...xml.matchAll(re)].map((m) => m[1]);

test("valid against the add-in manifest schema (xmllint), including element order", () => {
  expect(existsSync(path.join(SCHEMAS, "OfficeAppManifestV1_1.xsd"))).toBe(true);
  const out = execFileSync("xmllint", ["--noout", "--schema", path.join(SCHEMAS, "OfficeAppManifestV1_1.xsd"), MANIFEST], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  expect(out).toBe("");
  // The same check rejects a manifest with two elements swapped: the test can fail.
  const swapped = xml.replace(/(<Permissions>[^<]*<\/Permissions>)\s*(<VersionOverrides)/, "$2").replace("<DefaultSettings>", "<Permissions>ReadWriteDocument</Permissions><DefaultSettings>");
  expect(() => execFileSync("xmllint", ["--noout", "--schema", path.join(SCHEMAS, "OfficeAppManifestV1_1.xsd"), "-"], { input: swapped, stdio: ["pipe", "pipe", "pipe"] })).toThrow();
});

test("TaskPaneApp for Workbook, ReadWriteDocument, ExcelApi requirement where the schema puts it", () => {
  expect(xml).toMatch(/xsi:type="TaskPaneApp"/);
  expect(xml).toMatch(/<Hosts>\s*<Host Name="Workbook"\/>\s*<\/Hosts>/);
  expect(xml).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
  // freezePanes (1.7) is the newest API the host needs; copyFrom (1.9) is used only when supported.
  expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1.7"\/>/);
  const host = readFileSync(path.join(ROOT, "src", "excel", "host.ts"), "utf8");
  expect(host).toMatch(/freezePanes/);
  expect(host).toMatch(/isSetSupported\?\.\("ExcelApi", "1\.9"\)/);
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
  expect(webpack).toMatch(/replace\(new RegExp\(urlDev, "g"\), urlProd\)/);
  for (const u of urls) {
    expect(u.startsWith(origin)).toBe(true);
    const file = u.slice(origin.length);
    if (file.startsWith("assets/")) expect([file, existsSync(path.join(ROOT, file))]).toEqual([file, true]);
    else if (file.endsWith(".html") && file !== "help.html") expect(webpack).toContain(`filename: "${file}"`);
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
  for (const n of names) expect(commands).toContain(`Office.actions.associate("${n}"`);
  expect(xml).toMatch(/<bt:Url id="Taskpane.Url" DefaultValue="https:\/\/localhost:3000\/taskpane.html"\/>/);
});
