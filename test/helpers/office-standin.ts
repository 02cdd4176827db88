/**
 * office.js for a browser page in the tests: Office and Excel globals over the Office.js double,
 * on the workbook given as a snapshot in window.__BOOK__ (no network). The page's own code (the
 * legacy pane) runs unchanged against it. ?api=1.1 makes it an Excel with only ExcelApi 1.1.
 */
import type { WorkbookSnapshot } from "../../src/core";
import { OfficeDouble, bookFromSnapshot } from "./office-double";

const w = window as unknown as Record<string, unknown> & { __BOOK__: WorkbookSnapshot };
const double = new OfficeDouble(bookFromSnapshot(w.__BOOK__));
const api = /[?&]api=([\d.]+)/.exec(location.search);
if (api) double.excelApi = api[1];
w.__double = double;
w.Excel = { run: double.run };
w.Office = {
  onReady: (f?: (info: unknown) => void) => {
    const info = { host: "Excel", platform: "PC" };
    setTimeout(() => f?.(info), 0);
    return Promise.resolve(info);
  },
  actions: { associate: () => undefined },
  PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC" },
  context: { platform: "PC", requirements: { isSetSupported: double.isSetSupported }, ui: { displayDialogAsync: () => undefined } },
};
