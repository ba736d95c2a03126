#!/usr/bin/env bash
# Start-time benchmark: `hutch run --rm --network none IMAGE true` against the same podman
# command and the kernel floor `unshare -Urmpf --mount-proc true`, in one hyperfine run,
# printing medians and ratios; also hutch without its seccomp filter (what the filter and
# capability setup cost), with --userns=keep-id and with --userns=nomap (a nested namespace).
#  - As root: installs podman, runc and hyperfine from Debian, builds hutch and runs the
#    benchmark as the unprivileged user hutch-test (podman configured with runc + cgroupfs,
#    as this VM needs).
#  - As a user: benchmarks with the hutch in $HUTCH (default: target/release/hutch, else PATH).
# Options (env): RUNS (default 40), WARMUP (default 5).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

if [ "$(id -u)" = 0 ]; then
  . "$here/bench/as-root.sh"
  bench_setup podman runc hyperfine
  bench_stage "$here/bench/start.sh"
  trap 'rm -rf "$stage"' EXIT
  # A login session would have /run/user/UID (tmpfs) as XDG_RUNTIME_DIR: give the user one.
  rt=$(bench_runtime_dir)
  runuser -u hutch-test -- env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/home/hutch-test USER=hutch-test XDG_RUNTIME_DIR="$rt" \
    HUTCH="$stage/hutch" MKROOTFS="$stage/busybox-rootfs.sh" RUNS="${RUNS:-40}" WARMUP="${WARMUP:-5}" \
    bash "$stage/start.sh"
  exit
fi

HUTCH=${HUTCH:-$here/target/release/hutch}
[ -x "$HUTCH" ] || HUTCH=$(command -v hutch)
MKROOTFS=${MKROOTFS:-$here/dev/busybox-rootfs.sh}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$MKROOTFS" "$work/rootfs.tar"
"$HUTCH" import -q "$work/rootfs.tar" hutch-bench >/dev/null
cmds=("$HUTCH run --rm --network none hutch-bench true"
      "$HUTCH run --rm --network none --security-opt seccomp=unconfined hutch-bench true"
      "$HUTCH run --rm --network none --userns keep-id hutch-bench true"
      "$HUTCH run --rm --network none --userns nomap hutch-bench true")
names=("hutch" "unconfined" "keep-id" "nomap")
if command -v podman >/dev/null; then
  mkdir -p "$HOME/.config/containers"
  conf="$HOME/.config/containers/containers.conf"
  [ -f "$conf" ] || printf '[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n' > "$conf"
  podman import -q "$work/rootfs.tar" localhost/hutch-bench >/dev/null
  # (podman's --userns keep-id is left out: on this VM it fails with the busybox image,
  # "stat /bin/true: permission denied", runc + cgroupfs.)
  cmds+=("podman run --rm --network none localhost/hutch-bench true")
  names+=("podman")
fi
cmds+=("unshare -Urmpf --mount-proc true")
names+=("floor")
hyperfine -N --warmup "${WARMUP:-5}" --runs "${RUNS:-40}" --export-json "$work/out.json" "${cmds[@]}" >/dev/null
python3 - "$work/out.json" "${names[@]}" <<'PY'
import json, statistics, sys
res = json.load(open(sys.argv[1]))["results"]
names = sys.argv[2:]
med = {n: statistics.median(r["times"]) * 1000 for n, r in zip(names, res)}
print(f"{'command':8} {'median ms':>10} {'min ms':>8} {'max ms':>8}")
for n, r in zip(names, res):
    print(f"{n:8} {med[n]:10.1f} {min(r['times'])*1000:8.1f} {max(r['times'])*1000:8.1f}")
print(f"hutch - unconfined = {med['hutch']-med['unconfined']:+.2f} ms (seccomp filter and capabilities; target < 1 ms)")
print(f"keep-id/hutch = {med['keep-id']/med['hutch']:.2f} (target <= 2)")
print(f"nomap/hutch = {med['nomap']/med['hutch']:.2f} (a nested user namespace; no copy of the image)")
if "podman" in med:
    print(f"hutch/podman = {med['hutch']/med['podman']:.3f} (target <= 0.1)")
print(f"hutch/floor  = {med['hutch']/med['floor']:.2f} (target <= 3)")
PY
"$HUTCH" rmi -f hutch-bench >/dev/null
command -v podman >/dev/null && podman rmi -f localhost/hutch-bench >/dev/null 2>&1 || true
