/**
 * 问题清单: the issues grouped by severity with counts (the core's issueGroups: errors first, notes
 * folded), filtered by sheet, each in the pane's language; a click selects its cell.
 */
import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import type { IssueGroup, Lang, Severity } from "../core";
import { issueGroups } from "../core";
import type { Strings } from "./i18n";
import type { PaneState } from "./state";
import { Choice, Fold, Hint, names, useStyles } from "./ui";
import type { PaneOps } from "./usePane";

const useIssueStyles = makeStyles({
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "2px" },
  item: {
    display: "block",
    width: "100%",
    textAlign: "left",
    padding: "4px 6px",
    border: "none",
    borderLeft: "3px solid transparent",
    background: "none",
    font: "inherit",
    color: tokens.colorNeutralForeground1,
    wordBreak: "normal",
    lineBreak: "strict",
    cursor: "pointer",
    ":hover:enabled": { background: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
    ":disabled": { cursor: "default" },
  },
  error: { borderLeftColor: tokens.colorStatusDangerBorder2 },
  warning: { borderLeftColor: tokens.colorStatusWarningBorder2 },
  info: { borderLeftColor: tokens.colorNeutralStroke1 },
  sheet: { fontWeight: tokens.fontWeightSemibold },
  count: { fontWeight: tokens.fontWeightSemibold },
  countError: { color: tokens.colorStatusDangerForeground1 },
  countWarning: { color: tokens.colorStatusWarningForeground1 },
});

/** "错误（3）", "Errors (3)". */
function counted(label: string, n: number, lang: Lang): string {
  return lang === "en" ? `${label} (${n})` : `${label}（${n}）`;
}

function Group({ g, open, s, t, ops, select }: { g: IssueGroup; open: boolean; s: PaneState; t: Strings; ops: PaneOps; select?: (sheet: string, cell: string) => Promise<void> }): React.ReactElement {
  const c = useIssueStyles();
  const colon = s.lang === "en" ? ": " : "：";
  const countClass = g.severity === "error" ? c.countError : g.severity === "warning" ? c.countWarning : "";
  return (
    <Fold
      id={`issues-${g.severity}`}
      label={
        <span className={`${c.count} ${countClass}`} data-testid={`group-${g.severity}`}>
          {counted(g.label, g.count, s.lang)}
        </span>
      }
      open={open}
      onToggle={(o) => ops.dispatch({ type: "group", severity: g.severity, open: o })}
    >
      <ul className={c.list}>
        {g.items.map((i) => (
          <li key={i.key}>
            <button
              type="button"
              className={`${c.item} ${c[g.severity]}`}
              title={i.cell && select ? t.clickToSelect : undefined}
              data-cell={`${i.sheet}!${i.cell ?? ""}`}
              disabled={!i.cell || !select}
              onClick={() => i.cell && void select?.(i.sheet, i.cell)}
            >
              {i.sheet && (
                <span className={c.sheet} lang="zh-CN">
                  {i.sheet}
                </span>
              )}
              {i.sheet ? colon : ""}
              {i.text}
            </button>
          </li>
        ))}
      </ul>
    </Fold>
  );
}

export const IssueList = React.forwardRef<HTMLElement, { s: PaneState; t: Strings; ops: PaneOps; select?: (sheet: string, cell: string) => Promise<void> }>(function IssueList({ s, t, ops, select }, ref) {
  const ui = useStyles();
  const { groups, sheets } = issueGroups(s.issues, s.lang, s.issueSheet || undefined);
  const isOpen = (g: { severity: Severity; folded: boolean }) => s.open[g.severity] ?? !g.folded;
  return (
    <section className={ui.section} aria-labelledby="issues-title" ref={ref} tabIndex={-1}>
      <h2 id="issues-title" className={ui.h2}>
        {counted(t.issues, s.issues.length, s.lang)}
      </h2>
      {sheets.length > 1 && (
        <Choice label={t.issueSheet} horizontal value={s.issueSheet} options={[{ value: "", text: t.allSheets }, ...names(sheets)]} onChange={(sheet) => ops.dispatch({ type: "issueSheet", sheet })} testId="issue-sheet" />
      )}
      {s.issues.length === 0 && <Hint>{t.noIssues}</Hint>}
      <div data-testid="issues" hidden={groups.length === 0}>
        {groups.map((g) => (
          <Group key={g.severity} g={g} open={isOpen(g)} s={s} t={t} ops={ops} select={select} />
        ))}
      </div>
    </section>
  );
});
