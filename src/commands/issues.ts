/** The dialog a ribbon command opens on the issues it found (plain DOM, built to ES5: small and quick). */
import { issueLine, sortIssues } from "../core";
import { showUnsupported } from "../legacy/unsupported";
import { peekPendingIssues } from "./pending";

Office.onReady(() => {
  const list = document.getElementById("list")!;
  if (/[?&]unsupported=1/.test(location.search)) {
    showUnsupported(list.parentElement!);
    return;
  }
  for (const i of sortIssues(peekPendingIssues()).slice(0, 50)) {
    const li = document.createElement("li");
    li.textContent = issueLine(i); // text, never HTML
    list.appendChild(li);
  }
  document.getElementById("close")!.addEventListener("click", () => Office.context.ui.messageParent("close"));
});
