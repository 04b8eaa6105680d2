#!/usr/bin/env bash
# Runs a command with a Node.js >= 24 first on PATH: `bash scripts/with-node24.sh vitest run`.
#
# npm scripts run in a child shell, so scripts/test-env.sh cannot change the PATH the next
# command of `npm run test:ci` sees; this wrapper puts Node 24 in front for that one command.
# Tool shims such as node_modules/.bin/vitest start with `#!/usr/bin/env node`, so they pick it up.
set -euo pipefail
node_dir="$(bash "$(dirname "${BASH_SOURCE[0]}")/node24.sh")"
export PATH="$node_dir:$PATH"
exec "$@"
