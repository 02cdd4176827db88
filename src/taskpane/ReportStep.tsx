/**
 * 4 生成报告: the report type (automatic from the workbook by default), one project's report, the
 * score sheet it describes when there are several; 生成报告, 复制全文, 下载 Word; the preview (its own
 * chunk, loaded after the first screen: the first screen does not carry it).
 */
import * as React from "react";
import { Button } from "@fluentui/react-components";
import type { ReportType } from "../core";
import type { Strings } from "./i18n";
import { Mark, PaneState, projectNames } from "./state";
import { Choice, names, Step, useStyles } from "./ui";
import type { PaneOps } from "./usePane";

const ReportPreview = React.lazy(() => import(/* webpackChunkName: "report-preview" */ "./ReportPreview"));

function ReportChoices({ s, t, ops }: { s: PaneState; t: Strings; ops: PaneOps }): React.ReactElement {
  const types = [
    { value: "auto", text: t.reportAuto },
    { value: "department", text: t.reportDepartment },
    { value: "project", text: t.reportProject },
  ];
  return (
    <>
      <Choice label={t.reportType} value={s.reportType} options={types} onChange={(v) => ops.dispatch({ type: "reportType", reportType: v as ReportType | "auto" })} />
      {s.reportType === "project" && (
        <Choice label={t.reportWhich} value={s.reportProject} options={[{ value: "", text: t.reportEach }, ...names(projectNames(s))]} onChange={(name) => ops.dispatch({ type: "reportProject", name })} />
      )}
      {s.scoreSheets.length > 1 && (
        <Choice label={t.scoreSheet} value={s.scoreSheet} options={[{ value: "", text: t.scoreSheetDefault }, ...names(s.scoreSheets)]} onChange={(sheet) => ops.dispatch({ type: "scoreSheet", sheet })} />
      )}
    </>
  );
}

export function ReportStep({ s, t, mark, ops, canDownload }: { s: PaneState; t: Strings; mark?: Mark; ops: PaneOps; canDownload: boolean }): React.ReactElement {
  const ui = useStyles();
  const has = s.paragraphs.length > 0;
  return (
    <Step id="step4" title={t.step4} mark={mark} t={t}>
      <ReportChoices s={s} t={t} ops={ops} />
      <div className={ui.row}>
        <Button appearance="primary" onClick={() => void ops.run("generate")} disabled={s.busy !== null || !s.table}>
          {t.generate}
        </Button>
        <Button onClick={() => void ops.copy()} disabled={!has}>
          {t.copy}
        </Button>
        {canDownload && (
          <Button onClick={() => void ops.downloadWord()} disabled={!has}>
            {t.docx}
          </Button>
        )}
      </div>
      {/* Mounted (empty) as soon as there is a table, so that its chunk is loaded before the report comes. */}
      {(s.table || has) && (
        <React.Suspense fallback={null}>
          <ReportPreview s={s} t={t} ops={ops} />
        </React.Suspense>
      )}
    </Step>
  );
}
