/** The in-memory workbook as a grid beside the pane, so a person sees what the add-in wrote. */
import * as React from "react";
import ExcelJS from "exceljs";
import { Tab, TabList } from "@fluentui/react-components";
import { a1, columnLetters, Decimal, formatRate, rate } from "../core";
import { PreviewHost } from "./host";

const MAX_ROWS = 80;
const MAX_COLS = 12;

/** What the cell shows: a written formula shows the value it must compute (decimal.js), formatted. */
function shown(host: PreviewHost, sheet: string, cell: ExcelJS.Cell): { text: string; formula?: string } {
  const exp = host.expectations.get(`${sheet}!${cell.address}`);
  const fmt = cell.numFmt ?? "";
  const num = (v: number | string) => {
    if (fmt.includes("%")) return formatRate(rate(v));
    if (/0\.00/.test(fmt)) return new Decimal(v).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
    return String(v);
  };
  if (cell.type === ExcelJS.ValueType.Formula) {
    const formula = "=" + cell.formula;
    if (exp) return { text: exp.expect === "" ? "" : /^-?[\d.]+$/.test(exp.expect) ? num(exp.expect) : exp.expect, formula };
    const r = cell.result as unknown;
    return { text: r === undefined || r === null ? "" : typeof r === "number" ? num(r) : String(r), formula };
  }
  if (cell.isMerged && cell.master.address !== cell.address) return { text: "" };
  const v = cell.value as unknown;
  if (v === null || v === undefined) return { text: "" };
  if (typeof v === "number") return { text: num(v) };
  if (typeof v === "object" && v && "richText" in v) return { text: (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("") };
  return { text: String(v) };
}

export function Grid({ host }: { host: PreviewHost }): React.ReactElement {
  const [, setTick] = React.useState(0);
  const [sheet, setSheet] = React.useState<string>(host.workbook.worksheets[0]?.name ?? "");
  React.useEffect(
    () =>
      host.onChange(() => {
        if (host.selected) setSheet(host.selected.sheet);
        setTick((n) => n + 1);
      }),
    [host],
  );
  const sheets = host.workbook.worksheets.filter((w) => w.state === "visible");
  const ws = host.workbook.getWorksheet(sheet) ?? sheets[0];
  const rows = Math.min(ws?.rowCount ?? 0, MAX_ROWS);
  const cols = Math.min(ws?.columnCount ?? 0, MAX_COLS);
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
                  const cell = ws.getCell(i + 1, j + 1);
                  const v = shown(host, ws.name, cell);
                  const address = a1(i + 1, j + 1);
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
                        fontWeight: cell.font?.bold ? 600 : 400,
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
