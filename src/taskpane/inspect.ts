/**
 * What the pane reads of a workbook beyond the core's detect, in one place and outside React code:
 * the score sheets (the report describes one of them) and the write mode remembered from last time.
 * (A core view of these — detect returning them — would make this file detect itself.)
 */
import type { RunResult, WorkbookHost, WriteMode } from "../core";
import { META_SHEET, readModel, readRequest } from "../core";
import type { Detected } from "./state";
import { tableOptions } from "./state";

/** The score sheets the add-in made (and that are still there), by name. */
export function scoreSheetNames(meta: RunResult["meta"], exists: (name: string) => boolean): string[] {
  return meta.sheets.filter((s) => s.role === "score" && exists(s.name)).map((s) => s.name);
}

/**
 * 识别表格: what the core's detect returns, with the score sheets and the remembered write mode
 * (one read; detect itself does not return them).
 */
export async function inspect(host: WorkbookHost, opts: ReturnType<typeof tableOptions>): Promise<Detected> {
  const model = readModel(await host.read(readRequest(opts)), opts);
  const mode = model.meta.settings.mode as WriteMode | undefined;
  return {
    table: model.fund,
    issues: model.fundIssues,
    sheetNames: model.sheetNames.filter((n) => n !== META_SHEET),
    scoreSheets: scoreSheetNames(model.meta, (n) => model.scoreSheets.has(n)),
    ...(mode === "values" || mode === "formulas" ? { mode } : {}),
  };
}
