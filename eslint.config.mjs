// ESLint (flat config). The architecture is enforced here: src/core imports nothing from Office,
// React, Node, exceljs or the hosts; the UI reaches workbooks only through a host.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Deep imports into the core ("../core/table") are refused: the core is used through "../core". */
const CORE_WALL = { group: ["**/core/*", "!**/core/index"], message: "import the core through its public face (src/core/index.ts): \"../core\", not \"../core/<module>\"." };

/** What the pure core may not import. */
const CORE_PURE = [
  { group: ["react", "react-dom", "react/*", "@fluentui/*"], message: "src/core is pure: no React." },
  { group: ["office-addin-*", "@microsoft/office-js"], message: "src/core is pure: no Office." },
  { group: ["exceljs", "docx", "playwright-core"], message: "src/core is pure: hosts adapt libraries." },
  { group: ["node:*", "fs", "path", "os", "child_process", "util", "buffer"], message: "src/core is pure: no Node APIs." },
];

export default tseslint.config(
  { ignores: ["dist/**", "dist-tsc/**", "out/**", "coverage/**", "node_modules/**", "bin/**", "*.config.js", "test-output/**"] },
  js.configs.recommended,
  { files: ["**/*.js", "**/*.cjs"], languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly", __dirname: "readonly", process: "readonly", console: "readonly" } } },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/excel/**"],
    rules: {
      "no-restricted-syntax": ["error", { selector: "MemberExpression[object.name='Excel'][property.name='run']", message: "Excel.run only in src/excel" }],
    },
  },
  {
    files: ["src/core/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [...CORE_PURE, { group: ["../*"], message: "src/core must not import from outside src/core." }] }] },
  },
  {
    files: ["src/core/*/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [...CORE_PURE, { group: ["../../*"], message: "src/core must not import from outside src/core." }] }] },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      // A function a reader can hold in mind: split anything longer.
      "max-lines-per-function": ["error", { max: 60, skipBlankLines: true, skipComments: true }],
      "no-restricted-globals": ["error", "Excel", "Office", "window", "document", "process", "require", "Buffer"],
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.property.name='toFixed'][callee.object.type='Literal']", message: "use decimal.js" },
        { selector: "CallExpression[callee.name='parseFloat']", message: "money and rates go through decimal.js" },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='round']", message: "money and rates go through decimal.js (ROUND_HALF_UP)" },
        { selector: "MemberExpression[object.name='Excel'][property.name='run']", message: "Excel.run only in src/excel" },
      ],
    },
  },
  {
    // The core's wall: outside src/core, only its public face (src/core/index.ts) is imported.
    files: ["src/**/*.{ts,tsx}", "test/**/*.{ts,tsx}", "bench/**/*.ts", "scripts/**/*.ts"],
    ignores: ["src/core/**", "src/taskpane/**", "src/commands/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [CORE_WALL] }],
    },
  },
  {
    files: ["src/taskpane/**/*.{ts,tsx}", "src/commands/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [CORE_WALL, { group: ["exceljs", "../xlsx/*"], message: "the pane reaches workbooks through a host (src/excel or src/preview)." }] },
      ],
    },
  },
);
