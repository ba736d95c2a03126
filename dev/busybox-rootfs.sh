#!/bin/sh
# Makes a small root filesystem tarball from Debian's busybox-static: no network needed.
# Usage: dev/busybox-rootfs.sh OUT.tar
set -eu
out=${1:?usage: $0 OUT.tar}
bb=$(command -v busybox || true)
[ -n "$bb" ] || { echo "busybox not found: sudo apt-get install busybox-static" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/etc" "$tmp/root" "$tmp/tmp" "$tmp/home/tester" "$tmp/usr/bin" "$tmp/usr/sbin" "$tmp/sbin" "$tmp/proc" "$tmp/sys" "$tmp/dev" "$tmp/var/tmp"
cp "$bb" "$tmp/bin/busybox"
for a in $("$bb" --list); do
  [ "$a" = busybox ] || ln -s busybox "$tmp/bin/$a"
done
cat > "$tmp/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/sh
tester:x:1000:1000:tester:/home/tester:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
P
cat > "$tmp/etc/group" <<'G'
root:x:0:
tty:x:5:
wheel:x:10:tester
tester:x:1000:
nogroup:x:65534:
G
chmod 1777 "$tmp/tmp" "$tmp/var/tmp"
tar --numeric-owner --owner=0 --group=0 --exclude=./home/tester -C "$tmp" -cf "$out.part" .
# The tester's home belongs to the tester, as in a real image.
tar --numeric-owner --owner=1000 --group=1000 -C "$tmp" -rf "$out.part" ./home/tester
mv "$out.part" "$out"
