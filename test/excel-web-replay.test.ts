import { readFileSync } from "node:fs";
import { run } from "../src/core";
import { ExcelHost } from "../src/excel/host";
import { XlsxHost } from "../src/xlsx/host";
import { SAMPLE } from "./helpers/books";
import { ExcelWebReplay } from "./helpers/excel-web";
import { OfficeDouble, bookFromSnapshot } from "./helpers/office-double";

test("probe", async () => {
  const d = new OfficeDouble(bookFromSnapshot(await (await XlsxHost.fromBuffer(readFileSync(SAMPLE), "xlsx")).read()));
  const web = new ExcelWebReplay(d);
  const host = new ExcelHost(web.run, d.isSetSupported);
  const r = await run(host, { mode: "formulas", scheme: "department" });
  console.log(r.ok, host.syncs, web.exchanges);
  const r2 = await run(host, { mode: "formulas" });
  console.log(r2.ok, host.syncs, web.exchanges.slice(3), r2.issues.map(i=>i.code));
});
