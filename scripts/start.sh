#!/usr/bin/env bash
# Quick start, command 1: install what is needed, then run the database, seed, server and client
# at http://localhost:${PORT:-3000}. Ctrl-C stops everything (server, then driver, then Neo4j).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run -s build:client
# node itself (not a tsx CLI relaying signals to a child): a signal, or a kill -9, reaches the server.
exec node --import tsx server/main.ts
