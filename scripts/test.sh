#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it: type-check and compile, bundle,
# then every test file under node's test runner in one run, so its closing
# summary covers all of them. Needs the engine and registry that
# scripts/setup-machine.sh installs and starts, so it runs that first.
set -euo pipefail
cd "$(dirname "$0")/.."
# Idempotent and quick once done; makes `npm test` work on a fresh machine.
bash scripts/setup-machine.sh
[ -f scripts/install-e2e-tools.sh ] && bash scripts/install-e2e-tools.sh
rm -rf out
npx tsc -p tsconfig.test.json
node esbuild.mjs >/dev/null
mapfile -t files < <(find out/test -name '*.test.js' | sort)
exec node --test --test-concurrency=1 "$@" "${files[@]}"
