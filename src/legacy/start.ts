/** How both panes start (the React pane and the legacy one): plain code, ES5-safe. */
import type { Issue } from "../core";
import { registerCommands } from "../commands/commands";
import { takePendingIssues } from "../commands/pending";
import { ExcelHost } from "../excel/host";
import { showUnsupported } from "./unsupported";

/**
 * The start of either pane: when Office is ready, the message above where this Excel cannot run the
 * add-in; else the pane shown on the issues a ribbon command left (and again on each command's).
 */
export function startPane(show: (root: HTMLElement, host: ExcelHost) => (pendingIssues: Issue[]) => void): void {
  Office.onReady(() => {
    const root = document.getElementById("root")!;
    if (!ExcelHost.supported()) {
      showUnsupported(root);
      return;
    }
    const mount = show(root, new ExcelHost());
    mount(takePendingIssues());
    registerCommands(mount);
  });
}
