#!/usr/bin/env bash
# The VS Code extension in CI: unit tests, the .vsix build, and the end-to-end test in real
# VS Code (code-server 4.100.3) driven by headless Chromium. Installs what it needs when
# missing (Debian chromium, code-server with the tricks in vscode-extension/e2e/install-tools.sh).
# Screenshots and logs land in vscode-extension/target/.
set -euo pipefail
cd "$(dirname "$0")/.."

timed() {
  local label=$1; shift
  local start=$SECONDS
  "$@"
  echo "vscode-e2e: $label took $((SECONDS - start)) s"
}

timed "tool install check" bash vscode-extension/e2e/install-tools.sh
cd vscode-extension
timed "npm ci" npm ci --no-audit --no-fund --loglevel=error
timed "unit tests" npm test
timed "package" npm run package
version=$(node -p "require('./package.json').version")
timed "end-to-end" node e2e/e2e.mjs "bramble-$version.vsix"
