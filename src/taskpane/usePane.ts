/**
 * The pane's controller: the reducer's state, and the operations the buttons start — each runs the
 * core through the host and dispatches what came back. The options of every detection and run are
 * computed by the pure state module from the state as it will be (reduce applied first).
 */
import * as React from "react";
import type { Issue, Lang, Paragraph, PrintTable, WorkbookHost } from "../core";
import { detect, parseRange, run } from "../core";
import { docxName } from "./download";
import { Action, DetectKind, initialState, PaneState, reduce, RunAction, runOptions, tableOptions } from "./state";

export interface PaneEnvironment {
  /** Whether navigator.clipboard may be used (Excel on the web blocks it). */
  clipboard: boolean;
  /** Makes the .docx (the report and each project's 自评表) and hands it to the user (a download). */
  downloadDocx?: (paragraphs: Paragraph[], forms: PrintTable[]) => Promise<void>;
  /** Issues a ribbon command left for the pane (it opens the pane on them). */
  pendingIssues?: Issue[];
  /** Round trips of the last operation, when the host counts them. */
  roundTrips?: () => number | undefined;
  /** The language the pane starts in (Chinese when absent). */
  lang?: Lang;
}

export interface PaneOps {
  dispatch: React.Dispatch<Action>;
  /** The first detection (where the core finds the table). */
  initial: () => Promise<void>;
  /** A table choice (sheet, header row, 重新识别, a column), then detection on it. */
  redetect: (action: Extract<Action, { type: "sheet" | "pick" | "again" | "field" }>) => Promise<void>;
  /** 以选定行为表头. */
  useSelection: () => Promise<void>;
  run: (what: RunAction, replaceScore?: boolean) => Promise<void>;
  copy: () => Promise<void>;
  downloadWord: () => Promise<void>;
}

const KIND: Record<"sheet" | "pick" | "again" | "field", DetectKind> = { sheet: "sheet", pick: "pick", again: "again", field: "mapping" };

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function usePane(host: WorkbookHost, env: PaneEnvironment): [PaneState, PaneOps] {
  const [state, dispatch] = React.useReducer(reduce, env, (e: PaneEnvironment) => initialState(e.pendingIssues, e.lang));
  const ref = React.useRef(state);
  ref.current = state;
  const envRef = React.useRef(env);
  envRef.current = env;

  const ops = React.useMemo<PaneOps>(() => {
    const envNow = () => envRef.current;
    const detectOn = async (kind: DetectKind, s: PaneState) => {
      dispatch({ type: "busy", what: "detect" });
      try {
        dispatch({ type: "detected", kind, result: await detect(host, kind === "initial" ? {} : tableOptions(s)) });
      } catch (e) {
        dispatch({ type: "failed", message: message(e) });
      }
    };
    const redetect: PaneOps["redetect"] = async (action) => {
      const next = reduce(ref.current, action);
      dispatch(action);
      await detectOn(KIND[action.type], next);
    };
    return {
      dispatch,
      redetect,
      initial: () => detectOn("initial", ref.current),
      useSelection: async () => {
        const sel = host.selection ? await host.selection().catch(() => null) : null;
        if (!sel) return dispatch({ type: "note", key: "noSelection", intent: "warning" });
        await redetect({ type: "pick", sheet: sel.sheet, row: parseRange(sel.address).top });
      },
      run: async (what, replaceScore = false) => {
        const s = ref.current;
        const opts = runOptions(s, what, replaceScore);
        if (what === "makeForms" && Array.isArray(opts.forms) && opts.forms.length === 0) return dispatch({ type: "note", key: "noFormProjects", intent: "warning" });
        dispatch({ type: "busy", what });
        try {
          const r = await run(host, opts);
          const result = { ok: r.ok, table: r.table, issues: r.issues, paragraphs: r.paragraphs, formTables: r.formTables, scoreSheets: r.meta.sheets.filter((x) => x.role === "score").map((x) => x.name) };
          dispatch({ type: "ran", what, result, trips: envNow().roundTrips?.() });
        } catch (e) {
          dispatch({ type: "failed", message: message(e) });
        }
      },
      copy: async () => {
        const text = ref.current.paragraphs.map((p) => p.text).join("\n");
        if (envNow().clipboard && typeof navigator !== "undefined" && navigator.clipboard) {
          try {
            await navigator.clipboard.writeText(text);
            dispatch({ type: "copyText", text: null });
            return dispatch({ type: "note", key: "copied", intent: "success" });
          } catch {
            // blocked (Excel on the web): the selectable text instead
          }
        }
        dispatch({ type: "copyText", text });
        dispatch({ type: "note", key: "copyFallback", intent: "warning" });
      },
      downloadWord: async () => {
        const { paragraphs, formTables } = ref.current;
        const download = envNow().downloadDocx;
        if (!download || !paragraphs.length) return;
        try {
          await download(paragraphs, formTables);
          dispatch({ type: "note", key: "docxDone", intent: "success", params: { name: docxName(paragraphs) } });
        } catch (e) {
          dispatch({ type: "failed", message: message(e) });
        }
      },
    };
  }, [host]);

  React.useEffect(() => {
    void ops.initial(); // the first detection, once
  }, [ops]);

  return [state, ops];
}
