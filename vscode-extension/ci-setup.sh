#!/usr/bin/env bash
# Prepares the vscode-extension tests: Debian's chromium and ripgrep, code-server (a real VS Code,
# installed outside the npm workspace into a cache kept between runs) and the extension bundle.
# Idempotent; quick when everything is already there. Run from anywhere, as root, no stdin needed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CODE_SERVER_VERSION=4.100.3
cache="${ISCCC_CACHE:-$HOME/.cache/isccc-flow}"
prefix="$cache/code-server-$CODE_SERVER_VERSION"
package="$prefix/node_modules/code-server"
marker="$prefix/.isccc-ready"
export npm_config_yes=true npm_config_loglevel=error npm_config_fund=false npm_config_audit=false

log() { echo "vscode-extension/ci-setup.sh: $*"; }

debian_packages() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v rg >/dev/null || missing+=(ripgrep)
  # kerberos (a VS Code server dependency) builds against krb5-config; node-gyp needs a compiler.
  command -v krb5-config >/dev/null || missing+=(libkrb5-dev)
  command -v g++ >/dev/null || missing+=(build-essential)
  command -v python3 >/dev/null || missing+=(python3)
  if ((${#missing[@]})); then
    log "installing Debian packages: ${missing[*]}"
    flock /tmp/isccc-apt.lock sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing[*]} >/dev/null"
  fi
}

# What code-server's postinstall.sh does, minus downloads: it cannot run as is (as root it demands
# --unsafe-perm, and @vscode/ripgrep's own postinstall fetches rg from GitHub).
install_code_server() {
  [[ -f "$marker" ]] && return
  log "installing code-server $CODE_SERVER_VERSION into $prefix"
  rm -rf "$prefix"
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-save --ignore-scripts "code-server@$CODE_SERVER_VERSION"
  (cd "$prefix" && npm rebuild argon2)

  local vscode="$package/lib/vscode"
  (cd "$vscode" && npm install --omit=dev --ignore-scripts --unsafe-perm)
  mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"
  cp "$(command -v rg)" "$vscode/node_modules/@vscode/ripgrep/bin/rg"
  (cd "$vscode" && npm rebuild kerberos node-pty @vscode/spdlog native-watchdog @vscode/deviceid)
  ln -sfn node_modules "$vscode/node_modules.asar"
  ln -sfn code-linux.sh "$vscode/bin/remote-cli/code-server"
  ln -sfn browser-linux.sh "$vscode/bin/helpers/browser.sh"
  (cd "$vscode/extensions" && npm install --omit=dev --ignore-scripts --unsafe-perm && node ./postinstall.mjs >/dev/null)

  # Fails here, not in the tests, when a native module did not build.
  (cd "$vscode" && node -e "for (const m of ['node-pty', 'kerberos', '@vscode/spdlog', 'native-watchdog']) require(m)")
  (cd "$prefix" && node -e "require('argon2')")
  echo "$CODE_SERVER_VERSION" >"$marker"
}

debian_packages
mkdir -p "$cache"
# Two runs on one machine must not install into the same folder at once.
exec 9>"$cache/.code-server.lock"
flock 9
install_code_server
flock -u 9

log "building the extension bundle"
# The bundle embeds the compiled language server; .ci/run's `tsc -b` built it already, this is a no-op then.
node "$here/../node_modules/typescript/bin/tsc" -b "$here/../language-server"
node "$here/build.mjs"
log "ready: code-server $CODE_SERVER_VERSION at $package, chromium at $(command -v chromium)"
