/**
 * selfeval serve — the standalone page (dist/standalone/) on this machine, for a user with Node:
 * a static server on 127.0.0.1 only (the page is not offered to the network; a unit puts the folder
 * on its intranet's own web server instead). The page asks it for nothing but its own files; the
 * workbook is opened in the browser and never reaches this server.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import http from "node:http";
import { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "text/xml",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export interface StaticServer {
  /** "http://127.0.0.1:<port>/" */
  url: string;
  close: () => Promise<void>;
}

/** The file a request names inside `root` (a folder gives its index.html); null when there is none. */
function fileFor(root: string, url: string): string | null {
  let name: string;
  try {
    name = decodeURIComponent(new URL(url, "http://x").pathname);
  } catch {
    return null;
  }
  if (name.includes("\0")) return null;
  let file = path.join(root, name);
  const rel = path.relative(root, file);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return null;
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** The files of `dir` over HTTP on 127.0.0.1: GET and HEAD, nothing outside `dir`. Port 0: any free one. */
export function serveFolder(dir: string, port = 0): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const file = fileFor(root, req.url ?? "/");
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("404\n");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
      "content-length": statSync(file).size,
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

/** The folder of the package this command belongs to (where package.json is). */
function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export const DEFAULT_PORT = 8080;

/** Where the built page is: dist/standalone/ of this package. */
export function standaloneDir(): string {
  return path.join(packageRoot(), "dist", "standalone");
}

/** Listens on the port asked for; the default one when taken gives way to any free port. */
async function listen(dir: string, port: number | undefined): Promise<StaticServer> {
  try {
    return await serveFolder(dir, port ?? DEFAULT_PORT);
  } catch (e) {
    if (port === undefined && (e as NodeJS.ErrnoException).code === "EADDRINUSE") return serveFolder(dir, 0);
    throw e;
  }
}

/** Until Ctrl+C (SIGINT) or SIGTERM; then the server closes and the command ends. */
export async function runServer(dir: string, port: number | undefined, say: (s: string) => void): Promise<void> {
  const server = await listen(dir, port);
  say(`绩效自评助手独立网页版：${server.url}`);
  say(`Self-Evaluation Assistant, standalone page: ${server.url}`);
  say("在浏览器中打开上面的地址。工作簿只在浏览器里处理，不经过本服务。按 Ctrl+C 停止。");
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void server.close().then(resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
