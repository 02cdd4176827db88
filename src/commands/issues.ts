/** The dialog a ribbon command opens on the issues it found (plain DOM: small and quick). */
import { issueLine, sortIssues } from "../core";
import { peekPendingIssues } from "./pending";

Office.onReady(() => {
  const list = document.getElementById("list")!;
  for (const i of sortIssues(peekPendingIssues()).slice(0, 50)) {
    const li = document.createElement("li");
    li.textContent = issueLine(i); // text, never HTML
    list.appendChild(li);
  }
  document.getElementById("close")!.addEventListener("click", () => Office.context.ui.messageParent("close"));
});
