#!/usr/bin/env bash
# Installs what the build bench compares dhr with, only when missing (safe to run again):
#   - Hugo from Debian (/usr/bin/hugo; 0.111.3 on Debian bookworm);
#   - Pagefind's binary, from its npm package pinned in package-lock.json (no postinstall download).
# Not part of CI. Uses sudo when not root and sudo exists.
set -euo pipefail
cd "$(dirname "$0")/../.."
SUDO=""
[ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null 2>&1 && SUDO=sudo; }
if [ ! -x /usr/bin/hugo ]; then
  echo "setup: apt-get install hugo"
  $SUDO apt-get update -qq </dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends hugo </dev/null
fi
if ! ls node_modules/@pagefind/*/bin/pagefind >/dev/null 2>&1; then
  echo "setup: npm ci --ignore-scripts (pagefind)"
  npm ci --no-audit --no-fund --ignore-scripts </dev/null
fi
echo "setup: ok ($(/usr/bin/hugo version | head -n1))"
