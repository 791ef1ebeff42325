//! The client's address. Directly connected, it is the peer's; behind a reverse proxy
//! the peer is the proxy, and the client is read from `Forwarded` / `X-Forwarded-For`,
//! but only when the peer is a proxy this site trusts (`FAGBRO_TRUSTED_PROXIES`):
//! anyone else could write any address there.
use std::net::IpAddr;

/// The client of a request that came from `peer`. Behind trusted proxies the forwarding
/// headers are read from the right (the hop nearest this server) and the first address
/// that is not itself a trusted proxy is the client.
pub fn client_address(peer: IpAddr, forwarded: Option<&str>, x_forwarded_for: Option<&str>, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops: Vec<IpAddr> = match (forwarded, x_forwarded_for) {
        (Some(forwarded), _) => forwarded_for(forwarded),
        (None, Some(list)) => list.split(',').filter_map(|hop| parse_address(hop.trim())).collect(),
        (None, None) => Vec::new(),
    };
    hops.into_iter().rev().find(|hop| !trusted.contains(hop)).unwrap_or(peer)
}

/// The client of `req`, as `client_address` reads it with this site's trusted proxies;
/// `None` when the connection has no peer address (a test request).
pub fn client_of(req: &actix_web::HttpRequest, config: &crate::config::Config) -> Option<IpAddr> {
    let peer = req.peer_addr()?;
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    Some(client_address(peer.ip(), header("forwarded"), header("x-forwarded-for"), &config.trusted_proxies))
}

/// The `for=` addresses of a `Forwarded` header (RFC 7239), in order.
fn forwarded_for(header: &str) -> Vec<IpAddr> {
    header
        .split(',')
        .flat_map(|element| element.split(';'))
        .filter_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            name.trim().eq_ignore_ascii_case("for").then(|| parse_address(value.trim().trim_matches('"')))?
        })
        .collect()
}

/// `192.0.2.1`, `192.0.2.1:4711`, `[2001:db8::1]`, `[2001:db8::1]:4711` or `2001:db8::1`.
fn parse_address(text: &str) -> Option<IpAddr> {
    if let Ok(address) = text.parse() {
        return Some(address);
    }
    if let Some(bracketed) = text.strip_prefix('[') {
        return bracketed.split(']').next()?.parse().ok();
    }
    text.rsplit_once(':').and_then(|(host, _port)| host.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn forwarding_headers_count_only_from_a_trusted_proxy() {
        let proxy = [ip("10.0.0.2")];
        // A client that writes the header itself is not believed.
        assert_eq!(client_address(ip("203.0.113.9"), None, Some("198.51.100.1"), &proxy), ip("203.0.113.9"));
        // Behind the proxy: the address the proxy added, not what the client wrote before it.
        assert_eq!(client_address(ip("10.0.0.2"), None, Some("198.51.100.1, 203.0.113.9"), &proxy), ip("203.0.113.9"));
        assert_eq!(client_address(ip("10.0.0.2"), Some("for=198.51.100.1;proto=https, for=\"[2001:db8::7]:4711\""), None, &proxy), ip("2001:db8::7"));
        // Two trusted hops in a row are both skipped; nothing forwarded leaves the peer.
        let two = [ip("10.0.0.2"), ip("10.0.0.3")];
        assert_eq!(client_address(ip("10.0.0.2"), None, Some("203.0.113.9, 10.0.0.3"), &two), ip("203.0.113.9"));
        assert_eq!(client_address(ip("10.0.0.2"), None, None, &proxy), ip("10.0.0.2"));
        assert_eq!(client_address(ip("10.0.0.2"), None, Some("junk"), &proxy), ip("10.0.0.2"));
    }
}
