#!/usr/bin/env bash
# Systemd user units, hutch against podman in one run (hyperfine; medians and ratios): a unit
# from `generate systemd --new` for the same container (the same image, command and options),
# started (Type=notify: `systemctl --user start` returns once the container runs) and stopped
# again, under a real user manager (dev/user-manager.sh).
#  - As root: installs podman, runc and hyperfine from Debian, builds hutch, starts a user
#    manager for hutch-test and runs the benchmark as hutch-test.
#  - As a user with a running user manager: benchmarks the hutch in $HUTCH.
# Options (env): RUNS (default 15), WARMUP (default 2).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

if [ "$(id -u)" = 0 ]; then
  . "$here/bench/as-root.sh"
  bench_setup podman runc hyperfine
  bench_stage "$here/bench/units.sh"
  trap '"$here/dev/user-manager.sh" stop hutch-test; rm -rf "$stage"' EXIT
  rt=$("$here/dev/user-manager.sh" start hutch-test "$stage/hutch")
  runuser -u hutch-test -- env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/home/hutch-test USER=hutch-test XDG_RUNTIME_DIR="$rt" \
    HUTCH="$stage/hutch" MKROOTFS="$stage/busybox-rootfs.sh" RUNS="${RUNS:-15}" WARMUP="${WARMUP:-2}" \
    bash "$stage/units.sh"
  exit
fi

HUTCH=${HUTCH:-$here/target/release/hutch}
MKROOTFS=${MKROOTFS:-$here/dev/busybox-rootfs.sh}
command -v podman >/dev/null || { echo "podman is needed for the comparison" >&2; exit 1; }
systemctl --user show --property=SystemState --value | grep -qE 'running|degraded' || { echo "no user manager runs for $USER" >&2; exit 1; }
work=$(mktemp -d)
units="$XDG_RUNTIME_DIR/systemd/user"
mkdir -p "$units" "$HOME/.config/containers"
conf="$HOME/.config/containers/containers.conf"
[ -f "$conf" ] || printf '[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n' > "$conf"
trap 'systemctl --user stop bench-hutch.service bench-podman.service 2>/dev/null; rm -f "$units"/bench-*.service; systemctl --user daemon-reload; "$HUTCH" rm -f -t 0 bu >/dev/null 2>&1; podman rm -f -t 0 bu >/dev/null 2>&1; "$HUTCH" rmi -f unitbench >/dev/null 2>&1; podman rmi -f localhost/unitbench >/dev/null 2>&1; rm -rf "$work"' EXIT
"$MKROOTFS" "$work/rootfs.tar"
"$HUTCH" import -q "$work/rootfs.tar" unitbench >/dev/null
podman import -q "$work/rootfs.tar" localhost/unitbench >/dev/null
# Ends at once on SIGTERM, so a stop measures the tools, not a timeout.
cmd=(sh -c 'trap "exit 0" TERM; while :; do sleep 0.05; done')
for tool in hutch podman; do
  bin=$HUTCH
  [ "$tool" = podman ] && bin=podman
  "$bin" rm -f -t 0 bu >/dev/null 2>&1 || true
  "$bin" create --name bu --network none localhost/unitbench "${cmd[@]}" >/dev/null
  "$bin" generate systemd --new --name bu > "$units/bench-$tool.service"
  "$bin" rm -f -t 0 bu >/dev/null
done
systemctl --user daemon-reload

hyperfine -N --runs "$RUNS" --warmup "$WARMUP" --export-json "$work/h.json" \
  -n hutch "systemctl --user start bench-hutch.service" \
  -n podman "systemctl --user start bench-podman.service" \
  --prepare "systemctl --user stop bench-hutch.service bench-podman.service" >/dev/null 2>&1 || true
start=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(" ".join("%.1f" % (x["median"]*1000) for x in r))' "$work/h.json")
hyperfine -N --runs "$RUNS" --warmup "$WARMUP" --export-json "$work/s.json" \
  -n hutch "systemctl --user stop bench-hutch.service" \
  -n podman "systemctl --user stop bench-podman.service" \
  --prepare "systemctl --user start bench-hutch.service bench-podman.service" >/dev/null 2>&1 || true
stop=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(" ".join("%.1f" % (x["median"]*1000) for x in r))' "$work/s.json")
read -r hs ps <<<"$start"
read -r hx px <<<"$stop"
printf '%-34s %10s %10s %8s\n' "medians (ms)" hutch podman ratio
printf '%-34s %10s %10s %8s\n' "systemctl --user start (ready)" "$hs" "$ps" "$(python3 -c "print('%.3f' % ($hs/$ps))")"
printf '%-34s %10s %10s %8s\n' "systemctl --user stop" "$hx" "$px" "$(python3 -c "print('%.3f' % ($hx/$px))")"
