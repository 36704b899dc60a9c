//! What outlives a request: data across a restart, and the console's files.

mod common;

use common::TestServer;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn data_is_still_there_after_a_restart_on_the_same_file() {
    let s = TestServer::start().await;
    let t = s.sign_in("sloth@example.com").await;
    let org = s
        .post(&t, "/organizations", json!({"name": "Survivor"}))
        .await
        .expect(201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let s = s.restart().await;
    // The token, the organization and the demo data all survive.
    assert_eq!(
        s.get(&t, &format!("/organizations/{org}"))
            .await
            .expect(200)["name"],
        "Survivor"
    );
    let fresh = s.sign_in("ada@example.com").await;
    assert_eq!(
        s.get(&fresh, "/organizations?personal=exclude")
            .await
            .expect(200)["meta"]["total"],
        2
    );
    // Write-ahead logging is SQLite's; PostgreSQL has its own.
    if let org_api_server::db::Pool::Sqlite(db) = &s.db {
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(db)
            .await
            .unwrap();
        assert_eq!(mode, "wal");
    }
}

fn write_dist(s: &TestServer) {
    let dist = &s.config.dist;
    std::fs::create_dir_all(dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>org-console</title>",
    )
    .unwrap();
    std::fs::write(dist.join("org-console-abc123_bg.wasm"), vec![0u8; 4096]).unwrap();
    std::fs::write(
        dist.join("org-console-abc123.js"),
        "export function x() {}\n".repeat(200),
    )
    .unwrap();
}

#[tokio::test]
async fn the_console_is_served_with_deep_links_and_cache_headers() {
    let s = TestServer::empty().await;
    write_dist(&s);
    let get = |path: &'static str| s.client.get(format!("{}{path}", s.base)).send();
    let index = get("/").await.unwrap();
    assert_eq!(index.status(), 200);
    assert_eq!(index.headers()["cache-control"], "no-cache");
    // A deep link into the app gets index.html, for the client-side router.
    let deep = get("/orgs/123/members").await.unwrap();
    assert_eq!(deep.status(), 200);
    assert!(deep
        .text()
        .await
        .unwrap()
        .contains("<title>org-console</title>"));
    let wasm = get("/org-console-abc123_bg.wasm").await.unwrap();
    assert_eq!(
        wasm.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    // API paths never fall back to the console.
    let api = s
        .call(Method::GET, None, "/metal/v1/no-such-thing", None)
        .await;
    assert_eq!(
        (api.status, api.body.clone()),
        (404, json!({"errors": ["Not found"]}))
    );
}

#[tokio::test]
async fn the_console_is_compressed_when_the_browser_accepts_it() {
    let s = TestServer::empty().await;
    write_dist(&s);
    for encoding in ["br", "gzip"] {
        let reply = s
            .client
            .get(format!("{}/org-console-abc123.js", s.base))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(reply.headers()["content-encoding"], encoding);
        let bytes = reply.bytes().await.unwrap();
        assert!(bytes.len() < 4600 / 4, "{encoding}: {} bytes", bytes.len());
    }
}

#[tokio::test]
async fn the_build_s_compressed_copies_are_served_as_they_are() {
    let s = TestServer::empty().await;
    write_dist(&s);
    // Not what compressing the file here would give: the copy itself must come back.
    let copies = [
        ("br", b"brotli copy".to_vec()),
        ("gzip", b"gzip copy".to_vec()),
    ];
    for (encoding, bytes) in &copies {
        let ext = if *encoding == "br" { "br" } else { "gz" };
        let path = s
            .config
            .dist
            .join(format!("org-console-abc123_bg.wasm.{ext}"));
        std::fs::write(path, bytes).unwrap();
    }
    for (encoding, bytes) in &copies {
        let reply = s
            .client
            .get(format!("{}/org-console-abc123_bg.wasm", s.base))
            .header("accept-encoding", *encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status(), 200);
        assert_eq!(reply.headers()["content-encoding"], *encoding);
        assert_eq!(reply.headers()["content-type"], "application/wasm");
        assert_eq!(reply.headers()["vary"], "accept-encoding");
        assert_eq!(reply.bytes().await.unwrap().as_ref(), bytes.as_slice());
    }
    // A browser that accepts neither gets the file itself.
    let plain = s
        .client
        .get(format!("{}/org-console-abc123_bg.wasm", s.base))
        .header("accept-encoding", "identity")
        .send()
        .await
        .unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.bytes().await.unwrap().len(), 4096);
}

/// Security rules, headers: `nosniff` and `no-referrer` on every answer (API success, API
/// error, console page, static file); on the console's pages a policy that allows this
/// origin, wasm, and exactly trunk's inline loader by its hash.
#[tokio::test]
async fn every_answer_carries_the_security_headers_and_pages_the_policy() {
    let loader = "import init, * as bindings from '/org-console-abc123.js';\nconst wasm = await init({ module_or_path: '/org-console-abc123_bg.wasm' });\n";
    let s = TestServer::start_with(|c| {
        std::fs::create_dir_all(&c.dist).unwrap();
        std::fs::write(
            c.dist.join("index.html"),
            format!("<!doctype html><title>org-console</title><script type=\"module\">{loader}</script>"),
        )
        .unwrap();
        std::fs::write(c.dist.join("org-console-abc123.js"), "export {}").unwrap();
    })
    .await;
    let token = s.sign_in("ada@example.com").await;
    let user = s.get(&token, "/user").await;
    let missing = s.call(Method::GET, None, "/metal/v1/nothing", None).await;
    let unauthorized = s.call(Method::GET, None, "/metal/v1/user", None).await;
    for reply in [&user, &missing, &unauthorized] {
        assert_eq!(reply.headers["x-content-type-options"], "nosniff");
        assert_eq!(reply.headers["referrer-policy"], "no-referrer");
        assert!(reply.headers.get("content-security-policy").is_none());
    }
    let get = |path: &'static str| s.client.get(format!("{}{path}", s.base)).send();
    for path in ["/", "/invitations/abc?nonce=x", "/orgs/1/members"] {
        let page = get(path).await.unwrap();
        let h = page.headers();
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "no-referrer");
        let csp = h["content-security-policy"].to_str().unwrap();
        use base64::Engine;
        use sha2::Digest;
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(loader));
        assert!(csp.starts_with("default-src 'self'"), "{csp}");
        assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
        assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
    }
    let js = get("/org-console-abc123.js").await.unwrap();
    assert_eq!(js.headers()["x-content-type-options"], "nosniff");
    assert!(js.headers().get("content-security-policy").is_none());
}
