#!/usr/bin/env bash
# Prepares a Debian 12 machine (as root) for hutch and its tests:
#  - installs the helpers hutch uses from Debian (uidmap, slirp4netns, passt, fuse-overlayfs),
#    what it builds against (libseccomp-dev, pkg-config; gcc and libc6-dev also build the tests'
#    static helpers), systemd-analyze and systemd-socket-activate (systemd), tzdata, what
#    the tests build images from (busybox-static) and test against (docker-registry, skopeo,
#    htpasswd from apache2-utils), gpg (gnupg), which `push --sign-by` signs with, and gpgv,
#    which checks signatures a policy.json asks for, python3 and iproute2 (network tests),
#    python3-nacl (libsodium: the sigstore tests seal a key as cosign does, apart from hutch),
#    podman and runc (the build test compares hutch's image with podman build's), bzip2,
#    xz-utils and zstd (the build tests compress the archives ADD unpacks);
#  - creates the unprivileged test user `hutch-test` with subordinate uid/gid ranges (and in
#    the systemd-journal group, to read back a journald container's logs), and `hutch-nosub`
#    without any (for the single-mapping tests);
#  - makes /dev/net/tun and /dev/fuse usable by unprivileged users.
# Safe to run again: it changes only what is missing.
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "setup-host.sh must run as root (it installs packages and adds users)" >&2; exit 1; }

PKGS=(uidmap slirp4netns passt fuse-overlayfs libseccomp-dev pkg-config gcc libc6-dev tzdata systemd busybox-static docker-registry skopeo gnupg gpgv python3 python3-nacl iproute2 apache2-utils openssl procps git openssh-client podman runc bzip2 xz-utils zstd)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# The next free 65536-id block above every range already handed out.
next_range() {
  local max=100000
  for f in /etc/subuid /etc/subgid; do
    [ -f "$f" ] || continue
    while IFS=: read -r _ start count; do
      [ -n "${count:-}" ] || continue
      end=$((start + count))
      [ "$end" -gt "$max" ] && max=$end
    done < "$f"
  done
  echo $(( (max + 65535) / 65536 * 65536 ))
}

touch /etc/subuid /etc/subgid
if ! id hutch-test >/dev/null 2>&1; then
  useradd --create-home --shell /bin/bash hutch-test
fi
if ! grep -q '^hutch-test:' /etc/subuid || ! grep -q '^hutch-test:' /etc/subgid; then
  sed -i '/^hutch-test:/d' /etc/subuid /etc/subgid
  start=$(next_range)
  usermod --add-subuids "$start-$((start + 65535))" --add-subgids "$start-$((start + 65535))" hutch-test
fi
id -nG hutch-test | grep -qw systemd-journal || usermod -aG systemd-journal hutch-test
if ! id hutch-nosub >/dev/null 2>&1; then
  useradd --create-home --shell /bin/bash hutch-nosub
fi
sed -i '/^hutch-nosub:/d' /etc/subuid /etc/subgid

for dev in /dev/net/tun /dev/fuse; do
  [ -e "$dev" ] && chmod 0666 "$dev"
done
# Unprivileged user namespaces must be allowed (they are by default on Debian 12).
if [ -f /proc/sys/kernel/unprivileged_userns_clone ] && [ "$(cat /proc/sys/kernel/unprivileged_userns_clone)" = 0 ]; then
  sysctl -qw kernel.unprivileged_userns_clone=1
fi
command -v cargo >/dev/null || { echo "cargo not found: install Rust >= 1.89 (rustup) to build hutch" >&2; exit 1; }
