/**
 * The task pane: 1 识别表格 → 2 写入到位率 → 3 评分表和自评表 → 4 生成报告, and the issue list. One
 * component per step; all state in one reducer (state.ts), run by usePane; what is shown comes from
 * the core's view models. It reaches the workbook only through a WorkbookHost (Office.js in Excel,
 * an in-memory workbook in the browser preview).
 */
import * as React from "react";
import { FluentProvider, MessageBar, MessageBarBody, ProgressBar, webLightTheme } from "@fluentui/react-components";
import type { WorkbookHost } from "../core";
import { Strings, STRINGS } from "./i18n";
import { IssueList } from "./IssueList";
import { RatesStep } from "./RatesStep";
import { ReportStep } from "./ReportStep";
import { ScoreStep } from "./ScoreStep";
import { PaneState, statusText, stepMarks } from "./state";
import { TableStep } from "./TableStep";
import { Toggle, useStyles } from "./ui";
import { PaneEnvironment, PaneOps, usePane } from "./usePane";

export type { PaneEnvironment } from "./usePane";

export function App({ host, env }: { host: WorkbookHost; env: PaneEnvironment }): React.ReactElement {
  const [s, ops] = usePane(host, env);
  return <PaneView s={s} ops={ops} host={host} env={env} />;
}

/** The pane's title and its language switch (the standalone page shows them before a workbook is open, too). */
export function PaneHeader({ t, english, onEnglish }: { t: Strings; english: boolean; onEnglish: (on: boolean) => void }): React.ReactElement {
  const ui = useStyles();
  return (
    <div className={ui.header}>
      <h1 className={ui.h1}>{t.title}</h1>
      <Toggle label={t.english} checked={english} onChange={onEnglish} />
    </div>
  );
}

/**
 * What the pane shows, given its state and operations: a page that runs the controller itself
 * (usePane) and also needs its operations (the standalone page) renders this.
 */
export function PaneView({ s, ops, host, env }: { s: PaneState; ops: PaneOps; host: WorkbookHost; env: PaneEnvironment }): React.ReactElement {
  const ui = useStyles();
  const t = STRINGS[s.lang];
  const marks = stepMarks(s);
  const status = s.status ? statusText(s.status, s.lang) : null;
  const issuesRef = React.useRef<HTMLElement>(null);
  // A run that found errors brings the issue list into view.
  React.useEffect(() => {
    if (s.reveal > 0) issuesRef.current?.scrollIntoView({ block: "start" });
  }, [s.reveal]);
  const select = host.select ? (sheet: string, cell: string) => host.select!(sheet, cell) : undefined;

  return (
    <FluentProvider theme={webLightTheme} lang={s.lang === "en" ? "en" : "zh-CN"}>
      <main className={ui.root} aria-busy={s.busy !== null}>
        <PaneHeader t={t} english={s.lang === "en"} onEnglish={(on) => ops.dispatch({ type: "lang", lang: on ? "en" : "zh" })} />
        <div className={ui.sticky}>
          {s.busy && <ProgressBar aria-label={t.busy} />}
          {status && (
            <MessageBar intent={status.intent} layout="multiline" data-intent={status.intent}>
              <MessageBarBody data-testid="status">{status.text}</MessageBarBody>
            </MessageBar>
          )}
        </div>
        <TableStep s={s} t={t} mark={marks.table} ops={ops} canPick={!!host.selection} />
        <RatesStep s={s} t={t} mark={marks.rates} ops={ops} />
        <ScoreStep s={s} t={t} mark={marks.score} ops={ops} />
        <ReportStep s={s} t={t} mark={marks.report} ops={ops} canDownload={!!env.downloadDocx} />
        <IssueList ref={issuesRef} s={s} t={t} ops={ops} select={select} />
      </main>
    </FluentProvider>
  );
}
