#!/usr/bin/env bash
# Builds the compliance console (src/compliance-console) with the pinned packages of its package-lock.json into its
# git-ignored dist/, which the local host serves at /console. It rebuilds only when the sources or the lock file
# changed since the last build (a stamp beside dist/), so ./run.sh and ./test.sh call it every time.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
app="$root/src/compliance-console"
stamp="$app/dist/.built-from.sha256"
want="$(cd "$app" && find src index.html package.json package-lock.json tsconfig.json vite.config.ts -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)"
if [[ -f "$app/dist/index.html" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is needed to build the console (Debian: apt-get install nodejs npm)." >&2
  exit 1
fi
echo "Building the compliance console (src/compliance-console) ..." >&2
cd "$app"
lock="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -f node_modules/.installed-lock.sha256 || "$(cat node_modules/.installed-lock.sha256)" != "$lock" ]]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$lock" > node_modules/.installed-lock.sha256
fi
npm run --silent build >&2
echo "$want" > "$stamp"
