/**
 * The in-memory workbook as a grid beside the pane, so a person sees what the add-in wrote — and,
 * on the standalone page, types into it (the 实际完成值, the 偏差原因…): a cell is edited in place
 * (double-click, Enter, F2, or just typing) or in the bar above; arrows, Tab and Enter move as in
 * Excel. Only the rows in view are drawn, so a sheet of 10,000 projects scrolls as one of ten.
 */
import * as React from "react";
import { MessageBar, MessageBarBody, Tab, TabList } from "@fluentui/react-components";
import { a1, CellValue, columnLetters, formatNumber, isCellError, parseA1 } from "../core";
import { EditProblem, editText, GridCell, PreviewHost } from "./host";

/** The words of the editor, in the page's language. */
export interface GridWords {
  /** The label of the content bar. */
  content: string;
  /** The title of a formula whose inputs were typed over (its value waits for 一键重算). */
  stale: string;
  problem: (p: EditProblem) => string;
}

const ROW_H = 24;
const HEAD_W = 44;
/** Drawn beyond the last row and column in use, to type into. */
const SPARE_ROWS = 20;
const SPARE_COLS = 3;
const MAX_COLS = 200;
/** Sheets up to this many rows are drawn whole; longer ones only around the rows in view. */
const WHOLE = 200;
const OVERSCAN = 30;

/** A column's width in pixels from Excel's width in characters. */
const px = (width: number) => Math.min(480, Math.max(24, Math.round(width * 7 + 5)));


/** What the cell shows: a written formula shows the value it must compute (decimal.js), formatted. */
function shown(host: PreviewHost, sheet: string, address: string, cell: GridCell): { text: string; formula?: string } {
  const exp = host.expectations.get(`${sheet}!${address}`);
  const num = (v: number | string) => formatNumber(v, cell.numFmt ?? "General");
  const v = cell.value;
  const text = (x: CellValue) => (x === null ? "" : typeof x === "number" ? num(x) : isCellError(x) ? x.error : String(x));
  if (cell.formula) {
    const formula = cell.formula;
    if (exp) return { text: exp.expect === "" ? "" : /^-?[\d.]+$/.test(exp.expect) ? num(exp.expect) : exp.expect, formula };
    return { text: text(v), formula };
  }
  if (cell.covered) return { text: "" };
  return { text: text(v) };
}

interface Editor {
  /** Each editing gets its own: it is written once (Enter, Tab or leaving it), or not at all (Escape). */
  id: number;
  sheet: string;
  row: number;
  col: number;
  text: string;
  /** What the cell held: an unchanged text writes nothing. */
  initial: string;
  where: "cell" | "bar";
}

const cellStyle = (selected: boolean): React.CSSProperties => ({
  border: "1px solid #e1e1e1",
  outline: selected ? "2px solid #107c41" : undefined,
  outlineOffset: -2,
  padding: "0 4px",
  height: ROW_H,
  boxSizing: "border-box",
  whiteSpace: "nowrap",
  overflow: "hidden",
  textOverflow: "ellipsis",
});
const headStyle: React.CSSProperties = { background: "#f3f3f3", border: "1px solid #ddd", padding: "0 4px", fontWeight: 400, color: "#444", height: ROW_H, boxSizing: "border-box" };

export function Grid({ host, words }: { host: PreviewHost; words?: GridWords }): React.ReactElement {
  const [, setTick] = React.useState(0);
  const [sheet, setSheet] = React.useState<string>(host.visibleSheets()[0] ?? "");
  const [editor, setEditor] = React.useState<Editor | null>(null);
  const [problem, setProblem] = React.useState<EditProblem | null>(null);
  const [view, setView] = React.useState({ top: 0, height: 600 });
  const scroller = React.useRef<HTMLDivElement>(null);
  const openEditor = React.useRef(0);
  const lastSelected = React.useRef(host.selected);
  React.useEffect(
    () =>
      host.onChange(() => {
        // An issue clicked in the pane shows its sheet; other changes leave the sheet in view.
        if (host.selected && host.selected !== lastSelected.current) setSheet(host.selected.sheet);
        lastSelected.current = host.selected;
        setTick((n) => n + 1);
      }),
    [host],
  );
  const names = host.visibleSheets();
  const ws = host.grid(names.includes(sheet) ? sheet : names[0]);
  const rows = Math.max(1, ws.rows + (words ? SPARE_ROWS : 0));
  const cols = Math.max(1, Math.min(ws.cols + (words ? SPARE_COLS : 0), MAX_COLS));
  const widths = React.useMemo(() => Array.from({ length: cols }, (_, j) => px(ws.width(j + 1))), [ws, cols]);
  const sel = host.selected && host.selected.sheet === ws.name ? host.selected.cell : null;
  const selAt = sel ? parseA1(sel) : null;

  // The selected cell scrolled into view.
  React.useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !selAt) return;
    const top = (selAt.row - 1) * ROW_H;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + 2 * ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = top + 2 * ROW_H - el.clientHeight;
    const left = widths.slice(0, selAt.col - 1).reduce((a, b) => a + b, 0);
    const w = widths[selAt.col - 1] ?? 0;
    if (left < el.scrollLeft) el.scrollLeft = left;
    else if (HEAD_W + left + w > el.scrollLeft + el.clientWidth) el.scrollLeft = HEAD_W + left + w - el.clientWidth;
  }, [sel, ws.name]);

  React.useEffect(() => {
    const el = scroller.current;
    if (el) setView({ top: el.scrollTop, height: el.clientHeight });
  }, [ws.name]);

  const whole = rows <= WHOLE;
  const first = whole ? 0 : Math.max(0, Math.floor(view.top / ROW_H) - OVERSCAN);
  const last = whole ? rows : Math.min(rows, Math.ceil((view.top + view.height) / ROW_H) + OVERSCAN);

  /** A cell selected in the grid (a message about the cell before goes). */
  const select = (row: number, col: number) => {
    setProblem(null);
    void host.select(ws.name, a1(Math.max(1, row), Math.max(1, col)));
  };
  const focusGrid = () => scroller.current?.focus({ preventScroll: true });

  const begin = (row: number, col: number, text: string | null, where: Editor["where"]) => {
    if (!words) return;
    const p = host.editProblem(ws.name, row, col);
    setProblem(p);
    if (p) return;
    const initial = editText(ws.cell(row, col).value);
    setEditor({ id: ++openEditor.current, sheet: ws.name, row, col, initial, text: text ?? initial, where });
  };

  /** Writes what was typed (once); by Enter or Tab the selection moves on and the grid has the keys again. */
  const commit = async (e: Editor, move: [number, number] | null, byKey: boolean) => {
    if (e.id !== openEditor.current) return;
    openEditor.current++;
    setEditor(null);
    if (e.text !== e.initial) setProblem(await host.edit(e.sheet, e.row, e.col, e.text));
    if (move) select(e.row + move[0], e.col + move[1]);
    if (byKey) focusGrid();
  };

  const cancel = () => {
    openEditor.current++;
    setEditor(null);
    focusGrid();
  };

  const onGridKey = (e: React.KeyboardEvent) => {
    if (editor || !selAt || e.target !== scroller.current) return;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Tab: [0, e.shiftKey ? -1 : 1] };
    if (moves[e.key]) {
      e.preventDefault();
      select(Math.min(selAt.row + moves[e.key][0], rows), Math.min(selAt.col + moves[e.key][1], cols));
    } else if (e.key === "Enter" || e.key === "F2") {
      e.preventDefault();
      begin(selAt.row, selAt.col, null, "cell");
    } else if ((e.key === "Delete" || e.key === "Backspace") && words) {
      e.preventDefault();
      const p = host.editProblem(ws.name, selAt.row, selAt.col);
      if (p) setProblem(p);
      else void commit({ id: ++openEditor.current, sheet: ws.name, row: selAt.row, col: selAt.col, initial: editText(ws.cell(selAt.row, selAt.col).value), text: "", where: "cell" }, null, true);
    } else if ((e.key.length === 1 || e.key === "Process") && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      begin(selAt.row, selAt.col, e.key === "Process" ? "" : e.key, "cell");
    }
  };

  const editorKeys = (ed: Editor) => (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return; // Enter that ends a Chinese input method's composition
    if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      void commit({ ...ed, text: e.currentTarget.value }, ed.where === "bar" ? null : e.key === "Tab" ? [0, e.shiftKey ? -1 : 1] : [e.shiftKey ? -1 : 1, 0], true);
    } else if (e.key === "Escape") {
      e.preventDefault();
      cancel();
    }
  };

  const selCell = selAt ? ws.cell(selAt.row, selAt.col) : null;
  const barEditing = editor?.where === "bar" && editor.sheet === ws.name;
  const barProblem = words && selAt && !barEditing ? host.editProblem(ws.name, selAt.row, selAt.col) : null;
  return (
    <div style={{ display: "flex", flexDirection: "column", minWidth: 0, minHeight: 0, flex: 1 }}>
      <div style={{ overflowX: "auto", flexShrink: 0 }}>
        <TabList
          selectedValue={ws.name}
          onTabSelect={(_e, d) => {
            setEditor(null);
            setSheet(String(d.value));
          }}
          size="small"
        >
          {names.map((name) => (
            <Tab key={name} value={name}>
              {name}
            </Tab>
          ))}
        </TabList>
      </div>
      {words && (
        <div style={{ display: "flex", gap: 6, alignItems: "center", padding: "4px 6px", borderBottom: "1px solid #e1e1e1", flexShrink: 0 }}>
          <span data-testid="name-box" style={{ minWidth: 64, fontSize: 12, color: "#444" }}>
            {sel ?? ""}
          </span>
          <input
            data-testid="cell-content"
            aria-label={words.content}
            style={{ flex: 1, minWidth: 0, font: "inherit", fontSize: 12, padding: "2px 4px", border: "1px solid #ccc", borderRadius: 2 }}
            value={barEditing ? editor.text : selCell ? (selCell.formula ?? editText(selCell.value)) : ""}
            readOnly={!selAt || !!barProblem}
            title={barProblem ? words.problem(barProblem) : undefined}
            onFocus={() => selAt && !barEditing && !barProblem && begin(selAt.row, selAt.col, null, "bar")}
            onChange={(e) => barEditing && setEditor({ ...editor, text: e.currentTarget.value })}
            onKeyDown={barEditing ? editorKeys(editor) : undefined}
            onBlur={() => barEditing && void commit(editor, null, false)}
          />
        </div>
      )}
      <div style={{ position: "relative", display: "flex", flexDirection: "column", flex: 1, minHeight: 0 }}>
        {/* Over the grid, not above it (the cells stay where they are under the mouse); a click, or the next cell, puts it away. */}
        {words && problem && (
          <MessageBar intent="error" layout="multiline" onClick={() => setProblem(null)} style={{ position: "absolute", top: ROW_H, left: HEAD_W, right: 16, zIndex: 3 }}>
            <MessageBarBody data-testid="grid-problem">{words.problem(problem)}</MessageBarBody>
          </MessageBar>
        )}
        <div
          ref={scroller}
          tabIndex={0}
          role="region"
          aria-label={ws.name}
          onKeyDown={onGridKey}
          onFocus={(e) => e.target === e.currentTarget && host.selected?.sheet !== ws.name && select(1, 1)}
          onScroll={(e) => !whole && setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
          style={{ overflow: "auto", flex: 1, minHeight: 0, outline: "none" }}
        >
          <table
            role="grid"
            aria-label={ws.name}
            aria-readonly={words ? undefined : true}
            data-testid="grid"
            data-sheet={ws.name}
            style={{ borderCollapse: "collapse", tableLayout: "fixed", width: HEAD_W + widths.reduce((a, b) => a + b, 0), fontSize: 12, fontFamily: "'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif", userSelect: "none" }}
          >
            <colgroup>
              <col style={{ width: HEAD_W }} />
              {widths.map((w, j) => (
                <col key={j} style={{ width: w }} />
              ))}
            </colgroup>
            <thead style={{ position: "sticky", top: 0, zIndex: 2 }}>
              <tr>
                <th style={{ ...headStyle, position: "sticky", left: 0 }} />
                {widths.map((_w, j) => (
                  <th key={j} style={headStyle}>
                    {columnLetters(j + 1)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {first > 0 && <tr style={{ height: first * ROW_H }} />}
              {Array.from({ length: last - first }, (_, k) => {
                const row = first + k + 1;
                return (
                  <tr key={row}>
                    <th style={{ ...headStyle, position: "sticky", left: 0, zIndex: 1 }}>{row}</th>
                    {widths.map((_w, j) => {
                      const col = j + 1;
                      const address = a1(row, col);
                      const cell = ws.cell(row, col);
                      if (cell.spanned) return null;
                      const v = shown(host, ws.name, address, cell);
                      const key = `${ws.name}!${address}`;
                      const written = !!v.formula && host.expectations.has(key);
                      const stale = written && host.stale.has(key);
                      const editing = editor && editor.where === "cell" && editor.sheet === ws.name && editor.row === row && editor.col === col;
                      // Text runs on over the empty cells to its right, as in Excel.
                      let reach = widths[j];
                      if (typeof cell.value === "string" && !v.formula && cell.span === 1)
                        for (let k = col + 1; k <= cols && k <= col + 10; k++) {
                          const n = ws.cell(row, k);
                          if (n.value !== null || n.formula || n.covered) break;
                          reach += widths[k - 1];
                        }
                      const overflow = reach > widths[j];
                      return (
                        <td
                          key={j}
                          role="gridcell"
                          colSpan={cell.span > 1 ? Math.min(cell.span, cols - j) : undefined}
                          data-cell={address}
                          data-written={written ? "" : undefined}
                          data-stale={stale ? "" : undefined}
                          aria-selected={sel === address}
                          title={stale && words ? words.stale : (v.formula ?? v.text)}
                          onMouseDown={() => sel !== address && select(row, col)}
                          onDoubleClick={() => begin(row, col, null, "cell")}
                          style={{
                            ...cellStyle(sel === address),
                            textAlign: typeof cell.value === "number" || v.formula ? "right" : "left",
                            fontWeight: cell.bold ? 600 : 400,
                            background: written ? "#eef7f0" : undefined,
                            color: stale ? "#8a8886" : undefined,
                            fontStyle: stale ? "italic" : undefined,
                            padding: editing ? 0 : "0 4px",
                            ...(overflow && !editing ? { overflow: "visible" } : {}),
                          }}
                        >
                          {editing ? (
                            <input
                              autoFocus
                              onFocus={(e) => e.currentTarget.setSelectionRange(e.currentTarget.value.length, e.currentTarget.value.length)}
                              aria-label={`${ws.name}!${address}`}
                              defaultValue={editor.text}
                              onKeyDown={editorKeys(editor)}
                              onBlur={(e) => void commit({ ...editor, text: e.currentTarget.value }, null, false)}
                              style={{ width: "100%", height: "100%", boxSizing: "border-box", border: "2px solid #107c41", font: "inherit", padding: "0 2px", margin: 0, userSelect: "text" }}
                            />
                          ) : overflow ? (
                            <span style={{ display: "block", width: reach - 8, overflow: "hidden", textOverflow: "ellipsis" }}>{v.text}</span>
                          ) : (
                            v.text
                          )}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
              {last < rows && <tr style={{ height: (rows - last) * ROW_H }} />}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
