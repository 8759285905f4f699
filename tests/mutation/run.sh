#!/usr/bin/env bash
# `npm run test:mutation`: StrykerJS over the sdk core (see stryker.config.mjs for the setup).
# Installs Stryker, mocha 11 and Node 22 into tests/mutation/node_modules (the project's own
# dependencies and Node 20 are left alone), then runs Stryker from the repository root.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# npm ci takes minutes here (it downloads a Node binary): skip it when this lockfile is what was
# last installed.
stamp="$here/node_modules/.installed-package-lock.json"
if ! cmp -s "$here/package-lock.json" "$stamp"; then
  npm ci --prefix "$here" --no-audit --no-fund --loglevel=error
  cp "$here/package-lock.json" "$stamp"
fi
cd "$root"
export NODE_OPTIONS="--require=$here/useMocha11.cjs"
exec "$here/node_modules/.bin/node" "$here/node_modules/@stryker-mutator/core/bin/stryker.js" run "$here/stryker.config.mjs" "$@"
