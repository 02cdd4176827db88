/**
 * For the end-to-end tests: a production build of the add-in's files (once; E2E_REUSE_BUILD=1 keeps
 * one already there), served on 127.0.0.1, and headless Chromium.
 */
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, statSync } from "node:fs";
import http from "node:http";
import { AddressInfo } from "node:net";
import path from "node:path";
import { Browser, chromium } from "playwright-core";

const ROOT = path.join(__dirname, "..", "..");
const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".png": "image/png", ".xlsx": "application/octet-stream", ".xml": "text/xml" };

/** webpack --mode production into dist (extra: e.g. ["--config-name", "modern"]), unless a build there may be reused. */
export function buildOnce(dist: string, marker: string, extra: string[] = []): void {
  mkdirSync(path.dirname(dist), { recursive: true });
  if (process.env.E2E_REUSE_BUILD && existsSync(path.join(dist, marker))) return;
  execFileSync("npx", ["webpack", "--mode", "production", ...extra, "--output-path", dist], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
}

export interface Served {
  origin: string;
  close: () => Promise<void>;
}

/** The files of dir over HTTP on a free port of 127.0.0.1. */
export async function serve(dir: string): Promise<Served> {
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** Headless Chromium that asks nothing of the network by itself. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
