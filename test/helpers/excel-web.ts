/**
 * The real Excel JavaScript client (excel-web-16.00.debug.js from @microsoft/office-js, the build
 * Excel on the web loads) run in a Node vm, its HTTP executor replaced: every request the client
 * would post is captured as the client serialises it (the RichApi JSON of object paths and
 * actions), measured in UTF-8 bytes, and answered by executing its object paths and actions on the
 * Office.js double — so the bytes are the real client's, and the workbook is the double's.
 *
 * As Excel on the web does, a request over 5 MB fails with RequestPayloadSizeLimitExceeded before
 * anything runs, and a response over 5 MB with ResponsePayloadSizeLimitExceeded.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import type { BatchRunner } from "../../src/excel/host";
import { OfficeDouble, PAYLOAD_LIMIT } from "./office-double";

const CLIENT = path.join(__dirname, "..", "..", "node_modules", "@microsoft", "office-js", "dist", "excel-web-16.00.debug.js");

interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number; // 1 global, 3 method, 4 property, 5 indexer
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
}
interface ActionInfo {
  Id: number;
  ActionType: number; // 1 instantiate, 2 query, 3 method, 4 set property
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
  QueryInfo?: { Select?: string[] };
}
interface RequestBody {
  Actions: ActionInfo[];
  ObjectPaths: Record<string, ObjectPathInfo>;
}
interface ClientResponse {
  HttpStatusCode: number;
  ErrorCode: string | null;
  ErrorMessage: string | null;
  Headers: Record<string, string>;
  Body: { Results: { ActionId: number; Value: unknown }[] } | null;
}

export interface Exchange {
  requestBytes: number;
  responseBytes: number;
  /** Commands (actions) in the request. */
  actions: number;
  error?: string;
}

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), "utf8");
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

type Sandbox = { Excel: { RequestContext: new (url: string) => Excel.RequestContext }; OfficeExtension: { HttpRequestExecutor: { prototype: { executeAsync: unknown } } } };
let sandbox: Sandbox | null = null;
let current: ExcelWebReplay | null = null;

/** The client is loaded once per process; each replay takes the executor while it runs. */
function client(): Sandbox {
  if (sandbox) return sandbox;
  const g: Record<string, unknown> = {
    console: { log: () => undefined, warn: () => undefined, error: () => undefined, info: () => undefined },
    setTimeout,
    clearTimeout,
    navigator: { userAgent: "node" },
    location: { href: "https://replay.test/taskpane.html" },
    document: { addEventListener: () => undefined, readyState: "complete", getElementsByTagName: () => [], createElement: () => ({}) },
  };
  g.window = g;
  g.self = g;
  vm.createContext(g);
  vm.runInContext(readFileSync(CLIENT, "utf8"), g, { filename: "excel-web-16.00.debug.js" });
  sandbox = g as unknown as Sandbox;
  sandbox.OfficeExtension.HttpRequestExecutor.prototype.executeAsync = (_custom: unknown, _flags: unknown, message: { Body: RequestBody }) => {
    if (!current) throw new Error("no replay is running");
    return current.execute(message.Body);
  };
  return sandbox;
}

/** Excel on the web, as far as its client and its 5 MB caps go, over an Office.js double. */
export class ExcelWebReplay {
  exchanges: Exchange[] = [];
  constructor(readonly double: OfficeDouble) {
    double.enforceLimits = false; // the real bytes are measured here
  }

  /** A BatchRunner for ExcelHost: a RequestContext of the real client on each batch. */
  run: BatchRunner = async (batch) => {
    const s = client();
    current = this; // eslint-disable-line @typescript-eslint/no-this-alias -- the executor answers through the replay that runs
    const ctx = new s.Excel.RequestContext("https://replay.test/");
    return batch(ctx);
  };

  /** One request: measured, refused over 5 MB, else run on the double and answered. */
  async execute(body: RequestBody): Promise<ClientResponse> {
    const requestBytes = bytes(body);
    const record: Exchange = { requestBytes, responseBytes: 0, actions: body.Actions.length };
    this.exchanges.push(record);
    const fail = (code: string, message: string): ClientResponse => {
      record.error = code;
      return { HttpStatusCode: 400, ErrorCode: code, ErrorMessage: message, Headers: {}, Body: null };
    };
    if (requestBytes > PAYLOAD_LIMIT) return fail("RequestPayloadSizeLimitExceeded", `request of ${requestBytes} bytes`);
    let results: { ActionId: number; Value: unknown }[];
    try {
      results = await this.double.run((ctx) => this.interpret(ctx, body));
    } catch (e) {
      const code = (e as { code?: string }).code ?? "GeneralException";
      return fail(code, String((e as Error).message));
    }
    const response = { Results: results };
    record.responseBytes = bytes(response);
    if (record.responseBytes > PAYLOAD_LIMIT) return fail("ResponsePayloadSizeLimitExceeded", `response of ${record.responseBytes} bytes`);
    return { HttpStatusCode: 200, ErrorCode: null, ErrorMessage: null, Headers: {}, Body: response };
  }

  /** The request's object paths and actions on the double's objects, in order, then one sync. */
  private async interpret(ctx: Excel.RequestContext, body: RequestBody): Promise<{ ActionId: number; Value: unknown }[]> {
    const objects = new Map<number, unknown>();
    const args = (info: ActionInfo["ArgumentInfo"]) =>
      (info?.Arguments ?? []).map((a, i) => {
        const ref = info?.ReferencedObjectPathIds?.[i];
        if (ref) return objectAt(ref);
        return a === null ? undefined : a;
      });
    const objectAt = (id: number): unknown => {
      if (objects.has(id)) return objects.get(id);
      const p = body.ObjectPaths[String(id)];
      if (!p) throw new Error(`object path ${id} not in the request`);
      let obj: unknown;
      if (p.ObjectPathType === 1) obj = ctx.workbook;
      else {
        const parent = objectAt(p.ParentObjectPathId!) as Record<string, unknown>;
        if (p.ObjectPathType === 4) obj = parent[lower(p.Name)];
        else if (p.ObjectPathType === 3 && typeof parent[lower(p.Name)] !== "function") throw new Error(`the double has no method ${p.Name} on ${parent.constructor?.name}`);
        else if (p.ObjectPathType === 3) obj = (parent[lower(p.Name)] as (...a: unknown[]) => unknown).apply(parent, args(p.ArgumentInfo)) ?? {}; // a void method's object
        else if (p.ObjectPathType === 5) obj = (parent.getItem as (k: unknown) => unknown).call(parent, p.ArgumentInfo!.Arguments![0]);
        else throw new Error(`object path type ${p.ObjectPathType} (${p.Name}) not replayed`);
      }
      if (obj === undefined) throw new Error(`the double has no ${p.Name}`);
      objects.set(id, obj);
      return obj;
    };
    const after: { id: number; value: () => unknown }[] = [];
    for (const a of body.Actions) {
      const obj = objectAt(a.ObjectPathId) as Record<string, unknown> & { load?: (p: string | string[]) => void };
      switch (a.ActionType) {
        case 1: {
          // Instantiate: a null object answers null; a worksheet answers its Id (the client then
          // addresses it by Id in later requests, as it does with Excel).
          const nullable = typeof obj.load === "function" && "isNullObject" in obj;
          if (nullable) obj.load!([]);
          after.push({ id: a.Id, value: () => instantiated(obj, nullable) });
          break;
        }
        case 2: {
          const select = a.QueryInfo?.Select ?? [];
          if ("items" in obj || obj.constructor?.name === "Worksheets" || obj.constructor?.name === "Tables") {
            obj.load!(select.map((s) => `items/${s}`).join(","));
            after.push({ id: a.Id, value: () => ({ _Items: (obj.items as Record<string, unknown>[]).map((it) => ({ ...idOf(it), ...pick(it, select) })) }) });
          } else {
            obj.load!(select);
            after.push({ id: a.Id, value: () => pick(obj, select) });
          }
          break;
        }
        case 3:
          // The client asks the server to check a large array's shape first; the double checks shapes on write.
          if (a.Name === "_ValidateArraySize") {
            after.push({ id: a.Id, value: () => null });
            break;
          }
          if (typeof obj[lower(a.Name)] !== "function") throw new Error(`the double has no method ${a.Name} on ${obj.constructor?.name}`);
          (obj[lower(a.Name)] as (...x: unknown[]) => unknown).apply(obj, args(a.ArgumentInfo));
          after.push({ id: a.Id, value: () => null });
          break;
        case 4:
          obj[lower(a.Name)] = args(a.ArgumentInfo)[0];
          break;
        default:
          throw new Error(`action type ${a.ActionType} (${a.Name}) not replayed`);
      }
    }
    await ctx.sync();
    return after.map((x) => ({ ActionId: x.id, Value: x.value() }));
  }
}

function instantiated(obj: Record<string, unknown>, nullable: boolean): unknown {
  if (nullable && obj.isNullObject) return null;
  const ws = obj as { ref?: () => { id: string } };
  if (typeof ws.ref === "function" && obj.constructor?.name === "Worksheet") {
    try {
      return { Id: ws.ref().id };
    } catch {
      return null;
    }
  }
  return {};
}

function idOf(item: Record<string, unknown>): Record<string, unknown> {
  const ws = item as { ref?: () => { id: string } };
  if (typeof ws.ref === "function") return { Id: ws.ref().id };
  if (item.constructor?.name === "Table") return { Id: item.name };
  return {};
}

/** The selected properties in the response's shape: PascalCase, nested for "a/b". */
function pick(obj: Record<string, unknown>, select: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of select) {
    const parts = s.split("/");
    let src: unknown = obj;
    let dst = out;
    parts.forEach((p, i) => {
      const key = upper(p);
      if (i === parts.length - 1) {
        dst[key] = (src as Record<string, unknown>)[p];
      } else {
        dst[key] = (dst[key] as Record<string, unknown>) ?? {};
        dst = dst[key] as Record<string, unknown>;
        src = (src as Record<string, unknown>)[p];
      }
    });
  }
  return out;
}
