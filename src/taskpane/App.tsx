/**
 * The task pane: 1 识别表格 → 2 写入到位率 → 3 评分表 → 4 生成报告, with the issues always in view.
 * It reaches the workbook only through a WorkbookHost (Office.js in Excel, an in-memory workbook
 * in the browser preview) and the core's operations.
 */
import * as React from "react";
import {
  Badge,
  Button,
  Checkbox,
  Divider,
  Dropdown,
  Field,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Option,
  ProgressBar,
  Radio,
  RadioGroup,
  Switch,
  Text,
  Textarea,
  makeStyles,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { columnLetters, detect as detectOp, FIELDS, formatRate, FundTable, Issue, MappingOverride, Paragraph, parseRange, rangeA1, renderIssue, run as runOp, RunResult, SingleField, sortIssues, WorkbookHost, WriteMode } from "../core";
import { Lang, STRINGS, Strings } from "./i18n";

export interface PaneEnvironment {
  /** Whether navigator.clipboard may be used (Excel on the web blocks it). */
  clipboard: boolean;
  /** Makes the .docx and hands it to the user (a download). */
  downloadDocx?: (paragraphs: Paragraph[]) => Promise<void>;
  /** Issues a ribbon command left for the pane (it opens the pane on them). */
  pendingIssues?: Issue[];
  /** Round trips of the last operation, when the host counts them. */
  roundTrips?: () => number | undefined;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px", padding: "12px", fontSize: tokens.fontSizeBase300, maxWidth: "420px" },
  header: { display: "flex", justifyContent: "space-between", alignItems: "center" },
  section: { display: "flex", flexDirection: "column", gap: "8px" },
  row: { display: "flex", gap: "8px", flexWrap: "wrap", alignItems: "center" },
  mapping: { display: "grid", gridTemplateColumns: "1fr 1.3fr", gap: "4px 8px", alignItems: "center" },
  issues: { display: "flex", flexDirection: "column", gap: "4px", maxHeight: "220px", overflowY: "auto", border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "4px" },
  issue: { textAlign: "left", justifyContent: "flex-start", whiteSpace: "normal", height: "auto", padding: "4px", minWidth: 0 },
  preview: { maxHeight: "260px", overflowY: "auto", border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "6px" },
  h1: { fontWeight: tokens.fontWeightBold },
  h2: { fontWeight: tokens.fontWeightSemibold },
  body: { textIndent: "2em", margin: "2px 0" },
});

type Busy = null | "detect" | "rates" | "score" | "recalc" | "report";

/** One step of the pane: a section named by its heading, for screen readers. */
function Step({ id, title, children }: { id: string; title: React.ReactNode; children: React.ReactNode }): React.ReactElement {
  const s = useStyles();
  return (
    <section className={s.section} aria-labelledby={id}>
      <Text id={id} as="h2" weight="semibold">
        {title}
      </Text>
      {children}
    </section>
  );
}

export function App({ host, env }: { host: WorkbookHost; env: PaneEnvironment }): React.ReactElement {
  const s = useStyles();
  const [lang, setLang] = React.useState<Lang>("zh");
  const t: Strings = STRINGS[lang];
  const [busy, setBusy] = React.useState<Busy>(null);
  const [table, setTable] = React.useState<FundTable | null>(null);
  const [mapping, setMapping] = React.useState<MappingOverride>({});
  const [sheet, setSheet] = React.useState<string | undefined>(undefined);
  const [sheetNames, setSheetNames] = React.useState<string[]>([]);
  const [headerRow, setHeaderRow] = React.useState<number | undefined>(undefined);
  const [mode, setMode] = React.useState<WriteMode>("formulas");
  const [overwrite, setOverwrite] = React.useState(false);
  const [scheme, setScheme] = React.useState("mof2020");
  const [issues, setIssues] = React.useState<Issue[]>(env.pendingIssues ?? []);
  const [status, setStatus] = React.useState<string>("");
  const [paragraphs, setParagraphs] = React.useState<Paragraph[]>([]);
  const [copyText, setCopyText] = React.useState<string | null>(null);
  const copyRef = React.useRef<HTMLTextAreaElement>(null);

  const run = React.useCallback(
    async <T,>(what: Busy, op: () => Promise<T>): Promise<T | undefined> => {
      setBusy(what);
      setStatus("");
      try {
        return await op();
      } catch (e) {
        setStatus(`${t.error}：${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      } finally {
        setBusy(null);
      }
    },
    [t],
  );

  const detect = React.useCallback(
    async (override: MappingOverride = mapping, onSheet: string | undefined = sheet, header: number | undefined = headerRow) => {
      const r = await run("detect", () => detectOp(host, { mapping: override, sheet: onSheet, headerRow: header }));
      if (!r) return;
      setTable(r.table);
      setIssues(r.issues);
      setSheetNames(r.sheetNames);
    },
    [host, mapping, sheet, headerRow, run],
  );

  React.useEffect(() => {
    void detect({}); // the first detection, once
  }, []);

  const finish = (r: RunResult | undefined, what: string) => {
    if (!r) return;
    setIssues(r.issues);
    if (r.table) setTable(r.table);
    const trips = env.roundTrips?.();
    const tail = trips !== undefined ? `（${trips} ${t.roundTrips}）` : "";
    setStatus(r.ok ? `${what}：${t.done}${tail}` : t.unusable);
  };

  const opts = () => ({ mode, overwrite, mapping, sheet: sheet ?? table?.sheet, headerRow });

  /** 以选定行为表头: the sheet and header row from the user's selection. */
  const useSelection = async () => {
    const sel = await run("detect", async () => (host.selection ? host.selection() : null));
    if (!sel) {
      setStatus(t.noSelection);
      return;
    }
    const row = parseRange(sel.address).top;
    setSheet(sel.sheet);
    setHeaderRow(row);
    setMapping({});
    await detect({}, sel.sheet, row);
  };
  const writeRates = async () => finish(await run("rates", () => runOp(host, { ...opts(), report: false })), t.writeRates);
  const createScore = async () => finish(await run("score", () => runOp(host, { ...opts(), scheme, report: false })), t.createScore);
  const recalc = async () => finish(await run("recalc", () => runOp(host, { ...opts(), report: false })), t.recalc);
  const generate = async () => {
    const r = await run("report", () => runOp(host, opts()));
    finish(r, t.generate);
    if (r?.ok && r.paragraphs.length) setParagraphs(r.paragraphs);
  };

  const fullText = paragraphs.map((p) => p.text).join("\n");
  const copy = async () => {
    if (env.clipboard && navigator.clipboard) {
      try {
        await navigator.clipboard.writeText(fullText);
        setCopyText(null);
        setStatus(t.copied);
        return;
      } catch {
        // blocked (Excel on the web): fall through to the selectable text
      }
    }
    setCopyText(fullText);
    setStatus(t.copyFallback);
    setTimeout(() => copyRef.current?.select(), 0);
  };

  const setField = (field: SingleField, col: number | null) => {
    const next = { ...mapping, [field]: col };
    setMapping(next);
    void detect(next);
  };

  const headers = table?.detection.headers ?? [];
  const single = FIELDS.filter((f) => !f.multiple);
  const sorted = sortIssues(issues);
  const label = (sev: Issue["severity"]) => (sev === "error" ? t.error : sev === "warning" ? t.warning : t.info);
  const color = (sev: Issue["severity"]) => (sev === "error" ? "danger" : sev === "warning" ? "warning" : "informative");

  return (
    <FluentProvider theme={webLightTheme}>
      <main className={s.root} aria-busy={busy !== null}>
        <div className={s.header}>
          <Text as="h1" size={500} weight="semibold">
            {t.title}
          </Text>
          <Switch label={t.english} checked={lang === "en"} onChange={(_e, d) => setLang(d.checked ? "en" : "zh")} />
        </div>
        {busy && <ProgressBar aria-label={t.busy} />}
        {status && (
          <MessageBar intent={status.startsWith(t.error) || status === t.unusable ? "error" : "success"}>
            <MessageBarBody data-testid="status">{status}</MessageBarBody>
          </MessageBar>
        )}

        <Step id="step1" title={t.step1}>
          <Field label={t.sheet}>
            <Dropdown
              aria-label={t.sheet}
              value={sheet ?? table?.sheet ?? ""}
              selectedOptions={[sheet ?? table?.sheet ?? ""]}
              onOptionSelect={(_e, d) => {
                setSheet(d.optionValue);
                setHeaderRow(undefined);
                setMapping({});
                void detect({}, d.optionValue, undefined);
              }}
            >
              {sheetNames.map((n) => (
                <Option key={n} value={n}>
                  {n}
                </Option>
              ))}
            </Dropdown>
          </Field>
          {table ? (
            <>
              <Text data-testid="detected">
                {t.sheet}：{table.sheet}{"\u3000"}{t.range}：
                {rangeA1({ top: table.detection.headerTop, left: table.detection.firstCol, bottom: table.detection.dataEnd, right: table.detection.lastCol })}{"\u3000"}{t.unit}：{table.unit}{"\u3000"}{t.projects}：
                {table.projects.length}
                {table.totals.rate ? `\u3000${t.total}：${formatRate(table.totals.rate)}` : ""}
              </Text>
              <div className={s.mapping}>
                {single.map((f) => {
                  const col = table.mapping[f.key as SingleField] as number | undefined;
                  const h = headers.find((x) => x.col === col);
                  const id = `map-${f.key}`;
                  return (
                    <React.Fragment key={f.key}>
                      <label htmlFor={id}>{f.label}</label>
                      <Dropdown
                        id={id}
                        aria-label={f.label}
                        size="small"
                        value={h ? `${columnLetters(h.col)} ${h.text}` : t.noColumn}
                        selectedOptions={[col ? String(col) : "none"]}
                        onOptionSelect={(_e, d) => setField(f.key as SingleField, d.optionValue === "none" ? null : Number(d.optionValue))}
                      >
                        <Option value="none">{t.noColumn}</Option>
                        {headers.map((x) => (
                          <Option key={x.col} value={String(x.col)} text={`${columnLetters(x.col)} ${x.text}`}>
                            {`${columnLetters(x.col)} ${x.text}`}
                          </Option>
                        ))}
                      </Dropdown>
                    </React.Fragment>
                  );
                })}
              </div>
            </>
          ) : (
            <Text>{busy === "detect" ? t.busy : t.unusable}</Text>
          )}
          <div className={s.row}>
            <Button onClick={() => void detect()} disabled={busy !== null}>
              {t.detect}
            </Button>
            {host.selection && (
              <Button onClick={() => void useSelection()} disabled={busy !== null}>
                {t.useSelection}
              </Button>
            )}
          </div>
        </Step>
        <Divider />

        <Step id="step2" title={t.step2}>
          <Field label={t.mode}>
            <RadioGroup value={mode} onChange={(_e, d) => setMode(d.value as WriteMode)} layout="horizontal">
              <Radio value="formulas" label={t.formulas} />
              <Radio value="values" label={t.values} />
            </RadioGroup>
          </Field>
          <Checkbox label={t.overwrite} checked={overwrite} onChange={(_e, d) => setOverwrite(!!d.checked)} />
          <div className={s.row}>
            <Button appearance="primary" onClick={() => void writeRates()} disabled={busy !== null || !table}>
              {t.writeRates}
            </Button>
          </div>
        </Step>
        <Divider />

        <Step id="step3" title={t.step3}>
          <Field label={t.scheme}>
            <Dropdown aria-label={t.scheme} value={scheme === "mof2020" ? t.mof2020 : t.department} selectedOptions={[scheme]} onOptionSelect={(_e, d) => setScheme(d.optionValue ?? "mof2020")}>
              <Option value="mof2020">{t.mof2020}</Option>
              <Option value="department">{t.department}</Option>
            </Dropdown>
          </Field>
          <div className={s.row}>
            <Button onClick={() => void createScore()} disabled={busy !== null || !table}>
              {t.createScore}
            </Button>
            <Button onClick={() => void recalc()} disabled={busy !== null || !table}>
              {t.recalc}
            </Button>
          </div>
        </Step>
        <Divider />

        <Step id="step4" title={t.step4}>
          <div className={s.row}>
            <Button appearance="primary" onClick={() => void generate()} disabled={busy !== null || !table}>
              {t.generate}
            </Button>
            <Button onClick={() => void copy()} disabled={!paragraphs.length}>
              {t.copy}
            </Button>
            {env.downloadDocx && (
              <Button onClick={() => void env.downloadDocx!(paragraphs)} disabled={!paragraphs.length}>
                {t.docx}
              </Button>
            )}
          </div>
          {copyText !== null && <Textarea ref={copyRef} aria-label={t.copy} value={copyText} readOnly resize="vertical" rows={6} />}
          {paragraphs.length > 0 && (
            <div className={s.preview} data-testid="report-preview" tabIndex={0} aria-label={t.step4}>
              {paragraphs.map((p, i) => (
                <p key={i} className={p.level === "body" ? s.body : p.level === "h2" ? s.h2 : s.h1} title={p.sources.join(", ")}>
                  {p.text}
                </p>
              ))}
            </div>
          )}
        </Step>
        <Divider />

        <Step id="issues" title={<>{t.issues}（{issues.length}）</>}>
          {sorted.length === 0 && <Text>{t.noIssues}</Text>}
          <div className={s.issues} role="list" data-testid="issues" hidden={sorted.length === 0}>
            {sorted.map((i, k) => (
              <div role="listitem" key={k}>
                <Button
                  className={s.issue}
                  appearance="subtle"
                  title={t.clickToSelect}
                  data-cell={`${i.sheet}!${i.cells.join(",")}`}
                  disabled={!i.cells.length || !host.select}
                  onClick={() => void host.select?.(i.sheet, i.cells[0].split(":")[0])}
                >
                  <Badge appearance="tint" color={color(i.severity)} style={{ marginRight: 6, flexShrink: 0 }}>
                    {label(i.severity)}
                  </Badge>
                  {i.sheet ? `${i.sheet}：` : ""}
                  {renderIssue(i, lang)}
                </Button>
              </div>
            ))}
          </div>
        </Step>
      </main>
    </FluentProvider>
  );
}
