/**
 * The report as it will read: the first paragraphs, then 展开全文 — part of the page, not a box that
 * scrolls on its own; and, where the clipboard is blocked, the whole text selected for Ctrl+C.
 * A chunk of its own (React.lazy in ReportStep).
 */
import * as React from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { fill, Strings } from "./i18n";
import type { PaneState } from "./state";
import type { PaneOps } from "./usePane";

/** How many paragraphs the folded preview shows. */
export const PREVIEW_PARAGRAPHS = 6;

const usePreviewStyles = makeStyles({
  preview: { borderLeft: `3px solid ${tokens.colorNeutralStroke2}`, paddingLeft: "8px", wordBreak: "normal", lineBreak: "strict" },
  h1: { fontWeight: tokens.fontWeightBold, margin: "4px 0", textAlign: "center" },
  h2: { fontWeight: tokens.fontWeightSemibold, margin: "4px 0" },
  body: { textIndent: "2em", margin: "2px 0" },
  copy: { width: "100%", boxSizing: "border-box", minHeight: "8em", font: "inherit", resize: "vertical", wordBreak: "normal" },
});

export default function ReportPreview({ s, t, ops }: { s: PaneState; t: Strings; ops: PaneOps }): React.ReactElement {
  const c = usePreviewStyles();
  const copyRef = React.useRef<HTMLTextAreaElement>(null);
  React.useEffect(() => {
    if (s.copyText !== null) copyRef.current?.select();
  }, [s.copyText]);
  const shown = s.expanded ? s.paragraphs : s.paragraphs.slice(0, PREVIEW_PARAGRAPHS);
  return (
    <>
      {s.copyText !== null && <textarea ref={copyRef} className={c.copy} aria-label={t.copy} value={s.copyText} readOnly lang="zh-CN" />}
      {s.paragraphs.length > 0 && (
        <div className={c.preview} data-testid="report-preview" role="region" aria-label={t.preview} lang="zh-CN">
          {shown.map((p, i) => (
            <p key={i} className={p.level === "body" ? c.body : p.level === "h2" ? c.h2 : c.h1} title={p.sources.join(", ")}>
              {p.text}
            </p>
          ))}
        </div>
      )}
      {s.paragraphs.length > PREVIEW_PARAGRAPHS && (
        <div>
          <Button appearance="secondary" size="small" aria-expanded={s.expanded} onClick={() => ops.dispatch({ type: "expand", on: !s.expanded })}>
            {s.expanded ? t.collapse : fill(t.expand, { n: s.paragraphs.length })}
          </Button>
        </div>
      )}
    </>
  );
}
