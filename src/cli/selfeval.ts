/**
 * selfeval — the command-line host of 绩效自评助手.
 *
 *   selfeval report <input.xlsx|input.csv> [-o out.xlsx] [--mode formulas|values]
 *                   [--text narrative.txt] [--json facts.json] [--sheet 名称] [--unit 元|万元]
 *                   [--overwrite] [--print]
 *   selfeval recalc <工作簿.xlsx> [-o 输出.xlsx]
 *   selfeval serve [--port 8080] [--dir dist/standalone]
 *
 * Exit status: 0 done (warnings and notes allowed); 1 done, but the data has errors (listed);
 * 2 the input cannot be used (nothing written); 64 wrong command line.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { parseArgs, ParseArgsConfig } from "node:util";
import { RECALC_OPTIONS, REPORT_OPTIONS, SERVE_OPTIONS } from "./options";
import { AmountUnit, Decimal, hasErrors, Issue, issueJson, issueLine, run, RunResult, sortIssues, WriteMode } from "../core";
import { DamagedWorkbookError, XlsxHost } from "../xlsx/host";
import { Packer } from "docx";
import { reportDocument } from "../export/docx";
import { DEFAULT_PORT, runServer, standaloneDir } from "./serve";

/** --type: 部门整体 (department) or 项目支出 (project). */
function reportTypeOption(v: string | undefined): "department" | "project" | undefined {
  if (v === undefined) return undefined;
  if (/^(department|部门|部门整体|部门整体支出|整体)$/.test(v)) return "department";
  if (/^(project|项目|项目支出)$/.test(v)) return "project";
  throw new UsageError(`--type 只能是 department（部门整体支出）或 project（项目支出），不是“${v}”。`);
}

/** --forms all | 项目A,项目B: each project's 项目支出绩效自评表. */
function formsOption(v: string | undefined): "all" | string[] | undefined {
  if (v === undefined) return undefined;
  const names = v.split(/[,，、]/).map((x) => x.trim()).filter(Boolean);
  return names.length === 0 || (names.length === 1 && names[0] === "all") ? "all" : names;
}

/** "90%", "90", "0.9" → "0.9". */
function parseThreshold(t: string): string {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(t);
  if (!m) throw new UsageError(`--threshold 应是百分比，如 90%，不是“${t}”。`);
  const n = new Decimal(m[1]);
  return m[2] || n.greaterThan(1) ? n.dividedBy(100).toFixed() : n.toFixed();
}

const USAGE = `用法 / usage:
  selfeval report <输入.xlsx|.xlsm|.xltx|.xltm|.csv> [-o 输出.xlsx] [--mode formulas|values]
                  [--scheme mof2020|department|工作表] [--text 报告.txt] [--docx 报告.docx]
                  [--json facts.json] [--sheet 工作表] [--unit 元|万元] [--overwrite]
                  [--tail-adjust] [--threshold 90%] [--forms all|项目,…] [--form-variant national|nature-unit]
                  [--type department|project] [--project 项目] [--score-sheet 工作表] [--print]
  selfeval recalc <工作簿.xlsx> [-o 输出.xlsx] [--json facts.json] [--mode formulas|values]
  selfeval serve [--port ${DEFAULT_PORT}] [--dir 独立网页版的文件夹]

  report   读取项目资金表，写入“资金到位率”列（公式或数值），生成“自评报告”工作表；
           --scheme 同时生成（或更新）“评分表”（已有另一体系的评分表时就地替换，原表保留为副本）：mof2020＝项目支出绩效自评表（财预〔2020〕10号附件1），
           department＝部门整体支出（投入7、过程24、产出57、效益10），或用一个含评分表表头的工作表作模板。
  recalc   一键重算：按当前项目资金表更新到位率和评分表的全部公式与合计，保留用户填写的内容。
  serve    在本机（127.0.0.1）启动独立网页版，供没有加载项的电脑（WPS、旧版 Office）在浏览器中使用；
           工作簿只在浏览器里处理。--dir 默认为本程序的 dist/standalone（npm run build:standalone 生成）。
  -o       输出文件（默认：输入文件名加“-自评.xlsx”）；输入文件本身不被改动，除非 -o 指向它。
  --mode   formulas（写 Excel 公式）或 values（写计算结果）；默认沿用工作簿上次的方式，新工作簿用公式。
  --text   另存报告全文为 UTF-8 文本。      --json   另存计算结果、问题清单和每段的来源单元格（JSON）。
  --docx   另存报告为 Word 文档（公文格式：方正小标宋简体标题，仿宋_GB2312 三号正文，固定行距 28 磅）。
  --tail-adjust  尾差调整：调整最大的分项，使报告中各分项之和等于合计（默认不调整，调整时会提示）。
  --threshold    资金到位率低于此值的项目写入“存在问题”草稿（默认 90%）。
  --type   报告类型：department（部门整体支出绩效自评报告）或 project（项目支出绩效自评报告，每个项目一篇）；
           默认按工作簿：有项目自评表或项目支出评分表时为项目支出，否则为部门整体。
  --project  只写这一个项目的项目支出报告。   --score-sheet  工作簿有几张评分表时，报告描述哪一张。
  --forms  为每个项目（all）或所列项目生成“项目支出绩效自评表”工作表（按项目命名，A4 一页宽可打印）；已生成的每次都会更新。
  --form-variant  自评表样式：national（财预〔2020〕10号附件1，默认）或 nature-unit（含指标性质、计量单位列）。
  --overwrite  允许覆盖用户已填写的单元格（默认保留并提示）。
  --print  在终端打印报告正文。`;

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIO: CliIO = { out: (s) => process.stdout.write(s + "\n"), err: (s) => process.stderr.write(s + "\n") };

function writeFile(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, data);
}

const PACKAGE_EXT = /\.(xlsx|xlsm|xltx|xltm)$/i;

export async function loadHost(input: string): Promise<XlsxHost> {
  const ext = path.extname(input).toLowerCase();
  if (!PACKAGE_EXT.test(ext) && ext !== ".csv") throw new UsageError(`不支持的文件类型“${ext || "无扩展名"}”：请提供 .xlsx、.xlsm、.xltx、.xltm 或 .csv 文件（.xls 请先在 Excel 中另存为 .xlsx）。`);
  if (!existsSync(input)) throw new UsageError(`找不到输入文件：${input}`);
  const data = readFileSync(input);
  try {
    return await XlsxHost.fromBuffer(data, ext === ".csv" ? "csv" : "xlsx");
  } catch (e) {
    if (!(e instanceof DamagedWorkbookError)) throw e;
    throw new UsageError(`无法读取“${input}”：文件已损坏或不是 Excel 工作簿（${e.message}）。`);
  }
}

/**
 * The output keeps the input's kind: a macro-enabled input gives .xlsm (Excel opens a package only
 * under the extension of its kind); a template gives a workbook unless -o names a template.
 */
function outputName(input: string, output: string | undefined): string {
  const ext = path.extname(input).toLowerCase();
  const macro = ext === ".xlsm" || ext === ".xltm";
  if (output === undefined) return input.replace(/\.(xlsx|xlsm|xltx|xltm|csv)$/i, "") + (macro ? "-自评.xlsm" : "-自评.xlsx");
  const out = path.extname(output).toLowerCase();
  if (!PACKAGE_EXT.test(out)) throw new UsageError(`输出文件应以 ${macro ? ".xlsm" : ".xlsx"} 结尾，不是“${out || "无扩展名"}”。`);
  if ((out === ".xlsm" || out === ".xltm") !== macro) throw new UsageError(macro ? "输入含宏（.xlsm/.xltm），输出也须为 .xlsm 或 .xltm，否则 Excel 不能打开。" : "输入不含宏，输出应为 .xlsx（或 .xltx），否则 Excel 不能打开。");
  return output;
}

/** The workbook as bytes of the output's kind (template or workbook). */
async function packageFor(host: XlsxHost, output: string): Promise<Uint8Array> {
  const out = path.extname(output).toLowerCase();
  (await host.workbook()).setTemplate(out === ".xltx" || out === ".xltm");
  return host.toBuffer();
}

export class UsageError extends Error {}

/** Errors and warnings one per line; notes of one kind beyond five are summed up in one line. */
function printIssues(issues: Issue[], io: CliIO): void {
  const infos = new Map<string, Issue[]>();
  for (const i of sortIssues(issues)) {
    if (i.severity !== "info") io.err(issueLine(i));
    else infos.set(i.code, [...(infos.get(i.code) ?? []), i]);
  }
  for (const list of infos.values()) {
    if (list.length <= 5) list.forEach((i) => io.err(issueLine(i)));
    else {
      list.slice(0, 3).forEach((i) => io.err(issueLine(i)));
      io.err(`提示 同类提示还有 ${list.length - 3} 条：${list.slice(3).map((i) => `${i.sheet}!${i.cells[0] ?? ""}`).join("、")}（--json 中有全文）。`);
    }
  }
}

/** The options of a command that takes one file, and that file. */
function oneFile<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T, missing: string) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options });
  if (positionals.length !== 1) throw new UsageError(missing);
  return { values, input: positionals[0] };
}

/** --mode: formulas or values; without it, a workbook keeps the mode it was written in (formulas for a new one). */
function modeOption(v: string | undefined): WriteMode | undefined {
  if (v !== undefined && v !== "formulas" && v !== "values") throw new UsageError(`--mode 只能是 formulas 或 values，不是“${v}”。`);
  return v;
}

export async function report(args: string[], io: CliIO = defaultIO): Promise<number> {
  const { values, input } = oneFile(args, REPORT_OPTIONS, "请给出一个输入文件。");
  const threshold = values.threshold === undefined ? undefined : parseThreshold(values.threshold);
  const mode = modeOption(values.mode);
  const unit = values.unit as AmountUnit | undefined;
  if (unit !== undefined && unit !== "元" && unit !== "万元") throw new UsageError(`--unit 只能是 元 或 万元。`);
  const output = outputName(input, values.output);

  const host = await loadHost(input);
  const result: RunResult = await run(host, { mode, overwrite: values.overwrite, sheet: values.sheet, unit, scheme: values.scheme, tailAdjust: values["tail-adjust"], rateThreshold: threshold, forms: formsOption(values.forms), formVariant: values["form-variant"], reportType: reportTypeOption(values.type), reportProject: values.project, scoreSheet: values["score-sheet"], replaceScore: values.scheme !== undefined });
  printIssues(result.issues, io);
  if (!result.ok) {
    io.err("未生成任何文件：输入无法使用（见上面的错误）。");
    return 2;
  }
  writeFile(output, await packageFor(host, output));
  const text = result.paragraphs.map((p) => p.text).join("\n") + "\n";
  const haveReport = result.paragraphs.length > 0; // none when a broken template kept the old report
  if (values.text && haveReport) writeFile(values.text, text);
  if (values.docx && haveReport) writeFile(values.docx, await Packer.toBuffer(reportDocument(result.paragraphs, result.paragraphs[0]?.text, result.formTables)));
  if (values.json) writeFile(values.json, factsJson(result));
  if (values.print && haveReport) io.out(text.trimEnd());
  io.err(`已写入 ${output}：${summary(result)}`);
  return hasErrors(result.issues) ? 1 : 0;
}

/** The facts as --json writes them: every issue with its words in Chinese. */
function factsJson(result: RunResult): string {
  return JSON.stringify({ ...result.facts, issues: result.facts.issues.map(issueJson) }, null, 2) + "\n";
}

function summary(result: RunResult): string {
  const t = result.facts.totals;
  const s = result.score;
  return (
    `${result.facts.projects.length} 个项目，资金到位率（${result.meta.settings.mode === "values" ? "数值" : "公式"}）` +
    (t ? `合计 ${t.rateText ?? "无"}` : "") +
    (s ? `；${s.sheet}总分 ${s.total ?? "（待填写完整）"}${s.grade ? `，等级“${s.grade}”` : ""}` : "") +
    `；问题 ${result.issues.length} 条。`
  );
}

export async function recalc(args: string[], io: CliIO = defaultIO): Promise<number> {
  const { values, input } = oneFile(args, RECALC_OPTIONS, "请给出一个工作簿文件。");
  const mode = modeOption(values.mode);
  if (!PACKAGE_EXT.test(input)) throw new UsageError("recalc 需要 .xlsx 或 .xlsm 工作簿（由 report 生成或已含评分表）。");
  const host = await loadHost(input);
  const result = await run(host, { mode, report: false });
  printIssues(result.issues, io);
  if (!result.ok) {
    io.err("未写入：输入无法使用（见上面的错误）。");
    return 2;
  }
  const output = values.output === undefined ? input : outputName(input, values.output);
  writeFile(output, await packageFor(host, output));
  if (values.json) writeFile(values.json, factsJson(result));
  io.err(`已重算 ${output}：${summary(result)}`);
  return hasErrors(result.issues) ? 1 : 0;
}

export async function serve(args: string[], io: CliIO = defaultIO): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: SERVE_OPTIONS });
  if (positionals.length) throw new UsageError(`serve 不需要文件参数（“${positionals[0]}”）。`);
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new UsageError(`--port 应是 0 到 65535 之间的整数，不是“${values.port}”。`);
  const dir = path.resolve(values.dir ?? standaloneDir());
  if (!existsSync(path.join(dir, "index.html"))) {
    io.err(
      values.dir === undefined
        ? `还没有独立网页版的文件（${dir} 中没有 index.html）：请先在本程序的目录中运行 npm run build:standalone（或 npm run build），再运行 selfeval serve。`
        : `“${dir}”中没有 index.html：--dir 应指向独立网页版的文件夹（npm run build:standalone 生成的 dist/standalone）。`,
    );
    return 2;
  }
  try {
    await runServer(dir, port, io.out);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE" && (e as NodeJS.ErrnoException).code !== "EACCES") throw e;
    io.err(`端口 ${port} 不可用（已被占用或没有权限）：请换一个端口，如 --port ${DEFAULT_PORT + 1}，或不指定端口。`);
    return 2;
  }
  return 0;
}

export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "report":
        return await report(rest, io);
      case "recalc":
        return await recalc(rest, io);
      case "serve":
        return await serve(rest, io);
      case undefined:
      case "-h":
      case "--help":
      case "help":
        io.out(USAGE);
        return command === undefined ? 64 : 0;
      default:
        throw new UsageError(`未知命令“${command}”。`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS"))) {
      io.err(`错误：${e.message}\n\n${USAGE}`);
      return e instanceof UsageError && /找不到|无法读取|不支持/.test(e.message) ? 2 : 64;
    }
    throw e;
  }
}
