/**
 * Draws the add-in's icons (assets/icon-16/32/64/80/128.png): a blue tile with three rising white
 * bars and a baseline — a fund table becoming a score. PNG written by hand with zlib, no tools.
 *
 *   node bin/run-ts.js scripts/make-icons.ts
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

function icon(size: number): Buffer {
  const s = size;
  const radius = s * 0.18;
  const inTile = (x: number, y: number) => {
    const cx = Math.min(Math.max(x, radius), s - 1 - radius);
    const cy = Math.min(Math.max(y, radius), s - 1 - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
  };
  const bars = [
    { x0: 0.2, x1: 0.34, top: 0.55 },
    { x0: 0.43, x1: 0.57, top: 0.38 },
    { x0: 0.66, x1: 0.8, top: 0.2 },
  ];
  return png(s, (x, y) => {
    if (!inTile(x + 0.5, y + 0.5)) return [0, 0, 0, 0];
    const u = (x + 0.5) / s;
    const v = (y + 0.5) / s;
    const white = bars.some((b) => u >= b.x0 && u <= b.x1 && v >= b.top && v <= 0.78) || (v > 0.8 && v < 0.8 + Math.max(1.5 / s, 0.05) && u > 0.15 && u < 0.85);
    return white ? [255, 255, 255, 255] : [0x1f, 0x5f, 0xae, 255];
  });
}

if (path.resolve(process.argv[1] ?? "") === __filename) {
  for (const size of [16, 32, 64, 80, 128]) {
    const file = path.join(__dirname, "..", "assets", `icon-${size}.png`);
    writeFileSync(file, icon(size));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
