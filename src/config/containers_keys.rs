//! The keys containers.conf may hold: Podman's (containers/common's `Config`, from Podman 4.3
//! to today's, so a file written for a newer Podman is not flagged) and hutch's own. A key in
//! neither is a typo or a stray line, and gets a warning; a key Podman has and hutch does not
//! honour is Podman's business and passes quietly (Podman says only at debug level).

/// The sections, each with its keys; a `*` entry means the section's keys are free (tables
/// of runtimes, destinations, driver options).
const SECTIONS: &[(&str, &[&str])] = &[
    ("containers", &[
        "annotations", "apparmor_profile", "base_hosts_file", "cgroup_conf", "cgroupns", "cgroups",
        "container_name_as_hostname", "default_capabilities", "default_sysctls", "default_ulimits", "devices",
        "dns_options", "dns_searches", "dns_servers", "env", "env_host", "host_containers_internal_ip",
        "http_proxy", "init", "init_path", "interface_name", "ipcns", "keyring", "label", "label_users",
        "log_driver", "log_path", "log_size_max", "log_tag", "mounts", "netns", "no_hosts", "oom_score_adj",
        "pidns", "pids_limit", "prepare_volume_on_create", "privileged", "read_only", "seccomp_profile",
        "shm_size", "tz", "umask", "userns", "userns_size", "utsns", "volumes",
    ]),
    ("engine", &[
        "active_service", "add_compression", "cdi_spec_dirs", "cgroup_check", "cgroup_manager",
        "chown_copied_files", "compat_api_enforce_docker_hub", "compose_providers", "compose_warning_logs",
        "compression_format", "compression_level", "conmon_env_vars", "conmon_path", "conmonrs_path",
        "database_backend", "detach_keys", "enable_port_reservation", "env", "events_container_create_inspect_data",
        "events_logfile_max_size", "events_logfile_path", "events_logger", "exit_command_delay",
        "healthcheck_events", "helper_binaries_dir", "hooks_dir", "image_build_format", "image_copy_tmp_dir",
        "image_default_format", "image_default_transport", "image_parallel_copies", "image_volume_mode",
        "infra_command", "infra_image", "init_path", "kube_generate_type", "lock_type", "machine_enabled",
        "multi_image_archive", "namespace", "network_cmd_options", "network_cmd_path", "no_pivot_root",
        "num_locks", "platform_to_oci_runtime", "pod_exit_policy", "podmansh_timeout", "pull_policy", "remote",
        "remote_identity", "remote_uri", "retry", "retry_delay", "runtime", "runtime_path",
        "runtime_supports_json", "runtime_supports_kvm", "runtime_supports_nocgroup", "runtimes",
        "service_destinations", "service_timeout", "ssh_config", "static_dir", "stop_timeout", "tmp_dir",
        "volume_path", "volume_plugin_timeout", "volume_plugins",
    ]),
    ("network", &[
        "cni_plugin_dirs", "default_network", "default_rootless_network_cmd", "default_subnet",
        "default_subnet_pools", "dns_bind_port", "firewall_driver", "netavark_plugin_dirs", "network_backend",
        "network_config_dir", "pasta_options",
    ]),
    ("secrets", &["driver", "opts"]),
    ("configmaps", &["driver", "opts"]),
    ("machine", &["cpus", "disk_size", "image", "memory", "provider", "rosetta", "user", "volumes"]),
    ("farms", &["default", "list"]),
    ("podmansh", &["container", "shell", "timeout"]),
];

/// The keys of one file's table that no one knows, as `[section] key` (or `[section]` for
/// a section no one knows, or `key` for a stray top-level key).
pub fn unknown(table: &toml::Table) -> Vec<String> {
    let mut out = Vec::new();
    for (section, value) in table {
        let Some(known) = SECTIONS.iter().find(|(s, _)| s == section).map(|(_, k)| *k) else {
            out.push(if value.is_table() { format!("[{section}]") } else { section.clone() });
            continue;
        };
        let Some(keys) = value.as_table() else { continue };
        for key in keys.keys() {
            if !known.contains(&key.as_str()) {
                out.push(format!("[{section}] {key}"));
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn typos_and_strangers_are_named_and_podman_keys_pass() {
        let t: toml::Table = toml::from_str(
            "stray = 1\n[containers]\ndns_server = [\"1.1.1.1\"]\npids_limit = 5\n[engine]\ncompression_format = \"zstd\"\n[engine.runtimes]\nrunc = [\"/usr/bin/runc\"]\n[nosuch]\nx = 1\n",
        )
        .unwrap();
        assert_eq!(super::unknown(&t), vec!["[containers] dns_server", "[nosuch]", "stray"]);
    }
}
