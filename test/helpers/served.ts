/**
 * For the end-to-end tests: a production build of the add-in's files (once; E2E_REUSE_BUILD=1 keeps
 * one already there), served on 127.0.0.1, and headless Chromium.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { Browser, chromium, Page } from "playwright-core";
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

/** Clicks each button in turn and waits for the status line to say it finished (the pane's and the legacy pane's alike). */
export async function clickThrough(page: Page, steps: [button: string, done: RegExp][]): Promise<void> {
  for (const [name, done] of steps) {
    await page.getByRole("button", { name }).click();
    await page.getByTestId("status").filter({ hasText: done }).waitFor();
  }
}

/** 创建评分表, 一键重算, 生成报告: the steps after the scheme is chosen. */
export const SCORE_AND_REPORT: [string, RegExp][] = [
  ["创建评分表", /创建评分表：完成/],
  ["一键重算", /一键重算：完成/],
  ["生成报告", /生成报告：完成/],
];
