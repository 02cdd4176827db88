/**
 * Ribbon buttons (ExecuteFunction): 计算到位率, 重算评分, 生成报告 — the same operations as the pane,
 * through the same Office.js host. When a command finds issues it leaves them for the pane and
 * opens it (Office.addin.showAsTaskpane where the platform supports it).
 */
import { internalError, Issue, run, RunResult } from "../core";
import { ExcelHost } from "../excel/host";
import { leavePendingIssues } from "./pending";

/**
 * Opens the task pane on the issues where Excel lets a command do so (a shared runtime), else a
 * small dialog listing them; the pane shows the same list, with cells to click, when opened.
 */
async function showIssues(): Promise<void> {
  const addin = (Office as unknown as { addin?: { showAsTaskpane?: () => Promise<void> } }).addin;
  if (addin?.showAsTaskpane && Office.context.requirements.isSetSupported("SharedRuntime", "1.1")) {
    await addin.showAsTaskpane().catch(() => undefined);
    return;
  }
  const url = new URL("issues.html", location.href).href;
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
    const result = await op(new ExcelHost());
    const worth: Issue[] = result.issues.filter((i) => i.severity !== "info");
    if (worth.length || !result.ok) {
      leavePendingIssues(result.issues);
      await showIssues();
    }
  } catch (e) {
    leavePendingIssues([internalError(e)]);
    await showIssues().catch(() => undefined);
  } finally {
    event.completed();
  }
}

export const computeRates = (event: Office.AddinCommands.Event) => command(event, (host) => run(host, { report: false }));
export const recalcScores = (event: Office.AddinCommands.Event) => command(event, (host) => run(host, { report: false }));
export const generateReport = (event: Office.AddinCommands.Event) => command(event, (host) => run(host, {}));

Office.onReady(() => {
  Office.actions.associate("computeRates", computeRates);
  Office.actions.associate("recalcScores", recalcScores);
  Office.actions.associate("generateReport", generateReport);
});
