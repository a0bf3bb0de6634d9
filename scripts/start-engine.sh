#!/usr/bin/env bash
# Starts dockerd (Debian's docker.io) unless an engine already answers at
# $DOCKER_HOST or /var/run/docker.sock. Its state lives under /var/lib/stowage-docker.
set -euo pipefail
sock=${DOCKER_HOST:-unix:///var/run/docker.sock}
sock=${sock#unix://}
answers() { curl -fsS --max-time 2 --unix-socket "$sock" http://d/_ping >/dev/null 2>&1; }
if answers; then echo "engine: already answering at unix://$sock"; exit 0; fi
command -v dockerd >/dev/null || { echo "engine: dockerd is not installed (run scripts/setup-machine.sh)" >&2; exit 1; }
data=/var/lib/stowage-docker
mkdir -p "$data/root" "$data/exec"
rm -f "$sock" "$data/dockerd.pid"
setsid dockerd --host "unix://$sock" --data-root "$data/root" --exec-root "$data/exec" \
  --pidfile "$data/dockerd.pid" >"$data/dockerd.log" 2>&1 < /dev/null &
for _ in $(seq 1 60); do
  if answers; then echo "engine: started at unix://$sock (log $data/dockerd.log)"; exit 0; fi
  sleep 0.5
done
echo "engine: dockerd did not answer within 30 s; last lines of its log:" >&2
tail -20 "$data/dockerd.log" >&2
exit 1
