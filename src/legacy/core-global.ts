/**
 * The core as one ES5 script that defines the global `selfevalCore` (webpack library "var"): what
 * the test runs in Duktape, an ES5.1 engine, to prove the legacy bundle's core computes what Node does.
 */
import "./polyfills";
import { plan, RunOptions, WorkbookSnapshot } from "../core";

/** The facts of a plan, as JSON text (the same object the command line writes with --json). */
export function factsJson(snapshot: WorkbookSnapshot, opts: RunOptions): string {
  return JSON.stringify(plan(snapshot, opts).facts);
}

export { plan };
