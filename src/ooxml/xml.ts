/**
 * A small XML reader for OOXML parts that remembers where every element starts and ends in the
 * text, so a part can be changed by splicing: what the tool does not own is copied as it was,
 * character for character. Namespaces are resolved (a part may use `x:` for the main namespace or
 * declare it as the default). No DTDs (OOXML forbids them). Malformed XML throws XmlError.
 */

export class XmlError extends Error {}

export interface XNode {
  /** Qualified name as written ("x:sheet"). */
  name: string;
  local: string;
  /** Resolved namespace URI ("" for none). */
  ns: string;
  /** Attributes as written (qualified names), values decoded. */
  attrs: Record<string, string>;
  children: XNode[];
  /** Offset of "<" and offset after the element's end. */
  start: number;
  end: number;
  /** Offset after the start tag's ">" and offset of the end tag's "<" (both = end when empty). */
  openEnd: number;
  closeStart: number;
  /** Prefix → namespace in scope here ("" is the default namespace). */
  scope: Record<string, string>;
}

const ENTITY: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === "#") {
      const cp = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return String.fromCodePoint(cp);
    }
    const v = ENTITY[e];
    if (v === undefined) throw new XmlError(`unknown entity ${m}`);
    return v;
  });
}

export function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

export function escapeAttr(s: string): string {
  return s.replace(/[&<>"\n\r\t]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : `&#${c.charCodeAt(0)};`));
}

const SPACE = /\s/;

/** Offset of the ">" that ends the tag opened at `lt`, quotes respected. */
export function tagEnd(xml: string, lt: number): number {
  let q = 0;
  for (let i = lt + 1; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (q) {
      if (c === q) q = 0;
    } else if (c === 34 || c === 39) q = c;
    else if (c === 62) return i;
  }
  throw new XmlError("unterminated tag");
}

/** The attributes in the text of a start tag (between the name and ">" or "/>"). */
export function parseAttrs(src: string, from: number, to: number, out: Record<string, string> = {}): Record<string, string> {
  let i = from;
  while (i < to) {
    let c = src.charCodeAt(i);
    if (c <= 32 || c === 47) {
      i++;
      continue;
    }
    const eq = src.indexOf("=", i);
    if (eq < 0 || eq >= to) throw new XmlError(`attribute without value near ${src.slice(i, Math.min(to, i + 20))}`);
    const name = src.slice(i, eq).trim();
    let j = eq + 1;
    while (j < to && (c = src.charCodeAt(j)) <= 32) j++;
    const q = src.charCodeAt(j);
    if (q !== 34 && q !== 39) throw new XmlError(`unquoted attribute ${name}`);
    const close = src.indexOf(q === 34 ? '"' : "'", j + 1);
    if (close < 0 || close >= to) throw new XmlError(`unterminated attribute ${name}`);
    out[name] = decodeEntities(src.slice(j + 1, close));
    i = close + 1;
  }
  return out;
}

/** Skips "<?…?>", "<!--…-->", "<!DOCTYPE…>" at `lt`; returns the offset after it, or -1 if none. */
export function skipMarkup(xml: string, lt: number): number {
  const c = xml.charCodeAt(lt + 1);
  if (c === 63) {
    const e = xml.indexOf("?>", lt + 2);
    if (e < 0) throw new XmlError("unterminated processing instruction");
    return e + 2;
  }
  if (c === 33) {
    if (xml.startsWith("<!--", lt)) {
      const e = xml.indexOf("-->", lt + 4);
      if (e < 0) throw new XmlError("unterminated comment");
      return e + 3;
    }
    if (xml.startsWith("<![CDATA[", lt)) return -1;
    return tagEnd(xml, lt) + 1;
  }
  return -1;
}

/**
 * The element tree of a whole part (for the small parts: workbook, relationships, content types,
 * styles). Text is not kept; read it with textOf.
 */
export function parseXml(xml: string, opts: { skip?: (local: string) => boolean } = {}): XNode {
  const stack: XNode[] = [];
  let root: XNode | null = null;
  let i = 0;
  const rootScope: Record<string, string> = { xml: "http://www.w3.org/XML/1998/namespace" };
  for (;;) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) break;
    const skipped = skipMarkup(xml, lt);
    if (skipped >= 0) {
      i = skipped;
      continue;
    }
    if (xml.startsWith("<![CDATA[", lt)) {
      const e = xml.indexOf("]]>", lt);
      if (e < 0) throw new XmlError("unterminated CDATA");
      i = e + 3;
      continue;
    }
    const gt = tagEnd(xml, lt);
    if (xml.charCodeAt(lt + 1) === 47) {
      const name = xml.slice(lt + 2, gt).trim();
      const top = stack.pop();
      if (!top || top.name !== name) throw new XmlError(`end tag </${name}> does not match <${top?.name ?? ""}>`);
      top.closeStart = lt;
      top.end = gt + 1;
      i = gt + 1;
      continue;
    }
    const empty = xml.charCodeAt(gt - 1) === 47;
    let n = lt + 1;
    while (n < gt && !SPACE.test(xml[n]) && xml.charCodeAt(n) !== 47) n++;
    const name = xml.slice(lt + 1, n);
    if (!name) throw new XmlError("element without a name");
    const attrs = parseAttrs(xml, n, empty ? gt - 1 : gt);
    const parent = stack[stack.length - 1];
    let scope = parent ? parent.scope : rootScope;
    for (const k in attrs) {
      if (k === "xmlns" || k.startsWith("xmlns:")) {
        if (scope === (parent ? parent.scope : rootScope)) scope = { ...scope };
        scope[k === "xmlns" ? "" : k.slice(6)] = attrs[k];
      }
    }
    const colon = name.indexOf(":");
    const prefix = colon < 0 ? "" : name.slice(0, colon);
    const ns = scope[prefix];
    if (ns === undefined && prefix) throw new XmlError(`undeclared prefix ${prefix}`);
    const node: XNode = { name, local: colon < 0 ? name : name.slice(colon + 1), ns: ns ?? "", attrs, children: [], start: lt, end: gt + 1, openEnd: gt + 1, closeStart: gt + 1, scope };
    if (parent) parent.children.push(node);
    else if (root) throw new XmlError("more than one root element");
    else root = node;
    if (!empty && opts.skip?.(node.local)) {
      // Opaque: its end found by name (it does not nest), its inside not parsed here.
      const close = xml.indexOf(`</${name}`, gt + 1);
      if (close < 0) throw new XmlError(`<${name}> is not closed`);
      node.closeStart = close;
      node.end = tagEnd(xml, close) + 1;
      i = node.end;
      continue;
    }
    if (!empty) stack.push(node);
    i = gt + 1;
  }
  if (stack.length) throw new XmlError(`<${stack[stack.length - 1].name}> is not closed`);
  if (!root) throw new XmlError("no root element");
  return root;
}

/** The text inside an element (entities decoded, CDATA kept, markup dropped). */
export function textOf(xml: string, node: XNode): string {
  return innerText(xml, node.openEnd, node.closeStart);
}

export function innerText(xml: string, from: number, to: number): string {
  let out = "";
  let i = from;
  while (i < to) {
    const lt = xml.indexOf("<", i);
    const stop = lt < 0 || lt > to ? to : lt;
    if (stop > i) out += decodeEntities(xml.slice(i, stop));
    if (stop >= to) break;
    if (xml.startsWith("<![CDATA[", lt)) {
      const e = xml.indexOf("]]>", lt);
      out += xml.slice(lt + 9, e);
      i = e + 3;
    } else {
      const s = skipMarkup(xml, lt);
      i = s >= 0 ? s : tagEnd(xml, lt) + 1;
    }
  }
  return out;
}

/** An attribute by namespace and local name (e.g. r:id, whatever the prefix). */
export function attrNS(node: XNode, nsList: readonly string[], local: string): string | undefined {
  for (const k in node.attrs) {
    const c = k.indexOf(":");
    if (c < 0 || k.slice(c + 1) !== local) continue;
    const ns = node.scope[k.slice(0, c)];
    if (ns !== undefined && nsList.includes(ns)) return node.attrs[k];
  }
  return undefined;
}

export function child(node: XNode, local: string): XNode | undefined {
  return node.children.find((c) => c.local === local);
}

export function childrenNamed(node: XNode, local: string): XNode[] {
  return node.children.filter((c) => c.local === local);
}

/** The prefix ("x:" or "") under which `ns` is bound at this node, for writing new elements. */
export function prefixFor(node: XNode, nsList: readonly string[]): string | undefined {
  if (nsList.includes(node.scope[""] ?? "")) return "";
  for (const p in node.scope) if (p && nsList.includes(node.scope[p])) return p + ":";
  return undefined;
}

/** A splice list applied to a text in one pass (non-overlapping edits, any order). */
export class Splicer {
  private edits: { from: number; to: number; text: string; seq: number }[] = [];
  constructor(readonly src: string) {}
  replace(from: number, to: number, text: string): void {
    this.edits.push({ from, to, text, seq: this.edits.length });
  }
  insert(at: number, text: string): void {
    this.replace(at, at, text);
  }
  get size(): number {
    return this.edits.length;
  }
  toString(): string {
    const parts: string[] = [];
    this.each((s) => parts.push(s));
    return parts.join("");
  }

  /** The result, piece by piece (a large sheet: never held whole as a string). */
  writeTo(append: (text: string) => void): void {
    this.each(append);
  }

  private each(f: (s: string) => void): void {
    const edits = this.edits.sort((a, b) => a.from - b.from || a.to - b.to || a.seq - b.seq);
    let at = 0;
    for (const e of edits) {
      if (e.from < at) throw new Error("overlapping edits");
      if (e.from > at) f(this.src.slice(at, e.from));
      if (e.text) f(e.text);
      at = e.to;
    }
    if (at < this.src.length) f(this.src.slice(at));
  }
}

const encoder = new TextEncoder();

/** UTF-8 bytes appended piece by piece, handed on in pieces of about 1 MB. */
export class ByteBuilder {
  private cur: Uint8Array;
  private n = 0;
  constructor(
    private readonly sink: (chunk: Uint8Array) => void,
    private readonly size = 1 << 20,
  ) {
    this.cur = new Uint8Array(size);
  }
  append(s: string): void {
    // A UTF-16 unit becomes at most 3 bytes.
    if (this.n + s.length * 3 > this.cur.length) {
      this.flush();
      if (s.length * 3 > this.size) {
        this.sink(encoder.encode(s));
        return;
      }
    }
    this.n += encoder.encodeInto(s, this.cur.subarray(this.n)).written;
  }
  private flush(): void {
    if (this.n) this.sink(this.cur.slice(0, this.n));
    this.n = 0;
  }
  /** Hands on what is left. */
  end(): void {
    this.flush();
  }
}

/** A start tag with one attribute set (added or replaced), the rest as written. */
export function setAttr(xml: string, node: XNode, name: string, value: string): { from: number; to: number; text: string } {
  const tag = xml.slice(node.start, node.openEnd);
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*)("[^"]*"|'[^']*')`);
  const m = re.exec(tag);
  if (m) {
    const at = node.start + m.index + m[1].length;
    return { from: at, to: at + m[2].length, text: `"${escapeAttr(value)}"` };
  }
  const close = tag.endsWith("/>") ? node.openEnd - 2 : node.openEnd - 1;
  return { from: close, to: close, text: ` ${name}="${escapeAttr(value)}"` };
}
