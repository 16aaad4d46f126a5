#!/usr/bin/env bash
# Installs what the end-to-end tests need, and skips whatever is already there:
#   - Debian packages: Chromium (the browser Playwright drives), ripgrep (VS Code's search, seeded into
#     code-server's install below), and the tool chain code-server's native modules are compiled with;
#   - code-server at a pinned version (VS Code's workbench and extension host, from npm) in .e2e/code-server.
# playwright-core and @vscode/vsce are pinned devDependencies of the project, installed by `npm ci`.
# See ../shared/e2e/RECIPE.md for how each pitfall below was found.
set -euo pipefail
cd "$(dirname "$0")/.."

E2E_ROOT=${E2E_ROOT:-$PWD/.e2e}
# 4.100.x is the last code-server line that runs on Node 20 (VS Code 1.100.3).
CODE_SERVER_VERSION=4.100.3
# code-server 4.100.3 pins @vscode/ripgrep 1.15.11 (lib/vscode/npm-shrinkwrap.json), whose postinstall downloads this
# asset from GitHub unless its cache holds it (@vscode/ripgrep/lib/postinstall.js). Both change with CODE_SERVER_VERSION.
RIPGREP_PACKAGE_VERSION=1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
APT_PACKAGES=(chromium ripgrep build-essential python3 pkg-config libkrb5-dev libsecret-1-dev curl)

now() { date +%s%N; }
step() {
  local name=$1 started
  shift
  started=$(now)
  "$@"
  printf 'setup-e2e: %-34s %6.1fs\n' "$name" "$(( ($(now) - started) / 1000000 ))e-3"
}

apt_packages() {
  local missing=() package
  for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "setup-e2e: apt packages already installed"
    return
  fi
  echo "setup-e2e: installing ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

code_server() {
  local bin="$E2E_ROOT/code-server/node_modules/.bin/code-server"
  if [ -x "$bin" ] && [ "$(cat "$E2E_ROOT/code-server/installed" 2>/dev/null)" = "$CODE_SERVER_VERSION" ]; then
    echo "setup-e2e: code-server $CODE_SERVER_VERSION already installed"
    return
  fi
  echo "setup-e2e: installing code-server $CODE_SERVER_VERSION (about a minute: node-gyp compiles its native modules)"
  # Seed @vscode/ripgrep's download cache with a tarball holding Debian's rg, so its postinstall reaches no GitHub.
  local cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION"
  mkdir -p "$cache" "$E2E_ROOT/ripgrep"
  cp /usr/bin/rg "$E2E_ROOT/ripgrep/rg"
  tar czf "$cache/$RIPGREP_ASSET" -C "$E2E_ROOT/ripgrep" rg
  rm -rf "$E2E_ROOT/code-server"
  mkdir -p "$E2E_ROOT/code-server"
  echo '{ "private": true }' > "$E2E_ROOT/code-server/package.json"
  # node-pty's postinstall runs `npx node-gyp`, which an npmrc with `yes=false` cancels; code-server's postinstall
  # refuses to run as root without unsafe-perm; node-gyp takes Node's headers from /usr/include/node, not the network.
  if ! (cd "$E2E_ROOT/code-server" &&
    npm_config_yes=true npm_config_unsafe_perm=true npm_config_nodedir="${npm_config_nodedir:-/usr}" \
      npm install --no-save --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" > "$E2E_ROOT/code-server-install.log" 2>&1); then
    tail -40 "$E2E_ROOT/code-server-install.log"
    echo "setup-e2e: installing code-server failed; the whole log is $E2E_ROOT/code-server-install.log" >&2
    return 1
  fi
  # Without --config, code-server writes ~/.config/code-server/config.yaml.
  printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$E2E_ROOT/code-server/config.yaml"
  "$bin" --config "$E2E_ROOT/code-server/config.yaml" --version | head -1
  echo "$CODE_SERVER_VERSION" > "$E2E_ROOT/code-server/installed"
}

project_tools() {
  local missing=() tool
  for tool in playwright-core @vscode/vsce; do
    [ -f "node_modules/$tool/package.json" ] || missing+=("$tool")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup-e2e: ${missing[*]} missing from node_modules: run \`npm ci\` first" >&2
    return 1
  fi
}

started=$(now)
mkdir -p "$E2E_ROOT"
step "apt packages" apt_packages
step "code-server $CODE_SERVER_VERSION" code_server
project_tools
printf 'setup-e2e: %-34s %6.1fs\n' "total" "$(( ($(now) - started) / 1000000 ))e-3"
