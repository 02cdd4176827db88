/**
 * The page's code for Internet Explorer 11 and Edge Legacy (taskpane.html chooses it): the legacy
 * pane, and the ribbon's functions registered as in the modern page. Built to ES5.
 */
import "./polyfills";
import { canDownload, downloadDocx } from "../taskpane/download";
import { mountLegacyPane } from "./pane";
import { startPane } from "./start";

startPane((root, host) => (pendingIssues) => mountLegacyPane(root, host, { pendingIssues, downloadDocx: canDownload() ? downloadDocx : undefined, roundTrips: () => host.syncs }));
