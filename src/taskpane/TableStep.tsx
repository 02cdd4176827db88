/**
 * 1 识别表格: the sheet, what was detected (range, unit, projects, rates), the column mapping
 * (folded when detection is sure), 重新识别 and 以选定行为表头.
 */
import * as React from "react";
import { Button, makeStyles, Select, tokens } from "@fluentui/react-components";
import type { ColumnChoiceView, TableView } from "../core";
import { tableView } from "../core";
import { Strings } from "./i18n";
import { mappingIsOpen, Mark, PaneState } from "./state";
import { Choice, Fold, Hint, names, Step, useStyles } from "./ui";
import type { PaneOps } from "./usePane";

const useTableStyles = makeStyles({
  facts: { display: "flex", flexWrap: "wrap", gap: "2px 12px", margin: 0 },
  fact: { whiteSpace: "nowrap" },
  factLabel: { color: tokens.colorNeutralForeground3, marginRight: "4px" },
  mapping: { display: "grid", gridTemplateColumns: "minmax(5em, max-content) minmax(0, 1fr)", gap: "6px 8px", alignItems: "start", paddingTop: "4px" },
  label: { paddingTop: "4px", lineHeight: tokens.lineHeightBase200 },
  sub: { display: "block", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  note: { gridColumn: "2", marginTop: "-4px" },
});

/** "全年预算数（调整后）" → the word, and its bracket on a line of its own: nothing breaks mid-word. */
function ColumnLabel({ label, htmlFor }: { label: string; htmlFor: string }): React.ReactElement {
  const s = useTableStyles();
  const at = label.indexOf("（");
  return (
    <label htmlFor={htmlFor} className={s.label}>
      {at > 0 ? (
        <>
          {label.slice(0, at)}
          <span className={s.sub}>{label.slice(at)}</span>
        </>
      ) : (
        label
      )}
    </label>
  );
}

function ColumnChoice({ c, t, disabled, onChange }: { c: ColumnChoiceView; t: Strings; disabled: boolean; onChange: (col: number | null) => void }): React.ReactElement {
  const s = useTableStyles();
  const id = `map-${c.field}`;
  return (
    <>
      <ColumnLabel label={c.label} htmlFor={id} />
      <Select id={id} size="small" aria-label={c.label} value={c.col === null ? "none" : String(c.col)} disabled={disabled} onChange={(_e, d) => onChange(d.value === "none" ? null : Number(d.value))}>
        <option value="none">{t.noColumn}</option>
        {c.options.map((o) => (
          <option key={o.col} value={String(o.col)} lang="zh-CN">
            {o.text}
          </option>
        ))}
      </Select>
      {c.note && (
        <div className={s.note}>
          <Hint>{c.note === "duplicate" ? t.noteDuplicate : t.noteChoice}</Hint>
        </div>
      )}
    </>
  );
}

function Facts({ view, t }: { view: TableView; t: Strings }): React.ReactElement {
  const s = useTableStyles();
  const fact = (label: string, value: React.ReactNode, data = false) => (
    <span className={s.fact}>
      <span className={s.factLabel}>{label}</span>
      {data ? <span lang="zh-CN">{value}</span> : value}
    </span>
  );
  return (
    <p className={s.facts} data-testid="detected">
      {fact(t.sheet, view.sheet, true)}
      {fact(t.range, view.range)}
      {fact(t.unit, view.unit)}
      {fact(t.projects, view.projects)}
      {view.rates.map((r) => (
        <React.Fragment key={r.name}>{fact(r.name, r.value ?? "—")}</React.Fragment>
      ))}
    </p>
  );
}

export function TableStep({ s, t, mark, ops, canPick }: { s: PaneState; t: Strings; mark?: Mark; ops: PaneOps; canPick: boolean }): React.ReactElement {
  const ui = useStyles();
  const ts = useTableStyles();
  const view = tableView(s.table, s.lang);
  const busy = s.busy !== null;
  const current = s.picked?.sheet ?? s.sheet ?? s.table?.sheet ?? "";
  const open = mappingIsOpen(s);
  const unsure = view ? view.columns.filter((c) => c.note).length : 0;
  return (
    <Step id="step1" title={t.step1} mark={mark} t={t}>
      <Choice label={t.sheet} value={current} disabled={busy} options={names(s.sheetNames.includes(current) ? s.sheetNames : [current, ...s.sheetNames])} onChange={(sheet) => void ops.redetect({ type: "sheet", sheet })} />
      {view ? <Facts view={view} t={t} /> : <Hint>{s.busy === "detect" ? t.busy : t.noTable}</Hint>}
      {view && (
        <Fold id="mapping" label={t.mapping} summary={view.sure && !unsure ? t.mappingSure : t.mappingCheck} open={open} onToggle={(o) => ops.dispatch({ type: "fold", id: "mapping", open: o })}>
          <div className={ts.mapping}>
            {view.columns.map((c) => (
              <ColumnChoice key={c.field} c={c} t={t} disabled={busy} onChange={(col) => void ops.redetect({ type: "field", field: c.field, col })} />
            ))}
          </div>
        </Fold>
      )}
      <div className={ui.row}>
        <Button onClick={() => void ops.redetect({ type: "again" })} disabled={busy}>
          {t.detect}
        </Button>
        {canPick && (
          <Button onClick={() => void ops.useSelection()} disabled={busy}>
            {t.useSelection}
          </Button>
        )}
      </div>
    </Step>
  );
}
