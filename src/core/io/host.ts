/**
 * The port between the pure core and a workbook. Shaped for Office.js: one batch to read what an
 * operation needs, one batch to write its plan. Hosts: src/excel (Office.js), src/xlsx (exceljs
 * files, for the command line), src/preview (an in-memory workbook for the browser preview).
 */
import { WritePlan } from "./plan";
import { WorkbookSnapshot } from "./snapshot";

export interface ReadRequest {
  /** Sheets to read whole (a missing one is simply absent from the snapshot). */
  sheets: string[];
  /** Also read the active sheet (the fund table usually is the sheet the user is on). */
  active: boolean;
  /** Read every sheet (small workbooks, the file host). */
  all?: boolean;
  /**
   * Sheets the add-in generated and protected (the report): when such a sheet is still protected
   * the user has not edited it, so a host may skip its contents (snapshot.skipped) and save the
   * bytes; an unprotected one is read as usual, to see what the user changed.
   */
  skipIfProtected?: string[];
}

export interface WorkbookHost {
  read(request: ReadRequest): Promise<WorkbookSnapshot>;
  /** Writes the whole plan in one batch; throws only on a bug or a host failure. */
  apply(plan: WritePlan): Promise<void>;
  /** Select a cell for the user (the pane's issue list); optional. */
  select?(sheet: string, cell: string): Promise<void>;
  /** The cell or range the user has selected (the pane's 使用选定区域); optional. */
  selection?(): Promise<{ sheet: string; address: string } | null>;
}
