/**
 * Issues a ribbon command found, left for the pane: the command runs in its own page, so it hands
 * them over through localStorage (same origin) and opens the pane where Excel allows it.
 */
import type { Issue } from "../core";

const KEY = "selfeval.pendingIssues";

export function leavePendingIssues(issues: Issue[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(issues));
  } catch {
    // storage unavailable: the pane simply detects again
  }
}

export function takePendingIssues(): Issue[] {
  try {
    const v = localStorage.getItem(KEY);
    localStorage.removeItem(KEY);
    return v ? (JSON.parse(v) as Issue[]) : [];
  } catch {
    return [];
  }
}

/** The pending issues without taking them (the dialog shows them; the pane takes them later). */
export function peekPendingIssues(): Issue[] {
  try {
    const v = localStorage.getItem(KEY);
    return v ? (JSON.parse(v) as Issue[]) : [];
  } catch {
    return [];
  }
}
