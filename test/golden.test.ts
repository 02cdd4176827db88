/** Section 三 of the seed report, written from the bundled sample, line for line. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { FIXTURES, SAMPLE, runCli, sectionThreeOf, tempDir } from "./helpers/books";

test("section 三 from the bundled sample equals the expected text line for line", async () => {
  const dir = tempDir();
  const res = await runCli(["report", SAMPLE, "-o", path.join(dir, "out.xlsx"), "--text", path.join(dir, "report.txt"), "--json", path.join(dir, "facts.json")]);
  const got = sectionThreeOf(readFileSync(path.join(dir, "report.txt"), "utf8").split("\n"));
  const want = readFileSync(path.join(FIXTURES, "expected-section-3.txt"), "utf8").split("\n").filter((l) => l !== "");
  expect(got.length).toBe(want.length);
  want.forEach((line, i) => expect(`${i + 1}: ${got[i]}`).toBe(`${i + 1}: ${line}`));

  const facts = JSON.parse(readFileSync(path.join(dir, "facts.json"), "utf8"));
  expect(facts.unit).toBe("元");
  // No 年初 or 执行 column in this table: those figures are absent (null), never 0.
  expect(facts.projects[0]).toEqual({ row: 4, name: "友好商会交流工作经费", initial: null, budget: "50000", invested: "39660", executed: null, rate: "0.7932", rateText: "79.32%", execRate: null, execRateText: null });
  expect(facts.projects).toHaveLength(11);
  expect(facts.totals.budget).toBe(facts.projects.reduce((s: number, p: { budget: string }) => s + Number(p.budget), 0).toString());
  // The fund table itself is clean; the sample's other sheets carry the seed's faults (test/report.test.ts).
  expect(facts.issues.filter((i: { sheet: string }) => i.sheet === "项目资金表")).toEqual([]);
  expect(res.code).toBe(1); // the seed's 23.74 ≠ −44.99 + 68.71 is an error in the data
});

test("the CSV the sample was built from gives the same section 三", async () => {
  const dir = tempDir();
  const csv = path.join(__dirname, "..", "assets", "samples", "bishan-2020", "fund-table.csv");
  const res = await runCli(["report", csv, "-o", path.join(dir, "out.xlsx"), "--text", path.join(dir, "report.txt")]);
  expect(res.code).toBe(0);
  const got = sectionThreeOf(readFileSync(path.join(dir, "report.txt"), "utf8").split("\n"));
  expect(got.join("\n") + "\n").toBe(readFileSync(path.join(FIXTURES, "expected-section-3.txt"), "utf8"));
  // The CSV has no 单位 row: the unit comes from the headers "（元）".
  expect(res.err).not.toMatch(/按“元”处理/);
});
