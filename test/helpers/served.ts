/**
 * For the end-to-end tests: a production build of the add-in's files (once; E2E_REUSE_BUILD=1 keeps
 * one already there), served on 127.0.0.1, and headless Chromium.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { Browser, chromium } from "playwright-core";
import { serveFolder } from "../../src/cli/serve";

const ROOT = path.join(__dirname, "..", "..");

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

/** The files of dir over HTTP on a free port of 127.0.0.1 (the server of `selfeval serve`). */
export async function serve(dir: string): Promise<Served> {
  const server = await serveFolder(dir);
  return { origin: server.url.replace(/\/$/, ""), close: server.close };
}

/** Headless Chromium that asks nothing of the network by itself. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
