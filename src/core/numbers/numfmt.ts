/**
 * A number as a cell in a given number format shows it, for what fund tables, score sheets and the
 * tool's own sheets use: sections (positive; negative; zero) and conditions ([=1], [<0]); digits
 * with fixed or optional decimals, thousands separators, per cent; quoted and escaped text
 * (0"人次", "¥"#,##0.00); dates (yyyy"年"m"月"d"日", yyyy-mm-dd); else General (whole numbers whole,
 * fractions to ten significant digits). Rounded half up with decimal.js, as the report rounds.
 * Not covered (shown as General or as the digits): fractions, scientific notation, scaling commas.
 */
import { Decimal, shiftedFixed } from "./decimal";

type Cond = { op: string; x: Decimal };

/** The format's sections, split at ";" outside quotes, brackets and escapes. */
function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"' || ch === "[") {
      const end = fmt.indexOf(ch === '"' ? '"' : "]", i + 1);
      const stop = end < 0 ? fmt.length - 1 : end;
      cur += fmt.slice(i, stop + 1);
      i = stop;
    } else if (ch === "\\" || ch === "_" || ch === "*") {
      cur += fmt.slice(i, i + 2);
      i++;
    } else if (ch === ";") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function condOf(section: string): Cond | null {
  const m = /\[(<=|>=|<>|<|>|=)\s*(-?\d+(?:\.\d+)?)\]/.exec(section);
  return m ? { op: m[1], x: new Decimal(m[2]) } : null;
}

function holds(c: Cond, d: Decimal): boolean {
  const k = d.comparedTo(c.x);
  return { "=": k === 0, "<>": k !== 0, "<": k < 0, "<=": k <= 0, ">": k > 0, ">=": k >= 0 }[c.op] ?? false;
}

/** The section that shows this value, and whether it shows the value without its sign (Excel's negative section). */
function pick(parts: string[], d: Decimal): { section: string; unsigned: boolean } {
  if (parts.some((p) => condOf(p))) {
    // With conditions, as in LibreOffice: a section after the first shows the value without its sign.
    for (let i = 0; i < parts.length; i++) {
      const c = condOf(parts[i]);
      if (!c || holds(c, d)) return { section: parts[i], unsigned: i > 0 };
    }
    return { section: "General", unsigned: false };
  }
  if (d.isNegative() && !d.isZero() && parts.length >= 2) return { section: parts[1], unsigned: true };
  if (d.isZero() && parts.length >= 3) return { section: parts[2], unsigned: false };
  return { section: parts[0], unsigned: false };
}

type Token = { kind: "text" | "code"; text: string };

/** The section as literal text and format code, brackets, padding and repeat marks dropped. */
function tokens(section: string): Token[] {
  const out: Token[] = [];
  const push = (kind: Token["kind"], text: string) => {
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += text;
    else out.push({ kind, text });
  };
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      push("text", section.slice(i + 1, end < 0 ? section.length : end));
      i = end < 0 ? section.length : end;
    } else if (ch === "\\") push("text", section[++i] ?? "");
    else if (ch === "_" || ch === "*") i++;
    else if (ch === "[") i = Math.max(i, section.indexOf("]", i));
    else if (/[0#?.,%]/.test(ch) || /[ymdhs]/i.test(ch)) push("code", ch);
    else push("text", ch);
  }
  return out;
}

function general(d: Decimal): string {
  return d.isInteger() ? d.toFixed() : d.toSignificantDigits(10, Decimal.ROUND_HALF_UP).toFixed();
}

/** Digits for a code like "#,##0.00" or "0%" ("%" scales by 100). */
function digits(d: Decimal, code: string): string {
  const [intCode, decCode = ""] = code.replace(/%/g, "").split(".");
  const maxDec = (decCode.match(/[0#?]/g) ?? []).length;
  const minDec = (decCode.match(/0/g) ?? []).length;
  let text = shiftedFixed(d, code.includes("%") ? 2 : 0, maxDec).text; // half up, as every figure of the report
  if (maxDec > minDec) text = text.replace(new RegExp(`0{1,${maxDec - minDec}}$`), "");
  const [whole, dec] = text.split(".");
  let int = whole;
  if (!intCode.includes("0") && /^-?0$/.test(int)) int = int.replace("0", "");
  if (/[0#?],[0#?]/.test(intCode)) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return dec === undefined ? (decCode && maxDec > 0 ? `${int}.` : int) : `${int}.${dec}`;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The date and time a serial number stands for (UTC fields), on the 1900 or the 1904 date system;
 * null when it is no date any calendar can show (Excel shows ####).
 */
export function serialDate(serial: number, date1904 = false): Date | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2958466) return null;
  const d = new Date(new Decimal(serial).minus(date1904 ? 25569 - 1462 : 25569).times(DAY_MS).round().toNumber());
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Excel's date serial (1900 system) as the date code shows it (as General when it is no date). */
function date(serial: Decimal, toks: Token[]): string {
  const t = serialDate(serial.toNumber());
  if (!t) return general(serial);
  const parts = { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), n: t.getUTCMinutes(), s: t.getUTCSeconds() };
  const two = (n: number) => String(n).padStart(2, "0");
  let afterHour = false;
  return toks
    .map((tk) =>
      tk.kind === "text"
        ? tk.text
        : tk.text.replace(/y+|m+|d+|h+|s+/gi, (run) => {
            const c = run[0].toLowerCase();
            if (c === "y") return run.length <= 2 ? two(parts.y % 100) : String(parts.y);
            if (c === "h") return (afterHour = true), run.length > 1 ? two(parts.h) : String(parts.h);
            if (c === "s") return run.length > 1 ? two(parts.s) : String(parts.s);
            if (c === "d") return run.length > 1 ? two(parts.d) : String(parts.d);
            const v = afterHour ? parts.n : parts.m; // m after h is minutes
            return run.length > 1 ? two(v) : String(v);
          }),
    )
    .join("");
}

export function formatNumber(v: number | string, fmt: string): string {
  const d = new Decimal(v);
  const { section, unsigned } = pick(splitSections(fmt), d);
  if (/^\s*general\s*$/i.test(section.replace(/\[[^\]]*\]/g, ""))) return general(d);
  const toks = tokens(section);
  const code = toks.filter((t) => t.kind === "code").map((t) => t.text).join("");
  if (/[ymdhs]/i.test(code) && !/[0#?]/.test(code)) return date(d, toks);
  if (!/[0#?]/.test(code)) return toks.map((t) => t.text).join("") || general(d);
  const number = digits(d.abs(), code.replace(/[ymdhs]/gi, ""));
  const sign = !unsigned && d.isNegative() && /[1-9]/.test(number) ? "-" : "";
  let placed = false;
  const body = toks
    .map((t) => {
      if (t.kind === "text") return t.text;
      if (placed || !/[0#?]/.test(t.text)) return t.text.replace(/[0#?.,ymdhs]/gi, "");
      placed = true;
      return number + t.text.replace(/[0#?.,]/g, "");
    })
    .join("");
  return sign + body;
}
