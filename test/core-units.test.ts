/** The small rules everything else rests on. */
import { readFileSync } from "node:fs";
import { a1, cmp, shiftedFixed, sum, columnLetters, columnNumber, Decimal, formatCount, formatNumber, formatPlaces, plan, disallowedFunctions, formatRate, formatWan, formulaSkeleton, matchField, parseAmount, parseRange, parseTypedRate, qualified, rate, rateNumberFormat, rateOf, sheetCells, sourcesText, uniqueSheetName, yuan } from "../src/core";
import { buildSampleWorkbook } from "../scripts/make-sample";
import { SAMPLE, snapshotSheet } from "./helpers/books";

test("万元 to at most two decimals, half up, trailing zeros dropped", () => {
  const cases: [string, string][] = [
    ["50000", "5"],
    ["25500", "2.55"],
    ["39660", "3.97"],
    ["25000", "2.5"],
    ["782600", "78.26"],
    ["71000", "7.1"],
    ["12345", "1.23"],
    ["12350", "1.24"], // 1.235 → 1.24 (half up, not banker's)
    ["0", "0"],
    ["49", "0"],
    ["50", "0.01"],
    ["-12350", "-1.24"],
  ];
  for (const [y, w] of cases) expect([y, formatWan(yuan(y))]).toEqual([y, w]);
});

test("rates to two decimals, whole per cents without them", () => {
  const cases: [string, string, string][] = [
    ["39660", "50000", "79.32%"],
    ["52000", "54000", "96.30%"],
    ["340000", "340000", "100%"],
    ["1", "2", "50%"],
    ["2469", "20000", "12.35%"], // exactly 12.345% → half up
    ["19999", "20000", "100.00%"], // not all in place: not "100%"
    ["0", "5", "0%"],
  ];
  for (const [i, b, w] of cases) expect([i, b, formatRate(rateOf(yuan(i), yuan(b))!)]).toEqual([i, b, w]);
  expect(rateOf(yuan(5), yuan(0))).toBeNull();
  expect(rateNumberFormat(rate("0.5"))).toBe("[=0.5]0%;[=1]0%;0.00%");
  expect(rateNumberFormat(rate("0.7932"))).toBe("[=1]0%;[=0]0%;0.00%");
  expect(rateNumberFormat(rate("-0.4932"))).toBe("[<0]0.00%;[=1]0%;0.00%"); // a negative rate: its minus in the first section
});

test("amounts as people type them", () => {
  const y = (v: Parameters<typeof parseAmount>[0], unit: "元" | "万元" = "元") => {
    const p = parseAmount(v, unit);
    return p.kind === "number" ? p.yuan.toFixed() : p.kind;
  };
  expect(y(39660)).toBe("39660");
  expect(y(0.1)).toBe("0.1");
  expect(y(12.5, "万元")).toBe("125000");
  expect(y("1,234.56")).toBe("1234.56");
  expect(y("１２.５")).toBe("12.5");
  expect(y("5万元")).toBe("50000");
  expect(y("5万元", "万元")).toBe("50000");
  expect(y("300元", "万元")).toBe("300");
  expect(y("(1,200)")).toBe("-1200");
  expect(y("—")).toBe("blank"); // a dash is "nothing typed here", never a 0 (issue 9)
  expect(y("1,23")).toBe("invalid");
  expect(y("   ")).toBe("blank");
  expect(y({ error: "#N/A" })).toBe("error");
  expect(y(Number.NaN)).toBe("invalid");
});

test("typed rates: fraction, per cent text, per cent points", () => {
  expect(parseTypedRate(0.7932, "0.00%")).toEqual({ value: new Decimal("0.7932"), percentDecimals: 2 });
  expect(parseTypedRate("79.40%", null)!.percentDecimals).toBe(2);
  expect(parseTypedRate(79.32, "General")!.value.toFixed()).toBe("0.7932");
  expect(parseTypedRate("见附件", null)).toBeNull();
});

test("A1 addresses", () => {
  expect([columnLetters(1), columnLetters(26), columnLetters(27), columnLetters(703)]).toEqual(["A", "Z", "AA", "AAA"]);
  expect(columnNumber("AAA")).toBe(703);
  expect(a1(4, 10)).toBe("J4");
  expect(parseRange("Sheet1!C5:K17")).toEqual({ top: 5, left: 3, bottom: 17, right: 11 });
  expect(qualified("项目资金表", "C4")).toBe("项目资金表!C4");
  expect(qualified("My Sheet", "C4")).toBe("'My Sheet'!C4");
});

test("header texts name fields", () => {
  const f = (t: string) => matchField(t)?.field ?? null;
  expect(f("项目资金（万元）")).toBe("budget");
  expect(f("计划投入资金")).toBe("budget");
  expect(f("实际投入资金")).toBe("invested");
  expect(f("全年执行数")).toBe("executed"); // 执行 (spent) is not 到位 (arrived): issue 9
  expect(f("其中：区本级财政资金")).toBe("source");
  expect(f("上级补助资金")).toBe("source");
  expect(f("资金到位率")).toBe("rate");
  expect(f("预算执行率")).toBe("execRate"); // a column of its own since issue 9
  expect(f("过程管理情况")).toBe("process");
});

test("formulas compared by their shape, not their references", () => {
  expect(formulaSkeleton('=IF(F4="","",IFERROR(F4/C4,""))')).toBe(formulaSkeleton('=IF(G19="","",IFERROR(G19/D19,""))'));
  expect(formulaSkeleton("=SUM($C$4:C9)")).toBe("=SUM(@)");
  expect(formulaSkeleton('="F4"&Sheet1!A1&\'My sheet\'!B2:C3&项目资金表!J15')).toBe('="F4"&@&@&@');
  expect(formulaSkeleton("=LOG10(A1)")).toBe("=LOG10(@)");
  expect(formulaSkeleton("=F4/C4")).not.toBe(formulaSkeleton('=IF(F4="","",IFERROR(F4/C4,""))'));
});

test("the bundled sample .xlsx is what scripts/make-sample.ts builds from the CSV", async () => {
  const committed = await snapshotSheet(readFileSync(SAMPLE), "项目资金表");
  const rebuilt = await snapshotSheet(buildSampleWorkbook(), "项目资金表");
  expect(committed.values).toEqual(rebuilt.values);
  expect(committed.formulas).toEqual(rebuilt.formulas);
});

test("the formula dialect: only functions every target spreadsheet has", () => {
  expect(disallowedFunctions('=IF(F4="","",IFERROR(F4/C4,""))')).toEqual([]);
  expect(disallowedFunctions("=XLOOKUP(A1,B:B,C:C)+IFS(A1>1,2)")).toEqual(["XLOOKUP", "IFS"]);
  expect(disallowedFunctions('="CONCAT(x)"&MIN(1,2)')).toEqual([]);
});

test("formatWan, formatRate and formatPlaces work on the exact decimal text: the same as decimal.js's ROUND_HALF_UP, on 20,000 figures and every edge", () => {
  const viaDecimal = {
    wan: (v: Decimal) => {
      const t = v.dividedBy(10000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed();
      return t === "-0" ? "0" : t;
    },
    rate: (v: Decimal) => {
      const p = v.times(100);
      return p.isInteger() ? `${p.toFixed(0)}%` : `${p.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%`;
    },
  };
  const edges = ["0", "-0", "50", "49.99", "50000", "39660", "-39660", "995000", "999950", "-999950", "99999.99", "1234567890123.4567", "0.0001", "-0.00005", "0.00005", "149.9999", "150", "-150", "1e-12", "123456789012345678901234567890"];
  const rates = ["1", "0", "0.5000000000000000001", "1.00000000000000000001", "0.2500000000001", "0.7932", "0.963", "0.99999", "0.999951", "-0.5", "0.5", "0.123449999", "0.123450", "1.5", "0.00004999", "0.00005", "12.3456789"];
  let seed = 7;
  const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  const randoms = Array.from({ length: 20000 }, () => {
    const digits = Math.floor(rnd() * 14) + 1;
    let s = "";
    for (let i = 0; i < digits; i++) s += Math.floor(rnd() * 10);
    const places = Math.floor(rnd() * 8);
    const cut = s.length - Math.min(places, s.length - 1);
    return `${rnd() < 0.2 ? "-" : ""}${s.slice(0, cut)}${cut < s.length ? "." + s.slice(cut) : ""}`;
  });
  const wrong: string[] = [];
  for (const x of [...edges, ...randoms]) {
    const v = new Decimal(x);
    if (formatWan(yuan(v)) !== viaDecimal.wan(v)) wrong.push(`万元 ${x}: ${formatWan(yuan(v))} ≠ ${viaDecimal.wan(v)}`);
  }
  for (const x of [...rates, ...randoms.map((s) => new Decimal(s).dividedBy(1000).toFixed())]) {
    const v = new Decimal(x);
    if (formatRate(rate(v)) !== viaDecimal.rate(v)) wrong.push(`率 ${x}: ${formatRate(rate(v))} ≠ ${viaDecimal.rate(v)}`);
  }
  // Quotients as the rates are (40 significant digits), and tiny and huge ones.
  const quotients = Array.from({ length: 5000 }, (_v, i) => new Decimal(randoms[i]).dividedBy(randoms[i + 5000].replace(/^-?0*\.?0*$/, "7") || "7"));
  for (const v of quotients) {
    if (formatRate(rate(v)) !== viaDecimal.rate(v)) wrong.push(`率 ${v.toFixed()}: ${formatRate(rate(v))} ≠ ${viaDecimal.rate(v)}`);
    if (formatWan(yuan(v)) !== viaDecimal.wan(v)) wrong.push(`万元 ${v.toFixed()}: ${formatWan(yuan(v))} ≠ ${viaDecimal.wan(v)}`);
  }
  for (const x of [...edges, ...rates, ...randoms, ...quotients.map((q) => q.toFixed())]) {
    const v = new Decimal(x);
    for (const places of [0, 2, 6])
      if (formatPlaces(v, places) !== v.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed()) wrong.push(`${places} 位 ${x}: ${formatPlaces(v, places)} ≠ ${v.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed()}`);
  }
  // Whole numbers as cells hold them (JavaScript numbers), read by the integer path: every size up
  // to 10^15 and past it (where decimal.js's own path takes over), multiples of 5, 50, 10^k.
  const wholes: number[] = [0, 1, 5, 49, 50, 51, 99, 100, 4999, 5000, 5001, 9999999, 10000000, 12345678, 99995000, 1e14, 999999999999999, 1e15, 1e15 + 2, 9007199254740991, 2e16];
  for (let i = 0; i < 20000; i++) {
    const scale = 10 ** Math.floor(rnd() * 16);
    const n = Math.floor(rnd() * scale);
    wholes.push(n, n - (n % 50), n - (n % 10000) + 5000, n * 10);
  }
  for (const n of wholes)
    for (const v of [new Decimal(n), new Decimal(-n)]) {
      if (formatWan(yuan(v)) !== viaDecimal.wan(v)) wrong.push(`万元 ${v.toFixed()}: ${formatWan(yuan(v))} ≠ ${viaDecimal.wan(v)}`);
      if (formatRate(rate(v)) !== viaDecimal.rate(v)) wrong.push(`率 ${v.toFixed()}: ${formatRate(rate(v))} ≠ ${viaDecimal.rate(v)}`);
      if (formatCount(v) !== v.toFixed()) wrong.push(`整数 ${v.toFixed()}: ${formatCount(v)}`);
      for (const places of [0, 2, 6])
        if (formatPlaces(v, places) !== v.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed()) wrong.push(`${places} 位 ${v.toFixed()}: ${formatPlaces(v, places)}`);
    }
  // Many places (a cell's number format): the scaled whole number passes 2^53 and 10^21, where decimal.js's path takes over.
  for (const n of [...wholes.slice(0, 3000), 1e14, 123456789012347, 999999999999999])
    for (const [fmt, want] of [
      ["0.0000000000", new Decimal(n).toFixed(10)],
      ["0.00000000%", `${new Decimal(n).times(100).toFixed(8)}%`],
    ])
      if (formatNumber(n, fmt) !== want) wrong.push(`${fmt} ${n}: ${formatNumber(n, fmt)} ≠ ${want}`);
  expect(wholes.length).toBeGreaterThan(80000);
  expect(wrong).toEqual([]);
});

test("shiftedFixed: value × 10^shift to `places` decimals, half up, and whether it is whole, as decimal.js says, on 60,000 random figures and scales", () => {
  let seed = 13;
  const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join("");
  const figure = (): Decimal => {
    const r = rnd();
    if (r < 0.3) return new Decimal(Math.floor(rnd() * 10 ** Math.floor(rnd() * 16)) * (rnd() < 0.3 ? -1 : 1)); // cells' numbers
    if (r < 0.6) {
      const s = digits(Math.floor(rnd() * 25) + 1);
      const cut = Math.floor(rnd() * (s.length + 1));
      return new Decimal(`${rnd() < 0.3 ? "-" : ""}${s.slice(0, cut) || "0"}.${s.slice(cut)}0`);
    }
    if (r < 0.8) return new Decimal(Math.floor(rnd() * 1e9) + 1).dividedBy(Math.floor(rnd() * 1e9) + 1); // rates
    return new Decimal(Math.floor(rnd() * 1e6)).dividedBy(10 ** Math.floor(rnd() * 12)).times(rnd() < 0.5 ? 1 : -1);
  };
  const wrong: string[] = [];
  for (let i = 0; i < 60000; i++) {
    const v = figure();
    const shift = Math.floor(rnd() * 24) - 16;
    const places = Math.floor(rnd() * 10);
    const got = shiftedFixed(v, shift, places);
    const scaled = v.times(new Decimal(10).pow(shift));
    let text = scaled.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
    if (/^-0(\.0*)?$/.test(text)) text = text.slice(1);
    if (got.text !== text || got.whole !== scaled.isInteger()) wrong.push(`${v.toFixed()} ×10^${shift} ${places}: ${JSON.stringify(got)} ≠ ${text} ${scaled.isInteger()}`);
  }
  expect(wrong).toEqual([]);
});

test("sum adds as decimal.js's plus does, whatever the figures: cents, whole 元, fractions of a cent, negatives, 40-digit quotients, totals past 9×10^15 cents", () => {
  let seed = 5;
  const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  const figure = (): Decimal => {
    const r = rnd();
    const sign = rnd() < 0.2 ? -1 : 1;
    if (r < 0.4) return new Decimal(Math.floor(rnd() * 1e9) * sign); // whole 元 as cells hold them
    if (r < 0.7) return new Decimal(Math.floor(rnd() * 1e9) * sign).dividedBy(100); // to the cent
    if (r < 0.8) return new Decimal(Math.floor(rnd() * 1e9) * sign).dividedBy(10000); // past the cent
    if (r < 0.9) return new Decimal(Math.floor(rnd() * 1e9) + 1).dividedBy(Math.floor(rnd() * 1e5) + 1); // a quotient
    return new Decimal(Math.floor(rnd() * 9e15) * sign).dividedBy(100); // near the integer path's limit
  };
  const wrong: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const list = Array.from({ length: Math.floor(rnd() * 12) }, figure);
    const want = list.reduce((a, v) => a.plus(v), new Decimal(0)).toFixed();
    if (sum(list).toFixed() !== want) wrong.push(`${list.map((v) => v.toFixed()).join(" + ")}: ${sum(list).toFixed()} ≠ ${want}`);
  }
  const big = Array.from({ length: 4000 }, () => new Decimal(Math.floor(rnd() * 9e12) + 1).dividedBy(100)); // the total passes 2^53 cents
  expect(sum(big).toFixed()).toBe(big.reduce((a, v) => a.plus(v), new Decimal(0)).toFixed());
  expect(sum([]).toFixed()).toBe("0");
  expect(sum([new Decimal("-0")]).toFixed()).toBe("0");
  expect(wrong).toEqual([]);
});

test("cmp orders decimals as decimal.js's comparedTo does, without copying: signs, zeros, exponents, words of every length", () => {
  let seed = 3;
  const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  const figure = () => {
    const s = Array.from({ length: Math.floor(rnd() * 20) + 1 }, () => Math.floor(rnd() * 10)).join("");
    const cut = Math.floor(rnd() * s.length) + 1;
    return new Decimal(`${rnd() < 0.3 ? "-" : ""}${s.slice(0, cut)}.${s.slice(cut)}0`);
  };
  const pool = [new Decimal(0), new Decimal("-0"), new Decimal(1), new Decimal(-1), new Decimal("0.9"), new Decimal("0.90000000000001"), new Decimal(10000000), new Decimal(9999999), new Decimal(1).dividedBy(3), new Decimal(2).dividedBy(3)];
  for (let i = 0; i < 3000; i++) pool.push(figure(), figure().dividedBy(figure().plus(7)), new Decimal(Math.floor(rnd() * 1e9)));
  const wrong: string[] = [];
  for (let i = 0; i < 40000; i++) {
    const a = pool[Math.floor(rnd() * pool.length)];
    const b = rnd() < 0.1 ? new Decimal(a) : pool[Math.floor(rnd() * pool.length)]; // equal ones too
    if (Math.sign(cmp(a, b)) !== a.comparedTo(b)) wrong.push(`${a.toFixed()} ? ${b.toFixed()}: ${cmp(a, b)} ≠ ${a.comparedTo(b)}`);
  }
  expect(wrong).toEqual([]);
});

test("sheet names the add-in makes stay within Excel's 31 characters, the mark and the number kept", () => {
  const long = "二〇二一年度部门整体支出绩效自评指标体系评分表定稿版本"; // 27 characters
  expect(uniqueSheetName([], "评分表", "（原）")).toBe("评分表（原）");
  expect(uniqueSheetName(["评分表（原）"], "评分表", "（原）")).toBe("评分表（原）（2）");
  const kept = uniqueSheetName([long], long, "（原）");
  expect(kept).toBe(long.slice(0, 28) + "（原）");
  expect(uniqueSheetName(new Set([kept]), long, "（原）")).toBe(long.slice(0, 25) + "（原）（2）");
  for (const n of [kept, uniqueSheetName([long + "甲乙丙丁"], long + "甲乙丙丁")]) expect(n.length).toBeLessThanOrEqual(31);
});

test("sourcesText: the sheet once, then the cells; several sheets or none, each as written", () => {
  expect(sourcesText([])).toBe("");
  expect(sourcesText(["项目资金表!B4"])).toBe("项目资金表!B4");
  expect(sourcesText(["项目资金表!B4", "项目资金表!C4", "项目资金表!F4"])).toBe("项目资金表!B4, C4, F4");
  expect(sourcesText(["'My Sheet'!B4", "'My Sheet'!C4"])).toBe("'My Sheet'!B4, C4");
  expect(sourcesText(["项目资金表!B4", "评分表!H12"])).toBe("项目资金表!B4, 评分表!H12");
  expect(sourcesText(["资金!B4", "资金表!C4"])).toBe("资金!B4, 资金表!C4"); // a sheet whose name starts like another's is another sheet
  expect(sourcesText(["B4", "C4"])).toBe("B4, C4");
});

test("the report's hash is FNV-1a of its cells in reading order (A1␁text␂…), as earlier versions wrote it: a report made before is still known as ours", () => {
  const values: (string | number | null)[][] = [["某单位项目资金表"], ["单位：元"], ["序号", "项目名称", "项目资金（元）", "投入资金（元）", "过程管理情况"]];
  for (let i = 1; i <= 30; i++) values.push([i, `项目${i}`, 1000 * i, 900 * i, "按规定使用。"]);
  const result = plan({ sheets: [{ name: "项目资金表", top: 1, left: 1, values }], sheetNames: ["项目资金表"], activeSheet: "项目资金表" }, {});
  const report = sheetCells(result.plan.sheets.find((s) => s.sheet === "自评报告")!);
  expect(Math.max(...report.map((c) => c.row))).toBeGreaterThan(99); // three-digit rows
  const text = report
    .filter((c) => c.content.kind === "text" && c.content.text !== "")
    .map((c) => `${a1(c.row, c.col)}\u0001${c.content.kind === "text" ? c.content.text : ""}`)
    .join("\u0002");
  let h = BigInt(0x811c9dc5); // the reference: FNV-1a, 32 bits, in BigInt
  for (let i = 0; i < text.length; i++) h = ((h ^ BigInt(text.charCodeAt(i))) * BigInt(0x01000193)) % BigInt(2 ** 32);
  expect(result.meta.sheets.find((s) => s.role === "report")?.hash).toBe(h.toString(36));
});
