/**
 * What the pane says where this Excel cannot run the add-in (Office 2016 volume-licensed has only
 * ExcelApi 1.1 and no ribbon commands): plainly, in Chinese, what to use instead. Plain DOM, ES5.
 */
import { MIN_EXCEL_API } from "../excel/host";

export const UNSUPPORTED_TITLE = "此版本的 Excel 无法运行绩效自评助手";

export const UNSUPPORTED_LINES = [
  `本助手需要 Excel JavaScript API ${MIN_EXCEL_API} 或更高版本；当前的 Excel（例如 Office 2016 批量许可版）只提供 1.1 版，也不支持功能区按钮。`,
  "请改用以下任一种：",
  "· Office 2019 或更高版本（2019、2021、2024，零售版或批量许可版均可）；",
  "· Microsoft 365 订阅版的 Excel；",
  "· Excel 网页版（在浏览器中打开工作簿）；",
  "· 独立网页版：不需要 Excel，在浏览器中打开本助手的网页，选择工作簿文件即可（请向单位的信息管理员索取地址）。",
];

/** Replaces the element's contents with the message. */
export function showUnsupported(root: HTMLElement): void {
  root.innerHTML = "";
  const box = document.createElement("div");
  box.setAttribute("role", "alert");
  box.style.padding = "12px";
  box.style.fontFamily = "'Microsoft YaHei', sans-serif";
  box.style.fontSize = "13px";
  const h = document.createElement("h1");
  h.style.fontSize = "16px";
  h.textContent = UNSUPPORTED_TITLE;
  box.appendChild(h);
  for (const line of UNSUPPORTED_LINES) {
    const p = document.createElement("p");
    p.textContent = line;
    box.appendChild(p);
  }
  root.appendChild(box);
}
