/**
 * The core's speed against a bare floor, measured in one process so that the machine's load
 * cancels out: at N projects, plan (read the snapshot into the model, the rate column, the
 * department 评分表, the whole report) against a decimal.js loop that parses the same amounts,
 * divides, rounds half-up and formats as many strings as the report has paragraphs.
 *
 *   node bin/run-ts.js bench/core.ts [projects]
 */
import { PerformanceObserver, constants } from "node:perf_hooks";
import { Decimal, RunOptions, WorkbookSnapshot, plan } from "../src/core";

/** A fund table of n projects as a host would read it (values only; one 合计 row of formulas). */
export function fundSnapshot(n: number): WorkbookSnapshot {
  const values: (string | number | null)[][] = [["某单位2020年项目资金表"], ["单位：元"], ["序号", "项目名称", "项目资金（元）", "区本级财政资金（元）", "项目个数", "投入资金（元）", "过程管理情况", "产出情况", "效益情况"]];
  const formulas: (string | null)[][] = values.map((r) => r.map(() => null));
  for (let i = 1; i <= n; i++) {
    const b = 10000 + ((i * 7919) % 900000);
    values.push([i, `项目${i}`, b, b, 1, Math.floor((b * ((i * 31) % 100)) / 100), "按规定使用。", "完成。", "良好。"]);
    formulas.push(Array(9).fill(null));
  }
  values.push([null, "合计", null, null, null, null, null, null, null]);
  formulas.push([null, null, `=SUM(C4:C${n + 3})`, null, null, `=SUM(F4:F${n + 3})`, null, null, null]);
  return { sheets: [{ name: "项目资金表", top: 1, left: 1, values, formulas }], sheetNames: ["项目资金表"], activeSheet: "项目资金表" };
}

/** The floor: what any implementation must do at least, with the same numbers. */
function floor(snap: WorkbookSnapshot, paragraphs: number): number {
  const rows = snap.sheets[0].values.slice(3, -1);
  const out: string[] = [];
  for (const r of rows) {
    const b = new Decimal(r[2] as number);
    const a = new Decimal(r[5] as number);
    const rate = a.dividedBy(b);
    const wb = b.dividedBy(10000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed();
    const wa = a.dividedBy(10000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed();
    const pct = rate.times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
    out.push(`${r[0]}、${r[1]}工作项目资金${wb}万元，投入资金${wa}万元，资金到位率${pct}%。`);
  }
  while (out.length < paragraphs) out.push(`${out.length}、${out.length % 7}。`);
  return out.length;
}

/**
 * CPU time (user + system) of this process, and the wall clock. CPU time is less moved by other
 * programs on the machine, but it also counts V8's garbage-collector threads (a second core works
 * while the first allocates): the core, which builds 80,000 report cells, pays for its garbage twice.
 */
interface Timed {
  cpu: number;
  wall: number;
  /** When it ran, on performance.now()'s clock (to find the collections that fell in it). */
  from: number;
  to: number;
}

const time = (f: () => void): Timed => {
  const t = process.cpuUsage();
  const from = performance.now();
  f();
  const d = process.cpuUsage(t);
  const to = performance.now();
  return { cpu: (d.user + d.system) / 1000, wall: to - from, from, to };
};

export interface CoreBench {
  core: number;
  floor: number;
  /** CPU time ratio (the goal's measure). */
  ratio: number;
  coreWall: number;
  floorWall: number;
  wallRatio: number;
  /** Each round as measured, in order: the floor, then the core. */
  rounds: { floor: Timed; core: Timed }[];
}

/** What the goal measures: the rate column, the department 评分表 and the whole report. */
const MEASURED: RunOptions = { mode: "formulas", scheme: "department" };

/** `opts`: the plan timed (MEASURED for the goal; others only to show where the time goes, against the same floor). */
export function benchCore(n: number, rounds = 7, opts: RunOptions = MEASURED): CoreBench {
  const snap = fundSnapshot(n);
  const paragraphs = plan(snap, MEASURED).paragraphs.length;
  const cores: Timed[] = [];
  const floors: Timed[] = [];
  for (let i = 0; i < rounds; i++) {
    floors.push(time(() => floor(snap, paragraphs)));
    cores.push(time(() => plan(snap, opts)));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const core = median(cores.map((x) => x.cpu));
  const fl = median(floors.map((x) => x.cpu));
  const coreWall = median(cores.map((x) => x.wall));
  const floorWall = median(floors.map((x) => x.wall));
  const all = cores.map((c, i) => ({ floor: floors[i], core: c }));
  return { core, floor: fl, ratio: core / fl, coreWall, floorWall, wallRatio: coreWall / floorWall, rounds: all };
}

if (process.argv[1] === __filename) {
  const n = Number(process.argv[2] ?? 10000);
  // V8's full (mark-compact) collections, to show which rounds one fell in: they are reported after the rounds, once the loop yields.
  const fulls: number[] = [];
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if ((e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) fulls.push(e.startTime);
  });
  gc.observe({ entryTypes: ["gc"] });
  const r = benchCore(n);
  setTimeout(() => {
    gc.disconnect();
    console.log(`core at ${n} projects: ${r.core.toFixed(0)} ms CPU, floor ${r.floor.toFixed(0)} ms, ratio ${r.ratio.toFixed(1)}× (goal ≤ 5×)`);
    console.log(`                   wall clock: ${r.coreWall.toFixed(0)} ms, floor ${r.floorWall.toFixed(0)} ms, ratio ${r.wallRatio.toFixed(1)}×`);
    const full = (t: Timed) => (fulls.some((s) => s >= t.from && s < t.to) ? "*" : "");
    const each = r.rounds.map((x) => `${x.core.cpu.toFixed(0)}${full(x.core)}/${x.floor.cpu.toFixed(0)}${full(x.floor)}`).join(" ");
    console.log(`  each round, CPU ms core/floor: ${each} (* a full garbage collection fell in it; the ratio is of the medians)`);
    // Where the time goes (not the goal's measure): the same plan without the report, against the same floor, after the measured rounds.
    const bare = benchCore(n, 7, { ...MEASURED, report: false });
    console.log(`  without the report (rates and 评分表 only): ${bare.core.toFixed(0)} ms CPU, floor ${bare.floor.toFixed(0)} ms, ratio ${bare.ratio.toFixed(1)}×`);
  }, 50);
}
