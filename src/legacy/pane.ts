/**
 * The task pane for Internet Explorer 11 (Trident) and Microsoft Edge Legacy (EdgeHTML): the webviews
 * of Office 2016/2019 volume-licensed, where React 18 and Fluent UI v9 cannot run. Plain DOM, built
 * to ES5 (babel, core-js): the same core and the same Office.js host as the modern pane, the same
 * four steps as buttons (a 评分表 of another scheme replaced only on the user's yes), the issue list
 * (a click selects the cell), the report in a text box to select and copy, Word download where the
 * webview allows it. Chinese (the words of the modern pane).
 */
import { detect, fill, formatRate, Issue, Paragraph, rangeA1, renderIssue, run, RunOptions, RunResult, sortIssues, statusOf, WorkbookHost, WriteMode } from "../core";
import { STRINGS } from "../taskpane/i18n";

const t = STRINGS.zh;

export interface LegacyEnv {
  /** Makes the .docx and hands it over; absent where the webview cannot save a file. */
  downloadDocx?: (paragraphs: Paragraph[]) => Promise<void>;
  pendingIssues?: Issue[];
  roundTrips?: () => number | undefined;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const k of Object.keys(attrs)) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.appendChild(document.createTextNode(text));
  return e;
}

function section(title: string, id: string): HTMLElement {
  const s = el("section", { "aria-labelledby": id });
  s.style.marginBottom = "12px";
  const h = el("h2", { id }, title);
  h.style.fontSize = "14px";
  h.style.margin = "8px 0 4px";
  s.appendChild(h);
  return s;
}

function button(label: string, onClick: () => void, primary = false): HTMLButtonElement {
  const b = el("button", { type: "button" }, label);
  b.style.margin = "2px 6px 2px 0";
  b.style.padding = "4px 10px";
  if (primary) b.style.fontWeight = "bold";
  b.onclick = onClick;
  return b;
}

/** A labelled drop-down list appended to parent. */
function choice(parent: HTMLElement, label: string, options: [string, string][]): HTMLSelectElement {
  const sel = el("select", { "aria-label": label });
  for (const [value, text] of options) sel.appendChild(el("option", { value }, text));
  parent.appendChild(el("label", {}, label + "："));
  parent.appendChild(sel);
  return sel;
}

/** Builds the pane into root and runs the first detection. */
export function mountLegacyPane(root: HTMLElement, host: WorkbookHost, env: LegacyEnv): void {
  let table: RunResult["table"] = null;
  let busy = false;
  let paragraphs: Paragraph[] = [];
  const buttons: HTMLButtonElement[] = [];

  root.innerHTML = "";
  const main = el("main", { "data-testid": "legacy-pane" });
  main.style.fontFamily = "'Microsoft YaHei', sans-serif";
  main.style.fontSize = "13px";
  main.style.padding = "10px";
  const h1 = el("h1", {}, t.title);
  h1.style.fontSize = "16px";
  main.appendChild(h1);
  const status = el("div", { "data-testid": "status", role: "status" });
  status.style.minHeight = "18px";
  status.style.margin = "4px 0 8px";
  main.appendChild(status);

  const COLOURS = { success: "#107c10", warning: "#8a5300", error: "#a4262c" } as const;
  const setStatus = (text: string, intent: keyof typeof COLOURS = "success") => {
    status.textContent = text;
    status.style.color = COLOURS[intent];
  };
  /** A button that an operation disables while it runs, added to its step. */
  const action = (parent: HTMLElement, label: string, onClick: () => void, primary = false) => {
    const b = button(label, onClick, primary);
    buttons.push(b);
    parent.appendChild(b);
    return b;
  };
  const setBusy = (b: boolean) => {
    busy = b;
    for (const x of buttons) x.disabled = b;
    if (b) setStatus(t.busy);
  };

  // 1 识别表格
  const s1 = section(t.step1, "legacy-step1");
  const detected = el("p", { "data-testid": "detected" });
  s1.appendChild(detected);
  action(s1, t.detect.replace("重新", ""), () => void doDetect());
  main.appendChild(s1);

  // 2 写入到位率
  const s2 = section(t.step2, "legacy-step2");
  const modeSel = choice(s2, t.mode, [
    ["formulas", t.formulas],
    ["values", t.values],
  ]);
  const over = el("input", { type: "checkbox", id: "legacy-overwrite" });
  const overLabel = el("label", { for: "legacy-overwrite" }, t.overwrite);
  const overRow = el("div");
  overRow.appendChild(over);
  overRow.appendChild(overLabel);
  s2.appendChild(overRow);
  action(s2, t.writeRates, () => void op(t.writeRates, { report: false }), true);
  main.appendChild(s2);

  // 3 评分表
  const s3 = section(t.step3, "legacy-step3");
  const schemeSel = choice(s3, t.scheme, [
    ["mof2020", t.mof2020],
    ["department", t.department],
  ]);
  s3.appendChild(el("br"));
  action(s3, t.createScore, () => void createScore(schemeSel.value, false));
  action(s3, t.recalc, () => void op(t.recalc, { report: false }));
  // A 评分表 of another scheme is there: replaced only on the user's yes (the old one is kept as a copy).
  const confirmBox = el("div", { "data-testid": "confirm-replace", role: "alertdialog" });
  confirmBox.style.display = "none";
  confirmBox.style.border = "1px solid #8a5300";
  confirmBox.style.padding = "6px";
  confirmBox.style.marginTop = "4px";
  const confirmText = el("p");
  confirmText.style.margin = "0 0 4px";
  confirmBox.appendChild(confirmText);
  // Disabled while an operation runs, like the steps' buttons; 替换 uses the scheme the question named.
  action(confirmBox, t.replace, () => void createScore(confirmBox.getAttribute("data-scheme") ?? schemeSel.value, true), true);
  action(confirmBox, t.cancel, () => {
    confirmBox.style.display = "none";
    setStatus(fill(t.replaceCancelled, { existing: confirmBox.getAttribute("data-existing") ?? "" }), "warning");
  });
  s3.appendChild(confirmBox);
  schemeSel.onchange = () => (confirmBox.style.display = "none"); // the question was about the scheme chosen before
  main.appendChild(s3);

  // 4 生成报告
  const s4 = section(t.step4, "legacy-step4");
  action(s4, t.generate, () => void generate(), true);
  const copyBtn = button(t.copy, () => selectReport());
  copyBtn.disabled = true;
  s4.appendChild(copyBtn);
  let docxBtn: HTMLButtonElement | null = null;
  if (env.downloadDocx) {
    const save = env.downloadDocx;
    docxBtn = button(t.docx, () => {
      save(paragraphs).catch((e: unknown) => setStatus(`${t.error}：${e instanceof Error ? e.message : String(e)}`, "error"));
    });
    docxBtn.disabled = true;
    s4.appendChild(docxBtn);
  }
  const text = el("textarea", { "aria-label": t.step4, readonly: "readonly", rows: "10", "data-testid": "report-text" });
  text.style.width = "100%";
  text.style.boxSizing = "border-box";
  text.style.display = "none";
  s4.appendChild(text);
  main.appendChild(s4);

  // 问题清单
  const s5 = section(t.issues, "legacy-issues");
  const list = el("ul", { "data-testid": "issues" });
  list.style.listStyle = "none";
  list.style.padding = "0";
  list.style.maxHeight = "240px";
  list.style.overflowY = "auto";
  list.style.border = "1px solid #ddd";
  s5.appendChild(list);
  main.appendChild(s5);
  root.appendChild(main);

  function showIssues(issues: Issue[]): void {
    list.innerHTML = "";
    const heading = s5.getElementsByTagName("h2")[0];
    heading.textContent = `${t.issues}（${issues.length}）`;
    if (!issues.length) {
      list.appendChild(el("li", {}, t.noIssues));
      return;
    }
    for (const i of sortIssues(issues)) {
      const li = el("li");
      const word = i.severity === "error" ? t.error : i.severity === "warning" ? t.warning : t.info;
      const b = el("button", { type: "button", title: t.clickToSelect, "data-cell": `${i.sheet}!${i.cells.join(",")}` }, `【${word}】${i.sheet ? i.sheet + "：" : ""}${renderIssue(i, "zh")}`);
      b.style.textAlign = "left";
      b.style.width = "100%";
      b.style.border = "0";
      b.style.background = "transparent";
      b.style.padding = "4px";
      b.style.cursor = "pointer";
      b.style.color = i.severity === "error" ? "#a4262c" : i.severity === "warning" ? "#8a6d00" : "#333";
      if (!i.cells.length || !host.select) b.disabled = true;
      else b.onclick = () => void host.select!(i.sheet, i.cells[0].split(":")[0]).catch(() => undefined);
      li.appendChild(b);
      list.appendChild(li);
    }
  }

  function describe(): void {
    if (!table) {
      detected.textContent = t.unusable;
      return;
    }
    const d = table.detection;
    detected.textContent =
      `${t.sheet}：${table.sheet}\u3000${t.range}：${rangeA1({ top: d.headerTop, left: d.firstCol, bottom: d.dataEnd, right: d.lastCol })}\u3000${t.unit}：${table.unit}\u3000${t.projects}：${table.projects.length}` +
      (table.totals.rate ? `\u3000${t.total}：${formatRate(table.totals.rate)}` : "");
  }

  function fail(e: unknown): void {
    setStatus(`${t.error}：${e instanceof Error ? e.message : String(e)}`, "error");
  }

  async function doDetect(): Promise<void> {
    if (busy) return;
    setBusy(true);
    try {
      const r = await detect(host, table ? { sheet: table.sheet } : {});
      table = r.table;
      describe();
      showIssues(r.issues);
      setStatus(r.table ? `${t.detect.replace("重新", "")}：${t.done}` : t.unusable, r.table ? "success" : "error");
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  async function op(what: string, extra: Partial<RunOptions>): Promise<RunResult | undefined> {
    if (busy) return undefined;
    confirmBox.style.display = "none"; // any step run answers the question (or makes it stale)
    setBusy(true);
    try {
      const r = await run(host, { mode: modeSel.value as WriteMode, overwrite: over.checked, sheet: table?.sheet, ...extra });
      if (r.table) table = r.table;
      describe();
      showIssues(r.issues);
      const trips = env.roundTrips?.();
      // The core's status line: never a green 完成 over errors.
      const v = statusOf(r, what, "zh");
      setStatus(trips !== undefined ? v.text.replace(/。$/, `（${trips} ${t.roundTrips}）。`) : v.text, v.intent);
      return r;
    } catch (e) {
      fail(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  async function createScore(scheme: string, replace: boolean): Promise<void> {
    const r = await op(t.createScore, { scheme, report: false, ...(replace ? { replaceScore: true } : {}) });
    let exists: Issue | undefined;
    for (const i of r ? r.issues : []) if (i.code === "SCHEME_EXISTS") exists = i;
    if (!exists) return;
    const existing = String(exists.params.existing ?? exists.sheet);
    let label = scheme;
    for (let k = 0; k < schemeSel.options.length; k++) if (schemeSel.options[k].value === scheme) label = schemeSel.options[k].text;
    confirmBox.setAttribute("data-existing", existing);
    confirmBox.setAttribute("data-scheme", scheme);
    confirmText.textContent = fill(t.replaceAsk, { existing, scheme: label });
    confirmBox.style.display = "block";
  }

  async function generate(): Promise<void> {
    const r = await op(t.generate, {});
    if (!r || !r.ok || !r.paragraphs.length) return;
    paragraphs = r.paragraphs;
    text.value = paragraphs.map((p) => p.text).join("\r\n");
    text.style.display = "block";
    copyBtn.disabled = false;
    if (docxBtn) docxBtn.disabled = false;
  }

  /** The report selected in its box: Ctrl+C copies it (no clipboard API in these webviews). */
  function selectReport(): void {
    text.style.display = "block";
    text.focus();
    text.select();
    setStatus(t.copyFallback);
  }

  showIssues(env.pendingIssues ?? []);
  void doDetect();
}
