#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it: type-check and compile, bundle,
# then every test file under node's test runner in one run, so its closing
# summary covers all of them. Needs the engine and registry that
# scripts/setup-machine.sh starts (tests that need them say so when absent).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf out
npx tsc -p tsconfig.test.json
node esbuild.mjs >/dev/null
mapfile -t files < <(find out/test -name '*.test.js' | sort)
exec node --test --test-concurrency=1 "$@" "${files[@]}"
