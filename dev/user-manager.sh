#!/usr/bin/env bash
# A systemd user manager for the tests that start and stop units for real (run as root).
#   dev/user-manager.sh start USER HUTCH   starts one for USER, with HUTCH installed as its
#                                          Quadlet generator; prints its runtime directory
#   dev/user-manager.sh stop USER          stops it
# On a machine booted with systemd this is lingering (`loginctl enable-linger`) and user@UID.
# On one that was not (a CI VM, a container), `systemd --user` is started by hand: in a cgroup
# of its own that USER owns, and in a mount namespace of its own where /run/systemd/system
# exists (systemd refuses to run as a user instance otherwise; the rest of the machine still
# sees no systemd). Either way the generator is a symlink in /run/systemd/user-generators.
set -euo pipefail
cmd=${1:?start or stop}
user=${2:?user}
uid=$(id -u "$user")
home=$(getent passwd "$user" | cut -d: -f6)
rt=/run/user/$uid
slice=hutch-user-$uid.slice
state=/run/hutch-user-manager-$uid.pid

cgroup_dirs() {
  if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
    echo /sys/fs/cgroup/$slice
  else
    for h in systemd unified; do
      if [ -d /sys/fs/cgroup/$h ]; then echo /sys/fs/cgroup/$h/$slice; fi
    done
  fi
}

as_user() { runuser -u "$user" -- env -i HOME="$home" XDG_RUNTIME_DIR="$rt" PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }

wait_running() {
  for _ in $(seq 100); do
    # (is-system-running says "offline" where the caller sees no /run/systemd/system)
    case "$(as_user systemctl --user show --property=SystemState --value 2>/dev/null)" in
      running|degraded) return 0 ;;
    esac
    sleep 0.1
  done
  return 1
}

# Every process left in the manager's cgroups, killed (a manager that did not stop, its units).
kill_cgroups() {
  local d pid pids
  for d in $(cgroup_dirs); do
    [ -d "$d" ] || continue
    if [ -f "$d/cgroup.kill" ]; then
      echo 1 >"$d/cgroup.kill" 2>/dev/null || true
    fi
    for _ in $(seq 50); do
      pids=$(find "$d" -name cgroup.procs -exec cat {} + 2>/dev/null)
      [ -n "$pids" ] || break
      for pid in $pids; do kill -9 "$pid" 2>/dev/null || true; done
      sleep 0.1
    done
    find "$d" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
}

case $cmd in
start)
  hutch=${3:?hutch binary}
  # One left by a run that did not stop it goes first.
  if [ -f "$state" ]; then "$0" stop "$user"; fi
  if [ -d /run/systemd/system ]; then
    mkdir -p /run/systemd/user-generators
    ln -sf "$hutch" /run/systemd/user-generators/hutch-user-generator
    loginctl enable-linger "$user"
    systemctl start "user@$uid.service"
  else
    install -d -o "$user" -g "$(id -g "$user")" -m 700 "$rt"
    kill_cgroups # what a manager killed without its state file left behind
    for d in $(cgroup_dirs); do mkdir -p "$d" && chown -R "$user" "$d"; done
    # shellcheck disable=SC2016
    unshare -m sh -c '
      set -e
      mount --make-rprivate /
      mkdir -p /run/systemd
      keep=$(mktemp -d)
      mount --rbind /run/systemd "$keep"
      mount -t tmpfs -o mode=755 tmpfs /run/systemd
      mkdir /run/systemd/system /run/systemd/journal /run/systemd/user-generators
      [ ! -S "$keep/journal/socket" ] || mount --rbind "$keep/journal" /run/systemd/journal
      umount -l "$keep" && rmdir "$keep"
      ln -s "$1" /run/systemd/user-generators/hutch-user-generator
      for d in $2; do echo $$ > "$d/cgroup.procs"; done
      exec runuser -u "$3" -- env -i HOME="$4" USER="$3" XDG_RUNTIME_DIR="$5" PATH=/usr/sbin:/usr/bin:/sbin:/bin /lib/systemd/systemd --user --log-target=console --log-level=notice
    ' sh "$hutch" "$(cgroup_dirs | tr '\n' ' ')" "$user" "$home" "$rt" >"/run/hutch-user-manager-$uid.log" 2>&1 &
    echo $! >"$state"
  fi
  if ! wait_running; then
    echo "the user manager for $user did not start:" >&2
    cat "/run/hutch-user-manager-$uid.log" >&2 2>/dev/null || true
    "$0" stop "$user" || true
    exit 1
  fi
  echo "$rt"
  ;;
stop)
  if [ -d /run/systemd/system ]; then
    systemctl stop "user@$uid.service" || true
    loginctl disable-linger "$user" || true
    rm -f /run/systemd/user-generators/hutch-user-generator
  else
    # $state holds runuser's pid (the manager is its child): ask the manager to exit, then
    # kill whatever is left in its cgroups.
    if [ -f "$state" ]; then
      pid=$(cat "$state")
      as_user systemctl --user exit 2>/dev/null || kill "$pid" 2>/dev/null || true
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      rm -f "$state"
    fi
    kill_cgroups
  fi
  ;;
*) echo "usage: $0 start USER HUTCH | stop USER" >&2; exit 2 ;;
esac
