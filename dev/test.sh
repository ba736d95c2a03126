#!/usr/bin/env bash
# Runs every test of hutch.
#  - As root (e.g. CI on a fresh Debian 12): sets the machine up (dev/setup-host.sh), builds
#    the tests, and runs them with the real binary AS THE UNPRIVILEGED USER hutch-test; the
#    single-mapping test runs as hutch-nosub. Only the man page/completion check runs as root.
#  - As a non-root user who has the packages: runs `cargo test` as that user.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" != 0 ]; then
  exec cargo test --all-targets "$@"
fi

dev/setup-host.sh
# The journald log driver's tests need a journal. A machine booted with systemd has one; on
# one that was not (a CI VM, a container), journald runs for the tests' duration, its
# volatile files readable by the systemd-journal group (which hutch-test is in).
journald=
if ! systemd-cat true 2>/dev/null; then
  install -d -g systemd-journal -m 2755 /run/log/journal
  rm -f /run/systemd/journal/socket
  /lib/systemd/systemd-journald >/dev/null 2>&1 &
  journald=$!
  for _ in $(seq 50); do [ -S /run/systemd/journal/socket ] && break; sleep 0.1; done
  [ -S /run/systemd/journal/socket ] || echo "systemd-journald did not start: the journald tests will say so" >&2
fi
echo "building tests..."
json=$(cargo test --no-run --all-targets --message-format=json 2>/dev/null) || { cargo test --no-run --all-targets; exit 1; }
stage=$(mktemp -d /var/tmp/hutch-ci.XXXXXX)
chmod 755 "$stage"
manager=
trap 'rm -rf "$stage"; [ -z "$journald" ] || kill "$journald" 2>/dev/null; dev/user-manager.sh stop hutch-test' EXIT
cp target/debug/hutch "$stage/hutch"
chmod 755 "$stage/hutch"
# A systemd user manager for hutch-test, for the tests that start and stop units for real
# (tests/user_units.rs), with the staged hutch as its Quadlet generator.
manager=$(dev/user-manager.sh start hutch-test "$stage/hutch") || echo "no user manager: tests/user_units.rs will say so" >&2

failed=()
run_as() { # USER EXE
  local user=$1 exe=$2
  echo "=== $(basename "$exe") as $user"
  if [ "$user" = root ]; then
    "$exe" || failed+=("$(basename "$exe")")
  else
    cp "$exe" "$stage/" && chmod 755 "$stage/$(basename "$exe")"
    (cd "$stage" && runuser -u "$user" -- env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME="$(getent passwd "$user" | cut -d: -f6)" USER="$user" LANG=C.UTF-8 \
        HUTCH_BIN="$stage/hutch" RUST_BACKTRACE=1 ${CI:+CI="$CI"} ${manager:+HUTCH_TEST_USER_MANAGER="$manager"} "$stage/$(basename "$exe")") || failed+=("$(basename "$exe")")
  fi
}

# Test executables only (NAME-HASH under deps/), not the hutch binary itself.
for exe in $(printf '%s\n' "$json" | grep -o '"executable":"[^"]*"' | cut -d'"' -f4 | grep -E -- '-[0-9a-f]{16}$' | sort -u); do
  case "$(basename "$exe")" in
    docs-*) run_as root "$exe" ;;             # compares files in this checkout; no containers
    no_subuid-*) run_as hutch-nosub "$exe" ;;
    hutch-*|*) run_as hutch-test "$exe" ;;
  esac
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "all test binaries passed"
