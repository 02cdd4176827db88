/**
 * The pane's building blocks: a step (a section named by its heading, with a done / needs-attention
 * badge), a fold (a disclosure button and what it shows), a hint; and the styles they share. Laid
 * out for a pane 350 px wide: labels never break inside a word (keep-all for CJK, wrapping only
 * between words and before brackets), one scroll area (nothing here scrolls on its own).
 */
import * as React from "react";
import { Field, makeStyles, Select, tokens } from "@fluentui/react-components";
import type { Mark } from "./state";
import type { Strings } from "./i18n";

export const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "12px",
    padding: "0 12px 16px",
    boxSizing: "border-box",
    maxWidth: "480px",
    fontSize: tokens.fontSizeBase300,
    // CJK labels wrap between words, never inside one ("金额单/位"); a word too long for the pane still wraps.
    wordBreak: "keep-all",
    overflowWrap: "anywhere",
    // A drop-down list is as wide as the pane, never its longest option: long choices are cut with an ellipsis.
    "& .fui-Select": { maxWidth: "100%", minWidth: 0 },
    "& select": { width: "100%", minWidth: 0, textOverflow: "ellipsis" },
  },
  header: { display: "flex", justifyContent: "space-between", alignItems: "center", gap: "8px", paddingTop: "8px" },
  h1: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold, minWidth: 0 },
  switch: {
    flexShrink: 0,
    whiteSpace: "nowrap",
    position: "relative",
    display: "inline-flex",
    alignItems: "center",
    gap: "8px",
    cursor: "pointer",
    "& input": { position: "absolute", left: 0, width: "40px", height: "20px", margin: 0, opacity: 0, cursor: "pointer", zIndex: 1 },
    "& input:checked + span": { background: tokens.colorCompoundBrandBackground, border: `1px solid ${tokens.colorCompoundBrandBackground}` },
    "& input:checked + span::after": { left: "22px", background: tokens.colorNeutralForegroundInverted },
    "& input:focus-visible + span": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
  track: {
    position: "relative",
    boxSizing: "border-box",
    width: "40px",
    height: "20px",
    borderRadius: "10px",
    border: `1px solid ${tokens.colorNeutralStrokeAccessible}`,
    background: tokens.colorNeutralBackground1,
    transition: "background 0.1s",
    "::after": { content: '""', position: "absolute", top: "3px", left: "3px", width: "12px", height: "12px", borderRadius: "50%", background: tokens.colorNeutralForeground3, transition: "left 0.1s" },
  },
  sticky: {
    position: "sticky",
    top: 0,
    zIndex: 1,
    display: "flex",
    flexDirection: "column",
    gap: "4px",
    background: tokens.colorNeutralBackground1,
    // A status is a sentence: it wraps as text does.
    wordBreak: "normal",
    lineBreak: "strict",
    // The bar covers nothing it should not: it is empty when there is nothing to say.
    ":empty": { display: "none" },
  },
  section: { display: "flex", flexDirection: "column", gap: "8px", paddingTop: "12px", borderTop: `1px solid ${tokens.colorNeutralStroke2}`, scrollMarginTop: "64px" },
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, display: "flex", alignItems: "center", gap: "8px", flexWrap: "wrap" },
  h3: { margin: "4px 0 0", fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  row: { display: "flex", gap: "8px", flexWrap: "wrap", alignItems: "center" },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, margin: 0 },
  badge: { fontSize: tokens.fontSizeBase100, lineHeight: "16px", fontWeight: tokens.fontWeightSemibold, padding: "0 6px", borderRadius: tokens.borderRadiusCircular, whiteSpace: "nowrap" },
  done: { color: tokens.colorStatusSuccessForeground1, background: tokens.colorStatusSuccessBackground1, border: `1px solid ${tokens.colorStatusSuccessBorder1}` },
  attention: { color: tokens.colorStatusWarningForeground1, background: tokens.colorStatusWarningBackground1, border: `1px solid ${tokens.colorStatusWarningBorder1}` },
  fold: {
    display: "flex",
    alignItems: "center",
    gap: "6px",
    width: "100%",
    padding: "4px 0",
    border: "none",
    background: "none",
    font: "inherit",
    color: tokens.colorNeutralForeground1,
    textAlign: "left",
    cursor: "pointer",
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  chevron: { display: "inline-block", width: "1em", transition: "transform 0.1s", color: tokens.colorNeutralForeground3 },
  chevronOpen: { transform: "rotate(90deg)" },
  foldSummary: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** A step of the pane: its heading (with the badge), for screen readers a named region. */
export function Step({ id, title, mark, t, children }: { id: string; title: string; mark?: Mark; t: Strings; children: React.ReactNode }): React.ReactElement {
  const s = useStyles();
  return (
    <section className={s.section} aria-labelledby={id}>
      <h2 id={id} className={s.h2}>
        {title}
        {mark && (
          <span className={`${s.badge} ${mark === "done" ? s.done : s.attention}`} data-testid={`mark-${id}`} data-mark={mark}>
            {mark === "done" ? t.markDone : t.markAttention}
          </span>
        )}
      </h2>
      {children}
    </section>
  );
}

/** A fold: a button that says what is inside (and how it stands) and shows it or not. */
export function Fold({ id, label, summary, open, onToggle, children }: { id: string; label: React.ReactNode; summary?: React.ReactNode; open: boolean; onToggle: (open: boolean) => void; children: React.ReactNode }): React.ReactElement {
  const s = useStyles();
  return (
    <div>
      <button type="button" className={s.fold} aria-expanded={open} aria-controls={id} onClick={() => onToggle(!open)}>
        <span className={`${s.chevron} ${open ? s.chevronOpen : ""}`} aria-hidden="true">
          ▸
        </span>
        <span>{label}</span>
        {summary !== undefined && <span className={s.foldSummary}>{summary}</span>}
      </button>
      <div id={id} hidden={!open}>
        {open && children}
      </div>
    </div>
  );
}

export function Hint({ id, children }: { id?: string; children: React.ReactNode }): React.ReactElement {
  const s = useStyles();
  return (
    <p id={id} className={s.hint}>
      {children}
    </p>
  );
}

export interface ChoiceOption {
  value: string;
  text: string;
  /** A name from the workbook (a sheet, a project): data, in Chinese whatever the pane's language. */
  data?: boolean;
}

/** A labelled drop-down list (a native select: as wide as the pane, light, keyboard and screen reader as the platform does them). */
export function Choice({ label, value, options, onChange, disabled, horizontal, testId }: { label: string; value: string; options: ChoiceOption[]; onChange: (value: string) => void; disabled?: boolean; horizontal?: boolean; testId?: string }): React.ReactElement {
  return (
    <Field label={label} orientation={horizontal ? "horizontal" : "vertical"}>
      <Select value={value} disabled={disabled} onChange={(_e, d) => onChange(d.value)} data-testid={testId}>
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.data ? "zh-CN" : undefined}>
            {o.text}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** Names from the workbook as options. */
export const names = (list: readonly string[]): ChoiceOption[] => list.map((n) => ({ value: n, text: n, data: true }));

/** An on/off switch (a native checkbox with the switch role, drawn as a track): the language. */
export function Toggle({ label, checked, onChange }: { label: string; checked: boolean; onChange: (on: boolean) => void }): React.ReactElement {
  const s = useStyles();
  return (
    <label className={s.switch}>
      <input type="checkbox" role="switch" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      <span className={s.track} aria-hidden="true" />
      {label}
    </label>
  );
}
