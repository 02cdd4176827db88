/** handlebars' parser alone (no compiler, no runtime): the report compiles templates itself. */
declare module "handlebars/dist/cjs/handlebars/compiler/base" {
  export function parse(input: string, options?: Record<string, unknown>): hbs.AST.Program;
}
