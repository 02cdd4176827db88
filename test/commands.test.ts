/**
 * The ribbon buttons: the same operations through the Office.js host (here on the Office.js
 * double), registered by the pane's page. Both ways of showing what a command found are run:
 * without a shared runtime (Excel 2019, 2016 retail) the issues are left for the pane and a dialog
 * lists them; with one (SharedRuntime 1.1) the pane in the same runtime gets them and
 * Office.addin.showAsTaskpane opens it, no dialog.
 */
import { readFileSync } from "node:fs";
import type { Issue } from "../src/core";
import { XlsxHost } from "../src/xlsx/host";
import { SAMPLE } from "./helpers/books";
import { OfficeDouble, bookFromSnapshot } from "./helpers/office-double";

const store = new Map<string, string>();
const dialogs: string[] = [];
const associated: string[] = [];
let shownAsTaskpane = 0;
let sharedRuntime = false;
let double: OfficeDouble;

beforeAll(async () => {
  double = new OfficeDouble(bookFromSnapshot(await (await XlsxHost.fromBuffer(readFileSync(SAMPLE), "xlsx")).read()));
  Object.assign(globalThis, {
    window: globalThis,
    localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v), removeItem: (k: string) => store.delete(k) },
    location: { href: "https://localhost:3000/taskpane.html" },
    Excel: { run: double.run },
    Office: {
      onReady: (f: () => void) => f(),
      actions: { associate: (name: string) => associated.push(name) },
      addin: { showAsTaskpane: async () => void shownAsTaskpane++ },
      AsyncResultStatus: { Succeeded: "succeeded" },
      EventType: { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived" },
      context: {
        requirements: { isSetSupported: (name: string, v: string) => (name === "SharedRuntime" ? sharedRuntime : double.isSetSupported(name, v)) },
        ui: {
          displayDialogAsync: (url: string, _o: unknown, cb: (r: unknown) => void) => {
            dialogs.push(url);
            cb({
              status: "succeeded",
              value: { close: () => undefined, addEventHandler: (type: string, h: () => void) => type === "dialogMessageReceived" && setTimeout(h, 0) },
            });
          },
        },
      },
    },
  });
});

const event = () => {
  const e = { completed: 0 };
  return [e, { completed: () => e.completed++ } as unknown as Office.AddinCommands.Event] as const;
};

test("registered by the page: Office.actions.associate, and as globals for older Office", async () => {
  const commands = await import("../src/commands/commands");
  commands.registerCommands();
  expect(associated).toEqual(["computeRates", "recalcScores", "generateReport"]);
  for (const n of commands.COMMANDS) expect(typeof (globalThis as unknown as Record<string, unknown>)[n]).toBe("function");
});

test("生成报告 without a shared runtime: the report is written through Office.js, issues left for the pane, a dialog shows them", async () => {
  const commands = await import("../src/commands/commands");
  const received: Issue[][] = [];
  commands.registerCommands((i) => received.push(i));
  sharedRuntime = false;
  const [e, ev] = event();
  await commands.generateReport(ev);
  expect(e.completed).toBe(1);
  expect(double.book.sheets.map((s) => s.name)).toContain("自评报告");
  expect(double.sheet("项目资金表").get(4, 10)!.f).toBe('=IF(F4="","",IFERROR(F4/C4,""))');
  const pending = JSON.parse(store.get("selfeval.pendingIssues")!);
  expect(pending.map((i: { code: string }) => i.code)).toContain("SUM_MISMATCH");
  expect(dialogs).toEqual(["https://localhost:3000/issues.html"]);
  expect(shownAsTaskpane).toBe(0);
  expect(received).toEqual([]); // the pane is another runtime here

  // The pane takes them once.
  const { takePendingIssues } = await import("../src/commands/pending");
  expect(takePendingIssues().length).toBe(pending.length);
  expect(takePendingIssues()).toEqual([]);
});

test("生成报告 with a shared runtime: the pane of this runtime gets the issues and is shown; no dialog", async () => {
  const commands = await import("../src/commands/commands");
  const received: Issue[][] = [];
  commands.registerCommands((i) => received.push(i));
  sharedRuntime = true;
  dialogs.length = 0;
  const [e, ev] = event();
  await commands.generateReport(ev);
  expect(e.completed).toBe(1);
  expect(shownAsTaskpane).toBe(1);
  expect(dialogs).toEqual([]);
  expect(received).toHaveLength(1);
  expect(received[0].map((i) => i.code)).toContain("SUM_MISMATCH");
  expect(store.get("selfeval.pendingIssues")).toBeUndefined();
  sharedRuntime = false;
});

test("计算到位率 on a clean fund table: written, no dialog", async () => {
  for (const s of [...double.book.sheets]) if (!["项目资金表", "_绩效自评"].includes(s.name)) double.book.sheets.splice(double.book.sheets.indexOf(s), 1);
  dialogs.length = 0;
  const commands = await import("../src/commands/commands");
  const [e, ev] = event();
  await commands.computeRates(ev);
  expect(e.completed).toBe(1);
  expect(dialogs).toEqual([]);
  expect(store.get("selfeval.pendingIssues")).toBeUndefined();
  expect(double.sheet("项目资金表").get(15, 10)!.f).toBe('=IF(F15="","",IFERROR(F15/C15,""))');
});

test("an Excel without ExcelApi 1.4 (Office 2016 volume-licensed): nothing is written, the dialog says what to use instead", async () => {
  const commands = await import("../src/commands/commands");
  double.excelApi = "1.1";
  dialogs.length = 0;
  const before = double.syncs.length;
  const [e, ev] = event();
  await commands.computeRates(ev);
  double.excelApi = "1.9";
  expect(e.completed).toBe(1);
  expect(double.syncs.length).toBe(before);
  expect(dialogs).toEqual(["https://localhost:3000/issues.html?unsupported=1"]);
});
