#!/usr/bin/env bash
# `npm run test:mutation`: StrykerJS over the sdk core (see stryker.config.mjs for the setup).
# Installs Stryker, mocha 11 and Node 22 into tests/mutation/node_modules (the project's own
# dependencies and Node 20 are left alone), then runs Stryker from the repository root.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
npm ci --prefix "$here" --no-audit --no-fund --loglevel=error
cd "$root"
export NODE_OPTIONS="--require=$here/useMocha11.cjs"
exec "$here/node_modules/.bin/node" "$here/node_modules/@stryker-mutator/core/bin/stryker.js" run "$here/stryker.config.mjs" "$@"
