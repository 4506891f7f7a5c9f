#!/usr/bin/env bash
# Puts a Pulumi engine on disk for this repository: the `pulumi` CLI, our Node.js language host
# `pulumi-language-nodejs`, and a `pulumi-resource-pulumi-nodejs` launcher for dynamic providers,
# all in <repo>/.tools/bin. Source scripts/pulumi-env.sh afterwards to use them.
#
# Both binaries are built from engine/ (go.mod and go.sum are committed) with modules from the
# Go module proxy. Nothing is downloaded at run time. The script does nothing when
#   - a `pulumi` with a Node.js language host is already on PATH outside .tools/bin
#     (set PULUMI_ENGINE_FORCE_BUILD=1 to build anyway), or
#   - .tools/bin already contains both binaries at the pinned version, built from the same sources.
#
# Needs Go (the version in engine/go.mod or later; GOTOOLCHAIN=local forbids downloading one).
# A cold build took 5-6 minutes on 2 cores and filled about 1.6 GB of module cache and
# 1.7 GB of build cache (see docs/ENGINE.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENGINE_DIR="$ROOT/engine"
BIN="$ROOT/.tools/bin"
VERSION_VARIABLE="github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"

say() { printf 'build-pulumi-engine: %s\n' "$*"; }
fail() {
  printf 'build-pulumi-engine: error: %s\n' "$*" >&2
  exit 1
}

# -buildvcs=false keeps git state out of the binaries, so the same sources give the same bytes.
export GOTOOLCHAIN=local GOFLAGS="-modcacherw -mod=readonly -buildvcs=false" CGO_ENABLED=0 GOWORK=off

# Prints the first executable named $1 on PATH, skipping our own .tools/bin.
find_outside_tools() {
  local dir
  local IFS=:
  for dir in $PATH; do
    [ -n "$dir" ] || continue
    [ "$(cd "$dir" 2>/dev/null && pwd -P)" = "$(cd "$BIN" 2>/dev/null && pwd -P)" ] && continue
    if [ -x "$dir/$1" ] && [ ! -d "$dir/$1" ]; then
      printf '%s\n' "$dir/$1"
      return 0
    fi
  done
  return 1
}

if [ "${PULUMI_ENGINE_FORCE_BUILD:-0}" != 1 ] && existing="$(find_outside_tools pulumi)"; then
  existing_dir="$(dirname "$existing")"
  if [ -x "$existing_dir/pulumi-language-nodejs" ] ||
    find_outside_tools pulumi-language-nodejs >/dev/null; then
    existing_version="$("$existing" version 2>/dev/null || echo 'version unknown')"
    say "using the pulumi already on PATH: $existing ($existing_version)"
    say "nothing to build (set PULUMI_ENGINE_FORCE_BUILD=1 to build into $BIN anyway)"
    exit 0
  fi
  say "found $existing but no pulumi-language-nodejs next to it or on PATH, so building our own"
fi

GO_VERSION="$(awk '$1 == "go" { print $2; exit }' "$ENGINE_DIR/go.mod")"
command -v go >/dev/null || fail "go was not found on PATH; install Go $GO_VERSION or later"
command -v node >/dev/null ||
  fail "node was not found on PATH; Pulumi programs and dynamic providers need Node.js 20"

PULUMI_VERSION="$(awk '$1 == "github.com/pulumi/pulumi/pkg/v3" { print $2; exit }' \
  "$ENGINE_DIR/go.mod")"
[ -n "$PULUMI_VERSION" ] || fail "engine/go.mod does not require github.com/pulumi/pulumi/pkg/v3"

# Each binary has a stamp file containing a hash of what it is built from: the Go version, this
# script, the pinned modules and, for the language host, its sources.
modules_hash() {
  {
    go version
    cat "${BASH_SOURCE[0]}" "$ENGINE_DIR/go.mod" "$ENGINE_DIR/go.sum"
  } | sha256sum | cut -d' ' -f1
}

language_host_hash() {
  {
    modules_hash
    find "$ENGINE_DIR/language-host" -type f -name '*.go' ! -name '*_test.go' | LC_ALL=C sort |
      xargs cat
  } | sha256sum | cut -d' ' -f1
}

# Writes the dynamic-provider launcher. The engine starts it with the Pulumi program directory as
# the working directory, so it resolves @pulumi/pulumi from there first, then from this repo.
write_provider_launcher() {
  local launcher="$BIN/pulumi-resource-pulumi-nodejs"
  cat > "$launcher.tmp" <<EOF
#!/bin/sh
# Starts the Node.js dynamic provider of @pulumi/pulumi. Written by scripts/build-pulumi-engine.sh.
script=\$(node -e 'try {
  console.log(require.resolve("@pulumi/pulumi/cmd/dynamic-provider"));
} catch {}')
if [ -z "\$script" ]; then
  script="$ROOT/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js"
fi
if [ ! -f "\$script" ]; then
  echo "pulumi-resource-pulumi-nodejs: @pulumi/pulumi was not found from \$(pwd)" \\
    "or in $ROOT/node_modules; run npm install" >&2
  exit 1
fi
exec node "\$script" "\$@"
EOF
  chmod 0755 "$launcher.tmp"
  mv "$launcher.tmp" "$launcher"
}

mkdir -p "$BIN"
write_provider_launcher

# Builds one main package into $BIN/$1 unless the binary there reports the pinned version and its
# stamp matches $3. It builds through a temporary name so that an interrupted build never leaves
# a binary that looks complete.
build() {
  local name="$1" package="$2" hash="$3" version_flag="$4" started
  local stamp="$BIN/.$name.sha256"
  if [ -x "$BIN/$name" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$hash" ] &&
    [ "$("$BIN/$name" "$version_flag" 2>/dev/null)" = "$PULUMI_VERSION" ]; then
    say "$name $PULUMI_VERSION is up to date in $BIN"
    return 0
  fi

  started=$(date +%s)
  say "building $name $PULUMI_VERSION from $package" \
    "(a cold build downloads modules and compiles for several minutes)"
  rm -f "$stamp"
  (cd "$ENGINE_DIR" && go build -trimpath -tags osusergo,grpcnotrace \
    -ldflags "-s -w -X $VERSION_VARIABLE=$PULUMI_VERSION" -o "$BIN/$name.tmp" "$package") ||
    fail "go build of $package failed (output above); the module cache is $(go env GOMODCACHE)"
  mv "$BIN/$name.tmp" "$BIN/$name"

  local built_version
  built_version="$("$BIN/$name" "$version_flag")" || fail "$BIN/$name does not run"
  [ "$built_version" = "$PULUMI_VERSION" ] ||
    fail "$BIN/$name reports version '$built_version', expected $PULUMI_VERSION"
  printf '%s\n' "$hash" > "$stamp"
  say "built $BIN/$name in $(($(date +%s) - started)) s ($(du -h "$BIN/$name" | cut -f1))"
}

build pulumi github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$(modules_hash)" version
build pulumi-language-nodejs ./language-host "$(language_host_hash)" -version
say "ready: pulumi $PULUMI_VERSION, pulumi-language-nodejs and pulumi-resource-pulumi-nodejs" \
  "are in $BIN"
