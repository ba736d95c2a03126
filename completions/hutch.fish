# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_hutch_global_optspecs
    string join \n root= runroot= storage-driver= log-level= noout events-backend= volumepath= cgroup-manager= runtime= runtime-flag= conmon= hooks-dir= namespace= network-cmd-path= network-config-dir= storage-opt= syslog tmpdir= connection= remote url= identity= ssh= h/help V/version
end

function __fish_hutch_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_hutch_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_hutch_using_subcommand
    set -l cmd (__fish_hutch_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c hutch -n "__fish_hutch_needs_command" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_needs_command" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_needs_command" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_needs_command" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_needs_command" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_needs_command" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_needs_command" -l cgroup-manager -d 'Cgroup manager: cgroupfs (hutch writes the tree systemd delegates to you)' -r
complete -c hutch -n "__fish_hutch_needs_command" -l runtime -d 'OCI runtime: hutch runs containers with its own built-in runtime' -r
complete -c hutch -n "__fish_hutch_needs_command" -l runtime-flag -d 'Options for the OCI runtime (refused: the runtime is built in)' -r
complete -c hutch -n "__fish_hutch_needs_command" -l conmon -d 'Path of the conmon binary (refused: hutch\'s supervisor is built in)' -r
complete -c hutch -n "__fish_hutch_needs_command" -l hooks-dir -d 'Directory of OCI hooks (refused: hutch runs no hooks)' -r
complete -c hutch -n "__fish_hutch_needs_command" -l namespace -d 'libpod namespace (refused: hutch has one set of containers per user)' -r
complete -c hutch -n "__fish_hutch_needs_command" -l network-cmd-path -d 'Path of the network helper (refused: slirp4netns or pasta from $PATH)' -r
complete -c hutch -n "__fish_hutch_needs_command" -l network-config-dir -d 'Network configuration directory (refused: hutch has no network configurations)' -r
complete -c hutch -n "__fish_hutch_needs_command" -l storage-opt -d 'Storage driver options (refused, but for an empty value: use storage.conf)' -r
complete -c hutch -n "__fish_hutch_needs_command" -l tmpdir -d 'Path of libpod\'s temporary state (refused: hutch keeps it under --runroot)' -r
complete -c hutch -n "__fish_hutch_needs_command" -l connection -d 'Connection to a remote service (refused: hutch has no remote)' -r
complete -c hutch -n "__fish_hutch_needs_command" -l url -d 'URL of a remote service (refused: hutch has no remote)' -r
complete -c hutch -n "__fish_hutch_needs_command" -l identity -d 'SSH identity for a remote service (refused: hutch has no remote)' -r
complete -c hutch -n "__fish_hutch_needs_command" -l ssh -d 'SSH mode for a remote service (refused: hutch has no remote)' -r
complete -c hutch -n "__fish_hutch_needs_command" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_needs_command" -l syslog -d 'Output logging information to syslog (refused: messages go to stderr)'
complete -c hutch -n "__fish_hutch_needs_command" -l remote -d 'Access a remote service (refused: hutch has no remote)'
complete -c hutch -n "__fish_hutch_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hutch -n "__fish_hutch_needs_command" -s V -l version -d 'Print version'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "run" -d 'Run a command in a new container'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "create" -d 'Create but do not start a container'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "start" -d 'Start one or more containers'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "stop" -d 'Stop one or more containers'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "kill" -d 'Kill one or more running containers with a specific signal'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "restart" -d 'Restart one or more containers'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "wait" -d 'Block on one or more containers'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "logs" -d 'Fetch the logs of one or more containers'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "exec" -d 'Run a process in a running container'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "inspect" -d 'Display the configuration of object denoted by ID'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "attach" -d 'Attach to a running container'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "rename" -d 'Rename an existing container'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "update" -d 'Update the resource limits of a container'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "port" -d 'List port mappings or a specific mapping for the container'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "pause" -d 'Pause all the processes in one or more containers'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "unpause" -d 'Unpause the processes in one or more containers'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "ps" -d 'List containers'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "top" -d 'Display the running processes of a container'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "stats" -d 'Display a live stream of container resource usage statistics'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "rm" -d 'Remove one or more containers'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "export" -d 'Export a container\'s filesystem contents as a tar archive'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "commit" -d 'Create new image based on the changed container'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "mount" -d 'Mount a working container\'s root filesystem (inside `hutch unshare`); with no container, list the mounted ones'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "unmount" -d 'Unmount a working container\'s root filesystem (inside `hutch unshare`)'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "umount" -d 'Unmount a working container\'s root filesystem (inside `hutch unshare`)'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "build" -d 'Build an image using instructions from Containerfiles'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "buildx" -d 'Docker\'s buildx: `buildx build` is `build`'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "history" -d 'Show history of a specified image'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "images" -d 'List images in local storage'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "import" -d 'Import a tarball to create a filesystem image'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "pull" -d 'Pull an image from a registry'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "push" -d 'Push an image to a specified destination'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "login" -d 'Log in to a container registry'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "search" -d 'Search a registry for an image'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "logout" -d 'Log out of a container registry'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "tag" -d 'Add an additional name to a local image'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "untag" -d 'Remove a name from a local image'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "save" -d 'Save image(s) to an archive'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "load" -d 'Load image(s) from a tar archive'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "container" -d 'Manage containers'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "image" -d 'Manage images'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "manifest" -d 'Manipulate manifest lists and image indexes'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "volume" -d 'Manage volumes'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "secret" -d 'Manage secrets'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "system" -d 'Manage hutch itself: disk use, pruning, reset, info'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "diff" -d 'Inspect changes to the container\'s file systems'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "info" -d 'Display hutch related system information'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "events" -d 'Monitor hutch events'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "healthcheck" -d 'Manage health checks on containers'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "generate" -d 'Generate structured data based on containers'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "version" -d 'Display the hutch version information'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "unshare" -d 'Run a command in a modified user namespace'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "completion" -d 'Generate shell completion scripts'
complete -c hutch -n "__fish_hutch_needs_command" -f -a "auto-update" -d 'Auto update containers according to their auto-update policy'
complete -c hutch -n "__fish_hutch_using_subcommand run" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand run" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand run" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand run" -l detach-keys -d 'Override the key sequence for detaching a container (default ctrl-p,ctrl-q; "" for none)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l preserve-fds -d 'Pass a number of additional file descriptors (3..3+N) into the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l sig-proxy -d 'Proxy received signals to the process (default true)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l name -d 'Assign a name to the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -s h -l hostname -d 'Set container hostname' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -s e -l env -d 'Set environment variables in container' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l init-path -d 'Path to the container-init binary (with --init; hutch\'s own init otherwise)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand run" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR (run: the others are not attached)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l systemd -d 'Run container in systemd mode: true (when the command is systemd or an init), false, always' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l chrootdirs -d 'Directories inside the container that get /etc/hosts, /etc/hostname and /etc/resolv.conf too' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l image-volume -d 'How the image\'s VOLUMEs are handled: bind (anonymous volumes), tmpfs or ignore' -r -f -a "bind\t''
tmpfs\t''
ignore\t''"
complete -c hutch -n "__fish_hutch_using_subcommand run" -l secret -d 'Add a secret to the container: NAME[,type=mount|env][,target=T][,uid=N][,gid=N][,mode=OCTAL]' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l pod -d 'Run container in an existing pod (hutch has no pods: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l pod-id-file -d 'Read the pod ID from the file (hutch has no pods: refused)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand run" -l network -l net -d 'Connect a container to a network: slirp4netns[:OPTIONS] (the default), pasta[:OPTIONS], container:NAME, ns:PATH, none or host' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l add-host -d 'Add a custom host-to-IP mapping (host:ip)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l dns -d 'Set custom DNS servers (none: no resolv.conf entries)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l dns-option -l dns-opt -d 'Set custom DNS options' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l dns-search -d 'Set custom DNS search domains (. for none)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l expose -d 'Expose a port or a range of ports (used by --publish-all)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l mac-address -d 'Container MAC address (e.g. 92:d0:c6:0a:29:33)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l http-proxy -d 'Set proxy environment in container based on the host proxy vars (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand run" -l ip -d 'Specify a static IPv4 address for container (bridge networks only: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l ip6 -d 'Specify a static IPv6 address for container (bridge networks only: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l network-alias -d 'Add network-scoped alias for the container (bridge networks only: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l link-local-ip -d 'Container IPv4/IPv6 link-local addresses (not implemented, as in Podman)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l cap-add -d 'Add capabilities to the container (e.g. NET_ADMIN, CAP_SYS_TIME, all)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l cap-drop -d 'Drop capabilities from the container (e.g. CHOWN, all)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l security-opt -d 'Security options: seccomp=unconfined|PROFILE.json, no-new-privileges, mask=PATHS, unmask=ALL|PATHS, proc-opts=OPTS, label=..., apparmor=unconfined|PROFILE (a loaded profile)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l ulimit -d 'Ulimit options: TYPE=SOFT[:HARD] (e.g. nofile=1024:2048; -1 for unlimited), or host' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l seccomp-policy -d 'Policy for selecting a seccomp profile: default, or image (the image\'s io.containers.seccomp.profile label)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -s m -l memory -d 'Memory limit (format: <number>[<unit>], where unit = b (bytes), k (kibibytes), m (mebibytes), or g (gibibytes))' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l memory-reservation -d 'Memory soft limit (format: <number>[<unit>])' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l memory-swap -d 'Swap limit equal to memory plus swap: \'-1\' to enable unlimited swap' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l memory-swappiness -d 'Tune container memory swappiness (0 to 100, or -1 for system default)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l kernel-memory -d 'Kernel memory limit (deprecated by the kernel: refused, as on cgroup v2)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l cpus -d 'Number of CPUs. The default is 0.000 which means no limit' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l cpu-rt-period -d 'Limit the CPU real-time period in microseconds (not on cgroup v2, as in Podman)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime in microseconds (not on cgroup v2, as in Podman)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l cpuset-mems -d 'Memory nodes (MEMs) in which to allow execution (0-3, 0,1). Only effective on NUMA systems' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l blkio-weight -d 'Block IO weight (relative weight) accepts a weight value between 10 and 1000' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l blkio-weight-device -d 'Block IO weight (relative device weight, format: DEVICE_NAME:WEIGHT)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l device-read-bps -d 'Limit read rate (bytes per second) from a device (e.g. --device-read-bps=/dev/sda:1mb)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l device-write-bps -d 'Limit write rate (bytes per second) to a device (e.g. --device-write-bps=/dev/sda:1mb)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l device-read-iops -d 'Limit read rate (IO per second) from a device (e.g. --device-read-iops=/dev/sda:1000)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l device-write-iops -d 'Limit write rate (IO per second) to a device (e.g. --device-write-iops=/dev/sda:1000)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l cgroup-conf -d 'Configure cgroup v2 (key=value)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l cgroups -d 'Control container cgroup configuration ("enabled"|"disabled"|"no-conmon"|"split")' -r -f -a "enabled\t''
disabled\t''
no-conmon\t''
split\t''"
complete -c hutch -n "__fish_hutch_using_subcommand run" -l cgroupns -d 'cgroup namespace to use (host, private)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l cgroup-parent -d 'Optional parent cgroup for the container (relative to your delegated cgroup)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l userns -d 'User namespace to use: host (the default), keep-id[:uid=N,gid=N], nomap, auto[:size=N]' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l uidmap -d 'UID map for the user namespace (CONTAINER_ID:HOST_ID:SIZE; HOST_ID 0 is you, then your subordinate ids)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l gidmap -d 'GID map for the user namespace (CONTAINER_ID:HOST_ID:SIZE)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l subuidname -d 'Name of range listed in /etc/subuid for use in user namespace (needs root: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l subgidname -d 'Name of range listed in /etc/subgid for use in user namespace (needs root: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l sdnotify -d 'How to use the NOTIFY_SOCKET of a systemd unit: conmon (the supervisor says READY, its own pid as MAINPID, as conmon; hutch\'s default), container (the container says READY itself), ignore' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l health-cmd -d 'Set a healthcheck command for the container (\'none\' disables the existing healthcheck)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l health-interval -d 'Set an interval for the healthcheck (a value of disable results in no automatic timer setup)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l health-retries -d 'The number of retries allowed before a healthcheck is considered to be unhealthy' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l health-start-period -d 'The initialization time needed for a container to bootstrap' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l health-timeout -d 'The maximum time allowed to complete the healthcheck before an interval is considered failed' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l health-on-failure -d 'Action to take once the container turns unhealthy (none, kill, restart, stop)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l unsetenv -d 'Unset environment default variables in container' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l env-merge -d 'Preprocess default environment variables for the containers (NAME=VALUE, ${NAME} for its current value)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l umask -d 'Set umask in container (octal, e.g. 0022)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l tz -d 'Set timezone in container (an area/city name from /usr/share/zoneinfo, or local)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l personality -d 'Configure execution domain using personality (LINUX, LINUX32)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l read-only-tmpfs -d 'When running containers in read-only mode mount a read-write tmpfs on /run, /tmp and /var/tmp (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand run" -l uts -d 'UTS namespace to use (private, host)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l ipc -d 'IPC namespace to use (private, host)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l pid -d 'PID namespace to use (private; host is not supported yet)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l os -d 'Use OS instead of the running OS for choosing images (linux only)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l passwd -d 'Add entries to /etc/passwd and /etc/group for a --user the image does not know (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand run" -l passwd-entry -d 'Entry to write to /etc/passwd ($USERNAME, $UID, $GID, $NAME, $HOME are filled in)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l hostuser -d 'Host user account to add to /etc/passwd within container' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l volumes-from -d 'Mount volumes from the specified container(s) (CONTAINER[:ro|rw])' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l requires -d 'Add one or more requirement containers that must be started before this container will start' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l device -d 'Add a host device to the container (HOST[:CONTAINER][:PERMISSIONS], bind mounted)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l device-cgroup-rule -d 'Add a rule to the cgroup allowed devices list (not applied rootless: warned)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l group-add -d 'Add additional groups to the primary container process. \'keep-groups\' allows container processes to use supplementary groups' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l sysctl -d 'Sysctl options of the container\'s own namespaces (net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l shm-size -d 'Size of /dev/shm (format: <number>[<unit>], where unit = b, k, m or g)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l oom-score-adj -d 'Tune the host\'s OOM preferences (-1000 to 1000)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -s p -l publish -d 'Publish a container\'s port, or a range of ports, to the host ([IP:][HOSTPORT:]PORT[/PROTO])' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -s v -l volume -d 'Bind mount a volume into the container (HOST-DIR:CONTAINER-DIR[:OPTIONS], NAME:CONTAINER-DIR[:OPTIONS] or CONTAINER-DIR)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l mount -d 'Attach a filesystem mount to the container (type=bind|volume|tmpfs,...)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l tmpfs -d 'Mount a temporary filesystem (tmpfs) into a container (PATH[:OPTIONS])' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l pull -d 'Pull image policy: always, missing (the default, or containers.conf\'s pull_policy), never, newer' -r -f -a "always\t''
missing\t''
never\t''
newer\t''"
complete -c hutch -n "__fish_hutch_using_subcommand run" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand run" -l authfile -d 'Path of the authentication file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand run" -l creds -d 'Use `[username[:password]]` for accessing the registry' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l cert-dir -d 'Use certificates at this path (*.crt CAs, *.cert/*.key client pairs) to connect to the registry' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand run" -l platform -d 'Specify the platform for selecting the image (OS/ARCH[/VARIANT])' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l arch -d 'Use ARCH instead of the architecture of the machine for choosing images' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l variant -d 'Use VARIANT instead of the running architecture variant for choosing images' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l restart -d 'Restart policy to apply when a container exits (no, on-failure[:max_retries], always, unless-stopped)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l stop-signal -d 'Signal to stop a container. Default is SIGTERM' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l stop-timeout -d 'Timeout (in seconds) that containers stopped by user command have to exit. If exceeded, the container will be forcibly stopped via SIGKILL' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -s l -l label -d 'Set metadata on container' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand run" -l annotation -d 'Add annotations to container (key=value)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand run" -l pidfile -d 'Write the container process ID to the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand run" -l conmon-pidfile -d 'Write the supervisor\'s process ID to the file (Podman\'s conmon pid file)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand run" -l log-driver -d 'Logging driver for the container (k8s-file, journald, none, passthrough; json-file is k8s-file)' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l log-opt -d 'Logging driver options: max-size=SIZE, path=FILE (k8s-file), tag=TAG' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l timeout -d 'Maximum length of time a container is allowed to run. The container will be killed automatically after the time expires' -r
complete -c hutch -n "__fish_hutch_using_subcommand run" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand run" -s d -l detach -d 'Run container in background and print container ID'
complete -c hutch -n "__fish_hutch_using_subcommand run" -l rmi -d 'Remove the image after the container exits, unless another container uses it (implies --rm)'
complete -c hutch -n "__fish_hutch_using_subcommand run" -l help -d 'Print help (-h is --hostname, as in Podman)'
complete -c hutch -n "__fish_hutch_using_subcommand run" -l rm -d 'Remove container (and pod if created) after exit'
complete -c hutch -n "__fish_hutch_using_subcommand run" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c hutch -n "__fish_hutch_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-TTY for container'
complete -c hutch -n "__fish_hutch_using_subcommand run" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c hutch -n "__fish_hutch_using_subcommand run" -l read-only -d 'Make containers root filesystem read-only'
complete -c hutch -n "__fish_hutch_using_subcommand run" -l no-hosts -d 'Do not create /etc/hosts within the container, instead use the version from the image'
complete -c hutch -n "__fish_hutch_using_subcommand run" -s P -l publish-all -d 'Publish all exposed ports to random ports on the host interface'
complete -c hutch -n "__fish_hutch_using_subcommand run" -l privileged -d 'Give extended privileges to the container: every capability of the user namespace, no seccomp filter, no masked paths'
complete -c hutch -n "__fish_hutch_using_subcommand run" -l oom-kill-disable -d 'Disable OOM Killer'
complete -c hutch -n "__fish_hutch_using_subcommand run" -l no-healthcheck -d 'Disable healthchecks on container'
complete -c hutch -n "__fish_hutch_using_subcommand run" -l env-host -d 'Use all current host environment variables in container'
complete -c hutch -n "__fish_hutch_using_subcommand run" -l unsetenv-all -d 'Unset all default environment variables in container'
complete -c hutch -n "__fish_hutch_using_subcommand run" -l disable-content-trust -d 'This is a Docker specific option and is a NOOP'
complete -c hutch -n "__fish_hutch_using_subcommand run" -l rootfs -d 'The first argument is not an image but the rootfs to the exploded container'
complete -c hutch -n "__fish_hutch_using_subcommand run" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c hutch -n "__fish_hutch_using_subcommand run" -l replace -d 'If a container with the same name exists, replace it'
complete -c hutch -n "__fish_hutch_using_subcommand create" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand create" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand create" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand create" -l init-ctr -d 'Make this an init container of its pod: always or once (hutch has no pods: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l name -d 'Assign a name to the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -s h -l hostname -d 'Set container hostname' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -s e -l env -d 'Set environment variables in container' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l init-path -d 'Path to the container-init binary (with --init; hutch\'s own init otherwise)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand create" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR (run: the others are not attached)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l systemd -d 'Run container in systemd mode: true (when the command is systemd or an init), false, always' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l chrootdirs -d 'Directories inside the container that get /etc/hosts, /etc/hostname and /etc/resolv.conf too' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l image-volume -d 'How the image\'s VOLUMEs are handled: bind (anonymous volumes), tmpfs or ignore' -r -f -a "bind\t''
tmpfs\t''
ignore\t''"
complete -c hutch -n "__fish_hutch_using_subcommand create" -l secret -d 'Add a secret to the container: NAME[,type=mount|env][,target=T][,uid=N][,gid=N][,mode=OCTAL]' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l pod -d 'Run container in an existing pod (hutch has no pods: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l pod-id-file -d 'Read the pod ID from the file (hutch has no pods: refused)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand create" -l network -l net -d 'Connect a container to a network: slirp4netns[:OPTIONS] (the default), pasta[:OPTIONS], container:NAME, ns:PATH, none or host' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l add-host -d 'Add a custom host-to-IP mapping (host:ip)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l dns -d 'Set custom DNS servers (none: no resolv.conf entries)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l dns-option -l dns-opt -d 'Set custom DNS options' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l dns-search -d 'Set custom DNS search domains (. for none)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l expose -d 'Expose a port or a range of ports (used by --publish-all)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l mac-address -d 'Container MAC address (e.g. 92:d0:c6:0a:29:33)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l http-proxy -d 'Set proxy environment in container based on the host proxy vars (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand create" -l ip -d 'Specify a static IPv4 address for container (bridge networks only: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l ip6 -d 'Specify a static IPv6 address for container (bridge networks only: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l network-alias -d 'Add network-scoped alias for the container (bridge networks only: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l link-local-ip -d 'Container IPv4/IPv6 link-local addresses (not implemented, as in Podman)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l cap-add -d 'Add capabilities to the container (e.g. NET_ADMIN, CAP_SYS_TIME, all)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l cap-drop -d 'Drop capabilities from the container (e.g. CHOWN, all)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l security-opt -d 'Security options: seccomp=unconfined|PROFILE.json, no-new-privileges, mask=PATHS, unmask=ALL|PATHS, proc-opts=OPTS, label=..., apparmor=unconfined|PROFILE (a loaded profile)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l ulimit -d 'Ulimit options: TYPE=SOFT[:HARD] (e.g. nofile=1024:2048; -1 for unlimited), or host' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l seccomp-policy -d 'Policy for selecting a seccomp profile: default, or image (the image\'s io.containers.seccomp.profile label)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -s m -l memory -d 'Memory limit (format: <number>[<unit>], where unit = b (bytes), k (kibibytes), m (mebibytes), or g (gibibytes))' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l memory-reservation -d 'Memory soft limit (format: <number>[<unit>])' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l memory-swap -d 'Swap limit equal to memory plus swap: \'-1\' to enable unlimited swap' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l memory-swappiness -d 'Tune container memory swappiness (0 to 100, or -1 for system default)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l kernel-memory -d 'Kernel memory limit (deprecated by the kernel: refused, as on cgroup v2)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l cpus -d 'Number of CPUs. The default is 0.000 which means no limit' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l cpu-rt-period -d 'Limit the CPU real-time period in microseconds (not on cgroup v2, as in Podman)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime in microseconds (not on cgroup v2, as in Podman)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l cpuset-mems -d 'Memory nodes (MEMs) in which to allow execution (0-3, 0,1). Only effective on NUMA systems' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l blkio-weight -d 'Block IO weight (relative weight) accepts a weight value between 10 and 1000' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l blkio-weight-device -d 'Block IO weight (relative device weight, format: DEVICE_NAME:WEIGHT)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l device-read-bps -d 'Limit read rate (bytes per second) from a device (e.g. --device-read-bps=/dev/sda:1mb)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l device-write-bps -d 'Limit write rate (bytes per second) to a device (e.g. --device-write-bps=/dev/sda:1mb)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l device-read-iops -d 'Limit read rate (IO per second) from a device (e.g. --device-read-iops=/dev/sda:1000)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l device-write-iops -d 'Limit write rate (IO per second) to a device (e.g. --device-write-iops=/dev/sda:1000)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l cgroup-conf -d 'Configure cgroup v2 (key=value)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l cgroups -d 'Control container cgroup configuration ("enabled"|"disabled"|"no-conmon"|"split")' -r -f -a "enabled\t''
disabled\t''
no-conmon\t''
split\t''"
complete -c hutch -n "__fish_hutch_using_subcommand create" -l cgroupns -d 'cgroup namespace to use (host, private)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l cgroup-parent -d 'Optional parent cgroup for the container (relative to your delegated cgroup)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l userns -d 'User namespace to use: host (the default), keep-id[:uid=N,gid=N], nomap, auto[:size=N]' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l uidmap -d 'UID map for the user namespace (CONTAINER_ID:HOST_ID:SIZE; HOST_ID 0 is you, then your subordinate ids)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l gidmap -d 'GID map for the user namespace (CONTAINER_ID:HOST_ID:SIZE)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l subuidname -d 'Name of range listed in /etc/subuid for use in user namespace (needs root: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l subgidname -d 'Name of range listed in /etc/subgid for use in user namespace (needs root: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l sdnotify -d 'How to use the NOTIFY_SOCKET of a systemd unit: conmon (the supervisor says READY, its own pid as MAINPID, as conmon; hutch\'s default), container (the container says READY itself), ignore' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l health-cmd -d 'Set a healthcheck command for the container (\'none\' disables the existing healthcheck)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l health-interval -d 'Set an interval for the healthcheck (a value of disable results in no automatic timer setup)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l health-retries -d 'The number of retries allowed before a healthcheck is considered to be unhealthy' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l health-start-period -d 'The initialization time needed for a container to bootstrap' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l health-timeout -d 'The maximum time allowed to complete the healthcheck before an interval is considered failed' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l health-on-failure -d 'Action to take once the container turns unhealthy (none, kill, restart, stop)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l unsetenv -d 'Unset environment default variables in container' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l env-merge -d 'Preprocess default environment variables for the containers (NAME=VALUE, ${NAME} for its current value)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l umask -d 'Set umask in container (octal, e.g. 0022)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l tz -d 'Set timezone in container (an area/city name from /usr/share/zoneinfo, or local)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l personality -d 'Configure execution domain using personality (LINUX, LINUX32)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l read-only-tmpfs -d 'When running containers in read-only mode mount a read-write tmpfs on /run, /tmp and /var/tmp (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand create" -l uts -d 'UTS namespace to use (private, host)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l ipc -d 'IPC namespace to use (private, host)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l pid -d 'PID namespace to use (private; host is not supported yet)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l os -d 'Use OS instead of the running OS for choosing images (linux only)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l passwd -d 'Add entries to /etc/passwd and /etc/group for a --user the image does not know (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand create" -l passwd-entry -d 'Entry to write to /etc/passwd ($USERNAME, $UID, $GID, $NAME, $HOME are filled in)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l hostuser -d 'Host user account to add to /etc/passwd within container' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l volumes-from -d 'Mount volumes from the specified container(s) (CONTAINER[:ro|rw])' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l requires -d 'Add one or more requirement containers that must be started before this container will start' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l device -d 'Add a host device to the container (HOST[:CONTAINER][:PERMISSIONS], bind mounted)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l device-cgroup-rule -d 'Add a rule to the cgroup allowed devices list (not applied rootless: warned)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l group-add -d 'Add additional groups to the primary container process. \'keep-groups\' allows container processes to use supplementary groups' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l sysctl -d 'Sysctl options of the container\'s own namespaces (net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l shm-size -d 'Size of /dev/shm (format: <number>[<unit>], where unit = b, k, m or g)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l oom-score-adj -d 'Tune the host\'s OOM preferences (-1000 to 1000)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -s p -l publish -d 'Publish a container\'s port, or a range of ports, to the host ([IP:][HOSTPORT:]PORT[/PROTO])' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -s v -l volume -d 'Bind mount a volume into the container (HOST-DIR:CONTAINER-DIR[:OPTIONS], NAME:CONTAINER-DIR[:OPTIONS] or CONTAINER-DIR)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l mount -d 'Attach a filesystem mount to the container (type=bind|volume|tmpfs,...)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l tmpfs -d 'Mount a temporary filesystem (tmpfs) into a container (PATH[:OPTIONS])' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l pull -d 'Pull image policy: always, missing (the default, or containers.conf\'s pull_policy), never, newer' -r -f -a "always\t''
missing\t''
never\t''
newer\t''"
complete -c hutch -n "__fish_hutch_using_subcommand create" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand create" -l authfile -d 'Path of the authentication file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand create" -l creds -d 'Use `[username[:password]]` for accessing the registry' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l cert-dir -d 'Use certificates at this path (*.crt CAs, *.cert/*.key client pairs) to connect to the registry' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand create" -l platform -d 'Specify the platform for selecting the image (OS/ARCH[/VARIANT])' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l arch -d 'Use ARCH instead of the architecture of the machine for choosing images' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l variant -d 'Use VARIANT instead of the running architecture variant for choosing images' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l restart -d 'Restart policy to apply when a container exits (no, on-failure[:max_retries], always, unless-stopped)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l stop-signal -d 'Signal to stop a container. Default is SIGTERM' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l stop-timeout -d 'Timeout (in seconds) that containers stopped by user command have to exit. If exceeded, the container will be forcibly stopped via SIGKILL' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -s l -l label -d 'Set metadata on container' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand create" -l annotation -d 'Add annotations to container (key=value)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand create" -l pidfile -d 'Write the container process ID to the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand create" -l conmon-pidfile -d 'Write the supervisor\'s process ID to the file (Podman\'s conmon pid file)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand create" -l log-driver -d 'Logging driver for the container (k8s-file, journald, none, passthrough; json-file is k8s-file)' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l log-opt -d 'Logging driver options: max-size=SIZE, path=FILE (k8s-file), tag=TAG' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l timeout -d 'Maximum length of time a container is allowed to run. The container will be killed automatically after the time expires' -r
complete -c hutch -n "__fish_hutch_using_subcommand create" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand create" -l help -d 'Print help (-h is --hostname, as in Podman)'
complete -c hutch -n "__fish_hutch_using_subcommand create" -l rm -d 'Remove container (and pod if created) after exit'
complete -c hutch -n "__fish_hutch_using_subcommand create" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c hutch -n "__fish_hutch_using_subcommand create" -s t -l tty -d 'Allocate a pseudo-TTY for container'
complete -c hutch -n "__fish_hutch_using_subcommand create" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c hutch -n "__fish_hutch_using_subcommand create" -l read-only -d 'Make containers root filesystem read-only'
complete -c hutch -n "__fish_hutch_using_subcommand create" -l no-hosts -d 'Do not create /etc/hosts within the container, instead use the version from the image'
complete -c hutch -n "__fish_hutch_using_subcommand create" -s P -l publish-all -d 'Publish all exposed ports to random ports on the host interface'
complete -c hutch -n "__fish_hutch_using_subcommand create" -l privileged -d 'Give extended privileges to the container: every capability of the user namespace, no seccomp filter, no masked paths'
complete -c hutch -n "__fish_hutch_using_subcommand create" -l oom-kill-disable -d 'Disable OOM Killer'
complete -c hutch -n "__fish_hutch_using_subcommand create" -l no-healthcheck -d 'Disable healthchecks on container'
complete -c hutch -n "__fish_hutch_using_subcommand create" -l env-host -d 'Use all current host environment variables in container'
complete -c hutch -n "__fish_hutch_using_subcommand create" -l unsetenv-all -d 'Unset all default environment variables in container'
complete -c hutch -n "__fish_hutch_using_subcommand create" -l disable-content-trust -d 'This is a Docker specific option and is a NOOP'
complete -c hutch -n "__fish_hutch_using_subcommand create" -l rootfs -d 'The first argument is not an image but the rootfs to the exploded container'
complete -c hutch -n "__fish_hutch_using_subcommand create" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c hutch -n "__fish_hutch_using_subcommand create" -l replace -d 'If a container with the same name exists, replace it'
complete -c hutch -n "__fish_hutch_using_subcommand start" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand start" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand start" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand start" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand start" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand start" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand start" -l detach-keys -d 'Override the key sequence for detaching a container (default ctrl-p,ctrl-q; "" for none)' -r
complete -c hutch -n "__fish_hutch_using_subcommand start" -s f -l filter -d 'Filter what containers start (with --all)' -r
complete -c hutch -n "__fish_hutch_using_subcommand start" -l sig-proxy -d 'Proxy received signals to the process (default true if attaching, false otherwise)' -r
complete -c hutch -n "__fish_hutch_using_subcommand start" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand start" -s a -l attach -d 'Attach container\'s STDOUT and STDERR'
complete -c hutch -n "__fish_hutch_using_subcommand start" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c hutch -n "__fish_hutch_using_subcommand start" -l all -d 'Start all containers regardless of their state or configuration'
complete -c hutch -n "__fish_hutch_using_subcommand start" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand start" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand stop" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand stop" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand stop" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand stop" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand stop" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand stop" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand stop" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand stop" -s t -l time -l timeout -d 'Seconds to wait for stop before killing the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand stop" -s f -l filter -d 'Filter what containers are going to be stopped' -r
complete -c hutch -n "__fish_hutch_using_subcommand stop" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand stop" -s a -l all -d 'Stop all running containers'
complete -c hutch -n "__fish_hutch_using_subcommand stop" -s i -l ignore -d 'Ignore errors when a specified container is missing'
complete -c hutch -n "__fish_hutch_using_subcommand stop" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand stop" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand kill" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand kill" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand kill" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand kill" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand kill" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand kill" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand kill" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand kill" -s s -l signal -d 'Signal to send to the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand kill" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand kill" -s a -l all -d 'Signal all running containers'
complete -c hutch -n "__fish_hutch_using_subcommand kill" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand kill" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand restart" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand restart" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand restart" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand restart" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand restart" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand restart" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand restart" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand restart" -s f -l filter -d 'Filter what containers restart' -r
complete -c hutch -n "__fish_hutch_using_subcommand restart" -s t -l time -l timeout -d 'Seconds to wait for stop before killing the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand restart" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand restart" -s a -l all -d 'Restart all non-running containers'
complete -c hutch -n "__fish_hutch_using_subcommand restart" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand restart" -l running -d 'Restart only running containers'
complete -c hutch -n "__fish_hutch_using_subcommand restart" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand wait" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand wait" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand wait" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand wait" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand wait" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand wait" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand wait" -l condition -d 'Condition to wait on (created, running, stopped, exited; repeatable)' -r
complete -c hutch -n "__fish_hutch_using_subcommand wait" -s i -l interval -d 'Time interval to wait before polling for completion' -r
complete -c hutch -n "__fish_hutch_using_subcommand wait" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand wait" -l ignore -d 'Ignore if a container does not exist'
complete -c hutch -n "__fish_hutch_using_subcommand wait" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand wait" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand logs" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand logs" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand logs" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand logs" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand logs" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand logs" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand logs" -l since -d 'Show logs since TIMESTAMP' -r
complete -c hutch -n "__fish_hutch_using_subcommand logs" -l until -d 'Show logs until TIMESTAMP' -r
complete -c hutch -n "__fish_hutch_using_subcommand logs" -l tail -d 'Output the specified number of LINES at the end of the logs (-1: all)' -r
complete -c hutch -n "__fish_hutch_using_subcommand logs" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand logs" -s f -l follow -d 'Follow log output'
complete -c hutch -n "__fish_hutch_using_subcommand logs" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand logs" -s n -l names -d 'Output the container name in the log'
complete -c hutch -n "__fish_hutch_using_subcommand logs" -l color -d 'Output the containers with different colors in the log'
complete -c hutch -n "__fish_hutch_using_subcommand logs" -s t -l timestamps -d 'Output the timestamps in the log'
complete -c hutch -n "__fish_hutch_using_subcommand logs" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand exec" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand exec" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand exec" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand exec" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand exec" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand exec" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand exec" -l detach-keys -d 'Select the key sequence for detaching from an -it session (default ctrl-p,ctrl-q; "" for none)' -r
complete -c hutch -n "__fish_hutch_using_subcommand exec" -s e -l env -d 'Set environment variables' -r
complete -c hutch -n "__fish_hutch_using_subcommand exec" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand exec" -l preserve-fds -d 'Pass N additional file descriptors to the process' -r
complete -c hutch -n "__fish_hutch_using_subcommand exec" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c hutch -n "__fish_hutch_using_subcommand exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand exec" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand exec" -s d -l detach -d 'Run the exec session in detached mode (backgrounded)'
complete -c hutch -n "__fish_hutch_using_subcommand exec" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c hutch -n "__fish_hutch_using_subcommand exec" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand exec" -l privileged -d 'Give extended privileges to the process (every capability)'
complete -c hutch -n "__fish_hutch_using_subcommand exec" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c hutch -n "__fish_hutch_using_subcommand exec" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand inspect" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand inspect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand inspect" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand inspect" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand inspect" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand inspect" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand inspect" -s f -l format -d 'Format the output to a Go template or json' -r
complete -c hutch -n "__fish_hutch_using_subcommand inspect" -s t -l type -d 'Specify inspect-object type: container, image, volume or all' -r -f -a "all\t''
container\t''
image\t''
volume\t''
network\t''
pod\t''"
complete -c hutch -n "__fish_hutch_using_subcommand inspect" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand inspect" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand inspect" -s s -l size -d 'Display total file size (containers)'
complete -c hutch -n "__fish_hutch_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand attach" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand attach" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand attach" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand attach" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand attach" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand attach" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand attach" -l detach-keys -d 'Select the key sequence for detaching a container (default ctrl-p,ctrl-q; "" for none)' -r
complete -c hutch -n "__fish_hutch_using_subcommand attach" -l sig-proxy -d 'Proxy received signals to the container\'s process' -r
complete -c hutch -n "__fish_hutch_using_subcommand attach" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand attach" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand attach" -l no-stdin -d 'Do not attach STDIN'
complete -c hutch -n "__fish_hutch_using_subcommand attach" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand rename" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand rename" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand rename" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand rename" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand rename" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand rename" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand rename" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand rename" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand update" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand update" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand update" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand update" -s m -l memory -d 'Memory limit (format: <number>[<unit>], where unit = b (bytes), k (kibibytes), m (mebibytes), or g (gibibytes))' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l memory-reservation -d 'Memory soft limit (format: <number>[<unit>])' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l memory-swap -d 'Swap limit equal to memory plus swap: \'-1\' to enable unlimited swap' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l memory-swappiness -d 'Tune container memory swappiness (0 to 100, or -1 for system default)' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l kernel-memory -d 'Kernel memory limit (deprecated by the kernel: refused, as on cgroup v2)' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l cpus -d 'Number of CPUs. The default is 0.000 which means no limit' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l cpu-rt-period -d 'Limit the CPU real-time period in microseconds (not on cgroup v2, as in Podman)' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime in microseconds (not on cgroup v2, as in Podman)' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l cpuset-mems -d 'Memory nodes (MEMs) in which to allow execution (0-3, 0,1). Only effective on NUMA systems' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l blkio-weight -d 'Block IO weight (relative weight) accepts a weight value between 10 and 1000' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l blkio-weight-device -d 'Block IO weight (relative device weight, format: DEVICE_NAME:WEIGHT)' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l device-read-bps -d 'Limit read rate (bytes per second) from a device (e.g. --device-read-bps=/dev/sda:1mb)' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l device-write-bps -d 'Limit write rate (bytes per second) to a device (e.g. --device-write-bps=/dev/sda:1mb)' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l device-read-iops -d 'Limit read rate (IO per second) from a device (e.g. --device-read-iops=/dev/sda:1000)' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l device-write-iops -d 'Limit write rate (IO per second) to a device (e.g. --device-write-iops=/dev/sda:1000)' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l cgroup-conf -d 'Configure cgroup v2 (key=value)' -r
complete -c hutch -n "__fish_hutch_using_subcommand update" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand update" -l oom-kill-disable -d 'Disable OOM Killer'
complete -c hutch -n "__fish_hutch_using_subcommand update" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand port" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand port" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand port" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand port" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand port" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand port" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand port" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand port" -s a -l all -d 'Display port information for all containers'
complete -c hutch -n "__fish_hutch_using_subcommand port" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand port" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand pause" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand pause" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand pause" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand pause" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand pause" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand pause" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand pause" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand pause" -s f -l filter -d 'Filter what containers are paused' -r
complete -c hutch -n "__fish_hutch_using_subcommand pause" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand pause" -s a -l all -d 'Pause all running containers'
complete -c hutch -n "__fish_hutch_using_subcommand pause" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand pause" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand unpause" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand unpause" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand unpause" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand unpause" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand unpause" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand unpause" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand unpause" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand unpause" -s f -l filter -d 'Filter what containers are paused' -r
complete -c hutch -n "__fish_hutch_using_subcommand unpause" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand unpause" -s a -l all -d 'Pause all running containers'
complete -c hutch -n "__fish_hutch_using_subcommand unpause" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand unpause" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand ps" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand ps" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand ps" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand ps" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand ps" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand ps" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand ps" -s f -l filter -d 'Filter output based on conditions given (KEY=VALUE: id, name, label, exited, status, ancestor, before, since, volume, health, pod, network, restart-policy, until)' -r
complete -c hutch -n "__fish_hutch_using_subcommand ps" -l format -d 'Pretty-print containers to JSON or using a Go template' -r
complete -c hutch -n "__fish_hutch_using_subcommand ps" -s n -l last -d 'Print the n last created containers (all states)' -r
complete -c hutch -n "__fish_hutch_using_subcommand ps" -l sort -d 'Sort output by: command, created, id, image, names, runningfor, size, status' -r
complete -c hutch -n "__fish_hutch_using_subcommand ps" -s w -l watch -d 'Watch the ps output on an interval in seconds' -r
complete -c hutch -n "__fish_hutch_using_subcommand ps" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand ps" -s a -l all -d 'Show all the containers, default is only running containers'
complete -c hutch -n "__fish_hutch_using_subcommand ps" -l external -d 'Show containers in storage not controlled by hutch (there are none: hutch lists only its own)'
complete -c hutch -n "__fish_hutch_using_subcommand ps" -s q -l quiet -d 'Print the numeric IDs of the containers only'
complete -c hutch -n "__fish_hutch_using_subcommand ps" -l no-trunc -d 'Display the extended information'
complete -c hutch -n "__fish_hutch_using_subcommand ps" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand ps" -l namespace -l ns -d 'Display namespace information'
complete -c hutch -n "__fish_hutch_using_subcommand ps" -l noheading -l noheader -d 'Do not print headers'
complete -c hutch -n "__fish_hutch_using_subcommand ps" -s p -l pod -d 'Print the ID and name of the pod the containers are associated with (hutch has no pods: empty)'
complete -c hutch -n "__fish_hutch_using_subcommand ps" -s s -l size -d 'Display the total file sizes'
complete -c hutch -n "__fish_hutch_using_subcommand ps" -l sync -d 'Sync container state with OCI runtime (a no-op: hutch checks every container\'s process each time it lists)'
complete -c hutch -n "__fish_hutch_using_subcommand ps" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand top" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand top" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand top" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand top" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand top" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand top" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand top" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand top" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand top" -l list-descriptors -d 'List the supported format descriptors'
complete -c hutch -n "__fish_hutch_using_subcommand top" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hutch -n "__fish_hutch_using_subcommand stats" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand stats" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand stats" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand stats" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand stats" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand stats" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand stats" -l format -d 'Pretty-print container statistics to JSON or using a Go template' -r
complete -c hutch -n "__fish_hutch_using_subcommand stats" -s i -l interval -d 'Time in seconds between stats reports' -r
complete -c hutch -n "__fish_hutch_using_subcommand stats" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand stats" -s a -l all -d 'Show all containers (those not running with zeros; without names hutch shows all, as Podman 4.3.1 does)'
complete -c hutch -n "__fish_hutch_using_subcommand stats" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand stats" -l no-reset -d 'Disable resetting the screen between intervals'
complete -c hutch -n "__fish_hutch_using_subcommand stats" -l no-stream -d 'Disable streaming stats and only pull the first result'
complete -c hutch -n "__fish_hutch_using_subcommand stats" -l no-trunc -d 'Do not truncate output'
complete -c hutch -n "__fish_hutch_using_subcommand stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hutch -n "__fish_hutch_using_subcommand rm" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand rm" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand rm" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand rm" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand rm" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand rm" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand rm" -l filter -d 'Filter what containers are removed' -r
complete -c hutch -n "__fish_hutch_using_subcommand rm" -s t -l time -d 'Seconds to wait for stop before killing the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand rm" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand rm" -s a -l all -d 'Remove all containers'
complete -c hutch -n "__fish_hutch_using_subcommand rm" -l depend -d 'Remove container and all containers that depend on it (those joining its network)'
complete -c hutch -n "__fish_hutch_using_subcommand rm" -s f -l force -d 'Force removal of a running or unusable container'
complete -c hutch -n "__fish_hutch_using_subcommand rm" -s i -l ignore -d 'Ignore errors when a specified container is missing'
complete -c hutch -n "__fish_hutch_using_subcommand rm" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c hutch -n "__fish_hutch_using_subcommand rm" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand export" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand export" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand export" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand export" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand export" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand export" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand export" -s o -l output -d 'Write to a specified file (default: stdout, which must be redirected)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand export" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand export" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand commit" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand commit" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand commit" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand commit" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand commit" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand commit" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand commit" -s c -l change -d 'Apply the following possible instructions to the created image: CMD | ENTRYPOINT | ENV | EXPOSE | LABEL | STOPSIGNAL | USER | VOLUME | WORKDIR' -r
complete -c hutch -n "__fish_hutch_using_subcommand commit" -s m -l message -d 'Set commit message for imported image' -r
complete -c hutch -n "__fish_hutch_using_subcommand commit" -s a -l author -d 'Set the author for the image committed' -r
complete -c hutch -n "__fish_hutch_using_subcommand commit" -s f -l format -d 'Format of the image manifest and metadata: oci (the default) or docker' -r -f -a "oci\t''
docker\t''"
complete -c hutch -n "__fish_hutch_using_subcommand commit" -l iidfile -d 'Write the image ID to the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand commit" -s p -l pause -d 'Pause the container while committing (its cgroup\'s freezer)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand commit" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand commit" -s q -l quiet -d 'Suppress output'
complete -c hutch -n "__fish_hutch_using_subcommand commit" -l include-volumes -d 'Include container volumes as image volumes'
complete -c hutch -n "__fish_hutch_using_subcommand commit" -s s -l squash -d 'Squash all of the image\'s layers into one'
complete -c hutch -n "__fish_hutch_using_subcommand commit" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand cp" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand cp" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand cp" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand cp" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand cp" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand cp" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand cp" -s a -l archive -d 'Chown copied files to the primary uid/gid of the destination container (true), or keep their own ids' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand cp" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand cp" -l overwrite -d 'Allow directories to be overwritten with non-directories and vice versa'
complete -c hutch -n "__fish_hutch_using_subcommand cp" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand mount" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand mount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand mount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand mount" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand mount" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand mount" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand mount" -l format -d 'Print the mounted containers in the specified format (json)' -r
complete -c hutch -n "__fish_hutch_using_subcommand mount" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand mount" -s a -l all -d 'Mount all containers'
complete -c hutch -n "__fish_hutch_using_subcommand mount" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand mount" -l no-trunc -d 'Do not truncate output'
complete -c hutch -n "__fish_hutch_using_subcommand mount" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand unmount" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand unmount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand unmount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand unmount" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand unmount" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand unmount" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand unmount" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand unmount" -s a -l all -d 'Unmount all of the currently mounted containers'
complete -c hutch -n "__fish_hutch_using_subcommand unmount" -s f -l force -d 'Force the unmount even if the root is in use (a lazy unmount: it always is)'
complete -c hutch -n "__fish_hutch_using_subcommand unmount" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand unmount" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand umount" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand umount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand umount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand umount" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand umount" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand umount" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand umount" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand umount" -s a -l all -d 'Unmount all of the currently mounted containers'
complete -c hutch -n "__fish_hutch_using_subcommand umount" -s f -l force -d 'Force the unmount even if the root is in use (a lazy unmount: it always is)'
complete -c hutch -n "__fish_hutch_using_subcommand umount" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand umount" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand build" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand build" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand build" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand build" -l add-host -d 'Add a custom host-to-IP mapping (host:ip) for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l annotation -d 'Add an annotation (KEY=VALUE) to the image\'s manifest (OCI format only)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l build-arg -d 'ARG=VALUE: a value for a build argument' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l build-arg-file -d 'A file of ARG=VALUE lines for build arguments' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand build" -l build-context -d 'Additional build contexts for COPY --from=NAME: NAME=DIR or NAME=docker-image://IMAGE' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l cache-from -d 'Repository to look for cached steps in (REPO:KEY) before running them (with --layers)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l cache-to -d 'Repository to push the steps this build runs to, as a cache for other builds (with --layers)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l cache-ttl -d 'Only use cached steps created less than this duration ago (0: no cache)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l cap-add -d 'Add the specified capability for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l cap-drop -d 'Drop the specified capability for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l cgroup-parent -d 'Optional parent cgroup for RUN step containers' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l cgroupns -d 'Cgroup namespace for RUN steps: private (the default) or host' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l cpp-flag -d 'Set additional flags to pass to the C preprocessor (cpp) a NAME.in Containerfile goes through' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l cpu-period -d 'Limit the CPU CFS period of RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l cpu-quota -d 'Limit the CPU CFS quota of RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -s c -l cpu-shares -d 'CPU shares (relative weight) of RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l cpuset-cpus -d 'CPUs in which RUN steps may run' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l cpuset-mems -d 'Memory nodes in which RUN steps may run' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand build" -l authfile -d 'Path of the authentication file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand build" -l creds -d 'Use `[username[:password]]` for accessing the registry' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l cert-dir -d 'Use certificates at this path (*.crt CAs, *.cert/*.key client pairs) to connect to the registry' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand build" -l decryption-key -d 'Key needed to decrypt the image (not supported)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l device -d 'Add a host device to RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -s D -l disable-compression -d 'Do not compress layers (the default: hutch stores them uncompressed)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand build" -l dns -d 'Set custom DNS servers for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l dns-option -d 'Set custom DNS options for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l dns-search -d 'Set custom DNS search domains for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l env -d 'Set an environment variable in the built image (NAME[=VALUE])' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -s f -l file -d 'Name of the Containerfile (- for stdin); several are read in order' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand build" -l force-rm -d 'Always remove step containers, even after a failed build (the default)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand build" -l format -d 'Format of the built image\'s manifest and metadata: oci (the default) or docker' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l from -d 'Image to use in place of the first stage\'s FROM' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l hooks-dir -d 'Set the OCI hooks directory path (not supported)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l http-proxy -d 'Pass the proxy environment variables to RUN steps (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand build" -l identity-label -d 'Add Buildah\'s identity label (hutch adds none either way)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand build" -l ignorefile -d 'Path to an alternate .containerignore/.dockerignore file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand build" -l iidfile -d 'Write the image ID to the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand build" -l ipc -d 'IPC namespace for RUN steps: private (the default) or host' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l isolation -d 'Process isolation of RUN steps: oci (the default) or rootless' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l jobs -d 'How many stages to build at once (hutch builds them one after the other)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l label -d 'Set metadata for the image (KEY=VALUE)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l layers -d 'Keep each step\'s image and use them as a cache (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand build" -l logfile -d 'Log to the file instead of stdout and stderr' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand build" -l progress -d 'Docker buildx\'s --progress: auto, plain and tty print plain lines; quiet is -q' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l logsplit -d 'Split the log file per platform: LOGFILE_OS_ARCH (needs --logfile)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand build" -l manifest -d 'Add the image to the manifest list, creating it if it does not exist' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -s m -l memory -d 'Memory limit of RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l memory-swap -d 'Memory plus swap limit of RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l network -l net -d 'Network for RUN steps: containers.conf\'s default, none, host, slirp4netns, pasta' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l omit-history -d 'Do not write history into the image' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand build" -l os -d 'Operating system of the image (linux)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l os-feature -d 'OS feature the image requires (FEATURE- removes one the base requires)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l os-version -d 'OS version the image requires' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -s o -l output -d 'Write the built image\'s files: a directory, type=local,dest=DIR, type=tar,dest=FILE, or - (a tarball on stdout)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l pid -d 'PID namespace for RUN steps: private (the only one hutch gives)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l platform -d 'Specify the platform for selecting the image (OS/ARCH[/VARIANT])' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l arch -d 'Use ARCH instead of the architecture of the machine for choosing images' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l variant -d 'Use VARIANT instead of the running architecture variant for choosing images' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l pull -d 'Pull policy for base images: always (alone or true), missing (the default), never (false), newer' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l retry -d 'Number of times to retry a pull' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l retry-delay -d 'Delay between pull retries' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l rm -d 'Remove step containers after a successful build (the default)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand build" -l runtime -d 'OCI runtime for RUN steps (not supported: hutch is its own runtime)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l runtime-flag -d 'Flags for the OCI runtime (not supported)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l secret -d 'Secret for RUN --mount=type=secret: from a file or an environment variable (id=ID,src=PATH; id=ID,env=VAR; id=ID,src=VAR,type=env)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l security-opt -d 'Security options for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l shm-size -d 'Size of /dev/shm for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l sign-by -d 'Sign the image using a GPG key with the specified FINGERPRINT (kept with the image; push takes it along)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l skip-unused-stages -d 'Build only the stages the target needs (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand build" -l ssh -d 'SSH agent socket or private keys RUN steps may use: default ($SSH_AUTH_SOCK), ID=SOCKET or ID=KEY[,KEY]' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -s t -l tag -d 'Name (and tag) of the built image' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l target -d 'The stage to build (the last by default)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l timestamp -d 'Set the image\'s created time (seconds since the epoch)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l ulimit -d 'Ulimit options for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l unsetenv -d 'Unset an environment variable in the built image' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l userns -d 'User namespace of RUN steps (\'\' or keep-id, as for run)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l userns-uid-map -d 'Uid map for RUN steps (CONTAINER:HOST:SIZE, as run --uidmap; layers keep the container\'s owners)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l userns-gid-map -d 'Gid map for RUN steps (CONTAINER:HOST:SIZE, as run --gidmap)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l userns-uid-map-user -d 'Another user\'s subordinate uids for RUN steps (refused, as run --subuidname: it needs root)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l userns-gid-map-group -d 'Another group\'s subordinate gids for RUN steps (refused, as run --subgidname: it needs root)' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l uts -d 'UTS namespace for RUN steps: private (the default) or host' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -s v -l volume -d 'Bind mount a volume into RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand build" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand build" -l all-platforms -d 'Build for every platform the base images are all available for'
complete -c hutch -n "__fish_hutch_using_subcommand build" -l compress -d 'Does nothing, as in Podman (layers are stored uncompressed)'
complete -c hutch -n "__fish_hutch_using_subcommand build" -l disable-content-trust -d 'Does nothing, as in Podman'
complete -c hutch -n "__fish_hutch_using_subcommand build" -l load -d 'Docker buildx\'s --load: the image is in the local store (as it always is)'
complete -c hutch -n "__fish_hutch_using_subcommand build" -l push -d 'Docker buildx\'s --push: push every tag once built'
complete -c hutch -n "__fish_hutch_using_subcommand build" -l no-cache -d 'Do not use existing cached images'
complete -c hutch -n "__fish_hutch_using_subcommand build" -l no-hosts -d 'Do not create /etc/hosts for RUN steps'
complete -c hutch -n "__fish_hutch_using_subcommand build" -s q -l quiet -d 'Suppress the step lines'
complete -c hutch -n "__fish_hutch_using_subcommand build" -l squash -d 'Squash the layers the build adds into one'
complete -c hutch -n "__fish_hutch_using_subcommand build" -l squash-all -d 'Squash all of the image\'s layers into one'
complete -c hutch -n "__fish_hutch_using_subcommand build" -l stdin -d 'Pass stdin to RUN steps'
complete -c hutch -n "__fish_hutch_using_subcommand build" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and not __fish_seen_subcommand_from build" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and not __fish_seen_subcommand_from build" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and not __fish_seen_subcommand_from build" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and not __fish_seen_subcommand_from build" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and not __fish_seen_subcommand_from build" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and not __fish_seen_subcommand_from build" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and not __fish_seen_subcommand_from build" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and not __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and not __fish_seen_subcommand_from build" -f -a "build" -d 'Build an image using instructions from Containerfiles'
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l add-host -d 'Add a custom host-to-IP mapping (host:ip) for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l annotation -d 'Add an annotation (KEY=VALUE) to the image\'s manifest (OCI format only)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l build-arg -d 'ARG=VALUE: a value for a build argument' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l build-arg-file -d 'A file of ARG=VALUE lines for build arguments' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l build-context -d 'Additional build contexts for COPY --from=NAME: NAME=DIR or NAME=docker-image://IMAGE' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cache-from -d 'Repository to look for cached steps in (REPO:KEY) before running them (with --layers)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cache-to -d 'Repository to push the steps this build runs to, as a cache for other builds (with --layers)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cache-ttl -d 'Only use cached steps created less than this duration ago (0: no cache)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cap-add -d 'Add the specified capability for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cap-drop -d 'Drop the specified capability for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cgroup-parent -d 'Optional parent cgroup for RUN step containers' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cgroupns -d 'Cgroup namespace for RUN steps: private (the default) or host' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cpp-flag -d 'Set additional flags to pass to the C preprocessor (cpp) a NAME.in Containerfile goes through' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cpu-period -d 'Limit the CPU CFS period of RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cpu-quota -d 'Limit the CPU CFS quota of RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -s c -l cpu-shares -d 'CPU shares (relative weight) of RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cpuset-cpus -d 'CPUs in which RUN steps may run' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cpuset-mems -d 'Memory nodes in which RUN steps may run' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l authfile -d 'Path of the authentication file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l creds -d 'Use `[username[:password]]` for accessing the registry' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cert-dir -d 'Use certificates at this path (*.crt CAs, *.cert/*.key client pairs) to connect to the registry' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l decryption-key -d 'Key needed to decrypt the image (not supported)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l device -d 'Add a host device to RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -s D -l disable-compression -d 'Do not compress layers (the default: hutch stores them uncompressed)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l dns -d 'Set custom DNS servers for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l dns-option -d 'Set custom DNS options for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l dns-search -d 'Set custom DNS search domains for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l env -d 'Set an environment variable in the built image (NAME[=VALUE])' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -s f -l file -d 'Name of the Containerfile (- for stdin); several are read in order' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l force-rm -d 'Always remove step containers, even after a failed build (the default)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l format -d 'Format of the built image\'s manifest and metadata: oci (the default) or docker' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l from -d 'Image to use in place of the first stage\'s FROM' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l hooks-dir -d 'Set the OCI hooks directory path (not supported)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l http-proxy -d 'Pass the proxy environment variables to RUN steps (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l identity-label -d 'Add Buildah\'s identity label (hutch adds none either way)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l ignorefile -d 'Path to an alternate .containerignore/.dockerignore file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image ID to the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l ipc -d 'IPC namespace for RUN steps: private (the default) or host' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l isolation -d 'Process isolation of RUN steps: oci (the default) or rootless' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l jobs -d 'How many stages to build at once (hutch builds them one after the other)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l label -d 'Set metadata for the image (KEY=VALUE)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l layers -d 'Keep each step\'s image and use them as a cache (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l logfile -d 'Log to the file instead of stdout and stderr' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l progress -d 'Docker buildx\'s --progress: auto, plain and tty print plain lines; quiet is -q' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l logsplit -d 'Split the log file per platform: LOGFILE_OS_ARCH (needs --logfile)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l manifest -d 'Add the image to the manifest list, creating it if it does not exist' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -s m -l memory -d 'Memory limit of RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l memory-swap -d 'Memory plus swap limit of RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l network -l net -d 'Network for RUN steps: containers.conf\'s default, none, host, slirp4netns, pasta' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l omit-history -d 'Do not write history into the image' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l os -d 'Operating system of the image (linux)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l os-feature -d 'OS feature the image requires (FEATURE- removes one the base requires)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l os-version -d 'OS version the image requires' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -s o -l output -d 'Write the built image\'s files: a directory, type=local,dest=DIR, type=tar,dest=FILE, or - (a tarball on stdout)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l pid -d 'PID namespace for RUN steps: private (the only one hutch gives)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l platform -d 'Specify the platform for selecting the image (OS/ARCH[/VARIANT])' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l arch -d 'Use ARCH instead of the architecture of the machine for choosing images' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l variant -d 'Use VARIANT instead of the running architecture variant for choosing images' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l pull -d 'Pull policy for base images: always (alone or true), missing (the default), never (false), newer' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l retry -d 'Number of times to retry a pull' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l retry-delay -d 'Delay between pull retries' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l rm -d 'Remove step containers after a successful build (the default)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l runtime -d 'OCI runtime for RUN steps (not supported: hutch is its own runtime)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l runtime-flag -d 'Flags for the OCI runtime (not supported)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l secret -d 'Secret for RUN --mount=type=secret: from a file or an environment variable (id=ID,src=PATH; id=ID,env=VAR; id=ID,src=VAR,type=env)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l security-opt -d 'Security options for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l shm-size -d 'Size of /dev/shm for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l sign-by -d 'Sign the image using a GPG key with the specified FINGERPRINT (kept with the image; push takes it along)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l skip-unused-stages -d 'Build only the stages the target needs (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l ssh -d 'SSH agent socket or private keys RUN steps may use: default ($SSH_AUTH_SOCK), ID=SOCKET or ID=KEY[,KEY]' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name (and tag) of the built image' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l target -d 'The stage to build (the last by default)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l timestamp -d 'Set the image\'s created time (seconds since the epoch)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l ulimit -d 'Ulimit options for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l unsetenv -d 'Unset an environment variable in the built image' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l userns -d 'User namespace of RUN steps (\'\' or keep-id, as for run)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l userns-uid-map -d 'Uid map for RUN steps (CONTAINER:HOST:SIZE, as run --uidmap; layers keep the container\'s owners)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l userns-gid-map -d 'Gid map for RUN steps (CONTAINER:HOST:SIZE, as run --gidmap)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l userns-uid-map-user -d 'Another user\'s subordinate uids for RUN steps (refused, as run --subuidname: it needs root)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l userns-gid-map-group -d 'Another group\'s subordinate gids for RUN steps (refused, as run --subgidname: it needs root)' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l uts -d 'UTS namespace for RUN steps: private (the default) or host' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -s v -l volume -d 'Bind mount a volume into RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l all-platforms -d 'Build for every platform the base images are all available for'
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l compress -d 'Does nothing, as in Podman (layers are stored uncompressed)'
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l disable-content-trust -d 'Does nothing, as in Podman'
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l load -d 'Docker buildx\'s --load: the image is in the local store (as it always is)'
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l push -d 'Docker buildx\'s --push: push every tag once built'
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use existing cached images'
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l no-hosts -d 'Do not create /etc/hosts for RUN steps'
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Suppress the step lines'
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l squash -d 'Squash the layers the build adds into one'
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l squash-all -d 'Squash all of the image\'s layers into one'
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -l stdin -d 'Pass stdin to RUN steps'
complete -c hutch -n "__fish_hutch_using_subcommand buildx; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand history" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand history" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand history" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand history" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand history" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand history" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand history" -l format -d 'Change the output to JSON or a Go template' -r
complete -c hutch -n "__fish_hutch_using_subcommand history" -s H -l human -d 'Display sizes and dates in human readable format (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand history" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand history" -s q -l quiet -d 'Display the numeric IDs only'
complete -c hutch -n "__fish_hutch_using_subcommand history" -l no-trunc -d 'Do not truncate the output'
complete -c hutch -n "__fish_hutch_using_subcommand history" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand images" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand images" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand images" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand images" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand images" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand images" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand images" -s f -l filter -d 'Filter output based on conditions provided (dangling, reference, before, since, label, id)' -r
complete -c hutch -n "__fish_hutch_using_subcommand images" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c hutch -n "__fish_hutch_using_subcommand images" -l sort -d 'Sort by created, id, repository, size or tag' -r
complete -c hutch -n "__fish_hutch_using_subcommand images" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand images" -s a -l all -d 'Show all images (default hides intermediate images)'
complete -c hutch -n "__fish_hutch_using_subcommand images" -s q -l quiet -d 'Display only image IDs'
complete -c hutch -n "__fish_hutch_using_subcommand images" -l no-trunc -d 'Do not truncate output'
complete -c hutch -n "__fish_hutch_using_subcommand images" -l digests -d 'Show digests'
complete -c hutch -n "__fish_hutch_using_subcommand images" -s n -l noheading -d 'Do not print column headings'
complete -c hutch -n "__fish_hutch_using_subcommand images" -l history -d 'Display the history of image names'
complete -c hutch -n "__fish_hutch_using_subcommand images" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand rmi" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand rmi" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand rmi" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand rmi" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand rmi" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand rmi" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand rmi" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand rmi" -s a -l all -d 'Remove all images'
complete -c hutch -n "__fish_hutch_using_subcommand rmi" -s f -l force -d 'Force Removal of the image'
complete -c hutch -n "__fish_hutch_using_subcommand rmi" -s i -l ignore -d 'Ignore errors if a specified image does not exist'
complete -c hutch -n "__fish_hutch_using_subcommand rmi" -l no-prune -d 'Do not remove dangling parent images (a build\'s unnamed step images)'
complete -c hutch -n "__fish_hutch_using_subcommand rmi" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand import" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand import" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand import" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand import" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand import" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand import" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand import" -s c -l change -d 'Apply the following possible instructions to the created image: CMD | ENTRYPOINT | ENV | EXPOSE | LABEL | STOPSIGNAL | USER | VOLUME | WORKDIR' -r
complete -c hutch -n "__fish_hutch_using_subcommand import" -s m -l message -d 'Set commit message for imported image' -r
complete -c hutch -n "__fish_hutch_using_subcommand import" -l arch -d 'Set the architecture of the imported image (default: this host\'s)' -r
complete -c hutch -n "__fish_hutch_using_subcommand import" -l os -d 'Set the OS of the imported image (default: linux)' -r
complete -c hutch -n "__fish_hutch_using_subcommand import" -l variant -d 'Set the architecture variant of the imported image' -r
complete -c hutch -n "__fish_hutch_using_subcommand import" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand import" -s q -l quiet -d 'Suppress output'
complete -c hutch -n "__fish_hutch_using_subcommand import" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand pull" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand pull" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand pull" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand pull" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand pull" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand pull" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand pull" -l authfile -d 'Path of the authentication file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand pull" -l creds -d 'Use `[username[:password]]` for accessing the registry' -r
complete -c hutch -n "__fish_hutch_using_subcommand pull" -l cert-dir -d 'Use certificates at this path (*.crt CAs, *.cert/*.key client pairs) to connect to the registry' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand pull" -l platform -d 'Specify the platform for selecting the image (OS/ARCH[/VARIANT])' -r
complete -c hutch -n "__fish_hutch_using_subcommand pull" -l arch -d 'Use ARCH instead of the architecture of the machine for choosing images' -r
complete -c hutch -n "__fish_hutch_using_subcommand pull" -l variant -d 'Use VARIANT instead of the running architecture variant for choosing images' -r
complete -c hutch -n "__fish_hutch_using_subcommand pull" -l os -d 'Use OS instead of the running OS for choosing images (linux: this host runs no other)' -r
complete -c hutch -n "__fish_hutch_using_subcommand pull" -l disable-content-trust -d 'This is a Docker specific option and is a NOOP' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand pull" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand pull" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c hutch -n "__fish_hutch_using_subcommand pull" -s a -l all-tags -d 'Pull all tagged images in the repository'
complete -c hutch -n "__fish_hutch_using_subcommand pull" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand push" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand push" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand push" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand push" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand push" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand push" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand push" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand push" -l authfile -d 'Path of the authentication file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand push" -l creds -d 'Use `[username[:password]]` for accessing the registry' -r
complete -c hutch -n "__fish_hutch_using_subcommand push" -l cert-dir -d 'Use certificates at this path (*.crt CAs, *.cert/*.key client pairs) to connect to the registry' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand push" -l digestfile -d 'File to write the digest of the pushed image to' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand push" -s f -l format -d 'Manifest type to push: oci or v2s2 (the image\'s own by default)' -r
complete -c hutch -n "__fish_hutch_using_subcommand push" -l compression-format -d 'Compression format of the layers: gzip (the layers are pushed as stored)' -r
complete -c hutch -n "__fish_hutch_using_subcommand push" -l sign-by -d 'Sign the image with the GPG key of this fingerprint (simple signing; stored where registries.d says)' -r
complete -c hutch -n "__fish_hutch_using_subcommand push" -l sign-by-sigstore-private-key -d 'Sign the image with the sigstore private key at PATH (an attachment in the registry, where registries.d has use-sigstore-attachments)' -r
complete -c hutch -n "__fish_hutch_using_subcommand push" -l sign-passphrase-file -d 'Read the passphrase of the signing key from this file' -r
complete -c hutch -n "__fish_hutch_using_subcommand push" -l disable-content-trust -d 'This is a Docker specific option and is a NOOP' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand push" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand push" -s q -l quiet -d 'Suppress output information when pushing images'
complete -c hutch -n "__fish_hutch_using_subcommand push" -l compress -d 'Compress tarball image layers when pushing to a directory using the \'dir\' transport (no effect on registries)'
complete -c hutch -n "__fish_hutch_using_subcommand push" -l remove-signatures -d 'Discard the signatures the image carries (build --sign-by) instead of pushing them with it'
complete -c hutch -n "__fish_hutch_using_subcommand push" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand login" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand login" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand login" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand login" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand login" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand login" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand login" -s u -l username -d 'Username for registry' -r
complete -c hutch -n "__fish_hutch_using_subcommand login" -s p -l password -d 'Password for registry' -r
complete -c hutch -n "__fish_hutch_using_subcommand login" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand login" -l authfile -d 'Path of the authentication file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand login" -l cert-dir -d 'Use certificates at this path (*.crt CAs, *.cert/*.key client pairs) to connect to the registry' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand login" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand login" -l password-stdin -d 'Take the password from stdin'
complete -c hutch -n "__fish_hutch_using_subcommand login" -l get-login -d 'Print the user name logged in to the registry, from the auth file'
complete -c hutch -n "__fish_hutch_using_subcommand login" -s v -l verbose -d 'Print the auth file\'s path as it is written'
complete -c hutch -n "__fish_hutch_using_subcommand login" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand search" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand search" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand search" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand search" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand search" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand search" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand search" -s f -l filter -d 'Filter output based on conditions provided: stars=N, is-automated=BOOL, is-official=BOOL' -r
complete -c hutch -n "__fish_hutch_using_subcommand search" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c hutch -n "__fish_hutch_using_subcommand search" -l limit -d 'Limit the number of results (default 25; per registry)' -r
complete -c hutch -n "__fish_hutch_using_subcommand search" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand search" -l authfile -d 'Path of the authentication file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand search" -l creds -d 'Use `[username[:password]]` for accessing the registry' -r
complete -c hutch -n "__fish_hutch_using_subcommand search" -l cert-dir -d 'Use certificates at this path (*.crt CAs, *.cert/*.key client pairs) to connect to the registry' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand search" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand search" -l compatible -d 'After the name and the description, also show the stars, official and automated descriptors as Docker does'
complete -c hutch -n "__fish_hutch_using_subcommand search" -l list-tags -d 'List the tags of the repository the term names'
complete -c hutch -n "__fish_hutch_using_subcommand search" -l no-trunc -d 'Do not truncate the output'
complete -c hutch -n "__fish_hutch_using_subcommand search" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand logout" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand logout" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand logout" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand logout" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand logout" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand logout" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand logout" -l authfile -d 'Path of the authentication file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand logout" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand logout" -s a -l all -d 'Remove the cached credentials for all registries in the auth file'
complete -c hutch -n "__fish_hutch_using_subcommand logout" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand tag" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand tag" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand tag" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand tag" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand tag" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand tag" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand tag" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand tag" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand untag" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand untag" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand untag" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand untag" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand untag" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand untag" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand untag" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand untag" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand save" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand save" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand save" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand save" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand save" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand save" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand save" -s o -l output -d 'Write to a specified file (default: stdout, which must be redirected)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand save" -l format -d 'Save image to docker-archive, oci-archive, oci-dir (an OCI layout directory) or docker-dir (the dir: format)' -r -f -a "docker-archive\t''
oci-archive\t''
oci-dir\t''
docker-dir\t''"
complete -c hutch -n "__fish_hutch_using_subcommand save" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand save" -s q -l quiet -d 'Suppress the output'
complete -c hutch -n "__fish_hutch_using_subcommand save" -s m -l multi-image-archive -d 'Interpret additional arguments as images not tags and create a multi-image-archive (docker-archive only)'
complete -c hutch -n "__fish_hutch_using_subcommand save" -l compress -d 'Compress tarball image layers when saving to a directory (docker-dir)'
complete -c hutch -n "__fish_hutch_using_subcommand save" -l uncompressed -d 'Accept uncompressed layers in OCI formats (hutch writes every layer as it is stored, uncompressed ones included)'
complete -c hutch -n "__fish_hutch_using_subcommand save" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand load" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand load" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand load" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand load" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand load" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand load" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand load" -s i -l input -d 'Read from specified archive file (default: stdin)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand load" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand load" -s q -l quiet -d 'Suppress the output'
complete -c hutch -n "__fish_hutch_using_subcommand load" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "run" -d 'Run a command in a new container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "create" -d 'Create but do not start a container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "ls" -d 'List containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "list" -d 'List containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "ps" -d 'List containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "rm" -d 'Remove one or more containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "start" -d 'Start one or more containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "stop" -d 'Stop one or more containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "kill" -d 'Kill one or more running containers with a specific signal'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "restart" -d 'Restart one or more containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "wait" -d 'Block on one or more containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "logs" -d 'Fetch the logs of one or more containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "exec" -d 'Run a process in a running container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "inspect" -d 'Display the configuration of a container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "attach" -d 'Attach to a running container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "rename" -d 'Rename an existing container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "update" -d 'Update the resource limits of a container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "port" -d 'List port mappings or a specific mapping for the container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "pause" -d 'Pause all the processes in one or more containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "unpause" -d 'Unpause the processes in one or more containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "exists" -d 'Check if a container exists in local storage'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "top" -d 'Display the running processes of a container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "stats" -d 'Display a live stream of container resource usage statistics'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "prune" -d 'Remove all non running containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "export" -d 'Export a container\'s filesystem contents as a tar archive'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "diff" -d 'Inspect changes to the container\'s file systems'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "commit" -d 'Create new image based on the changed container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "mount" -d 'Mount a working container\'s root filesystem (inside `hutch unshare`); with no container, list the mounted ones'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "unmount" -d 'Unmount a working container\'s root filesystem (inside `hutch unshare`)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and not __fish_seen_subcommand_from run create ls list ps rm start stop kill restart wait logs exec inspect attach rename update port pause unpause exists top stats prune export diff commit cp mount unmount umount" -f -a "umount" -d 'Unmount a working container\'s root filesystem (inside `hutch unshare`)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l detach-keys -d 'Override the key sequence for detaching a container (default ctrl-p,ctrl-q; "" for none)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l preserve-fds -d 'Pass a number of additional file descriptors (3..3+N) into the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l sig-proxy -d 'Proxy received signals to the process (default true)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l name -d 'Assign a name to the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -s h -l hostname -d 'Set container hostname' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -s e -l env -d 'Set environment variables in container' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l init-path -d 'Path to the container-init binary (with --init; hutch\'s own init otherwise)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR (run: the others are not attached)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l systemd -d 'Run container in systemd mode: true (when the command is systemd or an init), false, always' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l chrootdirs -d 'Directories inside the container that get /etc/hosts, /etc/hostname and /etc/resolv.conf too' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l image-volume -d 'How the image\'s VOLUMEs are handled: bind (anonymous volumes), tmpfs or ignore' -r -f -a "bind\t''
tmpfs\t''
ignore\t''"
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l secret -d 'Add a secret to the container: NAME[,type=mount|env][,target=T][,uid=N][,gid=N][,mode=OCTAL]' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l pod -d 'Run container in an existing pod (hutch has no pods: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l pod-id-file -d 'Read the pod ID from the file (hutch has no pods: refused)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l network -l net -d 'Connect a container to a network: slirp4netns[:OPTIONS] (the default), pasta[:OPTIONS], container:NAME, ns:PATH, none or host' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l add-host -d 'Add a custom host-to-IP mapping (host:ip)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l dns -d 'Set custom DNS servers (none: no resolv.conf entries)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-option -l dns-opt -d 'Set custom DNS options' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-search -d 'Set custom DNS search domains (. for none)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l expose -d 'Expose a port or a range of ports (used by --publish-all)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l mac-address -d 'Container MAC address (e.g. 92:d0:c6:0a:29:33)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l http-proxy -d 'Set proxy environment in container based on the host proxy vars (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l ip -d 'Specify a static IPv4 address for container (bridge networks only: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l ip6 -d 'Specify a static IPv6 address for container (bridge networks only: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l network-alias -d 'Add network-scoped alias for the container (bridge networks only: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l link-local-ip -d 'Container IPv4/IPv6 link-local addresses (not implemented, as in Podman)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-add -d 'Add capabilities to the container (e.g. NET_ADMIN, CAP_SYS_TIME, all)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-drop -d 'Drop capabilities from the container (e.g. CHOWN, all)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l security-opt -d 'Security options: seccomp=unconfined|PROFILE.json, no-new-privileges, mask=PATHS, unmask=ALL|PATHS, proc-opts=OPTS, label=..., apparmor=unconfined|PROFILE (a loaded profile)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l ulimit -d 'Ulimit options: TYPE=SOFT[:HARD] (e.g. nofile=1024:2048; -1 for unlimited), or host' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l seccomp-policy -d 'Policy for selecting a seccomp profile: default, or image (the image\'s io.containers.seccomp.profile label)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -s m -l memory -d 'Memory limit (format: <number>[<unit>], where unit = b (bytes), k (kibibytes), m (mebibytes), or g (gibibytes))' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-reservation -d 'Memory soft limit (format: <number>[<unit>])' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swap -d 'Swap limit equal to memory plus swap: \'-1\' to enable unlimited swap' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swappiness -d 'Tune container memory swappiness (0 to 100, or -1 for system default)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l kernel-memory -d 'Kernel memory limit (deprecated by the kernel: refused, as on cgroup v2)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l cpus -d 'Number of CPUs. The default is 0.000 which means no limit' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-rt-period -d 'Limit the CPU real-time period in microseconds (not on cgroup v2, as in Podman)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime in microseconds (not on cgroup v2, as in Podman)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-mems -d 'Memory nodes (MEMs) in which to allow execution (0-3, 0,1). Only effective on NUMA systems' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l blkio-weight -d 'Block IO weight (relative weight) accepts a weight value between 10 and 1000' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l blkio-weight-device -d 'Block IO weight (relative device weight, format: DEVICE_NAME:WEIGHT)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-bps -d 'Limit read rate (bytes per second) from a device (e.g. --device-read-bps=/dev/sda:1mb)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-bps -d 'Limit write rate (bytes per second) to a device (e.g. --device-write-bps=/dev/sda:1mb)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-iops -d 'Limit read rate (IO per second) from a device (e.g. --device-read-iops=/dev/sda:1000)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-iops -d 'Limit write rate (IO per second) to a device (e.g. --device-write-iops=/dev/sda:1000)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroup-conf -d 'Configure cgroup v2 (key=value)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroups -d 'Control container cgroup configuration ("enabled"|"disabled"|"no-conmon"|"split")' -r -f -a "enabled\t''
disabled\t''
no-conmon\t''
split\t''"
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroupns -d 'cgroup namespace to use (host, private)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroup-parent -d 'Optional parent cgroup for the container (relative to your delegated cgroup)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l userns -d 'User namespace to use: host (the default), keep-id[:uid=N,gid=N], nomap, auto[:size=N]' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l uidmap -d 'UID map for the user namespace (CONTAINER_ID:HOST_ID:SIZE; HOST_ID 0 is you, then your subordinate ids)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l gidmap -d 'GID map for the user namespace (CONTAINER_ID:HOST_ID:SIZE)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l subuidname -d 'Name of range listed in /etc/subuid for use in user namespace (needs root: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l subgidname -d 'Name of range listed in /etc/subgid for use in user namespace (needs root: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l sdnotify -d 'How to use the NOTIFY_SOCKET of a systemd unit: conmon (the supervisor says READY, its own pid as MAINPID, as conmon; hutch\'s default), container (the container says READY itself), ignore' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l health-cmd -d 'Set a healthcheck command for the container (\'none\' disables the existing healthcheck)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l health-interval -d 'Set an interval for the healthcheck (a value of disable results in no automatic timer setup)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l health-retries -d 'The number of retries allowed before a healthcheck is considered to be unhealthy' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-period -d 'The initialization time needed for a container to bootstrap' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l health-timeout -d 'The maximum time allowed to complete the healthcheck before an interval is considered failed' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l health-on-failure -d 'Action to take once the container turns unhealthy (none, kill, restart, stop)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv -d 'Unset environment default variables in container' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l env-merge -d 'Preprocess default environment variables for the containers (NAME=VALUE, ${NAME} for its current value)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l umask -d 'Set umask in container (octal, e.g. 0022)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l tz -d 'Set timezone in container (an area/city name from /usr/share/zoneinfo, or local)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l personality -d 'Configure execution domain using personality (LINUX, LINUX32)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only-tmpfs -d 'When running containers in read-only mode mount a read-write tmpfs on /run, /tmp and /var/tmp (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l uts -d 'UTS namespace to use (private, host)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l ipc -d 'IPC namespace to use (private, host)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l pid -d 'PID namespace to use (private; host is not supported yet)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l os -d 'Use OS instead of the running OS for choosing images (linux only)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l passwd -d 'Add entries to /etc/passwd and /etc/group for a --user the image does not know (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l passwd-entry -d 'Entry to write to /etc/passwd ($USERNAME, $UID, $GID, $NAME, $HOME are filled in)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l hostuser -d 'Host user account to add to /etc/passwd within container' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l volumes-from -d 'Mount volumes from the specified container(s) (CONTAINER[:ro|rw])' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l requires -d 'Add one or more requirement containers that must be started before this container will start' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l device -d 'Add a host device to the container (HOST[:CONTAINER][:PERMISSIONS], bind mounted)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l device-cgroup-rule -d 'Add a rule to the cgroup allowed devices list (not applied rootless: warned)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l group-add -d 'Add additional groups to the primary container process. \'keep-groups\' allows container processes to use supplementary groups' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l sysctl -d 'Sysctl options of the container\'s own namespaces (net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l shm-size -d 'Size of /dev/shm (format: <number>[<unit>], where unit = b, k, m or g)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-score-adj -d 'Tune the host\'s OOM preferences (-1000 to 1000)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -s p -l publish -d 'Publish a container\'s port, or a range of ports, to the host ([IP:][HOSTPORT:]PORT[/PROTO])' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -s v -l volume -d 'Bind mount a volume into the container (HOST-DIR:CONTAINER-DIR[:OPTIONS], NAME:CONTAINER-DIR[:OPTIONS] or CONTAINER-DIR)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l mount -d 'Attach a filesystem mount to the container (type=bind|volume|tmpfs,...)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l tmpfs -d 'Mount a temporary filesystem (tmpfs) into a container (PATH[:OPTIONS])' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l pull -d 'Pull image policy: always, missing (the default, or containers.conf\'s pull_policy), never, newer' -r -f -a "always\t''
missing\t''
never\t''
newer\t''"
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l authfile -d 'Path of the authentication file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l creds -d 'Use `[username[:password]]` for accessing the registry' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l cert-dir -d 'Use certificates at this path (*.crt CAs, *.cert/*.key client pairs) to connect to the registry' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l platform -d 'Specify the platform for selecting the image (OS/ARCH[/VARIANT])' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l arch -d 'Use ARCH instead of the architecture of the machine for choosing images' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l variant -d 'Use VARIANT instead of the running architecture variant for choosing images' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l restart -d 'Restart policy to apply when a container exits (no, on-failure[:max_retries], always, unless-stopped)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-signal -d 'Signal to stop a container. Default is SIGTERM' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-timeout -d 'Timeout (in seconds) that containers stopped by user command have to exit. If exceeded, the container will be forcibly stopped via SIGKILL' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -s l -l label -d 'Set metadata on container' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l annotation -d 'Add annotations to container (key=value)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l pidfile -d 'Write the container process ID to the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l conmon-pidfile -d 'Write the supervisor\'s process ID to the file (Podman\'s conmon pid file)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l log-driver -d 'Logging driver for the container (k8s-file, journald, none, passthrough; json-file is k8s-file)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l log-opt -d 'Logging driver options: max-size=SIZE, path=FILE (k8s-file), tag=TAG' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l timeout -d 'Maximum length of time a container is allowed to run. The container will be killed automatically after the time expires' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -s d -l detach -d 'Run container in background and print container ID'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l rmi -d 'Remove the image after the container exits, unless another container uses it (implies --rm)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l help -d 'Print help (-h is --hostname, as in Podman)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l rm -d 'Remove container (and pod if created) after exit'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -s t -l tty -d 'Allocate a pseudo-TTY for container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only -d 'Make containers root filesystem read-only'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l no-hosts -d 'Do not create /etc/hosts within the container, instead use the version from the image'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -s P -l publish-all -d 'Publish all exposed ports to random ports on the host interface'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l privileged -d 'Give extended privileges to the container: every capability of the user namespace, no seccomp filter, no masked paths'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-kill-disable -d 'Disable OOM Killer'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l no-healthcheck -d 'Disable healthchecks on container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l env-host -d 'Use all current host environment variables in container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv-all -d 'Unset all default environment variables in container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l disable-content-trust -d 'This is a Docker specific option and is a NOOP'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l rootfs -d 'The first argument is not an image but the rootfs to the exploded container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from run" -l replace -d 'If a container with the same name exists, replace it'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l init-ctr -d 'Make this an init container of its pod: always or once (hutch has no pods: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l name -d 'Assign a name to the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -s h -l hostname -d 'Set container hostname' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -s e -l env -d 'Set environment variables in container' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l init-path -d 'Path to the container-init binary (with --init; hutch\'s own init otherwise)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR (run: the others are not attached)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l systemd -d 'Run container in systemd mode: true (when the command is systemd or an init), false, always' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l chrootdirs -d 'Directories inside the container that get /etc/hosts, /etc/hostname and /etc/resolv.conf too' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l image-volume -d 'How the image\'s VOLUMEs are handled: bind (anonymous volumes), tmpfs or ignore' -r -f -a "bind\t''
tmpfs\t''
ignore\t''"
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l secret -d 'Add a secret to the container: NAME[,type=mount|env][,target=T][,uid=N][,gid=N][,mode=OCTAL]' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l pod -d 'Run container in an existing pod (hutch has no pods: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l pod-id-file -d 'Read the pod ID from the file (hutch has no pods: refused)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l network -l net -d 'Connect a container to a network: slirp4netns[:OPTIONS] (the default), pasta[:OPTIONS], container:NAME, ns:PATH, none or host' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l add-host -d 'Add a custom host-to-IP mapping (host:ip)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l dns -d 'Set custom DNS servers (none: no resolv.conf entries)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-option -l dns-opt -d 'Set custom DNS options' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-search -d 'Set custom DNS search domains (. for none)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l expose -d 'Expose a port or a range of ports (used by --publish-all)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l mac-address -d 'Container MAC address (e.g. 92:d0:c6:0a:29:33)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l http-proxy -d 'Set proxy environment in container based on the host proxy vars (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l ip -d 'Specify a static IPv4 address for container (bridge networks only: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l ip6 -d 'Specify a static IPv6 address for container (bridge networks only: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l network-alias -d 'Add network-scoped alias for the container (bridge networks only: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l link-local-ip -d 'Container IPv4/IPv6 link-local addresses (not implemented, as in Podman)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-add -d 'Add capabilities to the container (e.g. NET_ADMIN, CAP_SYS_TIME, all)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-drop -d 'Drop capabilities from the container (e.g. CHOWN, all)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l security-opt -d 'Security options: seccomp=unconfined|PROFILE.json, no-new-privileges, mask=PATHS, unmask=ALL|PATHS, proc-opts=OPTS, label=..., apparmor=unconfined|PROFILE (a loaded profile)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l ulimit -d 'Ulimit options: TYPE=SOFT[:HARD] (e.g. nofile=1024:2048; -1 for unlimited), or host' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l seccomp-policy -d 'Policy for selecting a seccomp profile: default, or image (the image\'s io.containers.seccomp.profile label)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit (format: <number>[<unit>], where unit = b (bytes), k (kibibytes), m (mebibytes), or g (gibibytes))' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-reservation -d 'Memory soft limit (format: <number>[<unit>])' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swap -d 'Swap limit equal to memory plus swap: \'-1\' to enable unlimited swap' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swappiness -d 'Tune container memory swappiness (0 to 100, or -1 for system default)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l kernel-memory -d 'Kernel memory limit (deprecated by the kernel: refused, as on cgroup v2)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs. The default is 0.000 which means no limit' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-rt-period -d 'Limit the CPU real-time period in microseconds (not on cgroup v2, as in Podman)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime in microseconds (not on cgroup v2, as in Podman)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-mems -d 'Memory nodes (MEMs) in which to allow execution (0-3, 0,1). Only effective on NUMA systems' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight -d 'Block IO weight (relative weight) accepts a weight value between 10 and 1000' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight-device -d 'Block IO weight (relative device weight, format: DEVICE_NAME:WEIGHT)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-bps -d 'Limit read rate (bytes per second) from a device (e.g. --device-read-bps=/dev/sda:1mb)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-bps -d 'Limit write rate (bytes per second) to a device (e.g. --device-write-bps=/dev/sda:1mb)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-iops -d 'Limit read rate (IO per second) from a device (e.g. --device-read-iops=/dev/sda:1000)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-iops -d 'Limit write rate (IO per second) to a device (e.g. --device-write-iops=/dev/sda:1000)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroup-conf -d 'Configure cgroup v2 (key=value)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroups -d 'Control container cgroup configuration ("enabled"|"disabled"|"no-conmon"|"split")' -r -f -a "enabled\t''
disabled\t''
no-conmon\t''
split\t''"
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroupns -d 'cgroup namespace to use (host, private)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroup-parent -d 'Optional parent cgroup for the container (relative to your delegated cgroup)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l userns -d 'User namespace to use: host (the default), keep-id[:uid=N,gid=N], nomap, auto[:size=N]' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l uidmap -d 'UID map for the user namespace (CONTAINER_ID:HOST_ID:SIZE; HOST_ID 0 is you, then your subordinate ids)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l gidmap -d 'GID map for the user namespace (CONTAINER_ID:HOST_ID:SIZE)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l subuidname -d 'Name of range listed in /etc/subuid for use in user namespace (needs root: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l subgidname -d 'Name of range listed in /etc/subgid for use in user namespace (needs root: refused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l sdnotify -d 'How to use the NOTIFY_SOCKET of a systemd unit: conmon (the supervisor says READY, its own pid as MAINPID, as conmon; hutch\'s default), container (the container says READY itself), ignore' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l health-cmd -d 'Set a healthcheck command for the container (\'none\' disables the existing healthcheck)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l health-interval -d 'Set an interval for the healthcheck (a value of disable results in no automatic timer setup)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l health-retries -d 'The number of retries allowed before a healthcheck is considered to be unhealthy' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-period -d 'The initialization time needed for a container to bootstrap' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l health-timeout -d 'The maximum time allowed to complete the healthcheck before an interval is considered failed' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l health-on-failure -d 'Action to take once the container turns unhealthy (none, kill, restart, stop)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv -d 'Unset environment default variables in container' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l env-merge -d 'Preprocess default environment variables for the containers (NAME=VALUE, ${NAME} for its current value)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l umask -d 'Set umask in container (octal, e.g. 0022)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l tz -d 'Set timezone in container (an area/city name from /usr/share/zoneinfo, or local)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l personality -d 'Configure execution domain using personality (LINUX, LINUX32)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only-tmpfs -d 'When running containers in read-only mode mount a read-write tmpfs on /run, /tmp and /var/tmp (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l uts -d 'UTS namespace to use (private, host)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l ipc -d 'IPC namespace to use (private, host)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l pid -d 'PID namespace to use (private; host is not supported yet)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l os -d 'Use OS instead of the running OS for choosing images (linux only)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l passwd -d 'Add entries to /etc/passwd and /etc/group for a --user the image does not know (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l passwd-entry -d 'Entry to write to /etc/passwd ($USERNAME, $UID, $GID, $NAME, $HOME are filled in)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l hostuser -d 'Host user account to add to /etc/passwd within container' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l volumes-from -d 'Mount volumes from the specified container(s) (CONTAINER[:ro|rw])' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l requires -d 'Add one or more requirement containers that must be started before this container will start' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l device -d 'Add a host device to the container (HOST[:CONTAINER][:PERMISSIONS], bind mounted)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l device-cgroup-rule -d 'Add a rule to the cgroup allowed devices list (not applied rootless: warned)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l group-add -d 'Add additional groups to the primary container process. \'keep-groups\' allows container processes to use supplementary groups' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l sysctl -d 'Sysctl options of the container\'s own namespaces (net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l shm-size -d 'Size of /dev/shm (format: <number>[<unit>], where unit = b, k, m or g)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-score-adj -d 'Tune the host\'s OOM preferences (-1000 to 1000)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a container\'s port, or a range of ports, to the host ([IP:][HOSTPORT:]PORT[/PROTO])' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -s v -l volume -d 'Bind mount a volume into the container (HOST-DIR:CONTAINER-DIR[:OPTIONS], NAME:CONTAINER-DIR[:OPTIONS] or CONTAINER-DIR)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l mount -d 'Attach a filesystem mount to the container (type=bind|volume|tmpfs,...)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l tmpfs -d 'Mount a temporary filesystem (tmpfs) into a container (PATH[:OPTIONS])' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l pull -d 'Pull image policy: always, missing (the default, or containers.conf\'s pull_policy), never, newer' -r -f -a "always\t''
missing\t''
never\t''
newer\t''"
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l authfile -d 'Path of the authentication file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l creds -d 'Use `[username[:password]]` for accessing the registry' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l cert-dir -d 'Use certificates at this path (*.crt CAs, *.cert/*.key client pairs) to connect to the registry' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l platform -d 'Specify the platform for selecting the image (OS/ARCH[/VARIANT])' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l arch -d 'Use ARCH instead of the architecture of the machine for choosing images' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l variant -d 'Use VARIANT instead of the running architecture variant for choosing images' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l restart -d 'Restart policy to apply when a container exits (no, on-failure[:max_retries], always, unless-stopped)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -d 'Signal to stop a container. Default is SIGTERM' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-timeout -d 'Timeout (in seconds) that containers stopped by user command have to exit. If exceeded, the container will be forcibly stopped via SIGKILL' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata on container' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l annotation -d 'Add annotations to container (key=value)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l pidfile -d 'Write the container process ID to the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l conmon-pidfile -d 'Write the supervisor\'s process ID to the file (Podman\'s conmon pid file)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l log-driver -d 'Logging driver for the container (k8s-file, journald, none, passthrough; json-file is k8s-file)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l log-opt -d 'Logging driver options: max-size=SIZE, path=FILE (k8s-file), tag=TAG' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l timeout -d 'Maximum length of time a container is allowed to run. The container will be killed automatically after the time expires' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l help -d 'Print help (-h is --hostname, as in Podman)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l rm -d 'Remove container (and pod if created) after exit'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -s t -l tty -d 'Allocate a pseudo-TTY for container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only -d 'Make containers root filesystem read-only'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l no-hosts -d 'Do not create /etc/hosts within the container, instead use the version from the image'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -s P -l publish-all -d 'Publish all exposed ports to random ports on the host interface'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l privileged -d 'Give extended privileges to the container: every capability of the user namespace, no seccomp filter, no masked paths'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-kill-disable -d 'Disable OOM Killer'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l no-healthcheck -d 'Disable healthchecks on container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l env-host -d 'Use all current host environment variables in container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv-all -d 'Unset all default environment variables in container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l disable-content-trust -d 'This is a Docker specific option and is a NOOP'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l rootfs -d 'The first argument is not an image but the rootfs to the exploded container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from create" -l replace -d 'If a container with the same name exists, replace it'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output based on conditions given (KEY=VALUE: id, name, label, exited, status, ancestor, before, since, volume, health, pod, network, restart-policy, until)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d 'Pretty-print containers to JSON or using a Go template' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -s n -l last -d 'Print the n last created containers (all states)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -l sort -d 'Sort output by: command, created, id, image, names, runningfor, size, status' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -s w -l watch -d 'Watch the ps output on an interval in seconds' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all the containers, default is only running containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -l external -d 'Show containers in storage not controlled by hutch (there are none: hutch lists only its own)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print the numeric IDs of the containers only'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Display the extended information'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -l namespace -l ns -d 'Display namespace information'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -l noheading -l noheader -d 'Do not print headers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -s p -l pod -d 'Print the ID and name of the pod the containers are associated with (hutch has no pods: empty)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -s s -l size -d 'Display the total file sizes'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -l sync -d 'Sync container state with OCI runtime (a no-op: hutch checks every container\'s process each time it lists)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter output based on conditions given (KEY=VALUE: id, name, label, exited, status, ancestor, before, since, volume, health, pod, network, restart-policy, until)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -l format -d 'Pretty-print containers to JSON or using a Go template' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -s n -l last -d 'Print the n last created containers (all states)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -l sort -d 'Sort output by: command, created, id, image, names, runningfor, size, status' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -s w -l watch -d 'Watch the ps output on an interval in seconds' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all the containers, default is only running containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -l external -d 'Show containers in storage not controlled by hutch (there are none: hutch lists only its own)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print the numeric IDs of the containers only'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -l no-trunc -d 'Display the extended information'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -l namespace -l ns -d 'Display namespace information'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -l noheading -l noheader -d 'Do not print headers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -s p -l pod -d 'Print the ID and name of the pod the containers are associated with (hutch has no pods: empty)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -s s -l size -d 'Display the total file sizes'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -l sync -d 'Sync container state with OCI runtime (a no-op: hutch checks every container\'s process each time it lists)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -s f -l filter -d 'Filter output based on conditions given (KEY=VALUE: id, name, label, exited, status, ancestor, before, since, volume, health, pod, network, restart-policy, until)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -l format -d 'Pretty-print containers to JSON or using a Go template' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -s n -l last -d 'Print the n last created containers (all states)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -l sort -d 'Sort output by: command, created, id, image, names, runningfor, size, status' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -s w -l watch -d 'Watch the ps output on an interval in seconds' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -s a -l all -d 'Show all the containers, default is only running containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -l external -d 'Show containers in storage not controlled by hutch (there are none: hutch lists only its own)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Print the numeric IDs of the containers only'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -l no-trunc -d 'Display the extended information'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -l namespace -l ns -d 'Display namespace information'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -l noheading -l noheader -d 'Do not print headers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -s p -l pod -d 'Print the ID and name of the pod the containers are associated with (hutch has no pods: empty)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -s s -l size -d 'Display the total file sizes'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -l sync -d 'Sync container state with OCI runtime (a no-op: hutch checks every container\'s process each time it lists)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rm" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rm" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rm" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rm" -l filter -d 'Filter what containers are removed' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait for stop before killing the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rm" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rm" -l depend -d 'Remove container and all containers that depend on it (those joining its network)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force removal of a running or unusable container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore errors when a specified container is missing'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rm" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from start" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from start" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from start" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from start" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from start" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from start" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from start" -l detach-keys -d 'Override the key sequence for detaching a container (default ctrl-p,ctrl-q; "" for none)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from start" -s f -l filter -d 'Filter what containers start (with --all)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from start" -l sig-proxy -d 'Proxy received signals to the process (default true if attaching, false otherwise)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from start" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from start" -s a -l attach -d 'Attach container\'s STDOUT and STDERR'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from start" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from start" -l all -d 'Start all containers regardless of their state or configuration'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from start" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stop" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stop" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stop" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stop" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stop" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stop" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stop" -s t -l time -l timeout -d 'Seconds to wait for stop before killing the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stop" -s f -l filter -d 'Filter what containers are going to be stopped' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stop" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stop" -s a -l all -d 'Stop all running containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'Ignore errors when a specified container is missing'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stop" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from kill" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from kill" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from kill" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from kill" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from kill" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from kill" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from kill" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from kill" -s s -l signal -d 'Signal to send to the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from kill" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from kill" -s a -l all -d 'Signal all running containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from kill" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from restart" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from restart" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from restart" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from restart" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from restart" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from restart" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from restart" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from restart" -s f -l filter -d 'Filter what containers restart' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from restart" -s t -l time -l timeout -d 'Seconds to wait for stop before killing the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from restart" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from restart" -s a -l all -d 'Restart all non-running containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from restart" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from restart" -l running -d 'Restart only running containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from wait" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from wait" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from wait" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from wait" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from wait" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from wait" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from wait" -l condition -d 'Condition to wait on (created, running, stopped, exited; repeatable)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from wait" -s i -l interval -d 'Time interval to wait before polling for completion' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from wait" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from wait" -l ignore -d 'Ignore if a container does not exist'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from wait" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from logs" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from logs" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from logs" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from logs" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from logs" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from logs" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from logs" -l since -d 'Show logs since TIMESTAMP' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from logs" -l until -d 'Show logs until TIMESTAMP' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from logs" -l tail -d 'Output the specified number of LINES at the end of the logs (-1: all)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from logs" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow log output'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from logs" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from logs" -s n -l names -d 'Output the container name in the log'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from logs" -l color -d 'Output the containers with different colors in the log'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Output the timestamps in the log'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exec" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exec" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exec" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exec" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exec" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exec" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exec" -l detach-keys -d 'Select the key sequence for detaching from an -it session (default ctrl-p,ctrl-q; "" for none)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set environment variables' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exec" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exec" -l preserve-fds -d 'Pass N additional file descriptors to the process' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exec" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exec" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Run the exec session in detached mode (backgrounded)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exec" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exec" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exec" -l privileged -d 'Give extended privileges to the process (every capability)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exec" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output to a Go template or json' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from inspect" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from inspect" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from inspect" -s s -l size -d 'Display total file size (containers)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from attach" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from attach" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from attach" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from attach" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from attach" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from attach" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from attach" -l detach-keys -d 'Select the key sequence for detaching a container (default ctrl-p,ctrl-q; "" for none)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from attach" -l sig-proxy -d 'Proxy received signals to the container\'s process' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from attach" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from attach" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from attach" -l no-stdin -d 'Do not attach STDIN'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rename" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rename" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rename" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rename" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rename" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rename" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rename" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -s m -l memory -d 'Memory limit (format: <number>[<unit>], where unit = b (bytes), k (kibibytes), m (mebibytes), or g (gibibytes))' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-reservation -d 'Memory soft limit (format: <number>[<unit>])' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-swap -d 'Swap limit equal to memory plus swap: \'-1\' to enable unlimited swap' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-swappiness -d 'Tune container memory swappiness (0 to 100, or -1 for system default)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l kernel-memory -d 'Kernel memory limit (deprecated by the kernel: refused, as on cgroup v2)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l cpus -d 'Number of CPUs. The default is 0.000 which means no limit' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-rt-period -d 'Limit the CPU real-time period in microseconds (not on cgroup v2, as in Podman)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime in microseconds (not on cgroup v2, as in Podman)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-mems -d 'Memory nodes (MEMs) in which to allow execution (0-3, 0,1). Only effective on NUMA systems' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l blkio-weight -d 'Block IO weight (relative weight) accepts a weight value between 10 and 1000' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l blkio-weight-device -d 'Block IO weight (relative device weight, format: DEVICE_NAME:WEIGHT)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l device-read-bps -d 'Limit read rate (bytes per second) from a device (e.g. --device-read-bps=/dev/sda:1mb)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l device-write-bps -d 'Limit write rate (bytes per second) to a device (e.g. --device-write-bps=/dev/sda:1mb)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l device-read-iops -d 'Limit read rate (IO per second) from a device (e.g. --device-read-iops=/dev/sda:1000)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l device-write-iops -d 'Limit write rate (IO per second) to a device (e.g. --device-write-iops=/dev/sda:1000)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l cgroup-conf -d 'Configure cgroup v2 (key=value)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -l oom-kill-disable -d 'Disable OOM Killer'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from port" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from port" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from port" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from port" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from port" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from port" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from port" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from port" -s a -l all -d 'Display port information for all containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from port" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from pause" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from pause" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from pause" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from pause" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from pause" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from pause" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from pause" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from pause" -s f -l filter -d 'Filter what containers are paused' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from pause" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from pause" -s a -l all -d 'Pause all running containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from pause" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unpause" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unpause" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unpause" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unpause" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unpause" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unpause" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unpause" -s f -l filter -d 'Filter what containers are paused' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unpause" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unpause" -s a -l all -d 'Pause all running containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unpause" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exists" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exists" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exists" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exists" -l external -d 'Check external (non-hutch) containers as well (hutch has none)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from top" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from top" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from top" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from top" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from top" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from top" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from top" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from top" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from top" -l list-descriptors -d 'List the supported format descriptors'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stats" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stats" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stats" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stats" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stats" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stats" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stats" -l format -d 'Pretty-print container statistics to JSON or using a Go template' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stats" -s i -l interval -d 'Time in seconds between stats reports' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stats" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stats" -s a -l all -d 'Show all containers (those not running with zeros; without names hutch shows all, as Podman 4.3.1 does)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stats" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-reset -d 'Disable resetting the screen between intervals'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-stream -d 'Disable streaming stats and only pull the first result'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-trunc -d 'Do not truncate output'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from prune" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from prune" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (label=KEY[=VALUE], label!=..., until=TIME)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from prune" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from export" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from export" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from export" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from export" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from export" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from export" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to a specified file (default: stdout, which must be redirected)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from export" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from diff" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from diff" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from diff" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from diff" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from diff" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from diff" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from diff" -l format -d 'Change the output format (json)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from diff" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from diff" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from commit" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from commit" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from commit" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from commit" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from commit" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from commit" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from commit" -s c -l change -d 'Apply the following possible instructions to the created image: CMD | ENTRYPOINT | ENV | EXPOSE | LABEL | STOPSIGNAL | USER | VOLUME | WORKDIR' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from commit" -s m -l message -d 'Set commit message for imported image' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from commit" -s a -l author -d 'Set the author for the image committed' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from commit" -s f -l format -d 'Format of the image manifest and metadata: oci (the default) or docker' -r -f -a "oci\t''
docker\t''"
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from commit" -l iidfile -d 'Write the image ID to the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from commit" -s p -l pause -d 'Pause the container while committing (its cgroup\'s freezer)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from commit" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from commit" -s q -l quiet -d 'Suppress output'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from commit" -l include-volumes -d 'Include container volumes as image volumes'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from commit" -s s -l squash -d 'Squash all of the image\'s layers into one'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from commit" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from cp" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from cp" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from cp" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from cp" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from cp" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from cp" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from cp" -s a -l archive -d 'Chown copied files to the primary uid/gid of the destination container (true), or keep their own ids' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from cp" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from cp" -l overwrite -d 'Allow directories to be overwritten with non-directories and vice versa'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from cp" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from mount" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from mount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from mount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from mount" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from mount" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from mount" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from mount" -l format -d 'Print the mounted containers in the specified format (json)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from mount" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from mount" -s a -l all -d 'Mount all containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from mount" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from mount" -l no-trunc -d 'Do not truncate output'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unmount" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unmount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unmount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unmount" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unmount" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unmount" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unmount" -s a -l all -d 'Unmount all of the currently mounted containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unmount" -s f -l force -d 'Force the unmount even if the root is in use (a lazy unmount: it always is)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unmount" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from umount" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from umount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from umount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from umount" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from umount" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from umount" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from umount" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from umount" -s a -l all -d 'Unmount all of the currently mounted containers'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from umount" -s f -l force -d 'Force the unmount even if the root is in use (a lazy unmount: it always is)'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from umount" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand container; and __fish_seen_subcommand_from umount" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -f -a "build" -d 'Build an image using instructions from Containerfiles'
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -f -a "ls" -d 'List images in local storage'
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -f -a "list" -d 'List images in local storage'
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -f -a "import" -d 'Import a tarball to create a filesystem image'
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -f -a "pull" -d 'Pull an image from a registry'
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -f -a "push" -d 'Push an image to a specified destination'
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -f -a "tag" -d 'Add an additional name to a local image'
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -f -a "untag" -d 'Remove a name from a local image'
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -f -a "inspect" -d 'Display the configuration of an image'
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -f -a "exists" -d 'Check if an image exists in local storage'
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -f -a "history" -d 'Show history of a specified image'
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -f -a "prune" -d 'Remove unused images'
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -f -a "save" -d 'Save image(s) to an archive'
complete -c hutch -n "__fish_hutch_using_subcommand image; and not __fish_seen_subcommand_from build ls list rm import pull push tag untag inspect exists history prune save load" -f -a "load" -d 'Load image(s) from a tar archive'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l add-host -d 'Add a custom host-to-IP mapping (host:ip) for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l annotation -d 'Add an annotation (KEY=VALUE) to the image\'s manifest (OCI format only)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg -d 'ARG=VALUE: a value for a build argument' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg-file -d 'A file of ARG=VALUE lines for build arguments' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l build-context -d 'Additional build contexts for COPY --from=NAME: NAME=DIR or NAME=docker-image://IMAGE' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l cache-from -d 'Repository to look for cached steps in (REPO:KEY) before running them (with --layers)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l cache-to -d 'Repository to push the steps this build runs to, as a cache for other builds (with --layers)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l cache-ttl -d 'Only use cached steps created less than this duration ago (0: no cache)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l cap-add -d 'Add the specified capability for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l cap-drop -d 'Drop the specified capability for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroup-parent -d 'Optional parent cgroup for RUN step containers' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroupns -d 'Cgroup namespace for RUN steps: private (the default) or host' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l cpp-flag -d 'Set additional flags to pass to the C preprocessor (cpp) a NAME.in Containerfile goes through' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l cpu-period -d 'Limit the CPU CFS period of RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l cpu-quota -d 'Limit the CPU CFS quota of RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -s c -l cpu-shares -d 'CPU shares (relative weight) of RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l cpuset-cpus -d 'CPUs in which RUN steps may run' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l cpuset-mems -d 'Memory nodes in which RUN steps may run' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l authfile -d 'Path of the authentication file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l creds -d 'Use `[username[:password]]` for accessing the registry' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l cert-dir -d 'Use certificates at this path (*.crt CAs, *.cert/*.key client pairs) to connect to the registry' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l decryption-key -d 'Key needed to decrypt the image (not supported)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l device -d 'Add a host device to RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -s D -l disable-compression -d 'Do not compress layers (the default: hutch stores them uncompressed)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l dns -d 'Set custom DNS servers for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l dns-option -d 'Set custom DNS options for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l dns-search -d 'Set custom DNS search domains for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l env -d 'Set an environment variable in the built image (NAME[=VALUE])' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -s f -l file -d 'Name of the Containerfile (- for stdin); several are read in order' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l force-rm -d 'Always remove step containers, even after a failed build (the default)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l format -d 'Format of the built image\'s manifest and metadata: oci (the default) or docker' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l from -d 'Image to use in place of the first stage\'s FROM' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l hooks-dir -d 'Set the OCI hooks directory path (not supported)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l http-proxy -d 'Pass the proxy environment variables to RUN steps (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l identity-label -d 'Add Buildah\'s identity label (hutch adds none either way)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l ignorefile -d 'Path to an alternate .containerignore/.dockerignore file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image ID to the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l ipc -d 'IPC namespace for RUN steps: private (the default) or host' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l isolation -d 'Process isolation of RUN steps: oci (the default) or rootless' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l jobs -d 'How many stages to build at once (hutch builds them one after the other)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l label -d 'Set metadata for the image (KEY=VALUE)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l layers -d 'Keep each step\'s image and use them as a cache (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l logfile -d 'Log to the file instead of stdout and stderr' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l progress -d 'Docker buildx\'s --progress: auto, plain and tty print plain lines; quiet is -q' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l logsplit -d 'Split the log file per platform: LOGFILE_OS_ARCH (needs --logfile)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l manifest -d 'Add the image to the manifest list, creating it if it does not exist' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -s m -l memory -d 'Memory limit of RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l memory-swap -d 'Memory plus swap limit of RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l network -l net -d 'Network for RUN steps: containers.conf\'s default, none, host, slirp4netns, pasta' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l omit-history -d 'Do not write history into the image' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l os -d 'Operating system of the image (linux)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l os-feature -d 'OS feature the image requires (FEATURE- removes one the base requires)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l os-version -d 'OS version the image requires' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -s o -l output -d 'Write the built image\'s files: a directory, type=local,dest=DIR, type=tar,dest=FILE, or - (a tarball on stdout)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l pid -d 'PID namespace for RUN steps: private (the only one hutch gives)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l platform -d 'Specify the platform for selecting the image (OS/ARCH[/VARIANT])' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l arch -d 'Use ARCH instead of the architecture of the machine for choosing images' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l variant -d 'Use VARIANT instead of the running architecture variant for choosing images' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l pull -d 'Pull policy for base images: always (alone or true), missing (the default), never (false), newer' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l retry -d 'Number of times to retry a pull' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l retry-delay -d 'Delay between pull retries' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l rm -d 'Remove step containers after a successful build (the default)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l runtime -d 'OCI runtime for RUN steps (not supported: hutch is its own runtime)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l runtime-flag -d 'Flags for the OCI runtime (not supported)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l secret -d 'Secret for RUN --mount=type=secret: from a file or an environment variable (id=ID,src=PATH; id=ID,env=VAR; id=ID,src=VAR,type=env)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l security-opt -d 'Security options for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l shm-size -d 'Size of /dev/shm for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l sign-by -d 'Sign the image using a GPG key with the specified FINGERPRINT (kept with the image; push takes it along)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l skip-unused-stages -d 'Build only the stages the target needs (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l ssh -d 'SSH agent socket or private keys RUN steps may use: default ($SSH_AUTH_SOCK), ID=SOCKET or ID=KEY[,KEY]' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name (and tag) of the built image' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l target -d 'The stage to build (the last by default)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l timestamp -d 'Set the image\'s created time (seconds since the epoch)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l ulimit -d 'Ulimit options for RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l unsetenv -d 'Unset an environment variable in the built image' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l userns -d 'User namespace of RUN steps (\'\' or keep-id, as for run)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l userns-uid-map -d 'Uid map for RUN steps (CONTAINER:HOST:SIZE, as run --uidmap; layers keep the container\'s owners)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l userns-gid-map -d 'Gid map for RUN steps (CONTAINER:HOST:SIZE, as run --gidmap)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l userns-uid-map-user -d 'Another user\'s subordinate uids for RUN steps (refused, as run --subuidname: it needs root)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l userns-gid-map-group -d 'Another group\'s subordinate gids for RUN steps (refused, as run --subgidname: it needs root)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l uts -d 'UTS namespace for RUN steps: private (the default) or host' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -s v -l volume -d 'Bind mount a volume into RUN steps' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l all-platforms -d 'Build for every platform the base images are all available for'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l compress -d 'Does nothing, as in Podman (layers are stored uncompressed)'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l disable-content-trust -d 'Does nothing, as in Podman'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l load -d 'Docker buildx\'s --load: the image is in the local store (as it always is)'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l push -d 'Docker buildx\'s --push: push every tag once built'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use existing cached images'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l no-hosts -d 'Do not create /etc/hosts for RUN steps'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Suppress the step lines'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l squash -d 'Squash the layers the build adds into one'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l squash-all -d 'Squash all of the image\'s layers into one'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -l stdin -d 'Pass stdin to RUN steps'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from ls" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output based on conditions provided (dangling, reference, before, since, label, id)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by created, id, repository, size or tag' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from ls" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images (default hides intermediate images)'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Display only image IDs'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate output'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print column headings'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from ls" -l history -d 'Display the history of image names'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from list" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from list" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from list" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from list" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter output based on conditions provided (dangling, reference, before, since, label, id)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from list" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from list" -l sort -d 'Sort by created, id, repository, size or tag' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from list" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all images (default hides intermediate images)'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Display only image IDs'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate output'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from list" -l digests -d 'Show digests'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print column headings'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from list" -l history -d 'Display the history of image names'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from rm" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from rm" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all images'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force Removal of the image'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore errors if a specified image does not exist'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from rm" -l no-prune -d 'Do not remove dangling parent images (a build\'s unnamed step images)'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from import" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from import" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from import" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from import" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from import" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from import" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from import" -s c -l change -d 'Apply the following possible instructions to the created image: CMD | ENTRYPOINT | ENV | EXPOSE | LABEL | STOPSIGNAL | USER | VOLUME | WORKDIR' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from import" -s m -l message -d 'Set commit message for imported image' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from import" -l arch -d 'Set the architecture of the imported image (default: this host\'s)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from import" -l os -d 'Set the OS of the imported image (default: linux)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from import" -l variant -d 'Set the architecture variant of the imported image' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from import" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Suppress output'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from pull" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from pull" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from pull" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from pull" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from pull" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from pull" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from pull" -l authfile -d 'Path of the authentication file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from pull" -l creds -d 'Use `[username[:password]]` for accessing the registry' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from pull" -l cert-dir -d 'Use certificates at this path (*.crt CAs, *.cert/*.key client pairs) to connect to the registry' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Specify the platform for selecting the image (OS/ARCH[/VARIANT])' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from pull" -l arch -d 'Use ARCH instead of the architecture of the machine for choosing images' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from pull" -l variant -d 'Use VARIANT instead of the running architecture variant for choosing images' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from pull" -l os -d 'Use OS instead of the running OS for choosing images (linux: this host runs no other)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from pull" -l disable-content-trust -d 'This is a Docker specific option and is a NOOP' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from pull" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from pull" -s a -l all-tags -d 'Pull all tagged images in the repository'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -l authfile -d 'Path of the authentication file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -l creds -d 'Use `[username[:password]]` for accessing the registry' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -l cert-dir -d 'Use certificates at this path (*.crt CAs, *.cert/*.key client pairs) to connect to the registry' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -l digestfile -d 'File to write the digest of the pushed image to' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -s f -l format -d 'Manifest type to push: oci or v2s2 (the image\'s own by default)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-format -d 'Compression format of the layers: gzip (the layers are pushed as stored)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -l sign-by -d 'Sign the image with the GPG key of this fingerprint (simple signing; stored where registries.d says)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -l sign-by-sigstore-private-key -d 'Sign the image with the sigstore private key at PATH (an attachment in the registry, where registries.d has use-sigstore-attachments)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -l sign-passphrase-file -d 'Read the passphrase of the signing key from this file' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -l disable-content-trust -d 'This is a Docker specific option and is a NOOP' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Suppress output information when pushing images'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -l compress -d 'Compress tarball image layers when pushing to a directory using the \'dir\' transport (no effect on registries)'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -l remove-signatures -d 'Discard the signatures the image carries (build --sign-by) instead of pushing them with it'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from tag" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from tag" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from tag" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from tag" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from untag" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from untag" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from untag" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from untag" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from untag" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from untag" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from untag" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from untag" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output to a Go template or json' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from inspect" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from exists" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from exists" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from history" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from history" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from history" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from history" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from history" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Change the output to JSON or a Go template' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from history" -s H -l human -d 'Display sizes and dates in human readable format (default true)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from history" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Display the numeric IDs only'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Do not truncate the output'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from prune" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from prune" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all images not in use by containers, not just dangling ones'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from prune" -l external -d 'Remove images even when the step containers of a running build use them'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from save" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from save" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from save" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from save" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from save" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from save" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to a specified file (default: stdout, which must be redirected)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from save" -l format -d 'Save image to docker-archive, oci-archive, oci-dir (an OCI layout directory) or docker-dir (the dir: format)' -r -f -a "docker-archive\t''
oci-archive\t''
oci-dir\t''
docker-dir\t''"
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from save" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from save" -s q -l quiet -d 'Suppress the output'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from save" -s m -l multi-image-archive -d 'Interpret additional arguments as images not tags and create a multi-image-archive (docker-archive only)'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from save" -l compress -d 'Compress tarball image layers when saving to a directory (docker-dir)'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from save" -l uncompressed -d 'Accept uncompressed layers in OCI formats (hutch writes every layer as it is stored, uncompressed ones included)'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from load" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from load" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from load" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from load" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from load" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from load" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'Read from specified archive file (default: stdin)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from load" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Suppress the output'
complete -c hutch -n "__fish_hutch_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -f -a "add" -d 'Add images to a manifest list or image index'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -f -a "annotate" -d 'Add or update information about an entry in a manifest list or image index'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -f -a "create" -d 'Create manifest list or image index'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -f -a "exists" -d 'Check if a manifest list exists in local storage'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -f -a "inspect" -d 'Display the contents of a manifest list or image index'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -f -a "push" -d 'Push a manifest list or image index to a registry'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -f -a "remove" -d 'Remove an entry from a manifest list or image index'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -f -a "rm" -d 'Remove manifest list or image index from local storage'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -l annotation -d 'Set an annotation (KEY=VALUE) for the specified image' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -l arch -d 'Override the architecture of the specified image' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -l features -d 'Override the features of the specified image' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -l os -d 'Override the OS of the specified image' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -l os-version -d 'Override the OS version of the specified image' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -l variant -d 'Override the variant of the specified image' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -l authfile -d 'Path of the authentication file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -l creds -d 'Use `[username[:password]]` for accessing the registry' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -l cert-dir -d 'Use certificates at this path (*.crt CAs, *.cert/*.key client pairs) to connect to the registry' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -l insecure -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -l all -d 'Add all of the list\'s images if the image is a list'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l annotation -d 'Set an annotation (KEY=VALUE) for the specified image' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l arch -d 'Override the architecture of the specified image' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l features -d 'Override the features of the specified image' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os -d 'Override the OS of the specified image' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os-version -d 'Override the OS version of the specified image' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l variant -d 'Override the variant of the specified image' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os-features -d 'Override the OS features of the specified image' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from create" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from create" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from create" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from create" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS and verify certificates when accessing the registry' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from create" -l insecure -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from create" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from create" -l all -d 'Add all of the lists\' images if the images to add are lists'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from create" -s a -l amend -d 'Modify an existing list if one with the desired name already exists'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l authfile -d 'Path of the authentication file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l creds -d 'Use `[username[:password]]` for accessing the registry' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l cert-dir -d 'Use certificates at this path (*.crt CAs, *.cert/*.key client pairs) to connect to the registry' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l all -d 'Also push the images in the list' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l authfile -d 'Path of the authentication file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l creds -d 'Use `[username[:password]]` for accessing the registry' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l cert-dir -d 'Use certificates at this path (*.crt CAs, *.cert/*.key client pairs) to connect to the registry' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l insecure -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l compression-format -d 'Compression format of the layers: gzip (the layers are pushed as stored)' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l digestfile -d 'After copying the image, write the digest of the resulting manifest list to the file' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -s f -l format -d 'Manifest type (oci or v2s2) to use when pushing the list (default is oci)' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l sign-by -d 'Sign the list with the GPG key of this fingerprint (simple signing; stored where registries.d says)' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l sign-by-sigstore-private-key -d 'Sign the list and its images with the sigstore private key at PATH (attachments in the registry, where registries.d has use-sigstore-attachments)' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l sign-passphrase-file -d 'Read the passphrase of the signing key from PATH' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Don\'t output progress information when pushing lists'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l remove-signatures -d 'Don\'t copy the signatures local images carry (build --sign-by) when pushing them'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -l rm -d 'Remove the manifest list if push succeeds'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand manifest; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -f -a "create" -d 'Create a new volume'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -f -a "exists" -d 'Check if a volume exists'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -f -a "export" -d 'Export volumes'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -f -a "import" -d 'Import a tarball contents into a volume'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -f -a "inspect" -d 'Display detailed information on one or more volumes'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -f -a "ls" -d 'List volumes'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -f -a "list" -d 'List volumes'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -f -a "mount" -d 'Mount volume (inside `hutch unshare`)'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -f -a "prune" -d 'Remove all unused volumes'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -f -a "reload" -d 'reload all volumes from volume plugins (hutch has none: nothing to do)'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -f -a "rm" -d 'Remove one or more volumes'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm unmount" -f -a "unmount" -d 'Unmount volume'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from create" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from create" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from create" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from create" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from create" -s d -l driver -d 'Specify volume driver name (only local: hutch has no volume plugins)' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata for a volume (e.g., --label mykey=value)' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from create" -s o -l opt -d 'Set driver specific options: type=tmpfs|none, device=DIR, o=OPTIONS (uid=, gid=, size=, bind...)' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from create" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from create" -l ignore -d 'Do not fail if the volume already exists'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from exists" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from exists" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from exists" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from export" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from export" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from export" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from export" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from export" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from export" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to a specified file (default: stdout, which must be redirected)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from export" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from import" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from import" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from import" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from import" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from import" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from import" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from import" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format volume output using JSON or a Go template' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s a -l all -d 'Inspect all volumes'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from ls" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from ls" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter volume output' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from ls" -l format -d 'Format volume output using JSON or a Go template' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from ls" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print headers'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print volume output in quiet mode'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from list" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from list" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from list" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from list" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter volume output' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from list" -l format -d 'Format volume output using JSON or a Go template' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from list" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from list" -l noheading -d 'Do not print headers'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print volume output in quiet mode'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from mount" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from mount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from mount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from mount" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from mount" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from mount" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from mount" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from prune" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from prune" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (e.g. \'label=<key>=<value>\')' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from prune" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from reload" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from reload" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from reload" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from reload" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from reload" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from reload" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from reload" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from reload" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from rm" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from rm" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait for a running container using the volume to stop before killing it (with --force)' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from rm" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all volumes'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove a volume by force, even if it is being used by a container (which is removed too)'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand volume; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm" -f -a "create" -d 'Create a new secret'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm" -f -a "ls" -d 'List secrets'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm" -f -a "list" -d 'List secrets'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm" -f -a "inspect" -d 'Inspect a secret'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm" -f -a "rm" -d 'Remove one or more secrets'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from create" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from create" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from create" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from create" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from create" -s d -l driver -d 'Specify secret driver (file, the default)' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from create" -l driver-opts -d 'Specify driver specific options' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from create" -s l -l label -d 'Add labels to the secret' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from create" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from create" -l env -d 'Read secret data from the environment variable named by the second argument'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from ls" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from ls" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter secret output: name=REGEX, id=PREFIX' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from ls" -l format -d 'Format secret output using a Go template' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from ls" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print headers'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print secret IDs only'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from list" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from list" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from list" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from list" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter secret output: name=REGEX, id=PREFIX' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from list" -l format -d 'Format secret output using a Go template' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from list" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from list" -l noheading -d 'Do not print headers'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print secret IDs only'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format inspect output using a Go template' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l pretty -d 'Print inspect output in human-readable format'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from rm" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from rm" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from rm" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all secrets'
complete -c hutch -n "__fish_hutch_using_subcommand secret; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info migrate" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info migrate" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info migrate" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info migrate" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info migrate" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info migrate" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info migrate" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info migrate" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info migrate" -f -a "df" -d 'Show hutch disk usage'
complete -c hutch -n "__fish_hutch_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info migrate" -f -a "prune" -d 'Remove unused data'
complete -c hutch -n "__fish_hutch_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info migrate" -f -a "reset" -d 'Reset hutch storage: remove every container, image and volume'
complete -c hutch -n "__fish_hutch_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info migrate" -f -a "info" -d 'Display hutch related system information'
complete -c hutch -n "__fish_hutch_using_subcommand system; and not __fish_seen_subcommand_from df prune reset info migrate" -f -a "migrate" -d 'Migrate containers: stop the running ones, so their next start maps the user namespace from /etc/subuid and /etc/subgid as they are now'
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from df" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from df" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from df" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from df" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from df" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from df" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from df" -l format -d 'Pretty-print images using a Go template or json' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from df" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from df" -s v -l verbose -d 'Show detailed information on disk usage'
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from df" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from prune" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from prune" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused images, not just dangling ones'
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumes -d 'Prune volumes'
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from reset" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from reset" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from reset" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from reset" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from reset" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from reset" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from reset" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from reset" -s f -l force -d 'Do not prompt for confirmation'
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from info" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from info" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from info" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from info" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from info" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from info" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from info" -s f -l format -d 'Change the output format to JSON' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from info" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from migrate" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from migrate" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from migrate" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from migrate" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from migrate" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from migrate" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from migrate" -l new-runtime -d 'Specify a new runtime for all containers (hutch has one, its own: `hutch`)' -r
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from migrate" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand system; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand diff" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand diff" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand diff" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand diff" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand diff" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand diff" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand diff" -l format -d 'Change the output format (json)' -r
complete -c hutch -n "__fish_hutch_using_subcommand diff" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand diff" -s l -l latest -d 'Act on the latest container hutch is aware of'
complete -c hutch -n "__fish_hutch_using_subcommand diff" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand info" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand info" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand info" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand info" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand info" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand info" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand info" -s f -l format -d 'Change the output format to JSON' -r
complete -c hutch -n "__fish_hutch_using_subcommand info" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand info" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand events" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand events" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand events" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand events" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand events" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand events" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand events" -s f -l filter -d 'Filter output (container=, event= or status=, image=, label=KEY=VALUE, type=, volume=)' -r
complete -c hutch -n "__fish_hutch_using_subcommand events" -l format -d 'Format the output using a Go template, or json' -r
complete -c hutch -n "__fish_hutch_using_subcommand events" -l no-trunc -d 'Do not truncate the output (the default)' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand events" -l since -d 'Show all events created since timestamp' -r
complete -c hutch -n "__fish_hutch_using_subcommand events" -l until -d 'Show all events until timestamp' -r
complete -c hutch -n "__fish_hutch_using_subcommand events" -l stream -d 'Stream new events (true), or stop at the end of the log' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand events" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand events" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -f -a "run" -d 'Run the health check of a container'
complete -c hutch -n "__fish_hutch_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand generate; and not __fish_seen_subcommand_from systemd quadlet" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand generate; and not __fish_seen_subcommand_from systemd quadlet" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand generate; and not __fish_seen_subcommand_from systemd quadlet" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and not __fish_seen_subcommand_from systemd quadlet" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and not __fish_seen_subcommand_from systemd quadlet" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and not __fish_seen_subcommand_from systemd quadlet" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand generate; and not __fish_seen_subcommand_from systemd quadlet" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand generate; and not __fish_seen_subcommand_from systemd quadlet" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand generate; and not __fish_seen_subcommand_from systemd quadlet" -f -a "systemd" -d 'Generate systemd units'
complete -c hutch -n "__fish_hutch_using_subcommand generate; and not __fish_seen_subcommand_from systemd quadlet" -f -a "quadlet" -d 'Turn Quadlet files (.container, .volume) into systemd units, as a systemd generator'
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l start-timeout -d 'Start timeout override' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l stop-timeout -d 'Stop timeout override' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s t -l time -d 'Backwards alias for --stop-timeout' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l container-prefix -d 'Systemd unit name prefix for containers' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l pod-prefix -d 'Systemd unit name prefix for pods (hutch has no pods: accepted, unused)' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l separator -d 'Systemd unit name separator between name/id and prefix' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l restart-policy -d 'Systemd restart-policy' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l restart-sec -d 'Systemd restart-sec' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l format -d 'Print the created units in specified format (json)' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l wants -d 'Add (weak) requirement dependencies to the generated unit file' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l after -d 'Add dependencies order to the generated unit file' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l requires -d 'Similar to wants, but declares stronger requirement dependencies' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s e -l env -d 'Set environment variables to the systemd unit files' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s n -l name -d 'Use container names instead of IDs'
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s f -l files -d 'Generate .service files instead of printing to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l template -d 'Make it a template file and use %i and %I specifiers (implies --new)'
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l new -d 'Create a new container instead of starting an existing one'
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l no-header -d 'Skip header generation'
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from quadlet" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from quadlet" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from quadlet" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from quadlet" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from quadlet" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from quadlet" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from quadlet" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from quadlet" -l user -d 'Generate user units (from the user\'s Quadlet directories)'
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from quadlet" -l dryrun -d 'Print the units instead of writing them'
complete -c hutch -n "__fish_hutch_using_subcommand generate; and __fish_seen_subcommand_from quadlet" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand version" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand version" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand version" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand version" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand version" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand version" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand version" -s f -l format -d 'Change the output format to JSON' -r
complete -c hutch -n "__fish_hutch_using_subcommand version" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand version" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand unshare" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand unshare" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand unshare" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand unshare" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand unshare" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand unshare" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand unshare" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand unshare" -l rootless-netns -d 'Join the rootless network namespace (refused: hutch has no shared one; each container has its own)'
complete -c hutch -n "__fish_hutch_using_subcommand unshare" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand completion" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand completion" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand completion" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand completion" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand completion" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand completion" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand completion" -s f -l file -d 'Output the completion to file rather than stdout' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand completion" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand completion" -l no-desc -d 'Don\'t include descriptions in the completion output'
complete -c hutch -n "__fish_hutch_using_subcommand completion" -s h -l help -d 'Print help'
complete -c hutch -n "__fish_hutch_using_subcommand auto-update" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand auto-update" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand auto-update" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers (overlay or vfs)' -r
complete -c hutch -n "__fish_hutch_using_subcommand auto-update" -l log-level -d 'Log messages at and above this level: trace, debug, info, warn, error, fatal, panic' -r
complete -c hutch -n "__fish_hutch_using_subcommand auto-update" -l events-backend -d 'Events backend: file, journald (the journal too, with Podman\'s fields) or none' -r
complete -c hutch -n "__fish_hutch_using_subcommand auto-update" -l volumepath -d 'Where named volumes are kept (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand auto-update" -l authfile -d 'Path to the authentication file. Use REGISTRY_AUTH_FILE environment variable to override' -r -F
complete -c hutch -n "__fish_hutch_using_subcommand auto-update" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c hutch -n "__fish_hutch_using_subcommand auto-update" -l rollback -d 'Rollback to previous image if update fails' -r -f -a "true\t''
false\t''"
complete -c hutch -n "__fish_hutch_using_subcommand auto-update" -l noout -d 'Do not output to stdout'
complete -c hutch -n "__fish_hutch_using_subcommand auto-update" -l dry-run -d 'Check for pending updates'
complete -c hutch -n "__fish_hutch_using_subcommand auto-update" -s h -l help -d 'Print help'

# This file is generated with "hutch completion"; see: hutch-completion(1)
