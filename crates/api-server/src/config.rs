use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use clap::Args;

use crate::limits::LimitsConfig;

/// How the server runs. Every flag can also be set by the environment variable named.
#[derive(Clone, Debug, Args)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "ORG_API_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// The database: a SQLite file (a path, or `sqlite:path`; created with its tables when
    /// missing), or a PostgreSQL URL (`postgres://user:password@host/name`; its tables are
    /// created at start). Several servers can share one PostgreSQL database.
    #[arg(long, env = "ORG_API_DATABASE", default_value = ".data/org-console.db")]
    pub database: String,

    /// Folder where invitation emails are written as .eml files when no SMTP URL is set.
    #[arg(long, env = "ORG_API_OUTBOX", default_value = ".data/outbox")]
    pub outbox: PathBuf,

    /// SMTP server for invitation emails, e.g. smtps://user:pass@mail.example.com:465.
    /// When set, emails are sent there instead of written to the outbox.
    #[arg(long, env = "ORG_API_SMTP_URL")]
    pub smtp_url: Option<String>,

    /// Sender of invitation emails.
    #[arg(
        long,
        env = "ORG_API_MAIL_FROM",
        default_value = "org-console <no-reply@org-console.localhost>"
    )]
    pub mail_from: String,

    /// The console's public URL, used in the links of invitation emails.
    /// Defaults to http://<listen address>.
    #[arg(long, env = "ORG_API_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Folder with the built console (trunk's dist/), served at /.
    #[arg(long, env = "ORG_API_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// Reverse proxies whose `X-Forwarded-For` names the client, for the per-IP limits
    /// (repeat the flag, or separate addresses with commas). From any other peer the header
    /// is ignored: anyone can send it.
    #[arg(
        long = "trusted-proxy",
        env = "ORG_API_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<IpAddr>,

    #[command(flatten)]
    pub limits: LimitsConfig,
}

impl Config {
    /// A configuration for tests and tools: everything under one folder.
    pub fn in_folder(folder: &std::path::Path) -> Config {
        Config {
            listen: "127.0.0.1:0".parse().expect("literal address"),
            database: folder.join("org-console.db").display().to_string(),
            outbox: folder.join("outbox"),
            smtp_url: None,
            mail_from: "org-console <no-reply@org-console.localhost>".into(),
            public_url: None,
            dist: folder.join("dist"),
            trusted_proxies: vec![],
            limits: LimitsConfig::default(),
        }
    }

    pub fn public_url_for(&self, bound: SocketAddr) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{bound}"))
            .trim_end_matches('/')
            .to_owned()
    }
}
