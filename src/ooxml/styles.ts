/**
 * styles.xml: what a cell's style index means (number format, bold), and new styles for the cells
 * the tool writes — appended to numFmts, fonts, fills, borders and cellXfs, never renumbering what
 * is there (an identical entry already there is reused, so reruns add nothing).
 */
import type { CellWrite } from "../core";
import { builtinIdOf, BUILTIN_FORMATS } from "./numfmt";
import { escapeAttr, parseXml, prefixFor, Splicer, XNode } from "./xml";
import { NS } from "./package";

/** What the tool asks of a cell's style (the style fields of a write). */
export type StyleRequest = Pick<CellWrite, "numberFormat" | "bold" | "wrap" | "fill" | "border" | "font" | "align" | "vAlign">;

export function isEmptyRequest(r: StyleRequest): boolean {
  return r.numberFormat === undefined && r.bold === undefined && !r.wrap && !r.fill && !r.border && !r.font && !r.align && !r.vAlign;
}

interface Collection {
  local: string;
  node?: XNode;
  /** Source text of each existing entry (for reuse), then the ones added. */
  items: string[];
  added: string[];
  index: Map<string, number>;
}

/** Order of the collections in CT_Stylesheet. */
const ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

const MINIMAL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${NS.main[0]}"><fonts count="1"><font><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

export class Styles {
  readonly xml: string;
  private root: XNode;
  private p: string;
  private cols = new Map<string, Collection>();
  /** numFmtId → format code, declared ones. */
  readonly numFmts = new Map<number, string>();
  private xfCache: { numFmtId: number; fontId: number }[] = [];
  private boldFonts: boolean[] = [];
  private changedFlag = false;

  constructor(xml: string | null) {
    this.xml = xml ?? MINIMAL;
    this.root = parseXml(this.xml);
    this.p = prefixFor(this.root, NS.main) ?? "";
    for (const local of ["numFmts", "fonts", "fills", "borders", "cellXfs"]) {
      const node = this.root.children.find((c) => c.local === local && NS.main.includes(c.ns as never));
      const items = (node?.children ?? []).map((c) => this.xml.slice(c.start, c.end));
      const index = new Map<string, number>();
      items.forEach((s, i) => index.has(s) || index.set(s, i));
      this.cols.set(local, { local, node, items, added: [], index });
    }
    for (const n of this.col("numFmts").node?.children ?? []) {
      const id = Number(n.attrs.numFmtId);
      if (Number.isInteger(id) && n.attrs.formatCode !== undefined) this.numFmts.set(id, n.attrs.formatCode);
    }
    for (const n of this.col("cellXfs").node?.children ?? []) this.xfCache.push({ numFmtId: Number(n.attrs.numFmtId ?? 0) || 0, fontId: Number(n.attrs.fontId ?? 0) || 0 });
    for (const n of this.col("fonts").node?.children ?? []) this.boldFonts.push(isOn(n.children.find((c) => c.local === "b")));
  }

  get changed(): boolean {
    return this.changedFlag;
  }

  private col(local: string): Collection {
    return this.cols.get(local)!;
  }

  /** The number format of a style index: its code, or null for General. */
  numFmtOf(xf: number): { id: number; code: string | null } {
    const id = this.xfCache[xf]?.numFmtId ?? 0;
    if (id === 0) return { id, code: null };
    return { id, code: this.numFmts.get(id) ?? BUILTIN_FORMATS[id] ?? null };
  }

  boldOf(xf: number): boolean {
    return this.boldFonts[this.xfCache[xf]?.fontId ?? 0] ?? false;
  }

  private add(local: string, xml: string): number {
    const c = this.col(local);
    const found = c.index.get(xml);
    if (found !== undefined) return found;
    const i = c.items.length;
    c.items.push(xml);
    c.added.push(xml);
    c.index.set(xml, i);
    this.changedFlag = true;
    return i;
  }

  private numFmtId(code: string): number {
    const b = builtinIdOf(code);
    if (b !== undefined) return b;
    for (const [id, c] of this.numFmts) if (c === code) return id;
    let id = 163;
    for (const k of this.numFmts.keys()) id = Math.max(id, k);
    id++;
    this.numFmts.set(id, code);
    this.add("numFmts", `<${this.p}numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }

  private memo = new Map<string, number>();

  /** The style index for a cell whose style was `base`, with `req` applied. */
  styleFor(base: number, req: StyleRequest): number {
    if (isEmptyRequest(req)) return base;
    const key = `${base}|${req.numberFormat ?? ""}|${req.bold ?? ""}|${req.wrap ?? ""}|${req.fill ?? ""}|${req.border ?? ""}|${req.font?.name ?? ""}|${req.font?.size ?? ""}|${req.align ?? ""}|${req.vAlign ?? ""}`;
    let st = this.memo.get(key);
    if (st === undefined) this.memo.set(key, (st = this.compute(base, req)));
    return st;
  }

  private compute(base: number, req: StyleRequest): number {
    const xfs = this.col("cellXfs");
    const baseXml = xfs.items[base] ?? xfs.items[0] ?? `<${this.p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const src = this.withNs(baseXml);
    const xf = parseXml(src);
    const a: Record<string, string> = { ...xf.attrs };
    for (const k of Object.keys(a)) if (k.startsWith("xmlns")) delete a[k];
    const kids = new Map<string, Record<string, string>>();
    const others: string[] = [];
    for (const k of xf.children) {
      if (k.local === "alignment") kids.set("alignment", { ...k.attrs });
      else others.push(src.slice(k.start, k.end));
    }
    if (req.numberFormat !== undefined) {
      a.numFmtId = String(this.numFmtId(req.numberFormat));
      a.applyNumberFormat = "1";
    }
    if (req.bold !== undefined || req.font) {
      a.fontId = String(this.fontFor(Number(a.fontId ?? 0) || 0, req));
      a.applyFont = "1";
    }
    if (req.fill) {
      a.fillId = String(this.add("fills", `<${this.p}fill><${this.p}patternFill patternType="solid"><${this.p}fgColor rgb="${escapeAttr(req.fill)}"/><${this.p}bgColor indexed="64"/></${this.p}patternFill></${this.p}fill>`));
      a.applyFill = "1";
    }
    if (req.border) {
      const side = (s: string) => `<${this.p}${s} style="thin"><${this.p}color indexed="64"/></${this.p}${s}>`;
      a.borderId = String(this.add("borders", `<${this.p}border>${side("left")}${side("right")}${side("top")}${side("bottom")}<${this.p}diagonal/></${this.p}border>`));
      a.applyBorder = "1";
    }
    if (req.wrap || req.align || req.vAlign) {
      const al = { ...(kids.get("alignment") ?? {}) };
      if (req.wrap) {
        al.wrapText = "1";
        al.vertical = "top";
      }
      if (req.align) al.horizontal = req.align;
      if (req.vAlign) al.vertical = req.vAlign;
      kids.set("alignment", al);
      a.applyAlignment = "1";
    }
    const attrs = Object.entries(a)
      .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
      .join("");
    const al = kids.get("alignment");
    const alXml = al
      ? `<${this.p}alignment${Object.entries(al)
          .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
          .join("")}/>`
      : "";
    const inner = alXml + others.join("");
    const out = inner ? `<${this.p}xf${attrs}>${inner}</${this.p}xf>` : `<${this.p}xf${attrs}/>`;
    const i = this.add("cellXfs", out);
    while (this.xfCache.length <= i) this.xfCache.push({ numFmtId: Number(a.numFmtId ?? 0) || 0, fontId: Number(a.fontId ?? 0) || 0 });
    return i;
  }

  private fontFor(base: number, req: StyleRequest): number {
    const fonts = this.col("fonts");
    const src = fonts.items[base] ?? fonts.items[0] ?? `<${this.p}font/>`;
    const f = parseXml(this.withNs(src));
    const props = new Map<string, Record<string, string>>();
    for (const k of f.children) props.set(k.local, { ...k.attrs });
    if (req.bold === true) props.set("b", {});
    if (req.bold === false) props.delete("b");
    if (req.font?.size !== undefined) props.set("sz", { val: String(req.font.size) });
    if (req.font?.name !== undefined) {
      props.set("name", { val: req.font.name });
      props.delete("scheme"); // a theme font would win over the name
      if (/[^ -~]/.test(req.font.name)) props.set("charset", { val: "134" });
    }
    const order = ["b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color", "name", "family", "charset", "scheme"];
    const keys = [...props.keys()].sort((x, y) => order.indexOf(x) - order.indexOf(y));
    const body = keys
      .map(
        (k) =>
          `<${this.p}${k}${Object.entries(props.get(k)!)
            .filter(([n]) => !n.startsWith("xmlns"))
            .map(([n, v]) => ` ${n}="${escapeAttr(v)}"`)
            .join("")}/>`,
      )
      .join("");
    const i = this.add("fonts", `<${this.p}font>${body}</${this.p}font>`);
    while (this.boldFonts.length <= i) this.boldFonts.push(props.has("b") && isOnAttrs(props.get("b")!));
    return i;
  }

  /** An entry's text made parseable alone: the namespaces of the style sheet declared on it. */
  private withNs(xml: string): string {
    const decl = Object.entries(this.root.scope)
      .filter(([k]) => k !== "xml")
      .map(([k, v]) => (k ? ` xmlns:${k}="${escapeAttr(v)}"` : ` xmlns="${escapeAttr(v)}"`))
      .join("");
    return xml.replace(/^<([^\s/>]+)/, `<$1${decl}`);
  }

  /** styles.xml with the added entries (the existing text otherwise as it was). */
  serialize(): string {
    const s = new Splicer(this.xml);
    for (const local of ["numFmts", "fonts", "fills", "borders", "cellXfs"]) {
      const c = this.col(local);
      if (!c.added.length) continue;
      const add = c.added.join("");
      const count = `count="${c.items.length}"`;
      if (c.node) {
        const n = c.node;
        const tag = this.xml.slice(n.start, n.openEnd);
        const empty = n.closeStart === n.end && tag.endsWith("/>");
        let newTag = /\scount\s*=\s*("[^"]*"|'[^']*')/.test(tag) ? tag.replace(/(\s)count\s*=\s*("[^"]*"|'[^']*')/, `$1${count}`) : tag.replace(/\s*(\/?)>$/, ` ${count}$1>`);
        if (empty) {
          newTag = newTag.replace(/\s*\/>$/, ">");
          s.replace(n.start, n.end, `${newTag}${add}</${n.name}>`);
        } else {
          s.replace(n.start, n.openEnd, newTag);
          s.insert(n.closeStart, add);
        }
      } else {
        // Not there yet: placed before the first collection that follows it in the schema's order.
        const after = ORDER.slice(ORDER.indexOf(local) + 1);
        const next = this.root.children.find((k) => after.includes(k.local));
        const at = next ? next.start : this.root.closeStart;
        s.insert(at, `<${this.p}${local} ${count}>${add}</${this.p}${local}>`);
      }
    }
    return s.toString();
  }
}

function isOn(n: XNode | undefined): boolean {
  return !!n && isOnAttrs(n.attrs);
}
function isOnAttrs(a: Record<string, string>): boolean {
  return a.val === undefined || a.val === "1" || a.val === "true";
}

