/**
 * The ribbon buttons: the same operations through the Office.js host (here on the Office.js
 * double); when a command finds issues it leaves them for the pane and opens a dialog on them.
 */
import { readFileSync } from "node:fs";
import { XlsxHost } from "../src/xlsx/host";
import { SAMPLE } from "./helpers/books";
import { OfficeDouble, bookFromSnapshot } from "./helpers/office-double";

const store = new Map<string, string>();
const dialogs: string[] = [];
const associated: string[] = [];
let double: OfficeDouble;

beforeAll(async () => {
  double = new OfficeDouble(bookFromSnapshot(await (await XlsxHost.fromBuffer(readFileSync(SAMPLE), "xlsx")).read()));
  Object.assign(globalThis, {
    localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v), removeItem: (k: string) => store.delete(k) },
    location: { href: "https://localhost:3000/commands.html" },
    Excel: { run: double.run },
    Office: {
      onReady: (f: () => void) => f(),
      actions: { associate: (name: string) => associated.push(name) },
      AsyncResultStatus: { Succeeded: "succeeded" },
      EventType: { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived" },
      context: {
        requirements: { isSetSupported: () => false },
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

test("生成报告 from the ribbon: the report is written through Office.js, issues left for the pane, a dialog shows them", async () => {
  const commands = await import("../src/commands/commands");
  expect(associated).toEqual(["computeRates", "recalcScores", "generateReport"]);
  let completed = 0;
  await commands.generateReport({ completed: () => completed++ } as unknown as Office.AddinCommands.Event);
  expect(completed).toBe(1);
  expect(double.book.sheets.map((s) => s.name)).toContain("自评报告");
  expect(double.sheet("项目资金表").get(4, 10)!.f).toBe('=IF(F4="","",IFERROR(F4/C4,""))');
  const pending = JSON.parse(store.get("selfeval.pendingIssues")!);
  expect(pending.map((i: { code: string }) => i.code)).toContain("SUM_MISMATCH");
  expect(dialogs).toEqual(["https://localhost:3000/issues.html"]);

  // The pane takes them once.
  const { takePendingIssues } = await import("../src/commands/pending");
  expect(takePendingIssues().length).toBe(pending.length);
  expect(takePendingIssues()).toEqual([]);
});

test("计算到位率 on a clean fund table: written, no dialog", async () => {
  for (const s of [...double.book.sheets]) if (!["项目资金表", "_绩效自评"].includes(s.name)) double.book.sheets.splice(double.book.sheets.indexOf(s), 1);
  dialogs.length = 0;
  const commands = await import("../src/commands/commands");
  let completed = 0;
  await commands.computeRates({ completed: () => completed++ } as unknown as Office.AddinCommands.Event);
  expect(completed).toBe(1);
  expect(dialogs).toEqual([]);
  expect(store.get("selfeval.pendingIssues")).toBeUndefined();
  expect(double.sheet("项目资金表").get(15, 10)!.f).toBe('=IF(F15="","",IFERROR(F15/C15,""))');
});
