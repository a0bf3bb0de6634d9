#!/usr/bin/env bash
# Starts Podman's Docker-compatible API at unix:///run/stowage-podman/podman.sock
# (Debian's podman package, as root), unless something already answers there.
# Used by test/integration/podman/, which proves Stowage works against it the way
# it does against dockerd. Everything Podman keeps lives in its own folders
# (/var/lib/stowage-podman, /run/stowage-podman), through its own configuration
# files, so it never shares storage, state or events with dockerd or with a
# `podman` run by hand. Safe to run again.
set -euo pipefail
run=/run/stowage-podman
data=/var/lib/stowage-podman
sock=$run/podman.sock
answers() { curl -fsS --max-time 2 --unix-socket "$sock" http://d/_ping >/dev/null 2>&1; }
if answers; then echo "podman: already answering at unix://$sock"; exit 0; fi
command -v podman >/dev/null || { echo "podman: podman is not installed (run scripts/setup-machine.sh)" >&2; exit 1; }
mkdir -p "$run" "$data"

# These machines have no systemd as PID 1 (so cgroupfs, and events in a file
# rather than journald) and root lacks CAP_SYS_RESOURCE, so no rlimit can be
# raised above what this shell has. Podman asks for nofile=1048576 for every
# container and pins its own nproc to 32768, and runc then fails with "error
# setting rlimit type 7 (then 6): operation not permitted": the containers'
# defaults are what we are allowed, nproc at most the 32768 Podman keeps itself.
cap() { local n=$1 max=$2; [ "$n" = unlimited ] || [ "$n" -gt "$max" ] && n=$max; echo "$n"; }
nofile=$(cap "$(ulimit -Hn)" 1048576)
nproc=$(cap "$(ulimit -Hu)" 32768)
cat >"$data/containers.conf" <<EOF
# Written by scripts/start-podman.sh; rewritten on every start.
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$run/events.log"
tmp_dir = "$run/libpod"
static_dir = "$data/libpod"
volume_path = "$data/volumes"

[network]
network_config_dir = "$data/networks"
EOF
cat >"$data/storage.conf" <<EOF
# Written by scripts/start-podman.sh; rewritten on every start.
[storage]
driver = "overlay"
graphroot = "$data/storage"
runroot = "$run/storage"
EOF
export CONTAINERS_CONF=$data/containers.conf CONTAINERS_STORAGE_CONF=$data/storage.conf

rm -f "$sock"
setsid podman system service --time=0 "unix://$sock" >"$data/podman.log" 2>&1 </dev/null &
echo $! >"$run/podman.pid"
for _ in $(seq 1 60); do
  if answers; then echo "podman: started, Docker API at unix://$sock (log $data/podman.log)"; exit 0; fi
  kill -0 "$(cat "$run/podman.pid")" 2>/dev/null || break
  sleep 0.5
done
echo "podman: the service did not answer at unix://$sock within 30 s; last lines of its log:" >&2
tail -20 "$data/podman.log" >&2
exit 1
