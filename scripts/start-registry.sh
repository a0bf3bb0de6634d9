#!/usr/bin/env bash
# Starts Debian's docker-registry on 127.0.0.1:5000 with htpasswd authentication,
# for the tests' push/pull/login. Like the engine, it is one per machine: its state
# and test account live in /var/lib/stowage-registry, and every checkout gets a copy
# of the account in its .run/registry.env (mode 0600) for the tests to read, never
# passed in argv, never logged.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
run=${STOWAGE_REGISTRY_STATE:-/var/lib/stowage-registry}
addr=${STOWAGE_REGISTRY_ADDR:-127.0.0.1:5000}
account="$run/registry.env"
mkdir -p "$run/data" "$root/.run"
share_account() { install -m 0600 "$account" "$root/.run/registry.env"; }
# Names test runs left hours ago would otherwise pile up in the catalog for good.
node "$root/scripts/prune-test-repositories.mjs" "$run/data" || echo "registry: could not prune old test repositories (above); going on" >&2
if curl -s -o /dev/null --max-time 2 "http://$addr/v2/"; then
  if [ -f "$account" ]; then share_account; echo "registry: already answering at $addr"; exit 0; fi
  echo "registry: something already answers at $addr, but not one this script started (no $account), so its account is unknown" >&2
  exit 1
fi
umask 077
if [ ! -f "$account" ]; then
  user=stowage
  pass=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  printf 'STOWAGE_REGISTRY=%s\nSTOWAGE_REGISTRY_USER=%s\nSTOWAGE_REGISTRY_PASSWORD=%s\n' "$addr" "$user" "$pass" > "$account"
fi
share_account
# shellcheck disable=SC1091
. "$account"
# htpasswd reads the password from stdin (-i), so it never appears in a process list.
printf '%s' "$STOWAGE_REGISTRY_PASSWORD" | htpasswd -iBn "$STOWAGE_REGISTRY_USER" > "$run/htpasswd"
cat > "$run/config.yml" <<YML
version: 0.1
log: {level: warn}
storage:
  filesystem: {rootdirectory: $run/data}
  delete: {enabled: true}
http: {addr: $addr}
auth:
  htpasswd: {realm: stowage-test, path: $run/htpasswd}
YML
setsid docker-registry serve "$run/config.yml" >"$run/registry.log" 2>&1 < /dev/null &
for _ in $(seq 1 40); do
  if curl -s -o /dev/null --max-time 2 "http://$addr/v2/"; then echo "registry: started at $addr (auth: htpasswd)"; exit 0; fi
  sleep 0.25
done
echo "registry: did not answer at $addr; log:" >&2; tail -20 "$run/registry.log" >&2; exit 1
