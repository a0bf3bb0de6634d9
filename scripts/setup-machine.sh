#!/usr/bin/env bash
# Makes a fresh Debian machine ready for Stowage's tests and for launching it:
# installs what is missing from Debian's packages and npm, then starts a Docker
# engine (only if none answers) and an authenticating registry on 127.0.0.1:5000.
# Safe to run again: every step checks before it acts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

need=()
for pair in dockerd:docker.io docker-registry:docker-registry htpasswd:apache2-utils \
            busybox:busybox-static chromium:chromium pass:pass \
            docker-credential-pass:golang-docker-credential-helpers gpg:gnupg \
            iptables:iptables curl:curl; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair#*:}")
done
# The static busybox is the only base image we can have without Docker Hub.
[ -x /bin/busybox ] && file -L /bin/busybox 2>/dev/null | grep -q "statically" || need+=(busybox-static)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" file >/dev/null
fi

cd "$root"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi

bash "$here/start-engine.sh"
bash "$here/start-registry.sh"
