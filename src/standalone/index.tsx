/**
 * The standalone page (dist/standalone/): the whole job in any modern browser, offline, on the
 * user's own workbook — for WPS, older Office and machines without the add-in. A plain script
 * (no modules, no fetch, no workers), so that it runs from a web server and from file:// alike.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { Page } from "./Page";

createRoot(document.getElementById("root")!).render(<Page />);
