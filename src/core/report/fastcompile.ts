/**
 * A faster way to run the report's templates: handlebars parses them (so the syntax and its errors
 * are handlebars' own), and the parsed tree is turned into plain closures here. Handlebars' own
 * runtime copies and wraps every helper on each call, which costs more than the text at 50,000
 * projects. Only what the report's templates use is compiled — text, {{field}}, {{helper args}},
 * (sub expressions), @first/@last/@index/@key, ../ and this, #if #unless #each #with with else —
 * with handlebars' strict-mode semantics (a missing field in a {{mustache}} throws, as handlebars
 * words it); anything else returns null and handlebars itself runs the template.
 */

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
  hash?: { pairs: unknown[] };
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

/** The stack of contexts (innermost first) and the @data of the innermost block. */
interface Frame {
  contexts: unknown[];
  data: Record<string, unknown>;
}

type Eval = (f: Frame) => unknown;
type Render = (f: Frame) => string;

/** handlebars' Utils.isEmpty: false for 0, true for [], null, undefined, false, "". */
const isEmpty = (v: unknown) => (!v && v !== 0) || (Array.isArray(v) && v.length === 0);
/** What #if takes for false (without includeZero): also 0. */
const isFalsy = (v: unknown) => !v || isEmpty(v);

class Unsupported extends Error {}

const hasOwn = Object.prototype.hasOwnProperty;
/** What a helper gets as its last argument (the report's helpers read only their positional ones). */
const OPTIONS = Object.freeze({ hash: Object.freeze({}) });

function notDefined(name: string, obj: unknown, loc: Loc | undefined): Error {
  const where = loc ? ` - ${loc.start.line}:${loc.start.column}` : "";
  return new Error(`"${name}" not defined in ${String(obj)}${where}`);
}

class Compiler {
  constructor(private readonly helpers: Readonly<Record<string, Helper>>) {}

  /** A path's value; strict (a {{mustache}}): a missing field throws, as handlebars does. */
  path(p: PathNode, strict: boolean): Eval {
    if (p.data) {
      const [name, ...rest] = p.parts;
      if (rest.length) throw new Unsupported();
      return (f) => (name === "root" ? f.contexts[f.contexts.length - 1] : f.data[name]);
    }
    const { depth, parts } = p;
    return (f) => {
      let v: unknown = f.contexts[depth];
      for (const part of parts) {
        // handlebars' strict(): `!obj || !(name in obj)` (and `in` on a string throws its own TypeError).
        if (strict && (!v || !(part in (v as object)))) throw notDefined(part, v, p.loc);
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
        throw new Unsupported();
    }
  }

  /** A helper call with positional parameters (no hash arguments). */
  call(n: CallNode): Eval {
    const name = this.helperName(n.path);
    if (!name || n.hash || !Object.prototype.hasOwnProperty.call(this.helpers, name)) throw new Unsupported();
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
    if (n.hash || n.params.length !== 1 || n.program.blockParams?.length) throw new Unsupported();
    const cond = this.value(n.params[0]);
    const yes = this.program(n.program);
    const no: Render = n.inverse ? this.program(n.inverse) : () => "";
    switch (name) {
      case "if":
        return (f) => (isFalsy(cond(f)) ? no(f) : yes(f));
      case "unless":
        return (f) => (isFalsy(cond(f)) ? yes(f) : no(f));
      case "with":
        return (f) => {
          const v = cond(f);
          if (isEmpty(v)) return no(f);
          const contexts = f.contexts.slice();
          contexts.unshift(v);
          return yes({ contexts, data: f.data });
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
          const contexts = f.contexts.slice();
          contexts.unshift(undefined);
          const frame: Frame = { contexts, data };
          let out = "";
          for (let i = 0; i < n; i++) {
            data.index = i;
            data.first = i === 0;
            data.last = i === n - 1;
            if (keys) data.key = keys[i];
            frame.contexts[0] = keys ? (v as Record<string, unknown>)[keys[i]] : (v as unknown[])[i];
            out += yes(frame);
          }
          return out;
        };
      default:
        throw new Unsupported();
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
      default:
        throw new Unsupported(); // partials, decorators, raw blocks
    }
  }

  program(p: ProgramNode): Render {
    const parts = p.body.map((s) => this.statement(s));
    const n = parts.length;
    return (f) => {
      let out = "";
      for (let i = 0; i < n; i++) out += parts[i](f);
      return out;
    };
  }
}

/** The template as a function of its context, or null when it uses what is not compiled here. */
export function compileAst(ast: unknown, helpers: Readonly<Record<string, Helper>>): ((ctx: Record<string, unknown>) => string) | null {
  try {
    const render = new Compiler(helpers).program(ast as ProgramNode);
    return (ctx) => render({ contexts: [ctx], data: { root: ctx } });
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}
