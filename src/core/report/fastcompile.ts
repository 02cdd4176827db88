/**
 * The report's templates run here: handlebars' own parser reads them (so the syntax and its errors
 * are handlebars'), and the parsed tree is turned into plain closures. Handlebars' runtime copies
 * and wraps every helper on each call, which costs more than the text at 50,000 projects, and its
 * compiler and runtime are twice the parser's size in the pane. Compiled: text, {{field}},
 * {{helper args key=value}}, (sub expressions), @first/@last/@index/@key/@root, ../ and this,
 * #if #unless (includeZero) #each #with with else and block params (as |item i|), lookup and log —
 * with handlebars' strict-mode semantics (a missing field in a {{mustache}} throws, worded as
 * handlebars words it). Partials, decorators and raw blocks are refused with an error.
 */
import { flat } from "../io/plan";

/** The parts of handlebars' AST (hbs.AST) that are compiled here. */
interface Loc {
  start: { line: number; column: number };
}
interface Node {
  type: string;
  loc?: Loc;
}
interface PathNode extends Node {
  type: "PathExpression";
  data: boolean;
  depth: number;
  parts: string[];
  original: string;
}
interface LiteralNode extends Node {
  value: unknown;
}
interface CallNode extends Node {
  path: Node;
  params: Node[];
  hash?: { pairs: { key: string; value: Node }[] };
}
interface BlockNode extends CallNode {
  program: ProgramNode;
  inverse?: ProgramNode;
}
interface ProgramNode extends Node {
  body: Node[];
  blockParams?: string[];
}

export type Helper = (...args: unknown[]) => unknown;

/** The stack of contexts (innermost first), the @data of the innermost block, and the block params in scope (innermost first). */
interface Frame {
  contexts: unknown[];
  data: Record<string, unknown>;
  params?: unknown[][];
}

type Eval = (f: Frame) => unknown;
type Render = (f: Frame) => string;

/** handlebars' Utils.isEmpty: false for 0, true for [], null, undefined, false, "". */
const isEmpty = (v: unknown) => (!v && v !== 0) || (Array.isArray(v) && v.length === 0);
/** What #if takes for false (without includeZero): also 0. */
const isFalsy = (v: unknown) => !v || isEmpty(v);

/** A construct these templates do not take (partials, decorators, raw blocks): the message says which. */
class Unsupported extends Error {}

const hasOwn = Object.prototype.hasOwnProperty;
/** What a helper gets as its last argument (the report's helpers read only their positional ones). */
const OPTIONS = Object.freeze({ hash: Object.freeze({}) });

function notDefined(name: string, obj: unknown, loc: Loc | undefined): Error {
  const where = loc ? ` - ${loc.start.line}:${loc.start.column}` : "";
  return new Error(`"${name}" not defined in ${String(obj)}${where}`);
}

/** The helpers handlebars has built in, besides the block ones. */
const BUILT_IN: Readonly<Record<string, Helper>> = {
  lookup: (obj, field) => (obj === null || obj === undefined ? undefined : hasOwn.call(obj, field as PropertyKey) ? (obj as Record<string, unknown>)[field as string] : undefined),
  log: () => undefined,
};

class Compiler {
  private readonly helpers: Readonly<Record<string, Helper>>;
  /** Block param names in scope while compiling, innermost first. */
  private readonly scopes: string[][] = [];

  constructor(helpers: Readonly<Record<string, Helper>>) {
    this.helpers = { ...BUILT_IN, ...helpers };
  }

  /** A block param named by a path's first part: [scope depth, index] (handlebars resolves these when compiling too). */
  private blockParam(p: PathNode): [number, number] | null {
    if (p.data || p.depth !== 0 || p.parts.length === 0) return null;
    for (let d = 0; d < this.scopes.length; d++) {
      const i = this.scopes[d].indexOf(p.parts[0]);
      if (i >= 0) return [d, i];
    }
    return null;
  }

  /** A path's value; strict (a {{mustache}}): a missing field throws, as handlebars does. */
  path(p: PathNode, strict: boolean): Eval {
    const bp = this.blockParam(p);
    if (bp) {
      const rest = this.path({ ...p, parts: p.parts.slice(1) }, strict);
      return (f) => rest({ contexts: [f.params![bp[0]][bp[1]]], data: f.data, params: f.params });
    }
    if (p.data) {
      const [name, ...rest] = p.parts;
      const walk = this.walk(rest, strict, p.loc);
      return (f) => walk(name === "root" ? f.contexts[f.contexts.length - 1] : f.data[name]);
    }
    const walk = this.walk(p.parts, strict, p.loc);
    const depth = p.depth;
    return (f) => walk(f.contexts[depth]);
  }

  /** Reads parts one after another from a value, as handlebars' generated code does. */
  private walk(parts: string[], strict: boolean, loc: Loc | undefined): (v: unknown) => unknown {
    return (v) => {
      for (const part of parts) {
        // handlebars' strict(): `!obj || !(name in obj)` (and `in` on a string throws its own TypeError).
        if (strict && (!v || !(part in (v as object)))) throw notDefined(part, v, loc);
        // As handlebars' generated code: reading through a missing object is a TypeError.
        if (v === null || v === undefined) throw new TypeError(`Cannot read properties of ${String(v)} (reading '${part}')`);
        // handlebars' lookupProperty: own properties only (never the prototype's).
        v = hasOwn.call(v, part) ? (v as Record<string, unknown>)[part] : undefined;
      }
      return v;
    };
  }

  helperName(n: Node): string | null {
    const p = n as PathNode;
    return n.type === "PathExpression" && !p.data && p.depth === 0 && p.parts.length === 1 ? p.parts[0] : null;
  }

  /** A value in a parameter position: literals, paths (not strict), sub expressions. */
  value(n: Node): Eval {
    switch (n.type) {
      case "StringLiteral":
      case "NumberLiteral":
      case "BooleanLiteral": {
        const v = (n as LiteralNode).value;
        return () => v;
      }
      case "NullLiteral":
        return () => null;
      case "UndefinedLiteral":
        return () => undefined;
      case "PathExpression":
        return this.path(n as PathNode, false);
      case "SubExpression":
        return this.call(n as CallNode);
      default:
        throw new Unsupported(`${n.type} is not supported as a value in report templates`);
    }
  }

  /** A helper call (hash arguments are evaluated for what handlebars would pass; the report's helpers read none). */
  call(n: CallNode): Eval {
    const name = this.helperName(n.path);
    if (!name || !hasOwn.call(this.helpers, name)) throw new Error(`Missing helper: "${name ?? (n.path as PathNode).original ?? "?"}"`);
    const helper = this.helpers[name];
    const params = n.params.map((x) => this.value(x));
    const [a, b, c] = params;
    switch (params.length) {
      case 0:
        return () => helper(OPTIONS);
      case 1:
        return (f) => helper(a(f), OPTIONS);
      case 2:
        return (f) => helper(a(f), b(f), OPTIONS);
      case 3:
        return (f) => helper(a(f), b(f), c(f), OPTIONS);
      default:
        return (f) => helper(...params.map((e) => e(f)), OPTIONS);
    }
  }

  mustache(n: CallNode): Render {
    let e: Eval;
    const name = this.helperName(n.path);
    if (n.params.length > 0 || (name !== null && Object.prototype.hasOwnProperty.call(this.helpers, name))) e = this.call(n);
    else if (n.path.type === "PathExpression") e = this.path(n.path as PathNode, true);
    else e = this.value(n.path);
    return (f) => {
      const v = e(f);
      return v === null || v === undefined ? "" : String(v);
    };
  }

  block(n: BlockNode): Render {
    const name = this.helperName(n.path);
    if (name !== "if" && name !== "unless" && name !== "with" && name !== "each") throw new Error(name ? `Missing helper: "${name}"` : "Unsupported block");
    if (n.params.length !== 1) throw new Error(`#${name} requires exactly one argument`);
    const cond = this.value(n.params[0]);
    const params = n.program.blockParams ?? [];
    this.scopes.unshift(params);
    const yes = this.program(n.program);
    this.scopes.shift();
    const no: Render = n.inverse ? this.program(n.inverse) : () => "";
    const includeZero = n.hash?.pairs.some((p) => p.key === "includeZero" && (p.value as LiteralNode).value === true) ?? false;
    const falsy = (v: unknown) => (includeZero ? isEmpty(v) : isFalsy(v));
    const scoped = (f: Frame, values: unknown[]): unknown[][] | undefined => (params.length ? [values, ...(f.params ?? [])] : f.params);
    switch (name) {
      case "if":
        return (f) => (falsy(cond(f)) ? no(f) : yes(f));
      case "unless":
        return (f) => (falsy(cond(f)) ? yes(f) : no(f));
      case "with":
        return (f) => {
          const v = cond(f);
          if (isEmpty(v)) return no(f);
          const contexts = f.contexts.slice();
          contexts.unshift(v);
          return yes({ contexts, data: f.data, params: scoped(f, [v]) });
        };
      case "each":
        return (f) => {
          const v = cond(f);
          const keys = Array.isArray(v) ? null : v && typeof v === "object" ? Object.keys(v) : [];
          const n = keys ? keys.length : (v as unknown[]).length;
          if (n === 0) return no(f);
          // One frame for the whole loop, updated in place: a render reads it only while it runs.
          // (Built field by field: object and array spreads cost ten times as much here.)
          const data: Record<string, unknown> = { root: f.data.root, index: 0, first: true, last: false };
          // The item's context in front of the enclosing ones (one list, made at its size).
          const outer = f.contexts;
          const contexts: unknown[] = new Array(outer.length + 1);
          contexts[0] = undefined;
          for (let c = 0; c < outer.length; c++) contexts[c + 1] = outer[c];
          const frame: Frame = { contexts, data, params: f.params };
          // The block params' values (as |item i|), when it has them.
          const values: unknown[] | null = params.length ? [] : null;
          if (values) frame.params = [values, ...(f.params ?? [])];
          let out = "";
          for (let i = 0; i < n; i++) {
            data.index = i;
            data.first = i === 0;
            data.last = i === n - 1;
            if (keys) data.key = keys[i];
            frame.contexts[0] = keys ? (v as Record<string, unknown>)[keys[i]] : (v as unknown[])[i];
            if (values) {
              values[0] = frame.contexts[0];
              values[1] = keys ? keys[i] : i;
            }
            out += yes(frame);
          }
          return out;
        };
    }
  }

  statement(n: Node): Render {
    switch (n.type) {
      case "ContentStatement": {
        const text = (n as Node & { value: string }).value;
        return () => text;
      }
      case "CommentStatement":
        return () => "";
      case "MustacheStatement":
        return this.mustache(n as CallNode);
      case "BlockStatement":
        return this.block(n as BlockNode);
      case "PartialStatement":
      case "PartialBlockStatement":
        throw new Unsupported(`The partial ${(n as unknown as { name: PathNode }).name?.original ?? ""} could not be found`);
      default:
        throw new Unsupported(`${n.type} is not supported in report templates`); // decorators, raw blocks
    }
  }

  program(p: ProgramNode): Render {
    const parts = p.body.map((s) => this.statement(s));
    const n = parts.length;
    if (n === 1) return parts[0];
    return (f) => {
      let out = "";
      for (let i = 0; i < n; i++) out += parts[i](f);
      return out;
    };
  }
}

/** The template (handlebars' parse tree) as a function of its context; throws Error for what it cannot take. */
export function compileAst(ast: unknown, helpers: Readonly<Record<string, Helper>>): (ctx: Record<string, unknown>) => string {
  const render = new Compiler(helpers).program(ast as ProgramNode);
  return (ctx) => flat(render({ contexts: [ctx], data: { root: ctx } })); // the parts are added up: made flat once here
}
