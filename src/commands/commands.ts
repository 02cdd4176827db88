/**
 * Ribbon buttons (ExecuteFunction): 计算到位率, 重算评分, 生成报告 — the same operations as the pane,
 * through the same Office.js host. When a command finds issues it leaves them for the pane and
 * opens it (Office.addin.showAsTaskpane where the platform supports it).
 */
import { Issue } from "../core/issues";
import { ReportResult, runRecalc, runReport } from "../core/report";
import { ExcelHost } from "../excel/host";
import { leavePendingIssues } from "./pending";

async function command(event: Office.AddinCommands.Event, op: (host: ExcelHost) => Promise<ReportResult>): Promise<void> {
  try {
    const result = await op(new ExcelHost());
    const worth: Issue[] = result.issues.filter((i) => i.severity !== "info");
    if (worth.length || !result.ok) {
      leavePendingIssues(result.issues);
      const addin = (Office as unknown as { addin?: { showAsTaskpane?: () => Promise<void> } }).addin;
      await addin?.showAsTaskpane?.().catch(() => undefined);
    }
  } catch (e) {
    leavePendingIssues([{ code: "TABLE_NOT_FOUND", severity: "error", sheet: "", cell: "", message: `操作失败：${e instanceof Error ? e.message : String(e)}` }]);
  } finally {
    event.completed();
  }
}

export const computeRates = (event: Office.AddinCommands.Event) => command(event, (host) => runRecalc(host, {}));
export const recalcScores = (event: Office.AddinCommands.Event) => command(event, (host) => runRecalc(host, {}));
export const generateReport = (event: Office.AddinCommands.Event) => command(event, (host) => runReport(host, {}));

Office.onReady(() => {
  Office.actions.associate("computeRates", computeRates);
  Office.actions.associate("recalcScores", recalcScores);
  Office.actions.associate("generateReport", generateReport);
});
