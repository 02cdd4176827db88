/**
 * Bundle sizes (not a test: it prints). Builds production dist/ unless --no-build, then reports
 * what the first screen loads (taskpane.html's own script: modern taskpane.js, or es5/legacy.js in
 * IE 11 / Edge Legacy), what loads on demand (chunks/, es5/ lazy chunks), and the other bundles —
 * the standalone page is one file with everything in it (it must run from file://); raw and gzip
 * (level 9) KiB. The target: the modern first screen ≤ 200 KB gzip.
 *
 *   node bin/run-ts.js bench/bundle.ts [--no-build]
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const ROOT = path.join(__dirname, "..");
const DIST = path.join(ROOT, "dist");

function size(file: string): { raw: number; gz: number } {
  const buf = readFileSync(file);
  return { raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
}

const kib = (n: number) => (n / 1024).toFixed(0).padStart(6);

function main(): void {
  if (!process.argv.includes("--no-build") || !existsSync(path.join(DIST, "taskpane.js"))) execFileSync("npx", ["webpack", "--mode", "production"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  const js = (dir: string) => (existsSync(path.join(DIST, dir)) ? readdirSync(path.join(DIST, dir)).filter((f) => f.endsWith(".js")).map((f) => path.join(dir, f)) : []);
  const rows: [string, string][] = [
    ["first screen, modern", "taskpane.js"],
    ["first screen, legacy (IE 11 / Edge Legacy)", "es5/legacy.js"],
    ...js("chunks").map((f) => ["on demand, modern", f] as [string, string]),
    ...js("es5")
      .filter((f) => !/legacy\.js$|selfeval-core\.js$/.test(f))
      .map((f) => ["on demand, legacy", f] as [string, string]),
    ["issues dialog (ES5)", "issues.js"],
    ["core alone (ES5, tests)", "es5/selfeval-core.js"],
    ["browser preview", "preview.js"],
    ["standalone page (all of it)", "standalone/standalone.js"],
  ];
  console.log("what                                       | file                         |  KiB | gzip KiB");
  for (const [what, file] of rows) {
    const s = size(path.join(DIST, file));
    console.log(`${what.padEnd(42)} | ${file.padEnd(28)} | ${kib(s.raw)} | ${kib(s.gz)}`);
  }
  const first = size(path.join(DIST, "taskpane.js")).gz;
  console.log(`modern first screen: ${(first / 1024).toFixed(1)} KiB gzip (${(first / 1000).toFixed(1)} KB) — target 200 KB: ${first <= 200 * 1000 ? "met" : "not met"}`);
}

main();
