//! Serves the built console. Unknown paths get `index.html` so deep links such as
//! `/orgs/<id>/members` load the app, which then routes on the client.

use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::http::{header, HeaderValue, Request, Response};
use tower::{Service, ServiceBuilder};
use tower_http::compression::{Compression, CompressionLayer};
use tower_http::services::{ServeDir, ServeFile};

pub fn console(dist: &Path) -> CacheHeaders<Compression<ServeDir<ServeFile>>> {
    let files = ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html")));
    let service = ServiceBuilder::new()
        .layer(CompressionLayer::new().br(true).gzip(true))
        .service(files);
    CacheHeaders { inner: service }
}

/// trunk puts a content hash in the names of .wasm, .js and .css files, so they can be
/// cached for a year; everything else (index.html above all) must be revalidated.
fn cache_control(path: &str, success: bool) -> HeaderValue {
    let hashed = [".wasm", ".js", ".css"]
        .iter()
        .any(|ext| path.ends_with(ext));
    HeaderValue::from_static(if hashed && success {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    })
}

/// Adds `Cache-Control` according to the requested path.
#[derive(Clone)]
pub struct CacheHeaders<S> {
    inner: S,
}

impl<S, B, ResBody> Service<Request<B>> for CacheHeaders<S>
where
    S: Service<Request<B>, Response = Response<ResBody>>,
    S::Future: Send + 'static,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let path = request.uri().path().to_owned();
        let future = self.inner.call(request);
        Box::pin(async move {
            let mut response = future.await?;
            let value = cache_control(&path, response.status().is_success());
            response.headers_mut().insert(header::CACHE_CONTROL, value);
            Ok(response)
        })
    }
}
