/** Number formats: the built-in ones by id, which of them are dates, and serial numbers as dates. */
import { serialDate } from "../core";

/** Built-in formats (ECMA-376 §18.8.30; the zh-CN variants for the locale-dependent ids). */
export const BUILTIN_FORMATS: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: "m-d-yy",
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午 h"时"mm"分"',
  35: '上午/下午 h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午 h"时"mm"分"',
  56: '上午/下午 h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** Ids a writer may use for a format without declaring it (the locale-independent ones). */
const PORTABLE_IDS = [0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 37, 38, 39, 40, 45, 46, 47, 48, 49];

export function builtinIdOf(code: string): number | undefined {
  for (const id of PORTABLE_IDS) if (BUILTIN_FORMATS[id] === code) return id;
  return undefined;
}

const DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a number in this format shows a date or time. */
export function isDateFormat(id: number, code: string | null): boolean {
  if (DATE_IDS.has(id)) return true;
  if (!code || /^general$/i.test(code)) return false;
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "")
    .replace(/\[[^\]]*\]/g, "");
  if (/^\s*@?\s*$/.test(bare) || bare.includes("@")) return false;
  return /[ymdhsb]/i.test(bare.replace(/E[+-]/gi, ""));
}

/** A serial number as the date it shows ("YYYY-MM-DD"), on the 1900 or the 1904 date system; null when it is no date. */
export function serialToIsoDate(serial: number, date1904: boolean): string | null {
  return serialDate(serial, date1904)?.toISOString().slice(0, 10) ?? null;
}
