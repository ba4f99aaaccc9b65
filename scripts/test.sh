#!/usr/bin/env bash
# Quick start, command 2: install what is needed, then run every test against a real Neo4j
# (embedded unless NEO4J_URI is set) and real Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -d tests/browser ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "argmap: installing Debian's chromium for the browser tests" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "argmap: the browser tests need Debian's chromium: sudo apt-get install chromium" >&2
    exit 1
  fi
fi
# Cheapest first: lint (ESLint, type-aware), the type check (TypeScript 7's native compiler), then the tests.
npm run -s lint
npm run -s typecheck
if [ -d client ]; then npm run -s build:client; fi
exec npx vitest run "$@"
