#!/usr/bin/env node
// 绩效自评助手 command line. Runs the plain JavaScript that `npm ci` builds (the `prepare` script:
// tsc -p tsconfig.cli.json → dist-tsc/selfeval/); no TypeScript is compiled at run time. Where
// that build is missing or older than a source file (a developer's edit), it runs the TypeScript
// sources through tsx instead, so what runs is always what is in src/.
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const built = path.join(root, "dist-tsc", "selfeval", "cli", "selfeval.js");

/** Newest modification time of the sources the command line is built from (0 when absent). */
function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.tsx?$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function entry() {
  let builtAt = 0;
  try {
    builtAt = fs.statSync(built).mtimeMs;
  } catch {
    builtAt = 0;
  }
  const sources = ["cli", "core", "xlsx", "ooxml", "export"].map((d) => newestSource(path.join(root, "src", d)));
  if (builtAt && sources.every((t) => t <= builtAt)) return require(built);
  require("tsx/cjs");
  return require("../src/cli/selfeval.ts");
}

entry()
  .main(process.argv.slice(2))
  .then(
    (code) => process.exit(code),
    (err) => {
      console.error("内部错误（程序缺陷，请报告）：", err && err.stack ? err.stack : err);
      process.exit(70);
    },
  );
