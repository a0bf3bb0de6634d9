#!/usr/bin/env bash
# Makes a fresh Debian machine ready for Stowage's tests and for launching it:
# installs what is missing from Debian's packages and npm, then starts a Docker
# engine (only if none answers), an authenticating registry on 127.0.0.1:5000
# and Podman's Docker-compatible API at unix:///run/stowage-podman/podman.sock.
# Safe to run again: every step checks before it acts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

need=()
for pair in dockerd:docker.io docker-registry:docker-registry htpasswd:apache2-utils \
            busybox:busybox-static chromium:chromium pass:pass \
            docker-credential-pass:golang-docker-credential-helpers gpg:gnupg \
            iptables:iptables curl:curl ip:iproute2 nsenter:util-linux mount:mount \
            skopeo:skopeo openssl:openssl \
            /usr/sbin/sshd:openssh-server ssh-keygen:openssh-client; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair#*:}")
done
# sshd (openssh-server): test/support/sshServer.ts runs one on 127.0.0.1 for ssh:// engines.
# ip (iproute2), nsenter (util-linux) and mount: test/faults runs a second dockerd in a
# network namespace of its own and fills small tmpfs disks (test/support/secondEngine.ts).
# The static busybox is the only base image we can have without Docker Hub.
[ -x /bin/busybox ] && file -L /bin/busybox 2>/dev/null | grep -q "statically" || need+=(busybox-static)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # With recommends: that is what every test here ran against (Chromium's fonts for
  # readable screenshots, xz-utils and cgroupfs-mount for dockerd).
  apt-get install -y -qq "${need[@]}" file >/dev/null
fi
# Podman (rootful, native overlay, CNI bridge) needs nothing beyond its own
# dependencies here: no uidmap, slirp4netns or fuse-overlayfs. Only the Podman test
# needs it, so failing to install it must not stop the rest of setup.
if ! command -v podman >/dev/null 2>&1; then
  echo "setup: installing podman"
  export DEBIAN_FRONTEND=noninteractive
  { [ ${#need[@]} -gt 0 ] || apt-get update -qq; } &&
    apt-get install -y -qq --no-install-recommends podman >/dev/null ||
    echo "setup: podman could not be installed (above); test/integration/podman will fail" >&2
fi

cd "$root"
# A git worktree whose node_modules is a link to another checkout's shares that
# checkout's install: `npm ci` there would wipe the modules every worktree uses.
if [ -L node_modules ]; then
  :
elif [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi

bash "$here/start-engine.sh"
bash "$here/start-registry.sh"
# Last, and allowed to fail: only test/integration/podman needs it, and that test says so.
bash "$here/start-podman.sh" || echo "setup: Podman's API did not start (why is above); test/integration/podman will fail until it does" >&2
