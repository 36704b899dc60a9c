//! Serves the built console. Unknown paths get `index.html` so deep links such as
//! `/orgs/<id>/members` load the app, which then routes on the client.

use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::http::{header, HeaderValue, Request, Response};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower::{Service, ServiceBuilder};
use tower_http::compression::{Compression, CompressionLayer};
use tower_http::services::{ServeDir, ServeFile};

pub fn console(dist: &Path) -> CacheHeaders<Compression<ServeDir<ServeFile>>> {
    // The release build writes each file's brotli (quality 11) and gzip (-9) copies beside
    // it: served as they are, so the 1 MB wasm costs no compression per request and arrives
    // as small as it can. Files without copies (index.html, config.json) are compressed here.
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(ServeFile::new(dist.join("index.html")));
    let service = ServiceBuilder::new()
        .layer(CompressionLayer::new().br(true).gzip(true))
        .service(files);
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
    let csp = HeaderValue::from_str(&content_security_policy(&index))
        .expect("the policy is ASCII without control characters");
    CacheHeaders {
        inner: service,
        csp,
    }
}

/// The console's Content-Security-Policy: only this origin, wasm compilation, and exactly
/// the inline scripts of `index.html` (the early requests, the boot-failure message, the
/// wasm loader) by their SHA-256, never `'unsafe-inline'`. Computed when the server loads
/// `dist/`.
pub fn content_security_policy(index_html: &str) -> String {
    let hashes: String = inline_scripts(index_html)
        .map(|body| {
            format!(
                " 'sha256-{}'",
                STANDARD.encode(Sha256::digest(body.as_bytes()))
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// The bodies of `<script>` elements without a `src`, exactly as the browser hashes them.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("<script").filter_map(move |(at, _)| {
        let open_end = at + html[at..].find('>')?;
        let tag = &html[at..open_end];
        let body_end = open_end + 1 + html[open_end + 1..].find("</script>")?;
        (!tag.contains(" src=")).then(|| &html[open_end + 1..body_end])
    })
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

/// Adds `Cache-Control` according to the requested path, and the policy to HTML pages.
#[derive(Clone)]
pub struct CacheHeaders<S> {
    inner: S,
    csp: HeaderValue,
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
        let csp = self.csp.clone();
        Box::pin(async move {
            let mut response = future.await?;
            let value = cache_control(&path, response.status().is_success());
            let headers = response.headers_mut();
            headers.insert(header::CACHE_CONTROL, value);
            // The same URL comes as brotli, gzip or plain: a cache must keep them apart
            // (the copies the build wrote carry no Vary of their own).
            if !headers.contains_key(header::VARY) {
                headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
            }
            let html = headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|t| t.starts_with("text/html"));
            if html {
                headers.insert(header::CONTENT_SECURITY_POLICY, csp);
            }
            Ok(response)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_exactly_the_inline_scripts() {
        let html =
            "<html><head><script type=\"module\">import init from '/a.js';\nawait init();</script>\
                    <script src=\"/b.js\"></script></head></html>";
        let policy = content_security_policy(html);
        let expected = STANDARD.encode(Sha256::digest(
            "import init from '/a.js';\nawait init();".as_bytes(),
        ));
        assert!(policy.contains(&format!("'sha256-{expected}'")), "{policy}");
        assert_eq!(policy.matches("'sha256-").count(), 1);
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(policy.starts_with("default-src 'self'"));
    }
}
