#!/usr/bin/env bash
# Provides the Pulumi engine for the end-to-end tests (npm run test:e2e) and prints, as the only
# line on stdout, the directory that holds `pulumi` and its plugins. Progress goes to stderr.
#
#   bin_dir="$(bash scripts/provide-pulumi.sh)" && export PATH="$bin_dir:$PATH"
#
# 1. A `pulumi` on PATH of version >= PULUMI_MIN_VERSION, with a `pulumi-language-nodejs` beside
#    it or on PATH, is used as it is.
# 2. Otherwise the pinned version is built from the Go module proxy into a cache directory
#    outside the repository and reused next time:
#      ${XDG_CACHE_HOME:-$HOME/.cache}/live-message-groups/pulumi-<version>/bin
#    - pulumi: module github.com/pulumi/pulumi/pkg/v3 with github.com/pulumi/pulumi/sdk/v3 at the
#      same version, copied side by side as pkg/ and sdk/ (pkg's go.mod replaces sdk with ../sdk,
#      so `go install` refuses it), then `go build ./cmd/pulumi` in pkg/;
#    - pulumi-language-nodejs: Pulumi's own host module is not served by the proxy, so this
#      repository's launcher (scripts/pulumi-language-nodejs/main.go) is compiled inside pkg/;
#    - pulumi-language-yaml: module github.com/pulumi/pulumi-yaml with its own go.mod (it does
#      not compile against the CLI's pkg/); optional: a failure is reported and skipped;
#    - pulumi-language-python: Pulumi's own host module
#      (github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3) is not served by the
#      proxy either, so this repository's host (scripts/pulumi-language-python/main.go: virtualenv
#      and pip through sdk/v3's python/toolchain, code generation through pkg/v3's codegen/python)
#      is compiled inside pkg/ like the Node.js launcher; it runs programs with the
#      pulumi-language-python-exec installed beside it and the `pulumi` package from PyPI, which
#      the program's virtualenv installs (python3 with the venv module needed at run time);
#    - pulumi-language-go: Pulumi's own host module
#      (github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3) is not served either, so this
#      repository's host (scripts/pulumi-language-go/main.go: `go build` and run, code generation
#      through pkg/v3's codegen/go, go.mod linking) is compiled inside pkg/ too; Go programs need
#      `go` on PATH at run time and the Go module proxy for Pulumi's Go SDK;
#    - pulumi-resource-pulumi-nodejs (dynamic providers), pulumi-resource-pulumi-python and
#      pulumi-language-python-exec: plain scripts inside the sdk/v3 module.
#    The hosts share scripts/language-host/*.go (copied beside each main.go) and are rebuilt
#    whenever their sources change (the stamp holds their hash).
# On failure it prints one line: "provide-pulumi: FAILED <module>@<version>: <error>" and exits 1.
#
# Environment: PULUMI_VERSION (default 3.248.0, the @pulumi/pulumi devDependency),
# PULUMI_MIN_VERSION (default: PULUMI_VERSION), PULUMI_YAML_VERSION (default 1.25.0),
# PROVIDE_PULUMI_FORCE_BUILD=1 (ignore a pulumi on PATH).
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-3.248.0}"
PULUMI_MIN_VERSION="${PULUMI_MIN_VERSION:-$PULUMI_VERSION}"
PULUMI_YAML_VERSION="${PULUMI_YAML_VERSION:-1.25.0}"
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/live-message-groups/pulumi-$PULUMI_VERSION"
BIN_DIR="$CACHE_DIR/bin"
SRC_DIR="$CACHE_DIR/src"
LOG_DIR="$CACHE_DIR/logs"

say() { echo "provide-pulumi: $*" >&2; }
fail() { # module version error-text
  echo "provide-pulumi: FAILED $1@$2: $3" >&2
  exit 1
}
# Last meaningful line of a log, for the one-line failure message: not go's indented hints (such
# as the "go get <package>" under "no required module provides package <package>; to add it:").
last_error() {
  local line
  line="$(grep -v '^go: downloading' "$1" | grep -v '^[[:space:]]' | grep -v '^$' | tail -n 1 \
    | sed 's/; to add it:$//' || true)"
  [ -n "$line" ] || line="$(grep -v '^\s*$' "$1" | tail -n 1 || true)"
  printf '%s\n' "$line" | tr -d '\r'
}
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" = "$2" ]; }

# --- 1. a pulumi on PATH --------------------------------------------------------------------
if [ "${PROVIDE_PULUMI_FORCE_BUILD:-}" != "1" ] && command -v pulumi >/dev/null 2>&1; then
  path_pulumi="$(command -v pulumi)"
  if [ "$(dirname "$path_pulumi")" != "$BIN_DIR" ]; then
    # Only a `pulumi version` that succeeds and prints a version counts: sort -V would rank any
    # text (a broken CLI's error on stdout) above a version number.
    path_version=""
    if path_output="$(PULUMI_SKIP_UPDATE_CHECK=true pulumi version 2>/dev/null)"; then
      path_version="$(printf '%s\n' "$path_output" | tr -d '\r' \
        | sed -n 's/^v\{0,1\}\([0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*[^[:space:]]*\)$/\1/p' | head -n 1)"
    fi
    path_dir="$(dirname "$path_pulumi")"
    if [ -n "$path_version" ] && version_ge "$path_version" "$PULUMI_MIN_VERSION" \
      && { [ -x "$path_dir/pulumi-language-nodejs" ] || command -v pulumi-language-nodejs >/dev/null 2>&1; }; then
      say "using $path_pulumi (v$path_version >= v$PULUMI_MIN_VERSION)"
      echo "$path_dir"
      exit 0
    fi
    say "ignoring $path_pulumi (version '${path_version:-unknown}', need >= $PULUMI_MIN_VERSION with pulumi-language-nodejs)"
  fi
fi

command -v go >/dev/null 2>&1 || fail "go" "toolchain" "no 'go' on PATH (Go 1.25 or newer builds the engine)"
mkdir -p "$BIN_DIR" "$SRC_DIR" "$LOG_DIR"

# The copied sources carry no VCS data; keep the go command from fetching another toolchain, and
# from a Go workspace of the user's (GOWORK, or a go.work above the cache directory such as
# ~/go.work), which would take the build over ("no modules were found in the current workspace").
export GOFLAGS="-buildvcs=false"
export GOTOOLCHAIN=local
export GOWORK=off
export PULUMI_SKIP_UPDATE_CHECK=true
LDFLAGS_VERSION="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION"
# The hosts' sources, hashed together: any change rebuilds them.
hosts_hash="$(cat "$REPO_DIR"/scripts/language-host/*.go "$REPO_DIR"/scripts/pulumi-language-{nodejs,python,go}/main.go | sha256sum | cut -c1-16)"
stamp="$BIN_DIR/.provided"
want_stamp="pulumi=$PULUMI_VERSION hosts=$hosts_hash yaml=$PULUMI_YAML_VERSION"

# Every binary the build puts there but the optional pulumi-language-yaml: a cache one of them
# has gone from is built again, not handed out (the engine would take another of that name on PATH).
cache_complete() {
  local f
  for f in pulumi pulumi-language-nodejs pulumi-language-python pulumi-language-go \
    pulumi-resource-pulumi-nodejs pulumi-resource-pulumi-python pulumi-language-python-exec; do
    [ -x "$BIN_DIR/$f" ] || return 1
  done
}
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want_stamp" ] && cache_complete; then
  say "reusing $BIN_DIR ($want_stamp)"
  # The optional YAML host that could not be built is not tried again on reuse: say so again.
  if [ ! -x "$BIN_DIR/pulumi-language-yaml" ]; then
    echo "provide-pulumi: NOT BUILT github.com/pulumi/pulumi-yaml@v$PULUMI_YAML_VERSION: $(last_error "$LOG_DIR/language-yaml.log" 2>/dev/null) (YAML programs cannot run; remove $stamp to try again)" >&2
  fi
  echo "$BIN_DIR"
  exit 0
fi
rm -f "$stamp"

# go mod download -json prints an "Error" field instead of failing loudly.
download() { # module version -> prints the module's directory
  local json dir err
  json="$(go mod download -json "$1@$2" 2>&1 || true)"
  err="$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Error": "\(.*\)",\{0,1\}$/\1/p' | head -n 1)"
  [ -z "$err" ] || fail "$1" "$2" "$err"
  dir="$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' | head -n 1)"
  [ -n "$dir" ] && [ -d "$dir" ] || fail "$1" "$2" "go mod download gave no directory: $(printf '%s' "$json" | tail -n 1)"
  echo "$dir"
}

# Copies a read-only module directory from the module cache into a writable place.
copy_module() { # from to
  rm -rf "$2"
  cp -R "$1" "$2"
  chmod -R u+w "$2"
}

started=$SECONDS
say "building Pulumi v$PULUMI_VERSION into $BIN_DIR (cold: ~15-25 min on 2 cores; logs in $LOG_DIR)"

say "downloading github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION and sdk/v3@v$PULUMI_VERSION"
pkg_dir="$(download github.com/pulumi/pulumi/pkg/v3 "v$PULUMI_VERSION")"
sdk_dir="$(download github.com/pulumi/pulumi/sdk/v3 "v$PULUMI_VERSION")"
if [ ! -f "$SRC_DIR/.version" ] || [ "$(cat "$SRC_DIR/.version")" != "$PULUMI_VERSION" ]; then
  copy_module "$pkg_dir" "$SRC_DIR/pkg"
  copy_module "$sdk_dir" "$SRC_DIR/sdk"
  echo "$PULUMI_VERSION" >"$SRC_DIR/.version"
fi

if [ ! -x "$BIN_DIR/pulumi" ] || [ "$("$BIN_DIR/pulumi" version 2>/dev/null)" != "v$PULUMI_VERSION" ]; then
  say "go build ./cmd/pulumi (github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION)"
  t=$SECONDS
  (cd "$SRC_DIR/pkg" && nice -n 10 go build -trimpath -ldflags "-s -w $LDFLAGS_VERSION" \
    -o "$BIN_DIR/pulumi" ./cmd/pulumi) >"$LOG_DIR/pulumi.log" 2>&1 \
    || fail github.com/pulumi/pulumi/pkg/v3 "v$PULUMI_VERSION" "$(last_error "$LOG_DIR/pulumi.log")"
  say "built pulumi in $((SECONDS - t)) s"
fi

# This repository's language hosts: scripts/pulumi-language-<language>/main.go with the shared
# scripts/language-host/*.go (common.go; generate.go, code generation), compiled inside pkg/ (they use exactly the CLI's dependencies).
for language in nodejs python go; do
  say "go build pulumi-language-$language (scripts/pulumi-language-$language, inside pkg/v3@v$PULUMI_VERSION)"
  rm -rf "$SRC_DIR/pkg/cmd/lmg-language-$language"
  mkdir -p "$SRC_DIR/pkg/cmd/lmg-language-$language"
  cp "$REPO_DIR/scripts/pulumi-language-$language/main.go" "$REPO_DIR"/scripts/language-host/*.go "$SRC_DIR/pkg/cmd/lmg-language-$language/"
  t=$SECONDS
  (cd "$SRC_DIR/pkg" && nice -n 10 go build -trimpath -ldflags "-s -w -X main.version=$PULUMI_VERSION" \
    -o "$BIN_DIR/pulumi-language-$language" "./cmd/lmg-language-$language") >"$LOG_DIR/language-$language.log" 2>&1 \
    || fail "scripts/pulumi-language-$language" "pkg/v3@v$PULUMI_VERSION" "$(last_error "$LOG_DIR/language-$language.log")"
  say "built pulumi-language-$language in $((SECONDS - t)) s"
done

# Plain scripts the engine runs: the dynamic-provider hosts and Python's program runner.
for f in nodejs/dist/pulumi-resource-pulumi-nodejs python/dist/pulumi-resource-pulumi-python \
  python/cmd/pulumi-language-python-exec; do
  [ -f "$SRC_DIR/sdk/$f" ] || fail github.com/pulumi/pulumi/sdk/v3 "v$PULUMI_VERSION" "no file $f in the module"
  install -m 0755 "$SRC_DIR/sdk/$f" "$BIN_DIR/"
done
say "installed pulumi-resource-pulumi-nodejs, pulumi-resource-pulumi-python, pulumi-language-python-exec"

# YAML programs only reach this package through its provider plugin; a missing YAML host fails
# only those tests, so it is reported (one line, same form) rather than fatal.
if [ ! -x "$BIN_DIR/pulumi-language-yaml" ]; then
  say "building pulumi-language-yaml (github.com/pulumi/pulumi-yaml@v$PULUMI_YAML_VERSION with its own go.mod)"
  yaml_json="$(go mod download -json "github.com/pulumi/pulumi-yaml@v$PULUMI_YAML_VERSION" 2>&1 || true)"
  yaml_dir="$(printf '%s\n' "$yaml_json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' | head -n 1)"
  t=$SECONDS
  # Its go.mod pins an older pkg/v3 than the CLI (v1.25.0: v3.206.0); it is built with those
  # versions, as Pulumi releases it. Against the CLI's pkg/ it does not compile (API changes).
  if [ -n "$yaml_dir" ] && copy_module "$yaml_dir" "$SRC_DIR/pulumi-yaml" \
    && (cd "$SRC_DIR/pulumi-yaml" && nice -n 10 go build -trimpath \
      -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=v$PULUMI_YAML_VERSION" \
      -o "$BIN_DIR/pulumi-language-yaml" ./cmd/pulumi-language-yaml) >"$LOG_DIR/language-yaml.log" 2>&1; then
    say "built pulumi-language-yaml in $((SECONDS - t)) s"
  else
    if [ -z "$yaml_dir" ]; then
      # go mod download -json names its failure in an "Error" field (the JSON's last line is "}").
      yaml_err="$(printf '%s\n' "$yaml_json" | sed -n 's/^[[:space:]]*"Error": "\(.*\)",\{0,1\}$/\1/p' | head -n 1)"
      printf '%s\n' "${yaml_err:-$yaml_json}" >"$LOG_DIR/language-yaml.log"
    fi
    echo "provide-pulumi: NOT BUILT github.com/pulumi/pulumi-yaml@v$PULUMI_YAML_VERSION: $(last_error "$LOG_DIR/language-yaml.log") (YAML programs cannot run)" >&2
  fi
fi

echo "$want_stamp" >"$stamp"
say "done in $((SECONDS - started)) s: $("$BIN_DIR/pulumi" version) in $BIN_DIR"
echo "$BIN_DIR"
