/**
 * Speed and memory figures (not a test: it prints, it does not judge).
 *
 *   npm run bench            # 1,000 / 10,000 / 50,000 projects
 *   npm run bench -- 200000  # other sizes
 *
 * For each size: building the snapshot from a workbook file (saved by exceljs, read by the file host), the
 * pure core (detect, read, rates, plan, narrative), and the file host's write; peak heap.
 */
import ExcelJS from "exceljs";
import { plan, sheetCells } from "../src/core";
import { XlsxHost } from "../src/xlsx/host";

function table(n: number): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("项目资金表");
  ws.addRow(["某单位2020年项目资金表"]);
  ws.addRow(["单位：元"]);
  ws.addRow(["序号", "项目名称", "项目资金（元）", "区本级财政资金（元）", "项目个数", "投入资金（元）", "过程管理情况", "产出情况", "效益情况"]);
  for (let i = 1; i <= n; i++) {
    const b = 10000 + ((i * 7919) % 900000);
    ws.addRow([i, `项目${i}`, b, b, 1, Math.floor((b * ((i * 31) % 100)) / 100), "按规定使用。", "完成。", "良好。"]);
  }
  ws.addRow([null, "合计", { formula: `SUM(C4:C${n + 3})` }, null, null, { formula: `SUM(F4:F${n + 3})` }]);
  return wb;
}

const ms = (t: bigint) => (Number(process.hrtime.bigint() - t) / 1e6).toFixed(0).padStart(7);
const mb = (b: number) => (b / 1024 / 1024).toFixed(0).padStart(5);

async function main() {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  console.log("projects | snapshot ms | core ms | apply ms | cells written | paragraphs | heap MB");
  for (const n of sizes.length ? sizes : [1000, 10000, 50000]) {
    const file = await table(n).xlsx.writeBuffer();
    const host = XlsxHost.from(file as ArrayBuffer);
    global.gc?.();
    let t = process.hrtime.bigint();
    const snap = await host.read();
    const tSnap = ms(t);
    t = process.hrtime.bigint();
    const result = plan(snap, { mode: "formulas" });
    const tCore = ms(t);
    t = process.hrtime.bigint();
    await host.apply(result.plan);
    const tApply = ms(t);
    const cells = result.plan.edits.reduce((s, e) => s + e.cells.length, 0) + result.plan.sheets.reduce((s, e) => s + sheetCells(e).length, 0);
    console.log(
      `${String(n).padStart(8)} | ${tSnap}     | ${tCore} | ${tApply}  | ${String(cells).padStart(13)} | ${String(result.paragraphs.length).padStart(10)} | ${mb(process.memoryUsage().heapUsed)}`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
