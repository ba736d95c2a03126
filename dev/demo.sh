#!/usr/bin/env bash
# Builds hutch and runs a container from the busybox image it makes from Debian's
# busybox-static (no network needed).
#  - As root on a fresh Debian 12: sets the machine up, installs hutch to /usr/local/bin and
#    runs the demo as the unprivileged user hutch-test.
#  - As a non-root user: builds and runs the demo as you.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then
  dev/setup-host.sh
fi
cargo build --release -q
tar=$(mktemp /tmp/hutch-demo.XXXXXX.tar)
trap 'rm -f "$tar"' EXIT
dev/busybox-rootfs.sh "$tar"
chmod 644 "$tar"
demo='hutch import -q --change "CMD [\"/bin/sh\"]" "$0" demo >/dev/null && hutch run --rm demo echo hello from a rootless container'
if [ "$(id -u)" = 0 ]; then
  install -m 755 target/release/hutch /usr/local/bin/hutch
  runuser -u hutch-test -- sh -c "cd && $demo" "$tar"
else
  PATH="$PWD/target/release:$PATH" sh -c "$demo" "$tar"
fi
