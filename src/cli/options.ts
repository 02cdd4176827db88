/**
 * The command line's options, one table per command: selfeval.ts parses with them, and
 * bin/selfeval.js finds the input file with them (before loading the rest, to size a child's heap).
 */
import { parseArgs } from "node:util";

export const REPORT_OPTIONS = {
  output: { type: "string", short: "o" },
  mode: { type: "string" },
  text: { type: "string" },
  json: { type: "string" },
  sheet: { type: "string" },
  unit: { type: "string" },
  overwrite: { type: "boolean", default: false },
  print: { type: "boolean", default: false },
  scheme: { type: "string" },
  docx: { type: "string" },
  "tail-adjust": { type: "boolean", default: false },
  threshold: { type: "string" },
  forms: { type: "string" },
  "form-variant": { type: "string" },
  type: { type: "string" },
  project: { type: "string" },
  "score-sheet": { type: "string" },
} as const;

export const RECALC_OPTIONS = { output: { type: "string", short: "o" }, json: { type: "string" }, mode: { type: "string" } } as const;

export const SERVE_OPTIONS = { port: { type: "string" }, dir: { type: "string" } } as const;

/** The input file a command line names (its first operand), or undefined; never throws on a wrong line (the command says what is wrong). */
export function inputOperand(argv: string[]): string | undefined {
  const options = argv[0] === "report" ? REPORT_OPTIONS : argv[0] === "recalc" ? RECALC_OPTIONS : null;
  if (!options) return undefined;
  return parseArgs({ args: argv.slice(1), options, allowPositionals: true, strict: false }).positionals[0];
}
