//! Extractors whose rejections are contract error bodies, not axum's plain-text ones.

use std::collections::HashMap;

use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::Json;
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::listing::ListQuery;

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

/// The client's IP address, from the connection (the reverse-proxy case comes with the
/// multi-instance work). Requests built without a connection, in tests, count as 0.0.0.0.
pub struct ClientIp(pub std::net::IpAddr);

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

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map_or(std::net::IpAddr::from([0, 0, 0, 0]), |c| c.0.ip()),
        ))
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
    use super::ClientIp;

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
