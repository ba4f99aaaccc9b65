#!/usr/bin/env bash
# npm run fuzz: schemathesis (from PyPI, in a venv under .argmap/) against the live OpenAPI document of
# the real server on its own embedded Neo4j (a fresh store under .argmap/fuzz), every operation with at
# least 100 generated cases and every check. Exits non-zero on any failure.
# FUZZ_EXAMPLES (default 100) and FUZZ_ARGS (more schemathesis options) adjust a run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

command -v python3 >/dev/null || { echo "argmap fuzz needs Python 3.10+ with venv (Debian: apt-get install python3-venv)" >&2; exit 1; }
VENV=.argmap/fuzz-venv
if [ ! -x "$VENV/bin/st" ]; then
  echo "argmap fuzz: installing schemathesis from PyPI into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis>=4.3,<5"
fi

DATA=.argmap/fuzz
rm -rf "$DATA"
mkdir -p "$DATA"
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
PORT=$(free_port)
TOKEN="fuzz-$(node -e 'console.log(require("crypto").randomBytes(16).toString("hex"))')"

# Rate limits off: the fuzzer is one address sending thousands of writes and wrong tokens on purpose,
# and it is the routes behind the limits that are under test (tests/security.test.ts covers the limits).
ARGMAP_DATA_DIR="$DATA" PORT="$PORT" ARGMAP_NEO4J_PORT="$(free_port)" ARGMAP_TOKEN="$TOKEN" \
  ARGMAP_RATE_WRITES=0 ARGMAP_RATE_AUTH_FAILURES=0 \
  node --import tsx server/main.ts >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  grep -q "ready at" "$DATA/server.log" && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$DATA/server.log" >&2; echo "argmap fuzz: the server did not start" >&2; exit 1; }
  sleep 1
done
grep -q "ready at" "$DATA/server.log" || { cat "$DATA/server.log" >&2; echo "argmap fuzz: the server did not start within 240 s" >&2; exit 1; }

echo "argmap fuzz: schemathesis against http://127.0.0.1:$PORT/api/openapi.json (server log: $DATA/server.log)" >&2
set +e
# shellcheck disable=SC2086
"$VENV/bin/st" --config-file scripts/schemathesis.toml run "http://127.0.0.1:$PORT/api/openapi.json" \
  --checks all \
  --max-examples "${FUZZ_EXAMPLES:-100}" \
  --header "Authorization: Bearer $TOKEN" \
  --request-timeout 30 \
  --report junit,ndjson --report-dir "$DATA/report" \
  --generation-database none \
  --no-color ${FUZZ_ARGS:-}
STATUS=$?
set -e
if grep -q " → 500" "$DATA/server.log"; then
  echo "argmap fuzz: the server answered 500 (see $DATA/server.log):" >&2
  grep " → 500" "$DATA/server.log" | head -20 >&2
  STATUS=1
fi
exit "$STATUS"
