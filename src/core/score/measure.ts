/**
 * 年度指标值 and 实际完成值 as people write them in the forms (../shared/domain §3): a comparator, a
 * number and a unit ("≥50个", "≤90万元", "≥95%", "=100%", "100人次", "200余人"), a time ("11月底前",
 * "2019年", "10月"), a word ("达成", "高"), or 不适用. Read into one comparable value each, so that a
 * score can be computed — and written as a plain number into the sheet's 计分用 cells, where Excel's
 * formula takes it.
 */
import { Decimal } from "../numbers/decimal";
import { fold, parseNumberText } from "../numbers/parse";
import { CellValue, isCellError } from "../io/snapshot";

export type Comparator = "≥" | "≤" | "=";

export type Measure =
  | { kind: "number"; value: Decimal; unit: string; comparator: Comparator | null; typed: "number" | "text" }
  /** A date as year·372 + month·31 + day (year 0 when not written), deadline-like when written "…前". */
  | { kind: "date"; value: Decimal; hasYear: boolean; month: number; year: number; comparator: Comparator | null }
  | { kind: "word"; text: string }
  | { kind: "na"; text: string }
  | { kind: "blank" }
  | { kind: "bad"; text: string };

const NOT_APPLICABLE = /^(不适用|不涉及|不适用指标|无此项|本年度不适用|N\/?A)$/i;
const PREFIX: [RegExp, Comparator][] = [
  [/^(≥|>=|=>|不低于|不少于|大于等于|至少|达到|达)/, "≥"],
  [/^(≤|<=|=<|不高于|不超过|不多于|小于等于|控制在|低于|少于)/, "≤"],
  [/^(>|大于|高于|超过|多于)/, "≥"],
  [/^(<|小于)/, "≤"],
  [/^(=|==|等于)/, "="],
];
const SUFFIX: [RegExp, Comparator][] = [
  [/(以上|及以上|以上\(含\))$/, "≥"],
  [/(以下|以内|及以下|之内)$/, "≤"],
];
const NUMBER = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(%?)(.*)$/;

/** A time as written: YYYY年, (YYYY年)M月(D日), 年底, 上半年…, with 底/末/前/以前/之前. */
function parseDate(t: string): Measure | null {
  const m = /^(?:(\d{4})年(度)?)?(?:(\d{1,2})月(?:(\d{1,2})日)?|(年底|年末|年中|上半年|下半年))?(底|末|中旬|上旬|下旬)?(前|以前|之前|内|完成)?$/.exec(t);
  if (!m || (!m[1] && !m[3] && !m[5])) return null;
  const year = m[1] ? Number(m[1]) : 0;
  let month = m[3] ? Number(m[3]) : m[5] === "上半年" || m[5] === "年中" ? 6 : 12;
  let day = m[4] ? Number(m[4]) : 31;
  if (!m[3] && !m[5]) {
    month = 12; // "2019年": within the year
    day = 31;
  }
  if (m[6] === "上旬") day = 10;
  else if (m[6] === "中旬") day = 20;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const deadline = m[7] !== undefined || !!m[6];
  return { kind: "date", value: new Decimal(year * 372 + month * 31 + day), hasYear: !!m[1], month, year, comparator: deadline ? "≤" : null };
}

/** One target or actual cell. */
export function parseMeasure(v: CellValue): Measure {
  if (v === null) return { kind: "blank" };
  if (typeof v === "number") return Number.isFinite(v) ? { kind: "number", value: new Decimal(v), unit: "", comparator: null, typed: "number" } : { kind: "bad", text: String(v) };
  if (isCellError(v) || typeof v === "boolean") return { kind: "bad", text: isCellError(v) ? v.error : String(v) };
  const raw = v.trim();
  if (raw === "") return { kind: "blank" };
  let t = fold(raw).replace(/\s+/g, "");
  if (NOT_APPLICABLE.test(t)) return { kind: "na", text: raw };
  let comparator: Comparator | null = null;
  for (const [re, c] of PREFIX)
    if (re.test(t) && NUMBER.test(t.replace(re, ""))) {
      comparator = c;
      t = t.replace(re, "");
      break;
    }
  for (const [re, c] of SUFFIX)
    if (re.test(t)) {
      comparator = comparator ?? c;
      t = t.replace(re, "");
    }
  const date = parseDate(t);
  if (date) return date.kind === "date" && comparator ? { ...date, comparator } : date;
  const m = NUMBER.exec(t);
  if (!m) return comparator ? { kind: "bad", text: raw } : { kind: "word", text: raw };
  const n = parseNumberText(m[1]);
  if (n === null) return { kind: "bad", text: raw };
  const unit = m[3].replace(/^余/, ""); // "200余人": at least 200 people
  if (m[3].startsWith("余")) comparator = comparator ?? "≥";
  if (/\d/.test(unit)) return { kind: "bad", text: raw };
  return { kind: "number", value: m[2] ? n.dividedBy(100) : n, unit: m[2] ? "%" : unit, comparator, typed: "text" };
}

/** Units that say the same (万元 and 元 convert); "" (no unit written) agrees with any. */
const UNIT_SCALE: Record<string, Decimal> = { 万元: new Decimal(10000), 元: new Decimal(1), 亿元: new Decimal(100000000), 千元: new Decimal(1000) };

/**
 * Target and actual as two comparable numbers, or why not: units that disagree are an issue, not a
 * guess. A % target with a plain fraction actual (0.98) is the same measure.
 */
export function comparable(target: Measure, actual: Measure): { target: Decimal; actual: Decimal } | { problem: "unit"; units: [string, string] } | null {
  if (target.kind === "date" && actual.kind === "date") {
    if (target.hasYear && actual.hasYear) return { target: target.value, actual: actual.value };
    const noYear = (m: typeof target) => new Decimal(m.value.toNumber() - m.year * 372);
    return { target: noYear(target), actual: noYear(actual) };
  }
  if (target.kind !== "number" || actual.kind !== "number") return null;
  const [tu, au] = [target.unit, actual.unit];
  if (tu === au || tu === "" || au === "") {
    // "95%" against 0.98 or "98%": the same fraction; "95%" against 98 (a bare number above 1.5): per cent points.
    if (tu === "%" && au === "" && actual.value.abs().greaterThan(1.5)) return { target: target.value, actual: actual.value.dividedBy(100) };
    if (au === "%" && tu === "" && target.value.abs().greaterThan(1.5)) return { target: target.value.dividedBy(100), actual: actual.value };
    return { target: target.value, actual: actual.value };
  }
  if (UNIT_SCALE[tu] && UNIT_SCALE[au]) return { target: target.value.times(UNIT_SCALE[tu]), actual: actual.value.times(UNIT_SCALE[au]) };
  return { problem: "unit", units: [tu, au] };
}

/** The scoring a target asks for when the sheet names none (计分方式 left blank). */
export function ruleTextFor(target: Measure, actual: Measure): string | null {
  if (target.kind === "date") return "时效";
  if (target.kind === "number") return target.comparator === "≤" ? "反向" : target.comparator === "=" ? "达标" : "正向";
  if (target.kind === "word" || actual.kind === "word") return "定性";
  if (target.kind === "blank") return "正向"; // nothing typed yet: scored as 正向 once the target is filled in
  return null;
}
