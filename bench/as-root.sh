# Sourced by the benchmark scripts when they run as root (with $here set to the project's root).
#
# bench_setup PKG...   sets the host up (dev/setup-host.sh), installs PKGs from Debian where
#                      missing, and builds hutch (release).
# bench_stage SCRIPT   copies hutch, SCRIPT and dev/busybox-rootfs.sh into a new directory
#                      that hutch-test can read, named in $stage (the caller removes it).
# bench_runtime_dir    makes /run/user/UID for hutch-test (as a login session has it) and
#                      prints its path.

bench_setup() {
  "$here/dev/setup-host.sh"
  local need=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
  done
  if [ ${#need[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
  fi
  (cd "$here" && cargo build --release -q)
}

bench_stage() {
  stage=$(mktemp -d /var/tmp/hutch-bench.XXXXXX)
  chmod 755 "$stage"
  cp "$here/target/release/hutch" "$1" "$here/dev/busybox-rootfs.sh" "$stage/"
  chmod 755 "$stage"/*
}

bench_runtime_dir() {
  local uid
  uid=$(id -u hutch-test)
  install -d -m 700 -o hutch-test -g hutch-test "/run/user/$uid"
  echo "/run/user/$uid"
}
