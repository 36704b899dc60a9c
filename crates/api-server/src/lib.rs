//! The reference server for the organizations API contract: axum on tokio, SQLite or
//! PostgreSQL through sqlx, invitation emails through lettre, and the built console served from `dist/`.

pub mod auth;
pub mod config;
pub mod db;
pub mod error;
pub mod extract;
pub mod invitation_locks;
pub mod limits;
pub mod listing;
pub mod mail;
pub mod routes;
pub mod rows;
pub mod static_files;
pub mod store;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use tokio::net::TcpListener;

pub use config::Config;
/// Demo data, for `--demo`, the `seed` commands and the tests.
pub use store::demo;

/// Everything a handler needs, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database, a method per question or change (see `store/`).
    pub store: store::Store,
    pub mailer: Arc<mail::Mailer>,
    pub mail_from: String,
    /// The console's URL, for links in emails, without a trailing slash.
    pub public_url: String,
    pub limits: Arc<limits::Limits>,
    pub invitation_locks: Arc<invitation_locks::InvitationLocks>,
    /// Peers whose `X-Forwarded-For` is believed (see [`extract::ClientIp`]).
    pub trusted_proxies: Arc<[std::net::IpAddr]>,
}

/// The whole HTTP application: the API under `/metal/v1`, the console everywhere else.
/// Every answer says `nosniff` and `no-referrer` (invitation links carry a nonce); request
/// bodies stop at 64 KiB.
pub fn app(state: AppState, dist: &std::path::Path) -> Router {
    use axum::http::{header, HeaderValue};
    use tower_http::set_header::SetResponseHeaderLayer;
    Router::new()
        .nest(
            rows::API,
            routes::api().layer(axum::extract::DefaultBodyLimit::max(
                org_contract::validation::MAX_BODY_BYTES,
            )),
        )
        .fallback_service(static_files::console(dist))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(axum::middleware::from_fn(log_request))
        .with_state(state)
}

/// One line per request. Only the path is logged: query strings can carry invitation
/// nonces, and tokens travel in headers, which are never logged.
async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    tracing::info!(
        "{method} {path} {} {:.1}ms",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}

/// A server bound to its port, ready to run.
pub struct Server {
    pub listener: TcpListener,
    pub router: Router,
    pub address: SocketAddr,
    pub state: AppState,
}

impl Server {
    /// Opens the database, prepares the mailer and binds the listen address.
    pub async fn bind(config: &Config) -> Result<Server, String> {
        let db = db::Pool::open(&config.database)
            .await
            .map_err(|e| format!("opening database {}: {e}", config.database))?;
        let mailer = mail::Mailer::new(config.smtp_url.as_deref(), config.outbox.clone())?;
        let listener = TcpListener::bind(config.listen)
            .await
            .map_err(|e| format!("listening on {}: {e}", config.listen))?;
        let address = listener.local_addr().map_err(|e| e.to_string())?;
        let windows = db.postgres().map(store::limit_windows::LimitWindows::new);
        let limits = limits::Limits::new(&config.limits, windows);
        let state = AppState {
            store: store::Store::new(db),
            mailer: Arc::new(mailer),
            mail_from: config.mail_from.clone(),
            public_url: config.public_url_for(address),
            limits: Arc::new(limits),
            invitation_locks: Arc::default(),
            trusted_proxies: config.trusted_proxies.clone().into(),
        };
        if !config.dist.join("index.html").exists() {
            tracing::warn!(
                "no console at {}: the API works, but / has nothing to serve (run `trunk build`)",
                config.dist.display()
            );
        }
        let router = app(state.clone(), &config.dist);
        Ok(Server {
            listener,
            router,
            address,
            state,
        })
    }

    /// Serves until `shutdown` resolves.
    pub async fn run(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        // With the peer address, for the per-IP limits.
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown)
            .await
    }
}
