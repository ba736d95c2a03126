#!/usr/bin/env bash
# Pull benchmark: a realistic image (debootstrap'd Debian minbase, a layer of 3000 small
# files, a layer with one 200 MB file) served by Debian's docker-registry on loopback,
# pulled into an empty store by hutch and by `podman pull`, against two floors: curl of the
# blobs piped through gunzip and tar, and `skopeo copy` to an oci: directory (transfer only).
# Run as root: installs what it needs, builds the image once (cached in /var/tmp), and runs
# the pulls as the unprivileged user hutch-test. Env: RUNS (default 3).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" = 0 ] || { echo "run bench/pull.sh as root (it builds the image with debootstrap)" >&2; exit 1; }
. "$here/bench/as-root.sh"
bench_setup podman runc hyperfine debootstrap curl python3

cache=/var/tmp/hutch-bench-image
if [ ! -f "$cache/oci/index.json" ]; then
  rm -rf "$cache"; mkdir -p "$cache/oci/blobs/sha256"
  [ -d /var/tmp/hutch-bench-minbase/usr ] || debootstrap --variant=minbase bookworm /var/tmp/hutch-bench-minbase http://deb.debian.org/debian >/dev/null
  tar --numeric-owner -C /var/tmp/hutch-bench-minbase -cf "$cache/l1.tar" .
  mkdir -p "$cache/small/srv/small"
  for i in $(seq 1 3000); do head -c $((1024 + i % 3072)) /dev/urandom > "$cache/small/srv/small/f$i"; done
  tar --numeric-owner --owner=0 --group=0 -C "$cache/small" -cf "$cache/l2.tar" .
  mkdir -p "$cache/big/srv"; head -c 200M /dev/urandom > "$cache/big/srv/big.bin"
  tar --numeric-owner --owner=0 --group=0 -C "$cache/big" -cf "$cache/l3.tar" .
  python3 - "$cache" <<'PY'
import gzip, hashlib, json, os, shutil, sys
d = sys.argv[1]; blobs = os.path.join(d, "oci/blobs/sha256")
def put(b):
    h = hashlib.sha256(b).hexdigest(); open(os.path.join(blobs, h), "wb").write(b); return "sha256:" + h, len(b)
layers, diffs = [], []
for n in ("l1", "l2", "l3"):
    raw = open(os.path.join(d, n + ".tar"), "rb").read()
    diffs.append("sha256:" + hashlib.sha256(raw).hexdigest())
    dg, size = put(gzip.compress(raw, 6))
    layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": dg, "size": size})
cfg = json.dumps({"architecture": "amd64", "os": "linux", "config": {"Cmd": ["/bin/bash"]}, "rootfs": {"type": "layers", "diff_ids": diffs}}).encode()
cd, cs = put(cfg)
m = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json", "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd, "size": cs}, "layers": layers}).encode()
md, ms = put(m)
open(os.path.join(d, "oci/oci-layout"), "w").write('{"imageLayoutVersion":"1.0.0"}')
json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": md, "size": ms, "annotations": {"org.opencontainers.image.ref.name": "bench"}}]}, open(os.path.join(d, "oci/index.json"), "w"))
print("image:", sum(l["size"] for l in layers) // 1000000, "MB compressed in", len(layers), "layers")
PY
  rm -rf "$cache/small" "$cache/big" "$cache"/l?.tar
fi
chmod -R a+rX "$cache"

stage=$(mktemp -d /var/tmp/hutch-pullbench.XXXXXX); chmod 755 "$stage"
cp "$here/target/release/hutch" "$stage/"; chmod 755 "$stage/hutch"
uid=$(id -u hutch-test); install -d -m 700 -o hutch-test -g hutch-test "/run/user/$uid"
trap 'pkill -u hutch-test docker-registry || true; rm -rf "$stage"' EXIT
cat > "$stage/run.sh" <<'USER'
set -euo pipefail
stage=$1; cache=$2; runs=$3
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s/reg\nhttp:\n  addr: 127.0.0.1:%s\n' "$w" "$port" > "$w/reg.yml"
docker-registry serve "$w/reg.yml" >/dev/null 2>&1 &
for i in $(seq 50); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
ref="127.0.0.1:$port/bench:1"
skopeo --insecure-policy copy -q --dest-tls-verify=false "oci:$cache/oci:bench" "docker://$ref"
mkdir -p "$HOME/.config/containers"
[ -f "$HOME/.config/containers/containers.conf" ] || printf '[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n' > "$HOME/.config/containers/containers.conf"
blobs=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1]+"/oci/blobs/sha256/"+json.load(open(sys.argv[1]+"/oci/index.json"))["manifests"][0]["digest"][7:])); print(" ".join(l["digest"] for l in m["layers"]))' "$cache")
cat > "$w/floor.sh" <<F
rm -rf $w/floor; mkdir -p $w/floor
for b in $blobs; do curl -s http://127.0.0.1:$port/v2/bench/blobs/\$b | gunzip | tar -x -C $w/floor --no-same-owner & done; wait
F
H="$stage/hutch"
hyperfine --runs "$runs" --warmup 1 --export-json "$w/out.json" \
  --prepare "$H unshare rm -rf $w/h; rm -rf $w/h" "XDG_DATA_HOME=$w/h $H pull -q --tls-verify=false $ref" \
  --prepare "podman unshare rm -rf $w/p; rm -rf $w/p $w/pr" "podman --root $w/p --runroot $w/pr pull -q --tls-verify=false $ref" \
  --prepare "rm -rf $w/floor" "sh $w/floor.sh" \
  --prepare "rm -rf $w/o" "skopeo --insecure-policy copy -q --src-tls-verify=false docker://$ref oci:$w/o:bench" >/dev/null
python3 - "$w/out.json" <<'PY'
import json, statistics, sys
res = json.load(open(sys.argv[1]))["results"]
names = ["hutch pull", "podman pull", "floor: curl|gunzip|tar", "floor: skopeo copy"]
med = [statistics.median(r["times"]) for r in res]
for n, r, m in zip(names, res, med):
    print(f"{n:24} median {m:6.2f} s  (min {min(r['times']):.2f}, max {max(r['times']):.2f})")
print(f"hutch/podman = {med[0]/med[1]:.2f} (target <= 0.6)")
print(f"hutch/curl-floor = {med[0]/med[2]:.2f}, hutch/skopeo = {med[0]/med[3]:.2f}")
PY
USER
runuser -u hutch-test -- env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/home/hutch-test USER=hutch-test \
  XDG_RUNTIME_DIR="/run/user/$uid" bash "$stage/run.sh" "$stage" "$cache" "${RUNS:-3}"
