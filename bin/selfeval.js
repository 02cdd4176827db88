#!/usr/bin/env node
// 绩效自评助手 command line. Runs the plain JavaScript that `npm ci` builds (the `prepare` script:
// tsc -p tsconfig.cli.json → dist-tsc/selfeval/); no TypeScript is compiled at run time. Where
// that build is missing or older than a source file (a developer's edit), it runs the TypeScript
// sources through tsx instead, so what runs is always what is in src/.
//
// A large input (over 1 MB) is worked on in a child process whose old space is bounded by the
// input's size, so that V8 collects as it goes instead of growing (a 50,000-project report peaks
// under 600 MB, not 760); a workbook that needs more stops the child, and the command runs again
// here, unbounded.
const fs = require("node:fs");
const path = require("node:path");
const { spawn } = require("node:child_process");

const root = path.join(__dirname, "..");
const builtDir = path.join(root, "dist-tsc", "selfeval", "cli");

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

let fresh;
/** A module of src/cli: the build when it is there and newer than every source, else the source through tsx. */
function load(name) {
  if (fresh === undefined) {
    let builtAt = 0;
    try {
      builtAt = fs.statSync(path.join(builtDir, "selfeval.js")).mtimeMs;
    } catch {
      builtAt = 0;
    }
    const sources = ["cli", "core", "xlsx", "ooxml", "export"].map((d) => newestSource(path.join(root, "src", d)));
    fresh = builtAt > 0 && sources.every((t) => t <= builtAt);
    if (!fresh) require("tsx/cjs");
  }
  return fresh ? require(path.join(builtDir, `${name}.js`)) : require(`../src/cli/${name}.ts`);
}

function internalError(err) {
  console.error("内部错误（程序缺陷，请报告）：", err && err.stack ? err.stack : err);
  process.exit(70);
}

/** The size of the input file (the command's first operand, found with the command's own option table), in bytes; 0 when there is none. */
function inputBytes(argv) {
  const input = load("options").inputOperand(argv);
  if (input === undefined) return 0;
  try {
    return fs.statSync(input).size;
  } catch {
    return 0; // not there: the command says so
  }
}

/** The heap bound for the child: room for the core's plan, growing with the input file. */
function heapBoundMb(bytes) {
  return Math.round(192 + (128 * bytes) / 1048576);
}

const argv = process.argv.slice(2);
const inProcess = () => load("selfeval").main(argv).then((code) => process.exit(code), internalError);

const bytes = inputBytes(argv);
// Small inputs (up to 1 MB: some 20,000 projects) run here; a second process would only cost time.
if (process.env.SELFEVAL_BOUNDED === "1" || bytes < 1 << 20) inProcess();
else {
  const child = spawn(process.execPath, [`--max-old-space-size=${heapBoundMb(bytes)}`, "--max-semi-space-size=4", __filename, ...argv], {
    env: { ...process.env, SELFEVAL_BOUNDED: "1" },
    stdio: ["inherit", "pipe", "pipe"],
  });
  const out = [];
  const err = [];
  child.stdout.on("data", (d) => out.push(d));
  child.stderr.on("data", (d) => err.push(d));
  child.on("error", () => inProcess());
  child.on("close", (code, signal) => {
    const stderr = Buffer.concat(err);
    if (signal === "SIGABRT" || code === 134 || /heap out of memory/.test(stderr.toString("latin1"))) {
      if (process.env.SELFEVAL_DEBUG) process.stderr.write(`bounded child stopped: ${code} ${signal}\n`);
      inProcess(); // more than the bound: again, here, without one
      return;
    }
    process.stdout.write(Buffer.concat(out));
    process.stderr.write(stderr);
    process.exitCode = code === null ? 70 : code;
  });
}
