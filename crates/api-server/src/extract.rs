//! Extractors whose rejections are contract error bodies, not axum's plain-text ones.

use std::collections::HashMap;

use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::Json;
use serde::de::DeserializeOwned;

use std::net::IpAddr;

use crate::error::ApiError;
use crate::listing::ListQuery;
use crate::AppState;

/// A JSON request body; a malformed one is a 422 that says what is wrong.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        Json::<T>::from_request(request, state)
            .await
            .map(|Json(body)| JsonBody(body))
            .map_err(|rejection| {
                if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::PayloadTooLarge(org_contract::validation::MAX_BODY_BYTES)
                } else {
                    ApiError::invalid(rejection.body_text())
                }
            })
    }
}

/// The client's IP address: the connection's peer, or, when the peer is a trusted reverse
/// proxy, the address `X-Forwarded-For` names (see [`client_ip`]). Requests built without a
/// connection, in tests, count as 0.0.0.0.
pub struct ClientIp(pub std::net::IpAddr);

/// Who the client is, given the peer and the `X-Forwarded-For` values it sent. Each proxy
/// appends the address it received from, so the list is read from the right: the first
/// address that is not one of the trusted proxies is the client. Everything left of it
/// could have been written by the client itself. An untrusted peer is the client, whatever
/// it claims; an unreadable entry stops the walk at the last trusted hop.
///
/// Addresses are compared canonically: a dual-stack listener sees an IPv4 proxy as
/// `::ffff:10.0.0.2`, which is the `10.0.0.2` the operator named.
pub fn client_ip(peer: IpAddr, forwarded: &[&str], trusted: &[IpAddr]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| {
        trusted
            .iter()
            .any(|t| t.to_canonical() == ip.to_canonical())
    };
    let mut client = peer;
    if !is_trusted(&client) {
        return client;
    }
    let hops = forwarded.iter().flat_map(|v| v.split(',')).map(str::trim);
    for hop in hops.rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !is_trusted(&ip) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    client
}

impl ClientIp {
    /// The key the per-IP limits count under: the address for IPv4, its /64 for IPv6 (one
    /// subscriber usually holds a whole /64, so single addresses would be free to vary).
    pub fn key(&self) -> String {
        match self.0 {
            std::net::IpAddr::V4(v4) => v4.to_string(),
            std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => v4.to_string(),
                None => {
                    let s = v6.segments();
                    format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
                }
            },
        }
    }
}

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map_or(IpAddr::from([0, 0, 0, 0]), |c| c.0.ip());
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        Ok(ClientIp(client_ip(
            peer,
            &forwarded,
            &state.trusted_proxies,
        )))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ListQuery {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Query(raw) = Query::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|rejection| ApiError::invalid(rejection.body_text()))?;
        ListQuery::from_map(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::{client_ip, ClientIp};
    use std::net::IpAddr;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let proxy = [ip("10.0.0.2")];
        // From the proxy: the address it appended.
        assert_eq!(
            client_ip(ip("10.0.0.2"), &["203.0.113.7"], &proxy),
            ip("203.0.113.7")
        );
        // Straight from a client: its claim is ignored.
        assert_eq!(
            client_ip(ip("198.51.100.1"), &["203.0.113.7"], &proxy),
            ip("198.51.100.1")
        );
        // Nothing trusted (the default): never read.
        assert_eq!(
            client_ip(ip("10.0.0.2"), &["203.0.113.7"], &[]),
            ip("10.0.0.2")
        );
    }

    #[test]
    fn the_client_is_the_rightmost_address_no_trusted_proxy_wrote() {
        let proxies = [ip("10.0.0.2"), ip("10.0.0.3")];
        // The client wrote "1.2.3.4" itself; the proxy appended the address it saw.
        assert_eq!(
            client_ip(ip("10.0.0.2"), &["1.2.3.4, 203.0.113.7"], &proxies),
            ip("203.0.113.7")
        );
        // Two proxies in a row, and values over two header lines.
        assert_eq!(
            client_ip(
                ip("10.0.0.2"),
                &["1.2.3.4, 203.0.113.7", "10.0.0.3"],
                &proxies
            ),
            ip("203.0.113.7")
        );
        // Garbage stops the walk at the last hop a proxy vouched for.
        assert_eq!(
            client_ip(ip("10.0.0.2"), &["203.0.113.7, junk"], &proxies),
            ip("10.0.0.2")
        );
        // A dual-stack listener sees the IPv4 proxy as IPv4-mapped IPv6.
        assert_eq!(
            client_ip(ip("::ffff:10.0.0.2"), &["203.0.113.7"], &proxies),
            ip("203.0.113.7")
        );
        // No header: the proxy itself.
        assert_eq!(client_ip(ip("10.0.0.2"), &[], &proxies), ip("10.0.0.2"));
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        let a = ClientIp("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = ClientIp("2001:db8:1:2:bbbb::9".parse().unwrap());
        let c = ClientIp("2001:db8:1:3::1".parse().unwrap());
        assert_eq!(a.key(), b.key());
        assert_ne!(a.key(), c.key());
        assert_eq!(
            ClientIp("::ffff:10.0.0.1".parse().unwrap()).key(),
            "10.0.0.1"
        );
        assert_eq!(ClientIp("127.0.0.1".parse().unwrap()).key(), "127.0.0.1");
    }
}
