#!/usr/bin/env bash
# Build benchmark: `hutch build` against `podman build` on the same Containerfile and context
# (FROM a busybox image, three RUN steps, a COPY of 3000 small files and one of a 100 MB file),
# in one run, each measured RUNS times: a cold build (--no-cache), a fully cached rebuild, and
# a rebuild after one copied file changed. Prints medians and ratios.
#  - As root: installs podman, runc and hyperfine from Debian, builds hutch and runs the
#    benchmark as the unprivileged user hutch-test (podman with runc + cgroupfs, as this VM
#    needs).
#  - As a user: benchmarks with the hutch in $HUTCH (default: target/release/hutch, else PATH).
# Options (env): RUNS (default 5).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

if [ "$(id -u)" = 0 ]; then
  . "$here/bench/as-root.sh"
  bench_setup podman runc hyperfine
  bench_stage "$here/bench/build.sh"
  trap 'rm -rf "$stage"' EXIT
  rt=$(bench_runtime_dir)
  runuser -u hutch-test -- env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/home/hutch-test USER=hutch-test XDG_RUNTIME_DIR="$rt" \
    HUTCH="$stage/hutch" MKROOTFS="$stage/busybox-rootfs.sh" RUNS="${RUNS:-5}" bash "$stage/build.sh"
  exit
fi

HUTCH=${HUTCH:-$here/target/release/hutch}
[ -x "$HUTCH" ] || HUTCH=$(command -v hutch)
MKROOTFS=${MKROOTFS:-$here/dev/busybox-rootfs.sh}
RUNS=${RUNS:-5}
work=$(mktemp -d /var/tmp/hutch-build-bench.XXXXXX)
trap '"$HUTCH" unshare rm -rf "$work" 2>/dev/null; rm -rf "$work"' EXIT
"$MKROOTFS" "$work/rootfs.tar"
"$HUTCH" import -q "$work/rootfs.tar" bench-base >/dev/null
ctx="$work/ctx"
mkdir -p "$ctx/small"
for i in $(seq 1 3000); do echo "file $i" > "$ctx/small/f$i.txt"; done
head -c 100000000 /dev/urandom > "$ctx/big.bin"
cat > "$ctx/Containerfile" <<'EOF'
FROM bench-base
RUN echo one > /one
RUN mkdir -p /app && echo two > /app/two
COPY small/ /app/small/
COPY big.bin /app/
RUN ls /app/small | wc -l > /app/count
CMD ["cat", "/app/count"]
EOF

tools=(hutch)
if command -v podman >/dev/null; then
  mkdir -p "$HOME/.config/containers"
  conf="$HOME/.config/containers/containers.conf"
  [ -f "$conf" ] || printf '[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n' > "$conf"
  podman import -q "$work/rootfs.tar" localhost/bench-base >/dev/null
  tools+=(podman)
fi
build() { # TOOL EXTRA...
  local t=$1; shift
  if [ "$t" = hutch ]; then "$HUTCH" build -q --network none "$@" -t bench-app "$ctx" >/dev/null
  else podman build -q --network none --pull=never "$@" -t bench-app "$ctx" >/dev/null; fi
}
ms() { python3 -c 'import time; print(time.monotonic()*1000)'; }
declare -A res
for t in "${tools[@]}"; do
  build "$t"  # the cache warm for the first "cached" run
  for kind in cold cached touched; do
    times=()
    for _ in $(seq 1 "$RUNS"); do
      case $kind in
        cold) a=$(ms); build "$t" --no-cache; b=$(ms) ;;
        cached) a=$(ms); build "$t"; b=$(ms) ;;
        touched) echo "$RANDOM$RANDOM" > "$ctx/small/f1500.txt"; a=$(ms); build "$t"; b=$(ms) ;;
      esac
      times+=("$(python3 -c "print($b-$a)")")
    done
    res[$t,$kind]="${times[*]}"
  done
done
python3 - "${tools[@]}" <<PY
import statistics, sys
res = {$(for k in "${!res[@]}"; do printf '"%s": [%s], ' "$k" "$(echo "${res[$k]}" | tr ' ' ',')"; done)}
tools = sys.argv[1:]
print(f"{'build':8} " + " ".join(f"{t+' ms':>12}" for t in tools) + ("   hutch/podman" if "podman" in tools else ""))
for kind, target in (("cold", 0.5), ("cached", 0.1), ("touched", None)):
    med = {t: statistics.median(res[f"{t},{kind}"]) for t in tools}
    line = f"{kind:8} " + " ".join(f"{med[t]:12.0f}" for t in tools)
    if "podman" in med:
        line += f"   {med['hutch']/med['podman']:.3f}" + (f" (target <= {target})" if target else "")
    print(line)
PY
"$HUTCH" rmi -f bench-app bench-base >/dev/null 2>&1 || true
"$HUTCH" image prune -f >/dev/null 2>&1 || true
command -v podman >/dev/null && { podman rmi -f bench-app localhost/bench-base >/dev/null 2>&1; podman image prune -f >/dev/null 2>&1; } || true
