/** The house's walls, checked with the project's own ESLint configuration. */
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "..");

/** ESLint run as the project runs it (its CLI; the flat config is an ES module Jest cannot load). */
async function problems(file: string, code: string): Promise<string[]> {
  const cli = spawnSync(process.execPath, [path.join(root, "node_modules/eslint/bin/eslint.js"), "--stdin", "--stdin-filename", file, "--format", "json"], { cwd: root, input: code, encoding: "utf8" });
  const [result] = JSON.parse(cli.stdout) as { messages: { ruleId: string; message: string }[] }[];
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

test.each([
  ["src/taskpane/Example.tsx", 'import { a1 } from "../core/a1";\nexport const x = a1(1, 1);\n'],
  ["src/excel/example.ts", 'import { a1 } from "../core/a1";\nexport const x = a1(1, 1);\n'],
  ["test/example.test.ts", 'import { a1 } from "../src/core/a1";\nexport const x = a1(1, 1);\n'],
  ["bench/example.ts", 'import { plan } from "../src/core/operations";\nexport const x = plan;\n'],
])("a deep import into the core from %s fails lint", async (file, code) => {
  expect((await problems(file, code)).join("\n")).toMatch(/no-restricted-imports: .*public face/);
});

test.each([
  ["src/taskpane/Example.tsx", 'import { a1 } from "../core";\nexport const x = a1(1, 1);\n'],
  ["test/example.test.ts", 'import { a1 } from "../src/core";\nexport const x = a1(1, 1);\n'],
])("the public face is allowed from %s", async (file, code) => {
  expect(await problems(file, code)).toEqual([]);
});

test.each([
  ["src/core/example.ts", 'import { ExcelHost } from "../excel/host";\nexport const x = ExcelHost;\n'],
  ["src/core/read/example.ts", 'import { ExcelHost } from "../../excel/host";\nexport const x = ExcelHost;\n'],
])("the core never reaches outside itself (%s)", async (file, code) => {
  expect((await problems(file, code)).join("\n")).toMatch(/must not import from outside src\/core/);
});

test("the core imports no Office, React or Node", async () => {
  const out = await problems("src/core/example.ts", 'import { readFileSync } from "node:fs";\nimport * as React from "react";\nexport const x = [readFileSync, React];\n');
  expect(out.filter((m) => m.startsWith("no-restricted-imports"))).toHaveLength(2);
});
