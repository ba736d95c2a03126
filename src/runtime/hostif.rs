//! The host's network interfaces, as far as a handed socket bound to one needs them
//! (runtime/handover.rs): which interface the default route leaves by, which one holds an
//! address, and the addresses through which the host's own processes reach a socket bound
//! to it.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// A network interface of the host other than its loopback, up, with its global addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interface {
    pub index: u32,
    pub v4: Option<Ipv4Addr>,
    pub v6: Option<Ipv6Addr>,
}

impl Interface {
    /// The address a connection from this host reaches a socket bound to this interface at
    /// `host_ip` (None: all addresses) through: the socket's own address, or the
    /// interface's, IPv4 first where the socket takes IPv4 (`v4`) and IPv6 where it takes
    /// IPv6 (`v6`).
    pub fn reach(&self, host_ip: Option<IpAddr>, v4: bool, v6: bool) -> Option<IpAddr> {
        if let Some(ip) = host_ip {
            return Some(ip);
        }
        self.v4.filter(|_| v4).map(IpAddr::V4).or(self.v6.filter(|_| v6).map(IpAddr::V6))
    }
}

/// The interface of the host's default route (IPv4's, else IPv6's).
pub fn default_route() -> Option<Interface> {
    let v4 = std::fs::read_to_string("/proc/net/route").ok().and_then(|t| default_v4(&t));
    let name = v4.or_else(|| std::fs::read_to_string("/proc/net/ipv6_route").ok().and_then(|t| default_v6(&t)))?;
    named(&name)
}

/// The interface `bind_interface` names: `default` for the default route's.
pub fn chosen(name: &str) -> Option<Interface> {
    if name == "default" {
        default_route()
    } else {
        named(name)
    }
}

/// The interface of `index`, as it is now.
pub fn by_index(index: u32) -> Option<Interface> {
    let mut buf = [0 as libc::c_char; libc::IF_NAMESIZE];
    // SAFETY: a buffer of IF_NAMESIZE, as if_indextoname wants.
    let p = unsafe { libc::if_indextoname(index, buf.as_mut_ptr()) };
    if p.is_null() {
        return None;
    }
    // SAFETY: if_indextoname wrote a NUL-terminated name into buf.
    let name = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) };
    named(&name.to_string_lossy())
}

/// The interface that holds `ip`, unless it is the loopback.
pub fn holding(ip: IpAddr) -> Option<Interface> {
    let addrs = nix::ifaddrs::getifaddrs().ok()?;
    let name = addrs.into_iter().find(|a| address_of(a) == Some(ip)).map(|a| a.interface_name)?;
    named(&name)
}

/// The interface `name` with its first global addresses; None for a loopback or one down.
fn named(name: &str) -> Option<Interface> {
    use nix::net::if_::InterfaceFlags as F;
    let mut found: Option<Interface> = None;
    for a in nix::ifaddrs::getifaddrs().ok()?.filter(|a| a.interface_name == name) {
        if a.flags.contains(F::IFF_LOOPBACK) || !a.flags.contains(F::IFF_UP) {
            return None;
        }
        let i = found.get_or_insert_with(|| Interface { index: nix::net::if_::if_nametoindex(name).unwrap_or(0), v4: None, v6: None });
        match address_of(&a) {
            Some(IpAddr::V4(v)) if i.v4.is_none() && !v.is_link_local() && !v.is_loopback() => i.v4 = Some(v),
            Some(IpAddr::V6(v)) if i.v6.is_none() && !v.is_unicast_link_local() && !v.is_loopback() => i.v6 = Some(v),
            _ => {}
        }
    }
    found.filter(|i| i.index != 0 && (i.v4.is_some() || i.v6.is_some()))
}

fn address_of(a: &nix::ifaddrs::InterfaceAddress) -> Option<IpAddr> {
    let s = a.address.as_ref()?;
    if let Some(v4) = s.as_sockaddr_in() {
        return Some(IpAddr::V4(v4.ip()));
    }
    s.as_sockaddr_in6().map(|v6| IpAddr::V6(v6.ip()))
}

/// RTF_UP: a route in use.
const RTF_UP: u32 = 1;

/// The interface of the default route in /proc/net/route (destination and mask 0, up), the
/// one of lowest metric where there are several.
fn default_v4(table: &str) -> Option<String> {
    table
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let flags = u32::from_str_radix(f.get(3)?, 16).ok()?;
            let metric: u32 = f.get(6)?.parse().ok()?;
            (f[1] == "00000000" && f.get(7) == Some(&"00000000") && flags & RTF_UP != 0 && f[0] != "lo").then(|| (metric, f[0].to_string()))
        })
        .min_by_key(|(metric, _)| *metric)
        .map(|(_, name)| name)
}

/// The interface of the default route in /proc/net/ipv6_route (::/0, up, not the loopback's
/// unreachable one), the one of lowest metric where there are several.
fn default_v6(table: &str) -> Option<String> {
    let zero = "0".repeat(32);
    table
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let metric = u32::from_str_radix(f.get(5)?, 16).ok()?;
            let flags = u32::from_str_radix(f.get(8)?, 16).ok()?;
            (f.len() == 10 && f[0] == zero && f[1] == "00" && flags & RTF_UP != 0 && f[9] != "lo").then(|| (metric, f[9].to_string()))
        })
        .min_by_key(|(metric, _)| *metric)
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_routes_are_read_from_procfs() {
        let v4 = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n\
                  eth0\t0002000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n\
                  eth1\t00000000\t010200C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n\
                  tun0\t00000000\t00000000\t0000\t0\t0\t0\t00000000\t0\t0\t0\n\
                  wlan0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n";
        // The lowest metric among those up.
        assert_eq!(default_v4(v4).as_deref(), Some("wlan0"));
        assert_eq!(default_v4("Iface\tDestination\n"), None);
        let v6 = "fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0\n\
                  00000000000000000000000000000000 00 00000000000000000000000000000000 00 fd000000000000000000000000000001 00000400 00000001 00000000 00000003     eth0\n\
                  00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo\n";
        assert_eq!(default_v6(v6).as_deref(), Some("eth0"));
    }

    #[test]
    fn a_socket_is_reached_at_its_own_address_or_the_interfaces() {
        let i = Interface { index: 2, v4: Some(Ipv4Addr::new(192, 0, 2, 2)), v6: Some("fd00::2".parse().unwrap()) };
        assert_eq!(i.reach(None, true, true), Some("192.0.2.2".parse().unwrap()));
        assert_eq!(i.reach(None, false, true), Some("fd00::2".parse().unwrap()));
        assert_eq!(i.reach(Some("192.0.2.9".parse().unwrap()), true, false), Some("192.0.2.9".parse().unwrap()));
        let v6_only = Interface { v4: None, ..i };
        assert_eq!(v6_only.reach(None, true, false), None);
    }

    #[test]
    fn the_loopback_is_no_interface_to_bind() {
        assert_eq!(holding(IpAddr::V4(Ipv4Addr::LOCALHOST)), None);
    }
}
