/**
 * An OPC package (the zip of parts behind .xlsx/.xlsm/.xltx/.xltm): parts by name, their content
 * types and relationships. Parts the tool does not touch are written back as the very bytes they
 * came in (compressed bytes included).
 */
import { EntryWriter, inflateEntry, makeEntry, PackageError, readZip, writeZip, ZipEntry } from "./zip";
import { attrNS, ByteBuilder, escapeAttr, parseXml, Splicer, XNode } from "./xml";

export { PackageError };

export const NS = {
  main: ["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"],
  rel: ["http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships"],
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
} as const;

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  /** The part it points at (package path without "/"), for internal targets. */
  part: string;
  node: XNode;
}

/** "…/relationships/worksheet" → "worksheet" (transitional and strict alike). */
export function relKind(type: string): string {
  return type.slice(type.lastIndexOf("/") + 1);
}

const decoder = new TextDecoder("utf-8");
const encoder = new TextEncoder();

/** The text of an XML part: UTF-8 (BOM or not) or UTF-16 with its BOM. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const s = decoder.decode(bytes);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels"; "" → "_rels/.rels". */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against the part that holds it (absolute or relative). */
export function resolveTarget(source: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(t);
  } catch {
    // a bare % in a target: take it as written
  }
  t = t.replace(/\\/g, "/").split("#")[0];
  const base = t.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const seg of t.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") base.pop();
    else base.push(seg);
  }
  return base.join("/");
}

/** A target for `part` written relative to the folder of `source` (as Excel writes them). */
export function relativeTarget(source: string, part: string): string {
  const from = source.split("/").slice(0, -1);
  const to = part.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

export class OoxmlPackage {
  private entries = new Map<string, ZipEntry>();
  /** Lower-cased part name → the name as stored (OPC part names are case-insensitive). */
  private names = new Map<string, string>();
  private order: string[] = [];
  private changed = new Map<string, string | Uint8Array>();
  private texts = new Map<string, string>();

  static open(data: Uint8Array): OoxmlPackage {
    const pkg = new OoxmlPackage();
    for (const e of readZip(data)) {
      if (e.name.endsWith("/")) continue; // folder entries
      if (pkg.names.has(e.name.toLowerCase())) throw new PackageError(`part ${e.name} appears twice`);
      pkg.entries.set(e.name, e);
      pkg.names.set(e.name.toLowerCase(), e.name);
      pkg.order.push(e.name);
    }
    if (!pkg.has("[Content_Types].xml")) throw new PackageError("no [Content_Types].xml: not an OOXML package");
    return pkg;
  }

  /** An empty package (parts are added with set). */
  static empty(): OoxmlPackage {
    return new OoxmlPackage();
  }

  /** The stored name of a part, whatever its case; undefined if absent. */
  find(part: string): string | undefined {
    return this.names.get(part.replace(/^\//, "").toLowerCase());
  }

  has(part: string): boolean {
    return this.find(part) !== undefined;
  }

  get parts(): string[] {
    return [...this.order];
  }

  bytes(part: string): Uint8Array {
    const name = this.find(part);
    if (name === undefined) throw new PackageError(`missing part ${part}`);
    const c = this.changed.get(name);
    if (c !== undefined) return typeof c === "string" ? encoder.encode(c) : c;
    return inflateEntry(this.entries.get(name)!);
  }

  text(part: string): string {
    const name = this.find(part);
    if (name === undefined) throw new PackageError(`missing part ${part}`);
    const c = this.changed.get(name);
    if (typeof c === "string") return c;
    let t = this.texts.get(name);
    if (t === undefined) {
      t = decodeXml(this.bytes(name));
      // Small parts are kept decoded; the large ones (sheets) are decoded again when needed.
      if (t.length < 1 << 20) this.texts.set(name, t);
    }
    return t;
  }

  set(part: string, content: string | Uint8Array): void {
    const p = part.replace(/^\//, "");
    const name = this.find(p) ?? p;
    if (!this.names.has(name.toLowerCase())) {
      this.names.set(name.toLowerCase(), name);
      this.order.push(name);
    }
    this.texts.delete(name);
    // A changed XML part is written as UTF-8, whatever it was.
    this.changed.set(name, typeof content === "string" ? content.replace(/^(<\?xml[^>]*encoding=["'])UTF-16(["'])/i, "$1UTF-8$2") : content);
  }

  /**
   * Writes a part as UTF-8, text piece by text piece, compressed as it comes (a large sheet the
   * tool writes): only its compressed bytes are ever held whole.
   */
  writePart(part: string, produce: (append: (text: string) => void) => void): void {
    const p = part.replace(/^\//, "");
    const name = this.find(p) ?? p;
    const old = this.entries.get(name);
    const entry = new EntryWriter(name, old?.time, old?.date);
    const bytes = new ByteBuilder((chunk) => entry.push(chunk));
    produce((text) => bytes.append(text));
    bytes.end();
    if (!this.names.has(name.toLowerCase())) {
      this.names.set(name.toLowerCase(), name);
      this.order.push(name);
    }
    this.texts.delete(name);
    this.changed.delete(name);
    this.entries.set(name, entry.finish());
  }

  remove(part: string): void {
    const name = this.find(part);
    if (name === undefined) return;
    this.names.delete(name.toLowerCase());
    this.entries.delete(name);
    this.changed.delete(name);
    this.texts.delete(name);
    this.order = this.order.filter((n) => n !== name);
  }

  /** The package as a zip: unchanged parts as their original compressed bytes. */
  save(): Uint8Array {
    const out: ZipEntry[] = [];
    for (const name of this.order) {
      const c = this.changed.get(name);
      const old = this.entries.get(name);
      // The content types item has one spelling that every reader finds (LibreOffice needs it).
      const out_ = name.toLowerCase() === "[content_types].xml" ? "[Content_Types].xml" : name;
      if (c === undefined && old) out.push(out_ === name ? old : { ...old, name: out_ });
      else out.push(makeEntry(out_, typeof c === "string" ? encoder.encode(c) : c!, old?.time, old?.date));
    }
    return writeZip(out);
  }

  // Relationships ---------------------------------------------------------------------------

  rels(source: string): Relationship[] {
    const path = relsPathOf(source);
    if (!this.has(path)) return [];
    const xml = this.text(path);
    const root = parseXml(xml);
    return root.children
      .filter((n) => n.local === "Relationship")
      .map((n) => {
        const external = (n.attrs.TargetMode ?? "").toLowerCase() === "external";
        const target = n.attrs.Target ?? "";
        return { id: n.attrs.Id ?? "", type: n.attrs.Type ?? "", target, external, part: external ? "" : resolveTarget(source, target), node: n };
      });
  }

  /** Adds a relationship from `source` to `part`; returns its new Id. */
  addRel(source: string, type: string, part: string): string {
    const path = relsPathOf(source);
    const existing = this.rels(source);
    const ids = new Set(existing.map((r) => r.id));
    let n = existing.length + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const el = `<Relationship Id="${id}" Type="${escapeAttr(type)}" Target="${escapeAttr(relativeTarget(source, part))}"/>`;
    if (!this.has(path)) {
      this.set(path, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}">${el}</Relationships>`);
      return id;
    }
    const xml = this.text(path);
    const root = parseXml(xml);
    const p = root.name.includes(":") ? root.name.slice(0, root.name.indexOf(":") + 1) : "";
    const s = new Splicer(xml);
    const withPrefix = p ? el.replace("<Relationship", `<${p}Relationship`) : el;
    if (root.closeStart === root.end) s.replace(root.openEnd - 2, root.end, `>${withPrefix}</${root.name}>`);
    else s.insert(root.closeStart, withPrefix);
    this.set(path, s.toString());
    return id;
  }

  /** Removes the relationships of `source` that match. */
  removeRels(source: string, match: (r: Relationship) => boolean): void {
    const path = relsPathOf(source);
    if (!this.has(path)) return;
    const xml = this.text(path);
    const gone = this.rels(source).filter(match);
    if (!gone.length) return;
    const s = new Splicer(xml);
    for (const r of gone) s.replace(r.node.start, r.node.end, "");
    this.set(path, s.toString());
  }

  // Content types ---------------------------------------------------------------------------

  contentType(part: string): string | undefined {
    const root = parseXml(this.text("[Content_Types].xml"));
    const name = "/" + part.replace(/^\//, "");
    for (const n of root.children) if (n.local === "Override" && (n.attrs.PartName ?? "").toLowerCase() === name.toLowerCase()) return n.attrs.ContentType;
    const ext = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
    for (const n of root.children) if (n.local === "Default" && (n.attrs.Extension ?? "").toLowerCase() === ext) return n.attrs.ContentType;
    return undefined;
  }

  /** Sets the Override of a part (added, or its content type replaced). */
  setContentType(part: string, type: string): void {
    const xml = this.text("[Content_Types].xml");
    const root = parseXml(xml);
    const name = "/" + part.replace(/^\//, "");
    const s = new Splicer(xml);
    const over = root.children.find((n) => n.local === "Override" && (n.attrs.PartName ?? "").toLowerCase() === name.toLowerCase());
    const p = root.name.includes(":") ? root.name.slice(0, root.name.indexOf(":") + 1) : "";
    if (over) {
      if (over.attrs.ContentType === type) return;
      s.replace(over.start, over.end, `<${over.name} PartName="${escapeAttr(over.attrs.PartName)}" ContentType="${escapeAttr(type)}"/>`);
    } else s.insert(root.closeStart, `<${p}Override PartName="${escapeAttr(name)}" ContentType="${escapeAttr(type)}"/>`);
    this.set("[Content_Types].xml", s.toString());
  }

  removeContentType(part: string): void {
    const xml = this.text("[Content_Types].xml");
    const root = parseXml(xml);
    const name = "/" + part.replace(/^\//, "");
    const over = root.children.find((n) => n.local === "Override" && (n.attrs.PartName ?? "").toLowerCase() === name.toLowerCase());
    if (!over) return;
    const s = new Splicer(xml);
    s.replace(over.start, over.end, "");
    this.set("[Content_Types].xml", s.toString());
  }

  /** The main part (xl/workbook.xml as a rule) from the package relationships. */
  officeDocument(): string {
    const r = this.rels("").find((x) => relKind(x.type) === "officeDocument" && !x.external);
    if (!r) throw new PackageError("the package names no main document");
    if (!this.has(r.part)) throw new PackageError(`the main document ${r.part} is missing`);
    return this.find(r.part)!;
  }
}

/** The r:id of an element, whatever prefix the relationships namespace has. */
export function relId(node: XNode): string | undefined {
  return attrNS(node, NS.rel, "id");
}
