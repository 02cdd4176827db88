/** The pane inside Excel: the Office.js host. */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { ExcelHost } from "../excel/host";
import { takePendingIssues } from "../commands/pending";
import { App } from "./App";
import { downloadDocx } from "./download";

Office.onReady(() => {
  const host = new ExcelHost();
  // Excel on the web runs the pane in a browser whose clipboard the page may not use.
  const web = Office.context.platform === Office.PlatformType.OfficeOnline;
  createRoot(document.getElementById("root")!).render(
    <App host={host} env={{ clipboard: !web, downloadDocx, pendingIssues: takePendingIssues(), roundTrips: () => host.syncs }} />,
  );
});
