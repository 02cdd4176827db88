/**
 * The standalone page: the task pane (the same components, state and core) on the user's own
 * workbook, opened from the disk (打开工作簿, or dropped on the page) into the browser's memory, the
 * workbook as a grid to type into, and 保存工作簿 to hand the result back as a new file. Nothing
 * leaves the machine: the page requests nothing but its own files.
 */
import * as React from "react";
import { Button, FluentProvider, makeStyles, MessageBar, MessageBarActions, MessageBarBody, tokens, webLightTheme } from "@fluentui/react-components";
import type { Lang } from "../core";
import { Grid, GridWords } from "../preview/Grid";
import type { PreviewHost } from "../preview/host";
import { PaneHeader, PaneView } from "../taskpane/App";
import { downloadDocx, saveBlob } from "../taskpane/download";
import { fill, STRINGS } from "../taskpane/i18n";
import { useStyles } from "../taskpane/ui";
import { PaneEnvironment, usePane } from "../taskpane/usePane";
import { OpenFailure, openWorkbook, saveWorkbook } from "./files";
import { PAGE_STRINGS, PageStrings, problemText } from "./strings";

const usePageStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", height: "100vh", fontFamily: "'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif" },
  bar: {
    display: "flex",
    alignItems: "center",
    gap: "8px",
    flexWrap: "wrap",
    padding: "6px 12px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    background: tokens.colorNeutralBackground2,
  },
  file: { fontWeight: tokens.fontWeightSemibold, whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis", maxWidth: "40vw" },
  privacy: { marginLeft: "auto", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, wordBreak: "keep-all", overflowWrap: "anywhere" },
  main: { display: "flex", flex: 1, minHeight: 0 },
  pane: { width: "clamp(320px, 32vw, 420px)", flexShrink: 0, overflowY: "auto", borderRight: `1px solid ${tokens.colorNeutralStroke2}` },
  right: { display: "flex", flexDirection: "column", flex: 1, minWidth: 0 },
  drop: {
    margin: "24px",
    flex: 1,
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    justifyContent: "center",
    gap: "12px",
    textAlign: "center",
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusXLarge,
    color: tokens.colorNeutralForeground2,
    padding: "24px",
  },
  dropping: { border: `2px dashed ${tokens.colorBrandStroke1}`, background: tokens.colorBrandBackground2 },
  dropTitle: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1, margin: 0 },
  dropNote: { margin: 0, maxWidth: "36em", wordBreak: "keep-all", overflowWrap: "anywhere" },
  intro: { margin: 0, wordBreak: "normal", lineBreak: "strict" },
  steps: { margin: 0, paddingLeft: "1.5em", lineHeight: tokens.lineHeightBase400 },
});

/** A line of the page's own (opening and saving files), rendered in the language of the moment. */
interface Note {
  key: "opening" | "xls" | "notWorkbook" | "damaged" | "saved" | "savedStale" | "openFailed" | "saveFailed";
  intent: "info" | "success" | "warning" | "error";
  name: string;
  /** What went wrong, where it was not the file (a fault of the page: said, not swallowed). */
  message?: string;
  /** Typed cells not yet recalculated. */
  n?: number;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

interface Opened {
  host: PreviewHost;
  name: string;
  /** Each opened file mounts a pane of its own. */
  id: number;
}

export function Page(): React.ReactElement {
  const c = usePageStyles();
  const [lang, setLang] = React.useState<Lang>("zh");
  const [book, setBook] = React.useState<Opened | null>(null);
  const [note, setNote] = React.useState<Note | null>(null);
  const [waiting, setWaiting] = React.useState<File | null>(null);
  const [dragging, setDragging] = React.useState(false);
  const [, setTick] = React.useState(0);
  const input = React.useRef<HTMLInputElement>(null);
  const opened = React.useRef(0);
  const t = PAGE_STRINGS[lang];

  React.useEffect(() => book?.host.onChange(() => setTick((n) => n + 1)), [book]);
  React.useEffect(() => {
    document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
    document.title = t.page;
  }, [lang, t]);
  // Closing the tab with changes not saved: the browser asks first.
  React.useEffect(() => {
    const ask = (e: BeforeUnloadEvent) => {
      if (!book?.host.dirty) return;
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [book]);

  const open = async (file: File, discard = false) => {
    if (book?.host.dirty && !discard) return setWaiting(file);
    setWaiting(null);
    setNote({ key: "opening", intent: "info", name: file.name });
    try {
      const host = await openWorkbook(file.name, await file.arrayBuffer());
      setBook({ host, name: file.name, id: ++opened.current });
      setNote(null);
    } catch (e) {
      setNote(e instanceof OpenFailure ? { key: e.key, intent: "error", name: file.name } : { key: "openFailed", intent: "error", name: file.name, message: message(e) });
    }
  };

  const save = async () => {
    if (!book) return;
    try {
      // Saved before 一键重算: said, since the scores in the file do not yet follow what was typed.
      const pending = book.host.stale.size > 0 ? book.host.edits : 0;
      const file = await saveWorkbook(book.host, book.name);
      saveBlob(new Blob([file.bytes], { type: file.type }), file.name);
      setNote(pending ? { key: "savedStale", intent: "warning", name: file.name, n: pending } : { key: "saved", intent: "success", name: file.name });
    } catch (e) {
      setNote({ key: "saveFailed", intent: "error", name: book.name, message: message(e) });
    }
  };

  // A workbook dropped anywhere on the page opens.
  React.useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes("Files")) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => e.relatedTarget === null && setDragging(false);
    const drop = (e: DragEvent) => {
      e.preventDefault();
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) void open(file);
    };
    window.addEventListener("dragover", over);
    window.addEventListener("dragleave", leave);
    window.addEventListener("drop", drop);
    return () => {
      window.removeEventListener("dragover", over);
      window.removeEventListener("dragleave", leave);
      window.removeEventListener("drop", drop);
    };
  }); // no deps: re-bound each render, so a drop calls this render's open (it knows whether the book open now has changes)

  const openButton = (primary: boolean) => (
    <Button appearance={primary ? "primary" : "secondary"} onClick={() => input.current?.click()}>
      {t.open}
    </Button>
  );

  return (
    <FluentProvider theme={webLightTheme} lang={lang === "en" ? "en" : "zh-CN"}>
      <div className={c.page}>
        <div className={c.bar} role="toolbar" aria-label={t.page}>
          <input
            ref={input}
            type="file"
            hidden
            data-testid="file-input"
            accept=".xlsx,.xlsm,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12,text/csv"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = ""; // the same file again is a new choice
              if (file) void open(file);
            }}
          />
          {openButton(!book)}
          <Button appearance={book ? "primary" : "secondary"} disabled={!book} onClick={() => void save()}>
            {t.save}
          </Button>
          {book && (
            <span className={c.file} lang="zh-CN" data-testid="file-name" data-dirty={book.host.dirty ? "" : undefined}>
              {book.name}
              {book.host.dirty ? " *" : ""}
            </span>
          )}
          <span className={c.privacy} data-testid="privacy">
            {t.privacy}
          </span>
        </div>
        {note && (
          <MessageBar intent={note.intent} layout="multiline">
            <MessageBarBody data-testid="page-note">{fill(t[note.key], { name: note.name, message: note.message ?? "", n: note.n ?? 0 })}</MessageBarBody>
          </MessageBar>
        )}
        {waiting && book && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody data-testid="unsaved">{fill(t.unsaved, { name: book.name })}</MessageBarBody>
            <MessageBarActions>
              <Button size="small" appearance="primary" onClick={() => void open(waiting, true)}>
                {t.discard}
              </Button>
              <Button size="small" onClick={() => setWaiting(null)}>
                {t.keep}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        <div className={c.main}>
          {book ? (
            <Workspace key={book.id} host={book.host} lang={lang} onLang={setLang} t={t} />
          ) : (
            <Landing lang={lang} onLang={setLang} t={t} dragging={dragging} openButton={openButton(true)} />
          )}
        </div>
      </div>
    </FluentProvider>
  );
}

/** Before a workbook is open: the pane's header and what the page does; the place to drop a file. */
function Landing({ lang, onLang, t, dragging, openButton }: { lang: Lang; onLang: (l: Lang) => void; t: PageStrings; dragging: boolean; openButton: React.ReactNode }): React.ReactElement {
  const c = usePageStyles();
  const ui = useStyles();
  return (
    <>
      <div className={c.pane}>
        <main className={ui.root}>
          <PaneHeader t={STRINGS[lang]} english={lang === "en"} onEnglish={(on) => onLang(on ? "en" : "zh")} />
          <p className={c.intro}>{t.intro}</p>
          <ol className={c.steps}>
            {(["step1", "step2", "step3", "step4"] as const).map((k) => (
              <li key={k}>{STRINGS[lang][k].replace(/^\d+ /, "")}</li>
            ))}
          </ol>
          <p className={`${ui.hint} ${c.intro}`}>{t.steps}</p>
        </main>
      </div>
      <div className={c.right}>
        <div className={`${c.drop} ${dragging ? c.dropping : ""}`} data-testid="drop-zone">
          <p className={c.dropTitle}>{dragging ? t.dropping : t.dropTitle}</p>
          <span>{t.dropOr}</span>
          {openButton}
          <p className={c.dropNote}>{t.accepts}</p>
          <p className={c.dropNote}>{t.privacy}</p>
        </div>
      </div>
    </>
  );
}

/** A workbook open: the pane on it, and the grid (with the note that typed cells wait for 一键重算). */
function Workspace({ host, lang, onLang, t }: { host: PreviewHost; lang: Lang; onLang: (l: Lang) => void; t: PageStrings }): React.ReactElement {
  const c = usePageStyles();
  // The language the pane starts in; from then on the pane has its own (and tells the page).
  const env = React.useMemo<PaneEnvironment>(() => ({ clipboard: true, downloadDocx, lang }), []);
  const [s, ops] = usePane(host, env);
  React.useEffect(() => onLang(s.lang), [s.lang, onLang]);
  const words = React.useMemo<GridWords>(() => ({ content: t.content, stale: t.stale, problem: (p) => problemText(p, s.lang) }), [t, s.lang]);
  const pt = STRINGS[s.lang];
  return (
    <>
      <div className={c.pane}>
        <PaneView s={s} ops={ops} host={host} env={env} />
      </div>
      <div className={c.right}>
        {host.stale.size > 0 && host.edits > 0 && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody data-testid="edits">{fill(t.edits, { n: host.edits })}</MessageBarBody>
            <MessageBarActions>
              <Button size="small" onClick={() => void ops.run("recalc")} disabled={s.busy !== null || !s.table}>
                {pt.recalc}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        <Grid host={host} words={words} />
      </div>
    </>
  );
}
