#!/usr/bin/env node
// Runs a TypeScript script from this repository: node bin/run-ts.js scripts/make-sample.ts
require("tsx/cjs");
const path = require("node:path");
const [script, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], path.resolve(script), ...rest];
require(path.resolve(script));
