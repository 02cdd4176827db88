/**
 * The pane inside Excel (Chromium webviews, Safari, Excel on the web): the Office.js host, the React
 * pane, and the ribbon's functions (this page is the manifest's FunctionFile and shared runtime).
 * Internet Explorer 11 and Edge Legacy get src/legacy instead (taskpane.html chooses).
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { Issue } from "../core";
import { startPane } from "../legacy/start";
import { App } from "./App";
import { downloadDocx } from "./download";

startPane((el, host) => {
  // Excel on the web runs the pane in a browser whose clipboard the page may not use.
  const web = Office.context.platform === Office.PlatformType.OfficeOnline;
  const root = createRoot(el);
  let mounts = 0;
  // A ribbon command in the same runtime hands its issues over: the pane starts again on them.
  return (pendingIssues: Issue[]) => root.render(<App key={mounts++} host={host} env={{ clipboard: !web, downloadDocx, pendingIssues, roundTrips: () => host.syncs }} />);
});
