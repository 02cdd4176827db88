/**
 * The browser preview: the real task pane (the same App) on an in-memory workbook loaded from the
 * bundled sample, with the workbook shown as a grid beside it. The host is chosen here, at start-up.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../taskpane/App";
import { downloadDocx } from "../taskpane/download";
import { Grid } from "./Grid";
import { PreviewHost } from "./host";

declare global {
  interface Window {
    /** For the end-to-end test: the workbook as .xlsx (base64) and what each written formula must show. */
    selfevalPreview?: { saveXlsx: () => Promise<string>; expectations: () => { sheet: string; cell: string; expect: string }[]; selected: () => unknown };
  }
}

function base64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** ?pane=350: the pane column as wide as Excel makes a task pane (screenshots, the end-to-end test). */
const paneWidth = Number(new URLSearchParams(location.search).get("pane")) || 420;

void (async () => {
  const host = await PreviewHost.fromUrl("samples/bishan-2020.xlsx");
  window.selfevalPreview = {
    saveXlsx: async () => base64(await host.saveXlsx()),
    expectations: () => [...host.expectations.values()],
    selected: () => host.selected,
  };
  createRoot(document.getElementById("root")!).render(
    <FluentProvider theme={webLightTheme}>
      <div style={{ display: "flex", height: "100vh" }}>
        <div style={{ width: paneWidth, flexShrink: 0, overflowY: "auto", borderRight: "1px solid #ddd" }}>
          <App host={host} env={{ clipboard: true, downloadDocx }} />
        </div>
        <Grid host={host} />
      </div>
    </FluentProvider>,
  );
})();
