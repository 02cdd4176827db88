/**
 * The zip container of an OOXML package, read and written at the level of entries: an entry the
 * tool does not change is copied as its compressed bytes, so it leaves exactly as it came; only
 * changed parts are deflated again (fflate). Works on Uint8Array only (Node and the browser).
 */
import { Deflate, deflateSync, inflateSync } from "fflate";

export class PackageError extends Error {}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** The compressed bytes (a view into the input). */
  raw: Uint8Array;
  /** Modification time and date, DOS format, as they were. */
  time: number;
  date: number;
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 of `data`; pass the CRC of what came before to continue it. */
export function crc32(data: Uint8Array, previous = 0): number {
  let c = previous ^ -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

const utf8 = new TextDecoder("utf-8");
const cp437 = new TextDecoder("latin1");

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
}
function u64(b: Uint8Array, o: number): number {
  return u32(b, o) + u32(b, o + 4) * 0x100000000;
}

/** The entries of a zip file, by its central directory (zip64 included). */
export function readZip(data: Uint8Array): ZipEntry[] {
  const min = Math.max(0, data.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = data.length - 22; i >= min; i--) {
    if (data[i] === 0x50 && data[i + 1] === 0x4b && data[i + 2] === 5 && data[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new PackageError("not a zip file (no end of central directory)");
  let count = u16(data, eocd + 10);
  let cdOffset = u32(data, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc >= 0 && u32(data, loc) === 0x07064b50) {
      const z64 = u64(data, loc + 8);
      if (u32(data, z64) !== 0x06064b50) throw new PackageError("broken zip64 end of central directory");
      count = u64(data, z64 + 32);
      cdOffset = u64(data, z64 + 48);
    }
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > data.length || u32(data, p) !== 0x02014b50) throw new PackageError("broken central directory");
    const flags = u16(data, p + 8);
    const method = u16(data, p + 10);
    const time = u16(data, p + 12);
    const date = u16(data, p + 14);
    const crc = u32(data, p + 16);
    let compressedSize = u32(data, p + 20);
    let size = u32(data, p + 24);
    const nameLen = u16(data, p + 28);
    const extraLen = u16(data, p + 30);
    const commentLen = u16(data, p + 32);
    let local = u32(data, p + 42);
    const nameBytes = data.subarray(p + 46, p + 46 + nameLen);
    // Some writers separate folders with backslashes; a part name has slashes.
    const name = (flags & 0x800 ? utf8 : isAscii(nameBytes) ? utf8 : cp437).decode(nameBytes).replace(/\\/g, "/");
    // zip64 extra field: the sizes and offset that did not fit, in this order.
    let e = p + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = u16(data, e);
      const len = u16(data, e + 2);
      if (id === 1) {
        let q = e + 4;
        if (size === 0xffffffff) {
          size = u64(data, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(data, q);
          q += 8;
        }
        if (local === 0xffffffff) local = u64(data, q);
      }
      e += 4 + len;
    }
    if (local + 30 > data.length || u32(data, local) !== 0x04034b50) throw new PackageError(`broken local header of ${name}`);
    const start = local + 30 + u16(data, local + 26) + u16(data, local + 28);
    if (start + compressedSize > data.length) throw new PackageError(`${name} is cut short`);
    if (flags & 1) throw new PackageError(`${name} is encrypted`);
    if (method !== 0 && method !== 8) throw new PackageError(`${name} uses compression method ${method}`);
    entries.push({ name, method, crc, compressedSize, size, raw: data.subarray(start, start + compressedSize), time, date });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function isAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] > 0x7f) return false;
  return true;
}

/** The uncompressed bytes of an entry, checked against its CRC. */
export function inflateEntry(e: ZipEntry): Uint8Array {
  let out: Uint8Array;
  try {
    out = e.method === 0 ? e.raw : inflateSync(e.raw, { out: new Uint8Array(e.size) });
  } catch (err) {
    throw new PackageError(`${e.name} cannot be decompressed (${err instanceof Error ? err.message : String(err)})`);
  }
  if (out.length !== e.size || crc32(out) !== e.crc) throw new PackageError(`${e.name} is damaged (size or CRC does not match)`);
  return out;
}

/** A new entry for changed or added content (deflated; DOS time 1980-01-01 unless given). */
export function makeEntry(name: string, content: Uint8Array, time = 0, date = 0x21): ZipEntry {
  // Large parts (a sheet of 50,000 rows) compress at the fastest level: a few per cent larger, three times faster.
  const raw = content.length > 64 ? deflateSync(content, { level: content.length > 4 << 20 ? 1 : 6 }) : content;
  const method = raw === content ? 0 : 8;
  return { name, method, crc: crc32(content), compressedSize: raw.length, size: content.length, raw, time, date };
}

/**
 * A new entry written piece by piece (a large sheet as it is built), deflated as it comes: the
 * whole uncompressed part is never in memory at once.
 */
export class EntryWriter {
  private crc = 0;
  private size = 0;
  private out: Uint8Array[] = [];
  private deflate = new Deflate({ level: 1 }, (chunk) => this.out.push(chunk));
  constructor(
    private readonly name: string,
    private readonly time = 0,
    private readonly date = 0x21,
  ) {}
  push(chunk: Uint8Array): void {
    this.crc = crc32(chunk, this.crc);
    this.size += chunk.length;
    this.deflate.push(chunk, false);
  }
  finish(): ZipEntry {
    this.deflate.push(new Uint8Array(0), true);
    let n = 0;
    for (const c of this.out) n += c.length;
    const raw = new Uint8Array(n);
    n = 0;
    for (const c of this.out) {
      raw.set(c, n);
      n += c.length;
    }
    return { name: this.name, method: 8, crc: this.crc, compressedSize: raw.length, size: this.size, raw, time: this.time, date: this.date };
  }
}

/** A zip file of these entries, in this order (zip64 only where sizes or offsets need it). */
export function writeZip(entries: ZipEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const names = entries.map((e) => enc.encode(e.name));
  let total = 0;
  const big = (e: ZipEntry) => e.size >= 0xffffffff || e.compressedSize >= 0xffffffff;
  entries.forEach((e, i) => (total += 30 + names[i].length + (big(e) ? 20 : 0) + e.compressedSize));
  const cdStart = total;
  const offsets: number[] = [];
  let cd = 0;
  entries.forEach((e, i) => {
    cd += 46 + names[i].length + (big(e) || cdStart > 0xfffffffe ? 28 : 0);
  });
  const zip64 = entries.length >= 0xffff || cdStart + cd >= 0xffffffff;
  const out = new Uint8Array(total + cd + (zip64 ? 76 : 0) + 22);
  const dv = new DataView(out.buffer);
  let p = 0;
  const w16 = (v: number) => (dv.setUint16(p, v, true), (p += 2));
  const w32 = (v: number) => (dv.setUint32(p, v >>> 0, true), (p += 4));
  const w64 = (v: number) => (dv.setUint32(p, v % 0x100000000, true), dv.setUint32(p + 4, Math.floor(v / 0x100000000), true), (p += 8));
  /** The fields a local header and a central directory record share, from the flags on. */
  const common = (e: ZipEntry, z: boolean, name: Uint8Array, extra: number) => {
    w16(0x800); // UTF-8 names
    w16(e.method);
    w16(e.time);
    w16(e.date);
    w32(e.crc);
    w32(z ? 0xffffffff : e.compressedSize);
    w32(z ? 0xffffffff : e.size);
    w16(name.length);
    w16(z ? extra : 0);
  };
  const name = (i: number) => {
    out.set(names[i], p);
    p += names[i].length;
  };
  /** The ZIP64 extra field (id 1): sizes, and in the central directory the header's offset. */
  const zip64Extra = (e: ZipEntry, offset?: number) => {
    w16(1);
    w16(offset === undefined ? 16 : 24);
    w64(e.size);
    w64(e.compressedSize);
    if (offset !== undefined) w64(offset);
  };
  entries.forEach((e, i) => {
    offsets.push(p);
    const z = big(e);
    w32(0x04034b50);
    w16(z ? 45 : 20);
    common(e, z, names[i], 20);
    name(i);
    if (z) zip64Extra(e);
    out.set(e.raw, p);
    p += e.compressedSize;
  });
  entries.forEach((e, i) => {
    const z = big(e) || offsets[i] > 0xfffffffe;
    w32(0x02014b50);
    w16(z ? 45 : 20);
    w16(z ? 45 : 20);
    common(e, z, names[i], 28);
    w16(0);
    w16(0);
    w16(0);
    w32(0);
    w32(z ? 0xffffffff : offsets[i]);
    name(i);
    if (z) zip64Extra(e, offsets[i]);
  });
  const cdEnd = p;
  if (zip64) {
    w32(0x06064b50);
    w64(44);
    w16(45);
    w16(45);
    w32(0);
    w32(0);
    w64(entries.length);
    w64(entries.length);
    w64(cdEnd - cdStart);
    w64(cdStart);
    w32(0x07064b50);
    w32(0);
    w64(cdEnd);
    w32(1);
  }
  w32(0x06054b50);
  w16(0);
  w16(0);
  w16(Math.min(entries.length, 0xffff));
  w16(Math.min(entries.length, 0xffff));
  w32(zip64 ? 0xffffffff : cdEnd - cdStart);
  w32(zip64 ? 0xffffffff : cdStart);
  w16(0);
  return out.subarray(0, p);
}
