//! The container's command from `--entrypoint`, the words after the image, and the image's
//! ENTRYPOINT and CMD, by Podman's rules.

/// The command line: Podman's entrypoint/cmd rules.
pub fn command_line(cfg: Option<&oci_spec::image::Config>, entrypoint: Option<&str>, command: &[String]) -> Result<Vec<String>, String> {
    let (ep, rest) = split_command(cfg, entrypoint, command)?;
    let args: Vec<String> = ep.into_iter().chain(rest).collect();
    if args.is_empty() {
        return Err("no command or entrypoint provided, and no CMD or ENTRYPOINT from image".into());
    }
    Ok(args)
}

/// The entry point and the command (Podman's Config.Entrypoint and Config.Cmd).
pub fn split_command(cfg: Option<&oci_spec::image::Config>, entrypoint: Option<&str>, command: &[String]) -> Result<(Vec<String>, Vec<String>), String> {
    let image_ep: Vec<String> = cfg.and_then(|c| c.entrypoint().clone()).unwrap_or_default();
    let image_cmd: Vec<String> = cfg.and_then(|c| c.cmd().clone()).unwrap_or_default();
    let ep = match entrypoint {
        Some(s) if s.trim_start().starts_with('[') => serde_json::from_str::<Vec<String>>(s)
            .map_err(|e| format!("invalid --entrypoint `{s}`: not a JSON array of strings: {e}"))?,
        Some("") => vec![],
        Some(s) => vec![s.to_string()],
        None => image_ep,
    };
    let rest = if !command.is_empty() {
        command.to_vec()
    } else if entrypoint.is_some() {
        vec![]
    } else {
        image_cmd
    };
    Ok((ep, rest))
}
