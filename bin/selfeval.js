#!/usr/bin/env node
// 绩效自评助手 command line. Runs the TypeScript sources through tsx's require hook, so what runs
// is always what is in src/ (no stale build).
require("tsx/cjs");
require("../src/cli/selfeval.ts").main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error("内部错误（程序缺陷，请报告）：", err && err.stack ? err.stack : err);
    process.exit(70);
  },
);
