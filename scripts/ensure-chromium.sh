#!/usr/bin/env bash
# Installs Debian's Chromium for the insights page screenshot test when it is missing and this
# user may install packages (root, as on CI). Otherwise it prints why and the test skips itself.
set -uo pipefail
if [ -x /usr/bin/chromium ] || [ -x /usr/bin/chromium-browser ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "ensure-chromium: Chromium is missing and cannot be installed here; its test will skip"
  exit 0
fi
echo "ensure-chromium: installing Debian's chromium package for the screenshot test"
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
  >/tmp/ensure-chromium.log 2>&1; then
  echo "ensure-chromium: apt-get failed (see /tmp/ensure-chromium.log); the test will skip"
fi
exit 0
