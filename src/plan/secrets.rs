//! `--secret NAME[,type=mount|env][,target=T][,uid=N][,gid=N][,mode=OCTAL]`, parsed as Podman
//! does (pure; unit-tested).

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretKind {
    /// A read-only file at `target` (under /run/secrets/ unless absolute).
    Mount { target: String, uid: u32, gid: u32, mode: u32 },
    /// An environment variable named `target`.
    Env { target: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretRequest {
    pub name: String,
    pub kind: SecretKind,
}

pub fn parse(spec: &str) -> Result<SecretRequest, String> {
    let mut name = None;
    let (mut kind, mut target, mut uid, mut gid, mut mode) = (None, None, None, None, None);
    for (i, part) in spec.split(',').enumerate() {
        let Some((k, v)) = part.split_once('=') else {
            if i == 0 && !part.is_empty() {
                name = Some(part.to_string());
                continue;
            }
            return Err(format!("--secret {spec}: option {part:?} must be in KEY=VALUE form"));
        };
        let num = |v: &str, radix: u32| u32::from_str_radix(v, radix).map_err(|_| format!("--secret {spec}: {k}={v} is not a valid number"));
        match k {
            "source" => name = Some(v.to_string()),
            "type" if matches!(v, "mount" | "env") => kind = Some(v.to_string()),
            "type" => return Err(format!("--secret {spec}: type must be mount or env")),
            "target" => target = Some(v.to_string()),
            "uid" => uid = Some(num(v, 10)?),
            "gid" => gid = Some(num(v, 10)?),
            "mode" => mode = Some(num(v, 8)?),
            _ => return Err(format!("--secret {spec}: unknown option {k:?}: use type, target, uid, gid or mode")),
        }
    }
    let name = name.filter(|n| !n.is_empty()).ok_or_else(|| format!("--secret {spec}: no secret name given"))?;
    let target = target.filter(|t| !t.is_empty());
    let kind = match kind.as_deref() {
        Some("env") => {
            if uid.is_some() || gid.is_some() || mode.is_some() {
                return Err("UID, GID, Mode options cannot be set with secret option type=env".into());
            }
            SecretKind::Env { target: target.unwrap_or_else(|| name.clone()) }
        }
        _ => {
            let t = target.unwrap_or_else(|| name.clone());
            if t.split('/').any(|c| c == "..") {
                return Err(format!("--secret {spec}: the target must not contain `..`"));
            }
            let target = if t.starts_with('/') { t } else { format!("/run/secrets/{t}") };
            SecretKind::Mount { target, uid: uid.unwrap_or(0), gid: gid.unwrap_or(0), mode: mode.unwrap_or(0o444) }
        }
    };
    Ok(SecretRequest { name, kind })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn podmans_forms() {
        assert_eq!(parse("tok").unwrap(), SecretRequest { name: "tok".into(), kind: SecretKind::Mount { target: "/run/secrets/tok".into(), uid: 0, gid: 0, mode: 0o444 } });
        assert_eq!(
            parse("source=tok,target=/etc/tok.pem,uid=10,gid=20,mode=0400").unwrap().kind,
            SecretKind::Mount { target: "/etc/tok.pem".into(), uid: 10, gid: 20, mode: 0o400 }
        );
        assert_eq!(parse("tok,type=env").unwrap().kind, SecretKind::Env { target: "tok".into() });
        assert_eq!(parse("tok,type=env,target=API_KEY").unwrap().kind, SecretKind::Env { target: "API_KEY".into() });
        assert!(parse("tok,type=env,mode=0400").unwrap_err().contains("type=env"));
        assert!(parse("tok,type=file").is_err());
        assert!(parse("tok,uid=x").is_err());
        assert!(parse("tok,bogus=1").is_err());
        assert!(parse("type=env").is_err());
        assert!(parse("tok,target=../x").is_err());
    }
}
