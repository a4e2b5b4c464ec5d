#!/usr/bin/env bash
# Installs the pinned Azurite (tools/azurite/package-lock.json) into the git-ignored tools/azurite/node_modules,
# once, and again whenever the lock file changes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
stamp="$here/node_modules/.installed-lock.sha256"
want="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
if [[ -x "$here/node_modules/.bin/azurite" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is needed to install Azurite (Debian: apt-get install nodejs npm)." >&2
  exit 1
fi
echo "Installing Azurite $(grep -m1 '"azurite"' "$here/package.json" | tr -d ' ",' | cut -d: -f2) into tools/azurite/node_modules ..." >&2
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
echo "$want" > "$stamp"
