/**
 * The file host's speed and memory, as a user meets them (not a test: it prints, it does not judge).
 *
 *   node bin/run-ts.js bench/filehost.ts            # 1,000 / 10,000 / 50,000 projects
 *   node bin/run-ts.js bench/filehost.ts 200000     # other sizes
 *
 * For each size: a fund table workbook is written to a temporary folder, then `selfeval report`
 * runs on it as the installed command does (node bin/selfeval.js, the JavaScript that npm ci
 * builds; no npx, no TypeScript compiled at run time), timed (wall, best of 3 up to 10,000
 * projects) and measured (peak resident memory of its processes, from /proc: Linux). Beside it: opening and saving
 * the same workbook in this process through the file host alone. Goals: peak RSS ≤ 600 MB at
 * 50,000 projects; ≤ 1 s wall at 1,000.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { XlsxHost } from "../src/xlsx/host";

const ROOT = path.join(__dirname, "..");
const BIN = path.join(ROOT, "bin", "selfeval.js");
const BUILT = path.join(ROOT, "dist-tsc", "selfeval", "cli", "selfeval.js");

/**
 * A fund table of n projects as Excel saves one (shared strings; title, unit row, headers, 合计
 * with SUMs and their cached values), written by exceljs.
 */
async function fundTable(n: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("项目资金表");
  ws.addRow(["某单位2020年项目资金表"]);
  ws.addRow(["单位：元"]);
  ws.addRow(["序号", "项目名称", "项目资金（元）", "区本级财政资金（元）", "项目个数", "投入资金（元）", "过程管理情况", "产出情况", "效益情况"]);
  let budget = 0;
  let invested = 0;
  for (let i = 1; i <= n; i++) {
    const b = 10000 + ((i * 7919) % 900000);
    const f = Math.floor((b * ((i * 31) % 100)) / 100);
    budget += b;
    invested += f;
    ws.addRow([i, `项目${i}`, b, b, 1, f, "按规定使用。", "完成。", "良好。"]);
  }
  ws.addRow([null, "合计", { formula: `SUM(C4:C${n + 3})`, result: budget }, null, null, { formula: `SUM(F4:F${n + 3})`, result: invested }]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** VmHWM (peak resident set) of a process and its descendants, in kB, as last seen. */
function treePeaks(pid: number, seen: Map<number, number>): void {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    if (m) seen.set(pid, Math.max(seen.get(pid) ?? 0, Number(m[1])));
    for (const c of readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(/\s+/).filter(Boolean)) treePeaks(Number(c), seen);
  } catch {
    // gone meanwhile
  }
}

/**
 * Runs the command as installed; wall time in ms and peak RSS in MB: the sum of the peaks of the
 * command's processes (the launcher and the bounded child it starts), sampled every 10 ms.
 */
async function runBin(args: string[]): Promise<{ ms: number; rssMb: number; code: number }> {
  const t = process.hrtime.bigint();
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  const peaks = new Map<number, number>();
  const poll = setInterval(() => treePeaks(child.pid!, peaks), 10);
  const code: number = await new Promise((resolve) => child.on("close", (c) => resolve(c ?? -1)));
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  clearInterval(poll);
  if (code !== 0 && code !== 1) throw new Error(`selfeval exited ${code}: ${err}`);
  let kb = 0;
  for (const v of peaks.values()) kb += v;
  return { ms, rssMb: kb / 1024, code };
}

function ensureBuilt(): void {
  const fresh = existsSync(BUILT) && statSync(BUILT).mtimeMs >= statSync(path.join(ROOT, "src", "ooxml", "workbook.ts")).mtimeMs;
  if (!fresh) spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(ROOT, "tsconfig.cli.json")], { stdio: "inherit" });
}

async function main(): Promise<void> {
  ensureBuilt();
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const dir = mkdtempSync(path.join(tmpdir(), "bench-filehost-"));
  try {
    console.log("projects | file MB | selfeval report wall ms | peak RSS MB | open + save in process ms");
    for (const n of sizes.length ? sizes : [1000, 10000, 50000]) {
      const input = path.join(dir, `fund-${n}.xlsx`);
      writeFileSync(input, await fundTable(n));
      const output = path.join(dir, `fund-${n}-out.xlsx`);
      const runs = n <= 10000 ? 3 : 1;
      let best = { ms: Infinity, rssMb: 0, code: 0 };
      for (let i = 0; i < runs; i++) {
        const r = await runBin(["report", input, "-o", output]);
        if (r.ms < best.ms) best = r;
      }
      const t = process.hrtime.bigint();
      const host = await XlsxHost.fromBuffer(readFileSync(input), "xlsx");
      await host.read();
      writeFileSync(path.join(dir, "copy.xlsx"), await host.toBuffer());
      const openSave = Number(process.hrtime.bigint() - t) / 1e6;
      console.log(
        `${String(n).padStart(8)} | ${(statSync(input).size / 1048576).toFixed(1).padStart(7)} | ${best.ms.toFixed(0).padStart(23)} | ${best.rssMb.toFixed(0).padStart(11)} | ${openSave.toFixed(0).padStart(25)}`,
      );
    }
    console.log("goals: peak RSS ≤ 600 MB at 50,000 projects; wall ≤ 1,000 ms at 1,000 projects (the command as installed)");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
