#!/usr/bin/env bash
# `npm run bench`: every benchmark, each beside its reference in the same run,
# reported as ratios. Needs the engine and registry (started here if missing).
# One benchmark alone: `bash scripts/bench.sh listImages` (matches *listImages*Bench.js).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-machine.sh >/dev/null
rm -rf out
npx tsc -p tsconfig.test.json
node esbuild.mjs --production >/dev/null
mkdir -p bench-results
filter=${1:-}
status=0
for f in out/scripts/bench/*Bench.js; do
  case "$f" in *"$filter"*) ;; *) continue ;; esac
  name=$(basename "$f" .js)
  echo "=== $name"
  if node --expose-gc "$f" | tee "bench-results/$name.txt"; then :; else status=1; echo "$name failed" >&2; fi
done
grep -h '^BENCH ' bench-results/*.txt > bench-results/summary.jsonl || true
echo "Summary lines in bench-results/summary.jsonl"
exit $status
