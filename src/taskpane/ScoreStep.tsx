/**
 * 3 评分表和自评表: the scheme (the core's choices) and 创建评分表 — asking before a 评分表 of another
 * scheme is replaced —, 一键重算 (with what it does), and 为每个项目生成自评表 (the projects ticked,
 * all by default; the layout from the core's choices).
 */
import * as React from "react";
import { Button, Checkbox, makeStyles, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { formChoices, schemeChoices } from "../core";
import { fill, Strings } from "./i18n";
import { Mark, PaneState, projectNames, tickedProjects } from "./state";
import { Choice, Fold, Hint, Step, useStyles } from "./ui";
import type { PaneOps } from "./usePane";

const useScoreStyles = makeStyles({
  projects: { display: "flex", flexDirection: "column", wordBreak: "normal" },
  confirm: { wordBreak: "normal" },
});

function ReplaceConfirm({ s, t, ops }: { s: PaneState; t: Strings; ops: PaneOps }): React.ReactElement | null {
  const c = useScoreStyles();
  if (!s.confirmReplace) return null;
  const scheme = schemeChoices(s.lang).find((x) => x.id === s.scheme)?.label ?? s.scheme;
  return (
    <MessageBar intent="warning" layout="multiline" className={c.confirm} data-testid="confirm-replace">
      <MessageBarBody>{fill(t.replaceAsk, { existing: s.confirmReplace.existing, scheme })}</MessageBarBody>
      <MessageBarActions>
        <Button size="small" appearance="primary" onClick={() => void ops.run("createScore", true)} disabled={s.busy !== null}>
          {t.replace}
        </Button>
        <Button size="small" onClick={() => ops.dispatch({ type: "replaceCancel" })}>
          {t.cancel}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

function Forms({ s, t, ops }: { s: PaneState; t: Strings; ops: PaneOps }): React.ReactElement {
  const ui = useStyles();
  const c = useScoreStyles();
  const names = projectNames(s);
  const ticked = tickedProjects(s);
  const all = ticked.length === names.length ? true : ticked.length === 0 ? false : "mixed";
  return (
    <>
      <h3 className={ui.h3}>{t.forms}</h3>
      <Choice label={t.formLayout} value={s.formVariant} options={formChoices(s.lang).map((f) => ({ value: f.id, text: f.label }))} onChange={(variant) => ops.dispatch({ type: "formVariant", variant })} />
      <Fold id="form-projects" label={fill(t.formProjects, { n: ticked.length, total: names.length })} open={!!s.folds.formProjects} onToggle={(o) => ops.dispatch({ type: "fold", id: "formProjects", open: o })}>
        <div className={c.projects}>
          <Checkbox label={t.allProjects} checked={all} onChange={(_e, d) => ops.dispatch({ type: "allForms", on: !!d.checked })} />
          {names.map((n) => (
            <Checkbox key={n} label={<span lang="zh-CN">{n}</span>} checked={ticked.includes(n)} onChange={(_e, d) => ops.dispatch({ type: "formProject", name: n, on: !!d.checked })} />
          ))}
        </div>
      </Fold>
      <div className={ui.row}>
        <Button onClick={() => void ops.run("makeForms")} disabled={s.busy !== null || !s.table || ticked.length === 0}>
          {t.makeForms}
        </Button>
      </div>
    </>
  );
}

export function ScoreStep({ s, t, mark, ops }: { s: PaneState; t: Strings; mark?: Mark; ops: PaneOps }): React.ReactElement {
  const ui = useStyles();
  const busy = s.busy !== null;
  return (
    <Step id="step3" title={t.step3} mark={mark} t={t}>
      <Choice label={t.scheme} value={s.scheme} options={schemeChoices(s.lang).map((c) => ({ value: c.id, text: c.label }))} onChange={(scheme) => ops.dispatch({ type: "scheme", scheme })} />
      <div className={ui.row}>
        <Button onClick={() => void ops.run("createScore")} disabled={busy || !s.table}>
          {t.createScore}
        </Button>
      </div>
      <ReplaceConfirm s={s} t={t} ops={ops} />
      <div className={ui.row}>
        <Button onClick={() => void ops.run("recalc")} disabled={busy || !s.table} aria-describedby="recalc-hint">
          {t.recalc}
        </Button>
      </div>
      <Hint id="recalc-hint">{t.recalcHint}</Hint>
      <Forms s={s} t={t} ops={ops} />
    </Step>
  );
}
