#!/usr/bin/env bash
# Prepares a machine to run every test tier (unit, integration, e2e): the tools and packages only.
# It starts no server: the vitest global setup (packages/testing/src/globalSetup.ts) starts
# throwaway PostgreSQL, Redis and FerretDB instances itself and stops them afterwards.
#
# Safe to run again and again, never asks questions, and takes a second or two once everything is
# present. Steps:
#   1. Node.js >= 24                      (scripts/node24.sh; npm package node@24 if needed)
#   2. PostgreSQL and Redis server binaries, Chromium (Debian packages postgresql, redis-server, chromium)
#   3. FerretDB 1.24.2, the MongoDB-compatible server the tests use (built from the Go module proxy)
#   4. kustomize 5.8.1, which renders deploy/k8s for the manifest tests (built from the Go module proxy)
#   5. node_modules                       (npm ci when missing or older than package-lock.json)
#
# Tools that are not system packages go to ${MARQUEE_TOOLS_DIR:-$HOME/.cache/marquee/tools}; the
# test setup looks for FerretDB and kustomize there too, so keep the variable the same for both.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

tools_dir="${MARQUEE_TOOLS_DIR:-$HOME/.cache/marquee/tools}"
ferretdb_version="v1.24.2"
ferretdb_module="github.com/FerretDB/FerretDB"
# Pinned; v5.8.3 and later ask for Go 1.27, newer than our machines have.
kustomize_version="v5.8.1"
kustomize_module="sigs.k8s.io/kustomize/kustomize/v5"

now_ms() { date +%s%3N; }
seconds_since() { # milliseconds timestamp -> "1.2s"
  local elapsed=$(($(now_ms) - $1))
  printf '%d.%ds' $((elapsed / 1000)) $((elapsed % 1000 / 100))
}
script_started="$(now_ms)"
step_started=""
step() {
  step_started="$(now_ms)"
  echo "==> $*"
}
done_step() {
  echo "    $* ($(seconds_since "$step_started"))"
}
fail() {
  echo "test-env: $*" >&2
  exit 1
}

# --- 1. Node.js >= 24 ---------------------------------------------------------------------------
step "Node.js >= 24"
# shellcheck source=scripts/node24.sh
source "$repo_root/scripts/node24.sh"
node_dir="$(marquee_node24_dir)" || fail "could not find or install Node >= 24 (see the messages above)"
case ":$PATH:" in
  *":$node_dir:"*) on_path=yes ;;
  *) on_path=no ;;
esac
# Later steps (npm ci) run under this Node; the caller's shell keeps its own PATH.
export PATH="$node_dir:$PATH"
done_step "node $(node --version) in $node_dir"
if [ "$on_path" = no ]; then
  echo "    to use it in your shell: export PATH=\"$node_dir:\$PATH\""
fi

# --- 2. PostgreSQL and Redis --------------------------------------------------------------------
# Debian installs the PostgreSQL server outside PATH (/usr/lib/postgresql/<major>/bin); the test
# setup searches the same places in the same order (PATH first, then the newest major).
postgres_bin_dir() {
  local found dir
  found="$(command -v postgres 2>/dev/null || true)"
  if [ -n "$found" ] && [ -x "$(dirname "$found")/initdb" ]; then
    dirname "$found"
    return 0
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4,4 -n -r); do
    if [ -x "$dir/postgres" ] && [ -x "$dir/initdb" ]; then
      printf '%s\n' "$dir"
      return 0
    fi
  done
  return 1
}
# Whether apt already knows an installable version of every package given (package lists fetched).
apt_knows() {
  local package
  for package in "$@"; do
    apt-cache policy "$package" 2>/dev/null | grep -q 'Candidate: [0-9]' || return 1
  done
}

step "PostgreSQL and Redis server binaries, Chromium"
missing_packages=()
postgres_bin_dir >/dev/null || missing_packages+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing_packages+=(redis-server)
# The web app's browser tests drive Debian's Chromium with playwright-core (no browser download).
command -v chromium >/dev/null 2>&1 || missing_packages+=(chromium)
if [ "${#missing_packages[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 ||
    fail "missing ${missing_packages[*]} and no apt-get here: install the PostgreSQL and Redis servers with your package manager"
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  echo "    installing ${missing_packages[*]} with apt-get"
  # Refresh the package lists only when they are empty or lack a package; a failed install (stale
  # lists pointing at removed .deb versions) refreshes them and tries once more.
  if ! apt_knows "${missing_packages[@]}"; then
    "${as_root[@]}" apt-get update -q
  fi
  if ! "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing_packages[@]}"; then
    "${as_root[@]}" apt-get update -q
    "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing_packages[@]}"
  fi
fi
pg_dir="$(postgres_bin_dir)" || fail "PostgreSQL is still missing after installing it: no postgres + initdb on PATH or in /usr/lib/postgresql/*/bin"
redis_path="$(command -v redis-server)" || fail "redis-server is still missing after installing redis-server"
command -v chromium >/dev/null 2>&1 || fail "chromium is still missing after installing chromium"
done_step "$("$pg_dir/postgres" --version) in $pg_dir; $("$redis_path" --version | cut -d' ' -f1-3); $(chromium --version 2>/dev/null | head -1)"

# Go is preinstalled at /usr/local/go on our machines, which is not always on PATH.
find_go() {
  local found
  found="$(command -v go 2>/dev/null || true)"
  if [ -z "$found" ] && [ -x /usr/local/go/bin/go ]; then found=/usr/local/go/bin/go; fi
  printf '%s\n' "$found"
}

# --- 3. FerretDB --------------------------------------------------------------------------------
ferretdb_version_of() { # prints e.g. v1.24.2, or nothing
  "$1" --version 2>/dev/null | sed -n 's/^version: //p'
}

step "FerretDB $ferretdb_version"
ferretdb_target="$tools_dir/bin/ferretdb"
on_path_ferretdb="$(command -v ferretdb 2>/dev/null || true)"
if [ -x "$ferretdb_target" ] && [ "$(ferretdb_version_of "$ferretdb_target")" = "$ferretdb_version" ]; then
  done_step "reusing $ferretdb_target"
elif [ -n "$on_path_ferretdb" ] && [ "$(ferretdb_version_of "$on_path_ferretdb")" = "$ferretdb_version" ]; then
  done_step "reusing $on_path_ferretdb"
else
  go_bin="$(find_go)"
  [ -n "$go_bin" ] || fail "building FerretDB needs Go (1.21+; it fetches the 1.24 toolchain itself): install it from https://go.dev/dl or put an existing go on PATH"
  echo "    building from the Go module proxy with $("$go_bin" version | cut -d' ' -f3) (the first build takes a few minutes)"
  build_dir="$(mktemp -d)"
  trap 'rm -rf "$build_dir"' EXIT
  # Why not `go install …@v1.24.2`: FerretDB embeds build/version/version.txt, which its release
  # process generates and the published module lacks, so such a binary panics at start. Build
  # from a writable copy of the module source with that file written in.
  module_dir="$(cd "$build_dir" && "$go_bin" mod download -json "$ferretdb_module@$ferretdb_version" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -n "$module_dir" ] && [ -d "$module_dir" ] || fail "go mod download $ferretdb_module@$ferretdb_version gave no source folder"
  cp -r "$module_dir" "$build_dir/src"
  chmod -R u+w "$build_dir/src" # the module cache is read-only
  echo "$ferretdb_version" >"$build_dir/src/build/version/version.txt"
  # -mod=mod lets go resolve the copy's dependencies itself; -buildvcs=false because the copy is
  # not a repository. Dependencies come from the Go module proxy into the usual Go caches.
  (cd "$build_dir/src" && GOFLAGS="-mod=mod -buildvcs=false" "$go_bin" build -trimpath -o "$build_dir/ferretdb" ./cmd/ferretdb)
  built_version="$(ferretdb_version_of "$build_dir/ferretdb")"
  [ "$built_version" = "$ferretdb_version" ] || fail "the FerretDB just built reports '${built_version}' instead of $ferretdb_version"
  mkdir -p "$tools_dir/bin"
  # Copy then rename, so a concurrent run never sees a half-written binary.
  cp "$build_dir/ferretdb" "$ferretdb_target.partial.$$"
  chmod 0755 "$ferretdb_target.partial.$$"
  mv -f "$ferretdb_target.partial.$$" "$ferretdb_target"
  done_step "built $ferretdb_target"
fi

# --- 4. kustomize ------------------------------------------------------------------------------
# The manifest tests render deploy/k8s with the standalone kustomize (kubectl's built-in copy lags
# behind it, and no cluster or kubectl is needed). The module builds as published, so a plain
# `go install` of the named version does; about 2 minutes of CPU the first time.
kustomize_version_of() { # prints e.g. v5.8.1, or nothing
  "$1" version 2>/dev/null | head -1 | grep -o 'v[0-9][0-9.]*' || true
}

step "kustomize $kustomize_version"
kustomize_target="$tools_dir/bin/kustomize"
if [ -x "$kustomize_target" ] && [ "$(kustomize_version_of "$kustomize_target")" = "$kustomize_version" ]; then
  done_step "reusing $kustomize_target"
else
  go_bin="$(find_go)"
  [ -n "$go_bin" ] || fail "building kustomize needs Go (1.24+): install it from https://go.dev/dl or put an existing go on PATH"
  echo "    building from the Go module proxy with $("$go_bin" version | cut -d' ' -f3)"
  kustomize_build_dir="$(mktemp -d)"
  # GOBIN into a scratch folder, then rename into place, so a concurrent run never sees half a binary.
  GOBIN="$kustomize_build_dir" GOFLAGS=-buildvcs=false "$go_bin" install "$kustomize_module@$kustomize_version"
  built_version="$(kustomize_version_of "$kustomize_build_dir/kustomize")"
  [ "$built_version" = "$kustomize_version" ] || fail "the kustomize just built reports '${built_version}' instead of $kustomize_version"
  mkdir -p "$tools_dir/bin"
  cp "$kustomize_build_dir/kustomize" "$kustomize_target.partial.$$"
  chmod 0755 "$kustomize_target.partial.$$"
  mv -f "$kustomize_target.partial.$$" "$kustomize_target"
  rm -rf "$kustomize_build_dir"
  done_step "built $kustomize_target"
fi

# --- 5. node_modules ----------------------------------------------------------------------------
# npm writes node_modules/.package-lock.json at the end of every install: when it is missing or
# older than package-lock.json, the installed tree is not the locked one.
step "node_modules"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "    node_modules missing or older than package-lock.json: npm ci"
  npm ci
  done_step "installed from package-lock.json"
else
  done_step "up to date with package-lock.json"
fi

if [ "$on_path" = yes ]; then
  run_hint="npm test"
else
  run_hint="bash scripts/with-node24.sh npx vitest run"
fi
echo "==> test environment ready ($(seconds_since "$script_started")); run the tests with: $run_hint"
