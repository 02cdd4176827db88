/**
 * What a run may change in a package, checked part by part and element by element: every part the
 * tool does not own byte for byte; in the parts it shares (workbook, its relationships, content
 * types, styles) every entry that was there; in the sheets it edited every element but the cells
 * (and dimension, widths) and every cell it did not write. Returns the counts and the differences.
 */
import { OoxmlPackage, parseXml, readSheet, relsPathOf } from "../../src/ooxml";
import type { XNode } from "../../src/ooxml";

export interface Fidelity {
  partsSame: number;
  elementsSame: number;
  cellsSame: number;
  problems: string[];
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
const slice = (xml: string, n: XNode) => xml.slice(n.start, n.end);

/** The worksheet part of each sheet name. */
function sheetParts(pkg: OoxmlPackage): Map<string, string> {
  const wbPart = pkg.officeDocument();
  const rels = pkg.rels(wbPart);
  const root = parseXml(pkg.text(wbPart));
  const out = new Map<string, string>();
  for (const s of root.children.find((c) => c.local === "sheets")?.children ?? []) {
    const id = Object.entries(s.attrs).find(([k]) => k.endsWith(":id"))?.[1];
    const r = rels.find((x) => x.id === id);
    if (r && pkg.has(r.part)) out.set(s.attrs.name, pkg.find(r.part)!);
  }
  return out;
}

/**
 * `editedSheets`: the sheets the tool (or the test, adding a table) wrote cells into, with the
 * columns whose width the tool set.
 */
export function compareFidelity(input: Uint8Array, output: Uint8Array, editedSheets: Record<string, number[]> = {}): Fidelity {
  const a = OoxmlPackage.open(input);
  const b = OoxmlPackage.open(output);
  const f: Fidelity = { partsSame: 0, elementsSame: 0, cellsSame: 0, problems: [] };
  const wbPart = a.officeDocument();
  const calcChain = a.rels(wbPart).filter((r) => r.type.endsWith("/calcChain")).map((r) => r.part.toLowerCase());
  const stylesPart = a.rels(wbPart).find((r) => r.type.endsWith("/styles"))?.part;
  const editedParts = new Map([...sheetParts(a)].filter(([name]) => name in editedSheets).map(([name, part]) => [part, name]));
  const shared = new Set([wbPart, relsPathOf(wbPart), "[Content_Types].xml", stylesPart ?? ""].map((p) => p.toLowerCase()));

  for (const part of a.parts) {
    const lower = part.toLowerCase();
    if (calcChain.includes(lower)) {
      if (b.has(part)) f.problems.push(`${part}: the stale calculation chain is still there`);
      continue;
    }
    if (!b.has(part)) {
      f.problems.push(`${part}: gone`);
      continue;
    }
    if (editedParts.has(part)) {
      compareSheet(a.text(part), b.text(part), part, f, editedSheets[editedParts.get(part)!]);
      continue;
    }
    if (shared.has(lower)) {
      compareShared(part, a, b, f, part === stylesPart);
      continue;
    }
    if (same(a.bytes(part), b.bytes(part))) f.partsSame++;
    else f.problems.push(`${part}: changed`);
  }
  return f;
}

/** Every child of `root` in `a` is in `b` with the same text (those named in `skip` aside). */
function childrenKept(xa: string, ra: XNode, xb: string, rb: XNode, where: string, f: Fidelity, skip: string[] = []): void {
  const texts = new Set(rb.children.map((c) => slice(xb, c)));
  for (const c of ra.children) {
    if (skip.includes(c.local)) continue;
    if (texts.has(slice(xa, c))) f.elementsSame++;
    else f.problems.push(`${where}: <${c.name}> changed or gone: ${slice(xa, c).slice(0, 160)}`);
  }
}

function compareShared(part: string, a: OoxmlPackage, b: OoxmlPackage, f: Fidelity, styles: boolean): void {
  const xa = a.text(part);
  const xb = b.text(part);
  const ra = parseXml(xa);
  const rb = parseXml(xb);
  if (part.endsWith(".rels") || part.toLowerCase() === "[content_types].xml") {
    const dropped = (c: XNode) => /calcChain/i.test(c.attrs.Type ?? c.attrs.ContentType ?? "");
    const texts = new Set(rb.children.map((c) => slice(xb, c)));
    for (const c of ra.children) {
      if (dropped(c)) continue;
      if (texts.has(slice(xa, c))) f.elementsSame++;
      else f.problems.push(`${part}: ${slice(xa, c)} changed or gone`);
    }
    return;
  }
  if (styles) {
    for (const c of ra.children) {
      const d = rb.children.find((x) => x.local === c.local);
      if (!d) {
        f.problems.push(`${part}: <${c.name}> gone`);
        continue;
      }
      if (["numFmts", "fonts", "fills", "borders", "cellXfs"].includes(c.local)) {
        // Appended to, never renumbered: the old entries are the first ones, as they were.
        c.children.forEach((x, i) => {
          if (d.children[i] && slice(xb, d.children[i]) === slice(xa, x)) f.elementsSame++;
          else f.problems.push(`${part}: ${c.local}[${i}] changed`);
        });
      } else if (slice(xa, c) === slice(xb, d)) f.elementsSame++;
      else f.problems.push(`${part}: <${c.name}> changed`);
    }
    return;
  }
  // The workbook: every element as it was, but the sheet list (appended to), the defined names
  // (added to) and calcPr (fullCalcOnLoad set).
  childrenKept(xa, ra, xb, rb, part, f, ["sheets", "definedNames", "calcPr"]);
  for (const local of ["sheets", "definedNames"]) {
    const ca = ra.children.find((c) => c.local === local);
    const cb = rb.children.find((c) => c.local === local);
    if (ca && cb) childrenKept(xa, ca, xb, cb, `${part} ${local}`, f);
    else if (ca) f.problems.push(`${part}: <${local}> gone`);
  }
  const calcA = ra.children.find((c) => c.local === "calcPr");
  const calcB = rb.children.find((c) => c.local === "calcPr");
  if (!calcB || !["1", "true"].includes(calcB.attrs.fullCalcOnLoad)) f.problems.push(`${part}: not marked to recalculate on open`);
  else if (calcA) {
    const strip = (n: XNode) => JSON.stringify(Object.entries(n.attrs).filter(([k]) => k !== "fullCalcOnLoad"));
    if (strip(calcA) === strip(calcB)) f.elementsSame++;
    else f.problems.push(`${part}: calcPr attributes changed`);
  }
}

/** An edited sheet: every element but the cells, the dimension and the widths; every cell not written. */
function compareSheet(xa: string, xb: string, part: string, f: Fidelity, widthsSet: number[]): void {
  const sa = readSheet(xa);
  const sb = readSheet(xb);
  childrenKept(xa, sa.root, xb, sb.root, part, f, ["sheetData", "dimension", "cols"]);
  const colsA = sa.root.children.find((c) => c.local === "cols");
  const colsB = sb.root.children.find((c) => c.local === "cols");
  if (colsA) {
    // Column by column: what each column had, but the width where the tool set one.
    const perColumn = (cols: XNode | undefined) => {
      const m = new Map<number, Record<string, string>>();
      for (const c of cols?.children ?? []) for (let i = Number(c.attrs.min); i <= Math.min(Number(c.attrs.max), 16384); i++) m.set(i, c.attrs);
      return m;
    };
    const ca = perColumn(colsA);
    const cb = perColumn(colsB);
    for (const [i, attrs] of ca) {
      const owned = widthsSet.includes(i) ? ["min", "max", "width", "customWidth"] : ["min", "max"];
      const strip = (x: Record<string, string> | undefined) => JSON.stringify(Object.entries(x ?? {}).filter(([k]) => !owned.includes(k)).sort());
      if (strip(attrs) === strip(cb.get(i))) f.elementsSame++;
      else f.problems.push(`${part}: column ${i} ${strip(attrs)} became ${strip(cb.get(i))}`);
    }
  }
  // Every row keeps its attributes (height, style, hidden, outline), the derived spans aside.
  const rowsB = new Map(sb.rows.map((r) => [r.r, r]));
  const rowAttrs = (attrs: Record<string, string> | undefined) => JSON.stringify(Object.entries(attrs ?? {}).filter(([k]) => k !== "spans").sort());
  for (const r of sa.rows) {
    if (rowAttrs(r.attrs) === rowAttrs(rowsB.get(r.r)?.attrs)) f.elementsSame++;
    else f.problems.push(`${part}: row ${r.r} ${rowAttrs(r.attrs)} became ${rowAttrs(rowsB.get(r.r)?.attrs)}`);
  }
  const cellsB = new Map<string, string>();
  for (const r of sb.rows) for (const c of r.cells) cellsB.set(`${c.row},${c.col}`, xb.slice(c.start, c.end));
  for (const r of sa.rows)
    for (const c of r.cells) {
      const before = xa.slice(c.start, c.end);
      if (cellsB.get(`${c.row},${c.col}`) === before) f.cellsSame++;
      else f.problems.push(`${part}: cell ${before.slice(0, 120)} changed`);
    }
}
