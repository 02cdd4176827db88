/** The in-memory workbook as a grid beside the pane, so a person sees what the add-in wrote. */
import * as React from "react";
import { Tab, TabList } from "@fluentui/react-components";
import { a1, CellValue, columnLetters, Decimal, formatRate, isCellError, rate } from "../core";
import { GridCell, PreviewHost } from "./host";

const MAX_ROWS = 80;
const MAX_COLS = 12;

/** What the cell shows: a written formula shows the value it must compute (decimal.js), formatted. */
function shown(host: PreviewHost, sheet: string, address: string, cell: GridCell): { text: string; formula?: string } {
  const exp = host.expectations.get(`${sheet}!${address}`);
  const fmt = cell.numFmt ?? "";
  const num = (v: number | string) => {
    if (fmt.includes("%")) return formatRate(rate(v));
    if (/0\.00/.test(fmt)) return new Decimal(v).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
    return String(v);
  };
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

export function Grid({ host }: { host: PreviewHost }): React.ReactElement {
  const [, setTick] = React.useState(0);
  const [sheet, setSheet] = React.useState<string>(host.visibleSheets()[0] ?? "");
  React.useEffect(
    () =>
      host.onChange(() => {
        if (host.selected) setSheet(host.selected.sheet);
        setTick((n) => n + 1);
      }),
    [host],
  );
  const names = host.visibleSheets();
  const ws = host.grid(names.includes(sheet) ? sheet : names[0]);
  const sheets = names.map((name) => ({ name }));
  const rows = Math.min(ws.rows, MAX_ROWS);
  const cols = Math.min(ws.cols, MAX_COLS);
  const sel = host.selected && host.selected.sheet === ws?.name ? host.selected.cell : null;
  return (
    <div style={{ display: "flex", flexDirection: "column", minWidth: 0, flex: 1 }}>
      <TabList selectedValue={ws?.name} onTabSelect={(_e, d) => setSheet(String(d.value))} size="small">
        {sheets.map((w) => (
          <Tab key={w.name} value={w.name}>
            {w.name}
          </Tab>
        ))}
      </TabList>
      <div style={{ overflow: "auto", flex: 1 }}>
        <table data-testid="grid" data-sheet={ws?.name} style={{ borderCollapse: "collapse", fontSize: 12, fontFamily: "'Noto Sans CJK SC', sans-serif" }}>
          <thead>
            <tr>
              <th />
              {Array.from({ length: cols }, (_, j) => (
                <th key={j} style={{ background: "#f3f3f3", border: "1px solid #ddd", padding: "1px 4px" }}>
                  {columnLetters(j + 1)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, i) => (
              <tr key={i}>
                <th style={{ background: "#f3f3f3", border: "1px solid #ddd", padding: "1px 4px" }}>{i + 1}</th>
                {Array.from({ length: cols }, (_, j) => {
                  const cell = ws.cell(i + 1, j + 1);
                  const address = a1(i + 1, j + 1);
                  const v = shown(host, ws.name, address, cell);
                  const selected = sel === address;
                  return (
                    <td
                      key={j}
                      data-cell={address}
                      aria-selected={selected}
                      title={v.formula ?? v.text}
                      onClick={() => void host.select(ws.name, address)}
                      style={{
                        border: selected ? "2px solid #107c41" : "1px solid #e1e1e1",
                        padding: "1px 4px",
                        maxWidth: 110,
                        whiteSpace: "nowrap",
                        overflow: "hidden",
                        textOverflow: "ellipsis",
                        textAlign: typeof cell.value === "number" || v.formula ? "right" : "left",
                        fontWeight: cell.bold ? 600 : 400,
                        background: v.formula && host.expectations.has(`${ws.name}!${address}`) ? "#eef7f0" : undefined,
                      }}
                    >
                      {v.text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
