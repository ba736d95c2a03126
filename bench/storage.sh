#!/usr/bin/env bash
# Storage benchmark, as root (runs the measurements as hutch-test):
#  1. 50 containers made from one image (`run --name cN IMAGE true`; hutch has no `create` yet),
#     time and disk taken, hutch vs podman;
#  2. writing inside a container: one 1 GiB file (dd, fsync) and unpacking 3000 small files,
#     on hutch's native overlay, fuse-overlayfs and copying (vfs) drivers, and the host directory.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" = 0 ] || { echo "run bench/storage.sh as root" >&2; exit 1; }
. "$here/bench/as-root.sh"
bench_setup podman runc
stage=$(mktemp -d /var/tmp/hutch-storbench.XXXXXX); chmod 755 "$stage"
cp "$here/target/release/hutch" "$here/dev/busybox-rootfs.sh" "$stage/"; chmod 755 "$stage"/*
uid=$(id -u hutch-test); install -d -m 700 -o hutch-test -g hutch-test "/run/user/$uid"
trap 'rm -rf "$stage"' EXIT
cat > "$stage/run.sh" <<'USER'
set -euo pipefail
stage=$1; H=$stage/hutch
w=$(mktemp -d /var/tmp/hutch-sb.XXXXXX)
export XDG_DATA_HOME=$w/hd
"$stage/busybox-rootfs.sh" "$w/bb.tar"
mkdir -p "$w/small"; for i in $(seq 3000); do head -c 2048 /dev/urandom > "$w/small/f$i"; done
tar -C "$w" -cf "$w/small.tar" small; rm -rf "$w/small"
chmod 755 "$w"; chmod 644 "$w/bb.tar" "$w/small.tar"
"$H" import -q --change 'CMD ["sh"]' "$w/bb.tar" sb >/dev/null
mkdir -p "$HOME/.config/containers"
[ -f "$HOME/.config/containers/containers.conf" ] || printf '[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n' > "$HOME/.config/containers/containers.conf"
P="podman --root $w/p --runroot $w/pr"
$P import -q "$w/bb.tar" localhost/sb >/dev/null
ms() { date +%s%N; }
echo "== 50 containers from one image"
d0=$(du -sk "$w/hd/hutch" | cut -f1); t0=$(ms)
for i in $(seq 50); do "$H" run --name "c$i" sb true; done
t1=$(ms); d1=$("$H" unshare du -sk "$w/hd/hutch" | cut -f1)
echo "hutch:  $(( (t1 - t0) / 1000000 )) ms, $(( d1 - d0 )) KiB more on disk"
d0=$($P unshare du -sk "$w/p" | cut -f1); t0=$(ms)
for i in $(seq 50); do $P run --name "c$i" localhost/sb true >/dev/null; done
t1=$(ms); d1=$($P unshare du -sk "$w/p" | cut -f1)
echo "podman: $(( (t1 - t0) / 1000000 )) ms, $(( d1 - d0 )) KiB more on disk"
"$H" rm -a >/dev/null; $P rm -a >/dev/null
echo "== writing inside a container (1 GiB dd with fsync; tar -x of 3000 files)"
# Timed from the host (busybox has no %N); a container start is ~10 ms of these figures.
measure() { # LABEL COMMAND...  (the command runs `sh -c SCRIPT` with SCRIPT as its last word)
  local label=$1; shift
  local t0 t1 t2
  t0=$(date +%s%N); "$@" 'dd if=/dev/zero of=/tmp/big bs=1M count=1024 conv=fsync 2>/dev/null; rm -f /tmp/big'; t1=$(date +%s%N)
  "$@" 'mkdir -p /tmp/x && tar -C /tmp/x -xf /in/small.tar && sync'; t2=$(date +%s%N)
  echo "$label $(( 1073741824 / ((t1 - t0) / 1000) )) MB/s for 1 GiB, untar of 3000 files $(( (t2 - t1) / 1000000 )) ms"
}
measure "hutch overlay:" "$H" run --rm -v "$w:/in:ro" sb sh -c
measure "hutch vfs:    " "$H" --storage-driver vfs run --rm -v "$w:/in:ro" sb sh -c
printf '[storage.options.overlay]\nmount_program = "/usr/bin/fuse-overlayfs"\n' > "$w/fuse.conf"
measure "hutch fuse:   " env CONTAINERS_STORAGE_CONF="$w/fuse.conf" "$H" run --rm -v "$w:/in:ro" sb sh -c
mkdir -p "$w/host/tmp" "$w/host/in"; cp "$w/small.tar" "$w/host/in/"
# The same busybox dd and tar as inside the containers (GNU dd is several times faster).
hostsh() { (cd "$w/host" && sh -c "$(echo "$1" | sed "s#/tmp#$w/host/tmp#g; s#/in#$w/host/in#g; s#dd if#busybox dd if#; s#tar -C#busybox tar -C#")"); }
measure "host dir:     " hostsh
"$H" unshare rm -rf "$w/hd"; $P unshare rm -rf "$w/p" "$w/pf" 2>/dev/null || true; rm -rf "$w" 2>/dev/null || true
USER
runuser -u hutch-test -- env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/home/hutch-test USER=hutch-test \
  XDG_RUNTIME_DIR="/run/user/$uid" bash "$stage/run.sh" "$stage"
