/**
 * Ribbon buttons (ExecuteFunction): 计算到位率, 重算评分, 生成报告 — the same operations as the pane,
 * through the same Office.js host. They are registered by the pane's own page (taskpane.html is the
 * manifest's FunctionFile and its shared runtime): where Excel has a shared runtime (SharedRuntime
 * 1.1: Microsoft 365, Excel 2021 and later, Excel on the web, Mac) the command opens the pane on the
 * issues it found (Office.addin.showAsTaskpane); elsewhere (Excel 2019, 2016 retail) the page runs
 * as a separate function file, hands the issues over through localStorage and opens a dialog on them.
 */
import { internalError, Issue, run, RunResult } from "../core";
import { ExcelHost } from "../excel/host";
import { leavePendingIssues } from "./pending";

export const COMMANDS = ["computeRates", "recalcScores", "generateReport"] as const;

/** The pane in this runtime, told of the issues a command found (a shared runtime only). */
let paneListener: ((issues: Issue[]) => void) | null = null;

function sharedRuntime(): boolean {
  const addin = (Office as unknown as { addin?: { showAsTaskpane?: () => Promise<void> } }).addin;
  return !!addin && typeof addin.showAsTaskpane === "function" && Office.context.requirements.isSetSupported("SharedRuntime", "1.1");
}

/**
 * Shows the issues: the pane where this runtime is the pane's, else a small dialog listing them.
 * unsupported: this Excel cannot run the add-in (the dialog says what to use instead).
 */
async function showIssues(issues: Issue[], unsupported = false): Promise<void> {
  if (sharedRuntime() && paneListener) {
    paneListener(issues);
    await (Office as unknown as { addin: { showAsTaskpane: () => Promise<void> } }).addin.showAsTaskpane().catch(() => undefined);
    return;
  }
  leavePendingIssues(issues);
  const url = new URL(unsupported ? "issues.html?unsupported=1" : "issues.html", location.href).href;
  await new Promise<void>((resolve) =>
    Office.context.ui.displayDialogAsync(url, { height: 45, width: 35, displayInIframe: true }, (res) => {
      if (res.status !== Office.AsyncResultStatus.Succeeded) return resolve();
      const dialog = res.value;
      const close = () => {
        dialog.close();
        resolve();
      };
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, close);
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => resolve());
    }),
  );
}

async function command(event: Office.AddinCommands.Event, op: (host: ExcelHost) => Promise<RunResult>): Promise<void> {
  try {
    if (!ExcelHost.supported()) {
      await showIssues([], true);
      return;
    }
    const result = await op(new ExcelHost());
    const worth: Issue[] = result.issues.filter((i) => i.severity !== "info");
    if (worth.length || !result.ok) await showIssues(result.issues);
  } catch (e) {
    await showIssues([internalError(e)]).catch(() => undefined);
  } finally {
    event.completed();
  }
}

export const computeRates = (event: Office.AddinCommands.Event) => command(event, (host) => run(host, { report: false }));
export const recalcScores = (event: Office.AddinCommands.Event) => command(event, (host) => run(host, { report: false }));
export const generateReport = (event: Office.AddinCommands.Event) => command(event, (host) => run(host, {}));

/**
 * Registers the three functions: Office.actions.associate where it exists, and as globals of the
 * page, where older Office (a function file without a shared runtime) looks the names up.
 * onIssues: the pane of this page, shown the issues a command found (shared runtime).
 */
export function registerCommands(onIssues?: (issues: Issue[]) => void): void {
  paneListener = onIssues ?? null;
  const fns = { computeRates, recalcScores, generateReport };
  const actions = (Office as unknown as { actions?: { associate?: (name: string, f: (e: Office.AddinCommands.Event) => void) => void } }).actions;
  for (const name of COMMANDS) {
    if (actions && typeof actions.associate === "function") actions.associate(name, fns[name]);
    (window as unknown as Record<string, unknown>)[name] = fns[name];
  }
}
