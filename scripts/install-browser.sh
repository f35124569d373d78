#!/bin/sh
# Install Debian's Chromium for the browser tests, if it is not there yet.
# Playwright drives it at /usr/bin/chromium; Playwright's own browser download is not used.
set -e
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "error: /usr/bin/chromium is missing; install Debian's 'chromium' package (as root: apt-get install chromium)" >&2
  exit 1
fi
echo "installing Debian's chromium for the browser tests..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
