#!/usr/bin/env bash
# Installs what the end-to-end test needs when it is missing, so the test runs on a fresh
# Debian machine (CI) as well as on a developer's: Debian chromium, and code-server 4.100.3
# (the newest VS Code build that accepts Node 20), with the settings its install needs here
# (npm_config_unsafe_perm, npm_config_yes and a local ripgrep archive: see below).
# Prints the seconds each install took, so the README's numbers can be checked.
set -euo pipefail

TOOLS_DIR="${BRAMBLE_E2E_TOOLS:-$HOME/.cache/bramble-e2e}"
CODE_SERVER_VERSION=4.100.3
mkdir -p "$TOOLS_DIR"

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if [ ! -x /usr/bin/chromium ]; then
  start=$SECONDS
  apt_install chromium fonts-dejavu-core
  echo "install: chromium in $((SECONDS - start)) s"
fi

code_server="$TOOLS_DIR/code-server/node_modules/.bin/code-server"
if [ ! -x "$code_server" ]; then
  start=$SECONDS
  # Native modules (node-pty, kerberos, native-keymap, @vscode/spdlog) build from source.
  apt_install ripgrep build-essential python3 libkrb5-dev libxkbfile-dev libsecret-1-dev
  # @vscode/ripgrep's postinstall downloads rg from a host we cannot reach; it first looks in
  # $TMPDIR/vscode-ripgrep-cache-<ver>/ for the archive, so hand it Debian's rg there.
  export TMPDIR="$TOOLS_DIR/tmp"
  cache="$TMPDIR/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$cache"
  tar -czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg
  mkdir -p "$TOOLS_DIR/code-server"
  (cd "$TOOLS_DIR/code-server" &&
    [ -f package.json ] || echo '{"name":"bramble-e2e-tools","private":true}' > package.json)
  (cd "$TOOLS_DIR/code-server" &&
    npm_config_unsafe_perm=true npm_config_yes=true \
      npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
  echo "install: code-server $CODE_SERVER_VERSION in $((SECONDS - start)) s"
fi

playwright="$TOOLS_DIR/code-server/node_modules/playwright-core"
if [ ! -d "$playwright" ]; then
  start=$SECONDS
  (cd "$TOOLS_DIR/code-server" && npm install --no-audit --no-fund --loglevel=error playwright-core@1)
  echo "install: playwright-core in $((SECONDS - start)) s"
fi
echo "tools ready in $TOOLS_DIR"
