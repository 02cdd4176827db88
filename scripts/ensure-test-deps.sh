#!/usr/bin/env bash
# What the tests need beyond npm, installed when missing (Debian/Ubuntu), or a clear stop naming it.
# The real-engine tests never skip: without these they cannot run, so the test command fails here.
#   LibreOffice Calc + Writer (headless): recalculates the written formulas, opens the .docx
#   fonts-noto-cjk: Chinese text in rendered pages;  chromium: the task pane end to end
#   libxml2-utils (xmllint): manifest.xml against Microsoft's schemas;  poppler-utils: PDF pages to PNG
#   duktape (duk): an ES5.1 engine, runs the legacy (IE 11) build of the core
set -euo pipefail

missing=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
check() { # check <command-or-empty> <debian package>
  if [ -n "$1" ] && command -v "$1" >/dev/null 2>&1; then return; fi
  if command -v dpkg-query >/dev/null 2>&1 && have_pkg "$2"; then return; fi
  missing+=("$2")
}
check soffice libreoffice-calc-nogui
check "" libreoffice-writer-nogui
check "" fonts-noto-cjk
check chromium chromium
check xmllint libxml2-utils
check pdftoppm poppler-utils
check duk duktape

if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "测试需要的系统软件缺失 / test dependencies missing: ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; else
    echo "请先安装 / install them first:  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "没有 apt-get：请用本系统的包管理器安装 / no apt-get: install with your package manager: ${missing[*]}" >&2
  exit 1
fi
echo "正在安装 / installing: ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
