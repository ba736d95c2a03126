#!/usr/bin/env bash
# Lifecycle benchmark, hutch against podman in one run (hyperfine; medians and ratios):
#  - `ps -a` with 0, 50 and 200 containers;
#  - `run -d` then `rm -f -t 0` of a container;
#  - `exec CTR true`;
#  - the resident memory of the per-container supervisor (hutch) against conmon (podman),
#    measured on 10 idle detached containers each (median VmRSS).
# Both run `--network none` (hutch has no slirp4netns networking yet), podman with runc and
# cgroupfs as this VM needs.
#  - As root: installs podman, runc and hyperfine from Debian, builds hutch and runs the
#    benchmark as the unprivileged user hutch-test.
#  - As a user: benchmarks the hutch in $HUTCH (default: target/release/hutch, else PATH).
# Options (env): RUNS (default 20), WARMUP (default 3).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

if [ "$(id -u)" = 0 ]; then
  . "$here/bench/as-root.sh"
  bench_setup podman runc hyperfine
  bench_stage "$here/bench/lifecycle.sh"
  trap 'rm -rf "$stage"' EXIT
  rt=$(bench_runtime_dir)
  runuser -u hutch-test -- env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/home/hutch-test USER=hutch-test XDG_RUNTIME_DIR="$rt" \
    HUTCH="$stage/hutch" MKROOTFS="$stage/busybox-rootfs.sh" RUNS="${RUNS:-20}" WARMUP="${WARMUP:-3}" \
    bash "$stage/lifecycle.sh"
  exit
fi

HUTCH=${HUTCH:-$here/target/release/hutch}
[ -x "$HUTCH" ] || HUTCH=$(command -v hutch)
MKROOTFS=${MKROOTFS:-$here/dev/busybox-rootfs.sh}
command -v podman >/dev/null || { echo "podman is needed for the comparison" >&2; exit 1; }
work=$(mktemp -d)
# hutch gets a store of its own for the run, so the figures do not depend on what is there.
export XDG_DATA_HOME="$work/data"
# Both stores hold files of subordinate ids: each tool removes its own before the directory goes.
trap '"$HUTCH" system reset -f >/dev/null 2>&1; podman system reset -f >/dev/null 2>&1; rm -rf "$work"' EXIT
mkdir -p "$HOME/.config/containers"
conf="$HOME/.config/containers/containers.conf"
[ -f "$conf" ] || printf '[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n' > "$conf"
"$MKROOTFS" "$work/rootfs.tar"
"$HUTCH" import -q "$work/rootfs.tar" bench >/dev/null
podman import -q "$work/rootfs.tar" localhost/bench >/dev/null
"$HUTCH" rm -f -t 0 --all >/dev/null 2>&1 || true
podman rm -f -t 0 --all >/dev/null 2>&1 || true

results=()
# hyperfine A B -> "name median_a median_b"
pair() {
  local name=$1 a=$2 b=$3
  hyperfine -N --warmup "${WARMUP:-3}" --runs "${RUNS:-20}" --export-json "$work/h.json" "$a" "$b" >/dev/null
  results+=("$name $(python3 -c 'import json,statistics,sys; r=json.load(open(sys.argv[1]))["results"]; print(" ".join("%.1f" % (statistics.median(x["times"])*1000) for x in r))' "$work/h.json")")
}

make_containers() { # N: create N stopped containers in each tool
  for i in $(seq 1 "$1"); do
    "$HUTCH" create --network none bench true >/dev/null
    podman create --network none localhost/bench true >/dev/null
  done
}
pair "ps-a(0)" "$HUTCH ps -a" "podman ps -a"
make_containers 50
pair "ps-a(50)" "$HUTCH ps -a" "podman ps -a"
make_containers 150
pair "ps-a(200)" "$HUTCH ps -a" "podman ps -a"
"$HUTCH" rm -f -t 0 --all >/dev/null
podman rm -f -t 0 --all >/dev/null

pair "run-d+rm-f" \
  "sh -c 'id=\$($HUTCH run -d --network none bench sleep 1000); $HUTCH rm -f -t 0 \$id >/dev/null'" \
  "sh -c 'id=\$(podman run -d --network none localhost/bench sleep 1000); podman rm -f -t 0 \$id >/dev/null'"

"$HUTCH" run -d --name ex --network none bench sleep 1000 >/dev/null
podman run -d --name ex --network none localhost/bench sleep 1000 >/dev/null
pair "exec-true" "$HUTCH exec ex true" "podman exec ex true"
"$HUTCH" rm -f -t 0 ex >/dev/null
podman rm -f -t 0 ex >/dev/null

# Memory: 10 idle detached containers each; the median resident size of their monitors.
for i in $(seq 1 10); do
  "$HUTCH" run -d --network none bench sleep 1000 >/dev/null
  podman run -d --network none localhost/bench sleep 1000 >/dev/null
done
sleep 5
rss() { # pattern -> median VmRSS in KiB over matching processes of ours
  for p in $(pgrep -u "$(id -u)" -f "$1"); do awk '/^VmRSS/{print $2}' "/proc/$p/status"; done | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'
}
sup=$(rss "__supervise")
con=$(rss "^/usr/bin/conmon")

echo "figure        hutch ms   podman ms   hutch/podman"
for r in "${results[@]}"; do
  set -- $r
  printf '%-12s %9s %11s %14.3f\n' "$1" "$2" "$3" "$(python3 -c "print($2/$3)")"
done
printf 'ps flatness: hutch ps-a(200)/ps-a(0) = %s\n' "$(python3 -c "import sys; r={x.split()[0]:float(x.split()[1]) for x in sys.argv[1:]}; print(round(r['ps-a(200)']/r['ps-a(0)'],2))" "${results[@]}")"
printf 'monitor RSS (median of 10, KiB): hutch supervisor %s, conmon %s\n' "$sup" "$con"
