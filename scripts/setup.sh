#!/usr/bin/env bash
# Installs what argmap needs, idempotently: Java 17 and Maven (Debian packages, when missing),
# node_modules from the lockfile, and the embedded Neo4j launcher (Maven, from Maven Central).
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "argmap: installing $* with apt-get" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "argmap: please install $* (Debian/Ubuntu: sudo apt-get install $*)" >&2
    exit 1
  fi
}

command -v node >/dev/null || { echo "argmap needs Node.js 20.19 or newer" >&2; exit 1; }
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || { echo "argmap needs Node.js 20.19 or newer (found $(node --version))" >&2; exit 1; }

if [ -z "${NEO4J_URI:-}" ]; then
  java -version 2>&1 | grep -qE 'version "(1[7-9]|2[0-9])' || apt_install openjdk-17-jdk-headless
  command -v mvn >/dev/null || apt_install maven
fi

# Reinstall node_modules only when the lockfile changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

if [ -z "${NEO4J_URI:-}" ]; then
  npm run -s build:neo4j
fi
