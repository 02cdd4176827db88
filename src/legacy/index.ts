/**
 * The page's code for Internet Explorer 11 and Edge Legacy (taskpane.html chooses it): the legacy
 * pane, and the ribbon's functions registered as in the modern page. Built to ES5.
 */
import "./polyfills";
import { takePendingIssues } from "../commands/pending";
import { registerCommands } from "../commands/commands";
import { ExcelHost } from "../excel/host";
import { canDownload, downloadDocx } from "../taskpane/download";
import { mountLegacyPane } from "./pane";
import { showUnsupported } from "./unsupported";

Office.onReady(() => {
  const root = document.getElementById("root")!;
  if (!ExcelHost.supported()) {
    showUnsupported(root);
    return;
  }
  const host = new ExcelHost();
  const mount = (pendingIssues: ReturnType<typeof takePendingIssues>) =>
    mountLegacyPane(root, host, { pendingIssues, downloadDocx: canDownload() ? downloadDocx : undefined, roundTrips: () => host.syncs });
  mount(takePendingIssues());
  registerCommands((issues) => mount(issues));
});
