//! A real server on an ephemeral port with its own database and outbox, driven over HTTP.
//! The database is a SQLite file in the server's folder or, when `ORG_TEST_POSTGRES` names
//! a PostgreSQL server (`postgres://user@host:port/postgres`), a new database of its own
//! there: `scripts/test` runs every test on both.
#![allow(dead_code)]

use org_api_server::{demo, Config, Server};
use reqwest::Method;
use serde_json::Value;
use tempfile::TempDir;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub struct TestServer {
    pub base: String,
    pub client: reqwest::Client,
    pub db: org_api_server::db::Pool,
    pub dir: TempDir,
    pub config: Config,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

/// A new, empty database on the PostgreSQL server `ORG_TEST_POSTGRES` names, if it names one.
pub async fn new_postgres_database() -> Option<String> {
    use sqlx::Connection;
    let base = std::env::var("ORG_TEST_POSTGRES")
        .ok()
        .filter(|u| !u.is_empty())?;
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(&base)
        .await
        .expect("connecting to ORG_TEST_POSTGRES");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("creating a test database");
    let (server, _) = base.rsplit_once('/').expect("a URL with a database name");
    Some(format!("{server}/{name}"))
}

/// A response: its status and JSON body (Null when there is none).
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub headers: reqwest::header::HeaderMap,
}

impl Reply {
    /// Asserts the status and returns the body.
    #[track_caller]
    pub fn expect(self, status: u16) -> Value {
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.body
        );
        self.body
    }

    /// The messages of an error body, from either form the contract allows.
    pub fn messages(&self) -> Vec<String> {
        let mut out = vec![];
        if let Some(e) = self.body["error"].as_str() {
            out.push(e.to_owned());
        }
        if let Some(es) = self.body["errors"].as_array() {
            out.extend(es.iter().filter_map(|e| e.as_str().map(str::to_owned)));
        }
        out
    }

    /// Asserts an error status whose body carries exactly `message`.
    #[track_caller]
    pub fn expect_error(self, status: u16, message: &str) {
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.body
        );
        assert_eq!(self.messages(), [message], "body: {}", self.body);
    }
}

impl TestServer {
    /// A server with the demo data.
    pub async fn start() -> TestServer {
        let server = Self::empty().await;
        demo::seed(&server.db).await.expect("seeding demo data");
        server
    }

    /// A server with an empty database.
    pub async fn empty() -> TestServer {
        Self::empty_with(|_| {}).await
    }

    /// A server with an empty database, after `prepare` has changed its configuration (or
    /// written files into its folder, such as `dist/`).
    pub async fn empty_with(prepare: impl FnOnce(&mut Config)) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config::in_folder(dir.path());
        if let Some(url) = new_postgres_database().await {
            config.database = url;
        }
        prepare(&mut config);
        Self::boot(dir, config).await
    }

    /// A server with the demo data and a changed configuration.
    pub async fn start_with(prepare: impl FnOnce(&mut Config)) -> TestServer {
        let server = Self::empty_with(prepare).await;
        demo::seed(&server.db).await.expect("seeding demo data");
        server
    }

    async fn boot(dir: TempDir, config: Config) -> TestServer {
        // The server's errors, shown with a failing test's output.
        let _ = tracing_subscriber::fmt()
            .with_env_filter("org_api_server=error")
            .with_test_writer()
            .try_init();
        let server = Server::bind(&config).await.expect("server binds");
        let base = format!("http://{}", server.address);
        let db = server.state.store.pool().clone();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            server
                .run(async {
                    let _ = stopped.await;
                })
                .await
                .expect("server runs");
        });
        TestServer {
            base,
            client: reqwest::Client::new(),
            db,
            dir,
            config,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// Another server process's worth on the same database (its own port, folder and
    /// memory), as a second instance behind a load balancer would be.
    pub async fn second_instance(&self) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = self.config.clone();
        config.outbox = dir.path().join("outbox");
        config.dist = dir.path().join("dist");
        Self::boot(dir, config).await
    }

    /// Stops the server and starts a new one on the same database file and folder.
    pub async fn restart(mut self) -> TestServer {
        let _ = self.stop.take().expect("running").send(());
        self.task
            .take()
            .expect("running")
            .await
            .expect("server stopped cleanly");
        self.db.close().await;
        let dir = std::mem::replace(&mut self.dir, tempfile::tempdir().expect("temp dir"));
        Self::boot(dir, self.config.clone()).await
    }

    pub async fn call(
        &self,
        method: Method,
        token: Option<&str>,
        path: &str,
        body: Option<Value>,
    ) -> Reply {
        let mut request = self
            .client
            .request(method, format!("{}{}", self.base, path));
        if let Some(t) = token {
            request = request.header("X-Auth-Token", t);
        }
        if let Some(b) = body {
            request = request.json(&b);
        }
        let response = request.send().await.expect("request is answered");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Reply {
            status,
            body,
            headers,
        }
    }

    pub async fn get(&self, token: &str, path: &str) -> Reply {
        self.call(Method::GET, Some(token), &api(path), None).await
    }

    pub async fn post(&self, token: &str, path: &str, body: Value) -> Reply {
        self.call(Method::POST, Some(token), &api(path), Some(body))
            .await
    }

    pub async fn put(&self, token: &str, path: &str, body: Value) -> Reply {
        self.call(Method::PUT, Some(token), &api(path), Some(body))
            .await
    }

    pub async fn delete(&self, token: &str, path: &str) -> Reply {
        self.call(Method::DELETE, Some(token), &api(path), None)
            .await
    }

    /// Signs a demo user in with their demo password.
    pub async fn sign_in(&self, email: &str) -> String {
        let first = email.split('@').next().unwrap();
        let first = if first == "sloth" { "packet" } else { first };
        let password = demo::password_for(first);
        let body = serde_json::json!({"email": email, "password": password});
        let reply = self
            .call(Method::POST, None, &api("/auth/sessions"), Some(body))
            .await;
        reply.expect(201)["token"]
            .as_str()
            .expect("token")
            .to_owned()
    }

    /// The ID of the organization named `name` among the caller's.
    pub async fn org(&self, token: &str, name: &str) -> String {
        let list = self
            .get(token, "/organizations?per_page=100")
            .await
            .expect(200);
        list["organizations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == name)
            .unwrap_or_else(|| panic!("no organization {name}"))["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// The member ID of the user with `email` in `org`.
    pub async fn member(&self, token: &str, org: &str, email: &str) -> String {
        let list = self
            .get(
                token,
                &format!("/organizations/{org}/members?include=user&per_page=1000"),
            )
            .await
            .expect(200);
        list["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["user"]["email"] == email)
            .unwrap_or_else(|| panic!("no member {email}"))["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// A project of `org` by name.
    pub async fn project(&self, token: &str, org: &str, name: &str) -> String {
        let list = self
            .get(
                token,
                &format!("/organizations/{org}/projects?per_page=100"),
            )
            .await
            .expect(200);
        list["projects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// The pending invitation for `invitee` in `org`.
    pub async fn invitation(&self, token: &str, org: &str, invitee: &str) -> Value {
        let list = self
            .get(
                token,
                &format!("/organizations/{org}/invitations?per_page=1000"),
            )
            .await
            .expect(200);
        list["invitations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["invitee"] == invitee)
            .cloned()
            .expect("invitation")
    }

    /// Every email in the outbox, as text.
    pub fn outbox(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(&self.config.outbox) else {
            return vec![];
        };
        entries
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
            .map(|e| std::fs::read_to_string(e.path()).expect("eml"))
            .collect()
    }

    /// The accept/decline link of the only email sent to `to`.
    #[track_caller]
    pub fn link_for(&self, to: &str) -> String {
        let links = self.links_for(to);
        assert_eq!(
            links.len(),
            1,
            "expected one email to {to}, found {links:?}"
        );
        links[0].clone()
    }

    /// Every accept/decline link emailed to `to`, in no particular order.
    pub fn links_for(&self, to: &str) -> Vec<String> {
        self.outbox()
            .iter()
            .filter(|m| m.contains(&format!("To: {to}\r\n")))
            .filter_map(|m| {
                m.lines()
                    .find(|l| l.contains("/invitations/"))
                    .map(|l| l.trim().to_owned())
            })
            .collect()
    }
}

impl TestServer {
    /// Signs `email` up as "New Person" through an emailed invitation `link` (its id, nonce
    /// and proof); returns the whole reply.
    pub async fn sign_up_from_link(&self, email: &str, link: &str) -> Reply {
        let (id, nonce, proof) = parse_full_link(link);
        let body = serde_json::json!({"first_name": "New", "last_name": "Person", "email": email, "password": "longenough",
            "invitation_id": id, "nonce": nonce, "proof": proof});
        self.call(Method::POST, None, &api("/users"), Some(body))
            .await
    }

    /// Signs up a new user without an invitation; returns the whole reply.
    pub async fn sign_up(&self, email: &str, password: &str) -> Reply {
        let body = serde_json::json!({"first_name": "New", "last_name": "Person", "email": email, "password": password});
        self.call(Method::POST, None, &api("/users"), Some(body))
            .await
    }

    /// The verification links emailed to `to`.
    pub fn verification_links_for(&self, to: &str) -> Vec<String> {
        self.outbox()
            .iter()
            .filter(|m| m.contains(&format!("To: {to}\r\n")))
            .filter_map(|m| {
                m.lines()
                    .find(|l| l.contains("/verify-email?token="))
                    .map(|l| l.trim().to_owned())
            })
            .collect()
    }
}

/// The token of a verification link.
pub fn token_of(link: &str) -> String {
    link.split_once("token=")
        .expect("token parameter")
        .1
        .to_owned()
}

/// `/metal/v1` + path.
pub fn api(path: &str) -> String {
    format!("/metal/v1{path}")
}

/// Splits an emailed link into the invitation ID and nonce.
pub fn parse_link(link: &str) -> (String, String) {
    let (id, nonce, _) = parse_full_link(link);
    (id, nonce)
}

/// An emailed link's invitation ID, nonce and proof (the secret only the email carries).
pub fn parse_full_link(link: &str) -> (String, String, String) {
    let (path, query) = link.split_once('?').expect("link has a query");
    let id = path.rsplit('/').next().unwrap().to_owned();
    let param = |name: &str| {
        query
            .split('&')
            .find_map(|p| p.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("{name} parameter in {link}"))
            .to_owned()
    };
    (id, param("nonce"), param("proof"))
}
