#!/usr/bin/env bash
# Network benchmark, hutch against podman in one run (medians and ratios):
#  - throughput of a large transfer through a published port (iperf3, 5 s, host → container);
#  - requests per second of small HTTP requests at one connection (ab -c 1, a new connection
#    per request, as ab does) to busybox httpd through a published port;
#  - `run -d -p PORT:80` then `rm -f -t 0` (hyperfine).
# The clients connect to the host's loopback (127.0.0.1), then to the host's own address on the
# interface of its default route (as clients from elsewhere arrive; a host's own processes
# that connect to its address take the same path).
# Each for hutch's default (slirp4netns with hutch's port handler: the port handed to the
# server where the kernel takes the guard, else the forwarder), hutch with the port handed over
# (allow_host_loopback=true, where it always is), hutch with the port handed over on a socket
# bound to the default route's interface (bind_interface=default; the loopback's clients
# through the forwarder's socket beside it), hutch with slirp4netns's own port handler
# (port_handler=slirp4netns), hutch with --network pasta,
# podman's default (slirp4netns with rootlesskit's port handler), and the floor: the same server
# directly on the host's loopback.
# The servers in the containers are the host's iperf3 and busybox, with the host's /usr mounted.
#  - As root: installs podman, runc, hyperfine, iperf3 and apache2-utils from Debian, builds
#    hutch and runs the benchmark as the unprivileged user hutch-test.
#  - As a user: benchmarks the hutch in $HUTCH (default: target/release/hutch, else PATH).
# Options (env): ROUNDS (default 5: rounds of each throughput/rps figure), RUNS (default 20).
set -euo pipefail
trap 'echo "bench/network.sh: failed at line $LINENO${who:+ (measuring $who)}" >&2' ERR
here=$(cd "$(dirname "$0")/.." && pwd)

if [ "$(id -u)" = 0 ]; then
  . "$here/bench/as-root.sh"
  bench_setup podman runc hyperfine iperf3 apache2-utils
  bench_stage "$here/bench/network.sh"
  trap 'rm -rf "$stage"' EXIT
  rt=$(bench_runtime_dir)
  runuser -u hutch-test -- env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin HOME=/home/hutch-test USER=hutch-test XDG_RUNTIME_DIR="$rt" \
    HUTCH="$stage/hutch" MKROOTFS="$stage/busybox-rootfs.sh" ROUNDS="${ROUNDS:-5}" RUNS="${RUNS:-20}" \
    bash "$stage/network.sh"
  exit
fi

HUTCH=${HUTCH:-$here/target/release/hutch}
[ -x "$HUTCH" ] || HUTCH=$(command -v hutch)
MKROOTFS=${MKROOTFS:-$here/dev/busybox-rootfs.sh}
for t in podman iperf3 ab hyperfine python3; do
  command -v "$t" >/dev/null || { echo "$t is needed" >&2; exit 1; }
done
work=$(mktemp -d)
export XDG_DATA_HOME="$work/data"
cleanup() {
  "$HUTCH" rm -f -t 0 --all >/dev/null 2>&1 || true
  podman rm -f -t 0 --all >/dev/null 2>&1 || true
  [ -n "${direct_pids:-}" ] && kill $direct_pids 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$HOME/.config/containers"
conf="$HOME/.config/containers/containers.conf"
[ -f "$conf" ] || printf '[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n' > "$conf"
"$MKROOTFS" "$work/rootfs.tar"
"$HUTCH" import -q "$work/rootfs.tar" bench >/dev/null
podman import -q "$work/rootfs.tar" localhost/bench >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
# The host's iperf3 inside the container: its /usr, and /lib pointing into it.
# (/bin/sh and /bin/ln: the image's busybox, not the host's dash and coreutils, which cannot run
# before the links exist.)
IPERF='/bin/ln -s usr/lib /lib; /bin/ln -s usr/lib64 /lib64; exec /usr/bin/iperf3 -s'
HTTPD='mkdir -p /www && head -c 512 /dev/zero > /www/i.html && exec httpd -f -p 80 -h /www'
# Until the server itself answers (a port handler may accept before the server listens).
wait_http() { for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$1/i.html" && return 0; sleep 0.05; done; echo "no HTTP server on port $1" >&2; return 1; }
wait_iperf() { for _ in $(seq 50); do iperf3 -c 127.0.0.1 -p "$1" -n 1K >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "no iperf3 server on port $1" >&2; return 1; }

gbits() { # ADDR PORT -> Gbit/s of a 5 s transfer to it
  iperf3 -c "$1" -p "$2" -t 5 -J | python3 -c 'import json,sys; print("%.2f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/1e9))'
}
rps() { # ADDR PORT -> requests/s of 2000 small requests at one connection (nothing if ab failed)
  { ab -q -n 2000 -c 1 "http://$1:$2/i.html" 2>/dev/null || echo "ab failed against $1:$2 (${who})" >&2; } | awk '/^Requests per second/{print $4}'
}
# The host's address on the interface of its default route.
host_addr=$(ip -4 route get 1.1.1.1 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p' | head -1)
[ -n "$host_addr" ] || { echo "no IPv4 default route: the host-address figures need one" >&2; exit 1; }

declare -A tput rate tput_if rate_if
for who in hutch handed bound slirp pasta podman direct; do
  pi=$(free_port); ph=$(free_port)
  case $who in
    hutch)
      "$HUTCH" run -d --name ip -p "$pi:5201" -v /usr:/usr:ro bench /bin/sh -c "$IPERF" >/dev/null
      "$HUTCH" run -d --name web -p "$ph:80" bench sh -c "$HTTPD" >/dev/null ;;
    handed)
      "$HUTCH" run -d --name ip --network slirp4netns:allow_host_loopback=true -p "$pi:5201" -v /usr:/usr:ro bench /bin/sh -c "$IPERF" >/dev/null
      "$HUTCH" run -d --name web --network slirp4netns:allow_host_loopback=true -p "$ph:80" bench sh -c "$HTTPD" >/dev/null ;;
    bound)
      "$HUTCH" run -d --name ip --network slirp4netns:bind_interface=default -p "$pi:5201" -v /usr:/usr:ro bench /bin/sh -c "$IPERF" >/dev/null
      "$HUTCH" run -d --name web --network slirp4netns:bind_interface=default -p "$ph:80" bench sh -c "$HTTPD" >/dev/null ;;
    slirp)
      "$HUTCH" run -d --name ip --network slirp4netns:port_handler=slirp4netns -p "$pi:5201" -v /usr:/usr:ro bench /bin/sh -c "$IPERF" >/dev/null
      "$HUTCH" run -d --name web --network slirp4netns:port_handler=slirp4netns -p "$ph:80" bench sh -c "$HTTPD" >/dev/null ;;
    pasta)
      "$HUTCH" run -d --name ip --network pasta -p "$pi:5201" -v /usr:/usr:ro bench /bin/sh -c "$IPERF" >/dev/null
      "$HUTCH" run -d --name web --network pasta -p "$ph:80" bench sh -c "$HTTPD" >/dev/null ;;
    podman)
      podman run -d --name ip -p "$pi:5201" -v /usr:/usr:ro localhost/bench /bin/sh -c "$IPERF" >/dev/null
      podman run -d --name web -p "$ph:80" localhost/bench sh -c "$HTTPD" >/dev/null ;;
    direct)
      mkdir -p "$work/www" && head -c 512 /dev/zero > "$work/www/i.html"
      iperf3 -s -p "$pi" >/dev/null 2>&1 & direct_pids="$!"
      busybox httpd -f -p "$ph" -h "$work/www" & direct_pids="$direct_pids $!" ;;
  esac
  wait_iperf "$pi"; wait_http "$ph"
  tput[$who]=$(for _ in $(seq "${ROUNDS:-5}"); do gbits 127.0.0.1 "$pi"; done | median)
  rate[$who]=$(for _ in $(seq "${ROUNDS:-5}"); do rps 127.0.0.1 "$ph"; done | median)
  tput_if[$who]=$(for _ in $(seq "${ROUNDS:-5}"); do gbits "$host_addr" "$pi"; done | median)
  rate_if[$who]=$(for _ in $(seq "${ROUNDS:-5}"); do rps "$host_addr" "$ph"; done | median)
  case $who in
    hutch|handed|bound|slirp|pasta) "$HUTCH" rm -f -t 0 ip web >/dev/null ;;
    podman) podman rm -f -t 0 ip web >/dev/null ;;
    direct) kill $direct_pids; direct_pids= ;;
  esac
done

pp=$(free_port)
hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-json "$work/h.json" \
  "sh -c 'id=\$($HUTCH run -d -p $pp:80 bench sleep 1000); $HUTCH rm -f -t 0 \$id >/dev/null'" \
  "sh -c 'id=\$(podman run -d -p $pp:80 localhost/bench sleep 1000); podman rm -f -t 0 \$id >/dev/null'" >/dev/null
read -r th tp < <(python3 -c 'import json,statistics,sys; r=json.load(open(sys.argv[1]))["results"]; print(" ".join("%.1f" % (statistics.median(x["times"])*1000) for x in r))' "$work/h.json")

ratio() { if [ -n "$1" ] && [ -n "$2" ]; then python3 -c "print('%.2f' % ($1/$2))"; else echo "-"; fi; }
echo "figure                   hutch  hutch-handed  hutch-bound  hutch-slirp  hutch-pasta   podman   direct  hutch/podman  handed/podman  bound/podman  pasta/podman  hutch/direct  handed/direct  bound/direct"
for f in tput rate tput_if rate_if; do
  declare -n v=$f
  case $f in
    tput) label="iperf3 Gbit/s lo" ;; rate) label="HTTP req/s lo" ;;
    tput_if) label="iperf3 Gbit/s addr" ;; rate_if) label="HTTP req/s addr" ;;
  esac
  printf '%-20s %8s %13s %12s %12s %12s %8s %8s %13s %14s %13s %13s %13s %14s %13s\n' "$label" "${v[hutch]}" "${v[handed]}" "${v[bound]}" "${v[slirp]}" "${v[pasta]}" "${v[podman]}" "${v[direct]}" \
    "$(ratio "${v[hutch]}" "${v[podman]}")" "$(ratio "${v[handed]}" "${v[podman]}")" "$(ratio "${v[bound]}" "${v[podman]}")" "$(ratio "${v[pasta]}" "${v[podman]}")" \
    "$(ratio "${v[hutch]}" "${v[direct]}")" "$(ratio "${v[handed]}" "${v[direct]}")" "$(ratio "${v[bound]}" "${v[direct]}")"
done
printf '%-20s %8s %13s %12s %12s %12s %8s %8s %13s\n' "run -d -p + rm -f ms" "$th" "-" "-" "-" "-" "$tp" "-" "$(ratio "$th" "$tp")"
