//! Networking end to end, as the unprivileged user: slirp4netns (the default), published
//! ports (TCP, UDP, ranges, random, -P), the client's address, DNS and hosts files, the
//! errors for ports that cannot be had, slirp4netns's lifetime, and pasta.

mod common;
use common::*;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream, UdpSocket};
use std::time::Duration;


/// GET `path` from `ip:port`; the body, or None if nothing answers.
fn http_get(ip: &str, port: u16, path: &str) -> Option<String> {
    let addr = if ip.contains(':') { format!("[{ip}]:{port}") } else { format!("{ip}:{port}") }.parse().ok()?;
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    s.write_all(format!("GET {path} HTTP/1.0\r\nHost: x\r\n\r\n").as_bytes()).ok()?;
    let mut r = String::new();
    s.read_to_string(&mut r).ok()?;
    r.split_once("\r\n\r\n").map(|(_, b)| b.to_string())
}

/// GET until it answers (the server in the container takes a moment to listen).
fn http_get_soon(ip: &str, port: u16, path: &str) -> String {
    let mut body = None;
    assert!(wait_for(10, || {
        body = http_get(ip, port, path);
        body.is_some()
    }), "nothing answered on {ip}:{port}");
    body.unwrap()
}

/// A busybox httpd serving `hello` on PORT in the container.
fn httpd(port: u16) -> String {
    format!("mkdir -p /www && echo hello > /www/index.html && exec httpd -f -vv -p {port} -h /www")
}

/// A UDP echo server on port 5353 that prints "SENDER-IP DATA" for each datagram: the host's
/// perl, with the host's /usr mounted on the container's.
const UDP_ECHO: &str = r#"/bin/ln -s usr/lib /lib; /bin/ln -s usr/lib64 /lib64; exec /usr/bin/perl -e 'use Socket; socket(S, PF_INET, SOCK_DGRAM, 0) or die "socket: $!"; bind(S, sockaddr_in(5353, INADDR_ANY)) or die "bind: $!"; $| = 1; while (my $peer = recv(S, my $d, 100, 0)) { my ($port, $ip) = sockaddr_in($peer); print inet_ntoa($ip), " $d"; send(S, $d, 0, $peer); }'"#;

/// The host's first global IPv4 address (where the container is reached from "outside").
fn host_ip() -> Option<Ipv4Addr> {
    let mut found = None;
    // SAFETY: getifaddrs fills a list we walk read-only and then free.
    unsafe {
        let mut list: *mut libc::ifaddrs = std::ptr::null_mut();
        if libc::getifaddrs(&mut list) != 0 {
            return None;
        }
        let mut cur = list;
        while !cur.is_null() && found.is_none() {
            let a = (*cur).ifa_addr;
            if !a.is_null() && (*a).sa_family as i32 == libc::AF_INET {
                let sin = &*(a as *const libc::sockaddr_in);
                let ip = Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr));
                if !ip.is_loopback() && !ip.is_link_local() {
                    found = Some(ip);
                }
            }
            cur = (*cur).ifa_next;
        }
        libc::freeifaddrs(list);
    }
    found
}


/// Whether `pid` is a process that has not ended (zombies of the reparented have).
fn is_live(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| !s.rsplit_once(')').is_some_and(|(_, r)| r.trim_start().starts_with('Z')))
}

/// Live processes that pass `matches` (given a process's environment and command line).
fn live_processes(matches: impl Fn(&[u8], &[u8]) -> bool) -> Vec<(i32, String)> {
    let mut found = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<i32>().ok()) else { continue };
        let env = std::fs::read(e.path().join("environ")).unwrap_or_default();
        let cmd = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
        if is_live(pid) && matches(&env, &cmd) {
            found.push((pid, String::from_utf8_lossy(&cmd).replace('\0', " ").chars().take(120).collect()));
        }
    }
    found
}

/// Processes (not zombies) of the network helper (slirp4netns or pasta) serving container `id`.
fn slirp_pids(id: &str) -> Vec<i32> {
    let tag = format!("HUTCH_CONTAINER_ID={id}");
    live_processes(|env, _| env.split(|&b| b == 0).any(|v| v == tag.as_bytes())).into_iter().map(|(p, _)| p).collect()
}

fn id_of(e: &Env, name: &str) -> String {
    e.hutch(&["inspect", "--format", "{{.Id}}", name]).ok().stdout.trim().to_string()
}

#[test]
fn a_published_port_serves_http_and_the_container_sees_the_client() {
    let e = Env::new("pub");
    e.demo();
    let port = free_port();
    let map = format!("{port}:80");
    e.hutch(&["run", "-d", "--name", "web", "-p", &map, "demo", "sh", "-c", &httpd(80)]).ok();
    assert_eq!(http_get_soon("127.0.0.1", port, "/index.html"), "hello\n");
    // Podman's views of the mapping.
    let ps = e.hutch(&["ps", "--format", "{{.Names}} {{.Ports}}"]);
    assert_eq!(ps.ok().stdout, format!("web 0.0.0.0:{port}->80/tcp\n"));
    assert_eq!(e.hutch(&["port", "web"]).ok().stdout, format!("80/tcp -> 0.0.0.0:{port}\n"));
    assert_eq!(e.hutch(&["port", "web", "80"]).ok().stdout, format!("0.0.0.0:{port}\n"));
    assert_eq!(e.hutch(&["port", "web", "80/tcp"]).ok().stdout, format!("0.0.0.0:{port}\n"));
    e.hutch(&["port", "web", "81"]).code(125).stderr_has("failed to find published port \"81/tcp\"");
    e.hutch(&["port", "web", "80/tcp/x"]).code(125).stderr_has("port formats are port/protocol. '80/tcp/x' is invalid");
    let id = id_of(&e, "web");
    assert_eq!(e.hutch(&["port", "-a"]).ok().stdout, format!("{}\t80/tcp -> 0.0.0.0:{port}\n", &id[..12]));
    let insp: serde_json::Value = serde_json::from_str(&e.hutch(&["inspect", "web"]).ok().stdout).unwrap();
    let bindings = serde_json::json!({"80/tcp": [{"HostIp": "", "HostPort": port.to_string()}]});
    assert_eq!(insp[0]["NetworkSettings"]["Ports"], bindings);
    assert_eq!(insp[0]["HostConfig"]["PortBindings"], bindings);
    assert_eq!(insp[0]["HostConfig"]["NetworkMode"], "slirp4netns");
    let json = e.hutch(&["ps", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.ok().stdout).unwrap();
    assert_eq!(v[0]["Ports"], serde_json::json!([{"host_ip": "", "host_port": port, "container_port": 80, "range": 1, "protocol": "tcp"}]));

    // Every host address, IPv6 ones too (as rootlessport listens).
    if TcpListener::bind("[::1]:0").is_ok() {
        assert_eq!(http_get_soon("::1", port, "/index.html").replace("\r", ""), "hello\n");
    } else {
        skip("no IPv6 loopback on this host");
    }
    // The client's own address reaches the container (hutch's port handler connects from
    // it); a client on the host's loopback shows as the container's loopback.
    let logs = e.hutch(&["logs", "web"]).stderr;
    assert!(logs.contains("[::ffff:127.0.0.1]:"), "{logs}");
    match host_ip() {
        Some(ip) => {
            assert_eq!(http_get_soon(&ip.to_string(), port, "/index.html"), "hello\n");
            let logs = e.hutch(&["logs", "web"]).stderr;
            assert!(logs.contains(&format!("[::ffff:{ip}]:")), "the container saw the client {ip}: {logs}");
            // The same with slirp4netns's own handler; loopback clients come from its gateway.
            let p2 = free_port();
            let map2 = format!("{p2}:80");
            e.hutch(&["run", "-d", "--name", "web2", "--network", "slirp4netns:port_handler=slirp4netns", "-p", &map2, "demo", "sh", "-c", &httpd(80)]).ok();
            assert_eq!(http_get_soon("127.0.0.1", p2, "/index.html"), "hello\n");
            assert_eq!(http_get_soon(&ip.to_string(), p2, "/index.html"), "hello\n");
            let logs = e.hutch(&["logs", "web2"]).stderr;
            assert!(logs.contains(&format!("[::ffff:{ip}]:")) && logs.contains("[::ffff:10.0.2.2]:"), "{logs}");
            e.hutch(&["rm", "-f", "-t", "0", "web2"]).ok();
        }
        None => skip("no global IPv4 address on this host to connect from"),
    }
    // As with Podman's rootlessport: the port reaches the container's address, so a server
    // bound to the container's loopback only is not published, and one bound to its address is.
    let (lo_port, addr_port) = (free_port(), free_port());
    let (m1, m2) = (format!("{lo_port}:80"), format!("{addr_port}:80"));
    e.hutch(&["run", "-d", "--name", "lo-only", "-p", &m1, "demo", "sh", "-c", "mkdir /w; echo x > /w/i; exec httpd -f -p 127.0.0.1:80 -h /w"]).ok();
    e.hutch(&["run", "-d", "--name", "addr-only", "-p", &m2, "demo", "sh", "-c", "mkdir /w; echo y > /w/i; exec httpd -f -p 10.0.2.100:80 -h /w"]).ok();
    assert_eq!(http_get_soon("127.0.0.1", addr_port, "/i"), "y\n");
    assert_eq!(e.hutch(&["exec", "lo-only", "wget", "-q", "-O-", "http://127.0.0.1/i"]).ok().stdout, "x\n", "it serves inside");
    assert_eq!(http_get("127.0.0.1", lo_port, "/i"), None, "a loopback-only server is not published");
    // The container's own outbound traffic is untouched by the forwarder's answer route.
    let o = e.hutch(&["exec", "web", "sh", "-c", "wget -q -O- http://127.0.0.1:80/index.html"]);
    assert_eq!(o.ok().stdout, "hello\n");

    // stop frees the port at once; start brings it back.
    e.hutch(&["stop", "-t", "0", "web"]).ok();
    assert_eq!(http_get("127.0.0.1", port, "/index.html"), None, "stopped: nothing listens");
    assert!(slirp_pids(&id).is_empty(), "slirp4netns ended with the container");
    assert_eq!(e.hutch(&["port", "web"]).ok().stdout, "", "a stopped container has no ports to show");
    e.hutch(&["start", "web"]).ok();
    assert_eq!(http_get_soon("127.0.0.1", port, "/index.html"), "hello\n");
    e.hutch(&["restart", "-t", "0", "web"]).ok();
    assert_eq!(http_get_soon("127.0.0.1", port, "/index.html"), "hello\n");
    assert_eq!(slirp_pids(&id).len(), 1, "one slirp4netns per running container");
}

#[test]
fn udp_ranges_random_ports_and_publish_all() {
    let e = Env::new("ports");
    e.demo();
    // Random host ports: found with `port`; two containers side by side.
    e.hutch(&["run", "-d", "--name", "w1", "-p", "80", "demo", "sh", "-c", &httpd(80)]).ok();
    e.hutch(&["run", "-d", "--name", "w2", "-p", "127.0.0.1::8080", "demo", "sh", "-c", &httpd(8080)]).ok();
    let p1: u16 = e.hutch(&["port", "w1", "80"]).ok().stdout.trim().strip_prefix("0.0.0.0:").unwrap().parse().unwrap();
    let p2: u16 = e.hutch(&["port", "w2", "8080"]).ok().stdout.trim().strip_prefix("127.0.0.1:").unwrap().parse().unwrap();
    assert_ne!(p1, p2);
    assert_eq!(http_get_soon("127.0.0.1", p1, "/index.html"), "hello\n");
    assert_eq!(http_get_soon("127.0.0.1", p2, "/index.html"), "hello\n");

    // A range: both ends reach their own server.
    let base = loop {
        let b = free_port();
        if b < 65000 && TcpListener::bind(("0.0.0.0", b + 1)).is_ok() {
            break b;
        }
    };
    let range = format!("{base}-{}:7000-7001", base + 1);
    e.hutch(&["run", "-d", "--name", "r", "-p", &range, "demo", "sh", "-c",
        "mkdir /a /b; echo A > /a/i; echo B > /b/i; httpd -p 7000 -h /a; exec httpd -f -p 7001 -h /b"]).ok();
    assert_eq!(http_get_soon("127.0.0.1", base, "/i"), "A\n");
    assert_eq!(http_get_soon("127.0.0.1", base + 1, "/i"), "B\n");
    assert_eq!(e.hutch(&["ps", "--filter", "name=^r$", "--format", "{{.Ports}}"]).ok().stdout, format!("0.0.0.0:{base}-{}->7000-7001/tcp\n", base + 1));
    assert_eq!(e.hutch(&["port", "r"]).ok().stdout, format!("7000/tcp -> 0.0.0.0:{base}\n7001/tcp -> 0.0.0.0:{}\n", base + 1));

    // UDP: a datagram sent to the published port reaches the container, and its answer
    // comes back. The echo server is the host's perl (perl-base is Essential in Debian),
    // run from the host's /usr mounted read-only. Through both port handlers.
    for handler in ["hutch", "slirp4netns"] {
        let up = UdpSocket::bind("0.0.0.0:0").unwrap().local_addr().unwrap().port();
        let map = format!("{up}:5353/udp");
        let name = format!("u-{handler}");
        let net = format!("slirp4netns:port_handler={handler}");
        e.hutch(&["run", "-d", "--name", &name, "--network", &net, "-p", &map, "-v", "/usr:/usr:ro", "demo", "/bin/sh", "-c", UDP_ECHO]).ok();
        assert_eq!(e.hutch(&["port", &name]).ok().stdout, format!("5353/udp -> 0.0.0.0:{up}\n"));
        let sock = UdpSocket::bind("0.0.0.0:0").unwrap();
        sock.set_read_timeout(Some(Duration::from_millis(500))).unwrap();
        let mut buf = [0u8; 64];
        let mut echo = |to: (Ipv4Addr, u16), msg: &[u8]| -> bool {
            let mut got = None;
            wait_for(10, || {
                sock.send_to(msg, to).unwrap();
                got = sock.recv_from(&mut buf).ok().map(|(n, _)| buf[..n].to_vec());
                got.as_deref() == Some(msg)
            })
        };
        if handler == "hutch" {
            // From the host's loopback: the container sees its own loopback, and answers.
            assert!(echo((Ipv4Addr::LOCALHOST, up), b"ping-lo\n"), "the echo came back to the loopback client");
            assert!(e.hutch(&["logs", &name]).stdout.contains("127.0.0.1 ping-lo\n"), "{}", e.hutch(&["logs", &name]).stdout);
        } else {
            // slirp4netns: the datagram arrives (from the gateway); the answer cannot return,
            // as slirp4netns drops packets to the host's loopback unless allowed.
            assert!(wait_for(10, || {
                sock.send_to(b"ping-lo\n", ("127.0.0.1", up)).unwrap();
                e.hutch(&["logs", &name]).stdout.contains("10.0.2.2 ping-lo\n")
            }), "the datagram reached the container: {}", e.hutch(&["logs", &name]).stdout);
        }
        match host_ip() {
            Some(ip) => {
                assert!(echo((ip, up), b"ping-udp\n"), "{handler}: the echo came back");
                assert!(e.hutch(&["logs", &name]).stdout.contains(&format!("{ip} ping-udp\n")), "{handler}: the container saw the client's address");
            }
            None => skip("no global IPv4 address on this host to send from"),
        }
    }

    // -P: every exposed port gets a free host port.
    e.hutch(&["run", "-d", "--name", "all", "--expose", "80", "--expose", "9000-9001/udp", "-P", "demo", "sh", "-c", &httpd(80)]).ok();
    let listed = e.hutch(&["port", "all"]).ok().stdout.clone();
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 3, "{listed}");
    assert!(lines[0].starts_with("80/tcp -> 0.0.0.0:") && lines[1].starts_with("9000/udp -> 0.0.0.0:") && lines[2].starts_with("9001/udp -> 0.0.0.0:"), "{listed}");
    let pa: u16 = lines[0].rsplit(':').next().unwrap().parse().unwrap();
    assert_eq!(http_get_soon("127.0.0.1", pa, "/index.html"), "hello\n");
    let insp: serde_json::Value = serde_json::from_str(&e.hutch(&["inspect", "all"]).ok().stdout).unwrap();
    let ports = &insp[0]["NetworkSettings"]["Ports"];
    assert_eq!(ports["9001/udp"][0]["HostIp"], "", "{ports}");
    assert!(ports["9001/udp"][0]["HostPort"].as_str().unwrap().parse::<u16>().is_ok(), "{ports}");
}

#[test]
fn ports_that_cannot_be_had_fail_cleanly() {
    let e = Env::new("clash");
    e.demo();
    let port = free_port();
    let map = format!("{port}:80");
    e.hutch(&["run", "-d", "--name", "a", "-p", &map, "demo", "sh", "-c", &httpd(80)]).ok();
    let a = id_of(&e, "a");
    // The same port again: the error names the port and the container holding it.
    let o = e.hutch(&["run", "-d", "--name", "b", "-p", &map, "demo", "sleep", "100"]);
    o.code(125).stderr_has(&format!("Error: cannot publish 0.0.0.0:{port}/tcp: the port is already in use by container a ({}): publish another host port (`-p OTHER:80`), or leave the host port out to get a free one\n", &a[..12]));
    let b = id_of(&e, "b");
    let st = e.hutch(&["ps", "-a", "--filter", "name=^b$", "--format", "{{.Status}}"]);
    assert_eq!(st.ok().stdout, "Created\n", "never ran");
    assert!(slirp_pids(&b).is_empty(), "no slirp4netns left for b");
    assert_eq!(slirp_pids(&a).len(), 1, "a keeps its own");
    // A foreground run with --rm: the error, and nothing left.
    e.hutch(&["run", "--rm", "--name", "gone", "-p", &map, "demo", "true"]).code(125).stderr_has("the port is already in use");
    e.hutch(&["inspect", "gone"]).code(125);

    // A port some host process holds: named with its pid.
    let l = TcpListener::bind("0.0.0.0:0").unwrap();
    let held = l.local_addr().unwrap().port();
    let map = format!("{held}:80");
    e.hutch(&["run", "--rm", "-p", &map, "demo", "true"]).code(125)
        .stderr_has(&format!("cannot publish 0.0.0.0:{held}/tcp: the port is already in use by "))
        .stderr_has(&format!(" (pid {})", std::process::id()));

    // A privileged port: the sysctl that allows it.
    let start: u32 = std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start").unwrap().trim().parse().unwrap();
    if start > 80 {
        e.hutch(&["run", "--rm", "-p", "80:80", "demo", "true"]).code(125)
            .stderr_has(&format!("cannot publish 0.0.0.0:80/tcp: ports below {start} are privileged (net.ipv4.ip_unprivileged_port_start = {start})"))
            .stderr_has("`sysctl -w net.ipv4.ip_unprivileged_port_start=80`");
    } else {
        skip("port 80 is not privileged on this host");
    }

    // No slirp4netns in $PATH: Podman's message, with the package to install.
    let bin = e.dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    for h in ["newuidmap", "newgidmap"] {
        std::os::unix::fs::symlink(format!("/usr/bin/{h}"), bin.join(h)).unwrap();
    }
    let o = e.cmd(&["run", "--rm", "--name", "noslirp", "demo", "true"]).env("PATH", &bin).stdin(std::process::Stdio::null()).output().unwrap();
    assert_eq!(o.status.code(), Some(125));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "Error: could not find slirp4netns, the network namespace can't be configured: install Debian's slirp4netns package (`apt install slirp4netns`), or use --network none or host\n");
    e.hutch(&["inspect", "noslirp"]).code(125);

    // Bad -p values: a clear error, nothing created.
    let before = e.hutch(&["ps", "-a", "-q"]).stdout;
    for (bad, msg) in [
        ("8000-8001:80-90", "-p 8000-8001:80-90: the host port range and the container port range must have the same length"),
        ("70000:80", "-p 70000:80: invalid host port \"70000\" (1 to 65535)"),
        ("80/sctp", "SCTP ports cannot be published"),
        ("x:1:80", "-p x:1:80: \"x\" is not an IP address"),
    ] {
        e.hutch(&["run", "--rm", "-p", bad, "demo", "true"]).code(125).stderr_has(msg);
    }
    e.hutch(&["run", "--rm", "-p", "9999:80", "-p", "9999:81", "demo", "true"]).code(125).stderr_has("host port 9999/tcp is published twice");
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).stdout, before, "nothing created");
    // Ports with a mode that has none: Podman's warning, and the container runs.
    e.hutch(&["run", "--rm", "--network", "none", "-p", "80", "demo", "true"]).ok()
        .stderr_has("Port mappings have been discarded as one of the Host, Container, Pod, and None network modes are in use");
    e.hutch(&["run", "--rm", "--network", "slirp4netns:port_handler=socat", "demo", "true"]).code(125).stderr_has("unknown port_handler for slirp4netns: \"socat\" (hutch, rootlesskit or slirp4netns)");
    e.hutch(&["run", "--rm", "--network", "slirp4netns:mtu=x", "demo", "true"]).code(125).stderr_has("invalid value of mtu for slirp4netns");
}

#[test]
fn killing_the_supervisor_takes_its_network_helpers_along() {
    let e = Env::new("slirpkill");
    e.demo();
    let id = e.hutch(&["run", "-d", "-p", "80", "demo", "sleep", "100"]).ok().stdout.trim().to_string();
    let slirp = slirp_pids(&id);
    assert_eq!(slirp.len(), 1);
    let rec: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(e.data().join("containers").join(&id).join("container.json")).unwrap()).unwrap();
    let sup = rec["supervisor"]["pid"].as_i64().unwrap() as i32;
    // Its helpers: the container, slirp4netns and hutch's port forwarder.
    let children: Vec<i32> = std::fs::read_to_string(format!("/proc/{sup}/task/{sup}/children")).unwrap()
        .split_whitespace().map(|p| p.parse().unwrap()).collect();
    assert_eq!(children.len(), 3, "{children:?}");
    // SAFETY: kills the test's own child's child.
    unsafe { libc::kill(sup, libc::SIGKILL) };
    assert!(wait_for(5, || slirp_pids(&id).is_empty()), "slirp4netns outlived its supervisor");
    assert!(wait_for(5, || !children.iter().any(|&p| is_live(p))), "a helper outlived its supervisor: {children:?}");
}

/// A one-shot HTTP server on the host answering `body` to every request.
fn host_server(addr: &str, body: &'static str) -> u16 {
    let l = TcpListener::bind(addr).unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in l.incoming().flatten() {
            let mut s = s;
            let mut buf = [0u8; 1024];
            let _ = s.read(&mut buf);
            let _ = s.write_all(format!("HTTP/1.0 200 OK\r\nContent-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
        }
    });
    port
}

#[test]
fn the_container_reaches_the_host_and_its_loopback_only_when_allowed() {
    let e = Env::new("hostlo");
    e.demo();
    let lo = host_server("127.0.0.1:0", "from-loopback");
    let url = format!("http://10.0.2.2:{lo}/");
    let o = e.hutch(&["run", "--rm", "demo", "wget", "-q", "-T", "3", "-O-", &url]);
    assert_ne!(o.code, 0, "the host's loopback is out of reach by default: {}", o.stdout);
    let o = e.hutch(&["run", "--rm", "--network", "slirp4netns:allow_host_loopback=true", "demo", "sh", "-c",
        &format!("wget -q -O- {url}; echo; grep host.containers.internal /etc/hosts")]);
    assert_eq!(o.ok().stdout, "from-loopback\n10.0.2.2\thost.containers.internal\n");
    // The host's other addresses are reachable, by the name hosts gives them.
    match host_ip() {
        Some(ip) => {
            let p = host_server("0.0.0.0:0", "from-host");
            let o = e.hutch(&["run", "--rm", "demo", "sh", "-c", &format!("grep host.containers.internal /etc/hosts; wget -q -O- http://host.containers.internal:{p}/")]);
            assert_eq!(o.ok().stdout, format!("{ip}\thost.containers.internal\nfrom-host"));
        }
        None => skip("no global IPv4 address on this host"),
    }
}

#[test]
fn resolv_conf_and_hosts_follow_the_options() {
    let e = Env::new("dns");
    e.demo();
    let o = e.hutch(&["run", "--rm", "--dns", "1.1.1.1", "--dns", "9.9.9.9", "--dns-search", "corp.example", "--dns-option", "ndots:2", "demo", "cat", "/etc/resolv.conf"]);
    assert_eq!(o.ok().stdout, "search corp.example\nnameserver 1.1.1.1\nnameserver 9.9.9.9\noptions ndots:2\n");
    // By default: slirp4netns's forwarder first, then the host's servers it can reach.
    let o = e.hutch(&["run", "--rm", "demo", "grep", "^nameserver", "/etc/resolv.conf"]);
    assert_eq!(o.ok().stdout.lines().next(), Some("nameserver 10.0.2.3"));
    assert!(!o.stdout.contains("nameserver 127."), "no loopback servers: {}", o.stdout);
    let o = e.hutch(&["run", "--rm", "--network", "slirp4netns:cidr=10.9.0.0/24", "demo", "sh", "-c", "grep -m1 ^nameserver /etc/resolv.conf; ip -4 -o addr show tap0 | tr -s ' ' | cut -d' ' -f4"]);
    assert_eq!(o.ok().stdout, "nameserver 10.9.0.3\n10.9.0.100/24\n");
    assert_eq!(e.hutch(&["run", "--rm", "--dns", "none", "demo", "cat", "/etc/resolv.conf"]).ok().stdout, "");
    assert_eq!(e.hutch(&["run", "--rm", "--dns-search", ".", "demo", "grep", "-c", "^search", "/etc/resolv.conf"]).stdout, "0\n");
    e.hutch(&["run", "--rm", "--dns", "one.one", "demo", "true"]).code(125).stderr_has("Error: one.one is not an ip address");

    // hosts: --add-host first, the container's own name last (its slirp4netns address).
    let o = e.hutch(&["run", "--rm", "--name", "h1", "--hostname", "box", "--add-host", "db:10.1.1.1", "--add-host", "v6:fe80::1", "demo", "cat", "/etc/hosts"]);
    let hosts = o.ok().stdout.clone();
    let lines: Vec<&str> = hosts.lines().collect();
    assert_eq!(lines[..2], ["10.1.1.1\tdb", "fe80::1\tv6"], "{hosts}");
    assert_eq!(lines.last(), Some(&"10.0.2.100\tbox h1"), "{hosts}");
    assert!(lines.iter().any(|l| *l == "127.0.0.1\tlocalhost" || l.starts_with("127.0.0.1\tlocalhost ")), "{hosts}");
    let o = e.hutch(&["run", "--rm", "--name", "h2", "--hostname", "box", "--network", "none", "demo", "tail", "-n1", "/etc/hosts"]);
    assert_eq!(o.ok().stdout, "127.0.0.1\tbox h2\n");
    // --no-hosts: the image's own (the demo image has none).
    e.hutch(&["run", "--rm", "--no-hosts", "demo", "test", "!", "-e", "/etc/hosts"]).ok();
    e.hutch(&["run", "--rm", "--no-hosts", "--add-host", "a:1.2.3.4", "demo", "true"]).code(125).stderr_has("Error: --no-hosts and --add-host cannot be set together");
    e.hutch(&["run", "--rm", "--add-host", "nocolon", "demo", "true"]).code(125).stderr_has("Error: unable to parse host entry \"nocolon\": incorrect format");
    // containers.conf: its DNS keys and the helper's options are the defaults; flags win.
    let conf = e.home.join(".config/containers/containers.conf");
    std::fs::write(&conf, "[containers]\ndns_servers = [\"192.0.2.53\"]\ndns_searches = [\"conf.example\"]\ndns_options = [\"attempts:3\"]\n\n[engine]\nnetwork_cmd_options = [\"cidr=10.7.0.0/24\"]\n").unwrap();
    let o = e.hutch(&["run", "--rm", "demo", "sh", "-c", "cat /etc/resolv.conf; ip -4 -o addr show tap0 | tr -s ' ' | cut -d' ' -f4"]);
    assert_eq!(o.ok().stdout, "search conf.example\nnameserver 192.0.2.53\noptions attempts:3\n10.7.0.100/24\n");
    let o = e.hutch(&["run", "--rm", "--dns", "1.1.1.1", "--network", "slirp4netns:mtu=1500", "demo", "sh", "-c", "grep nameserver /etc/resolv.conf; cat /sys/class/net/tap0/mtu"]);
    assert_eq!(o.ok().stdout, "nameserver 1.1.1.1\n1500\n");
    std::fs::write(&conf, "[containers]\nnetns = \"none\"\n").unwrap();
    assert_eq!(e.hutch(&["run", "--rm", "demo", "sh", "-c", "grep -c : /proc/net/dev"]).ok().stdout, "1\n", "netns = none: only lo");
    std::fs::write(&conf, "[containers]\ndns_servers = \"1.1.1.1\"\n").unwrap();
    e.hutch(&["run", "--rm", "demo", "true"]).code(125).stderr_has("containers.conf is not a valid containers.conf (TOML)");
    std::fs::remove_file(&conf).unwrap();
    // enable_ipv6: slirp4netns's router gives tap0 an fd00::/64 address (by SLAAC, so a moment
    // after the start); without it there is none.
    let six = "for i in $(seq 30); do ip -6 -o addr show tap0 scope global | grep -q ' fd00:' && break; sleep 0.1; done; ip -6 -o addr show tap0 scope global | grep -c ' fd00:'";
    assert_eq!(e.hutch(&["run", "--rm", "--network", "slirp4netns:enable_ipv6=true", "demo", "sh", "-c", six]).ok().stdout, "1\n");
    assert_eq!(e.hutch(&["run", "--rm", "demo", "sh", "-c", "sleep 1; ip -6 -o addr show tap0 scope global | grep -c ' fd00:'"]).stdout, "0\n", "no IPv6 unless asked (a second is ample for SLAAC here)");
    // --mac-address sets the container's interface.
    let o = e.hutch(&["run", "--rm", "--mac-address", "92:d0:c6:0a:29:33", "demo", "cat", "/sys/class/net/tap0/address"]);
    assert_eq!(o.ok().stdout, "92:d0:c6:0a:29:33\n");
}

#[test]
fn pasta_connects_and_publishes_too() {
    if !std::path::Path::new("/usr/bin/pasta").exists() {
        return skip("pasta is not installed (Debian's passt package)");
    }
    let e = Env::new("pasta");
    e.demo();
    let port = free_port();
    let map = format!("{port}:80");
    e.hutch(&["run", "-d", "--name", "p", "--network", "pasta", "-p", &map, "demo", "sh", "-c", &httpd(80)]).ok();
    assert_eq!(http_get_soon("127.0.0.1", port, "/index.html"), "hello\n");
    let insp: serde_json::Value = serde_json::from_str(&e.hutch(&["inspect", "p"]).ok().stdout).unwrap();
    assert_eq!(insp[0]["HostConfig"]["NetworkMode"], "pasta");
    assert_eq!(e.hutch(&["port", "p"]).ok().stdout, format!("80/tcp -> 0.0.0.0:{port}\n"));
    // pasta gives the container the host's addresses, so the host's own clients cannot show
    // as themselves: loopback ones come from the container's loopback (pasta splices them).
    let logs = e.hutch(&["logs", "p"]).stderr + &e.hutch(&["logs", "p"]).stdout;
    assert!(logs.contains("[::ffff:127.0.0.1]:"), "{logs}");
    if let Some(ip) = host_ip() {
        assert_eq!(http_get_soon(&ip.to_string(), port, "/index.html"), "hello\n");
        let o = e.hutch(&["run", "--rm", "--network", "pasta", "demo", "sh", "-c", "ip -4 -o addr show scope global | tr -s ' ' | cut -d' ' -f4 | cut -d/ -f1"]);
        assert_eq!(o.ok().stdout.trim(), ip.to_string(), "the host's address inside");
    } else {
        skip("no global IPv4 address on this host");
    }
    // A clash names the container whose pasta holds the port; nothing is left of the new one.
    let p = id_of(&e, "p");
    e.hutch(&["run", "-d", "--name", "q", "--network", "pasta", "-p", &map, "demo", "sleep", "100"]).code(125)
        .stderr_has(&format!("Error: cannot publish 0.0.0.0:{port}/tcp: the port is already in use by container p ({})", &p[..12]));
    assert!(slirp_pids(&id_of(&e, "q")).is_empty(), "no pasta left for q");
    e.hutch(&["run", "--rm", "--network", "pasta:--pid,/tmp/x", "demo", "true"]).code(125).stderr_has("--pid is set by hutch");
    // stop: pasta goes with the container's network namespace, and the port is free.
    e.hutch(&["stop", "-t", "0", "p"]).ok();
    assert!(wait_for(5, || slirp_pids(&p).is_empty()), "pasta outlived its container");
    assert!(wait_for(5, || TcpListener::bind(("0.0.0.0", port)).is_ok()), "the port is free again");
}

#[test]
fn proxy_variables_pass_in_and_bridge_options_are_refused() {
    let e = Env::new("proxy");
    e.demo();
    let run = |args: &[&str]| {
        let o = e.cmd(args).env("http_proxy", "http://proxy.example:3128").env("NO_PROXY", "localhost").stdin(std::process::Stdio::null()).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let show = "echo \"$http_proxy|$NO_PROXY|$https_proxy\"";
    assert_eq!(run(&["run", "--rm", "demo", "sh", "-c", show]), "http://proxy.example:3128|localhost|\n");
    assert_eq!(run(&["run", "--rm", "--http-proxy=false", "demo", "sh", "-c", show]), "||\n");
    assert_eq!(run(&["run", "--rm", "-e", "http_proxy=mine", "demo", "sh", "-c", show]), "mine|localhost|\n");
    // Podman's errors for what only bridge networks have.
    e.hutch(&["run", "--rm", "--ip", "10.0.2.50", "demo", "true"]).code(125).stderr_has("Error: --ip: networks and static ip/mac address can only be used with Bridge mode networking");
    e.hutch(&["run", "--rm", "--ip6", "nope", "demo", "true"]).code(125).stderr_has("Error: \"nope\" is not an ip address");
    e.hutch(&["run", "--rm", "--network-alias", "db", "demo", "true"]).code(125).stderr_has("Error: --network-alias can only be set when the network mode is bridge");
    e.hutch(&["run", "--rm", "--link-local-ip", "169.254.0.9", "demo", "true"]).code(125).stderr_has("Error: --link-local-ip is not implemented");
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).stdout, "", "nothing created");
}

#[test]
fn large_transfers_cross_the_port_handlers_intact_both_ways() {
    use sha2::Digest;
    let e = Env::new("bulk");
    e.demo();
    // The default (the port handed to the server where the kernel takes the guard, else the
    // forwarder), the port handed over (allow_host_loopback), handed over on the interface of
    // the default route (downloaded from the host's address there, directly; uploaded from
    // the loopback, through the forwarder's socket beside it), slirp4netns's own handler.
    let bound_from = hutch::runtime::hostif::default_route().and_then(|i| i.v4).map(|a| a.to_string());
    let mut cases = vec![("default", "slirp4netns", "127.0.0.1".to_string()), ("handed", "slirp4netns:allow_host_loopback=true", "127.0.0.1".into())];
    match bound_from {
        Some(a) => cases.push(("bound", "slirp4netns:bind_interface=default", a)),
        None => skip("no IPv4 default route to bind a handed port to"),
    }
    cases.push(("slirp4netns", "slirp4netns:port_handler=slirp4netns", "127.0.0.1".into()));
    for (handler, net, from) in cases {
        let (web, up) = (free_port(), free_port());
        let (mw, mu) = (format!("{web}:80"), format!("{up}:9000"));
        let name = format!("bulk-{handler}");
        e.hutch(&["run", "-d", "--name", &name, "--network", net, "-p", &mw, "-p", &mu, "demo", "sh", "-c",
            "mkdir /www; head -c 16777216 /dev/urandom > /www/big; sha256sum /www/big > /www/big.sum; \
             (nc -l -p 9000 | sha256sum > /www/up.sum) & exec httpd -f -p 80 -h /www"]).ok();
        // Down: 16 MiB, byte for byte.
        let body = {
            let want = http_get_soon(&from, web, "/big.sum");
            let addr = format!("{from}:{web}").parse().unwrap();
            let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).unwrap();
            s.write_all(b"GET /big HTTP/1.0\r\n\r\n").unwrap();
            let mut r = Vec::new();
            s.read_to_end(&mut r).unwrap();
            let at = r.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
            (want, r.split_off(at))
        };
        assert_eq!(body.1.len(), 16 << 20, "{handler}");
        assert_eq!(body.0.split_whitespace().next().unwrap(), format!("{:x}", sha2::Sha256::digest(&body.1)), "{handler}");
        // Up: 16 MiB, then the end of the stream reaches the container.
        let data: Vec<u8> = (0..16u32 << 20).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
        let mut s = TcpStream::connect(("127.0.0.1", up)).unwrap();
        s.write_all(&data).unwrap();
        s.shutdown(std::net::Shutdown::Write).unwrap();
        let want = format!("{:x}  -\n", sha2::Sha256::digest(&data));
        assert!(wait_for(10, || e.hutch(&["exec", &name, "cat", "/www/up.sum"]).stdout == want), "{handler}: the upload arrived whole");
        e.hutch(&["rm", "-f", "-t", "0", &name]).ok();
    }
}

#[test]
fn a_container_joins_another_containers_network() {
    let e = Env::new("joinnet");
    e.demo();
    let port = free_port();
    let map = format!("{port}:80");
    e.hutch(&["run", "-d", "--name", "db", "-p", &map, "demo", "sh", "-c", &httpd(80)]).ok();
    let db = id_of(&e, "db");
    assert_eq!(http_get_soon("127.0.0.1", port, "/index.html"), "hello\n");
    // The same interfaces, and the other's server on its loopback; its name service files.
    let o = e.hutch(&["run", "--rm", "--network", "container:db", "demo", "sh", "-c",
        "ip -4 -o addr show tap0 | tr -s ' ' | cut -d' ' -f4; wget -q -O- http://127.0.0.1:80/index.html; tail -n1 /etc/hosts"]);
    assert_eq!(o.ok().stdout, format!("10.0.2.100/24\nhello\n10.0.2.100\t{} db\n", &db[..12]));
    // A sidecar, by id prefix; one that joins the sidecar joins db's namespace.
    e.hutch(&["run", "-d", "--name", "side", "--network", &format!("container:{}", &db[..8]), "demo", "sleep", "100"]).ok();
    e.hutch(&["create", "--name", "third", "--network", "container:side", "demo", "true"]).ok();
    let modes = e.hutch(&["inspect", "--format", "{{.HostConfig.NetworkMode}}", "side", "third"]);
    assert_eq!(modes.ok().stdout, format!("container:{db}\ncontainer:{db}\n"));
    let ns = |name: &str| e.hutch(&["exec", name, "readlink", "/proc/self/ns/net"]).ok().stdout.clone();
    assert_eq!(ns("side"), ns("db"));
    // db cannot go while others join it; --depend takes them along.
    e.hutch(&["rm", "-f", "db"]).code(125).stderr_has(&format!("container {db} has dependent containers which must be removed before it: "));
    e.hutch(&["stop", "-t", "0", "db"]).ok();
    // Stopped: starting a container that joins it starts it first, as Podman does.
    e.hutch(&["start", "third"]).ok();
    let st = e.hutch(&["ps", "-a", "--filter", "name=^db$", "--format", "{{.State}}"]);
    assert!(st.ok().stdout.starts_with("Up "), "db was started for third: {}", st.stdout);
    e.hutch(&["stop", "-t", "0", "db"]).ok();
    e.hutch(&["run", "--rm", "--network", "container:nope", "demo", "true"]).code(125).stderr_has("no container with name or ID \"nope\" found");
    e.hutch(&["rm", "-f", "-t", "0", "--depend", "db"]).ok();
    assert_eq!(e.hutch(&["ps", "-a", "--format", "{{.Names}}"]).ok().stdout, "", "all three removed");
}

#[test]
fn a_network_namespace_is_joined_by_path() {
    let e = Env::new("nspath");
    e.demo();
    // A user and network namespace of the test's own, with the user's subordinate ids mapped
    // as hutch maps them (util-linux's --map-auto).
    let mut holder = std::process::Command::new("unshare").args(["--user", "--map-auto", "--map-root-user", "--net", "sleep", "60"]).spawn().unwrap();
    let ns = format!("/proc/{}/ns/net", holder.id());
    assert!(wait_for(5, || std::fs::read_to_string(format!("/proc/{}/uid_map", holder.id())).is_ok_and(|m| m.lines().count() == 2)), "the namespace is mapped");
    let want = std::fs::read_link(&ns).unwrap();
    let net = format!("ns:{ns}");
    let o = e.hutch(&["run", "--rm", "--network", &net, "demo", "readlink", "/proc/self/ns/net"]);
    assert_eq!(o.ok().stdout.trim(), want.to_str().unwrap());
    let insp = e.hutch(&["create", "--name", "byns", "--network", &net, "demo", "true"]);
    insp.ok();
    assert_eq!(e.hutch(&["inspect", "--format", "{{.HostConfig.NetworkMode}}", "byns"]).ok().stdout, format!("{net}\n"));
    e.hutch(&["run", "--rm", "--network", "ns:/proc/1/ns/net", "demo", "true"]).code(125).stderr_has("that is --network host");
    e.hutch(&["run", "--rm", "--network", "ns:/nonexistent", "demo", "true"]).code(125).stderr_has("Error: --network ns:/nonexistent: opening the network namespace /nonexistent: No such file or directory");
    e.hutch(&["run", "--rm", "--network", "ns:relative", "demo", "true"]).code(125).stderr_has("give the namespace's absolute path");
    let _ = holder.kill();
    let _ = holder.wait();
}

/// Live (not zombie) processes whose command line or environment names one of `ids`: a
/// container's supervisor (and the forwarder it forks), its slirp4netns.
fn helpers_of(ids: &[String]) -> Vec<(i32, String)> {
    live_processes(|env, cmd| {
        let (env, cmd) = (String::from_utf8_lossy(env), String::from_utf8_lossy(cmd));
        ids.iter().any(|id| env.contains(id.as_str()) || cmd.contains(id.as_str()))
    })
}

#[test]
fn killed_midway_a_published_run_leaves_nothing_behind() {
    let e = Env::new("killnet");
    e.demo();
    let port = free_port();
    let map = format!("{port}:80");
    // How long a whole `run -d -p` takes here and now: the kills are spread over it.
    let t0 = std::time::Instant::now();
    e.hutch(&["run", "-d", "--name", "probe", "-p", &map, "demo", "sh", "-c", &httpd(80)]).ok();
    let full = t0.elapsed();
    e.hutch(&["rm", "-f", "-t", "0", "probe"]).ok();
    let mut ids = Vec::new();
    for i in 0..10u32 {
        // The caller killed at a different moment each time, its container's supervisor too
        // (wherever it is in setting up the network), then the next run on the same port.
        let mut run = e.cmd(&["run", "-d", "-p", &map, "demo", "sh", "-c", &httpd(80)]).stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
        std::thread::sleep(full * i / 10);
        let _ = run.kill();
        let _ = run.wait();
        let listed = e.hutch(&["ps", "-a", "--no-trunc", "--format", "{{.ID}}"]).stdout;
        for id in listed.lines().map(String::from) {
            if i % 2 == 0 {
                for (pid, what) in helpers_of(std::slice::from_ref(&id)) {
                    if what.contains("__supervise") {
                        // SAFETY: kills a process of this test's own user.
                        unsafe { libc::kill(pid, libc::SIGKILL) };
                    }
                }
            }
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        // Whatever state it was left in, the store answers and the next command heals it.
        e.hutch(&["ps", "-a"]).ok();
        e.hutch(&["rm", "-f", "-t", "0", "--all"]).ok();
    }
    assert!(ids.len() >= 3, "most runs got as far as a container: {ids:?}");
    assert!(wait_for(5, || helpers_of(&ids).is_empty()), "helpers left behind: {:?}", helpers_of(&ids));
    assert!(wait_for(5, || TcpListener::bind(("0.0.0.0", port)).is_ok()), "the port is free again");
    // And it can be published once more.
    e.hutch(&["run", "-d", "--name", "after", "-p", &map, "demo", "sh", "-c", &httpd(80)]).ok();
    assert_eq!(http_get_soon("127.0.0.1", port, "/index.html"), "hello\n");
}

/// Kills the supervisor of container `name`, which has `helpers` children (the container's
/// process among them), and checks that every one of them goes with it.
fn kill_supervisor_and_its(e: &Env, name: &str, helpers: usize) {
    let id = id_of(e, name);
    let rec: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(e.data().join("containers").join(&id).join("container.json")).unwrap()).unwrap();
    let sup = rec["supervisor"]["pid"].as_i64().unwrap() as i32;
    let children: Vec<i32> = std::fs::read_to_string(format!("/proc/{sup}/task/{sup}/children")).unwrap().split_whitespace().map(|p| p.parse().unwrap()).collect();
    assert_eq!(children.len(), helpers, "{children:?}");
    // SAFETY: kills the test's own child's child.
    unsafe { libc::kill(sup, libc::SIGKILL) };
    assert!(wait_for(5, || !children.iter().any(|&p| is_live(p))), "a helper outlived its supervisor: {children:?}");
}

/// The command name of the process holding the host's listening TCP socket on `port`, where
/// there is one such socket.
fn listener_holder(port: u16) -> Option<String> {
    let all = listener_holders(port);
    (all.len() == 1).then(|| all[0].clone())
}

/// The command names of the processes holding the host's listening TCP sockets on `port`,
/// sorted.
fn listener_holders(port: u16) -> Vec<String> {
    let inodes: Vec<String> = ["/proc/net/tcp", "/proc/net/tcp6"]
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f).unwrap_or_default().lines().skip(1).filter_map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                let local = u16::from_str_radix(f.get(1)?.rsplit_once(':')?.1, 16).ok()?;
                (local == port && f.get(3) == Some(&"0A")).then(|| f.get(9).map(|i| format!("socket:[{i}]"))).flatten()
            }).collect::<Vec<_>>()
        })
        .collect();
    let mut found = Vec::new();
    for target in &inodes {
        for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Ok(fds) = std::fs::read_dir(e.path().join("fd")) else { continue };
            if fds.flatten().any(|fd| std::fs::read_link(fd.path()).is_ok_and(|l| l.as_os_str() == target.as_str())) {
                if let Ok(c) = std::fs::read_to_string(e.path().join("comm")) {
                    found.push(c.trim().to_string());
                }
                break;
            }
        }
    }
    found.sort();
    found
}

/// An HTTP server on port 80 made and listening in a thread of its own: the host's python3,
/// with the host's /usr mounted on the container's.
const THREADED_SERVER: &str = r#"/bin/ln -s usr/lib /lib; /bin/ln -s usr/lib64 /lib64; exec /usr/bin/python3 -c '
import threading, http.server
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.end_headers(); self.wfile.write(b"threaded\n")
t = threading.Thread(target=lambda: http.server.HTTPServer(("0.0.0.0", 80), H).serve_forever())
t.start(); t.join()'"#;

#[test]
fn published_ports_are_handed_to_the_server_that_listens() {
    let e = Env::new("handover");
    e.demo();
    let web = free_port();
    let p = format!("{web}:80");
    // A server that comes back when killed, as a supervisor in the container would bring it.
    let serve = "mkdir -p /www && echo hello > /www/index.html && while :; do httpd -f -vv -p 80 -h /www; done";
    e.hutch(&["run", "-d", "--name", "web", "--network", "slirp4netns:allow_host_loopback=true", "-p", &p, "demo", "sh", "-c", serve]).ok();
    assert_eq!(http_get_soon("127.0.0.1", web, "/"), "hello\n");
    // The host's socket is the server's own: nothing in between.
    assert_eq!(listener_holder(web).as_deref(), Some("httpd"));
    assert_eq!(http_get("::1", web, "/").as_deref(), Some("hello\n"));
    // The server sees the client's own address.
    assert!(wait_for(5, || e.hutch(&["logs", "web"]).stderr.contains("[::ffff:127.0.0.1]:")), "{}", e.hutch(&["logs", "web"]).stderr);
    // The container's own clients reach it on its loopback and its address (the relay).
    for url in ["http://localhost:80/", "http://10.0.2.100:80/"] {
        assert_eq!(e.hutch(&["exec", "web", "wget", "-q", "-O-", url]).ok().stdout, "hello\n", "{url}");
    }
    // Killed, the server comes back, binds its port again (the relay makes way) and gets
    // the host's socket anew.
    e.hutch(&["exec", "web", "sh", "-c", "kill $(pidof httpd)"]).ok();
    assert!(wait_for(10, || listener_holder(web).as_deref() == Some("httpd") && http_get("127.0.0.1", web, "/").as_deref() == Some("hello\n")), "the restarted server was not handed the port");
    assert_eq!(e.hutch(&["exec", "web", "wget", "-q", "-O-", "http://localhost:80/"]).ok().stdout, "hello\n");
    // Stopped, the port is free at once; started, it is handed over again.
    e.hutch(&["stop", "-t", "0", "web"]).ok();
    assert!(TcpListener::bind(("0.0.0.0", web)).is_ok(), "the port stayed taken after stop");
    e.hutch(&["start", "web"]).ok();
    assert_eq!(http_get_soon("127.0.0.1", web, "/"), "hello\n");
    assert_eq!(listener_holder(web).as_deref(), Some("httpd"));
    // Its relay goes with the supervisor: the container, slirp4netns, the forwarder and the relay.
    kill_supervisor_and_its(&e, "web", 4);

    // A server that listens from a thread other than its first (as Go's do) is handed its port too.
    let port = free_port();
    let p = format!("{port}:80");
    e.hutch(&["run", "-d", "--name", "threaded", "--network", "slirp4netns:allow_host_loopback=true", "-p", &p, "-v", "/usr:/usr:ro", "demo", "sh", "-c", THREADED_SERVER]).ok();
    assert_eq!(http_get_soon("127.0.0.1", port, "/"), "threaded\n");
    assert_eq!(listener_holder(port).as_deref(), Some("python3"));
    e.hutch(&["rm", "-f", "-t", "0", "threaded"]).ok();

    // Without allow_host_loopback, a port is handed over only where the kernel takes the guard
    // (runtime/handover.rs), or on a socket bound to an interface when asked (the test below);
    // rootlesskit's handler never hands one over.
    let default = if hutch::runtime::handover::guard_available() { vec!["httpd"] } else { vec!["hutch"] };
    for (net, want) in [("slirp4netns", default), ("slirp4netns:port_handler=rootlesskit,allow_host_loopback=true", vec!["hutch"])] {
        let port = free_port();
        let p = format!("{port}:80");
        e.hutch(&["run", "-d", "--name", "w2", "--network", net, "-p", &p, "demo", "sh", "-c", &httpd(80)]).ok();
        assert_eq!(http_get_soon("127.0.0.1", port, "/"), "hello\n", "{net}");
        assert_eq!(listener_holders(port), want, "{net}");
        e.hutch(&["rm", "-f", "-t", "0", "w2"]).ok();
    }
}

/// A server on port 80 that takes one client, then turns that connection and its listening
/// socket around (disconnect, connect again) to the host's loopback, as a hostile container
/// would with a handed socket: `$0` is the server's family (4, or 6 for a dual-stack socket),
/// `$1` and `$2` the host's loopback ports to try on IPv4 and IPv6. The host's python3, /usr
/// mounted.
const TURN_AROUND: &str = r#"/bin/ln -s usr/lib /lib; /bin/ln -s usr/lib64 /lib64; exec /usr/bin/python3 -c '
import ctypes, socket, struct, sys
fam, v4, v6 = sys.argv[-3], int(sys.argv[-2]), int(sys.argv[-1])
if fam == "6":
    l = socket.socket(socket.AF_INET6); l.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0); at = ("::", 80)
    targets = [("::ffff:127.0.0.1", v4), ("::1", v6)]
else:
    l = socket.socket(); at = ("0.0.0.0", 80); targets = [("127.0.0.1", v4)]
l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); l.bind(at); l.listen(4); print("listening", flush=True)
c, peer = l.accept(); print("client", peer[0], flush=True)
libc = ctypes.CDLL(None, use_errno=True); unspec = struct.pack("H14x", 0)
for s, what in ((c, "connection"), (l, "listener")):
    for t in targets:
        libc.connect(s.fileno(), unspec, len(unspec)); s.settimeout(3)
        try:
            s.connect(t); print(what, "reached", t[0], flush=True)
        except OSError as e:
            print(what, "did not reach", t[0], flush=True)
print("done", flush=True)
' turn "$0" "$1" "$2""#;

#[test]
fn a_port_handed_on_the_hosts_interface_keeps_the_loopback_out_of_reach() {
    use hutch::runtime::hostif;
    let Some(iface) = hostif::default_route() else {
        skip("this host has no default route: no interface to bind a handed socket to");
        return;
    };
    let Some(host) = iface.v4 else {
        skip("the default route's interface has no IPv4 address");
        return;
    };
    let e = Env::new("handover-if");
    e.demo();
    // Bad names: refused at create, or, for an interface this host lacks, at the start, which
    // leaves nothing running.
    e.hutch(&["create", "--network", "slirp4netns:bind_interface=lo", "-p", "80", "demo"]).code(125).stderr_has("bind_interface=lo: a handed socket bound to the loopback could reach it");
    e.hutch(&["create", "--network", "slirp4netns:bind_interface=eth0,port_handler=rootlesskit", "-p", "80", "demo"]).code(125).stderr_has("it needs port_handler=hutch");
    let o = e.hutch(&["run", "-d", "--name", "nosuch", "--network", "slirp4netns:bind_interface=nosuch0", "-p", "80", "demo", "sleep", "100"]);
    o.code(125).stderr_has("bind_interface=nosuch0: no interface of that name is up with an address on this host (`ip -br addr` lists them)");
    assert_eq!(e.hutch(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"]).ok().stdout, "nosuch Created\n");
    let id = id_of(&e, "nosuch");
    assert!(slirp_pids(&id).is_empty() && helpers_of(&[id.clone()]).is_empty(), "a helper outlived the failed start");
    e.hutch(&["rm", "nosuch"]).ok();
    // Bound to the interface of the default route, even where the kernel takes the filter.
    let bound = |args: &[&str]| {
        let mut a: Vec<&str> = args.to_vec();
        a.splice(2..2, ["--network", "slirp4netns:bind_interface=default"]);
        e.hutch(&a)
    };
    let victim = TcpListener::bind("127.0.0.1:0").unwrap();
    victim.set_nonblocking(true).unwrap();
    let vport = victim.local_addr().unwrap().port().to_string();
    let Ok(victim6) = TcpListener::bind("[::1]:0") else {
        skip("this host has no IPv6 loopback to guard");
        return;
    };
    victim6.set_nonblocking(true).unwrap();
    let vport6 = victim6.local_addr().unwrap().port().to_string();
    let logs = |name: &str| e.hutch(&["logs", name]).stdout;

    // Turned around, a connection and the listening socket handed over cannot reach the
    // host's loopback, an IPv4 one nor a dual-stack one, by IPv4, mapped or IPv6 address...
    for (name, family) in [("t1", "4"), ("t3", "6")] {
        let port = free_port();
        let p = format!("{port}:80");
        bound(&["run", "-d", "--name", name, "-p", &p, "-v", "/usr:/usr:ro", "demo", "sh", "-c", TURN_AROUND, family, &vport, &vport6]).ok();
        assert!(wait_for(10, || logs(name).contains("listening")), "{}", logs(name));
        assert_eq!(listener_holders(port), ["hutch", "python3"], "the server holds a socket of the host's, the forwarder the port's other");
        let client = TcpStream::connect((host, port)).unwrap();
        assert!(wait_for(30, || logs(name).contains("done")), "{}", logs(name));
        let want = if family == "4" {
            format!("listening\nclient {host}\nconnection did not reach 127.0.0.1\nlistener did not reach 127.0.0.1\ndone\n")
        } else {
            format!("listening\nclient ::ffff:{host}\nconnection did not reach ::ffff:127.0.0.1\nconnection did not reach ::1\nlistener did not reach ::ffff:127.0.0.1\nlistener did not reach ::1\ndone\n")
        };
        assert_eq!(logs(name), want);
        assert!(victim.accept().is_err() && victim6.accept().is_err(), "the host's loopback was reached");
        drop(client);
    }
    // ...where, unguarded (allow_host_loopback), it would: what the guard is for.
    let port = free_port();
    let p = format!("{port}:80");
    e.hutch(&["run", "-d", "--name", "t2", "--network", "slirp4netns:allow_host_loopback=true", "-p", &p, "-v", "/usr:/usr:ro", "demo", "sh", "-c", TURN_AROUND, "4", &vport, &vport6]).ok();
    assert!(wait_for(10, || logs("t2").contains("listening")), "{}", logs("t2"));
    let client = TcpStream::connect(("127.0.0.1", port)).unwrap();
    assert!(wait_for(30, || logs("t2").contains("done")), "{}", logs("t2"));
    assert!(logs("t2").starts_with("listening\nclient 127.0.0.1\nconnection reached 127.0.0.1\n"), "{}", logs("t2"));
    victim.set_nonblocking(false).unwrap();
    assert!(victim.accept().is_ok());
    drop(client);
    e.hutch(&["rm", "-f", "-t", "0", "t1", "t2", "t3"]).ok();

    // Published on the interface's own address, the handed socket is bound there alone.
    let port = free_port();
    let p = format!("{host}:{port}:80");
    bound(&["run", "-d", "--name", "own", "-p", &p, "demo", "sh", "-c", &httpd(80)]).ok();
    assert_eq!(http_get_soon(&host.to_string(), port, "/"), "hello\n");
    assert_eq!(listener_holders(port), ["httpd"]);
    assert!(e.hutch(&["logs", "own"]).stderr.contains(&format!("[::ffff:{host}]:")));
    e.hutch(&["rm", "-f", "-t", "0", "own"]).ok();

    // Clients on the interface reach the server directly and as themselves; those on the
    // loopback through the forwarder's socket, as the host's address there.
    let web = free_port();
    let p = format!("{web}:80");
    let serve = "mkdir -p /www && echo hello > /www/index.html && while :; do httpd -f -vv -p 80 -h /www; done";
    bound(&["run", "-d", "--name", "web", "-p", &p, "demo", "sh", "-c", serve]).ok();
    assert_eq!(http_get_soon(&host.to_string(), web, "/"), "hello\n");
    assert_eq!(listener_holders(web), ["httpd", "hutch"]);
    assert_eq!(http_get("127.0.0.1", web, "/").as_deref(), Some("hello\n"));
    if TcpListener::bind("[::1]:0").is_ok() {
        assert_eq!(http_get("::1", web, "/").as_deref(), Some("hello\n"));
    }
    let seen: Vec<String> = e.hutch(&["logs", "web"]).stderr.lines().filter(|l| l.ends_with(": url:/")).map(|l| l.rsplit_once("]:").unwrap().0.to_string()).collect();
    assert!(!seen.is_empty() && seen.iter().all(|s| *s == format!("[::ffff:{host}")), "{seen:?}");
    // The container's own clients (the relay).
    for url in ["http://localhost:80/", "http://10.0.2.100:80/"] {
        assert_eq!(e.hutch(&["exec", "web", "wget", "-q", "-O-", url]).ok().stdout, "hello\n", "{url}");
    }
    // Killed, the server comes back and is handed the port again; meanwhile a client on the
    // loopback is closed, not kept waiting.
    e.hutch(&["exec", "web", "sh", "-c", "kill $(pidof httpd)"]).ok();
    assert!(wait_for(10, || listener_holders(web) == ["httpd", "hutch"] && http_get(&host.to_string(), web, "/").as_deref() == Some("hello\n")), "the restarted server was not handed the port");
    assert_eq!(http_get("127.0.0.1", web, "/").as_deref(), Some("hello\n"));
    // Stopped, the port is free at once.
    e.hutch(&["stop", "-t", "0", "web"]).ok();
    assert!(TcpListener::bind(("0.0.0.0", web)).is_ok(), "the port stayed taken after stop");
    e.hutch(&["start", "web"]).ok();
    assert_eq!(http_get_soon(&host.to_string(), web, "/"), "hello\n");
    // Every helper goes with the supervisor: the container, slirp4netns, the forwarder, the
    // relay and the loopback's server.
    kill_supervisor_and_its(&e, "web", 5);
    assert!(wait_for(5, || TcpListener::bind(("0.0.0.0", web)).is_ok()), "the port stayed taken");
}
