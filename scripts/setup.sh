#!/usr/bin/env bash
# Set up everything yusuan needs on a fresh Debian machine: system packages (CJK fonts, poppler),
# a virtual environment in .venv with yusuan and its test tools. Safe to run again: it only does
# what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: Noto CJK fonts (charts, PDF), poppler (pdftoppm for looking at rendered PDFs),
# AR PL UMing (a TrueType 宋体-style face the PDF embeds for body text), Liberation Serif (the
# Times-style face of the digits and Latin letters in that text).
# libgl1 and libglib2.0-0: the shared libraries OpenCV (used by OCR) loads.
# postgresql: the server the store's tests start a throwaway cluster of (initdb, pg_ctl).
# chromium and chromium-driver: the real browser the web page's tests drive (through Selenium).
DEBS=(fonts-noto-cjk fonts-wqy-zenhei poppler-utils fonts-arphic-uming fonts-liberation2 libgl1 libglib2.0-0 postgresql chromium chromium-driver)
missing=()
for deb in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "install ok installed" || missing+=("$deb")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install (as root): apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

# Python environment.
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.yusuan-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing Python packages into .venv" >&2
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e '.[dev]'
  touch "$stamp"
fi
